"""What the section builders share: the report's limits, its one table shape, and the few
readings of a :class:`Result` every section needs (labels, top-level criteria, order).

Tables for the templates share one shape, ``{"columns": [{"name", "kind", "title"}],
"rows": [[value, ...], ...]}``, where ``kind`` tells the template how to format a cell
(``templates/_macros.html.j2``): ``text``, ``score`` (fixed decimals), ``fixed``, ``weight``,
``share`` (percentage), ``rank``, ``int`` or ``raw`` (a value in its own units). Cells hold raw
numbers; NaN and infinities become ``None`` (read "n/a").
"""

from __future__ import annotations

import math
import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from alliancescore.analysis.result import Result

__all__ = [
    "Limits",
    "column",
    "command",
    "finite",
    "labels",
    "nation_name",
    "order",
    "table",
    "top_criteria",
]


@dataclass(frozen=True)
class Limits:
    """How much of a large profile the report shows in full (the rest is summarised)."""

    chart_rows: int = 20  # bars in the contribution and method charts
    heatmap_rows: int = 25  # alternatives (and ranks) in an acceptability heatmap
    sweep_series: int = 6  # alternatives followed in a weight-sweep chart
    leaders: int = 10  # rows of the rank-acceptability table
    explain_rows: int = 60  # alternatives in an explain matrix
    pairwise: int = 15  # alternatives in a pairwise (n x n) explain table
    compare_rows: int = 15  # candidates in the comparison charts and top lists
    apart_rows: int = 10  # placings where one method parts from the others


def finite(value: Any) -> Any:
    """A JSON- and template-friendly scalar (numpy scalars unwrapped; NaN, inf -> None)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def column(name: str, kind: str = "text", title: str = "") -> dict[str, str]:
    """One column of a report table (``kind``: see the module docstring)."""
    return {"name": name, "kind": kind, "title": title}


def table(columns: list[dict], rows: Iterable[Sequence[Any]]) -> dict[str, Any]:
    """A report table: ``columns`` from :func:`column`, each row's cells through
    :func:`finite`."""
    return {"columns": columns, "rows": [[finite(v) for v in row] for row in rows]}


def labels(result: Result) -> dict[str, str]:
    """Alternative id -> label."""
    return {str(k): str(v) for k, v in result.matrix.alternatives["label"].items()}


def top_criteria(result: Result) -> list[dict[str, Any]]:
    """The top-level criteria in the model's order: id, label and applied (global) weight."""
    return [
        {"id": c.id, "label": c.label, "weight": float(result.weights.global_[c.id])}
        for c in result.criteria.criteria
    ]


def order(result: Result, method: str | None = None) -> list[str]:
    """Alternatives best first by ``method``'s ranks (default: the primary), ties by label."""
    method = method or result.primary_method
    names = labels(result)
    frame = pd.DataFrame({"rank": result.ranks[method]})
    frame["label"] = [names[a] for a in frame.index]
    return [str(a) for a in frame.sort_values(["rank", "label"]).index]


def nation_name(data: Any, code: str) -> str:
    """A nation's name from the data set; the code itself without data or for an unknown
    code."""
    if data is None:
        return code
    try:
        return str(data.nation(code).name)
    except Exception:  # an unknown code is shown as given
        return code


def command(record: Mapping[str, Any]) -> str:
    """A reproducibility record's command line as one shell-quoted string."""
    words = record.get("command") or []
    return shlex.join(str(c) for c in words) if not isinstance(words, str) else words
