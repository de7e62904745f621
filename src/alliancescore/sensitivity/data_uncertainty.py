"""Uncertainty in the indicator values: draw perturbed decision matrices.

A :class:`DataUncertainty` turns the nominal matrix ``X (n, m)`` into one random matrix per
draw. SMAA uses a nested design: the outer loop draws matrices, the inner loop scores a batch
of weight vectors against each, so the weight-independent precomputation (normalisation,
ideal points, PROMETHEE flows) is done once per draw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem

__all__ = ["DataUncertainty", "absolute_error", "relative_error", "within_bounds"]


@dataclass(frozen=True)
class DataUncertainty:
    """``draw(rng, X) -> X'`` of the same shape, and a description for reports."""

    draw: Callable[[np.random.Generator, np.ndarray], np.ndarray] = field(repr=False)
    description: str


def _spread(value: ArrayLike, name: str) -> np.ndarray:
    arr = np.asarray(value, dtype=np.float64)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise AllianceScoreError(
            Problem(
                name,
                "non-negative finite spread(s): a scalar, one per criterion, or a matrix like X",
                f"{value!r}",
            )
        )
    return arr


def relative_error(sd: ArrayLike, distribution: str = "normal") -> DataUncertainty:
    """``x' = x (1 + e)`` with ``e ~ N(0, sd)`` or ``U(-sd, sd)``.

    ``sd`` is a scalar, ``(m,)`` per criterion or ``(n, m)`` per cell (0.1 = 10 %).
    """
    spread = _spread(sd, "relative error")
    draw_noise = _noise(distribution)
    return DataUncertainty(
        lambda rng, X: X * (1.0 + draw_noise(rng, np.broadcast_to(spread, X.shape))),
        f"relative {distribution} error, spread {np.array2string(spread, precision=3)}",
    )


def absolute_error(sd: ArrayLike, distribution: str = "normal") -> DataUncertainty:
    """``x' = x + e`` with ``e ~ N(0, sd)`` or ``U(-sd, sd)``, ``sd`` in the criterion's units."""
    spread = _spread(sd, "absolute error")
    draw_noise = _noise(distribution)
    return DataUncertainty(
        lambda rng, X: X + draw_noise(rng, np.broadcast_to(spread, X.shape)),
        f"absolute {distribution} error, spread {np.array2string(spread, precision=3)}",
    )


def within_bounds(lower: ArrayLike, upper: ArrayLike) -> DataUncertainty:
    """Each cell uniform between its bounds (``(n, m)`` arrays, or broadcastable to X)."""
    lo = np.asarray(lower, dtype=np.float64)
    hi = np.asarray(upper, dtype=np.float64)
    if not (np.all(np.isfinite(lo)) and np.all(np.isfinite(hi)) and np.all(lo <= hi)):
        raise AllianceScoreError(
            Problem(
                "data bounds",
                "finite bounds with lower <= upper in every cell",
                "a cell where that fails",
            )
        )
    return DataUncertainty(
        lambda rng, X: rng.uniform(np.broadcast_to(lo, X.shape), np.broadcast_to(hi, X.shape)),
        "each value uniform within its bounds",
    )


def _noise(distribution: str) -> Callable[[np.random.Generator, np.ndarray], np.ndarray]:
    if distribution == "normal":
        return lambda rng, spread: rng.standard_normal(spread.shape) * spread
    if distribution == "uniform":
        return lambda rng, spread: rng.uniform(-1.0, 1.0, spread.shape) * spread
    raise AllianceScoreError(
        Problem("error distribution", "'normal' or 'uniform'", repr(distribution))
    )
