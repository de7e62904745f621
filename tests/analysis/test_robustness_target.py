"""Sampling SMAA to a target standard error (``first_rank_acceptability(target_se=...)``,
:func:`sample_to_target`): the loop stops once the largest standard error is under the
target, respects and records the cap, and gives SMAA's own numbers for the draws it used."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest

from alliancescore import sensitivity as sa
from alliancescore.analysis.robustness import (
    TARGET_BLOCK,
    analyse,
    first_rank_acceptability,
    sample_to_target,
)
from alliancescore.errors import AllianceScoreError


def _runs(se_of_n):
    """A fake SMAA: ``run(n)`` reports ``se_of_n(n)`` as its largest standard error and
    records the sizes asked for."""
    sizes: list[int] = []

    def run(n: int):
        sizes.append(n)
        return SimpleNamespace(n_samples=n, max_standard_error=se_of_n(n))

    return run, sizes


def test_the_worst_case_bound_is_met_by_the_first_run():
    """Independent draws: a share's standard error is at most 0.5 / sqrt(N); the first run
    has the whole blocks that put that bound under the target."""
    for target in (0.02, 0.005, 0.002):
        run, sizes = _runs(lambda n: 0.5 / math.sqrt(n))
        found, met = sample_to_target(run, target, 10**8)
        bound = math.ceil((0.5 / target) ** 2 / TARGET_BLOCK) * TARGET_BLOCK
        assert met and sizes == [bound] and found.max_standard_error < target
    assert sizes == [65_536]  # 0.002: 62,500 draws, 16 blocks


def test_an_overstated_error_asks_for_the_draws_it_needs():
    # Twice the bound (a noisy estimate): 12,288 draws give 0.00902, which asks for
    # 12,288 * (0.00902 / 0.005)^2 = 40,000 draws, 10 blocks; there 1 / sqrt(40,960) < 0.005.
    run, sizes = _runs(lambda n: 1.0 / math.sqrt(n))
    found, met = sample_to_target(run, 0.005, 10**8)
    assert met and sizes == [12_288, 40_960]
    assert found.max_standard_error < 0.005 <= 1.0 / math.sqrt(sizes[0])


def test_each_run_grows_two_to_four_times_up_to_the_cap_which_is_recorded():
    run, sizes = _runs(lambda n: 0.01)  # never under the target
    found, met = sample_to_target(run, 0.005, 500_000)
    assert not met and found.n_samples == 500_000
    assert sizes == [12_288, 49_152, 196_608, 500_000]  # four times while that is below
    run, sizes = _runs(lambda n: 0.0051 * math.sqrt(12_288 / n) * 1.0001)
    sample_to_target(run, 0.005, 10**6)
    assert sizes == [12_288, 24_576]  # just over: at least twice
    run, sizes = _runs(lambda n: float("nan"))
    assert sample_to_target(run, 0.005, 30_000)[1] is False and sizes == [12_288, 24_576, 30_000]
    run, sizes = _runs(lambda n: 0.5 / math.sqrt(n))
    assert sample_to_target(run, 0.005, 5_000)[1] is False and sizes == [5_000]  # the cap first


def test_a_bad_target_or_cap_is_refused():
    run, _ = _runs(lambda n: 0.0)
    with pytest.raises(AllianceScoreError, match="target_se: expected a number > 0, found 0"):
        sample_to_target(run, 0, 100)
    with pytest.raises(AllianceScoreError, match="max_samples: expected at least 1, found 0"):
        sample_to_target(run, 0.01, 0)


@pytest.fixture(scope="module")
def matrix():
    rng = np.random.default_rng(5)
    return rng.uniform(1, 10, size=(12, 4))


@pytest.mark.parametrize("method", ["topsis", "promethee_ii"])
def test_real_smaa_stops_under_the_target_with_its_own_numbers(matrix, method):
    sampler = sa.uniform_simplex(4)
    errors: dict[int, float] = {}

    def run(n, threads=None):
        found = sa.smaa(method, matrix, sampler=sampler, n_samples=n, seed=9, threads=threads)
        errors[n] = found.max_standard_error
        return found

    found, met = sample_to_target(run, 0.004, 10**6)
    assert met and found.max_standard_error < 0.004
    # Independent weight draws: the binomial error is at most 0.5 / sqrt(N + 4), so the first
    # run (4 blocks, the bound's 15,625 draws in whole blocks) meets the target.
    assert list(errors) == [16_384] == [found.n_samples]
    assert errors[16_384] <= 0.5 / np.sqrt(16_384 + 4)
    assert found.n_samples % TARGET_BLOCK == 0
    again = run(found.n_samples, threads=1)  # one ordinary run, any threads
    np.testing.assert_array_equal(again.acceptability, found.acceptability)
    np.testing.assert_array_equal(again.acceptability_se, found.acceptability_se)
    single, _ = sample_to_target(lambda n: run(n, threads=1), 0.004, 10**6)
    np.testing.assert_array_equal(single.acceptability, found.acceptability)


def test_a_profile_sampled_to_a_target_equals_analyse_with_those_draws(demo_result):
    japan = demo_result("japan")
    found = first_rank_acceptability(japan, seed=4, target_se=0.02, max_samples=50_000)
    assert set(found) == set(japan.methods)
    for method, first in found.items():
        assert first.target_met and first.max_standard_error < 0.02
        assert first.samples % TARGET_BLOCK == 0
        report = analyse(japan, samples=first.samples, seed=4, importance=False, methods=[method])
        np.testing.assert_array_equal(
            first.acceptability, report.acceptability[method][1].to_numpy()
        )
        assert report.acceptability_se[method] == first.max_standard_error
    capped = first_rank_acceptability(japan, seed=4, target_se=0.001, max_samples=5_000)
    assert all(f.samples == 5_000 and f.target_met is False for f in capped.values())
    fixed = first_rank_acceptability(japan, seed=4, samples=3_000)
    assert all(f.samples == 3_000 and f.target_met is None for f in fixed.values())
