"""The methods section: how far the methods agree (rank correlations), their consensus
(Borda and Copeland) and a chart of each method's rank of the consensus leaders
(``templates/_methods.html.j2``). Every statistic is the :class:`Result`'s own
(:meth:`~Result.rank_correlations`, :meth:`~Result.consensus`, :meth:`~Result.leaders`)."""

from __future__ import annotations

from typing import Any

from alliancescore.analysis.result import Result

from .. import charts
from .shared import Limits, column, labels, table

__all__ = ["methods"]


def _correlations(result: Result) -> dict[str, dict[str, Any]]:
    """Spearman's and Kendall's methods x methods tables."""
    names = list(result.methods)
    out = {}
    for statistic in ("spearman", "kendall"):
        frame = result.rank_correlations(statistic)
        out[statistic] = table(
            [column("method"), *[column(m, "score") for m in names]],
            [[m, *[frame.loc[m, k] for k in names]] for m in names],
        )
    return out


def methods(result: Result, limits: Limits) -> dict[str, Any]:
    """Correlations, the consensus table and chart of the first ``limits.chart_rows``
    alternatives by consensus, each method's leader and the alternatives every method ranks
    first."""
    names = list(result.methods)
    label = labels(result)
    consensus = result.consensus()
    by_consensus = list(consensus.sort_values(["borda rank", "copeland rank"]).index)
    shown = by_consensus[: limits.chart_rows]
    consensus_table = table(
        [
            column("alternative"),
            *[column(m, "rank") for m in names],
            column("Borda rank", "rank"),
            column("Copeland rank", "rank"),
        ],
        [
            [
                label[alt],
                *[int(result.ranks.loc[alt, m]) for m in names],
                int(consensus.loc[alt, "borda rank"]),
                int(consensus.loc[alt, "copeland rank"]),
            ]
            for alt in shown
        ],
    )
    chart = charts.rank_dots(
        [label[a] for a in shown],
        names,
        result.ranks.loc[shown, names].to_numpy(dtype=float),
        "Rank of the consensus leaders under each method",
    )
    first_everywhere = (result.ranks[names] == 1).all(axis=1)
    return {
        "names": names,
        "correlations": _correlations(result),
        "consensus": consensus_table,
        "consensus_leader": label[by_consensus[0]],
        "leaders": {m: label[str(row["leader"])] for m, row in result.leaders().iterrows()},
        "unanimous": [label[str(a)] for a in result.ranks.index[first_everywhere]],
        "chart": chart,
        "chart_rows": len(shown),
    }
