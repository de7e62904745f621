"""Several analysts' disagreement (analysis.group) on real data, and SMAA over the team."""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore.analysis.group import analyse_group, team_smaa
from alliancescore.analysis.scoring import score
from alliancescore.shipped import package_root
from shipped_copies import portable

TEAM = package_root() / "profiles" / "japan_team.toml"


@pytest.fixture(scope="module")
def team(dataset):
    result = score(TEAM, data=dataset)
    return result, analyse_group(result)


def test_each_analyst_scored_alone_is_score_with_analyst(team, dataset):
    """rescore (the disagreement's path) and score --analyst (the full path) agree."""
    _, analysis = team
    for aid in analysis.labels:
        alone = score(TEAM, data=dataset, analyst=aid)
        np.testing.assert_allclose(
            analysis.results[aid].scores.to_numpy(), alone.scores.to_numpy(), rtol=1e-12
        )
        assert (analysis.ranks["weighted_sum"][aid] == alone.ranks["weighted_sum"]).all()


def test_the_disagreement_tables(team):
    _, analysis = team
    assert list(analysis.labels) == ["regional_desk", "capabilities_office", "policy_lead"]
    np.testing.assert_allclose(analysis.weights.sum(axis=1), 1.0)
    assert analysis.weights.loc["regional_desk"].idxmax() == "shared_threats"
    assert analysis.weights.loc["capabilities_office"].idxmax() == "deterrence"
    assert analysis.weights.loc["policy_lead"].idxmax() == "regional_stability"
    for method, w in analysis.concordance.items():
        assert 0 < w < 1, method  # they disagree, but not at random
        tau = analysis.correlations[method]
        assert np.allclose(tau.to_numpy(), tau.to_numpy().T)
        assert np.allclose(np.diag(tau.to_numpy()), 1.0)
    spread = analysis.spread
    assert (spread["range"] == spread["worst"] - spread["best"]).all()
    assert spread.loc[list(analysis.agreed), "range"].max() <= 1
    assert spread.loc[analysis.split[0], "range"] == spread["range"].max()
    assert analysis.top.loc["policy_lead", "weighted_sum"] == analysis.top_k("policy_lead", 1)[0]


def test_identical_analysts_concord_fully(tmp_path, dataset):
    text = portable(TEAM.read_text(encoding="utf-8"))
    head = text.split("[[analysts]]", 1)[0]
    one = """
[[analysts]]
id = "{id}"
[analysts.weights]
scheme = "swing"
values = {{ deterrence = 100, interoperability = 70, shared_threats = 50, regional_stability = 20 }}
"""
    body = head + "".join(one.format(id=i) for i in ("a", "b", "c"))
    methods = "[methods]" + text.split("[methods]", 1)[1]
    path = tmp_path / "same.toml"
    path.write_text(
        (body + methods).replace(
            'criteria = "../criteria/default.toml"',
            f'criteria = "{package_root() / "criteria" / "default.toml"}"',
        ),
        encoding="utf-8",
    )
    analysis = analyse_group(score(path, data=dataset))
    assert analysis.concordance == {m: pytest.approx(1.0) for m in analysis.concordance}
    assert analysis.spread["range"].max() == 0


def test_permuting_the_analysts_changes_nothing(tmp_path, dataset, team):
    result, analysis = team
    text = portable(TEAM.read_text(encoding="utf-8"))
    head, *blocks = text.split("[[analysts]]")
    last, methods = blocks[-1].split("[methods]", 1)
    blocks[-1] = last
    reordered = head + "".join("[[analysts]]" + b for b in reversed(blocks)) + "[methods]" + methods
    path = tmp_path / "reordered.toml"
    path.write_text(
        reordered.replace(
            'criteria = "../criteria/default.toml"',
            f'criteria = "{package_root() / "criteria" / "default.toml"}"',
        ),
        encoding="utf-8",
    )
    again = score(path, data=dataset)
    np.testing.assert_allclose(again.weights.leaf_weights, result.weights.leaf_weights, rtol=1e-12)
    other = analyse_group(again)
    assert other.concordance == {m: pytest.approx(w) for m, w in analysis.concordance.items()}


def test_team_smaa_acceptability_is_a_distribution(team):
    result, analysis = team
    found = team_smaa(analysis, result, samples=2000, seed=3, concentration=40)
    assert "mixture over 3 analysts" in found.sampler
    for table in found.acceptability.values():
        np.testing.assert_allclose(table.sum(axis=1), 1.0)
    again = team_smaa(analysis, result, samples=2000, seed=3, concentration=40)
    assert (again.acceptability["topsis"] == found.acceptability["topsis"]).all().all()
