"""Where the analyses of a comparison agree and where they differ, over the candidates every
analysis scores (states by ISO3; coalitions only when their ids match): each one's rank among
those common candidates, the pairwise rank correlations between analyses, the candidates in
every analysis's first ten, those whose ranks spread most, and a bump chart (the "common"
section of ``templates/compare.html.j2``).

A candidate's rank among the common ones is read from the analysis's own ranking
(:attr:`Result.ranks`, ties kept); the correlations are :mod:`alliancescore.mcda.rankstats`'.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from alliancescore.analysis.result import Result
from alliancescore.mcda import kendall_tau, spearman

from .. import charts
from .shared import Limits, column, labels, table

__all__ = ["agreement", "common_candidates"]

AGREE_K = 10  # "agree": in the first AGREE_K of every analysis
DIFFER_SHOWN = 10  # candidates listed as differing most


def common_candidates(results: Sequence[Result]) -> list[str]:
    """The ids every analysis scores, in the first analysis's order."""
    common = [str(a) for a in results[0].scores.index]
    for r in results[1:]:
        present = {str(a) for a in r.scores.index}
        common = [a for a in common if a in present]
    return common


def _within_ranks(results: Sequence[Result], common: list[str], method: str) -> np.ndarray:
    """(common, analyses): each analysis's competition rank ("1224") of the common
    candidates among themselves, from its own ranks."""
    return np.array(
        [r.ranks.loc[common, method].rank(method="min").to_numpy(dtype=float) for r in results],
        dtype=float,
    ).T


def _correlations(within: np.ndarray, shorts: list[str], fn: Callable[..., Any]) -> list[list[Any]]:
    """Analyses x analyses: ``fn`` between their rankings of the common candidates (NaN
    where a ranking ties every candidate)."""
    rows = []
    for a, name in enumerate(shorts):
        row: list[Any] = [name]
        for b in range(len(shorts)):
            try:
                row.append(1.0 if a == b else float(fn(within[:, a], within[:, b])))
            except ValueError:  # a ranking that ties everything has no correlation
                row.append(float("nan"))
        rows.append(row)
    return rows


def _mean_spread(within: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per common candidate: mean rank and largest minus smallest rank over the analyses."""
    return within.mean(axis=1), within.max(axis=1) - within.min(axis=1)


def _common_table(
    label: list[str],
    within: np.ndarray,
    full: np.ndarray,
    shorts: list[str],
) -> dict[str, Any]:
    """Every common candidate, best mean rank first (then smallest spread): its rank among
    the common candidates and among all in each analysis, the mean rank and the spread."""
    mean, spread = _mean_spread(within)
    best = np.lexsort((spread, mean))
    return table(
        [
            column("candidate"),
            *[
                column(f"{s}", "rank", f"rank among the {len(label)} common candidates")
                for s in shorts
            ],
            *[
                column(f"{s} (all)", "rank", "rank among all of this analysis's candidates")
                for s in shorts
            ],
            column("mean rank", "fixed"),
            column("spread", "int", "largest minus smallest rank among the common"),
        ],
        [
            [
                label[i],
                *within[i].astype(int).tolist(),
                *full[i].astype(int).tolist(),
                float(mean[i]),
                int(spread[i]),
            ]
            for i in best
        ],
    )


def agreement(
    results: Sequence[Result], shorts: list[str], method: str, limits: Limits
) -> dict[str, Any]:
    """The common candidates' table (best mean rank first, then smallest spread), who agrees
    and who differs, the correlations (with two or more common candidates) and the bump
    chart; empty parts when no candidate is common."""
    common = common_candidates(results)
    out: dict[str, Any] = {
        "common_count": len(common),
        "common_table": None,
        "agreement": None,
        "agree": [],
        "agree_k": min(AGREE_K, len(common)),
        "differ": [],
        "bump": None,
        "bump_rows": min(limits.compare_rows, len(common)),
    }
    if not common:
        return out
    label0 = labels(results[0])
    label = [label0[a] for a in common]
    within = _within_ranks(results, common, method)
    full = np.array([[float(r.ranks.loc[a, method]) for r in results] for a in common])
    mean, spread = _mean_spread(within)
    best = np.lexsort((spread, mean))
    out["common_table"] = _common_table(label, within, full, shorts)
    out["agree"] = [label[i] for i in best if within[i].max() <= out["agree_k"]]
    differ = [i for i in np.argsort(-spread, kind="stable") if spread[i] > 0][:DIFFER_SHOWN]
    out["differ"] = [
        {"label": label[i], "spread": int(spread[i]), "ranks": within[i].astype(int).tolist()}
        for i in differ
    ]
    if len(common) >= 2:
        cols = [column("analysis"), *[column(s, "score") for s in shorts]]
        out["agreement"] = {
            "spearman": table(cols, _correlations(within, shorts, spearman)),
            "kendall": table(cols, _correlations(within, shorts, kendall_tau)),
        }
    shown = best[: limits.compare_rows]
    out["bump"] = charts.bump_chart(
        [label[i] for i in shown],
        shorts,
        within[shown],
        "Ranks of the common candidates across the analyses",
    )
    return out
