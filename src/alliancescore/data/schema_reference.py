"""Declarations of the project-owned reference files (the crosswalk and its companions)."""

from __future__ import annotations

from alliancescore.data.spec import (
    ISO3,
    LATITUDE,
    LONGITUDE,
    Column,
    TableSpec,
    iso_column,
    year_column,
)

__all__ = [
    "BUILD_INPUTS",
    "CAPITAL_VERDICTS",
    "CONTESTED_SEAT_COLUMNS",
    "DEPTH_INPUT_LEVELS",
    "NO_FORCES_COLUMNS",
    "REFERENCE",
    "RELATIONS_COLUMNS",
    "UCDP_HOLDER_COLUMNS",
]

CAPITAL_VERDICTS = ("cepii_wrong", "other_period", "other_city", "no_cepii_row")
"""How a capital spell that disagrees with CEPII's capital (or has no CEPII row) was resolved."""

DEPTH_INPUT_LEVELS = ("integrated", "coordinated", "pledge", "regional", "charter", "code")
"""Depth levels a row of ``reference/alliance_depth.csv`` can state (see
:mod:`alliancescore.data.depth` for the whole scale and how a pair's depth is decided);
``code`` is a region-wide code of conduct, on which a non-aggression pledge between two of its
parties may rest (:meth:`~alliancescore.data.depth.DepthQueries.nonaggression_codes`)."""

RELATIONS_COLUMNS = (
    iso_column("state_a", "one state of the pair (the pair is unordered)"),
    iso_column("state_b", "the other state"),
    year_column("first_year", "first year without relations at 31 December"),
    year_column(
        "last_year",
        "last year without relations at 31 December (empty = still none)",
        nullable=True,
    ),
    Column("dates", "str", "the event behind the years, as the sources give it"),
    Column("source", "str", "where the event and its date are stated"),
)
"""Columns of the diplomatic-relations table, as written by hand and as built."""

NO_FORCES_COLUMNS = (
    ISO3,
    year_column("first_year", "first year without regular armed forces at 31 December"),
    year_column(
        "last_year",
        "last year without regular armed forces at 31 December (empty = still none)",
        nullable=True,
    ),
    Column("instead", "str", "what the state has instead (police, a coast guard) and since when"),
    Column("source", "str", "where that is stated"),
)
"""Columns of the table of states without armed forces, as written by hand and as built."""

CONTESTED_SEAT_COLUMNS = (
    ISO3,
    year_column("first_year", "first year of UN votes cast for a government not in control"),
    year_column(
        "last_year",
        "last such year (empty = still so in 2024, the last year checked)",
        nullable=True,
    ),
    Column("seat_held_by", "str", "whose representatives held the state's UN seat"),
    Column("in_control", "str", "who governed the state (its capital) meanwhile, and from when"),
    Column("source", "str", "where the General Assembly's decision on the seat is stated"),
)
"""Columns of the table of contested UN seats, as written by hand and as built."""

UCDP_HOLDER_COLUMNS = (
    Column("gw", "int", "the Gleditsch-Ward number UCDP gives the government party"),
    ISO3,
    Column("conflict_id", "int", "the UCDP conflict in which that party is the capital holder"),
    year_column("first_year", "first conflict-year so read"),
    year_column(
        "last_year",
        "last conflict-year so read (empty = still so in 2024, UCDP's last year)",
        nullable=True,
    ),
    Column(
        "reading",
        "str",
        "war_over_government: the holder fights the recognised government, read as the "
        "state on the government side; capital_holder: the holder's row is not the state's",
        choices=("war_over_government", "capital_holder"),
    ),
    Column("capital_held_by", "str", "who held the capital, and what the conflict is"),
    Column("source", "str", "where UCDP's reading and the facts behind it are stated"),
)
"""Columns of the table of UCDP government parties that are not the recognised government."""

REFERENCE: dict[str, TableSpec] = {
    "nations": TableSpec(
        name="nations",
        file="reference/nations.csv",
        kind="reference",
        description=(
            "Every nation the data set knows: states of the COW or Gleditsch-Ward system lists "
            "since 1946, keyed by ISO 3166 alpha-3, with region, sub-region and intermediate "
            "region."
        ),
        columns=(
            Column("iso3", "str", "ISO 3166 alpha-3 code (or a documented substitute)"),
            Column("name", "str", "English short name"),
            Column("code_basis", "str", "where the code comes from (ISO 3166-1, -3, assigned)"),
            Column("region", "str", "UN M49 region (Africa, Americas, Asia, Europe, Oceania)"),
            Column("subregion", "str", "UN M49 sub-region"),
            Column(
                "intermediate_region",
                "str",
                "UN M49 intermediate region inside Latin America and the Caribbean (Caribbean, "
                "Central America, South America) and Sub-Saharan Africa (Eastern, Middle, "
                "Southern, Western Africa); empty elsewhere (UN Statistics Division, M49 "
                "standard; a former state takes its successor's)",
                nullable=True,
                choices=(
                    "Caribbean",
                    "Central America",
                    "South America",
                    "Eastern Africa",
                    "Middle Africa",
                    "Southern Africa",
                    "Western Africa",
                ),
            ),
            Column("continent", "str", "continent"),
            Column(
                "region_basis",
                "str",
                "where region and sub-region come from (the intermediate region: the M49 standard)",
            ),
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
            year_column("from_year", "first year the mapping holds", nullable=True),
            year_column("to_year", "last year the mapping holds", nullable=True),
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
            year_column("from_year", "first year the name means this nation", nullable=True),
            year_column("to_year", "last year the name means this nation", nullable=True),
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
            year_column("from_year", "first year set aside (empty = unbounded)", nullable=True),
            year_column("to_year", "last year set aside (empty = unbounded)", nullable=True),
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
            "source no longer has it) and the corrected value, with the reason. An empty "
            "corrected value sets the cell missing, as the source writes a missing value."
        ),
        columns=(
            Column("file", "str", "source file name"),
            Column("line", "int", "line in the source file (header = line 1)", minimum=2),
            Column("column", "str", "column name"),
            Column("found", "str", "value in the source"),
            Column("corrected", "str", "value used instead (empty = set missing)", nullable=True),
            Column("reason", "str", "why"),
        ),
        key=("file", "line", "column"),
    ),
    "capital_additions": TableSpec(
        name="capital_additions",
        file="reference/capital_additions.csv",
        kind="reference",
        description=(
            "Capital spells the sources lack, added by hand before the cross-check (Dar es "
            "Salaam as Tanzania's capital before Dodoma). Each gives where its coordinates "
            "come from and why it is added; an added spell may not overlap a source spell of "
            "another capital (the build fails)."
        ),
        columns=(
            ISO3,
            Column("capital", "str", "capital city"),
            Column("start", "date", "first day as capital"),
            Column("end", "date", "last day as capital (empty = still the capital)", nullable=True),
            LATITUDE,
            LONGITUDE,
            Column("coordinates", "str", "where the coordinates come from (file and line)"),
            Column("reason", "str", "why the spell is added, with the dates' source"),
        ),
        key=("iso3", "start"),
    ),
    "capital_checks": TableSpec(
        name="capital_checks",
        file="reference/capital_checks.csv",
        kind="reference",
        description=(
            "The cross-check of every capital spell against CEPII's geo_cepii capital "
            "(cepii_geo_cepii.csv, rows with cap = 1), decided by hand: one row per spell "
            "that lies more than 25 km from CEPII's capital, or has no CEPII row, with the "
            "verdict and the reason. The build fails on a disagreement without a row here, on "
            "a row whose distance no longer matches (within 1 km), and on a row for a spell "
            "that now agrees. Source errors are corrected in errata.csv, not here."
        ),
        columns=(
            ISO3,
            Column("capital", "str", "the data set's capital (after errata and additions)"),
            Column("start", "date", "the spell's first day (with iso3, the spell's key)"),
            Column("cepii_city", "str", "CEPII's capital for the nation", nullable=True),
            Column(
                "cepii_km",
                "int",
                "great-circle distance from the spell's coordinates to CEPII's capital",
                unit="km (rounded)",
                nullable=True,
                minimum=0,
            ),
            Column(
                "verdict",
                "str",
                "cepii_wrong: CEPII misplaces the city, the data set's coordinates are right; "
                "other_period: CEPII gives the capital of another period; other_city: CEPII "
                "names another city, the source's choice is kept; no_cepii_row: CEPII has no "
                "row for the nation (unchecked)",
                choices=CAPITAL_VERDICTS,
            ),
            Column("reason", "str", "which is right and how that is known"),
        ),
        key=("iso3", "start"),
    ),
    "alliance_depth": TableSpec(
        name="alliance_depth",
        file="reference/alliance_depth.csv",
        kind="reference",
        description=(
            "Hand-kept, sourced statements of what ATOP's pledge dummies do not say: who took "
            "part, year by year, in an integrated or combined command (NATO's integrated "
            "military structure, the ROK-US Combined Forces Command), a standing bilateral "
            "defence-planning structure with stationed forces (the US-Japan Guidelines, the "
            "US-Australia Force Posture Agreement), a pledge recorded above a "
            "region-wide one (the Gulf Cooperation Council), a region-wide defence "
            "treaty (the Rio Treaty, the Arab League's Joint Defence Treaty) or only a "
            "charter's collective-security article (the OAS Charter), the members of the "
            "EU's mutual assistance clause (the United Kingdom to 2019), with withdrawals and "
            "denunciations ATOP misses; and the parties to region-wide codes of conduct ATOP "
            "codes as non-aggression pacts (the Treaty of Amity and Cooperation in Southeast "
            "Asia, the Helsinki Final Act), level code, with their accession years. Built "
            "into tables/alliance_depth.csv; read by Dataset.alliance_depth and "
            "Dataset.nonaggression_codes."
        ),
        columns=(
            Column("commitment", "str", "commitment id (one per treaty or structure)"),
            Column(
                "level",
                "str",
                "depth of a tie between two members of the commitment",
                choices=DEPTH_INPUT_LEVELS,
            ),
            iso_column("member", "member state"),
            year_column("first_year", "first year the state takes part at 31 December"),
            year_column(
                "last_year",
                "last year the state takes part at 31 December (empty = still)",
                nullable=True,
            ),
            Column("dates", "str", "the dates behind the years, as the sources give them"),
            Column("source", "str", "where the membership and its dates are stated"),
        ),
        key=("commitment", "member", "first_year"),
    ),
    "diplomatic_relations": TableSpec(
        name="diplomatic_relations",
        file="reference/diplomatic_relations.csv",
        kind="reference",
        description=(
            "Hand-kept spells in which two states had no diplomatic relations (never "
            "established, broken, or recognition withheld), each with its event and source. "
            "Not exhaustive: Israel and the states that never recognised it or broke "
            "relations, and pairs that bear on the demo profiles and the G20 study (Taiwan "
            "with the G20 and the demo profiles' focal states that recognise the People's "
            "Republic: offices under private or unofficial form are not relations; the United "
            "States, whose Taiwan Relations Act is a statute with a security clause, is not "
            "listed); a pair not listed is read as having relations. Built into "
            "tables/diplomatic_relations.csv; read by Dataset.diplomatic_relations."
        ),
        columns=RELATIONS_COLUMNS,
        key=("state_a", "state_b", "first_year"),
    ),
    "no_armed_forces": TableSpec(
        name="no_armed_forces",
        file="reference/no_armed_forces.csv",
        kind="reference",
        description=(
            "Spells in which a state had no regular armed forces of its own (police or a coast "
            "guard only, its defence left to another state or to none), each with what it has "
            "instead and a source. Not a reading of COW NMC, whose zeros are not enough: NMC "
            "records no spending and no personnel for Tonga, St Kitts and Nevis and Kosovo, "
            "which have forces, and counts the police budgets of Costa Rica and Panama. Built "
            "into tables/no_armed_forces.csv; read by Dataset.armed_forces."
        ),
        columns=NO_FORCES_COLUMNS,
        key=("iso3", "first_year"),
    ),
    "contested_un_seats": TableSpec(
        name="contested_un_seats",
        file="reference/contested_un_seats.csv",
        kind="reference",
        description=(
            "Years in which a state's UN General Assembly seat was held by representatives of a "
            "government that no longer governed it (the General Assembly kept or deferred their "
            "credentials, and those in control had no seat), each with who held the seat, who "
            "governed and a source. Built into tables/contested_un_seats.csv; the unga table's "
            "values for those years are not read (TableSpec.voided_by)."
        ),
        columns=CONTESTED_SEAT_COLUMNS,
        key=("iso3", "first_year"),
    ),
    "ucdp_capital_holders": TableSpec(
        name="ucdp_capital_holders",
        file="reference/ucdp_capital_holders.csv",
        kind="reference",
        description=(
            "Spells in which UCDP's government party of a state (the party controlling the "
            "capital, by UCDP's definition) is not the government the data set reads as the "
            "state: every other table (UN votes, treaties, arms imports, partners) is the "
            "recognised government's. Listed by conflict, since the holder's rows and the "
            "recognised government's share one code (Yemen's contributions to the UN missions "
            "in Mali and the Central African Republic stay the state's). Read by the build of "
            "tables/ucdp.csv: in a listed conflict the holder's participations are not the "
            "state's, and in its war over the government the recognised government is read "
            "as the opposite side's primary party, on the government side (side A)."
        ),
        columns=UCDP_HOLDER_COLUMNS,
        key=("gw", "conflict_id", "first_year"),
    ),
}
"""Project-owned reference files (hand-maintained inputs of the build)."""

BUILD_INPUTS = (
    "errata",
    "capital_additions",
    "capital_checks",
    "alliance_depth",
    "diplomatic_relations",
    "no_armed_forces",
    "contested_un_seats",
    "ucdp_capital_holders",
)
"""Reference files read by the build only (the crosswalk is the rest, read by the loader too)."""
