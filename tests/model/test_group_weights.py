"""Several analysts in a profile: reading, checks with their messages, precedence per node,
and one analyst reproducing today's single-weights result."""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore.analysis.scoring import score
from alliancescore.analysis.validation import check_profile
from alliancescore.errors import AllianceScoreError
from small_model import CRITERIA, PROFILE, run, write

TEAM = """
[group]
aggregation = "{aggregation}"

[[analysts]]
id = "desk"
label = "Desk"
weight = 2

[analysts.weights]
scheme = "ahp"
criteria = ["power", "closeness"]
matrix = [[1, 3], ["1/3", 1]]

[analysts.nodes.closeness]
scheme = "ahp"
criteria = ["ties", "distance"]
matrix = [[1, 2], ["1/2", 1]]

[[analysts]]
id = "office"

[analysts.weights]
scheme = "ahp"
criteria = ["closeness", "power"]
matrix = [[1, 2], ["1/2", 1]]
"""


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, "small.toml", CRITERIA)
    return tmp_path


def team(folder, aggregation="aij", extra="", replace=()):
    text = PROFILE + TEAM.format(aggregation=aggregation) + extra
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    return write(folder, "team.toml", text)


def test_aij_per_node_with_an_analyst_left_out(folder):
    checked = check_profile(team(folder))
    group = checked.group
    assert group is not None and [a.id for a in group.analysts] == ["desk", "office"]
    top, closeness = group.nodes
    # Top: geometric mean of 3 and 1/2 with voting 2/3, 1/3: a = 3^(2/3) * 0.5^(1/3).
    a = 3 ** (2 / 3) * 0.5 ** (1 / 3)
    assert top.shares["power"] == pytest.approx(a / (1 + a))
    assert top.left_out == () and closeness.left_out == ("office",)
    assert closeness.shares == {"ties": pytest.approx(2 / 3), "distance": pytest.approx(1 / 3)}
    assert checked.weights.global_["ties"] == pytest.approx(2 / 3 / (1 + a))
    assert checked.weights.scheme == "aij of 2 analysts"
    notes = "\n".join(checked.notes)
    alone = "weights: the children of closeness: as desk judges them alone: distance 0.333"
    assert f"{alone}, ties 0.667" in notes
    assert "left out (they do not judge it): office" in notes
    assert "analysts' judgments take precedence over the profile's [weights] (direct)" in notes
    # Each analyst's own weights: office does not judge closeness, so the criteria file's.
    office = group.individual["office"]
    assert office.local["power"] == pytest.approx(1 / 3)
    assert office.local["ties"] == pytest.approx(0.5)


def test_aip_arithmetic_mixes_schemes(folder):
    path = team(
        folder,
        "aip_arithmetic",
        replace=[
            (
                'scheme = "ahp"\ncriteria = ["closeness", "power"]\nmatrix = [[1, 2], ["1/2", 1]]',
                'scheme = "swing"\nvalues = { closeness = 100, power = 50 }',
            )
        ],
    )
    checked = check_profile(path)
    desk, office = 0.75, 1 / 3  # power's share for each
    assert checked.weights.local["power"] == pytest.approx(2 / 3 * desk + 1 / 3 * office)


def test_aij_refuses_an_analyst_without_pairwise_judgments(folder, capsys):
    path = team(
        folder,
        replace=[
            (
                'scheme = "ahp"\ncriteria = ["closeness", "power"]\nmatrix = [[1, 2], ["1/2", 1]]',
                'scheme = "direct"\nvalues = { closeness = 2, power = 1 }',
            )
        ],
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert (
        'team.toml: analysts[1].weights.scheme: expected "ahp" ([group] aggregation = "aij" '
        "aggregates pairwise judgments), found 'direct'. Set [group] aggregation = "
        '"aip_geometric"' in err
    )


def test_each_analyst_is_checked_like_weights(folder, capsys):
    path = team(
        folder, extra='\n[[analysts]]\nid = "desk"\n[analysts.weights]\nscheme = "direkt"\n'
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "analysts[2].id: expected an analyst id used once, found 'desk' again" in err
    assert "analysts[2].weights.scheme: expected one of 'direct', 'ahp'" in err
    assert "Did you mean 'direct'?" in err


def test_an_analyst_s_keys_of_another_scheme_are_refused_at_every_node(folder, capsys):
    """[analysts.weights] and [analysts.nodes.<id>] refuse what [weights] refuses."""
    path = team(
        folder,
        replace=[
            ('matrix = [[1, 3], ["1/3", 1]]', 'matrix = [[1, 3], ["1/3", 1]]\nbest = "power"'),
            (
                'criteria = ["ties", "distance"]\nmatrix = [[1, 2], ["1/2", 1]]',
                'criteria = ["ties", "distance"]\nmatrix = [[1, 2], ["1/2", 1]]\n'
                "values = { ties = 2, distance = 1 }",
            ),
        ],
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and "2 problems:" in err, err
    assert (
        'team.toml: analysts[0].weights.best: expected nothing with scheme = "ahp" (its weights '
        "come from criteria and matrix), found 'power'. best is read by scheme = \"bwm\": remove "
        "it, or choose that scheme"
    ) in err
    assert (
        'team.toml: analysts[0].nodes.closeness.values: expected nothing with scheme = "ahp" '
        "(its weights come from criteria and matrix), found a table. values is read by scheme = "
        '"direct", "ranking", "rank_sum", "rank_reciprocal" or "swing": remove it, or choose '
        "one of them"
    ) in err


def test_unknown_ids_in_an_analyst_s_judgments_get_did_you_mean(folder, capsys):
    path = team(
        folder,
        replace=[
            ('criteria = ["closeness", "power"]', 'criteria = ["closenes", "power"]'),
            ("[analysts.nodes.closeness]", "[analysts.nodes.closenes]"),
        ],
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "analysts[0].nodes.closenes: expected the id of a criterion with children" in err
    assert "Did you mean 'closeness'?" in err


def test_an_unknown_criterion_in_an_analyst_matrix(folder, capsys):
    path = team(
        folder, replace=[('criteria = ["closeness", "power"]', 'criteria = ["closenes", "power"]')]
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert (
        "analysts[1].weights.criteria: expected the top-level criteria ids (power, closeness), "
        "found 'closenes'. Did you mean 'closeness'?" in err
    )


INCONSISTENT = """
[profile]
id = "cr"
label = "CR"
focal = "JPN"
year = 2018

[[threats]]
actor = "CHN"

[candidates]
include = ["USA", "KOR"]

[[analysts]]
id = "steady"
[analysts.weights]
scheme = "direct"
values = { shared_threats = 1, interoperability = 1, deterrence = 1, regional_stability = 1 }

[[analysts]]
id = "erratic"
[analysts.weights]
scheme = "ahp"
criteria = ["shared_threats", "interoperability", "deterrence", "regional_stability"]
matrix = [[1, 9, "1/9", 1], ["1/9", 1, 9, 1], [9, "1/9", 1, 1], [1, 1, 1, 1]]
"""


def test_an_analyst_s_consistency_ratio_is_checked_against_their_max_cr(tmp_path, capsys):
    path = write(tmp_path, "cr.toml", INCONSISTENT + '\n[group]\naggregation = "aip_geometric"\n')
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "cr.toml: analysts[1].weights.matrix: expected judgments with a consistency ratio" in err
    allowed = write(
        tmp_path,
        "allowed.toml",
        INCONSISTENT.replace('scheme = "ahp"', 'scheme = "ahp"\nallow_inconsistent = true')
        + '\n[group]\naggregation = "aip_geometric"\n',
    )
    notes = "\n".join(check_profile(allowed).notes)
    assert "weights: analyst erratic, the top level: AHP consistency ratio" in notes


def test_one_analyst_equals_the_single_weights_result(folder):
    """A team of one whose judgments are the profile's [weights] scores exactly as today."""
    alone = write(folder, "alone.toml", PROFILE)
    one = write(
        folder,
        "one.toml",
        PROFILE
        + """
[[analysts]]
id = "only"
[analysts.weights]
scheme = "direct"
values = { power = 0.5, closeness = 0.5 }
""",
    )
    before, after = score(alone), score(one)
    np.testing.assert_allclose(after.weights.leaf_weights, before.weights.leaf_weights)
    np.testing.assert_allclose(after.scores.to_numpy(), before.scores.to_numpy())
    assert (after.ranks == before.ranks).all().all()


def test_analyst_alone_and_unknown_analyst(folder):
    path = team(folder)
    alone = check_profile(path, analyst="office")
    assert alone.weights.local["power"] == pytest.approx(1 / 3)
    assert alone.weights.scheme == "analyst office"
    with pytest.raises(AllianceScoreError, match=r"found 'ofice'\. Did you mean 'office'"):
        check_profile(path, analyst="ofice")
    plain = write(folder, "plain.toml", PROFILE)
    with pytest.raises(AllianceScoreError, match=r"has no \[\[analysts\]\]"):
        check_profile(plain, analyst="office")


def test_swing_in_weights(folder):
    path = write(
        folder,
        "swing.toml",
        PROFILE.replace(
            'scheme = "direct"\nvalues = { power = 0.5, closeness = 0.5 }',
            'scheme = "swing"\nvalues = { power = 100, closeness = 25 }',
        ),
    )
    assert check_profile(path).weights.local["power"] == pytest.approx(0.8)
    bad = write(
        folder,
        "bad.toml",
        PROFILE.replace(
            'scheme = "direct"\nvalues = { power = 0.5, closeness = 0.5 }',
            'scheme = "swing"\nvalues = { power = 90, closeness = 25 }',
        ),
    )
    with pytest.raises(
        AllianceScoreError, match=r"weights\.values: expected the most important swing at 100"
    ):
        check_profile(bad)
