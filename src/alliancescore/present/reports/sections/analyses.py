"""The comparison's analyses: a title and a short name for each (telling apart profiles,
criteria files or both), and what each one is (question, criteria, weights) with its leaders
(the "analyses" and "tops" sections of ``templates/compare.html.j2``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from alliancescore.analysis.result import Result

from .shared import Limits, command, labels, nation_name, order, top_criteria

__all__ = ["analyses", "entry_titles"]


def _short(r: Result, same_criteria: bool, same_profile: bool, distinct_profiles: bool) -> str:
    if same_criteria:
        return r.profile.focal if distinct_profiles else r.profile.id
    if same_profile:
        return r.criteria.id
    return f"{r.profile.focal}/{r.criteria.id}"


def _title(r: Result, same_criteria: bool, same_profile: bool) -> str:
    if same_criteria:
        return f"{r.profile.label}"
    if same_profile:
        return f"{r.profile.focal}: {r.criteria.label} ({r.criteria.id} {r.criteria.version})"
    return f"{r.profile.label} / {r.criteria.label} ({r.criteria.id})"


def entry_titles(results: Sequence[Result]) -> list[tuple[str, str]]:
    """(title, short name) per analysis: by profile when they share a criteria file, by
    criteria file when they share a profile, else by both; a short name that would repeat
    is numbered."""
    profiles = {r.profile.id for r in results}
    criteria = {(r.criteria.id, r.criteria.path) for r in results}
    same_criteria, same_profile = len(criteria) == 1, len(profiles) == 1
    distinct = len(profiles) == len(results)
    titles = [_title(r, same_criteria, same_profile) for r in results]
    short = [_short(r, same_criteria, same_profile, distinct) for r in results]
    counts = Counter(short)
    seen: Counter = Counter()
    unique = []
    for s in short:
        seen[s] += 1
        unique.append(s if counts[s] == 1 else f"{s} ({seen[s]})")
    return [*zip(titles, unique, strict=True)]


def _entry(
    r: Result, title: str, short: str, method: str, data: Any, limits: Limits
) -> dict[str, Any]:
    label = labels(r)
    best_first = order(r, method)
    return {
        "title": title,
        "short": short,
        "profile": r.profile.label,
        "focal": r.profile.focal,
        "focal_name": nation_name(data, r.profile.focal),
        "year": r.profile.year,
        "threats": [
            {"actor": t.actor, "name": nation_name(data, t.actor), "severity": t.severity}
            for t in r.profile.threats
        ],
        "criteria": f"{r.criteria.label} ({r.criteria.id} {r.criteria.version})",
        "weights": top_criteria(r),
        "weights_scheme": r.weights.scheme,
        "count": len(best_first),
        "top": [
            {
                "rank": int(r.ranks.loc[a, method]),
                "label": label[a],
                "score": float(r.scores.loc[a, method]),
            }
            for a in best_first[: limits.compare_rows]
        ],
        "record": {
            "command": command(r.record),
            "inputs": [dict(i) for i in r.record.get("inputs", [])],
        },
    }


def analyses(
    results: Sequence[Result],
    names: Sequence[tuple[str, str]],
    method: str,
    data: Any,
    limits: Limits,
) -> list[dict[str, Any]]:
    """One entry per analysis (``names`` from :func:`entry_titles`): its question, criteria,
    top-level weights and its first ``limits.compare_rows`` alternatives by ``method``."""
    return [
        _entry(r, title, short, method, data, limits)
        for (title, short), r in zip(names, results, strict=True)
    ]
