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

from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.mcda import prepare, rank_scores
from alliancescore.mcda._checks import as_weights

from ._crossings import Brackets, illinois, linear_nearest, nearest_brackets, tie_tolerance
from ._pairs import PairSet
from .sweeps import DEFAULT_GRID, DEFAULT_TOL, _check_group, sweep_path

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
    properties: tuple[str, ...] = PROPERTIES  # those computed; the others are NaN

    @property
    def most_critical(self) -> StabilityInterval | None:
        """The group with the smallest absolute weight change that changes the top choice."""
        finite = [iv for iv in self.intervals if np.isfinite(iv.top1_change)]
        return min(finite, key=lambda iv: iv.top1_change) if finite else None


class _Crossings:
    """Where pairs of alternatives swap order along one sweep path, found only where needed.

    For methods linear in the weights every crossing is known in closed form. Otherwise the
    path is sampled on a grid that includes ``t0`` and a crossing is bracketed by a grid step
    over which the pair's order (its sign, forward-filled over ties) flips; only the brackets
    at the step nearest ``t0`` among the pairs that matter for a property are refined (to
    ``tol``, :func:`~._crossings.illinois`). Pairs go in chunks within a memory budget and the
    signs are taken on a window around ``t0`` widened only while a side has no bracket
    (:mod:`._crossings`), which is what keeps 1,000 alternatives (half a million pairs)
    affordable.
    """

    def __init__(self, prepared, g: np.ndarray, o: np.ndarray, t0: float, grid: int, tol: float):
        self.prepared, self.g, self.o, self.t0, self.tol = prepared, g, o, t0, tol
        self.linear = prepared.kernel.linear
        if self.linear is not None:
            return
        t = np.unique(np.concatenate([np.linspace(0.0, 1.0, max(2, grid)), [t0]]))
        self.scores = prepared.kernel.score(t[:, np.newaxis] * g + (1 - t)[:, np.newaxis] * o)
        self.eps = tie_tolerance(self.scores)
        self.position = int(np.searchsorted(t, t0))
        self.t = t

    def nearest(self, pairs: PairSet) -> tuple[float | None, float | None]:
        """The nearest crossing below and above ``t0`` among ``pairs``; None when there is
        none on that side."""
        if self.linear is not None:
            return linear_nearest(self.linear, self.g, self.o, self.t0, pairs)
        tied, below, above = nearest_brackets(self.scores, self.position, self.eps, pairs)
        if tied:
            return (self.t0, self.t0)
        low = float(self._refine(below, "max").max()) if below is not None else None
        high = float(self._refine(above, "min").min()) if above is not None else None
        return (low, high)

    def _refine(self, found: Brackets, extreme: str) -> np.ndarray:
        """The crossings of the brackets at one step that may hold the ``extreme``."""
        size, step = found.i.size, found.step
        lo = np.full(size, self.t[step])
        hi = np.full(size, self.t[step + 1])
        f_lo = self.scores[step, found.i] - self.scores[step, found.k]
        f_hi = self.scores[step + 1, found.i] - self.scores[step + 1, found.k]
        sign = found.sign.astype(np.float64)
        return illinois(
            self.prepared,
            self.g,
            self.o,
            lo,
            hi,
            f_lo,
            f_hi,
            found.i,
            found.k,
            sign,
            self.tol,
            extreme,
        )


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
    properties: Sequence[str] = PROPERTIES,
) -> StabilityResult:
    """Stability intervals of the top choice, the top ``k`` and the full ranking.

    ``groups`` defaults to every single criterion; pass lists of criterion indices for tree
    nodes. Returns one :class:`StabilityInterval` per group and the most critical one.
    ``properties``: the ones to compute (some of :data:`PROPERTIES`); the others are left out,
    their ranges ``(nan, nan)`` and changes ``nan``. The top choice alone depends only on the
    ``n - 1`` pairs with the top alternative, the full ranking on all ``n (n - 1) / 2``: a
    study that keeps only ``top1`` (:mod:`alliancescore.study`) asks for it alone.
    """
    wanted = _check_properties(properties)
    prepared = prepare(method, X, benefit, **dict(params or {}))
    W0, _ = as_weights(weights, prepared.n_criteria)
    w0 = W0[0]
    n = prepared.n_alternatives
    k = max(1, min(k, n))
    reference = rank_scores(prepared.kernel.score(W0)[0], prepared.higher_is_better)
    groups = groups if groups is not None else list(range(prepared.n_criteria))
    # The pairs each property depends on: those with a top alternative (top 1), with a
    # member of the top k (top k), all of them (full ranking).
    members_of = {"top1": reference == 1, "topk": reference <= k, "full": None}
    relevant = {name: PairSet(n, members_of[name]) for name in wanted}
    skipped = (np.nan, np.nan)
    intervals = []
    exact = prepared.kernel.linear is not None
    for group in groups:
        members = _check_group(group, prepared.n_criteria)
        g, o, t0 = sweep_path(w0, members)
        crossings = _Crossings(prepared, g, o, t0, grid, tol)
        found = {name: crossings.nearest(pairs) for name, pairs in relevant.items()}
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
        top1_change = change.get("top1", np.nan)
        intervals.append(
            StabilityInterval(
                group=members,
                t0=t0,
                top1=ranges.get("top1", skipped),
                topk=ranges.get("topk", skipped),
                full=ranges.get("full", skipped),
                top1_change=top1_change,
                top1_relative_change=_relative(top1_change, t0),
                topk_change=change.get("topk", np.nan),
                full_change=change.get("full", np.nan),
            )
        )
    return StabilityResult(
        method=method,
        k=k,
        exact=exact,
        tol=0.0 if exact else tol,
        reference_ranks=reference,
        intervals=tuple(intervals),
        properties=wanted,
    )


def _relative(change: float, t0: float) -> float:
    """``change / t0``; ``inf`` when ``t0 = 0``, ``nan`` for a property not computed."""
    if np.isnan(change):
        return float("nan")
    return float(change / t0) if t0 > 0 else float("inf")


def _check_properties(properties: Sequence[str]) -> tuple[str, ...]:
    """``properties`` in the order of :data:`PROPERTIES`, or one error naming the unknown."""
    if isinstance(properties, str):
        properties = (properties,)
    unknown = [p for p in properties if p not in PROPERTIES]
    if unknown or not properties:
        raise AllianceScoreError(
            Problem(
                "stability properties",
                f"some of {', '.join(PROPERTIES)}",
                ", ".join(map(repr, unknown)) if unknown else "none",
                did_you_mean(unknown[0], PROPERTIES) if unknown else None,
            )
        )
    return tuple(p for p in PROPERTIES if p in properties)
