"""Stability intervals and the most critical criterion.

For each group of criteria (a criterion, or the leaves under a tree node) this finds the range
of the group's total weight, others rescaled in proportion (see :mod:`.sweeps`), within which

- the top choice stays the same (``top1``),
- the first ``k`` alternatives stay the same and in the same order (``topk``),
- the whole ranking stays the same (``full``).

Each property can only change where two alternatives that matter for it swap order: the top
choice with anyone (top 1); a member of the top ``k`` with anyone (top k, same members in the
same order); any pair (full ranking). By continuity the first such crossing on each side of
the profile's weight bounds the interval, so only those crossings are located (exactly for
methods linear in the weights, to the sweep tolerance otherwise). The interval is closed at
the crossings that bound it: at those weights two alternatives tie. A profile that sits on a
tie of a pair that matters is stable only at its own weight. (Mareschal 1988, "Weight
stability intervals in multicriteria decision aid", EJOR 33(1), 54-64, for the PROMETHEE
case.)

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

from .sweeps import DEFAULT_GRID, DEFAULT_TOL, _check_group, _linear_switches, sweep_path

__all__ = [
    "PROPERTIES",
    "PropertyInterval",
    "StabilityInterval",
    "StabilityResult",
    "stability_intervals",
]

PROPERTIES = ("top1", "topk", "full")
"""The properties of a ranking whose stability is measured: the top choice, the first ``k``
in order, the whole ranking."""


@dataclass(frozen=True)
class PropertyInterval:
    """Where one property of the ranking holds as one group's total weight moves.

    property : ``"top1"``, ``"topk"`` or ``"full"``.
    low, high : the range of the group's weight, in [0, 1], over which it holds.
    change : the smallest ``|t - t0|`` that breaks it; ``inf`` if nothing on the path does
        (which a bound of 0 or 1 alone does not say: a crossing may sit at the end).
    relative_change : ``change / t0`` (``inf`` when ``t0 = 0``).
    """

    property: str
    low: float
    high: float
    change: float
    relative_change: float


@dataclass(frozen=True)
class StabilityInterval:
    """Weight ranges for one group; each range is ``(low, high)`` in [0, 1].

    ``top1``, ``topk``, ``full`` are the ranges as pairs; :meth:`interval` gives the typed
    record of one property with the change that breaks it.
    """

    group: tuple[int, ...]
    t0: float
    top1: tuple[float, float]
    topk: tuple[float, float]
    full: tuple[float, float]
    top1_change: float  # smallest |t - t0| that changes the top choice; inf if none
    top1_relative_change: float  # top1_change / t0 (inf when t0 = 0 and no change)
    topk_change: float = float("inf")  # likewise for the top k and the full ranking
    full_change: float = float("inf")

    def interval(self, name: str) -> PropertyInterval:
        """The typed record of property ``name`` (one of :data:`PROPERTIES`)."""
        low, high = getattr(self, name)
        change = getattr(self, f"{name}_change")
        relative = change / self.t0 if self.t0 > 0 else float("inf")
        return PropertyInterval(name, float(low), float(high), float(change), float(relative))


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


class _Crossings:
    """Where pairs of alternatives swap order along one sweep path, found only where needed.

    For methods linear in the weights every crossing is known in closed form. Otherwise the
    path is sampled on a grid that includes ``t0`` and a crossing is bracketed by a grid step
    over which the pair's score difference changes sign; only the brackets nearest ``t0`` among
    the pairs that matter for a property are refined (bisection to ``tol``), which is what
    keeps ~190 alternatives (18,000 pairs) affordable.
    """

    def __init__(self, prepared, g: np.ndarray, o: np.ndarray, t0: float, grid: int, tol: float):
        self.prepared, self.g, self.o, self.t0, self.tol = prepared, g, o, t0, tol
        n = prepared.n_alternatives
        self.i, self.k = np.triu_indices(n, k=1)
        if prepared.kernel.linear is not None:
            switches = _linear_switches(prepared.kernel.linear, g, o)
            self.exact = switches
            return
        self.exact = None
        t = np.unique(np.concatenate([np.linspace(0.0, 1.0, max(2, grid)), [t0]]))
        scores = prepared.kernel.score(t[:, np.newaxis] * g + (1 - t)[:, np.newaxis] * o)
        diff = scores[:, self.i] - scores[:, self.k]  # (grid, pairs)
        scale = max(1.0, float(np.abs(scores).max()))
        sign = np.sign(np.where(np.abs(diff) <= 1e-12 * scale, 0.0, diff))
        self.position = int(np.searchsorted(t, t0))
        # Ties at t0 with a pair that is not tied everywhere: the profile sits on a crossing.
        self.tied_at_t0 = (sign[self.position] == 0) & np.any(sign != 0, axis=0)
        # A zero at a grid point between opposite signs is a crossing at that point.
        # Forward-fill zeros along the path: each point takes the last non-zero sign so far.
        rows = np.arange(sign.shape[0])[:, np.newaxis]
        last = np.maximum.accumulate(np.where(sign != 0, rows, 0), axis=0)
        filled = np.take_along_axis(sign, last, axis=0)
        step, pair = np.nonzero(filled[:-1] * filled[1:] < 0)
        self.t, self.step, self.pair = t, step, pair
        self.sign_lo = filled[step, pair]

    def nearest(self, relevant: np.ndarray) -> tuple[float | None, float | None]:
        """The nearest crossing below and above ``t0`` among pairs flagged in ``relevant``
        (``(pairs,)`` bool); None when there is none on that side."""
        t0 = self.t0
        if self.exact is not None:
            cross = self.exact[relevant[self._pair_index(self.exact)]]
            below = cross[cross[:, 0] <= t0, 0]
            above = cross[cross[:, 0] >= t0, 0]
            return (
                float(below.max()) if below.size else None,
                float(above.min()) if above.size else None,
            )
        if np.any(self.tied_at_t0 & relevant):
            return (t0, t0)
        chosen = relevant[self.pair]
        low: float | None = None
        high: float | None = None
        for side in ("below", "above"):
            steps = self.step[chosen]
            if side == "below":
                candidates = steps[steps < self.position]
                if not candidates.size:
                    continue
                take = chosen & (self.step == candidates.max())
            else:
                candidates = steps[steps >= self.position]
                if not candidates.size:
                    continue
                take = chosen & (self.step == candidates.min())
            found = self._refine(np.flatnonzero(take))
            if side == "below":
                low = float(found.max())
            else:
                high = float(found.min())
        return (low, high)

    def _pair_index(self, rows: np.ndarray) -> np.ndarray:
        n = self.prepared.n_alternatives
        i, k = rows[:, 1].astype(int), rows[:, 2].astype(int)
        # Position of (i, k), i < k, in np.triu_indices(n, 1) order.
        return i * n - i * (i + 1) // 2 + (k - i - 1)

    def _refine(self, brackets: np.ndarray) -> np.ndarray:
        lo = self.t[self.step[brackets]].copy()
        hi = self.t[self.step[brackets] + 1].copy()
        ii, kk = self.i[self.pair[brackets]], self.k[self.pair[brackets]]
        sign_lo = self.sign_lo[brackets]
        rows = np.arange(lo.size)
        while lo.size and np.max(hi - lo) > self.tol:
            mid = 0.5 * (lo + hi)
            s = self.prepared.kernel.score(
                mid[:, np.newaxis] * self.g + (1.0 - mid)[:, np.newaxis] * self.o
            )
            same = np.sign(s[rows, ii] - s[rows, kk]) == sign_lo
            lo = np.where(same, mid, lo)
            hi = np.where(same, hi, mid)
        return 0.5 * (lo + hi)


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
    groups = groups if groups is not None else list(range(prepared.n_criteria))
    n_pairs = n * (n - 1) // 2
    pair_i, pair_k = np.triu_indices(n, k=1)
    top = reference == 1
    in_topk = reference <= k
    relevant = {
        "top1": top[pair_i] | top[pair_k],
        "topk": in_topk[pair_i] | in_topk[pair_k],
        "full": np.ones(n_pairs, dtype=bool),
    }
    intervals = []
    exact = prepared.kernel.linear is not None
    for group in groups:
        members = _check_group(group, prepared.n_criteria)
        g, o, t0 = sweep_path(w0, members)
        crossings = _Crossings(prepared, g, o, t0, grid, tol)
        found = {name: crossings.nearest(mask) for name, mask in relevant.items()}
        ranges = {
            name: (lo if lo is not None else 0.0, hi if hi is not None else 1.0)
            for name, (lo, hi) in found.items()
        }
        change = {
            name: float(
                min(
                    t0 - low if low is not None else np.inf,
                    high - t0 if high is not None else np.inf,
                )
            )
            for name, (low, high) in found.items()
        }
        intervals.append(
            StabilityInterval(
                group=members,
                t0=t0,
                top1=ranges["top1"],
                topk=ranges["topk"],
                full=ranges["full"],
                top1_change=change["top1"],
                top1_relative_change=float(change["top1"] / t0) if t0 > 0 else float("inf"),
                topk_change=change["topk"],
                full_change=change["full"],
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
