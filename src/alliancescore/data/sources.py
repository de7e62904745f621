"""The public sources the data set is built from: files, versions, citations and terms.

One :class:`Source` per original data set. Each names the file(s) it was read from in the shared
source directory (with the SHA-256 the build checks before reading), how to cite it, and the
terms under which anything derived from it may be redistributed. The build copies these records
into the data set's ``MANIFEST.json`` and renders its ``TERMS.md`` from them, so this module is
the one place to correct a citation or a licence statement.

A source whose terms could not be stated is not used (see :data:`EXCLUDED`).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EXCLUDED", "SOURCES", "Source", "SourceFile"]


@dataclass(frozen=True)
class SourceFile:
    """One file in the shared source directory and the SHA-256 the build expects."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Source:
    """An original data set: what it is, how to cite it, and its terms.

    ``terms`` is the statement of use and redistribution terms as far as they could be
    established; ``licence`` is a short label (an SPDX id where one applies); ``credit`` is the
    line that must accompany redistributed or derived values, where the source asks for one.
    """

    id: str
    title: str
    version: str
    files: tuple[SourceFile, ...]
    citation: str
    terms: str
    licence: str
    credit: str = ""
    url: str = ""
    via: str = ""


_COW_TERMS = (
    'Correlates of War data are "available free for public and academic use with proper '
    'citation" (COW project statement). Cite the data set version and its article of record.'
)
_PEACESCIENCER = (
    'Miller, Steven V. (2022) "{peacesciencer}: An R Package for Quantitative Peace Science '
    'Research", Conflict Management and Peace Science 39(6):755-779 (package: GPL-2)'
)
_ISARD = "{isard} R package by Steven V. Miller (GPL-2)"

_SOURCE_LIST: tuple[Source, ...] = (
    Source(
        id="cow_nmc",
        title="Correlates of War National Material Capabilities",
        version="7.0 (NMC-70-abridged), 1816-2022",
        files=(
            SourceFile(
                "cow_nmc_v7_0.csv",
                "5a8ab9dc031ac3dbc789037fdb954910e1b9e98152305a98d98ff9a20f8e03ab",
            ),
        ),
        citation=(
            'Singer, J. David, Stuart Bremer and John Stuckey (1972) "Capability Distribution, '
            'Uncertainty, and Major Power War, 1820-1965", in Bruce Russett (ed.) Peace, War, and '
            'Numbers, 19-48; Singer, J. David (1987) "Reconstructing the Correlates of War '
            'Dataset on Material Capabilities of States, 1816-1985", International Interactions '
            "14:115-32; National Material Capabilities v7.0 codebook."
        ),
        terms=_COW_TERMS,
        licence="citation required (no formal licence)",
        url="https://correlatesofwar.org/data-sets/national-material-capabilities/",
        via=_PEACESCIENCER,
    ),
    Source(
        id="cow_system",
        title="Correlates of War State System Membership",
        version="v2016 (spells to 2016-12-31)",
        files=(
            SourceFile(
                "cow_system_2016.csv",
                "0b897644a04ed9346a839477db81d0b51a6f56f8f3d983084d3bf36a0bb4e6f8",
            ),
        ),
        citation="Correlates of War Project (2017) State System Membership List, v2016.",
        terms=_COW_TERMS,
        licence="citation required (no formal licence)",
        url="https://correlatesofwar.org/data-sets/state-system-membership/",
        via=_ISARD,
    ),
    Source(
        id="cow_majors",
        title="Correlates of War major powers",
        version="v2016",
        files=(
            SourceFile(
                "cow_majors_2016.csv",
                "9e8b72eec51bec8bc175c2d1a1c968828c4571558e281c0b3bd554dca135100e",
            ),
        ),
        citation="Correlates of War Project (2017) State System Membership List, v2016.",
        terms=_COW_TERMS,
        licence="citation required (no formal licence)",
        url="https://correlatesofwar.org/data-sets/state-system-membership/",
        via=_PEACESCIENCER,
    ),
    Source(
        id="gw_system",
        title="Gleditsch-Ward list of independent states",
        version="isard gw_system (spells to 2020-12-31)",
        files=(
            SourceFile(
                "gw_system.csv",
                "f0d01c94b61c4c1466ce82fe83136910c1f5db04b3d2944b185b0e18cb26b2c5",
            ),
        ),
        citation=(
            'Gleditsch, Kristian S. and Michael D. Ward (1999) "A Revised List of Independent '
            'States since the Congress of Vienna", International Interactions 25(4):393-413.'
        ),
        terms="Free to use with citation (authors' website).",
        licence="citation required (no formal licence)",
        url="http://ksgleditsch.com/statelist.html",
        via=_ISARD,
    ),
    Source(
        id="capitals",
        title="Dated capital cities with coordinates (COW and Gleditsch-Ward states)",
        version="peacesciencer cow_capitals / gw_capitals (to 2024-12-31)",
        files=(
            SourceFile(
                "gw_capitals.csv",
                "26db5ea51625eca7f25a27a2a7a62028bc83f3c06b74180694e63f16f53beb90",
            ),
            SourceFile(
                "cow_capitals.csv",
                "8a350460f35b1b7dfa9d0dc4816e1d6becf1c84bbee1c96051865c35d2e0cba3",
            ),
        ),
        citation=_PEACESCIENCER + ". Coordinates geocoded from OpenStreetMap (Nominatim).",
        terms=(
            "The capital list comes from the GPL-2 peacesciencer package; the coordinates derive "
            "from OpenStreetMap and are available under the Open Database License (ODbL 1.0), "
            'which requires the attribution "(c) OpenStreetMap contributors" and share-alike for '
            "a derived database."
        ),
        licence="ODbL-1.0 (coordinates); GPL-2.0 (package)",
        credit="(c) OpenStreetMap contributors",
        url="https://www.openstreetmap.org/copyright",
        via=_PEACESCIENCER,
    ),
    Source(
        id="cow_contdir",
        title="Correlates of War Direct Contiguity",
        version="3.2 (spells to 2016)",
        files=(
            SourceFile(
                "cow_contdir_v3_2.csv",
                "1fbc6601fdb72823da4d0eb260028abc7a1de02c9b444b86175d699554ee2ae9",
            ),
        ),
        citation=(
            "Stinnett, Douglas M., Jaroslav Tir, Philip Schafer, Paul F. Diehl and Charles "
            'Gochman (2002) "The Correlates of War Project Direct Contiguity Data, Version 3", '
            "Conflict Management and Peace Science 19(2):58-66."
        ),
        terms=_COW_TERMS,
        licence="citation required (no formal licence)",
        url="https://correlatesofwar.org/data-sets/direct-contiguity/",
        via=_PEACESCIENCER,
    ),
    Source(
        id="atop",
        title="Alliance Treaty Obligations and Provisions (ATOP), directed dyad-years",
        version="5.1 (atop5_1ddyr), 1815-2018",
        files=(
            SourceFile(
                "atop_v5_1_ddyr.csv",
                "681567e23d41c85f7d466308a55241238c15be1225b91852e360cfee4ab27719",
            ),
        ),
        citation=(
            "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell and Andrew G. Long "
            '(2002) "Alliance Treaty Obligations and Provisions, 1815-1944", International '
            "Interactions 28:237-60."
        ),
        terms=(
            "Free public download from atopdata.org; the project asks users to cite the article "
            "of record. No explicit licence text was found in the material available to this "
            "project."
        ),
        licence="citation required (no formal licence found)",
        url="http://www.atopdata.org/",
        via=_PEACESCIENCER,
    ),
    Source(
        id="tss_rivalries",
        title="Thompson, Sakuwa and Suhas strategic rivalries",
        version="1494-2020 (end year 2020 = ongoing)",
        files=(
            SourceFile(
                "rivalries_thompson_sakuwa_suhas_2021.csv",
                "7d975b0e99dabdb6a5ce72d5949066362c91615c7479a8d5c0634fb757d9294d",
            ),
        ),
        citation=(
            "Thompson, William R., Kentaro Sakuwa and Prashant Hosur Suhas (2021) Analyzing "
            "Strategic Rivalries in World Politics. Springer. Transcribed by S. V. Miller "
            "(peacesciencer)."
        ),
        terms=(
            "Facts (rivalry dyads and years) transcribed from a copyrighted book; cite the book "
            "and the transcription."
        ),
        licence="citation required (facts from a copyrighted book)",
        via=_PEACESCIENCER,
    ),
    Source(
        id="td_rivalries",
        title="Thompson and Dreyer strategic rivalries",
        version="1494-2010",
        files=(
            SourceFile(
                "rivalries_thompson_dreyer_2012.csv",
                "ec77f12e94d822e0213d8708b8fd13dd1fb32a4579dfaef082d3a53d4c77872e",
            ),
        ),
        citation=(
            "Thompson, William R. and David R. Dreyer (2012) Handbook of International "
            "Rivalries, 1494-2010. CQ Press. Transcribed by S. V. Miller (peacesciencer)."
        ),
        terms=(
            "Facts (rivalry dyads and years) transcribed from a copyrighted book; cite the book "
            "and the transcription."
        ),
        licence="citation required (facts from a copyrighted book)",
        via=_PEACESCIENCER,
    ),
    Source(
        id="cow_mid",
        title="Correlates of War Militarized Interstate Disputes, dispute-dyad-years",
        version="MID 5.0 (to 2014)",
        files=(
            SourceFile(
                "cow_mid5_ddy.csv",
                "c50697dc9ed99e3f440f72c2fb51860e399a085359f70aa012dcb9faf708f557",
            ),
        ),
        citation=(
            "Palmer, Glenn, Roseanne W. McManus, Vito D'Orazio, Michael R. Kenwick et al. "
            '(2022) "The MID5 Dataset, 2011-2014: Procedures, coding rules, and description", '
            "Conflict Management and Peace Science 39(4)."
        ),
        terms=_COW_TERMS,
        licence="citation required (no formal licence)",
        url="https://correlatesofwar.org/data-sets/mids/",
        via=_PEACESCIENCER,
    ),
    Source(
        id="gml_mid",
        title="Gibler-Miller-Little MID data, dispute-dyad-years",
        version="2.2.1 (to 2010)",
        files=(
            SourceFile(
                "gml_mid_2_2_1_ddy.csv",
                "6814ef55726600cd45c0705d22ccc8c01e2500a824f842991ebe5acc0114a1e4",
            ),
        ),
        citation=(
            'Gibler, Douglas M., Steven V. Miller and Erin K. Little (2016) "An Analysis of the '
            'Militarized Interstate Dispute (MID) Dataset, 1816-2001", International Studies '
            "Quarterly 60(4):719-730."
        ),
        terms="Free to use with citation (authors' release).",
        licence="citation required (no formal licence)",
        via=_PEACESCIENCER,
    ),
    Source(
        id="ucdp_acd",
        title="UCDP/PRIO Armed Conflict Dataset, conflict-years",
        version="25.1 (1946-2024)",
        files=(
            SourceFile(
                "ucdp_acd_conflict_years.csv",
                "86562c603538e49dda6a43d8ec24d4f60f41fcee20272eca605b67f9896bd218",
            ),
        ),
        citation=(
            "Gleditsch, Nils Petter, Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg "
            'and Havard Strand (2002) "Armed Conflict 1946-2001: A New Dataset", Journal of '
            'Peace Research 39(5):615-637; Davies, Shawn et al. (2025) "Organized violence '
            '1989-2024 ...", Journal of Peace Research 62(4).'
        ),
        terms=(
            "UCDP states that its data are openly licensed under Creative Commons Attribution "
            "4.0 (CC BY 4.0); cite the articles of record."
        ),
        licence="CC-BY-4.0",
        credit="Uppsala Conflict Data Program (UCDP) / PRIO",
        url="https://ucdp.uu.se/downloads/",
        via=_PEACESCIENCER,
    ),
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
        via=_ISARD,
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
        via=_ISARD,
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
        via=_ISARD,
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

SOURCES: dict[str, Source] = {source.id: source for source in _SOURCE_LIST}
"""Every source the build reads, by id."""

EXCLUDED: dict[str, str] = {
    "polity2 (Polity5, democracy_cow_states.csv)": (
        'Left out: the Center for Systemic Peace publishes Polity5 "as a service to the research '
        'community" but no statement of redistribution terms could be found, so the column is '
        "not shipped. Democracy is covered by V-Dem v2x_polyarchy and the extended UDS."
    ),
    "COW Formal Alliances v4.1": (
        "Not in the source material: its maintainer asked for it not to be redistributed. ATOP "
        "is used for alliance ties."
    ),
    "capdist_gleditsch.csv, cepii_*.csv": (
        "Not used to build: distances are computed from the dated capital coordinates instead "
        "(the static tables place Germany at Bonn and miss several states). The Gleditsch table "
        "serves only as an independent check in the tests."
    ),
    "cow_igo_v3_shared_memberships_2014.csv": "Not used: one year (2014) only.",
}
"""Material in the shared source directory that is deliberately not shipped, and why."""
