"""Sensitivity analysis of a real profile through the pandas layer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alliancescore.cli import main
from alliancescore.robustness import analyse
from alliancescore.scoring import score
from alliancescore.shipped import package_root

ROOT = Path(__file__).resolve().parents[1]
PROFILES = package_root() / "profiles"


@pytest.fixture(scope="module")
def japan():
    return score(PROFILES / "japan.toml")


@pytest.fixture(scope="module")
def report(japan):
    return analyse(japan, samples=20_000, seed=3)


def test_acceptability_rows_are_shares(report, japan):
    for method, table in report.acceptability.items():
        assert table.index.equals(japan.matrix.values.index)
        np.testing.assert_allclose(table.sum(axis=1), 1.0)
        assert report.acceptability_se[method] < 0.01


def test_dirichlet_draws_centre_on_the_profile(report, japan):
    """With concentration 40 at every node, the leader at the profile's weights ranks first
    in most draws, for every method."""
    for method in japan.methods:
        leader = japan.ranks[method].idxmin()
        assert report.acceptability[method].loc[leader, 1] > 0.3


def test_central_weights_are_per_top_level_criterion_and_sum_to_one(report):
    table = report.central_weights["weighted_sum"].dropna()
    assert list(table.columns) == [
        "shared_threats",
        "interoperability",
        "deterrence",
        "regional_stability",
    ]
    np.testing.assert_allclose(table.sum(axis=1), 1.0)


def test_stability_rows_bracket_the_profile_weight(report):
    table = report.stability["topsis"]
    assert (table["top1 low"] <= table["weight"] + 1e-12).all()
    assert (table["top1 high"] >= table["weight"] - 1e-12).all()
    assert set(table["level"]) == {"criterion", "indicator"}
    critical = report.most_critical("topsis")
    assert critical is not None and critical["top1 change"] > 0


def test_same_seed_same_tables(japan, report):
    again = analyse(japan, samples=20_000, seed=3)
    for method in report.acceptability:
        pd.testing.assert_frame_equal(report.acceptability[method], again.acceptability[method])


@pytest.mark.parametrize("sampler", ["uniform", "ordinal"])
def test_other_samplers_run(japan, sampler):
    result = analyse(
        japan, samples=5000, seed=1, sampler=sampler, importance=False, methods=["weighted_sum"]
    )
    assert sampler[:4] in result.sampler or "order" in result.sampler


def test_intervals_sampler_needs_intervals_in_the_profile(japan):
    from alliancescore.errors import AllianceScoreError

    with pytest.raises(AllianceScoreError, match=r"weights\.intervals: expected an interval"):
        analyse(japan, samples=1000, sampler="intervals")


def test_data_error_spreads_acceptability(japan):
    plain = analyse(japan, samples=20_000, seed=2, methods=["weighted_sum"], importance=False)
    noisy = analyse(
        japan, samples=20_000, seed=2, methods=["weighted_sum"], importance=False, data_error=1.0
    )
    leader = japan.ranks["weighted_sum"].idxmin()
    assert noisy.acceptability["weighted_sum"].loc[leader, 1] < (
        plain.acceptability["weighted_sum"].loc[leader, 1] - 0.05
    )
    assert (noisy.confidence["weighted_sum"].dropna() < 1).any()
    assert "relative normal error 1 " in noisy.data and "re-aggregated" in noisy.data


def test_data_error_perturbs_coalitions_through_their_members(japan):
    """Capability (linear value function, coalition sum): a draw's values are the min-max of
    the perturbed raw values, a coalition's raw value being the sum of its members' perturbed
    values (recomputed here from the same random stream)."""
    from alliancescore.robustness import _data_uncertainty

    V = _data_uncertainty(japan, 0.5).draw(np.random.default_rng(1), None)
    kept = list(japan.matrix.values.index)
    ids = [i.id for i in japan.criteria.indicators]
    base = japan.matrix.state_raw[ids].to_numpy(dtype=float)
    perturbed = base * (1 + 0.5 * np.random.default_rng(1).standard_normal(base.shape))
    rows = {s: r for r, s in enumerate(japan.matrix.state_raw.index)}
    j = ids.index("capability")
    members = {"quad": ("USA", "IND", "AUS"), "us_jpn_kor": ("USA", "KOR")}
    raw = np.array(
        [
            sum(perturbed[rows[m], j] for m in members[a])
            if a in members
            else perturbed[rows[a], j]
            for a in kept
        ]
    )
    expected = (raw - raw.min()) / (raw.max() - raw.min())
    np.testing.assert_allclose(V[:, j], expected, rtol=1e-12)


def test_cli_sensitivity_table_and_json(tmp_path, capsys):
    path = PROFILES / "south_korea.toml"
    assert (
        main(["sensitivity", str(path), "--samples", "5000", "--seed", "1", "--method", "topsis"])
        == 0
    )
    out = capsys.readouterr().out
    assert "rank acceptability" in out and "most critical" in out
    assert "methods side by side" not in out  # one method: nothing to compare
    assert main(["sensitivity", str(path), "--samples", "2000"]) == 0
    out = capsys.readouterr().out
    assert "methods side by side: rank correlations (Spearman)" in out
    assert "consensus of the methods' rankings" in out
    target = tmp_path / "s.json"
    assert (
        main(
            [
                "sensitivity",
                str(path),
                "--samples",
                "5000",
                "--format",
                "json",
                "--out",
                str(target),
            ]
        )
        == 0
    )
    assert '"seed": 20183' in target.read_text()
