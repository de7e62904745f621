"""The sources of nation-year indicators and the crosswalk: UN voting, V-Dem, UDS, GDP,
nuclear weapons, SIPRI military expenditure and arms transfers, countrycode."""

from __future__ import annotations

from alliancescore.data.source_records import ISARD, Source, SourceFile

__all__ = ["INDICATOR_SOURCES"]

INDICATOR_SOURCES: tuple[Source, ...] = (
    Source(
        id="unga",
        title="United Nations General Assembly ideal points (Bailey, Strezhnev and Voeten)",
        version="year-based, July 2025 release (1946-2024)",
        files=(
            SourceFile(
                "unga_idealpoints_july2025.csv",
                "7b1c39021787d39f0e5bfaeaa69bd74e0b4665621cb5b62b9c9a8c499e68638f",
            ),
        ),
        citation=(
            'Bailey, Michael A., Anton Strezhnev and Erik Voeten (2017) "Estimating Dynamic '
            'State Preferences from United Nations Voting Data", Journal of Conflict Resolution '
            "61(2):430-456; Voeten, Erik, Anton Strezhnev and Michael Bailey, United Nations "
            "General Assembly Voting Data, Harvard Dataverse, hdl:1902.1/12379; raw votes: "
            "Fjelstul, Hug and Kilby (2025) UNGA-DM, Review of International Organizations."
        ),
        terms=(
            "Published openly on Harvard Dataverse for research use; the authors ask for both "
            "citations. The Dataverse licence field was not verified here (the Dataverse default "
            "is CC0 1.0)."
        ),
        licence="open research data, citation requested (Dataverse licence not verified)",
        url="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
    ),
    Source(
        id="contested_un_seats",
        title=(
            "Years in which a state's UN votes were cast by envoys of a government not in control "
            "(hand-kept by alliancescore, reference/contested_un_seats.csv)"
        ),
        version="kept to 2024",
        files=(),
        citation=(
            "Compiled by alliancescore from the General Assembly's credentials decisions as "
            "reported row by row (news reports of the Credentials Committee's deferrals, the "
            "Library of Congress country study of Cambodia, Security Council resolution 1132). "
            "Compiled offline; not yet checked against the Credentials Committee's reports "
            "where a row says so."
        ),
        terms=(
            "The project's own compilation of public facts, each row with its source; "
            "distributed with the code (MIT)."
        ),
        licence="MIT (the project's own compilation of facts)",
    ),
    Source(
        id="vdem",
        title="V-Dem electoral democracy index (v2x_polyarchy)",
        version="V-Dem Country-Year v15/v16 via isard cw_democracy",
        files=(
            SourceFile(
                "democracy_cow_states.csv",
                "d98dfe259cbf5be2bfc1a10d6c96e5ebab42cba360fa376368f8f27e3af8ef8e",
            ),
        ),
        citation=(
            'Coppedge, Michael et al. (2025) "V-Dem Country-Year Dataset v15", Varieties of '
            "Democracy (V-Dem) Project, doi:10.23696/vdemds25 (isard documents v16 as used)."
        ),
        terms=(
            "V-Dem data are licensed CC BY-SA 4.0: credit V-Dem, and anything derived from this "
            "column must be shared under the same licence (share-alike). That is why the column "
            "is kept in its own table."
        ),
        licence="CC-BY-SA-4.0",
        credit="Varieties of Democracy (V-Dem) Project, https://www.v-dem.net",
        url="https://www.v-dem.net/",
        via=ISARD,
    ),
    Source(
        id="uds",
        title="Extended Unified Democracy Scores",
        version="democracyData 0.7.1 via isard cw_democracy",
        files=(
            SourceFile(
                "democracy_cow_states.csv",
                "d98dfe259cbf5be2bfc1a10d6c96e5ebab42cba360fa376368f8f27e3af8ef8e",
            ),
        ),
        citation=(
            'Pemstein, Daniel, Stephen A. Meserve and James Melton (2010) "Democratic '
            'Compromise: A Latent Variable Analysis of Ten Measures of Regime Type", Political '
            'Analysis 18(4):426-449; Marquez, Xavier (2016) "A Quick Method for Extending the '
            'Unified Democracy Scores", doi:10.2139/ssrn.2753830.'
        ),
        terms=(
            "Scores published openly by the authors for research use; cite both works. No "
            "formal licence text was found."
        ),
        licence="citation required (no formal licence found)",
        url="https://github.com/xmarquez/democracyData",
        via=ISARD,
    ),
    Source(
        id="sdp",
        title="Simulated GDP and population (Fariss et al.; SDP project)",
        version="isard cw_gdppop (1816-2019)",
        files=(
            SourceFile(
                "gdppop_sdp_cow_states.csv",
                "d14f05b518f65c88e0f859be6078b99c9c8ed258b907a28a04e54c2018aa7c1d",
            ),
        ),
        citation=(
            "Fariss, Christopher J., Therese Anders, Jonathan N. Markowitz and Miriam Barnum "
            '(2022) "New Estimates of Over 500 Years of Historic GDP and Population Data", '
            "Journal of Conflict Resolution 66(3):553-591; Anders, Therese, Christopher J. Fariss "
            'and Jonathan N. Markowitz (2020) "Bread Before Guns or Butter: Introducing Surplus '
            'Domestic Product (SDP)", International Studies Quarterly 64(2):392-405; Penn World '
            "Table (Feenstra et al. 2015) and Maddison Project (Bolt et al. 2018) as anchors."
        ),
        terms=(
            "Academic estimates released by the authors with a citation request; redistributed "
            "in the GPL-2 isard package."
        ),
        licence="citation required (no formal licence found)",
        via=ISARD,
    ),
    Source(
        id="worldbank_gdp",
        title="World Bank World Development Indicators: GDP (current US$), NY.GDP.MKTP.CD",
        version="WDI via datahub core/gdp (1960-2023)",
        files=(
            SourceFile(
                "worldbank_gdp_current_usd.csv",
                "bb704e8ce2468719ae9f7d9c435091aac63266b95f82ce22b8d39d07e7008eab",
            ),
        ),
        citation="World Bank, World Development Indicators, GDP (current US$) NY.GDP.MKTP.CD.",
        terms="World Bank data are licensed Creative Commons Attribution 4.0 (CC BY 4.0).",
        licence="CC-BY-4.0",
        credit="The World Bank: World Development Indicators (CC BY 4.0)",
        url="https://data.worldbank.org/indicator/NY.GDP.MKTP.CD",
    ),
    Source(
        id="owid_nuclear",
        title="Nuclear weapons status (Bleek 2017, NTI 2022) as coded by Our World in Data",
        version="OWID (Herre) 1938-2022",
        files=(
            SourceFile(
                "nuclear_weapons_status_bleek_owid.csv",
                "13cc1316b676e8054ec595e4c279908e8cc4933eaca9c735a4cb8aefe70456a1",
            ),
        ),
        citation=(
            "Bleek, Philipp C. (2017) \"When Did (and Didn't) States Proliferate? Chronicling "
            'the Spread of Nuclear Weapons", Belfer Center; Nuclear Threat Initiative (2022); '
            "Our World in Data (2022), Nuclear Weapons."
        ),
        terms=(
            "Data produced by Our World in Data are licensed CC BY 4.0; cite the underlying "
            "Bleek coding."
        ),
        licence="CC-BY-4.0",
        credit="Our World in Data, based on Bleek (2017) and NTI (2022)",
        url="https://ourworldindata.org/nuclear-weapons",
    ),
    Source(
        id="fas_stockpiles",
        title="Nuclear warhead stockpiles (Federation of American Scientists) via OWID",
        version="1945-2023",
        files=(
            SourceFile(
                "nuclear_warhead_stockpiles_fas.csv",
                "1521719ffd9df10cedc86a9f7e7045c4122a7f90afb6df11e1270af9f5eeb077",
            ),
        ),
        citation=(
            "Kristensen, Hans M., Matt Korda and Robert Norris, Status of World Nuclear Forces, "
            "Federation of American Scientists (2023); Our World in Data."
        ),
        terms=(
            "OWID's processing is licensed CC BY 4.0; the FAS estimates are public with a "
            "citation request."
        ),
        licence="CC-BY-4.0",
        credit="Federation of American Scientists (2023) via Our World in Data",
        url="https://fas.org/initiative/status-world-nuclear-forces/",
    ),
    Source(
        id="sipri_milex",
        title="SIPRI Military Expenditure Database (subset: 2020-2024)",
        version="2025 release (SIPRI-Milex-data-1949-2024)",
        files=(
            SourceFile(
                "sipri_milex_2020_2024_subset.csv",
                "5b6d27e5dbd378bbf7be787a071681987cb0eb6d95d03e5c62b47f2c0902e44d",
            ),
        ),
        citation="SIPRI Military Expenditure Database 2025, https://www.sipri.org/databases/milex",
        terms=(
            "SIPRI fair use: non-commercial use only, and no more than 10% of the database "
            "(3,500 data units) may be reproduced; the credit line below is required. This "
            "project ships two measures for 2020-2024 (well under the limit). Any commercial use "
            "needs SIPRI's permission."
        ),
        licence="SIPRI fair use: non-commercial, <10% of the database, credit line required",
        credit="SIPRI Military Expenditure Database 2025, https://www.sipri.org/databases/milex",
        url="https://www.sipri.org/databases/milex",
    ),
    Source(
        id="sipri_arms",
        title="SIPRI Arms Transfers Database (trade register, major conventional arms)",
        version="register generated 13 March 2025",
        files=(
            SourceFile(
                "sipri_arms_transfers_dyad_order_year_1950_2024.csv",
                "4f6b8e2108bac886cd6d88274763290d6ff3479cb8700bc728a91c3e39803d3f",
            ),
        ),
        citation=(
            "SIPRI Arms Transfers Database, Stockholm International Peace Research Institute "
            "(data generated 13 March 2025), https://www.sipri.org/databases/armstransfers"
        ),
        terms=(
            "SIPRI requires a credit line and forbids commercial use without agreement; "
            "calculations made from SIPRI data must not be attributed to SIPRI. Only derived "
            "supplier shares over trailing windows are shipped (no TIV values, no deal lists), "
            "in keeping with SIPRI's fair-use rule of reproducing less than 10% of a database."
        ),
        licence="SIPRI terms: non-commercial, credit line required, derived values only",
        credit=(
            "Source: SIPRI Arms Transfers Database (generated 13 March 2025). Shares calculated "
            "by alliancescore, not by SIPRI."
        ),
        url="https://www.sipri.org/databases/armstransfers",
    ),
    Source(
        id="countrycode",
        title="countrycode code list (starting point of the project's crosswalk)",
        version="countrycode 0.6.0 (PyPI) codelist",
        files=(
            SourceFile(
                "country_code_crosswalk.csv",
                "f52dbd12ebe255866139af83ee3e0ae27f9c1a91073c827733a77793e6c8b9b2",
            ),
        ),
        citation=(
            'Arel-Bundock, Vincent, Nils Enevoldsen and CJ Yetman (2018) "countrycode: An R '
            'package to convert country names and country codes", Journal of Open Source '
            "Software 3(28):848."
        ),
        terms=(
            "The package is GPL-3.0-or-later; codes and region names are facts, and the "
            "attribution is kept."
        ),
        licence="GPL-3.0-or-later (package); codes are facts",
        credit="countrycode (Arel-Bundock, Enevoldsen and Yetman 2018)",
        url="https://vincentarelbundock.github.io/countrycode/",
    ),
)
