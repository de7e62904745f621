"""Analyst overrides: sourced corrections and additions to the data.

Three kinds, each with a required source note:

- a **tie** between states, typed: ``defence_pact`` (a mutual-defence obligation),
  ``security_partnership`` (cooperation without a defence clause, e.g. AUKUS 2021),
  ``dialogue`` (e.g. the Quad), or ``none`` (an ended or suspended tie); in force from a year
  and optionally until one. A tie override *adds* to ATOP: the stronger of the two counts
  (AUKUS does not undo ANZUS). ``kind = "none"`` or ``replaces = true`` makes the override
  replace ATOP's value for the pairs it names.
- a **value** of a nation-year table (``table``, ``column``, ``nation``, ``year``), which takes
  precedence over the data when it is the latest value at or before the reference year.
- a **rivalry** between states that the rivalry tables miss (``kind = "rivalry"``: Georgia
  and Russia after the 2008 war are in neither Thompson data set) or that the analyst holds
  ended (``kind = "none"``), from a year and optionally until one. It replaces the tables'
  reading of the pairs it names, for every rivalry table and every measure that reads one.

Every result lists every override, active or not, with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "RIVALRY_KINDS",
    "TIE_KINDS",
    "Overrides",
    "RivalryOverride",
    "TieOverride",
    "ValueOverride",
]

# Tie kinds, strongest last; the number is the tie level used by the defence-ties measure.
TIE_KINDS = {"none": 0, "dialogue": 1, "security_partnership": 2, "defence_pact": 3}

# Rivalry kinds: a strategic rivalry the tables miss, or none (a coded rivalry held ended).
RIVALRY_KINDS = ("rivalry", "none")


@dataclass(frozen=True)
class _PairOverride:
    """A sourced fact about every pair of a state in ``parties`` and one in ``others``, in
    force from ``first_year`` to ``last_year`` (open when ``None``)."""

    kind: str
    parties: tuple[str, ...]
    others: tuple[str, ...]
    first_year: int
    last_year: int | None
    source: str
    note: str = ""
    where: str = ""  # file and key path, for messages and listings

    def covers(self, a: str, b: str) -> bool:
        return (a in self.parties and b in self.others) or (b in self.parties and a in self.others)

    def active(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def pairs(self) -> list[tuple[str, str]]:
        """Every pair the override names, one way (parties first)."""
        return [(a, b) for a in self.parties for b in self.others]


@dataclass(frozen=True)
class TieOverride(_PairOverride):
    """A typed tie (``TIE_KINDS``); ``replaces`` makes it replace ATOP's value."""

    replaces: bool = False

    @property
    def level(self) -> int:
        return TIE_KINDS[self.kind]


@dataclass(frozen=True)
class RivalryOverride(_PairOverride):
    """A strategic rivalry (or, ``kind = "none"``, none) between the pairs."""


@dataclass(frozen=True)
class ValueOverride:
    """A corrected or added value for one nation-year cell of a monadic table."""

    table: str
    column: str
    nation: str
    year: int
    value: float
    source: str
    note: str = ""
    where: str = ""


@dataclass(frozen=True)
class Overrides:
    ties: tuple[TieOverride, ...] = ()
    values: tuple[ValueOverride, ...] = ()
    rivalries: tuple[RivalryOverride, ...] = ()
    # Every state a tie override names: a pair with a state outside it has no override, so
    # tie() answers it without walking the overrides (it is asked per candidate and threat).
    _tie_states: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        named = frozenset(n for o in self.ties for n in (*o.parties, *o.others))
        object.__setattr__(self, "_tie_states", named)

    def tie(self, a: str, b: str, year: int) -> TieOverride | None:
        """The override in force for the pair in ``year``. Of those that add to ATOP the
        strongest (a profile's own weaker tie does not hide a stronger one of its facts
        files; of equal ones the last listed); one that replaces ATOP's value wins over every
        override listed before it, and an adding one listed after it wins only where
        stronger."""
        if a not in self._tie_states or b not in self._tie_states:
            return None
        found = None
        for override in self.ties:
            if not (override.covers(a, b) and override.active(year)):
                continue
            if found is None or override.replaces or override.level >= found.level:
                found = override
        return found

    def value(self, table: str, column: str, nation: str, year: int) -> ValueOverride | None:
        """The latest value override at or before ``year`` for the cell, if any; of two for
        the same year, the one listed last (a profile's own after its facts files')."""
        found = None
        for o in self.values:
            same = o.table == table and o.column == column and o.nation == nation
            if same and o.year <= year and (found is None or o.year >= found.year):
                found = o
        return found

    def rivalries_in_force(self, year: int) -> dict[frozenset[str], RivalryOverride]:
        """Per pair of states, the rivalry override in force in ``year``; the last one listed
        wins."""
        found: dict[frozenset[str], RivalryOverride] = {}
        for override in self.rivalries:
            if override.active(year):
                for a, b in override.pairs():
                    found[frozenset((a, b))] = override
        return found

    def __len__(self) -> int:
        return len(self.ties) + len(self.values) + len(self.rivalries)
