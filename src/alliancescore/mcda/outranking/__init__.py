"""Outranking methods: relations with incomparabilities, a second result kind beside scores.

Importing this package registers every method in :data:`OUTRANKING_METHODS`; :func:`outrank`
runs one and returns a :class:`Relation`.
"""

from . import electre_i, electre_iii, promethee_i  # noqa: F401  (registers every method)
from .base import (
    OUTRANKING_METHODS,
    Outranking,
    OutrankingMethod,
    Relation,
    outrank,
    register_outranking,
)

__all__ = [
    "OUTRANKING_METHODS",
    "Outranking",
    "OutrankingMethod",
    "Relation",
    "outrank",
    "register_outranking",
]
