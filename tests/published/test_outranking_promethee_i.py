"""PROMETHEE I: published worked example.

Conventions (``mcda.outrank("promethee_i", ...)``): the flows are PROMETHEE II's (same
preference functions and thresholds, ``p`` the absolute point where preference becomes strict);
``flows="sum"`` reproduces the plain sums of Brans, Vincke & Mareschal (1986). The relation is
the intersection of the phi+ and phi- preorders; ``outranks`` is reflexive.
"""

from __future__ import annotations

import numpy as np

from alliancescore import mcda

from ._printed import assert_printed

# Brans, Vincke & Mareschal (1986): six alternatives, one column per criterion f1..f6.
BVM_1986_X = np.array(
    [
        [80, 65, 83, 40, 52, 94],
        [90, 58, 60, 80, 72, 96],
        [60, 20, 40, 100, 60, 70],
        [5.4, 9.7, 7.2, 7.5, 2.0, 3.6],
        [8, 1, 4, 7, 3, 5],
        [5, 1, 7, 10, 8, 6],
    ]
).T
BVM_1986_BENEFIT = [False, True, False, False, False, True]
# Their level (type IV) and linear (type V) criteria take widths after q; here p is absolute:
# f3 (s = 5, r = 45) -> q = 5, p = 50; f4 (q = 1, p = 5) -> q = 1, p = 6.
BVM_1986_PARAMS = dict(
    preference=["ushape", "vshape", "linear", "level", "usual", "gaussian"],
    q=[10, None, 5, 1, None, None],
    p=[None, 30, 50, 6, None, None],
    s=[None, None, None, None, None, 5],
)
PRINTED_PHI_PLUS = [1.099, 1.980, 1.234, 1.644, 2.274, 1.500]
PRINTED_PHI_MINUS = [1.827, 1.895, 1.681, 1.746, 0.808, 1.774]


def test_brans_vincke_mareschal_1986_partial_preorder():
    """Brans, Vincke & Mareschal (1986), "How to select and how to rank projects: The PROMETHEE
    method", EJOR 24(2), 228-238, worked example (six projects a1..a6, six equally weighted
    criteria, one of each generalised criterion): PROMETHEE I from the leaving and entering
    flows, which that paper gives as plain sums (``flows="sum"``).

    Inputs and flows (phi+, phi- to 3 decimals) found via eabohorquezg/ProjectMCDM
    ``test/test/NewEmptyJUnitTest.java``, which does not name its source but uses this paper's
    data, function types and parameter names; the same inputs are checked against the paper's
    preference-index table in ``tests/published/test_promethee.py``. The quoted flows do not
    follow exactly from the quoted inputs (they differ from the row and column sums of the
    quoted pi table by up to 0.002 and from the exact flows by up to 0.0023), so the flows are
    asserted at 0.0025. The relation asserted is the one the printed flows imply; its closest
    comparison (phi- of a4 and a6: 1.746 vs 1.774) is ten times wider than that discrepancy,
    so the exact and the printed flows give the same PROMETHEE I.
    """
    res = mcda.outrank(
        "promethee_i", BVM_1986_X, np.ones(6), BVM_1986_BENEFIT, flows="sum", **BVM_1986_PARAMS
    )
    np.testing.assert_allclose(res.tables["phi_plus"], PRINTED_PHI_PLUS, rtol=0, atol=0.0025)
    np.testing.assert_allclose(res.tables["phi_minus"], PRINTED_PHI_MINUS, rtol=0, atol=0.0025)

    # The relation implied by the printed flows, written out (0-based: a1 = 0 ... a6 = 5).
    plus, minus = np.array(PRINTED_PHI_PLUS), np.array(PRINTED_PHI_MINUS)
    implied = (plus[:, None] >= plus[None, :]) & (minus[:, None] <= minus[None, :])
    np.testing.assert_array_equal(res.outranks, implied)
    strict = {(int(a), int(b)) for a, b in np.argwhere(res.preference)}
    assert strict == {(4, 0), (4, 1), (4, 2), (4, 3), (4, 5), (2, 0), (3, 0), (3, 5), (5, 0)}
    incomparable = {(int(a), int(b)) for a, b in np.argwhere(res.incomparability) if a < b}
    # a2 leaves strongly (phi+ second) but enters most strongly (phi- worst): incomparable to
    # all but a5; a3 against a4 and a6 trades a weaker phi+ for a better phi-.
    assert incomparable == {(0, 1), (1, 2), (1, 3), (1, 5), (2, 3), (2, 5)}
    assert not res.indifference.any()

    # Levels of the partial preorder: a5 alone on top, then a2, a3, a4 (pairwise incomparable
    # or unordered), a6, a1.
    assert res.levels.tolist() == [4, 2, 2, 2, 1, 3]
    assert np.flatnonzero(res.kernel).tolist() == [4]

    # PROMETHEE II's net flow is kept beside the relation, never in place of it.
    ii = mcda.evaluate(
        "promethee_ii", BVM_1986_X, np.ones(6), BVM_1986_BENEFIT, flows="sum", **BVM_1986_PARAMS
    )
    assert_printed(res.tables["phi"], ii.scores, 12, "net flow equals PROMETHEE II's")


def test_brans_vincke_mareschal_1986_flow_scaling_leaves_the_relation_unchanged():
    """Same example: dividing the flows by n - 1 (``flows="mean"``, the modern convention)
    changes the flows but not PROMETHEE I."""
    by_sum = mcda.outrank(
        "promethee_i", BVM_1986_X, np.ones(6), BVM_1986_BENEFIT, flows="sum", **BVM_1986_PARAMS
    )
    by_mean = mcda.outrank(
        "promethee_i", BVM_1986_X, np.ones(6), BVM_1986_BENEFIT, flows="mean", **BVM_1986_PARAMS
    )
    np.testing.assert_allclose(
        by_mean.tables["phi_plus"], by_sum.tables["phi_plus"] / 5, rtol=0, atol=1e-12
    )
    np.testing.assert_array_equal(by_mean.outranks, by_sum.outranks)
