"""The tables of one backtest window (``alliancescore backtest --format xlsx``): the
:class:`~alliancescore.backtest.run.BacktestResult`'s own frames, unrounded (the JSON
rounds to six decimals)."""

from __future__ import annotations

import pandas as pd

from alliancescore.backtest.report import shown_path
from alliancescore.backtest.run import BacktestResult

from .base import Sheet, record_sheet

__all__ = ["backtest_sheets"]

_COUNTS = {"rows", "positive_rows", "focal_with_positive", "n", "positives", "decile"}


def _is_rate(column: str) -> bool:
    """Rates, precisions and shares are shown as percentages; AUCs, lifts, differences and
    scores as decimals."""
    stem = column.removesuffix("_lo").removesuffix("_hi")
    return (
        stem == "rate"
        or stem.endswith("_rate")
        or stem.startswith(("precision_at_", "share_"))
        or stem == "share_higher"
    )


def _sheet(name: str, frame: pd.DataFrame, key_columns: int) -> Sheet:
    """Counts and whole-number columns as integers, rates as percentages, other numbers as
    decimals."""
    kinds = {}
    for column in frame.columns:
        if column in _COUNTS or pd.api.types.is_integer_dtype(frame[column]):
            kinds[column] = "int"
        elif _is_rate(column):
            kinds[column] = "share"
    return Sheet(name, frame.reset_index(drop=True), kinds, "score", key_columns=key_columns)


def _window(result: BacktestResult) -> Sheet:
    first, last = result.label_years
    rows = [
        ("year", result.year),
        ("horizon", result.horizon),
        ("new pacts counted", f"{first}-{last}"),
        ("role", result.role),
        ("criteria", f"{result.criteria.id} {result.criteria.version}"),
        ("focal states", " ".join(result.focal)),
    ]
    rows += [(f"count: {name}", value) for name, value in result.counts.items()]
    rows += [(f"rule: {name}", text) for name, text in result.rules.items()]
    return Sheet("window", pd.DataFrame(rows, columns=["field", "value"]), key_columns=1)


def backtest_sheets(result: BacktestResult) -> list[Sheet]:
    """metrics (per scorer and variant, with bootstrap intervals ``_lo``/``_hi``),
    comparisons (the model minus each baseline), deciles, focal AUC (per focal state),
    indicators, clusters, threats, window (counts and rules) and record."""
    record = dict(result.record)
    record["inputs"] = [
        {**entry, "path": shown_path(entry["path"])} for entry in record.get("inputs", ())
    ]
    return [
        _sheet("metrics", result.metrics.reset_index(), 2),
        _sheet("comparisons", result.comparisons, 4),
        _sheet("deciles", result.deciles, 3),
        _sheet("focal AUC", result.focal_auc.reset_index(), 1),
        _sheet("indicators", result.indicators.reset_index(), 1),
        _sheet("clusters", result.clusters.reset_index(), 1),
        _sheet("threats", result.threats, 2),
        _window(result),
        record_sheet(record, replicates=record.get("replicates")),
    ]
