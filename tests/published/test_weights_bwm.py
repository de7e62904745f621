"""Best-worst method: published worked examples (Rezaei 2015, 2016).

Conventions (``mcda.weights("bwm", best_to_others, others_to_worst, model=...)``): comparisons on
the 1..9 scale; ``model="linear"`` is Rezaei's (2016) LP (unique weights, ``xi_linear``);
``model="nonlinear"`` is Rezaei's (2015) min-max model with ratios, whose optimum ``xi*``
(``xi_nonlinear``) is unique but whose weights need not be (Rezaei 2016 gives each weight's
interval over the optimal set; ``weight_intervals``). The consistency ratio divides ``xi*`` by
Rezaei's consistency index of ``a_BW``.

All examples below are the car-purchase illustration: criteria quality, price, comfort, safety,
style; best = price (index 1), worst = style (index 4).

Where the numbers came from: Rezaei (2016), Omega 64, 126-130, Tables 2-4 and Sections 3-4, as
transcribed (with the paper's section and table numbers) in fatihaydost/kds-topsis-critic
``docs/research/methods/bwm.md``; the linear weights of Example 2 also appear (to 8 decimals,
their own LP) in jakub-tomczak/BWM ``tests/testthat/test-example-data.R``, a package built on
that paper. We could not open the paper itself; every value was recomputed independently
before being trusted (see each test).
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.mcda.weighting.bwm import CONSISTENCY_INDEX, consistency_index

from ._printed import assert_printed


def test_rezaei_2015_consistency_index_table():
    """Rezaei (2015), "Best-worst multi-criteria decision-making method", Omega 53, 49-57,
    Table 1 (quoted in Rezaei 2016, Table 1): CI for a_BW = 1..9 is 0.00, 0.44, 1.00, 1.63,
    2.30, 3.00, 3.73, 4.47, 5.23 (2 decimals). Numbers via the brief and jakub-tomczak/BWM
    ``R/solver.R`` (its ``consistencyIndex`` vector). The closed form is the root in
    [0, a - 1] of (a - xi)^2 = a + xi, e.g. a = 3: xi^2 - 7 xi + 6 = 0, xi = 1 (by hand)."""
    printed = [0.00, 0.44, 1.00, 1.63, 2.30, 3.00, 3.73, 4.47, 5.23]
    assert [CONSISTENCY_INDEX[a] for a in range(1, 10)] == printed
    ours = [consistency_index(a) for a in range(1, 10)]
    assert_printed(ours, printed, 2, "CI(a_BW)")
    for a, xi in zip(range(1, 10), ours, strict=True):
        assert (a - xi) ** 2 == pytest.approx(a + xi, rel=1e-12)
        assert 0.0 <= xi <= a - 1


@pytest.mark.parametrize("model", ["linear", "nonlinear"])
def test_rezaei_2016_example_1_fully_consistent(model):
    """Rezaei (2016), "Best-worst multi-criteria decision-making method: some properties and a
    linear model", Omega 64, 126-130, Example 1 (Table 2): best-to-others (2, 1, 4, 2, 8),
    others-to-worst (4, 8, 2, 4, 1). Every a_Bj * a_jW = 8 = a_BW, so the system is fully
    consistent: both models give xi = 0 and the weights (4, 8, 2, 4, 1) / 19, printed
    0.2105, 0.4211, 0.1053, 0.2105, 0.0526 (4 decimals)."""
    result = mcda.weights("bwm", [2, 1, 4, 2, 8], [4, 8, 2, 4, 1], model=model)
    assert_printed(result.weights, [0.2105, 0.4211, 0.1053, 0.2105, 0.0526], 4, "weights")
    np.testing.assert_allclose(result.weights, np.array([4, 8, 2, 4, 1]) / 19, atol=1e-7)
    d = result.diagnostics
    assert (d["best"], d["worst"], d["a_bw"]) == (1, 4, 8.0)
    assert d["xi_nonlinear"] == pytest.approx(0.0, abs=1e-9)
    assert d["consistency_ratio"] == pytest.approx(0.0, abs=1e-9)
    assert d["unique"]


def test_rezaei_2016_example_2_linear_model():
    """Rezaei (2016), Omega 64, Example 2 (Table 3): best-to-others (2, 1, 4, 3, 8),
    others-to-worst (4, 8, 2, 3, 1); linear model (Section 4) w = 0.2295, 0.4481, 0.1148,
    0.1530, 0.0546 and xi^L = 0.0109 (4 decimals). jakub-tomczak/BWM quotes the same weights
    to 8 decimals (0.22950820, 0.44808743, 0.11475410, 0.15300546, 0.05464481), which we
    also match to 1e-7 (our own scipy LP, recomputed in /tmp before writing this test)."""
    result = mcda.weights("bwm", [2, 1, 4, 3, 8], [4, 8, 2, 3, 1], model="linear")
    assert_printed(result.weights, [0.2295, 0.4481, 0.1148, 0.1530, 0.0546], 4, "weights")
    assert_printed(result.diagnostics["xi_linear"], 0.0109, 4, "xi^L")
    np.testing.assert_allclose(
        result.weights, [0.22950820, 0.44808743, 0.11475410, 0.15300546, 0.05464481], atol=1e-7
    )


def test_rezaei_2016_example_2_nonlinear_model_and_intervals():
    """Rezaei (2016), Omega 64, Example 2 (Table 3), non-linear model (Section 3): xi* =
    0.1459 and the optimal weights are not unique; their intervals are quality
    [0.2145, 0.2289], price [0.4461, 0.4571], comfort [0.1085, 0.1176], safety
    [0.1563, 0.1602], style [0.0548, 0.0561] (4 decimals). The consistency ratio
    xi* / CI(8) = 0.1459 / 4.4689 = 0.0326 is ours (the paper does not print it)."""
    result = mcda.weights("bwm", [2, 1, 4, 3, 8], [4, 8, 2, 3, 1], model="nonlinear")
    d = result.diagnostics
    assert_printed(d["xi_nonlinear"], 0.1459, 4, "xi*")
    printed_intervals = [
        [0.2145, 0.2289],
        [0.4461, 0.4571],
        [0.1085, 0.1176],
        [0.1563, 0.1602],
        [0.0548, 0.0561],
    ]
    assert_printed(d["weight_intervals"], printed_intervals, 4, "weight intervals")
    assert not d["unique"]
    lower, upper = d["weight_intervals"].T
    assert np.all(lower - 1e-9 <= result.weights) and np.all(result.weights <= upper + 1e-9)
    assert d["consistency_ratio"] == pytest.approx(d["xi_nonlinear"] / consistency_index(8))


def test_rezaei_2016_example_3_deliberately_inconsistent():
    """Rezaei (2016), Omega 64, Example 3 (Table 4): best-to-others (2, 1, 4, 3, 8),
    others-to-worst (4, 8, 4, 2, 1) (comfort and safety changed so the system is clearly
    inconsistent); the non-linear model gives xi* = 1 with multiple optimal weights. Recomputed
    in /tmp: xi* = 1.00000 and weight intervals of width up to 0.09."""
    result = mcda.weights("bwm", [2, 1, 4, 3, 8], [4, 8, 4, 2, 1], model="nonlinear")
    assert_printed(result.diagnostics["xi_nonlinear"], 1.0, 4, "xi*")
    assert not result.diagnostics["unique"]
    widths = np.diff(result.diagnostics["weight_intervals"], axis=1)
    assert widths.max() > 0.05


def test_three_criteria_example_quoted_as_rezaei_2015():
    """Three criteria, best-to-others (8, 2, 1), others-to-worst (1, 5, 8): best = criterion 2,
    worst = criterion 0, a_BW = 8. Quoted in jbytecode/JMcDM ``test/mcdm/testbestworst.jl``
    ("Basic Example in the Original Paper"; ``src/bestworst.jl`` cites Rezaei 2015, Omega 53)
    as epsilon 0.26 and weights 0.071, 0.338, 0.589. We could not see the paper.

    Worked by hand: with three criteria the optimum makes all three deviations equal, w2/w0 =
    8 + xi, w2/w1 = 2 - xi, w1/w0 = 5 - xi, so (2 - xi)(5 - xi) = 8 + xi, xi^2 - 8 xi + 2 = 0,
    xi* = 4 - sqrt(14) = 0.25834, and w = (1, 5 - xi, 8 + xi) / 14 = 0.071429, 0.338690,
    0.589881. The quoted 0.338 and 0.589 are these values truncated (not rounded) to 3
    decimals; 0.26 is xi* rounded to 2. The optimum is unique (n = 3)."""
    result = mcda.weights("bwm", [8, 2, 1], [1, 5, 8], model="nonlinear")
    xi = 4.0 - np.sqrt(14.0)
    assert result.diagnostics["xi_nonlinear"] == pytest.approx(xi, abs=1e-7)
    np.testing.assert_allclose(result.weights, np.array([1, 5 - xi, 8 + xi]) / 14, atol=1e-6)
    assert_printed(result.diagnostics["xi_nonlinear"], 0.26, 2, "epsilon")
    truncated = np.floor(result.weights * 1000) / 1000
    np.testing.assert_allclose(truncated, [0.071, 0.338, 0.589], atol=1e-12)
    assert result.diagnostics["unique"]
