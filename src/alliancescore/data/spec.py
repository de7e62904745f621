"""The types of the data set's declarations: :class:`Column` and :class:`TableSpec`, with the
column constructors the declarations share (:mod:`alliancescore.data.schema` lists the tables).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "BIN",
    "FIRST_YEAR",
    "ISO3",
    "LATITUDE",
    "LONGITUDE",
    "PLAUSIBLE_YEARS",
    "SHARE",
    "SPAN_COLUMNS",
    "SPELL_NOTE",
    "YEAR",
    "Column",
    "ColumnKind",
    "TableKind",
    "TableSpec",
    "flag_column",
    "iso_column",
    "year_column",
]

FIRST_YEAR = 1946
"""Earliest year kept in any table (spells that began earlier keep their true start year)."""

PLAUSIBLE_YEARS = (1700, 2100)
"""The domain of every year column: wide enough for the true start of the oldest rivalry
still active after 1946 (1756), narrow enough to catch a mistyped year (``20018``, ``218``)."""

SPAN_COLUMNS = (("first_year", "last_year"), ("from_year", "to_year"), ("start", "end"))
"""Column pairs that bound a spell, a run or a mapping, wherever a table has both."""

ColumnKind = Literal["iso3", "int", "float", "str", "date"]
TableKind = Literal["reference", "monadic", "spell", "dyadic_spell", "event", "window"]


@dataclass(frozen=True)
class Column:
    """One column: its name, type, whether it may be empty, number format, unit and meaning.

    ``fmt`` is a printf-style format used by the build for floats (fixed so that a rebuild is
    byte-identical); ``choices`` restricts a string or integer column to listed values;
    ``minimum`` and ``maximum`` bound a number column (inclusive; a float column's values must
    also be finite). The loader checks every value against this domain
    (:func:`alliancescore.data.csvio.parse_table`), and a profile's value override against its
    column's (:mod:`alliancescore.model.profile_data`).
    """

    name: str
    kind: ColumnKind
    description: str
    unit: str = ""
    nullable: bool = False
    fmt: str = ""
    choices: tuple[str | int, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "float")

    def domain(self) -> str:
        """The values the column admits, as the ``expected`` of a message: ``"a number >= 0"``,
        ``"an integer from 1700 to 2100"``, ``"one of 0, 1, 2, 3"``, ``"a finite number"``."""
        if self.choices:
            return f"one of {', '.join(str(c) for c in self.choices)}"
        low, high = self.minimum, self.maximum
        bounded = low is not None or high is not None
        what = {"int": "an integer", "float": "a number" if bounded else "a finite number"}.get(
            self.kind, "a value"
        )
        if low is not None and high is not None:
            return f"{what} from {_bound(low)} to {_bound(high)}"
        if low is not None:
            return f"{what} >= {_bound(low)}"
        if high is not None:
            return f"{what} <= {_bound(high)}"
        return what

    def outside(self, values: Any) -> Any:
        """Where ``values`` lie outside ``minimum`` and ``maximum``: a bool for a number, a
        bool array for an array of numbers (vectorised; NaN, a missing value, is never
        outside)."""
        low = values < self.minimum if self.minimum is not None else False
        high = values > self.maximum if self.maximum is not None else False
        return low | high

    def admits(self, value: float) -> bool:
        """Whether one number belongs to the column's domain (:meth:`domain`): finite, whole
        for an integer column, one of ``choices`` if listed, within the bounds."""
        if not self.numeric or not math.isfinite(value):
            return False
        if self.kind == "int" and not float(value).is_integer():
            return False
        if self.choices and value not in self.choices:
            return False
        return not self.outside(value)


@dataclass(frozen=True)
class TableSpec:
    """One file of the data set: its columns, key, provenance and how stale a value may get.

    ``last_year`` is the last year the source covers; ``max_staleness_years`` is how far the
    reference year may lie beyond the year a value was observed before the value counts as
    missing (reported as stale). ``sources`` are ids in :data:`alliancescore.data.sources.SOURCES`.

    ``unlisted`` says what it means, for a monadic table, when a state has no row at all in the
    years a lookup may use (``year - max_staleness_years`` to ``year``) while other states have
    rows there: the state lies outside the source's universe (``"not a UN member"``), its data
    are structurally absent rather than unreported. Empty when a missing row means no more than
    a missing value (the default: such a state's value is simply missing).

    ``voided_by`` names a spell table (``iso3``, ``first_year``, ``last_year``: the hand-kept
    ``contested_un_seats`` for ``unga``) whose spells mark a state's years in which this
    table's values do not speak for the state's government (votes cast by an ousted
    government's envoy). A lookup neither reads those years nor carries an older value across
    them, and a lookup inside a spell reads the state as outside the table's universe, with
    the spell's reason (:meth:`alliancescore.data.base.TableStore.absence_reasons`):
    ``voided_reason`` formatted with the spell's columns and ``span`` (``"from 2021 (checked to
    2024)"``, ``"1991-1993"``, ``"in 2009"``).
    """

    name: str
    file: str
    kind: TableKind
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    sources: tuple[str, ...] = ()
    first_year: int | None = None
    last_year: int | None = None
    max_staleness_years: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    unlisted: str = ""
    voided_by: str = ""
    voided_reason: str = "values voided {span}"

    @property
    def horizon(self) -> int | None:
        """The last reference year at which the source's last year still counts
        (``last_year + max_staleness_years``; ``None`` without either): for a spell table, the
        year through which the spells in force at its end are carried forward; later, every
        value of the table is stale and counts as missing."""
        if self.last_year is None or self.max_staleness_years is None:
            return None
        return self.last_year + self.max_staleness_years

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def spans(self) -> tuple[tuple[str, str], ...]:
        """The (first, last) column pairs of the table's spells (:data:`SPAN_COLUMNS`): a row's
        last may not come before its first (an empty last is an open spell)."""
        names = set(self.column_names)
        return tuple((a, b) for a, b in SPAN_COLUMNS if a in names and b in names)

    @property
    def value_columns(self) -> tuple[str, ...]:
        """Columns that are neither keys nor nation codes (the values a lookup returns)."""
        return tuple(c.name for c in self.columns if c.name not in self.key and c.kind != "iso3")


def iso_column(name: str, description: str) -> Column:
    """A column of ISO3 nation codes."""
    return Column(name, "iso3", description)


def year_column(name: str, description: str, *, nullable: bool = False) -> Column:
    """A column of calendar years (within :data:`PLAUSIBLE_YEARS`)."""
    low, high = PLAUSIBLE_YEARS
    return Column(name, "int", description, "year", nullable, minimum=low, maximum=high)


def _bound(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


YEAR = year_column("year", "calendar year")
LATITUDE = Column(
    "lat", "float", "latitude", unit="degrees north (WGS 84)", fmt="%.10g", minimum=-90, maximum=90
)
LONGITUDE = Column(
    "lng",
    "float",
    "longitude",
    unit="degrees east (WGS 84)",
    fmt="%.10g",
    minimum=-180,
    maximum=180,
)
SHARE = {"minimum": 0, "maximum": 1}
"""The domain of a share or an index on 0-1 (``Column(..., **SHARE)``)."""
ISO3 = iso_column("iso3", "nation (ISO 3166 alpha-3, see data/files/reference/nations.csv)")
BIN = (0, 1)


def flag_column(name: str, description: str) -> Column:
    """A 0/1 flag column."""
    return Column(name, "int", description, unit="0/1", choices=BIN)


SPELL_NOTE = (
    "An empty end means the spell was still running when the source ends; lookups carry it "
    "forward and report that they did."
)
