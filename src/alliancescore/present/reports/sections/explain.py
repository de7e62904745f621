"""The explain appendix: each method's intermediate tables, rows and columns labelled from
the axes the method declares (:mod:`alliancescore.mcda.tables`), never guessed from array
shapes (``templates/_explain.html.j2``).

Tables sort by their axes: scalars; one table of every per-alternative column and one of
every per-indicator column (a criteria x named-axis table gives one column per label);
alternatives x indicators and alternatives x alternatives matrices (the first
``limits.explain_rows`` / ``limits.pairwise`` alternatives by the primary ranking); anything
else is listed by name and shape only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alliancescore import mcda
from alliancescore.analysis.result import Result

from .shared import Limits, column, finite, labels, order, table

__all__ = ["explain"]


@dataclass
class _Explained:
    """One method's tables, sorted by axes as they are read."""

    scalars: list[dict[str, Any]] = field(default_factory=list)
    per_alt: list[tuple[dict[str, str], np.ndarray]] = field(default_factory=list)
    per_ind: list[tuple[dict[str, str], np.ndarray]] = field(default_factory=list)
    matrices: list[dict[str, Any]] = field(default_factory=list)
    other: list[tuple[str, np.ndarray]] = field(default_factory=list)


@dataclass(frozen=True)
class _Axes:
    """The labels and orders of a result's axes, shared by every table of every method."""

    labels: dict[str, str]  # alternative id -> label
    alts: list[str]  # the matrix's row order (a table's alternative axis)
    position: dict[str, int]  # alternative id -> row
    leaves: list[str]  # the matrix's column order (a table's criteria axis)
    ind_label: dict[str, str]  # indicator id -> label
    order: list[str]  # best first by the primary method

    @classmethod
    def of(cls, result: Result) -> _Axes:
        alts = [str(a) for a in result.matrix.values.index]
        return cls(
            labels=labels(result),
            alts=alts,
            position={a: i for i, a in enumerate(alts)},
            leaves=list(result.weights.leaves),
            ind_label={i.id: i.label for i in result.criteria.indicators},
            order=order(result),
        )


def _matrix(spec: Any, rows_table: dict[str, Any], shown: int, total: int) -> dict[str, Any]:
    return {
        "name": spec.name,
        "caption": spec.caption,
        "table": rows_table,
        "shown": shown,
        "total": total,
    }


def _alternatives_by_criteria(ax: _Axes, spec: Any, array: np.ndarray, rows: int) -> dict:
    shown = ax.order[:rows]
    columns = [column("alternative"), *[column(ax.ind_label[j], "raw") for j in ax.leaves]]
    body = [[ax.labels[a], *[finite(x) for x in array[ax.position[a]]]] for a in shown]
    return _matrix(spec, table(columns, body), len(shown), len(ax.alts))


def _pairwise(ax: _Axes, spec: Any, array: np.ndarray, rows: int) -> dict:
    few = ax.order[:rows]
    idx = [ax.position[a] for a in few]
    columns = [column("row \\ column"), *[column(ax.labels[a], "raw") for a in few]]
    body = [[ax.labels[a], *array[ax.position[a], idx]] for a in few]
    return _matrix(spec, table(columns, body), len(few), len(ax.alts))


def _sort(out: _Explained, ax: _Axes, name: str, array: np.ndarray, spec: Any, limits: Limits):
    """File one table under its kind, by its declared axes (the result holds tables for one
    weight vector, so no axis is the samples')."""
    axes = spec.axes
    if axes == ():
        out.scalars.append({"name": name, "value": finite(array.item()), "caption": spec.caption})
    elif axes == (mcda.ALTERNATIVES,):
        out.per_alt.append((column(name, "raw", spec.caption), array))
    elif axes == (mcda.CRITERIA,):
        out.per_ind.append((column(name, "raw", spec.caption), array))
    elif axes[0] == mcda.CRITERIA and len(axes) == 2 and isinstance(axes[1], mcda.Axis):
        out.per_ind += [
            (column(f"{name} ({label})", "raw", spec.caption), array[:, i])
            for i, label in enumerate(axes[1].labels)
        ]
    elif axes == (mcda.ALTERNATIVES, mcda.CRITERIA):
        out.matrices.append(_alternatives_by_criteria(ax, spec, array, limits.explain_rows))
    elif axes == (mcda.ALTERNATIVES, mcda.ALTERNATIVES):
        out.matrices.append(_pairwise(ax, spec, array, limits.pairwise))
    else:
        out.other.append((name, array))


def _columns(
    axis: str, columns: list[tuple[dict[str, str], np.ndarray]], rows: list[tuple[str, int]]
) -> dict[str, Any] | None:
    """One table of the one-axis tables that share ``axis``: a row per (label, position)."""
    if not columns:
        return None
    return table(
        [column(axis), *[c for c, _ in columns]],
        [[label, *[values[i] for _, values in columns]] for label, i in rows],
    )


def explain(result: Result, limits: Limits) -> list[dict[str, Any]]:
    """Per method run: its parameters, direction and intermediate tables, labelled."""
    ax = _Axes.of(result)
    out = []
    for method, tables in result.tables.items():
        declared = mcda.METHODS[method].tables
        found = _Explained()
        for name, value in tables.items():
            _sort(found, ax, name, np.asarray(value), declared[name], limits)
        out.append(
            {
                "method": method,
                "params": {str(k): finite(v) for k, v in dict(result.methods[method]).items()},
                "higher_is_better": bool(result.higher_is_better[method]),
                "scalars": found.scalars,
                "per_alternative": _columns(
                    "alternative", found.per_alt, [(ax.labels[a], ax.position[a]) for a in ax.order]
                ),
                "per_indicator": _columns(
                    "indicator",
                    found.per_ind,
                    [(ax.ind_label[j], i) for i, j in enumerate(ax.leaves)],
                ),
                "matrices": found.matrices,
                "unlabelled": [{"name": n, "shape": list(a.shape)} for n, a in found.other],
            }
        )
    return out
