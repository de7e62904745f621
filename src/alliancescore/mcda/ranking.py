"""Ranks from scores: 1 = best, ties share the best rank of their group (competition ranking).

Scores computed in a different order of floating-point operations can differ in the last bits,
so scores closer than a relative tolerance count as tied (``1e-10`` times the largest score
magnitude in the row, and never less than ``1e-10``). Ties are chained: a group is a run of
sorted scores whose consecutive gaps are all within the tolerance.

Speed: ranking a million rows is the costly step of Monte Carlo sensitivity analysis. Instead
of ``argsort`` (which carries an index through a comparison sort), each score's distance from
the row's best score (a non-negative double, whose bits order like an int64) has its lowest
``ceil(log2 n)`` bits replaced by the alternative's index; a plain integer ``sort`` (vectorised
with SIMD in numpy) then yields the order, and the index is read back from the low bits.
Monte Carlo callers pass a :class:`RankWorkspace` so the buffers are reused.
Clearing those bits only merges distances closer than ~``2**-44`` relative, far inside the tie
tolerance, so the order is the one a stable argsort gives, except that such near-equal scores
are ordered by index (they are tied anyway).
"""

from __future__ import annotations

import numpy as np

__all__ = ["TIE_RTOL", "RankWorkspace", "rank_scores", "sort_alternatives"]

TIE_RTOL = 1e-10

# Index bits fit in the low mantissa bits only for modest n; beyond this, argsort is used.
_MAX_INDEX_BITS = 16


def _index_bits(n: int) -> int:
    return max(1, int(np.ceil(np.log2(n)))) if n > 1 else 1


class RankWorkspace:
    """Reusable buffers for ranking batches of at most ``rows`` rows of ``n`` scores.

    Monte Carlo loops rank thousands of small batches; fresh arrays for each would be page-
    faulted in every time. One workspace per thread avoids that (it is not thread-safe).
    """

    def __init__(self, rows: int, n: int):
        self.keys = np.empty((rows, n), dtype=np.int64)
        self.gaps = np.empty((rows, max(n - 1, 1)), dtype=np.float64)
        self.index = np.arange(n, dtype=np.int64)
        bits = _index_bits(n)
        self.index_mask = np.int64((1 << bits) - 1)
        self.keyed = bits <= _MAX_INDEX_BITS
        self.tolerance = np.zeros((rows, 1))  # the tie tolerance per row of the last batch


def sort_alternatives(
    scores: np.ndarray,
    higher_is_better: bool = True,
    workspace: RankWorkspace | None = None,
    *,
    unit_keys: bool = False,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Best-first order of alternatives and, where ties occur, the rank at each position.

    Parameters
    ----------
    scores : ``(s, n)`` float array (checked finite by the caller).
    higher_is_better : the method's direction.
    workspace : optional buffers (see :class:`RankWorkspace`); the returned ``order`` is then
        a view into them, valid until the next call with the same workspace.
    unit_keys : the scores are keys in [0, 1] with lower = better (a kernel's ``rank_key``),
        in a C-contiguous float64 array the caller no longer needs: they are sorted in place
        (their bits already order like int64), skipping the shift to distances.

    Returns
    -------
    order : ``(s, n)`` int64, ``order[k, p]`` is the alternative at position p (0 = best).
    ranks : ``(s, n)`` int64, the rank (1 = best, ties share the best rank of their group) of
        the alternative at each position; ``None`` when nothing in the batch is tied, in
        which case the rank at position p is ``p + 1``.
    """
    s2 = np.atleast_2d(np.asarray(scores, dtype=np.float64))
    rows, n = s2.shape
    if n == 1:
        return np.zeros(s2.shape, dtype=np.int64), None
    ws = workspace if workspace is not None else RankWorkspace(rows, n)
    keys = ws.keys[:rows]
    gaps = ws.gaps[:rows]
    if unit_keys and ws.keyed and s2.flags.c_contiguous and s2.flags.writeable:
        keys = s2.view(np.int64)
        keys &= ~ws.index_mask
        keys |= ws.index
        keys.sort(axis=1)
        values = keys.view(np.float64)
        np.subtract(values[:, 1:], values[:, :-1], out=gaps)
        order = np.bitwise_and(keys, ws.index_mask, out=keys)
        tol = np.full((rows, 1), TIE_RTOL)  # |keys| <= 1, so the tolerance is the floor
        if workspace is not None:
            workspace.tolerance = tol
        if not (gaps.min() <= TIE_RTOL):
            return order, None
        return order, _tie_ranks(gaps, tol, s2.shape)
    if unit_keys:
        higher_is_better = False
    if ws.keyed:
        # Distance from the row's best score, d >= 0 (best = 0): the bit patterns of
        # non-negative doubles, read as int64, sort like the doubles, with no sign handling.
        distance = keys.view(np.float64)
        if higher_is_better:
            best = s2.max(axis=1, keepdims=True)
            np.subtract(best, s2, out=distance)
        else:
            best = s2.min(axis=1, keepdims=True)
            np.subtract(s2, best, out=distance)
        keys &= ~ws.index_mask
        keys |= ws.index
        keys.sort(axis=1)
        # Gaps are read off the keys as doubles with the index bits still in: they perturb
        # each distance by less than 2**-44 relative, far inside the tie tolerance.
        np.subtract(distance[:, 1:], distance[:, :-1], out=gaps)
        last = distance[:, -1:].copy()
        order = np.bitwise_and(keys, ws.index_mask, out=keys)
    else:
        order = np.argsort(-s2 if higher_is_better else s2, axis=1, kind="stable")
        ordered = np.take_along_axis(s2, order, axis=1)
        best = ordered[:, :1]
        np.abs(np.diff(ordered, axis=1), out=gaps)
        last = np.abs(ordered[:, -1:] - best)
    worst = best - last if higher_is_better else best + last
    tol = TIE_RTOL * np.maximum(1.0, np.maximum(np.abs(best), np.abs(worst)))
    if workspace is not None:
        workspace.tolerance = tol  # (rows, 1): callers comparing scores use the same rule
    if not (gaps.min(axis=1, keepdims=True) <= tol).any():
        return order, None
    return order, _tie_ranks(gaps, tol, s2.shape)


def _tie_ranks(gaps: np.ndarray, tol: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Competition rank at each sorted position: a gap within ``tol`` continues a group."""
    positions = np.arange(1, shape[1] + 1, dtype=np.int64)
    new_group = np.ones(shape, dtype=bool)
    new_group[:, 1:] = gaps > tol
    return np.maximum.accumulate(np.where(new_group, positions, 0), axis=1)


def rank_scores(scores: np.ndarray, higher_is_better: bool = True) -> np.ndarray:
    """Competition ranks ("1224") of ``scores`` along the last axis.

    Parameters
    ----------
    scores : (n_alternatives,) or (n_samples, n_alternatives) float array.
    higher_is_better : the method's direction; ``False`` for methods such as VIKOR's Q.

    Returns
    -------
    int64 array of the same shape; 1 is the best alternative whatever the direction.
    """
    s = np.asarray(scores, dtype=np.float64)
    order, ranks_sorted = sort_alternatives(s, higher_is_better)
    if ranks_sorted is None:
        ranks_sorted = np.broadcast_to(np.arange(1, order.shape[1] + 1), order.shape)
    ranks = np.empty(order.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, ranks_sorted, axis=1)
    return ranks[0] if s.ndim == 1 else ranks
