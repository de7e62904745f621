"""The core of :class:`~alliancescore.data.dataset.Dataset`: files, metadata, nations, states
and nation-year values.

The query families (pairs of states, events in windows) are mixins over this core, in
:mod:`alliancescore.data.dyadic` and :mod:`alliancescore.data.events`; their rules are the
plain functions of :mod:`alliancescore.data.lookups`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from alliancescore.data import lookups
from alliancescore.data.cache import cached_frame, codes_key, content_key
from alliancescore.data.crosswalk import Crosswalk, Nation, load_crosswalk
from alliancescore.data.csvio import parse_table
from alliancescore.data.manifest import read_manifest, sha256_of
from alliancescore.data.obligations import ObligationIndex, obligation_index
from alliancescore.data.records import Observation, TableMeta
from alliancescore.data.schema import REFERENCE, TABLES, TableSpec
from alliancescore.data.sources import SOURCES
from alliancescore.errors import AllianceScoreError, DataSetError, Problem, did_you_mean

__all__ = ["MID_TABLES", "RIVALRY_TABLES", "RIVALRY_TYPES", "TableStore"]

RIVALRY_TABLES = ("rivalry_tss", "rivalry_td")
MID_TABLES = ("mid_cow", "mid_gml")
RIVALRY_TYPES = {
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


_REBUILD_TABLE = "Rebuild with `python -m alliancescore.data.build`, or restore the committed file"
_REBUILD_REFERENCE = (
    "Rebuild with `python -m alliancescore.data.build` after editing the crosswalk, or "
    "restore the committed file"
)


def _changed(
    path: Path, content: bytes, recorded: str, hint: str, digest: str | None = None
) -> Problem | None:
    """The problem of a file whose SHA-256 is not the one ``MANIFEST.json`` records."""
    digest = digest or sha256_of(content)
    if digest == recorded:
        return None
    return Problem(
        str(path),
        f"the file recorded in MANIFEST.json (SHA-256 {recorded[:12]}...)",
        f"a changed file (SHA-256 {digest[:12]}...)",
        hint,
    )


def _python(value: object) -> int | float | str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value  # type: ignore[return-value]


_ATOP_FRAMES_KEPT = 16


class TableStore:
    """The built data set in one folder: crosswalk, metadata, nations and nation-year values.

    The base of :class:`~alliancescore.data.dataset.Dataset` (create one with
    :func:`~alliancescore.data.load`). ``verify`` checks every file's SHA-256 against the
    manifest, so a hand-edited or half-rebuilt file is refused instead of silently used.
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
        # Results of the all-pairs queries, per arguments (tables never change once read).
        self._memo: dict[tuple, object] = {}
        # The last few ATOP pair frames: one tie query reads the same frame up to four times
        # (alliances, the depth table, the codes of conduct); kept small, since a backtest asks
        # for thousands of distinct ones.
        self._atop_frames: OrderedDict[tuple, pd.DataFrame] = OrderedDict()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.root)!r}, tables={len(TABLES)})"

    # ------------------------------------------------------------------ files and metadata
    def _verify_reference(self) -> None:
        """Every reference file (the crosswalk and the build's hand-kept inputs) is the one the
        tables were built with: present, with the SHA-256 ``MANIFEST.json`` records."""
        problems = []
        for name, spec in REFERENCE.items():
            path = self.root / spec.file
            recorded = self.manifest["reference"][name]["sha256"]
            try:
                content = path.read_bytes()
            except OSError:
                problems.append(
                    Problem(
                        str(path),
                        "the reference file listed in MANIFEST.json",
                        "no such file",
                        "A data set folder holds every file of its build: copy the folder "
                        "whole, or rebuild it with `python -m alliancescore.data.build --data DIR`",
                    )
                )
                continue
            problem = _changed(path, content, recorded, _REBUILD_REFERENCE)
            if problem is not None:
                problems.append(problem)
        if problems:
            raise DataSetError(problems)

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
                raise DataSetError(
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
                recorded = self.manifest["tables"][table]["sha256"]
                problem = _changed(path, content, recorded, _REBUILD_TABLE, digest)
                if problem is not None:
                    raise DataSetError(problem)
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
        former states) carry a documented project assignment (``region_basis``). A
        ``subregion`` may also be one of M49's intermediate regions ("South America",
        "Western Africa"), which split two of its sub-regions.
        """
        crosswalk = self.crosswalk
        keep = pd.Series(True, index=crosswalk.nations.index)
        if year is not None:
            keep &= crosswalk.nations["iso3"].isin(self.states(year, system))
        for level, wanted in (
            ("region", region),
            ("subregion", subregion),
            ("continent", continent),
        ):
            if wanted is None:
                continue
            known = crosswalk.place_names(level)
            if wanted not in known:
                raise AllianceScoreError(
                    Problem(level, f"a known {level}", repr(wanted), did_you_mean(wanted, known))
                )
            keep &= crosswalk.in_places(level, [wanted])
        return sorted(crosswalk.nations.loc[keep, "iso3"])

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
        year = _year(year)
        observed = {column: self._latest_observed(table, column, year) for column in columns}
        return lookups.latest_values(
            self._unvoided(table, year),
            columns,
            nations,
            year,
            TABLES[table].max_staleness_years,
            observed,
        )

    def _latest_observed(self, table: str, column: str, year: int) -> pd.DataFrame:
        """Every nation's latest row with a value of ``column`` at ``year``
        (:func:`~alliancescore.data.lookups.latest_observed`), memoised per year: a profile's
        measures read the same columns for ~190 candidates, and a study's worker every year
        again for each focal state."""
        key = ("latest", table, column, year)
        if key not in self._memo:
            self._memo[key] = lookups.latest_observed(self._unvoided(table, year), column, year)
        return self._memo[key]  # type: ignore[return-value]

    def _voided_spells(self, table: str, year: int) -> pd.DataFrame:
        """The spells of ``table``'s :attr:`~alliancescore.data.spec.TableSpec.voided_by`
        table begun by ``year`` (``end``: the last year, an open spell's read as ``year``;
        ``running``: ``year`` lies in it); empty without the declaration."""
        spec = self._spec(table)
        if not spec.voided_by:
            return pd.DataFrame(columns=["iso3", "first_year", "last_year", "end", "running"])
        key = ("voided", table, year)  # shared by every lookup at the year: callers only read
        if key not in self._memo:
            spells = self.frame(spec.voided_by)
            spells = spells[spells["first_year"] <= year]
            end = spells["last_year"].fillna(year).astype(int)
            self._memo[key] = spells.assign(end=end, running=end >= year)
        return self._memo[key]  # type: ignore[return-value]

    def _unvoided(self, table: str, year: int) -> pd.DataFrame:
        """``table``'s rows a lookup at ``year`` may read: without a voided spell's years and
        without the years before it (no value is carried across a spell), up to the end of
        each state's latest spell begun by ``year``."""
        key = ("unvoided", table, year)
        if key not in self._memo:
            frame = self.frame(table)
            spells = self._voided_spells(table, year)
            if len(spells):
                end = frame["iso3"].map(spells.groupby("iso3")["end"].max())
                frame = frame[~(end.notna() & (frame["year"] <= end))]
            self._memo[key] = frame
        return self._memo[key]  # type: ignore[return-value]

    def absent(self, table: str, nations: str | Iterable[str], year: int) -> pd.Series:
        """Whether each nation is outside ``table``'s universe at ``year`` (bool by ISO3): see
        :meth:`absence_reasons`."""
        return self.absence_reasons(table, nations, year) != ""

    def absence_reasons(self, table: str, nations: str | Iterable[str], year: int) -> pd.Series:
        """Why each nation is outside ``table``'s universe at ``year`` (str by ISO3, ``""``
        where it is not).

        Outside when the table declares what an unlisted state means
        (:attr:`~alliancescore.data.spec.TableSpec.unlisted`, e.g. ``unga``: not a UN member),
        the table lists other nations in the years a lookup at ``year`` may use (``year -
        max_staleness_years`` to ``year``: the source covers the year) and none of those rows
        is this nation's: ``"not listed 2020-2023: not a UN member"``. A state with a row whose
        cell is empty is not absent: its value was not reported. Outside too, whatever its
        rows, in a spell of the table's :attr:`~alliancescore.data.spec.TableSpec.voided_by`
        table where the source covers the year (Myanmar from 2021): ``"UN votes cast by envoys
        of a government not in control from 2021 (checked to 2024): seat held by ...;
        governing: ... (contested_un_seats, spell from 2021)"``, naming the row that carries
        the source; and after a spell until the state's next row (``"no votes recorded since;
        ..."``: Cambodia's seat was vacant in 1990).
        Every nation is ``""`` for a table without either declaration.
        """
        spec = self._spec(table)
        nations = self._nations(nations)
        index = pd.Index(nations, name="iso3")
        year = _year(year)
        reasons = pd.Series("", index=index, dtype=object)
        if spec.kind != "monadic" or not (spec.unlisted or spec.voided_by):
            return reasons
        limit = spec.max_staleness_years
        first = year - limit if limit is not None else (spec.first_year or year)
        if not self.frame(table)["year"].between(first, year).any():  # not covered
            return reasons
        frame = self._unvoided(table, year)
        if spec.unlisted:
            present = self._listed_nations(table, year, first)
            outside = ~lookups.listed(frame, nations, first, year, present)
            reasons[outside.to_numpy()] = f"not listed {first}-{year}: {spec.unlisted}"
        spells = self._voided_spells(table, year)
        spells = spells[spells["iso3"].isin(list(nations))].sort_values("first_year")
        # a state's later spell, written last, decides its reason
        for spell in spells.itertuples(index=False):
            listed = spell.iso3 in self._listed_nations(table, year, spell.end + 1)
            if not spell.running and listed:
                continue
            if pd.isna(spell.last_year):
                span = f"from {spell.first_year} (checked to {TABLES[spec.voided_by].last_year})"
            elif spell.last_year == spell.first_year:
                span = f"in {spell.first_year}"
            else:
                span = f"{spell.first_year}-{int(spell.last_year)}"
            text = spec.voided_reason.format(span=span, **spell._asdict())
            if not spell.running:
                text = f"no votes recorded since; {text}"
            reasons[spell.iso3] = f"{text} ({spec.voided_by}, spell from {spell.first_year})"
        return reasons

    def _listed_nations(self, table: str, year: int, first: int) -> frozenset[str]:
        """The nations with a row of ``table`` in ``first..year`` that a lookup at ``year`` may
        read (:func:`~alliancescore.data.lookups.listed_nations` of :meth:`_unvoided`),
        memoised: every monadic measure of a profile asks at the same year."""
        key = ("listed", table, year, first)
        if key not in self._memo:
            self._memo[key] = lookups.listed_nations(self._unvoided(table, year), first, year)
        return self._memo[key]  # type: ignore[return-value]

    def year_totals(self, table: str, column: str) -> pd.DataFrame:
        """Per year of a nation-year table: ``total``, the sum of ``column`` over the nations
        with a value that year, and ``count``, how many there were (a system total for shares
        of it; nations without a value are not in it, and a caller says so)."""
        (column,) = self._columns(table, [column])
        key = ("year_totals", table, column)
        if key not in self._memo:
            self._memo[key] = lookups.year_totals(self.frame(table), column)
        return self._memo[key]  # type: ignore[return-value]

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

    # ------------------------------------------------------------------ shared checks
    def _active_spells(self, table: str, year: int | None) -> pd.DataFrame:
        """The rows of spell table ``table`` running in ``year`` (the whole table when the year
        is unknown: the caller's lookup then returns missing values), memoised per year: every
        pair query of a profile reads the same year, and a study's worker many profiles'."""
        if year is None:
            return self.frame(table)
        key = ("active", table, year)
        if key not in self._memo:
            self._memo[key] = lookups.active_spells(self.frame(table), year)
        return self._memo[key]  # type: ignore[return-value]

    def _obligations(self, year: int) -> ObligationIndex:
        """ATOP's obligations in force in ``year``, indexed by state
        (:mod:`~alliancescore.data.obligations`), memoised per year like the spells."""
        key = ("obligations", year)
        if key not in self._memo:
            rows = lookups.active_spells(self._active_spells("atop", year), year)
            self._memo[key] = obligation_index(rows, lookups.ALLIANCE_KINDS)
        return self._memo[key]  # type: ignore[return-value]

    def _atop_frame(
        self, focal: str, others: Sequence[str], used: int | None, stale: bool
    ) -> pd.DataFrame:
        """:func:`~alliancescore.data.lookups.alliance_frame` of ATOP's year ``used``, kept for
        the last :data:`_ATOP_FRAMES_KEPT` argument lists. Callers must not modify it."""
        key = (focal, tuple(others), used, stale)
        frame = self._atop_frames.get(key)
        if frame is None:
            frame = lookups.alliance_frame(
                self._active_spells("atop", used),
                focal,
                others,
                used,
                stale,
                None if used is None or stale else self._obligations(used),
            )
            self._atop_frames[key] = frame
            if len(self._atop_frames) > _ATOP_FRAMES_KEPT:
                self._atop_frames.popitem(last=False)
        else:
            self._atop_frames.move_to_end(key)
        return frame

    def _spell_year(self, table: str, year: int) -> tuple[int | None, bool, bool]:
        """(year used, carried forward, stale) of spell table ``table`` at ``year``."""
        spec = TABLES[table]
        return lookups.spell_year(
            _year(year), spec.first_year, spec.last_year, spec.max_staleness_years
        )

    def _window(self, first_year: int, last_year: int) -> tuple[int, int]:
        first, last = _year(first_year, "first_year"), _year(last_year, "last_year")
        if first > last:
            raise AllianceScoreError(
                Problem("window", "first_year <= last_year", f"{first} > {last}")
            )
        return first, last

    def _mid_table(self, table: str) -> str:
        if table not in MID_TABLES:
            raise AllianceScoreError(
                Problem(
                    "table", f"one of {MID_TABLES}", repr(table), did_you_mean(table, MID_TABLES)
                )
            )
        return table

    def _rivalry_table(self, table: str) -> str:
        if table not in RIVALRY_TABLES:
            raise AllianceScoreError(
                Problem(
                    "table",
                    f"one of {RIVALRY_TABLES}",
                    repr(table),
                    did_you_mean(table, RIVALRY_TABLES),
                )
            )
        return table
