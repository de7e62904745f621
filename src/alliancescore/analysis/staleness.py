"""Tables that have ended: which indicators their stale data knock out, said in one line each.

A table of the data set counts for a stated number of years past its source's last year
(:attr:`~alliancescore.data.spec.TableSpec.horizon`: ATOP's treaty spells are carried forward
through 2025, an annual table's values count for its ``max_staleness_years``). Past that year
every value read from it is stale and counts as missing, and the indicators reading it are
filled by their missing-data policies: a ranking of 2026 that has lost ATOP has lost defence
ties, extended deterrence and alignment with the threats, which a count of stale values does
not say. :func:`stale_warnings` says it, one ``WARNING`` line per table that has ended and
knocked out values of the criteria file's indicators: when the source ended and until when it
counted, which indicators it left missing for how many alternatives, and what to do.
``score`` puts the lines first among its notes; ``validate`` prints them among a profile's
(:func:`profile_warnings`, which builds the decision matrix only when a table read by the
criteria has ended at the profile's year).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from alliancescore.analysis.matrix import DecisionMatrix, build_matrix
from alliancescore.data import TABLES, Dataset
from alliancescore.data.provenance import Provenance
from alliancescore.errors import AllianceScoreError
from alliancescore.measures import MEASURES
from alliancescore.model.criteria import CriteriaModel
from alliancescore.model.profile import Profile

__all__ = ["ended_tables", "knocked_out", "profile_warnings", "stale_warnings"]


def ended_tables(model: CriteriaModel, year: int) -> dict[str, tuple[str, ...]]:
    """The data set's tables that have ended at ``year`` (past their horizon) and that the
    measures of ``model``'s indicators read: table -> those indicators, in the model's
    order (tables in the order the indicators first read them)."""
    found: dict[str, list[str]] = {}
    for ind in model.indicators:
        for table in MEASURES[ind.measure].tables:
            spec = TABLES.get(table)
            if spec is None or spec.horizon is None or year <= spec.horizon:
                continue
            found.setdefault(table, [])
            if ind.id not in found[table]:
                found[table].append(ind.id)
    return {table: tuple(ids) for table, ids in found.items()}


def _stale_use(record: Provenance, table: str) -> bool:
    return any(u.table == table and u.stale for u in record.uses)


def knocked_out(
    matrix: DecisionMatrix, ended: dict[str, tuple[str, ...]]
) -> dict[str, dict[str, int]]:
    """Per table that has ended, per indicator reading it, how many of the alternatives kept
    have a missing value because of it: the cell's raw value is missing, the cell is stale
    and its record (a coalition's: a member's) names the table as stale. Indicators without
    such a cell are left out."""
    kept = matrix.values.index
    members = matrix.state_provenance
    out: dict[str, dict[str, int]] = {}
    for table, indicators in ended.items():
        for ind in indicators:
            count = 0
            for alt in kept:
                if not (bool(matrix.stale.at[alt, ind]) and pd.isna(matrix.raw.at[alt, ind])):
                    continue
                record = matrix.provenance.at[alt, ind]
                if record.aggregation is not None and members is not None:
                    records: Sequence[Provenance] = [
                        members.at[m, ind] for m in record.members if m in members.index
                    ]
                else:
                    records = [record]
                count += any(_stale_use(r, table) for r in records)
            if count:
                out.setdefault(table, {})[ind] = count
    return out


def _remedy(table: str, year: int, indicators: Sequence[str]) -> str:
    """What to do about a table that has ended, after "score <horizon> or earlier, or"."""
    if table == "atop":
        return (
            f"record the ties in force in {year} as sourced [[overrides.ties]] (in a facts file "
            "or the profile)"
        )
    if TABLES[table].kind == "monadic":
        return f"give the values of {year} as sourced [[overrides.values]] for {table}"
    return f"give {_listed(indicators, 'or')} no weight"


def _listed(items: Sequence[str], last: str = "and") -> str:
    """``"a"``, ``"a and b"``, ``"a, b and c"``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def stale_warnings(matrix: DecisionMatrix, model: CriteriaModel, year: int) -> list[str]:
    """One ``WARNING`` line per table that has ended at ``year`` and left values of
    ``model``'s indicators missing in ``matrix`` (see the module docstring)."""
    total = len(matrix.values.index)
    lines = []
    for table, counts in knocked_out(matrix, ended_tables(model, year)).items():
        spec = TABLES[table]
        assert spec.horizon is not None and spec.last_year is not None
        spells = spec.kind in ("spell", "dyadic_spell")
        kept = "its spells carried forward" if spells else "its values counted"
        ordered = sorted(counts.items(), key=lambda item: -item[1])
        (first, n), rest = ordered[0], ordered[1:]
        lost = _listed(
            [f"{first} missing for {n} of {total} alternatives"]
            + [f"{ind} for {k}" for ind, k in rest]
        )
        policy = "the missing-data policy" if not rest else "their missing-data policies"
        lines.append(
            f"WARNING: {table} ends in {spec.last_year} ({kept} through {spec.horizon}), so "
            f"in {year} it leaves {lost} (filled by {policy}); score {spec.horizon} or "
            f"earlier, or {_remedy(table, year, [ind for ind, _ in ordered])}"
        )
    return lines


def profile_warnings(profile: Profile, model: CriteriaModel, data: Dataset) -> list[str]:
    """:func:`stale_warnings` for a checked profile (``validate``): the decision matrix is
    built only when a table read by the criteria has ended at the profile's year, and a
    profile that cannot be scored (its problems are ``score``'s to report) gets none."""
    if not ended_tables(model, profile.year):
        return []
    try:
        matrix = build_matrix(profile, model, data)
    except AllianceScoreError:
        return []
    return stale_warnings(matrix, model, profile.year)
