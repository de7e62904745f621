"""Sensitivity analysis: how far a ranking can be trusted.

Pure numpy kernels (no pandas, files or templates): weight samplers, data uncertainty, SMAA-2,
weight sweeps with switch points, stability intervals and the most critical criterion, and
variance-based (Sobol) importance of each weight, and how often an outranking relation holds
under the weight draws.
"""

from .data_uncertainty import DataUncertainty, absolute_error, relative_error, within_bounds
from .importance import WeightImportance, weight_importance
from .outranking import RelationFrequencies, relation_frequencies
from .samplers import (
    SAMPLERS,
    WeightSampler,
    dirichlet_around,
    hierarchical,
    mixture,
    ordinal,
    uniform_simplex,
    within_intervals,
)
from .smaa import SMAAResult, smaa
from .stability import (
    PROPERTIES,
    PropertyInterval,
    StabilityInterval,
    StabilityResult,
    stability_intervals,
)
from .sweeps import Sweep, sweep

__all__ = [
    "PROPERTIES",
    "SAMPLERS",
    "DataUncertainty",
    "PropertyInterval",
    "RelationFrequencies",
    "SMAAResult",
    "StabilityInterval",
    "StabilityResult",
    "Sweep",
    "WeightImportance",
    "WeightSampler",
    "absolute_error",
    "dirichlet_around",
    "hierarchical",
    "mixture",
    "ordinal",
    "relation_frequencies",
    "relative_error",
    "smaa",
    "stability_intervals",
    "sweep",
    "uniform_simplex",
    "weight_importance",
    "within_bounds",
    "within_intervals",
]
