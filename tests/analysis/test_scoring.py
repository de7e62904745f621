"""The analyst path end to end on real data: Python API, explain, formats, reproducibility."""

from __future__ import annotations

import json
import os

import numpy as np
import pandas as pd
import pytest

from alliancescore.analysis.scoring import score
from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.model.criteria import load_criteria
from alliancescore.model.profile import load_profile
from alliancescore.present.explain import explain_text
from alliancescore.present.output import result_json
from alliancescore.shipped import default_criteria, demo_profiles, package_root
from shipped_copies import portable

PROFILES = package_root() / "profiles"
JAPAN = PROFILES / "japan.toml"


@pytest.fixture(scope="module")
def japan(demo_result):
    return demo_result("japan")


def test_paths_and_loaded_objects_give_the_same_result(japan):
    data = load()
    again = score(load_profile(JAPAN, data), load_criteria(default_criteria()), data=data)
    pd.testing.assert_frame_equal(japan.scores, again.scores)
    pd.testing.assert_frame_equal(japan.ranks, again.ranks)


def test_result_frames_line_up(japan):
    alts = japan.matrix.values.index
    assert list(japan.scores.columns) == ["weighted_sum", "topsis", "vikor", "promethee_ii"]
    assert japan.scores.index.equals(alts) and japan.ranks.index.equals(alts)
    assert {"quad", "us_jpn_kor", "USA", "KOR"} <= set(alts)
    assert not {"JPN", "CHN", "PRK", "RUS"} & set(alts)  # focal and threats left out
    assert japan.ranks.min().min() == 1
    assert set(japan.contributions.columns) == {
        "shared_threats",
        "interoperability",
        "deterrence",
        "regional_stability",
    }


@pytest.mark.parametrize("profile", demo_profiles(), ids=lambda p: p.stem)
def test_weighted_sum_score_is_the_sum_of_the_contributions(profile):
    """On the analyst path the value functions are the normalisation: the weighted sum adds
    the values as they are, so the contributions shown add up to its score, everywhere."""
    result = score(profile)
    np.testing.assert_allclose(
        result.contributions.sum(axis=1), result.scores["weighted_sum"], rtol=1e-12
    )


def test_a_coalition_with_a_threat_actor_counts_only_its_other_members():
    """India's SCO includes China and Pakistan, India's threats: they are left out of the
    coalition's values and a warning says so. Uzbekistan has no military-spending figure for
    2018 in NMC: its 2011 defence burden held to 2018 stands in, and the sum runs over all
    five (issue 14, item 5; a member with no value at all is named: test_pipeline)."""
    result = score(PROFILES / "india.toml")
    partners = ["RUS", "KAZ", "KGZ", "TJK", "UZB"]
    assert result.matrix.sources.loc["sco", "capability"] == "sum over " + ", ".join(partners)
    assert "defence burden held to 2018" in result.matrix.sources.loc["UZB", "capability"]
    expected = result.matrix.state_raw.loc[partners, "capability"].sum()
    assert result.matrix.raw.loc["sco", "capability"] == pytest.approx(expected)
    assert any(
        d.startswith("WARNING: coalition sco includes threat actor(s) CHN, PAK")
        for d in result.diagnostics
    )


ALIGNMENT_CRITERION = """
[[criteria]]
id = "alignment_against"
label = "Alignment with the threat, hostility to the focal nation"
weight = 0.2
rationale = "Test: the costs that count a coalition's threat actors (issue 14, item 4)."

  [[criteria.indicators]]
  id = "threat_ties"
  label = "ATOP obligations with the threat actors"
  measure = "threat_alliance_depth"
  direction = "cost"
  weight = 0.5
  rationale = "Test."
  missing = "neutral"

  [[criteria.indicators]]
  id = "hostile_to_focal"
  label = "Hostility towards the focal nation"
  measure = "hostility_to_focal"
  direction = "cost"
  weight = 0.5
  rationale = "Test."
  missing = "neutral"
"""


def test_a_coalition_holding_a_threat_actor_carries_its_alignment_and_hostility(tmp_path):
    """Pakistan's SCO holds India, the main threat: on the alignment and hostility costs the
    coalition aggregates India too (its own values: maximal), on every other indicator India
    stays out, and the warning says which indicators count it."""
    criteria = tmp_path / "criteria.toml"
    criteria.write_text(
        default_criteria().read_text(encoding="utf-8") + ALIGNMENT_CRITERION, encoding="utf-8"
    )
    text = portable((PROFILES / "pakistan.toml").read_text(encoding="utf-8"))
    text = text.replace('criteria = "../criteria/default.toml"', f'criteria = "{criteria}"')
    text = text.replace(
        "regional_stability = 0.10 }", "regional_stability = 0.10, alignment_against = 0.2 }"
    )
    profile = tmp_path / "pakistan.toml"
    profile.write_text(text, encoding="utf-8")
    result = score(profile)
    matrix = result.matrix
    with_india = "max over CHN, RUS, IND, KAZ, KGZ, TJK, UZB"
    assert matrix.sources.loc["sco", "threat_ties"] == with_india
    assert matrix.sources.loc["sco", "hostile_to_focal"] == with_india
    # Uzbekistan's spending is bridged by its 2011 defence burden (milex_share)
    assert matrix.sources.loc["sco", "capability"] == "sum over CHN, RUS, KAZ, KGZ, TJK, UZB"
    # India, the main threat (severity 1): alignment 1 and hostility 2 at least
    assert matrix.state_raw.loc["IND", "threat_ties"] == 1.0
    assert matrix.state_raw.loc["IND", "hostile_to_focal"] == 2.0
    assert matrix.raw.loc["sco", ["threat_ties", "hostile_to_focal"]].tolist() == [1.0, 2.0]
    # China alone: its SCO consultation tie with India counts 0, the two being strategic
    # rivals (a treaty they share aligns neither), and no rivalry or clash with Pakistan
    assert matrix.raw.loc["CHN", ["threat_ties", "hostile_to_focal"]].tolist() == [0.0, 0.0]
    assert "with threat actor IND: strategic rivals" in matrix.sources.loc["CHN", "threat_ties"]
    assert any(
        d.startswith("WARNING: coalition sco includes threat actor(s) IND")
        and "except on alliance_with_threats, arms_from_threats, hostility, threat_ties, "
        "hostile_to_focal"
        in d
        for d in result.diagnostics
    )


def test_a_coalition_holding_the_threat_shares_none_of_it(demo_result):
    """Pakistan's SCO holds India: China's rivalry with India, Russia's UN votes and the
    members' disputes do not make it share Pakistan's threat, since it cannot be turned
    against its own member. On the three shared-threat benefits it takes the scale's worst
    (0), its record says why, and the other members' values are untouched."""
    result = demo_result("pakistan")
    matrix = result.matrix
    shared = ["rival_of_threats", "disputes_with_threats", "un_distance_from_threats"]
    assert matrix.raw.loc["sco", shared].tolist() == [0.0, 0.0, 0.0]
    assert (matrix.values.loc["sco", shared] == 0.0).all()
    reason = "holds threat actor IND: shares none of the threat"
    assert (matrix.sources.loc["sco", shared] == reason).all()
    assert matrix.state_raw.loc["CHN", "rival_of_threats"] > 0  # China is India's rival
    # a coalition without a threat actor still takes its best member's rivalry (India's Quad)
    quad = demo_result("india").matrix
    assert (
        quad.raw.loc["quad", "rival_of_threats"]
        == quad.state_raw.loc[["USA", "JPN", "AUS"], "rival_of_threats"].max()
    )
    assert any(
        "on rival_of_threats, disputes_with_threats, un_distance_from_threats it shares none "
        "of the threat" in d
        for d in result.diagnostics
    )


def test_a_sourced_override_replaces_a_carried_forward_tie_with_the_threat(demo_result):
    """ATOP's 1992 Finnish-Russian treaty (neutrality, consultation: 0.5), carried forward from
    2018, made Finland, a NATO member from April 2023, the most Russia-aligned candidate for
    Poland in 2023. The Poland profile's override (NATO accession) replaces it with none: its
    non-aggression repeats the Helsinki Final Act's, which every CSCE state has and which
    counts as no tie (a code of conduct); the record names the override's source."""
    matrix = demo_result("poland").matrix
    assert matrix.raw.loc["FIN", "alliance_with_threats"] == 0.0
    assert "Finland joins NATO" in matrix.sources.loc["FIN", "alliance_with_threats"]
    # Hungary's ATOP non-aggression with Russia (from 1992, after the Warsaw Pact) is the
    # Helsinki Final Act's
    assert matrix.raw.loc["HUN", "alliance_with_threats"] == 0.0
    assert "rests on the Helsinki Final Act" in matrix.sources.loc["HUN", "alliance_with_threats"]
    ranks = demo_result("poland").ranks["weighted_sum"]
    assert ranks["FIN"] < ranks["HUN"]


def test_brexit_ends_the_eu_clause_pledge_atop_would_carry_forward(demo_result):
    """ATOP codes a Finnish-British defence pledge from 2007 (the Lisbon Treaty's mutual
    assistance clause) and ends in 2018; carried forward to 2021 it outlived the UK's exit
    (1 February 2020) and gave Britain full extended-deterrence credit for Finland. The
    Finland profile's override replaces it with the Joint Expeditionary Force's security
    partnership (3): no defence pledge, so no extended deterrence."""
    matrix = demo_result("finland").matrix
    assert matrix.raw.loc["GBR", "defence_ties"] == 3
    assert "withdrawal of the United Kingdom" in matrix.sources.loc["GBR", "defence_ties"]
    assert matrix.raw.loc["GBR", "nuclear"] == 0
    assert matrix.raw.loc["FRA", "nuclear"] == 3  # France is still bound by the EU clause
    assert matrix.raw.loc["NOR", "defence_ties"] == 3  # NORDEFCO, above the Helsinki tie


def test_json_is_strict_json_without_nan():
    text = result_json(score(PROFILES / "poland.toml"))
    assert "NaN" not in text
    json.loads(text, parse_constant=lambda name: pytest.fail(f"non-standard {name}"))


def test_global_weights_multiply_down_the_tree(japan):
    w = japan.weights.global_
    assert sum(w[i] for i in japan.weights.leaves) == pytest.approx(1.0)
    assert w["shared_threats"] == pytest.approx(0.35)
    # rival_of_threats has local weight 0.25 among the shared-threat indicators (sum 1.0).
    assert w["rival_of_threats"] == pytest.approx(0.35 * 0.25)


def test_values_are_value_function_outputs_in_the_unit_interval(japan):
    V = japan.matrix.values
    assert ((V >= 0) & (V <= 1)).all().all()
    # defence_ties is categorical: the US (a coordinated defence treaty with Japan, level 6
    # of defence_depth: the Guidelines' standing planning) maps to 0.85.
    assert japan.matrix.raw.loc["USA", "defence_ties"] == 6
    assert V.loc["USA", "defence_ties"] == 0.85


def test_coalition_values_aggregate_members_without_the_focal(japan):
    raw = japan.matrix.raw
    # capability sums over the Quad's partners (US, India, Australia), Japan left out.
    expected = raw.loc[["USA", "IND", "AUS"], "capability"].sum()
    assert raw.loc["quad", "capability"] == pytest.approx(expected)
    assert japan.matrix.sources.loc["quad", "capability"] == "sum over USA, IND, AUS"
    # Categorical ties: the mean of the members' values, not of their categories.
    values = japan.matrix.values.loc[["USA", "IND", "AUS"], "defence_ties"]
    assert japan.matrix.values.loc["quad", "defence_ties"] == pytest.approx(values.mean())


def test_every_raw_number_has_a_source(japan):
    sources = japan.matrix.sources.loc[japan.matrix.values.index]
    assert (sources.map(len) > 0).all().all()
    assert japan.matrix.sources.loc["USA", "capability"] == "nmc 2018"


def test_record_names_command_version_and_input_hashes(japan):
    record = japan.record
    assert record["version"]
    roles = {entry["role"]: entry for entry in record["inputs"]}
    assert set(roles) == {"profile", "facts", "criteria", "data manifest"}
    assert roles["facts"]["path"].endswith("facts/ties.toml")
    assert all(len(entry["sha256"]) == 64 for entry in record["inputs"])


def test_same_inputs_same_numbers(japan):
    again = score(JAPAN)
    pd.testing.assert_frame_equal(japan.scores, again.scores)


def test_notebook_representation_is_html_with_the_ranking(japan):
    html = japan._repr_html_()
    assert "<table" in html and "US-Japan-South Korea trilateral" in html


def test_explain_traces_each_indicator(japan):
    text = explain_text(japan, "USA")
    assert "United States (USA), state" in text
    assert "nmc 2018" in text and "atop 2018" in text
    for method in japan.methods:
        assert method in text
    for ind in japan.criteria.indicators:
        assert ind.id in text


def test_explain_names_the_indicator_that_sets_vikors_regret(demo_result):
    # Finland 2021: the United States votes farthest from Finland at the UN of all 43
    # alternatives (un_alignment value 0, the full weight 0.3 x 0.35 / 1.1 of
    # interoperability's children = 0.0955 of regret), which puts it 16th under VIKOR while
    # the weighted sum has it 2nd
    finland = demo_result("finland")
    text = explain_text(finland, "USA")
    line = next(x for x in text.splitlines() if "regret" in x)
    assert "regret 0.0955, its worst weighted gap to the best: un_alignment" in line
    gaps = finland.tables["vikor"]["d"]
    row = list(finland.matrix.values.index).index("USA")
    weights = np.array([finland.weights.global_[i] for i in finland.weights.leaves])
    assert (gaps[row] * weights).max() == pytest.approx(
        np.asarray(finland.tables["vikor"]["R"]).ravel()[row]
    )
    # methods without a regret term add no such line
    assert "regret" not in explain_text(finland, "USA").split("vikor")[0]


def test_regrets_name_every_indicator_at_the_maximum(demo_result):
    # Japan 2018: Pakistan's gaps on rival_of_threats and alliance_with_threats are both full
    # and both weigh 0.35 x 0.25 of the weights: a tie, both named
    japan = demo_result("japan")
    frame = japan.regrets("vikor")
    assert frame.at["PAK", "indicator"] == "rival_of_threats, alliance_with_threats"
    assert frame.at["PAK", "regret"] == pytest.approx(0.0875)
    assert japan.regrets("weighted_sum") is None  # no regret term
    # carried in the JSON output too
    document = json.loads(result_json(japan))
    pakistan = next(a for a in document["alternatives"] if a["id"] == "PAK")
    assert pakistan["regrets"] == {
        "vikor": {
            "regret": pytest.approx(0.0875),
            "indicators": ["rival_of_threats", "alliance_with_threats"],
        }
    }


def test_explain_lists_the_overrides_that_name_the_alternative(demo_result):
    # Finland 2021 reads the shared facts file: 34 of its tie overrides are in force in 2021,
    # four of them with Finland or its threat: FIN-GBR (Brexit: the JEF), FIN with DNK, ISL,
    # NOR, SWE (NORDEFCO), FIN-USA (the statements of intent) and UKR-RUS (the 1997 treaty's
    # end in 2019). A tie between two others (US-Israel, US-Saudi, US-Pakistan, the US
    # agreements in the Gulf, Japan-Philippines) is not this profile's.
    finland = demo_result("finland")
    us = explain_text(finland, "USA").split("overrides in force that name USA:")[1]
    assert "Statement of Intent" in us and "NORDEFCO" not in us
    assert "Israel" not in us and "Saudi" not in us and "Pakistan" not in us
    assert "33 other overrides in force in the profile and its facts files" in us
    # a coalition: the overrides that name one of its members (the focal nation aside)
    jef = explain_text(finland, "jef").split("overrides in force that name a member of jef:")[1]
    assert "NORDEFCO" in jef and "withdrawal of the United Kingdom" in jef
    assert "Statement of Intent" not in jef and "32 other overrides in force" in jef
    # an override between two others names the candidate too (Ukraine's tie with the threat)
    ukraine = explain_text(finland, "UKR").split("overrides in force that name UKR:")[1]
    assert "termination of the Treaty on Friendship" in ukraine
    # a state no override names: only the count
    text = explain_text(finland, "POL")
    assert "that name" not in text and "34 other overrides in force in the profile" in text


def test_json_output_is_complete_and_valid(japan):
    document = json.loads(result_json(japan))
    assert document["profile"]["focal"] == "JPN"
    first = document["alternatives"][0]
    assert set(first["indicators"]["capability"]) == {
        "raw",
        "value",
        "source",
        "stale",
        "filled_by_policy",
    }
    # every override with whether it is in force and where it is declared: AUKUS (2021) is
    # not yet in 2018, the Japan-Australia declaration (2007) is
    by_source = {o["source"][:20]: o for o in document["overrides"]}
    assert by_source["Joint Leaders Statem"]["active"] is False
    declaration = by_source["Japan-Australia Join"]
    assert declaration["active"] is True
    assert declaration["declared"].endswith("facts/ties.toml: overrides.ties[4]")


def test_method_flag_overrides_the_profiles_methods(capsys):
    assert (
        main(["score", str(JAPAN), "--method", "topsis", "--method", "mabac", "--format", "csv"])
        == 0
    )
    out = capsys.readouterr().out
    header = out.splitlines()[0]
    assert "topsis rank" in header and "mabac rank" in header and "vikor" not in header


def test_score_writes_atomically_to_out(tmp_path, capsys):
    target = tmp_path / "japan.json"
    assert main(["score", str(JAPAN), "--format", "json", "--out", str(target)]) == 0
    assert json.loads(target.read_text())["profile"]["id"] == "japan"
    assert not list(tmp_path.glob(".*.tmp"))
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600


def test_stale_values_count_as_missing_and_are_reported():
    """Australia 2023: Bhutan's last military-spending figure is NMC's 2001 (SIPRI has none),
    stale for 2023 and too old for the defence-burden proxy (at most ten years), so its
    capability counts as missing and is filled as worst. Laos's (NMC 2014) is bridged by its
    2014 burden and says so."""
    result = score(PROFILES / "australia.toml")
    assert result.matrix.stale.loc["BTN", "capability"]
    assert np.isnan(result.matrix.raw.loc["BTN", "capability"])
    assert result.matrix.policy_applied.loc["BTN", "capability"] == "worst"
    assert result.matrix.sources.loc["BTN", "capability"] == "nmc 2001 (stale); sipri_milex none"
    assert any("stale table" in note for note in result.diagnostics)
    assert not result.matrix.stale.loc["LAO", "capability"]
    assert result.matrix.sources.loc["LAO", "capability"].startswith(
        "nmc 2014: its 2014 defence burden held to 2022"
    )


def test_overrides_raise_ties_only_from_their_year():
    """AUKUS (2021) is a security partnership: in 2023 it lifts AUS-GBR to level 3 of
    defence_depth and leaves ANZUS (a coordinated treaty since the 2014 Force Posture
    Agreement) at 6: an override never lowers a tie."""
    result = score(PROFILES / "australia.toml")
    assert result.matrix.raw.loc["GBR", "defence_ties"] == 3
    assert result.matrix.raw.loc["USA", "defence_ties"] == 6
    assert "AUKUS" in result.matrix.sources.loc["GBR", "defence_ties"]


def test_api_errors_name_the_methods_parameter():
    """The command line renames the problem to its --method flag (tests/test_robustness.py)."""
    from alliancescore.errors import AllianceScoreError

    with pytest.raises(AllianceScoreError) as caught:
        score(JAPAN, methods=["topsys"])
    assert str(caught.value).startswith(
        "methods: expected a registered method (score or outranking)"
    )
    assert "Did you mean 'topsis'" in str(caught.value)
    with pytest.raises(AllianceScoreError, match=r"^methods: expected a list of method names"):
        score(JAPAN, methods="topsis")
