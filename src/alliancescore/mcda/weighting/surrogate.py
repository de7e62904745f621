"""Surrogate weights from a ranking of criteria: rank-order centroid, rank sum, rank reciprocal.

Each scheme turns an ordinal ranking (1 = most important) into weights ``w(k)`` for the
criterion at position ``k`` of ``n``; every formula sums to one without further rescaling.
Ties are not covered by the papers: tied criteria share the mean of the weights of the positions
they jointly occupy (a convention of this library), so the weights still sum to one and tied
criteria weigh the same. For n = 5 the formulas give: ROC 0.457, 0.257, 0.157, 0.090, 0.040;
rank sum 0.333, 0.267, 0.200, 0.133, 0.067; rank reciprocal 0.438, 0.219, 0.146, 0.109, 0.088.

References: Stillwell, Seaver & Edwards (1981), "A comparison of weight approximation techniques
in multiattribute utility decision making", Organizational Behavior and Human Performance 28(1),
62-77; Barron & Barrett (1996), Management Science 42(11), 1515-1523; Roszkowska (2013), "Rank
ordering criteria weighting methods - a comparative overview", Optimum. Studia Ekonomiczne
5(65), 14-33.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Array, Text

from .base import WeightResult, register_weighting

_RANKING = {"ranking": Array("a rank per criterion (1 = most important)"), "name": Text()}

__all__ = ["rank_order_centroid", "rank_reciprocal", "rank_sum"]


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


@register_weighting("roc", _RANKING)
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


@register_weighting("rank_sum", _RANKING)
def rank_sum(ranking: ArrayLike, name: str = "ranking") -> WeightResult:
    """Rank-sum weights: ``w_k = 2 (n + 1 - k) / (n (n + 1))`` for position k of n.

    ``ranking[j]`` is the rank of criterion j (1 = most important). The weights fall by equal
    steps of ``2 / (n (n + 1))`` from the most to the least important criterion (n = 4: 0.4,
    0.3, 0.2, 0.1). Ties share the mean weight of their positions; any whole-number encoding
    of ties (``[1, 2, 2, 4]`` or ``[1, 2, 2, 3]``) gives the same weights.

    References: Stillwell, Seaver & Edwards (1981), Organizational Behavior and Human
    Performance 28(1), 62-77; Roszkowska (2013), Optimum. Studia Ekonomiczne 5(65), 14-33.
    """
    _, groups = _positions(ranking, name)
    n = sum(g.size for g in groups)
    position_weights = 2.0 * (n + 1 - np.arange(1, n + 1)) / (n * (n + 1))
    return WeightResult("rank_sum", _spread_over_ties(position_weights, groups), {"n_criteria": n})


@register_weighting("rank_reciprocal", _RANKING)
def rank_reciprocal(ranking: ArrayLike, name: str = "ranking") -> WeightResult:
    """Rank-reciprocal weights: ``w_k = (1 / k) / sum_{i=1}^{n} 1 / i`` for position k of n.

    ``ranking[j]`` is the rank of criterion j (1 = most important). The weights fall steeply
    after the first criterion (n = 4: 0.48, 0.24, 0.16, 0.12). Ties share the mean weight of
    their positions, as for the other rank-based schemes.

    References: Stillwell, Seaver & Edwards (1981), Organizational Behavior and Human
    Performance 28(1), 62-77; Roszkowska (2013), Optimum. Studia Ekonomiczne 5(65), 14-33.
    """
    _, groups = _positions(ranking, name)
    n = sum(g.size for g in groups)
    reciprocals = 1.0 / np.arange(1, n + 1)
    return WeightResult(
        "rank_reciprocal",
        _spread_over_ties(reciprocals / reciprocals.sum(), groups),
        {"n_criteria": n},
    )
