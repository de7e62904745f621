"""The question section: who asks (focal nation, year, threats, theatre, coalitions), with
which criteria tree and weights, and which methods answer (``templates/_question.html.j2``)."""

from __future__ import annotations

from typing import Any

import numpy as np

from alliancescore.analysis.result import Result
from alliancescore.model.criteria import Criterion

from .shared import finite, nation_name

__all__ = ["question"]


def _tree(result: Result) -> list[dict[str, Any]]:
    """The criteria tree depth first: one row per node with its local and global weight;
    an indicator also with its measure, direction, value function, missing-data policy and
    coalition aggregation."""
    weights = result.weights
    rows: list[dict[str, Any]] = []

    def walk(node: Any, depth: int) -> None:
        row = {
            "id": node.id,
            "label": node.label,
            "rationale": node.rationale,
            "depth": depth,
            "local": float(weights.local[node.id]),
            "global": float(weights.global_[node.id]),
            "kind": "criterion" if isinstance(node, Criterion) else "indicator",
        }
        if not isinstance(node, Criterion):
            row.update(
                measure=node.measure,
                direction=node.direction,
                value_function=result.value_function(node.id).description,
                missing=node.missing,
                aggregation=node.aggregation,
            )
        rows.append(row)
        if isinstance(node, Criterion):
            for child in node.children:
                walk(child, depth + 1)

    for top in result.criteria.criteria:
        walk(top, 0)
    return rows


def question(result: Result, data: Any = None) -> dict[str, Any]:
    """The profile's question as plain data (names of nations from ``data`` when given)."""
    p = result.profile
    weights = result.weights
    return {
        "id": p.id,
        "label": p.label,
        "focal": p.focal,
        "focal_name": nation_name(data, p.focal),
        "year": p.year,
        "notes": p.notes,
        "path": p.path,
        "threats": [
            {
                "actor": t.actor,
                "name": nation_name(data, t.actor),
                "severity": t.severity,
                "note": t.note,
            }
            for t in p.threats
        ],
        "theatre": list(p.theatre),
        "coalitions": [
            {"id": c.id, "label": c.label, "members": list(c.members), "note": c.note}
            for c in p.coalitions
        ],
        "weights_scheme": weights.scheme,
        "weights_diagnostics": {
            str(k): finite(v) for k, v in dict(weights.diagnostics).items() if np.isscalar(v)
        },
        "criteria": {
            "id": result.criteria.id,
            "label": result.criteria.label,
            "version": result.criteria.version,
            "rationale": result.criteria.rationale,
            "path": result.criteria.path,
        },
        "tree": _tree(result),
        "methods": [
            {
                "name": m,
                "higher_is_better": bool(result.higher_is_better[m]),
                "params": {str(k): finite(v) for k, v in dict(params).items()},
            }
            for m, params in result.methods.items()
        ],
    }
