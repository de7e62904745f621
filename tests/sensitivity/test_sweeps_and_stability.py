"""Weight sweeps, switch points and stability intervals against independent computations."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError
from alliancescore.sensitivity import stability_intervals, sweep
from alliancescore.sensitivity.sweeps import sweep_path

# Weighted sum, min-max: A = (1, 0), B = (0, 1), C = (0.6, 0.6) score t, 1 - t and 0.6 when
# criterion 0 carries weight t. Pairs cross at t = 0.4 (B, C), 0.5 (A, B), 0.6 (A, C).
ABC = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])


def test_weighted_sum_switch_points_are_exact():
    result = sweep("weighted_sum", ABC, [0.7, 0.3], group=0)
    assert result.exact and result.t0 == pytest.approx(0.7)
    np.testing.assert_allclose(result.switches[:, 0], [0.4, 0.5, 0.6], atol=1e-15)
    assert [tuple(map(int, row[1:])) for row in result.switches] == [(1, 2), (0, 1), (0, 2)]


def test_numerical_switch_points_match_the_closed_form():
    """Hide the linear structure of the weighted sum: bisection must find the same points."""
    rng = np.random.default_rng(4)
    X = rng.uniform(0, 10, size=(12, 4))
    w = [0.4, 0.3, 0.2, 0.1]
    prepared = mcda.prepare("weighted_sum", X)
    hidden = dataclasses.replace(prepared, kernel=dataclasses.replace(prepared.kernel, linear=None))
    for group in (0, 2, [1, 3]):
        exact = sweep("weighted_sum", X, w, group=group)
        numeric = sweep("weighted_sum", X, w, group=group, prepared=hidden, tol=1e-10)
        assert not numeric.exact and exact.switches.shape == numeric.switches.shape
        np.testing.assert_allclose(numeric.switches[:, 0], exact.switches[:, 0], atol=1e-9)
        np.testing.assert_array_equal(numeric.switches[:, 1:], exact.switches[:, 1:])


def test_promethee_net_flows_are_linear_in_the_weights():
    X = np.random.default_rng(1).uniform(0, 10, size=(6, 3))
    result = sweep("promethee_ii", X, [0.5, 0.3, 0.2], group=1)
    assert result.exact
    for t, i, k in result.switches:
        g, o, _ = sweep_path(np.array([0.5, 0.3, 0.2]), [1])
        s = mcda.evaluate("promethee_ii", X, t * g + (1 - t) * o).scores
        assert s[int(i)] == pytest.approx(s[int(k)], abs=1e-12)


def test_path_keeps_the_other_weights_in_proportion():
    g, o, t0 = sweep_path(np.array([0.2, 0.5, 0.3]), [1])
    assert t0 == 0.5
    np.testing.assert_allclose(g, [0, 1, 0])
    np.testing.assert_allclose(o, [0.4, 0, 0.6])
    np.testing.assert_allclose(t0 * g + (1 - t0) * o, [0.2, 0.5, 0.3])


def test_stability_intervals_of_the_abc_example():
    result = stability_intervals("weighted_sum", ABC, [0.7, 0.3], k=2)
    first = result.intervals[0]
    assert first.top1 == pytest.approx((0.6, 1.0))  # A stays on top down to t = 0.6
    assert first.full == pytest.approx((0.6, 1.0))  # A > C > B throughout
    assert first.top1_change == pytest.approx(0.1)
    assert first.top1_relative_change == pytest.approx(0.1 / 0.7)
    second = result.intervals[1]  # criterion 1 at 0.3: same path seen from the other side
    assert second.top1 == pytest.approx((0.0, 0.4))
    assert result.most_critical.top1_change == pytest.approx(0.1)


def _brute_force(method, X, w0, group, k, points=20_001):
    """Property holds at each point of a fine grid; return the run around t0."""
    prepared = mcda.prepare(method, X)
    g, o, t0 = sweep_path(np.asarray(w0), [group])
    t = np.linspace(0, 1, points)
    ranks = mcda.rank_scores(
        prepared.score(t[:, None] * g + (1 - t)[:, None] * o), prepared.higher_is_better
    )
    ref = mcda.rank_scores(prepared.score(w0), prepared.higher_is_better)
    order = np.argsort(ref, kind="stable")
    checks = {
        "top1": np.all((ranks == 1) == (ref == 1), axis=1),
        "topk": np.all(ranks[:, order[:k]] == ref[order[:k]], axis=1),
        "full": np.all(ranks == ref, axis=1),
    }
    out = {}
    q0 = int(np.argmin(np.abs(t - t0)))
    for name, ok in checks.items():
        lo = q0
        while lo > 0 and ok[lo - 1]:
            lo -= 1
        hi = q0
        while hi < points - 1 and ok[hi + 1]:
            hi += 1
        out[name] = (t[lo], t[hi])
    return out, t[1] - t[0]


@pytest.mark.parametrize("method", ["topsis", "vikor", "weighted_sum", "weighted_product"])
def test_stability_intervals_match_a_brute_force_scan(method):
    rng = np.random.default_rng(7)
    X = rng.uniform(1, 10, size=(8, 4))
    w0 = np.array([0.35, 0.25, 0.25, 0.15])
    result = stability_intervals(method, X, w0, k=3)
    for j, interval in enumerate(result.intervals):
        expected, step = _brute_force(method, X, w0, j, 3)
        for name in ("top1", "topk", "full"):
            got = getattr(interval, name)
            np.testing.assert_allclose(got, expected[name], atol=1.01 * step, err_msg=name)


def test_tree_node_groups_sweep_several_criteria_together():
    X = np.random.default_rng(2).uniform(1, 10, size=(5, 4))
    result = stability_intervals("topsis", X, [0.1, 0.2, 0.3, 0.4], groups=[[0, 1], [2, 3]])
    assert [iv.group for iv in result.intervals] == [(0, 1), (2, 3)]
    assert result.intervals[0].t0 == pytest.approx(0.3)
    assert result.intervals[1].t0 == pytest.approx(0.7)


@pytest.mark.parametrize(
    ("group", "pattern"),
    [([0, 1], "a proper subset"), ([5], r"indices in 0..1"), ([], "distinct criterion")],
)
def test_bad_groups_are_refused(group, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        sweep("weighted_sum", ABC, [0.5, 0.5], group=group)


def test_no_crossing_on_one_side_means_no_change_that_way():
    """B leads for criterion-0 weights below 0.4; from 0.15, only raising the weight (by 0.25)
    changes the top choice: lowering it to 0 does not."""
    result = stability_intervals("weighted_sum", ABC, [0.15, 0.85], k=1)
    first = result.intervals[0]
    assert first.top1 == pytest.approx((0.0, 0.4))
    assert first.top1_change == pytest.approx(0.25)


def test_a_top_choice_that_never_changes_has_no_critical_change():
    X = np.array([[1.0, 1.0], [0.0, 0.0], [0.5, 0.2]])  # the first dominates everywhere
    result = stability_intervals("weighted_sum", X, [0.5, 0.5])
    assert all(np.isinf(iv.top1_change) for iv in result.intervals)
    assert result.most_critical is None


@pytest.mark.parametrize("method", ["topsis", "vikor", "weighted_sum"])
def test_the_top_choice_alone_gives_the_same_top1_intervals(method):
    X = np.random.default_rng(11).uniform(1, 10, size=(40, 4))
    w0 = [0.35, 0.25, 0.25, 0.15]
    groups = [0, 1, [2, 3]]
    every = stability_intervals(method, X, w0, groups=groups)
    alone = stability_intervals(method, X, w0, groups=groups, properties=["top1"])
    assert alone.properties == ("top1",) and every.properties == ("top1", "topk", "full")
    assert any(np.isfinite(iv.top1_change) for iv in every.intervals)  # something changes
    for a, b in zip(alone.intervals, every.intervals, strict=True):
        assert (a.t0, a.top1, a.top1_change) == (b.t0, b.top1, b.top1_change)
        assert a.top1_relative_change == b.top1_relative_change
        assert np.isnan([*a.topk, *a.full, a.topk_change, a.full_change]).all()
    assert alone.most_critical.group == every.most_critical.group


def test_an_unknown_property_is_named_with_the_known_ones():
    with pytest.raises(AllianceScoreError) as error:
        stability_intervals("weighted_sum", ABC, [0.7, 0.3], properties=["top1", "top_k"])
    assert str(error.value) == (
        "stability properties: expected some of top1, topk, full, found 'top_k'. "
        "Did you mean 'topk' or 'top1'? Known: 'full', 'top1', 'topk'"
    )
