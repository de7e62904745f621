"""defence_depth and same_region (issue 14): hand-checked against the data's rows."""

from __future__ import annotations

import pytest

from alliancescore.analysis.matrix import measure_context
from alliancescore.measures import MEASURES
from alliancescore.model.profile import load_profile
from alliancescore.shipped import package_root
from shipped_copies import portable


@pytest.fixture(scope="module")
def usa(dataset):
    profile = load_profile(package_root() / "profiles" / "united_states.toml", dataset)
    return measure_context(profile, dataset)


def test_depth_separates_integrated_alliances_from_hemispheric_charters(usa):
    codes = ["GBR", "KOR", "JPN", "AUS", "PHL", "BRA", "BOL", "MEX", "SAU", "CHN"]
    depth = MEASURES["defence_depth"](usa, codes).values.to_dict()
    # NATO's integrated command and the ROK-US Combined Forces Command; the US-Japan
    # Guidelines and, since 2014, the US-Australia Force Posture Agreement; the US-Philippines
    # treaty (a pledge of no recorded depth); Brazil through the Rio Treaty;
    # Bolivia (left the Rio Treaty 2012-14) and Mexico (2004) on the OAS Charter alone;
    # no ATOP obligation with Saudi Arabia, the profile's security partnership (the 2017
    # Joint Strategic Vision, as the Saudi profile records it); China: ATOP's non-aggression
    # pledge from 2009 is the Treaty of Amity and Cooperation (a code of conduct,
    # data.depth): no tie.
    assert depth == {
        "GBR": 7,
        "KOR": 7,
        "JPN": 6,
        "AUS": 6,
        "PHL": 5,
        "BRA": 4,
        "BOL": 2,
        "MEX": 2,
        "SAU": 3,
        "CHN": 0,
    }
    assert depth["BOL"] < depth["SAU"] < depth["BRA"] < depth["AUS"]  # issue 14's Bolivia case


def test_depth_records_the_deciding_commitment(usa):
    sources = MEASURES["defence_depth"](usa, ["BOL", "AUS", "PHL"]).sources
    assert "OAS Charter alone" in sources["BOL"] and "alliance_depth 2018" in sources["BOL"]
    assert "us_australia_force_posture" in sources["AUS"]
    assert sources["PHL"] == "atop 2018"


@pytest.mark.parametrize(("year", "level"), [(2019, 5), (2020, 6), (2021, 6)])
def test_finland_and_sweden_plan_together_from_the_2020_act(dataset, year, level):
    # ATOP's EU pledge (Lisbon, 2009) is a plain pledge (5); the 2018 memorandum (peace,
    # crisis and war) and Sweden's Act on operational military support with Finland (SFS
    # 2020:782) make it a coordinated one (6) from 2020, for each of the pair as focal.
    from alliancescore.measures import MeasureContext

    for focal, other in (("FIN", "SWE"), ("SWE", "FIN")):
        ctx = MeasureContext(dataset, focal, year, ())
        result = MEASURES["defence_depth"](ctx, [other, "EST"])
        assert result.values.to_dict() == {other: level, "EST": 5}
        assert ("fin_swe_operational_support" in result.sources[other]) == (level == 6)


def test_an_override_is_never_lowered_by_the_depth_table(dataset, tmp_path):
    text = portable((package_root() / "profiles" / "united_states.toml").read_text("utf-8"))
    text = text.replace('criteria = "../criteria/default.toml"\n', "") + (
        '\n[[overrides.ties]]\nkind = "defence_pact"\nparties = ["USA"]\nothers = ["BOL"]\n'
        'from = 2018\nsource = "a test statement"\n'
    )
    path = tmp_path / "usa.toml"
    path.write_text(text, encoding="utf-8")
    ctx = measure_context(load_profile(path, dataset), dataset)
    assert MEASURES["defence_depth"](ctx, ["BOL"]).values["BOL"] == 5


def test_same_region_is_the_focal_subregion(usa):
    values = MEASURES["same_region"](usa, ["CAN", "MEX", "GBR"]).values.to_dict()
    assert values == {"CAN": 1.0, "MEX": 0.0, "GBR": 0.0}  # Northern America: US and Canada
    region = MEASURES["same_region"](usa, ["MEX", "GBR"], level="region").values.to_dict()
    assert region == {"MEX": 1.0, "GBR": 0.0}  # the Americas
