"""Backtest metrics on a hand-built example whose values were worked out by hand (ties
included), plus properties that tie the metrics to their definitions.

The example (8 pairs, 3 positives, 5 negatives):

    score  0.9  0.8  0.8  0.7  0.5  0.5  0.5  0.2
    label    1    0    1    0    1    0    0    0
    group    A    A    A    A    B    B    B    B

Mann-Whitney, a tie counting one half (Hanley & McNeil 1982): the positive at 0.9 beats all 5
negatives; the one at 0.8 beats 4 and ties 1 (4.5); the one at 0.5 beats 1 and ties 2 (2).
AUC = 11.5 / 15 = 23/30. Midranks 8, 6.5, 6.5, 5, 3, 3, 3, 1: positives' sum 17.5, minus
3 * 4 / 2 = 11.5, the same. ROC points (0, 0), (0, 1/3), (1/5, 2/3), (2/5, 2/3), (4/5, 1),
(1, 1); trapezoids 0 + 0.1 + 2/15 + 1/3 + 0.2 = 23/30.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore.backtest.metrics import (
    decile_table,
    group_auc,
    midranks,
    precision_at_k,
    roc_auc,
    roc_curve,
)
from alliancescore.errors import AllianceScoreError

S = np.array([0.9, 0.8, 0.8, 0.7, 0.5, 0.5, 0.5, 0.2])
Y = np.array([1, 0, 1, 0, 1, 0, 0, 0])
G = np.array(["A"] * 4 + ["B"] * 4)


def test_midranks_share_the_mean_rank_of_ties():
    np.testing.assert_array_equal(midranks(S), [8, 6.5, 6.5, 5, 3, 3, 3, 1])
    np.testing.assert_array_equal(midranks([2.0, 2.0, 2.0]), [2, 2, 2])
    assert midranks([]).size == 0


def test_auc_of_the_hand_example():
    assert roc_auc(S, Y) == pytest.approx(23 / 30, abs=1e-15)
    # order of the rows does not matter
    perm = np.array([7, 2, 5, 0, 3, 6, 1, 4])
    assert roc_auc(S[perm], Y[perm]) == pytest.approx(23 / 30, abs=1e-15)


def test_roc_curve_of_the_hand_example_and_its_area():
    fpr, tpr, thr = roc_curve(S, Y)
    np.testing.assert_allclose(fpr, [0, 0, 0.2, 0.4, 0.8, 1])
    np.testing.assert_allclose(tpr, [0, 1 / 3, 2 / 3, 2 / 3, 1, 1])
    np.testing.assert_array_equal(thr, [np.inf, 0.9, 0.8, 0.7, 0.5, 0.2])
    assert np.trapezoid(tpr, fpr) == pytest.approx(23 / 30)


def test_weighted_auc_of_the_hand_example():
    # positives weighted 1, 2, 1: credits 5/5, 4.5/5, 2/5 -> (1 + 1.8 + 0.4) / 4 = 0.8
    w = np.array([1, 1, 2, 1, 1, 1, 1, 1], dtype=float)
    assert roc_auc(S, Y, w) == pytest.approx(0.8)


def test_per_group_auc_of_the_hand_example():
    names, aucs = group_auc(G, S, Y)
    assert names.tolist() == ["A", "B"]
    # A: 0.9 beats both negatives, 0.8 beats 0.7 and ties 0.8 -> 3.5/4
    # B: 0.5 beats 0.2 and ties two -> 2/3
    np.testing.assert_allclose(aucs, [0.875, 2 / 3])


def test_precision_at_k_of_the_hand_example_breaks_ties_in_expectation():
    # k=1: A's best is the positive 0.9; B's three tied 0.5 hold one positive -> 1/3
    np.testing.assert_allclose(precision_at_k(G, S, Y, 1)[1], [1, 1 / 3])
    # k=2: A: 0.9 plus one of the tied 0.8 (one positive of two) -> (1 + 1/2)/2
    #      B: two of the three tied 0.5 -> (2 * 1/3)/2
    np.testing.assert_allclose(precision_at_k(G, S, Y, 2)[1], [0.75, 1 / 3])
    # k beyond the group size: the whole group, its base rate
    np.testing.assert_allclose(precision_at_k(G, S, Y, 10)[1], [0.5, 0.25])


def test_decile_table_of_the_hand_example():
    # 4 bins: ceil(4 * midrank / 8) -> 0.9, 0.8, 0.8 in bin 4; 0.7 in 3; the 0.5s in 2; 0.2 in 1
    table = decile_table(S, Y, n_bins=4)
    np.testing.assert_array_equal(table["bin"], [1, 2, 3, 4])
    np.testing.assert_array_equal(table["n"], [1, 3, 1, 3])
    np.testing.assert_array_equal(table["positives"], [0, 1, 0, 2])
    np.testing.assert_allclose(table["rate"], [0, 1 / 3, 0, 2 / 3])
    np.testing.assert_allclose(table["lift"], [0, 8 / 9, 0, 16 / 9])
    np.testing.assert_allclose(table["score_min"], [0.2, 0.5, 0.7, 0.8])
    np.testing.assert_allclose(table["score_max"], [0.2, 0.5, 0.7, 0.9])


def test_deciles_keep_ties_together_and_leave_bins_empty():
    # 10 bins over 8 pairs: ceil(1.25 * midrank) -> 0.2 in 2, the 0.5s in 4, 0.7 in 7,
    # the 0.8s in 9, 0.9 in 10; the other bins are empty (rate NaN)
    table = decile_table(S, Y)
    np.testing.assert_array_equal(table["n"], [0, 1, 0, 3, 0, 0, 1, 0, 2, 1])
    np.testing.assert_array_equal(table["positives"], [0, 0, 0, 1, 0, 0, 0, 0, 1, 1])
    assert np.isnan(table["rate"][[0, 2, 4, 5, 7]]).all()
    assert table["rate"][9] == 1.0 and table["rate"][8] == 0.5


def test_all_tied_is_the_random_expectation():
    ties = np.zeros(S.size)
    assert roc_auc(ties, Y) == 0.5
    np.testing.assert_allclose(precision_at_k(G, ties, Y, 2)[1], [0.5, 0.25])
    fpr, tpr, _ = roc_curve(ties, Y)
    np.testing.assert_array_equal(fpr, [0, 1])
    np.testing.assert_array_equal(tpr, [0, 1])


def test_minus_infinity_ranks_last_and_ties():
    s = np.array([-np.inf, -np.inf, 0.0, 1.0])
    y = np.array([1, 0, 0, 1])
    # the positive at 1.0 beats both negatives (-inf and 0): 2; the one at -inf ties -inf: 0.5
    assert roc_auc(s, y) == pytest.approx((2 + 0.5) / 4)


def test_no_positive_or_no_negative_gives_nan():
    assert np.isnan(roc_auc([0.1, 0.2], [0, 0]))
    assert np.isnan(roc_auc([0.1, 0.2], [1, 1]))
    _, aucs = group_auc(["a", "a", "b", "b"], [1, 2, 3, 4], [0, 1, 0, 0])
    assert aucs[0] == 1.0 and np.isnan(aucs[1])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_auc_equals_brute_force_pair_count_and_trapezoid_area(seed):
    rng = np.random.default_rng(seed)
    s = rng.integers(0, 6, size=60).astype(float)  # many ties
    y = rng.random(60) < 0.3
    w = rng.integers(1, 4, size=60).astype(float)
    pos, neg = s[y], s[~y]
    wp, wn = w[y], w[~y]
    credit = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    brute = (wp[:, None] * wn[None, :] * credit).sum() / (wp.sum() * wn.sum())
    assert roc_auc(s, y, w) == pytest.approx(brute, abs=1e-12)
    fpr, tpr, _ = roc_curve(s, y, w)
    assert np.trapezoid(tpr, fpr) == pytest.approx(brute, abs=1e-12)
    # integer weights are the same as repeating rows
    rep = np.repeat(np.arange(60), w.astype(int))
    assert roc_auc(s[rep], y[rep]) == pytest.approx(brute, abs=1e-12)


def test_bad_input_is_refused_with_the_project_error():
    with pytest.raises(AllianceScoreError, match="NaN at position 1"):
        roc_auc([0.1, np.nan], [0, 1])
    with pytest.raises(AllianceScoreError, match="one label per score"):
        roc_auc([0.1, 0.2], [0, 1, 1])
    with pytest.raises(AllianceScoreError, match="0 or 1"):
        roc_auc([0.1, 0.2], [0, 2])
    with pytest.raises(AllianceScoreError, match="k: expected a whole number"):
        precision_at_k(["a"], [0.1], [1], 0)
    with pytest.raises(AllianceScoreError, match="weights"):
        roc_auc([0.1, 0.2], [0, 1], [1.0, -1.0])
