"""CRITIC weights: a published worked example.

Convention (``mcda.weights("critic", X, benefit)``, Diakoulaki et al. 1995): min-max
normalisation with cost criteria reflected, ``sigma`` = sample standard deviation, Pearson
correlations of the normalised columns, ``C_j = sigma_j sum_k (1 - rho_jk)``, ``w = C / sum C``.
"""

from __future__ import annotations

import numpy as np

from alliancescore import mcda

from ._printed import assert_printed

# Krishnan et al. (2021), Table 1: five smartphones; price, screen size, pixel density,
# thickness, mass; price, thickness and mass minimised.
SMARTPHONES = np.array(
    [
        [649, 4.7, 326, 7.1, 143],
        [749, 5.5, 401, 7.3, 192],
        [740, 5.7, 520, 7.6, 171],
        [400, 5.7, 520, 11.1, 179],
        [600, 5.5, 538, 8.9, 152],
    ]
)
SMARTPHONE_BENEFIT = [False, True, True, False, False]


def test_krishnan_et_al_2021_smartphones():
    """Krishnan, Kasim, Hamid & Ghazali (2021), "A modified CRITIC method to estimate the
    objective weights of decision criteria", Symmetry 13(6), 973: Table 2 sigma of the
    normalised columns 0.4062, 0.4147, 0.4394, 0.4161, 0.4063 and Table 5 column "CRITIC"
    weights 0.1872, 0.1838, 0.1691, 0.2599, 0.2000 (4 decimals).

    Numbers via fatihaydost/kds-topsis-critic ``docs/research/methods/critic.md`` (tables
    transcribed with their numbers); recomputed in /tmp. Orienting the cost columns matters:
    without it the weights would be 0.3179, 0.1274, 0.1700, 0.2165, 0.1683.
    """
    result = mcda.weights("critic", SMARTPHONES, SMARTPHONE_BENEFIT)
    assert_printed(result.diagnostics["sigma"], [0.4062, 0.4147, 0.4394, 0.4161, 0.4063], 4)
    assert_printed(result.weights, [0.1872, 0.1838, 0.1691, 0.2599, 0.2000], 4, "weights")
    unoriented = mcda.weights("critic", SMARTPHONES).weights
    assert np.abs(unoriented - result.weights).max() > 0.1
