"""The diplomatic-relations table: the hand-kept ``reference/diplomatic_relations.csv``, checked.

The rows are statements by hand (each with its event and source), so the builder only checks
them and writes them sorted: a pair of two different states in alphabetical order, one pair's
spans that do not overlap (a span ending before it starts is refused when the file is read),
and both states existing
(COW or Gleditsch-Ward list) in the span's first year. How a pair is read from it is
:meth:`alliancescore.data.relations.RelationsQueries.diplomatic_relations`.
"""

from __future__ import annotations

import pandas as pd

from alliancescore.data.builders_common import BuildContext, overlapping_spans, states_missing
from alliancescore.errors import AllianceScoreError, Problem

__all__ = ["build_diplomatic_relations"]

_FILE = "data/files/reference/diplomatic_relations.csv"


def build_diplomatic_relations(ctx: BuildContext) -> pd.DataFrame:
    """The checked rows of ``reference/diplomatic_relations.csv``, sorted by pair and year
    (an :class:`~alliancescore.errors.AllianceScoreError` listing every problem otherwise)."""
    rows = ctx.reference_frame("diplomatic_relations").copy()
    problems = _pair_problems(rows) + _span_problems(rows) + _state_problems(ctx, rows)
    if problems:
        raise AllianceScoreError(problems)
    return rows.sort_values(["state_a", "state_b", "first_year"]).reset_index(drop=True)


def _where(index: int) -> str:
    return f"{_FILE}: line {index + 2}"


def _pair_problems(rows: pd.DataFrame) -> list[Problem]:
    return [
        Problem(
            _where(i),
            "two different states, state_a before state_b in alphabetical order",
            f"{row['state_a']}, {row['state_b']}",
            "Write the pair once, in alphabetical order",
        )
        for i, row in rows.iterrows()
        if not row["state_a"] < row["state_b"]
    ]


def _span_problems(rows: pd.DataFrame) -> list[Problem]:
    return overlapping_spans(
        rows,
        ["state_a", "state_b"],
        _where,
        lambda row: f"one span at a time for {row['state_a']}-{row['state_b']}",
    )


def _state_problems(ctx: BuildContext, rows: pd.DataFrame) -> list[Problem]:
    return states_missing(ctx, rows, ["state_a", "state_b"], _where)
