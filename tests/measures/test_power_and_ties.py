"""Power that analysts recognise, extended deterrence, joint democracy and arms supply, on
hand-checked real values (issue 14, items 3 and 4).

Rows are cited from the built tables in ``src/alliancescore/data/files/tables`` (file and line,
the header being line 1); world totals are summed here from the CSV file itself, not through
the data layer.
"""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from alliancescore.data import load
from alliancescore.data.overrides import Overrides, TieOverride
from alliancescore.data.paths import data_dir
from alliancescore.errors import AllianceScoreError
from alliancescore.measures import MEASURES, MeasureContext, Threat

TABLES = data_dir() / "tables"


@pytest.fixture(scope="module")
def ds():
    return load()


def run(ds, name, candidates, *, focal="JPN", year=2018, threats=(), **kw):
    params = kw.pop("params", {})
    ctx = MeasureContext(ds, focal, year, threats, **kw)
    return MEASURES[name](ctx, candidates, **params)


def world_total(file: str, column: str, year: int) -> tuple[float, int]:
    """Sum of ``column`` over the rows of ``year`` with a value, and how many there were."""
    with (TABLES / file).open(newline="", encoding="utf-8") as handle:
        values = [
            float(r[column]) for r in csv.DictReader(handle) if int(r["year"]) == year and r[column]
        ]
    return sum(values), len(values)


# ----------------------------------------------------------------------------- milex_share
def test_the_nmc_world_total_of_2018_by_hand(ds):
    total, states = world_total("nmc.csv", "milex", 2018)
    assert (total, states) == (1_678_313_000.0, 169)
    assert ds.year_totals("nmc", "milex").loc[2018].tolist() == [total, states]


def test_milex_shares_of_2018_from_the_nmc_rows(ds):
    # nmc.csv lines 10978 (USA 631161000), 1939 (CHN 181135000), 4815 (IND 57830000), 3818
    # (GBR 56003000), thousands of current US$; the world total above. India spends about
    # what the United Kingdom does, where CINC rates India 7.8 times the United Kingdom.
    total = 1_678_313_000.0
    result = run(ds, "milex_share", ["USA", "CHN", "IND", "GBR"])
    expected = {"USA": 631_161_000, "CHN": 181_135_000, "IND": 57_830_000, "GBR": 56_003_000}
    for code, milex in expected.items():
        assert result.values[code] == pytest.approx(milex / total, rel=1e-12)
    assert result.values.round(4).tolist() == [0.3761, 0.1079, 0.0345, 0.0334]
    assert (result.sources == "nmc 2018").all() and not result.stale.any()
    assert "nmc 2018: 1,678,313,000 (thousands of current US$) over 169 states" in result.note
    # before SIPRI's table starts, the joined measure is NMC's
    only = run(ds, "milex_share", ["USA", "CHN"], params={"source": "nmc"})
    np.testing.assert_array_equal(only.values, result.values[["USA", "CHN"]])


def test_milex_shares_of_2023_join_sipri_and_fall_back_to_nmc(ds):
    sipri, n = world_total("sipri_milex.csv", "milex_usd2023m", 2023)
    nmc, m = world_total("nmc.csv", "milex", 2022)
    # 173 states in NMC's 2022 rows, less Ukraine, Ethiopia and Kosovo, set missing by errata
    assert (n, m) == (153, 170)
    # sipri_milex.csv lines 747 (USA 916014.700) and 132 (CHN 296821.378, a SIPRI estimate);
    # Vietnam has no SIPRI row since 2018: its NMC 2022 share, nmc.csv line 11204 (5805000)
    result = run(ds, "milex_share", ["USA", "CHN", "VNM", "LAO"], focal="POL", year=2023)
    assert result.values["USA"] == pytest.approx(916_014.700 / sipri)
    assert result.values["CHN"] == pytest.approx(296_821.378 / sipri)
    assert result.values["VNM"] == pytest.approx(5_805_000 / nmc)
    assert result.sources[["USA", "VNM"]].tolist() == ["sipri_milex 2023", "nmc 2022"]
    # Laos: NMC's last figure is 2014 (stale), SIPRI has none: its 2014 defence burden held,
    # nmc.csv line 5944 (24000) x gdp_wb.csv lines 5074 / 5066 (GDP 2022 / 2014), over NMC's
    # 2022 total (the latest at or before 2023)
    burden = 24_000 * 15_468_785_204 / 13_279_245_886 / nmc
    assert result.values["LAO"] == pytest.approx(burden, rel=1e-12) and not result.stale["LAO"]
    assert result.sources["LAO"] == (
        "nmc 2014: its 2014 defence burden held to 2022; gdp_wb 2014-2022"
    )
    # without the proxy: missing, with both reasons
    bare = run(ds, "milex_share", ["LAO"], focal="POL", year=2023, params={"proxy": "none"})
    assert math.isnan(bare.values["LAO"]) and bare.stale["LAO"]
    assert bare.sources["LAO"] == "nmc 2014 (stale); sipri_milex none"


def test_milex_shares_in_the_years_both_sources_cover_take_nmc(ds):
    joined = run(ds, "milex_share", ["USA", "GBR"], year=2021)
    nmc = run(ds, "milex_share", ["USA", "GBR"], year=2021, params={"source": "nmc"})
    sipri = run(ds, "milex_share", ["USA", "GBR"], year=2021, params={"source": "sipri"})
    np.testing.assert_array_equal(joined.values, nmc.values)
    assert not np.allclose(joined.values, sipri.values)  # the two series differ in level
    assert (sipri.sources == "sipri_milex 2021").all()


def test_nmc_cells_set_missing_by_errata_read_sipri_in_their_year(ds):
    # reference/errata.csv sets missing NMC's Ukraine 2022 (3547000, a fall in the year of
    # the invasion while its personnel tripled), Ethiopia 2021-22, Iran 2020-21 (a conversion
    # break) and Kosovo 2020-22 (0): those years take SIPRI's share. Ukraine 2022:
    # sipri_milex.csv line 736 (41205.165, a SIPRI estimate), over SIPRI's 2022 world total
    sipri, _ = world_total("sipri_milex.csv", "milex_usd2023m", 2022)
    result = run(ds, "milex_share", ["UKR", "ETH", "IRN", "XKX", "RUS"], focal="POL", year=2022)
    assert result.values["UKR"] == pytest.approx(41_205.165 / sipri, rel=1e-12)
    assert round(result.values["UKR"], 4) == 0.0183  # NMC's cell gave 0.0018
    assert result.sources.tolist() == [
        "sipri_milex 2022",
        "sipri_milex 2022",
        "nmc 2022",  # NMC's 2022 figure for Iran stands (SIPRI's level)
        "sipri_milex 2022",
        "nmc 2022",
    ]
    before = run(ds, "milex_share", ["IRN", "XKX", "UKR"], focal="POL", year=2021)
    assert before.sources.tolist() == ["sipri_milex 2021", "sipri_milex 2021", "nmc 2021"]
    assert (before.values > 0).all()  # Kosovo's armed force has a share, not NMC's 0
    # the same cells read by NMC alone: the year before, within the staleness limit
    nmc = run(ds, "milex_share", ["UKR"], focal="POL", year=2022, params={"source": "nmc"})
    assert nmc.sources["UKR"] == "nmc 2021"


def test_milex_shares_go_stale_with_both_sources(ds):
    later = run(ds, "milex_share", ["USA", "VNM"], year=2026)
    assert later.sources.tolist() == ["sipri_milex 2024", "nmc 2022 (stale); sipri_milex none"]
    assert later.stale.tolist() == [False, True]
    gone = run(ds, "milex_share", ["USA"], year=2027)
    assert gone.values.isna().all() and gone.stale.all()


def test_the_uae_gap_in_nmc_is_filled_from_its_2011_defence_burden(ds):
    # NMC leaves the UAE's spending empty for 2012-2019 (nmc.csv line 281: ARE 2018 empty);
    # its last figure, line 274 (ARE 2011: 9320000), scaled by gdp_wb.csv lines 197 / 190
    # (GDP 2018 / 2011), over NMC's 2018 world total, which the UAE is not in
    total, _ = world_total("nmc.csv", "milex", 2018)
    result = run(ds, "milex_share", ["ARE", "SAU"], focal="SAU", year=2018)
    expected = 9_320_000 * 427_049_432_158 / 360_832_739_551 / total
    assert result.values["ARE"] == pytest.approx(expected, rel=1e-12)
    assert round(result.values["ARE"], 4) == 0.0066
    assert result.sources.tolist() == [
        "nmc 2011: its 2011 defence burden held to 2018; gdp_wb 2011-2018",
        "nmc 2018",
    ]
    assert not result.stale.any()
    assert "ARE: no current figure, its last NMC defence burden" in result.note
    # the capability at the theatre reads the same shares
    theatre = run(
        ds,
        "projected_capability",
        ["ARE"],
        focal="SAU",
        year=2018,
        threats=(Threat("IRN"),),
        params={"power": "milex_share"},
    )
    assert theatre.values["ARE"] > 0 and "defence burden" in theatre.sources["ARE"]


def test_the_burden_proxy_needs_a_recent_figure_and_both_gdp_years(ds):
    # a last NMC figure more than BURDEN_YEARS old stays missing: Laos in 2026 (NMC 2014)
    old = run(ds, "milex_share", ["LAO"], focal="POL", year=2026)
    assert math.isnan(old.values["LAO"]) and old.stale["LAO"]
    # North Korea: NMC has figures, the World Bank no GDP: never guessed
    prk = run(ds, "milex_share", ["PRK"], year=2018)
    assert math.isnan(prk.values["PRK"])
    assert not any(u.inferred for u in prk.provenance["PRK"].uses)


def test_milex_share_source_is_checked(ds):
    with pytest.raises(AllianceScoreError, match="parameter 'source': expected one of 'joined'"):
        run(ds, "milex_share", ["USA"], params={"source": "imf"})


def test_milex_shares_of_one_year_sum_to_one(ds):
    states = ds.states(2018)
    result = run(ds, "milex_share", states)
    of_2018 = (result.sources == "nmc 2018").to_numpy()
    assert of_2018.sum() == 169 and result.values[of_2018].sum() == pytest.approx(1.0)
    # a state without a 2018 figure takes its latest one within 3 years, as a share of that
    # year's total (Qatar: 2016, Venezuela: 2017)
    assert result.sources[["QAT", "VEN"]].tolist() == ["nmc 2016", "nmc 2017"]


# ----------------------------------------------------------------------------- net_resources
def test_net_resources_of_2018_by_hand(ds):
    # gdp_wb.csv lines 9467 (USA 20656516000000 current US$) and 1665 (CHN 13894907857881);
    # nmc.csv lines 10978 (USA tpop 338346 thousand) and 1939 (CHN 1427139 thousand)
    result = run(ds, "net_resources", ["USA", "CHN", "TWN"])
    usa = 20.656516 * (20_656_516_000_000 / 338_346_000 / 1e3)
    chn = 13.894907857881 * (13_894_907_857_881 / 1_427_139_000 / 1e3)
    assert result.values["USA"] == pytest.approx(usa)
    assert result.values["CHN"] == pytest.approx(chn)
    assert round(result.values["USA"] / result.values["CHN"], 1) == 9.3
    assert result.sources["USA"] == "gdp_wb 2018; nmc 2018"
    # the World Bank publishes no GDP for Taiwan: missing, never guessed
    assert math.isnan(result.values["TWN"]) and result.sources["TWN"] == "gdp_wb none"


def test_net_resources_read_population_no_later_than_the_gdp(ds):
    result = run(ds, "net_resources", ["USA"], year=2023)
    assert result.sources["USA"] == "gdp_wb 2023; nmc 2022"
    sdp = run(ds, "net_resources", ["TWN", "USA"], params={"source": "sdp"})
    assert sdp.values.notna().all() and (sdp.sources == "gdp_sdp 2018").all()
    assert run(ds, "net_resources", ["USA"], year=2023, params={"source": "sdp"}).stale.all()


# ----------------------------------------------------------------------------- extended
def test_extended_deterrence_for_japan_2018(ds):
    # atop.csv line 11694: USA,JPN,1960,2018 defense 1; nuclear.csv lines 11355 (USA 3), 3912
    # (GBR 3), 9289 (RUS 3), 8929 (PRK 3), 5940 (KOR 0). Only the United States is both
    # nuclear-armed and bound to defend Japan.
    result = run(ds, "extended_deterrence", ["USA", "GBR", "RUS", "PRK", "KOR"])
    assert result.values.tolist() == [3.0, 0.0, 0.0, 0.0, 0.0]
    assert result.sources["USA"] == "nuclear 2018; atop 2018"
    nuclear = run(ds, "nuclear_status", ["USA", "GBR", "RUS", "PRK", "KOR"])
    assert nuclear.values.tolist() == [3.0, 3.0, 3.0, 3.0, 0.0]


def test_extended_deterrence_counts_the_candidates_own_pledge(ds):
    # Poland 2023: NATO pledges carried forward from ATOP 2018 (atop.csv lines 11742, 4325,
    # 4087: USA, GBR, FRA towards POL, defense 1). India 2018: Russia's 1994 treaty has
    # consultation and non-aggression, no defence pledge (line 9396): 0.
    poland = run(ds, "extended_deterrence", ["USA", "GBR", "FRA", "DEU"], focal="POL", year=2023)
    assert poland.values.tolist() == [3.0, 3.0, 3.0, 0.0]
    assert poland.sources["USA"] == "nuclear 2022; atop 2018 (carried forward)"
    assert run(ds, "extended_deterrence", ["RUS"], focal="IND").values["RUS"] == 0.0


def test_extended_deterrence_ends_with_brexit(ds):
    # atop.csv GBR-SWE, FRA-SWE defence 2007-2018 (the EU's mutual assistance clause), carried
    # forward; the UK left the EU on 31 January 2020, France is still bound by the clause
    sweden = run(ds, "extended_deterrence", ["GBR", "FRA"], focal="SWE", year=2021)
    assert sweden.values.tolist() == [0.0, 3.0]
    assert "GBR left the EU after 2019" in sweden.sources["GBR"]
    assert sweden.sources["FRA"] == "nuclear 2021; atop 2018 (carried forward)"
    before = run(ds, "extended_deterrence", ["GBR"], focal="SWE", year=2019)
    assert before.values["GBR"] == 3.0


def test_extended_deterrence_with_overrides_and_after_atop_goes_stale(ds):
    pact = TieOverride("defence_pact", ("JPN",), ("GBR",), 2017, None, "a test treaty")
    none = TieOverride("none", ("JPN",), ("USA",), 2017, None, "a test abrogation")
    result = run(ds, "extended_deterrence", ["USA", "GBR"], overrides=Overrides(ties=(pact, none)))
    assert result.values.tolist() == [0.0, 3.0]
    assert (
        result.sources["GBR"] == "nuclear 2018; override (defence_pact, from 2017): a test treaty"
    )
    # a dialogue override beside ATOP's defence pledge decides nothing: the source is ATOP
    # (the Japan profile's Quad dialogue once made the United States' value cite the dialogue)
    dialogue = TieOverride("dialogue", ("JPN",), ("USA",), 2017, None, "a test dialogue")
    cited = run(ds, "extended_deterrence", ["USA"], overrides=Overrides(ties=(dialogue,)))
    assert cited.values["USA"] == 3.0 and cited.sources["USA"] == "nuclear 2018; atop 2018"
    # past ATOP's horizon (2025): unknown for a nuclear state, 0 for a non-nuclear one
    late = run(ds, "extended_deterrence", ["USA", "KOR"], year=2026)
    assert math.isnan(late.values["USA"]) and late.stale["USA"]
    assert late.values["KOR"] == 0.0 and not late.stale["KOR"]


# ----------------------------------------------------------------------------- democracy
# vdem.csv lines 8366 (POL 2023 0.598), 3421 (FIN 0.853), 7701 (NOR 0.89), 6907 (MNE 0.61),
# 210 (ALB 0.505)
def test_joint_democracy_poland_2023(ds):
    cands = ["FIN", "NOR", "MNE", "ALB"]
    weak = run(ds, "joint_democracy", cands, focal="POL", year=2023)
    # V-Dem rates Poland 2023 (0.598) just below Montenegro (0.61): under the weak link
    # Finland and Montenegro tie at Poland's score; Albania is below it
    assert weak.values.tolist() == [0.598, 0.598, 0.598, 0.505]
    product = run(ds, "joint_democracy", cands, focal="POL", year=2023, params={"form": "product"})
    np.testing.assert_allclose(product.values, [0.598 * 0.853, 0.598 * 0.89, 0.598 * 0.61,
                                                0.598 * 0.505])  # fmt: skip
    assert product.values["FIN"] > product.values["MNE"]
    # regime similarity (1 - |gap|) puts Montenegro and Albania above Finland and Norway
    similar = run(ds, "regime_similarity", cands, focal="POL", year=2023)
    assert similar.values["MNE"] > similar.values["ALB"] > similar.values["FIN"]
    assert weak.sources["FIN"] == "vdem 2023; focal POL: vdem 2023"


@pytest.mark.parametrize("form", ["min", "product"])
def test_joint_democracy_never_prefers_a_less_democratic_partner(ds, form):
    states = ds.states(2018)
    scores = ds.values("vdem", "v2x_polyarchy", states, 2018)["v2x_polyarchy"].astype(float)
    for focal in ("USA", "HUN", "CHN"):
        got = run(ds, "joint_democracy", states, focal=focal, params={"form": form}).values
        order = scores.dropna().sort_values(kind="stable").index
        assert (np.diff(got[order].to_numpy()) >= -1e-12).all()
        assert got[scores.isna()].isna().all()


def test_joint_democracy_form_is_checked(ds):
    with pytest.raises(AllianceScoreError, match="parameter 'form': expected 'min' or 'product'"):
        run(ds, "joint_democracy", ["FIN"], params={"form": "max"})


# ----------------------------------------------------------------------------- arms supply
def test_arms_supply_to_focal_2018_and_2023(ds):
    # arms_shares.csv lines 24946 (IND,RUS,2018,0.3582), 25020 (IND,RUS,2023,0.3859), 46511
    # (SAU,USA,2018,0.7771) and 46625 (SAU,USA,2023,0.6453): share of the focal's orders over
    # the 10 order years ending at the year
    india = run(ds, "arms_supply_to_focal", ["RUS", "PAK"], focal="IND")
    assert india.values.tolist() == [0.3582, 0.0]  # Pakistan: never a supplier, a true 0
    assert (india.sources == "arms_shares 2009-2018").all()
    later = run(ds, "arms_supply_to_focal", ["RUS"], focal="IND", year=2023)
    assert later.values["RUS"] == 0.3859 and later.sources["RUS"] == "arms_shares 2014-2023"
    saudi = run(ds, "arms_supply_to_focal", ["USA"], focal="SAU")
    assert saudi.values["USA"] == 0.7771
    assert run(ds, "arms_supply_to_focal", ["USA"], focal="SAU", year=2023).values["USA"] == 0.6453
    # past the register's end (2024) the last window is carried forward, and says so
    carried = run(ds, "arms_supply_to_focal", ["RUS"], focal="IND", year=2026)
    assert carried.values["RUS"] == 0.3964
    assert carried.sources["RUS"] == "arms_shares 2015-2024 (carried forward)"
    assert "carried forward to 2026" in carried.note


def test_the_new_measures_see_no_threat_and_take_the_threats_in_stride(ds):
    # none of them reads the threats: the same values with and without
    for name in ("milex_share", "net_resources", "extended_deterrence", "joint_democracy"):
        plain = run(ds, name, ["USA", "GBR", "IND"])
        threatened = run(ds, name, ["USA", "GBR", "IND"], threats=(Threat("CHN"),))
        np.testing.assert_array_equal(plain.values, threatened.values)


def test_projected_capability_can_discount_the_military_spending_share(ds):
    # the same loss-of-strength factor 1 / (1 + d / 5000 km), applied to the share of world
    # military spending instead of CINC
    threats = (Threat("CHN"),)
    cands = ["USA", "GBR", "IND"]
    cinc = run(ds, "projected_capability", cands, threats=threats)
    spent = run(ds, "projected_capability", cands, threats=threats, params={"power": "milex_share"})
    share = run(ds, "milex_share", cands).values
    raw_cinc = ds.values("nmc", "cinc", cands, 2018)["cinc"].astype(float)
    np.testing.assert_allclose(spent.values / share, cinc.values / raw_cinc)
    assert spent.values["GBR"] < spent.values["IND"] < spent.values["USA"]
    assert spent.note.startswith("milex_share (share of the source's world total")
    with pytest.raises(AllianceScoreError, match="parameter 'power': expected 'cinc' or"):
        run(ds, "projected_capability", cands, threats=threats, params={"power": "gdp"})
