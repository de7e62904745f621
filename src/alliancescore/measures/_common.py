"""Helpers shared by the registered measures: provenance labels, threat weights, windows.

Private to :mod:`alliancescore.measures`. Every helper works on whole vectors of candidates;
a helper that reads data makes one data-layer call for all of them.

Provenance conventions used by every measure (``MeasureResult.sources``):

* ``"<table> <year>"``: the year a value was taken from (``"nmc 2018"``);
* ``"<table> <first>-<last>"``: the years of an event window the table covered;
* ``" (carried forward)"``: a spell table past its source's end, its last state carried on;
* ``" (stale)"``: the value was too old for the reference year and counts as missing;
* ``"none"``: there was nothing to use (never observed, no capital, window not covered, no
  threat actors). A missing value's source always says ``stale`` or ``none``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancescore.data import TABLES
from alliancescore.data.geo import great_circle_km
from alliancescore.data.lookups import active_spells, spell_year, window_coverage
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean

from .base import MeasureContext, MeasureResult, monadic, tie_levels

__all__ = [
    "IDEAL_POINTS",
    "MID_TABLES",
    "RIVALRY_TABLES",
    "EventWindow",
    "capital_distances",
    "capitals_label",
    "check_codes",
    "dispute_pairs",
    "event_window",
    "finish",
    "flag",
    "group_label",
    "latest",
    "one_of",
    "pair_counts",
    "positive_number",
    "rivalry_pairs",
    "spell_label",
    "threat_summary",
    "threat_weights",
    "ties",
    "unique",
    "weighted_mean",
    "whole_years",
]


RIVALRY_TABLES = ("rivalry_tss", "rivalry_td")
MID_TABLES = ("mid_cow", "mid_gml")
IDEAL_POINTS = ("idealpointfp", "idealpointall")


def unique(codes: Iterable[str]) -> list[str]:
    """``codes`` in order with repeats removed."""
    return list(dict.fromkeys(codes))


def finish(
    index: Sequence[str],
    values: np.ndarray | pd.Series,
    sources: pd.Series | str,
    stale: np.ndarray | pd.Series | bool,
    note: str,
) -> MeasureResult:
    """A :class:`MeasureResult` over ``index`` (values as float, sources as str, stale as bool)."""
    idx = pd.Index(list(index), name="iso3")
    if isinstance(values, pd.Series):
        values = values.reindex(idx).to_numpy(dtype=np.float64, na_value=np.nan)
    if isinstance(sources, pd.Series):
        sources = sources.reindex(idx).to_numpy(dtype=object)
    if isinstance(stale, pd.Series):
        stale = stale.reindex(idx).fillna(False).to_numpy(dtype=bool)
    return MeasureResult(
        pd.Series(np.asarray(values, dtype=np.float64), index=idx),
        pd.Series(sources, index=idx, dtype=object).astype(str),
        pd.Series(stale, index=idx, dtype=bool),
        note,
    )


def positive_number(measure: str, name: str, value: object) -> float:
    """``value`` as a positive finite float, or the project's error naming the parameter."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float | np.integer | np.floating)
        or not np.isfinite(value)
        or value <= 0
    ):
        raise AllianceScoreError(
            Problem(f"measure {measure}: params.{name}", "a positive number", repr(value))
        )
    return float(value)


def one_of(measure: str, name: str, value: object, choices: Sequence[str]) -> str:
    """``value`` if it is one of ``choices``, or the project's error with a did-you-mean."""
    if value not in choices:
        raise AllianceScoreError(
            Problem(
                f"measure {measure}: params.{name}",
                f"one of {', '.join(choices)}",
                repr(value),
                did_you_mean(str(value), choices),
            )
        )
    return str(value)


def flag(measure: str, name: str, value: object) -> bool:
    """``value`` if it is a boolean (``true``/``false`` in TOML), or the project's error."""
    if not isinstance(value, bool | np.bool_):
        raise AllianceScoreError(
            Problem(f"measure {measure}: params.{name}", "true or false", repr(value))
        )
    return bool(value)


def whole_years(measure: str, name: str, value: object) -> int:
    """``value`` as a whole number of years >= 1, or the project's error."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise AllianceScoreError(
            Problem(
                f"measure {measure}: params.{name}", "a whole number of years >= 1", repr(value)
            )
        )
    return int(value)


# ----------------------------------------------------------------------------- base helpers
def latest(ctx: MeasureContext, table: str, column: str, nations: Sequence[str]) -> MeasureResult:
    """:func:`~alliancescore.measures.base.monadic`, with ``"<table> none"`` as the source of a
    nation never observed at or before the year.

    (``base._source_label`` writes "none" by replacing the text ``"<NA>"``; under pandas 3
    ``astype(str)`` keeps a missing year missing instead, so the label came out NaN.)
    """
    result = monadic(ctx, table, column, nations)
    return MeasureResult(
        result.values, result.sources.fillna(f"{table} none"), result.stale, result.note
    )


def ties(ctx: MeasureContext, nation: str, others: Sequence[str]) -> MeasureResult:
    """:func:`~alliancescore.measures.base.tie_levels`, with ``"atop none"`` where ATOP has no
    year (before its coverage) and no override applies (see :func:`latest`)."""
    result = tie_levels(ctx, nation, others)
    return MeasureResult(
        result.values, result.sources.fillna("atop none"), result.stale, result.note
    )


# ----------------------------------------------------------------------------- threats
def threat_weights(ctx: MeasureContext, candidates: Sequence[str]) -> np.ndarray:
    """Severity weights, shape (candidates, threat actors), 0 where a candidate is the actor.

    A candidate that is itself a threat actor is compared with the *other* threat actors
    only (its own distance or rivalry with itself means nothing).
    """
    actors = np.array(ctx.threat_actors, dtype=object)
    weights = np.broadcast_to(ctx.severities, (len(candidates), len(actors))).copy()
    if len(actors):
        weights[np.asarray(candidates, dtype=object)[:, None] == actors[None, :]] = 0.0
    return weights


def threat_summary(ctx: MeasureContext) -> str:
    """``"CHN (1), PRK (0.8)"``: the threat actors and severities, for notes."""
    if not ctx.threats:
        return "none"
    return ", ".join(f"{t.actor} ({t.severity:g})" for t in ctx.threats)


def weighted_mean(weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Row-wise ``sum(w * v) / sum(w)`` over entries with ``w > 0``.

    NaN where a weighted entry is NaN (missing stays missing) or where no weight is positive.
    """
    used = weights > 0
    total = np.where(used, weights, 0.0).sum(axis=1)
    products = np.where(used, weights * np.where(used, values, 0.0), 0.0)
    out = np.full(weights.shape[0], np.nan)
    ok = total > 0
    out[ok] = products[ok].sum(axis=1) / total[ok]
    return out


# ----------------------------------------------------------------------------- labels
def group_label(prefix: str, codes: Sequence[str], labels: Sequence[str]) -> str:
    """``"threats CHN, RUS: unga 2018; threats PRK: unga none"``: codes grouped by label."""
    groups: dict[str, list[str]] = {}
    for code, label in zip(codes, labels, strict=True):
        groups.setdefault(label, []).append(code)
    return "; ".join(f"{prefix} {', '.join(c)}: {label}" for label, c in groups.items())


def spell_label(table: str, year: int) -> tuple[int | None, bool, bool, str]:
    """(year used, carried forward, stale, label) of a spell table at ``year``.

    The rule is the data layer's (:func:`alliancescore.data.lookups.spell_year`, with the
    table's coverage and staleness from :data:`alliancescore.data.TABLES`); this helper only
    names it, for all-pairs lookups that do not report the year they used.
    """
    spec = TABLES[table]
    used, carried, stale = spell_year(
        year, spec.first_year, spec.last_year, spec.max_staleness_years
    )
    if used is None:
        return None, False, False, f"{table} none (before {spec.first_year})"
    label = f"{table} {used}"
    if stale:
        label += " (stale)"
    elif carried:
        label += " (carried forward)"
    return used, carried, stale, label


def capitals_label(year: int) -> str:
    """``"capitals 2018"``, or the capitals' last year carried forward past their end."""
    last = TABLES["capitals"].last_year
    return (
        f"capitals {year}" if last is None or year <= last else f"capitals {last} (carried forward)"
    )


def capital_distances(
    ctx: MeasureContext, rows: Sequence[str], columns: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Great-circle km between the capitals of ``rows`` and ``columns`` at ``ctx.year``.

    One capitals lookup for both lists and the data layer's haversine
    (:func:`alliancescore.data.geo.great_circle_km`, as in ``Dataset.distance_matrix``).
    Returns (km, row has no capital, column has no capital); km is NaN where either has none.
    """
    capitals = ctx.data.capitals(unique([*rows, *columns]), ctx.year)
    lat = capitals["lat"].to_numpy(dtype=np.float64, na_value=np.nan)
    lng = capitals["lng"].to_numpy(dtype=np.float64, na_value=np.nan)
    r = capitals.index.get_indexer(list(rows))
    c = capitals.index.get_indexer(list(columns))
    km = great_circle_km(lat[r][:, None], lng[r][:, None], lat[c][None, :], lng[c][None, :])
    return km, np.isnan(lat[r]), np.isnan(lat[c])


@dataclass(frozen=True)
class EventWindow:
    """A trailing window of ``years`` ending at the reference year, over an event table.

    ``covered`` is the part of the window the table covers (``None`` if none). The window is
    stale when the last covered year lies more than the table's ``max_staleness_years``
    before the reference year (MID 5 ends in 2014 and is stale from 2020); a stale or
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
    def label(self) -> str:
        if self.covered is None:
            return f"{self.table} none (window {self.first}-{self.last} not covered)"
        label = f"{self.table} {self.covered[0]}-{self.covered[1]}"
        return label + " (stale)" if self.stale else label

    @property
    def note(self) -> str:
        years = self.last - self.first + 1
        text = f"window {self.first}-{self.last} ({years} years ending at {self.last})"
        if self.covered is None:
            return f"{text}; {self.table} covers none of it"
        n = self.covered[1] - self.covered[0] + 1
        text += f"; {self.table} covers {self.covered[0]}-{self.covered[1]} ({n} of {years})"
        return text + ", stale" if self.stale else text


def event_window(table: str, year: int, years: int) -> EventWindow:
    """The trailing window ``[year - years + 1, year]`` over event table ``table``."""
    spec = TABLES[table]
    first, last = year - years + 1, year
    n = window_coverage(first, last, spec.first_year, spec.last_year)
    if n == 0:
        return EventWindow(table, first, last, None, False)
    covered = (max(first, spec.first_year), min(last, spec.last_year))
    limit = spec.max_staleness_years
    stale = limit is not None and year - covered[1] > limit
    return EventWindow(table, first, last, covered, stale)


# ----------------------------------------------------------------------------- all-pairs
# The data layer's all-pairs matrices (``rivalry_matrix``, ``dispute_matrix``) build a square
# nations x nations frame, about 30-40 ms a call whatever the number of nations. The measures
# below need only the pairs that exist (a few dozen rivalries, a few hundred dispute-dyads in
# a window), so they read the table once and apply the data layer's own rules
# (:func:`~alliancescore.data.lookups.spell_year`, :func:`~alliancescore.data.lookups.
# active_spells`, the inclusive window of ``Dataset.dispute_matrix``). Tests check the
# results against the data layer's lookups.


def check_codes(ctx: MeasureContext, codes: Sequence[str]) -> None:
    """The data layer's check of ISO3 codes (its did-you-mean error for unknown ones)."""
    ctx.data.crosswalk.check_iso3(unique(codes), "nations")


def _both_ways(rows: pd.DataFrame, keep: Sequence[str] = ()) -> pd.DataFrame:
    """Undirected pair rows (iso_a, iso_b) as directed rows (state, other), both ways."""
    columns = ["iso_a", "iso_b", *keep]
    forward = rows[columns].set_axis(["state", "other", *keep], axis=1)
    backward = rows[["iso_b", "iso_a", *keep]].set_axis(["state", "other", *keep], axis=1)
    return pd.concat([forward, backward], ignore_index=True)


def rivalry_pairs(ctx: MeasureContext, table: str) -> tuple[pd.DataFrame, bool, str]:
    """Strategic rivalries active at ``ctx.year`` as directed rows (state, other).

    Returns (rows, stale, label); no rows when the table is stale (values are then missing).
    """
    used, _, stale, label = spell_label(table, ctx.year)
    spells = ctx.data.frame(table)
    rows = spells.iloc[0:0] if used is None or stale else active_spells(spells, used)
    return _both_ways(rows), stale, label


def dispute_pairs(ctx: MeasureContext, window: EventWindow) -> pd.DataFrame:
    """Dispute-dyads with a dispute-year in the window as directed rows (state, other, dispnum).

    One row per dispute and direction (several dispute-years count once).
    """
    mids = ctx.data.frame(window.table)
    rows = mids[(mids["year"] >= window.first) & (mids["year"] <= window.last)]
    return _both_ways(rows, ("dispnum",)).drop_duplicates(ignore_index=True)


def pair_counts(pairs: pd.DataFrame, rows: Sequence[str], columns: Sequence[str]) -> np.ndarray:
    """Counts of directed rows per (state in ``rows``, other in ``columns``), shape (r, c)."""
    distinct = pd.Index(unique(columns))
    r = pd.Index(list(rows)).get_indexer(pairs["state"])
    c = distinct.get_indexer(pairs["other"])
    keep = (r >= 0) & (c >= 0)
    dense = np.zeros((len(rows), len(distinct)))
    np.add.at(dense, (r[keep], c[keep]), 1.0)
    return dense[:, distinct.get_indexer(list(columns))]
