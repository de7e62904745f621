"""The measure registry and the context every measure receives.

A measure is a small registered function ``fn(ctx, candidates, **params) -> MeasureResult``:
the raw value of one quantity for each candidate state, usually relative to the focal nation
(``ctx.focal``) or its perceived threats (``ctx.threats``), at the reference year
(``ctx.year``), using nothing after it. Measures are vectorised over candidates (a backtest
scores every state against every other), never a Python call per candidate and table lookup.

Every value carries its provenance: the tables and years it was computed from and whether
any of them was stale, so that ``explain`` can trace each number to a file, year and source.
Missing stays missing (NaN); the indicator's missing-data policy decides what happens next.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from alliancescore.data import TABLES, Dataset
from alliancescore.data.overrides import Overrides
from alliancescore.registry import Registry

__all__ = [
    "AGGREGATIONS",
    "MEASURES",
    "Measure",
    "MeasureContext",
    "MeasureResult",
    "Threat",
    "combine_sources",
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
    actors); ``overrides`` are the profile's sourced corrections.
    """

    data: Dataset
    focal: str
    year: int
    threats: tuple[Threat, ...] = ()
    theatre: tuple[str, ...] = ()
    overrides: Overrides = field(default_factory=Overrides)

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
    """Raw values for candidates, with provenance per candidate.

    values : float Series indexed by candidate ISO3; NaN = missing (never filled).
    sources : str Series, e.g. ``"nmc 2018"`` or ``"unga 2018; rivalry_tss 2018"``.
    stale : bool Series, True when a value used was too old for the reference year (such a
        value is missing, and the source says which table was stale).
    note : how the value was computed (window, parameters), shown in explanations.
    """

    values: pd.Series
    sources: pd.Series
    stale: pd.Series
    note: str = ""

    def __post_init__(self) -> None:
        index = self.values.index
        if not (self.sources.index.equals(index) and self.stale.index.equals(index)):
            raise ValueError("values, sources and stale must share one index")


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
    defaults: Mapping[str, Any]

    def __call__(
        self, ctx: MeasureContext, candidates: Sequence[str], **params: Any
    ) -> MeasureResult:
        result = self.fn(ctx, list(candidates), **{**self.defaults, **params})
        return MeasureResult(
            result.values.astype(np.float64).reindex(candidates),
            result.sources.reindex(candidates).fillna(""),
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
) -> Callable[[Callable[..., MeasureResult]], Callable[..., MeasureResult]]:
    """Register ``fn(ctx, candidates, **params) -> MeasureResult`` as the measure ``name``.

    Keyword-only parameters with defaults after ``candidates`` are the measure's parameters,
    settable per indicator in a criteria file (``params = {...}``).
    """
    if direction not in ("benefit", "cost"):
        raise ValueError(f"direction must be 'benefit' or 'cost', not {direction!r}")
    if aggregation not in AGGREGATIONS:
        raise ValueError(f"unknown aggregation {aggregation!r}")

    def decorate(fn: Callable[..., MeasureResult]) -> Callable[..., MeasureResult]:
        defaults = {
            p.name: p.default
            for p in inspect.signature(fn).parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        }
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
                MappingProxyType(defaults),
            ),
        )
        return fn

    return decorate


# How a coalition's value is formed from its members' values (focal nation excluded).
# A member with a missing value makes the coalition's value missing: no silent partial sums.
AGGREGATIONS: Mapping[str, Callable[[np.ndarray], float]] = MappingProxyType(
    {
        "sum": lambda v: float(np.sum(v)),
        "mean": lambda v: float(np.mean(v)),
        "min": lambda v: float(np.min(v)),
        "max": lambda v: float(np.max(v)),
    }
)


def combine_sources(*parts: pd.Series | str) -> pd.Series:
    """Join per-candidate source strings with ``"; "`` (strings broadcast), skipping blanks."""
    series = [p for p in parts if isinstance(p, pd.Series)]
    if not series:
        raise ValueError("combine_sources needs at least one Series")
    index = series[0].index
    columns = [
        [str(v) if isinstance(v, str) else "" for v in p.reindex(index)]
        if isinstance(p, pd.Series)
        else [p] * len(index)
        for p in parts
    ]
    # A plain loop over rows of Python strings: far cheaper than a row-wise DataFrame.apply.
    joined = ["; ".join(dict.fromkeys(x for x in row if x)) for row in zip(*columns, strict=True)]
    return pd.Series(joined, index=index, dtype=object)


def _source_label(table: str, year: pd.Series, stale: pd.Series) -> pd.Series:
    shown = year.astype("Int64").astype(object).map(lambda y: "none" if pd.isna(y) else str(y))
    label = table + " " + shown
    return label.where(~stale, label + " (stale)")


def monadic(ctx: MeasureContext, table: str, column: str, nations: Sequence[str]) -> MeasureResult:
    """Latest ``table.column`` at or before ``ctx.year`` for ``nations``, overrides applied.

    A value override wins when its year is at or after the data's year used; its source is
    then the override's own note.
    """
    frame = ctx.data.values(table, [column], list(nations), ctx.year)
    values = frame[column].astype("Float64").astype(np.float64)
    year = frame[f"{column}_year"].astype("Float64")
    stale = frame[f"{column}_stale"].astype(bool)
    sources = _source_label(table, year, stale)
    limit = TABLES[table].max_staleness_years
    for nation in nations:
        override = ctx.overrides.value(table, column, nation, ctx.year)
        if override is None:
            continue
        used = year.get(nation)
        if not (pd.isna(used) or override.year >= used or stale.get(nation, False)):
            continue
        # An override is a data point like any other: past the table's staleness limit it
        # counts as missing too.
        too_old = limit is not None and ctx.year - override.year > limit
        values[nation] = np.nan if too_old else override.value
        stale[nation] = too_old
        sources[nation] = f"override {override.year}: {override.source}" + (
            " (stale)" if too_old else ""
        )
    return MeasureResult(values, sources, stale)


def tie_levels(ctx: MeasureContext, nation: str, others: Sequence[str]) -> MeasureResult:
    """Strongest tie between ``nation`` and each of ``others`` at ``ctx.year``, as a level.

    Levels (see :data:`alliancescore.data.overrides.TIE_KINDS`): 3 defence pact (ATOP
    defence obligation in either direction), 2 security partnership (ATOP offence, neutrality
    or consultation), 1 dialogue (ATOP non-aggression), 0 none. A tie override for the pair
    raises the level (or replaces it, see :class:`~alliancescore.data.overrides.TieOverride`);
    where ATOP is stale or silent the override alone counts. ATOP ends in 2018; later years
    use 2018 until it is stale.
    """
    frame = ctx.data.alliances(nation, list(others), ctx.year)
    level = pd.Series(0.0, index=frame.index)
    level[(frame["nonagg"] == 1).fillna(False).to_numpy(bool)] = 1.0
    partnership = frame[["offense", "neutral", "consul"]].eq(1).any(axis=1).fillna(False)
    level[partnership.to_numpy(bool)] = 2.0
    level[(frame["defense"] == 1).fillna(False).to_numpy(bool)] = 3.0
    stale = frame["stale"].astype(bool)
    year = frame["year_used"].astype("Float64")
    unknown = year.isna() | stale
    level[unknown.to_numpy(bool)] = np.nan
    sources = _source_label("atop", year, stale)
    for other in others:
        override = ctx.overrides.tie(nation, other, ctx.year)
        if override is None:
            continue
        label = f"override ({override.kind}, from {override.first_year}): {override.source}"
        if override.replaces or override.kind == "none" or pd.isna(level[other]):
            level[other] = float(override.level)
            stale[other] = False
            sources[other] = label
        elif override.level > level[other]:
            level[other] = float(override.level)
            sources[other] = f"{sources[other]}; {label}"
    return MeasureResult(level, sources, stale)
