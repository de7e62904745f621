"""Score methods; importing this package registers each of them in ``METHODS``."""

from . import promethee, topsis, vikor, weighted_product, weighted_sum

__all__ = ["promethee", "topsis", "vikor", "weighted_product", "weighted_sum"]
