"""Measures on hand-checked real values.

Each expected value was read from a source file in ../shared/data (file and line cited) or
from a built table in data/tables (file and line cited), and worked out by hand where the
measure combines several. Cross-checks against the data layer's own single lookups follow.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from alliancescore.data import load
from alliancescore.data.overrides import Overrides, TieOverride, ValueOverride
from alliancescore.measures import MEASURES, MeasureContext, Threat

THREATS = (Threat("CHN", 1.0), Threat("PRK", 0.8), Threat("RUS", 0.5))
TOTAL = 2.3  # sum of the severities


@pytest.fixture(scope="module")
def ds():
    return load()


def run(ds, name, candidates, *, focal="JPN", year=2018, threats=THREATS, **kw):
    params = kw.pop("params", {})
    ctx = MeasureContext(ds, focal, year, threats, **kw)
    return MEASURES[name](ctx, candidates, **params)


def haversine_km(lat1, lng1, lat2, lng2, radius=6371.0088):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


# cow_capitals.csv lines 2, 99, 198, 202, 203, 205 (lat, lng)
WASHINGTON = (38.8950368, -77.0365427)
MOSCOW = (55.625578, 37.6063916)
BEIJING = (39.91667, 116.4333)  # corrected by data/files/reference/errata.csv (CEPII line 45)
PYONGYANG = (39.0167979, 125.7473609)
SEOUL = (37.5666791, 126.9782914)
TOKYO = (35.6768601, 139.7638947)


# ----------------------------------------------------------------------------- shared threats
def test_threat_rivalry_japan_2018(ds):
    # rivalries_thompson_sakuwa_suhas_2021.csv line 212: 211,China-United States 2,2,710,1996,
    # 2020 and line 247: 246,Russia-United States,2,365,2007,2020 (2020 = ongoing); no
    # US-North Korea rivalry. Line 115: 114,North Korea-South Korea,731,732,1948,2020.
    result = run(ds, "threat_rivalry", ["USA", "KOR", "AUS"])
    assert result.values["USA"] == pytest.approx((1.0 + 0.5) / TOTAL)
    assert result.values["KOR"] == pytest.approx(0.8 / TOTAL)
    assert result.values["AUS"] == 0.0
    assert (result.sources == "rivalry_tss 2018").all() and not result.stale.any()


def test_threat_rivalry_in_1995_sees_the_gaps_between_us_rivalries(ds):
    # line 117: China-United States 1 ran 1949-1972, line 212: the second began in 1996;
    # line 101: United States-USSR 2 ran 1945-1989, line 247: Russia-US began in 2007.
    assert run(ds, "threat_rivalry", ["USA"], year=1995).values["USA"] == 0.0
    in_1970 = run(ds, "threat_rivalry", ["USA"], year=1970).values["USA"]
    assert in_1970 == pytest.approx((1.0 + 0.5) / TOTAL)  # both rivalries, no PRK one
    # carried forward past the source's end (2020), stale after 5 years
    later = run(ds, "threat_rivalry", ["USA"], year=2024)
    assert later.sources["USA"] == "rivalry_tss 2020 (carried forward)"
    stale = run(ds, "threat_rivalry", ["USA"], year=2026)
    assert np.isnan(stale.values["USA"]) and stale.stale["USA"]
    assert stale.sources["USA"] == "rivalry_tss 2020 (stale)"


def test_threat_disputes_japan_2018_counts_distinct_disputes_in_the_window(ds):
    # cow_mid5_ddy.csv, dispute-years 2009-2014: USA-CHN disputes 4486, 4606, 4694, 4698
    # (lines 387-390); USA-PRK 4483, 4706 (lines 433-434); USA-RUS 4676, 4680, 4691
    # (lines 259-261). KOR-CHN 4493, 4694, 4696 (lines 8814-8816); KOR-PRK 4483, 4706, 4721,
    # 4724 (lines 8870-8875, six dispute-years); KOR-RUS 4679, 4680 (lines 8787-8790).
    result = run(ds, "threat_disputes", ["USA", "KOR", "AUS"])
    assert result.values["USA"] == pytest.approx(4 * 1.0 + 2 * 0.8 + 3 * 0.5)
    assert result.values["KOR"] == pytest.approx(3 * 1.0 + 4 * 0.8 + 2 * 0.5)
    assert result.values["AUS"] == 0.0
    # MIDs end in 2014: the window 2009-2018 is covered for 2009-2014 only, and says so
    assert result.sources["USA"] == "mid_cow 2009-2014"
    assert "window 2009-2018" in result.note and "2009-2014 (6 of 10)" in result.note
    # from 2020 the last covered year is more than 5 years old: stale, missing
    stale = run(ds, "threat_disputes", ["USA"], year=2020)
    assert np.isnan(stale.values["USA"]) and stale.stale["USA"]
    assert stale.sources["USA"] == "mid_cow 2011-2014 (stale)"
    # a window the table does not cover at all is missing, not zero
    none = run(ds, "threat_disputes", ["USA"], year=2025, params={"window_years": 5})
    assert np.isnan(none.values["USA"]) and "none" in none.sources["USA"]


def test_threat_un_distance_japan_2018(ds):
    # unga_idealpoints_july2025.csv, idealpointfp in 2018: line 73 USA 2.693873882293701,
    # line 9474 CHN -0.5225858092308044, line 9596 PRK -0.6492251753807068, line 4313 RUS
    # -0.0355919785797596 (the built table keeps 7 significant digits).
    usa, chn, prk, rus = 2.693873882, -0.5225858092, -0.6492251754, -0.0355919786
    result = run(ds, "threat_un_distance", ["USA", "CHN", "RUS"])
    expected = (1.0 * abs(usa - chn) + 0.8 * abs(usa - prk) + 0.5 * abs(usa - rus)) / TOTAL
    assert result.values["USA"] == pytest.approx(expected, rel=1e-6)
    # a threat actor as candidate is compared with the other threat actors only (the same
    # threats seen from Brazil, which is neither's rival) ...
    brazil = run(ds, "threat_un_distance", ["CHN", "RUS"], focal="BRA")
    expected_rus = (1.0 * abs(rus - chn) + 0.8 * abs(rus - prk)) / 1.8
    assert brazil.values["RUS"] == pytest.approx(expected_rus, rel=1e-6)
    expected_chn = (0.8 * abs(chn - prk) + 0.5 * abs(chn - rus)) / 1.3
    assert brazil.values["CHN"] == pytest.approx(expected_chn, rel=1e-6)
    # ... and for Japan both are rivals, so they share none of its threats: China a strategic
    # rival (rivalries_thompson_sakuwa_suhas_2021.csv line 214, China-Japan 2, 1996-2020),
    # Russia by dispute density (three or more MIDs with Japan in 2009-2014): both missing
    assert np.isnan(result.values["CHN"]) and np.isnan(result.values["RUS"])
    assert "a strategic rival of JPN" in result.sources["CHN"]
    assert "a rival by dispute density" in result.sources["RUS"]
    assert result.sources["USA"] == "unga 2018; threats CHN, PRK, RUS: unga 2018"


def test_threat_un_distance_with_a_threat_without_an_ideal_point(ds):
    # Taiwan has no row in the UN votes after 1971: outside the source in 2018 (structurally
    # absent, not stale), so every value is missing ...
    threats = (*THREATS, Threat("TWN", 0.3))
    strict = run(ds, "threat_un_distance", ["USA", "KOR"], threats=threats)
    assert strict.values.isna().all() and not strict.stale.any()
    assert "threats TWN: unga none (not listed 2015-2018: not a UN member)" in strict.sources["USA"]
    assert any(u.absent for u in strict.provenance["USA"].uses)
    # ... unless the analyst asks to average over the threat actors that have one
    lenient = run(ds, "threat_un_distance", ["USA", "KOR"], threats=threats,
                  params={"skip_missing_threats": True})  # fmt: skip
    plain = run(ds, "threat_un_distance", ["USA", "KOR"])
    np.testing.assert_allclose(lenient.values, plain.values)
    assert "left out: TWN" in lenient.note


# ----------------------------------------------------------------------------- interoperability
def test_defence_ties_japan_2018(ds):
    # atop_v5_1_ddyr.csv line 4759: 2,740,2018,1,0,0,1,1 (US defence pledge to Japan) and
    # line 260989: 740,2,2018,0,0,0,1,1; no ATOP row for Japan and Taiwan.
    result = run(ds, "defence_ties", ["USA", "TWN"])
    assert result.values.tolist() == [3.0, 0.0]
    assert (result.sources == "atop 2018").all()


def test_defence_ties_stale_after_atop_goes_stale(ds):
    # ATOP ends in 2018, its treaties carried forward through 2025: in 2026 the tie is
    # missing and says so
    result = run(ds, "defence_ties", ["USA"], year=2026)
    assert np.isnan(result.values["USA"]) and result.stale["USA"]
    assert result.sources["USA"] == "atop 2018 (stale)"


AUKUS = TieOverride(
    kind="security_partnership",
    parties=("AUS",),
    others=("GBR", "USA"),
    first_year=2021,
    last_year=None,
    source="AUKUS joint leaders statement, 15 September 2021",
)


def test_aukus_override_raises_aus_gbr_without_downgrading_anzus(ds):
    # atop_v5_1_ddyr.csv line 271249: 900,200,2018,0,0,0,1,0 (Australia-UK: non-aggression
    # only, from 2012: the Treaty of Amity and Cooperation, which the UK joined 12 July 2012,
    # a code of conduct, so level 0); line 271136: 900,2,2018,1,0,0,1,1 (ANZUS: defence, 3).
    overrides = Overrides(ties=(AUKUS,))
    before = run(ds, "defence_ties", ["GBR", "USA"], focal="AUS", year=2020, overrides=overrides)
    assert before.values.tolist() == [0.0, 3.0]
    assert "(tac_code): both parties from 2012" in before.sources["GBR"]
    after = run(ds, "defence_ties", ["GBR", "USA"], focal="AUS", year=2022, overrides=overrides)
    assert after.values.tolist() == [2.0, 3.0]
    assert "override (security_partnership, from 2021): AUKUS" in after.sources["GBR"]
    assert after.sources["USA"] == "atop 2018 (carried forward)"  # ANZUS, in force in 2022
    # the same seen from London
    london = run(ds, "defence_ties", ["AUS"], focal="GBR", year=2022, overrides=overrides)
    assert london.values["AUS"] == 2.0


def test_defence_ties_brexit_and_an_oas_exit_end_the_pledges_they_rested_on(ds):
    # tables/atop.csv GBR-SWE: defence 2007-2018 (the Lisbon Treaty's mutual assistance
    # clause), carried forward; the UK left the EU on 31 January 2020 (reference/
    # alliance_depth.csv eu_mutual_assistance GBR to 2019). GBR-FRA: NATO, untouched.
    before = run(ds, "defence_ties", ["SWE", "FRA"], focal="GBR", year=2019)
    assert before.values.tolist() == [3.0, 3.0]
    after = run(ds, "defence_ties", ["SWE", "FRA"], focal="GBR", year=2021)
    assert after.values.tolist() == [0.0, 3.0]
    assert "GBR left the EU after 2019" in after.sources["SWE"]
    assert after.sources["FRA"] == "atop 2018 (carried forward)"
    # Venezuela's pledges rested on the OAS Charter and the Rio Treaty; it left the OAS in 2019
    assert run(ds, "defence_ties", ["VEN"], focal="USA", year=2021).values["VEN"] == 0.0
    # a security partnership from 2017 now raises the void pledge to a partnership, where the
    # stale pledge (3) had stayed above it
    jef = TieOverride(
        kind="security_partnership",
        parties=("GBR",),
        others=("SWE",),
        first_year=2017,
        last_year=None,
        source="Joint Expeditionary Force, Sweden a participant from 2017",
    )
    raised = run(
        ds, "defence_ties", ["SWE"], focal="GBR", year=2021, overrides=Overrides(ties=(jef,))
    )
    assert raised.values["SWE"] == 2.0
    assert "override (security_partnership, from 2017)" in raised.sources["SWE"]


def test_war_at_home_india_2018(ds):
    # data/tables/ucdp.csv (see tests/data/test_data_lookups.py): Afghanistan at war at home
    # in 2016-2018, Iraq in 2016-2017 (its war against IS at intensity 1 in 2018), Yemen's
    # government side A of conflict 230 at intensity 2 in 2016-2018; the United States only
    # a secondary party. A share of the window's 3 covered years.
    result = run(ds, "war_at_home", ["AFG", "IRQ", "YEM", "USA"], focal="IND")
    np.testing.assert_allclose(result.values.to_numpy(), [1.0, 2 / 3, 1.0, 0.0])
    assert result.sources["AFG"] == (
        "ucdp 2016-2018 (at war at home in 3 of the 3 covered years, the latest 2018 "
        "(UCDP conflict 333, 13637))"
    )
    assert result.sources["USA"] == "ucdp 2016-2018"
    assert not result.stale.any()
    # a one-year window sees only 2018
    one_year = run(ds, "war_at_home", ["IRQ"], focal="IND", params={"window_years": 1})
    assert one_year.values["IRQ"] == 0.0


def test_war_at_home_past_the_end_of_ucdp_is_a_share_of_the_covered_years(ds):
    # UCDP ends in 2024; Somalia's government is side A of conflict 337 at war intensity in
    # 2022-2024. In 2026 the window 2024-2026 has one covered year: still at war in all of
    # it (a count would have fallen from 3 to 1 as the data aged). In 2028 nothing is known.
    for year, covered in ((2024, 3), (2025, 2), (2026, 1)):
        result = run(ds, "war_at_home", ["SOM", "USA"], focal="IND", year=year)
        assert result.values.tolist() == [1.0, 0.0], year
        assert f"in {covered} of the {covered} covered years" in result.sources["SOM"]
    late = run(ds, "war_at_home", ["SOM"], focal="IND", year=2028)
    assert np.isnan(late.values["SOM"])
    assert late.sources["SOM"] == "ucdp none (window 2026-2028 not covered)"


def test_arms_supply_and_supplier_overlap_japan_2018(ds):
    # sipri_arms_transfers_dyad_order_year_1950_2024.csv, recipient Japan, order years
    # 2009-2018: United States lines 13698-13707, tiv_order 27.84 + 358.0 + 86.9 + 2445.4 +
    # 149.4 + 30.0 + 2074.0 + 57.8 + 2188.72 + 1764.0 = 9182.06 of a total 9492.37 (with
    # Australia 2.56, lines 68-69; Germany 93.75, lines 4233-4234; UK 214.0, lines 11282-11284)
    supply = run(ds, "arms_supply_to_focal", ["USA", "GBR", "KOR", "CHN"])
    assert supply.values["USA"] == pytest.approx(9182.06 / 9492.37, abs=5e-5)
    assert supply.values["GBR"] == pytest.approx(214.0 / 9492.37, abs=5e-5)
    assert supply.values["KOR"] == 0.0 and supply.values["CHN"] == 0.0  # ordered from others
    assert (supply.sources == "arms_shares 2009-2018").all()
    # data/tables/arms_shares.csv lines 28747-28750 (JPN: AUS .0003, DEU .0099, GBR .0225,
    # USA .9673) and 30166-30172 (KOR: AUT .0001, DEU .0406, FRA .0606, GBR .0343,
    # ISR .0288, SWE .0075, USA .8281): min summed = .0099 + .0225 + .8281
    overlap = run(ds, "arms_supplier_overlap", ["KOR", "JPN"])
    assert overlap.values["KOR"] == pytest.approx(0.0099 + 0.0225 + 0.8281)
    assert overlap.values["JPN"] == pytest.approx(1.0, abs=1e-3)


def test_arms_measures_missing_without_orders(ds):
    # Kiribati ordered no major arms in 2009-2018: its supplier shares are undefined
    overlap = run(ds, "arms_supplier_overlap", ["KIR", "KOR"])
    assert np.isnan(overlap.values["KIR"]) and not np.isnan(overlap.values["KOR"])
    assert "none: no orders by the candidate" in overlap.sources["KIR"]
    supply = run(ds, "arms_supply_to_focal", ["USA"], focal="KIR")
    assert np.isnan(supply.values["USA"]) and "no orders by KIR" in supply.sources["USA"]


def test_un_distance_to_focal_japan_2018(ds):
    # unga_idealpoints_july2025.csv line 73: USA 2.693873882293701; line 9697: JPN
    # 0.7568380236625671
    result = run(ds, "un_distance_to_focal", ["USA"])
    assert result.values["USA"] == pytest.approx(2.693873882 - 0.7568380237, rel=1e-6)
    assert result.sources["USA"] == "unga 2018; focal JPN: unga 2018"


def test_un_distance_to_focal_with_a_contested_seat(ds):
    # contested_un_seats: Myanmar's seat from 2021 stays with the envoy of the government the
    # coup ousted, so its 2023 votes (unga_idealpoints_july2025.csv: -0.0961) are not the
    # military government's. Absent with the reason, not its 2020 votes carried forward ...
    result = run(ds, "un_distance_to_focal", ["MMR", "THA"], focal="AUS", year=2023, threats=())
    assert np.isnan(result.values["MMR"]) and not result.stale["MMR"]
    assert any(u.absent for u in result.provenance["MMR"].uses)
    assert result.sources["MMR"].startswith(
        "unga none (UN votes cast by envoys of a government not in control from 2021 "
        "(checked to 2024): seat held by Ambassador"
    )
    assert result.sources["MMR"].endswith(
        "(contested_un_seats, spell from 2021)); focal AUS: unga 2023"
    )
    assert not np.isnan(result.values["THA"])
    # ... unless the analyst gives a value (the Australia profile's: Myanmar's 2020 point)
    fix = ValueOverride("unga", "idealpointfp", "MMR", 2023, -0.9372341, source="2020 value")
    fixed = run(ds, "un_distance_to_focal", ["MMR"], focal="AUS", year=2023, threats=(),
                overrides=Overrides(values=(fix,)))  # fmt: skip
    assert not np.isnan(fixed.values["MMR"])
    assert fixed.sources["MMR"].startswith("override 2023: 2020 value")


# ----------------------------------------------------------------------------- deterrence
def test_capability_and_milex_are_the_nmc_values(ds):
    # cow_nmc_v7_0.csv line 15220: 740,JPN,Japan,2018,47011000,...,0.028301483 and line 204:
    # 2,USA,United States of America,2018,631161000,...,0.11990859
    cinc = run(ds, "capability", ["JPN", "USA"])
    assert cinc.values.tolist() == pytest.approx([0.028301483, 0.11990859])
    assert (cinc.sources == "nmc 2018").all()
    milex = run(ds, "military_expenditure", ["JPN", "USA"])
    assert milex.values.tolist() == [47011000.0, 631161000.0]
    assert MEASURES["military_expenditure"].unit == "thousands of current US$"


def test_stale_military_expenditure_is_missing_and_says_so(ds):
    # cow_nmc_v7_0.csv line 14972: North Korea's last milex is 2001 (2049000); from line
    # 14973 on it is empty. In 2022 that is 21 years old (limit 3): stale, missing.
    result = run(ds, "military_expenditure", ["PRK", "JPN"], year=2022)
    assert np.isnan(result.values["PRK"]) and result.stale["PRK"]
    assert result.sources["PRK"] == "nmc 2001 (stale)"
    assert not result.stale["JPN"]
    # an analyst's sourced value override fills the gap and says where it came from
    fix = ValueOverride("nmc", "milex", "PRK", 2021, 4000000.0, source="test estimate")
    fixed = run(ds, "military_expenditure", ["PRK"], year=2022,
                overrides=Overrides(values=(fix,)))  # fmt: skip
    assert fixed.values["PRK"] == 4000000.0 and not fixed.stale["PRK"]
    assert fixed.sources["PRK"] == "override 2021: test estimate"


def test_projected_capability_by_hand(ds):
    # CINC 2018 (cow_nmc_v7_0.csv line 204) discounted by the severity-weighted mean distance
    # from Washington to Beijing, Pyongyang and Moscow (cow_capitals.csv coordinates)
    d = (
        1.0 * haversine_km(*WASHINGTON, *BEIJING)
        + 0.8 * haversine_km(*WASHINGTON, *PYONGYANG)
        + 0.5 * haversine_km(*WASHINGTON, *MOSCOW)
    ) / TOTAL
    result = run(ds, "projected_capability", ["USA"])
    assert result.values["USA"] == pytest.approx(0.11990859 / (1 + d / 5000.0), rel=1e-9)
    assert result.sources["USA"] == "nmc 2018; capitals 2018"
    half = run(ds, "projected_capability", ["USA"], params={"half_distance_km": 2500.0})
    assert half.values["USA"] == pytest.approx(0.11990859 / (1 + d / 2500.0), rel=1e-9)
    # an explicit theatre (no severities) is an unweighted mean over its capitals
    korea = run(ds, "projected_capability", ["USA"], theatre=("PRK", "KOR"))
    d_korea = (haversine_km(*WASHINGTON, *PYONGYANG) * 0.8
               + haversine_km(*WASHINGTON, *SEOUL) * 1.0) / 1.8  # fmt: skip
    assert korea.values["USA"] == pytest.approx(0.11990859 / (1 + d_korea / 5000.0))


def test_nuclear_status_and_warheads(ds):
    # nuclear_weapons_status_bleek_owid.csv line 16163: United States,2018,3 and line 13746:
    # South Korea,2018,0; nuclear_warhead_stockpiles_fas.csv line 786: United States,2018,
    # 3785. South Korea is not in the FAS file at all (ten states and 'World'): a true 0.
    status = run(ds, "nuclear_status", ["USA", "KOR"])
    assert status.values.tolist() == [3.0, 0.0]
    heads = run(ds, "nuclear_warheads", ["USA", "KOR"])
    assert heads.values.tolist() == [3785.0, 0.0]
    assert heads.sources["USA"] == "warheads 2018"
    assert heads.sources["KOR"] == "warheads 2018: not on the FAS list (0)"
    # past the table's staleness limit (2023 + 5) nobody's count is known any more
    late = run(ds, "nuclear_warheads", ["USA", "KOR"], year=2030)
    assert late.values.isna().all() and late.stale.all()


# ----------------------------------------------------------------------------- regional stability
def test_contiguity_with_focal(ds):
    # cow_contdir_v3_2.csv line 1712: 732,731,1,1949-06-01,2016-12-01 (the Koreas: land);
    # line 1724: 740,732,4,... (Japan-South Korea, up to 150 miles of water); line 1715:
    # 740,365,2,... (Japan-Russia, up to 12 miles). Carried forward past 2016.
    korea = run(ds, "contiguity_with_focal", ["PRK", "JPN", "USA"], focal="KOR")
    assert korea.values.tolist() == [1.0, 4.0, 0.0]
    assert (korea.sources == "contiguity 2016 (carried forward)").all()
    japan = run(ds, "contiguity_with_focal", ["RUS"], year=2010)
    assert japan.values["RUS"] == 2.0 and japan.sources["RUS"] == "contiguity 2010"


def test_distance_tokyo_seoul(ds):
    # data/tables/capitals.csv lines 94 (Tokyo) and 102 (Seoul)
    result = run(ds, "distance_to_focal", ["KOR", "USA"])
    assert result.values["KOR"] == pytest.approx(haversine_km(*TOKYO, *SEOUL), rel=1e-9)
    # independent: CEPII distcap Japan-Korea 1156.67 km (cepii_dist_cepii.csv line 22734)
    assert result.values["KOR"] == pytest.approx(1156.67, rel=0.01)
    assert result.sources["KOR"] == "capitals 2018"
    np.testing.assert_allclose(result.values, ds.distances_km("JPN", ["KOR", "USA"], 2018))
    # South Sudan had no capital before independence (2011): missing, says so
    before = run(ds, "distance_to_focal", ["SSD"], year=2005)
    assert np.isnan(before.values["SSD"]) and "none" in before.sources["SSD"]


def test_regime_similarity_japan_2018(ds):
    # democracy_cow_states.csv line 15706: 740,2018,...,0.832 and line 204: 2,2018,...,0.824
    result = run(ds, "regime_similarity", ["USA"])
    assert result.values["USA"] == pytest.approx(1 - abs(0.832 - 0.824))
    assert result.sources["USA"] == "vdem 2018; focal JPN: vdem 2018"


def test_entrapment_risk_india_for_japan_2018(ds):
    # Shared opponents S of Japan in 2018: Japan, its threats CHN, PRK, RUS, its TSS rival CHN
    # and its 2009-2014 MID opponents RUS, CHN, TWN, PRK, KOR (cow_mid5_ddy.csv lines
    # 9049-9175). India's TSS rivals in 2018: CHN (in S) and PAK (rivalry 1947-2020): 1.
    # India's disputes 2009-2014 against states not in S (cow_mid5_ddy.csv): 4619 with Italy
    # (line 9194), 4670 with Iran (9198), 4585 with Pakistan (9271-9276), 4593, 4710, 4711,
    # 4712 with Bangladesh (9294-9298): 7; 4487, 4719, 4720 with China are shared.
    result = run(ds, "entrapment_risk", ["IND", "KOR"])
    assert result.values["IND"] == 1 + 7
    assert result.values["KOR"] == 0.0  # its only rival (PRK) and opponents are Japan's too
    assert result.sources["IND"] == "rivalry_tss 2018; mid_cow 2009-2014"
    rivals_only = run(ds, "entrapment_risk", ["IND"], params={"include_disputes": False})
    assert rivals_only.values["IND"] == 1.0


def test_conflict_involvement_usa_2009_2018(ds):
    # ucdp_acd_conflict_years.csv: the United States (GW 2) is a primary or secondary party to
    # 13 distinct internationalized conflicts with a year in 2009-2018: ids 230, 259, 333,
    # 337, 372, 416, 418, 11347, 13637, 13639, 13694, 14113, 15283 (first lines 1877, 2467,
    # 3843, 4229, 4634, 5022, 5485, 30, 679, 699, 783, 814, 1337); no interstate conflict.
    result = run(ds, "conflict_involvement", ["USA", "TWN"])
    assert result.values.tolist() == [13.0, 0.0]
    assert result.sources["USA"] == "ucdp 2009-2018"
    interstate = run(ds, "conflict_involvement", ["USA"], params={"types": ["interstate"]})
    assert interstate.values["USA"] == 0.0


# ----------------------------------------------------------------------------- cross-checks
# With one threat actor of severity 1, the measures' values are the pair lookups' own: the
# all-pairs queries the measures use (Dataset.spell_pairs, dispute_pairs) and the per-pair
# lookups (rivalries, disputes, rivals) give the same real values across the years.
YEARS = [1960, 1985, 1995, 2005, 2012]


def _japan_rivals(ds, candidates, year):
    """Japan's strategic rivals and its rivals by dispute density (three or more MIDs in the
    ten years to ``year``): the candidates that share none of its threats."""
    others = [c for c in candidates if c != "JPN"]
    disputes = ds.disputes("JPN", others, year - 9, year)["disputes"]
    allied = ds.alliances("JPN", others, year)["defense"].fillna(0) > 0
    dense = (disputes >= 3) & ~allied.reindex(disputes.index, fill_value=False)
    found = set(ds.rivals("JPN", year)) | set(disputes[dense].index)
    assert year < 1996 or "CHN" in found  # China-Japan 2 (1996-2020): never vacuous after
    return found


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("table", ["rivalry_tss", "rivalry_td"])
def test_threat_rivalry_agrees_with_the_data_layers_rivalry_lookup(ds, year, table):
    candidates = ds.states(year)
    for actor in ("USA", "RUS", "CHN", "IND", "ISR"):
        if actor not in candidates:
            continue
        got = run(ds, "threat_rivalry", candidates, year=year, threats=(Threat(actor),),
                  params={"table": table})  # fmt: skip
        # Japan's own rivals (China from 1996) share none of its threats: 0, checked apart
        japan_rivals = _japan_rivals(ds, candidates, year)
        others = [c for c in candidates if c != actor and c not in japan_rivals]
        expected = ds.rivalries(actor, others, year, table=table)["rival"].astype(float)
        np.testing.assert_array_equal(got.values[others].to_numpy(), expected.to_numpy())
        assert got.values[sorted(japan_rivals - {actor})].isna().all()


@pytest.mark.parametrize("year", YEARS)
def test_threat_disputes_agree_with_the_data_layers_dispute_lookup(ds, year):
    candidates = ds.states(year)
    for actor in ("USA", "RUS", "CHN", "IND", "ISR"):
        if actor not in candidates:
            continue
        got = run(ds, "threat_disputes", candidates, year=year, threats=(Threat(actor),))
        japan_rivals = _japan_rivals(ds, candidates, year)  # 0: none of Japan's threats
        others = [c for c in candidates if c != actor and c not in japan_rivals]
        expected = ds.disputes(actor, others, year - 9, year)["disputes"].astype(float)
        np.testing.assert_array_equal(got.values[others].to_numpy(), expected.to_numpy())
        assert got.values[sorted(japan_rivals - {actor})].isna().all()


@pytest.mark.parametrize("year", YEARS)
def test_entrapment_rivals_agree_with_the_data_layers_rivals(ds, year):
    focal, threats = "IND", (Threat("PAK"), Threat("CHN"))
    candidates = [c for c in ds.states(year) if c != focal]
    got = run(ds, "entrapment_risk", candidates, focal=focal, year=year, threats=threats,
              params={"include_disputes": False})  # fmt: skip
    shared = {focal, "PAK", "CHN", *ds.rivals(focal, year)}
    for c in candidates:
        assert got.values[c] == len(set(ds.rivals(c, year)) - shared), c
