"""The methods section: how far the methods agree (rank correlations), their consensus
(Borda and Copeland), a chart of each method's rank of the consensus leaders, and where one
method parts from the others, with VIKOR's reason (``templates/_methods.html.j2``). Every
statistic is the :class:`Result`'s own (:meth:`~Result.rank_correlations`,
:meth:`~Result.consensus`, :meth:`~Result.leaders`, :meth:`~Result.regrets`)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

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


def part_from_the_others(result: Result, rows: int) -> dict[str, Any]:
    """The placings where one method parts from the others: an alternative that method ranks
    at least ``gap`` places (a quarter of the alternatives, at least 3) from the median of
    the other methods' ranks, while those others agree among themselves (their ranks within
    ``gap`` of each other), the largest departures first, at most ``rows``. For a method with
    a regret term (VIKOR) the last column names the indicator (or tied indicators) that sets
    the alternative's regret. Needs three methods: with two, neither is "the others"."""
    names = list(result.methods)
    gap = max(3, math.ceil(len(result.ranks) / 4))
    found: list[tuple[float, str, str, int, float, str]] = []
    why = {m: result.regrets(m) for m in names}
    if len(names) >= 3:
        ranks = result.ranks[names].to_numpy(dtype=float)
        for j, method in enumerate(names):
            others = np.delete(ranks, j, axis=1)
            median = np.median(others, axis=1)
            agree = others.max(axis=1) - others.min(axis=1) < gap
            apart = agree & (np.abs(ranks[:, j] - median) >= gap)
            for i in np.flatnonzero(apart):
                alt = str(result.ranks.index[i])
                frame = why[method]
                reason = "" if frame is None else f"regret on {frame.at[alt, 'indicator']}"
                departure = float(abs(ranks[i, j] - median[i]))
                found.append((departure, alt, method, int(ranks[i, j]), float(median[i]), reason))
    found.sort(key=lambda f: (-f[0], f[1], f[2]))
    label = labels(result)
    shown = table(
        [
            column("alternative"),
            column("method"),
            column("rank", "rank"),
            column("others' median rank"),
            column("why", title="VIKOR: the indicator that sets its regret, its worst gap"),
        ],
        [
            [label[alt], method, rank, f"{median:g}", reason]
            for _, alt, method, rank, median, reason in found[:rows]
        ],
    )
    regret_methods = [m for m in names if why[m] is not None]
    return {"table": shown, "gap": gap, "count": len(found), "regret_methods": regret_methods}


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
        "apart": part_from_the_others(result, limits.apart_rows),
    }
