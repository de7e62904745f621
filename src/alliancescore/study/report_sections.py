"""The study report's sections as plain data: the overview of top choices, one section per
focal state (partners over time, the top choice by method, its stability, the most critical
criterion) and the tasks without results.

Each builder reads the tables of :mod:`.tables` (never the parts again, never recomputing a
statistic) and returns dicts, lists and numbers for the templates
(``present/reports/templates/_study_*.html.j2``), with tables in the reports' one shape
(:func:`alliancescore.present.reports.sections.shared.table`) and charts as inline SVG.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from alliancescore.present.reports.charts import partner_timeline
from alliancescore.present.reports.format import pct
from alliancescore.present.reports.sections.shared import column, table

__all__ = [
    "Indexed",
    "StudyLimits",
    "anchor",
    "overview",
    "screened_section",
    "skipped_section",
    "state_sections",
]


@dataclass(frozen=True)
class StudyLimits:
    """How much the study report draws: partners per chart (the rest are counted)."""

    chart_partners: int = 12


def anchor(code: str, used: set[str]) -> str:
    """A unique, safe HTML id for a focal state's section (``focal-JPN``)."""
    base = "focal-" + re.sub(r"[^A-Za-z0-9_-]", "_", code)
    name, k = base, 2
    while name in used:
        name, k = f"{base}-{k}", k + 1
    used.add(name)
    return name


Key = tuple[str, int, str]  # (focal, year, method)


@dataclass(frozen=True)
class Indexed:
    """The tables of :mod:`.tables` as plain records grouped by (focal, year, method), read
    once: ``leaders`` the top choice's rows (several when tied), ``ranked`` the top N rows
    best first, ``critical`` the most critical criterion's rows of ``most_critical`` by focal
    state."""

    leaders: dict[Key, list[dict[str, Any]]]
    ranked: dict[Key, list[dict[str, Any]]]
    critical: dict[str, list[dict[str, Any]]]

    @classmethod
    def of(cls, tables: Mapping[str, pd.DataFrame]) -> Indexed:
        leaders: dict[Key, list[dict[str, Any]]] = {}
        for r in tables["top_choice_stability"].to_dict("records"):
            leaders.setdefault((r["focal"], int(r["year"]), r["method"]), []).append(r)
        ranked: dict[Key, list[dict[str, Any]]] = {}
        for r in tables["top_partners"].to_dict("records"):
            ranked.setdefault((r["focal"], int(r["year"]), r["method"]), []).append(r)
        critical: dict[str, list[dict[str, Any]]] = {}
        for r in tables["most_critical"].to_dict("records"):
            critical.setdefault(r["focal"], []).append(r)
        return cls(leaders, ranked, critical)


def _choice(rows: Sequence[Mapping[str, Any]]) -> str:
    """The alternatives of ``rows`` (a tie: all of them) as ``DEU`` or ``DEU = FRA``."""
    return " = ".join(str(r["alternative"]) for r in rows)


def _named(rows: Sequence[Mapping[str, Any]]) -> str:
    return " = ".join(
        f"{r['name']} ({r['alternative']})" if r["name"] != r["alternative"] else str(r["name"])
        for r in rows
    )


def _largest(rows: Sequence[Mapping[str, Any]], name: str) -> float | None:
    """The largest finite ``name`` of ``rows`` (a tie's top choices), else ``None``."""
    values = [float(r[name]) for r in rows if r[name] is not None]
    values = [v for v in values if np.isfinite(v)]
    return max(values) if values else None


def _other_first(rows: Sequence[Mapping[str, Any]]) -> str:
    """``ITA 48.5%`` when an alternative other than the top choice (``rows``) is first in
    more weight draws (among the top N), else ``""``."""
    first = rows[0]["most_often_first"] if rows else None
    if not isinstance(first, str) or not first:
        return ""
    leaders = {str(r["alternative"]) for r in rows}
    if set(first.split(" ")) & leaders:
        return ""
    return f"{first.replace(' ', ' = ')} {pct(rows[0]['most_often_first_rank1_acceptability'])}"


def _changes(choices: Sequence[str | None]) -> int:
    """How often the top choice changes between consecutive years with results."""
    seen = [c for c in choices if c]
    return sum(a != b for a, b in itertools.pairwise(seen))


def _agreement(
    index: Indexed, focal: str, years: Sequence[int], methods: Sequence[str]
) -> float | None:
    """The share of the focal state's years with results in which every method has the same
    top choice."""
    if len(methods) < 2:
        return None
    verdicts = []
    for year in years:
        found = [index.leaders.get((focal, year, m)) for m in methods]
        if not any(found):
            continue
        tops = {tuple(sorted(str(r["alternative"]) for r in f)) if f else None for f in found}
        verdicts.append(len(tops) == 1 and None not in tops)
    return float(np.mean(verdicts)) if verdicts else None


def overview(
    index: Indexed,
    focal: Sequence[str],
    years: Sequence[int],
    method: str,
    methods: Sequence[str],
    names: Mapping[str, str],
    anchors: Mapping[str, str],
) -> dict[str, Any]:
    """Focal states down, years across: each year's top choice by ``method`` with its rank-1
    acceptability; per state how often the top choice changes and how often the methods
    agree on it."""
    rows = []
    for code in focal:
        cells, tops = [], []
        for year in years:
            leaders = index.leaders.get((code, year, method))
            if not leaders:
                cells.append(None)
                tops.append(None)
                continue
            top = _choice(leaders)
            tops.append(top)
            share = _largest(leaders, "rank1_acceptability")
            other = _other_first(leaders)
            title = _named(leaders) + (f"; first more often: {other}" if other else "")
            cells.append({"top": top, "title": title, "share": share, "other": bool(other)})
        rows.append(
            {
                "focal": code,
                "name": names.get(code, code),
                "anchor": anchors[code],
                "cells": cells,
                "changes": _changes(tops),
                "years": sum(t is not None for t in tops),
                "agreement": _agreement(index, code, years, methods),
            }
        )
    return {"years": list(years), "rows": rows, "method": method}


def _partner_order(ranked: Sequence[Mapping[str, Any]]) -> list[str]:
    """Partners that reach the top in some year: best rank reached first, then the most
    years in the top, then the earliest year, then the id."""
    best: dict[str, int] = {}
    seen: dict[str, set[int]] = {}
    for r in ranked:
        a = str(r["alternative"])
        best[a] = min(best.get(a, r["rank"]), r["rank"])
        seen.setdefault(a, set()).add(int(r["year"]))
    return sorted(best, key=lambda a: (best[a], -len(seen[a]), min(seen[a]), a))


def _chart(
    index: Indexed,
    code: str,
    years: Sequence[int],
    method: str,
    top: int,
    names: Mapping[str, str],
    limits: StudyLimits,
) -> tuple[Any, int]:
    """The partners-over-time chart of one focal state and how many partners it leaves out."""
    ranked = [r for y in years for r in index.ranked.get((code, y, method), ())]
    order = _partner_order(ranked)
    if not order:
        return None, 0
    shown = order[: limits.chart_partners]
    ranks = np.full((len(shown), len(years)), np.nan)
    where = {a: i for i, a in enumerate(shown)}
    column_of = {y: j for j, y in enumerate(years)}
    for r in ranked:
        if r["alternative"] in where:
            ranks[where[r["alternative"]], column_of[int(r["year"])]] = r["rank"]
    shares, errors, leaders = [], [], []
    for year in years:
        rows = index.leaders.get((code, year, method), [])
        share, se = _largest(rows, "rank1_acceptability"), _largest(rows, "rank1_se")
        shares.append(np.nan if share is None else share)
        errors.append(np.nan if se is None else se)
        leaders.append(_choice(rows))
    labels = [f"{names.get(a, a)} ({a})" if names.get(a, a) != a else a for a in shown]
    chart = partner_timeline(
        labels,
        [str(y) for y in years],
        ranks,
        top,
        f"{names.get(code, code)}: partners ranked 1 to {top} per year",
        shares=shares if np.isfinite(shares).any() else None,
        errors=errors,
        leaders=leaders,
    )
    return chart, max(0, len(order) - len(shown))


def _yes_no(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return "yes" if bool(value) else "no"


def _partners_table(
    index: Indexed,
    code: str,
    years: Sequence[int],
    method: str,
    threats: Mapping[tuple[str, int], str],
    target: bool,
) -> dict[str, Any]:
    """Per year: the top choice, its share of draws and SE, the runner-up, the top N, the
    draws (whether they met the target standard error when the parts record it: ``target``;
    and the threat actors, when ``threats`` has them)."""
    rows = []
    for year in years:
        leaders = index.leaders.get((code, year, method))
        if not leaders:
            continue
        first = leaders[0]
        runner = first["runner_up"]
        rows.append(
            [
                str(year),
                _named(leaders),
                _largest(leaders, "rank1_acceptability"),
                _largest(leaders, "rank1_se"),
                runner if isinstance(runner, str) else "",
                _other_first(leaders),
                ", ".join(
                    str(r["alternative"]) for r in index.ranked.get((code, year, method), ())
                ),
                first["samples"],
                *([_yes_no(first["target_met"])] if target else []),
                *([threats.get((code, year), "")] if threats else []),
            ]
        )
    extra = [column("threat actors", title="the backtest's rule; never candidates")]
    met = column("target met", title="whether the draws reached the target standard error")
    return table(
        [
            column("year"),
            column("top choice"),
            column("first in", "share", "share of weight draws ranking it first"),
            column("SE", "score", "Monte Carlo standard error of that share"),
            column("runner-up"),
            column(
                "first more often",
                title="an alternative of the top N ranked first in more weight draws than the "
                "top choice",
            ),
            column("top N, best first"),
            column("draws", "int", "weight draws used for the task"),
            *([met] if target else []),
            *(extra if threats else []),
        ],
        rows,
    )


def _by_method(
    index: Indexed, code: str, years: Sequence[int], methods: Sequence[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Years down, methods across: the top choice with its share; and the top N lists."""
    firsts, lists = [], []
    for year in years:
        if not any(index.leaders.get((code, year, m)) for m in methods):
            continue
        first, listed = [str(year)], [str(year)]
        for method in methods:
            leaders = index.leaders.get((code, year, method), [])
            share = _largest(leaders, "rank1_acceptability")
            text = _choice(leaders)
            first.append(f"{text} ({pct(share)})" if share is not None and text else text)
            ranked = index.ranked.get((code, year, method), ())
            listed.append(", ".join(str(r["alternative"]) for r in ranked))
        firsts.append(first)
        lists.append(listed)
    columns = [column("year"), *[column(m) for m in methods]]
    return table(columns, firsts), table(columns, lists)


def _stability_table(
    index: Indexed, code: str, years: Sequence[int], methods: Sequence[str]
) -> dict[str, Any] | None:
    """Per year and method with stability intervals: the most critical criterion and the
    range of its weight over which the top choice stays."""
    rows = []
    for year in years:
        for method in methods:
            leaders = index.leaders.get((code, year, method))
            if not leaders or _missing(leaders[0]["exact"]):
                continue
            r = leaders[0]
            criterion = r["criterion"] if isinstance(r["criterion"], str) else ""
            rows.append(
                [
                    str(year),
                    method,
                    _choice(leaders),
                    criterion or "none: no single weight change alters it",
                    r["t0"],
                    r["top1_low"],
                    r["top1_high"],
                    r["top1_change"],
                    r["top1_relative_change"],
                    "exact" if bool(r["exact"]) else "numerical",
                ]
            )
    if not rows:
        return None
    return table(
        [
            column("year"),
            column("method"),
            column("top choice"),
            column("most critical criterion"),
            column("weight", "weight", "the criterion's weight in the profile (t0)"),
            column("stays first from", "weight", "lowest weight keeping the top choice"),
            column("to", "weight", "highest weight keeping the top choice"),
            column("change", "weight", "smallest weight change that alters the top choice"),
            column("relative", "fixed", "the change relative to the weight (n/a: never)"),
            column("crossings"),
        ],
        rows,
    )


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _critical_table(
    rows: Sequence[Mapping[str, Any]], methods: Sequence[str]
) -> tuple[dict[str, Any] | None, str]:
    """Criteria down, methods across: in how many years each is the most critical; and a
    sentence naming the most frequent one."""
    if not rows:
        return None, ""
    ordered = sorted(rows, key=lambda r: (-r["years"], -r["share"]))
    counts = {(r["criterion"], r["method"]): r for r in rows}
    table_rows = []
    for criterion in dict.fromkeys(r["criterion"] for r in ordered):
        row = [criterion or "none (no single weight change alters the top choice)"]
        for method in methods:
            hit = counts.get((criterion, method))
            row.append(f"{int(hit['years'])} of {int(hit['of_years'])}" if hit else "")
        table_rows.append(row)
    best = ordered[0]
    line = (
        f"{best['criterion'] or 'No single criterion'} is most often the most critical: "
        f"{int(best['years'])} of {int(best['of_years'])} years ({best['method']})."
    )
    return table([column("criterion"), *[column(m) for m in methods]], table_rows), line


def state_sections(
    index: Indexed,
    focal: Sequence[str],
    years: Sequence[int],
    method: str,
    methods: Sequence[str],
    top: int,
    names: Mapping[str, str],
    anchors: Mapping[str, str],
    limits: StudyLimits,
    threats: Mapping[tuple[str, int], str] | None = None,
    target: bool = False,
) -> list[dict[str, Any]]:
    """One section per focal state (see the module docstring); ``threats``: each (focal,
    year)'s threat actors as text, shown beside the top partners when given; ``target``:
    whether the parts record if the draws met a target standard error."""
    out = []
    for code in focal:
        chart, left_out = _chart(index, code, years, method, top, names, limits)
        firsts, lists = _by_method(index, code, years, methods)
        critical, line = _critical_table(index.critical.get(code, []), methods)
        out.append(
            {
                "focal": code,
                "name": names.get(code, code),
                "anchor": anchors[code],
                "has_results": bool(firsts["rows"]),
                "chart": chart,
                "left_out": left_out,
                "partners": _partners_table(index, code, years, method, threats or {}, target),
                "by_method": firsts,
                "top_lists": lists,
                "stability": _stability_table(index, code, years, methods),
                "critical": critical,
                "critical_line": line,
            }
        )
    return out


def skipped_section(frame: pd.DataFrame) -> dict[str, Any]:
    """The tasks without results, with their status and message."""
    return table(
        [column("task"), column("status"), column("message")],
        frame[["task", "status", "message"]].itertuples(index=False, name=None),
    )


def screened_section(frame: pd.DataFrame) -> dict[str, Any]:
    """The candidates the template's screens (relations, armed forces) left out, per task,
    with the reason."""
    return table(
        [column("focal"), column("year"), column("alternative"), column("name"), column("reason")],
        frame[["focal", "year", "alternative", "name", "reason"]].itertuples(
            index=False, name=None
        ),
    )
