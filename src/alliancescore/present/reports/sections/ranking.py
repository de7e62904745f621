"""The ranking section: every alternative with each method's score and rank, the consensus
ranks and the per-criterion contributions, and a chart of the leaders' contributions
(``templates/_ranking.html.j2``). Scores, ranks and consensus are read from the
:class:`Result`."""

from __future__ import annotations

from typing import Any

from alliancescore.analysis.result import Result

from .. import charts
from .shared import Limits, column, labels, order, table, top_criteria

__all__ = ["ranking"]


def _columns(result: Result, top: list[dict[str, Any]]) -> list[dict[str, str]]:
    columns = [
        column("rank", "rank", f"rank by {result.primary_method} (1 = best)"),
        column("alternative"),
        column("kind"),
    ]
    for m in result.methods:
        better = "higher" if result.higher_is_better[m] else "lower"
        columns.append(column(f"{m} score", "score", f"{better} is better"))
        columns.append(column(f"{m} rank", "rank"))
    columns += [
        column("Borda rank", "rank", "consensus of the methods' rankings (Borda count)"),
        column("Copeland rank", "rank", "consensus of the methods' rankings (Copeland)"),
    ]
    return columns + [
        column(c["label"], "score", f"contribution of {c['label']} (weight x value)") for c in top
    ]


def ranking(result: Result, limits: Limits) -> dict[str, Any]:
    """The full ranking table (best first by the primary method) and the contributions chart
    of the first ``limits.chart_rows`` alternatives."""
    names = labels(result)
    kinds = result.matrix.alternatives["kind"]
    consensus = result.consensus()
    top = top_criteria(result)
    best_first = order(result)
    rows = []
    for alt in best_first:
        row = [int(result.ranks.loc[alt, result.primary_method]), names[alt], kinds[alt]]
        for m in result.methods:
            row += [float(result.scores.loc[alt, m]), int(result.ranks.loc[alt, m])]
        row += [int(consensus.loc[alt, "borda rank"]), int(consensus.loc[alt, "copeland rank"])]
        row += [float(result.contributions.loc[alt, c["id"]]) for c in top]
        rows.append(row)
    shown = best_first[: limits.chart_rows]
    chart = charts.contribution_bars(
        [names[a] for a in shown],
        [c["label"] for c in top],
        result.contributions.loc[shown, [c["id"] for c in top]].to_numpy(dtype=float),
        "Per-criterion contributions of the leading alternatives",
    )
    coalitions = [a for a in best_first if kinds[a] == "coalition"]
    return {
        "table": table(_columns(result, top), rows),
        "count": len(best_first),
        "states": int((kinds.loc[best_first] == "state").sum()),
        "coalitions": [
            {
                "label": names[a],
                "rank": int(result.ranks.loc[a, result.primary_method]),
                "members": str(result.matrix.alternatives.loc[a, "members"]),
            }
            for a in coalitions
        ],
        "leader": names[best_first[0]],
        "contributions_chart": chart,
        "chart_rows": len(shown),
    }
