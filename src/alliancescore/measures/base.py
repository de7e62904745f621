"""The measure registry and the context every measure receives.

A measure is a small registered function ``fn(ctx, candidates, **params) -> MeasureResult``:
the raw value of one quantity for each candidate state, usually relative to the focal nation
(``ctx.focal``) or its perceived threats (``ctx.threats``), at the reference year
(``ctx.year``), using nothing after it. Measures are vectorised over candidates (a backtest
scores every state against every other), never a Python call per candidate and table lookup.

Every value carries its provenance as a record (:mod:`alliancescore.data.provenance`): the
tables, columns and years it was computed from, whether any of them was stale or carried
forward, and the override that gave it, so that ``explain`` can trace each number to a file,
year and source.
Missing stays missing (NaN); the indicator's missing-data policy decides what happens next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from alliancescore.data import TABLES, Dataset
from alliancescore.data.analyst import AnalystTable
from alliancescore.data.overrides import Overrides
from alliancescore.data.provenance import EMPTY, Provenance, Use, render
from alliancescore.params import Constraint, Param, check_params, declared_params
from alliancescore.registry import Registry

__all__ = [
    "AGGREGATIONS",
    "MEASURES",
    "Measure",
    "MeasureContext",
    "MeasureResult",
    "Threat",
    "monadic",
    "register_measure",
    "tie_levels",
]


@dataclass(frozen=True)
class Threat:
    """A perceived threat actor (ISO3) and its severity (a positive weight, e.g. 0..1)."""

    actor: str
    severity: float = 1.0


@dataclass(frozen=True)
class MeasureContext:
    """Everything a measure may use: the data, the focal nation, its threats, the year.

    ``theatre`` lists the states whose capitals locate the threat theatre (default: the threat
    actors); ``overrides`` are the profile's sourced corrections; ``tables`` the analyst's own
    tables by id (``[[tables]]`` of the criteria file and the profile), read by the ``table``
    measure (:mod:`alliancescore.measures.analyst`).
    """

    data: Dataset
    focal: str
    year: int
    threats: tuple[Threat, ...] = ()
    theatre: tuple[str, ...] = ()
    overrides: Overrides = field(default_factory=Overrides)
    tables: Mapping[str, AnalystTable] = field(default_factory=dict)

    @property
    def threat_actors(self) -> list[str]:
        return [t.actor for t in self.threats]

    @property
    def severities(self) -> np.ndarray:
        return np.array([t.severity for t in self.threats], dtype=np.float64)

    @property
    def theatre_states(self) -> list[str]:
        return list(self.theatre) or self.threat_actors


@dataclass(frozen=True)
class MeasureResult:
    """Raw values for candidates, with a provenance record per candidate.

    values : float Series indexed by candidate ISO3; NaN = missing (never filled).
    provenance : Series of :class:`~alliancescore.data.provenance.Provenance` records (the
        tables, columns and years used, stale, carried forward, overrides); a measure that
        gives plain strings instead has them kept as the records' text.
    stale : bool Series, True when a value used was too old for the reference year (such a
        value is missing, and the record says which table was stale).
    note : how the value was computed (window, parameters), shown in explanations.
    """

    values: pd.Series
    provenance: pd.Series
    stale: pd.Series
    note: str = ""

    def __post_init__(self) -> None:
        index = self.values.index
        if not (self.provenance.index.equals(index) and self.stale.index.equals(index)):
            raise ValueError("values, provenance and stale must share one index")
        records = self.provenance.tolist()
        if not all(isinstance(r, Provenance) for r in records):
            records = [
                r if isinstance(r, Provenance) else EMPTY if _blank(r) else Provenance(text=str(r))
                for r in records
            ]
            object.__setattr__(self, "provenance", pd.Series(records, index=index, dtype=object))

    @property
    def sources(self) -> pd.Series:
        """The records as text (``"nmc 2018"``; see :mod:`alliancescore.data.provenance`)."""
        return pd.Series(
            [render(r) for r in self.provenance], index=self.provenance.index, dtype=object
        )


def _blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and np.isnan(value))


@dataclass(frozen=True)
class Measure:
    """A registered measure and what it says about itself."""

    name: str
    fn: Callable[..., MeasureResult]
    unit: str
    direction: str  # the natural direction: "benefit" or "cost"
    aggregation: str  # default over coalition members: a name in AGGREGATIONS
    description: str
    tables: tuple[str, ...]
    params: Mapping[str, Param]  # declared once: constraint and default per parameter
    # A coalition's value counts its members that are the focal's threat actors too (the
    # measure gives them a value of their own: see register_measure).
    threat_members: bool = False
    # The raw value a coalition holding a threat actor takes (see register_measure), or None.
    threat_floor: float | None = None
    # The values a state can take when the measure is a set of categories (see
    # register_measure), or None.
    categories: tuple[int, ...] | None = None

    @property
    def defaults(self) -> Mapping[str, Any]:
        return MappingProxyType({name: p.default for name, p in self.params.items()})

    def __call__(
        self, ctx: MeasureContext, candidates: Sequence[str], **params: Any
    ) -> MeasureResult:
        """The measure for ``candidates``, its parameters checked against their declarations
        first (an analyst's mistake is a message; a failure inside the measure is a bug and
        stays a traceback)."""
        resolved = check_params(f"measure {self.name!r}", self.params, params)
        result = self.fn(ctx, list(candidates), **resolved)
        return MeasureResult(
            result.values.astype(np.float64).reindex(candidates),
            result.provenance.reindex(candidates),
            result.stale.reindex(candidates).fillna(False).astype(bool),
            result.note,
        )


MEASURES: Registry[Measure] = Registry("measure")


def register_measure(
    name: str,
    *,
    unit: str,
    direction: str,
    aggregation: str,
    description: str,
    tables: Iterable[str],
    params: Mapping[str, Constraint] | None = None,
    threat_members: bool = False,
    threat_floor: float | None = None,
    categories: Iterable[int] | None = None,
) -> Callable[[Callable[..., MeasureResult]], Callable[..., MeasureResult]]:
    """Register ``fn(ctx, candidates, **params) -> MeasureResult`` as the measure ``name``.

    Keyword-only parameters with defaults after ``candidates`` are the measure's parameters,
    settable per indicator in a criteria file (``params = {...}``); each needs a constraint in
    ``params`` (:mod:`alliancescore.params`), checked before the measure runs and by
    ``validate``.

    ``threat_members``: a coalition's value under this measure aggregates its members that
    are threat actors of the focal nation too (every other measure leaves them out). Only for
    a measure whose value for a threat actor means what the coalition should carry: its
    alignment with the threat (itself) or its hostility to the focal nation, as the measures
    of :mod:`alliancescore.measures.alignment` define them.

    ``threat_floor``: the raw value a coalition that holds a threat actor of the focal nation
    takes under this measure, whatever its other members' values: the scale's worst, for a
    measure of how far the candidate *shares* the focal nation's threats. A coalition cannot
    be turned against its own member (the SCO, which acts by consensus, for Pakistan while it
    holds India), so it shares none of that threat, however much its other members do
    (:class:`alliancescore.analysis.pipeline.Layout`). States are measured as before.

    ``categories``: the values a state can take when the measure is a set of categories (a
    tie level 0-7, a yes/no): ``validate`` then refuses a categorical value function whose
    map leaves one out, which would otherwise fail only when a state falls in it.
    """
    if direction not in ("benefit", "cost"):
        raise ValueError(f"direction must be 'benefit' or 'cost', not {direction!r}")
    if aggregation not in AGGREGATIONS:
        raise ValueError(f"unknown aggregation {aggregation!r}")

    def decorate(fn: Callable[..., MeasureResult]) -> Callable[..., MeasureResult]:
        declared = declared_params(f"measure {name!r}", fn, params or {}, skip=2)
        MEASURES.add(
            name,
            Measure(
                name,
                fn,
                unit,
                direction,
                aggregation,
                description,
                tuple(tables),
                MappingProxyType(declared),
                threat_members,
                threat_floor,
                None if categories is None else tuple(int(c) for c in categories),
            ),
        )
        return fn

    return decorate


# How a coalition's value is formed from its members' values (focal nation excluded).
# The analysis pipeline applies them over the members with a value and names the ones left out;
# a weakest link (min of a benefit, max of a cost) with a member missing is missing
# (alliancescore.analysis.pipeline).
AGGREGATIONS: Mapping[str, Callable[[np.ndarray], float]] = MappingProxyType(
    {
        "sum": lambda v: float(np.sum(v)),
        "mean": lambda v: float(np.mean(v)),
        "min": lambda v: float(np.min(v)),
        "max": lambda v: float(np.max(v)),
    }
)


def monadic(ctx: MeasureContext, table: str, column: str, nations: Sequence[str]) -> MeasureResult:
    """Latest ``table.column`` at or before ``ctx.year`` for ``nations``, overrides applied.

    A value override wins when its year is at or after the data's year used; its record is
    then the override's (its year and source note). A value still missing for a state outside
    the table's universe (:meth:`~alliancescore.data.Dataset.absent`: Taiwan in the UN votes)
    gets a record saying so (:attr:`~alliancescore.data.provenance.Use.absent`, no year used,
    not stale): its data are structurally absent, not old or unreported. So does a state in a
    spell of the table's ``voided_by`` table (a UN seat held for an ousted government), whose
    values there are not read (:meth:`~alliancescore.data.Dataset.absence_reasons`).
    """
    frame = ctx.data.values(table, [column], list(nations), ctx.year)
    values = frame[column].astype("Float64").astype(np.float64)
    years = frame[f"{column}_year"].astype("Float64")
    stale = frame[f"{column}_stale"].astype(bool)
    # One record per distinct (year used, stale): ~190 nations share a handful.
    shared: dict[tuple[int | None, bool], Provenance] = {}
    records = []
    for used, old in zip(years.tolist(), stale.tolist(), strict=True):
        key = (None if pd.isna(used) else int(used), bool(old))
        if key not in shared:
            shared[key] = Provenance((Use(table, column, key[0], stale=key[1]),))
        records.append(shared[key])
    provenance = pd.Series(records, index=frame.index, dtype=object)
    limit = TABLES[table].max_staleness_years
    for nation in nations:
        override = ctx.overrides.value(table, column, nation, ctx.year)
        if override is None:
            continue
        used = years.get(nation)
        if not (pd.isna(used) or override.year >= used or stale.get(nation, False)):
            continue
        # An override is a data point like any other: past the table's staleness limit it
        # counts as missing too.
        too_old = limit is not None and ctx.year - override.year > limit
        values[nation] = np.nan if too_old else override.value
        stale[nation] = too_old
        provenance[nation] = Provenance(
            (Use(table, column, override.year, stale=too_old, override=override.source),)
        )
    _mark_absent(ctx, table, column, values, provenance, stale)
    return MeasureResult(values, provenance, stale)


def _mark_absent(
    ctx: MeasureContext,
    table: str,
    column: str,
    values: pd.Series,
    provenance: pd.Series,
    stale: pd.Series,
) -> None:
    """Records (and stale flags) of missing values of states outside ``table``'s universe."""
    spec = TABLES[table]
    gaps = [n for n in values.index[values.isna()] if not provenance[n].uses[0].override]
    if not (spec.unlisted or spec.voided_by) or not gaps:
        return
    reasons = ctx.data.absence_reasons(table, gaps, ctx.year)
    records: dict[str, Provenance] = {}
    for nation, reason in reasons[reasons != ""].items():
        if reason not in records:
            records[reason] = Provenance((Use(table, column, reason=reason, absent=True),))
        provenance[nation] = records[reason]
        stale[nation] = False


def tie_levels(ctx: MeasureContext, nation: str, others: Sequence[str]) -> MeasureResult:
    """Strongest tie between ``nation`` and each of ``others`` at ``ctx.year``, as a level.

    Levels (the data layer's :meth:`~alliancescore.data.Dataset.alliance_levels`, matching
    :data:`alliancescore.data.overrides.TIE_KINDS`): 3 defence pact, 2 security partnership,
    1 dialogue, 0 none. A tie override for the pair raises the level (or replaces it, see
    :class:`~alliancescore.data.overrides.TieOverride`); where ATOP is stale or silent the
    override alone counts. A non-aggression pledge that rests on a region-wide code of conduct
    (the Treaty of Amity and Cooperation, the Helsinki Final Act) is level 0, and its record
    says so (:meth:`~alliancescore.data.Dataset.nonaggression_codes`); so is a defence pledge
    resting on an instrument one of the pair has left (Brexit and the EU's clause, an OAS
    exit: :meth:`~alliancescore.data.Dataset.alliance_depth`). ATOP ends in 2018: its
    treaty spells are carried forward through 2025 (the record gives the year used, 2018, and
    says it was carried forward: ``atop 2018 (carried forward)``), then stale.
    """
    frame = ctx.data.alliance_levels(nation, list(others), ctx.year)
    level = frame["level"].astype(np.float64)
    stale = frame["stale"].astype(bool)
    used = frame["year_used"].iloc[0] if len(frame) else pd.NA
    old = bool(stale.any())
    carried = bool(frame["carried_forward"].iloc[0]) and not old if len(frame) else False
    atop = Use(
        "atop", years=None if pd.isna(used) else int(used), stale=old, carried_forward=carried
    )
    # the records as a list, made a Series once (a Series written per state costs more)
    records = [Provenance((atop,))] * len(frame)
    code_basis, left_basis = frame["code_basis"].tolist(), frame["left_basis"].tolist()
    for i in np.flatnonzero(frame["code"].notna().to_numpy(bool)):
        # a non-aggression pledge that rests on a code of conduct is no tie (data.depth)
        code = Use("alliance_depth", years=atop.years, reason=str(code_basis[i]))
        records[i] = Provenance((atop, code))
    for i in np.flatnonzero(frame["left_basis"].notna().to_numpy(bool)):
        # a pledge resting on an instrument one of the pair has left is no tie (data.depth)
        left = Use("alliance_depth", years=int(ctx.year), reason=str(left_basis[i]))
        records[i] = Provenance((atop, left))
    provenance = pd.Series(records, index=frame.index, dtype=object)
    for other in others:
        override = ctx.overrides.tie(nation, other, ctx.year)
        if override is None:
            continue
        use = Use(
            "atop", years=override.first_year, override=override.source, tie_kind=override.kind
        )
        if override.replaces or override.kind == "none" or pd.isna(level[other]):
            level[other] = float(override.level)
            stale[other] = False
            provenance[other] = Provenance((use,))
        elif override.level > level[other]:
            level[other] = float(override.level)
            provenance[other] = Provenance((*provenance[other].uses, use))
    return MeasureResult(level, provenance, stale)
