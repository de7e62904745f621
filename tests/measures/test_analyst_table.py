"""The ``table`` measure: an analyst's own table read as the shipped nation-year tables are.

Keyed by year: the latest value at or before the reference year, stale (and missing) when
older than ``max_staleness_years``; every value's record names the file, source, date and
year used. Values hand-set below.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from alliancescore.data import load
from alliancescore.data.analyst import AnalystTable
from alliancescore.errors import AllianceScoreError
from alliancescore.measures import MEASURES, MeasureContext

# nation, year, score: KOR 2016 recent; AUS 2015 before and 2020 after 2018; USA only 2010;
# IND only 2021 (after the reference year); GBR 2017 with an empty cell, 2012 with a value.
ROWS = [
    ("KOR", 2016, 7.0),
    ("AUS", 2015, 5.0),
    ("AUS", 2020, 9.0),
    ("USA", 2010, 8.0),
    ("IND", 2021, 6.0),
    ("GBR", 2012, 4.0),
    ("GBR", 2017, np.nan),
]
FILE = "analyst/readiness.xlsx, sheet 'Scores'"
SOURCE = "Agency X readiness review"


def _table(rows=ROWS, *, by_year=True, staleness: int | None = 5) -> AnalystTable:
    frame = pd.DataFrame(
        {
            "iso3": [r[0] for r in rows],
            **({"year": pd.array([r[1] for r in rows], dtype="Int64")} if by_year else {}),
            "score": [r[2] for r in rows],
        },
        index=pd.Index(range(2, len(rows) + 2), name="row"),
    )
    return AnalystTable(
        "readiness", "analyst/readiness.xlsx", "0" * 64, SOURCE, "2019-06-30", ("score",),
        frame, keyed_by_year=by_year, max_staleness_years=staleness if by_year else None,
        sheet="Scores",
    )  # fmt: skip


@pytest.fixture(scope="module")
def ds():
    return load()


def _run(ds, table: AnalystTable, nations, year=2018, **params):
    ctx = MeasureContext(ds, "JPN", year, tables={"readiness": table})
    return MEASURES["table"](ctx, nations, table="readiness", **params)


def test_latest_value_at_or_before_the_year_and_stale_beyond_the_limit(ds):
    result = _run(ds, _table(), ["KOR", "AUS", "USA", "IND", "GBR", "FRA"])
    expected = {"KOR": 7.0, "AUS": 5.0, "USA": np.nan, "IND": np.nan, "GBR": np.nan}
    expected["FRA"] = np.nan
    np.testing.assert_array_equal(result.values.to_numpy(), list(expected.values()))
    # USA's 2010 value is 8 years old (limit 5): stale, so missing; GBR's 2012 is 6 years old
    assert result.stale.to_dict() == {
        "KOR": False, "AUS": False, "USA": True, "IND": False, "GBR": True, "FRA": False,
    }  # fmt: skip
    tail = f"analyst table {FILE}: {SOURCE}, assessed 2019-06-30"
    assert result.sources.to_dict() == {
        "KOR": f"readiness 2016 ({tail})",
        "AUS": f"readiness 2015 ({tail})",  # not 2020: after the reference year
        "USA": f"readiness 2010 (stale; {tail})",
        "IND": f"readiness none (no value at or before 2018; {tail})",
        "GBR": f"readiness 2012 (stale; {tail})",  # 2017's cell is empty
        "FRA": f"readiness none (no value at or before 2018; {tail})",
    }
    assert "latest at or before 2018 (stale after 5 years)" in result.note


def test_the_limit_moves_with_the_reference_year_and_can_be_lifted(ds):
    later = _run(ds, _table(), ["AUS", "USA"], year=2021)
    np.testing.assert_array_equal(later.values.to_numpy(), [9.0, np.nan])
    unlimited = _run(ds, _table(staleness=None), ["USA", "GBR"])
    np.testing.assert_array_equal(unlimited.values.to_numpy(), [8.0, 4.0])
    assert not unlimited.stale.any()


def test_a_table_without_years_gives_its_values_as_of_its_date(ds):
    rows = [("KOR", None, 3.0), ("AUS", None, np.nan)]
    result = _run(ds, _table(rows, by_year=False), ["KOR", "AUS", "USA"])
    np.testing.assert_array_equal(result.values.to_numpy(), [3.0, np.nan, np.nan])
    tail = f"analyst table {FILE}: {SOURCE}"
    assert result.sources.tolist() == [
        f"readiness as of 2019-06-30 ({tail})",
        f"readiness none (no value in the table; {tail}, assessed 2019-06-30)",
        f"readiness none (no value in the table; {tail}, assessed 2019-06-30)",
    ]
    # assessed after the reference year: said in the note, not hidden
    assert "after the reference year 2018" in result.note
    assert (
        "after the reference year" not in _run(ds, _table(rows, by_year=False), ["KOR"], 2020).note
    )


def test_an_unknown_table_or_column_is_the_measures_message(ds):
    ctx = MeasureContext(ds, "JPN", 2018, tables={"readiness": _table()})
    with pytest.raises(AllianceScoreError, match=r"found 'readyness'\. Did you mean 'readiness'"):
        MEASURES["table"](ctx, ["KOR"], table="readyness")
    with pytest.raises(AllianceScoreError, match=r"found 'scor'\. Did you mean 'score'"):
        MEASURES["table"](ctx, ["KOR"], table="readiness", column="scor")
    with pytest.raises(AllianceScoreError, match="measure 'table' parameter 'table'"):
        MEASURES["table"](ctx, ["KOR"])  # required: no default
