"""Degenerate input: a clear error or a documented finite result, never a silent NaN."""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError

X = np.array([[7.0, 9.0, 9.0], [8.0, 7.0, 8.0], [9.0, 6.0, 8.0], [6.0, 7.0, 8.0]])
BENEFIT = np.array([True, True, False])
W = np.array([0.5, 0.3, 0.2])
ALL = sorted(mcda.METHODS)


@pytest.mark.parametrize("method", ALL)
def test_constant_column_changes_no_ranking(method):
    """A criterion on which every alternative is equal separates nobody (documented)."""
    with_constant = np.column_stack([X, np.full(4, 5.0)])
    weights = np.append(W, 0.4)
    a = mcda.evaluate(method, with_constant, weights, np.append(BENEFIT, True))
    b = mcda.evaluate(method, X, W, BENEFIT)
    assert np.all(np.isfinite(a.scores))
    np.testing.assert_array_equal(a.ranks, b.ranks)


@pytest.mark.parametrize("method", sorted(set(ALL) - {"weighted_product"}))
def test_all_zero_column_gives_finite_scores(method):
    zero = np.column_stack([X, np.zeros(4)])
    result = mcda.evaluate(method, zero, np.append(W, 0.4), np.append(BENEFIT, True))
    assert np.all(np.isfinite(result.scores))


def test_weighted_product_refuses_a_zero_normalised_value():
    zero = np.column_stack([X, np.zeros(4)])
    with pytest.raises(AllianceScoreError, match=r"X\[0, 3\].*strictly positive"):
        mcda.evaluate("weighted_product", zero, np.append(W, 0.4))


def test_weighted_product_refuses_minmax_which_maps_the_worst_to_zero():
    with pytest.raises(AllianceScoreError, match="normalisation 'max' or 'sum'"):
        mcda.evaluate("weighted_product", X, W, BENEFIT, normalisation="minmax")


@pytest.mark.parametrize("method", ALL)
def test_one_alternative_is_ranked_first_with_a_finite_score(method):
    result = mcda.evaluate(method, X[:1], W, BENEFIT)
    assert result.ranks.tolist() == [1]
    assert np.all(np.isfinite(result.scores))


@pytest.mark.parametrize("method", ALL)
def test_identical_alternatives_tie(method):
    result = mcda.evaluate(method, np.vstack([X[1], X[1], X[0]]), W, BENEFIT)
    assert result.ranks[0] == result.ranks[1]


def test_topsis_all_alternatives_equal_gives_a_tie_at_one_half():
    result = mcda.evaluate("topsis", np.ones((3, 2)), [0.5, 0.5])
    np.testing.assert_array_equal(result.scores, [0.5, 0.5, 0.5])
    np.testing.assert_array_equal(result.ranks, [1, 1, 1])


@pytest.mark.parametrize("method", ALL)
def test_zero_weight_on_a_criterion_ignores_it(method):
    """A criterion with weight zero cannot change the ranking (here: scramble its column)."""
    scrambled = X.copy()
    scrambled[:, 1] = [1.0, 50.0, 3.0, 20.0]
    weights = np.array([0.7, 0.0, 0.3])
    a = mcda.evaluate(method, X, weights, BENEFIT)
    b = mcda.evaluate(method, scrambled, weights, BENEFIT)
    if method != "vikor":
        np.testing.assert_array_equal(a.ranks, b.ranks)
    else:
        # VIKOR's d for a zero-weight criterion still vanishes from S and R: same Q.
        np.testing.assert_allclose(a.scores, b.scores)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("method", ALL)
def test_non_finite_cell_is_named(method, bad):
    Y = X.copy()
    Y[2, 1] = bad
    with pytest.raises(AllianceScoreError, match=r"X\[2, 1\] = (nan|inf|-inf)"):
        mcda.evaluate(method, Y, W, BENEFIT)


@pytest.mark.parametrize(
    ("weights", "pattern"),
    [
        ([0.5, -0.1, 0.6], r"weights\[1\] = -0.1"),
        ([0.5, np.nan, 0.6], r"weights\[1\] = nan"),
        ([0.0, 0.0, 0.0], "at least one positive weight"),
        ([[0.2, 0.3, 0.5], [0, 0, 0]], r"weights\[1\].*at least one positive weight"),
        ([0.5, 0.5], r"shape \(3,\) or \(n_samples, 3\)"),
    ],
)
def test_bad_weights_are_refused(weights, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        mcda.evaluate("topsis", X, weights, BENEFIT)


def test_one_dimensional_matrix_is_refused():
    with pytest.raises(AllianceScoreError, match="2-D matrix"):
        mcda.evaluate("topsis", [1.0, 2.0, 3.0], [1.0])


def test_benefit_mask_of_wrong_length_is_refused():
    with pytest.raises(AllianceScoreError, match=r"one entry per criterion, shape \(3,\)"):
        mcda.evaluate("topsis", X, W, [True, False])


def test_unknown_method_lists_known_names_with_a_suggestion():
    with pytest.raises(AllianceScoreError) as info:
        mcda.evaluate("topsys", X, W, BENEFIT)
    message = str(info.value)
    assert "Did you mean 'topsis'?" in message
    for name in mcda.METHODS:
        assert repr(name) in message


def test_unknown_parameter_gets_did_you_mean():
    with pytest.raises(AllianceScoreError, match="Did you mean 'normalisation'"):
        mcda.evaluate("topsis", X, W, BENEFIT, normalization="vector")


def test_unknown_normalisation_gets_did_you_mean():
    with pytest.raises(AllianceScoreError, match="Did you mean 'minmax'"):
        mcda.evaluate("weighted_sum", X, W, BENEFIT, normalisation="min-max")


def test_ratio_normalisation_refuses_negative_values():
    Y = X - 8.0
    with pytest.raises(AllianceScoreError, match=r"non-negative values.*'max'"):
        mcda.evaluate("weighted_sum", Y, W, None, normalisation="max")


def test_inverting_a_non_positive_cost_value_is_refused():
    Y = X.copy()
    Y[3, 2] = 0.0
    with pytest.raises(AllianceScoreError, match=r"X\[3, 2\].*cost='reverse'"):
        mcda.evaluate("weighted_sum", Y, W, BENEFIT, normalisation="max", cost="invert")


def test_vikor_v_outside_unit_interval_is_refused():
    with pytest.raises(AllianceScoreError, match=r"'v'.*\[0, 1\]"):
        mcda.evaluate("vikor", X, W, BENEFIT, v=1.5)


@pytest.mark.parametrize(
    ("params", "pattern"),
    [
        ({"preference": "vshape"}, r"criterion 0 \(vshape\).*p > 0.*none given"),
        ({"preference": "linear", "q": 2.0, "p": 1.0}, r"p > q.*q = 2, p = 1"),
        ({"preference": "gaussian"}, r"s > 0"),
        ({"preference": "ushape", "q": -1.0}, r"q >= 0"),
        ({"preference": "v-shape"}, r"Did you mean 'vshape'"),
        ({"preference": ["usual", "usual"]}, r"one value or 3 values"),
        ({"flows": "average"}, r"'mean' or 'sum'"),
    ],
)
def test_promethee_parameter_errors(params, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        mcda.evaluate("promethee_ii", X, W, BENEFIT, **params)


def test_promethee_accepts_brans_vincke_type_numbers():
    by_number = mcda.evaluate("promethee_ii", X, W, BENEFIT, preference=[3, 5, 6], q=0.5, p=2, s=1)
    by_name = mcda.evaluate(
        "promethee_ii", X, W, BENEFIT, preference=["vshape", "linear", "gaussian"], q=0.5, p=2, s=1
    )
    np.testing.assert_array_equal(by_number.scores, by_name.scores)


# Declared constraints (issue 13) name the method, the parameter and the value found; before,
# a catch-all reported "vikor parameters: ... {'v': 'x'}, which fails with ...".
@pytest.mark.parametrize(
    ("params", "pattern"),
    [
        ({"v": "x"}, r"vikor parameter 'v': expected a number in \[0, 1\], found 'x'"),
        ({"v": [0.5]}, r"vikor parameter 'v': expected a number in \[0, 1\], found \[0.5\]"),
    ],
)
def test_parameters_of_the_wrong_type_are_an_input_error(params, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        mcda.evaluate("vikor", X, W, BENEFIT, **params)


def test_identity_normalisation_keeps_values_and_constant_columns():
    """On a 0-1 value scale the weighted sum with 'identity' is the additive value."""
    V = np.array([[0.2, 0.5], [0.9, 0.5], [0.4, 0.5]])
    result = mcda.evaluate("weighted_sum", V, [0.5, 0.5], normalisation="identity")
    np.testing.assert_allclose(result.scores, 0.5 * V[:, 0] + 0.25)
