"""Queries over pairs of states: alliances, contiguity, capitals and distances, rivalries.

A mixin of :class:`~alliancescore.data.dataset.Dataset`; the rules are those of
:mod:`alliancescore.data.lookups` (a spell table's year used, carried forward and stale).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from alliancescore.data import lookups
from alliancescore.data.base import RIVALRY_TYPES, TableStore, _year
from alliancescore.data.records import AllianceTie, Capital, Contiguity, Rivalry, SpellPairs
from alliancescore.data.schema import TABLES
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean

__all__ = ["DyadicQueries"]


class DyadicQueries(TableStore):
    """Pair queries (see the module docstring)."""

    def alliances(self, focal: str, others: Iterable[str], year: int) -> pd.DataFrame:
        """ATOP obligations between ``focal`` and each of ``others`` in ``year``.

        Columns per kind (defense, offense, neutral, nonagg, consul): the kind in either
        direction, ``<kind>_by_focal`` and ``<kind>_by_other``; plus ``year_used`` and
        ``stale``. ATOP ends in 2018: later years use 2018, carried forward through 2025 (stale
        later).
        """
        (focal,) = self._nations(focal, "focal")
        others = self._nations(others, "others")
        year_used, _, stale = self._spell_year("atop", year)
        out = self._atop_frame(focal, others, year_used, stale).copy()
        out["year_used"] = pd.array([year_used] * len(out), dtype="Int64")
        out["stale"] = stale
        return out

    def alliance(self, a: str, b: str, year: int) -> AllianceTie:
        """ATOP obligations between two states in ``year`` (each direction)."""
        row = self.alliances(a, [b], year).iloc[0]
        stale = bool(row["stale"])
        year_used = None if pd.isna(row["year_used"]) else int(row["year_used"])
        known = year_used is not None and not stale
        by_a = {k: int(row[f"{k}_by_focal"]) for k in lookups.ALLIANCE_KINDS} if known else None
        by_b = {k: int(row[f"{k}_by_other"]) for k in lookups.ALLIANCE_KINDS} if known else None
        return AllianceTie(
            a=a,
            b=b,
            reference_year=int(year),
            year_used=year_used,
            stale=stale,
            a_to_b=by_a,
            b_to_a=by_b,
        )

    def alliance_levels(self, focal: str, others: Iterable[str], year: int) -> pd.DataFrame:
        """The strongest ATOP tie between ``focal`` and each of ``others`` in ``year``.

        ``level``: 3 defence pact (a defence obligation in either direction), 2 security
        partnership (offence, neutrality or consultation), 1 dialogue (non-aggression only),
        0 none; missing (NaN) before ATOP's coverage or when stale. A non-aggression pledge
        that rests on a region-wide code of conduct (:meth:`nonaggression_codes`: the Treaty of
        Amity and Cooperation, the Helsinki Final Act) is no dialogue: level 0, with the code
        in ``code`` and the reason in ``code_basis`` (None elsewhere). A defence pledge that
        rests on an instrument one of the pair has left (:meth:`alliance_depth` reads it as
        ``none``: the OAS for Venezuela from 2019, the EU's mutual assistance clause for the
        United Kingdom from 2020) is no tie either: level 0, the reason in ``left_basis``.
        Also ``year_used``, ``carried_forward`` (ATOP ends in 2018: later years use 2018) and
        ``stale``.
        """
        (focal,) = self._nations(focal, "focal")
        others = self._nations(others, "others")
        year_used, carried, stale = self._spell_year("atop", year)
        # the shared ATOP frame, not a copy of it (alliances): only read here
        frame = self._atop_frame(focal, others, year_used, stale)
        level = lookups.alliance_levels(frame)
        codes = self.nonaggression_codes(focal, others, year)
        level[codes["code"].notna().to_numpy(bool)] = 0.0
        depth = self.alliance_depth(focal, others, year)
        defence = depth["atop_defense"].to_numpy(dtype=np.float64, na_value=np.nan)
        left = (depth["label"].to_numpy(dtype=object) == "none") & (defence == 1)
        level[left] = 0.0
        if year_used is None or stale:
            level[:] = np.nan
        return pd.DataFrame(
            {
                "level": level,
                "year_used": pd.array([year_used] * len(frame), dtype="Int64"),
                "carried_forward": carried,
                "stale": np.full(len(frame), stale, dtype=bool),
                "code": codes["code"],
                "code_basis": codes["basis"],
                "left_basis": depth["basis"].where(left, None),
            },
            index=frame.index,
        )

    def spell_pairs(self, table: str, year: int) -> SpellPairs:
        """The pairs of the dyadic spell table ``table`` in force in ``year``, both ways.

        One data-layer call for all pairs at once (measures and the backtest count a few dozen
        rivalries among ~190 states, not a square matrix); see :class:`SpellPairs`. The result
        is shared between callers: do not modify its frame.
        """
        spec = self._spec(table)
        if spec.kind != "dyadic_spell":
            spells = [n for n, s in TABLES.items() if s.kind == "dyadic_spell"]
            raise AllianceScoreError(
                Problem("table", "a dyadic spell table", repr(table), did_you_mean(table, spells))
            )
        key = ("spell_pairs", table, _year(year))
        if key not in self._memo:
            used, carried, stale = self._spell_year(table, year)
            spells = self.frame(table)
            if used is None or stale:
                rows = spells.iloc[0:0]
            else:
                rows = lookups.active_spells(spells, used)
            self._memo[key] = SpellPairs(
                table, int(year), used, carried, stale, lookups.both_ways(rows)
            )
        return self._memo[key]

    def alliance_pairs(self, year: int) -> pd.DataFrame:
        """Every directed ATOP obligation row in force in ``year`` (for all-pairs work)."""
        year_used, _, stale = self._spell_year("atop", year)
        if year_used is None or stale:
            return self.frame("atop").iloc[0:0].copy()
        return lookups.active_spells(self.frame("atop"), year_used).reset_index(drop=True)

    def alliance_matrix(
        self, nations: Iterable[str], year: int, kind: str = "defense", directed: bool = False
    ) -> pd.DataFrame:
        """All pairs at once: 1 where an ATOP ``kind`` obligation holds in ``year``, else 0.

        Undirected by default (either state obliged); with ``directed`` cell (a, b) is a's
        obligation to b. Missing everywhere when the year is stale (ATOP ends 2018).
        """
        if kind not in lookups.ALLIANCE_KINDS:
            raise AllianceScoreError(
                Problem(
                    "kind",
                    f"one of {lookups.ALLIANCE_KINDS}",
                    repr(kind),
                    did_you_mean(kind, lookups.ALLIANCE_KINDS),
                )
            )
        nations = self._nations(nations)
        year_used, _, stale = self._spell_year("atop", year)
        rows = self.alliance_pairs(year)
        matrix = lookups.pair_matrix(rows, nations, kind, 0, "Int64", symmetric=not directed)
        if year_used is None or stale:
            matrix[:] = pd.NA
        return matrix

    # ------------------------------------------------------------------ contiguity
    def contiguity_matrix(self, nations: Iterable[str], year: int) -> pd.DataFrame:
        """All pairs at once: closest COW contiguity type (1-5, 0 = none) in ``year``."""
        nations = self._nations(nations)
        year_used, _, stale = self._spell_year("contiguity", year)
        if year_used is None or stale:
            rows = self.frame("contiguity").iloc[0:0]
        else:
            rows = lookups.active_spells(self.frame("contiguity"), year_used)
        matrix = lookups.pair_matrix(
            rows, nations, "conttype", 0, "Int64", symmetric=True, how="min"
        )
        if year_used is None or stale:
            matrix[:] = pd.NA
        return matrix

    def contiguities(self, focal: str, others: Iterable[str], year: int) -> pd.DataFrame:
        """COW contiguity type (1-5, 0 = none) between ``focal`` and each of ``others``.

        Past 2016 (the data's end) the 2016 state is carried forward: ``carried_forward``.
        """
        (focal,) = self._nations(focal, "focal")
        others = self._nations(others, "others")
        year_used, carried, stale = self._spell_year("contiguity", year)
        out = lookups.contiguity_frame(
            self.frame("contiguity"), focal, others, year_used, stale
        ).to_frame()
        out["year_used"] = pd.array([year_used] * len(out), dtype="Int64")
        out["carried_forward"] = carried
        out["stale"] = stale
        return out

    def contiguity(self, a: str, b: str, year: int) -> Contiguity:
        """COW direct contiguity of two states in ``year``."""
        row = self.contiguities(a, [b], year).iloc[0]
        return Contiguity(
            a=a,
            b=b,
            reference_year=int(year),
            conttype=None if pd.isna(row["conttype"]) else int(row["conttype"]),
            year_used=None if pd.isna(row["year_used"]) else int(row["year_used"]),
            carried_forward=bool(row["carried_forward"]),
            stale=bool(row["stale"]),
        )

    # ------------------------------------------------------------------ capitals, distance
    def capitals(self, nations: Iterable[str], year: int) -> pd.DataFrame:
        """Each nation's capital at the end of ``year``: capital, lat, lng, start, end."""
        nations = self._nations(nations)
        year = _year(year)
        key = ("capitals", year)  # every nation's, once per year: callers take their rows
        if key not in self._memo:
            self._memo[key] = lookups.capitals_in_force(self.frame("capitals"), year)
        return lookups.capitals_at(self.frame("capitals"), nations, year, self._memo[key])

    def capital(self, nation: str, year: int) -> Capital | None:
        """A nation's capital at the end of ``year`` (``None`` if it had none that year)."""
        row = self.capitals([nation], year).iloc[0]
        if pd.isna(row["capital"]):
            return None
        end = None if pd.isna(row["end"]) else str(row["end"])
        return Capital(
            nation=row.name,
            reference_year=int(year),
            name=str(row["capital"]),
            lat=float(row["lat"]),
            lng=float(row["lng"]),
            start=str(row["start"]),
            end=end,
            carried_forward=end is None and year > TABLES["capitals"].last_year,
        )

    def distance_matrix(
        self, nations: Iterable[str], year: int, columns: Iterable[str] | None = None
    ) -> pd.DataFrame:
        """Great-circle km between capitals in ``year``: ``nations`` x ``columns`` (or square)."""
        rows = self._nations(nations)
        cols = rows if columns is None else self._nations(columns)
        return lookups.distance_frame(self.frame("capitals"), rows, cols, _year(year))

    def distances_km(self, focal: str, others: Iterable[str], year: int) -> pd.Series:
        """Great-circle km from ``focal``'s capital to each other's capital in ``year``."""
        frame = self.distance_matrix([focal], year, columns=others)
        return frame.iloc[0].rename("distance_km")

    def distance_km(self, a: str, b: str, year: int) -> float:
        """Great-circle km between two capitals in ``year`` (NaN if either has none)."""
        return float(self.distance_matrix([a], year, columns=[b]).iloc[0, 0])

    def rivalries(
        self, focal: str, others: Iterable[str], year: int, table: str = "rivalry_tss"
    ) -> pd.DataFrame:
        """Whether ``focal`` and each of ``others`` are strategic rivals in ``year``.

        ``rivalry_tss`` (Thompson, Sakuwa and Suhas, to 2020) is the primary table;
        ``rivalry_td`` (Thompson and Dreyer, to 2010) the older alternative. Columns: rival
        (missing when stale), rivalry_ids, types, year_used, stale.
        """
        table = self._rivalry_table(table)
        (focal,) = self._nations(focal, "focal")
        others = self._nations(others, "others")
        year_used, _, stale = self._spell_year(table, year)
        out = lookups.rivalry_frame(
            self.frame(table), focal, others, year_used, stale, RIVALRY_TYPES[table]
        )
        out["year_used"] = pd.array([year_used] * len(out), dtype="Int64")
        out["stale"] = stale
        return out

    def rivalry(self, a: str, b: str, year: int, table: str = "rivalry_tss") -> Rivalry | None:
        """The rivalry between two states active in ``year`` (``None`` if none or stale)."""
        table = self._rivalry_table(table)
        (a,) = self._nations(a, "a")
        (b,) = self._nations(b, "b")
        year_used, _, stale = self._spell_year(table, year)
        if stale or year_used is None:
            return None
        rows = lookups.pair_rows(lookups.active_spells(self.frame(table), year_used), a, [b])
        if rows.empty:
            return None
        row = rows.sort_values("first_year").iloc[-1]
        return Rivalry(
            a=a,
            b=b,
            reference_year=int(year),
            table=table,
            rivalry_id=int(row["rivalry_id"]),
            name=str(row["rivalry"]),
            first_year=int(row["first_year"]),
            last_year=None if pd.isna(row["last_year"]) else int(row["last_year"]),
            types=tuple(lookups.rivalry_types(rows.iloc[[-1]], RIVALRY_TYPES[table])),
            year_used=year_used,
            stale=stale,
        )

    def rivals(self, nation: str, year: int, table: str = "rivalry_tss") -> list[str]:
        """Every state ``nation`` is in a strategic rivalry with in ``year``."""
        table = self._rivalry_table(table)
        (nation,) = self._nations(nation)
        year_used, _, stale = self._spell_year(table, year)
        if stale or year_used is None:
            return []
        rows = lookups.active_spells(self.frame(table), year_used)
        found = set(rows.loc[rows["iso_a"] == nation, "iso_b"]) | set(
            rows.loc[rows["iso_b"] == nation, "iso_a"]
        )
        return sorted(found)

    def rivalry_matrix(
        self, nations: Iterable[str], year: int, table: str = "rivalry_tss"
    ) -> pd.DataFrame:
        """All pairs at once: True where a strategic rivalry is active in ``year``."""
        table = self._rivalry_table(table)
        nations = self._nations(nations)
        year_used, _, stale = self._spell_year(table, year)
        rows = lookups.active_spells(self.frame(table), year_used or 0).assign(one=1)
        matrix = lookups.pair_matrix(rows, nations, "one", 0, "Int64", symmetric=True)
        matrix = matrix.astype("boolean")
        if year_used is None or stale:
            matrix[:] = pd.NA
        return matrix
