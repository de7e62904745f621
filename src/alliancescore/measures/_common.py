"""Helpers shared by the registered measures: parameters, threat weights, provenance records.

Private to :mod:`alliancescore.measures`. Every helper works on whole vectors of candidates;
a helper that reads data makes one data-layer call for all of them, and the rules (years
used, spells in force, windows, distances, pair counts) are the data layer's own
(:mod:`alliancescore.data.lookups` through :class:`~alliancescore.data.Dataset`).

Every value carries a provenance record (:mod:`alliancescore.data.provenance`); a missing
value's record always says it was stale or that nothing was used (years ``None``, with the
reason where there is one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from alliancescore.data import TABLES
from alliancescore.data.base import MID_TABLES, RIVALRY_TABLES
from alliancescore.data.lookups import both_ways, spell_year
from alliancescore.data.lookups import capital_distances as _distances
from alliancescore.data.overrides import RivalryOverride
from alliancescore.data.provenance import Provenance, Use
from alliancescore.data.records import EventWindow, SpellPairs
from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Whole

from .base import MeasureContext, MeasureResult

__all__ = [
    "IDEAL_POINTS",
    "MID_TABLES",
    "RIVALRY_TABLES",
    "STRATEGIC_RIVALRY",
    "YEARS",
    "Rivalries",
    "capital_distances",
    "capitals_use",
    "check_codes",
    "finish",
    "positive_number",
    "rivalries",
    "rivalry_overrides_note",
    "spell_use",
    "threat_summary",
    "threat_weights",
    "unique",
    "weighted_mean",
    "window_note",
    "window_use",
]


IDEAL_POINTS = ("idealpointfp", "idealpointall")
# The strategic rivalries the rules read: a tie between rivals aligns neither
# (alignment._clear_rivals); a rival of the focal nation shares none of its threats
# (threats._void_for_focal_rivals).
STRATEGIC_RIVALRY = "rivalry_tss"
YEARS = Whole(1, text="a whole number of years >= 1")


@dataclass(frozen=True)
class Rivalries:
    """The strategic rivalries in force at the reference year: a rivalry table's spells
    (``spells``, its ``pairs`` both ways) with the profile's rivalry overrides applied; per
    pair named by an override in force, the override (``overridden``, keyed by the pair as a
    frozenset), and the pairs the table itself codes (``coded``)."""

    spells: SpellPairs
    overridden: dict[frozenset[str], RivalryOverride] = field(default_factory=dict)
    coded: frozenset[frozenset[str]] = frozenset()

    @property
    def pairs(self) -> pd.DataFrame:
        return self.spells.pairs

    def override(self, a: str, b: str) -> RivalryOverride | None:
        """The override in force for the pair, if any."""
        return self.overridden.get(frozenset((a, b)))

    def changed(self, a: str, b: str) -> bool:
        """Whether an override changed the table's reading of the pair (added a rivalry the
        table lacks, or ended one it codes)."""
        o = self.override(a, b)
        return o is not None and (o.kind == "rivalry") != (frozenset((a, b)) in self.coded)

    def uses(self, state: str, others: Iterable[str]) -> tuple[Use, ...]:
        """The records of the overrides that changed whether ``state`` and each of
        ``others`` are rivals (none where the table's reading stands)."""
        return tuple(
            self.use(state, other)
            for other in unique(others)
            if other != state and self.changed(state, other)
        )

    def use(self, a: str, b: str) -> Use:
        """The record of the override in force for the pair."""
        override = self.override(a, b)
        assert override is not None
        return rivalry_override_use(self.spells.table, override, a, b)

    def partners(self, state: str) -> set[str]:
        """The states whose rivalry with ``state`` an override changed."""
        return {
            other
            for pair in self.overridden
            if state in pair
            for other in pair - {state}
            if self.changed(state, other)
        }


def rivalry_override_use(table: str, override: RivalryOverride, a: str, b: str) -> Use:
    """The record of a rivalry override for the pair ``a``-``b`` (written as the override
    names it, its parties first)."""
    kind = "rivalry" if override.kind == "rivalry" else "no rivalry"
    first, second = (a, b) if a in override.parties else (b, a)
    return Use(
        table,
        years=override.first_year,
        override=override.source,
        tie_kind=f"{kind} {first}-{second}",
    )


def rivalry_overrides_note(ctx: MeasureContext) -> str:
    """The part of a measure's note on the profile's rivalry overrides ("" without any)."""
    listed = len(ctx.overrides.rivalries)
    if not listed:
        return ""
    active = sum(o.active(ctx.year) for o in ctx.overrides.rivalries)
    return f"; rivalry overrides applied ({active} of the profile's {listed} in force)"


def rivalries(ctx: MeasureContext, table: str) -> Rivalries:
    """The rivalries of ``table`` in force at ``ctx.year``, the profile's rivalry overrides
    applied: an override in force replaces the table's reading of every pair it names (adds
    the pair, or with ``kind = "none"`` removes it). A table that is stale at the year, or
    does not reach it, stays so and no override applies: the measures make its values missing
    (an override corrects a reading of the data, it does not replace a source gone stale)."""
    spells = ctx.data.spell_pairs(table, ctx.year)
    overridden = ctx.overrides.rivalries_in_force(ctx.year)
    if not overridden or spells.stale or spells.year_used is None:
        return Rivalries(spells)
    pairs = spells.pairs
    keys = [frozenset(p) for p in zip(pairs["state"], pairs["other"], strict=True)]
    kept = pairs[np.array([key not in overridden for key in keys], dtype=bool)]
    added = [tuple(sorted(key)) for key, o in overridden.items() if o.kind == "rivalry"]
    extra = both_ways(pd.DataFrame(added, columns=["iso_a", "iso_b"]))
    merged = pd.concat([kept[["state", "other"]], extra], ignore_index=True)
    return Rivalries(replace(spells, pairs=merged), overridden, frozenset(keys))


def unique(codes: Iterable[str]) -> list[str]:
    """``codes`` in order with repeats removed."""
    return list(dict.fromkeys(codes))


def finish(
    index: Sequence[str],
    values: np.ndarray | pd.Series,
    provenance: pd.Series | Sequence[Provenance | Use] | Provenance | Use,
    stale: np.ndarray | pd.Series | bool,
    note: str,
) -> MeasureResult:
    """A :class:`MeasureResult` over ``index`` (values as float, one record per candidate or
    one shared by all, stale as bool)."""
    idx = pd.Index(list(index), name="iso3")
    if isinstance(values, pd.Series):
        values = values.reindex(idx).to_numpy(dtype=np.float64, na_value=np.nan)
    if isinstance(provenance, Use):
        provenance = Provenance((provenance,))
    if isinstance(provenance, Provenance):
        records = [provenance] * len(idx)
    else:
        given = provenance.reindex(idx) if isinstance(provenance, pd.Series) else provenance
        wrapped: dict[int, Provenance] = {}  # a use shared by many candidates: one record
        records = [
            wrapped.setdefault(id(r), Provenance((r,))) if isinstance(r, Use) else r for r in given
        ]
    if isinstance(stale, pd.Series):
        stale = stale.reindex(idx).fillna(False).to_numpy(dtype=bool)
    return MeasureResult(
        pd.Series(np.asarray(values, dtype=np.float64), index=idx),
        pd.Series(records, index=idx, dtype=object),
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


# ----------------------------------------------------------------------------- provenance
def spell_use(spells: SpellPairs) -> Use:
    """The record of a spell table's pairs in force (year used, carried forward, stale)."""
    if spells.year_used is None:
        first = TABLES[spells.table].first_year
        return Use(spells.table, reason=f"before {first}")
    return Use(
        spells.table,
        years=spells.year_used,
        stale=spells.stale,
        carried_forward=spells.carried_forward,
    )


def capitals_use(year: int) -> Use:
    """The capitals at ``year``: the data layer's spell rule (the last year's capitals
    carried forward past the table's end)."""
    used, carried, _ = spell_year(year, None, TABLES["capitals"].last_year, None)
    return Use("capitals", years=used, carried_forward=carried)


def window_use(window: EventWindow) -> Use:
    """The record of an event window: the years the table covered, or why none."""
    if window.covered is None:
        return Use(window.table, reason=f"window {window.first}-{window.last} not covered")
    return Use(window.table, years=window.covered, stale=window.stale)


def window_note(window: EventWindow) -> str:
    """``"window 2009-2018 (10 years ending at 2018); mid_cow covers 2009-2014 (6 of 10)"``."""
    years = window.years
    text = f"window {window.first}-{window.last} ({years} years ending at {window.last})"
    if window.covered is None:
        return f"{text}; {window.table} covers none of it"
    n = window.covered[1] - window.covered[0] + 1
    text += f"; {window.table} covers {window.covered[0]}-{window.covered[1]} ({n} of {years})"
    return text + ", stale" if window.stale else text


# ----------------------------------------------------------------------------- data
def capital_distances(
    ctx: MeasureContext, rows: Sequence[str], columns: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Great-circle km between the capitals of ``rows`` and ``columns`` at ``ctx.year``:
    one capitals lookup for both lists, then the data layer's
    :func:`~alliancescore.data.lookups.capital_distances` (km, row has no capital, column
    has no capital)."""
    capitals = ctx.data.capitals(unique([*rows, *columns]), ctx.year)
    return _distances(capitals, rows, columns)


def check_codes(ctx: MeasureContext, codes: Sequence[str]) -> None:
    """The data layer's check of ISO3 codes (its did-you-mean error for unknown ones)."""
    ctx.data.crosswalk.check_iso3(unique(codes), "nations")
