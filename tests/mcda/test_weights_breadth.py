"""Weighting schemes added in engine breadth: rank sum, rank reciprocal, SWARA, BWM, entropy,
CRITIC, standard deviation, MEREC. Published worked examples are in ``tests/published/``;
here: hand-worked values, properties, degenerate input and error messages."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError
from strategies import decision_problems

OBJECTIVE = ["entropy", "critic", "standard_deviation", "merec"]


def test_registry_lists_the_new_schemes():
    assert {
        "rank_sum",
        "rank_reciprocal",
        "swara",
        "bwm",
        "entropy",
        "critic",
        "standard_deviation",
        "merec",
    } <= set(mcda.WEIGHTINGS)


# --- rank sum and rank reciprocal ------------------------------------------------------------


def test_rank_sum_and_reciprocal_for_four_criteria_by_hand():
    """n = 4: rank sum 2 (5 - k) / 20 = 8, 6, 4, 2 (/20); reciprocal (1/k) / (25/12) =
    12/25, 6/25, 4/25, 3/25. Criterion order [2, 1, 4, 3] maps positions back."""
    np.testing.assert_allclose(
        mcda.weights("rank_sum", [2, 1, 4, 3]).weights, np.array([6, 8, 2, 4]) / 20
    )
    np.testing.assert_allclose(
        mcda.weights("rank_reciprocal", [2, 1, 4, 3]).weights, np.array([6, 12, 3, 4]) / 25
    )


@pytest.mark.parametrize("scheme", ["rank_sum", "rank_reciprocal"])
def test_ties_share_their_positions_whatever_the_encoding(scheme):
    """Ranks [1, 2, 2, 4] and [1, 2, 2, 3] both say criteria 1 and 2 share positions 2-3."""
    full = mcda.weights(scheme, [1, 2, 3, 4]).weights
    for ranking in ([1, 2, 2, 4], [1, 2, 2, 3]):
        w = mcda.weights(scheme, ranking).weights
        assert w[0] == pytest.approx(full[0])
        assert w[1] == pytest.approx(w[2]) == pytest.approx((full[1] + full[2]) / 2)
        assert w[3] == pytest.approx(full[3])


@pytest.mark.parametrize("scheme", ["rank_sum", "rank_reciprocal"])
@given(st.lists(st.integers(1, 6), min_size=1, max_size=10))
def test_rank_weights_sum_to_one_and_respect_the_ranking(scheme, ranking):
    w = mcda.weights(scheme, ranking).weights
    assert w.sum() == pytest.approx(1.0)
    r = np.array(ranking)
    for i in range(r.size):
        for j in range(r.size):
            if r[i] < r[j]:
                assert w[i] > w[j]
            elif r[i] == r[j]:
                assert w[i] == pytest.approx(w[j])


@pytest.mark.parametrize("scheme", ["rank_sum", "rank_reciprocal"])
@pytest.mark.parametrize("ranking", [[0, 1], [1.5, 2], [[1, 2]], []])
def test_rank_weights_refuse_bad_rankings(scheme, ranking):
    with pytest.raises(AllianceScoreError, match="ranking"):
        mcda.weights(scheme, ranking)


# --- SWARA -----------------------------------------------------------------------------------


def test_swara_by_hand():
    """s = (0.5, 0) -> k = (1, 1.5, 1), q = (1, 2/3, 2/3), w = (3, 2, 2) / 7."""
    result = mcda.weights("swara", [0.5, 0.0])
    np.testing.assert_allclose(result.weights, np.array([3, 2, 2]) / 7)
    np.testing.assert_allclose(result.diagnostics["q"], [1, 2 / 3, 2 / 3])


def test_swara_equal_importance_gives_equal_weights_and_one_criterion_all():
    np.testing.assert_allclose(mcda.weights("swara", [0, 0, 0]).weights, 0.25)
    np.testing.assert_array_equal(mcda.weights("swara", []).weights, [1.0])


@given(hnp.arrays(np.float64, st.integers(0, 8), elements=st.floats(0, 3)))
def test_swara_weights_never_increase_down_the_order(s):
    w = mcda.weights("swara", s).weights
    assert w.sum() == pytest.approx(1.0)
    assert np.all(np.diff(w) <= 1e-15)


@pytest.mark.parametrize(
    ("args", "kwargs", "pattern"),
    [
        (([0.1, -0.2],), {}, r"comparative_importance\[1\]: expected a finite comparative"),
        (([0.1, float("nan")],), {}, r"comparative_importance\[1\]"),
        (([[0.1, 0.2]],), {}, "a flat list of n - 1 ratios"),
        (([0.1, 0.2],), {"order": [0, 1, 1]}, r"order: expected each criterion index 0..2"),
        (([0.1, 0.2],), {"order": [0, 1]}, r"order: expected 3 whole-number"),
    ],
)
def test_swara_errors_name_the_entry(args, kwargs, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        mcda.weights("swara", *args, **kwargs)


# --- BWM -------------------------------------------------------------------------------------


@st.composite
def bwm_inputs(draw: st.DrawFn) -> tuple[list[int], list[int], int, int]:
    """Valid comparison vectors: a_BB = a_WW = 1, a_BW in both, others in 2..9 (so best and
    worst are the only entries 1 and are found without naming them)."""
    n = draw(st.integers(2, 7))
    b, w = draw(st.permutations(range(n)))[:2]
    a_bw = draw(st.integers(2, 9))
    a_B = draw(st.lists(st.integers(2, 9), min_size=n, max_size=n))
    a_W = draw(st.lists(st.integers(2, 9), min_size=n, max_size=n))
    a_B[b], a_W[w] = 1, 1
    a_B[w], a_W[b] = a_bw, a_bw
    return a_B, a_W, b, w


def _ratio_deviation(w: np.ndarray, a_B: list[int], a_W: list[int], b: int, k: int) -> float:
    """The non-linear model's objective max |w_B / w_j - a_Bj|, |w_j / w_W - a_jW|."""
    aB, aW = np.asarray(a_B, float), np.asarray(a_W, float)
    return float(max(np.max(np.abs(w[b] / w - aB)), np.max(np.abs(w / w[k] - aW))))


@given(bwm_inputs())
@settings(max_examples=25, deadline=None)
def test_bwm_models_agree_with_their_definitions(inputs):
    a_B, a_W, b, w = inputs
    lin = mcda.weights("bwm", a_B, a_W, model="linear")
    non = mcda.weights("bwm", a_B, a_W, model="nonlinear")
    for result in (lin, non):
        assert result.weights.sum() == pytest.approx(1.0)
        assert np.all(result.weights > 0)
        assert (result.diagnostics["best"], result.diagnostics["worst"]) == (b, w)
    xi = non.diagnostics["xi_nonlinear"]
    assert lin.diagnostics["xi_nonlinear"] == pytest.approx(xi, abs=1e-9)
    # The returned non-linear weights attain xi* (to the solver's slack) ...
    assert _ratio_deviation(non.weights, a_B, a_W, b, w) == pytest.approx(xi, abs=1e-5)
    # ... which no other weight vector beats, e.g. the linear model's optimum.
    assert _ratio_deviation(lin.weights, a_B, a_W, b, w) >= xi - 1e-7
    lower, upper = non.diagnostics["weight_intervals"].T
    assert np.all(lower - 1e-9 <= non.weights) and np.all(non.weights <= upper + 1e-9)
    # The linear model's xi^L is its own objective at its weights.
    aB, aW = np.asarray(a_B, float), np.asarray(a_W, float)
    wl = lin.weights
    xi_l = max(np.max(np.abs(wl[b] - aB * wl)), np.max(np.abs(wl - aW * wl[w])))
    assert lin.diagnostics["xi_linear"] == pytest.approx(xi_l, abs=1e-8)
    # Rezaei's index is the largest xi an a_BW allows when no comparison exceeds a_BW.
    assert non.diagnostics["consistency_ratio"] >= 0.0
    a_bw = non.diagnostics["a_bw"]
    if max(a_B) <= a_bw and max(a_W) <= a_bw:
        assert non.diagnostics["consistency_ratio"] <= 1.0 + 1e-6


def test_bwm_consistency_ratio_can_exceed_one_when_a_comparison_exceeds_a_bw():
    """a_2W = 3 > a_BW = 2 says criterion 2 beats the worst by more than the best does; Rezaei's
    index assumes no such entry, so the ratio can pass 1 (here 1.74): reported, not refused."""
    result = mcda.weights("bwm", [1, 2, 2], [2, 1, 3])
    assert result.diagnostics["consistency_ratio"] > 1.0


@given(bwm_inputs(), st.randoms(use_true_random=False))
@settings(max_examples=15, deadline=None)
def test_bwm_is_equivariant_under_relabelling_criteria(inputs, rnd):
    a_B, a_W, _, _ = inputs
    perm = list(range(len(a_B)))
    rnd.shuffle(perm)
    lin = mcda.weights("bwm", a_B, a_W)
    lin_p = mcda.weights("bwm", [a_B[p] for p in perm], [a_W[p] for p in perm])
    np.testing.assert_allclose(lin_p.weights, lin.weights[perm], atol=1e-7)
    non = mcda.weights("bwm", a_B, a_W, model="nonlinear")
    non_p = mcda.weights("bwm", [a_B[p] for p in perm], [a_W[p] for p in perm], model="nonlinear")
    np.testing.assert_allclose(
        non_p.diagnostics["weight_intervals"], non.diagnostics["weight_intervals"][perm], atol=1e-6
    )


@pytest.mark.parametrize("model", ["linear", "nonlinear"])
@given(
    w=hnp.arrays(np.float64, st.integers(2, 6), elements=st.integers(1, 3).map(float)),
)
@settings(max_examples=20, deadline=None)
def test_bwm_recovers_the_weights_behind_consistent_comparisons(model, w):
    """Comparisons a_Bj = w_B / w_j and a_jW = w_j / w_W from weights 1..3 (ratios in
    [1, 3]) are fully consistent: both models return w / sum w with xi = 0."""
    if np.all(w == w[0]):
        w = w.copy()
        w[0] = 2.0 * w[0]
    b, k = int(np.argmax(w)), int(np.argmin(w))
    a_B, a_W = w[b] / w, w / w[k]
    result = mcda.weights("bwm", a_B, a_W, best=b, worst=k, model=model)
    np.testing.assert_allclose(result.weights, w / w.sum(), atol=1e-6)
    assert result.diagnostics["xi_nonlinear"] == pytest.approx(0.0, abs=1e-7)


def test_bwm_two_criteria_and_all_equal():
    """Two criteria, a_BW = 3: w = (3, 1) / 4, consistent. a_BW = 1 with every comparison 1:
    equal weights, consistency ratio 0 (not 0/0)."""
    result = mcda.weights("bwm", [1, 3], [3, 1])
    np.testing.assert_allclose(result.weights, [0.75, 0.25], atol=1e-9)
    equal = mcda.weights("bwm", [1, 1, 1], [1, 1, 1], best=0, worst=2, model="nonlinear")
    np.testing.assert_allclose(equal.weights, 1 / 3, atol=1e-7)
    assert equal.diagnostics["consistency_ratio"] == 0.0


@pytest.mark.parametrize(
    ("a_B", "a_W", "kwargs", "pattern"),
    [
        ([2, 1, 4, 10], [4, 8, 2, 1], {}, r"best_to_others\[3\]: expected a comparison on the 1"),
        ([2, 1, 0.5, 8], [4, 8, 2, 1], {}, r"best_to_others\[2\]: expected a comparison"),
        ([2, 1, 4, 8], [4, 7, 2, 1], {}, r"others_to_worst\[1\]: expected a_BW = best_to_others"),
        ([1, 1, 4, 8], [8, 8, 2, 1], {}, r"best_to_others: expected exactly one entry 1"),
        ([2, 1, 4, 8], [4, 8, 2, 1], {"best": 0}, r"best_to_others\[0\]: expected 1"),
        ([2, 1, 4, 8], [4, 8, 2, 1], {"worst": 7}, r"worst: expected a criterion index 0..3"),
        ([2, 1, 4, 8], [4, 8, 2], {}, "others_to_worst: expected one comparison per criterion"),
        ([1, 2, 1], [1, 1, 1], {"best": 0, "worst": 2}, r"best_to_others\[1\]: expected 1 \(a_BW"),
        ([1], [1], {}, "at least 2"),
        ([2, 1, 4, 8], [4, 8, 2, 1], {"model": "linar"}, "Did you mean 'linear'"),
    ],
)
def test_bwm_errors_name_the_entry(a_B, a_W, kwargs, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        mcda.weights("bwm", a_B, a_W, **kwargs)


def test_bwm_ties_with_the_best_are_resolved_by_naming_it():
    """Criteria 0 and 1 are both 'best' (a_B0 = a_B1 = 1); naming best=1 is accepted."""
    result = mcda.weights("bwm", [1, 1, 4, 8], [8, 8, 2, 1], best=1)
    assert result.diagnostics["best"] == 1
    np.testing.assert_allclose(result.weights, np.array([8, 8, 2, 1]) / 19, atol=1e-7)


# --- objective schemes -----------------------------------------------------------------------


@pytest.mark.parametrize("scheme", OBJECTIVE)
@given(decision_problems(min_alternatives=2))
@settings(max_examples=40)
def test_objective_weights_are_finite_and_sum_to_one(scheme, problem):
    X, benefit = problem
    try:
        result = mcda.weights(scheme, X, benefit)
    except AllianceScoreError as error:
        # The only refusal for strictly positive data: nothing varies.
        assert "every column constant" in str(error)
        assert np.all(X.max(axis=0) == X.min(axis=0))
        return
    assert np.all(np.isfinite(result.weights)) and np.all(result.weights >= 0)
    assert result.weights.sum() == pytest.approx(1.0)
    constant = X.max(axis=0) == X.min(axis=0)
    assert np.all(result.weights[constant] == 0.0)
    for value in result.diagnostics.values():
        if isinstance(value, np.ndarray) and value.dtype.kind == "f":
            assert np.all(np.isfinite(value))


@pytest.mark.parametrize("scheme", OBJECTIVE)
@given(decision_problems(min_alternatives=2, min_criteria=2), st.randoms(use_true_random=False))
@settings(max_examples=30)
def test_objective_weights_ignore_order_and_units(scheme, problem, rnd):
    """Reordering alternatives changes nothing; reordering criteria reorders the weights;
    rescaling a column (units) changes nothing (proportions, min-max and min/x ratios are
    all scale-free)."""
    X, benefit = problem
    if np.all(X.max(axis=0) == X.min(axis=0)):
        return
    base = mcda.weights(scheme, X, benefit).weights
    rows = list(range(X.shape[0]))
    cols = list(range(X.shape[1]))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    np.testing.assert_allclose(mcda.weights(scheme, X[rows], benefit).weights, base, atol=1e-12)
    permuted = mcda.weights(scheme, X[:, cols], benefit[cols]).weights
    np.testing.assert_allclose(permuted, base[cols], atol=1e-12)
    scale = np.array([rnd.choice([0.001, 7.0, 1e6]) for _ in cols])
    np.testing.assert_allclose(mcda.weights(scheme, X * scale, benefit).weights, base, atol=1e-9)


@pytest.mark.parametrize("scheme", ["critic", "standard_deviation"])
def test_min_max_schemes_ignore_a_shift_and_accept_negative_data(scheme):
    X = np.array([[1.0, 10, 3], [4, 30, 1], [2, 20, 8], [7, 15, 2]])
    base = mcda.weights(scheme, X, [True, False, True]).weights
    shifted = mcda.weights(scheme, X - 100.0, [True, False, True]).weights
    np.testing.assert_allclose(shifted, base, atol=1e-12)


@pytest.mark.parametrize("scheme", ["entropy", "critic", "standard_deviation"])
def test_a_constant_column_weighs_nothing_and_changes_nothing_else(scheme):
    """Entropy, CRITIC and SD: appending a constant column gives it weight 0 and leaves the
    other weights exactly as they were (CRITIC leaves it out of the correlation sums)."""
    X = np.array([[1.0, 10, 3], [4, 30, 1], [2, 20, 8], [7, 15, 2]])
    benefit = [True, False, True]
    base = mcda.weights(scheme, X, benefit).weights
    with_constant = mcda.weights(scheme, np.c_[X, np.full(4, 5.0)], [*benefit, True])
    assert with_constant.weights[-1] == 0.0
    np.testing.assert_allclose(with_constant.weights[:-1], base, atol=1e-12)
    assert with_constant.diagnostics["constant"].tolist() == [False, False, False, True]


def test_merec_constant_column_weighs_nothing_but_counts_in_m():
    """MEREC divides by the number of criteria m (paper's Eq. 4), so a constant column gets
    weight 0 yet changes the others slightly through m."""
    X = np.array([[1.0, 10, 3], [4, 30, 1], [2, 20, 8], [7, 15, 2]])
    result = mcda.weights("merec", np.c_[X, np.full(4, 5.0)])
    assert result.weights[-1] == 0.0
    assert result.diagnostics["removal_effect"][-1] == 0.0


def test_round_off_spread_counts_as_constant():
    """A column equal up to the last bits carries no information: with min-max a spurious
    1e-16 spread would otherwise become a full [0, 1] range and a large weight."""
    X = np.array([[1.0, 3.0], [2.0, 3.0 + 4e-16], [4.0, 3.0]])
    for scheme in OBJECTIVE:
        result = mcda.weights(scheme, X)
        assert result.weights[1] == 0.0, scheme


def test_entropy_by_hand_and_zero_cells():
    """Column (1, 0): p = (1, 0), E = -(1 ln 1 + 0) / ln 2 = 0, d = 1. Column (1, 1): E = 1,
    d = 0. So w = (1, 0); the zero cell is fine (0 ln 0 = 0). An all-zero column counts as
    constant (weight 0)."""
    result = mcda.weights("entropy", np.array([[1.0, 1.0, 0.0], [0.0, 1.0, 0.0]]))
    np.testing.assert_allclose(result.weights, [1.0, 0.0, 0.0])
    np.testing.assert_allclose(result.diagnostics["entropy"], [0.0, 1.0, 1.0])


def test_critic_by_hand_with_three_alternatives():
    """X = [[0, 0], [1, 2], [2, 1]] (benefit): r = [[0, 0], [.5, 1], [1, .5]]; sigma = 0.5 for
    both (sample); rho = 0.5; C = 0.5 * (0 + 0.5) = 0.25 each -> w = (0.5, 0.5). Making the
    second a cost: r2 = (1, 0, .5), rho = -0.5, C = 0.5 * 1.5, still equal weights, but the
    correlation matrix says conflict."""
    X = np.array([[0.0, 0.0], [1.0, 2.0], [2.0, 1.0]])
    result = mcda.weights("critic", X)
    np.testing.assert_allclose(result.weights, [0.5, 0.5])
    np.testing.assert_allclose(result.diagnostics["correlation"], [[1, 0.5], [0.5, 1]])
    np.testing.assert_allclose(result.diagnostics["information"], [0.25, 0.25])
    cost = mcda.weights("critic", X, [True, False])
    np.testing.assert_allclose(cost.diagnostics["correlation"], [[1, -0.5], [-0.5, 1]])
    np.testing.assert_allclose(cost.diagnostics["information"], [0.75, 0.75])


def test_critic_single_informative_criterion_takes_all_the_weight():
    result = mcda.weights("critic", np.array([[1.0, 5.0, 2.0], [2.0, 5.0, 2.0], [4.0, 5.0, 2.0]]))
    np.testing.assert_array_equal(result.weights, [1.0, 0.0, 0.0])
    assert np.all(np.isfinite(result.diagnostics["correlation"]))


def test_critic_paper_data_cross_checked_with_scikit_criteria():
    """Diakoulaki, Mavrotas & Papayannakis (1995), Computers & Operations Research 22(7),
    763-770: the paper's 8 x 3 matrix (all benefit), as given in quatrope/scikit-criteria
    ``tests/preprocessing/test_weighters.py`` (``test_CRITIC_diakoulaki1995determining``)
    with the weights scikit-criteria computes, 0.20222554, 0.48090173, 0.31687273. A
    cross-check with another implementation: we could not see the paper's own table."""
    X = np.array(
        [
            [61, 1.08, 4.33],
            [20.7, 0.26, 4.34],
            [16.3, 1.98, 2.53],
            [9.0, 3.29, 1.65],
            [5.4, 2.77, 2.33],
            [4.0, 4.12, 1.21],
            [-6.1, 3.52, 2.10],
            [-34.6, 3.31, 0.98],
        ]
    )
    result = mcda.weights("critic", X)
    np.testing.assert_allclose(result.weights, [0.20222554, 0.48090173, 0.31687273], atol=1e-8)


def test_standard_deviation_ignores_direction_and_by_hand():
    """Columns (0, 1, 2) and (0, 0, 3): min-max r = (0, .5, 1) and (0, 0, 1); sample sigma
    0.5 and 1/sqrt(3); reflecting a column (cost) keeps sigma."""
    X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 3.0]])
    result = mcda.weights("standard_deviation", X)
    s = np.array([0.5, 1 / np.sqrt(3)])
    np.testing.assert_allclose(result.weights, s / s.sum())
    cost = mcda.weights("standard_deviation", X, [False, False]).weights
    np.testing.assert_allclose(cost, result.weights)


def test_merec_by_hand_with_two_alternatives():
    """X = [[1, 4], [2, 4.0001..]] -> take X = [[1, 2], [2, 4]], benefit then cost:
    n = [[1, 0.5], [0.5, 1]]; |ln n| = [[0, ln 2], [ln 2, 0]]; S = ln(1 + ln2/2) for both;
    removing criterion 0: S' = [ln(1 + ln2/2), 0], so E_0 = ln(1 + ln2/2), and symmetrically
    E_1 = E_0: w = (0.5, 0.5)."""
    result = mcda.weights("merec", np.array([[1.0, 2.0], [2.0, 4.0]]), [True, False])
    np.testing.assert_allclose(result.weights, [0.5, 0.5])
    e = np.log1p(np.log(2) / 2)
    np.testing.assert_allclose(result.diagnostics["removal_effect"], [e, e])


@pytest.mark.parametrize("scheme", OBJECTIVE)
@pytest.mark.parametrize(
    ("X", "found"),
    [
        (np.array([[1.0, 2.0, 3.0]]), "a single alternative"),
        (np.array([[1.0, 2.0], [1.0, 2.0]]), "every column constant"),
    ],
)
def test_objective_schemes_refuse_data_without_differences(scheme, X, found):
    with pytest.raises(AllianceScoreError, match=found):
        mcda.weights(scheme, X)


@pytest.mark.parametrize(
    ("scheme", "X", "pattern"),
    [
        ("entropy", [[1.0, 2.0], [3.0, -1.0]], r"X\[1, 1\]: expected a non-negative value"),
        ("merec", [[1.0, 2.0], [0.0, 1.0]], r"X\[1, 0\]: expected a positive value"),
        ("merec", [[-1.0, 2.0], [3.0, 1.0]], r"X\[0, 0\]: expected a positive value"),
        ("critic", [[1.0, np.nan], [3.0, 1.0]], r"X\[0, 1\] = nan"),
        ("critic", [1.0, 2.0], "a 2-D matrix"),
    ],
)
def test_objective_errors_name_the_cell(scheme, X, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        mcda.weights(scheme, X)


@pytest.mark.parametrize("scheme", OBJECTIVE)
def test_objective_schemes_check_the_benefit_mask(scheme):
    with pytest.raises(AllianceScoreError, match="benefit"):
        mcda.weights(scheme, np.array([[1.0, 2.0], [3.0, 1.0]]), [True])


def test_standard_deviation_refuses_an_unknown_normalisation():
    with pytest.raises(AllianceScoreError, match="Did you mean 'minmax'"):
        mcda.weights("standard_deviation", np.eye(3) + 1, normalisation="minmx")


def test_evaluate_accepts_objective_and_subjective_weight_results():
    X = np.array([[7.0, 9, 9], [8, 7, 8], [9, 6, 8], [6, 7, 8]])
    for result in (
        mcda.weights("critic", X, [True, True, False]),
        mcda.weights("bwm", [1, 2, 5], [5, 3, 1]),
        mcda.weights("swara", [0.2, 0.1]),
    ):
        a = mcda.evaluate("topsis", X, result, [True, True, False])
        b = mcda.evaluate("topsis", X, result.weights, [True, True, False])
        np.testing.assert_array_equal(a.scores, b.scores)


def test_critic_with_perfectly_correlated_criteria_weighs_by_contrast():
    """Regression (found by Hypothesis): with two alternatives every varying column is
    perfectly correlated, so no criterion conflicts with another and C = 0 for all; CRITIC
    then weighs the varying criteria by their contrast (sigma) instead of refusing."""
    X = np.array([[0.25, 0.5, 0.5], [0.25, 0.25, 0.25]])
    result = mcda.weights("critic", X, [True, True, True])
    np.testing.assert_allclose(result.weights, [0.0, 0.5, 0.5])
    X2 = np.array([[1.0, 2.0, 9.0], [1.0, 4.0, 1.0]])  # sigma of min-max columns: equal
    np.testing.assert_allclose(mcda.weights("critic", X2).weights, [0.0, 0.5, 0.5])
