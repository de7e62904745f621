"""Rank-based surrogate weights: rank sum, rank reciprocal and rank-order centroid.

Conventions (``mcda.weights(name, ranking)``, ranking[j] = rank of criterion j, 1 = most
important): rank sum ``w_k = 2 (n + 1 - k) / (n (n + 1))``; rank reciprocal
``w_k = (1/k) / sum_i 1/i``; ROC ``w_k = (1/n) sum_{i >= k} 1/i``.
"""

from __future__ import annotations

import pytest

from alliancescore import mcda

from ._printed import assert_printed


@pytest.mark.parametrize(
    ("scheme", "printed"),
    [
        ("rank_sum", [0.40, 0.30, 0.20, 0.10]),
        ("rank_reciprocal", [0.48, 0.24, 0.16, 0.12]),
        ("roc", [0.52, 0.27, 0.15, 0.06]),
    ],
)
def test_roszkowska_2013_four_criteria(scheme, printed):
    """Roszkowska (2013), "Rank ordering criteria weighting methods - a comparative overview",
    Optimum. Studia Ekonomiczne 5(65), 14-33, Table 4 ("Approximations for criteria weights"),
    row n = 4 (2 decimals): RS 0.40, 0.30, 0.20, 0.10; RR 0.48, 0.24, 0.16, 0.12; ROC 0.52,
    0.27, 0.15, 0.06.

    Numbers via fatihaydost/kds-topsis-critic ``docs/research/methods/roc.md``, which
    transcribes the table and reports (by recomputation, confirmed by ours) that several
    other rows of it do not follow from the formulas at 2 decimals (n = 3 ROC sums to 1.02;
    n = 5 ROC w1 printed 0.45 for 0.4567; n = 5 RS, n = 6 RR and RS, n = 7 RR off by 0.01),
    apparently adjusted by hand to sum to one; those rows are not used. Row n = 4 by hand:
    RS = 2 (5 - k) / 20; RR = (1/k) / (25/12) = 12 / (25 k); ROC = (25, 13, 7, 3) / 48.
    """
    result = mcda.weights(scheme, [1, 2, 3, 4])
    assert_printed(result.weights, printed, 2, scheme)


def test_roszkowska_2013_rows_follow_the_criteria():
    """The same row with the ranking given in criterion order (criterion 2 first, then 0, 3,
    1): each criterion takes the printed weight of its position."""
    result = mcda.weights("rank_reciprocal", [2, 4, 1, 3])
    assert_printed(result.weights, [0.24, 0.12, 0.48, 0.16], 2, "rank reciprocal")
