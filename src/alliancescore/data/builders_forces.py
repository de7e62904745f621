"""Hand-kept tables of one state's spells: ``reference/no_armed_forces.csv`` (states without
armed forces) and ``reference/contested_un_seats.csv`` (years in which a state's UN votes were
cast by envoys of a government not in control), checked.

The rows are statements by hand (each with its source), so the builder only checks them and
writes them sorted: one state's spans do not overlap (a span ending before it starts is
refused when the file is read) and the nation was a state (COW or Gleditsch-Ward list) in the
span's first year. How a state is read from them:
:meth:`alliancescore.data.forces.ForcesQueries.armed_forces` and
:attr:`alliancescore.data.spec.TableSpec.voided_by`.
"""

from __future__ import annotations

import pandas as pd

from alliancescore.data.builders_common import BuildContext, overlapping_spans, states_missing
from alliancescore.errors import AllianceScoreError

__all__ = ["build_contested_un_seats", "build_no_armed_forces"]


def build_no_armed_forces(ctx: BuildContext) -> pd.DataFrame:
    """The checked rows of ``reference/no_armed_forces.csv``, sorted by state and year (an
    :class:`~alliancescore.errors.AllianceScoreError` listing every problem otherwise)."""
    return _state_spells(ctx, "no_armed_forces")


def build_contested_un_seats(ctx: BuildContext) -> pd.DataFrame:
    """The checked rows of ``reference/contested_un_seats.csv``, sorted by state and year."""
    return _state_spells(ctx, "contested_un_seats")


def _state_spells(ctx: BuildContext, name: str) -> pd.DataFrame:
    rows = ctx.reference_frame(name).copy()
    file = f"data/files/reference/{name}.csv"

    def where(index: int) -> str:
        return f"{file}: line {index + 2}"

    problems = overlapping_spans(
        rows, ["iso3"], where, lambda row: f"one span at a time for {row['iso3']}"
    ) + states_missing(ctx, rows, ["iso3"], where)
    if problems:
        raise AllianceScoreError(problems)
    return rows.sort_values(["iso3", "first_year"]).reset_index(drop=True)
