"""The data set as it would have been known at the end of a year, for no-leakage tests.

Every table is truncated: rows dated after the year dropped, spells still running after it
made open-ended. A measure or rule that uses nothing after the year gives identical results
on this data set and on the full one.
"""

from __future__ import annotations

import pandas as pd

from alliancescore.data import TABLES, Dataset

__all__ = ["KnownAt", "as_of"]


def as_of(frame: pd.DataFrame, table: str, year: int) -> pd.DataFrame:
    """``frame`` as it would have been known at the end of ``year``.

    Rows dated after ``year`` are dropped; spells still running after it are open-ended.
    """
    kind = TABLES[table].kind
    frame = frame.copy()
    if kind in ("monadic", "event"):
        return frame[frame["year"] <= year]
    if kind == "window":
        return frame[frame["end_year"] <= year]
    if kind == "dyadic_spell" or (kind == "spell" and "first_year" in frame.columns):
        frame = frame[frame["first_year"] <= year]
        frame.loc[frame["last_year"] > year, "last_year"] = pd.NA
        return frame
    if kind == "spell":  # dates
        end_of_year = f"{year:04d}-12-31"
        frame = frame[frame["start"] <= end_of_year]
        frame.loc[frame["end"].fillna("") > end_of_year, "end"] = None
        return frame
    raise AssertionError(f"no truncation rule for {table} ({kind})")


class KnownAt(Dataset):
    """The data set as it stood at the end of ``year``: every table truncated."""

    def __init__(self, full: Dataset, year: int):
        super().__init__(full.root)
        self._full, self._year, self._cut = full, year, {}

    def frame(self, table: str) -> pd.DataFrame:
        if table not in self._cut:
            self._cut[table] = as_of(self._full.frame(table), table, self._year)
        return self._cut[table]
