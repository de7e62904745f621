"""The tables of one scored profile (``alliancescore score --format xlsx``).

Rows are the alternatives in the order of the first method's ranking; matrices have one column
per indicator in the criteria file's order.
"""

from __future__ import annotations

import json

import pandas as pd

from alliancescore.analysis.result import Result
from alliancescore.measures import MEASURES
from alliancescore.present.output import overrides_listing

from .base import Sheet, record_sheet

__all__ = ["score_sheets"]

_OVERRIDE_COLUMNS = [
    "type", "in force", "kind", "parties", "others", "from", "until",
    "table", "column", "nation", "year", "value", "source", "note", "declared",
]  # fmt: skip


def _order(result: Result) -> list[str]:
    return list(result.summary().index)


def _ranking(result: Result, order: list[str]) -> Sheet:
    alts = result.matrix.alternatives.loc[order]
    frame = pd.DataFrame(
        {
            "alternative": order,
            "label": alts["label"].to_list(),
            "kind": alts["kind"].to_list(),
            "members": alts["members"].to_list(),
        }
    )
    formats = {}
    for method in result.methods:
        frame[f"{method} score"] = result.scores.loc[order, method].to_numpy()
        frame[f"{method} rank"] = result.ranks.loc[order, method].to_numpy()
        formats[f"{method} score"] = "score"
        formats[f"{method} rank"] = "int"
        regrets = result.regrets(method)
        if regrets is not None:  # VIKOR: its regret and the indicator(s) that set it
            frame[f"{method} regret"] = regrets.loc[order, "regret"].to_numpy()
            frame[f"{method} regret on"] = regrets.loc[order, "indicator"].to_list()
            formats[f"{method} regret"] = "score"
    return Sheet("ranking", frame, formats, key_columns=1)


def _per_alternative(
    name: str, result: Result, order: list[str], table: pd.DataFrame, **kinds
) -> Sheet:
    """``table`` (alternatives x columns) for the alternatives in ``order``, after their
    id and label."""
    frame = table.loc[order].reset_index(drop=True)
    frame.insert(0, "label", result.matrix.alternatives.loc[order, "label"].to_list())
    frame.insert(0, "alternative", order)
    return Sheet(name, frame, key_columns=1, **kinds)


def _raw_formats(result: Result) -> dict[str, str]:
    """Raw values keep their own units: distances in whole km, everything else General."""
    return {
        ind.id: "km" for ind in result.criteria.indicators if MEASURES[ind.measure].unit == "km"
    }


def _overrides(result: Result) -> Sheet:
    rows = [{**row, "in force": row["active"]} for row in overrides_listing(result)]
    frame = pd.DataFrame(rows, columns=_OVERRIDE_COLUMNS)
    return Sheet("overrides", frame, {"from": "int", "until": "int", "year": "int"})


def _weights(result: Result) -> Sheet:
    frame = result.indicator_table().reset_index()
    return Sheet(
        "weights", frame, {"local weight": "score", "global weight": "score"}, key_columns=1
    )


def _methods(result: Result) -> Sheet:
    frame = pd.DataFrame(
        [
            {
                "method": m,
                "higher is better": result.higher_is_better[m],
                "parameters": json.dumps(dict(params), default=str),
            }
            for m, params in result.methods.items()
        ],
        columns=["method", "higher is better", "parameters"],
    )
    return Sheet("methods", frame, key_columns=1)


def score_sheets(result: Result) -> list[Sheet]:
    """ranking (every method's score and rank; VIKOR's regret and the indicators that set
    it), contributions (per top-level criterion, and
    their total: the weighted sum), raw matrix, value matrix, sources (the provenance text
    of each cell), weights (per indicator), methods, overrides (in force or not, with their
    sources), notes (diagnostics) and record (command, version, seed, inputs' SHA-256)."""
    order = _order(result)
    leaves = list(result.weights.leaves)
    matrix = result.matrix
    contributions = result.contributions.copy()
    contributions["total"] = contributions.sum(axis=1)
    p = result.profile
    return [
        _ranking(result, order),
        _per_alternative("contributions", result, order, contributions, default="score"),
        _per_alternative(
            "raw matrix", result, order, matrix.raw[leaves], formats=_raw_formats(result)
        ),
        _per_alternative("value matrix", result, order, matrix.values[leaves], default="score"),
        _per_alternative("sources", result, order, matrix.sources[leaves]),
        _weights(result),
        _methods(result),
        _overrides(result),
        Sheet("notes", pd.DataFrame({"note": list(result.diagnostics)}, dtype=object)),
        record_sheet(
            result.record,
            profile=p.id,
            focal=p.focal,
            year=p.year,
            criteria=f"{result.criteria.id} {result.criteria.version}",
        ),
    ]
