"""One array pipeline from measured values to the value matrix.

raw values of the measured states -> alternatives' raw values (a coalition aggregates its
members) -> missing-data policies -> value functions -> fills, as one function over arrays,
:func:`run_pipeline`. It is used by :func:`alliancescore.analysis.matrix.build_matrix` (one
profile), by the backtest panel (:mod:`alliancescore.backtest.panel`, every focal state of a
year, no coalitions) and by the data-uncertainty draws of
:mod:`alliancescore.analysis.robustness` (perturbed raw values, the nominal alternatives), so
the three cannot drift apart.

The steps, in this order:

1. **aggregate**: a state alternative takes its row of the states' raw values; a coalition
   aggregates its partners' values per indicator (:data:`alliancescore.measures.AGGREGATIONS`:
   sum, mean, min, max; for the indicators whose measures count them, ``Layout.with_threats``,
   its members that are threat actors too; for those whose measures set a ``threat_floor``,
   a coalition holding a threat actor takes that floor instead) over **the partners with a
   value**, and the output
   names the ones left out (:attr:`Pipeline.without_data`). Two exceptions: with no partner's
   value the coalition's value is missing; and a **weakest link** (:func:`weakest_link`: the
   aggregation that takes the worst member, ``min`` of a benefit or ``max`` of a cost) with
   any partner missing is missing, never the worst of the others, which could be better
   than the truth. A best link (``max`` of a benefit, ``min`` of a cost: the nearest
   member's distance) over fewer members can only be worse, and is kept. Partners without
   armed forces of their own are left out of the indicators read from arms transfers
   (``Layout.unarmed``): they order no major arms, so they have no share to count;
2. **policies** on the alternatives' raw values: ``error`` stops (one problem per indicator,
   worded by the caller), ``exclude`` drops the alternative (the first such indicator is
   recorded), ``worst``, ``neutral`` and ``neutral_if_absent`` wait for step 4;
3. **value functions** map the kept alternatives' raw values onto [0, 1], over all of them at
   once (a linear function's default bounds are their min and max). Categories cannot be
   averaged: for a categorical value function a coalition's value is the aggregation of its
   partners' *values*, not the value of its aggregated raw category (over the same partners
   as in step 1);
4. **fills**: a value still missing becomes 0 (``worst``) or :data:`NEUTRAL_VALUE`
   (``neutral``); ``neutral_if_absent`` gives the neutral value where the data are
   structurally absent (``absent``: the state is outside the source's universe, such as
   Taiwan in the UN votes; a coalition only when every partner is) and 0 otherwise. A
   weakest-link coalition missing because some partners lack data while others have it gets
   0 whatever the policy: its weakest link is unknown, and any other fill could be better
   than it. Every fill is flagged, and :attr:`Pipeline.fills` says which.

Shapes: ``states`` (s, m) raw values of the measured states (NaN = missing); ``n``
alternatives, ``k`` of them kept; ``m`` indicators in the criteria file's order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.measures import AGGREGATIONS

__all__ = ["FILLS", "NEUTRAL_VALUE", "Layout", "Pipeline", "Rule", "run_pipeline", "weakest_link"]

NEUTRAL_VALUE = 0.5  # the value the "neutral" missing-data policy gives: no information

# How a missing value was filled (Pipeline.fills), by code.
FILLS = ("", "worst", "neutral", "neutral (absent)", "worst (weakest link)")
_NONE, _WORST, _NEUTRAL, _ABSENT, _WEAKEST = range(len(FILLS))


@dataclass(frozen=True)
class Rule:
    """What the pipeline needs of one indicator: its value function (``(n,) -> (n,)``, NaN
    kept), whether it is categorical, its missing-data policy (a name in
    :data:`alliancescore.model.criteria.MISSING_POLICIES`) and its direction (``benefit`` or
    ``cost``: which coalition aggregation is a weakest link)."""

    value_function: Callable[[np.ndarray], np.ndarray]
    categorical: bool
    missing: str
    direction: str = "benefit"


@dataclass(frozen=True)
class Layout:
    """How the alternatives are formed from the measured states.

    rows : (n,) int, the row of ``states`` of each state alternative, -1 for a coalition.
    members : per alternative, the rows of ``states`` whose values a coalition aggregates
        (its partners; empty for a state).
    aggregations : per alternative, the aggregation name per indicator (empty for a state).
    threat_members : per alternative, the rows of a coalition's members that are threat
        actors of the focal nation (empty, or no entries at all, when there are none);
        aggregated with ``members`` only for the indicators flagged in ``with_threats``.
    with_threats : per indicator, whether a coalition aggregates its threat actors too (the
        measure is registered with ``threat_members``); empty = none does.
    threat_floors : per indicator, the raw value a coalition that holds a threat actor takes
        instead of any aggregation (the measure is registered with ``threat_floor``: the
        scale's worst, since a body that acts by consensus cannot be turned against its own
        member), or None; empty = none has one.
    unarmed : per alternative, the rows of a coalition's partners without armed forces of
        their own (the data set's no_armed_forces table), left out of the indicators flagged
        in ``armed_only`` (measured from arms transfers: such a state orders no major arms,
        so it has no share to count and cannot be a weakest link's unknown); empty = none.
    armed_only : per indicator, whether ``unarmed`` partners are left out; empty = none.
    """

    rows: np.ndarray
    members: tuple[np.ndarray, ...]
    aggregations: tuple[tuple[str, ...], ...]
    threat_members: tuple[np.ndarray, ...] = ()
    with_threats: tuple[bool, ...] = ()
    threat_floors: tuple[float | None, ...] = ()
    unarmed: tuple[np.ndarray, ...] = ()
    armed_only: tuple[bool, ...] = ()

    def floor(self, i: int, j: int) -> float | None:
        """The raw value coalition ``i`` takes on indicator ``j`` because it holds a threat
        actor, or None when it aggregates its partners."""
        if not self.threat_floors or self.threat_floors[j] is None or not self.threat_members:
            return None
        return self.threat_floors[j] if self.threat_members[i].size else None

    def aggregated(self, i: int, j: int) -> np.ndarray:
        """The rows of ``states`` coalition ``i`` aggregates for indicator ``j``."""
        rows = self.members[i]
        if self.armed_only and self.armed_only[j] and self.unarmed and self.unarmed[i].size:
            rows = rows[~np.isin(rows, self.unarmed[i])]
        if self.with_threats and self.with_threats[j] and self.threat_members:
            extra = self.threat_members[i]
            if extra.size:
                return np.concatenate([rows, extra])
        return rows

    @classmethod
    def of_states(cls, n: int) -> Layout:
        """``n`` state alternatives, the rows of ``states`` in order (no coalitions)."""
        return cls(np.arange(n), (np.empty(0, dtype=int),) * n, ((),) * n)

    def subset(self, keep: np.ndarray) -> Layout:
        """The layout of the alternatives ``keep`` (a boolean mask or positions), in order."""
        at = np.arange(len(self.rows))[keep]
        return Layout(
            self.rows[at],
            tuple(self.members[i] for i in at),
            tuple(self.aggregations[i] for i in at),
            tuple(self.threat_members[i] for i in at) if self.threat_members else (),
            self.with_threats,
            self.threat_floors,
            tuple(self.unarmed[i] for i in at) if self.unarmed else (),
            self.armed_only,
        )


@dataclass(frozen=True)
class Pipeline:
    """The pipeline's output.

    raw : (n, m) the alternatives' raw values (coalitions aggregated; NaN = missing).
    kept : (n,) bool, the alternatives no ``exclude`` policy dropped.
    excluded_by : (n,) int, the first indicator that excluded each alternative (-1 if kept).
    values : (k, m) values in [0, 1] of the kept alternatives, policies' fills included.
    filled : (k, m) bool, True where a missing value was filled.
    fills : (k, m) int, how: an index into :data:`FILLS` (0 where nothing was filled).
    without_data : per (alternative, indicator) cell of a coalition with partners lacking a
        value (alternative positions among all ``n``), those partners' rows of ``states``:
        left out of the aggregation, or (a ``min``, or no partner with data) why it is
        missing.
    """

    raw: np.ndarray
    kept: np.ndarray
    excluded_by: np.ndarray
    values: np.ndarray
    filled: np.ndarray
    fills: np.ndarray
    without_data: Mapping[tuple[int, int], np.ndarray]


def weakest_link(how: str, rule: Rule) -> bool:
    """Whether aggregation ``how`` takes a coalition's worst member for ``rule``'s indicator:
    ``min`` of a benefit, ``max`` of a cost (for a categorical indicator the members'
    values are aggregated, higher is better: ``min``)."""
    if rule.categorical or rule.direction == "benefit":
        return how == "min"
    return how == "max"


def _aggregate(values: np.ndarray, how: str, weakest: bool) -> float:
    """A coalition's value over its partners with a value (module docstring, step 1)."""
    have = ~np.isnan(values)
    if not have.any() or (weakest and not have.all()):
        return np.nan
    return AGGREGATIONS[how](values[have])


def _weakest(layout: Layout, rules: Sequence[Rule]) -> np.ndarray:
    """(n, m) bool: the coalition cells whose aggregation is a weakest link."""
    out = np.zeros((len(layout.rows), len(rules)), dtype=bool)
    for i in np.flatnonzero(layout.rows < 0):
        pairs = zip(layout.aggregations[i], rules, strict=True)
        out[i] = [weakest_link(how, rule) for how, rule in pairs]
    return out


def _alternatives(
    states: np.ndarray, layout: Layout, weakest: np.ndarray
) -> tuple[np.ndarray, dict[tuple[int, int], np.ndarray]]:
    """Step 1: (n, m) raw values of the alternatives, and the partners without data."""
    n, m = len(layout.rows), states.shape[1]
    raw = np.full((n, m), np.nan)
    single = layout.rows >= 0
    raw[single] = states[layout.rows[single]]
    gaps: dict[tuple[int, int], np.ndarray] = {}
    for i in np.flatnonzero(~single):
        aggregations = layout.aggregations[i]
        for j in range(m):
            floor = layout.floor(i, j)
            if floor is not None:
                raw[i, j] = floor
                continue
            rows = layout.aggregated(i, j)
            column = states[rows, j]
            raw[i, j] = _aggregate(column, aggregations[j], weakest[i, j])
            if np.isnan(column).any():
                gaps[(int(i), j)] = rows[np.isnan(column)]
    return raw, gaps


def _absent(absent: np.ndarray | None, states: np.ndarray, layout: Layout) -> np.ndarray:
    """(n, m) bool: an alternative's data are structurally absent (a coalition: every
    partner's)."""
    n, m = len(layout.rows), states.shape[1]
    out = np.zeros((n, m), dtype=bool)
    if absent is None:
        return out
    single = layout.rows >= 0
    out[single] = absent[layout.rows[single]]
    for i in np.flatnonzero(~single):
        for j in range(m):
            rows = layout.aggregated(i, j)
            if len(rows) and layout.floor(i, j) is None:
                out[i, j] = bool((np.isnan(states[rows, j]) & absent[rows, j]).all())
    return out


def _partial_weakest(weakest: np.ndarray, states: np.ndarray, layout: Layout) -> np.ndarray:
    """(n, m) bool: weakest-link coalition cells missing while some partners have a value."""
    out = np.zeros(weakest.shape, dtype=bool)
    for i in np.flatnonzero(layout.rows < 0):
        for j in range(weakest.shape[1]):
            have = ~np.isnan(states[layout.aggregated(i, j), j])
            floored = layout.floor(i, j) is not None
            out[i, j] = weakest[i, j] and have.any() and not have.all() and not floored
    return out


def _policies(
    raw: np.ndarray,
    rules: Sequence[Rule],
    problem: Callable[[int, np.ndarray], Problem] | None,
) -> np.ndarray:
    """Step 2: the first ``exclude`` indicator missing per alternative (-1 if none); an
    ``error`` indicator with a missing value stops with ``problem(j, missing)``."""
    missing = np.isnan(raw)
    excluded_by = np.full(raw.shape[0], -1)
    problems = []
    for j, rule in enumerate(rules):
        if not missing[:, j].any():
            continue
        if rule.missing == "error":
            problems.append(
                problem(j, missing[:, j])
                if problem is not None
                else Problem(f"indicator {j}", "a value for every alternative", "missing values")
            )
        elif rule.missing == "exclude":
            excluded_by[(excluded_by < 0) & missing[:, j]] = j
    if problems:
        raise AllianceScoreError(problems)
    return excluded_by


def _column(
    j: int, rule: Rule, states: np.ndarray, raw: np.ndarray, layout: Layout, weakest: np.ndarray
) -> np.ndarray:
    """Step 3 for one indicator over the kept alternatives (``raw`` and ``layout`` kept)."""
    if not rule.categorical:
        return rule.value_function(raw[:, j].copy())
    out = np.full(len(layout.rows), np.nan)
    single = layout.rows >= 0
    out[single] = rule.value_function(raw[single, j])
    for i in np.flatnonzero(~single):
        floor = layout.floor(i, j)
        if floor is not None:
            out[i] = rule.value_function(np.array([floor]))[0]
            continue
        member_values = rule.value_function(states[layout.aggregated(i, j), j])
        out[i] = _aggregate(member_values, layout.aggregations[i][j], weakest[i])
    return out


def _fill_codes(rule: Rule, gap: np.ndarray, absent: np.ndarray, weakest: np.ndarray):
    """Step 4 for one indicator: the fill code of each kept alternative (0 where no gap)."""
    if rule.missing == "neutral":
        codes = np.full(gap.shape, _NEUTRAL)
    elif rule.missing == "neutral_if_absent":
        codes = np.where(absent, _ABSENT, _WORST)
    else:
        codes = np.full(gap.shape, _WORST)
    codes = np.where(weakest, _WEAKEST, codes)
    return np.where(gap, codes, _NONE)


def run_pipeline(
    states: np.ndarray,
    layout: Layout,
    rules: Sequence[Rule],
    problem: Callable[[int, np.ndarray], Problem] | None = None,
    absent: np.ndarray | None = None,
) -> Pipeline:
    """Raw values of the measured states to the kept alternatives' values (module docstring).

    ``problem(j, missing)`` words the error of an ``error`` indicator ``j`` missing for the
    alternatives ``missing`` ((n,) bool); it may raise instead (to stop at the first one).
    ``absent`` ((s, m) bool, optional) marks the states' values that are structurally absent
    (for ``neutral_if_absent``; without it, none are). Value functions' own errors (a
    category not in the map) propagate.
    """
    states = np.asarray(states, dtype=np.float64)
    weakest = _weakest(layout, rules)
    raw, without_data = _alternatives(states, layout, weakest)
    excluded_by = _policies(raw, rules, problem)
    kept = excluded_by < 0
    kept_raw, kept_layout = raw[kept], layout.subset(kept)
    kept_absent = _absent(absent, states, layout)[kept]
    kept_partial = _partial_weakest(weakest, states, layout)[kept]
    kept_weakest = weakest[kept]
    values = np.empty((int(kept.sum()), len(rules)))
    fills = np.zeros(values.shape, dtype=int)
    for j, rule in enumerate(rules):
        column = _column(j, rule, states, kept_raw, kept_layout, kept_weakest[:, j])
        gap = np.isnan(column)
        fills[:, j] = _fill_codes(rule, gap, kept_absent[:, j], kept_partial[:, j])
        neutral = np.isin(fills[:, j], (_NEUTRAL, _ABSENT))
        column[gap] = np.where(neutral[gap], NEUTRAL_VALUE, 0.0)
        values[:, j] = column
    return Pipeline(raw, kept, excluded_by, values, fills > 0, fills, without_data)
