"""The armed-forces screen (``[candidates] require_armed_forces``, issue 14): a state without
regular armed forces of its own (police or a coast guard only) is left out before any method
weighs it, and says so, with its row of ``reference/no_armed_forces.csv``.

Real rows: COW NMC 7.0 (``../shared/data/cow_nmc_v7_0.csv``) records milex 0 and milper 0 for
Micronesia (987) in 2018-2022; the Compact of Free Association (1986) leaves its defence to
the United States. Haiti demobilised its army in 1995 and re-formed it in 2017.
"""

from __future__ import annotations

import json

import pytest

from alliancescore.analysis.scoring import score
from alliancescore.analysis.versus import versus
from alliancescore.errors import AllianceScoreError
from alliancescore.present.output import result_json, result_table
from alliancescore.shipped import default_criteria, package_root
from shipped_copies import portable

AUSTRALIA = package_root() / "profiles" / "australia.toml"
PACIFIC = {"FSM", "MHL", "PLW", "NRU", "TUV", "KIR", "WSM", "SLB", "VUT"}


def australia_with(tmp_path, old: str, new: str):
    text = portable(AUSTRALIA.read_text(encoding="utf-8"))
    assert old in text
    text = text.replace(old, new).replace(
        '"../criteria/default.toml"', json.dumps(str(default_criteria()))
    )
    path = tmp_path / "australia.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_table_reads_spells_at_the_end_of_the_year(dataset):
    frame = dataset.armed_forces(["FSM", "USA", "HTI", "ISL"], 2018)
    assert frame["forces"].to_dict() == {"FSM": False, "USA": True, "HTI": True, "ISL": False}
    assert frame["listed"].to_dict() == {"FSM": True, "USA": False, "HTI": False, "ISL": True}
    assert "Compact of Free Association" in frame.at["FSM", "source"]
    assert frame.at["FSM", "first_year"] == 1986
    # Haiti without an army from 1995 to 2016
    assert not dataset.armed_forces(["HTI"], 2010).at["HTI", "forces"]


def test_the_screen_leaves_out_states_with_police_only(demo_result):
    result = demo_result("australia")
    screened = {
        code: why for code, why in result.matrix.screened.items() if why.startswith("no armed")
    }
    assert set(screened) == PACIFIC
    assert screened["FSM"].startswith("no armed forces: Police only; the United States")
    assert screened["FSM"].endswith("(no_armed_forces, spell from 1986)")
    for code in PACIFIC:
        assert code not in result.scores.index
    note = next(n for n in result.diagnostics if n.startswith("candidates.require_armed_forces"))
    assert "screened out 9 without armed forces of their own at the end of 2023" in note
    # states with small forces stay: Fiji, Papua New Guinea and Tonga
    assert {"FJI", "PNG", "TON"} <= set(result.scores.index)


def test_without_the_screen_micronesia_ranks_in_the_top_half(tmp_path, dataset):
    path = australia_with(tmp_path, "require_armed_forces = true", "require_armed_forces = false")
    result = score(path, data=dataset)
    assert set(result.scores.index) >= PACIFIC
    states = result.ranks.loc[result.matrix.alternatives["kind"] == "state", "weighted_sum"]
    assert states.rank()["FSM"] <= len(states) / 2


def test_every_output_names_the_screen(demo_result):
    result = demo_result("australia")
    text = result_table(result)
    assert "screened out (no armed forces): FSM: Police only; the United States" in text
    assert "screened out (no diplomatic relations): AFG:" in text  # the other screen's line
    assert set(json.loads(result_json(result))["screened"]) >= PACIFIC


def test_a_screened_state_cannot_be_explained_against_and_says_why(demo_result):
    with pytest.raises(AllianceScoreError) as error:
        versus(demo_result("australia"), "USA", "FSM")
    message = str(error.value)
    assert "'FSM', screened out by candidates.require_armed_forces" in message
    assert "Set require_armed_forces = false" in message


def test_a_screen_that_leaves_no_candidate_says_so(tmp_path, dataset):
    text = portable(AUSTRALIA.read_text(encoding="utf-8"))
    start = text.index("[candidates]")
    end = text.index("# Partners are states the focal", start)
    path = australia_with(tmp_path, text[start:end], '[candidates]\ninclude = ["FSM", "PLW"]\n')
    with pytest.raises(AllianceScoreError) as error:
        score(path, data=dataset)
    message = str(error.value)
    assert "candidates.require_armed_forces" in message
    assert "every candidate the other rules left screened out (FSM, PLW)" in message


def test_the_report_names_the_screen_of_each_state(demo_result, dataset):
    from alliancescore.present.reports.sections import data_notes

    rows = {r["alternative"]: r for r in data_notes(demo_result("australia"), dataset)["screened"]}
    assert rows["Micronesia (Federated States of) (FSM)"]["screen"] == "no armed forces"
    assert rows["Micronesia (Federated States of) (FSM)"]["reason"].startswith("Police only")
    assert rows["Afghanistan (AFG)"]["screen"] == "no diplomatic relations"


def test_a_coalition_with_a_member_without_forces_is_kept_with_a_note(demo_result):
    result = demo_result("poland")  # NATO holds Iceland, which has a coast guard only
    assert "ISL" in result.matrix.screened and "nato" in result.scores.index
    assert any(
        "coalition nato kept, though ISL had no armed forces of its own at the end of 2023" in note
        for note in result.diagnostics
    )
    # a spell that begins with the table (1946) may have begun earlier: Liechtenstein, 1868
    assert result.matrix.screened["LIE"].endswith("(no_armed_forces, spell from 1946 or earlier)")


def test_the_screen_of_a_reason_is_read_from_its_table():
    from alliancescore.analysis.matrix import screen_of

    forces = "no armed forces: Police only (no_armed_forces, spell from 1986)"
    assert screen_of(forces) == (
        "require_armed_forces",
        "no armed forces",
        "Police only (no_armed_forces, spell from 1986)",
    )
    # a relations reason that happens to begin with the same words stays a relations reason
    relations = "no armed forces: envoys never exchanged (diplomatic_relations, spell from 1990)"
    assert screen_of(relations)[0] == "require_relations"
