"""Several analysts as text and JSON: who ranks what first, how far they agree, and the team's
rank acceptability (read from :mod:`alliancescore.analysis.group`, never recomputed)."""

from __future__ import annotations

import json
import math
from typing import Any

from alliancescore.analysis.group import GroupAnalysis, TeamSMAA
from alliancescore.present.prose import wrap_prose

__all__ = ["group_json", "group_lines", "team_json", "team_lines", "with_group"]


def _w(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def group_lines(analysis: GroupAnalysis, k: int = 3) -> list[str]:
    """The short group section of ``score``: each analyst's weights and top ``k``, Kendall's
    W per method, the alternatives they agree on and split over."""
    m = analysis.method
    lines = [f"analysts ({len(analysis.labels)}; {m} unless named):"]
    criteria = list(analysis.weights.columns)
    for aid, label in analysis.labels.items():
        weights = ", ".join(f"{c} {analysis.weights.loc[aid, c]:.2f}" for c in criteria)
        top = ", ".join(analysis.top_k(aid, k))
        lines.append(
            f"  {aid} ({label}, voting {analysis.voting[aid]:g}): top {k} {top}; weights {weights}"
        )
    lines.append(
        "  Kendall's W over the analysts: "
        + ", ".join(f"{name} {_w(w)}" for name, w in analysis.concordance.items())
    )
    spread = analysis.spread

    def ranged(alt: str) -> str:
        row = spread.loc[alt]
        return f"{alt} {int(row['best'])}-{int(row['worst'])}"

    if analysis.agreed:
        lines.append("  agree on (rank range): " + ", ".join(map(ranged, analysis.agreed)))
    lines.append("  most split (rank range): " + ", ".join(map(ranged, analysis.split)))
    return lines


def group_json(analysis: GroupAnalysis) -> dict[str, Any]:
    """The group results as plain data for ``score --format json``."""
    return {
        "method": analysis.method,
        "analysts": [
            {
                "id": aid,
                "label": label,
                "voting": analysis.voting[aid],
                "weights": {c: float(v) for c, v in analysis.weights.loc[aid].items()},
                "top": {m: analysis.top.loc[aid, m] for m in analysis.top.columns},
                "ranks": {
                    m: {alt: int(r) for alt, r in ranks[aid].items()}
                    for m, ranks in analysis.ranks.items()
                },
            }
            for aid, label in analysis.labels.items()
        ],
        "group_weights": {c: float(v) for c, v in analysis.weights.loc["group"].items()},
        "kendall_w": {m: (None if math.isnan(w) else w) for m, w in analysis.concordance.items()},
        "kendall_tau_b": {
            m: {a: {b: float(v) for b, v in row.items()} for a, row in frame.iterrows()}
            for m, frame in analysis.correlations.items()
        },
        "rank_range": {
            alt: {
                "group": int(row["group"]),
                "best": int(row["best"]),
                "worst": int(row["worst"]),
                "range": int(row["range"]),
            }
            for alt, row in analysis.spread.iterrows()
        },
        "agreed": list(analysis.agreed),
        "split": list(analysis.split),
    }


def team_lines(
    team: TeamSMAA, shown: list[str], ranks: int = 3, width: int | None = None
) -> list[str]:
    """The team's rank acceptability of the alternatives ``shown`` (ranks 1..``ranks``); the
    lines of prose wrapped to ``width`` when given (:mod:`alliancescore.present.prose`), the
    table's rows kept whole."""
    lines = wrap_prose(
        [
            f"Over the team ({team.samples:,} draws: {team.sampler}):",
            "rank acceptability b^r (share of draws), first ranks:",
        ],
        width,
    )
    for method, table in team.acceptability.items():
        columns = list(table.columns[:ranks])
        lines += wrap_prose(
            [f"  {method} (largest Monte Carlo SE {team.max_standard_error[method]:.4f})"], width
        )
        lines.append("    " + " " * 14 + "".join(f"{'b^' + str(r):>9}" for r in columns))
        for alt in shown:
            lines.append(f"    {alt:<14}" + "".join(f"{table.loc[alt, r]:9.3f}" for r in columns))
    return lines


def team_json(team: TeamSMAA) -> dict[str, Any]:
    return {
        "samples": team.samples,
        "seed": team.seed,
        "weights": team.sampler,
        "acceptability": {
            m: {alt: [float(v) for v in row] for alt, row in table.iterrows()}
            for m, table in team.acceptability.items()
        },
        "max_standard_error": dict(team.max_standard_error),
    }


def with_group(document_text: str, analysis: GroupAnalysis, team: TeamSMAA | None = None) -> str:
    """A JSON document (``score`` or ``sensitivity`` output) with the analysts' results added
    under ``"group"`` (and the team's rank acceptability under ``"group"."team"``)."""
    document = json.loads(document_text)
    document["group"] = group_json(analysis)
    if team is not None:
        document["group"]["team"] = team_json(team)
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
