"""The front door to the data: :func:`load` returns a :class:`Dataset` with typed lookups.

>>> from alliancescore.data import load
>>> ds = load()
>>> ds.value("nmc", "cinc", "JPN", 2018).value        # doctest: +SKIP
0.028301
>>> ds.values("nmc", ["cinc", "milex"], ["JPN", "CHN"], 2018)   # doctest: +SKIP
>>> ds.alliance("USA", "NZL", 1990).defense           # doctest: +SKIP
0
>>> ds.distance_km("DEU", "FRA", 1989)                 # Bonn-Paris  # doctest: +SKIP

Single lookups return small records (:mod:`alliancescore.data.records`); the plural forms take
many nations at once and return DataFrames indexed by ISO3, for scoring ~190 candidates or all
pairs of a year without a Python loop per pair.

Tables are read on first use and validated then (header, types, keys, ISO3 codes known to the
crosswalk, and the file's SHA-256 against ``MANIFEST.json``); errors name the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from alliancescore.data import lookups
from alliancescore.data.cache import cached_frame, codes_key, content_key
from alliancescore.data.crosswalk import Crosswalk, Nation, load_crosswalk
from alliancescore.data.csvio import parse_table
from alliancescore.data.manifest import read_manifest, sha256_of
from alliancescore.data.paths import data_dir
from alliancescore.data.records import (
    AllianceTie,
    Capital,
    Contiguity,
    Observation,
    Rivalry,
    Shares,
    TableMeta,
)
from alliancescore.data.schema import ARMS_WINDOW_YEARS, REFERENCE, TABLES, TableSpec
from alliancescore.data.sources import SOURCES
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean

__all__ = ["Dataset", "load"]

_RIVALRY_TABLES = ("rivalry_tss", "rivalry_td")
_MID_TABLES = ("mid_cow", "mid_gml")
_RIVALRY_TYPES = {
    "rivalry_tss": (
        "positional",
        "spatial",
        "ideological",
        "interventionary",
        "principal",
        "aprin",
    ),
    "rivalry_td": ("types",),
}


def _year(value: object, name: str = "year") -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise AllianceScoreError(Problem(name, "a calendar year (integer)", repr(value)))
    return int(value)


def _python(value: object) -> int | float | str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value  # type: ignore[return-value]


class Dataset:
    """The built data set in one folder: crosswalk, metadata and lookups.

    Create with :func:`load`. ``verify`` checks every file's SHA-256 against the manifest, so a
    hand-edited or half-rebuilt file is refused instead of silently used.
    """

    def __init__(self, root: Path, *, verify: bool = True):
        self.root = Path(root)
        self.verify = verify
        self.manifest = read_manifest(self.root)
        if verify:
            self._verify_reference()
        self.crosswalk: Crosswalk = load_crosswalk(self.root / "reference")
        self._frames: dict[str, pd.DataFrame] = {}
        self._state_lists: dict[tuple[int, str], tuple[str, ...]] = {}

    def __repr__(self) -> str:
        return f"Dataset({str(self.root)!r}, tables={len(TABLES)})"

    # ------------------------------------------------------------------ files and metadata
    def _verify_reference(self) -> None:
        problems = []
        for name, spec in REFERENCE.items():
            path = self.root / spec.file
            recorded = self.manifest["reference"].get(name, {}).get("sha256")
            if path.is_file() and recorded and sha256_of(path.read_bytes()) != recorded:
                problems.append(
                    Problem(
                        str(path),
                        "the file the data were built with (SHA-256 in MANIFEST.json)",
                        "a changed file",
                        "Rebuild with `python -m alliancescore.data.build` after editing the "
                        "crosswalk",
                    )
                )
        if problems:
            raise AllianceScoreError(problems)

    def _spec(self, table: str) -> TableSpec:
        if table not in TABLES:
            raise AllianceScoreError(
                Problem(
                    "table", "a known table name", repr(table), did_you_mean(str(table), TABLES)
                )
            )
        return TABLES[table]

    def frame(self, table: str) -> pd.DataFrame:
        """The validated table (shared, do not modify; use :meth:`table` for a copy)."""
        spec = self._spec(table)
        if table not in self._frames:
            path = self.root / spec.file
            if not path.is_file():
                raise AllianceScoreError(
                    Problem(
                        str(path),
                        f"the {table!r} table file",
                        "no such file",
                        "Rebuild with `python -m alliancescore.data.build`",
                    )
                )
            content = path.read_bytes()
            digest = sha256_of(content)
            if self.verify:
                recorded = self.manifest["tables"].get(table, {}).get("sha256")
                if recorded != digest:
                    raise AllianceScoreError(
                        Problem(
                            str(path),
                            "the file recorded in MANIFEST.json (SHA-256)",
                            "a different file",
                            "Rebuild with `python -m alliancescore.data.build`, or restore the "
                            "committed file",
                        )
                    )
            # Parsed and checked once per content, spec and code (see data/cache.py).
            known = self.crosswalk.iso3_codes
            key = content_key(digest, repr(spec), codes_key(known))
            self._frames[table] = cached_frame(
                key, lambda: parse_table(content, spec, str(path), known)
            )
        return self._frames[table]

    def table(self, table: str) -> pd.DataFrame:
        """A copy of a whole table (see :data:`alliancescore.data.schema.TABLES`)."""
        return self.frame(table).copy()

    @property
    def table_names(self) -> tuple[str, ...]:
        return tuple(TABLES)

    def load_all(self) -> None:
        """Read and validate every table now (lookups otherwise read tables on first use)."""
        for table in TABLES:
            self.frame(table)

    def meta(self, table: str) -> TableMeta:
        """Source, citation, terms, coverage and staleness of a table."""
        self._spec(table)
        entry = self.manifest["tables"][table]
        cov = entry["coverage"]
        return TableMeta(
            name=table,
            file=entry["file"],
            kind=entry["kind"],
            description=entry["description"],
            sources=tuple(entry["sources"]),
            citation=entry["citation"],
            terms=entry["terms"],
            licence=entry["licence"],
            credit=entry["credit"],
            first_year=cov["first_year"],
            last_year=cov["last_year"],
            source_last_year=cov["source_last_year"],
            max_staleness_years=entry["max_staleness_years"],
            rows=entry["rows"],
            sha256=entry["sha256"],
            notes=tuple(entry["notes"]),
        )

    def _source_label(self, table: str) -> str:
        return "; ".join(f"{SOURCES[s].title} {SOURCES[s].version}" for s in TABLES[table].sources)

    # ------------------------------------------------------------------ nations and states
    def nation(self, code: str) -> Nation:
        """A nation by ISO3 code or exact name (``nation("JAP")`` suggests 'JPN')."""
        return self.crosswalk.nation(code)

    def _nations(self, codes: str | Iterable[str], where: str = "nations") -> list[str]:
        """Known ISO3 codes, in the given order with repeats removed (or an error)."""
        if isinstance(codes, str):
            codes = [codes]
        return list(dict.fromkeys(self.crosswalk.check_iso3(codes, where)))

    def nations(
        self,
        *,
        region: str | None = None,
        subregion: str | None = None,
        continent: str | None = None,
        year: int | None = None,
        system: str = "cow",
    ) -> list[str]:
        """ISO3 codes of known nations, optionally of one region / sub-region / continent and,
        with ``year``, only those that were states that year (see :meth:`states`).

        Regions are UN M49 (via countrycode); states without an M49 entry (Taiwan, Kosovo,
        former states) carry a documented project assignment (``region_basis``).
        """
        table = self.crosswalk.nations
        if year is not None:
            table = table[table["iso3"].isin(self.states(year, system))]
        for column, wanted in (
            ("region", region),
            ("subregion", subregion),
            ("continent", continent),
        ):
            if wanted is None:
                continue
            known = set(table[column].dropna())
            if wanted not in known:
                raise AllianceScoreError(
                    Problem(column, f"a known {column}", repr(wanted), did_you_mean(wanted, known))
                )
            table = table[table[column] == wanted]
        return sorted(table["iso3"])

    def states(self, year: int, system: str = "cow") -> list[str]:
        """Nations that were states at any time in ``year`` in the COW or GW list (or either).

        Membership still running at a list's end (COW 2016, GW 2020) is carried forward.
        """
        year = _year(year)
        if system not in ("cow", "gw", "any"):
            raise AllianceScoreError(Problem("system", "'cow', 'gw' or 'any'", repr(system)))
        return list(self._states(year, system))

    def _states(self, year: int, system: str) -> tuple[str, ...]:
        # Memoised: profile checks ask for the same year once per nation they name.
        if (year, system) not in self._state_lists:
            spells = self.frame("states")
            if system != "any":
                spells = spells[spells["system"] == system]
            ends = spells["end"].fillna("9999-12-31")
            starts = spells["start"]
            active = spells[(starts <= f"{year:04d}-12-31") & (ends >= f"{year:04d}-01-01")]
            self._state_lists[(year, system)] = tuple(sorted(set(active["iso3"])))
        return self._state_lists[(year, system)]

    def exists(self, nation: str, year: int, system: str = "cow") -> bool:
        """Whether ``nation`` was a state at any time in ``year`` (see :meth:`states`)."""
        (nation,) = self._nations(nation)
        return nation in self.states(year, system)

    def major_powers(self, year: int) -> list[str]:
        """COW major powers at any time in ``year`` (status at 2016 carried forward)."""
        year = _year(year)
        spells = self.frame("majors")
        ends = spells["end"].fillna("9999-12-31")
        active = spells[(spells["start"] <= f"{year:04d}-12-31") & (ends >= f"{year:04d}-01-01")]
        return sorted(active["iso3"])

    # ------------------------------------------------------------------ nation-year values
    def _columns(self, table: str, columns: str | Sequence[str]) -> list[str]:
        spec = self._spec(table)
        if spec.kind != "monadic":
            monadic = [n for n, s in TABLES.items() if s.kind == "monadic"]
            raise AllianceScoreError(
                Problem("table", "a nation-year table", repr(table), did_you_mean(table, monadic))
            )
        columns = [columns] if isinstance(columns, str) else list(columns)
        known = spec.value_columns
        problems = [
            Problem(f"{table} column", "a value column", repr(c), did_you_mean(c, known))
            for c in columns
            if c not in known
        ]
        if problems:
            raise AllianceScoreError(problems)
        return columns

    def values(
        self, table: str, columns: str | Sequence[str], nations: str | Iterable[str], year: int
    ) -> pd.DataFrame:
        """Latest values at or before ``year`` for many nations, with year used and staleness.

        Returns a frame indexed by ISO3 with, per column ``c``: ``c`` (missing when never
        observed or stale), ``c_observed``, ``c_year`` and ``c_stale``.
        """
        columns = self._columns(table, columns)
        nations = self._nations(nations)
        return lookups.latest_values(
            self.frame(table), columns, nations, _year(year), TABLES[table].max_staleness_years
        )

    def value(self, table: str, column: str, nation: str, year: int) -> Observation:
        """The latest value of ``column`` for ``nation`` at or before ``year``."""
        row = self.values(table, [column], [nation], year).iloc[0]
        year_used = row[f"{column}_year"]
        return Observation(
            table=table,
            column=column,
            nation=row.name,
            reference_year=int(year),
            value=_python(row[column]),
            observed=_python(row[f"{column}_observed"]),
            year_used=None if pd.isna(year_used) else int(year_used),
            stale=bool(row[f"{column}_stale"]),
            unit=TABLES[table].column(column).unit,
            source=self._source_label(table),
        )

    # ------------------------------------------------------------------ alliances
    def _spell_year(self, table: str, year: int) -> tuple[int | None, bool, bool]:
        spec = TABLES[table]
        return lookups.spell_year(
            _year(year), spec.first_year, spec.last_year, spec.max_staleness_years
        )

    def alliances(self, focal: str, others: Iterable[str], year: int) -> pd.DataFrame:
        """ATOP obligations between ``focal`` and each of ``others`` in ``year``.

        Columns per kind (defense, offense, neutral, nonagg, consul): the kind in either
        direction, ``<kind>_by_focal`` and ``<kind>_by_other``; plus ``year_used`` and
        ``stale``. ATOP ends in 2018: later years use 2018 (stale after 2023).
        """
        (focal,) = self._nations(focal, "focal")
        others = self._nations(others, "others")
        year_used, _, stale = self._spell_year("atop", year)
        out = lookups.alliance_frame(self.frame("atop"), focal, others, year_used, stale)
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
        return lookups.capitals_at(self.frame("capitals"), nations, _year(year))

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

    # ------------------------------------------------------------------ rivalries
    def _mid_table(self, table: str) -> str:
        if table not in _MID_TABLES:
            raise AllianceScoreError(
                Problem(
                    "table", f"one of {_MID_TABLES}", repr(table), did_you_mean(table, _MID_TABLES)
                )
            )
        return table

    def _rivalry_table(self, table: str) -> str:
        if table not in _RIVALRY_TABLES:
            raise AllianceScoreError(
                Problem(
                    "table",
                    f"one of {_RIVALRY_TABLES}",
                    repr(table),
                    did_you_mean(table, _RIVALRY_TABLES),
                )
            )
        return table

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
        year_used, _, stale = lookups.spell_year(
            _year(year), None, TABLES[table].last_year, TABLES[table].max_staleness_years
        )
        out = lookups.rivalry_frame(
            self.frame(table), focal, others, year_used, stale, _RIVALRY_TYPES[table]
        )
        out["year_used"] = pd.array([year_used] * len(out), dtype="Int64")
        out["stale"] = stale
        return out

    def rivalry(self, a: str, b: str, year: int, table: str = "rivalry_tss") -> Rivalry | None:
        """The rivalry between two states active in ``year`` (``None`` if none or stale)."""
        table = self._rivalry_table(table)
        (a,) = self._nations(a, "a")
        (b,) = self._nations(b, "b")
        year_used, _, stale = lookups.spell_year(
            _year(year), None, TABLES[table].last_year, TABLES[table].max_staleness_years
        )
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
            types=tuple(lookups.rivalry_types(rows.iloc[[-1]], _RIVALRY_TYPES[table])),
            year_used=year_used,
            stale=stale,
        )

    def rivals(self, nation: str, year: int, table: str = "rivalry_tss") -> list[str]:
        """Every state ``nation`` is in a strategic rivalry with in ``year``."""
        table = self._rivalry_table(table)
        (nation,) = self._nations(nation)
        year_used, _, stale = lookups.spell_year(
            _year(year), None, TABLES[table].last_year, TABLES[table].max_staleness_years
        )
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
        year_used, _, stale = lookups.spell_year(
            _year(year), None, TABLES[table].last_year, TABLES[table].max_staleness_years
        )
        rows = lookups.active_spells(self.frame(table), year_used or 0).assign(one=1)
        matrix = lookups.pair_matrix(rows, nations, "one", 0, "Int64", symmetric=True)
        matrix = matrix.astype("boolean")
        if year_used is None or stale:
            matrix[:] = pd.NA
        return matrix

    # ------------------------------------------------------------------ disputes, conflicts
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
        mids = self.frame(table)
        window = mids[(mids["year"] >= first) & (mids["year"] <= last)]
        counts = window.groupby(["iso_a", "iso_b"], as_index=False)["dispnum"].nunique()
        matrix = lookups.pair_matrix(counts, nations, "dispnum", 0, "Int64", symmetric=True)
        if lookups.window_coverage(first, last, spec.first_year, spec.last_year) == 0:
            matrix[:] = pd.NA
        return matrix

    def _window(self, first_year: int, last_year: int) -> tuple[int, int]:
        first, last = _year(first_year, "first_year"), _year(last_year, "last_year")
        if first > last:
            raise AllianceScoreError(
                Problem("window", "first_year <= last_year", f"{first} > {last}")
            )
        return first, last

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
        mids = self.frame(table)
        window = mids[(mids["year"] >= first) & (mids["year"] <= last)]
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
        frame = self.frame("ucdp")
        window = frame[
            (frame["year"] >= first) & (frame["year"] <= last) & frame["type"].isin(wanted)
        ]
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


_CACHE: dict[tuple[Path, bool], Dataset] = {}


def load(path: str | Path | None = None, *, verify: bool = True, cache: bool = True) -> Dataset:
    """The data set in ``path`` (default: ``$ALLIANCESCORE_DATA_DIR`` or ``<repo>/data``).

    Loaded data sets are cached per folder; pass ``cache=False`` for a fresh read.
    """
    root = Path(path) if path is not None else data_dir()
    key = (root.resolve(), verify)
    if cache and key in _CACHE:
        return _CACHE[key]
    dataset = Dataset(root, verify=verify)
    if cache:
        _CACHE[key] = dataset
    return dataset
