"""Multi-criteria decision analysis kernels: pure numpy, batched over weight vectors.

Entry points:

- :func:`evaluate` ``(method, X, weights, benefit, **params)`` -> :class:`Evaluation`
  (scores, ranks with 1 = best, intermediate tables);
- :func:`prepare` for the weight-independent part, to score many weight batches against one
  matrix (sensitivity analysis);
- :func:`weights` ``(scheme, ...)`` -> :class:`WeightResult`;
- registries :data:`METHODS`, :data:`NORMALISATIONS`, :data:`WEIGHTINGS` list the known names.

This package never imports pandas, Jinja or the file layer.
"""

from . import methods, weighting  # noqa: F401  (registers every method and scheme)
from .method import METHODS, Evaluation, Kernel, Method, Prepared, evaluate, prepare
from .normalisation import NORMALISATIONS, normalise
from .ranking import rank_scores
from .weighting.base import WEIGHTINGS, WeightResult, weights

__all__ = [
    "METHODS",
    "NORMALISATIONS",
    "WEIGHTINGS",
    "Evaluation",
    "Kernel",
    "Method",
    "Prepared",
    "WeightResult",
    "evaluate",
    "normalise",
    "prepare",
    "rank_scores",
    "weights",
]
