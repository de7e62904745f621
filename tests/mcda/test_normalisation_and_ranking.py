"""Normalisations (formulas and cost orientations) and the ranking convention."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.stats import rankdata

from alliancescore import mcda
from alliancescore.mcda.normalisation import normalise

COLUMN = np.array([[2.0], [4.0], [8.0]])
BENEFIT = np.array([True])
COST = np.array([False])


@pytest.mark.parametrize(
    ("method", "cost", "benefit_expected", "cost_expected"),
    [
        ("minmax", None, [0, 1 / 3, 1], [1, 2 / 3, 0]),
        ("vector", None, np.array([2, 4, 8]) / np.sqrt(84), 1 - np.array([2, 4, 8]) / np.sqrt(84)),
        ("sum", None, [2 / 14, 4 / 14, 8 / 14], np.array([1 / 2, 1 / 4, 1 / 8]) / (7 / 8)),
        ("max", None, [0.25, 0.5, 1], [1, 0.5, 0.25]),
        ("max", "reverse", [0.25, 0.5, 1], [0.75, 0.5, 0]),
        ("minmax", "invert", [0, 1 / 3, 1], [1, 1 / 3, 0]),
        ("identity", None, [2, 4, 8], [-1, -3, -7]),
        ("vector", "none", np.array([2, 4, 8]) / np.sqrt(84), np.array([2, 4, 8]) / np.sqrt(84)),
    ],
)
def test_normalisation_formulas(method, cost, benefit_expected, cost_expected):
    np.testing.assert_allclose(normalise(COLUMN, BENEFIT, method, cost)[:, 0], benefit_expected)
    np.testing.assert_allclose(normalise(COLUMN, COST, method, cost)[:, 0], cost_expected)


@pytest.mark.parametrize("method", ["minmax", "vector", "sum", "max"])
@pytest.mark.parametrize("orientation", ["reverse", "invert"])
def test_normalisations_are_invariant_to_rescaling_a_column(method, orientation):
    X = np.array([[2.0, 3.0], [4.0, 1.0], [8.0, 5.0]])
    mask = np.array([True, False])
    np.testing.assert_allclose(
        normalise(X * [7.0, 0.01], mask, method, orientation),
        normalise(X, mask, method, orientation),
    )


def test_cost_orientation_changes_which_alternative_wins():
    """Why the convention is stated: same data, same weights, two orientations, two winners."""
    X = np.array([[1.0, 10.0], [2.0, 2.0], [10.0, 1.0]])
    mask = np.array([False, False])
    w = [0.5, 0.5]
    reverse = mcda.evaluate("weighted_sum", X, w, mask, normalisation="max", cost="reverse")
    invert = mcda.evaluate("weighted_sum", X, w, mask, normalisation="max", cost="invert")
    assert reverse.ranks.tolist() == [2, 1, 2]
    assert invert.ranks.tolist() == [1, 3, 1]


def test_registry_states_each_default_cost_orientation():
    assert {n: mcda.NORMALISATIONS[n].default_cost for n in mcda.NORMALISATIONS} == {
        "identity": "reverse",
        "minmax": "reverse",
        "vector": "reverse",
        "sum": "invert",
        "max": "invert",
    }


def test_ranks_are_competition_ranks_with_one_for_the_best():
    scores = np.array([0.3, 0.9, 0.3, 0.1])
    assert mcda.rank_scores(scores).tolist() == [2, 1, 2, 4]
    assert mcda.rank_scores(scores, higher_is_better=False).tolist() == [2, 4, 2, 1]


def test_ranks_treat_round_off_differences_as_ties():
    scores = np.array([0.1 + 0.2, 0.3, 0.2])
    assert mcda.rank_scores(scores).tolist() == [1, 1, 3]


def test_ranks_of_a_batch_are_row_by_row():
    scores = np.array([[3.0, 1.0, 2.0], [1.0, 2.0, 3.0]])
    assert mcda.rank_scores(scores).tolist() == [[1, 3, 2], [3, 2, 1]]


def test_vikor_reports_lower_is_better_and_ranks_accordingly():
    X = np.array([[1.0, 1.0], [5.0, 5.0], [3.0, 3.0]])
    result = mcda.evaluate("vikor", X, [0.5, 0.5])
    assert not result.higher_is_better
    assert result.scores[1] == 0.0
    assert result.ranks.tolist() == [3, 1, 2]


@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=40),
        elements=st.integers(-6, 6).map(float) | st.just(-0.0),
    ),
    st.sampled_from([1e-3, 1.0, 1e6]),
    st.booleans(),
)
def test_rank_scores_agree_with_scipy_min_ranks(values, scale, higher_is_better):
    """The integer-key sort gives the same competition ranks as scipy's rankdata('min')."""
    scores = values * scale
    expected = rankdata(-scores if higher_is_better else scores, method="min", axis=1)
    np.testing.assert_array_equal(mcda.rank_scores(scores, higher_is_better), expected)


def test_rank_scores_fall_back_to_argsort_beyond_the_index_bits(monkeypatch):
    from alliancescore.mcda import ranking

    monkeypatch.setattr(ranking, "_MAX_INDEX_BITS", 2)
    scores = np.array([[0.5, 0.1, 0.9, 0.1, 0.7, 0.2]])
    assert ranking.rank_scores(scores).tolist() == [[3, 5, 1, 5, 2, 4]]


def test_topsis_rank_key_orders_like_its_closeness():
    """The square-root-free key SMAA ranks TOPSIS by gives the closeness ranking, ties and
    weights that ignore every criterion with spread included."""
    from alliancescore.mcda.ranking import sort_alternatives

    rng = np.random.default_rng(5)
    X = rng.random((30, 5))
    X[:, 2] = 1.0  # no spread
    X[7] = X[3]  # identical alternatives tie under any weights
    prepared = mcda.prepare("topsis", X, [True, False, True, True, False])
    W = rng.dirichlet(np.ones(5), size=500)
    W[:5] = 0.0
    W[:5, 2] = 1.0  # only the constant criterion: everyone ties at 0.5
    expected = mcda.rank_scores(prepared.kernel.score(W))
    keys = prepared.kernel.rank_key(W)
    assert keys.min() >= 0 and keys.max() <= 1
    np.testing.assert_array_equal(mcda.rank_scores(keys, higher_is_better=False), expected)
    order, ranks = sort_alternatives(keys.copy(), unit_keys=True)
    assert ranks is not None
    by_alternative = np.empty_like(ranks)
    np.put_along_axis(by_alternative, order, ranks, axis=1)
    np.testing.assert_array_equal(by_alternative, expected)
