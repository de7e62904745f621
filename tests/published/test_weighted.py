"""Weighted sum (SAW) and weighted product (WPM): published worked examples.

Both sources normalise by the column maximum, ``r = x / max x`` (Hwang & Yoon's linear scale
transformation, ``normalisation="max"``); Chakraborty et al. treat cost criteria by
``min x / x`` (``cost="invert"``, the default for max normalisation).

Examined and left out: the weighted-sum column (lambda = 1) of the same Chakraborty et al.
(2015) WASPAS example reproduces to 4 decimals for nine of ten alternatives, but A2 comes out
0.81945 (rounds to 0.8195) against a printed 0.8194: one unit in the last place, presumably
from the paper's rounded normalised matrix.
"""

from __future__ import annotations

import numpy as np

from alliancescore import mcda

from ._printed import assert_printed, assert_ranks


def test_rizan_et_al_2020_saw():
    """Rizan, Wahyuningsih, Pradana & Ramadella (2020), "SAW method in supporting the process of
    admission of new junior high school students", 8th International Conference on Cyber and
    IT Service Management (CITSM), IEEE, doi:10.1109/CITSM50537.2020.9268874: four applicants,
    seven benefit criteria, weights (0.1, 0.1, 0.1, 0.15, 0.2, 0.25, 0.1), r = x / max x.

    Numbers found via energyinpython/pyrepo-mcda ``tests/test_mcda_methods_2.py``
    (``Test_SAW``), which cites the paper; preference values to 3 decimals.
    """
    X = np.array(
        [
            [0.75, 0.50, 0.75, 0, 0, 0, 1],
            [0.75, 1, 0.75, 0, 0, 0, 0.75],
            [0.75, 0.75, 0.75, 0, 0.50, 0.25, 1],
            [0.50, 0.50, 0.75, 1, 0.50, 0, 0.75],
        ]
    )
    res = mcda.evaluate(
        "weighted_sum",
        X,
        [0.1, 0.1, 0.1, 0.15, 0.2, 0.25, 0.1],
        [True] * 7,
        normalisation="max",
    )

    assert_printed(res.scores, [0.350, 0.375, 0.825, 0.642], 3, "SAW preference V_i")
    assert_ranks(res.ranks, [4, 3, 1, 2], "A3 > A4 > A2 > A1")


def test_chakraborty_et_al_2015_wpm():
    """Chakraborty, Zavadskas & Antucheviciene (2015), "Applications of WASPAS method as a
    multi-criteria decision-making tool", Economic Computation and Economic Cybernetics Studies
    and Research 49(1), 5-22, Example 2: ten alternatives, criteria PC, FS, MN (cost) and P
    (benefit), weights (0.467, 0.160, 0.095, 0.278); normalisation x / max x for the benefit
    criterion and min x / x for costs; the WASPAS table's lambda = 0 column is the weighted
    product ``prod_j r_ij ** w_j``.

    Numbers found via quatrope/scikit-criteria ``tests/agg/test_simple.py``
    (``test_WASPAS_chakraborty2015applications``), which cites the paper; 4 decimals.
    """
    X = np.array(
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
    benefit = [False, False, False, True]
    res = mcda.evaluate(
        "weighted_product",
        X,
        [0.467, 0.160, 0.095, 0.278],
        benefit,
        normalisation="max",
        cost="invert",
    )

    printed = [0.8578, 0.8144, 0.8408, 0.9413, 0.8632, 0.8241, 0.8454, 0.8915, 0.8987, 0.8697]
    assert_printed(res.scores, printed, 4, "WPM score (WASPAS, lambda = 0)")
    assert_ranks(res.ranks, [6, 10, 8, 1, 5, 9, 7, 3, 2, 4], "A4 > A9 > A8 > A10 > ...")
    # The normalised table is the paper's: min x / x on costs, x / max x on the benefit.
    expected_r = np.where(benefit, X / X.max(axis=0), X.min(axis=0) / X)
    np.testing.assert_allclose(res.tables["normalised"], expected_r, rtol=1e-12)
