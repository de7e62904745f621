"""Declarations of the tables about single nations: state lists, capitals and nation-year
values (capability, UN voting, regimes, GDP, nuclear weapons)."""

from __future__ import annotations

from alliancescore.data.spec import (
    FIRST_YEAR,
    ISO3,
    LATITUDE,
    LONGITUDE,
    SHARE,
    SPELL_NOTE,
    YEAR,
    Column,
    TableSpec,
)

__all__ = ["NATION_TABLES"]

NATION_TABLES: dict[str, TableSpec] = {
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
            ISO3,
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
            ISO3,
            Column("start", "date", "first day of major power status"),
            Column(
                "end", "date", "last day; empty = still a major power at 2016-12-31", nullable=True
            ),
        ),
        key=("iso3", "start"),
        sources=("cow_majors",),
        last_year=2016,
        max_staleness_years=None,
        notes=(SPELL_NOTE,),
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
            ISO3,
            Column("capital", "str", "capital city"),
            Column("start", "date", "first day as capital (as dated by the source)"),
            Column(
                "end",
                "date",
                "last day as capital; empty = still the capital at 2024-12-31",
                nullable=True,
            ),
            LATITUDE,
            LONGITUDE,
        ),
        key=("iso3", "start"),
        sources=("capitals", "cepii_geo"),
        last_year=2024,
        max_staleness_years=None,
        notes=(
            "Gleditsch-Ward capital spells are used where a nation has them (they date Bonn to "
            "1991-06-19 and Berlin from 1991-06-20 for Germany), COW capital spells otherwise; "
            "each code's spells are clipped to the years the code maps to the nation.",
            "Every spell is cross-checked against CEPII's capital (geo_cepii): each one more "
            "than 25 km away, or without a CEPII row, is decided by hand in "
            "reference/capital_checks.csv; source errors are corrected in reference/errata.csv "
            "(Brasilia, Riyadh, Tunis, Beijing, Djibouti and Koror were misplaced, some at "
            "their country's centroid; Astana's date) and missing spells added in "
            "reference/capital_additions.csv (Dar es Salaam before Dodoma, 1996).",
            SPELL_NOTE,
        ),
    ),
    "nmc": TableSpec(
        name="nmc",
        file="tables/nmc.csv",
        kind="monadic",
        description="COW National Material Capabilities 7.0, nation-years from 1946.",
        columns=(
            ISO3,
            YEAR,
            Column(
                "milex",
                "int",
                "military expenditure",
                unit="thousands of current US$",
                nullable=True,
                minimum=0,
            ),
            Column(
                "milper", "int", "military personnel", unit="thousands", nullable=True, minimum=0
            ),
            Column("tpop", "int", "total population", unit="thousands", nullable=True, minimum=0),
            Column(
                "cinc",
                "float",
                "Composite Index of National Capability",
                unit="share of the system total (0-1)",
                nullable=True,
                fmt="%.9g",
                **SHARE,
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
            "reference/errata.csv sets missing the milex cells that SIPRI and, but for "
            "Kosovo, NMC's own personnel series contradict: Ukraine 2022 (a tenth of SIPRI's "
            "level in the year of the invasion), Ethiopia 2021-2022, Iran 2020-2021 (a "
            "conversion break) and Kosovo 2020-2022 (0 for an armed force); milex_share reads "
            "SIPRI's share for them. It also sets missing six cells a digit or more off their "
            "neighbours with personnel steady where recorded (Swaziland 2000, Thailand 2001, "
            "Cuba 2009, Gabon 2002-2004): the year before is read. CINC is NMC's, computed "
            "from the original cells.",
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
            ISO3,
            YEAR,
            Column(
                "milex_usd2023m",
                "float",
                "military expenditure",
                unit="millions of constant 2023 US$",
                nullable=True,
                fmt="%.3f",
                minimum=0,
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
                **SHARE,
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
            ISO3,
            YEAR,
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
            Column(
                "nvotesfp", "int", "number of full-plenary votes used", nullable=True, minimum=0
            ),
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
        unlisted="not a UN member",
        voided_by="contested_un_seats",
        voided_reason=(
            "UN votes cast by envoys of a government not in control {span}: seat held by "
            "{seat_held_by}; governing: {in_control}"
        ),
    ),
    "vdem": TableSpec(
        name="vdem",
        file="tables/vdem.csv",
        kind="monadic",
        description="V-Dem electoral democracy index (CC BY-SA 4.0: kept in its own table).",
        columns=(
            ISO3,
            YEAR,
            Column(
                "v2x_polyarchy",
                "float",
                "electoral democracy index",
                unit="0-1",
                nullable=True,
                fmt="%.6g",
                **SHARE,
            ),
        ),
        key=("iso3", "year"),
        sources=("vdem",),
        first_year=FIRST_YEAR,
        last_year=2025,
        max_staleness_years=3,
        unlisted="not coded by V-Dem",
    ),
    "uds": TableSpec(
        name="uds",
        file="tables/uds.csv",
        kind="monadic",
        description="Extended Unified Democracy Scores (posterior means).",
        columns=(
            ISO3,
            YEAR,
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
            ISO3,
            YEAR,
            Column(
                "gdp_usd",
                "float",
                "gross domestic product",
                unit="current US$",
                nullable=True,
                fmt="%.0f",
                minimum=0,
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
            ISO3,
            YEAR,
            Column(
                "pwtrgdp",
                "float",
                "real GDP (Penn World Table anchored)",
                unit="millions of 2017 international $ (PPP)",
                nullable=True,
                fmt="%.6g",
                minimum=0,
            ),
            Column(
                "pwtpop",
                "float",
                "population (Penn World Table anchored)",
                unit="millions",
                nullable=True,
                fmt="%.6g",
                minimum=0,
            ),
            Column(
                "mrgdppc",
                "float",
                "real GDP per capita (Maddison anchored)",
                unit="2011 international $ (PPP)",
                nullable=True,
                fmt="%.6g",
                minimum=0,
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
            ISO3,
            YEAR,
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
            ISO3,
            YEAR,
            Column("stockpile", "int", "estimated warhead stockpile", unit="warheads", minimum=0),
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
}
