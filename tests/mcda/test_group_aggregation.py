"""Group aggregation (mcda.group) and Kendall's W: properties that must hold for any input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError
from alliancescore.mcda.group import GROUP_AGGREGATIONS, aij, aip_arithmetic, aip_geometric
from strategies import analysts_judgments

FAST = settings(max_examples=60, deadline=None)


def test_the_aggregations_are_registered_with_what_they_need():
    assert list(GROUP_AGGREGATIONS) == ["aij", "aip_geometric", "aip_arithmetic"]
    assert GROUP_AGGREGATIONS["aij"].needs == "judgments"
    assert GROUP_AGGREGATIONS["aip_arithmetic"].needs == "priorities"
    with pytest.raises(AllianceScoreError, match="Did you mean 'aij'"):
        mcda.aggregate("aji", matrices=[[[1.0]]])


@FAST
@given(analysts_judgments())
def test_aij_of_reciprocal_matrices_is_reciprocal_and_weights_sum_to_one(case):
    stack, voting = case
    found = aij(stack, voting, ri_table="alonso_lamata2006")
    A = found.diagnostics["matrix"]
    np.testing.assert_allclose(A * A.T, np.ones_like(A), rtol=1e-12)
    np.testing.assert_allclose(np.diag(A), 1.0)
    assert found.weights.sum() == pytest.approx(1.0)
    assert np.all(found.weights > 0)


@FAST
@given(analysts_judgments(min_analysts=2), st.randoms(use_true_random=False))
def test_permuting_the_analysts_changes_nothing(case, random):
    stack, voting = case
    order = list(range(len(voting)))
    random.shuffle(order)
    for name in GROUP_AGGREGATIONS:
        if name == "aij":
            first = aij(stack, voting, ri_table="alonso_lamata2006")
            again = aij(stack[order], voting[order], ri_table="alonso_lamata2006")
            assert again.diagnostics["cr"] == pytest.approx(first.diagnostics["cr"], abs=1e-12)
        else:
            P = np.stack(
                [mcda.weights("ahp", A, ri_table="alonso_lamata2006").weights for A in stack]
            )
            first = mcda.aggregate(name, priorities=P, voting=voting)
            again = mcda.aggregate(name, priorities=P[order], voting=voting[order])
        np.testing.assert_allclose(again.weights, first.weights, rtol=1e-10, atol=1e-14)


@FAST
@given(analysts_judgments(min_analysts=1, max_analysts=1))
def test_one_analyst_is_their_own_ahp_result(case):
    stack, voting = case
    own = mcda.weights("ahp", stack[0], ri_table="alonso_lamata2006")
    found = aij(stack, voting, ri_table="alonso_lamata2006")
    np.testing.assert_allclose(found.weights, own.weights, rtol=1e-10)
    assert found.diagnostics["cr"] == pytest.approx(own.diagnostics["cr"], abs=1e-12)
    for name in ("aip_geometric", "aip_arithmetic"):
        again = mcda.aggregate(name, priorities=[own.weights], voting=voting)
        np.testing.assert_allclose(again.weights, own.weights, rtol=1e-12)


@FAST
@given(analysts_judgments(min_analysts=2))
def test_unanimity_identical_analysts_give_their_common_answer(case):
    stack, voting = case
    same = np.repeat(stack[:1], len(voting), axis=0)
    found = aij(same, voting, ri_table="alonso_lamata2006")
    np.testing.assert_allclose(found.diagnostics["matrix"], stack[0], rtol=1e-12)
    own = mcda.weights("ahp", stack[0], ri_table="alonso_lamata2006").weights
    np.testing.assert_allclose(found.weights, own, rtol=1e-10)


@FAST
@given(
    st.integers(1, 4).flatmap(
        lambda k: st.tuples(
            st.lists(st.lists(st.integers(1, 20), min_size=4, max_size=4), min_size=k, max_size=k),
            st.lists(st.integers(1, 5), min_size=k, max_size=k),
        )
    )
)
def test_aij_equals_geometric_aip_for_consistent_judgments(case):
    """For consistent matrices a_ij = w_i / w_j, AIJ's group matrix is the consistent matrix
    of the geometric mean of the priorities (Barzilai & Golany 1994; Forman & Peniwati 1998)."""
    raw, voting = np.array(case[0], dtype=float), np.array(case[1], dtype=float)
    P = raw / raw.sum(axis=1, keepdims=True)
    stack = P[:, :, None] / P[:, None, :]
    by_judgments = aij(stack, voting)
    by_priorities = aip_geometric(P, voting)
    np.testing.assert_allclose(by_judgments.weights, by_priorities.weights, rtol=1e-9)
    assert by_judgments.diagnostics["cr"] == pytest.approx(0.0, abs=1e-9)


def test_aip_arithmetic_is_the_weighted_mean_of_the_shares():
    P = np.array([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
    found = aip_arithmetic(P, [3, 1])
    np.testing.assert_allclose(found.weights, [0.425, 0.3, 0.275])
    np.testing.assert_allclose(found.diagnostics["voting"], [0.75, 0.25])


def test_aip_geometric_renormalises_the_weighted_geometric_mean():
    P = np.array([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
    raw = np.sqrt(P[0] * P[1])
    np.testing.assert_allclose(aip_geometric(P).weights, raw / raw.sum())


def test_voting_powers_must_be_positive():
    with pytest.raises(AllianceScoreError, match=r"voting\[1\]: expected a voting power > 0"):
        aip_arithmetic([[0.5, 0.5], [0.4, 0.6]], [1, 0])


def test_aij_refuses_a_matrix_that_is_not_reciprocal_naming_the_analyst():
    good = [[1, 2], [0.5, 1]]
    bad = [[1, 2], [2, 1]]
    with pytest.raises(AllianceScoreError, match=r"matrices\[1\]\[1, 0\]: expected the reciprocal"):
        aij([good, bad])


# ---------------------------------------------------------------- Kendall's W


def test_kendall_w_with_ties_by_hand():
    """m = 3 raters, n = 4: rank sums 4.5, 4.5, 9, 12 (mean 7.5), S = 40.5; one tie of two,
    T = 2^3 - 2 = 6; W = 12 * 40.5 / (9 * 60 - 3 * 6) = 486 / 522."""
    rankings = [[1, 2, 3, 4], [2, 1, 3, 4], [1, 1, 3, 4]]  # competition ranks: 1.5, 1.5 fractional
    assert mcda.kendall_w(rankings) == pytest.approx(486 / 522, rel=1e-12)


@FAST
@given(st.integers(2, 5), st.integers(2, 8), st.randoms(use_true_random=False))
def test_kendall_w_without_ties_is_the_mean_spearman_identity(m, n, random):
    """Without ties W = ((m - 1) mean rho + 1) / m, rho over the m (m - 1) / 2 pairs (Kendall
    & Gibbons 1990, ch. 6): an independent computation."""
    rankings = []
    for _ in range(m):
        order = list(range(1, n + 1))
        random.shuffle(order)
        rankings.append(order)
    pairs = [(a, b) for a in range(m) for b in range(a + 1, m)]
    mean_rho = np.mean([mcda.spearman(rankings[a], rankings[b]) for a, b in pairs])
    assert mcda.kendall_w(rankings) == pytest.approx(((m - 1) * mean_rho + 1) / m, abs=1e-12)


@FAST
@given(st.integers(2, 6), st.lists(st.integers(1, 4), min_size=2, max_size=8))
def test_identical_raters_give_w_one(m, ranking):
    if len(set(ranking)) < 2:
        ranking = [*ranking[:-1], max(ranking) + 1]
    assert mcda.kendall_w([ranking] * m) == pytest.approx(1.0)


def test_kendall_w_refuses_raters_who_tie_everything():
    with pytest.raises(AllianceScoreError, match="separate at least two alternatives"):
        mcda.kendall_w([[1, 1, 1], [1, 1, 1]])


# ---------------------------------------------------------------- swing


def test_swing_weights_are_the_points_rescaled():
    found = mcda.weights("swing", [100, 70, 50, 20])
    np.testing.assert_allclose(found.weights, np.array([100, 70, 50, 20]) / 240)
    assert found.diagnostics["anchor"] == 0


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ([100, 0, 20], r"points\[1\]: expected swing points in \(0, 100\]"),
        ([120, 50], r"points\[0\]: expected swing points in \(0, 100\]"),
        ([80, 50], "expected the most important swing at 100 points"),
    ],
)
def test_swing_refuses_points_off_its_scale(points, message):
    with pytest.raises(AllianceScoreError, match=message):
        mcda.weights("swing", points)
