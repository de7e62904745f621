"""The project's crosswalk on the joining pitfalls listed in ../shared/data/PROVENANCE.md.

Codes and names are checked against what the sources actually use (line numbers cite the
source files in ../shared/data).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from alliancescore.data import load
from alliancescore.data.builders import BuildContext, map_code_column, map_name_column
from alliancescore.data.builders_common import resolve_collisions
from alliancescore.data.iso3166 import FORMER_CODES, OUTSIDE_THE_DATA
from alliancescore.errors import AllianceScoreError


@pytest.fixture(scope="module")
def ds():
    return load()


@pytest.fixture(scope="module")
def cw(ds):
    return ds.crosswalk


# ----------------------------------------------------------------------------- codes
def test_unified_vietnam_is_816_in_both_systems_not_gw_817(cw):
    # countrycode 0.6.0 lists VNM with gwn 817 (the Republic of Vietnam); the project does not.
    assert cw.iso3("cow", 816, 2018) == "VNM"
    assert cw.iso3("gw", 816, 2018) == "VNM"
    assert cw.code("VNM", "gw", 2018) == 816
    assert cw.iso3("gw", 817, 1970) == "XRV"  # South Vietnam, a project-assigned code
    assert cw.iso3("cow", 817, 1980) is None  # it ended in 1975


def test_yemen_is_cow_679_but_gw_678(cw):
    assert cw.code("YEM", "cow", 2018) == 679
    assert cw.code("YEM", "gw", 2018) == 678
    assert cw.iso3("gw", 678, 2018) == "YEM"
    # before unification North Yemen is COW 678 -> YEM, South Yemen COW/GW 680 -> YMD
    assert cw.iso3("cow", 678, 1980) == "YEM"
    assert cw.iso3("cow", 680, 1980) == "YMD"
    assert cw.iso3("gw", 680, 1980) == "YMD"
    assert cw.iso3("cow", 680, 1991) is None


def test_cow_345_is_yugoslavia_then_serbia(cw):
    assert cw.iso3("cow", 345, 1985) == "YUG"
    assert cw.iso3("cow", 345, 2005) == "YUG"
    assert cw.iso3("cow", 345, 2006) == "SRB"
    assert cw.iso3("cow", 345, 2018) == "SRB"
    # Gleditsch-Ward: 345 to 2006, then 340 (UCDP keeps 345 afterwards; both reach SRB)
    assert cw.iso3("gw", 340, 2018) == "SRB"
    assert cw.iso3("gw", 345, 2018) == "SRB"
    assert cw.code("SRB", "gw", 2018) == 340  # priority: the list's own code first


def test_kosovo_is_xkx_as_the_world_bank_codes_it(cw, ds):
    assert cw.iso3("cow", 347, 2010) == "XKX"
    assert cw.iso3("gw", 347, 2010) == "XKX"
    assert cw.iso3_from_name("worldbank", "XKX", 2015) == "XKX"
    assert cw.iso3_from_name("sipri_milex", "Kosovo", 2022) == "XKX"
    assert "XKX" in ds.states(2010)
    assert "XKX" not in ds.states(2007)


def test_germany_codes_and_the_1990_collision(cw, ds):
    # COW: 260 (West Germany) to 1990, 255 afterwards; both map to DEU, 255 wins in 1990
    assert cw.iso3("cow", 260, 1980) == "DEU"
    assert cw.iso3("cow", 260, 1991) is None
    assert cw.iso3("cow", 255, 2000) == "DEU"
    assert cw.code("DEU", "cow", 1990) == 255
    assert cw.iso3("cow", 265, 1980) == "DDR"
    # NMC has rows for both 260 and 255 in 1990; the unified state's row is kept
    # (cow_nmc_v7_0.csv: 255,GMY,Germany,1990,... and 260,GFR,...,1990,...)
    # cow_nmc_v7_0.csv line 6022: 255,GMY,Germany,1990,37200000,545,38434,,79402.0,...
    # (line 6090, the 260 row for 1990, has tpop 63253.0 and is dropped)
    nmc = ds.frame("nmc")
    deu_1990 = nmc[(nmc.iso3 == "DEU") & (nmc.year == 1990)]
    assert len(deu_1990) == 1
    assert int(deu_1990["tpop"].iloc[0]) == 79402


def test_a_collision_fills_a_cell_only_the_other_code_has(ds, tmp_path):
    # democracy_cow_states.csv line 6163: 255,1990 has no v2x_polyarchy; line 6234: 260,1990
    # has 0.892 (V-Dem scores Germany's 1990 under West Germany). The 255 row is kept and
    # its empty cell filled, not lost (a lookup then read 1989's 0.864).
    vdem = ds.frame("vdem")
    deu_1990 = vdem[(vdem.iso3 == "DEU") & (vdem.year == 1990)]
    assert deu_1990["v2x_polyarchy"].tolist() == [0.892]
    # the rule itself: the higher-priority row wins where both have a value
    frame = pd.DataFrame(
        {
            "iso3": ["DEU", "DEU", "FRA"],
            "year": [1990, 1990, 1990],
            "_priority": [1, 0, 0],
            "a": [1.0, 2.0, 3.0],
            "b": [np.nan, 5.0, np.nan],
        }
    )
    ctx = _context(ds, tmp_path)
    out = resolve_collisions(ctx, "t", frame, ["iso3", "year"]).set_index("iso3")
    assert out.loc["DEU", "a"] == 1.0  # kept code's own value
    assert out.loc["DEU", "b"] == 5.0  # filled from the other code's row
    assert np.isnan(out.loc["FRA", "b"])  # no other row: stays empty
    assert ctx.stats["t"] == {
        "rows dropped because two codes mapped to one nation-year (higher-priority code kept)": 1,
        "empty cells of the kept code's row filled from the other code's row": 1,
    }


def test_soviet_union_is_folded_into_russia(cw):
    assert cw.iso3("cow", 365, 1980) == "RUS"
    assert cw.iso3_from_name("sipri_arms", "Soviet Union", 1980) == "RUS"
    assert cw.iso3_from_name("sipri_arms", "Soviet Union", 1995) is None  # year-bounded


def test_ukrainian_ssr_is_not_a_state_before_1991(ds):
    assert not ds.exists("UKR", 1985)
    assert ds.exists("UKR", 1992)


# ----------------------------------------------------------------------------- names
@pytest.mark.parametrize(
    ("source", "name", "year", "iso3"),
    [
        ("fas_stockpiles", "North  Korea", 2018, "PRK"),  # two spaces, as in the FAS file
        ("sipri_arms", "Turkiye", 2018, "TUR"),
        ("sipri_milex", "Türkiye", 2022, "TUR"),
        ("sipri_milex", "Korea, South", 2022, "KOR"),
        ("sipri_milex", "Korea, North", 2022, "PRK"),
        ("sipri_milex", "United States of America", 2022, "USA"),
        ("sipri_arms", "United States", 2018, "USA"),
        ("sipri_arms", "Viet Nam", 2018, "VNM"),
        ("sipri_arms", "South Vietnam", 1965, "XRV"),
        ("sipri_arms", "East Germany (GDR)", 1980, "DDR"),
        ("sipri_arms", "North Yemen", 1980, "YEM"),
        ("sipri_arms", "South Yemen", 1980, "YMD"),
        ("sipri_arms", "Serbia", 1997, "YUG"),  # SIPRI's Serbia before 2006 is FR Yugoslavia
        ("sipri_arms", "Serbia", 2010, "SRB"),
        ("owid_nuclear_status", "Czechia", 1980, "CSK"),  # OWID projects Czechia back
        ("owid_nuclear_status", "Czechia", 2000, "CZE"),
        ("owid_nuclear_status", "Democratic Republic of Congo", 2000, "COD"),
        ("owid_nuclear_status", "Republic of Vietnam", 1970, "XRV"),
    ],
)
def test_name_variants(cw, source, name, year, iso3):
    assert cw.iso3_from_name(source, name, year) == iso3


def test_names_are_matched_exactly(cw):
    assert cw.iso3_from_name("fas_stockpiles", "North Korea", 2018) is None  # one space
    assert cw.iso3_from_name("sipri_arms", "turkiye", 2018) is None


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("fas_stockpiles", "World"),
        ("sipri_arms", "NATO**"),
        ("sipri_arms", "unknown recipient(s)"),
        ("sipri_arms", "unknown supplier(s)"),
        ("sipri_arms", "Hezbollah (Lebanon)*"),
        ("sipri_arms", "Northern Cyprus"),
        ("worldbank", "WLD"),
        ("worldbank", "EUU"),
        ("worldbank", "PRI"),
        ("gw", "751"),  # Hyderabad in UCDP
    ],
)
def test_aggregates_and_non_state_actors_are_set_aside_on_purpose(cw, source, name):
    reason = cw.set_aside_reason(source, name)
    assert reason
    assert cw.iso3_from_name(source, name, 2000) is None


def test_world_bank_back_projections_are_set_aside_by_year(cw):
    assert cw.iso3_from_name("worldbank", "RUS", 1990) is None
    assert "Russian SFSR" in cw.set_aside_reason("worldbank", "RUS", 1990)
    assert cw.set_aside_reason("worldbank", "RUS", 2000) is None
    assert cw.iso3_from_name("worldbank", "RUS", 2000) == "RUS"


def test_every_name_in_the_name_keyed_sources_is_matched_or_set_aside(ds):
    # The build enforces this; here we confirm the listed variants cover the shipped tables'
    # sources and that nothing is both matched and set aside.
    names = ds.crosswalk.names
    aside = ds.crosswalk.set_aside
    both = names.merge(aside, on=["source", "name"])
    assert both.empty or (both["from_year_x"].notna() | both["to_year_x"].notna()).all()
    assert {
        "sipri_arms",
        "sipri_milex",
        "owid_nuclear_status",
        "fas_stockpiles",
        "worldbank",
    } <= set(names["source"])


# ----------------------------------------------------------------------------- failure
def _context(ds, tmp_path):
    return BuildContext(source_dir=tmp_path, crosswalk=ds.crosswalk)


def test_an_unknown_name_fails_naming_file_and_line(ds, tmp_path):
    frame = pd.DataFrame({"country": ["Japan", "Atlantis", "NATO**"], "year": [2018, 2018, 2018]})
    ctx = _context(ds, tmp_path)
    with pytest.raises(AllianceScoreError) as info:
        map_name_column(ctx, "t", "some_source.csv", frame, "sipri_arms", "country", "year")
    message = str(info.value)
    assert "some_source.csv: line 3" in message  # header is line 1, Atlantis is line 3
    assert "'Atlantis'" in message
    assert "NATO" not in message  # set aside on purpose, not an error


def test_an_unknown_code_fails_naming_file_and_line(ds, tmp_path):
    frame = pd.DataFrame({"ccode": [740, 999], "year": [2018, 2018]})
    ctx = _context(ds, tmp_path)
    with pytest.raises(AllianceScoreError, match=r"x\.csv: line 3.*'999'"):
        map_code_column(ctx, "t", "x.csv", frame, "cow", "ccode", "year")


def test_a_code_outside_its_years_fails(ds, tmp_path):
    # COW 265 (East Germany) ends in 1990; a 1995 row must not silently map to DDR
    frame = pd.DataFrame({"ccode": [265], "year": [1995]})
    with pytest.raises(AllianceScoreError, match="265"):
        map_code_column(_context(ds, tmp_path), "t", "x.csv", frame, "cow", "ccode", "year")


# ----------------------------------------------------------------------------- nations
def test_unknown_nation_suggests_the_right_code(ds):
    with pytest.raises(AllianceScoreError, match=r"Did you mean.*'JPN'"):
        ds.nation("JAP")


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("PSE", "'PSE' is the ISO 3166-1 code of the State of Palestine, a UN non-member "
         "observer state, not one of the data set's states (reference/nations.csv): remove it"),
        ("VAT", "'VAT' is the ISO 3166-1 code of the Holy See, a UN non-member observer state"),
        ("GRL", "'GRL' is the ISO 3166-1 code of Greenland, a territory of Denmark ('DNK'), "),
        ("SUN", "'SUN' is the former ISO code of the Soviet Union: use 'RUS'"),
    ],
)  # fmt: skip
def test_a_real_iso_code_outside_the_data_says_what_it_is_not_a_lookalike(ds, code, hint):
    # PSE got "Did you mean 'PER' or 'SEN' or 'SLE'?", VAT "'VCT' or 'VUT' or 'ATG'"
    for check in (ds.nation, lambda c: ds.crosswalk.check_iso3([c], "--focal")):
        with pytest.raises(AllianceScoreError) as caught:
            check(code)
        assert caught.value.problems[0].hint.startswith(hint)
        assert "Did you mean" not in str(caught.value)


def test_the_codes_outside_the_data_are_iso_codes_the_data_do_not_carry(ds):
    known = ds.crosswalk.iso3_codes
    nations = ds.crosswalk.nations
    iso_3166_1 = set(nations.loc[nations["code_basis"] == "ISO 3166-1", "iso3"])
    assert len(iso_3166_1) == 194  # the 193 UN member states and Taiwan
    assert len(iso_3166_1 | set(OUTSIDE_THE_DATA)) == 249  # every ISO 3166-1 alpha-3 code
    assert not set(OUTSIDE_THE_DATA) & known and not set(FORMER_CODES) & known
    assert all(now in known for _, now in FORMER_CODES.values())
    # a state's code the status names (a territory of Denmark ('DNK')) is the data set's
    statuses = " ".join(status for _, status in OUTSIDE_THE_DATA.values())
    named = set(re.findall(r"'([A-Z]{3})'", statuses))
    assert named and named <= known


def test_nation_by_code_or_name(ds):
    japan = ds.nation("JPN")
    assert japan.name == "Japan"
    assert japan.region == "Asia" and japan.subregion == "Eastern Asia"
    assert japan.cow_codes == (740,) and japan.gw_codes == (740,)
    assert ds.nation("japan").iso3 == "JPN"


def test_regions_for_candidate_selectors(ds):
    asia = ds.nations(region="Asia")
    assert {"JPN", "CHN", "IND", "TWN", "VNM"} <= set(asia)
    assert "AUS" not in asia
    assert ds.nations(subregion="Eastern Asia") == sorted(
        ["CHN", "JPN", "KOR", "MNG", "PRK", "TWN"]
    )
    with pytest.raises(AllianceScoreError, match="Did you mean 'Asia'"):
        ds.nations(region="Aisa")


# UN Statistics Division, M49 standard (unstats.un.org/unsd/methodology/m49): the
# intermediate regions 005 South America and 011 Western Africa, by their member states.
SOUTH_AMERICA = ["ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PER", "PRY", "SUR", "URY", "VEN"]
WESTERN_AFRICA = [
    "BEN",
    "BFA",
    "CIV",
    "CPV",
    "GHA",
    "GIN",
    "GMB",
    "GNB",
    "LBR",
    "MLI",
    "MRT",
    "NER",
    "NGA",
    "SEN",
    "SLE",
    "TGO",
]


def test_an_m49_intermediate_region_selects_as_a_subregion(ds):
    assert ds.nations(subregion="South America", year=2022) == SOUTH_AMERICA
    assert ds.nations(subregion="Western Africa", year=2022) == WESTERN_AFRICA
    # Namibia, a state from 1990, is in Southern Africa from then on only.
    assert "NAM" not in ds.nations(subregion="Southern Africa", year=1989)
    assert "NAM" in ds.nations(subregion="Southern Africa", year=1990)
    with pytest.raises(AllianceScoreError, match="Did you mean 'South America'"):
        ds.nations(subregion="South Amerika")


def test_intermediate_regions_split_exactly_two_subregions(ds):
    # M49 has intermediate regions only inside Latin America and the Caribbean and
    # Sub-Saharan Africa (and the Channel Islands, which hold no state): every state there has
    # one, of its own sub-region, and no other state has one.
    nations = ds.crosswalk.nations
    split = {"Latin America and the Caribbean", "Sub-Saharan Africa"}
    inside = nations["subregion"].isin(split)
    assert nations.loc[inside, "intermediate_region"].notna().all()
    assert nations.loc[~inside, "intermediate_region"].isna().all()
    split_rows = nations.loc[inside]
    pairs = set(zip(split_rows["subregion"], split_rows["intermediate_region"], strict=True))
    assert pairs == {
        ("Latin America and the Caribbean", "Caribbean"),
        ("Latin America and the Caribbean", "Central America"),
        ("Latin America and the Caribbean", "South America"),
        ("Sub-Saharan Africa", "Eastern Africa"),
        ("Sub-Saharan Africa", "Middle Africa"),
        ("Sub-Saharan Africa", "Southern Africa"),
        ("Sub-Saharan Africa", "Western Africa"),
    }
    # Sudan is in Northern Africa (015), Mexico in Central America (013).
    assert nations.set_index("iso3").at["MEX", "intermediate_region"] == "Central America"
    assert nations.set_index("iso3").at["SDN", "subregion"] == "Northern Africa"
