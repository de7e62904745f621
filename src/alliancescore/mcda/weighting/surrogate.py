"""Surrogate weights from a ranking of criteria (Barron & Barrett 1996)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem

from .base import WEIGHTINGS, WeightResult


def _positions(ranking: ArrayLike, name: str) -> tuple[np.ndarray, list[np.ndarray]]:
    """Check a ranking (1 = most important, ties allowed) and group criteria by rank."""
    ranks = np.asarray(ranking)
    if ranks.ndim != 1 or ranks.size == 0:
        raise AllianceScoreError(
            Problem(name, "a flat list with one rank per criterion", f"shape {ranks.shape}")
        )
    as_float = ranks.astype(np.float64)
    if (
        not np.all(np.isfinite(as_float))
        or np.any(as_float < 1)
        or np.any(as_float != np.round(as_float))
    ):
        raise AllianceScoreError(
            Problem(
                name,
                "whole-number ranks >= 1 (1 = most important; equal ranks for ties)",
                f"{ranks.tolist()}",
            )
        )
    groups = [np.flatnonzero(as_float == r) for r in np.unique(as_float)]
    return as_float, groups


def _spread_over_ties(position_weights: np.ndarray, groups: list[np.ndarray]) -> np.ndarray:
    """Give tied criteria the mean weight of the positions they occupy together."""
    out = np.empty(position_weights.size)
    start = 0
    for members in groups:
        stop = start + members.size
        out[members] = position_weights[start:stop].mean()
        start = stop
    return out


@WEIGHTINGS.register("roc")
def rank_order_centroid(ranking: ArrayLike, name: str = "ranking") -> WeightResult:
    """Rank-order centroid weights: ``w_k = (1/n) sum_{i=k}^{n} 1/i`` for position k.

    ``ranking[j]`` is the rank of criterion j (1 = most important). ROC weights are the
    centroid of the set of weight vectors consistent with the ranking (Barron & Barrett 1996).
    Tied criteria share the mean of the weights of the positions they jointly occupy
    (a convention of this library; the paper assumes a strict ranking).

    Reference: Barron & Barrett (1996), "Decision quality using ranked attribute weights",
    Management Science 42(11), 1515-1523.
    """
    _, groups = _positions(ranking, name)
    n = sum(g.size for g in groups)
    tail_sums = np.cumsum((1.0 / np.arange(1, n + 1))[::-1])[::-1]
    return WeightResult("roc", _spread_over_ties(tail_sums / n, groups), {"n_criteria": n})
