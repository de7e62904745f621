"""The tables of one sensitivity analysis (``alliancescore sensitivity --format xlsx|csv``).

Alternatives are listed in the order of the first method's ranking on the profile's weights.
Shares of draws are the analysis's own numbers (:class:`~alliancescore.analysis.
sensitivity_report.SensitivityReport`), not rounded.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from alliancescore.analysis.sensitivity_report import SensitivityReport

from .base import Sheet, record_sheet

__all__ = ["sensitivity_sheets"]

_INTERVAL_KINDS = {"weight": "score", "top1 relative change": "share"}


def _with_labels(report: SensitivityReport, table: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    frame = table.loc[order].reset_index(drop=True)
    labels = report.result.matrix.alternatives.loc[order, "label"].to_list()
    frame.insert(0, "label", labels)
    frame.insert(0, "alternative", order)
    return frame


def _acceptability(report: SensitivityReport, method: str, order: list[str]) -> Sheet:
    """Alternatives x ranks: the share of draws that put each alternative at each rank."""
    table = report.acceptability[method].rename(columns=lambda r: f"rank {r}")
    table["confidence"] = report.confidence[method]
    return Sheet(
        f"acceptability {method}",
        _with_labels(report, table, order),
        default="share",
        key_columns=1,
    )


def _stability(report: SensitivityReport) -> Sheet:
    """Every method's stability intervals, one row per (method, group); ``k`` is the size of
    the top set of the ``topk`` columns."""
    rows = []
    for method, table in report.stability.items():
        for g in table:
            rows.append(
                {
                    "method": method,
                    "group": g.group,
                    "level": g.level,
                    "weight": g.weight,
                    "top1 low": g.top1.low,
                    "top1 high": g.top1.high,
                    "k": table.k,
                    "topk low": g.topk.low,
                    "topk high": g.topk.high,
                    "full low": g.full.low,
                    "full high": g.full.high,
                    "top1 change": g.top1.change,
                    "top1 relative change": g.top1.relative_change,
                }
            )
    frame = pd.DataFrame(rows)
    return Sheet(
        "stability intervals", frame, {"k": "int", **_INTERVAL_KINDS}, "score", key_columns=2
    )


def _most_critical(report: SensitivityReport) -> Sheet:
    """Per method: the group whose smallest weight change flips the top choice (empty when no
    single weight change does)."""
    rows = []
    for method in report.stability:
        g = report.most_critical(method)
        rows.append(
            {
                "method": method,
                "group": None if g is None else g.group,
                "level": None if g is None else g.level,
                "weight": None if g is None else g.weight,
                "top1 change": None if g is None else g.top1.change,
                "top1 relative change": None if g is None else g.top1.relative_change,
            }
        )
    return Sheet("most critical", pd.DataFrame(rows), _INTERVAL_KINDS, "score", key_columns=1)


def _standard_error(report: SensitivityReport) -> Sheet:
    frame = pd.DataFrame(
        {
            "method": list(report.acceptability_se),
            "largest standard error": list(report.acceptability_se.values()),
            "weight draws": report.samples,
            "data draws": report.data_draws,
        }
    )
    return Sheet(
        "monte carlo error",
        frame,
        {"weight draws": "int", "data draws": "int"},
        "score",
        key_columns=1,
    )


def _settings(report: SensitivityReport) -> Sheet:
    rows = [
        ("samples", report.samples),
        ("seed", report.seed),
        ("weights", report.sampler),
        ("data", report.data or "nominal data"),
        ("data draws", report.data_draws),
    ]
    if report.spec is not None:
        rows += [
            (f"spec {f.name}", getattr(report.spec, f.name))
            for f in dataclasses.fields(report.spec)
        ]
    if report.importance_inputs:
        rows.append(("importance inputs", report.importance_inputs))
    return Sheet("settings", pd.DataFrame(rows, columns=["setting", "value"]), key_columns=1)


def _side_by_side(report: SensitivityReport, order: list[str]) -> list[Sheet]:
    """With more than one method: rank correlations and the consensus of the rankings."""
    result = report.result
    if len(result.methods) < 2:
        return []
    correlations = []
    for statistic in ("spearman", "kendall"):
        table = result.rank_correlations(statistic)
        table.insert(0, "method", table.index)
        table.insert(0, "statistic", statistic)
        correlations.append(table.reset_index(drop=True))
    consensus = result.consensus().join(result.ranks)
    return [
        Sheet("rank correlations", pd.concat(correlations), default="score", key_columns=2),
        Sheet(
            "consensus",
            _with_labels(report, consensus, order),
            {"borda points": "score", "copeland score": "score"},
            "int",
            key_columns=1,
        ),
    ]


def sensitivity_sheets(report: SensitivityReport) -> list[Sheet]:
    """acceptability <method> (per method: share of draws at each rank, and the confidence
    factor), confidence (alternatives x methods), stability intervals, most critical, monte
    carlo error (the largest standard error of a rank acceptability per method), settings,
    rank correlations and consensus (with several methods), importance (Sobol indices, when
    computed), notes and record."""
    result = report.result
    order = list(result.summary().index)
    sheets = [_acceptability(report, method, order) for method in report.acceptability]
    sheets += [
        Sheet(
            "confidence",
            _with_labels(report, report.confidence, order),
            default="share",
            key_columns=1,
        ),
        _stability(report),
        _most_critical(report),
        _standard_error(report),
        _settings(report),
        *_side_by_side(report, order),
    ]
    if report.importance is not None:
        importance = report.importance.reset_index()
        importance.columns = ["leader", "criterion", *importance.columns[2:]]
        sheets.append(Sheet("importance", importance, default="score", key_columns=2))
    sheets += [
        Sheet("notes", pd.DataFrame({"note": list(report.notes)}, dtype=object)),
        record_sheet(
            result.record | {"seed": report.seed},
            samples=report.samples,
            profile=result.profile.id,
        ),
    ]
    return sheets
