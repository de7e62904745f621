"""The what-if panel's data: what the page's script needs to re-rank in the browser when the
reader moves the top-level weights (``templates/_whatif.html.j2``, ``templates/report.js.j2``).

The page re-ranks with the weighted sum and TOPSIS only (:data:`WHATIF_METHODS`): for each,
the normalised matrix (and TOPSIS's ideal and anti-ideal points) from the result's own tables,
or prepared here when the profile did not run the method. Numbers travel as JSON rounded to 12
significant digits.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from alliancescore import mcda
from alliancescore.analysis.result import Result

from .shared import finite, labels, top_criteria

__all__ = ["WHATIF_METHODS", "whatif_data"]

WHATIF_METHODS = ("weighted_sum", "topsis")


def _rounded(array: np.ndarray) -> list:
    """Numbers for the page's JSON (12 significant digits; non-finite -> null)."""
    return [_rounded(row) if np.ndim(row) else finite(float(f"{float(row):.12g}")) for row in array]


def _method(result: Result, name: str, alts: list[str], V: np.ndarray) -> dict[str, Any]:
    """One method's tables and the profile's ranks and scores (``None`` when computed here)."""
    if name in result.tables:
        tables, params = result.tables[name], dict(result.methods[name])
        profile_ranks = [int(result.ranks.loc[a, name]) for a in alts]
        profile_scores = _rounded(result.scores.loc[alts, name].to_numpy(dtype=float))
        computed = False
    else:
        prepared = mcda.prepare(name, V, None)
        tables, params = prepared.tables, dict(prepared.params)
        profile_ranks, profile_scores, computed = None, None, True
    entry = {
        "params": {k: finite(v) for k, v in params.items()},
        "normalised": _rounded(np.asarray(tables["normalised"], dtype=float)),
        "profile_ranks": profile_ranks,
        "profile_scores": profile_scores,
        "computed_here": computed,
    }
    if name == "topsis":
        entry["ideal"] = _rounded(np.asarray(tables["ideal"], dtype=float))
        entry["anti_ideal"] = _rounded(np.asarray(tables["anti_ideal"], dtype=float))
    return entry


def whatif_data(result: Result) -> dict[str, Any]:
    """What the what-if panel needs to re-rank in the browser: each leaf's top-level
    criterion and share within it, the normalised matrices of the weighted sum and TOPSIS
    (and TOPSIS's ideal and anti-ideal points), the profile's ranks and scores."""
    leaves = list(result.weights.leaves)
    top = top_criteria(result)
    top_ids = [c["id"] for c in top]
    paths = result.criteria.paths()
    group, share = [], []
    for leaf in leaves:
        path = paths[leaf]
        group.append(top_ids.index(path[0]))
        share.append(float(np.prod([result.weights.local[p] for p in path[1:]])))
    alts = [str(a) for a in result.matrix.values.index]
    label = labels(result)
    V = result.matrix.values[leaves].to_numpy(dtype=float)
    return {
        "criteria": top,
        "leaves": leaves,
        "group": group,
        "share": share,
        "alternatives": [
            {"id": a, "label": label[a], "kind": str(result.matrix.alternatives.loc[a, "kind"])}
            for a in alts
        ],
        "methods": {name: _method(result, name, alts, V) for name in WHATIF_METHODS},
    }
