"""An analyst's own table of values by nation (and year), as a ``[[tables]]`` entry names it.

The file (CSV or XLSX) is read and checked by :mod:`alliancescore.model.analyst_tables`; this
is the checked table and its one lookup, the rule the shipped nation-year tables follow
(:func:`~alliancescore.data.lookups.latest_values`): in a table keyed by year, per nation the
latest value at or before the reference year, stale (and so missing) when older than
``max_staleness_years``; in a table without years, the value as assessed on ``date``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .lookups import latest_values
from .provenance import Use

__all__ = ["AnalystTable", "Lookup"]


@dataclass(frozen=True)
class Lookup:
    """Values of one column for some nations at a reference year (aligned with ``nations``).

    values : float, NaN where missing (no row, an empty cell, or stale).
    years : the year used per nation (``None`` where nothing was used, or the table has no
        years).
    stale : the value used was older than ``max_staleness_years`` (it counts as missing).
    """

    nations: tuple[str, ...]
    values: np.ndarray
    years: tuple[int | None, ...]
    stale: np.ndarray


@dataclass(frozen=True)
class AnalystTable:
    """An analyst's checked table.

    id : the name indicators give it (``params = { table = "readiness" }``).
    path : the file as the analyst named it, relative to where the command runs.
    sha256 : of the file's bytes (the result's reproducibility record lists it).
    source, date : where the values come from (free text) and the ISO date they were assessed.
    columns : the value columns, in the file's order.
    frame : one row per nation (and year), indexed by the row number a spreadsheet shows
        (header = row 1): ``iso3``, ``year`` when keyed by year, then the value columns
        (float, NaN for an empty cell).
    keyed_by_year : the file has a ``year`` column.
    max_staleness_years : with years, a value older than this many years before the
        reference year counts as missing (``None``: no limit).
    sheet : the XLSX sheet read (``None`` for a CSV file).
    where : the file and key that declared it (``criteria/m.toml: tables[0]``).
    """

    id: str
    path: str
    sha256: str
    source: str
    date: str
    columns: tuple[str, ...]
    frame: pd.DataFrame = field(compare=False, repr=False)
    keyed_by_year: bool = False
    max_staleness_years: int | None = None
    sheet: str | None = None
    where: str = ""

    @property
    def file_label(self) -> str:
        """``"analyst/readiness.xlsx, sheet 'Scores'"`` or the CSV file's path."""
        return f"{self.path}, sheet '{self.sheet}'" if self.sheet is not None else self.path

    def lookup(self, column: str, nations: Sequence[str], year: int) -> Lookup:
        """``column`` for ``nations`` at reference ``year`` (see the module docstring)."""
        nations = list(nations)
        if self.keyed_by_year:
            found = latest_values(self.frame, [column], nations, year, self.max_staleness_years)
            used = found[f"{column}_year"]
            return Lookup(
                tuple(nations),
                found[column].to_numpy(dtype=np.float64, na_value=np.nan),
                tuple(None if pd.isna(y) else int(y) for y in used),
                found[f"{column}_stale"].to_numpy(dtype=bool),
            )
        by_nation = self.frame.set_index("iso3")[column]
        values = by_nation.reindex(nations).to_numpy(dtype=np.float64, na_value=np.nan)
        return Lookup(tuple(nations), values, (None,) * len(nations), np.zeros(len(nations), bool))

    def use(self, column: str, year: int | None, *, stale: bool = False, reason: str = "") -> Use:
        """The provenance record of a value of ``column`` (``year`` used, or ``None``)."""
        common = {
            "file": self.file_label,
            "source": self.source,
            "assessed": self.date,
            "stale": stale,
            "reason": reason,
        }
        if self.keyed_by_year or year is not None:
            return Use(self.id, column, years=year, **common)
        if reason:  # nothing was used: no row, or an empty cell
            return Use(self.id, column, **common)
        return Use(self.id, column, undated=True, **common)
