"""Weight samplers: on the simplex, exact where claimed, reproducible, clear errors."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError
from alliancescore.sensitivity import (
    SAMPLERS,
    dirichlet_around,
    hierarchical,
    ordinal,
    uniform_simplex,
    within_intervals,
)

RNG_SEED = 12345


def draw(sampler, size=40_000):
    return sampler.draw(np.random.default_rng(RNG_SEED), size)


def test_registry_lists_the_samplers():
    assert set(SAMPLERS) == {"uniform", "dirichlet", "intervals", "ordinal", "hierarchical"}


@pytest.mark.parametrize(
    "sampler",
    [
        uniform_simplex(4),
        dirichlet_around([0.5, 0.3, 0.2, 0.0], 20),
        within_intervals([0.1, 0.0, 0.2, 0.0], [0.5, 0.4, 0.6, 1.0]),
        ordinal([2, 1, 3, 3]),
        hierarchical([[0, 1], 2, [3]]),
    ],
    ids=lambda s: s.description[:30],
)
def test_samples_lie_on_the_simplex(sampler):
    W = draw(sampler, 5000)
    assert W.shape == (5000, 4)
    assert np.all(W >= 0)
    np.testing.assert_allclose(W.sum(axis=1), 1.0, rtol=1e-12)


def test_uniform_simplex_has_the_beta_marginals():
    """On the uniform simplex each weight is Beta(1, m - 1): P(w_j > t) = (1 - t)^(m - 1)."""
    W = draw(uniform_simplex(4))
    for j in range(4):
        assert stats.kstest(W[:, j], stats.beta(1, 3).cdf).pvalue > 1e-3


def test_uniform_then_normalise_would_fail_the_same_check():
    """The check above has teeth: the naive sampler is rejected by it."""
    U = np.random.default_rng(RNG_SEED).random((40_000, 4))
    naive = U / U.sum(axis=1, keepdims=True)
    assert stats.kstest(naive[:, 0], stats.beta(1, 3).cdf).pvalue < 1e-6


def test_dirichlet_has_the_stated_mean_and_variance():
    w = np.array([0.5, 0.3, 0.2])
    W = draw(dirichlet_around(w, concentration=50))
    np.testing.assert_allclose(W.mean(axis=0), w, atol=0.003)
    np.testing.assert_allclose(W.var(axis=0), w * (1 - w) / 51, rtol=0.05)


def test_ordinal_respects_the_order_and_centres_on_rank_order_centroid():
    ranking = [2, 1, 3, 3, 4]
    W = draw(ordinal(ranking))
    assert np.all(W[:, 1] >= W[:, 0])
    assert np.all(W[:, 0] >= W[:, 2]) and np.all(W[:, 0] >= W[:, 3])
    assert np.all(np.minimum(W[:, 2], W[:, 3]) >= W[:, 4])
    # Tied criteria are exchangeable: each is the larger half the time.
    assert np.mean(W[:, 2] > W[:, 3]) == pytest.approx(0.5, abs=0.01)
    # The centroid of the ordered region is the ROC weight vector (Barron & Barrett 1996).
    roc = mcda.weights("roc", ranking).weights
    np.testing.assert_allclose(W.mean(axis=0), roc, atol=0.003)
    np.testing.assert_allclose(ordinal(ranking).mean, roc)


def test_intervals_by_rejection_are_uniform_on_the_cut_simplex():
    sampler = within_intervals([0.0, 0.0, 0.2], [1.0, 1.0, 0.3])
    assert "exact rejection" in sampler.description
    W = draw(sampler)
    assert np.all((W[:, 2] >= 0.2) & (W[:, 2] <= 0.3))
    # Given w3, (w1, w2) is uniform on its segment: w1 / (1 - w3) is U(0, 1).
    assert stats.kstest(W[:, 0] / (1 - W[:, 2]), "uniform").pvalue > 1e-3


def test_hit_and_run_agrees_with_rejection_where_both_apply():
    lower, upper = [0.05, 0.0, 0.3, 0.0], [0.4, 0.5, 0.6, 0.3]
    exact = within_intervals(lower, upper)
    walk = within_intervals(lower, upper, min_acceptance=1.0)
    assert "exact rejection" in exact.description and "hit-and-run" in walk.description
    W_exact, W_walk = draw(exact, 20_000), draw(walk, 20_000)
    assert np.all(W_walk >= np.array(lower) - 1e-12) and np.all(W_walk <= np.array(upper) + 1e-12)
    np.testing.assert_allclose(W_walk.mean(axis=0), W_exact.mean(axis=0), atol=0.01)
    np.testing.assert_allclose(W_walk.std(axis=0), W_exact.std(axis=0), atol=0.01)


def test_hierarchical_weights_are_products_of_local_weights():
    W = draw(hierarchical([[0, 1], [2, 3, 4], 5]))
    # Each top-level group gets a third on average; within a group, an equal share.
    np.testing.assert_allclose(W[:, [0, 1]].sum(axis=1).mean(), 1 / 3, atol=0.005)
    np.testing.assert_allclose(
        W.mean(axis=0), [1 / 6, 1 / 6, 1 / 9, 1 / 9, 1 / 9, 1 / 3], atol=0.005
    )


def test_same_generator_state_gives_the_same_draws():
    a = draw(ordinal([1, 2, 3]), 100)
    b = draw(ordinal([1, 2, 3]), 100)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("make", "pattern"),
    [
        (lambda: within_intervals([0.6, 0.6], [0.9, 0.9]), "No weight vector summing to one"),
        (lambda: within_intervals([0.5, 0.2], [0.4, 0.9]), r"weight interval 0.*\[0.5, 0.4\]"),
        (lambda: within_intervals([0.1], [0.5, 0.6]), "as many upper as lower"),
        (lambda: dirichlet_around([0.5, 0.5], 0), "positive number"),
        (lambda: dirichlet_around([0.5, -0.5], 10), "non-negative weights"),
        (lambda: ordinal([0, 1]), "whole-number ranks"),
        (lambda: hierarchical([[0, 1], 1]), "each criterion index"),
    ],
)
def test_sampler_errors_say_what_is_wrong(make, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        make()
