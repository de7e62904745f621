"""Stability intervals of a scored profile as typed records, with a DataFrame view.

For each group of weights (a top-level criterion, its leaves moving together, or a single
indicator) and each property of the ranking (the top choice, the top ``k`` in order, the whole
ranking), a :class:`~alliancescore.sensitivity.stability.PropertyInterval` says over which range
of the group's total weight the property holds (others rescaled in proportion) and the
smallest change that breaks it. Consumers (text tables, the HTML report, the demo) read these
records; :meth:`StabilityTable.frame` is the flat view for notebooks and text output.

:func:`criterion_groups` gives the groups the analysis sweeps (each top-level criterion's
leaves, then each leaf); :func:`top_choice_stability` is the long table a study keeps: the top
choice's interval for each top-level criterion and score method.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from alliancescore import sensitivity as sa
from alliancescore.analysis.result import Result
from alliancescore.sensitivity import PropertyInterval, StabilityResult

__all__ = [
    "STABILITY_COLUMNS",
    "GroupStability",
    "StabilityTable",
    "criterion_groups",
    "stability_table",
    "top_choice_stability",
]

STABILITY_COLUMNS = (
    "method",
    "criterion",
    "t0",
    "top1_low",
    "top1_high",
    "top1_change",
    "top1_relative_change",
    "most_critical",
    "exact",
)
"""The columns of :func:`top_choice_stability`, in order (a study adds ``focal`` and ``year``
in front)."""


@dataclass(frozen=True)
class GroupStability:
    """How far one group's weight can move before the ranking changes.

    group : the criterion or indicator id. level : ``"criterion"`` (a top-level criterion, its
    leaves keeping their shares) or ``"indicator"``. weight : the group's total weight in the
    profile (``t0``). top1, topk, full : one :class:`PropertyInterval` per property.
    """

    group: str
    level: str
    weight: float
    top1: PropertyInterval
    topk: PropertyInterval
    full: PropertyInterval

    @property
    def properties(self) -> tuple[PropertyInterval, PropertyInterval, PropertyInterval]:
        return (self.top1, self.topk, self.full)


@dataclass(frozen=True)
class StabilityTable:
    """The stability intervals of one method, one :class:`GroupStability` per group.

    k : the size of the top set of ``topk``. exact : True when the crossings are closed-form
    (methods linear in the weights), else found numerically to ``tol``.
    """

    method: str
    k: int
    exact: bool
    tol: float
    groups: tuple[GroupStability, ...]

    def __iter__(self) -> Iterator[GroupStability]:
        return iter(self.groups)

    def __len__(self) -> int:
        return len(self.groups)

    def __contains__(self, group: object) -> bool:
        return any(g.group == group for g in self.groups)

    def __getitem__(self, group: str) -> GroupStability:
        for found in self.groups:
            if found.group == group:
                return found
        raise KeyError(group)

    def at_level(self, level: str) -> tuple[GroupStability, ...]:
        """The groups of one level (``"criterion"`` or ``"indicator"``), in order."""
        return tuple(g for g in self.groups if g.level == level)

    @property
    def most_critical(self) -> GroupStability | None:
        """The group whose smallest weight change flips the top choice (absolute change);
        None when no single weight change does.

        Ties go to the group numpy's default sort puts first among the finite changes, as
        the flat table's ``sort_values`` did, so reports name the same group as before.
        """
        finite = [g for g in self.groups if np.isfinite(g.top1.change)]
        if not finite:
            return None
        changes = np.array([g.top1.change for g in finite])
        return finite[int(np.argsort(changes, kind="quicksort")[0])]

    def frame(self, level: str | None = None) -> pd.DataFrame:
        """The records as one flat table, groups down: ``level``, ``weight``, ``top1 low``,
        ``top1 high``, ``top<k> low``, ``top<k> high``, ``full low``, ``full high``,
        ``top1 change``, ``top1 relative change``; only the groups of ``level`` if given
        (then without the ``level`` column)."""
        rows = [
            {
                "group": g.group,
                "level": g.level,
                "weight": g.weight,
                "top1 low": g.top1.low,
                "top1 high": g.top1.high,
                f"top{self.k} low": g.topk.low,
                f"top{self.k} high": g.topk.high,
                "full low": g.full.low,
                "full high": g.full.high,
                "top1 change": g.top1.change,
                "top1 relative change": g.top1.relative_change,
            }
            for g in self.groups
        ]
        table = pd.DataFrame(rows).set_index("group")
        if level is not None:
            table = table[table["level"] == level].drop(columns="level")
        return table

    def _repr_html_(self) -> str:
        return self.frame()._repr_html_()  # type: ignore[operator]


def stability_table(
    found: StabilityResult, names: Sequence[str], levels: Sequence[str]
) -> StabilityTable:
    """Typed records from the kernel's intervals: group ``i`` is ``names[i]`` at
    ``levels[i]``."""
    groups = tuple(
        GroupStability(
            group=name,
            level=level,
            weight=float(interval.t0),
            top1=interval.interval("top1"),
            topk=interval.interval("topk"),
            full=interval.interval("full"),
        )
        for name, level, interval in zip(names, levels, found.intervals, strict=True)
    )
    return StabilityTable(found.method, found.k, found.exact, float(found.tol), groups)


def criterion_groups(result: Result, *, indicators: bool = True) -> dict[str, list[int]]:
    """The groups of weights the sensitivity analysis moves, by id: each top-level criterion
    (the positions of its leaves in ``result.weights.leaves``, moving together and keeping
    their shares), then, with ``indicators``, each leaf alone."""
    leaves = list(result.weights.leaves)
    paths = result.criteria.paths()
    groups = {
        c.id: [j for j, leaf in enumerate(leaves) if paths[leaf][0] == c.id]
        for c in result.criteria.criteria
    }
    if indicators:
        groups.update({leaf: [j] for j, leaf in enumerate(leaves)})
    return groups


def top_choice_stability(result: Result, *, k: int, methods=None) -> pd.DataFrame:
    """The stability of the top choice for each top-level criterion of ``result`` and each of
    its score ``methods`` (default all), one row each, columns :data:`STABILITY_COLUMNS`:

    - ``t0``: the criterion's weight in the profile (its leaves' total); ``top1_low``,
      ``top1_high``: the range of that weight, the others rescaled in proportion, over which
      the top choice stays the same; ``top1_change``: the smallest ``|t - t0|`` that changes
      it and ``top1_relative_change`` that over ``t0``, both ``inf`` where nothing on the path
      does (:func:`alliancescore.sensitivity.stability_intervals`);
    - ``most_critical``: True on the criterion with the smallest finite ``top1_change`` of the
      method (the one :attr:`StabilityTable.most_critical` names), all False if none;
    - ``exact``: True for methods linear in the weights (closed-form crossings), False where
      the crossings are found numerically (to the kernel's tolerance, 1e-9).

    Only the top choice's intervals are computed (``properties=("top1",)``); ``k`` is passed
    on as the profile's analysis sets it (it matters to the top-``k`` intervals only). A
    criterion that holds every weight (a model with one top-level criterion) has no path
    (no other weights to rescale) and no rows.
    """
    n_leaves = len(result.weights.leaves)
    groups = {
        c: members
        for c, members in criterion_groups(result, indicators=False).items()
        if len(members) < n_leaves
    }
    V = result.matrix.values[list(result.weights.leaves)].to_numpy(dtype=float)
    w0 = result.weights.leaf_weights
    rows = []
    chosen = list(methods or result.methods) if groups else []
    for method in chosen:
        found = sa.stability_intervals(
            method,
            V,
            w0,
            None,
            groups=list(groups.values()),
            k=k,
            params=dict(result.methods[method]),
            properties=("top1",),
        )
        table = stability_table(found, list(groups), ["criterion"] * len(groups))
        critical = table.most_critical
        for group in table:
            rows.append(
                {
                    "method": method,
                    "criterion": group.group,
                    "t0": group.weight,
                    "top1_low": group.top1.low,
                    "top1_high": group.top1.high,
                    "top1_change": group.top1.change,
                    "top1_relative_change": group.top1.relative_change,
                    "most_critical": critical is not None and group.group == critical.group,
                    "exact": table.exact,
                }
            )
    frame = pd.DataFrame(rows, columns=list(STABILITY_COLUMNS))
    return frame.astype({"most_critical": bool, "exact": bool})
