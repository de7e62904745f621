"""Variance-based importance of weights (Sobol indices over independent Gamma draws)."""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore.errors import AllianceScoreError
from alliancescore.sensitivity import weight_importance

# Criterion 2 is constant: under min-max normalisation it adds nothing to any score, and a
# weighted sum's ranking ignores a common rescaling of the weights, so its weight cannot move
# any rank: both Sobol indices must vanish exactly.
X = np.array([[1.0, 0.0, 5.0], [0.0, 1.0, 5.0], [0.6, 0.6, 5.0], [0.3, 0.2, 5.0]])


def test_a_criterion_that_cannot_move_any_rank_has_zero_importance():
    result = weight_importance("weighted_sum", X, n=2048, seed=3)
    np.testing.assert_array_equal(result.total[:, 2], 0.0)
    assert np.all(result.total[:, :2] > 0.1)
    assert result.n_evaluations == 2048 * 5


def test_mirror_image_criteria_get_mirror_image_indices():
    """C = (0.6, 0.6) is symmetric in criteria 0 and 1, and so is the rest of the problem
    up to relabelling A and B: C's indices for the two criteria agree, and swapping the two
    columns swaps them (Monte Carlo estimates: compared within a tolerance)."""
    a = weight_importance("weighted_sum", X, n=8192, seed=1)
    b = weight_importance("weighted_sum", X[:, [1, 0, 2]], n=8192, seed=1)
    assert a.alternatives[0] == b.alternatives[0] == 2
    assert a.total[0, 0] == pytest.approx(a.total[0, 1], abs=0.05)
    np.testing.assert_allclose(a.total[0, :2], b.total[0, [1, 0]], atol=0.05)


def test_same_seed_same_indices_and_zero_weight_criteria_stay_out():
    one = weight_importance("topsis", X, around=[0.5, 0.5, 0.0], n=1024, seed=7)
    two = weight_importance("topsis", X, around=[0.5, 0.5, 0.0], n=1024, seed=7)
    np.testing.assert_array_equal(one.first_order, two.first_order)
    np.testing.assert_array_equal(one.total[:, 2], 0.0)
    assert "Dirichlet" in one.inputs


@pytest.mark.parametrize(
    ("around", "pattern"),
    [([0.5, -0.5, 1.0], "non-negative weights"), ([1.0, 0.0, 0.0], "at least two criteria")],
)
def test_bad_inputs_are_refused(around, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        weight_importance("topsis", X, around=around)
