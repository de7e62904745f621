"""The depth of defence ties (issue 14, item 4): NATO's integrated command, the ROK-US and
US-Japan structures, the Rio Treaty and the OAS Charter, apart from ATOP's pledge dummies.

Hand-checked rows: reference/alliance_depth.csv (France out of NATO's integrated command
1 July 1966 - 4 April 2009; Greece 14 August 1974 - 20 October 1980; Spain in from 1 January
1999; Finland 4 April 2023; CFC 7 November 1978; Guidelines 27 November 1978; Mexico out of
the Rio Treaty 6 September 2004; Venezuela out of the OAS 27 April 2019, Nicaragua
19 November 2023) and ATOP 5.1 (tables/atop.csv: USA-BOL, USA-MEX, USA-BRA defence 1947-2018;
no USA-SAU row).
"""

from __future__ import annotations

import itertools

import pytest

from alliancescore.data import load
from alliancescore.data.builders_depth import build_alliance_depth
from alliancescore.data.depth import DEPTH_LEVELS, _run_start
from alliancescore.errors import AllianceScoreError
from reference_build import build_reference


@pytest.fixture(scope="module")
def ds():
    return load()


def labels(ds, focal, others, year):
    return ds.alliance_depth(focal, others, year)["label"].to_dict()


def test_the_united_states_in_2018(ds):
    got = ds.alliance_depth("USA", ["GBR", "KOR", "JPN", "AUS", "BRA", "BOL", "MEX", "SAU"], 2018)
    assert got["label"].to_dict() == {
        "GBR": "integrated",  # NATO's integrated military structure
        "KOR": "integrated",  # Combined Forces Command
        "JPN": "coordinated",  # the Guidelines, no combined command
        "AUS": "coordinated",  # ANZUS with the 2014 Force Posture Agreement
        "BRA": "regional",  # both Rio Treaty parties
        "BOL": "charter",  # Bolivia left the Rio Treaty (counted out from 2014)
        "MEX": "charter",  # Mexico left it in 2004
        "SAU": "none",  # no ATOP defence pledge
    }
    assert got["depth"].tolist() == [5, 5, 4, 4, 2, 1, 1, 0]
    # Bolivia's tie is no longer NATO's equal: ATOP gives both the same pledge
    assert got.loc[["GBR", "BOL"], "atop_defense"].tolist() == [1, 1]
    assert "BOL left the Rio Treaty after 2013" in got.at["BOL", "basis"]
    assert got.at["GBR", "commitment"] == "nato_integrated"
    assert "nato.int" in got.at["GBR", "source"]
    assert got.at["AUS", "commitment"] == "us_australia_force_posture"
    # before the Force Posture Agreement ANZUS is a pledge of no recorded depth
    before = ds.alliance_depth("USA", ["AUS"], 2013)
    assert before.at["AUS", "label"] == "pledge"
    assert before.at["AUS", "commitment"] is None and before.at["AUS", "source"] is None
    assert got["year_used"].tolist() == [2018] * 8 and not got["stale"].any()


@pytest.mark.parametrize(
    ("other", "year", "label"),
    [
        ("FRA", 1965, "integrated"),
        ("FRA", 1966, "pledge"),  # out of the integrated command from 1 July 1966
        ("FRA", 2008, "pledge"),
        ("FRA", 2009, "integrated"),  # back in April 2009
        ("GRC", 1973, "integrated"),
        ("GRC", 1975, "pledge"),  # out 14 August 1974 - 20 October 1980
        ("GRC", 1980, "integrated"),
        ("ESP", 1990, "pledge"),  # NATO from 1982, integrated structure from 1999
        ("ESP", 1999, "integrated"),
        ("GBR", 1950, "pledge"),  # the treaty from 1949, SHAPE from April 1951
        ("GBR", 1951, "integrated"),
        ("KOR", 1977, "pledge"),
        ("KOR", 1978, "integrated"),
        ("JPN", 1977, "pledge"),
        ("JPN", 1978, "coordinated"),
        ("AUS", 2013, "pledge"),
        ("AUS", 2014, "coordinated"),  # Force Posture Agreement, Sydney, 12 August 2014
        ("MEX", 2003, "regional"),
        ("MEX", 2004, "charter"),  # out of the Rio Treaty on 6 September 2004
        ("VEN", 2018, "charter"),
        ("VEN", 2019, "none"),  # out of the OAS on 27 April 2019 (ATOP's 2018 carried)
        ("NIC", 2022, "charter"),
        ("NIC", 2023, "none"),  # out of the OAS on 19 November 2023
        ("JAM", 2018, "charter"),  # OAS from 1969, never a Rio Treaty party
    ],
)
def test_membership_changes_are_read_at_the_end_of_the_year(ds, other, year, label):
    assert labels(ds, "USA", [other], year) == {other: label}


def test_the_arab_league_treaty_is_regional_and_the_gulf_pledge_above_it(ds):
    # ATOP 5.1 gives Saudi Arabia the same defence pledge with Iraq, Kuwait and Somalia; the
    # League's 1950 Joint Defence Treaty is region-wide like the Rio Treaty, the GCC's (Charter
    # 1981, Joint Defence Agreement 2000) a pledge among six, recorded above it.
    got = ds.alliance_depth("SAU", ["IRQ", "EGY", "SOM", "KWT", "QAT", "SYR", "USA"], 2018)
    assert got["label"].to_dict() == {
        "IRQ": "regional",
        "EGY": "regional",
        "SOM": "regional",
        "KWT": "pledge",
        "QAT": "pledge",  # a GCC member through the 2017-2021 boycott
        "SYR": "none",  # ATOP ends Syria's pledge during its suspension: ATOP still decides
        "USA": "none",
    }
    assert got.at["IRQ", "commitment"] == "arab_league_defence"
    assert got.at["KWT", "commitment"] == "gcc_defence"
    # Before the GCC (founded 25 May 1981) Kuwait's tie was the League's alone.
    assert labels(ds, "SAU", ["KWT"], 1980) == {"KWT": "regional"}
    # Egypt during its suspension (1979-1989): ATOP has no pledge, nothing is invented.
    assert labels(ds, "EGY", ["SAU"], 1985) == {"SAU": "none"}
    # Outside the League the rule does not apply.
    assert labels(ds, "USA", ["AUS"], 2013) == {"AUS": "pledge"}


def test_deep_commitments_speak_for_years_atop_does_not_cover(ds):
    # ATOP ends in 2018 (its treaties carried through 2025, stale after): Finland joined NATO
    # on 4 April 2023
    finland = ds.alliance_depth("USA", ["FIN", "SWE"], 2023)
    assert finland["label"].tolist() == ["integrated", "none"]  # Sweden: 7 March 2024
    assert finland["atop_defense"].tolist() == [0, 0]
    carried = ds.alliance_depth("USA", ["SWE", "GBR", "AUS", "PHL"], 2024)
    assert carried["label"].tolist() == ["integrated", "integrated", "coordinated", "pledge"]
    assert bool(carried["carried_forward"].iloc[0]) and not bool(carried["stale"].iloc[0])
    later = ds.alliance_depth("USA", ["SWE", "GBR", "AUS", "PHL"], 2026)
    assert later["label"].tolist() == ["integrated", "integrated", "coordinated", None]
    assert later["depth"].isna().tolist() == [False, False, False, True]
    # the Philippines' treaty is an ATOP pledge of no recorded depth: unknown after 2025
    assert later.at["PHL", "basis"].startswith("ATOP does not cover the year")
    assert bool(later["stale"].iloc[0])


def test_depth_is_symmetric_and_matches_its_label(ds):
    nations = ["USA", "GBR", "FRA", "JPN", "KOR", "BRA", "MEX", "BOL", "VEN", "CAN", "TUR"]
    for year in (1960, 1975, 2005, 2018, 2020):
        for a, b in itertools.combinations(nations, 2):
            ab = ds.alliance_depth(a, [b], year).iloc[0]
            ba = ds.alliance_depth(b, [a], year).iloc[0]
            assert (ab["label"], ab["commitment"]) == (ba["label"], ba["commitment"]), (a, b, year)
            assert ab["depth"] == DEPTH_LEVELS[ab["label"]]


def test_a_tie_above_none_needs_a_pledge_or_a_deep_commitment(ds):
    states = [s for s in ds.states(2010) if s != "USA"]
    got = ds.alliance_depth("USA", states, 2010)
    shallow = got[got["label"].isin(["pledge", "regional", "charter"])]
    assert (shallow["atop_defense"] == 1).all()
    deep = got[got["label"].isin(["integrated", "coordinated"])]
    assert deep["commitment"].notna().all() and deep["source"].notna().all()
    assert (got.loc[got["atop_defense"] == 0, "label"].isin(["none", "integrated"])).all()


def test_the_focal_nation_has_no_tie_with_itself(ds):
    got = ds.alliance_depth("USA", ["USA", "GBR"], 2018)
    assert got["label"].tolist() == [None, "integrated"]
    assert got.at["USA", "basis"] == "the focal nation itself"


def test_bad_arguments_say_what_is_wrong(ds):
    with pytest.raises(AllianceScoreError, match="JAP"):
        ds.alliance_depth("JAP", ["USA"], 2018)
    with pytest.raises(AllianceScoreError, match="a calendar year"):
        ds.alliance_depth("USA", ["GBR"], "2018")


def test_brexit_ends_the_eu_clause_pledges_atop_carries_forward(ds):
    # tables/atop.csv GBR-SWE, GBR-CYP, GBR-FIN: defence 2007-2018 (the Lisbon Treaty's mutual
    # assistance clause; GBR-CYP's 1960-1974 pledge is an older run); the UK left the EU on
    # 31 January 2020 (reference/alliance_depth.csv, eu_mutual_assistance GBR to 2019)
    after = ds.alliance_depth("GBR", ["SWE", "CYP", "FIN", "FRA"], 2021)
    assert after["label"].tolist() == ["none", "none", "none", "integrated"]
    assert (after.loc[["SWE", "CYP"], "atop_defense"] == 1).all()  # ATOP still says pledge
    assert after.at["SWE", "commitment"] == "eu_mutual_assistance"
    assert (
        "rests on the EU's mutual assistance clause: GBR left the EU after 2019"
        in (after.at["SWE", "basis"])
    )
    # before the withdrawal, and between two members, the pledge stands
    assert ds.alliance_depth("GBR", ["SWE"], 2019).at["SWE", "label"] == "pledge"
    assert ds.alliance_depth("FIN", ["SWE", "AUT"], 2021)["label"].tolist() == [
        "coordinated",  # the clause run with Finnish-Swedish operational planning from 2020
        "pledge",
    ]
    # Finland in NATO's integrated structure from 2023: NATO decides, not the clause
    assert ds.alliance_depth("GBR", ["FIN"], 2023).at["FIN", "label"] == "integrated"


# ------------------------------------------------------------------------- codes of conduct
def test_non_aggression_pledges_resting_on_the_tac_or_the_helsinki_final_act(ds):
    # tables/atop.csv: CHN-USA nonagg 2009-2018 (the US acceded to the TAC 23 July 2009),
    # CHN-AUS 2005-, CHN-LAO 2003- (China acceded 8 October 2003); CHN-JPN 1978- (the Treaty
    # of Peace and Friendship), CHN-MYS 1974- (the 1974 communique): runs that began before
    # both had joined the code are instruments of their own. CHN-PAK: consultation too.
    china = ds.nonaggression_codes("CHN", ["USA", "AUS", "LAO", "JPN", "MYS", "PAK", "DEU"], 2018)
    assert china["code"].to_dict() == {
        "USA": "tac_code", "AUS": "tac_code", "LAO": "tac_code",
        "JPN": None, "MYS": None, "PAK": None, "DEU": None,
    }  # fmt: skip
    assert china["since"].tolist()[:3] == [2009, 2005, 2003]
    assert "(tac_code): both parties from 2009" in china.at["USA", "basis"]
    assert "Bali, 24 February 1976" in china.at["USA", "source"]
    # Russia: RUS-DNK nonagg 1975, 1976-1993 (with consultation), 1994-: the run of
    # non-aggression with nothing deeper begins in 1994, after both joined the Final Act;
    # RUS-LTU 1991- (Lithuania admitted 10 September 1991); RUS-KOR
    # 1992- (the Basic Relations Treaty; Korea is no CSCE state and joined the TAC in 2004)
    russia = ds.nonaggression_codes("RUS", ["USA", "DNK", "LTU", "KOR", "UKR"], 2023)
    assert russia["code"].to_dict() == {
        "USA": "csce_final_act", "DNK": "csce_final_act", "LTU": "csce_final_act",
        "KOR": None, "UKR": None,  # Ukraine: consultation (the 1997 treaty)
    }  # fmt: skip
    assert russia.at["DNK", "since"] == 1994 and russia.at["USA", "since"] == 1975
    # the code must bind both at the end of the year: the TAC did not bind the US in 2008
    assert ds.nonaggression_codes("CHN", ["USA"], 2008).at["USA", "code"] is None
    # ATOP carried forward through 2025, then stale: nothing is read
    assert ds.nonaggression_codes("CHN", ["USA"], 2025).at["USA", "code"] == "tac_code"
    assert ds.nonaggression_codes("CHN", ["USA"], 2026)["code"].isna().all()


def test_a_pledge_on_a_code_reads_the_same_from_either_side(ds):
    others = ["USA", "JPN", "AUS", "KOR", "IND", "PAK", "PRK", "LAO", "VNM", "GBR", "RUS"]
    for focal in ("CHN", "RUS"):
        codes = ds.nonaggression_codes(focal, others, 2018)
        on_code = codes.index[codes["code"].notna()]
        assert len(on_code) > 0
        # symmetric: the pair's run and memberships do not depend on who asks
        for other in on_code:
            back = ds.nonaggression_codes(other, [focal], 2018)
            assert back.at[focal, "code"] == codes.at[other, "code"]


def test_a_non_aggression_promise_that_came_with_an_alliance_ended_with_it(ds):
    # tables/atop.csv HUN-RUS: the Warsaw Pact's defence and non-aggression 1955-1991, then
    # non-aggression only from 1992: a run that begins after both joined the CSCE (1975)
    hungary = ds.nonaggression_codes("RUS", ["HUN"], 2018)
    assert hungary.at["HUN", "code"] == "csce_final_act" and hungary.at["HUN", "since"] > 1991


def test_a_run_of_non_aggression_joins_adjacent_spells_and_breaks_at_gaps():
    assert _run_start([(1975, 1975), (1976, 1993), (1994, 2018)], 2018) == 1975
    assert _run_start([(1962, 1964), (2003, 2018)], 2018) == 2003
    assert _run_start([(1962, 1964)], 2018) is None
    assert _run_start([(1990, 2000), (1995, 2010)], 2005) == 1990  # overlapping directions
    assert _run_start([], 2018) is None


# ------------------------------------------------------------------------- the input checks
HEADER = "commitment,level,member,first_year,last_year,dates,source\n"


def build_from(ds, text: str):
    return build_reference(ds, "alliance_depth", text, build_alliance_depth, ("USA", "GBR", "FRA"))


def test_the_input_is_checked(ds):
    ok = HEADER + "x,integrated,USA,1951,,d,s\nx,integrated,GBR,1951,,d,s\n"
    assert len(build_from(ds, ok)) == 2
    overlap = ok + "x,integrated,GBR,1960,1970,d,s\n"
    with pytest.raises(AllianceScoreError, match="one span at a time for GBR in x"):
        build_from(ds, overlap)
    with pytest.raises(AllianceScoreError, match="at least two members of 'y'"):
        build_from(ds, ok + "y,charter,USA,1951,,d,s\n")
    with pytest.raises(AllianceScoreError, match="one level for commitment 'x'"):
        build_from(ds, ok + "x,regional,FRA,1951,,d,s\n")
    # Refused when the file is read (TableSpec.spans), before the builder's own check.
    with pytest.raises(AllianceScoreError, match="'last_year': expected a value at or after"):
        build_from(ds, ok + "z,charter,USA,1960,1950,d,s\nz,charter,GBR,1960,,d,s\n")
    with pytest.raises(AllianceScoreError, match=r"a state in 1951.*DEU was not"):
        build_from(ds, ok + "x,integrated,DEU,1951,,d,s\n")
    with pytest.raises(AllianceScoreError, match="one of charter, code, coordinated"):
        build_from(ds, HEADER + "x,deep,USA,1951,,d,s\nx,deep,GBR,1951,,d,s\n")
