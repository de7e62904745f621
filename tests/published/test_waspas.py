"""WASPAS: published worked examples, then the method's own behaviour.

Convention in the sources (and in ``mcda.evaluate("waspas", ...)``): linear normalisation
``x / max x`` for benefit criteria and ``min x / x`` for costs, shared by both parts;
``Q = lambda * sum_j w_j r_ij + (1 - lambda) * prod_j r_ij ** w_j``.

Examined and only partly used: Chakraborty, Zavadskas & Antucheviciene (2015), Example 2, the
table of Q for lambda = 0, 0.1, ..., 1 (numbers via quatrope/scikit-criteria
``tests/agg/test_waspas.py``). Columns lambda = 0, 0.2, 0.4, 0.6, 0.7 and 0.9 reproduce to the
printed 4 decimals and are tested below; in each of the other five columns one or two of the
ten values come out one unit off in the fourth decimal (lambda = 0.1: A1 0.857948 printed
0.8580; 0.3: A3 0.841451, A6 0.826355 printed 0.8414, 0.8263; 0.5: A5 0.863858 printed 0.8638;
0.8: A7 0.853258 printed 0.8532; 1: A2 0.819454 printed 0.8194), each within 1e-5 of a rounding
boundary: consistent with the paper computing from a rounded normalised matrix. The ranking is
the same for every lambda and is checked for all eleven columns.

Left out: Tuş & Aytaç Adalı (2019), Opsearch 56(2) (via energyinpython/pyrepo-mcda): its
weights are CRITIC weights that are not printed with the example, and neither common CRITIC
variant reproduces the printed Q to 4 decimals.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError

from ._printed import assert_printed, assert_ranks

EXAMPLE_2_X = np.array(
    [
        [581818, 54.49, 3, 5500],
        [595454, 49.73, 3, 4500],
        [586060, 51.24, 3, 5000],
        [522727, 45.71, 3, 5800],
        [561818, 52.66, 3, 5200],
        [543030, 74.46, 4, 5600],
        [522727, 75.42, 4, 5800],
        [486970, 62.62, 4, 5600],
        [509394, 65.87, 4, 6400],
        [513333, 70.67, 4, 6000],
    ],
    dtype=float,
)
EXAMPLE_2_BENEFIT = [False, False, False, True]
EXAMPLE_2_W = [0.467, 0.160, 0.095, 0.278]
EXAMPLE_2_PRINTED = {
    0.0: [0.8578, 0.8144, 0.8408, 0.9413, 0.8632, 0.8241, 0.8454, 0.8915, 0.8987, 0.8697],
    0.2: [0.8581, 0.8154, 0.8412, 0.9415, 0.8634, 0.8256, 0.8474, 0.8929, 0.9003, 0.8714],
    0.4: [0.8583, 0.8164, 0.8417, 0.9416, 0.8637, 0.8271, 0.8493, 0.8942, 0.9019, 0.8732],
    0.6: [0.8585, 0.8174, 0.8421, 0.9417, 0.8640, 0.8286, 0.8513, 0.8956, 0.9035, 0.8749],
    0.7: [0.8586, 0.8179, 0.8423, 0.9418, 0.8641, 0.8293, 0.8523, 0.8963, 0.9043, 0.8758],
    0.9: [0.8589, 0.8189, 0.8427, 0.9419, 0.8644, 0.8308, 0.8542, 0.8976, 0.9059, 0.8775],
}


def test_chakraborty_et_al_2015_eight_alternatives_seven_criteria_weights_as_printed():
    """Chakraborty, Zavadskas & Antucheviciene (2015), "Applications of WASPAS method as a
    multi-criteria decision-making tool", Economic Computation and Economic Cybernetics Studies
    and Research 49(1), 5-22: the example with eight alternatives and seven criteria (the last
    two costs), lambda = 0.5, Q printed to 4 decimals.

    Numbers found via kotbaton/pymcdm's unittest suite (``TestWASPAS``), which cites the paper.
    The printed weights sum to 1.0155, not 1, and the printed Q follow from them as they stand;
    ``mcda.evaluate`` always rescales weights to sum to one (which changes WASPAS scores, not
    only their scale), so this test scores the prepared kernel with the printed weights.
    """
    X = np.array(
        [
            [30, 23, 5, 0.745, 0.745, 1500, 5000],
            [18, 13, 15, 0.745, 0.745, 1300, 6000],
            [15, 12, 10, 0.500, 0.500, 950, 7000],
            [25, 20, 13, 0.745, 0.745, 1200, 4000],
            [14, 18, 14, 0.255, 0.745, 950, 3500],
            [17, 15, 9, 0.745, 0.500, 1250, 5250],
            [23, 18, 20, 0.500, 0.745, 1100, 3000],
            [16, 8, 14, 0.255, 0.500, 1500, 3000],
        ]
    )
    printed_w = np.array([[0.1181, 0.1181, 0.0445, 0.1181, 0.2861, 0.2861, 0.0445]])
    assert printed_w.sum() == pytest.approx(1.0155)
    prepared = mcda.prepare("waspas", X, [True] * 5 + [False] * 2, lambda_=0.5)
    scores = prepared.kernel.score(printed_w)[0]

    assert_printed(scores, [0.8329, 0.7884, 0.6987, 0.8831, 0.7971, 0.7036, 0.8728, 0.5749], 4, "Q")
    assert_ranks(
        mcda.rank_scores(scores), [3, 5, 7, 1, 4, 6, 2, 8], "A4 > A7 > A1 > A5 > A2 > A6 > A3 > A8"
    )


@pytest.mark.parametrize("lam", sorted(EXAMPLE_2_PRINTED))
def test_chakraborty_et_al_2015_example_2_lambda_table(lam):
    """Chakraborty, Zavadskas & Antucheviciene (2015), Example 2: ten alternatives, criteria PC,
    FS, MN (costs) and P (benefit), weights (0.467, 0.160, 0.095, 0.278); the table of Q for
    varying lambda, 4 decimals (the columns that reproduce; see the module docstring).

    Numbers found via quatrope/scikit-criteria ``tests/agg/test_waspas.py``
    (``test_WASPAS_chakraborty2015applications``), which cites the paper.
    """
    res = mcda.evaluate("waspas", EXAMPLE_2_X, EXAMPLE_2_W, EXAMPLE_2_BENEFIT, lambda_=lam)
    assert_printed(res.scores, EXAMPLE_2_PRINTED[lam], 4, f"Q at lambda = {lam}")


@pytest.mark.parametrize("lam", np.linspace(0.0, 1.0, 11))
def test_chakraborty_et_al_2015_example_2_ranking_is_the_same_for_every_lambda(lam):
    """Same source: the ranking A4 > A9 > A8 > A10 > A5 > A1 > A7 > A3 > A6 > A2 at every
    lambda in the table, including the five columns not compared value by value."""
    res = mcda.evaluate("waspas", EXAMPLE_2_X, EXAMPLE_2_W, EXAMPLE_2_BENEFIT, lambda_=lam)
    assert_ranks(res.ranks, [6, 10, 8, 1, 5, 9, 7, 3, 2, 4], f"ranking at lambda = {lam}")


# --------------------------------------------------------------------------- behaviour

X = np.array([[7.0, 9.0, 9.0], [8.0, 7.0, 8.0], [9.0, 6.0, 8.0], [6.0, 7.0, 8.0]])
BENEFIT = np.array([True, True, False])
W = np.array([[0.5, 0.3, 0.2], [0.1, 0.1, 0.8], [0.0, 1.0, 0.0]])


def test_lambda_one_and_zero_are_the_weighted_sum_and_product_on_the_same_normalisation():
    wsm = mcda.evaluate("weighted_sum", X, W, BENEFIT, normalisation="max", cost="invert")
    wpm = mcda.evaluate("weighted_product", X, W, BENEFIT, normalisation="max", cost="invert")
    half = mcda.evaluate("waspas", X, W, BENEFIT)
    np.testing.assert_allclose(
        mcda.evaluate("waspas", X, W, BENEFIT, lambda_=1.0).scores, wsm.scores, rtol=1e-14
    )
    np.testing.assert_allclose(
        mcda.evaluate("waspas", X, W, BENEFIT, lambda_=0.0).scores, wpm.scores, rtol=1e-14
    )
    np.testing.assert_allclose(half.tables["weighted_sum"], wsm.scores, rtol=1e-14)
    np.testing.assert_allclose(half.tables["weighted_product"], wpm.scores, rtol=1e-14)
    np.testing.assert_allclose(half.scores, 0.5 * (wsm.scores + wpm.scores), rtol=1e-14)


def test_only_lambda_one_is_declared_linear():
    linear = mcda.prepare("waspas", X, BENEFIT, lambda_=1.0).kernel.linear
    np.testing.assert_allclose(
        W @ linear.T, mcda.evaluate("waspas", X, W, BENEFIT, lambda_=1.0).scores
    )
    assert mcda.prepare("waspas", X, BENEFIT).kernel.linear is None


def test_a_zero_benefit_value_zeroes_the_product_unless_its_weight_is_zero():
    Y = X.copy()
    Y[0, 0] = 0.0
    res = mcda.evaluate("waspas", Y, [[0.5, 0.3, 0.2], [0.0, 0.6, 0.4]], BENEFIT)
    assert res.tables["weighted_product"][0, 0] == 0.0
    # 0 ** 0 = 1: with no weight on the criterion the zero does not matter.
    unweighted = mcda.evaluate("waspas", X, [0.0, 0.6, 0.4], BENEFIT)
    np.testing.assert_allclose(res.scores[1], unweighted.scores, rtol=1e-14)


def test_an_all_zero_column_is_neutral_in_both_parts():
    with_zero = np.column_stack([X, np.zeros(4)])
    res = mcda.evaluate("waspas", with_zero, [0.4, 0.2, 0.2, 0.2], np.append(BENEFIT, True))
    without = mcda.evaluate("waspas", X, [0.4, 0.2, 0.2], BENEFIT)
    # The zero column adds 0 to the sum and a factor 1 to the product; only the weight
    # renormalisation (0.8 of the weight left) differs.
    np.testing.assert_allclose(res.tables["weighted_sum"], 0.8 * without.tables["weighted_sum"])
    np.testing.assert_allclose(
        res.tables["weighted_product"], without.tables["weighted_product"] ** 0.8
    )


@pytest.mark.parametrize("lam", [-0.1, 1.5, np.nan, "half"])
def test_lambda_outside_the_unit_interval_is_refused(lam):
    with pytest.raises(AllianceScoreError, match=r"'lambda_'.*\[0, 1\]"):
        mcda.evaluate("waspas", X, W, BENEFIT, lambda_=lam)


def test_negative_values_and_zero_costs_are_refused_with_the_cell_named():
    Y = X.copy()
    Y[1, 0] = -2.0
    Y[3, 2] = 0.0
    with pytest.raises(AllianceScoreError) as info:
        mcda.evaluate("waspas", Y, W, BENEFIT)
    message = str(info.value)
    assert "X[1, 0]" in message and "-2.0 on a benefit criterion" in message
    assert "X[3, 2]" in message and "0.0 on a cost criterion" in message
