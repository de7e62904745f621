"""Vectorised lookups over loaded tables: latest value at or before a year, spells active in a
year, events in a window, capitals and distances.

These are plain functions of DataFrames so that :class:`alliancescore.data.dataset.Dataset`
stays a thin front door and the rules are easy to test. The rules:

* nation-year values: per nation and column, the latest year at or before the reference year
  with a non-missing value; stale when ``reference_year - year_used > max_staleness``, and a
  stale value counts as missing. Nothing after the reference year is ever used.
* spells (alliances, contiguity, rivalries): the year looked at is ``min(reference_year,
  source_last_year)``; a reference year past the source's end is "carried forward", and stale
  beyond ``max_staleness``.
* events (disputes, conflicts): counted over an inclusive window of years; the part of the
  window the source covers is reported, and a window the source does not cover at all gives
  missing counts rather than zeros. A trailing window ending at the reference year is stale
  when its last covered year lies more than ``max_staleness`` before it.
* alliance levels: the strongest ATOP obligation between two states, as a level: 3 defence,
  2 offence, neutrality or consultation (a security partnership), 1 non-aggression only,
  0 none.

The fast all-candidates forms the measures and the backtest use (:func:`both_ways`,
:func:`pair_counts`, :func:`capital_distances`, :func:`alliance_levels`,
:func:`window_state`) live here too, so no other module repeats a rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from pandas.arrays import IntegerArray

from alliancescore.data.geo import great_circle_km
from alliancescore.data.obligations import ObligationIndex, obligation_index

__all__ = [
    "ALLIANCE_KINDS",
    "active_spells",
    "alliance_frame",
    "alliance_levels",
    "both_ways",
    "capital_distances",
    "capitals_at",
    "capitals_in_force",
    "contiguity_frame",
    "dispute_frame",
    "distance_frame",
    "latest_observed",
    "latest_values",
    "listed",
    "listed_nations",
    "pair_counts",
    "pair_matrix",
    "pair_rows",
    "rivalry_frame",
    "rivalry_types",
    "spell_year",
    "window_coverage",
    "window_rows",
    "window_state",
    "year_totals",
]

ALLIANCE_KINDS = ("defense", "offense", "neutral", "nonagg", "consul")


def latest_observed(frame: pd.DataFrame, column: str, year: int) -> pd.DataFrame:
    """Per nation with a value of ``column`` at or before ``year``: its latest row (indexed
    by ISO3, columns ``year`` and ``column``). A nation's row depends on its own rows alone,
    so one of these serves a lookup over any nations."""
    past = frame[frame["year"] <= year]
    seen = past.loc[past[column].notna(), ["iso3", "year", column]]
    latest = seen.sort_values(["iso3", "year"]).drop_duplicates("iso3", keep="last")
    return latest.set_index("iso3")


def latest_values(
    frame: pd.DataFrame,
    columns: Sequence[str],
    nations: Sequence[str],
    year: int,
    max_staleness: int | None,
    observed: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """For each nation: per column the latest value at or before ``year`` and its year.

    Returns a frame indexed by ``nations`` (in the given order) with, per column ``c``: ``c``
    (the value, missing when never observed or stale), ``c_observed`` (the value even if
    stale), ``c_year`` (year used, nullable int) and ``c_stale`` (bool). ``observed``: per
    column its :func:`latest_observed` frame of ``frame`` at ``year``, when the caller keeps
    them (a data set does, per year: a study asks every year for every candidate).
    """
    out = pd.DataFrame(index=pd.Index(list(nations), name="iso3"))
    past: pd.DataFrame | None = None
    for column in columns:
        if observed is not None and column in observed:
            latest = observed[column]
        else:
            if past is None:
                past = frame[(frame["year"] <= year) & frame["iso3"].isin(list(nations))]
            latest = latest_observed(past, column, year)
        latest = latest.reindex(out.index)
        year_used = latest["year"].astype("Int64")
        stale = (
            ((year - year_used) > max_staleness).fillna(False).astype(bool)
            if max_staleness is not None
            else pd.Series(False, index=out.index)
        )
        value = latest[column]
        out[column] = value.where(~stale)
        out[f"{column}_observed"] = value
        out[f"{column}_year"] = year_used
        out[f"{column}_stale"] = stale.to_numpy()
    return out


def listed_nations(frame: pd.DataFrame, first: int, last: int) -> frozenset[str]:
    """The nations with at least one row (any values, even empty) with a year in
    ``first..last``."""
    rows = frame[(frame["year"] >= first) & (frame["year"] <= last)]
    return frozenset(rows["iso3"])


def listed(
    frame: pd.DataFrame,
    nations: Sequence[str],
    first: int,
    last: int,
    present: frozenset[str] | None = None,
) -> pd.Series:
    """Whether each of ``nations`` has at least one row (any values, even empty) with a year in
    ``first..last`` (bool, indexed by ``nations`` in order). ``present``: the
    :func:`listed_nations` of ``frame`` in ``first..last``, when the caller keeps them."""
    if present is None:
        present = listed_nations(frame, first, last)
    return pd.Series([n in present for n in nations], index=pd.Index(list(nations), name="iso3"))


def year_totals(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Per year: ``total``, the sum of ``column`` over the rows with a value, and ``count``,
    how many rows had one (years without any value are left out)."""
    seen = frame.loc[frame[column].notna(), ["year", column]]
    grouped = seen.groupby("year")[column]
    out = pd.DataFrame({"total": grouped.sum().astype(np.float64), "count": grouped.size()})
    out.index.name = "year"
    return out


def spell_year(
    year: int, first_year: int | None, last_year: int | None, max_staleness: int | None
) -> tuple[int | None, bool, bool]:
    """(year used, carried forward, stale) for a spell table at reference ``year``."""
    if first_year is not None and year < first_year:
        return None, False, False
    if last_year is None or year <= last_year:
        return year, False, False
    stale = max_staleness is not None and year - last_year > max_staleness
    return last_year, True, stale


def active_spells(
    frame: pd.DataFrame, year: int, first: str = "first_year", last: str = "last_year"
) -> pd.DataFrame:
    """Rows whose [first, last] span contains ``year`` (an empty last means still running)."""
    ends = frame[last].astype("Float64").fillna(np.inf)
    return frame[(frame[first] <= year) & (ends >= year)]


def pair_rows(
    frame: pd.DataFrame, focal: str, others: Sequence[str], a: str = "iso_a", b: str = "iso_b"
) -> pd.DataFrame:
    """Rows between ``focal`` and any of ``others`` (either order), with an ``other`` column."""
    others = list(others)
    left = frame[(frame[a] == focal) & frame[b].isin(others)].assign(other=lambda f: f[b])
    right = frame[(frame[b] == focal) & frame[a].isin(others)].assign(other=lambda f: f[a])
    return pd.concat([left, right])


def alliance_frame(
    atop: pd.DataFrame,
    focal: str,
    others: Sequence[str],
    year_used: int | None,
    stale: bool,
    obligations: ObligationIndex | None = None,
) -> pd.DataFrame:
    """ATOP obligations between ``focal`` and each of ``others`` in ``year_used``.

    Columns per kind ``k``: ``k`` (1 if either has the obligation), ``k_by_focal`` (focal's
    obligation to the other), ``k_by_other`` (the other's obligation to focal); all 0 where no
    tie is listed, missing when the year is unknown or stale. ``obligations``: the
    :func:`~alliancescore.data.obligations.obligation_index` of ``atop``'s spells in force in
    ``year_used``, when the caller keeps one (a data set does, per year).
    """
    index = pd.Index(list(others), name="iso3")
    columns = [f"{k}{suffix}" for k in ALLIANCE_KINDS for suffix in ("", "_by_focal", "_by_other")]
    if year_used is None or stale:
        return pd.DataFrame(pd.NA, index=index, columns=columns, dtype="Int64")
    if obligations is None:
        obligations = obligation_index(active_spells(atop, year_used), ALLIANCE_KINDS)
    # positions, not label lookups: this runs once per threat actor and focal state in the
    # backtest (ATOP holds at most one spell per directed pair in a year, so no collisions)
    none = np.zeros(0, dtype=np.intp)
    from_focal = obligations.by_a.get(focal, none)  # rows focal -> other, in table order
    to_focal = obligations.by_b.get(focal, none)  # rows other -> focal
    at_focal = index.get_indexer(obligations.iso_b[from_focal])
    at_other = index.get_indexer(obligations.iso_a[to_focal])
    keep_focal, keep_other = at_focal >= 0, at_other >= 0
    data = {}
    for k, kind in enumerate(ALLIANCE_KINDS):
        by_focal = np.zeros(len(index), dtype=np.int64)
        by_other = np.zeros(len(index), dtype=np.int64)
        by_focal[at_focal[keep_focal]] = obligations.kinds[from_focal, k][keep_focal]
        by_other[at_other[keep_other]] = obligations.kinds[to_focal, k][keep_other]
        data[kind] = np.maximum(by_focal, by_other)
        data[f"{kind}_by_focal"] = by_focal
        data[f"{kind}_by_other"] = by_other
    # IntegerArray from values and an all-False mask: pd.array's checks cost as much as the rest
    return pd.DataFrame(
        {c: IntegerArray(data[c], np.zeros(len(index), dtype=bool)) for c in columns},
        index=index,
    )


def contiguity_frame(
    contiguity: pd.DataFrame, focal: str, others: Sequence[str], year_used: int | None, stale: bool
) -> pd.Series:
    """Closest COW contiguity type (1-5, 0 = none) between focal and each other state."""
    index = pd.Index(list(others), name="iso3")
    out = pd.Series(0, index=index, dtype="Int64", name="conttype")
    if year_used is None or stale:
        out[:] = pd.NA
        return out
    rows = pair_rows(active_spells(contiguity, year_used), focal, index)
    if not rows.empty:
        closest = rows.groupby("other")["conttype"].min()
        out.loc[closest.index] = closest.to_numpy()
    return out


def alliance_levels(alliances: pd.DataFrame) -> np.ndarray:
    """The tie level (3 defence, 2 security partnership, 1 dialogue, 0 none) of each row of an
    :func:`alliance_frame` whose year is known and not stale."""
    level = np.zeros(len(alliances))
    held = {  # numpy, not pandas masks: this runs once per threat actor and task in a study
        kind: alliances[kind].to_numpy(dtype=np.float64, na_value=np.nan) == 1
        for kind in ALLIANCE_KINDS
    }
    level[held["nonagg"]] = 1.0
    level[held["offense"] | held["neutral"] | held["consul"]] = 2.0
    level[held["defense"]] = 3.0
    return level


def rivalry_frame(
    rivalries: pd.DataFrame,
    focal: str,
    others: Sequence[str],
    year_used: int | None,
    stale: bool,
    type_columns: Sequence[str],
) -> pd.DataFrame:
    """Whether focal and each other state are rivals in ``year_used``, with rivalry ids/types."""
    index = pd.Index(list(others), name="iso3")
    out = pd.DataFrame(
        {"rival": pd.array([False] * len(index), dtype="boolean"), "rivalry_ids": "", "types": ""},
        index=index,
    )
    if year_used is None or stale:
        out["rival"] = pd.NA
        return out
    rows = pair_rows(active_spells(rivalries, year_used), focal, index)
    for other, part in rows.groupby("other"):
        out.loc[other, "rival"] = True
        out.loc[other, "rivalry_ids"] = ";".join(str(i) for i in sorted(part["rivalry_id"]))
        out.loc[other, "types"] = ";".join(rivalry_types(part, type_columns))
    return out


def rivalry_types(rows: pd.DataFrame, type_columns: Sequence[str]) -> list[str]:
    """Sorted rivalry types flagged in ``rows`` (0/1 flag columns or a ';'-joined column)."""
    found: set[str] = set()
    for column in type_columns:
        if column == "types":
            for value in rows[column].dropna():
                found.update(str(value).split(";"))
        elif (rows[column] == 1).any():
            found.add(column)
    return sorted(found)


def pair_matrix(
    rows: pd.DataFrame,
    nations: Sequence[str],
    values: str,
    fill: object,
    dtype: str,
    symmetric: bool,
    how: str = "max",
) -> pd.DataFrame:
    """A nations x nations matrix from pair rows (iso_a, iso_b, ``values``).

    With ``symmetric`` each row fills both (a, b) and (b, a); several rows for one cell are
    combined with ``how`` ('max' or 'min'); cells without a row get ``fill``.
    """
    index = pd.Index(list(nations), name="iso3")
    rows = rows[rows["iso_a"].isin(index) & rows["iso_b"].isin(index)]
    if symmetric:
        rows = pd.concat([rows, rows.rename(columns={"iso_a": "iso_b", "iso_b": "iso_a"})])
    cells = rows.groupby(["iso_a", "iso_b"])[values].agg(how)
    matrix = cells.unstack("iso_b").reindex(index=index, columns=index)
    matrix = matrix.astype("Float64").fillna(fill).astype(dtype)
    matrix.index.name, matrix.columns.name = "iso3", "iso3"
    return matrix


def window_coverage(first: int, last: int, data_first: int, data_last: int) -> int:
    """How many years of the inclusive window [first, last] the source covers."""
    return max(0, min(last, data_last) - max(first, data_first) + 1)


def window_state(
    first: int, last: int, data_first: int, data_last: int, max_staleness: int | None
) -> tuple[tuple[int, int] | None, bool]:
    """(covered part, stale) of the window [first, last] ending at the reference year ``last``.

    ``None`` when the source covers none of it; stale when the last covered year lies more
    than ``max_staleness`` years before ``last``.
    """
    if window_coverage(first, last, data_first, data_last) == 0:
        return None, False
    covered = (max(first, data_first), min(last, data_last))
    return covered, max_staleness is not None and last - covered[1] > max_staleness


def window_rows(events: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """Rows of an event table with a year in the inclusive window [first, last]."""
    return events[(events["year"] >= first) & (events["year"] <= last)]


def both_ways(rows: pd.DataFrame, keep: Sequence[str] = ()) -> pd.DataFrame:
    """Undirected pair rows (iso_a, iso_b) as directed rows (state, other), both ways,
    with the columns ``keep``."""
    forward = rows[["iso_a", "iso_b", *keep]].set_axis(["state", "other", *keep], axis=1)
    backward = rows[["iso_b", "iso_a", *keep]].set_axis(["state", "other", *keep], axis=1)
    return pd.concat([forward, backward], ignore_index=True)


def pair_counts(pairs: pd.DataFrame, rows: Sequence[str], columns: Sequence[str]) -> np.ndarray:
    """Counts of directed rows (state, other) per state in ``rows`` and other in
    ``columns``: shape (len(rows), len(columns)); repeats in ``columns`` get equal columns."""
    distinct = pd.Index(list(dict.fromkeys(columns)))
    r = pd.Index(list(rows)).get_indexer(pairs["state"])
    c = distinct.get_indexer(pairs["other"])
    keep = (r >= 0) & (c >= 0)
    dense = np.zeros((len(rows), len(distinct)))
    np.add.at(dense, (r[keep], c[keep]), 1.0)
    return dense[:, distinct.get_indexer(list(columns))]


def dispute_frame(
    mids: pd.DataFrame, focal: str, others: Sequence[str], first: int, last: int, covered: int
) -> pd.DataFrame:
    """Disputes between focal and each other state with any dispute-year in [first, last].

    ``disputes`` counts distinct disputes (not rows); ``max_hostlev`` is the highest dyadic
    hostility level (0 = none); ``fatal`` counts disputes with a fatality level above 0.
    All are missing when the source covers none of the window (``covered == 0``).
    """
    index = pd.Index(list(others), name="iso3")
    out = pd.DataFrame({"disputes": 0, "max_hostlev": 0, "fatal": 0}, index=index, dtype="Int64")
    out["years_covered"] = covered
    if covered == 0:
        out[["disputes", "max_hostlev", "fatal"]] = pd.NA
        return out
    rows = pair_rows(window_rows(mids, first, last), focal, index)
    if not rows.empty:
        grouped = rows.groupby("other")
        out.loc[grouped.size().index, "disputes"] = grouped["dispnum"].nunique().to_numpy()
        out.loc[grouped.size().index, "max_hostlev"] = grouped["hostlev"].max().to_numpy()
        fatal = rows[rows["fatality"].fillna(0) > 0].groupby("other")["dispnum"].nunique()
        out.loc[fatal.index, "fatal"] = fatal.to_numpy()
    return out


def capitals_in_force(capitals: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each nation's capital in force at the end of ``year`` (or its last one that year),
    indexed by ISO3, for the nations with one (see :func:`capitals_at`)."""
    start_of, end_of = f"{year:04d}-01-01", f"{year:04d}-12-31"
    ends = capitals["end"].fillna("9999-12-31")
    rows = capitals[(capitals["start"] <= end_of) & (ends >= start_of)]
    rows = rows.sort_values(["iso3", "start"]).drop_duplicates("iso3", keep="last")
    return rows.set_index("iso3")


def capitals_at(
    capitals: pd.DataFrame,
    nations: Sequence[str],
    year: int,
    in_force: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each nation's capital in force at the end of ``year`` (or its last one that year).

    A spell counts for ``year`` if it overlaps it; among those the latest-starting is taken.
    Nations without a capital that year get a row of missing values. ``in_force``: the
    :func:`capitals_in_force` of ``capitals`` at ``year``, when the caller keeps it (a
    nation's row depends on its own spells alone).
    """
    if in_force is None:
        in_force = capitals_in_force(capitals[capitals["iso3"].isin(list(nations))], year)
    return in_force.reindex(pd.Index(list(nations), name="iso3"))


def capital_distances(
    capitals: pd.DataFrame, rows: Sequence[str], columns: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Great-circle km between the capitals of ``rows`` and ``columns`` nations.

    ``capitals`` is a :func:`capitals_at` frame holding every nation of both lists. Returns
    (km of shape (rows, columns), row has no capital, column has no capital); km is NaN where
    either has none.
    """
    lat = capitals["lat"].to_numpy(dtype=np.float64, na_value=np.nan)
    lng = capitals["lng"].to_numpy(dtype=np.float64, na_value=np.nan)
    r = capitals.index.get_indexer(list(rows))
    c = capitals.index.get_indexer(list(columns))
    km = great_circle_km(lat[r][:, None], lng[r][:, None], lat[c][None, :], lng[c][None, :])
    return km, np.isnan(lat[r]), np.isnan(lat[c])


def distance_frame(
    capitals: pd.DataFrame, rows: Sequence[str], columns: Sequence[str], year: int
) -> pd.DataFrame:
    """Great-circle km between the capitals of ``rows`` and ``columns`` nations in ``year``."""
    both = capitals_at(capitals, list(dict.fromkeys([*rows, *columns])), year)
    km, _, _ = capital_distances(both, rows, columns)
    return pd.DataFrame(
        km, index=pd.Index(list(rows), name="iso3"), columns=pd.Index(list(columns), name="iso3")
    )
