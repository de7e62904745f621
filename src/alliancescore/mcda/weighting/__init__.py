"""Weighting schemes; importing this package registers each of them in ``WEIGHTINGS``."""

from . import ahp, bwm, critic, direct, entropy, merec, standard_deviation, surrogate, swara, swing

__all__ = [
    "ahp",
    "bwm",
    "critic",
    "direct",
    "entropy",
    "merec",
    "standard_deviation",
    "surrogate",
    "swara",
    "swing",
]
