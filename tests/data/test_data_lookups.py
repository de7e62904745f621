"""Lookups on hand-checked real rows.

Each expected value was read from the source file in ../shared/data (file and line cited);
the data layer must return it through the crosswalk, the build and the lookup rules.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from alliancescore.data import load
from alliancescore.errors import AllianceScoreError


@pytest.fixture(scope="module")
def ds():
    return load()


# ----------------------------------------------------------------------------- capability
def test_cow_capability_figures_for_japan_2018(ds):
    # cow_nmc_v7_0.csv line 15220: 740,JPN,Japan,2018,47011000,247,104319,692230,126913.0,
    #                               86803.0,0.028301483
    cinc = ds.value("nmc", "cinc", "JPN", 2018)
    assert cinc.value == pytest.approx(0.028301483, rel=1e-9)
    assert cinc.year_used == 2018 and not cinc.stale and cinc.status == "ok"
    assert "National Material Capabilities" in cinc.source
    row = ds.values("nmc", ["milex", "milper", "tpop"], ["JPN"], 2018).loc["JPN"]
    assert (row["milex"], row["milper"], row["tpop"]) == (47011000, 247, 126913)


def test_values_are_vectorised_and_agree_with_single_lookups(ds):
    nations = ["USA", "JPN", "CHN", "PRK"]
    frame = ds.values("nmc", ["cinc", "milex"], nations, 2018)
    assert list(frame.index) == nations
    # cow_nmc_v7_0.csv line 204: 2,USA,United States of America,2018,631161000,1348,...,0.11990859
    assert frame.loc["USA", "cinc"] == pytest.approx(0.11990859)
    assert frame.loc["USA", "milex"] == 631161000
    for nation in nations:
        single = ds.value("nmc", "cinc", nation, 2018)
        assert single.value == pytest.approx(frame.loc[nation, "cinc"])


def test_a_stale_value_is_reported_as_stale_and_counts_as_missing(ds):
    # cow_nmc_v7_0.csv line 14972: 731,PRK,North Korea,2001,2049000,... and from line 14973
    # (2002) on, milex is empty. In 2022, 2001 is 21 years old (max staleness 3).
    obs = ds.value("nmc", "milex", "PRK", 2022)
    assert obs.stale and obs.status == "stale" and obs.missing
    assert obs.value is None
    assert obs.observed == 2049000 and obs.year_used == 2001
    # two years later is still fresh enough
    fresh = ds.value("nmc", "milex", "PRK", 2003)
    assert fresh.value == 2049000 and fresh.year_used == 2001 and not fresh.stale
    frame = ds.values("nmc", "milex", ["PRK", "JPN"], 2022)
    assert pd.isna(frame.loc["PRK", "milex"]) and bool(frame.loc["PRK", "milex_stale"])
    assert frame.loc["PRK", "milex_observed"] == 2049000
    assert not frame.loc["JPN", "milex_stale"]


def test_a_value_past_the_source_end_goes_stale(ds):
    # the SDP series ends in 2019
    assert not ds.value("gdp_sdp", "pwtrgdp", "JPN", 2021).stale
    late = ds.value("gdp_sdp", "pwtrgdp", "JPN", 2024)
    assert late.stale and late.year_used == 2019 and late.value is None


def test_nothing_after_the_reference_year_is_used(ds):
    # UNGA ideal points exist for 2019; a 2018 lookup must not see them
    obs = ds.value("unga", "idealpointfp", "USA", 2018)
    assert obs.year_used == 2018
    before_data = ds.value("nmc", "cinc", "JPN", 1940)
    assert before_data.value is None and before_data.year_used is None
    assert before_data.status == "missing"


def test_missing_values_stay_missing(ds):
    # UNGA idealpointall is empty for 2024 (PROVENANCE.md); it is not filled from 2023
    frame = ds.frame("unga")
    assert frame.loc[frame.year == 2024, "idealpointall"].isna().all()
    obs = ds.value("unga", "idealpointall", "USA", 2024)
    assert obs.year_used == 2023  # the latest observed year, reported as such


def test_un_ideal_point_usa_2018(ds):
    # unga_idealpoints_july2025.csv line 73: 2,USA,United States,2018,2.693873882293701,
    #                                         2.5853779315948486,...
    obs = ds.value("unga", "idealpointfp", "USA", 2018)
    assert obs.value == pytest.approx(2.693873882293701, rel=1e-6)
    assert ds.value("unga", "idealpointall", "USA", 2018).value == pytest.approx(
        2.5853779315948486, rel=1e-6
    )


def test_un_file_south_yemen_is_keyed_by_cow_code_not_its_iso_column(ds):
    # unga_idealpoints_july2025.csv codes ccode 680 (South Yemen) as iso3c "YAR"
    frame = ds.frame("unga")
    assert (frame.iso3 == "YMD").sum() > 0
    assert not frame.duplicated(["iso3", "year"]).any()


def test_sipri_milex_and_flags(ds):
    frame = ds.frame("sipri_milex")
    # sipri_milex_2020_2024_subset.csv line 2: Algeria,...,constant_2023_usd_m,2020,
    #                                           11577.302065989732,ok,highly_uncertain,§4
    row = frame[(frame.iso3 == "DZA") & (frame.year == 2020)].iloc[0]
    assert row["milex_usd2023m"] == pytest.approx(11577.302, abs=1e-3)
    assert row["milex_usd2023m_flag"] == "highly_uncertain"
    # Libya 2020 is 'unavailable' in the source: no value, no row
    assert frame[(frame.iso3 == "LBY") & (frame.year == 2020)].empty


def test_nuclear_status_and_warheads(ds):
    assert ds.value("nuclear", "status", "PRK", 2018).value == 3
    assert ds.value("nuclear", "status", "JPN", 2018).value == 0
    # nuclear_warhead_stockpiles_fas.csv: "North  Korea" (two spaces) -> PRK
    assert ds.value("warheads", "stockpile", "PRK", 2018).value is not None
    assert ds.value("warheads", "stockpile", "JPN", 2018).value is None  # no estimate


def test_unknown_table_and_column_are_named(ds):
    with pytest.raises(AllianceScoreError, match="Did you mean 'nmc'"):
        ds.value("nmcc", "cinc", "JPN", 2018)
    with pytest.raises(AllianceScoreError, match="Did you mean 'cinc'"):
        ds.value("nmc", "cinx", "JPN", 2018)
    with pytest.raises(AllianceScoreError, match=r"'JAP'.*Did you mean.*'JPN'"):
        ds.values("nmc", "cinc", ["JAP"], 2018)
    with pytest.raises(AllianceScoreError, match="integer"):
        ds.value("nmc", "cinc", "JPN", 2018.0)


# ----------------------------------------------------------------------------- alliances
def test_known_atop_defence_pact_usa_japan(ds):
    # atop_v5_1_ddyr.csv line 4701: 2,740,1960,1,0,0,1,1  (the US pledges to defend Japan)
    # and 740,2,1960,0,0,0,1,1 (Japan's obligations exclude defence: an asymmetric treaty)
    tie = ds.alliance("USA", "JPN", 1960)
    assert tie.a_to_b == {"defense": 1, "offense": 0, "neutral": 0, "nonagg": 1, "consul": 1}
    assert tie.b_to_a == {"defense": 0, "offense": 0, "neutral": 0, "nonagg": 1, "consul": 1}
    assert tie.defense == 1
    assert ds.alliance("USA", "JPN", 2018).defense == 1


def test_known_absence_usa_new_zealand_after_1986(ds):
    # atop_v5_1_ddyr.csv line 5214: 2,920,1986,1,0,0,1,1 is the last US-NZ defence row
    assert ds.alliance("USA", "NZL", 1986).defense == 1
    for year in (1987, 1995, 2005, 2018):
        tie = ds.alliance("USA", "NZL", year)
        assert tie.defense == 0, year
        assert tie.a_to_b["defense"] == 0 and tie.b_to_a["defense"] == 0
    # Australia keeps a defence tie with the US (atop_v5_1_ddyr.csv line 271136:
    # 900,2,2018,1,0,0,1,1); ATOP codes none with New Zealand after 1986 either (line 271831:
    # 900,920,2018,0,0,0,1,1: non-aggression and consultation only)
    assert ds.alliance("AUS", "USA", 2018).defense == 1
    aus_nzl = ds.alliance("AUS", "NZL", 2018)
    assert aus_nzl.defense == 0 and aus_nzl.a_to_b["nonagg"] == 1 and aus_nzl.any == 1


def test_aukus_and_the_quad_are_not_defence_pacts(ds):
    # ATOP ends in 2018, before AUKUS (2021); carried forward to 2022 the Australia-UK tie is
    # non-aggression only (atop_v5_1_ddyr.csv line 271249: 900,200,2018,0,0,0,1,0), and the
    # Quad partners have no defence obligation either (line 261312: 740,750,2018,0,0,0,1,0).
    aus_gbr = ds.alliance("AUS", "GBR", 2022)
    assert aus_gbr.year_used == 2018 and aus_gbr.defense == 0 and aus_gbr.a_to_b["nonagg"] == 1
    quad = ds.alliances("JPN", ["IND", "AUS", "USA"], 2018)
    assert quad["defense"].tolist() == [0, 0, 1]


def test_alliances_vectorised(ds):
    frame = ds.alliances("USA", ["JPN", "NZL", "KOR", "CHN"], 2018)
    assert frame["defense"].tolist() == [1, 0, 1, 0]
    assert frame.loc["JPN", "defense_by_focal"] == 1
    assert frame.loc["JPN", "defense_by_other"] == 0
    assert (frame["year_used"] == 2018).all() and not frame["stale"].any()


def test_atop_ends_in_2018_and_goes_stale(ds):
    carried = ds.alliance("USA", "JPN", 2022)
    assert carried.year_used == 2018 and not carried.stale and carried.defense == 1
    stale = ds.alliance("USA", "JPN", 2030)
    assert stale.stale and stale.defense is None
    # Finland's NATO accession (2023) is absent: no US defence pledge in ATOP
    assert ds.alliance("USA", "FIN", 2018).defense == 0


def test_alliance_pairs_for_a_year(ds):
    pairs = ds.alliance_pairs(2018)
    assert {"iso_a", "iso_b", "defense"} <= set(pairs.columns)
    us_nz = pairs[(pairs.iso_a == "USA") & (pairs.iso_b == "NZL")]
    assert (us_nz["defense"] == 0).all()


# ----------------------------------------------------------------------------- geography
def test_capital_to_capital_distance_washington_ottawa(ds):
    # cow_capitals.csv lines 2-3: Washington D.C. 38.8950368,-77.0365427; Ottawa
    # 45.4208777,-75.6901106. Gleditsch's static capdist.csv line 2 gives 731 km.
    km = ds.distance_km("USA", "CAN", 2018)
    assert km == pytest.approx(731, rel=0.01)
    # and by hand: haversine with R = 6371.0088 km gives 734.05 km
    assert km == pytest.approx(734.05, abs=0.05)


def test_germany_capital_bonn_before_and_berlin_after(ds):
    # gw_capitals.csv: 260 Bonn 1949-01-01 to 1991-06-19, Berlin from 1991-06-20
    assert ds.capital("DEU", 1989).name == "Bonn"
    assert ds.capital("DEU", 1990).name == "Bonn"
    assert ds.capital("DEU", 1991).name == "Berlin"  # capital at the end of the year
    assert ds.capital("DDR", 1989).name == "East Berlin"
    # Bonn-Paris is about 400 km and Berlin-Paris about 878 km (published great-circle values)
    assert ds.distance_km("DEU", "FRA", 1989) == pytest.approx(400, rel=0.01)
    assert ds.distance_km("DEU", "FRA", 2000) == pytest.approx(878, rel=0.01)


def test_distance_matrix_is_vectorised_symmetric_and_nan_without_a_capital(ds):
    nations = ["USA", "CAN", "JPN", "DEU"]
    matrix = ds.distance_matrix(nations, 1947)  # no German state in 1947
    assert matrix.shape == (4, 4)
    assert np.isnan(matrix.loc["DEU", "USA"]) and np.isnan(matrix.loc["USA", "DEU"])
    values = matrix.loc[["USA", "CAN", "JPN"], ["USA", "CAN", "JPN"]].to_numpy()
    assert np.allclose(values, values.T) and np.allclose(np.diag(values), 0)
    series = ds.distances_km("JPN", ["USA", "CAN"], 2018)
    assert series["USA"] == pytest.approx(ds.distance_km("JPN", "USA", 2018))


def test_contiguity_carried_forward_past_2016_and_said_so(ds):
    # cow_contdir_v3_2.csv line 2: 2,20,1,1920-01-01,2016-12-01 (the data's end, not a border
    # change)
    before = ds.contiguity("USA", "CAN", 2010)
    assert before.conttype == 1 and not before.carried_forward and before.year_used == 2010
    after = ds.contiguity("USA", "CAN", 2020)
    assert after.conttype == 1 and after.carried_forward and after.year_used == 2016
    # US-Russia across the Bering Strait: conttype 2 from 1959 (line 7 of the source)
    assert ds.contiguity("USA", "RUS", 2018).conttype == 2
    assert ds.contiguity("USA", "JPN", 2018).conttype == 0
    frame = ds.contiguities("USA", ["CAN", "MEX", "JPN"], 2020)
    assert frame["conttype"].tolist() == [1, 1, 0]
    assert frame["carried_forward"].all()


# ----------------------------------------------------------------------------- rivalries
def test_rivalry_china_united_states(ds):
    # rivalries_thompson_sakuwa_suhas_2021.csv line 212: 211,China-United States 2,2,710,1996,
    #   2020,1,,,,1,   (end 2020 = ongoing)
    rivalry = ds.rivalry("USA", "CHN", 2018)
    assert rivalry is not None
    assert rivalry.rivalry_id == 211 and rivalry.first_year == 1996 and rivalry.ongoing
    assert "positional" in rivalry.types and "principal" in rivalry.types
    assert ds.rivalry("USA", "CHN", 1990) is None  # between rivalry 1 (to 1972) and 2
    # line 108: 107,India-Pakistan,750,770,1947,2020,...
    assert "PAK" in ds.rivals("IND", 2018)
    frame = ds.rivalries("IND", ["PAK", "CHN", "JPN"], 2018)
    assert frame["rival"].tolist() == [True, True, False]


def test_rivalry_tables_primary_and_secondary(ds):
    assert ds.rivalry("IND", "PAK", 2005, table="rivalry_td") is not None
    assert ds.rivalries("IND", ["PAK"], 2018, table="rivalry_td")["stale"].all()
    with pytest.raises(AllianceScoreError, match="rivalry_tss"):
        ds.rivalry("IND", "PAK", 2005, table="rivalry")


# ----------------------------------------------------------------------------- events
def test_disputes_count_disputes_not_rows_and_report_coverage(ds):
    frame = ds.disputes("USA", ["IRQ", "CAN", "NZL"], 2000, 2014)
    mids = ds.frame("mid_cow")
    usa_irq = mids[(mids.iso_a == "IRQ") & (mids.iso_b == "USA") & mids.year.between(2000, 2014)]
    assert frame.loc["IRQ", "disputes"] == usa_irq["dispnum"].nunique()
    assert frame.loc["IRQ", "max_hostlev"] == usa_irq["hostlev"].max()
    assert frame.loc["NZL", "disputes"] == 0
    assert (frame["years_covered"] == 15).all()
    beyond = ds.disputes("USA", ["IRQ"], 2016, 2018)
    assert pd.isna(beyond.loc["IRQ", "disputes"]) and beyond.loc["IRQ", "years_covered"] == 0


def test_ucdp_counts_conflicts_not_rows(ds):
    # ucdp_acd_conflict_years.csv lines 29-35: conflict 11347 (Mali) in 2013 has one row per
    # secondary state (2, 200, 211, 220, 260, 325, 366, 375, ...)
    ucdp = ds.frame("ucdp")
    mali = ucdp[(ucdp.conflict_id == 11347) & (ucdp.year == 2013)]
    assert {"USA", "GBR", "BEL", "FRA", "DEU"} <= set(mali.iso3)
    assert not mali.duplicated(["iso3", "side", "role"]).any()
    counts = ds.conflicts(["FRA"], 2013, 2013, types=None)
    assert (
        counts.loc["FRA", "conflicts"]
        == ucdp[(ucdp.iso3 == "FRA") & (ucdp.year == 2013)]["conflict_id"].nunique()
    )
    between = ds.conflicts_between("RUS", ["UKR", "NZL"], 2022, 2022, types=["interstate"])
    assert between.loc["UKR", "conflicts"] == 1 and between.loc["NZL", "conflicts"] == 0


def test_yemen_is_its_recognised_government_in_ucdp_from_2015(ds):
    # ucdp_acd_conflict_years.csv: conflict 230 (Yemen: government) has the United States on
    # side A with 678 in 2009-2014 and, from 2015, the Saudi-led coalition (670, 696, ...) on
    # side B against side A 678, UCDP's government being the party holding Sanaa (the
    # Houthis). reference/ucdp_capital_holders.csv reads Yemen as the recognised government,
    # as every other table does: on the government side (A) with the coalition.
    ucdp = ds.frame("ucdp")
    war = ucdp[(ucdp.conflict_id == 230) & (ucdp.year == 2018)].set_index("iso3")
    assert war.at["YEM", "side"] == "A" and war.at["YEM", "role"] == "primary"
    assert war.at["SAU", "side"] == "A" and war.at["ARE", "side"] == "A"
    before = ucdp[(ucdp.conflict_id == 230) & (ucdp.year == 2014)].set_index("iso3")
    assert before.at["YEM", "side"] == before.at["USA", "side"] == "A"  # before the spell
    opposed = ds.conflicts_between("SAU", ["YEM"], 2015, 2018, types=None)
    assert opposed.loc["YEM", "conflicts"] == 0
    # the Sanaa authorities' other wars are not Yemen's: the 2024 strikes on the Houthis
    # (16099), their attacks on Israel (234, 2023-2024), the southern territorial war (13645)
    houthi = ucdp[(ucdp.iso3 == "YEM") & ucdp.conflict_id.isin([16099, 234, 13645])]
    assert houthi.empty
    assert ds.conflicts_between("USA", ["YEM"], 2024, 2024, types=None).loc["YEM", "conflicts"] == 0
    # the recognised government's contributions to the UN missions stay (Mali 11347, 2015)
    mali = ucdp[(ucdp.conflict_id == 11347) & (ucdp.year == 2015)]
    assert "YEM" in set(mali.iso3)
    # and its war at home is still one: on the government side at war intensity
    assert ds.wars_at_home(["YEM"], 2016, 2018).at["YEM", "years"] == 3


def test_wars_at_home_count_years_of_war_on_the_governments_side(ds):
    # data/tables/ucdp.csv: Afghanistan side A primary of conflict 333 at intensity 2 in
    # 2015-2018 (lines 3058, 3061, 3064, 3067) and of 13637 in 2016-2018 (lines 5484-5489;
    # 1 in 2015, line 5481); Iraq of 259 at 2 in 2015-2017 (lines 1109, 1122, 1131), at 1 in
    # 2018 (line 1139); the United States and Pakistan only secondary on Afghanistan's side
    # (lines 3068-3069); India side A of minor conflicts only in 2018 (lines 415, 3537, 5608).
    wars = ds.wars_at_home(["AFG", "IRQ", "USA", "PAK", "IND"], 2016, 2018)
    assert wars["years"].tolist() == [3, 2, 0, 0, 0]
    assert wars.at["AFG", "last"] == 2018 and wars.at["IRQ", "last"] == 2017
    assert pd.isna(wars.at["USA", "last"])
    assert wars.at["AFG", "conflicts"] == "333,13637" and wars.at["USA", "conflicts"] == ""
    assert (wars["years_covered"] == 3).all()
    # a year counts once however many wars it saw; 2018 alone: Iraq's war had ended
    assert ds.wars_at_home(["AFG", "IRQ"], 2018, 2018)["years"].tolist() == [1, 0]
    # beyond the source's end nothing is known: missing, not zero
    beyond = ds.wars_at_home(["AFG"], 2025, 2027)
    assert pd.isna(beyond.at["AFG", "years"]) and beyond.at["AFG", "years_covered"] == 0


# ----------------------------------------------------------------------------- arms
def test_arms_supplier_shares(ds):
    shares = ds.arms_shares(["JPN", "AUS", "ISL"], 2018)
    assert shares.window == (2009, 2018) and not shares.stale
    matrix = shares.matrix
    assert matrix.loc["JPN"].sum() == pytest.approx(1.0, abs=1e-3)
    assert matrix.loc["JPN", "USA"] > 0.9
    assert matrix.loc["ISL"].isna().all()  # no orders: undefined, not zero
    assert ds.arms_shares(["JPN"], 2040).stale


def test_arms_shares_use_only_orders_up_to_the_year(ds):
    frame = ds.frame("arms_shares")
    assert frame["end_year"].max() == 2024
    early = ds.arms_shares(["IND"], 1970).matrix
    late = ds.arms_shares(["IND"], 2020).matrix
    assert early.loc["IND", "RUS"] > 0.5  # Soviet Union folded into RUS
    assert early.loc["IND"].sum() == pytest.approx(1.0, abs=1e-3)
    assert not math.isclose(early.loc["IND", "RUS"], late.loc["IND", "RUS"])


# ----------------------------------------------------------------------------- states
def test_state_system_membership_by_year(ds):
    states_1980 = ds.states(1980)
    assert {"DDR", "DEU", "YUG", "YEM", "YMD", "RUS"} <= set(states_1980)
    assert "SRB" not in states_1980 and "UKR" not in states_1980
    assert "XRV" in ds.states(1970) and "XRV" not in ds.states(1980)
    assert ds.states(2020) == ds.states(2016)  # COW list ends 2016: carried forward
    assert "SSD" in ds.states(2018) and "XKX" in ds.states(2018)
    assert 150 < len(states_1980) < 170
    assert ds.major_powers(2018) == ["CHN", "DEU", "FRA", "GBR", "JPN", "RUS", "USA"]
    assert "DEU" not in ds.major_powers(1980)


def test_metadata_per_table(ds):
    meta = ds.meta("sipri_milex")
    assert "non-commercial" in meta.licence and "SIPRI" in meta.credit
    assert meta.max_staleness_years == 2 and (meta.first_year, meta.last_year) == (2020, 2024)
    assert "CC-BY-SA" in ds.meta("vdem").licence
    assert "OpenStreetMap" in ds.meta("capitals").credit
    assert ds.meta("contiguity").source_last_year == 2016
