"""What each file of the data set (``data/files/``) holds: columns, types, units, keys,
coverage and staleness.

One :class:`TableSpec` per file. The build writes files to these specs (column order, number
formats) and the loader checks files against them (header, types, keys, ISO3 codes), so a spec
is the single description of a table. Units and coverage are stated per column and per table.

Conventions used throughout:

* nations are ISO 3166-1 alpha-3 codes as defined by ``data/files/reference/nations.csv``
  (with a few formerly used or user-assigned codes for states that have no current code);
* years are calendar years; a dyadic or spell table marks a spell that runs to the end of its
  source's coverage with an empty end, which the lookups carry forward and flag;
* an empty cell is a missing value and stays missing: nothing is filled or interpolated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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

FIRST_YEAR = 1946
"""Earliest year kept in any table (spells that began earlier keep their true start year)."""

ColumnKind = Literal["iso3", "int", "float", "str", "date"]
TableKind = Literal["reference", "monadic", "spell", "dyadic_spell", "event", "window"]


@dataclass(frozen=True)
class Column:
    """One column: its name, type, whether it may be empty, number format, unit and meaning.

    ``fmt`` is a printf-style format used by the build for floats (fixed so that a rebuild is
    byte-identical); ``choices`` restricts a string or integer column to listed values.
    """

    name: str
    kind: ColumnKind
    description: str
    unit: str = ""
    nullable: bool = False
    fmt: str = ""
    choices: tuple[str | int, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """One file of the data set: its columns, key, provenance and how stale a value may get.

    ``last_year`` is the last year the source covers; ``max_staleness_years`` is how far the
    reference year may lie beyond the year a value was observed before the value counts as
    missing (reported as stale). ``sources`` are ids in :data:`alliancescore.data.sources.SOURCES`.
    """

    name: str
    file: str
    kind: TableKind
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    sources: tuple[str, ...] = ()
    first_year: int | None = None
    last_year: int | None = None
    max_staleness_years: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def value_columns(self) -> tuple[str, ...]:
        """Columns that are neither keys nor nation codes (the values a lookup returns)."""
        return tuple(c.name for c in self.columns if c.name not in self.key and c.kind != "iso3")


def _iso(name: str, description: str) -> Column:
    return Column(name, "iso3", description)


_YEAR = Column("year", "int", "calendar year", unit="year")
_ISO3 = _iso("iso3", "nation (ISO 3166 alpha-3, see data/files/reference/nations.csv)")
_BIN = (0, 1)


def _flag(name: str, description: str) -> Column:
    return Column(name, "int", description, unit="0/1", choices=_BIN)


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
            _ISO3,
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
            _ISO3,
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


_SPELL_NOTE = (
    "An empty end means the spell was still running when the source ends; lookups carry it "
    "forward and report that they did."
)

TABLES: dict[str, TableSpec] = {
    "states": TableSpec(
        name="states",
        file="tables/states.csv",
        kind="spell",
        description=(
            "State system membership spells from the COW (v2016) and Gleditsch-Ward lists, "
            "mapped to ISO3. A nation exists in year Y in a system if one of its spells "
            "overlaps Y (the COW state-year convention)."
        ),
        columns=(
            _ISO3,
            Column("system", "str", "state list", choices=("cow", "gw")),
            Column("code", "int", "state number in that list"),
            Column("start", "date", "first day of membership"),
            Column(
                "end",
                "date",
                "last day of membership; empty = member at the list's end",
                nullable=True,
            ),
        ),
        key=("system", "code", "start"),
        sources=("cow_system", "gw_system"),
        last_year=2016,
        max_staleness_years=None,
        notes=(
            "COW spells end 2016-12-31 and Gleditsch-Ward spells 2020-12-31 when the state was "
            "still a member; those ends are written empty and carried forward.",
            "Gleditsch-Ward entities without an ISO code (Tibet to 1950, Abkhazia and South "
            "Ossetia from 2008) are set aside.",
        ),
    ),
    "majors": TableSpec(
        name="majors",
        file="tables/majors.csv",
        kind="spell",
        description="COW major power spells (v2016), mapped to ISO3, ending on or after 1946.",
        columns=(
            _ISO3,
            Column("start", "date", "first day of major power status"),
            Column(
                "end", "date", "last day; empty = still a major power at 2016-12-31", nullable=True
            ),
        ),
        key=("iso3", "start"),
        sources=("cow_majors",),
        last_year=2016,
        max_staleness_years=None,
        notes=(_SPELL_NOTE,),
    ),
    "capitals": TableSpec(
        name="capitals",
        file="tables/capitals.csv",
        kind="spell",
        description=(
            "Dated capitals with coordinates, per nation. Distances are computed from these "
            "(great circle), using the capital in force at the end of the year (or the last "
            "one the state had, if it ended during the year)."
        ),
        columns=(
            _ISO3,
            Column("capital", "str", "capital city"),
            Column("start", "date", "first day as capital (as dated by the source)"),
            Column(
                "end",
                "date",
                "last day as capital; empty = still the capital at 2024-12-31",
                nullable=True,
            ),
            Column("lat", "float", "latitude", unit="degrees north (WGS 84)", fmt="%.10g"),
            Column("lng", "float", "longitude", unit="degrees east (WGS 84)", fmt="%.10g"),
        ),
        key=("iso3", "start"),
        sources=("capitals",),
        last_year=2024,
        max_staleness_years=None,
        notes=(
            "Gleditsch-Ward capital spells are used where a nation has them (they date Bonn to "
            "1991-06-19 and Berlin from 1991-06-20 for Germany), COW capital spells otherwise; "
            "each code's spells are clipped to the years the code maps to the nation.",
            _SPELL_NOTE,
        ),
    ),
    "nmc": TableSpec(
        name="nmc",
        file="tables/nmc.csv",
        kind="monadic",
        description="COW National Material Capabilities 7.0, nation-years from 1946.",
        columns=(
            _ISO3,
            _YEAR,
            Column(
                "milex",
                "int",
                "military expenditure",
                unit="thousands of current US$",
                nullable=True,
            ),
            Column("milper", "int", "military personnel", unit="thousands", nullable=True),
            Column("tpop", "int", "total population", unit="thousands", nullable=True),
            Column(
                "cinc",
                "float",
                "Composite Index of National Capability",
                unit="share of the system total (0-1)",
                nullable=True,
                fmt="%.9g",
            ),
        ),
        key=("iso3", "year"),
        sources=("cow_nmc",),
        first_year=FIRST_YEAR,
        last_year=2022,
        max_staleness_years=3,
        notes=(
            "milex is missing for some states in recent years (e.g. North Korea, Syria, Cuba); "
            "it stays missing.",
        ),
    ),
    "sipri_milex": TableSpec(
        name="sipri_milex",
        file="tables/sipri_milex.csv",
        kind="monadic",
        description=(
            "SIPRI military expenditure 2020-2024: constant 2023 US$ and share of GDP, with "
            "SIPRI's uncertainty flags."
        ),
        columns=(
            _ISO3,
            _YEAR,
            Column(
                "milex_usd2023m",
                "float",
                "military expenditure",
                unit="millions of constant 2023 US$",
                nullable=True,
                fmt="%.3f",
            ),
            Column(
                "milex_usd2023m_flag",
                "str",
                "SIPRI flag for the expenditure figure",
                nullable=True,
                choices=("estimate", "highly_uncertain"),
            ),
            Column(
                "milex_gdp_share",
                "float",
                "military expenditure as a share of GDP",
                unit="fraction (0.034 = 3.4%)",
                nullable=True,
                fmt="%.6g",
            ),
            Column(
                "milex_gdp_share_flag",
                "str",
                "SIPRI flag for the share figure",
                nullable=True,
                choices=("estimate", "highly_uncertain"),
            ),
        ),
        key=("iso3", "year"),
        sources=("sipri_milex",),
        first_year=2020,
        last_year=2024,
        max_staleness_years=2,
        notes=(
            "Rows SIPRI marks 'unavailable' or 'not_independent' carry no value and are "
            "not shipped.",
        ),
    ),
    "unga": TableSpec(
        name="unga",
        file="tables/unga.csv",
        kind="monadic",
        description="UN General Assembly ideal points (Bailey, Strezhnev and Voeten), by year.",
        columns=(
            _ISO3,
            _YEAR,
            Column(
                "idealpointfp",
                "float",
                "ideal point from full-plenary votes",
                unit="latent scale (higher = closer to the US position)",
                nullable=True,
                fmt="%.7g",
            ),
            Column(
                "idealpointall",
                "float",
                "ideal point from all votes (none for 2024)",
                unit="latent scale",
                nullable=True,
                fmt="%.7g",
            ),
            Column("nvotesfp", "int", "number of full-plenary votes used", nullable=True),
        ),
        key=("iso3", "year"),
        sources=("unga",),
        first_year=FIRST_YEAR,
        last_year=2024,
        max_staleness_years=3,
        notes=(
            "Keyed through the COW code in the source, not its iso3c column (which codes "
            "South Yemen as YAR and has gaps).",
            "Rows for UN members that were not states in the COW or GW lists that year (the "
            "Ukrainian and Byelorussian SSRs 1946-1990, ccode 713 in 1946-1948) are dropped.",
        ),
    ),
    "vdem": TableSpec(
        name="vdem",
        file="tables/vdem.csv",
        kind="monadic",
        description="V-Dem electoral democracy index (CC BY-SA 4.0: kept in its own table).",
        columns=(
            _ISO3,
            _YEAR,
            Column(
                "v2x_polyarchy",
                "float",
                "electoral democracy index",
                unit="0-1",
                nullable=True,
                fmt="%.6g",
            ),
        ),
        key=("iso3", "year"),
        sources=("vdem",),
        first_year=FIRST_YEAR,
        last_year=2025,
        max_staleness_years=3,
    ),
    "uds": TableSpec(
        name="uds",
        file="tables/uds.csv",
        kind="monadic",
        description="Extended Unified Democracy Scores (posterior means).",
        columns=(
            _ISO3,
            _YEAR,
            Column(
                "euds",
                "float",
                "extended UDS",
                unit="latent scale (mean 0)",
                nullable=True,
                fmt="%.6g",
            ),
            Column(
                "aeuds",
                "float",
                "adjusted extended UDS (0 = average democracy cut-point)",
                unit="latent scale",
                nullable=True,
                fmt="%.6g",
            ),
        ),
        key=("iso3", "year"),
        sources=("uds",),
        first_year=FIRST_YEAR,
        last_year=2025,
        max_staleness_years=3,
    ),
    "gdp_wb": TableSpec(
        name="gdp_wb",
        file="tables/gdp_wb.csv",
        kind="monadic",
        description="World Bank GDP in current US$ (NY.GDP.MKTP.CD), states only.",
        columns=(
            _ISO3,
            _YEAR,
            Column(
                "gdp_usd",
                "float",
                "gross domestic product",
                unit="current US$",
                nullable=True,
                fmt="%.0f",
            ),
        ),
        key=("iso3", "year"),
        sources=("worldbank_gdp",),
        first_year=1960,
        last_year=2023,
        max_staleness_years=3,
        notes=(
            "Aggregates and territories are set aside; World Bank values for years before a "
            "nation existed (back-projections: e.g. Russia before 1992, unified Germany before "
            "1991, Slovakia before 1993) are not shipped.",
        ),
    ),
    "gdp_sdp": TableSpec(
        name="gdp_sdp",
        file="tables/gdp_sdp.csv",
        kind="monadic",
        description="Simulated real GDP and population (Fariss et al. 2022), point estimates.",
        columns=(
            _ISO3,
            _YEAR,
            Column(
                "pwtrgdp",
                "float",
                "real GDP (Penn World Table anchored)",
                unit="millions of 2017 international $ (PPP)",
                nullable=True,
                fmt="%.6g",
            ),
            Column(
                "pwtpop",
                "float",
                "population (Penn World Table anchored)",
                unit="millions",
                nullable=True,
                fmt="%.6g",
            ),
            Column(
                "mrgdppc",
                "float",
                "real GDP per capita (Maddison anchored)",
                unit="2011 international $ (PPP)",
                nullable=True,
                fmt="%.6g",
            ),
        ),
        key=("iso3", "year"),
        sources=("sdp",),
        first_year=FIRST_YEAR,
        last_year=2019,
        max_staleness_years=3,
    ),
    "nuclear": TableSpec(
        name="nuclear",
        file="tables/nuclear.csv",
        kind="monadic",
        description="Nuclear weapons status (Bleek 2017 / NTI, coded by OWID).",
        columns=(
            _ISO3,
            _YEAR,
            Column(
                "status",
                "int",
                "0 no consideration, 1 considering, 2 pursuing, 3 possessing",
                unit="category",
                choices=(0, 1, 2, 3),
            ),
        ),
        key=("iso3", "year"),
        sources=("owid_nuclear",),
        first_year=FIRST_YEAR,
        last_year=2022,
        max_staleness_years=5,
        notes=(
            "OWID projects present-day countries back in time; only years in which the "
            "nation was a state (COW or GW list) are kept.",
        ),
    ),
    "warheads": TableSpec(
        name="warheads",
        file="tables/warheads.csv",
        kind="monadic",
        description="Nuclear warhead stockpiles (FAS estimates), nuclear-armed states only.",
        columns=(
            _ISO3,
            _YEAR,
            Column("stockpile", "int", "estimated warhead stockpile", unit="warheads"),
        ),
        key=("iso3", "year"),
        sources=("fas_stockpiles",),
        first_year=FIRST_YEAR,
        last_year=2023,
        max_staleness_years=5,
        notes=(
            "A nation absent from this table has no estimate (missing), not zero; "
            "use the nuclear status table to tell non-nuclear states apart.",
        ),
    ),
    "atop": TableSpec(
        name="atop",
        file="tables/atop.csv",
        kind="dyadic_spell",
        description=(
            "ATOP 5.1 alliance obligations as directed spells: iso_a's obligations towards "
            "iso_b, one row per run of years with an identical set of obligations. Only pairs "
            "with at least one obligation are listed; a pair absent in a covered year has none."
        ),
        columns=(
            _iso("iso_a", "state that holds the obligation"),
            _iso("iso_b", "state the obligation is towards"),
            Column("first_year", "int", "first year of the run", unit="year"),
            Column("last_year", "int", "last year of the run", unit="year"),
            _flag("defense", "defence pledge"),
            _flag("offense", "offence pledge"),
            _flag("neutral", "neutrality pledge"),
            _flag("nonagg", "non-aggression pledge"),
            _flag("consul", "consultation pledge"),
        ),
        key=("iso_a", "iso_b", "first_year"),
        sources=("atop",),
        first_year=FIRST_YEAR,
        last_year=2018,
        max_staleness_years=5,
        notes=(
            "ATOP ends in 2018: Finland's and Sweden's NATO accession, AUKUS (a security "
            "partnership without a defence clause) and the Quad (a dialogue) are absent and "
            "must be added by a profile as sourced overrides if needed.",
            "ANZUS obligations between the United States and New Zealand lapse after 1986.",
        ),
    ),
    "contiguity": TableSpec(
        name="contiguity",
        file="tables/contiguity.csv",
        kind="dyadic_spell",
        description=(
            "COW direct contiguity 3.2 as undirected spells (iso_a < iso_b) of the closest "
            "contiguity type in force during the year."
        ),
        columns=(
            _iso("iso_a", "first nation (alphabetically lower code)"),
            _iso("iso_b", "second nation"),
            Column(
                "conttype",
                "int",
                "1 land or river border; 2-5 separated by at most 12, 24, 150, 400 miles of water",
                unit="category",
                choices=(1, 2, 3, 4, 5),
            ),
            Column("first_year", "int", "first year", unit="year"),
            Column(
                "last_year",
                "int",
                "last year; empty = in force at the data's end (2016)",
                unit="year",
                nullable=True,
            ),
        ),
        key=("iso_a", "iso_b", "first_year"),
        sources=("cow_contdir",),
        first_year=FIRST_YEAR,
        last_year=2016,
        max_staleness_years=15,
        notes=(
            "Every COW spell still in force ends on 2016-12-01, the data's end, not a change "
            "of border. Those spells are written with an empty end and carried forward past "
            "2016; lookups say so (carried_forward).",
            "The 'conttype 0' spells peacesciencer adds are dropped: no spell means not "
            "directly contiguous.",
        ),
    ),
    "rivalry_tss": TableSpec(
        name="rivalry_tss",
        file="tables/rivalry_tss.csv",
        kind="dyadic_spell",
        description=(
            "Strategic rivalries (Thompson, Sakuwa and Suhas 2021), undirected, active on or "
            "after 1946. The primary rivalry table."
        ),
        columns=(
            Column("rivalry_id", "int", "tssr_id in the source"),
            Column("rivalry", "str", "rivalry name"),
            _iso("iso_a", "first rival (alphabetically lower code)"),
            _iso("iso_b", "second rival"),
            Column("first_year", "int", "start year (the rivalry's true start)", unit="year"),
            Column(
                "last_year", "int", "end year; empty = ongoing at 2020", unit="year", nullable=True
            ),
            _flag("positional", "positional rivalry"),
            _flag("spatial", "spatial (territorial) rivalry"),
            _flag("ideological", "ideological rivalry"),
            _flag("interventionary", "interventionary rivalry"),
            _flag("principal", "principal rivalry of a state"),
            _flag("aprin", "asymmetric principal rivalry"),
        ),
        key=("rivalry_id", "iso_a", "iso_b", "first_year"),
        sources=("tss_rivalries",),
        last_year=2020,
        max_staleness_years=5,
        notes=("In the source an end year of 2020 means ongoing; written empty here.",),
    ),
    "rivalry_td": TableSpec(
        name="rivalry_td",
        file="tables/rivalry_td.csv",
        kind="dyadic_spell",
        description=(
            "Strategic rivalries (Thompson and Dreyer 2012), undirected, active on or after "
            "1946. Secondary to rivalry_tss (older, ends 2010)."
        ),
        columns=(
            Column("rivalry_id", "int", "rivalryno in the source"),
            Column("rivalry", "str", "rivalry name"),
            _iso("iso_a", "first rival (alphabetically lower code)"),
            _iso("iso_b", "second rival"),
            Column("first_year", "int", "start year", unit="year"),
            Column(
                "last_year", "int", "end year; empty = ongoing at 2010", unit="year", nullable=True
            ),
            Column(
                "types",
                "str",
                "rivalry types (spatial, positional, ideological, interventionary), ';'-separated",
                nullable=True,
            ),
        ),
        key=("rivalry_id", "iso_a", "iso_b", "first_year"),
        sources=("td_rivalries",),
        last_year=2010,
        max_staleness_years=5,
        notes=("In the source an end year of 2010 is read as ongoing; written empty here.",),
    ),
    "mid_cow": TableSpec(
        name="mid_cow",
        file="tables/mid_cow.csv",
        kind="event",
        description=(
            "COW MID 5.0 dispute-dyad-years from 1946, undirected (iso_a < iso_b). Count "
            "disputes (dispnum), not rows."
        ),
        columns=(
            Column("dispnum", "int", "dispute number"),
            _iso("iso_a", "first state (alphabetically lower code)"),
            _iso("iso_b", "second state"),
            _YEAR,
            Column(
                "hostlev",
                "int",
                "highest hostility level in the dyad (1-5)",
                unit="category",
                choices=(1, 2, 3, 4, 5),
            ),
            Column(
                "fatality",
                "int",
                "fatality level in the dyad (0 none ... 6 >999)",
                unit="category",
                nullable=True,
            ),
            _flag("onset", "1 if the dispute began in this year for this dyad"),
        ),
        key=("dispnum", "iso_a", "iso_b", "year"),
        sources=("cow_mid",),
        first_year=FIRST_YEAR,
        last_year=2014,
        max_staleness_years=5,
    ),
    "mid_gml": TableSpec(
        name="mid_gml",
        file="tables/mid_gml.csv",
        kind="event",
        description=(
            "Gibler-Miller-Little MID 2.2.1 dispute-dyad-years from 1946, undirected. An "
            "alternative to mid_cow with corrections, ending in 2010."
        ),
        columns=(
            Column("dispnum", "int", "dispute number"),
            _iso("iso_a", "first state (alphabetically lower code)"),
            _iso("iso_b", "second state"),
            _YEAR,
            Column(
                "hostlev",
                "int",
                "highest hostility level in the dyad (1-5)",
                unit="category",
                choices=(1, 2, 3, 4, 5),
            ),
            Column(
                "fatality",
                "int",
                "fatality level in the dyad (0 none ... 6 >999)",
                unit="category",
                nullable=True,
            ),
            _flag("onset", "1 if the dispute began in this year for this dyad"),
        ),
        key=("dispnum", "iso_a", "iso_b", "year"),
        sources=("gml_mid",),
        first_year=FIRST_YEAR,
        last_year=2010,
        max_staleness_years=5,
    ),
    "ucdp": TableSpec(
        name="ucdp",
        file="tables/ucdp.csv",
        kind="event",
        description=(
            "UCDP/PRIO armed conflicts 25.1 as state participations: one row per conflict, "
            "year, state and side. Count conflicts (conflict_id), not rows."
        ),
        columns=(
            Column("conflict_id", "int", "UCDP conflict id"),
            _YEAR,
            _ISO3,
            Column("side", "str", "side A (a government) or side B", choices=("A", "B")),
            Column(
                "role",
                "str",
                "primary party or secondary (supporting) state",
                choices=("primary", "secondary"),
            ),
            Column(
                "type",
                "str",
                "type of conflict",
                choices=("extrasystemic", "interstate", "intrastate", "internationalized"),
            ),
            Column(
                "intensity",
                "int",
                "1 = 25-999 battle deaths, 2 = 1000 or more",
                unit="category",
                choices=(1, 2),
            ),
            Column(
                "incompatibility",
                "str",
                "what the conflict is over",
                choices=("government", "territory", "both"),
            ),
        ),
        key=("conflict_id", "year", "iso3", "side", "role"),
        sources=("ucdp_acd",),
        first_year=FIRST_YEAR,
        last_year=2024,
        max_staleness_years=3,
        notes=(
            "The source has one row per secondary party; rows are de-duplicated here.",
            "Hyderabad (GW 751, 1948) has no ISO code and is set aside.",
        ),
    ),
    "arms_shares": TableSpec(
        name="arms_shares",
        file="tables/arms_shares.csv",
        kind="window",
        description=(
            "Each recipient's arms-supplier shares over a trailing 10-year window of order "
            "years [end_year - 9, end_year], weighted by the SIPRI trend-indicator value of the "
            "orders. Shares of a recipient-window sum to 1 over state suppliers. Derived by "
            "alliancescore, not by SIPRI."
        ),
        columns=(
            _iso("recipient", "importing state"),
            _iso("supplier", "exporting state"),
            Column("end_year", "int", "last order year of the window", unit="year"),
            Column(
                "share",
                "float",
                "supplier's share of the recipient's orders in the window",
                unit="fraction (0-1)",
                fmt="%.4f",
            ),
        ),
        key=("recipient", "end_year", "supplier"),
        sources=("sipri_arms",),
        first_year=1950,
        last_year=2024,
        max_staleness_years=5,
        notes=(
            "Orders from non-state groups, organisations and unknown suppliers are excluded "
            "from both numerator and denominator; shares below 0.00005 are dropped.",
            "A recipient without orders in the window has no rows: its shares are undefined "
            "(missing), not zero.",
            "Windows use order years, so nothing delivered after the window end leaks in.",
        ),
    ),
}
"""Every built table in ``data/files/tables``, by name."""

ARMS_WINDOW_YEARS = 10
"""Length of the trailing order-year window of :data:`TABLES` ``arms_shares``."""
