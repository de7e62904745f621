"""The alliance-depth table: the hand-kept ``reference/alliance_depth.csv``, checked.

The rows are statements by hand (each with its dates and source), so the builder only checks
them and writes them sorted: a span ends no earlier than it starts, one member's spans in one
commitment do not overlap, a commitment has one level and at least two members, and every
member was a state (COW or Gleditsch-Ward list) in its first year. How a pair's depth is read
from it is :mod:`alliancescore.data.depth`.
"""

from __future__ import annotations

import pandas as pd

from alliancescore.data.builders_common import BuildContext, overlapping_spans, states_missing
from alliancescore.errors import AllianceScoreError, Problem

__all__ = ["build_alliance_depth"]

_FILE = "data/files/reference/alliance_depth.csv"


def build_alliance_depth(ctx: BuildContext) -> pd.DataFrame:
    rows = ctx.reference_frame("alliance_depth").copy()
    problems = _span_problems(rows) + _commitment_problems(rows) + _state_problems(ctx, rows)
    if problems:
        raise AllianceScoreError(problems)
    return rows


def _where(index: int) -> str:
    return f"{_FILE}: line {index + 2}"


def _span_problems(rows: pd.DataFrame) -> list[Problem]:
    return overlapping_spans(
        rows,
        ["commitment", "member"],
        _where,
        lambda row: f"one span at a time for {row['member']} in {row['commitment']}",
    )


def _commitment_problems(rows: pd.DataFrame) -> list[Problem]:
    problems = []
    for commitment, group in rows.groupby("commitment", sort=True):
        levels = sorted(set(group["level"]))
        if len(levels) != 1:
            problems.append(
                Problem(_FILE, f"one level for commitment {commitment!r}", ", ".join(levels))
            )
        if group["member"].nunique() < 2:
            problems.append(Problem(_FILE, f"at least two members of {commitment!r}", "one"))
    return problems


def _state_problems(ctx: BuildContext, rows: pd.DataFrame) -> list[Problem]:
    return states_missing(ctx, rows, ["member"], _where)
