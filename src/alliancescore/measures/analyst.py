"""The analyst's own indicator: a value column of a table the analyst brings.

An agency's readiness scores, a survey, an expert panel's ratings: a CSV or XLSX file keyed by
ISO3 (and optionally year), declared as a ``[[tables]]`` entry of the criteria file or the
profile with its source and assessment date (:mod:`alliancescore.model.analyst_tables` reads
and checks it). An indicator uses it like any measure, with its own direction, value function,
missing-data policy and coalition aggregation::

    [[criteria.indicators]]
    id = "readiness"
    measure = "table"
    params = { table = "readiness", column = "score" }
"""

from __future__ import annotations

import numpy as np

from alliancescore.data.provenance import Provenance
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.params import Nullable, Text

from ._common import check_codes, finish, unique
from .base import MeasureContext, MeasureResult, register_measure

__all__ = ["TABLE_MEASURE", "analyst_table", "table_column"]

TABLE_MEASURE = "table"
"""The measure's registered name (the model layer checks indicators that use it)."""


def table_column(columns: tuple[str, ...], column: str | None) -> str | None:
    """The column an indicator reads: the one it names, else the table's only value column
    (``None`` when it names none and the table has several)."""
    if column is not None:
        return column
    return columns[0] if len(columns) == 1 else None


@register_measure(
    TABLE_MEASURE,
    unit="the analyst table's own unit",
    direction="benefit",
    aggregation="mean",
    description="a value column of the analyst's own table ([[tables]] of the criteria file "
    "or the profile: CSV or XLSX keyed by ISO3, optionally by year)",
    tables=(),
    params={
        "table": Text(),
        "column": Nullable(Text(), "(the table's only value column)"),
    },
)
def analyst_table(
    ctx: MeasureContext, candidates: list[str], *, table: str, column: str | None = None
) -> MeasureResult:
    """The value of ``column`` of the analyst's table ``table`` for each candidate.

    Formula: ``x_c`` = the table's cell for candidate ``c``. With a ``year`` column: the
    latest value at or before the reference year ``Y``, missing (and flagged stale) when
    older than the table's ``max_staleness_years``, as the shipped nation-year tables are
    read. Without one: the value as assessed on the table's ``date``. A nation without a row,
    or with an empty cell, is missing; the indicator's policy decides.

    Unit: the analyst's. Direction: as the indicator states (registered as benefit).
    Coalition aggregation: mean by default.

    Tables: none of the data set's; the analyst's file (``[[tables]]``), hashed into the
    result's record. Source: as the table's ``source`` and ``date`` state; each value's
    record names the file (and sheet), that source, the assessment date and the year used.
    """
    if table not in ctx.tables:
        raise AllianceScoreError(
            Problem(
                "table",
                "the id of a [[tables]] entry of the criteria file or the profile",
                repr(table),
                did_you_mean(table, ctx.tables),
            )
        )
    source = ctx.tables[table]
    name = table_column(source.columns, column)
    if name not in source.columns:
        raise AllianceScoreError(
            Problem(
                "column",
                f"a value column of table {table!r}",
                repr(column) if column is not None else "nothing (the table has several)",
                did_you_mean(str(column), source.columns),
            )
        )
    cands = unique(candidates)
    check_codes(ctx, cands)
    found = source.lookup(name, cands, ctx.year)
    shared: dict[tuple[int | None, bool, bool], Provenance] = {}
    records = []
    for value, used, old in zip(found.values, found.years, found.stale, strict=True):
        key = (used, bool(old), bool(np.isnan(value)))
        if key not in shared:
            reason = ""
            if used is None and key[2]:
                reason = (
                    f"no value at or before {ctx.year}"
                    if source.keyed_by_year
                    else "no value in the table"
                )
            shared[key] = Provenance((source.use(name, used, stale=key[1], reason=reason),))
        records.append(shared[key])
    return finish(cands, found.values, records, found.stale, _note(source, name, ctx.year))


def _note(source, column: str, year: int) -> str:
    """How the values were read, and a warning when they were assessed after ``year``."""
    text = f"analyst table {source.id} ({source.file_label}), column {column}: {source.source}"
    if source.keyed_by_year:
        limit = source.max_staleness_years
        text += f"; latest at or before {year}" + (
            f" (stale after {limit} years)" if limit is not None else " (no staleness limit)"
        )
    text += f"; assessed {source.date}"
    if int(source.date[:4]) > year and not source.keyed_by_year:
        text += f", after the reference year {year}: the values may know what {year} did not"
    return text
