"""MABAC: the method paper's worked example, then the method's own behaviour.

Convention in the source (and in ``mcda.evaluate("mabac", ...)``): min-max normalisation with
costs reversed, ``v = w (t + 1)``, border approximation area ``g`` = column geometric mean of
``v``, ``S_i = sum_j (v_ij - g_j)``.

Left out: Isik, Aydin & Kosaroglu (2020), LogForum 16(4) (via energyinpython/pyrepo-mcda):
its decision matrix is itself printed to 6 decimals and its scores to 6, and four of eleven
scores come out one unit off in the sixth decimal (0.505408 for a printed 0.505407, ...);
rounding of the printed inputs accounts for that, and pyrepo-mcda compares at 4 decimals.
"""

from __future__ import annotations

import numpy as np

from alliancescore import mcda

from ._printed import assert_printed, assert_ranks


def test_pamucar_cirovic_2015_forklifts():
    """Pamučar & Ćirović (2015), "The selection of transport and handling resources in
    logistics centers using Multi-Attributive Border Approximation area Comparison (MABAC)",
    Expert Systems with Applications 42(6), 3016-3028: seven forklifts, ten criteria (C1 price,
    C5 and C6 costs), weights (0.146, 0.144, 0.119, 0.121, 0.115, 0.101, 0.088, 0.068, 0.050,
    0.048). Border approximation area ``g`` and criterion functions ``S`` to 4 decimals.

    Numbers found via quatrope/scikit-criteria ``tests/agg/test_mabac.py``
    (``test_MABAC_dragan_2014``: ``g``, ``S`` and the ranking) and kotbaton/pymcdm's unittest
    suite (``TestMABAC``: ``S``), both citing the paper.
    """
    X = np.array(
        [
            [22600, 3800, 2, 5, 1.06, 3.00, 3.5, 2.8, 24.5, 6.5],
            [19500, 4200, 3, 2, 0.95, 3.00, 3.4, 2.2, 24.0, 7.0],
            [21700, 4000, 1, 3, 1.25, 3.20, 3.3, 2.5, 24.5, 7.3],
            [20600, 3800, 2, 5, 1.05, 3.25, 3.2, 2.0, 22.5, 11.0],
            [22500, 3800, 4, 3, 1.35, 3.20, 3.7, 2.1, 23.0, 6.3],
            [23250, 4210, 3, 5, 1.45, 3.60, 3.5, 2.8, 23.5, 7.0],
            [20300, 3850, 2, 5, 0.90, 3.25, 3.0, 2.6, 21.5, 6.0],
        ]
    )
    w = [0.146, 0.144, 0.119, 0.121, 0.115, 0.101, 0.088, 0.068, 0.050, 0.048]
    benefit = [False, True, True, True, False, False, True, True, True, True]
    res = mcda.evaluate("mabac", X, w, benefit)

    assert res.higher_is_better
    assert_printed(
        res.tables["border_approximation_area"],
        [0.2086, 0.1885, 0.1720, 0.1952, 0.1740, 0.1625, 0.1319, 0.1010, 0.0789, 0.0590],
        4,
        "border approximation area g",
    )
    assert_printed(res.scores, [0.0826, 0.2183, -0.0488, 0.0246, -0.0704, 0.0465, 0.0464], 4, "S")
    assert_ranks(res.ranks, [2, 1, 6, 5, 7, 3, 4], "A2 > A1 > A6 > A7 > A4 > A3 > A5")
    # S is the row sum of the distances q = v - g.
    np.testing.assert_allclose(res.tables["distance"].sum(axis=1), res.scores)


# --------------------------------------------------------------------------- behaviour


def test_two_alternatives_by_hand():
    """t = [[0, 1], [1, 0]] (column 2 a cost); v = w (t + 1); g_j = w_j sqrt(2).

    S_1 = 0.3 (1 - sqrt 2) + 0.7 (2 - sqrt 2), S_2 = 0.3 (2 - sqrt 2) + 0.7 (1 - sqrt 2).
    """
    X = np.array([[1.0, 5.0], [3.0, 9.0]])
    res = mcda.evaluate("mabac", X, [0.3, 0.7], [True, False])
    r2 = np.sqrt(2.0)
    np.testing.assert_allclose(res.tables["border_approximation_area"], [0.3 * r2, 0.7 * r2])
    np.testing.assert_allclose(
        res.scores, [0.3 * (1 - r2) + 0.7 * (2 - r2), 0.3 * (2 - r2) + 0.7 * (1 - r2)]
    )


def test_scores_are_linear_in_the_weights_and_accept_negative_values():
    X = np.array([[-2.0, 5.0, 0.0], [3.0, -9.0, 1.0], [0.5, 1.0, -4.0]])
    W = np.array([[0.2, 0.3, 0.5], [1.0, 0.0, 0.0]])
    prepared = mcda.prepare("mabac", X, [True, False, True])
    np.testing.assert_allclose(prepared.score(W), W @ prepared.kernel.linear.T, rtol=1e-14)
