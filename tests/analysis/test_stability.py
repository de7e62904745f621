"""The top choice's stability per top-level criterion and method, the long table a study keeps
(:func:`top_choice_stability`): the numbers of the full analysis, one most critical criterion
per method, none where nothing changes the top choice."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from alliancescore.analysis.robustness import analyse
from alliancescore.analysis.stability import (
    STABILITY_COLUMNS,
    criterion_groups,
    top_choice_stability,
)


@pytest.fixture(scope="module")
def japan(demo_result):
    return demo_result("japan")


@pytest.fixture(scope="module")
def table(japan):
    return top_choice_stability(japan, k=3)


def test_one_row_per_method_and_top_level_criterion(table, japan):
    assert tuple(table.columns) == STABILITY_COLUMNS
    top = [c.id for c in japan.criteria.criteria]
    assert list(table["method"]) == [m for m in japan.methods for _ in top]
    assert list(table["criterion"]) == top * len(japan.methods)
    assert table["most_critical"].dtype == bool and table["exact"].dtype == bool
    linear = {"weighted_sum": True, "topsis": False, "vikor": False, "promethee_ii": True}
    assert dict(zip(table["method"], table["exact"], strict=False)) == linear


def test_the_numbers_are_the_full_analysis_top1_intervals(table, japan):
    report = analyse(japan, samples=100, seed=1, importance=False)
    for method, rows in table.groupby("method", sort=False):
        full = report.stability[method]
        for row in rows.itertuples():
            group = full[row.criterion]
            assert group.level == "criterion" and row.t0 == group.weight
            assert (row.top1_low, row.top1_high) == (group.top1.low, group.top1.high)
            assert row.top1_change == group.top1.change
            assert row.top1_relative_change == group.top1.relative_change
        # The most critical of the top-level criteria (the full table also has indicators).
        changes = rows.set_index("criterion")["top1_change"]
        assert rows["most_critical"].sum() == 1
        assert rows.loc[rows["most_critical"], "criterion"].item() == changes.idxmin()
        assert np.isfinite(changes.min())


def test_the_groups_are_the_leaves_under_each_top_level_criterion(japan):
    groups = criterion_groups(japan, indicators=False)
    leaves = list(japan.weights.leaves)
    assert list(groups) == [c.id for c in japan.criteria.criteria]
    assert sorted(j for g in groups.values() for j in g) == list(range(len(leaves)))
    assert set(criterion_groups(japan)) == set(groups) | set(leaves)


def test_a_top_choice_that_dominates_has_no_critical_criterion(japan):
    """The first alternative best on every indicator stays first on every path: changes are
    inf, no criterion is most critical."""
    values = japan.matrix.values.copy()
    values.iloc[0] = values.max().to_numpy() + 1.0
    matrix = dataclasses.replace(japan.matrix, values=values)
    table = top_choice_stability(dataclasses.replace(japan, matrix=matrix), k=3)
    assert np.isinf(table["top1_change"]).all() and np.isinf(table["top1_relative_change"]).all()
    assert not table["most_critical"].any()
    assert (table["top1_low"] == 0).all() and (table["top1_high"] == 1).all()


def test_a_single_top_level_criterion_has_no_rows(tmp_path, dataset):
    """Its path would move every weight at once: nothing to rescale, so no interval (and no
    failed task in a study)."""
    from alliancescore.analysis.scoring import score

    (tmp_path / "one.toml").write_text(
        """
[model]
id = "one"
label = "One criterion"
rationale = "Capability alone."

[[criteria]]
id = "power"
label = "Power"
weight = 1.0
rationale = "Capability."

  [[criteria.indicators]]
  id = "cinc"
  label = "CINC"
  measure = "capability"
  direction = "benefit"
  weight = 0.5
  rationale = "Composite index of national capability."

  [[criteria.indicators]]
  id = "milex"
  label = "Military expenditure"
  measure = "military_expenditure"
  direction = "benefit"
  weight = 0.5
  rationale = "Spending."
"""
    )
    (tmp_path / "p.toml").write_text(
        """
[profile]
id = "p"
label = "P"
focal = "POL"
year = 2000
criteria = "one.toml"

[[threats]]
actor = "RUS"
severity = 1.0

[methods]
topsis = {}

[candidates]
include = ["USA", "GBR", "FRA", "DEU"]
"""
    )
    result = score(tmp_path / "p.toml", data=dataset)
    table = top_choice_stability(result, k=3)
    assert table.empty and tuple(table.columns) == STABILITY_COLUMNS
