"""Comparison at the precision a source printed its numbers."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

# Slack for binary floating point on top of the half unit in the last printed place.
_FLOAT_SLACK = 1e-12


def assert_printed(actual: ArrayLike, printed: ArrayLike, decimals: int, what: str = "") -> None:
    """Assert ``actual`` rounds to ``printed``: within half a unit of the last printed digit."""
    np.testing.assert_allclose(
        np.asarray(actual, dtype=float),
        np.asarray(printed, dtype=float),
        rtol=0.0,
        atol=0.5 * 10.0**-decimals + _FLOAT_SLACK,
        err_msg=f"{what} (printed to {decimals} decimals)",
    )


def assert_ranks(actual: ArrayLike, expected: ArrayLike, what: str = "") -> None:
    """Assert the full ranking (1 = best) equals the published one."""
    np.testing.assert_array_equal(np.asarray(actual), np.asarray(expected), err_msg=what)
