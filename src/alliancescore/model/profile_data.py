"""A profile's nation codes, year, regions and override tables checked against a data set.

The second layer of :func:`alliancescore.analysis.validation.check_profile`, run by
:func:`alliancescore.model.profile.read_profile` when it is given the data. Problems go to the
profile's :class:`~alliancescore.model.schema.Checker`, located at the key that names them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from alliancescore.data import TABLES, Dataset
from alliancescore.data.overrides import Overrides, ValueOverride
from alliancescore.errors import did_you_mean

from .schema import Checker

if TYPE_CHECKING:
    from .profile import CandidateSpec, Coalition, Threat

__all__ = ["check_against_data", "check_overrides", "data_years"]


def data_years() -> tuple[int, int]:
    """The years a profile may use: from the earliest table start to the latest table end."""
    firsts = [spec.first_year for spec in TABLES.values() if spec.first_year is not None]
    lasts = [spec.last_year for spec in TABLES.values() if spec.last_year is not None]
    return min(firsts), max(lasts)


class _Nations:
    """Checks nation codes at key paths: known to the data set, and optionally a state in the
    reference year; a nation's name instead of its code gets the code as a hint."""

    def __init__(self, check: Checker, data: Dataset, year: int):
        self.check, self.data, self.year = check, data, year
        self.known = set(data.nations())
        self.names = {
            n.casefold(): iso for iso, n in data.crosswalk.nations[["iso3", "name"]].values
        }

    def __call__(self, key: str, code: str, exists: bool = False) -> None:
        if code in self.known:
            if exists and not self.data.exists(code, self.year):
                self.check.add(
                    key,
                    f"a state that existed in {self.year}",
                    repr(code),
                    "Remove it or change the reference year",
                )
            return
        by_name = self.names.get(code.casefold())
        hint = (
            f"{code!r} is the name of {by_name}: use the code {by_name!r}"
            if by_name
            else self.data.crosswalk.unknown_code_hint(code)
        )
        self.check.add(key, "an ISO 3166 alpha-3 code known to the data set", repr(code), hint)

    def each(self, key: str, codes: Sequence[str], exists: bool = False) -> None:
        for i, code in enumerate(codes):
            self(f"{key}[{i}]", code, exists=exists)


def check_against_data(
    check: Checker,
    data: Dataset,
    focal: str | None,
    year: int | None,
    threats: Sequence[Threat],
    theatre: Sequence[str],
    candidates: CandidateSpec,
    coalitions: Sequence[Coalition],
    overrides: Overrides,
) -> str | None:
    """Check nation codes, regions and override tables against the data set; returns a line
    saying what could not be checked (without a usable year), else ``None``."""
    if year is None:
        return "nation codes not checked against the data set: profile.year has errors"
    first, last = data_years()
    if not first <= year <= last:
        check.add(
            "profile.year",
            f"a year the data cover, {first}..{last}",
            repr(year),
            "Tables past their end are used with staleness flags, up to the last year",
        )
        return "nation codes not checked against the data set: profile.year is outside the data"
    nation = _Nations(check, data, year)
    if focal is not None:
        nation("profile.focal", focal)
        if focal in nation.known and not data.exists(focal, year):
            check.add("profile.focal", f"a state that existed in {year}", repr(focal))
    for i, threat in enumerate(threats):
        nation(f"threats[{i}].actor", threat.actor, exists=True)
        if focal is not None and threat.actor == focal:
            check.add(
                f"threats[{i}].actor", "a threat actor other than the focal nation", repr(focal)
            )
    nation.each("profile.theatre", theatre, exists=True)
    nation.each("candidates.include", candidates.include)
    nation.each("candidates.exclude", candidates.exclude)
    _regions(check, data, candidates)
    for coalition in coalitions:
        nation.each(f"{_key(coalition.where)}.members", coalition.members, exists=True)
        if coalition.id in nation.known:  # it would collide with the candidate of that code
            check.add(
                f"{_key(coalition.where)}.id",
                "a coalition id that is not a nation code",
                repr(coalition.id),
                f"Candidates are named by their codes: call it e.g. {coalition.id.lower()}_group",
            )
    _overrides(check, nation, overrides)
    return None


def _key(where: str) -> str:
    """The key path of a ``where`` (``"file: coalitions[0]"`` -> ``"coalitions[0]"``)."""
    return where.split(": ", 1)[-1]


def _regions(check: Checker, data: Dataset, candidates: CandidateSpec) -> None:
    for field, level, what in (
        ("regions", "region", "a UN M49 region"),
        ("subregions", "subregion", "a UN M49 sub-region or intermediate region"),
    ):
        known = data.crosswalk.place_names(level)
        for i, name in enumerate(getattr(candidates, field)):
            if name not in known:
                hint = data.crosswalk.place_hint(level, name)
                check.add(f"candidates.{field}[{i}]", what, repr(name), hint)


def check_overrides(check: Checker, data: Dataset, overrides: Overrides) -> None:
    """The codes, tables and values of ``overrides`` written in ``check``'s file (a facts file
    checked alone), against ``data`` (codes known to it; no reference year)."""
    _overrides_in(check, _Nations(check, data, data_years()[1]), overrides)


def _overrides(check: Checker, nation: _Nations, overrides: Overrides) -> None:
    """The overrides' codes, tables and values, each problem located in the file the override
    is written in: the profile, or a facts file it lists (counted at ``profile.facts``)."""
    files: dict[str, Overrides] = {}
    for field in ("ties", "values", "rivalries"):
        for override in getattr(overrides, field):
            file = override.where.rpartition(": ")[0]
            part = files.setdefault(file, Overrides())
            files[file] = dataclasses.replace(part, **{field: (*getattr(part, field), override)})
    for file, part in files.items():
        if file == check.path:
            _overrides_in(check, nation, part)
            continue
        inner = Checker(file)
        _overrides_in(inner, _Nations(inner, nation.data, nation.year), part)
        for problem in inner.problems:
            check.add_problem(problem, "profile.facts")


def _overrides_in(check: Checker, nation: _Nations, overrides: Overrides) -> None:
    for override in (*overrides.ties, *overrides.rivalries):
        key = _key(override.where)
        nation.each(f"{key}.parties", override.parties)
        nation.each(f"{key}.others", override.others)
    monadic = [t for t in nation.data.table_names if TABLES[t].kind == "monadic"]
    for override in overrides.values:
        key = _key(override.where)
        nation(f"{key}.nation", override.nation)
        if override.table not in monadic:
            check.add(
                f"{key}.table",
                "a nation-year table of the data set",
                repr(override.table),
                did_you_mean(override.table, monadic),
            )
            continue
        columns = list(TABLES[override.table].value_columns)
        if override.column not in columns:
            check.add(
                f"{key}.column",
                f"a value column of {override.table}",
                repr(override.column),
                did_you_mean(override.column, columns),
            )
        else:
            _override_value(check, key, override)


def _override_value(check: Checker, key: str, override: ValueOverride) -> None:
    """An override's value in its column's declared domain (:meth:`Column.domain`): a number
    column, and a value the table itself could hold (a nuclear status among its categories, a
    non-negative expenditure, a share in 0-1)."""
    table = TABLES[override.table]
    column = table.column(override.column)
    if not column.numeric:
        numeric = [c for c in table.value_columns if table.column(c).numeric]
        check.add(
            f"{key}.column",
            f"a number column of {override.table} (an override sets a number)",
            f"{override.column!r}, a column of text",
            did_you_mean(override.column, numeric),
        )
        return
    if not column.admits(override.value):
        unit = f" ({column.unit})" if column.unit else ""
        check.add(
            f"{key}.value",
            f"a value {override.table}.{override.column} can hold, {column.domain()}{unit}",
            _number(override.value),
            f"{override.table}.{override.column}: {column.description}",
        )


def _number(value: float) -> str:
    """A number as the analyst wrote it (TOML's ``-5`` is read as ``-5.0``)."""
    return str(int(value)) if float(value).is_integer() else repr(value)
