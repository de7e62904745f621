"""Weighting schemes: direct, AHP (eigenvector, geometric mean), rank-order centroid."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError


def consistent_matrix(w: np.ndarray) -> np.ndarray:
    """The perfectly consistent pairwise matrix a_ij = w_i / w_j."""
    return w[:, None] / w[None, :]


def test_registry_lists_the_schemes():
    assert {"direct", "ahp", "roc"} <= set(mcda.WEIGHTINGS)


@given(hnp.arrays(np.float64, st.integers(1, 12), elements=st.floats(0, 1e6)))
def test_direct_weights_sum_to_one_and_keep_proportions(raw):
    if raw.sum() == 0:
        with pytest.raises(AllianceScoreError, match="at least one positive weight"):
            mcda.weights("direct", raw)
        return
    result = mcda.weights("direct", raw)
    assert result.weights.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(result.weights * raw.sum(), raw, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize(
    ("raw", "pattern"),
    [
        ([1.0, -2.0, 3.0], r"criteria.weights\[1\] = -2"),
        ([1.0, float("nan")], r"criteria.weights\[1\] = nan"),
        ([0.0, 0.0], "at least one positive weight"),
        ([[1.0, 2.0]], "a flat list of weights"),
    ],
)
def test_direct_weights_errors_name_the_entry(raw, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        mcda.weights("direct", raw, name="criteria.weights")


@pytest.mark.parametrize("method", ["eigenvector", "geometric_mean"])
@given(w=hnp.arrays(np.float64, st.integers(1, 10), elements=st.floats(0.05, 20)))
@settings(max_examples=50)
def test_ahp_recovers_the_weights_of_a_consistent_matrix(method, w):
    result = mcda.weights("ahp", consistent_matrix(w), method=method)
    np.testing.assert_allclose(result.weights, w / w.sum(), rtol=1e-9)
    assert result.diagnostics["lambda_max"] == pytest.approx(len(w), rel=1e-9)
    assert result.diagnostics["cr"] == pytest.approx(0.0, abs=1e-9)
    assert result.diagnostics["consistent"]


@pytest.mark.parametrize("method", ["eigenvector", "geometric_mean"])
def test_ahp_is_equivariant_under_relabelling_criteria(method):
    A = np.array([[1, 3, 5, 1 / 2], [1 / 3, 1, 2, 1 / 4], [1 / 5, 1 / 2, 1, 1 / 7], [2, 4, 7, 1]])
    perm = [2, 0, 3, 1]
    a = mcda.weights("ahp", A, method=method)
    b = mcda.weights("ahp", A[np.ix_(perm, perm)], method=method)
    np.testing.assert_allclose(b.weights, a.weights[perm], rtol=1e-10)
    assert b.diagnostics["cr"] == pytest.approx(a.diagnostics["cr"], rel=1e-9)


def test_ahp_consistency_index_from_its_definition():
    """CI = (lambda_max - n) / (n - 1), CR = CI / RI with RI(4) = 0.90 (Saaty 1980)."""
    A = np.array([[1, 3, 5, 1 / 2], [1 / 3, 1, 2, 1 / 4], [1 / 5, 1 / 2, 1, 1 / 7], [2, 4, 7, 1]])
    result = mcda.weights("ahp", A)
    lam = max(np.linalg.eigvals(A).real)
    assert result.diagnostics["lambda_max"] == pytest.approx(lam)
    assert result.diagnostics["ci"] == pytest.approx((lam - 4) / 3)
    assert result.diagnostics["cr"] == pytest.approx((lam - 4) / 3 / 0.90)
    assert result.diagnostics["ri_table"] == "saaty1980"
    other = mcda.weights("ahp", A, ri_table="alonso_lamata2006")
    assert other.diagnostics["cr"] == pytest.approx((lam - 4) / 3 / 0.8815)


def test_ahp_flags_an_inconsistent_matrix():
    # a13 = 1/9 contradicts a12 = 9 and a23 = 9 (intransitive): far above CR 0.10.
    A = np.array([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    result = mcda.weights("ahp", A)
    assert result.diagnostics["cr"] > 0.10
    assert not result.diagnostics["consistent"]


def test_ahp_accepts_two_decimal_reciprocals_and_uses_exact_ones():
    typed = np.array([[1, 3, 7], [0.33, 1, 2], [0.14, 0.5, 1]])
    exact = np.array([[1, 3, 7], [1 / 3, 1, 2], [1 / 7, 1 / 2, 1]])
    np.testing.assert_allclose(
        mcda.weights("ahp", typed).weights, mcda.weights("ahp", exact).weights, rtol=1e-12
    )


@pytest.mark.parametrize(
    ("matrix", "pattern"),
    [
        ([[1, 3], [3, 1]], r"A\[1, 0\]: expected the reciprocal of A\[0, 1\] = 3, i.e. 0.3333"),
        ([[2, 3], [1 / 3, 1]], r"A\[0, 0\]: expected 1 on the diagonal"),
        ([[1, -3], [-1 / 3, 1]], r"A\[0, 1\]: expected a positive judgment"),
        ([[1, 2, 3], [0.5, 1, 2]], "a square matrix"),
    ],
)
def test_ahp_matrix_errors_point_at_the_cell(matrix, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        mcda.weights("ahp", matrix, name="A")


def test_ahp_order_beyond_the_random_index_table_is_refused_with_a_way_out():
    A = np.ones((11, 11))
    with pytest.raises(AllianceScoreError, match="alonso_lamata2006"):
        mcda.weights("ahp", A)
    cr = mcda.weights("ahp", A, ri_table="alonso_lamata2006").diagnostics["cr"]
    assert cr == pytest.approx(0.0, abs=1e-12)


def test_ahp_geometric_mean_reports_the_geometric_consistency_index():
    A = np.array([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    d = mcda.weights("ahp", A, method="geometric_mean").diagnostics
    w = np.exp(np.log(A).mean(axis=1))
    w /= w.sum()
    e = [np.log(A[i, j] * w[j] / w[i]) ** 2 for i in range(3) for j in range(i + 1, 3)]
    assert d["gci"] == pytest.approx(2 / (2 * 1) * sum(e))
    assert d["gci_threshold"] == 0.31


def test_rank_order_centroid_for_four_criteria():
    """Barron & Barrett (1996): w_k = (1/n) sum_{i>=k} 1/i; for n = 4 these are
    25/48, 13/48, 7/48, 3/48 (worked by hand from the formula)."""
    result = mcda.weights("roc", [2, 1, 4, 3])
    np.testing.assert_allclose(result.weights, np.array([13, 25, 3, 7]) / 48)


def test_rank_order_centroid_ties_share_their_positions():
    result = mcda.weights("roc", [1, 2, 2, 4])
    np.testing.assert_allclose(result.weights, np.array([25, 10, 10, 3]) / 48)
    assert result.weights.sum() == pytest.approx(1.0)


@given(st.lists(st.integers(1, 6), min_size=1, max_size=10))
def test_rank_order_centroid_weights_respect_the_ranking(ranking):
    w = mcda.weights("roc", ranking).weights
    assert w.sum() == pytest.approx(1.0)
    r = np.array(ranking)
    for i in range(len(r)):
        for j in range(len(r)):
            if r[i] < r[j]:
                assert w[i] > w[j]
            elif r[i] == r[j]:
                assert w[i] == pytest.approx(w[j])


@pytest.mark.parametrize("ranking", [[0, 1], [1.5, 2], [[1, 2]], []])
def test_rank_order_centroid_refuses_bad_rankings(ranking):
    with pytest.raises(AllianceScoreError, match="ranking"):
        mcda.weights("roc", ranking)


def test_unknown_scheme_suggests_the_right_one():
    with pytest.raises(AllianceScoreError, match="Did you mean 'ahp'"):
        mcda.weights("ahq", [[1]])


def test_evaluate_accepts_a_weight_result():
    X = np.array([[1.0, 2.0], [2.0, 1.0]])
    w = mcda.weights("roc", [1, 2])
    a = mcda.evaluate("weighted_sum", X, w)
    b = mcda.evaluate("weighted_sum", X, w.weights)
    np.testing.assert_array_equal(a.scores, b.scores)
