"""Measures: registered functions turning real data into indicator values for candidates."""

# Importing the measure modules registers their measures.
from . import alignment, analyst, capability, geography, politics, risk, threats, ties  # noqa: F401
from .base import (
    AGGREGATIONS,
    MEASURES,
    Measure,
    MeasureContext,
    MeasureResult,
    Threat,
    register_measure,
)

__all__ = [
    "AGGREGATIONS",
    "MEASURES",
    "Measure",
    "MeasureContext",
    "MeasureResult",
    "Threat",
    "register_measure",
]
