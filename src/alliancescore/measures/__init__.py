"""Measures: registered functions turning real data into indicator values for candidates."""

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
