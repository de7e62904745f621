"""Pairwise work in chunks (issue 15): the answers do not depend on the memory budgets.

Every budget is shrunk through its module-level constant until chunks hold one pair (one
bracket, one thread, one block in flight) and the results are compared with those of the
default budgets; the nearest-bracket search on a window around the profile is compared with a
dense computation over every pair and grid point at once, ties included.
"""

from __future__ import annotations

import dataclasses
import importlib

import numpy as np
import pytest

from alliancescore.sensitivity import (
    _crossings,
    _pairs,
    smaa,
    stability_intervals,
    sweep,
    uniform_simplex,
    weight_importance,
)
from alliancescore.sensitivity._pairs import PairSet, pair_index

# The module, not the function of the same name the package exports.
smaa_module = importlib.import_module("alliancescore.sensitivity.smaa")

STEP_METHODS = ["topsis", "vikor", "waspas", "weighted_product"]
LINEAR_METHODS = ["weighted_sum", "promethee_ii"]


@pytest.fixture
def tiny_budgets(monkeypatch):
    """Shrink every memory budget: one pair per chunk, one bracket per kernel call, one
    thread, one block in flight, and the narrowest first window around the profile."""

    def shrink() -> None:
        monkeypatch.setattr(_pairs, "SCRATCH_BYTES", 1)
        monkeypatch.setattr(_crossings, "FIRST_WINDOW", 1)
        monkeypatch.setattr(smaa_module, "IN_FLIGHT_BYTES", 1)
        monkeypatch.setattr(smaa_module, "WORKERS_BYTES", 1)

    return shrink


def _matrix(n: int = 24, m: int = 5, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """Values with ties (a few levels per criterion) and two duplicated alternatives."""
    rng = np.random.default_rng(seed)
    X = rng.integers(1, 6, size=(n, m)).astype(float) + rng.uniform(0, 0.5, size=(n, m))
    X[3] = X[1]
    X[n - 2, :2] = X[2, :2]
    return X, np.arange(m) % 3 != 2


def _intervals(result) -> tuple[list[tuple[int, ...]], np.ndarray]:
    """The groups, and the numbers of each interval as one row."""
    groups = [iv.group for iv in result.intervals]
    rows = [[iv.t0, *iv.top1, *iv.topk, *iv.full] for iv in result.intervals]
    changes = [[iv.top1_change, iv.topk_change, iv.full_change] for iv in result.intervals]
    return groups, np.hstack([rows, changes])


@pytest.mark.parametrize("n", [0, 1, 2, 5, 9])
@pytest.mark.parametrize("size", [1, 3, 1000])
def test_pair_sets_hand_out_the_triu_pairs_in_order(n, size):
    rng = np.random.default_rng(n)
    i_all, k_all = np.triu_indices(n, k=1)
    masks = [None, np.zeros(n, bool), np.ones(n, bool), rng.random(n) < 0.4]
    for members in masks:
        pairs = PairSet(n, members)
        chunks = list(pairs.chunks(size))
        assert all(i.size <= size for i, _ in chunks)
        i = np.concatenate([c[0] for c in chunks]) if chunks else np.empty(0, int)
        k = np.concatenate([c[1] for c in chunks]) if chunks else np.empty(0, int)
        keep = np.ones(i_all.size, bool) if members is None else members[i_all] | members[k_all]
        np.testing.assert_array_equal(i, i_all[keep])
        np.testing.assert_array_equal(k, k_all[keep])
        assert pairs.size == keep.sum()
        np.testing.assert_array_equal(pair_index(i, k, n), np.flatnonzero(keep))


def _dense_nearest(scores: np.ndarray, position: int, eps: float, relevant: np.ndarray):
    """Every pair and grid point at once, as the stability intervals did before pairs went in
    chunks: (tied at the profile, brackets below, brackets above), a side's brackets as
    ``(step, i, k, sign)`` or None."""
    i, k = np.triu_indices(scores.shape[1], k=1)
    diff = scores[:, i] - scores[:, k]
    sign = np.sign(np.where(np.abs(diff) <= eps, 0.0, diff))
    tied_at_t0 = (sign[position] == 0) & np.any(sign != 0, axis=0)
    if np.any(tied_at_t0 & relevant):
        return True, None, None
    rows = np.arange(sign.shape[0])[:, np.newaxis]
    last = np.maximum.accumulate(np.where(sign != 0, rows, 0), axis=0)
    filled = np.take_along_axis(sign, last, axis=0)
    step, pair = np.nonzero(filled[:-1] * filled[1:] < 0)
    step, pair = step[relevant[pair]], pair[relevant[pair]]
    below, above = step[step < position], step[step >= position]
    sides = []
    for at in (below.max() if below.size else None, above.min() if above.size else None):
        hit = pair[step == at] if at is not None else None
        sides.append(None if at is None else (int(at), i[hit], k[hit], filled[at, hit]))
    return False, sides[0], sides[1]


def _same_brackets(found, expected) -> None:
    if expected is None:
        assert found is None
        return
    assert found is not None and found.step == expected[0]
    for got, want in zip((found.i, found.k, found.sign), expected[1:], strict=True):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("seed", range(12))
def test_nearest_brackets_on_a_window_equal_the_dense_search(seed, tiny_budgets):
    """Scores on few levels tie often, so orders are carried over ties across windows."""
    rng = np.random.default_rng(seed)
    n, grid = int(rng.integers(2, 9)), int(rng.integers(2, 40))
    scores = rng.integers(0, 3, size=(grid, n)).astype(float)
    scores[:, 0] = 1.0  # a pair or two tied everywhere
    scores[:, 1] = 1.0
    eps = _crossings.tie_tolerance(scores)
    for budgets in ("default", "tiny"):
        if budgets == "tiny":
            tiny_budgets()
        for position in {0, grid // 3, grid - 1}:
            for members in (None, rng.random(n) < 0.3):
                pairs = PairSet(n, members)
                i, k = np.triu_indices(n, k=1)
                relevant = np.ones(i.size, bool) if members is None else members[i] | members[k]
                tied, below, above = _crossings.nearest_brackets(scores, position, eps, pairs)
                want = _dense_nearest(scores, position, eps, relevant)
                assert tied == want[0]
                _same_brackets(below, want[1])
                _same_brackets(above, want[2])


@pytest.mark.parametrize("method", STEP_METHODS + LINEAR_METHODS)
def test_stability_intervals_do_not_depend_on_the_chunk_size(method, tiny_budgets):
    X, benefit = _matrix()
    w = np.array([0.3, 0.0, 0.25, 0.25, 0.2])  # a criterion without weight: t0 = 0
    groups = [0, 1, 2, 3, 4, [0, 2], [1, 3, 4]]
    before = stability_intervals(method, X, w, benefit, groups=groups, k=4, grid=41)
    tiny_budgets()
    assert _crossings.pairs_per_chunk(41) == 1
    after = stability_intervals(method, X, w, benefit, groups=groups, k=4, grid=41)
    np.testing.assert_array_equal(after.reference_ranks, before.reference_ranks)
    groups, numbers = _intervals(after)
    assert groups == _intervals(before)[0]
    np.testing.assert_allclose(numbers, _intervals(before)[1], rtol=0, atol=1e-12)
    # Not vacuous: some property changes inside (0, 1) on some group.
    assert any(iv.full[0] > 0 or iv.full[1] < 1 for iv in before.intervals)


@pytest.mark.parametrize("method", ["topsis", "vikor", "weighted_sum"])
def test_sweep_switch_points_do_not_depend_on_the_chunk_size(method, tiny_budgets):
    X, benefit = _matrix(n=14)
    w = [0.3, 0.1, 0.25, 0.25, 0.1]
    before = [sweep(method, X, w, benefit, group=g, grid=31) for g in (0, [1, 4])]
    tiny_budgets()
    after = [sweep(method, X, w, benefit, group=g, grid=31) for g in (0, [1, 4])]
    for b, a in zip(before, after, strict=True):
        assert b.switches.shape == a.switches.shape and b.switches.shape[0] > 0
        np.testing.assert_allclose(a.switches, b.switches, rtol=0, atol=1e-12)


@pytest.mark.parametrize("method", ["topsis", "vikor", "promethee_ii"])
def test_smaa_does_not_depend_on_the_memory_budgets(method, tiny_budgets):
    X, benefit = _matrix(n=12)
    kwargs = dict(sampler=uniform_simplex(X.shape[1]), n_samples=3 * 4096 + 5, seed=2)
    before = smaa(method, X, benefit, pairwise=12, **kwargs)
    tiny_budgets()
    assert smaa_module._default_workers(X.shape[0]) == 1
    after = smaa(method, X, benefit, pairwise=12, **kwargs)
    np.testing.assert_array_equal(after.acceptability, before.acceptability)
    np.testing.assert_array_equal(after.winning, before.winning)
    np.testing.assert_allclose(after.acceptability_se, before.acceptability_se, rtol=1e-14)
    np.testing.assert_allclose(after.central_weights, before.central_weights, rtol=1e-14)


def test_weight_importance_does_not_depend_on_the_chunk_size(tiny_budgets):
    X, benefit = _matrix(n=10)
    w = [0.3, 0.1, 0.25, 0.25, 0.1]
    before = weight_importance("topsis", X, benefit, around=w, n=64, k=2, seed=3)
    tiny_budgets()
    after = weight_importance("topsis", X, benefit, around=w, n=64, k=2, seed=3)
    for b, a in zip(dataclasses.astuple(before), dataclasses.astuple(after), strict=True):
        if isinstance(b, np.ndarray):
            np.testing.assert_array_equal(a, b)
        else:
            assert a == b


def test_smaa_threads_are_capped_by_their_scratch_memory(monkeypatch):
    n = 1000
    per_worker = 24 * smaa_module.BLOCK * n
    monkeypatch.setattr(smaa_module.os, "cpu_count", lambda: 64)
    monkeypatch.setattr(smaa_module, "WORKERS_BYTES", 3 * per_worker + 1)
    assert smaa_module._default_workers(n) == 3
    assert smaa_module._default_workers(1) == 64
    monkeypatch.setattr(smaa_module, "WORKERS_BYTES", 0)
    assert smaa_module._default_workers(n) == 1
