"""The data notes section: missing values and the policies that filled them, stale values,
which years of which tables were used (read from the cells' provenance records), exclusions,
overrides, the measures' notes, each table's citation and terms, and the analyst's own tables
with their source, date and hash (``templates/_data_notes.html.j2``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from alliancescore.analysis.matrix import screen_of
from alliancescore.analysis.result import Result
from alliancescore.data.provenance import table_years
from alliancescore.present.output import overrides_listing

from .shared import labels

__all__ = ["data_notes"]


def _years_used(result: Result, tables: Iterable[str]) -> list[dict[str, Any]]:
    """Per table: which years' values were used, how often, and whether stale or carried
    (read from the cells' provenance records)."""
    known = list(tables)
    counts: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    kept = list(result.matrix.values.index)
    for indicator in result.matrix.provenance.columns:
        for record in result.matrix.provenance.loc[kept, indicator]:
            for name, years, flag in table_years(record, known):
                counts[(name, years, flag)][indicator] += 1
    return [
        {
            "table": name,
            "years": "no value" if years == "none" else years,
            "flag": flag,
            "cells": sum(per_indicator.values()),
            "indicators": sorted(per_indicator),
        }
        for (name, years, flag), per_indicator in sorted(counts.items())
    ]


def _missing(result: Result) -> list[dict[str, Any]]:
    """Per indicator with filled cells: the policies applied and to which alternatives."""
    matrix = result.matrix
    label = labels(result)
    ind_label = {i.id: i.label for i in result.criteria.indicators}
    policy = matrix.policy_applied.reindex(index=list(matrix.values.index))
    out = []
    for indicator in policy.columns:
        filled = policy[indicator][policy[indicator] != ""]
        if len(filled):
            out.append(
                {
                    "indicator": ind_label.get(indicator, indicator),
                    "policy": ", ".join(sorted(set(filled))),
                    "count": len(filled),
                    "alternatives": [label[a] for a in filled.index],
                }
            )
    return out


def _stale(result: Result) -> list[dict[str, Any]]:
    """Every stale cell: indicator, alternative and its source."""
    matrix = result.matrix
    label = labels(result)
    ind_label = {i.id: i.label for i in result.criteria.indicators}
    stale = matrix.stale.reindex(index=list(matrix.values.index)).fillna(False).astype(bool)
    return [
        {
            "indicator": ind_label.get(indicator, indicator),
            "alternative": label[alt],
            "source": str(matrix.sources.loc[alt, indicator]),
        }
        for indicator in stale.columns
        for alt in stale.index[stale[indicator]]
    ]


def _terms(data: Any, used: list[str]) -> list[dict[str, Any]]:
    """Description, citation, terms and coverage of each table used."""
    out = []
    for name in used:
        meta = data.meta(name)
        out.append(
            {
                "table": name,
                "description": meta.description,
                "citation": meta.citation,
                "terms": meta.terms,
                "licence": meta.licence,
                "credit": meta.credit,
                "coverage": f"{meta.first_year}-{meta.last_year}",
                "staleness": meta.max_staleness_years,
                "notes": list(meta.notes),
            }
        )
    return out


def _analyst_tables(result: Result) -> list[dict[str, Any]]:
    """The analyst's own tables (``[[tables]]`` of the criteria file and the profile): file,
    source, assessment date, keys, staleness limit and hash."""
    return [
        {
            "table": t.id,
            "file": t.file_label,
            "source": t.source,
            "date": t.date,
            "columns": list(t.columns),
            "by_year": t.keyed_by_year,
            "staleness": t.max_staleness_years,
            "sha256": t.sha256,
            "declared": t.where,
        }
        for t in (*result.criteria.tables, *result.profile.tables)
    ]


def _name(data: Any, code: str) -> str:
    """``"Saudi Arabia (SAU)"`` from the data set's nations (the code alone without it): a
    screened state is not among the result's alternatives, whose labels the rest use."""
    if data is None:
        return code
    return f"{data.nation(code).name} ({code})"


def data_notes(result: Result, data: Any = None) -> dict[str, Any]:
    """The data notes; without ``data`` (the data set), no data set table is listed (the
    analyst's own tables are)."""
    matrix = result.matrix
    label = labels(result)
    analyst = _analyst_tables(result)
    table_names = list(data.manifest["tables"]) if data is not None else []
    years = _years_used(result, table_names + [t["table"] for t in analyst])
    shipped = {row["table"] for row in years} - {t["table"] for t in analyst}
    return {
        "missing": _missing(result),
        "stale": _stale(result),
        "years": years,
        "excluded": [
            {"alternative": label.get(a, a), "reason": r} for a, r in matrix.excluded.items()
        ],
        "screened": [
            dict(
                zip(("key", "screen", "reason"), screen_of(r), strict=True),
                alternative=_name(data, a),
            )
            for a, r in matrix.screened.items()
        ],
        "overrides": overrides_listing(result),
        "measure_notes": list(matrix.notes),
        "diagnostics": [d for d in result.diagnostics if d not in matrix.notes],
        "terms": _terms(data, sorted(shipped)),
        "analyst_tables": analyst,
    }
