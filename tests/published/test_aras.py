"""ARAS: published worked examples, then the method's own behaviour.

Convention in the sources (and in ``mcda.evaluate("aras", ...)``, Zavadskas & Turskis 2010):
an optimal alternative (best value per criterion) is added as a row; cost values are inverted
(``1/x``); sum normalisation over all rows including the optimal one; ``S = sum_j w_j r_ij``;
utility degree ``K = S / S_0``.

Left out: the office-microclimate example of Zavadskas & Turskis (2010) itself. Its optimal
row is the decision maker's, not the data's best, and kotbaton/pymcdm's unittest suite, the
only route to its numbers we found, states that its own output differs from the paper's.
Balezentiene & Kusta (2012) as quoted by quatrope/scikit-criteria: the quoted utilities are
that library's 6-decimal output (weights entered as 0.166667), not the paper's table.
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
    weights (0.60338, 0.13639, 0.19567, 0.06456). Utility degrees K to 5 decimals.

    Numbers found via energyinpython/pyrepo-mcda ``tests/test_mcda_methods_2.py``
    (``Test_ARAS``), which cites the paper.
    """
    res = mcda.evaluate("aras", MOBILES_X, MOBILES_W, MOBILES_BENEFIT)

    assert res.higher_is_better
    printed = [
        0.68915, 0.58525, 0.62793, 0.46666, 0.54924, 0.49801, 0.56959, 0.54950, 0.54505, 0.53549
    ]  # fmt: skip
    assert_printed(res.scores, printed, 5, "utility degree K")
    assert_ranks(res.ranks, [1, 3, 2, 10, 6, 9, 4, 5, 7, 8], "ranking by K")
    np.testing.assert_array_equal(res.tables["optimal"], [80, 128, 6, 9])


def test_stanujkic_djordjevic_karabasevic_2015_candidates():
    """Stanujkic, Djordjevic & Karabasevic (2015), "Selection of candidates in the process of
    recruitment and selection of personnel based on the SWARA and ARAS methods", Quaestus (7),
    53: four candidates, six benefit criteria, SWARA weights (0.28, 0.25, 0.19, 0.15, 0.08,
    0.04). Utility degrees to 2 decimals.

    Numbers found via kotbaton/pymcdm's unittest suite (``TestARAS.test_output``), which cites
    the paper. (The printed weights sum to 0.99; K is a ratio of two weighted sums, so
    rescaling the weights to sum to one changes nothing.)
    """
    X = np.array(
        [
            [4.64, 3.00, 3.00, 3.00, 2.88, 3.63],
            [4.00, 4.00, 4.64, 3.56, 3.63, 5.00],
            [3.30, 4.31, 3.30, 4.00, 3.30, 4.00],
            [2.62, 5.00, 4.22, 4.31, 5.00, 5.00],
        ]
    )
    res = mcda.evaluate("aras", X, [0.28, 0.25, 0.19, 0.15, 0.08, 0.04])
    assert_printed(res.scores, [0.74, 0.86, 0.78, 0.86], 2, "utility degree K")


# --------------------------------------------------------------------------- behaviour


def test_two_alternatives_by_hand():
    """x = [[2, 4], [4, 2]] (column 2 a cost): optimal row (4, 2); costs inverted to
    [[1/4], [1/2]], optimal 1/2. Sums: column 1 over (2, 4, 4) = 10, column 2 over
    (1/4, 1/2, 1/2) = 5/4. r = [[0.2, 0.2], [0.4, 0.4]], r_0 = (0.4, 0.4).

    With any weights S = (0.2, 0.4), S_0 = 0.4, K = (0.5, 1).
    """
    X = np.array([[2.0, 4.0], [4.0, 2.0]])
    res = mcda.evaluate("aras", X, [0.7, 0.3], [True, False])
    np.testing.assert_allclose(res.tables["normalised"], [[0.2, 0.2], [0.4, 0.4]])
    np.testing.assert_allclose(res.tables["normalised_optimal"], [0.4, 0.4])
    np.testing.assert_allclose(res.scores, [0.5, 1.0])


def test_all_weight_on_an_all_zero_column_gives_everyone_the_optimum():
    """Documented: S_0 = 0 means every alternative equals the optimum, K = 1 for all."""
    X = np.column_stack([MOBILES_X, np.zeros(10)])
    res = mcda.evaluate("aras", X, [0, 0, 0, 0, 1.0], [*MOBILES_BENEFIT, True])
    np.testing.assert_array_equal(res.scores, 1.0)


def test_zero_cost_values_are_refused_with_the_cell_named():
    Y = MOBILES_X.copy()
    Y[6, 0] = 0.0
    with pytest.raises(AllianceScoreError, match=r"X\[6, 0\].*0.0 on a cost criterion"):
        mcda.evaluate("aras", Y, MOBILES_W, MOBILES_BENEFIT)
