"""VIKOR: published worked examples.

Convention (Opricovic & Tzeng 2004, sec. 3; ``mcda.evaluate("vikor", ...)``): no normalisation
of the matrix beyond the linear ``d_ij = (f*_j - f_ij) / (f*_j - f-_j)`` with ``f*`` the best
and ``f-`` the worst value of each criterion (max/min for benefit, min/max for cost);
``S = sum_j w_j d_ij``, ``R = max_j w_j d_ij``,
``Q = v (S - S*) / (S- - S*) + (1 - v) (R - R*) / (R- - R*)``; lower Q is better.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda

from ._printed import assert_printed, assert_ranks

# Opricovic & Tzeng (2004), sec. 5 numerical example: f1 (risk, minimised) and f2 (altitude,
# maximised) for three alternatives; equal weights.
OT2004_X = np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]])
OT2004_BENEFIT = [False, True]


def test_opricovic_tzeng_2004_s_r_q_and_compromise():
    """Opricovic & Tzeng (2004), "Compromise solution by MCDM methods: A comparative analysis of
    VIKOR and TOPSIS", EJOR 156(2), 445-455, numerical example (sec. 5): weights (0.5, 0.5),
    v = 0.5. S = (0.5, 0.375, 0.5), R = (0.5, 0.25, 0.5), Q = (1, 0, 1); A2 is the
    compromise solution (acceptable advantage and stability both hold).

    Numbers found via quatrope/scikit-criteria ``tests/agg/test_vikor.py``
    (``test_VIKOR_opricovic2004compromise``), which cites the paper; exact values, compared to
    3 decimals.
    """
    res = mcda.evaluate("vikor", OT2004_X, [0.5, 0.5], OT2004_BENEFIT, v=0.5)

    assert not res.higher_is_better
    assert_printed(res.tables["S"], [0.5, 0.375, 0.5], 3, "S")
    assert_printed(res.tables["R"], [0.5, 0.25, 0.5], 3, "R")
    assert_printed(res.scores, [1.0, 0.0, 1.0], 3, "Q")
    np.testing.assert_array_equal(res.tables["Q"], res.scores)
    assert_ranks(res.ranks, [2, 1, 2], "A2 best, A1 and A3 tied")
    np.testing.assert_array_equal(res.tables["compromise"], [False, True, False])
    assert res.tables["acceptable_advantage"]
    assert res.tables["acceptable_stability"]


def test_opricovic_tzeng_2004_linear_normalisation_ignores_affine_rescaling():
    """Same example after the positive affine change of units the scikit-criteria test also
    applies (f1 + 5, f2 / 1000 - 1): VIKOR's linear normalisation (the paper's abstract
    contrasts it with TOPSIS's vector normalisation) leaves S, R and Q unchanged.
    """
    rescaled = np.column_stack([OT2004_X[:, 0] + 5.0, OT2004_X[:, 1] / 1000.0 - 1.0])
    base = mcda.evaluate("vikor", OT2004_X, [0.5, 0.5], OT2004_BENEFIT)
    moved = mcda.evaluate("vikor", rescaled, [0.5, 0.5], OT2004_BENEFIT)
    for name in ("S", "R", "Q"):
        np.testing.assert_allclose(moved.tables[name], base.tables[name], rtol=0, atol=1e-12)


# Opricovic & Tzeng (2007), sec. 5: six hydro-power alternatives, eight criteria.
OT2007_X = np.array(
    [
        [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
        [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
        [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
        [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
        [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
        [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
    ]
)
# profit (max), cost (min), energy (max), peak energy (max), homes relocated (min),
# reservoir area (min), villages displaced (min), environmental protection grade (max)
OT2007_BENEFIT = [True, False, True, True, False, False, False, True]

OT2007_CASES = {
    "W1 equal": (
        [1, 1, 1, 1, 1, 1, 1, 1],
        [0.692, 0.700, 0.290, 0.423, 0.280, 0.346],
        [0.125, 0.125, 0.121, 0.125, 0.067, 0.125],
        [0.991, 1.000, 0.473, 0.670, 0.000, 0.578],
        [5, 6, 2, 4, 1, 3],
        [False, False, False, False, True, False],
    ),
    "W2 economy x2": (
        [2, 2, 2, 2, 1, 1, 1, 1],
        [0.701, 0.600, 0.386, 0.365, 0.317, 0.459],
        [0.167, 0.114, 0.161, 0.167, 0.089, 0.167],
        [1.000, 0.533, 0.552, 0.563, 0.000, 0.686],
        [6, 2, 3, 4, 1, 5],
        [False, False, False, False, True, False],
    ),
    "W3 environment x2": (
        [1, 1, 1, 1, 2, 2, 2, 2],
        [0.683, 0.800, 0.193, 0.480, 0.243, 0.232],
        [0.113, 0.167, 0.080, 0.122, 0.044, 0.083],
        [0.684, 1.000, 0.147, 0.554, 0.041, 0.191],
        [5, 6, 2, 4, 1, 3],
        [False, False, True, False, True, True],
    ),
    "W4 environment x3.2": (
        [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
        [0.678, 0.857, 0.138, 0.513, 0.222, 0.167],
        [0.129, 0.190, 0.057, 0.139, 0.042, 0.060],
        [0.668, 1.000, 0.051, 0.588, 0.058, 0.078],
        [5, 6, 1, 4, 2, 3],
        [False, False, True, False, True, True],
    ),
}


@pytest.mark.parametrize("case", list(OT2007_CASES))
def test_opricovic_tzeng_2007_four_weight_sets(case):
    """Opricovic & Tzeng (2007), "Extended VIKOR method in comparison with outranking methods",
    EJOR 178(2), 514-529, sec. 5 numerical example (hydro-power system alternatives), results
    for the four weight sets W1-W4 (weights given as relative importances, normalised to sum 1),
    v = 0.5. S, R and Q printed to 3 decimals; compromise sets {A5} for W1 and W2 and
    {A3, A5, A6} for W3 and W4 (acceptable advantage fails there: Q gaps below DQ = 1/5).

    Numbers found via quatrope/scikit-criteria ``tests/agg/test_vikor.py``
    (``test_VIKOR_opricovic2007extended``), which cites the paper.
    """
    weights, S, R, Q, ranks, compromise = OT2007_CASES[case]
    res = mcda.evaluate("vikor", OT2007_X, weights, OT2007_BENEFIT, v=0.5)

    assert_printed(res.tables["S"], S, 3, f"{case} S")
    assert_printed(res.tables["R"], R, 3, f"{case} R")
    assert_printed(res.scores, Q, 3, f"{case} Q")
    assert_ranks(res.ranks, ranks, f"{case} ranking by Q")
    np.testing.assert_array_equal(res.tables["compromise"], compromise, err_msg=case)


def test_papathanasiou_ploskas_2018_vikor_q():
    """Papathanasiou & Ploskas (2018), *Multiple Criteria Decision Aid: Methods, Examples and
    Python Implementations*, Springer Optimization and Its Applications 136, ch. 2 (VIKOR),
    facility-location example: six sites, four benefit criteria, weights (0.4, 0.3, 0.1, 0.2),
    and v = (n + 1) / (2n) = 0.625 for n = 4 criteria (the book's choice, not 0.5).

    Inputs from the book's companion code, springer-math/Multiple-Criteria-Decision-Aid
    ``codes/Chapter 2/VIKOR.py``; Q values found via energyinpython/pyrepo-mcda
    ``tests/test_mcda_methods.py`` (``Test_VIKOR``), which cites the chapter, to 3 decimals.
    Note: the companion code rounds S and R to 3 decimals before forming Q, which would give
    0.693 rather than 0.694 for A6; the quoted 0.694 is what unrounded arithmetic gives.
    """
    X = np.array(
        [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]],
        dtype=float,
    )
    res = mcda.evaluate("vikor", X, [0.4, 0.3, 0.1, 0.2], [True] * 4, v=0.625)

    assert_printed(res.scores, [0.640, 1.000, 0.693, 0.271, 0.000, 0.694], 3, "Q")
    assert_ranks(res.ranks, [3, 6, 4, 2, 1, 5], "A5 > A4 > A1 > A3 > A6 > A2")
