"""Weighting schemes; importing this package registers each of them in ``WEIGHTINGS``."""

from . import ahp, direct, surrogate

__all__ = ["ahp", "direct", "surrogate"]
