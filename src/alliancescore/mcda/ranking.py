"""Ranks from scores: 1 = best, ties share the best rank of their group (competition ranking).

Scores computed in a different order of floating-point operations can differ in the last bits,
so scores closer than a relative tolerance count as tied (``1e-10`` times the largest score
magnitude in the row, and never less than ``1e-10``). Ties are chained: a group is a run of
sorted scores whose consecutive gaps are all within the tolerance.
"""

from __future__ import annotations

import numpy as np

__all__ = ["TIE_RTOL", "rank_scores"]

TIE_RTOL = 1e-10


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
    single = s.ndim == 1
    s2 = np.atleast_2d(s)
    if higher_is_better:
        s2 = -s2
    # Ascending order of the oriented scores: best first.
    order = np.argsort(s2, axis=1, kind="stable")
    ordered = np.take_along_axis(s2, order, axis=1)
    tol = TIE_RTOL * np.maximum(1.0, np.abs(ordered).max(axis=1, keepdims=True))
    new_group = np.empty(ordered.shape, dtype=bool)
    new_group[:, 0] = True
    new_group[:, 1:] = np.diff(ordered, axis=1) > tol
    positions = np.broadcast_to(np.arange(s2.shape[1]), s2.shape)
    group_start = np.maximum.accumulate(np.where(new_group, positions, 0), axis=1)
    ranks = np.empty(s2.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, group_start + 1, axis=1)
    return ranks[0] if single else ranks
