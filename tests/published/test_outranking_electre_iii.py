"""ELECTRE III: a published worked example, then cross-checks labelled as such.

Published example: Wang & Triantaphyllou (2008), "Ranking irregularities when evaluating
alternatives by using some ELECTRE methods", Omega 36(1), 45-63, Section 3.2: choosing a waste
incineration strategy for eastern Switzerland (data from Rogers, Bruen & Maystre, *ELECTRE and
Decision Support*, Kluwer, ch. 6). Eleven alternatives, eleven criteria (C2, C6, C7 benefit,
the others cost), no veto, and thresholds that vary with the performance on five criteria
(q = 10% and p = 20% of the value). Decision matrix, weights and thresholds are on p. 51, the
credibility matrix (to 2 decimals) on p. 52, the two distillations on p. 53, and the same
problem with A1 replaced by a worse A1' on p. 53.

Where these numbers were read: the paper itself could not be opened here (the stored copies
show only its opening). Its inputs and printed results were taken from a public
transcription, an MCDM method note in the stored code corpus that cites those pages and
copies the inputs, rows A1 and A9 of the credibility matrix, both distillations and the
modified case. That is everything of the paper asserted below; the other nine rows of the
credibility matrix are not asserted because they were not transcribed. This implementation,
written from the formulas in the ``electre_iii`` docstring before the transcription was found,
reproduces both printed distillations exactly from the transcribed inputs, which a wrong input
would be unlikely to do; the transcription's own recomputation agrees.

What the example settles, beyond the formulas: (1) thresholds that vary with the performance
are evaluated at g_j(a), the alternative tested as outranking (``thresholds_at="a"``); at
g_j(b) credibilities move by up to 0.07 and the descending distillation puts A7 first; (2)
the discrimination threshold in the outranking test is s(sigma(a, b)), s(lambda) = 0.3 - 0.15
lambda: taking s at the cut level instead puts A7 above A4 going down. Both alternatives are
pinned below, so a change of convention fails here.

Cross-checks, not published examples:

- a six-alternative, four-criterion example distributed with pyDecision (Valdecy/pyDecision,
  its ELECTRE III example; no source is cited there) whose concordance and credibility tables,
  to 2 decimals, are also asserted by the test suite of the ``mcda`` package (py-mcda,
  ``TestElectre3``). Both tables were recomputed independently with a plain loop
  implementation before being admitted;
- the distillations of that example, traced by hand below. They differ from py-mcda's, which
  keeps lowering one cut level across the whole procedure instead of restarting it at the
  largest credibility among the alternatives still unranked (Roy 1978; Figueira, Mousseau &
  Roy 2005, "ELECTRE methods", in *Multiple Criteria Decision Analysis: State of the Art
  Surveys*, 133-162). pyDecision restarts it, as here;
- two credibility matrices and their descending and ascending distillations from the test
  suite of electre-methods (PatrykHub/ELECTRE-Methods, ``tests/outranking/test_distillation.py``,
  fixtures ``credibility_matrix`` and ``credibility_matrix_advanced``; no source is cited for
  the matrices there), a Poznań implementation whose distillation follows Figueira, Mousseau
  & Roy (2016). Its expected classes were recomputed with an independent loop implementation
  of the steps in the ``electre_iii`` docstring before being admitted. This checks the
  distillation alone (cut levels, the restart per class, the inner refinement) against a
  second implementation of the published procedure, not against a published table.

Conventions (``mcda.outrank("electre_iii", ...)``): thresholds constant or affine in the
performance and evaluated at g_j(a); s(lambda) = alpha + beta lambda with alpha = 0.3, beta =
-0.15 (the line 0.3 - 0.15 lambda; sources in the ``electre_iii`` docstring); a S b at cut
lambda iff sigma(a, b) > lambda and sigma(a, b) - sigma(b, a) > s(sigma(a, b)); the final
relation is the intersection of the descending and ascending preorders.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError
from alliancescore.mcda.outranking import electre_iii as electre_iii_module
from alliancescore.mcda.outranking.electre_iii import distillation

from ._printed import assert_printed

# Wang & Triantaphyllou (2008), Section 3.2, p. 51: alternatives A1..A11 (rows), criteria
# C1..C11 (columns); C2, C6, C7 are benefit criteria, the others cost criteria.
WT_X = np.array(
    [
        [125, 866, 9.81, 218, 1.41, 542, 483, 23, 1.5, 1, 1],
        [11980, 900, 11.45, 189, 1.45, 452, 303, 12, 1.5, 6, 6],
        [31054, 883, 9.86, 172, 1.82, 341, 311, 0, 0, 3, 3],
        [28219, 840, 10.38, 171, 1.95, 339, 318, 0, 0, 3, 3],
        [31579, 903, 10.74, 165, 1.7, 312, 281, 0, 0, 5, 5],
        [39364, 922, 13.87, 167, 1.65, 287, 269, 0, 0, 8, 7],
        [125, 769, 9.33, 182, 1.64, 458, 180, 0, 1.5, 1, 1],
        [8075, 896, 9.82, 172, 1.7, 408, 121, 0, 1.5, 6, 6],
        [3089, 770, 9.39, 177, 1.9, 430, 228, 0, 1, 2, 2],
        [6449, 766, 7.22, 172, 1.65, 401, 157, 0, 1, 4, 4],
        [12074, 897, 10.61, 169, 1.65, 378, 162, 0, 1, 7, 6],
    ],
    dtype=float,
)
WT_BENEFIT = [False, True, False, False, False, True, True, False, False, False, False]
WT_WEIGHTS = [0.16, 0.033, 0.033, 0.097, 0.097, 0.16, 0.097, 0.16, 0.033, 0.033, 0.097]
# Absolute thresholds on C1, C4, C8-C11; on C2, C3, C5, C6, C7 q = 10% and p = 20% of the value.
WT_THRESHOLDS = dict(
    q=[1000, 0, 0, 5, 0, 0, 0, 2, 0.2, 0, 0],
    q_slope=[0, 0.1, 0.1, 0, 0.1, 0.1, 0.1, 0, 0, 0, 0],
    p=[2000, 0, 0, 10, 0, 0, 0, 4, 0.4, 1, 1],
    p_slope=[0, 0.2, 0.2, 0, 0.2, 0.2, 0.2, 0, 0, 0, 0],
)
# p. 53: A1 replaced by A1', worse on C1 (2125 for 125) and C6 (452 for 542).
WT_A1_WORSE = [2125, 866, 9.81, 218, 1.41, 452, 483, 23, 1.5, 1, 1]


def _wang_triantaphyllou(X=WT_X, **params):
    return mcda.outrank("electre_iii", X, WT_WEIGHTS, WT_BENEFIT, **WT_THRESHOLDS, **params)


def _ranks(classes: list[list[int]]) -> list[int]:
    """Rank of A1..A11 (1 = first class printed) from classes given by alternative number."""
    rank = [0] * 11
    for k, members in enumerate(classes, start=1):
        for a in members:
            rank[a - 1] = k
    assert 0 not in rank
    return rank


def test_wang_triantaphyllou_credibility_rows_a1_and_a9():
    """p. 52, to 2 decimals (no veto, so credibility equals concordance). Row A1 tests the cost
    criteria's relative thresholds at A1's own small values; row A9 spans 0.35 to 0.97."""
    res = _wang_triantaphyllou()
    sigma = res.tables["credibility"]
    np.testing.assert_array_equal(sigma, res.tables["concordance"])
    printed = {
        0: [None, 0.74, 0.71, 0.71, 0.71, 0.71, 0.74, 0.74, 0.71, 0.68, 0.71],
        8: [0.35, 0.78, 0.85, 0.85, 0.74, 0.73, 0.67, 0.97, None, 0.94, 0.89],
    }
    for row, values in printed.items():
        cells = [b for b, value in enumerate(values) if value is not None]
        assert_printed(
            sigma[row, cells], [values[b] for b in cells], 2, f"credibility row A{row + 1}"
        )


def test_wang_triantaphyllou_distillations_and_final_preorder():
    """p. 53. Descending: A9 > A4 > A7 > A10 > A3 = A5 = A8 = A11 > A1 > A2 > A6. Ascending
    (printed best first): A1 = A7 > A9 > A4 > A10 > A2 = A5 > A3 = A11 > A8 > A6. A7 and A9
    head the final preorder, incomparable: A7 is third going down and first going up."""
    res = _wang_triantaphyllou()
    descending = _ranks([[9], [4], [7], [10], [3, 5, 8, 11], [1], [2], [6]])
    ascending = _ranks([[1, 7], [9], [4], [10], [2, 5], [3, 11], [8], [6]])
    assert res.tables["descending"].tolist() == descending
    assert res.tables["ascending"].tolist() == ascending
    top = np.flatnonzero(res.levels == 1).tolist()
    assert top == [6, 8] and res.incomparability[6, 8]
    assert np.flatnonzero(res.kernel).tolist() == [6, 8]


def test_wang_triantaphyllou_rank_reversal_when_a1_gets_worse():
    """p. 53, the paper's point: replacing A1 by a worse A1' makes A7 the single best (it was
    tied with A9 for the top). Ascending, printed: A7 > A1' = A9 > A4 > A10 > A2 = A5 >
    A3 = A11 > A8 > A6, reproduced. Descending, printed: A7 > A9 > A4 > A10 > A3 = A5 = A8 =
    A11 > A1' > A2 > A6; here A1' and A2 tie instead (one class before A6), the only
    difference. By hand: among {A1', A2, A6}, lambda_0 = sigma(A1', A2) = 0.7430, s = 0.1886,
    lambda_1 = 0.4792 (the largest credibility below 0.5545); A1' and A2 both outrank A6 only
    (sigma(A1', A2) - sigma(A2, A1') = 0.1443 < s), so both qualify 1. Refined within them
    with lambda_0 := 0.4792, s = 0.2281, no credibility of the pair lies below 0.2511 (they
    are 0.7430 and 0.5987), so the cut is 0 and the tie stands. The transcription's own
    implementation and pyDecision's distillation also give the tie; the paper does not say how
    it broke it."""
    X = WT_X.copy()
    X[0] = WT_A1_WORSE
    res = _wang_triantaphyllou(X)
    ascending = _ranks([[7], [1, 9], [4], [10], [2, 5], [3, 11], [8], [6]])
    assert res.tables["ascending"].tolist() == ascending
    descending_here = _ranks([[7], [9], [4], [10], [3, 5, 8, 11], [1, 2], [6]])
    assert res.tables["descending"].tolist() == descending_here
    assert np.flatnonzero(res.levels == 1).tolist() == [6]
    assert np.flatnonzero(res.kernel).tolist() == [6]


def test_wang_triantaphyllou_pins_the_conventions_it_settles(monkeypatch):
    """The printed answers discriminate between conventions: thresholds evaluated at g_j(b)
    instead of g_j(a), or s taken at the cut level instead of at sigma(a, b), give other
    descending distillations (module docstring), so this example pins both choices."""
    at_a = _wang_triantaphyllou()
    at_b = _wang_triantaphyllou(thresholds_at="b")
    shift = np.abs(at_b.tables["credibility"] - at_a.tables["credibility"])
    assert 0.07 < shift.max() < 0.072  # sigma(A6, A4): 0.07 apart, far beyond the 2 decimals
    assert np.flatnonzero(at_b.tables["descending"] == 1).tolist() == [6]  # A7 alone first

    def qualification_with_s_at_the_cut(sigma, cut, alpha, beta):
        margin = sigma - sigma.T - (alpha + beta * cut)
        crisp = (sigma > cut + 1e-9) & (margin > 1e-9)
        np.fill_diagonal(crisp, False)
        return crisp.sum(axis=1) - crisp.sum(axis=0)

    monkeypatch.setattr(electre_iii_module, "_qualification", qualification_with_s_at_the_cut)
    variant = distillation(at_a.tables["credibility"])
    assert variant.tolist() != at_a.tables["descending"].tolist()
    assert variant[6] < variant[3]  # A7 above A4 going down, against the printed A4 > A7


X = np.array(
    [
        [8.84, 8.79, 6.43, 6.95],
        [8.57, 8.51, 5.47, 6.91],
        [7.76, 7.75, 5.34, 8.76],
        [7.97, 9.12, 5.93, 8.09],
        [9.03, 8.97, 8.19, 8.10],
        [7.41, 7.87, 6.77, 7.23],
    ]
)
WEIGHTS = [9.00, 8.24, 5.98, 8.48]
THRESHOLDS = dict(q=0.30, p=0.50, v=0.70)


def test_six_alternative_example_concordance_and_credibility():
    """Concordance C(a, b) and credibility sigma(a, b) to the 2 decimals py-mcda asserts.

    The veto does most of the work: wherever some criterion favours b by 0.7 or more
    (e.g. a3 beats a1 by 1.81 on the fourth criterion) sigma(a, b) is 0 whatever C is.
    """
    res = mcda.outrank("electre_iii", X, WEIGHTS, **THRESHOLDS)
    quoted_concordance = [
        [1.0, 1.0, 0.73, 0.69, 0.54, 0.96],
        [0.81, 1.0, 0.73, 0.32, 0.11, 0.78],
        [0.27, 0.46, 1.0, 0.55, 0.27, 0.81],
        [0.53, 0.72, 0.73, 1.0, 0.53, 0.81],
        [1.0, 1.0, 0.73, 1.0, 1.0, 1.0],
        [0.46, 0.46, 0.66, 0.19, 0.0, 1.0],
    ]
    quoted_credibility = [
        [1.0, 1.0, 0.0, 0.0, 0.0, 0.96],
        [0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
        [0.0, 0.72, 0.41, 1.0, 0.0, 0.0],
        [1.0, 1.0, 0.55, 1.0, 1.0, 1.0],
        [0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
    ]
    assert_printed(res.tables["concordance"], quoted_concordance, 2, "concordance C(a, b)")
    assert_printed(res.tables["credibility"], quoted_credibility, 2, "credibility sigma(a, b)")
    # One discordance worked by hand: a2 against a4 on the second criterion, 9.12 - 8.51 = 0.61
    # is past p = 0.5 and short of v = 0.7, so d = (0.61 - 0.5) / 0.2 = 0.55.
    assert res.tables["discordance"][1, 1, 3] == pytest.approx(0.55, abs=1e-12)


def test_six_alternative_example_distillations_and_final_preorder():
    """Descending distillation (hand trace, 0-based a1 = 0 ... a6 = 5):

    1. all six: lambda_0 = 1, s(1) = 0.15, lambda_1 = 0.7161 (largest sigma below 0.85). At
       that cut a5 outranks a1, a2, a4, a6 and nobody outranks a5: {a5} is extracted.
    2. {a1, a2, a3, a4, a6}: lambda_0 = 1 (sigma(a1, a2)), lambda_1 = 0.7161; a1 outranks a2
       and a6 (0.9623 > 0.7161), a4 outranks nobody at that cut: {a1}.
    3. {a2, a3, a4, a6}: lambda_0 = sigma(a4, a2) = 0.7161, s = 0.1926, lambda_1 = 0.4107;
       a4 outranks a2 (0.7161 > 0.4107), but not a3 (0.4107 is not above the cut): {a4}.
    4. {a2, a3, a6}: every sigma is 0: one class.

    Ascending (lowest qualification first): {a2, a6}, then {a1, a4}, then {a3}, then {a5};
    numbered from the top that is a5 = 1, a3 = 2, a1 = a4 = 3, a2 = a6 = 4.

    Intersection: a5 above all; a1 and a3 incomparable (a1 is second going down, a3 second going
    up); a4 below a1 (below it going down, level with it going up); a2 and a6 indifferent, last.
    """
    res = mcda.outrank("electre_iii", X, WEIGHTS, **THRESHOLDS)
    assert res.tables["descending"].tolist() == [2, 4, 4, 3, 1, 4]
    assert res.tables["ascending"].tolist() == [3, 4, 2, 3, 1, 4]
    assert res.incomparability[0, 2] and res.incomparability[2, 3]
    assert res.preference[0, 3] and res.preference[2, 1] and res.preference[4].sum() == 5
    assert res.indifference[1, 5]
    assert res.levels.tolist() == [2, 4, 2, 3, 1, 4]
    assert np.flatnonzero(res.kernel).tolist() == [4]
    # Re-running the distillation on the table alone gives the same preorders.
    sigma = res.tables["credibility"]
    np.testing.assert_array_equal(distillation(sigma), res.tables["descending"])
    np.testing.assert_array_equal(distillation(sigma, descending=False), res.tables["ascending"])


def test_discrimination_threshold_must_stay_between_zero_and_one():
    """s(lambda) = alpha + beta lambda. Swapping the usual pair (alpha = -0.15, beta = 0.3, the
    slope and intercept of ``s = a lambda + b`` read the wrong way round) gives s(0) < 0, which
    would let a pair outrank itself in both directions: refused, with the usual values named."""
    with pytest.raises(AllianceScoreError, match=r"s\(0\) = -0.15.*alpha = 0.3, beta = -0.15"):
        mcda.outrank("electre_iii", X, WEIGHTS, alpha=-0.15, beta=0.3, **THRESHOLDS)


# electre-methods (PatrykHub/ELECTRE-Methods), tests/outranking/test_distillation.py: the
# fixture ``credibility_matrix`` (alternatives P1..P5) and ``credibility_matrix_advanced``
# (V1..V12, four decimals), credibility sigma(a, b) with a the row.
EM_SMALL = np.array(
    [
        [1.0, 0.0, 1.0, 0.8, 1.0],
        [0.0, 1.0, 0.0, 0.9, 0.67],
        [0.6, 0.0, 1.0, 0.6, 0.8],
        [0.25, 0.8, 0.67, 1.0, 0.85],
        [0.67, 0.0, 0.8, 0.8, 1.0],
    ]
)
EM_ADVANCED = np.array(
    [
        [1.0, 1.0, 0.9977, 0.606, 1.0, 0.9977, 0.8175, 1.0, 0.803, 0.8775, 0.548, 0.5318],
        [1.0, 1.0, 0.9977, 0.4047, 0.9973, 0.9816, 0.7762, 1.0, 0.6612, 0.8775, 0.4951, 0.443],
        [0.7734, 0.8946, 1.0, 0.2775, 0.8041, 0.8014, 0.6083, 0.916, 0.499, 0.8775, 0.382, 0.3598],
        [0.85, 0.85, 0.9317, 1.0, 0.85, 0.9317, 0.7739, 0.916, 0.8742, 0.8775, 0.7464, 0.7912],
        [0.9786, 0.9854, 0.9977, 0.5903, 1.0, 0.9816, 0.7184, 1.0, 0.7288, 0.8775, 0.4546, 0.3839],
        [0.8946, 0.9014, 1.0, 0.5999, 0.916, 1.0, 0.7488, 0.916, 0.7128, 0.8775, 0.464, 0.464],
        [1.0, 1.0, 1.0, 0.691, 1.0, 1.0, 1.0, 1.0, 0.803, 0.8775, 0.6875, 0.6875],
        [
            0.5299,
            0.7279,
            0.7849,
            0.2795,
            0.7057,
            0.5066,
            0.3148,
            1.0,
            0.3638,
            0.8118,
            0.2394,
            0.1979,
        ],
        [0.8692, 0.934, 1.0, 0.773, 0.9352, 0.9352, 0.7297, 1.0, 1.0, 0.8775, 0.7647, 0.8393],
        [
            0.5803,
            0.8033,
            0.9186,
            0.3486,
            0.7385,
            0.5779,
            0.4384,
            0.916,
            0.5775,
            1.0,
            0.4959,
            0.3625,
        ],
        [0.8692, 0.934, 0.9317, 0.773, 0.8692, 0.8669, 0.8669, 1.0, 0.9688, 1.0, 1.0, 0.9977],
        [0.8692, 0.934, 0.9537, 0.7835, 0.8822, 0.8822, 0.8692, 1.0, 0.993, 1.0, 1.0, 1.0],
    ]
)


def _classes(rank: np.ndarray, descending: bool) -> list[set[int]]:
    """Classes in extraction order (1-based labels): best first going down, worst first up."""
    levels = sorted(set(rank.tolist()), reverse=not descending)
    return [set((np.flatnonzero(rank == k) + 1).tolist()) for k in levels]


def test_distillation_cross_check_small_credibility_matrix():
    """electre-methods' five-alternative fixture: going down P1, P2, {P3, P4, P5}; going up the
    first extracted (worst) is {P3, P5}, then P4, then {P1, P2}.

    First step going down: lambda_0 = 1, s(1) = 0.15, so lambda_1 = 0.8 (the largest sigma
    below 0.85). P1 outranks P3 and P5 (1 > 0.8, and 1 - 0.6 and 1 - 0.67 exceed s(1)). No
    other pair passes: sigma(P2, P4) = 0.9 and sigma(P4, P5) = 0.85 are above the cut, but
    not above the reverse credibility (0.8 both) by s(0.9) = 0.165 and s(0.85) = 0.1725. So
    P1 has the top qualification, 2, alone.
    """
    assert _classes(distillation(EM_SMALL), True) == [{1}, {2}, {3, 4, 5}]
    assert _classes(distillation(EM_SMALL, descending=False), False) == [{3, 5}, {4}, {1, 2}]


def test_distillation_cross_check_twelve_alternatives():
    """electre-methods' twelve-alternative fixture, seven classes each way.

    First step going down: lambda_0 = 1, lambda_1 = 0.8393 (sigma(V9, V12), the largest below
    0.85); V11 and V12 share the top qualification, 9. Refined within them: lambda_0 = 0.8393,
    s = 0.1741, no credibility of the pair lies below 0.6652, so lambda_1 = 0 and neither
    outranks the other (0.9977 against 1.0): {V11, V12} is the first class.
    """
    down = [{11, 12}, {4, 7}, {9}, {1, 6}, {5}, {2}, {3, 8, 10}]
    up = [{8}, {3}, {10}, {2, 5, 6}, {1}, {7, 9}, {4, 11, 12}]
    assert _classes(distillation(EM_ADVANCED), True) == down
    assert _classes(distillation(EM_ADVANCED, descending=False), False) == up
