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
   sum, mean, min, max), and its members that are threat actors too for the indicators whose
   measures count them (``Layout.with_threats``); a partner with a missing value makes the
   coalition's value missing (no silent partial sums);
2. **policies** on the alternatives' raw values: ``error`` stops (one problem per indicator,
   worded by the caller), ``exclude`` drops the alternative (the first such indicator is
   recorded), ``worst`` and ``neutral`` wait for step 4;
3. **value functions** map the kept alternatives' raw values onto [0, 1], over all of them at
   once (a linear function's default bounds are their min and max). Categories cannot be
   averaged: for a categorical value function a coalition's value is the aggregation of its
   partners' *values*, not the value of its aggregated raw category;
4. **fills**: a value still missing becomes 0 (``worst``) or :data:`NEUTRAL_VALUE`
   (``neutral``), and is flagged.

Shapes: ``states`` (s, m) raw values of the measured states (NaN = missing); ``n``
alternatives, ``k`` of them kept; ``m`` indicators in the criteria file's order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.measures import AGGREGATIONS

__all__ = ["NEUTRAL_VALUE", "Layout", "Pipeline", "Rule", "run_pipeline"]

NEUTRAL_VALUE = 0.5  # the value the "neutral" missing-data policy gives: no information


@dataclass(frozen=True)
class Rule:
    """What the pipeline needs of one indicator: its value function (``(n,) -> (n,)``, NaN
    kept), whether it is categorical, and its missing-data policy (``error``, ``exclude``,
    ``worst`` or ``neutral``)."""

    value_function: Callable[[np.ndarray], np.ndarray]
    categorical: bool
    missing: str


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
    """

    rows: np.ndarray
    members: tuple[np.ndarray, ...]
    aggregations: tuple[tuple[str, ...], ...]
    threat_members: tuple[np.ndarray, ...] = ()
    with_threats: tuple[bool, ...] = ()

    def aggregated(self, i: int, j: int) -> np.ndarray:
        """The rows of ``states`` coalition ``i`` aggregates for indicator ``j``."""
        if self.with_threats and self.with_threats[j] and self.threat_members:
            extra = self.threat_members[i]
            if extra.size:
                return np.concatenate([self.members[i], extra])
        return self.members[i]

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
        )


@dataclass(frozen=True)
class Pipeline:
    """The pipeline's output.

    raw : (n, m) the alternatives' raw values (coalitions aggregated; NaN = missing).
    kept : (n,) bool, the alternatives no ``exclude`` policy dropped.
    excluded_by : (n,) int, the first indicator that excluded each alternative (-1 if kept).
    values : (k, m) values in [0, 1] of the kept alternatives, policies' fills included.
    filled : (k, m) bool, True where a ``worst`` or ``neutral`` policy filled the value.
    """

    raw: np.ndarray
    kept: np.ndarray
    excluded_by: np.ndarray
    values: np.ndarray
    filled: np.ndarray


def _aggregate(values: np.ndarray, how: str) -> float:
    return np.nan if np.isnan(values).any() else AGGREGATIONS[how](values)


def _alternatives(states: np.ndarray, layout: Layout) -> np.ndarray:
    """Step 1: (n, m) raw values of the alternatives."""
    n, m = len(layout.rows), states.shape[1]
    raw = np.full((n, m), np.nan)
    single = layout.rows >= 0
    raw[single] = states[layout.rows[single]]
    for i in np.flatnonzero(~single):
        aggregations = layout.aggregations[i]
        for j in range(m):
            raw[i, j] = _aggregate(states[layout.aggregated(i, j), j], aggregations[j])
    return raw


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


def _column(j: int, rule: Rule, states: np.ndarray, raw: np.ndarray, layout: Layout) -> np.ndarray:
    """Step 3 for one indicator over the kept alternatives (``raw`` and ``layout`` kept)."""
    if not rule.categorical:
        return rule.value_function(raw[:, j].copy())
    out = np.full(len(layout.rows), np.nan)
    single = layout.rows >= 0
    out[single] = rule.value_function(raw[single, j])
    for i in np.flatnonzero(~single):
        member_values = rule.value_function(states[layout.aggregated(i, j), j])
        out[i] = _aggregate(member_values, layout.aggregations[i][j])
    return out


def run_pipeline(
    states: np.ndarray,
    layout: Layout,
    rules: Sequence[Rule],
    problem: Callable[[int, np.ndarray], Problem] | None = None,
) -> Pipeline:
    """Raw values of the measured states to the kept alternatives' values (module docstring).

    ``problem(j, missing)`` words the error of an ``error`` indicator ``j`` missing for the
    alternatives ``missing`` ((n,) bool); it may raise instead (to stop at the first one).
    Value functions' own errors (a category not in the map) propagate.
    """
    states = np.asarray(states, dtype=np.float64)
    raw = _alternatives(states, layout)
    excluded_by = _policies(raw, rules, problem)
    kept = excluded_by < 0
    kept_raw, kept_layout = raw[kept], layout.subset(kept)
    values = np.empty((int(kept.sum()), len(rules)))
    filled = np.zeros(values.shape, dtype=bool)
    for j, rule in enumerate(rules):
        column = _column(j, rule, states, kept_raw, kept_layout)
        gap = np.isnan(column)
        column[gap] = 0.0 if rule.missing == "worst" else NEUTRAL_VALUE
        values[:, j] = column
        filled[:, j] = gap
    return Pipeline(raw, kept, excluded_by, values, filled)
