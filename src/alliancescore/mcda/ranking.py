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
Clearing those bits only merges distances closer than ~``2**-44`` relative, far inside the tie
tolerance, so the order is the one a stable argsort gives, except that such near-equal scores
are ordered by index (they are tied anyway).
"""

from __future__ import annotations

import numpy as np

__all__ = ["TIE_RTOL", "rank_scores", "sort_alternatives"]

TIE_RTOL = 1e-10

# Index bits fit in the low mantissa bits only for modest n; beyond this, argsort is used.
_MAX_INDEX_BITS = 16


def _index_bits(n: int) -> int:
    return max(1, int(np.ceil(np.log2(n)))) if n > 1 else 1


def _best_first_keys(
    scores: np.ndarray, higher_is_better: bool, n: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """Integer keys whose ascending order is best-first, with the index in the low bits.

    Scores are first shifted to their distance from the row's best score, ``d >= 0`` (best =
    0): the bit patterns of non-negative doubles, read as int64, sort in the same order as the
    doubles, so no sign handling is needed. Returns the keys and the row's best score, or None
    when ``n`` needs more index bits than the mantissa can spare.
    """
    bits = _index_bits(n)
    if bits > _MAX_INDEX_BITS:
        return None
    if higher_is_better:
        best = scores.max(axis=1, keepdims=True)
        distance = np.subtract(best, scores)
    else:
        best = scores.min(axis=1, keepdims=True)
        distance = np.subtract(scores, best)
    keys = distance.view(np.int64)
    keys &= ~np.int64((1 << bits) - 1)
    keys |= np.arange(n, dtype=np.int64)
    return keys, best


def sort_alternatives(
    scores: np.ndarray, higher_is_better: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """Best-first order of alternatives and, where ties occur, the rank at each position.

    Parameters
    ----------
    scores : ``(s, n)`` float array (checked finite by the caller).
    higher_is_better : the method's direction.

    Returns
    -------
    order : ``(s, n)`` int64, ``order[k, p]`` is the alternative at position p (0 = best).
    ranks : ``(s, n)`` int64, the rank (1 = best, ties share the best rank of their group) of
        the alternative at each position; ``None`` when nothing in the batch is tied, in
        which case the rank at position p is ``p + 1``.
    """
    s2 = np.atleast_2d(np.asarray(scores, dtype=np.float64))
    n = s2.shape[1]
    keyed = _best_first_keys(s2, higher_is_better, n)
    if keyed is None:
        order = np.argsort(-s2 if higher_is_better else s2, axis=1, kind="stable")
        ordered = np.take_along_axis(s2, order, axis=1)
        distance = np.abs(ordered - ordered[:, :1])
        best = ordered[:, :1]
    else:
        keys, best = keyed
        keys.sort(axis=1)
        index_mask = np.int64((1 << _index_bits(n)) - 1)
        distance = (keys & ~index_mask).view(np.float64)
        order = np.bitwise_and(keys, index_mask, out=keys)
    if n == 1:
        return order, None
    gaps = distance[:, 1:] - distance[:, :-1]  # non-negative: best first
    worst = best - distance[:, -1:] if higher_is_better else best + distance[:, -1:]
    extreme = np.maximum(np.abs(best), np.abs(worst))
    tied = gaps <= TIE_RTOL * np.maximum(1.0, extreme)
    if not tied.any():
        return order, None
    positions = np.arange(1, n + 1, dtype=np.int64)
    new_group = np.ones(s2.shape, dtype=bool)
    new_group[:, 1:] = ~tied
    ranks = np.maximum.accumulate(np.where(new_group, positions, 0), axis=1)
    return order, ranks


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
