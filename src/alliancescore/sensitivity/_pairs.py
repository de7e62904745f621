"""Pairs of alternatives, chunked: the scratch memory of pairwise work bounded by a budget.

Sweeps and stability intervals compare alternatives pair by pair along a weight path. For
``n`` alternatives there are ``n (n - 1) / 2`` pairs (half a million at 1,000 alternatives),
and a ``(grid, pairs)`` array of score differences alone would take 800 MB. Here pairs are
handed out in chunks whose size follows from a memory budget (:data:`SCRATCH_BYTES` of
scratch per chunk), always in the order of ``np.triu_indices(n, 1)``, so a computation that
reduces chunk by chunk sees the pairs in the same order as one that takes them all at once.

A :class:`PairSet` is either every pair or the pairs that involve at least one member of a
set of alternatives (the top choice, the top ``k``), which is all a property of the top of the
ranking needs.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

__all__ = ["SCRATCH_BYTES", "PairSet", "chunk_size", "pair_index", "sign_codes"]

SCRATCH_BYTES = 64 * 2**20
"""Scratch memory per chunk of pairwise work (bytes).

Why a budget and why this one: the pairwise arrays grow with ``n**2`` (times the grid points
of a sweep), which at 1,000 alternatives is gigabytes taken at once. 64 MiB per chunk holds
some 10,000 pairs on a 201-point grid, enough for each numpy call to amortise its overhead,
while a few chunks alive together (the caller's, a thread's) stay far within the 1 GiB that
sensitivity analysis at 1,000 alternatives is allowed (issue 15). Results do not depend on
it: chunks are reduced in pair order. Module-level (read at each call) so that tests can
shrink it to a few pairs per chunk.
"""

NAN_CODE = 2
"""Sign code of a difference that is NaN: not a tie, and never one side of a crossing."""


def chunk_size(bytes_per_item: int, budget: int | None = None) -> int:
    """How many items (pairs, brackets, rows) one chunk holds so its scratch stays within
    ``budget`` bytes (default :data:`SCRATCH_BYTES`); at least one."""
    budget = SCRATCH_BYTES if budget is None else budget
    return max(1, int(budget) // max(1, int(bytes_per_item)))


def pair_index(i: np.ndarray, k: np.ndarray, n: int) -> np.ndarray:
    """Position of pair ``(i, k)``, ``i < k``, in ``np.triu_indices(n, 1)`` order."""
    i = np.asarray(i, dtype=np.int64)
    k = np.asarray(k, dtype=np.int64)
    return i * n - i * (i + 1) // 2 + (k - i - 1)


def sign_codes(diff: np.ndarray, eps: float) -> np.ndarray:
    """``int8`` signs of score differences with ties: 0 where ``|diff| <= eps``, else -1 or
    1, and :data:`NAN_CODE` where the difference is NaN (with a NaN ``eps`` only exact zeros
    tie). The same decisions as ``np.sign(np.where(np.abs(diff) <= eps, 0.0, diff))``, in a
    byte per value instead of eight."""
    if np.isnan(eps):
        eps = 0.0
    out = (diff > eps).view(np.int8) - (diff < -eps).view(np.int8)
    nan = np.isnan(diff)
    if nan.any():
        out[nan] = NAN_CODE
    return out


class PairSet:
    """The pairs ``(i, k)``, ``i < k``, of ``n`` alternatives, or those with ``i`` or ``k``
    in ``members`` (a boolean mask), in ``np.triu_indices`` order."""

    def __init__(self, n: int, members: np.ndarray | None = None):
        self.n = int(n)
        rows = np.arange(self.n, dtype=np.int64)
        if members is None:
            self.member = np.ones(self.n, dtype=bool)
            self.sorted_members = rows
        else:
            self.member = np.asarray(members, dtype=bool)
            self.sorted_members = np.flatnonzero(self.member).astype(np.int64)
        # Members after row i: where row i's partners start in sorted_members.
        self._after = np.searchsorted(self.sorted_members, rows, side="right")
        per_row = np.where(self.member, self.n - 1 - rows, self.sorted_members.size - self._after)
        self._ends = np.cumsum(per_row)
        self._starts = self._ends - per_row
        self.size = int(self._ends[-1]) if self.n else 0

    def chunks(self, size: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """``(i, k)`` index arrays of at most ``size`` pairs each, in order."""
        size = max(1, int(size))
        for first in range(0, self.size, size):
            q = np.arange(first, min(first + size, self.size), dtype=np.int64)
            i = np.searchsorted(self._ends, q, side="right")
            offset = q - self._starts[i]
            k = np.where(
                self.member[i],
                i + 1 + offset,
                self.sorted_members[
                    np.minimum(self._after[i] + offset, self.sorted_members.size - 1)
                ]
                if self.sorted_members.size
                else 0,
            )
            yield i, k
