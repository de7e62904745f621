"""Why is A above B: the difference between two alternatives of one result, by indicator.

The additive value (the weighted sum's score on the analyst path) is a sum over indicators,
so its difference is one too: ``sum_j w_j (r_Aj - r_Bj)``, exactly. Other methods are
decomposed only where their formula is a sum, and each breakdown says what it adds up to:

- PROMETHEE II: the net flow is ``sum_j w_j phi_j`` (Brans & Mareschal 2005), so
  ``phi_A - phi_B = sum_j w_j (phi_j(A) - phi_j(B))``, exactly;
- VIKOR: ``Q_B - Q_A = v (S_B - S_A) / (S- - S*) + (1 - v) (R_B - R_A) / (R- - R*)``
  (Opricovic & Tzeng 2004, sec. 3): the group-utility term splits by indicator; the regret
  term is each side's single worst weighted gap, named with its indicator;
- TOPSIS: the closeness ``D- / (D+ + D-)`` is not a sum, but the squared distances are
  (``D+^2 = sum_j w_j^2 (r_j - r*_j)^2``, Hwang & Yoon 1981, sec. 3.6): their differences are
  split by indicator, the closeness is not.

Every other method gives the two scores and ranks only. Everything is read from the
:class:`~alliancescore.analysis.result.Result` (scores, the methods' intermediate tables at the
profile's weights); nothing is scored again. Signs are "in A's favour": a positive part
helps A against B whatever the method's direction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from alliancescore.analysis.matrix import screen_of
from alliancescore.analysis.result import Result
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean

__all__ = ["Breakdown", "MethodVersus", "Versus", "check_alternative", "versus"]


@dataclass(frozen=True)
class Breakdown:
    """One additive decomposition: ``parts`` (a Series by indicator or term, in A's favour,
    largest absolute first) add up to ``total``, which is ``of`` (a short description)."""

    of: str
    parts: pd.Series
    total: float

    def top(self, k: int = 3) -> pd.Series:
        return self.parts.iloc[:k]


@dataclass(frozen=True)
class MethodVersus:
    """One method's view of A against B: scores and ranks (1 = best), the advantage in A's
    favour (``score_a - score_b``, or its negative for a lower-is-better method), and the
    breakdowns that exist for this method (none for most), with notes naming what is not a
    sum."""

    method: str
    higher_is_better: bool
    score_a: float
    score_b: float
    rank_a: int
    rank_b: int
    advantage: float
    breakdowns: tuple[Breakdown, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Versus:
    """Alternative ``a`` against ``b`` under one :class:`Result`.

    indicators : indicators x (``weight``, ``raw_a``, ``value_a``, ``source_a``, ``filled_a``,
        the same for b, ``difference`` = weight x (value_a - value_b)), largest absolute
        difference first. ``value`` is what the additive value adds: the weighted sum's
        normalised table where the profile runs it (the value-function output itself under
        the analyst path's ``identity`` normalisation), else the value matrix.
    total : the sum of ``difference``; ``basis`` says what it is the difference of.
    methods : one :class:`MethodVersus` per score method; ``relations``: per outranking
        method, how A and B relate (``"a outranks b"``, ``"b outranks a"``, ``"indifferent"``,
        ``"incomparable"``) and their levels in the final preorder.
    """

    a: str
    b: str
    labels: tuple[str, str]
    n: int
    basis: str
    indicators: pd.DataFrame
    total: float
    methods: tuple[MethodVersus, ...]
    relations: dict[str, dict[str, Any]] = field(default_factory=dict)


def check_alternative(
    result: Result, name: str, where: str, of: str, *, ranked: bool = True
) -> None:
    """Raise the analyst's message unless ``name`` is an alternative of ``result`` (``where``:
    the argument, e.g. ``CANDIDATE`` or ``--versus``; ``of``: the profile's name), and, with
    ``ranked``, one kept in the ranking (not excluded)."""
    alternatives = list(result.matrix.alternatives.index)
    if name not in alternatives and name in result.matrix.screened:
        key, _, _ = screen_of(result.matrix.screened[name])
        raise AllianceScoreError(
            Problem(
                where,
                f"a candidate or coalition of {of}",
                f"{name!r}, screened out by candidates.{key} ({result.matrix.screened[name]})",
                f"Set {key} = false in the profile's [candidates] to score it",
            )
        )
    if name not in alternatives:
        raise AllianceScoreError(
            Problem(where, f"a candidate or coalition of {of}", *_not_alternative(result, name))
        )
    if ranked and name not in result.scores.index:
        reason = result.matrix.excluded.get(name, "not ranked")
        raise AllianceScoreError(
            Problem(
                where,
                f"an alternative ranked in {of}",
                f"{name!r}, excluded from the ranking ({reason})",
                "Compare two alternatives that are ranked",
            )
        )


def _not_alternative(result: Result, name: str) -> tuple[str, str]:
    """What was found and the hint for ``name``, no alternative of ``result``: the focal nation
    and the threat actors are no typos of a candidate's code, so they are named as such."""
    alternatives = list(result.matrix.alternatives.index)
    code, profile = name.strip().upper(), result.profile
    if code == profile.focal:
        found = f"{name!r}, the focal nation (the profile ranks partners for {code})"
    elif code in {t.actor for t in profile.threats}:
        found = f"{name!r}, a threat actor of this profile, not a candidate"
    else:
        return repr(name), did_you_mean(name, alternatives)
    known = sorted(alternatives)
    listed = ", ".join(map(repr, known)) if len(known) <= 30 else f"{len(known)} names"
    return found, f"Explain one of its candidates or coalitions: {listed}"


def _sorted(parts: pd.Series) -> pd.Series:
    order = np.argsort(-np.abs(parts.to_numpy(dtype=np.float64)), kind="stable")
    return parts.iloc[order]


def _additive(result: Result, a: str, b: str) -> tuple[str, pd.DataFrame]:
    m = result.matrix
    leaves = list(result.weights.leaves)
    w = result.weights.leaf_weights
    w = w / w.sum()
    if "weighted_sum" in result.tables:
        normalisation = result.methods["weighted_sum"].get("normalisation", "identity")
        r = np.asarray(result.tables["weighted_sum"]["normalised"])
        rows = [m.values.index.get_loc(a), m.values.index.get_loc(b)]
        ra, rb = r[rows[0]], r[rows[1]]
        basis = (
            "weighted_sum score"
            if normalisation == "identity"
            else f"weighted_sum score (values normalised: {normalisation})"
        )
    else:
        ra = m.values.loc[a, leaves].to_numpy(dtype=np.float64)
        rb = m.values.loc[b, leaves].to_numpy(dtype=np.float64)
        basis = "additive value (weighted sum of values; not a method of this profile)"
    frame = pd.DataFrame(
        {
            "weight": w,
            "raw_a": m.raw.loc[a, leaves].to_numpy(),
            "value_a": ra,
            "source_a": m.sources.loc[a, leaves].to_numpy(),
            "filled_a": m.policy_applied.loc[a, leaves].to_numpy(),
            "raw_b": m.raw.loc[b, leaves].to_numpy(),
            "value_b": rb,
            "source_b": m.sources.loc[b, leaves].to_numpy(),
            "filled_b": m.policy_applied.loc[b, leaves].to_numpy(),
            "difference": w * ra - w * rb,
        },
        index=pd.Index(leaves, name="indicator"),
    )
    order = np.argsort(-np.abs(frame["difference"].to_numpy()), kind="stable")
    return basis, frame.iloc[order]


def _promethee(result: Result, method: str, ia: int, ib: int, w: np.ndarray) -> Breakdown:
    flows = np.asarray(result.tables[method]["single_criterion_flows"])
    parts = pd.Series(w * flows[ia] - w * flows[ib], index=list(result.weights.leaves))
    return Breakdown(
        "the net flow difference: weight x (single-criterion net flow of A - of B)",
        _sorted(parts),
        float(parts.sum()),
    )


def _span(values: np.ndarray) -> float:
    """``max - min`` as VIKOR rescales it; 0 where the spread is within round-off (the
    kernel's rule: such a term counts 0 for everyone)."""
    lo, hi = float(values.min()), float(values.max())
    span = hi - lo
    return 0.0 if span <= 1e-12 * max(abs(hi), abs(lo)) else span


def _vikor(
    result: Result, method: str, ia: int, ib: int, w: np.ndarray
) -> tuple[tuple[Breakdown, ...], tuple[str, ...]]:
    tables = result.tables[method]
    v = float(result.methods[method].get("v", 0.5))
    d = np.asarray(tables["d"])
    S, R = np.asarray(tables["S"]).ravel(), np.asarray(tables["R"]).ravel()
    leaves = list(result.weights.leaves)
    span_s, span_r = _span(S), _span(R)
    group = v / span_s if span_s else 0.0
    regret = (1.0 - v) / span_r if span_r else 0.0
    parts = pd.Series(group * (w * d[ib] - w * d[ia]), index=leaves)
    regret_part = regret * (R[ib] - R[ia])
    worst_a, worst_b = int(np.argmax(w * d[ia])), int(np.argmax(w * d[ib]))
    terms = pd.Series(
        {"group utility (S)": float(parts.sum()), "individual regret (R)": regret_part}
    )
    breakdowns = (
        Breakdown("Q_B - Q_A: the group-utility and the regret term", terms, float(terms.sum())),
        Breakdown(
            f"the group-utility term: v / (S- - S*) x weight x (gap of B - gap of A), v = {v:g}",
            _sorted(parts),
            float(parts.sum()),
        ),
    )
    notes = (
        f"regret (the largest weighted gap to the best value): A {R[ia]:.4f} on "
        f"{leaves[worst_a]}, B {R[ib]:.4f} on {leaves[worst_b]}; the regret term is "
        f"(1 - v) / (R- - R*) x (R_B - R_A), one indicator each, not a sum",
    )
    return breakdowns, notes


def _topsis(
    result: Result, method: str, ia: int, ib: int, w: np.ndarray
) -> tuple[tuple[Breakdown, ...], tuple[str, ...]]:
    tables = result.tables[method]
    r = np.asarray(tables["normalised"])
    ideal, anti = np.asarray(tables["ideal"]), np.asarray(tables["anti_ideal"])
    d_plus, d_minus = np.asarray(tables["d_plus"]).ravel(), np.asarray(tables["d_minus"]).ravel()
    leaves = list(result.weights.leaves)
    w2 = w * w
    nearer = pd.Series(w2 * (r[ib] - ideal) ** 2 - w2 * (r[ia] - ideal) ** 2, index=leaves)
    farther = pd.Series(w2 * (r[ia] - anti) ** 2 - w2 * (r[ib] - anti) ** 2, index=leaves)
    breakdowns = (
        Breakdown(
            "D+_B^2 - D+_A^2: how much nearer A is to the ideal, weight^2 x squared gaps",
            _sorted(nearer),
            float(nearer.sum()),
        ),
        Breakdown(
            "D-_A^2 - D-_B^2: how much farther A is from the anti-ideal, weight^2 x squared gaps",
            _sorted(farther),
            float(farther.sum()),
        ),
    )
    notes = (
        f"distances: A D+ {d_plus[ia]:.4f}, D- {d_minus[ia]:.4f}; B D+ {d_plus[ib]:.4f}, "
        f"D- {d_minus[ib]:.4f}; closeness D- / (D+ + D-) is a ratio of square roots, "
        "not a sum over indicators",
    )
    return breakdowns, notes


def _method(result: Result, method: str, a: str, b: str) -> MethodVersus:
    index = result.scores.index
    ia, ib = index.get_loc(a), index.get_loc(b)
    score_a, score_b = float(result.scores.loc[a, method]), float(result.scores.loc[b, method])
    higher = bool(result.higher_is_better[method])
    advantage = score_a - score_b if higher else score_b - score_a
    w = result.weights.leaf_weights
    w = w / w.sum()
    breakdowns: tuple[Breakdown, ...] = ()
    notes: tuple[str, ...] = ()
    tables = result.tables.get(method, {})
    if method == "promethee_ii" and "single_criterion_flows" in tables:
        breakdowns = (_promethee(result, method, ia, ib, w),)
    elif method == "vikor" and {"d", "S", "R"} <= set(tables):
        breakdowns, notes = _vikor(result, method, ia, ib, w)
    elif method == "topsis" and {"d_plus", "d_minus", "normalised"} <= set(tables):
        breakdowns, notes = _topsis(result, method, ia, ib, w)
    return MethodVersus(
        method,
        higher,
        score_a,
        score_b,
        int(result.ranks.loc[a, method]),
        int(result.ranks.loc[b, method]),
        advantage,
        breakdowns,
        notes,
    )


def _relations(result: Result, a: str, b: str) -> dict[str, dict[str, Any]]:
    index = result.scores.index
    ia, ib = index.get_loc(a), index.get_loc(b)
    out = {}
    for method, relation in result.relations.items():
        if relation.preference[ia, ib]:
            how = "a outranks b"
        elif relation.preference[ib, ia]:
            how = "b outranks a"
        elif relation.indifference[ia, ib]:
            how = "indifferent"
        else:
            how = "incomparable"
        levels = relation.levels
        out[method] = {"relation": how, "level_a": int(levels[ia]), "level_b": int(levels[ib])}
    return out


def versus(
    result: Result,
    a: str,
    b: str,
    *,
    names: tuple[str, str] = ("a", "b"),
    of: str | None = None,
) -> Versus:
    """Why ``a`` ranks where it does against ``b`` (candidate ISO3 codes or coalition ids).

    Raises :class:`~alliancescore.errors.AllianceScoreError` for an unknown or excluded
    alternative (with a did-you-mean) and for ``a == b``, naming the argument by ``names``
    (the command line passes its own) and the profile by ``of`` (default: its id).
    """
    of = of or f"profile {result.profile.id}"
    check_alternative(result, a, names[0], of)
    check_alternative(result, b, names[1], of)
    if a == b:
        raise AllianceScoreError(
            Problem(
                names[1],
                f"an alternative other than {a!r}",
                repr(b),
                "Compare two different alternatives",
            )
        )
    basis, indicators = _additive(result, a, b)
    labels = result.matrix.alternatives["label"]
    return Versus(
        a=a,
        b=b,
        labels=(str(labels[a]), str(labels[b])),
        n=len(result.scores),
        basis=basis,
        indicators=indicators,
        total=float(indicators["difference"].sum()),
        methods=tuple(_method(result, m, a, b) for m in result.methods),
        relations=_relations(result, a, b),
    )
