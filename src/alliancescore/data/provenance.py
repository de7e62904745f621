"""Provenance as records: where every measured value came from, kept as data to the output.

A measured value carries a :class:`Provenance`: the table uses behind it (:class:`Use`: table,
column, the year or window of years used, stale, carried forward past the source's end,
the analyst's override that gave it) and, for a coalition's cell, the aggregation and the
members aggregated; the decision matrix adds the missing-data policy applied to the cell.
Text is made only at the edge, by :func:`render`, which writes the source strings shown in
tables, explanations and reports:

* ``"<table> <year>"``: the year a value was taken from (``"nmc 2018"``);
* ``"<table> <first>-<last>"``: the years of an event window the table covered;
* ``" (carried forward)"``: a spell table past its source's end, its last state carried on;
* ``" (stale)"``: the value was too old for the reference year and counts as missing;
* ``"<table> none"``: there was nothing to use (never observed, no capital, window not
  covered), with the reason in parentheses when there is one;
* ``"override <year>: <source>"`` / ``"override (<kind>, from <year>): <source>"``: a value,
  tie or rivalry override of the profile gave the value (``"override (rivalry GEO-RUS, from
  2008): ..."``, ``"override (no rivalry EGY-ISR, from 1979): ..."``), with a rule's reason in
  parentheses where one applied;
* ``"focal JPN: unga 2018"``, ``"threats CHN, RUS: unga 2018"``: a value of another state
  (the focal nation, the threat actors, the theatre states) that entered the computation;
* ``"mean over USA, IND, AUS"``: a coalition's aggregation over its members; members without
  a value are named: ``"mean over ..., ISL; left out (no data): ISL"`` when the others' values
  were aggregated, ``"min over ...; no data: ISL"`` when the value is missing (a weakest-link
  ``min``, or no member had data);
* ``"unga none (not listed 2015-2018: not a UN member)"``: the state is outside the source's
  universe in the years a lookup may use (structurally absent, :attr:`Use.absent`).
* ``"readiness 2018 (analyst table analyst/readiness.xlsx, sheet 'Scores': Agency review,
  assessed 2025-03-01)"``: an analyst's own table (``[[tables]]``), its file, source and
  assessment date; ``"readiness as of 2025-03-01 (analyst table ...)"`` for one without years.

Readers that need the facts (which tables and years a report used, which cells were stale or
carried forward) read the records (:func:`table_years`, :func:`year_labels`), never the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

__all__ = [
    "EMPTY",
    "THREAT_FLOOR",
    "Provenance",
    "Use",
    "combine",
    "render",
    "render_use",
    "scoped",
    "table_years",
    "year_labels",
]

Years = int | tuple[int, int] | None


@dataclass(frozen=True)
class Use:
    """One use of a table (or of an analyst's override) behind a measured value.

    table : the data set's table name, or ``None`` when there was nothing to read at all
        (no threat actors, no theatre states: ``role`` and ``reason`` say so).
    column : the table's value column, where one column was read.
    years : the year used (an int), the covered part of an event window (first, last), or
        ``None`` when nothing was used (never observed, before the source's start, ...).
    stale : the data were too old for the reference year (the value counts as missing).
    carried_forward : a spell table past its source's end, its last state carried on.
    override : the source note of the profile's override that gave the value (``years`` is
        then the override's year, or a tie or rivalry override's first year, ``tie_kind`` its
        kind: a tie's kind, or ``"rivalry GEO-RUS"`` / ``"no rivalry EGY-ISR"``).
    reason : why nothing was used, or a remark on the years (``"before 1816"``).
    inferred : how a value absent from the table was inferred (``"not on the FAS list (0)"``).
    absent : the state is outside the source's universe in the years used (no row at all
        while other states have rows: Taiwan in the UN votes), so its value is structurally
        absent, not unreported (:meth:`alliancescore.data.Dataset.absent`); ``reason`` says
        what that means for the table.
    role, nations : whose value this is when not the candidate's own (``"focal"``,
        ``"threats"``, ``"theatre"`` and their ISO3 codes).
    undated : a reference file without dates was read (UN M49 regions are today's): shown
        as ``undated``, not as ``none`` (which means nothing was used); an analyst's table
        without years is shown as of its assessment date.
    file, source, assessed : for an analyst's own table (``[[tables]]``: ``table`` is its
        id), the file read (with the sheet of a workbook), its stated source and the ISO date
        its values were assessed; empty for the data set's tables.
    """

    table: str | None
    column: str | None = None
    years: Years = None
    stale: bool = False
    carried_forward: bool = False
    override: str | None = None
    tie_kind: str | None = None
    reason: str = ""
    inferred: str = ""
    absent: bool = False
    role: str = ""
    nations: tuple[str, ...] = ()
    undated: bool = False
    file: str = ""
    source: str = ""
    assessed: str = ""

    @property
    def years_text(self) -> str:
        """``"2018"``, ``"2009-2014"``, ``"undated"`` (``"as of 2025-03-01"`` for an analyst's
        table without years) or ``"none"``."""
        if self.undated:
            return f"as of {self.assessed}" if self.assessed else "undated"
        if self.years is None:
            return "none"
        if isinstance(self.years, tuple):
            return f"{self.years[0]}-{self.years[1]}"
        return str(self.years)

    @property
    def flag(self) -> str:
        """What a report flags: ``"stale"``, ``"carried forward"``, or for a use without
        years the reason nothing was used (``""`` when none is given)."""
        if self.stale:
            return "stale"
        if self.carried_forward:
            return "carried forward"
        return self.reason if self.years is None and not self.undated else ""

    @property
    def from_table(self) -> bool:
        """Whether the value was read from a table of the data set (not an override, not
        'nothing to read')."""
        return self.table is not None and self.override is None


@dataclass(frozen=True)
class Provenance:
    """The record of one measured value (one cell of a measure's result or of a matrix).

    uses : the table uses behind the value, in the order the measure made them.
    aggregation, members : for a coalition's cell, how its members' values were aggregated
        and which members (the focal nation and threat actors left out).
    without_data : for a coalition's cell, the members without a value: left out of a
        ``sum``, ``mean`` or ``max`` over the others, or the reason a ``min`` (or a cell where
        no member had data) is missing.
    missing : for a coalition's cell, whether its value is missing (named members without
        data then say why, not which were left out).
    policy : the missing-data policy applied to the cell in a decision matrix (``"worst"`` or
        ``"neutral"`` where a policy filled it, ``"neutral (absent)"`` or ``"worst"`` under
        ``neutral_if_absent``, ``"exclude"`` where a missing value dropped the alternative;
        ``""`` otherwise).
    text : a measure that gives no records (a user's own measure) may give its source as
        text; it is shown as it is.
    """

    uses: tuple[Use, ...] = ()
    aggregation: str | None = None
    members: tuple[str, ...] = ()
    without_data: tuple[str, ...] = ()
    missing: bool = False
    policy: str = ""
    text: str = ""


EMPTY = Provenance()

THREAT_FLOOR = "threat floor"
"""The ``aggregation`` of a coalition's cell that holds a threat actor on a measure with a
``threat_floor``: ``members`` are the threat actors, and no member's value is used."""


def render_use(use: Use) -> str:
    """One use as text (see the module docstring for the forms)."""
    if use.table is None:
        return f"{use.role} none ({use.reason})"
    if use.override is not None:
        head = (
            f"override ({use.tie_kind}, from {use.years})"
            if use.tie_kind
            else f"override {use.years}"
        )
        remark = "; ".join(part for part in ("stale" if use.stale else "", use.reason) if part)
        text = f"{head}: {use.override}" + (f" ({remark})" if remark else "")
    else:
        text = f"{use.table} {use.years_text}"
        if use.inferred:
            text += f": {use.inferred}"
        state = "stale" if use.stale else "carried forward" if use.carried_forward else ""
        remark = ": ".join(part for part in (state, use.reason) if part)
        if use.file:
            remark = "; ".join(part for part in (remark, _analyst(use)) if part)
        if remark:
            text += f" ({remark})"
    if use.role:
        return f"{use.role} {', '.join(use.nations)}: {text}"
    return text


def _analyst(use: Use) -> str:
    """``"analyst table analyst/readiness.xlsx, sheet 'Scores': <source>, assessed <date>"``
    (the date only once where the years already say it)."""
    assessed = "" if use.undated else f", assessed {use.assessed}"
    return f"analyst table {use.file}: {use.source}{assessed}"


@lru_cache(maxsize=65536)
def render(record: Provenance) -> str:
    """A cell's record as the source string shown in tables, explanations and reports."""
    if record.aggregation == THREAT_FLOOR:
        return f"holds threat actor {', '.join(record.members)}: shares none of the threat"
    if record.aggregation is not None:
        text = f"{record.aggregation} over {', '.join(record.members)}"
        if record.without_data:
            named = ", ".join(record.without_data)
            text += f"; no data: {named}" if record.missing else f"; left out (no data): {named}"
        return text
    if record.text:
        return record.text
    return "; ".join(dict.fromkeys(render_use(u) for u in record.uses))


def combine(*parts: Sequence[Provenance] | Provenance | Use) -> list[Provenance]:
    """Per candidate, the uses of every part in order (repeats once): a part is a sequence of
    records aligned with the candidates, or one record or use shared by all of them."""
    rows = [p for p in parts if not isinstance(p, Provenance | Use)]
    if not rows:
        raise ValueError("combine needs at least one sequence of records")
    n = len(rows[0])
    columns = [
        [p] * n if isinstance(p, Provenance | Use) else list(p)  # type: ignore[arg-type]
        for p in parts
    ]
    # Many candidates share the same records: join each distinct combination once.
    joined: dict[tuple[int, ...], Provenance] = {}
    out = []
    for row in zip(*columns, strict=True):
        key = tuple(map(id, row))
        if key not in joined:
            uses: list[Use] = []
            for part in row:
                uses.extend((part,) if isinstance(part, Use) else part.uses)
            joined[key] = Provenance(tuple(dict.fromkeys(uses)))
        out.append(joined[key])
    return out


def scoped(role: str, codes: Sequence[str], records: Sequence[Provenance]) -> Provenance:
    """The records of other states' values (``role`` ``"focal"``, ``"threats"``, ...) as one
    record: states whose records are equal are listed together, in order of appearance."""
    groups: dict[Provenance, list[str]] = {}
    for code, record in zip(codes, records, strict=True):
        groups.setdefault(record, []).append(code)
    return Provenance(
        tuple(
            replace(use, role=role, nations=tuple(members))
            for record, members in groups.items()
            for use in record.uses
        )
    )


def table_years(record: Provenance, tables: Iterable[str]) -> list[tuple[str, str, str]]:
    """(table, years, flag) of each use of a table in ``tables`` behind the value, in order
    (years ``"none"`` where nothing was used; flag as :attr:`Use.flag`)."""
    known = set(tables)
    return [
        (u.table, u.years_text, u.flag)  # type: ignore[misc]
        for u in record.uses
        if u.from_table and u.table in known
    ]


def year_labels(record: Provenance, tables: Iterable[str]) -> list[str]:
    """The distinct ``"<table> <years>"`` labels of the tables in ``tables`` whose data the
    value used (``"unga 1990"``, ``"mid_cow 1981-1990"``), in order; uses without years and
    overrides are left out."""
    known = set(tables)
    return list(
        dict.fromkeys(
            f"{u.table} {u.years_text}"
            for u in record.uses
            if u.from_table and u.table in known and u.years is not None
        )
    )
