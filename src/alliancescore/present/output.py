"""Results as text: tables for the terminal, JSON, and the shares shown in them.

Files are written through :mod:`alliancescore.present.writing` (atomic, never over an input).
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from alliancescore.analysis.matrix import screen_of
from alliancescore.analysis.result import Result
from alliancescore.present.blocks import frame_text
from alliancescore.present.prose import wrap_prose
from alliancescore.present.score_table import ranking_table
from alliancescore.present.writing import check_destination, check_output_folder, write_atomic

if TYPE_CHECKING:  # the analysis itself is imported only by the commands that run it
    from alliancescore.analysis.group import GroupAnalysis
    from alliancescore.analysis.robustness import SensitivityReport

__all__ = [
    "check_destination",
    "check_output_folder",
    "percent",
    "relation_lines",
    "relations_json",
    "result_json",
    "result_table",
    "sensitivity_json",
    "sensitivity_table",
    "write_atomic",
]


def percent(share: float) -> str:
    """A share as a percentage that never rounds to a false 0% or 100%."""
    if share != share:  # NaN
        return "n/a"
    if share == 0:
        return "0%"
    if share == 1:
        return "100%"
    if share < 0.001:
        return "< 0.1%"
    if share > 0.999:
        return "> 99.9%"
    return f"{share:.1%}"


def _plain(value: Any) -> Any:
    if isinstance(value, dict | pd.Series):
        return {str(k): _plain(v) for k, v in dict(value).items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def result_json(result: Result, group: GroupAnalysis | None = None) -> str:
    """Everything in the result as JSON: inputs, weights, scores, provenance, diagnostics
    (per alternative, under ``"regrets"``, each regret method's regret and the indicators that
    set it); with ``group``, the analysts' results under ``"group"``."""
    profile, matrix = result.profile, result.matrix
    tables = {m: result.relation_table(m) for m in result.relations}
    regret = {m: f for m in result.methods if (f := result.regrets(m)) is not None}
    levels = pd.DataFrame({m: t["level"] for m, t in tables.items()}, index=result.scores.index)
    kernels = pd.DataFrame({m: t["kernel"] for m, t in tables.items()}, index=result.scores.index)
    alternatives = []
    for alt in result.scores.index:
        alternatives.append(
            {
                "id": alt,
                "label": matrix.alternatives.loc[alt, "label"],
                "kind": matrix.alternatives.loc[alt, "kind"],
                "members": matrix.alternatives.loc[alt, "members"],
                "scores": {m: result.scores.loc[alt, m] for m in result.methods},
                "ranks": {m: int(result.ranks.loc[alt, m]) for m in result.methods},
                "relations": {
                    m: {"level": int(levels.loc[alt, m]), "kernel": bool(kernels.loc[alt, m])}
                    for m in result.relations
                },
                # VIKOR's regret and the indicator(s) that set it (explain's regret line)
                "regrets": {
                    m: {
                        "regret": float(f.at[alt, "regret"]),
                        "indicators": []
                        if f.at[alt, "indicator"] == "none"
                        else f.at[alt, "indicator"].split(", "),
                    }
                    for m, f in regret.items()
                },
                "contributions": dict(result.contributions.loc[alt]),
                "indicators": {
                    ind: {
                        "raw": matrix.raw.loc[alt, ind],
                        "value": matrix.values.loc[alt, ind],
                        "source": matrix.sources.loc[alt, ind],
                        "stale": bool(matrix.stale.loc[alt, ind]),
                        "filled_by_policy": matrix.policy_applied.loc[alt, ind] or None,
                    }
                    for ind in result.weights.leaves
                },
            }
        )
    document = {
        "profile": {
            "id": profile.id,
            "label": profile.label,
            "focal": profile.focal,
            "year": profile.year,
            "threats": [{"actor": t.actor, "severity": t.severity} for t in profile.threats],
        },
        "criteria": {"id": result.criteria.id, "version": result.criteria.version},
        "weights": {
            "scheme": result.weights.scheme,
            "global": dict(result.weights.global_),
            "diagnostics": dict(result.weights.diagnostics),
        },
        "indicators": result.indicator_table().reset_index().to_dict(orient="records"),
        "methods": {
            m: {"params": dict(p), "higher_is_better": result.higher_is_better[m]}
            for m, p in result.methods.items()
        },
        "relations": relations_json(result),
        "alternatives": alternatives,
        "excluded": dict(matrix.excluded),
        "screened": dict(matrix.screened),
        "overrides": overrides_listing(result),
        "analyst_tables": [
            {
                "id": t.id,
                "file": t.path,
                "sheet": t.sheet,
                "source": t.source,
                "date": t.date,
                "columns": list(t.columns),
                "by_year": t.keyed_by_year,
                "max_staleness_years": t.max_staleness_years,
                "sha256": t.sha256,
            }
            for t in (*result.criteria.tables, *result.profile.tables)
        ],
        "diagnostics": list(result.diagnostics),
        "record": dict(result.record),
    }
    if group is not None:
        from alliancescore.present.group import group_json

        document["group"] = group_json(group)
    return json.dumps(_plain(document), indent=2, ensure_ascii=False) + "\n"


_RIVALRY_KIND = {"rivalry": "rivalry", "none": "no rivalry"}


def overrides_listing(result: Result) -> list[dict[str, Any]]:
    """Every override of the profile, with whether it is in force at the reference year and
    where it is declared (``"declared"``: the file, the profile or a facts file it lists, and
    the key)."""
    year = result.profile.year
    rows = []
    pairs = [("tie", o) for o in result.profile.overrides.ties]
    pairs += [("rivalry", o) for o in result.profile.overrides.rivalries]
    for kind, o in pairs:
        rows.append(
            {
                "type": kind,
                "kind": o.kind,
                "parties": list(o.parties),
                "others": list(o.others),
                "from": o.first_year,
                "until": o.last_year,
                "active": o.active(year),
                "source": o.source,
                "note": o.note,
                "declared": o.where,
            }
        )
    for o in result.profile.overrides.values:
        rows.append(
            {
                "type": "value",
                "table": o.table,
                "column": o.column,
                "nation": o.nation,
                "year": o.year,
                "value": o.value,
                "active": o.year <= year,
                "source": o.source,
                "note": o.note,
                "declared": o.where,
            }
        )
    return rows


def result_table(
    result: Result,
    limit: int | None = None,
    group: GroupAnalysis | None = None,
    width: int | None = None,
) -> str:
    """A plain-text report: the question, the ranking per method, the analysts' section when
    ``group`` is given (:func:`alliancescore.present.group.group_lines`), and the data notes.
    Given ``width`` (a terminal's), the ranking is wrapped into blocks that fit it
    (:mod:`alliancescore.present.score_table`) and the lines of prose around it with a hanging
    indent (:mod:`alliancescore.present.prose`); without, every line is as long as it is."""
    p = result.profile
    question = [
        f"{p.label}",
        f"focal {p.focal}, reference year {p.year}, threats "
        + ", ".join(f"{t.actor} ({t.severity:g})" for t in p.threats),
        f"criteria: {result.criteria.label} ({result.criteria.id} {result.criteria.version});"
        f" weights: {result.weights.scheme} "
        + ", ".join(f"{c.id} {result.weights.global_[c.id]:.3f}" for c in result.criteria.criteria),
        "methods: "
        + "; ".join(
            f"{m} ({'higher' if result.higher_is_better[m] else 'lower'} is better)"
            for m in result.methods
        ),
    ]
    if result.relations:
        question.append(
            "outranking: "
            + ", ".join(result.relations)
            + " (level in the final partial preorder, 1 = top; * = in the kernel)"
        )
    summary = result.summary()
    if limit is not None:
        summary = summary.head(limit)
    head = [*wrap_prose(question, width), "", ranking_table(result, summary, width), ""]
    lines = relation_lines(result, list(summary.index))
    if group is not None:
        from alliancescore.present.group import group_lines

        lines += [*group_lines(group), ""]
    for alt, reason in result.matrix.excluded.items():
        lines.append(f"excluded: {alt}: {reason}")
    for alt, reason in result.matrix.screened.items():
        _, label, why = screen_of(reason)
        lines.append(f"screened out ({label}): {alt}: {why}")
    facts = {f.path: [0, 0] for f in result.profile.facts}  # listed, in force
    for row in overrides_listing(result):
        file = row["declared"].rpartition(": ")[0]
        if file in facts:  # a facts file's overrides are counted, not listed (JSON lists them)
            facts[file][0] += 1
            facts[file][1] += row["active"]
            continue
        state = "active" if row["active"] else "not in force"
        if row["type"] == "value":
            what = f"value {row['table']}.{row['column']} {row['nation']} {row['year']}"
        else:
            kind = f"tie {row['kind']}" if row["type"] == "tie" else _RIVALRY_KIND[row["kind"]]
            what = (
                f"{kind} {'/'.join(row['parties'])}-{'/'.join(row['others'])} from {row['from']}"
                + (f" until {row['until']}" if row["until"] else "")
            )
        lines.append(f"override ({state}): {what}; source: {row['source']}")
    for file, (listed, active) in facts.items():
        lines.append(
            f"facts: {os.path.normpath(file)}: {listed} overrides, {active} in force in "
            f"{p.year} (listed with their sources by --format json and in the report)"
        )
    for note in result.diagnostics:
        lines.append(f"note: {note}")
    return "\n".join([*head, *wrap_prose(lines, width)]) + "\n"


def relation_lines(result: Result, shown: list[str], most: int = 12) -> list[str]:
    """Per outranking method, a few lines: its kernel and the incomparable pairs among the
    alternatives ``shown`` (at most ``most`` listed, the rest counted)."""
    lines: list[str] = []
    visible = set(shown)
    for method, relation in result.relations.items():
        index = result.scores.index
        by_rank = result.ranks[result.primary_method].sort_values().index
        kernel = [str(a) for a in by_rank if relation.kernel[index.get_loc(a)]]
        pairs = result.incomparable_pairs(method)
        among = [p for p in pairs if p[0] in visible and p[1] in visible]
        listed = ", ".join(f"{a}-{b}" for a, b in among[:most])
        more = f" and {len(among) - most} more" if len(among) > most else ""
        lines.append(f"{method}: kernel {', '.join(kernel) or '(empty)'}")
        lines.append(
            f"{method}: {len(pairs)} incomparable pair(s) of {len(index) * (len(index) - 1) // 2}"
            + (f"; among those shown: {listed}{more}" if among else "")
        )
        if relation.cycles:
            lines.append(
                f"{method}: {len(relation.cycles)} cycle(s) reduced to one class each: "
                + "; ".join("~".join(str(index[i]) for i in c) for c in relation.cycles)
            )
    if lines:
        lines.append("")
    return lines


def relations_json(result: Result) -> dict[str, Any]:
    """Each outranking method's relation as plain data: parameters, kernel, levels, classes,
    cycles, and the pairs (a, b), a != b, with a outranking b, with a preferred to b, and the
    indifferent and incomparable pairs (each once)."""
    index = [str(a) for a in result.scores.index]
    out: dict[str, Any] = {}
    for method, relation in result.relations.items():

        def pairs(mask: np.ndarray, once: bool = False) -> list[list[str]]:
            mask = mask.copy()
            np.fill_diagonal(mask, False)
            if once:
                mask = np.triu(mask, 1)
            return [[index[i], index[j]] for i, j in zip(*np.nonzero(mask), strict=True)]

        out[method] = {
            "params": dict(relation.params),
            "weights": dict(zip(result.weights.leaves, relation.weights, strict=True)),
            "kernel": [a for a, k in zip(index, relation.kernel, strict=True) if k],
            "levels": dict(zip(index, relation.levels, strict=True)),
            "classes": [[index[i] for i in c] for c in relation.classes],
            "cycles": [[index[i] for i in c] for c in relation.cycles],
            "outranks": pairs(relation.outranks),
            "preference": pairs(relation.preference),
            "indifference": pairs(relation.indifference, once=True),
            "incomparability": pairs(relation.incomparability, once=True),
        }
    return out


def weight_change(change: float) -> str:
    """A weight change to three decimals; one that rounds to 0.000 but is not 0 (a near tie
    at the top) reads ``< 0.001``, not as no change at all."""
    text = f"{change:.3f}"
    return "< 0.001" if change > 0 and text == "0.000" else text


def sensitivity_table(report: SensitivityReport, top: int = 10, width: int | None = None) -> str:
    """Plain text: rank acceptability of the leaders, confidence, stability, importance.
    Given ``width`` (a terminal's), the lines of prose (the headings, the most critical weight,
    the notes) wrap to it with a hanging indent (:mod:`alliancescore.present.prose`), and a
    table wider than it comes in blocks of columns that fit, each with the rows' labels
    (:mod:`alliancescore.present.blocks`). Without, every line is as long as it is."""
    result = report.result
    p = result.profile
    lines: list[str] = []

    def prose(*texts: str) -> None:
        lines.extend(wrap_prose(texts, width))

    draws = "1 draw" if report.samples == 1 else f"{report.samples:,} draws"
    prose(
        f"Sensitivity: {p.label} ({p.focal}, {p.year})",
        f"weights: {report.sampler}; {draws} per method; seed {report.seed}",
    )
    # Draws around weights nobody stated: said here too, not only in score's notes.
    if result.weights.unstated:
        prose(f"note: {result.weights.unstated}")
    if report.data:
        ratio = report.samples / max(report.data_draws, 1)
        per = (
            "weight draw"
            if ratio == 1
            else f"{ratio:,.0f} weight draws"
            if ratio >= 1.5
            else f"{ratio:.1f} weight draws"  # 140 draws over 100 data sets: not "1"
        )
        prose(
            f"data: {report.data}",
            f"data draws: {report.data_draws:,} per method (one per {per}); the standard "
            "errors include the spread between them",
        )
    confidence_told = False
    for method, table in report.acceptability.items():
        first = result.primary_method
        order = result.ranks[first].sort_values().index[:top]
        shown = table.loc[order, table.columns[: min(5, table.shape[1])]]
        shown = shown.rename(columns=lambda r: f"rank {r}")
        shown.insert(0, "label", result.matrix.alternatives.loc[order, "label"])
        confidence = report.confidence.loc[order, method]
        shown["confidence"] = confidence
        prose(
            "",
            f"{method}: rank acceptability (share of draws), Monte Carlo SE <= "
            f"{report.acceptability_se[method]:.4f}",
        )
        # NaN confidence: never first in a draw, so no central weights to rank it at
        shown_text = frame_text(shown, width, "label", float_format="{:.3f}".format, na_rep="-")
        lines.append(shown_text)
        if not confidence_told and confidence.isna().any():  # said once, under the first
            confidence_told = True
            share = (
                "the share of data draws in which it ranks first at its central weights"
                if report.data
                else "1 if it ranks first at its central weights, else 0"
            )
            prose(
                f"confidence: {share} (SMAA-2's confidence factor; central weights: the mean of "
                "the draws that made it first); - where it never ranked first, so it has none"
            )
        # the index's name ("group") would print as a line of its own above the rows
        crit = report.stability[method].frame(level="criterion").rename_axis(index=None)
        prose(
            "",
            f"{method}: stability intervals of the top-level weights "
            "(others rescaled in proportion)",
        )
        lines.append(frame_text(crit, width, float_format=lambda v: f"{v:.3f}"))
        critical = report.most_critical(method)
        if critical is not None:
            prose(
                f"most critical: {critical.group} ({critical.level}): a change of "
                f"{weight_change(critical.top1.change)} in its weight (from "
                f"{critical.weight:.3f}) changes the top choice"
            )
        else:
            prose("most critical: no single weight change alters the top choice")
    if len(result.methods) > 1:
        consensus = result.consensus().join(result.ranks)
        consensus = consensus.sort_values("borda rank").head(top)
        consensus.insert(0, "label", result.matrix.alternatives.loc[consensus.index, "label"])
        prose("", "methods side by side: rank correlations (Spearman)")
        lines.append(
            frame_text(result.rank_correlations(), width, float_format=lambda v: f"{v:.3f}")
        )
        prose("", "consensus of the methods' rankings (Borda, Copeland) and each method's rank")
        ranks = consensus.drop(columns=["borda points", "copeland score"])
        lines.append(frame_text(ranks, width, "label"))
    lines += _relation_sensitivity_lines(report, top, width)
    if report.importance is not None:
        prose(
            "",
            "variance-based importance of the top-level weights for the leaders' "
            f"ranks (Sobol, first order and total): {report.importance_inputs}",
        )
        lines.append(frame_text(report.importance, width, float_format=lambda v: f"{v:.3f}"))
        lines += _importance_noise(report.importance, width)
    prose("", *[f"note: {n}" for n in report.notes])
    return "\n".join(lines) + "\n"


def _importance_noise(importance: pd.DataFrame, width: int | None) -> list[str]:
    """A line saying that an index outside [0, 1] (a first order below 0, a total above 1) is
    the estimator's noise, naming the farthest of each; none when every index is inside.
    The indices are shown as estimated, not clipped."""
    first, total = importance["first order"], importance["total"]
    outside = []
    if (first < 0).any():
        (leader, criterion), value = first.idxmin(), first.min()
        outside.append(f"first order below 0 ({criterion} for {leader}: {value:.3f})")
    if (total > 1).any():
        (leader, criterion), value = total.idxmax(), total.max()
        outside.append(f"total above 1 ({criterion} for {leader}: {value:.3f})")
    if not outside:
        return []
    text = (
        f"{' and '.join(outside)}: the estimator's sampling noise (Saltelli et al. 2010), an "
        "index itself lies in [0, 1]; shown as estimated"
    )
    return wrap_prose([text], width)


def _relation_sensitivity_lines(
    report: SensitivityReport, top: int, width: int | None = None
) -> list[str]:
    """Per outranking method: how often its relation holds under the weight draws (kernel
    share, and a outranks b among the first alternatives), or why it is not computed; the
    lines of prose wrapped to ``width`` when given, the tables in blocks that fit it."""
    result = report.result
    lines: list[str] = []
    order = list(result.ranks[result.primary_method].sort_values().index[: min(top, 6)])
    index = list(result.scores.index)
    pos = [index.index(a) for a in order]
    for method, found in report.relations.items():
        lines.append("")
        if not found.applicable:
            lines += wrap_prose(
                [f"{method}: share of draws in which the relation holds: {found.coverage}"], width
            )
            continue
        lines += wrap_prose(
            [
                f"{method}: share of {found.draws:,} weight draws in which the relation holds "
                f"({found.coverage}); Monte Carlo SE <= {found.max_standard_error:.4f}"
            ],
            width,
        )
        assert found.outranks is not None
        frame = pd.DataFrame(
            found.outranks[np.ix_(pos, pos)],
            index=pd.Index(order, name="row outranks column"),
            columns=order,
        )
        if found.kernel is not None:
            frame.insert(0, "in kernel", found.kernel[pos])
        lines.append(frame_text(frame, width, float_format=lambda v: f"{v:.3f}"))
    return lines


def sensitivity_json(report: SensitivityReport) -> str:
    document = {
        "profile": report.result.profile.id,
        "samples": report.samples,
        "seed": report.seed,
        "weights": report.sampler,
        "data": report.data,
        "data_draws": report.data_draws,
        "acceptability": {m: t.to_dict(orient="index") for m, t in report.acceptability.items()},
        "acceptability_max_se": dict(report.acceptability_se),
        "central_weights": {
            m: t.to_dict(orient="index") for m, t in report.central_weights.items()
        },
        "confidence": report.confidence.to_dict(orient="index"),
        "winning": {m: t.to_dict(orient="index") for m, t in report.winning.items()},
        "stability": {m: t.frame().to_dict(orient="index") for m, t in report.stability.items()},
        "rank_correlations": {
            "spearman": report.result.rank_correlations().to_dict(orient="index"),
            "kendall": report.result.rank_correlations("kendall").to_dict(orient="index"),
        },
        "consensus": report.result.consensus().to_dict(orient="index"),
        "importance_inputs": report.importance_inputs,
        "importance": (
            None
            if report.importance is None
            else [
                {"leader": a, "criterion": c, **row}
                for (a, c), row in report.importance.to_dict(orient="index").items()
            ]
        ),
        "relations": {
            m: {
                "draws": f.draws,
                "coverage": f.coverage,
                "kernel": None
                if f.kernel is None
                else dict(zip(map(str, report.result.scores.index), f.kernel, strict=True)),
                "outranks": None
                if f.outranks is None
                else pd.DataFrame(
                    f.outranks,
                    index=report.result.scores.index,
                    columns=report.result.scores.index,
                ).to_dict(orient="index"),
                "max_standard_error": f.max_standard_error if f.draws else None,
            }
            for m, f in report.relations.items()
        },
        "notes": list(report.notes),
        "record": dict(report.result.record) | {"seed": report.seed, "samples": report.samples},
    }
    return json.dumps(_plain(document), indent=2, ensure_ascii=False) + "\n"
