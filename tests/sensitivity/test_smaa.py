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
from alliancescore.sensitivity.smaa import (
    BLOCK,
    DATA_DRAWS_FLOOR,
    WEIGHTS_PER_DATA_DRAW,
    data_draws,
)

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


def test_weights_only_standard_errors_are_binomial_and_match_the_spread_over_seeds():
    """Independent weight draws make each acceptability a binomial share: its standard error
    is Agresti and Coull's (1998) adjusted binomial one, and over independent seeds the shares
    spread as much as it says (not more, which a noisy estimate's maximum would claim)."""
    X2 = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    n = 3 * BLOCK
    runs = [
        smaa("weighted_sum", X2, sampler=uniform_simplex(2), n_samples=n, seed=s) for s in range(40)
    ]
    first = runs[0]
    adjusted = (first.acceptability * n + 2) / (n + 4)
    np.testing.assert_allclose(
        first.acceptability_se, np.sqrt(adjusted * (1 - adjusted) / (n + 4)), rtol=1e-12
    )
    # The exact shares (test below): A first with 0.4, second 0.1, third 0.5.
    exact = np.sqrt(np.array([0.4 * 0.6, 0.1 * 0.9, 0.5 * 0.5]) / n)
    spread = np.std([r.acceptability[0] for r in runs], axis=0, ddof=1)
    np.testing.assert_allclose(spread, exact, rtol=0.35)  # 40 seeds: about 11% sampling error
    reported = np.mean([r.acceptability_se[0] for r in runs], axis=0)
    np.testing.assert_allclose(reported, exact, rtol=0.02)


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


# Data uncertainty: the nested design and its standard error (issue 12).

X_CLOSE = np.array([[1.0, 0.0], [0.0, 1.0], [0.55, 0.55], [0.5, 0.5]])


def test_the_number_of_data_draws_has_a_floor_and_grows_with_the_run():
    assert data_draws(1000) == DATA_DRAWS_FLOOR == 100
    assert data_draws(4096) == 100  # one block used to mean one data draw
    assert data_draws(50) == 50  # never more data draws than weight draws
    assert data_draws(1_000_000) == -(-1_000_000 // WEIGHTS_PER_DATA_DRAW) > 100
    assert data_draws(1000, 7) == 7
    result = smaa(
        "topsis",
        X,
        BENEFIT,
        sampler=uniform_simplex(3),
        n_samples=2000,
        seed=1,
        data=relative_error(0.05),
    )
    assert result.n_data_draws == 100
    plain = smaa("topsis", X, BENEFIT, sampler=uniform_simplex(3), n_samples=2000, seed=1)
    assert plain.n_data_draws == 0


@pytest.mark.parametrize("bad", [1, 0, -3, 2.5])
def test_fewer_than_two_data_draws_are_refused(bad):
    with pytest.raises(
        AllianceScoreError, match=r"n_data_draws: expected a whole number of at least 2"
    ):
        smaa(
            "topsis",
            X,
            BENEFIT,
            sampler=uniform_simplex(3),
            n_samples=100,
            seed=1,
            data=relative_error(0.1),
            n_data_draws=bad,
        )


def test_nested_design_equals_a_plain_loop_over_the_documented_segments():
    """Every index and the standard error, recomputed from the documented streams: weight
    rows as in the weights-only run, data draw d from stream (1, d) scoring the rows
    [d N // D, (d + 1) N // D), se = sd of the per-draw shares / sqrt(D). N = 5000 and D = 7
    put a segment across the block boundary at 4096."""
    sampler = dirichlet_around([0.4, 0.35, 0.25], 20)
    data = relative_error(0.15)
    n_samples, draws, seed = 5000, 7, 4
    result = smaa(
        "vikor",
        X,
        BENEFIT,
        sampler=sampler,
        n_samples=n_samples,
        seed=seed,
        data=data,
        n_data_draws=draws,
    )
    W = plain_loop_weights(sampler, n_samples, seed)
    n = X.shape[0]
    counts = np.zeros((n, n))
    shares = []
    first_weights = np.zeros((n, 3))
    for d in range(draws):
        rows = slice(d * n_samples // draws, (d + 1) * n_samples // draws)
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(1, d)))
        ranks = mcda.evaluate("vikor", data.draw(rng, X), W[rows], BENEFIT).ranks
        per_draw = np.array([[np.sum(ranks[:, i] == r + 1) for r in range(n)] for i in range(n)])
        counts += per_draw
        shares.append(per_draw / ranks.shape[0])
        for i in range(n):
            first_weights[i] += W[rows][ranks[:, i] == 1].sum(axis=0)
    np.testing.assert_array_equal(result.acceptability, counts / n_samples)
    expected_se = np.std(shares, axis=0, ddof=1) / np.sqrt(draws)
    np.testing.assert_allclose(result.acceptability_se, expected_se, rtol=1e-9, atol=1e-15)
    ranked_first = counts[:, 0] > 0
    np.testing.assert_allclose(
        result.central_weights[ranked_first],
        first_weights[ranked_first] / counts[ranked_first, 0:1],
    )
    assert result.n_data_draws == draws


def test_data_error_that_matters_raises_the_standard_error_above_the_weights_only_one():
    """C and D are close to each other and in the middle: with weights near (0.5, 0.5) the
    data noise decides most of the ranking. Within one block the weights-only error is the
    binomial one; the nested error must see the spread between data sets."""
    sampler = dirichlet_around([0.5, 0.5], 500)
    kwargs = {"sampler": sampler, "n_samples": 3000, "seed": 8}
    plain = smaa("weighted_sum", X_CLOSE, **kwargs)
    noisy = smaa("weighted_sum", X_CLOSE, data=relative_error(0.2), **kwargs)
    assert noisy.n_data_draws == 100
    assert noisy.max_standard_error > 1.5 * plain.max_standard_error
    # Cell by cell where the data move the answer (the nested share is not a near-certainty).
    moved = (noisy.acceptability > 0.05) & (noisy.acceptability < 0.95)
    assert moved.sum() >= 4
    assert np.all(noisy.acceptability_se[moved] >= plain.acceptability_se[moved])


def test_a_long_run_lies_within_four_reported_errors_of_a_short_run():
    """The issue's case: a one-block run once drew one data set, reported the weights-only
    error and was 15 of those away from a long run. Independent seeds (1 for the long run);
    the short run's error is the yardstick in every cell where it saw variation (the long
    run's own error is under half of it, so the gap is mostly the short run's)."""
    sampler = dirichlet_around([0.5, 0.5], 500)
    data = relative_error(0.2)
    long = smaa("weighted_sum", X_CLOSE, sampler=sampler, n_samples=400_000, seed=1, data=data)
    for seed in (2, 3, 4):
        short = smaa("weighted_sum", X_CLOSE, sampler=sampler, n_samples=2000, seed=seed, data=data)
        assert long.max_standard_error < short.max_standard_error / 2
        varied = short.acceptability_se > 0
        assert varied.sum() >= 12
        gap = np.abs(short.acceptability - long.acceptability)[varied]
        assert np.all(gap <= 4 * short.acceptability_se[varied]), seed
        # The weights-only error of the same short run is far too confident here.
        plain = smaa("weighted_sum", X_CLOSE, sampler=sampler, n_samples=2000, seed=seed)
        assert gap.max() > 4 * plain.max_standard_error
        assert short.max_standard_error > 3 * plain.max_standard_error


def test_nested_runs_give_the_same_numbers_whatever_the_threads():
    sampler = dirichlet_around([0.5, 0.3, 0.2], 30)
    kwargs = {"sampler": sampler, "n_samples": 13_000, "seed": 5, "data": relative_error(0.2)}
    one = smaa("promethee_ii", X, BENEFIT, threads=1, **kwargs)
    two = smaa("promethee_ii", X, BENEFIT, threads=2, **kwargs)
    three = smaa("promethee_ii", X, BENEFIT, threads=3, **kwargs)
    for other in (two, three):
        np.testing.assert_array_equal(one.acceptability, other.acceptability)
        np.testing.assert_array_equal(one.acceptability_se, other.acceptability_se)
        np.testing.assert_array_equal(one.central_weights, other.central_weights)
        np.testing.assert_array_equal(one.confidence, other.confidence)
        np.testing.assert_array_equal(one.winning, other.winning)
    assert one.n_data_draws == 100
