"""The relations screen (``[candidates] require_relations``, issue 14): a state without
diplomatic relations with the focal nation is left out before any method weighs it, and says
so; the ``diplomatic_relations`` measure gives the same facts as an indicator."""

from __future__ import annotations

import json

import numpy as np
import pytest

from alliancescore.analysis.scoring import score
from alliancescore.analysis.versus import versus
from alliancescore.errors import AllianceScoreError
from alliancescore.measures import MEASURES, MeasureContext
from alliancescore.present.output import result_json
from alliancescore.shipped import default_criteria, package_root
from shipped_copies import portable

ISRAEL = package_root() / "profiles" / "israel.toml"


@pytest.fixture(scope="module")
def unscreened(tmp_path_factory, dataset):
    """The Israel demo profile without the screen (every Gulf state scored)."""
    text = portable(ISRAEL.read_text(encoding="utf-8")).replace(
        "require_relations = true", "require_relations = false"
    )
    text = text.replace('"../criteria/default.toml"', json.dumps(str(default_criteria())))
    path = tmp_path_factory.mktemp("screen") / "israel.toml"
    path.write_text(text, encoding="utf-8")
    return score(path, data=dataset)


def test_the_screen_leaves_out_states_without_relations(demo_result, unscreened):
    result = demo_result("israel")
    screened = result.matrix.screened
    # Israel 2018: the Gulf states, Iraq, Lebanon, Syria, Yemen, Libya, Algeria, Tunisia, ...
    assert {"SAU", "ARE", "BHR", "KWT", "OMN", "QAT", "IRQ", "LBN", "YEM"} <= set(screened)
    assert not {"EGY", "JOR", "TUR", "USA"} & set(screened)  # relations kept
    assert "never recognised Israel" in screened["SAU"]
    assert screened["SAU"].endswith("(diplomatic_relations, spell from 1948)")  # its row
    for code in screened:
        assert code not in result.matrix.alternatives.index
        assert code not in result.scores.index
    note = next(n for n in result.diagnostics if n.startswith("candidates.require_relations"))
    assert f"screened out {len(screened)} without diplomatic relations with ISR" in note
    # without the screen Saudi Arabia is scored, and ranks second under the weighted sum
    assert "SAU" in unscreened.scores.index and not unscreened.matrix.screened
    ranks = unscreened.scores["weighted_sum"].rank(ascending=False)
    assert ranks["SAU"] == 2
    # every alternative the screened run ranks is one the unscreened run ranks (the values of
    # the rest move: min-max value functions depend on who is in the pool)
    assert set(result.scores.index) <= set(unscreened.scores.index)


def test_the_screen_is_in_every_output(demo_result):
    result = demo_result("israel")
    document = json.loads(result_json(result))
    assert set(document["screened"]) == set(result.matrix.screened)


def test_a_screened_state_cannot_be_explained_against_and_says_why(demo_result):
    with pytest.raises(AllianceScoreError) as error:
        versus(demo_result("israel"), "USA", "SAU")
    message = str(error.value)
    assert "'SAU', screened out by candidates.require_relations" in message
    assert "require_relations = false" in message


def test_the_measure_gives_the_same_facts(dataset):
    ctx = MeasureContext(dataset, "ISR", 2018)
    got = MEASURES["diplomatic_relations"](ctx, ["SAU", "EGY", "ARE", "USA"])
    np.testing.assert_array_equal(got.values.to_numpy(), [0.0, 1.0, 0.0, 1.0])
    assert got.sources["USA"] == "diplomatic_relations 2018 (not listed: read as relations)"
    assert got.sources["SAU"].startswith("diplomatic_relations 2018 (no relations: Has never")
    later = MEASURES["diplomatic_relations"](MeasureContext(dataset, "ISR", 2021), ["ARE"])
    assert later.values["ARE"] == 1.0  # the Abraham Accords, September 2020


def test_a_coalition_with_a_member_without_relations_is_kept_with_a_note(demo_result):
    result = demo_result("saudi_arabia")  # the GCC holds Qatar, boycotted in 2018
    assert "QAT" in result.matrix.screened and "gcc" in result.scores.index
    assert any(
        "coalition gcc kept, though QAT had no diplomatic relations with SAU" in note
        for note in result.diagnostics
    )


def test_a_screen_that_leaves_no_candidate_says_so(tmp_path, dataset):
    text = portable(ISRAEL.read_text(encoding="utf-8"))
    text = text.replace('"../criteria/default.toml"', json.dumps(str(default_criteria())))
    start = text.index("[candidates]")
    end = text.index("require_relations = true", start)
    text = text[:start] + '[candidates]\ninclude = ["SAU", "ARE"]\n' + text[end:]
    path = tmp_path / "israel.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AllianceScoreError) as error:
        score(path, data=dataset)
    message = str(error.value)
    assert "candidates.require_relations" in message
    assert "all 2 candidates screened out (SAU, ARE)" in message
    assert "require_relations = false" in message


def test_the_report_names_each_screened_state_and_why(demo_result, dataset):
    from alliancescore.present.reports.sections import data_notes

    notes = data_notes(demo_result("israel"), dataset)
    shown = {row["alternative"]: row["reason"] for row in notes["screened"]}
    assert shown["Saudi Arabia (SAU)"].startswith("Has never recognised Israel")
    assert len(shown) == len(demo_result("israel").matrix.screened)
