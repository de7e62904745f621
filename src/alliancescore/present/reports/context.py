"""From a :class:`Result` (and its :class:`SensitivityReport`) to a report context, assembled
from the sections (:mod:`.sections`, one module each).

The context is plain data: dicts, lists, strings and raw numbers (formatting is left to the
templates' filters), plus the charts as inline SVG (``Markup``) and the what-if panel's data
(a dict the template embeds as JSON). Nothing here writes HTML by hand or knows how the
scores were computed: the sections read what the result hands over. Tables share one shape
(:mod:`.sections.shared`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from alliancescore.analysis.group import GroupAnalysis, TeamSMAA, analyse_group
from alliancescore.analysis.result import Result
from alliancescore.analysis.robustness import SensitivityReport
from alliancescore.backtest.figures import read_figures

from . import sections
from .sections import Limits, load_backtest, whatif_data

__all__ = [
    "Limits",
    "comparison_context",
    "group_analysis",
    "load_backtest",
    "profile_context",
    "whatif_data",
]


def group_analysis(result: Result) -> GroupAnalysis | None:
    """The analysts' disagreement when the profile has ``[[analysts]]`` and the group (not one
    analyst alone, ``--analyst``) was scored; else ``None``."""
    if result.group is None or result.group.only is not None:
        return None
    return analyse_group(result)


def profile_context(
    result: Result,
    report: SensitivityReport | None = None,
    *,
    data: Any = None,
    limits: Limits | None = None,
    backtest: str | Path | None = None,
    templates: Mapping[str, Any] | None = None,
    group: GroupAnalysis | None = None,
    team: TeamSMAA | None = None,
) -> dict[str, Any]:
    """Everything the profile report shows, as plain data (see the module docstring);
    ``backtest`` is a folder of backtest files (only those of the result's criteria model
    are shown). For a profile with analysts: ``group`` is
    :func:`~alliancescore.analysis.group.analyse_group` of ``result`` (run here when not
    given) and ``team`` the run over the team (:func:`~alliancescore.analysis.group.
    team_smaa`; without it the group section has no team view)."""
    limits = limits or Limits()
    if report is not None and report.result is not result:
        raise ValueError("the sensitivity report belongs to another result")
    if group is None:
        group = group_analysis(result)
    elif result.group is None or not group.spread["group"].equals(
        result.ranks[group.method].reindex(group.spread.index)
    ):
        raise ValueError("the group analysis belongs to another result")
    return {
        "kind": "profile",
        "title": f"{result.profile.label}",
        "question": sections.question(result, data),
        "primary": result.primary_method,
        "ranking": sections.ranking(result, limits),
        "methods": sections.methods(result, limits),
        "relations": sections.relations(result, report, limits),
        "sensitivity": sections.sensitivity(result, report, limits) if report is not None else None,
        "data_notes": sections.data_notes(result, data),
        "record": sections.record(result, report, data, templates),
        "explain": sections.explain(result, limits),
        "group": sections.group(result, group, report, team, limits),
        "whatif": whatif_data(result),
        "backtest": sections.backtest(read_figures(backtest, result.criteria.id)),
        "limits": limits,
    }


def _common_method(results: Sequence[Result], method: str | None) -> tuple[str, list[str]]:
    """The method the comparison ranks by (default: the first every result runs) and the
    methods every result runs."""
    common = [m for m in results[0].methods if all(m in r.methods for r in results)]
    if method is None:
        if not common:
            raise ValueError("the results share no method; name one with method=")
        return common[0], common
    if method not in common:
        raise ValueError(f"method {method!r} is not run by every result")
    return method, common


def comparison_context(
    results: Sequence[Result],
    *,
    method: str | None = None,
    data: Any = None,
    limits: Limits | None = None,
    templates: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Several analyses side by side: profiles, criteria files or weight sets."""
    limits = limits or Limits()
    if len(results) < 2:
        raise ValueError("a comparison needs at least two results")
    method, common_methods = _common_method(results, method)
    names = sections.entry_titles(results)
    shorts = [s for _, s in names]
    analysts = [sections.analysts_entry(r, group_analysis(r), method) for r in results]
    weights = sections.weights_section(results, shorts)
    return {
        "kind": "comparison",
        "title": "Comparison: " + ", ".join(shorts),
        "method": method,
        "higher_is_better": bool(results[0].higher_is_better[method]),
        "common_methods": common_methods,
        "entries": sections.analyses(results, names, method, data, limits),
        # per analysis: None, or Kendall's W under the method and each analyst's first
        "analysts": [
            {"title": title, "short": short, **entry}
            for (title, short), entry in zip(names, analysts, strict=True)
            if entry is not None
        ],
        # common_count, common_table, agreement, agree, agree_k, differ, bump, bump_rows
        **sections.agreement(results, shorts, method, limits),
        "weights": weights,
        # the names before issue 12, for template folders that override compare.html.j2
        "weights_table": weights["top"],
        "weights_chart": weights["chart"],
        "criteria_differences": sections.criteria_differences(results, shorts),
        "record": sections.comparison_record(results, shorts, templates),
        "limits": limits,
    }
