"""PROMETHEE II: published worked examples.

Conventions (``mcda.evaluate("promethee_ii", ...)``): ``d(a, b) = x_a - x_b`` (reversed for cost
criteria), ``pi(a, b) = sum_j w_j P_j(a, b)`` with weights summing to one, thresholds in the
criterion's own units with ``p`` the point where preference becomes strict (the modern
convention). Flows: ``flows="mean"`` divides by n - 1 (Brans & Mareschal 2005, and all sources
here except Brans et al. 1986), ``flows="sum"`` does not (Brans, Vincke & Mareschal 1986).

Threshold conventions differ in Brans, Vincke & Mareschal (1986): the level criterion (type IV)
is 1/2 for ``q < d <= q + p`` and the linear criterion with indifference (type V) rises over
``s < d <= s + r``, so their ``p`` and ``r`` are widths; here they are passed as the absolute
preference thresholds ``q + p`` and ``s + r``.
"""

from __future__ import annotations

import numpy as np

from alliancescore import mcda

from ._printed import assert_printed, assert_ranks


def test_papathanasiou_ploskas_2018_linear_net_flows():
    """Papathanasiou & Ploskas (2018), *Multiple Criteria Decision Aid: Methods, Examples and
    Python Implementations*, Springer Optimization and Its Applications 136, ch. 3 (PROMETHEE),
    facility-location example: six sites, four benefit criteria, weights (0.4, 0.3, 0.1, 0.2),
    linear preference function with indifference q = 1 and preference p = 2 on every criterion,
    flows divided by n - 1 (as the companion code does).

    Inputs from the book's companion code, springer-math/Multiple-Criteria-Decision-Aid
    ``codes/Chapter 3/PROMETHEE_II.py`` and ``PROMETHEE_Preference_Functions.py``; net flows
    found via energyinpython/pyrepo-mcda ``tests/test_mcda_methods_2.py``
    (``Test_PROMETHEE_II``), which cites the chapter, to 2 decimals.
    """
    X = np.array(
        [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]],
        dtype=float,
    )
    res = mcda.evaluate(
        "promethee_ii",
        X,
        [0.4, 0.3, 0.1, 0.2],
        [True] * 4,
        preference="linear",
        q=1.0,
        p=2.0,
        flows="mean",
    )

    assert res.higher_is_better
    assert_printed(res.scores, [-0.26, -0.52, -0.22, 0.36, 0.70, -0.06], 2, "net flow phi")
    assert_ranks(res.ranks, [5, 6, 4, 2, 1, 3], "A5 > A4 > A6 > A3 > A1 > A2")
    np.testing.assert_allclose(
        res.tables["phi_plus"] - res.tables["phi_minus"], res.scores, rtol=0, atol=1e-12
    )


# Ziemba (2019): nine alternatives, twelve criteria; written one criterion per row, then transposed.
ZIEMBA_2019_X = np.array(
    [
        [38723, 34913, 25596, 34842, 22570, 39773, 19500, 34525, 16486],
        [33207, 32085, 2123, 32095, 1445, 17485, 868, 16958, 958],
        [0, 0.2, 5, 0.2, 0.2, 0.2, 99, 99, 99],
        [3375, 3127, 3547, 3115, 3090, 4135, 3160, 4295, 3653],
        [11.36, 12.78, 12.78, 12.86, 12.86, 17, 12.86, 17, 12.86],
        [-320.9, -148.4, -148.4, -9.9, -9.9, 0, -9.9, 0, -9.9],
        [203.7, 463, 356.2, 552.5, 295, 383, 264, 352, 264],
        [0, 11.7, 44.8, 11.7, 95.9, 95.9, 116.8, 116.8, 164.9],
        [0, 4.9, 10.7, 5.4, 11.2, 11.2, 11.2, 11.2, 11.2],
        [1, 1, 1, 3.5, 4, 4, 4, 4, 4],
        [21.5, 47.9, 27.7, 39.7, 1.5, 22.7, 2.7, 23.9, 1],
        [0, 3.7, 4.5, 10.3, 11.5, 11.5, 11.3, 11.3, 11.4],
    ]
).T


def test_ziemba_2019_linear_with_thresholds():
    """Ziemba (2019), "Towards strong sustainability management - A generalized PROSA method",
    Sustainability 11(6), 1555, doi:10.3390/su11061555: PROMETHEE II net flows of the nine
    alternatives (the PROSA comparison), linear preference function with per-criterion q and p,
    weights as printed (0.3333, 0.1667, ...; rescaled to sum 1), flows divided by n - 1.

    Numbers found via energyinpython/pyrepo-mcda ``tests/test_mcda_methods_2.py``
    (``Test_PROMETHEE_II_2``), which cites the paper; net flows to 4 decimals.
    """
    weights = [0.3333, 0.1667, 0.1667, 0.3333, 0.25, 0.75, 1, 1, 0.4, 0.20, 0.40, 1]
    benefit = np.array([-1, -1, 1, -1, 1, 1, -1, 1, 1, -1, -1, 1]) > 0
    p = [2100, 5000, 50, 200, 5, 20, 100, 80, 4, 2, 23, 3]
    q = [420, 1000, 10, 40, 1, 7, 50, 20, 1, 1, 4.6, 1]
    res = mcda.evaluate(
        "promethee_ii", ZIEMBA_2019_X, weights, benefit, preference="linear", q=q, p=p
    )

    printed = [-0.4143, -0.5056, -0.2317, -0.2892, 0.3313, 0.0619, 0.4296, 0.1626, 0.4554]
    assert_printed(res.scores, printed, 4, "net flow phi")
    assert_ranks(res.ranks, [8, 9, 6, 7, 3, 5, 2, 4, 1], "A9 > A7 > A5 > A8 > A6 > ...")


def test_ziemba_et_al_2017_vshape():
    """Ziemba, Wątróbski, Zioło & Karczmarczyk (2017), "Using the PROSA method in offshore wind
    farm location problems", Energies 10(11), 1755, doi:10.3390/en10111755: PROMETHEE II net
    flows of four locations, twelve criteria, V-shape preference function (type III) with
    per-criterion p, weights in percent (rescaled to sum 1), flows divided by n - 1.

    Numbers found via energyinpython/pyrepo-mcda ``tests/test_mcda_methods_2.py``
    (``Test_PROMETHEE_II_3``), which cites the paper; net flows to 4 decimals.
    """
    X = np.array(
        [
            [16347, 14219, 8160, 8160],
            [9, 8.5, 9, 8.5],
            [73.8, 55, 64.8, 62.5],
            [36.7, 36, 28.5, 29.5],
            [1.5, 2, 2, 1.5],
            [3730, 3240, 1860, 1860],
            [2, 1, 2, 1],
            [1, 1, 2, 3],
            [38.8, 33.1, 45.8, 27.3],
            [4, 2, 4, 3],
            [1720524, 1496512, 858830, 858830],
            [40012, 34803, 19973, 19973],
        ]
    ).T
    weights = [20, 5, 5, 1.67, 1.67, 11.67, 11.67, 5, 5, 16.67, 8.33, 8.33]
    benefit = np.array([-1, -1, -1, -1, -1, 1, -1, -1, 1, -1, 1, 1]) > 0
    p = [7280, 4, 13.4, 7.4, 3, 1662, 3, 3, 13.8, 3, 766240, 17820]
    res = mcda.evaluate("promethee_ii", X, weights, benefit, preference="vshape", p=p)

    assert_printed(res.scores, [-0.0445, 0.1884, -0.0954, -0.0485], 4, "net flow phi")
    assert_ranks(res.ranks, [2, 1, 4, 3], "A2 > A1 > A4 > A3")


def test_brans_vincke_mareschal_1986_preference_indices_and_plain_sum_flows():
    """Brans, Vincke & Mareschal (1986), "How to select and how to rank projects: The PROMETHEE
    method", EJOR 24(2), 228-238, worked example: six alternatives, six equally weighted
    criteria, one of each generalised criterion:

    f1 min, type II (quasi, l = 10); f2 max, type III (m = 30); f3 min, type V (s = 5, r = 45,
    so p = 50 here); f4 min, type IV (q = 1, p = 5, so p = 6 here); f5 min, type I;
    f6 max, type VI (sigma = 5).

    The preference index table pi(a, b) is checked to the 3 decimals at which it is quoted, and
    the flows as plain sums (``flows="sum"``, as in that paper) must be its row and column sums.

    Numbers found via eabohorquezg/ProjectMCDM ``test/test/NewEmptyJUnitTest.java``, which
    does not name its source; its data, function types and parameter names (l, m, s, r, q, p,
    sigma) are those of this paper's example. That file also quotes flows (phi+ = 1.099, 1.980,
    1.234, 1.644, 2.274, 1.500; phi- = 1.827, 1.895, 1.681, 1.746, 0.808, 1.774) that differ by
    up to 0.002 from the sums of its own pi table, so they are not asserted here; the ranking
    asserted is the one implied by the quoted pi table.
    """
    X = np.array(
        [
            [80, 65, 83, 40, 52, 94],
            [90, 58, 60, 80, 72, 96],
            [60, 20, 40, 100, 60, 70],
            [5.4, 9.7, 7.2, 7.5, 2.0, 3.6],
            [8, 1, 4, 7, 3, 5],
            [5, 1, 7, 10, 8, 6],
        ]
    ).T
    benefit = [False, True, False, False, False, True]
    params = dict(
        preference=["ushape", "vshape", "linear", "level", "usual", "gaussian"],
        q=[10, None, 5, 1, None, None],
        p=[None, 30, 50, 6, None, None],
        s=[None, None, None, None, None, 5],
    )
    res = mcda.evaluate("promethee_ii", X, np.ones(6), benefit, flows="sum", **params)

    printed_pi = np.array(
        [
            [0.000, 0.296, 0.250, 0.269, 0.100, 0.185],
            [0.463, 0.000, 0.389, 0.333, 0.296, 0.500],
            [0.235, 0.180, 0.000, 0.333, 0.056, 0.429],
            [0.399, 0.506, 0.305, 0.000, 0.224, 0.212],
            [0.444, 0.515, 0.487, 0.380, 0.000, 0.448],
            [0.287, 0.399, 0.250, 0.431, 0.133, 0.000],
        ]
    )
    pi = res.tables["pi"]
    assert_printed(pi, printed_pi, 3, "preference indices pi(a, b)")
    np.testing.assert_allclose(res.tables["phi_plus"], pi.sum(axis=1), rtol=0, atol=1e-12)
    np.testing.assert_allclose(res.tables["phi_minus"], pi.sum(axis=0), rtol=0, atol=1e-12)
    # Net flows implied by the quoted pi table: each is 10 entries rounded to 3 decimals.
    implied = printed_pi.sum(axis=1) - printed_pi.sum(axis=0)
    np.testing.assert_allclose(res.scores, implied, rtol=0, atol=10 * 0.0005)
    assert_ranks(res.ranks, [6, 2, 5, 3, 1, 4], "a5 > a2 > a4 > a6 > a3 > a1")

    # The default flows divide by n - 1 and rank identically.
    mean = mcda.evaluate("promethee_ii", X, np.ones(6), benefit, flows="mean", **params)
    np.testing.assert_allclose(mean.scores, res.scores / 5, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(mean.ranks, res.ranks)
