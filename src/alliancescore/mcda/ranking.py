"""Ranks from scores: 1 = best, ties share the best rank of their group (competition ranking).

Scores computed in a different order of floating-point operations can differ in the last bits,
so scores closer than a relative tolerance count as tied (``1e-10`` times the largest score
magnitude in the row, and never less than ``1e-10``). Ties are chained: a group is a run of
sorted scores whose consecutive gaps are all within the tolerance.

Speed: ranking a million rows is the costly step of Monte Carlo sensitivity analysis. Instead
of ``argsort`` (which carries an index through a comparison sort), each score is mapped to an
order-preserving 64-bit integer whose lowest ``ceil(log2 n)`` bits are replaced by the
alternative's index; a plain integer ``sort`` (vectorised with SIMD in numpy) then yields the
order, and the index is read back from the low bits. Clearing those bits only merges scores
closer than ~``2**-44`` relative, far inside the tie tolerance, so the order is the one a stable
argsort gives, except that such near-equal scores are ordered by index (they are tied anyway).
"""

from __future__ import annotations

import numpy as np

__all__ = ["TIE_RTOL", "rank_scores", "sort_alternatives"]

TIE_RTOL = 1e-10

_MAGNITUDE_BITS = np.int64(0x7FFFFFFFFFFFFFFF)
# Index bits fit in the low mantissa bits only for modest n; beyond this, argsort is used.
_MAX_INDEX_BITS = 16


def _best_first_keys(scores: np.ndarray, higher_is_better: bool, n: int) -> np.ndarray | None:
    """Integer keys whose ascending order is best-first, index in the low bits (or None)."""
    bits = max(1, int(np.ceil(np.log2(n)))) if n > 1 else 1
    if bits > _MAX_INDEX_BITS:
        return None
    oriented = np.negative(scores) if higher_is_better else scores.copy()
    oriented += 0.0  # -0.0 becomes +0.0, so equal scores get equal keys
    keys = oriented.view(np.int64)
    # IEEE doubles read as int64 sort correctly when non-negative; flip negatives' magnitudes.
    np.bitwise_xor(keys, _MAGNITUDE_BITS, out=keys, where=keys < 0)
    index_mask = np.int64((1 << bits) - 1)
    keys &= ~index_mask
    keys |= np.arange(n, dtype=np.int64)
    return keys


def sort_alternatives(
    scores: np.ndarray, higher_is_better: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Best-first order of alternatives and the competition rank at each position.

    Parameters
    ----------
    scores : ``(s, n)`` float array (checked finite by the caller).
    higher_is_better : the method's direction.

    Returns
    -------
    order : ``(s, n)`` int64, ``order[k, p]`` is the alternative at position p (0 = best).
    ranks : ``(s, n)`` int64, the rank (1 = best, ties share the best rank of their group) of
        the alternative at each position; non-decreasing along each row.
    """
    s2 = np.atleast_2d(np.asarray(scores, dtype=np.float64))
    n = s2.shape[1]
    keys = _best_first_keys(s2, higher_is_better, n)
    if keys is None:
        order = np.argsort(-s2 if higher_is_better else s2, axis=1, kind="stable")
    else:
        keys.sort(axis=1)
        order = keys & np.int64((1 << max(1, int(np.ceil(np.log2(n))))) - 1)
    ordered = np.take_along_axis(s2, order, axis=1)
    gaps = np.abs(np.diff(ordered, axis=1))
    tol = TIE_RTOL * np.maximum(1.0, np.abs(ordered).max(axis=1, keepdims=True))
    positions = np.broadcast_to(np.arange(1, n + 1, dtype=np.int64), s2.shape)
    tied = gaps <= tol
    if not tied.any():
        return order, np.array(positions)
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
    ranks = np.empty(order.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, ranks_sorted, axis=1)
    return ranks[0] if s.ndim == 1 else ranks
