"""SMAA-2 against independent computations: a plain loop, and a case known exactly."""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError
from alliancescore.sensitivity import (
    dirichlet_around,
    relative_error,
    smaa,
    uniform_simplex,
    within_bounds,
)
from alliancescore.sensitivity.smaa import BLOCK

X = np.array([[7.0, 9.0, 9.0], [8.0, 7.0, 8.0], [9.0, 6.0, 8.0], [6.0, 7.0, 8.0], [6.0, 7.0, 8.0]])
BENEFIT = np.array([True, True, False])


def plain_loop_weights(sampler, n_samples, seed):
    """The weights SMAA draws, reconstructed block by block from the documented streams."""
    blocks = -(-n_samples // BLOCK)
    return np.vstack(
        [
            sampler.draw(
                np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(0, b))),
                min(BLOCK, n_samples - b * BLOCK),
            )
            for b in range(blocks)
        ]
    )


@pytest.mark.parametrize("method", ["weighted_sum", "topsis", "vikor", "promethee_ii"])
def test_indices_equal_a_plain_loop_over_evaluate(method):
    """Rank acceptability, central weights and winning indices, recomputed one draw at a time
    with ``mcda.evaluate`` (alternatives 3 and 4 are identical: ties every time)."""
    sampler = uniform_simplex(3)
    result = smaa(method, X, BENEFIT, sampler=sampler, n_samples=9000, seed=11)
    W = plain_loop_weights(sampler, 9000, 11)
    ranks = np.array([mcda.evaluate(method, X, w, BENEFIT).ranks for w in W])
    n = X.shape[0]
    for i in range(n):
        for r in range(n):
            assert result.acceptability[i, r] == np.mean(ranks[:, i] == r + 1)
        firsts = ranks[:, i] == 1
        if firsts.any():
            np.testing.assert_allclose(result.central_weights[i], W[firsts].mean(axis=0))
        else:
            assert np.all(np.isnan(result.central_weights[i]))
    alts = result.winning_alternatives
    assert sorted(alts.tolist()) == list(range(n))  # five alternatives: all pairs
    for a, i in enumerate(alts):
        for b, k in enumerate(alts):
            assert result.winning[a, b] == np.mean(ranks[:, i] < ranks[:, k])
    assert np.all(result.acceptability[3] == result.acceptability[4])


def test_two_criteria_case_known_exactly():
    """Weighted sum, min-max normalised: A = (1, 0), B = (0, 1), C = (0.6, 0.6) score
    w1, 1 - w1 and 0.6, and w1 is uniform on [0, 1] for uniform weights on the 2-simplex.
    A is first for w1 > 0.6, second for 0.5 < w1 < 0.6, third for w1 < 0.5; B mirrors A;
    C is first for 0.4 < w1 < 0.6 and second otherwise."""
    X2 = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    exact = np.array([[0.4, 0.1, 0.5], [0.4, 0.1, 0.5], [0.2, 0.8, 0.0]])
    result = smaa("weighted_sum", X2, sampler=uniform_simplex(2), n_samples=200_000, seed=3)
    error = np.abs(result.acceptability - exact)
    assert np.all(error <= 5 * result.acceptability_se + 1e-12)
    assert result.max_standard_error < 0.002
    # Central weights: A wins on w1 in (0.6, 1), mean 0.8; C on (0.4, 0.6), mean 0.5.
    np.testing.assert_allclose(result.central_weights[0], [0.8, 0.2], atol=0.002)
    np.testing.assert_allclose(result.central_weights[2], [0.5, 0.5], atol=0.002)
    np.testing.assert_array_equal(result.confidence, [1.0, 1.0, 1.0])


def test_same_seed_same_numbers_whatever_the_threads():
    sampler = dirichlet_around([0.5, 0.3, 0.2], 30)
    one = smaa("topsis", X, BENEFIT, sampler=sampler, n_samples=20_000, seed=5, threads=1)
    two = smaa("topsis", X, BENEFIT, sampler=sampler, n_samples=20_000, seed=5, threads=2)
    again = smaa("topsis", X, BENEFIT, sampler=sampler, n_samples=20_000, seed=5)
    for other in (two, again):
        np.testing.assert_array_equal(one.acceptability, other.acceptability)
        np.testing.assert_array_equal(one.central_weights, other.central_weights)
        np.testing.assert_array_equal(one.winning, other.winning)
    different = smaa("topsis", X, BENEFIT, sampler=sampler, n_samples=20_000, seed=6)
    assert not np.array_equal(one.acceptability, different.acceptability)


def test_seed_zero_is_a_seed():
    a = smaa("topsis", X, BENEFIT, sampler=uniform_simplex(3), n_samples=5000, seed=0)
    b = smaa("topsis", X, BENEFIT, sampler=uniform_simplex(3), n_samples=5000, seed=0)
    np.testing.assert_array_equal(a.acceptability, b.acceptability)
    assert a.seed == 0


def test_rows_of_acceptability_and_columns_sum_as_shares():
    result = smaa("vikor", X, BENEFIT, sampler=uniform_simplex(3), n_samples=10_000, seed=1)
    np.testing.assert_allclose(result.acceptability.sum(axis=1), 1.0)
    # Ties share the better rank, so a rank may be empty and another over-full; the total
    # number of (alternative, rank) pairs is still n per draw.
    assert result.acceptability.sum() == pytest.approx(X.shape[0])


def test_zero_data_error_reproduces_the_weights_only_run():
    """Nested design: with zero spread every data draw is the nominal matrix, and the weight
    streams are the same, so every index is identical."""
    sampler = uniform_simplex(3)
    plain = smaa("topsis", X, BENEFIT, sampler=sampler, n_samples=12_000, seed=9)
    nested = smaa(
        "topsis",
        X,
        BENEFIT,
        sampler=sampler,
        n_samples=12_000,
        seed=9,
        data=relative_error(0.0),
        n_data_draws=3,
    )
    np.testing.assert_array_equal(plain.acceptability, nested.acceptability)
    assert nested.n_data_draws == 3 and "relative normal error" in nested.data


def test_data_uncertainty_spreads_the_ranks_and_gives_fractional_confidence():
    X2 = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    sampler = dirichlet_around([0.5, 0.5], 2000)
    fixed = smaa("weighted_sum", X2, sampler=sampler, n_samples=20_000, seed=2)
    noisy = smaa(
        "weighted_sum",
        X2,
        sampler=sampler,
        n_samples=20_000,
        seed=2,
        data=within_bounds(X2 - 0.25, X2 + 0.25),
        n_data_draws=50,
    )
    assert fixed.first_rank[2] > 0.99
    assert noisy.first_rank[2] < fixed.first_rank[2]
    assert 0.0 < noisy.confidence[2] < 1.0


def test_pairwise_restricted_to_the_top_alternatives_for_large_problems():
    rng = np.random.default_rng(0)
    big = rng.uniform(1, 10, size=(40, 3))
    result = smaa("weighted_sum", big, sampler=uniform_simplex(3), n_samples=5000, seed=1)
    assert result.winning.shape == (10, 10)
    at_mean = mcda.evaluate("weighted_sum", big, [1 / 3] * 3).ranks
    assert sorted(at_mean[result.winning_alternatives].tolist()) == list(range(1, 11))
    assert any("top 10" in note for note in result.notes)


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"seed": -1}, "non-negative integer"),
        ({"n_samples": 0}, "at least 1"),
        ({"sampler": uniform_simplex(4)}, r"3 criteria \(columns of X\)"),
    ],
)
def test_bad_arguments_are_refused(kwargs, pattern):
    args = {"sampler": uniform_simplex(3), "n_samples": 100, "seed": 1, **kwargs}
    with pytest.raises(AllianceScoreError, match=pattern):
        smaa("topsis", X, BENEFIT, **args)


def test_progress_is_reported_in_draws():
    seen = []
    smaa(
        "topsis",
        X,
        BENEFIT,
        sampler=uniform_simplex(3),
        n_samples=10_000,
        seed=1,
        progress=seen.append,
    )
    assert seen[-1] == 10_000 and seen == sorted(seen)
