"""Score methods; importing this package registers each of them in ``METHODS``."""

from . import (
    aras,
    codas,
    copras,
    edas,
    mabac,
    moora,
    promethee,
    spotis,
    topsis,
    vikor,
    waspas,
    weighted_product,
    weighted_sum,
)

__all__ = [
    "aras",
    "codas",
    "copras",
    "edas",
    "mabac",
    "moora",
    "promethee",
    "spotis",
    "topsis",
    "vikor",
    "waspas",
    "weighted_product",
    "weighted_sum",
]
