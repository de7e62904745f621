"""Entropy weights: published worked examples.

Convention (``mcda.weights("entropy", X, benefit)``): proportions of the raw columns
``p = x / sum x``, ``E = -(1/ln n) sum p ln p``, ``w`` proportional to ``1 - E``; cost criteria
are not inverted (entropy measures spread, not direction). The second example has cost
criteria and is reproduced only this way (inverting them first gives 0.1277, 0.2174, 0.3599,
0.2950, checked in /tmp).

Numbers via energyinpython/pyrepo-mcda ``tests/test_weighting_methods.py`` (``Test_Entropy``),
which cites each paper; every value was recomputed with a few lines of numpy before use.
"""

from __future__ import annotations

import numpy as np

from alliancescore import mcda

from ._printed import assert_printed


def test_xu_2004_four_attributes():
    """Xu (2004), "A note on the subjective and objective integrated approach to determine
    attribute weights", European Journal of Operational Research 156(2), 530-532: four
    alternatives, four benefit attributes; entropy weights 0.4630, 0.3992, 0.1378, 0.0000
    (4 decimals). The fourth attribute (29, 29, 28.9, 29) is almost constant, hence ~0."""
    X = np.array([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]])
    result = mcda.weights("entropy", X)
    assert_printed(result.weights, [0.4630, 0.3992, 0.1378, 0.0000], 4, "entropy weights")


def test_zavadskas_podvezko_2016_with_cost_criteria():
    """Zavadskas & Podvezko (2016), "Integrated determination of objective criteria weights
    in MCDM", International Journal of Information Technology & Decision Making 15(2),
    267-283: four alternatives, criteria 1 and 3 minimised; entropy weights 0.1146, 0.1981,
    0.4185, 0.2689 (4 decimals), computed on the raw data without inverting the costs."""
    X = np.array([[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]])
    benefit = [False, True, False, True]
    result = mcda.weights("entropy", X, benefit)
    assert_printed(result.weights, [0.1146, 0.1981, 0.4185, 0.2689], 4, "entropy weights")
    # The benefit mask is accepted but does not enter.
    np.testing.assert_array_equal(result.weights, mcda.weights("entropy", X).weights)


def test_lee_chang_2018_renewable_energy_sources():
    """Lee & Chang (2018), "Comparative analysis of MCDM methods for ranking renewable energy
    sources in Taiwan", Renewable and Sustainable Energy Reviews 92, 883-896: five sources,
    ten criteria; entropy weights 0.026, 0.154, 0.089, 0.199, 0.115, 0.040, 0.080, 0.123,
    0.172, 0.002 (3 decimals)."""
    X = np.array(
        [
            [4550, 30, 6.74, 20, 15, 5, 85, 150, 0.87, 4.76],
            [3005, 60.86, 2.4, 35, 27, 4, 26, 200, 0.17, 4.51],
            [2040, 14.85, 1.7, 90, 25, 5, 26, 500, 0.27, 4.19],
            [3370, 99.4, 3.25, 25.3, 54, 3, 45, 222, 0.21, 3.78],
            [3920, 112.6, 4.93, 11.4, 71.7, 2, 50, 100, 0.25, 4.11],
        ]
    )
    benefit = [False, False, False, True, True, True, False, False, True, True]
    result = mcda.weights("entropy", X, benefit)
    printed = [0.026, 0.154, 0.089, 0.199, 0.115, 0.040, 0.080, 0.123, 0.172, 0.002]
    assert_printed(result.weights, printed, 3, "entropy weights")
