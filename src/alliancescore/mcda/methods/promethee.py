"""PROMETHEE II: complete ranking by net outranking flow."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.params import Constraint, Nullable, Options, PerCriterion, Real

from ..method import Kernel, register_method
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table

__all__ = ["PARAMS", "PREFERENCE_FUNCTIONS", "preference_degrees"]

# Pairwise preference tables are kept for the "pi" detail table up to this many cells.
_KEEP_PAIRWISE_CELLS = 4_000_000


def _usual(d, q, p, s):
    return (d > 0).astype(np.float64)


def _ushape(d, q, p, s):
    return (d > q).astype(np.float64)


def _vshape(d, q, p, s):
    return np.clip(d / p, 0.0, 1.0)


def _level(d, q, p, s):
    return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))


def _linear(d, q, p, s):
    return np.clip((d - q) / (p - q), 0.0, 1.0)


def _gaussian(d, q, p, s):
    positive = np.maximum(d, 0.0)
    return -np.expm1(-(positive * positive) / (2.0 * s * s))


# name -> (Brans-Vincke type number, F(d, q, p, s), thresholds it reads)
PREFERENCE_FUNCTIONS: dict[str, tuple[int, Callable, tuple[str, ...]]] = {
    "usual": (1, _usual, ()),
    "ushape": (2, _ushape, ("q",)),
    "vshape": (3, _vshape, ("p",)),
    "level": (4, _level, ("q", "p")),
    "linear": (5, _linear, ("q", "p")),
    "gaussian": (6, _gaussian, ("s",)),
}
_BY_NUMBER = {number: name for name, (number, _, _) in PREFERENCE_FUNCTIONS.items()}


class _PreferenceFunction(Constraint):
    """A name in :data:`PREFERENCE_FUNCTIONS` or a Brans-Vincke type number 1-6."""

    def accepts(self, value: object) -> bool:
        if isinstance(value, str):
            return value in PREFERENCE_FUNCTIONS
        return (
            isinstance(value, int | np.integer)
            and not isinstance(value, bool)
            and (int(value) in _BY_NUMBER)
        )

    def expected(self) -> str:
        return "a preference function name or Brans-Vincke type number 1-6"

    def hint(self, value: object) -> str:
        return did_you_mean(str(value), PREFERENCE_FUNCTIONS)


_THRESHOLD = PerCriterion(Nullable(Real(text="a finite number"), "(not given)"))

PARAMS = {
    "preference": PerCriterion(_PreferenceFunction()),
    "q": _THRESHOLD,
    "p": _THRESHOLD,
    "s": _THRESHOLD,
    "flows": Options(("mean", "sum")),
}
"""PROMETHEE's parameters, declared once for PROMETHEE II and PROMETHEE I."""


def _per_criterion(value, m: int, name: str) -> list:
    if isinstance(value, str) or np.ndim(value) == 0:
        return [value] * m
    values = list(value)
    if len(values) != m:
        raise AllianceScoreError(
            Problem(
                f"promethee_ii parameter {name!r}",
                f"one value or {m} values (one per criterion)",
                f"{len(values)} values",
            )
        )
    return values


def _threshold_array(value, m: int, name: str) -> np.ndarray:
    values = _per_criterion(value, m, name)
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


def _resolve_functions(preference, m: int) -> list[str]:
    """Each criterion's function name (items already checked against ``PARAMS``)."""
    items = _per_criterion(preference, m, "preference")
    return [item if isinstance(item, str) else _BY_NUMBER[int(item)] for item in items]


def _shown(value: float) -> str:
    return "none given" if np.isnan(value) else f"{value:g}"


def _check_thresholds(names: list[str], q: np.ndarray, p: np.ndarray, s: np.ndarray) -> None:
    problems = []
    for j, name in enumerate(names):
        where = f"promethee_ii criterion {j} ({name})"
        if name in ("ushape", "level", "linear") and not q[j] >= 0:
            problems.append(
                Problem(where, "an indifference threshold q >= 0", f"q = {_shown(q[j])}")
            )
        if name == "vshape" and not p[j] > 0:
            problems.append(Problem(where, "a preference threshold p > 0", f"p = {_shown(p[j])}"))
        if name in ("level", "linear") and not p[j] > q[j]:
            problems.append(
                Problem(
                    where, "a preference threshold p > q", f"q = {_shown(q[j])}, p = {_shown(p[j])}"
                )
            )
        if name == "gaussian" and not s[j] > 0:
            problems.append(Problem(where, "a Gaussian threshold s > 0", f"s = {_shown(s[j])}"))
    if problems:
        raise AllianceScoreError(problems)


def preference_degrees(
    column: np.ndarray, function: str, q: float, p: float, s: float, benefit: bool
) -> np.ndarray:
    """``P(a, b)`` for one criterion: an ``(n, n)`` array, row a preferred to column b.

    ``d(a, b) = x_a - x_b`` for a benefit criterion and ``x_b - x_a`` for a cost criterion;
    ``P = F(d)`` with F one of :data:`PREFERENCE_FUNCTIONS`, 0 whenever ``d <= 0``.
    """
    d = column[:, np.newaxis] - column[np.newaxis, :]
    if not benefit:
        d = -d
    return PREFERENCE_FUNCTIONS[function][1](d, q, p, s)


@register_method(
    "promethee_ii",
    higher_is_better=True,
    summary="Net outranking flow (Brans & Vincke 1985)",
    contract_opt_outs={},
    params=PARAMS,
    tables=[
        table(
            "single_criterion_flows",
            ALTERNATIVES,
            CRITERIA,
            caption="phi_j: net flow on each criterion alone",
        ),
        table("single_criterion_phi_plus", ALTERNATIVES, CRITERIA, caption="phi+_j: leaving"),
        table("single_criterion_phi_minus", ALTERNATIVES, CRITERIA, caption="phi-_j: entering"),
        table("preference_functions", CRITERIA, caption="each criterion's preference function"),
        per_weights("phi_plus", ALTERNATIVES, caption="phi+: leaving flow"),
        per_weights("phi_minus", ALTERNATIVES, caption="phi-: entering flow"),
        per_weights(
            "pi",
            ALTERNATIVES,
            ALTERNATIVES,
            caption="pi(a, b): preference of row a over column b",
        ),
    ],
)
def promethee_ii(
    X: np.ndarray,
    benefit: np.ndarray,
    *,
    preference: str | int | Sequence[str | int] = "usual",
    q: float | Sequence[float | None] | None = None,
    p: float | Sequence[float | None] | None = None,
    s: float | Sequence[float | None] | None = None,
    flows: str = "mean",
) -> Kernel:
    """PROMETHEE II net flow ``phi(a) = phi+(a) - phi-(a)``, higher is better.

    For each criterion j, ``d_j(a, b)`` is the difference ``x_aj - x_bj`` (reversed for cost
    criteria) and ``P_j(a, b) = F_j(d_j(a, b))`` one of the six generalised criteria of Brans &
    Vincke (1985), with thresholds in the criterion's own units:

    1. ``usual``: 1 if d > 0.
    2. ``ushape`` (quasi-criterion): 1 if d > q.
    3. ``vshape`` (linear preference): d / p, capped at 1.
    4. ``level``: 0 if d <= q, 1/2 if q < d <= p, 1 if d > p.
    5. ``linear`` (with indifference): (d - q) / (p - q) between q and p, capped at 1.
    6. ``gaussian``: 1 - exp(-d^2 / (2 s^2)) for d > 0.

    ``pi(a, b) = sum_j w_j P_j(a, b)``. With ``flows="mean"`` (the modern convention,
    Brans & Mareschal 2005) ``phi+(a) = sum_b pi(a, b) / (n - 1)`` and
    ``phi-(a) = sum_b pi(b, a) / (n - 1)``, so flows lie in [-1, 1]; ``flows="sum"`` drops the
    division, as in the worked example of Brans, Vincke & Mareschal (1986). Rankings are the
    same either way.

    ``preference``, ``q``, ``p`` and ``s`` take one value for all criteria or one per
    criterion; functions may be named or given by type number 1-6. ``p`` is always the
    absolute difference at which preference becomes strict (the modern convention). Brans,
    Vincke & Mareschal (1986) give the level and linear criteria a *width* after q instead:
    pass their (q, p) as (q, q + p).

    Batched: the single-criterion flows ``phi_j(a) = (sum_b P_j(a,b) - P_j(b,a)) / (n - 1)``
    do not depend on the weights, so ``phi = W @ phi_j.T``, one matrix product.

    Scale invariance: rescaling a criterion leaves rankings unchanged for the usual criterion;
    threshold-based functions need their thresholds rescaled with the criterion.

    References: Brans & Vincke (1985), "A preference ranking organisation method",
    Management Science 31(6), 647-656; Brans, Vincke & Mareschal (1986), "How to select and
    how to rank projects: The PROMETHEE method", EJOR 24(2), 228-238.

    Tables: ``single_criterion_flows (n, m)``, ``single_criterion_phi_plus (n, m)``,
    ``single_criterion_phi_minus (n, m)``; per weight vector ``phi_plus``, ``phi_minus (n,)``
    and, for up to 4 million pairwise cells, ``pi (n, n)``.
    """
    n, m = X.shape
    names = _resolve_functions(preference, m)
    q_arr = _threshold_array(q, m, "q")
    p_arr = _threshold_array(p, m, "p")
    s_arr = _threshold_array(s, m, "s")
    q_arr = np.where(np.isnan(q_arr), 0.0, q_arr)  # no indifference unless stated
    _check_thresholds(names, q_arr, p_arr, s_arr)

    denominator = max(n - 1, 1) if flows == "mean" else 1
    keep_pairwise = n * n * m <= _KEEP_PAIRWISE_CELLS
    pairwise = np.empty((m, n, n)) if keep_pairwise else None
    phi_plus_j = np.empty((n, m))
    phi_minus_j = np.empty((n, m))
    for j in range(m):  # a loop over criteria, not samples: m small arrays of (n, n)
        P = preference_degrees(X[:, j], names[j], q_arr[j], p_arr[j], s_arr[j], benefit[j])
        phi_plus_j[:, j] = P.sum(axis=1) / denominator
        phi_minus_j[:, j] = P.sum(axis=0) / denominator
        if pairwise is not None:
            pairwise[j] = P
    net_t = np.ascontiguousarray((phi_plus_j - phi_minus_j).T)  # (m, n)

    def score(W: np.ndarray) -> np.ndarray:
        return W @ net_t

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        tables = {"phi_plus": W @ phi_plus_j.T, "phi_minus": W @ phi_minus_j.T}
        if pairwise is not None:
            tables["pi"] = np.einsum("sj,jab->sab", W, pairwise)
        return tables

    return Kernel(
        score,
        {
            "single_criterion_flows": phi_plus_j - phi_minus_j,
            "single_criterion_phi_plus": phi_plus_j,
            "single_criterion_phi_minus": phi_minus_j,
            "preference_functions": np.array(names),
        },
        detail,
        bytes_per_sample=8 * n,
        linear=net_t.T,
    )
