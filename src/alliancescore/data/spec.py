"""The types of the data set's declarations: :class:`Column` and :class:`TableSpec`, with the
column constructors the declarations share (:mod:`alliancescore.data.schema` lists the tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "BIN",
    "FIRST_YEAR",
    "ISO3",
    "SPELL_NOTE",
    "YEAR",
    "Column",
    "ColumnKind",
    "TableKind",
    "TableSpec",
    "flag_column",
    "iso_column",
]

FIRST_YEAR = 1946
"""Earliest year kept in any table (spells that began earlier keep their true start year)."""

ColumnKind = Literal["iso3", "int", "float", "str", "date"]
TableKind = Literal["reference", "monadic", "spell", "dyadic_spell", "event", "window"]


@dataclass(frozen=True)
class Column:
    """One column: its name, type, whether it may be empty, number format, unit and meaning.

    ``fmt`` is a printf-style format used by the build for floats (fixed so that a rebuild is
    byte-identical); ``choices`` restricts a string or integer column to listed values.
    """

    name: str
    kind: ColumnKind
    description: str
    unit: str = ""
    nullable: bool = False
    fmt: str = ""
    choices: tuple[str | int, ...] = ()


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

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def value_columns(self) -> tuple[str, ...]:
        """Columns that are neither keys nor nation codes (the values a lookup returns)."""
        return tuple(c.name for c in self.columns if c.name not in self.key and c.kind != "iso3")


def iso_column(name: str, description: str) -> Column:
    """A column of ISO3 nation codes."""
    return Column(name, "iso3", description)


YEAR = Column("year", "int", "calendar year", unit="year")
ISO3 = iso_column("iso3", "nation (ISO 3166 alpha-3, see data/files/reference/nations.csv)")
BIN = (0, 1)


def flag_column(name: str, description: str) -> Column:
    """A 0/1 flag column."""
    return Column(name, "int", description, unit="0/1", choices=BIN)


SPELL_NOTE = (
    "An empty end means the spell was still running when the source ends; lookups carry it "
    "forward and report that they did."
)
