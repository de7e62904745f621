"""The diplomatic-relations table: the hand-kept ``reference/diplomatic_relations.csv``, checked.

The rows are statements by hand (each with its event and source), so the builder only checks
them and writes them sorted: a pair of two different states in alphabetical order, a span that
ends no earlier than it starts, one pair's spans that do not overlap, and both states existing
(COW or Gleditsch-Ward list) in the span's first year. How a pair is read from it is
:meth:`alliancescore.data.relations.RelationsQueries.diplomatic_relations`.
"""

from __future__ import annotations

import pandas as pd

from alliancescore.data.builders_common import BuildContext
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
    problems = []
    for i, row in rows.iterrows():
        if pd.notna(row["last_year"]) and row["last_year"] < row["first_year"]:
            problems.append(
                Problem(
                    _where(i),
                    "last_year >= first_year",
                    f"{row['first_year']} > {row['last_year']}",
                )
            )
    previous = None
    for i, row in rows.sort_values(["state_a", "state_b", "first_year"]).iterrows():
        same = previous is not None and (previous["state_a"], previous["state_b"]) == (
            row["state_a"],
            row["state_b"],
        )
        if same and (pd.isna(previous["last_year"]) or row["first_year"] <= previous["last_year"]):
            problems.append(
                Problem(
                    _where(i),
                    f"one span at a time for {row['state_a']}-{row['state_b']}",
                    f"a span from {row['first_year']} overlapping the one from "
                    f"{previous['first_year']}",
                )
            )
        previous = row
    return problems


def _state_problems(ctx: BuildContext, rows: pd.DataFrame) -> list[Problem]:
    assert ctx.existence is not None, "build 'states' first"
    states = set(zip(ctx.existence["iso3"], ctx.existence["year"], strict=True))
    return [
        Problem(
            _where(i),
            f"a state in {row['first_year']} (COW or Gleditsch-Ward list)",
            f"{code} was not",
        )
        for i, row in rows.iterrows()
        for code in (row["state_a"], row["state_b"])
        if (code, int(row["first_year"])) not in states
    ]
