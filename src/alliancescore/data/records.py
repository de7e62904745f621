"""Small immutable records returned by single lookups (vectorised lookups return DataFrames).

Every record that holds a value says which year it was taken from (``year_used``) and whether
that year is too old for the reference year (``stale``). A stale value counts as missing:
``value`` is ``None`` and the old value is kept in ``observed`` for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # pandas is imported by the lookups that fill these records, not here
    import pandas as pd

__all__ = [
    "AllianceTie",
    "Capital",
    "Contiguity",
    "EventWindow",
    "Observation",
    "Rivalry",
    "Shares",
    "SpellPairs",
    "TableMeta",
]

Scalar = int | float | str | None
_ALLIANCE_KINDS = ("defense", "offense", "neutral", "nonagg", "consul")


@dataclass(frozen=True)
class Observation:
    """One nation-year value, looked up at a reference year.

    ``year_used`` is the latest year at or before ``reference_year`` with a value (``None`` if
    there is none); ``stale`` is true when ``reference_year - year_used`` exceeds the table's
    ``max_staleness_years``, and then ``value`` is ``None`` while ``observed`` keeps the value.
    """

    table: str
    column: str
    nation: str
    reference_year: int
    value: Scalar
    observed: Scalar
    year_used: int | None
    stale: bool
    unit: str
    source: str

    @property
    def status(self) -> Literal["ok", "stale", "missing"]:
        if self.stale:
            return "stale"
        return "missing" if self.value is None else "ok"

    @property
    def missing(self) -> bool:
        """True when the value counts as missing (never observed, or stale)."""
        return self.value is None


@dataclass(frozen=True)
class AllianceTie:
    """ATOP obligations between two states in a year, in each direction.

    ``a_to_b`` holds the obligations ``a`` has towards ``b`` (0/1 per kind: defense, offense,
    neutral, nonagg, consul); ``b_to_a`` the reverse. When ``stale`` (the reference year lies
    too far past the data's end) both are ``None``.
    """

    a: str
    b: str
    reference_year: int
    year_used: int | None
    stale: bool
    a_to_b: dict[str, int] | None
    b_to_a: dict[str, int] | None

    def either(self, kind: str) -> int | None:
        """1 if either state has a ``kind`` obligation to the other, else 0 (None if unknown)."""
        if kind not in _ALLIANCE_KINDS:
            raise ValueError(f"kind must be one of {_ALLIANCE_KINDS}, not {kind!r}")
        if self.a_to_b is None or self.b_to_a is None:
            return None
        return max(self.a_to_b[kind], self.b_to_a[kind])

    @property
    def defense(self) -> int | None:
        """1 if either state pledges to defend the other (ATOP defence obligation)."""
        return self.either("defense")

    @property
    def any(self) -> int | None:
        """1 if there is any ATOP obligation between the two in either direction."""
        if self.a_to_b is None or self.b_to_a is None:
            return None
        return int(any(self.a_to_b.values()) or any(self.b_to_a.values()))


@dataclass(frozen=True)
class Contiguity:
    """COW direct contiguity of two states in a year.

    ``conttype`` 1 is a land or river border, 2-5 separation by at most 12, 24, 150 or 400
    miles of water, 0 no direct contiguity; ``None`` when unknown (before 1946, or stale).
    ``carried_forward`` is true when the reference year lies past the data's end (2016) and the
    last known state of 2016 is used.
    """

    a: str
    b: str
    reference_year: int
    conttype: int | None
    year_used: int | None
    carried_forward: bool
    stale: bool


@dataclass(frozen=True)
class Capital:
    """A nation's capital in force at the end of a year (or its last one, if it ended then)."""

    nation: str
    reference_year: int
    name: str
    lat: float
    lng: float
    start: str
    end: str | None
    carried_forward: bool


@dataclass(frozen=True)
class Rivalry:
    """A strategic rivalry between two states active in a year."""

    a: str
    b: str
    reference_year: int
    table: str
    rivalry_id: int
    name: str
    first_year: int
    last_year: int | None
    types: tuple[str, ...]
    year_used: int
    stale: bool

    @property
    def ongoing(self) -> bool:
        """True if the source marks the rivalry as still running at its end."""
        return self.last_year is None


@dataclass(frozen=True)
class Shares:
    """Recipients' arms-supplier shares for the trailing window ending at ``year_used``.

    ``matrix`` has one row per recipient and one column per supplier (fractions summing to 1
    per row); a recipient with no recorded orders in the window has a row of NaN (undefined,
    not zero). When ``stale`` every row is NaN.
    """

    matrix: object  # pandas.DataFrame (kept untyped here to avoid importing pandas)
    reference_year: int
    year_used: int | None
    window: tuple[int, int] | None
    stale: bool


@dataclass(frozen=True)
class SpellPairs:
    """The pairs of a dyadic spell table (rivalries, contiguity, ATOP) in force in a year.

    ``pairs`` has one row per spell and direction: ``state``, ``other`` (so a pair appears
    once from each side); it is empty when the year precedes the table (``year_used`` is
    ``None``) or is stale. ``year_used`` is ``min(year, source's last year)``, carried forward
    past the source's end (``carried_forward``) and stale beyond its staleness limit.
    """

    table: str
    reference_year: int
    year_used: int | None
    carried_forward: bool
    stale: bool
    pairs: pd.DataFrame


@dataclass(frozen=True)
class EventWindow:
    """A trailing window ``[first, last]`` of years over an event table (disputes, conflicts).

    ``covered`` is the part of the window the table covers (``None`` if none). The window is
    stale when the last covered year lies more than the table's staleness limit before the
    window's end (the reference year): MID 5 ends in 2014 and is stale from 2020. A stale or
    uncovered window gives missing values.
    """

    table: str
    first: int
    last: int
    covered: tuple[int, int] | None
    stale: bool

    @property
    def usable(self) -> bool:
        return self.covered is not None and not self.stale

    @property
    def years(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class TableMeta:
    """Provenance and coverage of one table, as recorded in ``data/files/MANIFEST.json``."""

    name: str
    file: str
    kind: str
    description: str
    sources: tuple[str, ...]
    citation: str
    terms: str
    licence: str
    credit: str
    first_year: int
    last_year: int
    source_last_year: int | None
    max_staleness_years: int | None
    rows: int
    sha256: str
    notes: tuple[str, ...]
