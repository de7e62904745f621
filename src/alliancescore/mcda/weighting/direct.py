"""Direct weights: the analyst's numbers, checked and rescaled to sum to one."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Anything, Text

from .._checks import as_weights
from .base import WeightResult, register_weighting


@register_weighting(
    "direct", {"values": Anything("a flat list of weights, one per criterion"), "name": Text()}
)
def direct(values: ArrayLike, name: str = "weights") -> WeightResult:
    """Weights given directly, on any positive scale (points, percentages), rescaled to sum to 1.

    Negative, NaN, infinite or all-zero weights are refused with an error naming the entry.
    ``name`` is used in error messages (e.g. the profile key the weights came from).
    """
    if np.ndim(values) != 1:
        raise AllianceScoreError(
            Problem(name, "a flat list of weights, one per criterion", f"shape {np.shape(values)}")
        )
    W, _ = as_weights(values, int(np.size(values)), name=name)
    return WeightResult("direct", W[0], {"given_total": float(np.sum(values))})
