"""Multi-criteria decision analysis kernels: pure numpy, batched over weight vectors.

Entry points:

- :func:`evaluate` ``(method, X, weights, benefit, **params)`` -> :class:`Evaluation`
  (scores, ranks with 1 = best, intermediate tables);
- :func:`prepare` for the weight-independent part, to score many weight batches against one
  matrix (sensitivity analysis);
- :func:`weights` ``(scheme, ...)`` -> :class:`WeightResult`;
- :func:`outrank` ``(method, X, weights, benefit, **params)`` -> :class:`Relation` (outranking
  methods: relations with incomparabilities, not scores);
- :func:`gaia` ``(single-criterion net flows, w)`` -> :class:`Gaia`, PROMETHEE's GAIA plane;
- :mod:`rankstats`: rank correlations (Spearman, weighted Spearman, WS, Kendall tau-b),
  Kendall's W over several rankings and consensus rankings (Borda, Copeland);
- :mod:`group`: several analysts' judgments (AIJ) or priorities (AIP) aggregated into one
  set of weights (:data:`GROUP_AGGREGATIONS`, :func:`aggregate`);
- registries :data:`METHODS`, :data:`OUTRANKING_METHODS`, :data:`NORMALISATIONS`,
  :data:`WEIGHTINGS` list the known names; each method and scheme declares its parameters
  (:mod:`alliancescore.params`) and each method its intermediate tables (:mod:`.tables`).

This package never imports pandas, Jinja or the file layer.
"""

from . import group, methods, rankstats, weighting  # noqa: F401  (registers methods and schemes)
from .gaia import Gaia, gaia
from .group import GROUP_AGGREGATIONS, GroupPriorities, aggregate
from .method import METHODS, Evaluation, Kernel, Method, Prepared, evaluate, prepare
from .normalisation import NORMALISATIONS, normalise
from .outranking import OUTRANKING_METHODS, Relation, outrank
from .ranking import rank_scores
from .rankstats import (
    ConsensusRanking,
    borda,
    copeland,
    fractional_ranks,
    kendall_tau,
    kendall_w,
    spearman,
    weighted_spearman,
    ws_similarity,
)
from .tables import ALTERNATIVES, CRITERIA, SAMPLES, Axis, TableSpec
from .weighting.base import WEIGHTINGS, WeightResult, weights

__all__ = [
    "ALTERNATIVES",
    "CRITERIA",
    "GROUP_AGGREGATIONS",
    "METHODS",
    "NORMALISATIONS",
    "OUTRANKING_METHODS",
    "SAMPLES",
    "WEIGHTINGS",
    "Axis",
    "ConsensusRanking",
    "Evaluation",
    "Gaia",
    "GroupPriorities",
    "Kernel",
    "Method",
    "Prepared",
    "Relation",
    "TableSpec",
    "WeightResult",
    "aggregate",
    "borda",
    "copeland",
    "evaluate",
    "fractional_ranks",
    "gaia",
    "kendall_tau",
    "kendall_w",
    "normalise",
    "outrank",
    "prepare",
    "rank_scores",
    "rankstats",
    "spearman",
    "weighted_spearman",
    "weights",
    "ws_similarity",
]
