"""The comparison's weights section: the weights each analysis applied, top-level criteria
(table) and every indicator's global weight (table and chart), over the union of the
analyses' criteria trees (the "weights" section of ``templates/compare.html.j2``).

The applied weights are what the scoring used: a profile's ``[weights]`` sets the top-level
weights, so two criteria files compared under one profile have the same top-level weights
whatever the files say; they differ below, in the indicators' global weights, which is what
the chart shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from alliancescore.analysis.result import Result
from alliancescore.model.criteria_diff import WEIGHT_TOLERANCE

from .. import charts
from .shared import column, table

__all__ = ["weights_section"]


def weights_section(results: Sequence[Result], names: Sequence[str]) -> dict[str, Any]:
    """The weights each analysis applied: top-level criteria (table) and every indicator's
    global weight (table and chart), over the union of the analyses' trees (``None`` where an
    analysis has no such node)."""
    top: dict[str, str] = {}
    indicators: dict[str, dict[str, Any]] = {}
    for r in results:
        for criterion in r.criteria.criteria:
            top.setdefault(criterion.id, criterion.label)
        paths = r.criteria.paths()
        for ind in r.criteria.indicators:
            entry = indicators.setdefault(ind.id, {"label": ind.label, "under": []})
            under = r.criteria.nodes[paths[ind.id][0]].label
            if under not in entry["under"]:
                entry["under"].append(under)
    top_weights = np.array(
        [[float(r.weights.global_.get(c, np.nan)) for c in top] for r in results]
    )
    leaf_weights = np.array(
        [
            [float(r.weights.global_[i]) if i in r.criteria.nodes else np.nan for i in indicators]
            for r in results
        ]
    )
    weight_columns = [column(s, "weight") for s in names]
    return {
        "top": table(
            [column("criterion"), *weight_columns],
            [[top[c], *top_weights[:, k].tolist()] for k, c in enumerate(top)],
        ),
        "indicators": table(
            [column("indicator"), column("criterion"), *weight_columns],
            [
                [e["label"], " / ".join(e["under"]), *leaf_weights[:, k].tolist()]
                for k, e in enumerate(indicators.values())
            ],
        ),
        "chart": charts.grouped_hbars(
            [e["label"] for e in indicators.values()],
            list(names),
            leaf_weights,
            "Global weight of each indicator in each analysis",
        ),
        "top_differ": not np.allclose(
            top_weights, top_weights[0], rtol=0.0, atol=WEIGHT_TOLERANCE, equal_nan=True
        ),
    }
