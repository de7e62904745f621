"""ELECTRE III: a valued (credibility) outranking relation exploited by two distillations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Nullable, Options, PerCriterion, Real

from ..tables import ALTERNATIVES, CRITERIA, Axis, table
from .base import Outranking, register_outranking

__all__ = ["Thresholds", "credibility", "distillation", "electre_iii"]

# Credibility degrees are products and sums of weights; two that are equal on paper may differ
# in the last bits, and a distillation compares them with strict inequalities. Differences
# within this tolerance count as equalities, so round-off never decides a comparison.
_TOL = 1e-9


def _per_criterion(value: object, m: int, name: str) -> np.ndarray:
    """``(m,)`` floats from one number or one per criterion (each already checked against the
    declared constraints); ``None`` (no veto, ``v`` only) is NaN."""
    scalar = value is None or np.ndim(value) == 0
    values = [value] * m if scalar else list(value)  # type: ignore[call-overload]
    if len(values) != m:
        raise AllianceScoreError(
            Problem(
                f"electre_iii parameter '{name}'",
                f"one value or {m} values (one per criterion)",
                f"{len(values)} values",
            )
        )
    return np.array([np.nan if item is None else float(item) for item in values])


_NAMES = ("q", "p", "v")


class Thresholds(NamedTuple):
    """Affine thresholds ``t_j(g) = slope_j * g + intercept_j`` per criterion (q, p, v).

    ``intercept`` and ``slope`` are ``(3, m)`` (rows q, p, v; ``v`` intercept ``inf`` = no
    veto); ``at`` is ``"a"`` or ``"b"``, whose performance ``g`` they are evaluated at.
    """

    intercept: np.ndarray
    slope: np.ndarray
    at: str

    def on_pairs(self, X: np.ndarray) -> np.ndarray:
        """Thresholds for criterion j and pair (a, b) at ``[:, j, a, b]``: ``(3, m, n, 1)`` when
        evaluated at a, ``(3, m, 1, n)`` at b, broadcasting against ``(m, n, n)`` tables."""
        performance = X.T[:, :, np.newaxis] if self.at == "a" else X.T[:, np.newaxis, :]
        # A finite slope times a finite performance plus inf (no veto) stays inf.
        return (
            self.slope[:, :, np.newaxis, np.newaxis] * performance[np.newaxis]
            + self.intercept[:, :, np.newaxis, np.newaxis]
        )


def _thresholds(
    X: np.ndarray, benefit: np.ndarray, at: str, values: dict[str, object]
) -> Thresholds:
    """Check the thresholds and return them; every problem is reported at once.

    Checked at every performance in the data (the only places they are evaluated):
    ``q >= 0``, ``p >= q``, ``v > p`` (or no veto); and the coherence of each slope (see
    :func:`electre_iii`).
    """
    m = X.shape[1]
    intercept = np.vstack([_per_criterion(values[name], m, name) for name in _NAMES])
    slope = np.vstack(
        [_per_criterion(values[f"{name}_slope"], m, f"{name}_slope") for name in _NAMES]
    )
    problems = []
    for j in range(m):
        where = f"electre_iii criterion {j}"
        if np.isnan(intercept[2, j]) and slope[2, j] != 0:
            problems.append(
                Problem(
                    where,
                    "a veto threshold v when v_slope is set",
                    f"v = None, v_slope = {slope[2, j]:g}",
                    "Give v (the veto threshold's constant part) or leave v_slope at 0",
                )
            )
    if problems:
        raise AllianceScoreError(problems)
    intercept[2] = np.where(np.isnan(intercept[2]), np.inf, intercept[2])
    # The coherence of a threshold function: in oriented terms (sign +1 where more is better)
    # G + t (t at a) or G - t (t at b) must not fall as G improves, i.e. the slope times the
    # sign is at least -1 (at a) or at most 1 (at b).
    sign = np.where(benefit, 1.0, -1.0)
    oriented = sign[np.newaxis, :] * slope
    bad = oriented < -1.0 if at == "a" else oriented > 1.0
    for k, j in zip(*np.nonzero(bad), strict=True):
        plus = (at == "a") == bool(benefit[j])  # g + t(g) (slope >= -1), else g - t(g)
        bound, op = ("at least -1", "+") if plus else ("at most 1", "-")
        direction, move = (
            ("benefit", "fall as g grows") if benefit[j] else ("cost", "rise as g falls")
        )
        problems.append(
            Problem(
                f"electre_iii criterion {j}",
                f"a slope {_NAMES[k]}_slope {bound} on a {direction} criterion with "
                f"thresholds_at={at!r} (g {op} {_NAMES[k]}(g) must never {move})",
                f"{_NAMES[k]}_slope = {slope[k, j]:g}",
            )
        )
    evaluated = slope[:, np.newaxis, :] * X[np.newaxis] + intercept[:, np.newaxis, :]
    q_at, p_at, v_at = evaluated  # (n, m) each: thresholds at each alternative's performance
    for j in range(m):
        where = f"electre_iii criterion {j}"
        checks = (
            (q_at[:, j] >= 0, "an indifference threshold q >= 0", "q = {q:g}"),
            (p_at[:, j] >= q_at[:, j], "a preference threshold p >= q", "q = {q:g}, p = {p:g}"),
            (
                v_at[:, j] > p_at[:, j],
                "a veto threshold v > p, or None for no veto",
                "p = {p:g}, v = {v:g}",
            ),
        )
        for holds, expected, found in checks:
            if not holds.all():
                a = int(np.flatnonzero(~holds)[0])
                values_at = dict(q=q_at[a, j], p=p_at[a, j], v=v_at[a, j])
                varying = bool(slope[:, j].any())
                problems.append(
                    Problem(
                        where,
                        expected,
                        found.format(**values_at)
                        + (f" at alternative {a}'s performance {X[a, j]:g}" if varying else ""),
                        "Thresholds with a slope must hold at every performance in the data: "
                        "change the constant part or the slope"
                        if varying
                        else "",
                    )
                )
                break  # the later checks assume the earlier ones
    if problems:
        raise AllianceScoreError(problems)
    return Thresholds(intercept, slope, at)


def _check_discrimination(alpha: float, beta: float) -> None:
    ends = (alpha, alpha + beta)  # s(0), s(1); s is affine, so these bound it on [0, 1]
    if not all(0.0 < s < 1.0 for s in ends):
        raise AllianceScoreError(
            Problem(
                "electre_iii parameters 'alpha', 'beta'",
                "a discrimination threshold s(lambda) = alpha + beta * lambda strictly between "
                "0 and 1 for every lambda in [0, 1]",
                f"s(0) = {ends[0]:g}, s(1) = {ends[1]:g}",
                "The usual choice is alpha = 0.3, beta = -0.15 (the line 0.3 - 0.15 lambda, "
                "which texts writing s = alpha * lambda + beta quote as alpha = -0.15, beta = 0.3)",
            )
        )


def credibility(
    X: np.ndarray,
    w: np.ndarray,
    benefit: np.ndarray,
    thresholds: Thresholds,
) -> dict[str, np.ndarray]:
    """Concordance, discordance and credibility tables of ELECTRE III (see :func:`electre_iii`).

    ``X`` is ``(n, m)`` in the criteria's natural units, ``w`` ``(m,)`` sums to one,
    ``thresholds`` as checked by :func:`electre_iii`. Returns ``partial_concordance (m, n,
    n)``, ``concordance (n, n)``, ``discordance (m, n, n)`` and ``credibility (n, n)``, each
    ``[..., a, b]`` about the assertion "a outranks b".
    """
    G = np.where(benefit, X, -X)  # oriented: more is better on every criterion
    # advantage[j, a, b] = g_j(b) - g_j(a): by how much b beats a on criterion j
    advantage = (G.T[:, np.newaxis, :] - G.T[:, :, np.newaxis]).astype(np.float64)
    qj, pj, vj = thresholds.on_pairs(X)  # (m, n, n) each, [j, a, b]
    width = pj - qj
    sloped = np.divide(pj - advantage, width, out=np.zeros_like(advantage), where=width > 0)
    partial = np.where(advantage <= qj, 1.0, np.where(advantage >= pj, 0.0, sloped))
    veto_width = vj - pj  # inf when there is no veto, and then the discordance stays 0
    rising = np.divide(
        advantage - pj, veto_width, out=np.zeros_like(advantage), where=np.isfinite(veto_width)
    )
    discordance = np.where(advantage <= pj, 0.0, np.where(advantage >= vj, 1.0, rising))
    concordance = np.tensordot(w, partial, axes=1)
    # sigma = C * prod over criteria with d_j > C of (1 - d_j) / (1 - C); C = 1 leaves no factor
    weakening = discordance > concordance[np.newaxis, :, :]
    factors = np.divide(
        1.0 - discordance,
        1.0 - concordance[np.newaxis, :, :],
        out=np.ones_like(discordance),
        where=weakening,
    )
    sigma = concordance * factors.prod(axis=0)
    return {
        "partial_concordance": partial,
        "concordance": concordance,
        "discordance": discordance,
        "credibility": sigma,
    }


def _qualification(sigma: np.ndarray, cut: float, alpha: float, beta: float) -> np.ndarray:
    """Strength minus weakness of each alternative in the crisp relation at cut level ``cut``.

    a S b iff sigma(a, b) > cut and sigma(a, b) - sigma(b, a) > s(sigma(a, b)), written as
    ``(1 - beta) sigma(a, b) - alpha - sigma(b, a) > 0`` (both sides with the tolerance).
    """
    margin = (1.0 - beta) * sigma - alpha - sigma.T
    crisp = (sigma > cut + _TOL) & (margin > _TOL)
    np.fill_diagonal(crisp, False)
    return crisp.sum(axis=1) - crisp.sum(axis=0)


def _next_cut(sigma: np.ndarray, level: float, alpha: float, beta: float) -> float:
    """The largest off-diagonal credibility below ``level - s(level)``, or 0 if there is none."""
    off = sigma[~np.eye(sigma.shape[0], dtype=bool)]
    below = off[off < level - (alpha + beta * level) - _TOL]
    return float(below.max()) if below.size else 0.0


def _distillate(sigma: np.ndarray, alpha: float, beta: float, descending: bool) -> np.ndarray:
    """Indices (into ``sigma``) of the first distillate of one distillation step."""
    members = np.arange(sigma.shape[0])
    if members.size == 1:
        return members
    off = sigma[~np.eye(sigma.shape[0], dtype=bool)]
    level = float(off.max())
    while True:
        sub = sigma[np.ix_(members, members)]
        cut = _next_cut(sub, level, alpha, beta)
        qual = _qualification(sub, cut, alpha, beta)
        best = qual.max() if descending else qual.min()
        members = members[qual == best]
        level = cut
        if members.size == 1 or cut == 0.0:
            return members


def distillation(
    sigma: np.ndarray, alpha: float = 0.3, beta: float = -0.15, *, descending: bool = True
) -> np.ndarray:
    """Rank of each alternative in the descending or ascending distillation, 1 = best.

    Descending: repeatedly extract the distillate of the remaining alternatives with the
    highest qualification (refined at falling cut levels until one alternative is left or
    the cut reaches 0); the k-th extracted class gets rank k. Ascending: extract the lowest
    qualification first, so the first class extracted is the worst; ranks are then numbered
    from the top, 1 = the class extracted last. Alternatives extracted together tie. The
    discrimination threshold is ``s(lambda) = alpha + beta * lambda`` (intercept first), as in
    :func:`electre_iii`, whose docstring gives the steps and the convention's sources.
    """
    n = sigma.shape[0]
    remaining = np.arange(n)
    extracted: list[np.ndarray] = []
    while remaining.size:
        local = _distillate(sigma[np.ix_(remaining, remaining)], alpha, beta, descending)
        extracted.append(remaining[local])
        remaining = np.delete(remaining, local)
    order = extracted if descending else extracted[::-1]
    rank = np.empty(n, dtype=np.int64)
    for k, group in enumerate(order, start=1):
        rank[group] = k
    return rank


_NUMBER = Real(text="a finite number")
_THRESHOLD_ROWS = Axis("threshold", _NAMES)


@register_outranking(
    "electre_iii",
    summary="Credibility, two distillations and their intersection (Roy 1978)",
    params={
        "q": PerCriterion(_NUMBER),
        "p": PerCriterion(_NUMBER),
        "v": PerCriterion(Nullable(_NUMBER, "for no veto")),
        "q_slope": PerCriterion(_NUMBER),
        "p_slope": PerCriterion(_NUMBER),
        "v_slope": PerCriterion(_NUMBER),
        "thresholds_at": Options(
            ("a", "b"),
            text="'a' (thresholds evaluated at g_j(a), the alternative tested as outranking) "
            "or 'b' (at g_j(b))",
        ),
        "alpha": _NUMBER,
        "beta": _NUMBER,
    },
    tables=[
        table(
            "partial_concordance",
            CRITERIA,
            ALTERNATIVES,
            ALTERNATIVES,
            caption="c_j(a, b) per criterion, row a over column b",
        ),
        table("concordance", ALTERNATIVES, ALTERNATIVES, caption="C(a, b), row a over column b"),
        table(
            "discordance",
            CRITERIA,
            ALTERNATIVES,
            ALTERNATIVES,
            caption="d_j(a, b) per criterion, row a over column b",
        ),
        table("credibility", ALTERNATIVES, ALTERNATIVES, caption="sigma(a, b), row a over b"),
        table("descending", ALTERNATIVES, caption="rank in the descending distillation"),
        table("ascending", ALTERNATIVES, caption="rank in the ascending distillation"),
        table(
            "thresholds",
            _THRESHOLD_ROWS,
            CRITERIA,
            caption="constant parts of q, p, v (v = inf for no veto)",
        ),
        table("threshold_slopes", _THRESHOLD_ROWS, CRITERIA, caption="slopes of q, p, v"),
    ],
)
def electre_iii(
    X: np.ndarray,
    w: np.ndarray,
    benefit: np.ndarray,
    *,
    q: float | Sequence[float] = 0.0,
    p: float | Sequence[float] = 0.0,
    v: float | Sequence[float | None] | None = None,
    q_slope: float | Sequence[float] = 0.0,
    p_slope: float | Sequence[float] = 0.0,
    v_slope: float | Sequence[float] = 0.0,
    thresholds_at: str = "a",
    alpha: float = 0.3,
    beta: float = -0.15,
) -> Outranking:
    """ELECTRE III (Roy 1978): pseudo-criteria, credibility, two distillations, their intersection.

    Thresholds, in the criterion's natural units: indifference ``q``, preference ``p`` and veto
    ``v`` (``None`` = no veto on that criterion), each constant or affine in the performance,
    ``t_j(g) = t_slope_j * g + t_j`` (Roy's thresholds that vary with the performance, e.g.
    ``p_slope = 0.2`` for "20% of the value"). Each of ``q, p, v, q_slope, p_slope, v_slope``
    is one value for every criterion or a sequence of one per criterion.

    On the analyst path (a profile's ``[methods]``) the matrix is the value-function outputs,
    0 = worst and 1 = best per indicator, every indicator a benefit: q, p and v are then in value
    units (0.1 = a tenth of the indicator's range of value), not in the data's natural units.

    ``thresholds_at`` says whose performance they are evaluated at when testing "a outranks
    b": ``"a"`` (the default), ``g = g_j(a)``, the alternative tested as outranking (on a
    benefit criterion ``c_j(a, b) = 1`` iff ``g_j(a) + q_j(g_j(a)) >= g_j(b)``); or ``"b"``,
    ``g = g_j(b)``. The two differ only when a slope is non-zero, and then they change
    results: Wang & Triantaphyllou's (2008) example reproduces with ``"a"`` and not with
    ``"b"``.

    Checked: at every performance in the data ``q >= 0``, ``p >= q`` and ``v > p``; and each
    slope is coherent, the threshold never shrinking faster than the performance improves. On
    a benefit criterion ``g + t(g)`` (at ``"a"``) or ``g - t(g)`` (at ``"b"``) never falls as
    g grows; on a cost criterion ``g - t(g)`` (at ``"a"``) or ``g + t(g)`` (at ``"b"``) never
    rises as g falls. So a slope is at least -1 on benefit criteria and at most 1 on cost
    criteria at ``"a"``, the reverse at ``"b"``. (Given the first check, an incoherent slope
    would not break the dominance property below; it would mean that no advantage between
    two performances in the data ever exceeds that threshold, which is refused as a
    modelling error.) The defaults q = p = 0, no slope and no veto make each criterion a true
    criterion; set them for the data.

    With ``delta_j(a, b) = g_j(b) - g_j(a)`` (reversed for cost criteria), i.e. by how much b
    beats a on criterion j, and the thresholds evaluated as above:

    - partial concordance ``c_j(a, b)`` = 1 if delta <= q_j; 0 if delta >= p_j;
      ``(p_j - delta) / (p_j - q_j)`` between;
    - global concordance ``C(a, b) = sum_j w_j c_j(a, b)`` (weights sum to one);
    - discordance ``d_j(a, b)`` = 0 if delta <= p_j; 1 if delta >= v_j;
      ``(delta - p_j) / (v_j - p_j)`` between;
    - credibility ``sigma(a, b) = C(a, b) * prod_{j: d_j(a, b) > C(a, b)} (1 - d_j) / (1 - C)``
      (sigma = C when no criterion is more discordant than the concordance; 0 under a veto).

    Discrimination threshold, the convention of this function: ``s(lambda) = alpha + beta *
    lambda``, ``alpha`` the intercept and ``beta`` the slope; the defaults alpha = 0.3,
    beta = -0.15 give the usual line s(lambda) = 0.3 - 0.15 lambda (s = 0.3 at lambda = 0,
    0.15 at lambda = 1). Where the line is written slope first, ``s(lambda) = alpha * lambda +
    beta`` (the ELECTRE III-IV software as usually quoted; electre-methods, which cites
    Figueira, Mousseau & Roy 2016 for it), the same line reads "alpha = -0.15, beta = 0.3":
    pass it here as alpha=0.3, beta=-0.15 (the swapped pair is refused, as it makes s(0)
    negative). The primary texts (Roy 1978, the software manual, Figueira et al.) could not
    be read for this project; the line is confirmed by three independent, readable
    implementations that agree on it: py-mcda (``mcda`` on PyPI, ``Electre3``: cut ``lambda -
    (alpha + beta * lambda)``, defaults 0.30, -0.15), electre-methods (Poznan, ``s = alpha *
    credibility + beta``, defaults -0.15, 0.30) and an industrial code (``-0.15 * lambda_0 +
    0.3``). One implementation seen, a diviz module (ElectreDistillation), uses 0.3 + 0.15
    lambda instead; it is the odd one out and is not followed.

    Distillation (Roy 1978; Roy & Bouyssou 1993; Figueira, Mousseau & Roy 2005, 2016), on a
    set D of remaining alternatives:

    1. ``lambda_0 = max sigma(a, b)`` over distinct a, b in D;
    2. ``lambda_1`` = the largest sigma(a, b) in D below ``lambda_0 - s(lambda_0)``, or 0;
    3. a S b at this cut iff ``sigma(a, b) > lambda_1`` and
       ``sigma(a, b) - sigma(b, a) > s(sigma(a, b))``;
    4. qualification = (number a outranks) - (number outranking a); keep the alternatives
       with the highest (descending) or lowest (ascending) qualification;
    5. if more than one is kept and ``lambda_1 > 0``, repeat 2-4 within them with
       ``lambda_0 := lambda_1``; otherwise they form the next class.

    Classes are removed and the procedure restarts on the rest. Credibilities within 1e-9 of
    each other count as equal in these comparisons, so round-off never decides them. The
    descending distillation ranks from the top down, the ascending one from the bottom up.

    Final relation (the ``outranks`` of the result): the intersection of the two complete
    preorders, a S b iff a is ranked at least as well as b in both. It is a partial preorder:
    a P b if a is better in one and not worse in the other, a I b if tied in both, a R b if the
    two distillations disagree. Incomparabilities are kept; ``Relation.levels`` shows them.

    Dominance: an alternative at least as good on every criterion has credibility at least as
    high against, and at most as high from, every third alternative, so it is qualified at
    least as well in every subset holding both and is never distilled after the one it
    dominates, in either direction. This needs s in (0, 1) on [0, 1] and thresholds valid at
    every performance, both checked.

    Published example: Wang & Triantaphyllou (2008), Section 3.2 (eleven waste incineration
    strategies, relative thresholds, no veto): credibility rows, both distillations, the final
    preorder and the paper's rank reversal are reproduced (tests/published, which says where
    the numbers were read and the one tie the paper breaks without saying how).

    Degenerate input: one alternative forms one class; alternatives equal on every criterion
    have sigma = 1 both ways and are indifferent; a criterion without spread has c_j = 1 and
    d_j = 0 for every pair, so its weight raises every concordance (it is not neutral). Known
    property: like ELECTRE II, the distillations can reverse the
    order of two alternatives when a third is replaced by a worse one (Wang & Triantaphyllou
    2008); the contract suite therefore does not claim independence of irrelevant alternatives.

    References: Roy (1978), "ELECTRE III: un algorithme de classements fondé sur une
    représentation floue des préférences en présence de critères multiples", Cahiers du CERO
    20(1), 3-24; Roy & Bouyssou (1993), *Aide multicritère à la décision: méthodes et cas*,
    Economica; Figueira, Mousseau & Roy (2005), "ELECTRE methods", in *Multiple Criteria
    Decision Analysis: State of the Art Surveys*, Springer, 133-162; Wang & Triantaphyllou
    (2008), "Ranking irregularities when evaluating alternatives by using some ELECTRE
    methods", Omega 36(1), 45-63; Figueira, Mousseau & Roy (2016), "ELECTRE methods", in
    *Multiple Criteria Decision Analysis: State of the Art Surveys*, 2nd ed., Springer;
    Almeida Dias, Figueira & Roy (2006), "The software ELECTRE III-IV: methodology
    and user manual (version 3.x)", CEG-IST working paper 4/2006.

    Tables: ``partial_concordance (m, n, n)``, ``concordance (n, n)``, ``discordance
    (m, n, n)``, ``credibility (n, n)``, ``descending (n,)`` and ``ascending (n,)`` (rank in
    each distillation, 1 = best), ``thresholds (3, m)`` (the constant parts of q, p, v; v =
    inf for none) and ``threshold_slopes (3, m)``.
    """
    _check_discrimination(alpha, beta)
    values = dict(q=q, p=p, v=v, q_slope=q_slope, p_slope=p_slope, v_slope=v_slope)
    thresholds = _thresholds(X, benefit, thresholds_at, values)
    tables = credibility(X, w, benefit, thresholds)
    sigma = tables["credibility"]
    down = distillation(sigma, alpha, beta, descending=True)
    up = distillation(sigma, alpha, beta, descending=False)
    outranks = (down[:, np.newaxis] <= down[np.newaxis, :]) & (
        up[:, np.newaxis] <= up[np.newaxis, :]
    )
    tables.update(
        descending=down,
        ascending=up,
        thresholds=thresholds.intercept,
        threshold_slopes=thresholds.slope,
    )
    return Outranking(outranks, tables)
