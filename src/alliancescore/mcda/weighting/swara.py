"""SWARA weights from an ordered list of criteria and stepwise importance ratios."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Array, Nullable, Text

from .base import WeightResult, register_weighting

__all__ = ["swara"]


def _check_order(order: ArrayLike | None, n: int, name: str) -> np.ndarray:
    """The criterion index at each position (most important first); default: as given."""
    if order is None:
        return np.arange(n)
    positions = np.asarray(order)
    if positions.shape != (n,) or not np.issubdtype(positions.dtype, np.integer):
        raise AllianceScoreError(
            Problem(
                name,
                f"{n} whole-number criterion indices, most important first",
                f"{np.asarray(order).tolist()}",
            )
        )
    if sorted(positions.tolist()) != list(range(n)):
        raise AllianceScoreError(
            Problem(
                name,
                f"each criterion index 0..{n - 1} exactly once",
                f"{positions.tolist()}",
                "List every criterion once, from the most to the least important",
            )
        )
    return positions


@register_weighting(
    "swara",
    {
        "comparative_importance": Array("the n - 1 comparative importances s_2 .. s_n"),
        "order": Nullable(Array("criterion indices, most important first"), "for the order given"),
        "name": Text(),
    },
)
def swara(
    comparative_importance: ArrayLike,
    order: ArrayLike | None = None,
    name: str = "comparative_importance",
) -> WeightResult:
    """SWARA (step-wise weight assessment ratio analysis) weights.

    The analyst sorts the n criteria from the most to the least important and states, for
    each criterion after the first, how much more important the criterion just above it is:
    the comparative importance ``s_j >= 0`` (0.15 = "15% more important"; 0 = equally
    important). Then, by position j = 1..n::

        k_1 = 1,  k_j = s_j + 1
        q_1 = 1,  q_j = q_{j-1} / k_j
        w_j = q_j / sum_i q_i

    Parameters
    ----------
    comparative_importance : ``(n - 1,)`` the ratios ``s_2 .. s_n`` in descending order of
        importance (the first criterion has none). Empty for a single criterion.
    order : ``(n,)`` the criterion index at each position, most important first; default
        ``0 .. n-1`` (criteria already given in descending importance). The returned weights
        are in criterion order, not position order.
    name : used in error messages (e.g. the profile key the ratios came from).

    Returns
    -------
    :class:`WeightResult` with diagnostics ``k`` and ``q`` (by position) and ``order``.
    Negative or non-finite ratios are refused with the entry named: a negative ``s_j`` would
    make a criterion more important than the one ranked above it. Direction of the decision
    criteria (benefit or cost) plays no part: SWARA weighs importance, not data.

    Reference: Keršulienė, Zavadskas & Turskis (2010), "Selection of rational dispute
    resolution method by applying new step-wise weight assessment ratio analysis (SWARA)",
    Journal of Business Economics and Management 11(2), 243-258.
    """
    try:
        ratios = np.asarray(comparative_importance, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise AllianceScoreError(Problem(name, "numeric ratios s_j >= 0", f"{error}")) from None
    if ratios.ndim != 1:
        raise AllianceScoreError(
            Problem(
                name,
                "a flat list of n - 1 ratios (one per criterion after the first)",
                f"shape {ratios.shape}",
            )
        )
    bad = ~np.isfinite(ratios) | (ratios < 0)
    if bad.any():
        raise AllianceScoreError(
            [
                Problem(
                    # Position j + 2 in the paper's numbering: the first criterion has no ratio.
                    f"{name}[{j}]",
                    "a finite comparative importance s >= 0 (0 = as important as the one above)",
                    f"{ratios[j]}",
                    "A negative s would rank this criterion above the previous one: reorder "
                    "the criteria instead",
                )
                for j in np.flatnonzero(bad)[:5]
            ]
        )
    n = ratios.size + 1
    positions = _check_order(order, n, "order")
    k = np.concatenate([[1.0], ratios + 1.0])
    q = np.cumprod(1.0 / k)
    by_position = q / q.sum()
    weights = np.empty(n)
    weights[positions] = by_position
    return WeightResult("swara", weights, {"k": k, "q": q, "order": positions})
