"""What each file of the data set (``data/files/``) holds: columns, types, units, keys,
coverage and staleness.

One :class:`TableSpec` per file. The build writes files to these specs (column order, number
formats) and the loader checks files against them (header, types, value domains, spells that
end before they begin, keys, ISO3 codes), so a spec is the single description of a table.
Units and coverage are stated per column and per table.

Conventions used throughout:

* nations are ISO 3166-1 alpha-3 codes as defined by ``data/files/reference/nations.csv``
  (with a few formerly used or user-assigned codes for states that have no current code);
* years are calendar years; a dyadic or spell table marks a spell that runs to the end of its
  source's coverage with an empty end, which the lookups carry forward and flag;
* an empty cell is a missing value and stays missing: nothing is filled or interpolated.
"""

from __future__ import annotations

from alliancescore.data.schema_nations import NATION_TABLES
from alliancescore.data.schema_pairs import PAIR_TABLES
from alliancescore.data.schema_reference import REFERENCE
from alliancescore.data.spec import FIRST_YEAR, Column, ColumnKind, TableKind, TableSpec

__all__ = [
    "ARMS_WINDOW_YEARS",
    "FIRST_YEAR",
    "REFERENCE",
    "TABLES",
    "Column",
    "ColumnKind",
    "TableKind",
    "TableSpec",
]

TABLES: dict[str, TableSpec] = {**NATION_TABLES, **PAIR_TABLES}
"""Every built table in ``data/files/tables``, by name (declared by source family in
:mod:`~alliancescore.data.schema_nations` and :mod:`~alliancescore.data.schema_pairs`; the
reference files in :mod:`~alliancescore.data.schema_reference`)."""

ARMS_WINDOW_YEARS = 10
"""Length of the trailing order-year window of :data:`TABLES` ``arms_shares``."""
