"""Declarations of the project-owned reference files (the crosswalk and its companions)."""

from __future__ import annotations

from alliancescore.data.spec import (
    ISO3,
    Column,
    TableSpec,
)

__all__ = ["REFERENCE"]

REFERENCE: dict[str, TableSpec] = {
    "nations": TableSpec(
        name="nations",
        file="reference/nations.csv",
        kind="reference",
        description=(
            "Every nation the data set knows: states of the COW or Gleditsch-Ward system lists "
            "since 1946, keyed by ISO 3166 alpha-3, with region and sub-region."
        ),
        columns=(
            Column("iso3", "str", "ISO 3166 alpha-3 code (or a documented substitute)"),
            Column("name", "str", "English short name"),
            Column("code_basis", "str", "where the code comes from (ISO 3166-1, -3, assigned)"),
            Column("region", "str", "UN M49 region (Africa, Americas, Asia, Europe, Oceania)"),
            Column("subregion", "str", "UN M49 sub-region"),
            Column("continent", "str", "continent"),
            Column("region_basis", "str", "where region and sub-region come from"),
        ),
        key=("iso3",),
        sources=("countrycode", "cow_system", "gw_system"),
    ),
    "codes": TableSpec(
        name="codes",
        file="reference/codes.csv",
        kind="reference",
        description=(
            "Year-aware crosswalk from Correlates of War (cow) and Gleditsch-Ward (gw) state "
            "numbers to ISO3. A code maps to one nation in each year of [from_year, to_year] "
            "(empty = unbounded). When two codes map to one nation in the same year, the row "
            "from the code with the higher priority is kept."
        ),
        columns=(
            Column("system", "str", "code system", choices=("cow", "gw")),
            Column("code", "int", "state number in that system"),
            ISO3,
            Column("from_year", "int", "first year the mapping holds", nullable=True),
            Column("to_year", "int", "last year the mapping holds", nullable=True),
            Column("priority", "int", "wins a same-nation same-year collision if higher"),
            Column("note", "str", "why the mapping is what it is", nullable=True),
        ),
        key=("system", "code", "iso3", "from_year"),
        sources=("countrycode", "cow_system", "gw_system"),
    ),
    "names": TableSpec(
        name="names",
        file="reference/names.csv",
        kind="reference",
        description=(
            "Every nation name (or World Bank code) used by a name-keyed source, with the ISO3 "
            "it stands for. Matching is exact (spelling, spaces and case), so each variant is "
            "listed on purpose; year bounds make a name year-aware."
        ),
        columns=(
            Column("source", "str", "source id that uses the name"),
            Column("name", "str", "the name exactly as the source spells it"),
            ISO3,
            Column("from_year", "int", "first year the name means this nation", nullable=True),
            Column("to_year", "int", "last year the name means this nation", nullable=True),
            Column("note", "str", "why", nullable=True),
        ),
        key=("source", "name", "iso3", "from_year"),
    ),
    "set_aside": TableSpec(
        name="set_aside",
        file="reference/set_aside.csv",
        kind="reference",
        description=(
            "Names and codes in the sources that are deliberately not matched to a nation "
            "(aggregates, organisations, non-state actors, territories, unrecognised entities, "
            "back-projections), with the reason; optionally only in some years. Codes are set "
            "aside per code system (source 'cow' or 'gw'). Anything neither matched nor listed "
            "here fails the build."
        ),
        columns=(
            Column("source", "str", "source id, or 'cow' / 'gw' for a state number"),
            Column("name", "str", "name or code exactly as in the source"),
            Column("from_year", "int", "first year set aside (empty = unbounded)", nullable=True),
            Column("to_year", "int", "last year set aside (empty = unbounded)", nullable=True),
            Column("reason", "str", "why it is set aside"),
        ),
        key=("source", "name", "from_year"),
    ),
    "errata": TableSpec(
        name="errata",
        file="reference/errata.csv",
        kind="reference",
        description=(
            "Corrections to single cells of a source file, applied before matching. Each names "
            "the file, line and column, the value found (checked: the build fails if the "
            "source no longer has it) and the corrected value, with the reason."
        ),
        columns=(
            Column("file", "str", "source file name"),
            Column("line", "int", "line in the source file (header = line 1)"),
            Column("column", "str", "column name"),
            Column("found", "str", "value in the source"),
            Column("corrected", "str", "value used instead"),
            Column("reason", "str", "why"),
        ),
        key=("file", "line", "column"),
    ),
}
"""Project-owned reference files (hand-maintained inputs of the build)."""
