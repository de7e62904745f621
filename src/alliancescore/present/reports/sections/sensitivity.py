"""The sensitivity section: per method, rank acceptability (table and heatmap), the weight
intervals that keep the ranking (stability), the most critical criterion, weight sweeps and
central weights; and the importance indices (``templates/_sensitivity.html.j2``). Everything
is read from the :class:`SensitivityReport`; the one figure derived here is each
alternative's expected rank (its acceptability shares times the ranks), which orders the
heatmap."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from alliancescore.analysis.result import Result
from alliancescore.analysis.robustness import SensitivityReport
from alliancescore.analysis.stability import StabilityTable

from .. import charts
from .shared import Limits, column, finite, labels, order, table, top_criteria

__all__ = ["sensitivity"]


def _node_labels(result: Result) -> dict[str, str]:
    return {n.id: n.label for _, n in result.criteria.goal.walk()}


def _expected_ranks(acceptability: pd.DataFrame) -> pd.Series:
    """Alternative -> mean rank over the draws (acceptability: alternatives x ranks 1..n)."""
    ranks = np.asarray(acceptability.columns, dtype=float)
    return pd.Series(acceptability.to_numpy(dtype=float) @ ranks, index=acceptability.index)


def _leaders_table(
    result: Result, report: SensitivityReport, method: str, leaders: list[str]
) -> dict[str, Any]:
    """The leaders' shares of ranks 1 to 3, top 3, expected rank and confidence factor."""
    acceptability = report.acceptability[method]
    expected = _expected_ranks(acceptability)
    label = labels(result)
    cols = list(acceptability.columns[:3])
    rows = []
    for alt in leaders:
        shares = acceptability.loc[alt]
        rows.append(
            [
                label[alt],
                int(result.ranks.loc[alt, method]),
                *[float(shares[c]) for c in cols],
                float(shares[shares.index <= 3].sum()),
                float(expected[alt]),
                report.confidence.loc[alt, method],
            ]
        )
    return table(
        [
            column("alternative"),
            column("rank at the profile's weights", "rank"),
            *[column(f"rank {c}", "share", f"share of draws ranking it {c}") for c in cols],
            column("top 3", "share", "share of draws ranking it 3rd or better"),
            column("expected rank", "fixed"),
            column(
                "confidence",
                "share",
                "confidence factor: share of draws at its central weights where it ranks first",
            ),
        ],
        rows,
    )


def _heatmap(result: Result, acceptability: pd.DataFrame, method: str, size: int) -> Any:
    """The first ``size`` ranks of the ``size`` alternatives with the best expected rank."""
    label = labels(result)
    by_expected = [str(a) for a in _expected_ranks(acceptability).sort_values(kind="stable").index]
    rows_shown = by_expected[:size]
    return charts.heatmap(
        [label[a] for a in rows_shown],
        [str(c) for c in acceptability.columns[:size]],
        acceptability.loc[rows_shown, acceptability.columns[:size]].to_numpy(dtype=float),
        f"Rank acceptability ({method})",
    )


def _stability_tables(result: Result, stab: StabilityTable) -> tuple[dict, dict]:
    """The weight intervals keeping the top choice, the top k (when k > 1) and the whole
    ranking: one table for the top-level criteria, one for the indicators."""
    node_label = _node_labels(result)
    k = stab.k if stab.k != 1 else None  # with k = 1 the top k is the top choice
    columns = [
        column("criterion"),
        column("weight", "weight"),
        column("top 1 from", "weight", "lowest weight that keeps the same first choice"),
        column("top 1 to", "weight", "highest weight that keeps the same first choice"),
        *(
            [
                column(f"top {k} from", "weight", "keeps the same leading set"),
                column(f"top {k} to", "weight", "keeps the same leading set"),
            ]
            if k
            else []
        ),
        column("full ranking from", "weight", "keeps the whole ranking"),
        column("full ranking to", "weight", "keeps the whole ranking"),
        column("change to flip the top", "weight", "smallest absolute weight change"),
    ]

    def rows(level: str) -> list[list[Any]]:
        return [
            [
                node_label.get(g.group, g.group),
                g.weight,
                g.top1.low,
                g.top1.high,
                *([g.topk.low, g.topk.high] if k else []),
                g.full.low,
                g.full.high,
                g.top1.change,
            ]
            for g in stab.at_level(level)
        ]

    return (
        table(columns, rows("criterion")),
        table([column("indicator"), *columns[1:]], rows("indicator")),
    )


def _critical(result: Result, report: SensitivityReport, method: str) -> dict[str, Any] | None:
    """The group whose smallest weight change flips the top choice."""
    critical = report.most_critical(method)
    if critical is None:
        return None
    return {
        "label": _node_labels(result).get(critical.group, critical.group),
        "level": critical.level,
        "weight": critical.weight,
        "change": critical.top1.change,
        "relative": finite(critical.top1.relative_change),
    }


def _sweeps(
    result: Result, report: SensitivityReport, method: str, series: list[str]
) -> Any | None:
    """One panel per top-level criterion swept: the ranks of ``series`` along its weight,
    the profile's weight and the interval that keeps the top choice."""
    stab = report.stability[method]
    panels = []
    for c in top_criteria(result):
        sweep = report.sweeps[method].get(c["id"])
        if sweep is None:
            continue
        band = (
            np.array([stab[c["id"]].top1.low, stab[c["id"]].top1.high]) if c["id"] in stab else None
        )
        panels.append(
            {
                "title": c["label"],
                "t": sweep.index.to_numpy(dtype=float),
                "ranks": sweep["rank"][list(series)].to_numpy(),
                "t0": stab[c["id"]].weight,
                "band": band,
            }
        )
    if not panels:
        return None
    label = labels(result)
    return charts.sweep_panels(
        panels,
        [label[a] for a in series],
        f"Weight sweeps ({method})",
        max_rank=min(10, len(result.scores)),
    )


def _central(result: Result, report: SensitivityReport, method: str) -> tuple[dict, int]:
    """The central weights of (at most 8 of) the alternatives ranked first in some draw,
    most often first first; and how many such alternatives there are."""
    acceptability = report.acceptability[method]
    central = report.central_weights[method]
    top_ids = [c["id"] for c in top_criteria(result)]
    label = labels(result)
    first_share = acceptability[acceptability.columns[0]]
    winners = [str(a) for a in first_share[first_share > 0].sort_values(ascending=False).index]
    central_table = table(
        [
            column("alternative"),
            column("rank 1", "share"),
            *[column(c["label"], "weight") for c in top_criteria(result)],
        ],
        [
            [label[a], float(first_share[a]), *[central.loc[a, cid] for cid in top_ids]]
            for a in winners[:8]
        ],
    )
    return central_table, len(winners)


def _method_section(
    result: Result, report: SensitivityReport, method: str, limits: Limits
) -> dict[str, Any]:
    acceptability = report.acceptability[method]
    n = len(result.scores)
    best_first = order(result, method)
    size = min(limits.heatmap_rows, n)
    series = best_first[: min(limits.sweep_series, n)]
    criteria, indicators = _stability_tables(result, report.stability[method])
    central, winners = _central(result, report, method)
    return {
        "method": method,
        "leaders": _leaders_table(result, report, method, best_first[: limits.leaders]),
        "heatmap": _heatmap(result, acceptability, method, size),
        "heatmap_rows": size,
        "heatmap_total": n,
        "se": report.acceptability_se[method],
        "stability": criteria,
        "stability_indicators": indicators,
        "critical": _critical(result, report, method),
        "sweeps": _sweeps(result, report, method, series),
        "sweep_series": len(series),
        "central": central,
        "winners": winners,
        "leader": labels(result)[best_first[0]],
        "leader_share": float(acceptability.loc[best_first[0], acceptability.columns[0]]),
    }


def _importance(result: Result, report: SensitivityReport) -> dict[str, Any] | None:
    """First-order and total sensitivity indices per (leader, criterion)."""
    if report.importance is None:
        return None
    label = labels(result)
    node_label = _node_labels(result)
    frame = report.importance.reset_index()
    return table(
        [
            column("leader"),
            column("criterion"),
            column("first order", "fixed", "share of rank variance due to this weight alone"),
            column("total", "fixed", "including interactions with the other weights"),
        ],
        [
            [
                label.get(str(r["leader"]), str(r["leader"])),
                node_label.get(str(r["criterion"]), str(r["criterion"])),
                r["first order"],
                r["total"],
            ]
            for _, r in frame.iterrows()
        ],
    )


def sensitivity(result: Result, report: SensitivityReport, limits: Limits) -> dict[str, Any]:
    """The run's settings and notes, one part per method analysed, and the importance
    indices."""
    return {
        "samples": report.samples,
        "seed": report.seed,
        "sampler": report.sampler,
        "data": report.data,
        "notes": list(report.notes),
        "methods": [_method_section(result, report, m, limits) for m in report.acceptability],
        "importance": _importance(result, report),
        "importance_method": report.importance_inputs or next(iter(report.acceptability), None),
    }
