"""Stability intervals and the most critical criterion.

For each group of criteria (a criterion, or the leaves under a tree node) this finds the range
of the group's total weight, others rescaled in proportion (see :mod:`.sweeps`), within which

- the top choice stays the same (``top1``),
- the first ``k`` alternatives stay the same and in the same order (``topk``),
- the whole ranking stays the same (``full``).

Between consecutive switch points the ranking is constant, so the intervals are read off
the switch points by evaluating the ranking once inside each gap (exact for linear methods,
to the sweep tolerance otherwise). The interval is closed at the switch points that bound
it: at those weights two alternatives tie. (Mareschal 1988, "Weight stability intervals in
multicriteria decision aid", EJOR 33(1), 54-64, for the PROMETHEE case.)

The most critical criterion (Triantaphyllou & Sánchez 1997, "A sensitivity analysis approach
for some deterministic MCDM methods", Decision Sciences 28(1), 151-194) is the one whose
smallest weight change, here along the proportional path, changes the top choice: both the
absolute change ``|t - t0|`` and the relative change ``|t - t0| / t0`` are reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.mcda import prepare, rank_scores
from alliancescore.mcda._checks import as_weights

from .sweeps import DEFAULT_GRID, DEFAULT_TOL, sweep, sweep_path

__all__ = ["StabilityInterval", "StabilityResult", "stability_intervals"]


@dataclass(frozen=True)
class StabilityInterval:
    """Weight ranges for one group; each range is ``(low, high)`` in [0, 1]."""

    group: tuple[int, ...]
    t0: float
    top1: tuple[float, float]
    topk: tuple[float, float]
    full: tuple[float, float]
    top1_change: float  # smallest |t - t0| that changes the top choice; inf if none
    top1_relative_change: float  # top1_change / t0 (inf when t0 = 0 and no change)


@dataclass(frozen=True)
class StabilityResult:
    method: str
    k: int
    exact: bool
    tol: float
    reference_ranks: np.ndarray
    intervals: tuple[StabilityInterval, ...]

    @property
    def most_critical(self) -> StabilityInterval | None:
        """The group with the smallest absolute weight change that changes the top choice."""
        finite = [iv for iv in self.intervals if np.isfinite(iv.top1_change)]
        return min(finite, key=lambda iv: iv.top1_change) if finite else None


def _holding_range(
    bounds: np.ndarray, gap_ok: np.ndarray, t0: float, atol: float
) -> tuple[float, float]:
    """Largest run of consecutive gaps where the property holds, around ``t0``.

    ``bounds`` are the sorted switch points with 0 and 1 added; gap q spans
    ``bounds[q]..bounds[q + 1]``. A switch point within ``atol`` of ``t0`` (the sweep's
    tolerance) counts as the profile itself sitting on a tie.
    """
    near = np.flatnonzero(np.abs(bounds[1:-1] - t0) <= atol) + 1
    at_switch = near.size > 0
    if at_switch:
        q = int(near[0])
    else:
        q = int(np.clip(np.searchsorted(bounds, t0, side="right") - 1, 0, gap_ok.size - 1))
    if at_switch:
        # At a switch point the profile itself has a tie; extend only into gaps that agree.
        left_q, right_q = q - 1, q
    else:
        if not gap_ok[q]:
            return (t0, t0)
        left_q = right_q = q
    lo_q = left_q
    while lo_q >= 0 and gap_ok[lo_q]:
        lo_q -= 1
    hi_q = right_q
    while hi_q < gap_ok.size and gap_ok[hi_q]:
        hi_q += 1
    low = float(bounds[lo_q + 1]) if lo_q + 1 <= left_q else t0
    high = float(bounds[hi_q]) if hi_q - 1 >= right_q else t0
    return (min(low, t0), max(high, t0))


def stability_intervals(
    method: str,
    X: ArrayLike,
    weights: ArrayLike,
    benefit: ArrayLike | None = None,
    *,
    groups: Sequence[int | Sequence[int]] | None = None,
    k: int = 3,
    grid: int = DEFAULT_GRID,
    tol: float = DEFAULT_TOL,
    params: Mapping[str, Any] | None = None,
) -> StabilityResult:
    """Stability intervals of the top choice, the top ``k`` and the full ranking.

    ``groups`` defaults to every single criterion; pass lists of criterion indices for tree
    nodes. Returns one :class:`StabilityInterval` per group and the most critical one.
    """
    prepared = prepare(method, X, benefit, **dict(params or {}))
    W0, _ = as_weights(weights, prepared.n_criteria)
    w0 = W0[0]
    n = prepared.n_alternatives
    k = max(1, min(k, n))
    reference = rank_scores(prepared.kernel.score(W0)[0], prepared.higher_is_better)
    ref_order = np.argsort(reference, kind="stable")
    groups = groups if groups is not None else list(range(prepared.n_criteria))
    intervals, exact = [], True
    for group in groups:
        result = sweep(method, X, w0, benefit, group=group, grid=grid, tol=tol, prepared=prepared)
        exact = exact and result.exact
        g, o, t0 = sweep_path(w0, result.group)
        bounds = np.unique(np.concatenate([[0.0], result.switches[:, 0], [1.0]]))
        mids = 0.5 * (bounds[:-1] + bounds[1:])
        ranks = rank_scores(
            prepared.kernel.score(mids[:, np.newaxis] * g + (1 - mids)[:, np.newaxis] * o),
            prepared.higher_is_better,
        )
        top1_ok = np.all((ranks == 1) == (reference == 1), axis=1)
        topk_ok = np.all(ranks[:, ref_order[:k]] == reference[ref_order[:k]], axis=1)
        topk_ok &= np.sum(ranks <= k, axis=1) == np.sum(reference <= k)
        full_ok = np.all(ranks == reference, axis=1)
        atol = max(1e-15, result.tol)
        top1 = _holding_range(bounds, top1_ok, t0, atol)
        change = min(
            (t0 - top1[0]) if top1[0] > 0 or not top1_ok[0] else np.inf,
            (top1[1] - t0) if top1[1] < 1 or not top1_ok[-1] else np.inf,
        )
        intervals.append(
            StabilityInterval(
                group=result.group,
                t0=t0,
                top1=top1,
                topk=_holding_range(bounds, topk_ok, t0, atol),
                full=_holding_range(bounds, full_ok, t0, atol),
                top1_change=float(change),
                top1_relative_change=float(change / t0) if t0 > 0 else float("inf"),
            )
        )
    return StabilityResult(
        method=method,
        k=k,
        exact=exact,
        tol=0.0 if exact else tol,
        reference_ranks=reference,
        intervals=tuple(intervals),
    )
