"""The group section of a profile with ``[[analysts]]`` (``templates/_group.html.j2``), and the
analysts' line of each analysis in a comparison.

Everything is read from :class:`~alliancescore.analysis.group.GroupAnalysis` (each analyst's
ranks, Kendall's W and tau-b, top choices, rank ranges), from the result's
:class:`~alliancescore.model.group_weights.GroupWeights` (each analyst's shares per node they
judge, their AHP consistency, each node's aggregation) and, when the report's run has them,
from :class:`~alliancescore.analysis.group.TeamSMAA` (rank acceptability over the team's
mixture of weights) beside the :class:`SensitivityReport` (the run around the aggregated
weights). The aggregations' validity conditions are the registry's own lines
(:data:`alliancescore.mcda.GROUP_AGGREGATIONS`, Forman & Peniwati 1998). The one figure derived
here is an expected rank (acceptability shares times ranks), as in the sensitivity section.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from alliancescore import mcda
from alliancescore.analysis.group import GroupAnalysis, TeamSMAA
from alliancescore.analysis.result import Result
from alliancescore.analysis.robustness import SensitivityReport

from .. import charts
from .shared import Limits, column, finite, labels, table

__all__ = ["analysts_entry", "group"]


def _node_labels(result: Result) -> dict[str, str]:
    return {n.id: n.label for _, n in result.criteria.goal.walk()}


def _aggregations(used: str) -> list[dict[str, Any]]:
    """Every registered aggregation with what it needs and when it is valid; ``used`` marked."""
    return [
        {
            "name": name,
            "needs": mcda.GROUP_AGGREGATIONS[name].needs,
            "valid": mcda.GROUP_AGGREGATIONS[name].summary,
            "used": name == used,
        }
        for name in mcda.GROUP_AGGREGATIONS
    ]


def _analysts(result: Result, analysis: GroupAnalysis) -> list[dict[str, Any]]:
    """Each analyst: label, voting power as written and as a share, note, and the AHP
    consistency ratio at each node they judged by pairwise comparison."""
    group = result.group
    assert group is not None
    node_label = _node_labels(result)
    total = sum(analysis.voting.values())
    out = []
    for analyst in group.analysts:
        consistency = [
            {
                "node": node_label.get(node, node) if node else "top-level criteria",
                "cr": finite(float(diagnostics["cr"])),
                "max_cr": finite(diagnostics.get("threshold")),
                "consistent": diagnostics.get("consistent"),
            }
            for node, (_, diagnostics) in group.own[analyst.id].items()
            if "cr" in diagnostics
        ]
        out.append(
            {
                "id": analyst.id,
                "label": analysis.labels[analyst.id],
                "voting": analysis.voting[analyst.id],
                "share": analysis.voting[analyst.id] / total,
                "note": analyst.note,
                "consistency": consistency,
            }
        )
    return out


def _top_weights(result: Result, analysis: GroupAnalysis) -> tuple[dict[str, Any], Any]:
    """Top-level weights: analysts (and the group) side by side, as a table and grouped bars."""
    node_label = _node_labels(result)
    ids = list(analysis.labels)
    criteria = list(analysis.weights.columns)
    names = [analysis.labels[a] for a in ids]
    frame = analysis.weights.loc[[*ids, "group"], criteria]
    weights = table(
        [
            column("criterion"),
            *[column(n, "weight", f"analyst {a}") for n, a in zip(names, ids, strict=True)],
            column("group", "weight", "aggregated: the weights the report's ranking uses"),
        ],
        [[node_label.get(c, c), *frame[c].tolist()] for c in criteria],
    )
    chart = charts.grouped_hbars(
        [node_label.get(c, c) for c in criteria],
        [*names, "group (aggregated)"],
        frame.to_numpy(dtype=float),
        "Top-level weights of each analyst and of the group",
        xlabel="weight of the top-level criterion",
    )
    return weights, chart


def _nodes(result: Result, analysis: GroupAnalysis) -> list[dict[str, Any]]:
    """Each deeper criterion some analyst judged: the judging analysts' shares of its
    children beside the group's, how they were combined and who was left out."""
    group = result.group
    assert group is not None
    node_label = _node_labels(result)
    out = []
    for found in group.nodes:
        if not found.node:
            continue
        children = list(found.shares)
        judges = list(found.analysts)
        own = {a: group.own[a][found.node][0] for a in judges}
        out.append(
            {
                "label": node_label.get(found.node, found.node),
                "aggregation": found.aggregation,
                "judges": [analysis.labels[a] for a in judges],
                "left_out": [analysis.labels[a] for a in found.left_out],
                "table": table(
                    [
                        column("indicator or criterion"),
                        *[column(analysis.labels[a], "weight") for a in judges],
                        column("group", "weight"),
                    ],
                    [
                        [
                            node_label.get(c, c),
                            *[float(own[a][c]) for a in judges],
                            found.shares[c],
                        ]
                        for c in children
                    ],
                ),
            }
        )
    return out


def _ranks(result: Result, analysis: GroupAnalysis) -> dict[str, Any]:
    """Under the group's first method: each alternative's rank by each analyst beside the
    group's, with the best, worst and range over the analysts (the group's order)."""
    label = labels(result)
    ids = list(analysis.labels)
    ranks = analysis.ranks[analysis.method]
    spread = analysis.spread
    return table(
        [
            column("alternative"),
            column("group", "rank", "rank under the aggregated weights"),
            *[column(analysis.labels[a], "rank", f"analyst {a}") for a in ids],
            column("best", "rank", "best rank over the analysts"),
            column("worst", "rank", "worst rank over the analysts"),
            column("range", "int", "worst minus best"),
        ],
        [
            [
                label[alt],
                int(row["group"]),
                *[int(ranks.loc[alt, a]) for a in ids],
                int(row["best"]),
                int(row["worst"]),
                int(row["range"]),
            ]
            for alt, row in spread.iterrows()
        ],
    )


def _concordance(result: Result, analysis: GroupAnalysis) -> dict[str, Any]:
    """Per method: Kendall's W over the analysts and each analyst's top choice."""
    label = labels(result)
    ids = list(analysis.labels)
    return table(
        [
            column("method"),
            column("Kendall's W", "fixed", "1 = the analysts rank alike, 0 = no agreement"),
            *[column(f"first for {analysis.labels[a]}", "text") for a in ids],
        ],
        [
            [m, w, *[label[str(analysis.top.loc[a, m])] for a in ids]]
            for m, w in analysis.concordance.items()
        ],
    )


def _correlations(analysis: GroupAnalysis) -> list[dict[str, Any]]:
    """Per method, the analysts x analysts Kendall tau-b table."""
    ids = list(analysis.labels)
    out = []
    for method, frame in analysis.correlations.items():
        out.append(
            {
                "method": method,
                "table": table(
                    [column("analyst"), *[column(analysis.labels[a], "fixed") for a in ids]],
                    [[analysis.labels[a], *frame.loc[a, ids].tolist()] for a in ids],
                ),
            }
        )
    return out


def _ranged(result: Result, analysis: GroupAnalysis, alts: tuple[str, ...]) -> list[dict]:
    label = labels(result)
    spread = analysis.spread
    return [
        {
            "label": label[a],
            "group": int(spread.loc[a, "group"]),
            "best": int(spread.loc[a, "best"]),
            "worst": int(spread.loc[a, "worst"]),
        }
        for a in alts
    ]


def _expected(acceptability: pd.DataFrame) -> pd.Series:
    ranks = np.asarray(acceptability.columns, dtype=float)
    return pd.Series(acceptability.to_numpy(dtype=float) @ ranks, index=acceptability.index)


def _team(
    result: Result,
    analysis: GroupAnalysis,
    report: SensitivityReport | None,
    team: TeamSMAA,
    limits: Limits,
) -> dict[str, Any]:
    """The first method's rank acceptability over the team beside the run around the
    aggregated weights (when the report ran that method): the group's leaders."""
    method = analysis.method
    label = labels(result)
    over_team = team.acceptability[method]
    around = report.acceptability.get(method) if report is not None else None
    shown = [str(a) for a in analysis.spread.index[: limits.leaders]]

    def figures(frame: pd.DataFrame, alt: str) -> list[float]:
        shares = frame.loc[alt]
        return [
            float(shares[1]),
            float(shares[shares.index <= 3].sum()),
            float(_expected(frame)[alt]),
        ]

    columns = [
        column("alternative"),
        column("group rank", "rank", "rank under the aggregated weights"),
        column("rank 1, team", "share", "share of the team's draws ranking it first"),
        column("top 3, team", "share", "share of the team's draws ranking it 3rd or better"),
        column("expected rank, team", "fixed"),
    ]
    if around is not None:
        columns += [
            column("rank 1, aggregated", "share", "share of draws around the group's weights"),
            column("top 3, aggregated", "share"),
            column("expected rank, aggregated", "fixed"),
        ]
    rows = [
        [
            label[a],
            int(analysis.spread.loc[a, "group"]),
            *figures(over_team, a),
            *(figures(around, a) if around is not None else []),
        ]
        for a in shown
    ]
    return {
        "method": method,
        "samples": team.samples,
        "seed": team.seed,
        "sampler": team.sampler,
        "se": team.max_standard_error[method],
        "around": around is not None,
        "around_sampler": report.sampler if report is not None else None,
        "table": table(columns, rows),
    }


def group(
    result: Result,
    analysis: GroupAnalysis | None,
    report: SensitivityReport | None,
    team: TeamSMAA | None,
    limits: Limits,
) -> dict[str, Any] | None:
    """The group section, or ``None`` for a profile without analysts (``analysis`` is
    :func:`~alliancescore.analysis.group.analyse_group` of ``result``)."""
    if analysis is None or result.group is None:
        return None
    weights, chart = _top_weights(result, analysis)
    return {
        "method": analysis.method,
        "count": len(analysis.labels),
        "aggregation": result.group.aggregation,
        "aggregations": _aggregations(result.group.aggregation),
        "analysts": _analysts(result, analysis),
        "weights": weights,
        "chart": chart,
        "nodes": _nodes(result, analysis),
        "ranks": _ranks(result, analysis),
        "concordance": _concordance(result, analysis),
        "correlations": _correlations(analysis),
        "agreed": _ranged(result, analysis, analysis.agreed),
        "split": _ranged(result, analysis, analysis.split),
        "team": _team(result, analysis, report, team, limits) if team is not None else None,
    }


def analysts_entry(result: Result, analysis: GroupAnalysis | None, method: str) -> dict | None:
    """For a comparison: Kendall's W under ``method`` and each analyst's top choice there
    (``None`` without analysts)."""
    if analysis is None:
        return None
    label = labels(result)
    return {
        "method": method,
        "w": finite(analysis.concordance[method]),
        "table": table(
            [column("analyst"), column("voting", "raw"), column(f"first by {method}")],
            [
                [name, analysis.voting[a], label[str(analysis.top.loc[a, method])]]
                for a, name in analysis.labels.items()
            ],
        ),
    }
