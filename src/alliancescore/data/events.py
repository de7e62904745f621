"""Queries over events in windows of years (disputes, conflicts) and arms-transfer windows.

A mixin of :class:`~alliancescore.data.dataset.Dataset`; the rules are those of
:mod:`alliancescore.data.lookups` (an inclusive window, the part of it a source covers, and a
window that goes stale when its last covered year is too old).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from alliancescore.data import lookups
from alliancescore.data.base import TableStore, _year
from alliancescore.data.records import EventWindow, Shares
from alliancescore.data.schema import ARMS_WINDOW_YEARS, TABLES
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean

__all__ = ["EventQueries"]


class EventQueries(TableStore):
    """Event and window queries (see the module docstring)."""

    def dispute_matrix(
        self, nations: Iterable[str], first_year: int, last_year: int, table: str = "mid_cow"
    ) -> pd.DataFrame:
        """All pairs at once: distinct disputes with a dispute-year in the window.

        Missing everywhere when the source covers none of the window.
        """
        self._mid_table(table)
        nations = self._nations(nations)
        first, last = self._window(first_year, last_year)
        spec = TABLES[table]
        window = lookups.window_rows(self.frame(table), first, last)
        counts = window.groupby(["iso_a", "iso_b"], as_index=False)["dispnum"].nunique()
        matrix = lookups.pair_matrix(counts, nations, "dispnum", 0, "Int64", symmetric=True)
        if lookups.window_coverage(first, last, spec.first_year, spec.last_year) == 0:
            matrix[:] = pd.NA
        return matrix

    def event_window(self, table: str, year: int, years: int) -> EventWindow:
        """The trailing window of ``years`` years ending at ``year`` over event table ``table``
        (``mid_cow``, ``mid_gml``, ``ucdp``): the part the table covers and whether it is
        stale (see :class:`EventWindow`)."""
        spec = self._spec(table)
        if spec.kind != "event":
            events = [n for n, s in TABLES.items() if s.kind == "event"]
            raise AllianceScoreError(
                Problem("table", "an event table", repr(table), did_you_mean(table, events))
            )
        if isinstance(years, bool) or not isinstance(years, int) or years < 1:
            raise AllianceScoreError(Problem("years", "a whole number of years >= 1", repr(years)))
        last = _year(year)
        first = last - years + 1
        covered, stale = lookups.window_state(
            first, last, spec.first_year, spec.last_year, spec.max_staleness_years
        )
        return EventWindow(table, first, last, covered, stale)

    def dispute_pairs(
        self, first_year: int, last_year: int, table: str = "mid_cow", min_hostility: int = 1
    ) -> pd.DataFrame:
        """Dispute-dyads with a dispute-year in [first_year, last_year] as directed rows
        (``state``, ``other``, ``dispnum``): one row per dispute and direction, several
        dispute-years counting once. With ``min_hostility`` (MID hostility level 1-5: 2
        threat, 3 display, 4 use of force, 5 war) only dyad-years at or above that level count.
        Shared between callers: do not modify it."""
        self._mid_table(table)
        first, last = self._window(first_year, last_year)
        if min_hostility not in (1, 2, 3, 4, 5) or isinstance(min_hostility, bool):
            raise AllianceScoreError(
                Problem("min_hostility", "a MID hostility level 1-5", repr(min_hostility))
            )
        key = ("dispute_pairs", table, first, last, min_hostility)
        if key not in self._memo:
            rows = lookups.window_rows(self.frame(table), first, last)
            if min_hostility > 1:
                rows = rows[rows["hostlev"] >= min_hostility]
            self._memo[key] = lookups.both_ways(rows, ("dispnum",)).drop_duplicates(
                ignore_index=True
            )
        return self._memo[key]  # type: ignore[return-value]

    def disputes(
        self,
        focal: str,
        others: Iterable[str],
        first_year: int,
        last_year: int,
        table: str = "mid_cow",
    ) -> pd.DataFrame:
        """Militarized disputes between ``focal`` and each other state in a window of years.

        Counts distinct disputes with a dispute-year in [first_year, last_year]; also the
        highest hostility level (0 = none), disputes with fatalities, and ``years_covered``
        (MID 5 ends in 2014, GML in 2010; counts are missing when nothing is covered).
        """
        self._mid_table(table)
        (focal,) = self._nations(focal, "focal")
        others = self._nations(others, "others")
        first, last = self._window(first_year, last_year)
        spec = TABLES[table]
        covered = lookups.window_coverage(first, last, spec.first_year, spec.last_year)
        return lookups.dispute_frame(self.frame(table), focal, others, first, last, covered)

    def dispute_counts(
        self, nations: Iterable[str], first_year: int, last_year: int, table: str = "mid_cow"
    ) -> pd.DataFrame:
        """Per nation: distinct disputes (with anyone) with a dispute-year in the window."""
        self._mid_table(table)
        nations = self._nations(nations)
        first, last = self._window(first_year, last_year)
        spec = TABLES[table]
        covered = lookups.window_coverage(first, last, spec.first_year, spec.last_year)
        window = lookups.window_rows(self.frame(table), first, last)
        long = pd.concat(
            [
                window[["dispnum", "iso_a"]].rename(columns={"iso_a": "iso3"}),
                window[["dispnum", "iso_b"]].rename(columns={"iso_b": "iso3"}),
            ]
        )
        counts = long.groupby("iso3")["dispnum"].nunique()
        out = pd.DataFrame(index=pd.Index(nations, name="iso3"))
        out["disputes"] = counts.reindex(out.index).fillna(0).astype("Int64")
        if covered == 0:
            out["disputes"] = pd.NA
        out["years_covered"] = covered
        return out

    def _ucdp_window(
        self, first_year: int, last_year: int, types: Iterable[str] | None
    ) -> tuple[pd.DataFrame, int]:
        first, last = self._window(first_year, last_year)
        spec = TABLES["ucdp"]
        allowed = spec.column("type").choices
        wanted = list(allowed) if types is None else list(types)
        bad = [t for t in wanted if t not in allowed]
        if bad:
            raise AllianceScoreError(
                [
                    Problem(
                        "types",
                        f"conflict types {allowed}",
                        repr(t),
                        did_you_mean(str(t), [str(a) for a in allowed]),
                    )
                    for t in bad
                ]
            )
        window = lookups.window_rows(self.frame("ucdp"), first, last)
        window = window[window["type"].isin(wanted)]
        return window, lookups.window_coverage(first, last, spec.first_year, spec.last_year)

    def conflicts(
        self,
        nations: Iterable[str],
        first_year: int,
        last_year: int,
        types: Iterable[str] | None = ("interstate",),
        roles: Iterable[str] = ("primary", "secondary"),
    ) -> pd.DataFrame:
        """Per nation: distinct UCDP conflicts it took part in during the window.

        ``types`` are UCDP conflict types (interstate, intrastate, internationalized,
        extrasystemic; ``None`` for all); ``roles`` primary and/or secondary participation.
        Counts conflicts, not conflict-years or rows.
        """
        nations = self._nations(nations)
        window, covered = self._ucdp_window(first_year, last_year, types)
        window = window[window["role"].isin(list(roles))]
        counts = window.groupby("iso3")["conflict_id"].nunique()
        out = pd.DataFrame(index=pd.Index(nations, name="iso3"))
        out["conflicts"] = counts.reindex(out.index).fillna(0).astype("Int64")
        if covered == 0:
            out["conflicts"] = pd.NA
        out["years_covered"] = covered
        return out

    def wars_at_home(self, nations: Iterable[str], first_year: int, last_year: int) -> pd.DataFrame:
        """Per nation: the years of the window in which its government fought a war over its
        own government or territory.

        Such a war is a UCDP intrastate or internationalized armed conflict at war intensity
        (``intensity`` 2: at least 1,000 battle-related deaths in the year) in which the state
        is the primary party on side A: in these conflict types side A is the government, and
        the incompatibility is over that government or the state's territory. The table has
        no location: most such wars are fought on the state's soil, but a government fighting
        a group that contests it abroad counts too (the United States against al-Qaida in
        2001, Israel against Hezbollah in 2006 and 2024), while an interstate war on the
        state's soil does not (both governments are primary parties: Ukraine from 2022,
        Armenia in 2020). States that sent troops to the government's side are secondary
        parties and do not count.

        Columns: ``years`` (distinct years with such a war, 0 when none; missing when the
        source covers none of the window), ``last`` (the latest such year, missing when
        none), ``conflicts`` (their UCDP conflict ids, comma-separated, empty when none) and
        ``years_covered`` (the years of the window the source covers).
        """
        nations = self._nations(nations)
        window, covered = self._ucdp_window(
            first_year, last_year, ("intrastate", "internationalized")
        )
        wars = window[
            (window["role"] == "primary") & (window["side"] == "A") & (window["intensity"] == 2)
        ]
        grouped = wars.groupby("iso3")
        out = pd.DataFrame(index=pd.Index(nations, name="iso3"))
        out["years"] = grouped["year"].nunique().reindex(out.index).fillna(0).astype("Int64")
        out["last"] = grouped["year"].max().reindex(out.index).astype("Int64")
        ids = {
            nation: ",".join(str(i) for i in sorted(set(group["conflict_id"].tolist())))
            for nation, group in grouped
        }
        out["conflicts"] = [ids.get(nation, "") for nation in out.index]
        if covered == 0:
            out["years"] = pd.NA
        out["years_covered"] = covered
        return out

    def conflicts_between(
        self,
        focal: str,
        others: Iterable[str],
        first_year: int,
        last_year: int,
        types: Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """Per other state: distinct UCDP conflicts in which it and ``focal`` were on
        opposite sides (as primary or secondary parties) during the window."""
        (focal,) = self._nations(focal, "focal")
        others = self._nations(others, "others")
        window, covered = self._ucdp_window(first_year, last_year, types)
        mine = window.loc[window["iso3"] == focal, ["conflict_id", "year", "side"]]
        theirs = window.loc[window["iso3"].isin(others), ["conflict_id", "year", "side", "iso3"]]
        pairs = mine.merge(theirs, on=["conflict_id", "year"], suffixes=("_focal", ""))
        opposed = pairs[pairs["side_focal"] != pairs["side"]]
        counts = opposed.groupby("iso3")["conflict_id"].nunique()
        out = pd.DataFrame(index=pd.Index(others, name="iso3"))
        out["conflicts"] = counts.reindex(out.index).fillna(0).astype("Int64")
        if covered == 0:
            out["conflicts"] = pd.NA
        out["years_covered"] = covered
        return out

    def conflict_pairs(
        self,
        first_year: int,
        last_year: int,
        *,
        same_side: bool,
        types: Iterable[str] | None = None,
        max_side_states: int | None = None,
        apart_from: str | None = None,
    ) -> pd.DataFrame:
        """Directed pairs of states that took part in the same UCDP conflict in the same year
        of [first_year, last_year], on opposite sides (``same_side=False``) or on the same
        side (``same_side=True``), each as a primary or a secondary (supporting) party.

        Rows ``state``, ``other``, ``conflict_id``: one per pair, direction and conflict,
        however many years (count conflicts, not rows). ``types`` are UCDP conflict types
        (``None`` for all). Two filters apply to the sides a pair shares (``same_side``
        only): ``max_side_states`` leaves out a side that held more states than that in the
        year (multilateral operations: UN missions, the anti-IS coalition, ISAF);
        ``apart_from`` leaves out every side on which that state fought in the year. Empty
        when the source covers none of the window. Shared between callers: do not modify it.
        """
        first, last = self._window(first_year, last_year)
        if max_side_states is not None and (
            isinstance(max_side_states, bool)
            or not isinstance(max_side_states, int)
            or max_side_states < 2
        ):
            raise AllianceScoreError(
                Problem("max_side_states", "a whole number >= 2 or None", repr(max_side_states))
            )
        if apart_from is not None:
            (apart_from,) = self._nations(apart_from, "apart_from")
        wanted = None if types is None else tuple(types)
        key = ("conflict_pairs", first, last, same_side, wanted, max_side_states, apart_from)
        if key not in self._memo:
            window, _ = self._ucdp_window(first, last, wanted)
            self._memo[key] = _side_pairs(
                window, same_side=same_side, max_side_states=max_side_states, apart_from=apart_from
            )
        return self._memo[key]  # type: ignore[return-value]

    # ------------------------------------------------------------------ arms transfers
    def arms_shares(self, recipients: Iterable[str], year: int) -> Shares:
        """Recipients' arms-supplier shares over the 10 order years ending at ``year``.

        A recipient with no orders in the window gets a row of NaN (undefined, not zero);
        suppliers it did not order from get 0. Past 2024 the 2024 window is used (stale after
        2029). Only order years up to ``year`` enter, so nothing later leaks in.
        """
        recipients = self._nations(recipients, "recipients")
        spec = TABLES["arms_shares"]
        year_used, _, stale = lookups.spell_year(
            _year(year), spec.first_year, spec.last_year, spec.max_staleness_years
        )
        frame = self.frame("arms_shares")
        index = pd.Index(recipients, name="recipient")
        if year_used is None or stale:
            matrix = pd.DataFrame(index=index, dtype=float)
            window = None if year_used is None else (year_used - ARMS_WINDOW_YEARS + 1, year_used)
            return Shares(matrix, int(year), year_used, window, stale)
        rows = frame[(frame["end_year"] == year_used) & frame["recipient"].isin(recipients)]
        matrix = rows.pivot(index="recipient", columns="supplier", values="share")
        matrix = matrix.fillna(0.0).reindex(index)
        matrix.columns.name = "supplier"
        return Shares(
            matrix, int(year), year_used, (year_used - ARMS_WINDOW_YEARS + 1, year_used), False
        )


def _side_pairs(
    participations: pd.DataFrame,
    *,
    same_side: bool,
    max_side_states: int | None = None,
    apart_from: str | None = None,
) -> pd.DataFrame:
    """Directed pairs (``state``, ``other``, ``conflict_id``) of states on the same or on
    opposite sides of a conflict in the same year, from UCDP participation rows
    (``conflict_id``, ``year``, ``iso3``, ``side``); one row per pair and conflict.

    For ``same_side`` pairs, sides with more than ``max_side_states`` states in the year and
    sides on which ``apart_from`` fought in the year are left out first.
    """
    rows = participations[["conflict_id", "year", "iso3", "side"]].drop_duplicates()
    if same_side and (max_side_states is not None or apart_from is not None):
        side = ["conflict_id", "year", "side"]
        keep = np.ones(len(rows), dtype=bool)
        if max_side_states is not None:
            keep &= (rows.groupby(side)["iso3"].transform("size") <= max_side_states).to_numpy()
        if apart_from is not None:
            theirs = rows.loc[rows["iso3"] == apart_from, side].drop_duplicates()
            on_theirs = rows[side].merge(theirs, how="left", indicator=True)["_merge"]
            keep &= (on_theirs == "left_only").to_numpy()
        rows = rows[keep]
    pairs = rows.merge(rows, on=["conflict_id", "year"], suffixes=("", "_other"))
    pairs = pairs[pairs["iso3"] != pairs["iso3_other"]]
    together = pairs["side"] == pairs["side_other"]
    pairs = pairs[together if same_side else ~together]
    out = pairs[["iso3", "iso3_other", "conflict_id"]].set_axis(
        ["state", "other", "conflict_id"], axis=1
    )
    return out.drop_duplicates(ignore_index=True)
