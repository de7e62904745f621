"""The sources about states, their power and their relations: COW national capabilities, state
system and major powers, Gleditsch-Ward, capitals, contiguity, ATOP, rivalries, militarized
disputes, UCDP conflicts."""

from __future__ import annotations

from alliancescore.data.source_records import COW_TERMS, ISARD, PEACESCIENCER, Source, SourceFile

__all__ = ["CONFLICT_SOURCES"]

CONFLICT_SOURCES: tuple[Source, ...] = (
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
        terms=COW_TERMS,
        licence="citation required (no formal licence)",
        url="https://correlatesofwar.org/data-sets/national-material-capabilities/",
        via=PEACESCIENCER,
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
        terms=COW_TERMS,
        licence="citation required (no formal licence)",
        url="https://correlatesofwar.org/data-sets/state-system-membership/",
        via=ISARD,
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
        terms=COW_TERMS,
        licence="citation required (no formal licence)",
        url="https://correlatesofwar.org/data-sets/state-system-membership/",
        via=PEACESCIENCER,
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
        via=ISARD,
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
        citation=PEACESCIENCER + ". Coordinates geocoded from OpenStreetMap (Nominatim).",
        terms=(
            "The capital list comes from the GPL-2 peacesciencer package; the coordinates derive "
            "from OpenStreetMap and are available under the Open Database License (ODbL 1.0), "
            'which requires the attribution "(c) OpenStreetMap contributors" and share-alike for '
            "a derived database."
        ),
        licence="ODbL-1.0 (coordinates); GPL-2.0 (package)",
        credit="(c) OpenStreetMap contributors",
        url="https://www.openstreetmap.org/copyright",
        via=PEACESCIENCER,
    ),
    Source(
        id="cepii_geo",
        title="CEPII GeoDist country file (geo_cepii): capitals and main cities with coordinates",
        version="geo_cepii (undated; GeoDist, Mayer and Zignago 2011)",
        files=(
            SourceFile(
                "cepii_geo_cepii.csv",
                "7a41f520a198321c46930643bb16ed4827f927651155d07fee79971149986b51",
            ),
        ),
        citation=(
            "Mayer, Thierry and Soledad Zignago (2011) \"Notes on CEPII's distances measures: "
            'The GeoDist database", CEPII Working Paper 2011-25.'
        ),
        terms=(
            "CEPII data: free use with citation (CEPII's current licence, reportedly the "
            "Etalab Open Licence 2.0, not verified here). Used to cross-check every capital "
            "and, where the capital source is wrong, for the corrected coordinates (each "
            "correction names its CEPII line in reference/errata.csv or "
            "reference/capital_additions.csv)."
        ),
        licence="CEPII: free use with citation",
        credit="CEPII GeoDist (Mayer and Zignago 2011)",
        url="https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=6",
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
        terms=COW_TERMS,
        licence="citation required (no formal licence)",
        url="https://correlatesofwar.org/data-sets/direct-contiguity/",
        via=PEACESCIENCER,
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
        via=PEACESCIENCER,
    ),
    Source(
        id="alliance_depth",
        title=(
            "Depth of defence commitments and withdrawals ATOP's pledge data miss (hand-kept "
            "by alliancescore, reference/alliance_depth.csv)"
        ),
        version="kept to 2024",
        files=(),
        citation=(
            "Compiled by alliancescore from public records, cited row by row: NATO's member "
            "list and national histories (France 1966-2009, Greece 1974-1980, Spain to 1999), "
            "U.S. Forces Korea on the Combined Forces Command (1978), Japan's Ministry of "
            "Foreign Affairs on the Guidelines for Japan-U.S. Defense Cooperation (1978), the "
            "OAS Department of International Law's depositary records B-29 (Rio Treaty) and "
            "A-41 (OAS Charter), and Gibler (2009) International Military Alliances, "
            "1648-2008. Levels after Leeds and Anac (2005), 'Alliance Institutionalization and "
            "Alliance Performance', International Interactions 31(3):183-202."
        ),
        terms=(
            "The project's own compilation of public facts (dates of accession, withdrawal "
            "and denunciation), each row with its source; distributed with the code (MIT)."
        ),
        licence="MIT (the project's own compilation of facts)",
    ),
    Source(
        id="diplomatic_relations",
        title=(
            "Spells without diplomatic relations between two states (hand-kept by "
            "alliancescore, reference/diplomatic_relations.csv)"
        ),
        version="kept to 2024",
        files=(),
        citation=(
            "Compiled by alliancescore from public records of the events named row by row "
            "(recognitions, breaks and restorations of relations with their dates); the "
            "Israel rows cross-checked against the article 'International recognition of "
            "Israel' (Wikipedia, consulted December 2026), the Saudi-Soviet restoration "
            "against the Associated Press report of 17 September 1990, Mauritania's break "
            "against the reports of March 2009 and 20 March 2010. The Taiwan rows date each "
            "state's recognition of the People's Republic (the dates the Chinese Ministry of "
            "Foreign Affairs lists; compiled, not yet checked against that list). Not yet "
            "checked against the foreign ministries' own records."
        ),
        terms=(
            "The project's own compilation of public facts (dates of recognition, breaks and "
            "restorations), each row with its source; distributed with the code (MIT)."
        ),
        licence="MIT (the project's own compilation of facts)",
    ),
    Source(
        id="no_armed_forces",
        title=(
            "Spells in which a state had no regular armed forces (hand-kept by alliancescore, "
            "reference/no_armed_forces.csv)"
        ),
        version="kept to 2024",
        files=(),
        citation=(
            "Compiled by alliancescore from the instruments named row by row (constitutions, "
            "the Compacts of Free Association, the treaties that leave a microstate's defence "
            "to a neighbour) and from the CIA World Factbook's 'Military and security forces' "
            "entries ('no regular military forces'), cross-checked against COW NMC 7.0 (no "
            "military personnel, milper 0, in 2018-2022 for every state listed as without "
            "forces in those years). Compiled offline; not yet checked against the Factbook's "
            "current entries."
        ),
        terms=(
            "The project's own compilation of public facts, each row with its source; "
            "distributed with the code (MIT)."
        ),
        licence="MIT (the project's own compilation of facts)",
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
        via=PEACESCIENCER,
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
        via=PEACESCIENCER,
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
        terms=COW_TERMS,
        licence="citation required (no formal licence)",
        url="https://correlatesofwar.org/data-sets/mids/",
        via=PEACESCIENCER,
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
        via=PEACESCIENCER,
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
        via=PEACESCIENCER,
    ),
)
