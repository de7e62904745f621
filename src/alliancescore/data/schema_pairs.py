"""Declarations of the tables about pairs of nations and events: alliances, contiguity,
rivalries, militarized disputes, armed conflicts and arms-supplier shares."""

from __future__ import annotations

from alliancescore.data.schema_reference import (
    CONTESTED_SEAT_COLUMNS,
    DEPTH_INPUT_LEVELS,
    NO_FORCES_COLUMNS,
    RELATIONS_COLUMNS,
)
from alliancescore.data.spec import (
    FIRST_YEAR,
    ISO3,
    SHARE,
    YEAR,
    Column,
    TableSpec,
    flag_column,
    iso_column,
    year_column,
)

__all__ = ["ATOP_CARRIED_THROUGH", "MID_FATALITY", "PAIR_TABLES"]

MID_FATALITY = (-9, 0, 1, 2, 3, 4, 5, 6)
"""MID fatality levels: 0 none, 1 1-25 deaths ... 6 over 999, and the sources' -9 (unknown),
which the build keeps where neither state's level is known or the one known is 0, unless
the whole dispute had none (0) (a dyad-year takes the highest level of its rows)."""

# The dispute-dyad-year layout both MID tables share (COW MID 5.0 and Gibler-Miller-Little).
MID_COLUMNS = (
    Column("dispnum", "int", "dispute number"),
    iso_column("iso_a", "first state (alphabetically lower code)"),
    iso_column("iso_b", "second state"),
    YEAR,
    Column(
        "hostlev",
        "int",
        "highest hostility level either state of the dyad reached in the dispute (1-5; "
        "the higher of the source's hostlev1 and hostlev2, not its dispute-wide hostlev)",
        unit="category",
        choices=(1, 2, 3, 4, 5),
    ),
    Column(
        "fatality",
        "int",
        "the higher of the two states' own fatality levels in the dispute (0 none ... 6 "
        ">999; -9 unknown; the source's fatality1 and fatality2, not its dispute-wide "
        "fatality)",
        unit="category",
        nullable=True,
        choices=MID_FATALITY,
    ),
    flag_column("onset", "1 if the dispute began in this year for this dyad"),
)


ATOP_CARRIED_THROUGH = 2025
"""The last year ATOP's spells are carried forward to (its ``max_staleness_years`` is the
distance from its last year, 2018): the year through which the shipped facts file records the
ties made, ended or voided after ATOP's end, so carrying a 2018 treaty forward is a reading of
a treaty still in force, not of an old measurement."""

PAIR_TABLES: dict[str, TableSpec] = {
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
            iso_column("iso_a", "state that holds the obligation"),
            iso_column("iso_b", "state the obligation is towards"),
            year_column("first_year", "first year of the run"),
            year_column("last_year", "last year of the run"),
            flag_column("defense", "defence pledge"),
            flag_column("offense", "offence pledge"),
            flag_column("neutral", "neutrality pledge"),
            flag_column("nonagg", "non-aggression pledge"),
            flag_column("consul", "consultation pledge"),
        ),
        key=("iso_a", "iso_b", "first_year"),
        sources=("atop",),
        first_year=FIRST_YEAR,
        last_year=2018,
        max_staleness_years=ATOP_CARRIED_THROUGH - 2018,
        notes=(
            "ATOP ends in 2018: Finland's and Sweden's NATO accession, AUKUS (a security "
            "partnership without a defence clause) and the Quad (a dialogue) are absent and "
            "are added as sourced tie overrides (the shipped facts file, or a profile).",
            f"Treaty spells, not annual measurements: an obligation in force in 2018 is read "
            f"as in force until a recorded end, through {ATOP_CARRIED_THROUGH} (carried "
            f"forward, and marked so in every value it gives); later years are stale and "
            f"count as missing. The shipped facts file (facts/ties.toml) records the known "
            f"changes after 2018 through {ATOP_CARRIED_THROUGH} as sourced tie overrides "
            f"(accessions, new treaties, treaties ended or voided in practice).",
            "ANZUS obligations between the United States and New Zealand lapse after 1986.",
        ),
    ),
    "alliance_depth": TableSpec(
        name="alliance_depth",
        file="tables/alliance_depth.csv",
        kind="spell",
        description=(
            "Who took part, year by year, in a defence commitment deeper or shallower than "
            "ATOP's pledge dummies say: NATO's integrated military structure and the ROK-US "
            "Combined Forces Command (integrated), the US-Japan defence Guidelines and the "
            "US-Australia Force Posture Agreement (coordinated), the Gulf Cooperation Council "
            "and the EU's mutual assistance clause (pledge), the Rio Treaty and the Arab "
            "League's Joint Defence Treaty (regional) and the OAS Charter (charter), with "
            "withdrawals and denunciations; and the parties to region-wide codes of conduct "
            "(code: the Treaty of Amity and Cooperation in Southeast Asia, the Helsinki Final "
            "Act). Two members of one commitment in a year have a tie of its level; "
            "Dataset.alliance_depth combines it with ATOP; Dataset.nonaggression_codes says "
            "which of ATOP's non-aggression pledges rest on a code."
        ),
        columns=(
            Column("commitment", "str", "commitment id (one per treaty or structure)"),
            Column(
                "level",
                "str",
                "depth of a tie between two members",
                choices=DEPTH_INPUT_LEVELS,
            ),
            iso_column("member", "member state"),
            year_column("first_year", "first year the state takes part at 31 December"),
            year_column(
                "last_year",
                "last year the state takes part at 31 December; empty = still at 2024",
                nullable=True,
            ),
            Column("dates", "str", "the dates behind the years, as the sources give them"),
            Column("source", "str", "where the membership and its dates are stated"),
        ),
        key=("commitment", "member", "first_year"),
        sources=("alliance_depth",),
        first_year=FIRST_YEAR,
        last_year=2024,
        max_staleness_years=None,
        notes=(
            "Hand-kept (reference/alliance_depth.csv, built into this table with its checks). "
            "Not exhaustive: a defence pledge ATOP records that no commitment here explains is "
            "a plain pledge (depth not recorded), e.g. ANZUS, the US-Philippines treaty, the "
            "Arab League's Joint Defence Treaty.",
            "Membership is read at 31 December: France is out of NATO's integrated structure "
            "1966-2008, Greece 1974-1979, Spain until 1998.",
        ),
    ),
    "diplomatic_relations": TableSpec(
        name="diplomatic_relations",
        file="tables/diplomatic_relations.csv",
        kind="spell",
        description=(
            "Spells in which two states had no diplomatic relations (never established, broken, "
            "or recognition withheld), each with its event and source. "
            "Dataset.diplomatic_relations reads it; a pair not listed is read as having "
            "relations."
        ),
        columns=RELATIONS_COLUMNS,
        key=("state_a", "state_b", "first_year"),
        sources=("diplomatic_relations",),
        first_year=FIRST_YEAR,
        last_year=2024,
        max_staleness_years=None,
        notes=(
            "Hand-kept (reference/diplomatic_relations.csv, built into this table with its "
            "checks). Not exhaustive: Israel with the states that never recognised it or broke "
            "relations (sub-Saharan Africa's breaks of 1967-1973 and their restorations are "
            "not recorded), and pairs that bear on the demo profiles and the G20 study (North "
            "Korea, Armenia, Iran, the Qatar boycott, the Soviet Union and China in the Cold "
            "War, Georgia, Ukraine, Algeria-Morocco, Bhutan with the permanent members of the "
            "Security Council, West Germany and the United States with Albania), and Taiwan "
            "with China, the other G20 states and the demo profiles' focal states, each from "
            "its recognition of the People's Republic: representative offices in private or "
            "unofficial form are not diplomatic relations. The United States is not listed "
            "with Taiwan: the Taiwan Relations Act (1979) is a statute that carries the "
            "relationship and commits the United States to provide defensive arms, a tie no "
            "other state has. Known gaps: the states recognising Taiwan with China, Turkey and "
            "Cyprus, South Africa before 1994. A pair not listed is read as having relations.",
            "Read at 31 December: relations restored during a year count for that year.",
        ),
    ),
    "no_armed_forces": TableSpec(
        name="no_armed_forces",
        file="tables/no_armed_forces.csv",
        kind="spell",
        description=(
            "Spells in which a state had no regular armed forces of its own, each with what it "
            "has instead and its source. Dataset.armed_forces reads it; a state not listed is "
            "read as having armed forces."
        ),
        columns=NO_FORCES_COLUMNS,
        key=("iso3", "first_year"),
        sources=("no_armed_forces",),
        first_year=FIRST_YEAR,
        last_year=2024,
        max_staleness_years=None,
        notes=(
            "Hand-kept (reference/no_armed_forces.csv, built into this table with its checks). "
            "Lists today's states without regular military forces (the European microstates, "
            "Iceland, Costa Rica and Panama, Mauritius, the Eastern Caribbean states without a "
            "defence force and the Pacific island states with police forces only) and Haiti "
            "1995-2016; earlier spells of other states (St Kitts and Nevis before its Defence "
            "Force was re-formed in 1997, Botswana before 1977) are not recorded. A state not "
            "listed is read as having armed forces, however small.",
            "Read at 31 December; a spell from 1946 began in that year or earlier.",
        ),
    ),
    "contested_un_seats": TableSpec(
        name="contested_un_seats",
        file="tables/contested_un_seats.csv",
        kind="spell",
        description=(
            "Years in which a state's UN seat was held by representatives of a government that "
            "no longer governed it, each with who held the seat, who governed and a source. "
            "The unga table reads no value of a state in those years and carries none across "
            "them (TableSpec.voided_by): the state is read as outside the UN for them."
        ),
        columns=CONTESTED_SEAT_COLUMNS,
        key=("iso3", "first_year"),
        sources=("contested_un_seats",),
        first_year=FIRST_YEAR,
        last_year=2024,
        max_staleness_years=None,
        notes=(
            "Hand-kept (reference/contested_un_seats.csv, built into this table with its "
            "checks). Lists the cases in which the General Assembly kept the seat with a "
            "government that held no more than a remnant of the country (ousted, exiled or "
            "driven from the capital) while the authority governing the capital and most of "
            "the country had none: Cambodia 1979-1989 (the Khmer Rouge and their coalition), "
            "Afghanistan 1996-2000 and from 2021 (the Rabbani government and the Islamic "
            "Republic, the Taliban governing), Haiti 1991-1993, Sierra Leone 1997, Honduras "
            "2009 and Myanmar from 2021 (an empty end: still so in the General Assembly's "
            "79th session, 2024, the last the table was checked to). Not listed: a seat left "
            "vacant (no votes to void: Cambodia in 1990 and after the 1997 coup), a seat held "
            "by a recognised government that holds a large part of the country though not "
            "its capital (Yemen from 2015, Libya 2014-2016: partners deal with it), "
            "Afghanistan 2001 (Kabul fell to the United Front in November, before most of "
            "the session's votes), Guinea and Madagascar 2009 (the new governments' "
            "credentials were not accepted, but no other government claimed the seat), "
            "Cote d'Ivoire 2010-2011 (the Assembly seated Ouattara's envoy in December 2010; "
            "his side held about the northern half of the country, more than a remnant, "
            "Reuters, 23 December 2010) and Niger from 2023 (the Committee accepted the "
            "military government's envoy in December 2023, from one secondary report: the "
            "seat is not with an ousted government). China before 1971 "
            "needs no row: the source files the Republic of China's votes under Taiwan.",
            "A year is a session year of the General Assembly, as the ideal points count "
            "them (a session opens in September; most recorded votes fall in its first four "
            "months): a year is listed when its votes were cast for a government not in "
            "control. After a spell, until the state's next row, the state stays outside the "
            "votes (no value is carried across a spell).",
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
            iso_column("iso_a", "first nation (alphabetically lower code)"),
            iso_column("iso_b", "second nation"),
            Column(
                "conttype",
                "int",
                "1 land or river border; 2-5 separated by at most 12, 24, 150, 400 miles of water",
                unit="category",
                choices=(1, 2, 3, 4, 5),
            ),
            year_column("first_year", "first year"),
            year_column(
                "last_year", "last year; empty = in force at the data's end (2016)", nullable=True
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
            iso_column("iso_a", "first rival (alphabetically lower code)"),
            iso_column("iso_b", "second rival"),
            year_column("first_year", "start year (the rivalry's true start)"),
            year_column("last_year", "end year; empty = ongoing at 2020", nullable=True),
            flag_column("positional", "positional rivalry"),
            flag_column("spatial", "spatial (territorial) rivalry"),
            flag_column("ideological", "ideological rivalry"),
            flag_column("interventionary", "interventionary rivalry"),
            flag_column("principal", "principal rivalry of a state"),
            flag_column("aprin", "asymmetric principal rivalry"),
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
            iso_column("iso_a", "first rival (alphabetically lower code)"),
            iso_column("iso_b", "second rival"),
            year_column("first_year", "start year"),
            year_column("last_year", "end year; empty = ongoing at 2010", nullable=True),
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
        columns=MID_COLUMNS,
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
        columns=MID_COLUMNS,
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
            YEAR,
            ISO3,
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
            "UCDP's government of a state is the party holding its capital. Where that is not "
            "the government every other table reads as the state, the listed conflicts of "
            "reference/ucdp_capital_holders.csv read it so (Yemen from 2015: the Houthi "
            "authorities in Sanaa are not Yemen; in conflict 230 the recognised government, "
            "UCDP's side B, is Yemen on the government side, with the Saudi-led coalition).",
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
            iso_column("recipient", "importing state"),
            iso_column("supplier", "exporting state"),
            year_column("end_year", "last order year of the window"),
            Column(
                "share",
                "float",
                "supplier's share of the recipient's orders in the window",
                unit="fraction (0-1)",
                fmt="%.4f",
                **SHARE,
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
