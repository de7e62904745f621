"""Best-worst method (BWM) weights: Rezaei's non-linear (2015) and linear (2016) models."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Array, Nullable, Options, Whole

from .base import WeightResult, register_weighting

if TYPE_CHECKING:
    from scipy.optimize import OptimizeResult

__all__ = [
    "BWM_MODELS",
    "CONSISTENCY_INDEX",
    "best_worst",
    "check_comparisons",
    "consistency_index",
]

BWM_MODELS = ("linear", "nonlinear")

# Rezaei (2015), Table 1: consistency index (the largest xi an a_BW allows) for a_BW = 1..9.
CONSISTENCY_INDEX = MappingProxyType(
    {1: 0.00, 2: 0.44, 3: 1.00, 4: 1.63, 5: 2.30, 6: 3.00, 7: 3.73, 8: 4.47, 9: 5.23}
)

# Comparisons are on Saaty's 1-9 scale; entries equal to 1 within this tolerance count as 1.
_SCALE = (1.0, 9.0)
_ATOL = 1e-9
# Bisection on xi stops when the bracket is this narrow; HiGHS runs with tightened tolerances
# so that its feasibility verdicts are sharper than the bracket.
_XI_TOL = 1e-10
_HIGHS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}
# Interval bounds are solved at xi* plus a relative slack, so the optimal set is not empty
# through round-off (at exactly xi* it is often a single point); the slack widens each bound by
# about as much. 1e-7 never failed on 1000 random inputs (n = 2..12); the larger one is a
# fallback should the solver still report trouble.
_XI_SLACKS = (1e-7, 1e-5)
# Weight intervals narrower than this count as one point (a unique optimum).
_UNIQUE_TOL = 1e-6


def consistency_index(a_bw: float) -> float:
    """Rezaei's (2015) consistency index for the best-over-worst judgment ``a_BW``.

    The largest ``xi`` any input with this ``a_BW`` can produce: the worst case
    ``a_Bj = a_jW = a_BW`` gives ``(a_BW - xi)^2 = a_BW + xi``, whose root in ``[0, a_BW - 1]``
    is ``((1 + 2 a_BW) - sqrt(1 + 8 a_BW)) / 2``. At ``a_BW = 1..9`` this is the printed table
    :data:`CONSISTENCY_INDEX` (0.00, 0.44, 1.00, 1.63, 2.30, 3.00, 3.73, 4.47, 5.23) to its two
    decimals; the closed form is used so the ratio is exact and covers non-integer ``a_BW``.
    """
    a = float(a_bw)
    return ((1.0 + 2.0 * a) - np.sqrt(1.0 + 8.0 * a)) / 2.0


def _as_comparisons(values: ArrayLike, name: str) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise AllianceScoreError(Problem(name, "numeric comparisons 1..9", f"{error}")) from None
    if arr.ndim != 1 or arr.size < 2:
        raise AllianceScoreError(
            Problem(
                name,
                "a flat list of comparisons, one per criterion (at least 2)",
                f"shape {arr.shape}",
            )
        )
    return arr


def _locate(
    values: np.ndarray, given: int | None, name: str, role: str, argument: str
) -> tuple[int | None, list[Problem]]:
    """The index of the best (or worst) criterion: given, or the single entry equal to 1."""
    ones = np.flatnonzero(np.isclose(values, 1.0, rtol=0.0, atol=_ATOL))
    if given is None:
        if ones.size == 1:
            return int(ones[0]), []
        found = "no entry 1" if ones.size == 0 else f"entries 1 at {ones.tolist()}"
        return None, [
            Problem(
                name,
                f"exactly one entry 1 (the {role} criterion compared with itself)",
                found,
                f"Name the {role} criterion with {argument}=<index> when others tie with it",
            )
        ]
    if isinstance(given, bool) or not isinstance(given, int | np.integer):
        return None, [Problem(argument, "a criterion index (int)", repr(given))]
    if not 0 <= given < values.size:
        return None, [Problem(argument, f"a criterion index 0..{values.size - 1}", f"{given}")]
    if int(given) not in ones:
        return None, [
            Problem(
                f"{name}[{given}]",
                f"1 (the {role} criterion compared with itself)",
                f"{values[given]:g}",
            )
        ]
    return int(given), []


def check_comparisons(
    best_to_others: ArrayLike,
    others_to_worst: ArrayLike,
    best: int | None = None,
    worst: int | None = None,
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Validated ``(a_B, a_W, best, worst)``; every problem is reported at once.

    Checks: equal lengths (at least 2); every value finite and in 1..9; the best criterion's
    own entry in ``best_to_others`` is 1 and the worst's own entry in ``others_to_worst`` is 1;
    best and worst differ; the best's entry in ``others_to_worst`` equals the worst's entry in
    ``best_to_others`` (both are the one judgment ``a_BW``); and if ``a_BW = 1`` (best as
    important as worst) every comparison is 1.
    """
    aB = _as_comparisons(best_to_others, "best_to_others")
    aW = _as_comparisons(others_to_worst, "others_to_worst")
    if aB.size != aW.size:
        raise AllianceScoreError(
            Problem(
                "others_to_worst",
                f"one comparison per criterion, like best_to_others ({aB.size})",
                f"{aW.size}",
            )
        )
    problems: list[Problem] = []
    for name, arr in (("best_to_others", aB), ("others_to_worst", aW)):
        off_scale = ~np.isfinite(arr) | (arr < _SCALE[0] - _ATOL) | (arr > _SCALE[1] + _ATOL)
        problems += [
            Problem(f"{name}[{j}]", "a comparison on the 1..9 scale", f"{arr[j]}")
            for j in np.flatnonzero(off_scale)
        ]
    if problems:
        raise AllianceScoreError(problems)
    b, found = _locate(aB, best, "best_to_others", "best", "best")
    problems += found
    w, found = _locate(aW, worst, "others_to_worst", "worst", "worst")
    problems += found
    if problems:
        raise AllianceScoreError(problems)
    assert b is not None and w is not None  # for the type checker; problems were raised above
    if b == w:
        raise AllianceScoreError(
            Problem("best, worst", "two different criteria", f"criterion {b} for both")
        )
    if not np.isclose(aW[b], aB[w], rtol=0.0, atol=_ATOL):
        raise AllianceScoreError(
            Problem(
                f"others_to_worst[{b}]",
                f"a_BW = best_to_others[{w}] = {aB[w]:g} (best over worst is one judgment, "
                "entered in both vectors)",
                f"{aW[b]:g}",
            )
        )
    if np.isclose(aB[w], 1.0, rtol=0.0, atol=_ATOL):
        not_one = [
            Problem(
                f"{name}[{j}]",
                "1 (a_BW = 1 says the best is as important as the worst, so all are equal)",
                f"{arr[j]:g}",
            )
            for name, arr in (("best_to_others", aB), ("others_to_worst", aW))
            for j in np.flatnonzero(~np.isclose(arr, 1.0, rtol=0.0, atol=_ATOL))
        ]
        if not_one:
            raise AllianceScoreError(not_one)
    return aB, aW, b, w


def _constraint_rows(
    aB: np.ndarray, aW: np.ndarray, b: int, w: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The constraint rows ``g(w) = w_B - a_Bj w_j`` (j != B) and ``w_j - a_jW w_W`` (j != W)
    as an ``(r, n)`` matrix; for each row, the criterion whose weight divides the ratio
    (``w_j`` for best-to-others, ``w_W`` for others-to-worst); and the comparison it targets."""
    n = aB.size
    others_b = np.array([j for j in range(n) if j != b])
    others_w = np.array([j for j in range(n) if j != w])
    G = np.zeros((others_b.size + others_w.size, n))
    rows_b = np.arange(others_b.size)
    G[rows_b, b] += 1.0
    G[rows_b, others_b] -= aB[others_b]
    rows_w = others_b.size + np.arange(others_w.size)
    G[rows_w, others_w] += 1.0
    G[rows_w, w] -= aW[others_w]
    denominators = np.concatenate([others_b, np.full(others_w.size, w)])
    return G, denominators, np.concatenate([aB[others_b], aW[others_w]])


def _solve(c: np.ndarray, A_ub: np.ndarray, n_vars: int, n_weights: int) -> OptimizeResult:
    """``min c x`` subject to ``A_ub x <= 0``, the weights summing to one, ``x >= 0``."""
    from scipy.optimize import linprog  # here, not at import: only BWM needs the solver

    A_eq = np.zeros((1, n_vars))
    A_eq[0, :n_weights] = 1.0
    return linprog(
        c,
        A_ub=A_ub,
        b_ub=np.zeros(A_ub.shape[0]),
        A_eq=A_eq,
        b_eq=[1.0],
        bounds=[(0.0, None)] * n_vars,
        method="highs",
        options=_HIGHS,
    )


def _linear_model(aB: np.ndarray, aW: np.ndarray, b: int, w: int) -> tuple[np.ndarray, float]:
    """Rezaei (2016): ``min xi`` s.t. ``|w_B - a_Bj w_j| <= xi``, ``|w_j - a_jW w_W| <= xi``."""
    G, _, _ = _constraint_rows(aB, aW, b, w)
    n = aB.size
    minus_xi = -np.ones((G.shape[0], 1))
    A_ub = np.vstack([np.hstack([G, minus_xi]), np.hstack([-G, minus_xi])])
    c = np.zeros(n + 1)
    c[n] = 1.0
    result = _solve(c, A_ub, n + 1, n)
    if result.status != 0:
        raise RuntimeError(f"BWM linear model: the LP solver failed ({result.message})")
    weights = np.maximum(result.x[:n], 0.0)
    return weights / weights.sum(), float(result.x[n])


def _ratio_rows(G: np.ndarray, denominators: np.ndarray, xi: float) -> np.ndarray:
    """For a fixed xi, ``|ratio - a| <= xi`` as linear rows: ``+-g(w) - xi w_den <= 0``."""
    scaled = np.zeros_like(G)
    scaled[np.arange(G.shape[0]), denominators] = xi
    return np.vstack([G - scaled, -G - scaled])


def _nonlinear_xi(aB: np.ndarray, aW: np.ndarray, b: int, w: int) -> float:
    """Rezaei (2015) optimum ``xi*`` by bisection: for a fixed xi the constraints
    ``|w_B / w_j - a_Bj| <= xi`` and ``|w_j / w_W - a_jW| <= xi`` are linear in w
    (multiply by the positive denominator), so feasibility is one LP and the smallest feasible
    xi is found to ``_XI_TOL`` (a global optimum, unlike a local non-linear solver)."""
    G, den, targets = _constraint_rows(aB, aW, b, w)
    n = aB.size

    def feasible(xi: float) -> bool:
        return _solve(np.zeros(n), _ratio_rows(G, den, xi), n, n).status == 0

    if feasible(0.0):
        return 0.0
    # Equal weights make every ratio 1, so xi = max |a - 1| is always feasible.
    lo, hi = 0.0, float(np.max(np.abs(targets - 1.0)))
    while hi - lo > _XI_TOL * max(1.0, hi):
        mid = 0.5 * (lo + hi)
        if feasible(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _weight_bounds(A_ub: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray] | None:
    """``(n, 2)`` min and max of each weight over ``{A_ub w <= 0, sum w = 1, w >= 0}`` and the
    ``(2n, n)`` solutions attaining them; None if the solver reports any trouble."""
    intervals = np.empty((n, 2))
    solutions = np.empty((2 * n, n))
    for j in range(n):
        for side, sign in enumerate((1.0, -1.0)):
            c = np.zeros(n)
            c[j] = sign
            result = _solve(c, A_ub, n, n)
            if result.status != 0:
                return None
            intervals[j, side] = result.x[j]
            solutions[2 * j + side] = result.x
    return intervals, solutions


def _nonlinear_weights(
    aB: np.ndarray, aW: np.ndarray, b: int, w: int, xi: float
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Every weight's interval over the optimal set at ``xi*`` (Rezaei 2016, interval
    analysis), the mean of the 2n LP solutions at those bounds (a convex combination of
    optimal solutions, so itself optimal: the constraints are linear for fixed xi), and
    whether the intervals are single points up to the slack."""
    G, den, _ = _constraint_rows(aB, aW, b, w)
    for slack in _XI_SLACKS:
        bounds = _weight_bounds(_ratio_rows(G, den, xi * (1.0 + slack) + slack), aB.size)
        if bounds is not None:
            intervals, solutions = bounds
            weights = np.maximum(solutions.mean(axis=0), 0.0)
            widest = float(np.max(intervals[:, 1] - intervals[:, 0]))
            unique = widest <= max(_UNIQUE_TOL, 10.0 * slack)
            return weights / weights.sum(), intervals, unique
    raise RuntimeError("BWM non-linear model: the LP solver failed on the weight intervals")


@register_weighting(
    "bwm",
    {
        "best_to_others": Array("a_Bj: one comparison per criterion on the 1..9 scale"),
        "others_to_worst": Array("a_jW: one comparison per criterion on the 1..9 scale"),
        "best": Nullable(Whole(0), "for the single entry 1 of best_to_others"),
        "worst": Nullable(Whole(0), "for the single entry 1 of others_to_worst"),
        "model": Options(BWM_MODELS),
    },
)
def best_worst(
    best_to_others: ArrayLike,
    others_to_worst: ArrayLike,
    best: int | None = None,
    worst: int | None = None,
    model: str = "linear",
) -> WeightResult:
    """Best-worst method weights from two vectors of comparisons on the 1..9 scale.

    ``best_to_others[j] = a_Bj``: how much more important the best criterion B is than j
    (``a_BB = 1``). ``others_to_worst[j] = a_jW``: how much more important j is than the worst
    criterion W (``a_WW = 1``). ``a_BW`` appears in both. ``best`` and ``worst`` are indices,
    needed only when another criterion ties with the best (or worst) at 1; otherwise the
    single entry 1 of each vector names them. Errors name the offending entry.

    Models:

    - ``"linear"`` (default; Rezaei 2016): ``min xi^L`` s.t. ``|w_B - a_Bj w_j| <= xi^L`` and
      ``|w_j - a_jW w_W| <= xi^L`` for all j, ``sum w = 1``, ``w >= 0``. One LP
      (``scipy.optimize.linprog``, HiGHS); the optimal weights are unique.
    - ``"nonlinear"`` (Rezaei 2015): ``min xi`` s.t. ``|w_B / w_j - a_Bj| <= xi`` and
      ``|w_j / w_W - a_jW| <= xi``, same normalisation. Solved globally: for fixed xi the
      constraints are linear, so ``xi*`` is found by bisection over LP feasibility (to
      1e-10). ``xi*`` is unique, but for n >= 4 inconsistent inputs can have **many optimal
      weight vectors** (Rezaei 2016). The diagnostics give each weight's interval over the
      optimal set (``weight_intervals``, ``(n, 2)``, Rezaei 2016's interval analysis) and
      ``unique``; the returned weights are the mean of the 2n LP solutions at the interval
      bounds, an optimal solution inside every interval (a deterministic choice among equals).

    Consistency (both models): ``xi_nonlinear`` is the non-linear optimum ``xi*`` (computed
    whatever the model, because Rezaei's consistency index is defined for it),
    ``consistency_index`` is :func:`consistency_index` of ``a_BW`` and ``consistency_ratio``
    is ``xi* / CI`` (0 = fully consistent, ``a_Bj a_jW = a_BW`` for all j; with ``a_BW = 1``
    every comparison is 1 and the ratio is 0). The index assumes no comparison exceeds
    ``a_BW`` (no criterion trails the best, or beats the worst, by more than the worst trails
    the best); inputs that break this can give a ratio above 1, which is reported, not
    refused. Rezaei (2015) gives no acceptance threshold, so none is applied. The linear
    model also reports ``xi_linear`` (``xi^L``), which Rezaei (2016) proposes as a consistency
    indicator in weight units, not comparable with the CI table. Direction of the decision
    criteria (benefit or cost) plays no part.

    References: Rezaei (2015), "Best-worst multi-criteria decision-making method", Omega 53,
    49-57; Rezaei (2016), "Best-worst multi-criteria decision-making method: some properties
    and a linear model", Omega 64, 126-130.
    """
    aB, aW, b, w = check_comparisons(best_to_others, others_to_worst, best, worst)
    a_bw = float(aB[w])
    xi_star = _nonlinear_xi(aB, aW, b, w)
    ci = consistency_index(a_bw)
    diagnostics: dict[str, object] = {
        "model": model,
        "best": b,
        "worst": w,
        "a_bw": a_bw,
        "xi_nonlinear": xi_star,
        "consistency_index": ci,
        "consistency_ratio": xi_star / ci if ci > 0 else 0.0,
    }
    if model == "linear":
        weights, xi_linear = _linear_model(aB, aW, b, w)
        diagnostics.update(xi_linear=xi_linear, unique=True)
    else:
        weights, intervals, unique = _nonlinear_weights(aB, aW, b, w, xi_star)
        diagnostics.update(weight_intervals=intervals, unique=unique)
    return WeightResult("bwm", weights, diagnostics)
