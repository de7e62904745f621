"""MOORA ratio system and reference point: published worked examples, then behaviour.

Convention in the sources (and in ``mcda.evaluate("moora_ratio" | "moora_reference", ...)``):
vector normalisation ``x* = x / sqrt(sum x^2)``; ratio system ``y = sum_benefit w x* -
sum_cost w x*`` (higher is better); reference point ``d = max_j w_j |r_j - x*_ij|`` with ``r``
the best normalised value per criterion (lower is better).

Left out: Kundakci (2016), Alphanumeric Journal 4(1) (via jbytecode/JMcDM): the quoted values
are JMcDM's own full-precision output, compared there at 0.001, not the paper's table. The
heating-loss example of Kracka, Brauers & Zavadskas (2010) as quoted by quatrope/scikit-criteria
is unweighted and its scores are that library's own 8-decimal output.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda

from ._printed import assert_printed, assert_ranks

MINING_X = np.array(
    [[4, 3, 3, 4, 3, 2, 4], [3, 3, 4, 3, 5, 4, 4], [5, 4, 4, 5, 5, 5, 4]], dtype=float
)
MINING_W = [0.215, 0.215, 0.159, 0.133, 0.102, 0.102, 0.073]


def test_karabasevic_et_al_2015_ratio_system():
    """Karabasevic, Stanujkic, Urosevic & Maksimovic (2015), "Selection of candidates in the
    mining industry based on the application of the SWARA and the MULTIMOORA methods", Acta
    Montanistica Slovaca 20(2), 116-124: three candidates, seven benefit criteria, SWARA
    weights. Ratio system to 3 decimals.

    Numbers found via energyinpython/pyrepo-mcda ``tests/test_mcda_methods.py``
    (``Test_MULTIMOORA``, ``Test_MOORA``), which cites the paper.

    The printed weights sum to 0.999 and the printed scores use them as they stand;
    ``mcda.evaluate`` rescales weights to sum to one. The ratio system is linear in the
    weights, so the printed values are our scores times 0.999.
    """
    res = mcda.evaluate("moora_ratio", MINING_X, MINING_W)

    assert res.higher_is_better
    assert sum(MINING_W) == pytest.approx(0.999)
    assert_printed(sum(MINING_W) * res.scores, [0.494, 0.527, 0.677], 3, "ratio system y")
    assert_ranks(res.ranks, [3, 2, 1], "A3 > A2 > A1")


def test_karabasevic_et_al_2015_reference_point():
    """Same source and numbers' route: the reference point approach to 3 decimals. A3 is best
    on every criterion, so it sits on the reference point (0.000). Weighted deviations are
    linear in the weights too: printed values = our scores times 0.999 (see above)."""
    res = mcda.evaluate("moora_reference", MINING_X, MINING_W)

    assert not res.higher_is_better
    assert_printed(sum(MINING_W) * res.scores, [0.046, 0.061, 0.000], 3, "max weighted deviation d")
    assert_ranks(res.ranks, [2, 3, 1], "A3 > A1 > A2")
    np.testing.assert_array_equal(res.tables["reference_point"], res.tables["normalised"][2])


def test_siregar_et_al_2021_ratio_system_with_a_cost_criterion():
    """Siregar, Tampubolon, Parapat, Malau & Hutagalung (2021), "Decision support system for
    selection technique using MOORA method", IOP Conference Series: Materials Science and
    Engineering 1088, 012022: seven alternatives, four criteria (the first a cost), weights
    (0.3, 0.2, 0.1, 0.4). Ratio system to 4 decimals.

    Numbers found via kotbaton/pymcdm's unittest suite (``TestMOORA``), which cites the paper.
    """
    X = np.array(
        [
            [1.5, 3, 5, 3.3],
            [2, 7, 5, 3.35],
            [3, 1, 5, 3.07],
            [2.2, 4, 5, 3.5],
            [2, 5, 3, 3.09],
            [3.2, 2, 3, 3.48],
            [2.775, 3, 5, 3.27],
        ]
    )
    res = mcda.evaluate("moora_ratio", X, [0.3, 0.2, 0.1, 0.4], [False, True, True, True])

    assert_printed(res.scores, [0.1801, 0.2345, 0.0625, 0.1757, 0.1683, 0.0742, 0.1197], 4, "y")
    assert_ranks(res.ranks, [2, 1, 7, 3, 4, 6, 5], "A2 > A1 > A4 > A5 > A7 > A6 > A3")


# --------------------------------------------------------------------------- behaviour


def test_cost_criteria_by_hand():
    """x* = [[3/5, 4/5], [4/5, 3/5]] (column 2 a cost); weights (0.4, 0.6).

    Ratio: y = (0.4 * 3/5 - 0.6 * 4/5, 0.4 * 4/5 - 0.6 * 3/5) = (-0.24, -0.04).
    Reference point r = (4/5, 3/5): d = (max(0.4 * 1/5, 0.6 * 1/5), 0) = (0.12, 0).
    """
    X = np.array([[3.0, 4.0], [4.0, 3.0]])
    ratio = mcda.evaluate("moora_ratio", X, [0.4, 0.6], [True, False])
    reference = mcda.evaluate("moora_reference", X, [0.4, 0.6], [True, False])
    np.testing.assert_allclose(ratio.scores, [-0.24, -0.04], atol=1e-15)
    np.testing.assert_allclose(reference.tables["reference_point"], [0.8, 0.6])
    np.testing.assert_allclose(reference.scores, [0.12, 0.0], atol=1e-15)
    assert_ranks(ratio.ranks, [2, 1])
    assert_ranks(reference.ranks, [2, 1])


def test_ratio_system_is_linear_in_the_weights():
    W = np.array([[0.2, 0.3, 0.1, 0.1, 0.1, 0.1, 0.1], [0, 0, 0, 0, 0, 0, 1.0]])
    prepared = mcda.prepare("moora_ratio", MINING_X, [True, False] * 3 + [True])
    np.testing.assert_allclose(prepared.score(W), W @ prepared.kernel.linear.T, rtol=1e-14)
