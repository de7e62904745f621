"""The profile's rivalry overrides (``[[overrides.rivalries]]``): a strategic rivalry the
rivalry tables miss, or one the analyst holds ended, decides for its pairs in every measure
and rule that reads a rivalry table, and the record names it.

Real rows: Georgia and Russia fought a war in August 2008 and Georgia broke off diplomatic
relations on 29 August 2008, yet neither Thompson data set codes a rivalry between them
(rivalries_thompson_sakuwa_suhas_2021.csv and rivalries_thompson_dreyer_2012.csv in
../shared/data have no row with COW code 372). Egypt-Israel is coded open from 1948 in both
(line 110 of rivalry_tss.csv, the 1979 peace treaty notwithstanding). Iran and Pakistan met in
four MIDs in 2009-2014 (cow_mid5_ddy.csv), which makes Iran Pakistan's rival by dispute
density (threats._void_for_focal_rivals).
"""

from __future__ import annotations

import math

import pytest

from alliancescore.data import load
from alliancescore.data.overrides import Overrides, RivalryOverride
from alliancescore.data.provenance import render
from alliancescore.measures import MEASURES, MeasureContext, Threat

GEORGIA = RivalryOverride("rivalry", ("GEO",), ("RUS",), 2008, None, "the August 2008 war")
EGYPT = RivalryOverride("none", ("EGY",), ("ISR",), 1979, None, "the 1979 peace treaty")


@pytest.fixture(scope="module")
def ds():
    return load()


def run(ds, name, candidates, focal, year, threats, *overrides, **params):
    ctx = MeasureContext(
        ds,
        focal,
        year,
        tuple(Threat(a, s) for a, s in threats),
        overrides=Overrides(rivalries=tuple(overrides)),
    )
    return MEASURES[name](ctx, candidates, **params)


def test_the_tables_miss_georgia_and_russia(ds):
    without = run(ds, "threat_rivalry", ["GEO", "POL"], "UKR", 2014, [("RUS", 1.0)])
    assert without.values.tolist() == [0.0, 0.0]


def test_an_added_rivalry_makes_the_candidate_a_rival_of_the_threat_and_says_so(ds):
    result = run(ds, "threat_rivalry", ["GEO", "POL"], "UKR", 2014, [("RUS", 1.0)], GEORGIA)
    assert result.values.tolist() == [1.0, 0.0]
    assert render(result.provenance["GEO"]) == (
        "rivalry_tss 2014; override (rivalry GEO-RUS, from 2008): the August 2008 war"
    )
    # the other candidate's record does not name it
    assert render(result.provenance["POL"]) == "rivalry_tss 2014"
    assert "rivalry overrides applied (1 of the profile's 1 in force)" in result.note


def test_an_override_counts_only_from_its_year(ds):
    later = RivalryOverride("rivalry", ("GEO",), ("RUS",), 2015, None, "later")
    result = run(ds, "threat_rivalry", ["GEO"], "UKR", 2014, [("RUS", 1.0)], later)
    assert result.values["GEO"] == 0.0
    assert "override" not in render(result.provenance["GEO"])


def test_an_added_rivalry_with_a_state_the_focal_does_not_oppose_is_entrapment(ds):
    # Australia 2018 against China: Georgia's quarrel with Russia is not Australia's
    before = run(ds, "entrapment_risk", ["GEO"], "AUS", 2018, [("CHN", 1.0)])
    after = run(ds, "entrapment_risk", ["GEO"], "AUS", 2018, [("CHN", 1.0)], GEORGIA)
    assert after.values["GEO"] == before.values["GEO"] + 1
    assert "override (rivalry GEO-RUS, from 2008)" in render(after.provenance["GEO"])


def test_ending_a_coded_rivalry_lifts_the_rule_for_the_focal_nations_rivals(ds):
    # Egypt is coded Israel's rival: it shares none of Israel's threats (missing, then the
    # policy's worst) until the analyst holds the rivalry ended
    for name in ("threat_rivalry", "threat_un_distance"):
        coded = run(ds, name, ["EGY", "JOR"], "ISR", 2018, [("IRN", 1.0)])
        ended = run(ds, name, ["EGY", "JOR"], "ISR", 2018, [("IRN", 1.0)], EGYPT)
        assert math.isnan(coded.values["EGY"])
        assert "a strategic rival of ISR" in render(coded.provenance["EGY"])
        assert not math.isnan(ended.values["EGY"])
        assert "override (no rivalry EGY-ISR, from 1979)" in render(ended.provenance["EGY"])
        assert ended.values["JOR"] == coded.values["JOR"]
    # Egypt-Iran 2 is coded open from 1979 (rivalry_tss.csv line 177): a rival of the threat
    assert (
        run(ds, "threat_rivalry", ["EGY"], "ISR", 2018, [("IRN", 1.0)], EGYPT).values["EGY"] == 1.0
    )


def test_ending_a_rivalry_lowers_hostility_by_the_rivalry_term_only(ds):
    coded = run(ds, "hostility_to_focal", ["EGY"], "ISR", 2018, [("IRN", 1.0)])
    ended = run(ds, "hostility_to_focal", ["EGY"], "ISR", 2018, [("IRN", 1.0)], EGYPT)
    # rivalry (1) plus a MID in 2009-2014 (1); the MID stays
    assert (coded.values["EGY"], ended.values["EGY"]) == (2.0, 1.0)


def test_an_ended_rivalry_also_stops_the_dispute_density_rule(ds):
    coded = run(ds, "threat_rivalry", ["IRN"], "PAK", 2018, [("IND", 1.0)])
    assert math.isnan(coded.values["IRN"])
    assert "a rival by dispute density" in render(coded.provenance["IRN"])
    ended = RivalryOverride("none", ("IRN",), ("PAK",), 2000, None, "the analyst's view")
    held = run(ds, "threat_rivalry", ["IRN"], "PAK", 2018, [("IND", 1.0)], ended)
    assert held.values["IRN"] == 0.0
    assert "override (no rivalry IRN-PAK, from 2000)" in render(held.provenance["IRN"])


def test_an_added_rivalry_with_the_threat_clears_a_treaty_with_it(ds):
    # Poland 2018: ATOP codes Finland's 1992 treaty with Russia as consultation (0.5)
    base = run(ds, "threat_alliance_depth", ["FIN"], "POL", 2018, [("RUS", 1.0)])
    assert base.values["FIN"] == 0.5
    rivals = RivalryOverride("rivalry", ("FIN",), ("RUS",), 2018, None, "a test judgement")
    cleared = run(ds, "threat_alliance_depth", ["FIN"], "POL", 2018, [("RUS", 1.0)], rivals)
    assert cleared.values["FIN"] == 0.0
    text = render(cleared.provenance["FIN"])
    assert "override (rivalry FIN-RUS, from 2018): a test judgement" in text
    assert "strategic rivals" in text


def test_the_last_override_listed_wins_for_a_pair():
    both = Overrides(
        rivalries=(GEORGIA, RivalryOverride("none", ("RUS",), ("GEO",), 2010, None, "later"))
    )
    assert both.rivalries_in_force(2009)[frozenset(("GEO", "RUS"))].kind == "rivalry"
    assert both.rivalries_in_force(2014)[frozenset(("GEO", "RUS"))].kind == "none"
    assert len(both) == 2


def test_a_stale_rivalry_table_stays_stale_with_an_override(ds):
    # Thompson & Dreyer end in 2010 and are stale from 2016: no value, no override named
    for name, key in (
        ("threat_rivalry", "table"),
        ("hostility_to_focal", "rivalry_table"),
        ("entrapment_risk", "rivalry_table"),
    ):
        result = run(
            ds, name, ["GEO", "POL"], "UKR", 2018, [("RUS", 1.0)], GEORGIA, **{key: "rivalry_td"}
        )
        assert result.values.isna().all(), name
        assert "override" not in render(result.provenance["GEO"]), name


def test_an_ended_rivalry_keeps_a_tie_with_the_threat_and_says_so(ds):
    # India and China, coded rivals: their SCO consultation tie counts 0 (the rule for ties
    # between rivals) until the analyst holds the rivalry ended
    coded = run(ds, "threat_alliance_depth", ["IND"], "USA", 2018, [("CHN", 1.0)])
    assert coded.values["IND"] == 0.0
    ended = RivalryOverride("none", ("IND",), ("CHN",), 2015, None, "a test judgement")
    kept = run(ds, "threat_alliance_depth", ["IND"], "USA", 2018, [("CHN", 1.0)], ended)
    assert kept.values["IND"] == 0.5
    assert "override (no rivalry IND-CHN, from 2015): a test judgement (with threat actor CHN" in (
        render(kept.provenance["IND"])
    )


def test_records_name_only_the_overrides_that_changed_something(ds):
    # Georgia's rivalry with Russia, Ukraine's threat, is shared: not entrapment
    shared = run(ds, "entrapment_risk", ["GEO"], "UKR", 2014, [("RUS", 1.0)], GEORGIA)
    assert "override" not in render(shared.provenance["GEO"])
    # ending a rivalry no table codes changes nothing
    uncoded = RivalryOverride("none", ("POL",), ("RUS",), 2000, None, "nothing to end")
    for name in ("threat_rivalry", "hostility_to_focal", "entrapment_risk"):
        result = run(ds, name, ["POL"], "UKR", 2014, [("RUS", 1.0)], uncoded)
        assert "override" not in render(result.provenance["POL"]), name


def test_a_record_writes_the_pair_as_the_override_names_it(ds):
    # the override names Egypt first; Israel is the focal nation, Egypt the candidate
    ended = run(ds, "hostility_to_focal", ["EGY"], "ISR", 2018, [("IRN", 1.0)], EGYPT)
    assert "no rivalry EGY-ISR" in render(ended.provenance["EGY"])
    flipped = RivalryOverride("none", ("ISR",), ("EGY",), 1979, None, "the 1979 peace treaty")
    ended = run(ds, "hostility_to_focal", ["EGY"], "ISR", 2018, [("IRN", 1.0)], flipped)
    assert "no rivalry ISR-EGY" in render(ended.provenance["EGY"])
