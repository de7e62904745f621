"""Defaults of the sensitivity analysis, in one light module.

A profile's ``[sensitivity]`` table and the command-line options override them; the command
line's ``--help`` states them, so this module imports nothing (help stays fast).
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_CONCENTRATION",
    "DEFAULT_K",
    "DEFAULT_SAMPLER",
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
]

DEFAULT_SAMPLES = 100_000
"""Weight draws per method."""
DEFAULT_SEED = 0
DEFAULT_SAMPLER = "dirichlet"
DEFAULT_CONCENTRATION = 50.0
"""Dirichlet concentration per tree node (larger = draws closer to the profile's weights)."""
DEFAULT_K = 3
"""The top-k set whose stability is reported."""
