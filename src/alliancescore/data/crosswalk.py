"""The project's own year-aware crosswalk: nations, COW/GW codes, source names, set-asides.

The crosswalk lives in ``data/files/reference/`` as four hand-maintained CSV files (see
:data:`alliancescore.data.schema.REFERENCE`):

* ``nations.csv`` -- every nation the data knows, keyed by ISO 3166 alpha-3. States with no
  current code use ISO 3166-3 formerly used codes (DDR, CSK, YUG, YMD) or a code from ISO's
  user-assigned range (XKX Kosovo as the World Bank uses it; XRV South Vietnam and XZN Zanzibar
  assigned by this project). The Soviet Union is folded into RUS, as COW 365 is continuous.
* ``codes.csv`` -- COW and Gleditsch-Ward state numbers to ISO3, with year bounds where the
  meaning of a code changes (COW 345 is Yugoslavia to 2005 and Serbia from 2006) or a state ends.
* ``names.csv`` -- every spelling a name-keyed source uses, matched exactly ("North  Korea" with
  two spaces is listed as such), optionally year-bounded ("Serbia" in OWID before 2006 is
  Yugoslavia).
* ``set_aside.csv`` -- names and codes deliberately left unmatched, with the reason.

Anything neither matched nor set aside is an error: the build fails rather than guess.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from alliancescore.data.cache import (
    cached_frame,
    codes_key,
    content_key,
    is_validated,
    mark_validated,
)
from alliancescore.data.csvio import parse_table, read_table
from alliancescore.data.iso3166 import outside_hint
from alliancescore.data.schema import REFERENCE
from alliancescore.errors import AllianceScoreError, DataSetError, Problem, did_you_mean

__all__ = ["Crosswalk", "Nation", "load_crosswalk"]

_PLACE_COLUMNS = {
    "region": ("region",),
    "subregion": ("subregion", "intermediate_region"),
    "continent": ("continent",),
}
"""The crosswalk columns a selector of each level matches (see :meth:`Crosswalk.place_names`)."""

_OPEN_LOW = -(10**6)
_OPEN_HIGH = 10**6


@dataclass(frozen=True)
class Nation:
    """One nation: its code, name, region and the COW / Gleditsch-Ward codes that map to it."""

    iso3: str
    name: str
    code_basis: str
    region: str
    subregion: str
    continent: str
    cow_codes: tuple[int, ...]
    gw_codes: tuple[int, ...]


def _bounds(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    low = frame["from_year"].fillna(_OPEN_LOW).to_numpy(dtype="int64")
    high = frame["to_year"].fillna(_OPEN_HIGH).to_numpy(dtype="int64")
    return low, high


class Crosswalk:
    """Maps COW/GW codes and source names to ISO3, year by year.

    Build from the four reference frames (see :func:`load_crosswalk`); construction validates
    them and raises :class:`AllianceScoreError` listing every inconsistency.
    """

    def __init__(
        self,
        nations: pd.DataFrame,
        codes: pd.DataFrame,
        names: pd.DataFrame,
        set_aside: pd.DataFrame,
        where: str = "data/files/reference",
        *,
        validate: bool = True,
    ):
        self.nations = nations.reset_index(drop=True)
        self.codes = codes.reset_index(drop=True)
        self.names = names.reset_index(drop=True)
        self.set_aside = set_aside.reset_index(drop=True)
        self.where = where
        self.iso3_codes: frozenset[str] = frozenset(self.nations["iso3"])
        if validate:  # False only for files whose validation passed before (the cache says so)
            self._validate()
        self._by_name = {
            str(name).casefold(): iso
            for iso, name in zip(self.nations["iso3"], self.nations["name"], strict=True)
        }

    # ------------------------------------------------------------------ validation
    def _validate(self) -> None:
        problems: list[Problem] = []
        for label, frame in (
            ("codes.csv", self.codes),
            ("names.csv", self.names),
            ("set_aside.csv", self.set_aside),
        ):
            if "iso3" not in frame.columns:
                low, high = _bounds(frame)
                for row in np.flatnonzero(low > high):
                    problems.append(
                        Problem(
                            f"{self.where}/{label}: line {row + 2}",
                            "from_year <= to_year",
                            f"{low[row]} > {high[row]}",
                        )
                    )
                continue
            unknown = sorted(set(frame["iso3"]) - self.iso3_codes)
            for iso in unknown:
                problems.append(
                    Problem(
                        f"{self.where}/{label}",
                        "ISO3 codes listed in nations.csv",
                        repr(iso),
                        did_you_mean(iso, self.iso3_codes),
                    )
                )
            low, high = _bounds(frame)
            bad = low > high
            for row in np.flatnonzero(bad):
                problems.append(
                    Problem(
                        f"{self.where}/{label}: line {row + 2}",
                        "from_year <= to_year",
                        f"{low[row]} > {high[row]}",
                    )
                )
        # one meaning per code and year; one meaning per source name and year
        for label, frame, group in (
            ("codes.csv", self.codes, ["system", "code"]),
            ("names.csv", self.names, ["source", "name"]),
        ):
            low, high = _bounds(frame)
            work = frame.assign(_low=low, _high=high, _line=np.arange(len(frame)) + 2)
            for key, part in work.groupby(group, sort=True):
                part = part.sort_values("_low")
                overlaps = part["_low"].to_numpy()[1:] <= part["_high"].to_numpy()[:-1]
                for line in part["_line"].to_numpy()[1:][overlaps]:
                    problems.append(
                        Problem(
                            f"{self.where}/{label}: line {line}",
                            f"year ranges of {key} that do not overlap",
                            "an overlap",
                        )
                    )
        # two codes of one system mapping to one nation in overlapping years need priorities
        low, high = _bounds(self.codes)
        work = self.codes.assign(lo=low, hi=high, line_no=np.arange(len(self.codes)) + 2)
        for (system, iso), part in work.groupby(["system", "iso3"], sort=True):
            rows = list(part.itertuples(index=False))
            for i, a in enumerate(rows):
                for b in rows[i + 1 :]:
                    if (
                        a.code != b.code
                        and a.lo <= b.hi
                        and b.lo <= a.hi
                        and a.priority == b.priority
                    ):
                        problems.append(
                            Problem(
                                f"{self.where}/codes.csv: line {b.line_no}",
                                f"different priorities for {system} codes {a.code} and {b.code}, "
                                f"which both map to {iso} in overlapping years",
                                f"priority {a.priority} for both",
                            )
                        )
        # a name is matched or set aside in a given year, never both
        n_low, n_high = _bounds(self.names)
        a_low, a_high = _bounds(self.set_aside)
        both = self.names.assign(n_low=n_low, n_high=n_high).merge(
            self.set_aside.assign(a_low=a_low, a_high=a_high), on=["source", "name"]
        )
        clash = both[(both["n_low"] <= both["a_high"]) & (both["a_low"] <= both["n_high"])]
        for source, name in clash[["source", "name"]].itertuples(index=False):
            problems.append(
                Problem(
                    f"{self.where}/set_aside.csv",
                    "a name either matched or set aside in a given year",
                    f"{name!r} ({source}) in both",
                )
            )
        if problems:
            raise DataSetError(problems)

    # ------------------------------------------------------------------ nations
    def nation(self, code: str) -> Nation:
        """The nation for an ISO3 code (or its exact name, case-insensitive).

        Raises :class:`AllianceScoreError` with a did-you-mean hint for an unknown code.
        """
        iso = str(code).strip()
        if iso.upper() in self.iso3_codes:
            iso = iso.upper()
        elif iso.casefold() in self._by_name:
            iso = self._by_name[iso.casefold()]
        else:
            raise AllianceScoreError(
                Problem(
                    where="nation",
                    expected="an ISO 3166 alpha-3 code known to the data set",
                    found=repr(code),
                    hint=self.unknown_code_hint(iso),
                )
            )
        row = self.nations.loc[self.nations["iso3"] == iso].iloc[0]
        codes = self.codes[self.codes["iso3"] == iso]
        return Nation(
            iso3=iso,
            name=row["name"],
            code_basis=row["code_basis"],
            region=row["region"],
            subregion=row["subregion"],
            continent=row["continent"],
            cow_codes=tuple(sorted({int(c) for c in codes.loc[codes.system == "cow", "code"]})),
            gw_codes=tuple(sorted({int(c) for c in codes.loc[codes.system == "gw", "code"]})),
        )

    def place_names(self, level: str) -> set[str]:
        """The names a selector of ``level`` (``"region"``, ``"subregion"`` or
        ``"continent"``) accepts: a sub-region may also be one of UN M49's intermediate regions
        ("South America", "Western Africa"), which split two of its sub-regions."""
        return set(self.nations[list(_PLACE_COLUMNS[level])].stack().dropna())

    def place_hint(self, level: str, name: str) -> str:
        """The fix for ``name``, not a place of ``level``: the selector it belongs in when it
        is a place of another level (``regions = ["South America"]``), else did-you-mean."""
        for other, key, what in (
            ("region", "regions", "region"),
            ("subregion", "subregions", "sub-region or intermediate region"),
        ):
            if other != level and name in self.place_names(other):
                return f"{name!r} is a UN M49 {what}: put it in {key}"
        return did_you_mean(name, self.place_names(level))

    def in_places(self, level: str, names: Collection[str]) -> pd.Series:
        """Per row of :attr:`nations`, whether it lies in one of the places ``names`` of
        ``level`` (see :meth:`place_names`)."""
        return self.nations[list(_PLACE_COLUMNS[level])].isin(set(names)).any(axis=1)

    def unknown_code_hint(self, code: str) -> str:
        """The fix for ``code``, not one of the data set's nations: what it is when it is a
        real ISO code of a territory, a UN non-member or a withdrawn code
        (:mod:`alliancescore.data.iso3166`: ``'PSE'`` is no typo of ``'PER'``), else the
        closest codes."""
        return outside_hint(code, self.iso3_codes) or did_you_mean(
            str(code).strip().upper(), self.iso3_codes
        )

    def check_iso3(self, codes: Iterable[str], where: str = "nations") -> list[str]:
        """``codes`` as a list, or an error naming every unknown code with a suggestion."""
        codes = list(codes)
        problems = [
            Problem(
                where,
                "ISO 3166 alpha-3 codes known to the data set",
                repr(c),
                self.unknown_code_hint(str(c)),
            )
            for c in codes
            if c not in self.iso3_codes
        ]
        if problems:
            raise AllianceScoreError(problems)
        return codes

    # ------------------------------------------------------------------ codes
    def map_codes(
        self,
        system: str,
        codes: Sequence[int] | np.ndarray | pd.Series,
        years: Sequence[int] | np.ndarray | pd.Series,
    ) -> tuple[np.ndarray, np.ndarray]:
        """ISO3 (object array, ``None`` where unmatched) and priority for each (code, year)."""
        frame = pd.DataFrame(
            {
                "code": pd.array(np.asarray(codes), dtype="Int64"),
                "year": np.asarray(years, dtype="int64"),
                "_row": np.arange(len(codes)),
            }
        )
        table = self.codes[self.codes["system"] == system]
        low, high = _bounds(table)
        table = table.assign(_low=low, _high=high)[["code", "iso3", "priority", "_low", "_high"]]
        merged = frame.merge(table, on="code", how="inner")
        merged = merged[(merged["year"] >= merged["_low"]) & (merged["year"] <= merged["_high"])]
        iso = np.full(len(frame), None, dtype=object)
        priority = np.zeros(len(frame), dtype="int64")
        iso[merged["_row"].to_numpy()] = merged["iso3"].to_numpy()
        priority[merged["_row"].to_numpy()] = merged["priority"].to_numpy(dtype="int64")
        return iso, priority

    def iso3(self, system: str, code: int, year: int) -> str | None:
        """The ISO3 that ``system`` code ``code`` stands for in ``year``, or ``None``."""
        iso, _ = self.map_codes(system, [code], [year])
        return iso[0]

    def code(self, iso3: str, system: str, year: int) -> int | None:
        """The ``system`` code for a nation in ``year`` (highest priority first), or ``None``."""
        table = self.codes[(self.codes["system"] == system) & (self.codes["iso3"] == iso3)]
        low, high = _bounds(table)
        table = table[(low <= year) & (year <= high)].sort_values("priority", ascending=False)
        return None if table.empty else int(table["code"].iloc[0])

    # ------------------------------------------------------------------ names
    def map_names(
        self, source: str, names: Sequence[str] | pd.Series, years: Sequence[int] | pd.Series
    ) -> np.ndarray:
        """ISO3 (object array, ``None`` where unmatched) for each (name, year) of ``source``."""
        frame = pd.DataFrame(
            {
                "name": np.asarray(names, dtype=object),
                "year": np.asarray(years, dtype="int64"),
                "_row": np.arange(len(names)),
            }
        )
        table = self.names[self.names["source"] == source]
        low, high = _bounds(table)
        table = table.assign(_low=low, _high=high)[["name", "iso3", "_low", "_high"]]
        merged = frame.merge(table, on="name", how="inner")
        merged = merged[(merged["year"] >= merged["_low"]) & (merged["year"] <= merged["_high"])]
        iso = np.full(len(frame), None, dtype=object)
        iso[merged["_row"].to_numpy()] = merged["iso3"].to_numpy()
        return iso

    def iso3_from_name(self, source: str, name: str, year: int) -> str | None:
        """The ISO3 a ``source`` means by ``name`` in ``year``, or ``None`` (unknown or aside)."""
        return self.map_names(source, [name], [year])[0]

    def set_aside_mask(
        self, source: str, names: Sequence[str] | pd.Series, years: Sequence[int] | pd.Series
    ) -> np.ndarray:
        """True for each (name, year) of ``source`` that is set aside on purpose.

        For state numbers pass the code system (``'cow'`` or ``'gw'``) as ``source`` and the
        codes as text.
        """
        frame = pd.DataFrame(
            {
                "name": np.asarray(names, dtype=object).astype(str),
                "year": np.asarray(years, dtype="int64"),
                "_row": np.arange(len(names)),
            }
        )
        table = self.set_aside[self.set_aside["source"] == source]
        low, high = _bounds(table)
        table = table.assign(_low=low, _high=high)[["name", "_low", "_high"]]
        merged = frame.merge(table, on="name", how="inner")
        merged = merged[(merged["year"] >= merged["_low"]) & (merged["year"] <= merged["_high"])]
        mask = np.zeros(len(frame), dtype=bool)
        mask[merged["_row"].to_numpy()] = True
        return mask

    def set_aside_reason(self, source: str, name: str, year: int | None = None) -> str | None:
        """Why ``name`` (or a code, as text) of ``source`` is set aside (in ``year``), or None."""
        table = self.set_aside[
            (self.set_aside["source"] == source) & (self.set_aside["name"] == str(name))
        ]
        if year is not None:
            low, high = _bounds(table)
            table = table[(low <= year) & (year <= high)]
        return None if table.empty else str(table["reason"].iloc[0])


def load_crosswalk(reference_dir: Path) -> Crosswalk:
    """Read and validate the four reference files in ``reference_dir``.

    Parsing and validation run once per content of the files (and version of the checks): the
    results are kept in the user's cache (see :mod:`alliancescore.data.cache`).
    """
    files = {name: reference_dir / f"{name}.csv" for name in ("nations", "codes", "names")}
    files["set_aside"] = reference_dir / "set_aside.csv"
    digests = {}

    def read(name: str, known: Collection[str] | None = None) -> pd.DataFrame:
        path, spec = files[name], REFERENCE[name]
        try:
            content = path.read_bytes()
        except OSError:
            return read_table(path, spec, known)  # its message for a missing file
        digests[name] = hashlib.sha256(content).hexdigest()
        key = content_key(digests[name], repr(spec), codes_key(known))
        return cached_frame(key, lambda: parse_table(content, spec, str(path), known))

    nations = read("nations")
    known = frozenset(nations["iso3"])
    codes, names, set_aside = read("codes", known), read("names", known), read("set_aside")
    checked = content_key(*(digests[name] for name in sorted(digests)), "crosswalk")
    validate = not is_validated(checked)
    crosswalk = Crosswalk(
        nations, codes, names, set_aside, where=str(reference_dir), validate=validate
    )
    if validate:
        mark_validated(checked)
    return crosswalk
