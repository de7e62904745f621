"""From a :class:`Result` (and its :class:`SensitivityReport`) to a report context.

The context is plain data: dicts, lists, strings and raw numbers (formatting is left to the
templates' filters), plus the charts as inline SVG (``Markup``) and the what-if panel's data
(a dict the template embeds as JSON). Nothing here writes HTML by hand or knows how the
scores were computed: it reads what the result hands over.

Tables for the templates share one shape, ``{"columns": [{"name", "kind", "title"}],
"rows": [[value, ...], ...]}``, where ``kind`` tells the template how to format a cell:
``text``, ``score`` (fixed decimals), ``weight``, ``share`` (percentage), ``rank``, ``int``
or ``raw`` (a value in its own units).
"""

from __future__ import annotations

import json
import math
import shlex
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alliancescore import __version__
from alliancescore.analysis.result import Result
from alliancescore.analysis.robustness import SensitivityReport
from alliancescore.analysis.stability import StabilityTable
from alliancescore.data.provenance import table_years
from alliancescore.model.criteria import Criterion
from alliancescore.present.output import overrides_listing

from . import charts
from .criteria_diff import criteria_differences, weights_section

__all__ = [
    "Limits",
    "comparison_context",
    "load_backtest",
    "profile_context",
    "whatif_data",
]

WHATIF_METHODS = ("weighted_sum", "topsis")


@dataclass(frozen=True)
class Limits:
    """How much of a large profile the report shows in full (the rest is summarised)."""

    chart_rows: int = 20  # bars in the contribution and method charts
    heatmap_rows: int = 25  # alternatives (and ranks) in an acceptability heatmap
    sweep_series: int = 6  # alternatives followed in a weight-sweep chart
    leaders: int = 10  # rows of the rank-acceptability table
    explain_rows: int = 60  # alternatives in an explain matrix
    pairwise: int = 15  # alternatives in a pairwise (n x n) explain table
    compare_rows: int = 15  # candidates in the comparison charts and top lists


# ---------------------------------------------------------------------------------- helpers
def _finite(value: Any) -> Any:
    """A JSON- and template-friendly scalar (NaN and infinities -> None)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _column(name: str, kind: str = "text", title: str = "") -> dict[str, str]:
    return {"name": name, "kind": kind, "title": title}


def _table(columns: list[dict], rows: Iterable[Sequence[Any]]) -> dict[str, Any]:
    return {"columns": columns, "rows": [[_finite(v) for v in row] for row in rows]}


def _labels(result: Result) -> dict[str, str]:
    return {str(k): str(v) for k, v in result.matrix.alternatives["label"].items()}


def _top(result: Result) -> list[dict[str, Any]]:
    return [
        {"id": c.id, "label": c.label, "weight": float(result.weights.global_[c.id])}
        for c in result.criteria.criteria
    ]


def _order(result: Result, method: str | None = None) -> list[str]:
    """Alternatives best first by ``method`` (default: the primary), ties by label."""
    method = method or result.primary_method
    labels = _labels(result)
    frame = pd.DataFrame({"rank": result.ranks[method]})
    frame["label"] = [labels[a] for a in frame.index]
    return [str(a) for a in frame.sort_values(["rank", "label"]).index]


def _nation_name(data: Any, code: str) -> str:
    if data is None:
        return code
    try:
        return str(data.nation(code).name)
    except Exception:  # an unknown code is shown as given
        return code


def _command(record: Mapping[str, Any]) -> str:
    command = record.get("command") or []
    return shlex.join(str(c) for c in command) if not isinstance(command, str) else command


# ----------------------------------------------------------------------------- the question
def _question(result: Result, data: Any) -> dict[str, Any]:
    p = result.profile
    weights = result.weights
    tree = []

    def walk(node: Any, depth: int) -> None:
        row = {
            "id": node.id,
            "label": node.label,
            "rationale": node.rationale,
            "depth": depth,
            "local": float(weights.local[node.id]),
            "global": float(weights.global_[node.id]),
            "kind": "criterion" if isinstance(node, Criterion) else "indicator",
        }
        if not isinstance(node, Criterion):
            row.update(
                measure=node.measure,
                direction=node.direction,
                value_function=node.value_function.description,
                missing=node.missing,
                aggregation=node.aggregation,
            )
        tree.append(row)
        if isinstance(node, Criterion):
            for child in node.children:
                walk(child, depth + 1)

    for top in result.criteria.criteria:
        walk(top, 0)
    return {
        "id": p.id,
        "label": p.label,
        "focal": p.focal,
        "focal_name": _nation_name(data, p.focal),
        "year": p.year,
        "notes": p.notes,
        "path": p.path,
        "threats": [
            {
                "actor": t.actor,
                "name": _nation_name(data, t.actor),
                "severity": t.severity,
                "note": t.note,
            }
            for t in p.threats
        ],
        "theatre": list(p.theatre),
        "coalitions": [
            {"id": c.id, "label": c.label, "members": list(c.members), "note": c.note}
            for c in p.coalitions
        ],
        "weights_scheme": weights.scheme,
        "weights_diagnostics": {
            str(k): _finite(v) for k, v in dict(weights.diagnostics).items() if np.isscalar(v)
        },
        "criteria": {
            "id": result.criteria.id,
            "label": result.criteria.label,
            "version": result.criteria.version,
            "rationale": result.criteria.rationale,
            "path": result.criteria.path,
        },
        "tree": tree,
        "methods": [
            {
                "name": m,
                "higher_is_better": bool(result.higher_is_better[m]),
                "params": {str(k): _finite(v) for k, v in dict(params).items()},
            }
            for m, params in result.methods.items()
        ],
    }


# ----------------------------------------------------------------------------- the ranking
def _ranking(result: Result, limits: Limits) -> dict[str, Any]:
    methods = list(result.methods)
    labels = _labels(result)
    kinds = result.matrix.alternatives["kind"]
    consensus = result.consensus()
    top = _top(result)
    order = _order(result)
    columns = [
        _column("rank", "rank", f"rank by {result.primary_method} (1 = best)"),
        _column("alternative"),
        _column("kind"),
    ]
    for m in methods:
        better = "higher" if result.higher_is_better[m] else "lower"
        columns.append(_column(f"{m} score", "score", f"{better} is better"))
        columns.append(_column(f"{m} rank", "rank"))
    columns += [
        _column("Borda rank", "rank", "consensus of the methods' rankings (Borda count)"),
        _column("Copeland rank", "rank", "consensus of the methods' rankings (Copeland)"),
    ]
    columns += [
        _column(c["label"], "score", f"contribution of {c['label']} (weight x value)") for c in top
    ]
    rows = []
    for alt in order:
        row = [int(result.ranks.loc[alt, result.primary_method]), labels[alt], kinds[alt]]
        for m in methods:
            row += [float(result.scores.loc[alt, m]), int(result.ranks.loc[alt, m])]
        row += [int(consensus.loc[alt, "borda rank"]), int(consensus.loc[alt, "copeland rank"])]
        row += [float(result.contributions.loc[alt, c["id"]]) for c in top]
        rows.append(row)
    shown = order[: limits.chart_rows]
    chart = charts.contribution_bars(
        [labels[a] for a in shown],
        [c["label"] for c in top],
        result.contributions.loc[shown, [c["id"] for c in top]].to_numpy(dtype=float),
        "Per-criterion contributions of the leading alternatives",
    )
    coalitions = [a for a in order if kinds[a] == "coalition"]
    return {
        "table": _table(columns, rows),
        "count": len(order),
        "states": int((kinds.loc[order] == "state").sum()),
        "coalitions": [
            {
                "label": labels[a],
                "rank": int(result.ranks.loc[a, result.primary_method]),
                "members": str(result.matrix.alternatives.loc[a, "members"]),
            }
            for a in coalitions
        ],
        "leader": labels[order[0]],
        "contributions_chart": chart,
        "chart_rows": len(shown),
    }


def _methods(result: Result, limits: Limits) -> dict[str, Any]:
    methods = list(result.methods)
    labels = _labels(result)
    correlations = {}
    for statistic in ("spearman", "kendall"):
        frame = result.rank_correlations(statistic)
        correlations[statistic] = _table(
            [_column("method"), *[_column(m, "score") for m in methods]],
            [[m, *[frame.loc[m, k] for k in methods]] for m in methods],
        )
    consensus = result.consensus()
    order = list(consensus.sort_values(["borda rank", "copeland rank"]).index)
    rows = []
    for alt in order[: limits.chart_rows]:
        rows.append(
            [
                labels[alt],
                *[int(result.ranks.loc[alt, m]) for m in methods],
                int(consensus.loc[alt, "borda rank"]),
                int(consensus.loc[alt, "copeland rank"]),
            ]
        )
    consensus_table = _table(
        [
            _column("alternative"),
            *[_column(m, "rank") for m in methods],
            _column("Borda rank", "rank"),
            _column("Copeland rank", "rank"),
        ],
        rows,
    )
    shown = order[: limits.chart_rows]
    chart = charts.rank_dots(
        [labels[a] for a in shown],
        methods,
        result.ranks.loc[shown, methods].to_numpy(dtype=float),
        "Rank of the consensus leaders under each method",
    )
    unanimous = [
        labels[a] for a in result.scores.index if all(result.ranks.loc[a, m] == 1 for m in methods)
    ]
    leaders = {m: labels[str(result.ranks[m].idxmin())] for m in methods}
    return {
        "names": methods,
        "correlations": correlations,
        "consensus": consensus_table,
        "consensus_leader": labels[order[0]],
        "leaders": leaders,
        "unanimous": unanimous,
        "chart": chart,
        "chart_rows": len(shown),
    }


# ------------------------------------------------------------------------------- sensitivity
def _sensitivity(result: Result, report: SensitivityReport, limits: Limits) -> dict[str, Any]:
    labels = _labels(result)
    top = _top(result)
    top_ids = [c["id"] for c in top]
    node_label = {n.id: n.label for _, n in result.criteria.goal.walk()}
    n = len(result.scores)
    sections = []
    for method, acceptability in report.acceptability.items():
        order = _order(result, method)
        ranks = np.asarray(acceptability.columns, dtype=float)
        expected = acceptability.to_numpy(dtype=float) @ ranks
        by_expected = [
            str(a)
            for a in pd.Series(expected, index=acceptability.index).sort_values(kind="stable").index
        ]
        leaders = order[: limits.leaders]
        cols = [c for c in acceptability.columns[:3]]
        rows = []
        for alt in leaders:
            shares = acceptability.loc[alt]
            rows.append(
                [
                    labels[alt],
                    int(result.ranks.loc[alt, method]),
                    *[float(shares[c]) for c in cols],
                    float(shares[shares.index <= 3].sum()),
                    float(expected[list(acceptability.index).index(alt)]),
                    report.confidence.loc[alt, method],
                ]
            )
        leaders_table = _table(
            [
                _column("alternative"),
                _column("rank at the profile's weights", "rank"),
                *[_column(f"rank {c}", "share", f"share of draws ranking it {c}") for c in cols],
                _column("top 3", "share", "share of draws ranking it 3rd or better"),
                _column("expected rank", "fixed"),
                _column(
                    "confidence",
                    "share",
                    "confidence factor: share of draws at its central weights where it ranks first",
                ),
            ],
            rows,
        )
        size = min(limits.heatmap_rows, n)
        rows_shown = by_expected[:size]
        heat = charts.heatmap(
            [labels[a] for a in rows_shown],
            [str(c) for c in acceptability.columns[:size]],
            acceptability.loc[rows_shown, acceptability.columns[:size]].to_numpy(dtype=float),
            f"Rank acceptability ({method})",
        )
        stab = report.stability[method]
        k = stab.k if stab.k != 1 else None  # with k = 1 the top k is the top choice

        def stab_rows(
            level: str, table: StabilityTable = stab, k: int | None = k
        ) -> list[list[Any]]:
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
                for g in table.at_level(level)
            ]

        stab_columns = [
            _column("criterion"),
            _column("weight", "weight"),
            _column("top 1 from", "weight", "lowest weight that keeps the same first choice"),
            _column("top 1 to", "weight", "highest weight that keeps the same first choice"),
            *(
                [
                    _column(f"top {k} from", "weight", "keeps the same leading set"),
                    _column(f"top {k} to", "weight", "keeps the same leading set"),
                ]
                if k
                else []
            ),
            _column("full ranking from", "weight", "keeps the whole ranking"),
            _column("full ranking to", "weight", "keeps the whole ranking"),
            _column("change to flip the top", "weight", "smallest absolute weight change"),
        ]
        critical = report.most_critical(method)
        critical_info = None
        if critical is not None:
            critical_info = {
                "label": node_label.get(critical.group, critical.group),
                "level": critical.level,
                "weight": critical.weight,
                "change": critical.top1.change,
                "relative": _finite(critical.top1.relative_change),
            }
        series = order[: min(limits.sweep_series, n)]
        panels = []
        for c in top:
            sweep = report.sweeps[method].get(c["id"])
            if sweep is None:
                continue
            band = (
                np.array([stab[c["id"]].top1.low, stab[c["id"]].top1.high])
                if c["id"] in stab
                else None
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
        sweep_chart = (
            charts.sweep_panels(
                panels,
                [labels[a] for a in series],
                f"Weight sweeps ({method})",
                max_rank=min(10, n),
            )
            if panels
            else None
        )
        central = report.central_weights[method]
        first_share = acceptability[acceptability.columns[0]]
        winners = [str(a) for a in first_share[first_share > 0].sort_values(ascending=False).index]
        central_table = _table(
            [
                _column("alternative"),
                _column("rank 1", "share"),
                *[_column(c["label"], "weight") for c in top],
            ],
            [
                [labels[a], float(first_share[a]), *[central.loc[a, cid] for cid in top_ids]]
                for a in winners[:8]
            ],
        )
        sections.append(
            {
                "method": method,
                "leaders": leaders_table,
                "heatmap": heat,
                "heatmap_rows": size,
                "heatmap_total": n,
                "se": report.acceptability_se[method],
                "stability": _table(stab_columns, stab_rows("criterion")),
                "stability_indicators": _table(
                    [_column("indicator"), *stab_columns[1:]], stab_rows("indicator")
                ),
                "critical": critical_info,
                "sweeps": sweep_chart,
                "sweep_series": len(series),
                "central": central_table,
                "winners": len(winners),
                "leader": labels[order[0]],
                "leader_share": float(acceptability.loc[order[0], acceptability.columns[0]]),
            }
        )
    importance = None
    if report.importance is not None:
        frame = report.importance.reset_index()
        importance = _table(
            [
                _column("leader"),
                _column("criterion"),
                _column("first order", "fixed", "share of rank variance due to this weight alone"),
                _column("total", "fixed", "including interactions with the other weights"),
            ],
            [
                [
                    labels.get(str(r["leader"]), str(r["leader"])),
                    node_label.get(str(r["criterion"]), str(r["criterion"])),
                    r["first order"],
                    r["total"],
                ]
                for _, r in frame.iterrows()
            ],
        )
    return {
        "samples": report.samples,
        "seed": report.seed,
        "sampler": report.sampler,
        "data": report.data,
        "notes": list(report.notes),
        "methods": sections,
        "importance": importance,
        "importance_method": report.importance_inputs or next(iter(report.acceptability), None),
    }


# ------------------------------------------------------------------------------- data notes
def _years_used(result: Result, tables: Iterable[str]) -> list[dict[str, Any]]:
    """Per table: which years' values were used, how often, and whether stale or carried
    (read from the cells' provenance records)."""
    known = list(tables)
    counts: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    kept = list(result.matrix.values.index)
    for indicator in result.matrix.provenance.columns:
        for record in result.matrix.provenance.loc[kept, indicator]:
            for table, years, flag in table_years(record, known):
                counts[(table, years, flag)][indicator] += 1
    rows = []
    for (table, years, flag), per_indicator in sorted(counts.items()):
        rows.append(
            {
                "table": table,
                "years": "no value" if years == "none" else years,
                "flag": flag,
                "cells": sum(per_indicator.values()),
                "indicators": sorted(per_indicator),
            }
        )
    return rows


def _data_notes(result: Result, data: Any) -> dict[str, Any]:
    matrix = result.matrix
    labels = _labels(result)
    ind_label = {i.id: i.label for i in result.criteria.indicators}
    kept = list(matrix.values.index)
    missing = []
    policy = matrix.policy_applied.reindex(index=kept)
    for indicator in policy.columns:
        filled = policy[indicator][policy[indicator] != ""]
        if len(filled):
            missing.append(
                {
                    "indicator": ind_label.get(indicator, indicator),
                    "policy": ", ".join(sorted(set(filled))),
                    "count": len(filled),
                    "alternatives": [labels[a] for a in filled.index],
                }
            )
    stale = []
    stale_frame = matrix.stale.reindex(index=kept).fillna(False).astype(bool)
    for indicator in stale_frame.columns:
        for alt in stale_frame.index[stale_frame[indicator]]:
            stale.append(
                {
                    "indicator": ind_label.get(indicator, indicator),
                    "alternative": labels[alt],
                    "source": str(matrix.sources.loc[alt, indicator]),
                }
            )
    table_names: list[str] = []
    terms = []
    if data is not None:
        table_names = list(data.manifest["tables"])
    years = _years_used(result, table_names)
    used = sorted({row["table"] for row in years})
    for table in used:
        meta = data.meta(table)
        terms.append(
            {
                "table": table,
                "description": meta.description,
                "citation": meta.citation,
                "terms": meta.terms,
                "licence": meta.licence,
                "credit": meta.credit,
                "coverage": f"{meta.first_year}-{meta.last_year}",
                "staleness": meta.max_staleness_years,
                "notes": list(meta.notes),
            }
        )
    diagnostics = [d for d in result.diagnostics if d not in matrix.notes]
    return {
        "missing": missing,
        "stale": stale,
        "years": years,
        "excluded": [
            {"alternative": labels.get(a, a), "reason": r} for a, r in matrix.excluded.items()
        ],
        "overrides": overrides_listing(result),
        "measure_notes": list(matrix.notes),
        "diagnostics": diagnostics,
        "terms": terms,
    }


# ---------------------------------------------------------------------------- the record
def _record(
    result: Result,
    report: SensitivityReport | None,
    data: Any,
    templates: Mapping[str, Any] | None,
) -> dict[str, Any]:
    record = dict(result.record)
    tables = []
    if data is not None:
        for name, entry in sorted(data.manifest["tables"].items()):
            tables.append({"table": name, "file": entry["file"], "sha256": entry["sha256"]})
    import matplotlib

    return {
        "command": _command(record),
        "version": str(record.get("version", __version__)),
        "seed": report.seed if report is not None else record.get("seed"),
        "samples": report.samples if report is not None else None,
        "inputs": [dict(i) for i in record.get("inputs", [])],
        "tables": tables,
        "software": f"alliancescore {__version__}; matplotlib {matplotlib.__version__}",
        "templates": templates,
    }


# ------------------------------------------------------------------------------- explain
def _explain(result: Result, limits: Limits) -> list[dict[str, Any]]:
    """Each method's intermediate tables, rows and columns labelled from the axes the method
    declares (:mod:`alliancescore.mcda.tables`), never guessed from array shapes."""
    from alliancescore import mcda

    labels = _labels(result)
    alts = [str(a) for a in result.matrix.values.index]
    leaves = list(result.weights.leaves)
    ind_label = {i.id: i.label for i in result.criteria.indicators}
    order = _order(result)
    position = {a: i for i, a in enumerate(alts)}
    out = []
    for method, tables in result.tables.items():
        declared = mcda.METHODS[method].tables
        scalars, per_alt, per_ind, matrices, other = [], [], [], [], []
        for name, value in tables.items():
            array, spec = np.asarray(value), declared[name]
            axes = spec.axes  # the result holds tables for one weight vector
            if axes == ():
                scalars.append(
                    {"name": name, "value": _finite(array.item()), "caption": spec.caption}
                )
            elif axes == (mcda.ALTERNATIVES,):
                per_alt.append((_column(name, "raw", spec.caption), array))
            elif axes == (mcda.CRITERIA,):
                per_ind.append((_column(name, "raw", spec.caption), array))
            elif axes[0] == mcda.CRITERIA and len(axes) == 2 and isinstance(axes[1], mcda.Axis):
                per_ind += [
                    (_column(f"{name} ({label})", "raw", spec.caption), array[:, i])
                    for i, label in enumerate(axes[1].labels)
                ]
            elif axes == (mcda.ALTERNATIVES, mcda.CRITERIA):
                shown = order[: limits.explain_rows]
                columns = [_column("alternative"), *[_column(ind_label[j], "raw") for j in leaves]]
                rows = [[labels[a], *[_finite(x) for x in array[position[a]]]] for a in shown]
                matrices.append(_explain_matrix(spec, _table(columns, rows), len(shown), len(alts)))
            elif axes == (mcda.ALTERNATIVES, mcda.ALTERNATIVES):
                few = order[: limits.pairwise]
                idx = [position[a] for a in few]
                columns = [_column("row \\ column"), *[_column(labels[a], "raw") for a in few]]
                rows = [[labels[a], *array[position[a], idx]] for a in few]
                matrices.append(_explain_matrix(spec, _table(columns, rows), len(few), len(alts)))
            else:
                other.append((name, array))
        out.append(
            {
                "method": method,
                "params": {str(k): _finite(v) for k, v in dict(result.methods[method]).items()},
                "higher_is_better": bool(result.higher_is_better[method]),
                "scalars": scalars,
                "per_alternative": _explain_columns(
                    "alternative", per_alt, [(labels[a], position[a]) for a in order]
                ),
                "per_indicator": _explain_columns(
                    "indicator", per_ind, [(ind_label[j], i) for i, j in enumerate(leaves)]
                ),
                "matrices": matrices,
                "unlabelled": [{"name": name, "shape": list(array.shape)} for name, array in other],
            }
        )
    return out


def _explain_matrix(spec: Any, table: dict[str, Any], shown: int, total: int) -> dict[str, Any]:
    return {
        "name": spec.name,
        "caption": spec.caption,
        "table": table,
        "shown": shown,
        "total": total,
    }


def _explain_columns(
    axis: str, columns: list[tuple[dict[str, str], np.ndarray]], rows: list[tuple[str, int]]
) -> dict[str, Any] | None:
    """One table of the one-axis tables that share ``axis``: a row per (label, position)."""
    if not columns:
        return None
    return _table(
        [_column(axis), *[column for column, _ in columns]],
        [[label, *[values[i] for _, values in columns]] for label, i in rows],
    )


# ------------------------------------------------------------------------------- what-if
def _rounded(array: np.ndarray) -> list:
    """Numbers for the page's JSON (12 significant digits; non-finite -> null)."""
    return [
        _rounded(row) if np.ndim(row) else _finite(float(f"{float(row):.12g}")) for row in array
    ]


def whatif_data(result: Result) -> dict[str, Any]:
    """What the what-if panel needs to re-rank in the browser: each leaf's top-level
    criterion and share within it, the normalised matrices of the weighted sum and TOPSIS
    (and TOPSIS's ideal and anti-ideal points), the profile's ranks and scores."""
    from alliancescore import mcda  # only for a method the profile did not run

    leaves = list(result.weights.leaves)
    top = _top(result)
    top_ids = [c["id"] for c in top]
    paths = result.criteria.paths()
    group, share = [], []
    for leaf in leaves:
        path = paths[leaf]
        group.append(top_ids.index(path[0]))
        share.append(float(np.prod([result.weights.local[p] for p in path[1:]])))
    alts = [str(a) for a in result.matrix.values.index]
    labels = _labels(result)
    V = result.matrix.values[leaves].to_numpy(dtype=float)
    methods = {}
    for name in WHATIF_METHODS:
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
            "params": {k: _finite(v) for k, v in params.items()},
            "normalised": _rounded(np.asarray(tables["normalised"], dtype=float)),
            "profile_ranks": profile_ranks,
            "profile_scores": profile_scores,
            "computed_here": computed,
        }
        if name == "topsis":
            entry["ideal"] = _rounded(np.asarray(tables["ideal"], dtype=float))
            entry["anti_ideal"] = _rounded(np.asarray(tables["anti_ideal"], dtype=float))
        methods[name] = entry
    return {
        "criteria": top,
        "leaves": leaves,
        "group": group,
        "share": share,
        "alternatives": [
            {"id": a, "label": labels[a], "kind": str(result.matrix.alternatives.loc[a, "kind"])}
            for a in alts
        ],
        "methods": methods,
    }


# ------------------------------------------------------------------------------- backtest
BACKTEST_SCORERS = ("model", "distance", "un_voting", "random")


def _backtest_window(doc: Mapping[str, Any], name: str) -> dict[str, Any]:
    window = doc.get("window", {})
    labels = window.get("labels") or ["?", "?"]
    criteria = doc.get("criteria", {})
    metrics = [m for m in doc.get("metrics", []) if m.get("variant") == "all"]
    metrics_table = _table(
        [
            _column("scorer"),
            _column("pooled AUC", "fixed", "ROC AUC over every focal-candidate pair"),
            _column("mean focal AUC", "fixed", "mean of the per-focal-state AUCs"),
            _column("precision at 5", "share"),
            _column("precision at 10", "share"),
            _column("base rate", "share", "share of pairs that formed a new pact"),
        ],
        [
            [
                m.get("scorer"),
                m.get("pooled_auc"),
                m.get("mean_focal_auc"),
                m.get("precision_at_5"),
                m.get("precision_at_10"),
                m.get("base_rate"),
            ]
            for m in metrics
        ],
    )
    auc = {m.get("scorer"): m.get("pooled_auc") for m in metrics}
    curves = []
    for scorer in BACKTEST_SCORERS:
        curve = doc.get("roc", {}).get(scorer, {}).get("all")
        if not curve:
            continue
        fpr, tpr = curve.get("fpr") or [], curve.get("tpr") or []
        if not fpr or len(fpr) != len(tpr) or any(v is None for v in [*fpr, *tpr]):
            continue
        shown = f"{scorer} (AUC {auc[scorer]:.3f})" if auc.get(scorer) is not None else scorer
        curves.append({"label": shown, "fpr": fpr, "tpr": tpr})
    title = f"{window.get('year', '?')}: new pacts {labels[0]}-{labels[-1]}"
    roc = charts.roc_curves(curves, f"ROC curves, {title}") if curves else None
    rows = [
        r
        for r in doc.get("deciles", [])
        if r.get("scorer") == "model" and r.get("variant") == "all"
    ]
    deciles = None
    if rows:
        deciles = {
            "table": _table(
                [
                    _column("decile", "int", "10 = highest scores"),
                    _column("pairs", "int"),
                    _column("new pacts", "int"),
                    _column("rate", "share"),
                    _column("lift", "fixed", "rate / base rate"),
                ],
                [
                    [r.get("decile"), r.get("n"), r.get("positives"), r.get("rate"), r.get("lift")]
                    for r in rows
                ],
            ),
            "chart": charts.decile_bars(
                [r.get("decile") for r in rows],
                [r.get("rate") for r in rows],
                f"New-pact rate by model-score decile, {title}",
            ),
        }
    counts = doc.get("counts", {})
    return {
        "name": name,
        "title": title,
        "criteria": f"{criteria.get('id', '?')} {criteria.get('version', '')}".strip(),
        "criteria_id": criteria.get("id"),
        "pairs": counts.get("pairs_evaluated"),
        "new_pacts": counts.get("new_pacts"),
        "rules": {k: str(v) for k, v in doc.get("rules", {}).items()},
        "metrics": metrics_table,
        "roc": roc,
        "deciles": deciles,
        "command": _command(doc.get("record", {})),
    }


def load_backtest(
    folder: str | Path | None, criteria_id: str | None = None
) -> list[dict[str, Any]]:
    """Backtest figures from ``folder/*.json`` (written by ``alliancescore backtest --format
    json``, see ``reports/backtest/README.md``) for an optional report section: per window,
    the ROC curves of the model and the baselines, their metrics, and the model's decile
    table. With ``criteria_id``, only windows that backtested that criteria model. A file
    that cannot be read is listed with the reason; nothing is drawn for it.
    """
    if folder is None or not Path(folder).is_dir():
        return []
    windows = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(doc, dict) or "window" not in doc:
                raise ValueError("not a backtest file (no 'window')")
            window = _backtest_window(doc, path.name)
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            windows.append({"name": path.name, "error": str(error)})
            continue
        if criteria_id is None or window["criteria_id"] == criteria_id:
            windows.append(window)
    return windows


# ------------------------------------------------------------------------------- profile
def profile_context(
    result: Result,
    report: SensitivityReport | None = None,
    *,
    data: Any = None,
    limits: Limits | None = None,
    backtest: str | Path | None = None,
    templates: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the profile report shows, as plain data (see the module docstring)."""
    limits = limits or Limits()
    if report is not None and report.result is not result:
        raise ValueError("the sensitivity report belongs to another result")
    question = _question(result, data)
    return {
        "kind": "profile",
        "title": f"{result.profile.label}",
        "question": question,
        "primary": result.primary_method,
        "ranking": _ranking(result, limits),
        "methods": _methods(result, limits),
        "sensitivity": _sensitivity(result, report, limits) if report is not None else None,
        "data_notes": _data_notes(result, data),
        "record": _record(result, report, data, templates),
        "explain": _explain(result, limits),
        "whatif": whatif_data(result),
        "backtest": load_backtest(backtest, result.criteria.id),
        "limits": limits,
    }


# ---------------------------------------------------------------------------- comparison
def _entry_titles(results: Sequence[Result]) -> list[str]:
    """Column titles that tell the analyses apart (profile, criteria, or both)."""
    profiles = {r.profile.id for r in results}
    criteria = {(r.criteria.id, r.criteria.path) for r in results}
    titles = []
    for r in results:
        focal = r.profile.focal
        if len(criteria) == 1:
            titles.append(f"{r.profile.label}")
        elif len(profiles) == 1:
            titles.append(f"{focal}: {r.criteria.label} ({r.criteria.id} {r.criteria.version})")
        else:
            titles.append(f"{r.profile.label} / {r.criteria.label} ({r.criteria.id})")
    short = []
    for r in results:
        if len(criteria) == 1:
            short.append(r.profile.focal if len(profiles) == len(results) else r.profile.id)
        elif len(profiles) == 1:
            short.append(r.criteria.id)
        else:
            short.append(f"{r.profile.focal}/{r.criteria.id}")
    counts = Counter(short)
    seen: Counter = Counter()
    unique = []
    for s in short:
        seen[s] += 1
        unique.append(s if counts[s] == 1 else f"{s} ({seen[s]})")
    return [*zip(titles, unique, strict=True)]


def comparison_context(
    results: Sequence[Result],
    *,
    method: str | None = None,
    data: Any = None,
    limits: Limits | None = None,
    templates: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Several analyses side by side: profiles, criteria files or weight sets."""
    from alliancescore.mcda import kendall_tau, spearman

    limits = limits or Limits()
    if len(results) < 2:
        raise ValueError("a comparison needs at least two results")
    common_methods = [m for m in results[0].methods if all(m in r.methods for r in results)]
    if method is None:
        if not common_methods:
            raise ValueError("the results share no method; name one with method=")
        method = common_methods[0]
    elif method not in common_methods:
        raise ValueError(f"method {method!r} is not run by every result")
    names = _entry_titles(results)
    entries = []
    for (title, short), r in zip(names, results, strict=True):
        labels = _labels(r)
        order = _order(r, method)
        entries.append(
            {
                "title": title,
                "short": short,
                "profile": r.profile.label,
                "focal": r.profile.focal,
                "focal_name": _nation_name(data, r.profile.focal),
                "year": r.profile.year,
                "threats": [
                    {"actor": t.actor, "name": _nation_name(data, t.actor), "severity": t.severity}
                    for t in r.profile.threats
                ],
                "criteria": f"{r.criteria.label} ({r.criteria.id} {r.criteria.version})",
                "weights": _top(r),
                "weights_scheme": r.weights.scheme,
                "count": len(order),
                "top": [
                    {
                        "rank": int(r.ranks.loc[a, method]),
                        "label": labels[a],
                        "score": float(r.scores.loc[a, method]),
                    }
                    for a in order[: limits.compare_rows]
                ],
                "record": {
                    "command": _command(r.record),
                    "inputs": [dict(i) for i in r.record.get("inputs", [])],
                },
            }
        )
    # Candidates every analysis scores (states by ISO3; coalitions only when ids match).
    common = [str(a) for a in results[0].scores.index]
    for r in results[1:]:
        present = {str(a) for a in r.scores.index}
        common = [a for a in common if a in present]
    labels0 = _labels(results[0])
    table = None
    agreement = None
    bump = None
    agree, differ = [], []
    if common:
        within = []  # rank among the common candidates, per analysis
        for r in results:
            scores = r.scores.loc[common, method].to_numpy(dtype=float)
            from alliancescore.mcda import rank_scores

            within.append(rank_scores(scores, r.higher_is_better[method]))
        within_arr = np.array(within, dtype=float).T  # (common, analyses)
        full = np.array(
            [[float(r.ranks.loc[a, method]) for r in results] for a in common], dtype=float
        )
        mean = within_arr.mean(axis=1)
        spread = within_arr.max(axis=1) - within_arr.min(axis=1)
        order = np.lexsort((spread, mean))
        rows = []
        for i in order:
            rows.append(
                [
                    labels0[common[i]],
                    *within_arr[i].astype(int).tolist(),
                    *full[i].astype(int).tolist(),
                    float(mean[i]),
                    int(spread[i]),
                ]
            )
        table = _table(
            [
                _column("candidate"),
                *[
                    _column(f"{s}", "rank", f"rank among the {len(common)} common candidates")
                    for _, s in names
                ],
                *[
                    _column(f"{s} (all)", "rank", "rank among all of this analysis's candidates")
                    for _, s in names
                ],
                _column("mean rank", "fixed"),
                _column("spread", "int", "largest minus smallest rank among the common"),
            ],
            rows,
        )
        k = min(10, len(common))
        agree = [labels0[common[i]] for i in order if within_arr[i].max() <= k]
        differ_idx = [i for i in np.argsort(-spread, kind="stable") if spread[i] > 0][:10]
        differ = [
            {
                "label": labels0[common[i]],
                "spread": int(spread[i]),
                "ranks": within_arr[i].astype(int).tolist(),
            }
            for i in differ_idx
        ]
        pairs = []
        if len(common) >= 2:
            for a in range(len(results)):
                row = [names[a][1]]
                for b in range(len(results)):
                    if a == b:
                        row.append(1.0)
                        continue
                    try:
                        row.append(float(spearman(within_arr[:, a], within_arr[:, b])))
                    except ValueError:
                        row.append(float("nan"))
                pairs.append(row)
            kendall = []
            for a in range(len(results)):
                row = [names[a][1]]
                for b in range(len(results)):
                    try:
                        row.append(
                            1.0
                            if a == b
                            else float(kendall_tau(within_arr[:, a], within_arr[:, b]))
                        )
                    except ValueError:
                        row.append(float("nan"))
                kendall.append(row)
            cols = [_column("analysis"), *[_column(s, "score") for _, s in names]]
            agreement = {"spearman": _table(cols, pairs), "kendall": _table(cols, kendall)}
        shown = order[: limits.compare_rows]
        bump = charts.bump_chart(
            [labels0[common[i]] for i in shown],
            [s for _, s in names],
            within_arr[shown],
            "Ranks of the common candidates across the analyses",
        )
    shorts = [s for _, s in names]
    weights = weights_section(results, shorts)
    inputs = []
    for (_, short), r in zip(names, results, strict=True):
        for i in r.record.get("inputs", []):
            inputs.append({"analysis": short, **dict(i)})
    return {
        "kind": "comparison",
        "title": "Comparison: " + ", ".join(s for _, s in names),
        "method": method,
        "higher_is_better": bool(results[0].higher_is_better[method]),
        "common_methods": common_methods,
        "entries": entries,
        "common_count": len(common),
        "common_table": table,
        "agreement": agreement,
        "agree": agree,
        "agree_k": min(10, len(common)),
        "differ": differ,
        "bump": bump,
        "bump_rows": min(limits.compare_rows, len(common)),
        "weights": weights,
        # the names before issue 12, for template folders that override compare.html.j2
        "weights_table": weights["top"],
        "weights_chart": weights["chart"],
        "criteria_differences": criteria_differences(results, shorts),
        "record": {
            "version": __version__,
            "commands": sorted({_command(r.record) for r in results}),
            "inputs": inputs,
            "templates": templates,
        },
        "limits": limits,
    }
