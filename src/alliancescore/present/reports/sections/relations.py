"""The outranking section: each outranking method's relation (its conventions, kernel,
levels of the partial preorder, a matrix of the relation among the first alternatives, the
incomparable pairs, and how often it holds under the weight draws), and the GAIA plane of
each PROMETHEE method run (``templates/_relations.html.j2``).

The relations are the :class:`Result`'s own (:attr:`Result.relations`,
:meth:`~Result.relation_table`, :meth:`~Result.incomparable_pairs`); the shares of draws are
the :class:`SensitivityReport`'s; the GAIA plane is :func:`alliancescore.mcda.gaia` of the
method's single-criterion net flows.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from alliancescore import mcda
from alliancescore.analysis.result import Result
from alliancescore.analysis.robustness import SensitivityReport

from .. import charts
from .shared import Limits, column, labels, order, table

__all__ = ["CONVENTIONS", "relations"]

_VALUES = (
    "On this path every indicator is a benefit on the 0-1 value scale of its value function "
    "(0 = worst, 1 = best), so thresholds are in value units: 0.1 is a tenth of the "
    "indicator's range of value."
)
CONVENTIONS = {
    "promethee_i": "a outranks b when a's leaving flow phi+ is at least b's and its entering "
    "flow phi- at most b's (Brans & Vincke 1985); one flow for and one against makes the pair "
    "incomparable. The flows are PROMETHEE II's, with the same preference functions and "
    "thresholds q, p, s. " + _VALUES,
    "electre_i": "a outranks b when the weight of the indicators on which a is at least as good "
    "(the concordance) is at least c_hat and no indicator's shortfall, as a share of its "
    "range among the alternatives, exceeds d_hat (Roy 1968). ELECTRE I is a choice method: "
    "its answer is the kernel; circuits are reduced to one class first. " + _VALUES,
    "electre_iii": "pseudo-criteria with indifference q, preference p and veto v thresholds; "
    "the credibility of 'a outranks b' is exploited by a descending and an ascending "
    "distillation with the discrimination threshold s(lambda) = alpha + beta lambda "
    "(0.3 - 0.15 lambda by default), and the final partial preorder is their intersection: "
    "where the two disagree the pair is incomparable (Roy 1978). " + _VALUES,
}
"""Each outranking method's conventions on the analyst path, in words, for the report."""

_SYMBOL = {"P": "≻", "Q": "≺", "I": "~", "R": "?"}


def _matrix(relation: mcda.Relation, positions: list[int], names: list[str]) -> dict[str, Any]:
    """The relation among the alternatives at ``positions``: row over column."""
    rows = []
    for i, a in zip(positions, names, strict=True):
        cells = []
        for j in positions:
            if i == j:
                cells.append("")
            elif relation.preference[i, j]:
                cells.append(_SYMBOL["P"])
            elif relation.preference[j, i]:
                cells.append(_SYMBOL["Q"])
            elif relation.indifference[i, j]:
                cells.append(_SYMBOL["I"])
            else:
                cells.append(_SYMBOL["R"])
        rows.append([a, *cells])
    return table([column(""), *[column(n[:14], title=n) for n in names]], rows)


def _relation(
    result: Result, method: str, report: SensitivityReport | None, limits: Limits
) -> dict[str, Any]:
    relation = result.relations[method]
    label = labels(result)
    index = [str(a) for a in result.scores.index]
    by_rank = order(result)
    frame = result.relation_table(method)
    rank_of = {a: k for k, a in enumerate(by_rank)}
    listed = sorted(index, key=lambda a: (int(frame.loc[a, "level"]), rank_of[a]))
    found = report.relations.get(method) if report is not None else None
    kernel_share = found.kernel if found is not None and found.kernel is not None else None
    columns = [
        column("alternative"),
        column("level", "int", "level in the final partial preorder, 1 = top"),
        column("kernel"),
        column("preferred to", "int"),
        column("preferred by", "int"),
        column("indifferent", "int"),
        column("incomparable", "int"),
    ]
    if kernel_share is not None:
        columns.append(column("in kernel, share of draws", "share"))
    rows = []
    for a in listed:
        row = frame.loc[a]
        cells = [
            label[a],
            int(row["level"]),
            "yes" if row["kernel"] else "",
            int(row["preferred to"]),
            int(row["preferred by"]),
            int(row["indifferent"]),
            int(row["incomparable"]),
        ]
        if kernel_share is not None:
            cells.append(float(kernel_share[index.index(a)]))
        rows.append(cells)
    first = by_rank[: limits.pairwise]
    positions = [index.index(a) for a in first]
    pairs = result.incomparable_pairs(method)
    sensitivity = None
    if found is not None:
        sensitivity = {"coverage": found.coverage, "draws": found.draws, "chart": None}
        if found.outranks is not None:
            sensitivity["se"] = found.max_standard_error
            sensitivity["chart"] = charts.heatmap(
                [label[a] for a in first],
                [label[a] for a in first],
                found.outranks[np.ix_(positions, positions)],
                f"{method}: share of weight draws in which the row outranks the column",
                xlabel="outranked alternative",
            )
    n = len(index)
    return {
        "name": method,
        "summary": mcda.OUTRANKING_METHODS[method].summary,
        "conventions": CONVENTIONS.get(method, ""),
        "params": {k: v for k, v in relation.params.items()},
        "kernel": [label[a] for a in by_rank if relation.kernel[index.index(a)]],
        "levels": int(relation.levels.max(initial=0)),
        "table": table(columns, rows),
        "matrix": _matrix(relation, positions, [label[a] for a in first]),
        "matrix_rows": len(first),
        "incomparable": [f"{label[a]} – {label[b]}" for a, b in pairs[:60]],
        "incomparable_count": len(pairs),
        "pairs": n * (n - 1) // 2,
        "cycles": [", ".join(label[index[i]] for i in c) for c in relation.cycles],
        "sensitivity": sensitivity,
    }


def _net_flows(result: Result, method: str) -> np.ndarray | None:
    tables = result.relations[method].tables if method in result.relations else None
    if tables is None:
        tables = result.tables.get(method)
    if not tables or "single_criterion_phi_plus" not in tables:
        return None
    return np.asarray(tables["single_criterion_phi_plus"]) - np.asarray(
        tables["single_criterion_phi_minus"]
    )


def _gaia(result: Result, method: str, limits: Limits) -> dict[str, Any] | None:
    Phi = _net_flows(result, method)
    if Phi is None or Phi.shape[1] < 2 or not np.any(Phi):
        return None
    plane = mcda.gaia(Phi, result.weights.leaf_weights)
    label = labels(result)
    index = [str(a) for a in result.scores.index]
    named = set(order(result, method if method in result.methods else None)[:12])
    chart = charts.gaia_plane(
        plane.alternatives,
        [label[a] for a in index],
        [a in named for a in index],
        plane.criteria,
        list(result.weights.leaves),
        plane.decision,
        f"GAIA plane of {method}",
    )
    return {
        "name": method,
        "explained": plane.explained,
        "chart": chart,
        "labelled": len(named),
        "decision_length": float(np.hypot(*plane.decision)),
    }


def relations(
    result: Result, report: SensitivityReport | None, limits: Limits
) -> dict[str, Any] | None:
    """Each outranking relation and each PROMETHEE method's GAIA plane; None when the
    profile runs neither."""
    items = [_relation(result, m, report, limits) for m in result.relations]
    promethee = [
        m for m in ("promethee_ii", "promethee_i") if m in result.methods or m in result.relations
    ]
    planes = [p for p in (_gaia(result, m, limits) for m in promethee) if p is not None]
    if not items and not planes:
        return None
    return {"items": items, "gaia": planes, "symbols": _SYMBOL}
