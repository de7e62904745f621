"""Standard-deviation weights: published worked examples.

Convention (``mcda.weights("standard_deviation", X, benefit, normalisation=...)``): sample
standard deviation of each min-max normalised column (``normalisation="none"``: of the raw
column), ``w`` proportional to it.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda

from ._printed import assert_printed

# Mukhametzyanov (2021), Table 1: two decision matrices (8 alternatives x 5 criteria) with
# criteria 2 and 5 minimised.
MUKHAMETZYANOV_BENEFIT = [True, False, True, True, False]
DM1 = np.array(
    [
        [71, 4500, 150, 1056, 478],
        [85, 5800, 145, 2680, 564],
        [76, 5600, 135, 1230, 620],
        [74, 4200, 160, 1480, 448],
        [82, 6200, 183, 1350, 615],
        [81, 6000, 178, 2065, 580],
        [80, 5900, 160, 1650, 610],
        [85, 6500, 140, 1650, 667],
    ]
)
DM2 = np.array(
    [
        [83, 5322, 170, 1682, 500],
        [84, 6021, 155, 2140, 513],
        [76, 4219, 155, 1613, 454],
        [73, 6154, 157, 2047, 582],
        [78, 5453, 173, 2136, 598],
        [82, 6030, 174, 1238, 587],
        [80, 4344, 172, 1365, 507],
        [77, 6114, 158, 1585, 592],
    ]
)


@pytest.mark.parametrize(
    ("X", "printed"),
    [(DM1, [0.210, 0.203, 0.207, 0.183, 0.196]), (DM2, [0.175, 0.206, 0.231, 0.195, 0.192])],
    ids=["DM-1", "DM-2"],
)
def test_mukhametzyanov_2021_min_max_sd_weights(X, printed):
    """Mukhametzyanov (2021), "Specific character of objective methods for determining
    weights of criteria in MCDM problems: Entropy, CRITIC and SD", Decision Making:
    Applications in Management and Engineering 4(2), 76-105: Table 2 block "SD", rows DM-1
    0.210, 0.203, 0.207, 0.183, 0.196 and DM-2 0.175, 0.206, 0.231, 0.195, 0.192 (3 decimals),
    on min-max normalised data.

    Numbers via fatihaydost/kds-topsis-critic ``docs/research/methods/sd.md`` (tables
    transcribed with their numbers); recomputed in /tmp.
    """
    result = mcda.weights("standard_deviation", X, MUKHAMETZYANOV_BENEFIT)
    assert_printed(result.weights, printed, 3, "SD weights")


def test_mukhametzyanov_2021_sigma_of_min_max_columns():
    """Mukhametzyanov (2021), Table 4 row "Max-Min": sigma of the min-max normalised DM-1
    columns 0.366, 0.354, 0.361, 0.319, 0.341 (3 decimals, sample standard deviation)."""
    result = mcda.weights("standard_deviation", DM1, MUKHAMETZYANOV_BENEFIT)
    assert_printed(result.diagnostics["sigma"], [0.366, 0.354, 0.361, 0.319, 0.341], 3, "sigma")


def test_salabun_watrobski_shekhovtsov_2020_raw_values():
    """Sałabun, Wątróbski & Shekhovtsov (2020), "Are MCDA methods benchmarkable? A
    comparative study of TOPSIS, VIKOR, COPRAS, and PROMETHEE II methods", Symmetry 12(9),
    1549: a 5 x 3 matrix with values in [0, 1]; SD weights 0.217, 0.294, 0.488 (3 decimals)
    from the raw columns, i.e. ``normalisation="none"`` (min-max would give 0.339, 0.342,
    0.320). Numbers via energyinpython/pyrepo-mcda ``tests/test_weighting_methods.py``
    (``Test_STD``), which cites the paper; recomputed in /tmp."""
    X = np.array(
        [
            [0.619, 0.449, 0.447],
            [0.862, 0.466, 0.006],
            [0.458, 0.698, 0.771],
            [0.777, 0.631, 0.491],
            [0.567, 0.992, 0.968],
        ]
    )
    result = mcda.weights("standard_deviation", X, normalisation="none")
    assert_printed(result.weights, [0.217, 0.294, 0.488], 3, "SD weights (raw)")
