"""COPRAS: published worked examples, then the method's own behaviour.

Convention in the sources (and in ``mcda.evaluate("copras", ...)``): ``d_ij = w_j x_ij /
sum_i x_ij``; ``S+`` and ``S-`` the sums over benefit and cost criteria; relative significance
``Q_i = S+_i + (S-_min sum S-) / (S-_i sum (S-_min / S-))``; utility degree
``N_i = 100 Q_i / max Q``.

Left out: the road-design example of Zavadskas, Kaklauskas, Peldschus & Turskis (2007) as
quoted by kotbaton/pymcdm's unittest suite (``TestCOPRAS``, ``TestCOPRAS2``). Those utility
degrees (1.0, 0.797, 0.9078, 0.7243, 0.8537, 0.6898 for the first weight set) are reproduced
exactly by ``Q = S+ + S-``, which is what pymcdm 1.4's ``Q`` expression reduces to (its
``(min S- * S-) / (S- * (min S- / S-))`` is elementwise and equals ``S-``), not by the COPRAS
formula; with the formula above the first set gives 100, 80.2, 97.2, 79.6, 90.6, 75.0 per cent.
We could not see the paper's own table, so the example is not used either way.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError

from ._printed import assert_printed, assert_ranks

MOBILES_X = np.array(
    [
        [80, 16, 2, 5],
        [110, 32, 2, 9],
        [130, 64, 4, 9],
        [185, 64, 4, 1],
        [135, 64, 3, 4],
        [140, 32, 3, 5],
        [185, 64, 6, 7],
        [110, 16, 3, 3],
        [120, 16, 4, 3],
        [340, 128, 6, 5],
    ],
    dtype=float,
)
MOBILES_W = [0.60338, 0.13639, 0.19567, 0.06456]
MOBILES_BENEFIT = [False, True, True, True]


def test_goswami_mitra_2020_mobile_phones():
    """Goswami & Mitra (2020), "Selecting the best mobile model by applying AHP-COPRAS and
    AHP-ARAS decision making methodology", International Journal of Data and Network Science
    4(1), 27-42, doi:10.5267/j.ijdns.2019.8.004: ten phones, price a cost criterion, AHP
    weights (0.60338, 0.13639, 0.19567, 0.06456).

    Numbers found via energyinpython/pyrepo-mcda ``tests/test_mcda_methods_2.py``
    (``Test_COPRAS``), which cites the paper; utility degrees quoted as fractions ``Q / max Q``
    to 5 decimals.
    """
    res = mcda.evaluate("copras", MOBILES_X, MOBILES_W, MOBILES_BENEFIT)

    assert res.higher_is_better
    printed = [1, 0.85262, 0.91930, 0.68523, 0.80515, 0.72587, 0.83436, 0.79758, 0.79097, 0.79533]
    assert_printed(res.tables["utility_degree"] / 100, printed, 5, "utility degree N / 100")
    assert_ranks(res.ranks, [1, 3, 2, 10, 5, 9, 4, 6, 8, 7], "ranking by Q")


def test_uysal_inan_2022_research_assistants():
    """Uysal & İnan (2022), "Performance evaluation of research assistants by COPRAS method",
    International Journal of Social Science and Economic Research: five assistants, seven
    criteria (lesson completion duration a cost), equal weights.

    Numbers found via quatrope/scikit-criteria ``tests/agg/test_copras.py``
    (``test_COPRAS_Uysal2022assistants``), which cites the paper: utility degree in per cent to
    4 decimals.
    """
    X = np.array(
        [
            [3.57, 4.00, 4.00, 83.75, 3, 9, 1],
            [3.07, 3.95, 4.00, 83.00, 3, 1, 3],
            [3.23, 3.54, 3.46, 66.00, 4, 0, 2],
            [3.42, 3.96, 4.00, 70.00, 5, 5, 7],
            [2.56, 3.37, 3.79, 82.00, 4, 4, 5],
        ]
    )
    benefit = [True, True, True, True, False, True, True]
    res = mcda.evaluate("copras", X, np.full(7, 1 / 7), benefit)

    assert_printed(
        res.tables["utility_degree"], [100.0000, 78.8501, 63.3837, 98.6506, 86.8878], 4, "N (%)"
    )
    assert_ranks(res.ranks, [1, 4, 5, 2, 3], "x1 > x4 > x5 > x2 > x3")


def test_wieckowski_szyjewski_2022_ranking():
    """Więckowski & Szyjewski (2022), "Practical study of selected multi-criteria methods
    comparison", Procedia Computer Science 207, 4565-4573, doi:10.1016/j.procs.2022.09.520:
    seven alternatives, ten criteria (the last two costs). Only the ranking is quoted.

    Ranking found via quatrope/scikit-criteria ``tests/agg/test_copras.py``
    (``test_COPRAS_Więckowski2022CriteriaMethodsComparison``), which cites the paper.
    """
    X = np.array(
        [
            [3.5, 6.0, 1256.0, 4.0, 16.0, 3.0, 17.3, 8.0, 2.82, 4100.0],
            [3.1, 4.0, 1000.0, 2.0, 8.0, 1.0, 15.6, 5.0, 3.08, 3800.0],
            [3.6, 6.0, 2000.0, 4.0, 16.0, 3.0, 17.3, 5.0, 2.90, 4000.0],
            [3.0, 4.0, 1000.0, 2.0, 8.0, 2.0, 17.3, 5.0, 2.60, 3500.0],
            [3.3, 6.0, 1008.0, 4.0, 12.0, 3.0, 15.6, 8.0, 2.30, 3800.0],
            [3.6, 6.0, 1000.0, 2.0, 16.0, 3.0, 15.6, 5.0, 2.80, 4000.0],
            [3.5, 6.0, 1256.0, 2.0, 16.0, 1.0, 15.6, 6.0, 2.90, 4000.0],
        ]
    )
    w = [0.297, 0.025, 0.035, 0.076, 0.154, 0.053, 0.104, 0.017, 0.025, 0.214]
    res = mcda.evaluate("copras", X, w, [True] * 8 + [False] * 2)
    assert_ranks(res.ranks, [2, 7, 1, 6, 3, 4, 5], "A2 > A0 > A4 > A5 > A6 > A3 > A1")


# --------------------------------------------------------------------------- behaviour


def test_relative_significance_by_hand():
    """Two alternatives, one benefit and one cost criterion, equal weights: every step by hand.

    d = [[1/3, 1/4], [2/3, 3/4]] weighted by 1/2: S+ = [1/6, 1/3], S- = [1/8, 3/8];
    S-_min = 1/8, sum S- = 1/2, sum S-_min / S- = 1 + 1/3 = 4/3;
    Q_1 = 1/6 + (1/8 * 1/2) / (1/8 * 4/3) = 1/6 + 3/8, Q_2 = 1/3 + (1/16) / (1/2) = 1/3 + 1/8.
    """
    X = np.array([[1.0, 1.0], [2.0, 3.0]])
    res = mcda.evaluate("copras", X, [0.5, 0.5], [True, False])
    np.testing.assert_allclose(res.tables["S_plus"], [1 / 6, 1 / 3])
    np.testing.assert_allclose(res.tables["S_minus"], [1 / 8, 3 / 8])
    np.testing.assert_allclose(res.scores, [1 / 6 + 3 / 8, 1 / 3 + 1 / 8])
    np.testing.assert_allclose(res.tables["utility_degree"], [100.0, 100 * (11 / 24) / (13 / 24)])


def test_without_cost_criteria_q_is_the_benefit_sum():
    """Documented choice: no cost criterion (or no weight on one) drops the cost term."""
    X = MOBILES_X[:, 1:]
    res = mcda.evaluate("copras", X, [0.5, 0.3, 0.2])
    expected = mcda.evaluate("weighted_sum", X, [0.5, 0.3, 0.2], normalisation="sum")
    np.testing.assert_allclose(res.scores, expected.scores, rtol=1e-14)
    np.testing.assert_array_equal(res.tables["S_minus"], 0.0)
    zero_cost_weight = mcda.evaluate("copras", MOBILES_X, [0.0, 0.5, 0.3, 0.2], MOBILES_BENEFIT)
    np.testing.assert_allclose(zero_cost_weight.scores, expected.scores, rtol=1e-14)


def test_zero_cost_values_and_negative_values_are_refused_with_the_cell_named():
    Y = MOBILES_X.copy()
    Y[4, 0] = 0.0
    with pytest.raises(AllianceScoreError, match=r"X\[4, 0\].*0.0 on a cost criterion"):
        mcda.evaluate("copras", Y, MOBILES_W, MOBILES_BENEFIT)
    Y = MOBILES_X.copy()
    Y[2, 3] = -1.0
    with pytest.raises(AllianceScoreError, match=r"X\[2, 3\].*-1.0 on a benefit criterion"):
        mcda.evaluate("copras", Y, MOBILES_W, MOBILES_BENEFIT)


def test_a_zero_benefit_value_is_accepted():
    Y = MOBILES_X.copy()
    Y[4, 3] = 0.0
    res = mcda.evaluate("copras", Y, MOBILES_W, MOBILES_BENEFIT)
    assert np.all(np.isfinite(res.scores))
