"""The table of states without armed forces: the hand-kept ``reference/no_armed_forces.csv``,
checked.

The rows are statements by hand (each with what the state has instead and a source), so the
builder only checks them and writes them sorted: one state's spans do not overlap (a span
ending before it starts is refused when the file is read) and the nation was a state (COW or
Gleditsch-Ward list) in the span's first year. How a state is read from it is
:meth:`alliancescore.data.forces.ForcesQueries.armed_forces`.
"""

from __future__ import annotations

import pandas as pd

from alliancescore.data.builders_common import BuildContext, overlapping_spans, states_missing
from alliancescore.errors import AllianceScoreError

__all__ = ["build_no_armed_forces"]

_FILE = "data/files/reference/no_armed_forces.csv"


def build_no_armed_forces(ctx: BuildContext) -> pd.DataFrame:
    """The checked rows of ``reference/no_armed_forces.csv``, sorted by state and year (an
    :class:`~alliancescore.errors.AllianceScoreError` listing every problem otherwise)."""
    rows = ctx.reference_frame("no_armed_forces").copy()
    problems = overlapping_spans(
        rows, ["iso3"], _where, lambda row: f"one span at a time for {row['iso3']}"
    ) + states_missing(ctx, rows, ["iso3"], _where)
    if problems:
        raise AllianceScoreError(problems)
    return rows.sort_values(["iso3", "first_year"]).reset_index(drop=True)


def _where(index: int) -> str:
    return f"{_FILE}: line {index + 2}"
