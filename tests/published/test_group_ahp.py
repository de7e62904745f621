"""Group AHP (AIJ, AIP): the published illustration that was reachable, and cross-checks.

The printed tables of a group-AHP worked example were **not reachable** from the stored
references while this was written: for Aguarón, Escobar, Moreno-Jiménez & Turón (2019),
"AHP-group decision making based on consistency", Mathematics 7(3), 242 (three decision
makers, four alternatives) and Forman & Peniwati (1998), EJOR 108(1), 165-169, only the
abstracts and introductions were available, not the matrices, priorities or consistency
ratios. So this file reproduces what was printed and checks the rest against independent
computations:

1. Saaty's published illustration of the reciprocity requirement (Aczél & Saaty 1983, as
   retold by Saaty's Decision Lens notes, "Combining group members' judgments", 2007): three
   people judge an apple 2, 3 and 4 times larger than an orange; the arithmetic mean 3 and
   the mean of the reciprocals 13/36 are not reciprocal, the geometric means 24^(1/3) and
   (1/24)^(1/3) are.
2. The group eigenvector against a power iteration written here (Saaty 1980: ``w`` is the
   limit of ``A^k e / |A^k e|``) and ``lambda_max`` against ``mean((A w) / w)``.
3. AIJ against geometric AIP on consistent matrices, where they coincide (Barzilai & Golany
   1994), to 1e-9.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore.mcda.group import aij, aip_geometric

THREE = np.array(
    [
        [[1, 3, 5, 2], [1 / 3, 1, 2, 1 / 2], [1 / 5, 1 / 2, 1, 1 / 3], [1 / 2, 2, 3, 1]],
        [[1, 2, 7, 3], [1 / 2, 1, 3, 1], [1 / 7, 1 / 3, 1, 1 / 4], [1 / 3, 1, 4, 1]],
        [[1, 4, 4, 1], [1 / 4, 1, 1, 1 / 3], [1 / 4, 1, 1, 1 / 2], [1, 3, 2, 1]],
    ]
)


def test_saaty_apple_and_orange_reciprocity():
    apple_over_orange = np.array([[[1, j], [1 / j, 1]] for j in (2.0, 3.0, 4.0)])
    group = aij(apple_over_orange).diagnostics["matrix"]
    assert group[0, 1] == pytest.approx(24 ** (1 / 3), rel=1e-12)  # 2.8845
    assert group[1, 0] == pytest.approx((1 / 24) ** (1 / 3), rel=1e-12)
    # The arithmetic mean fails the test: 3 against 13/36, not 1/3.
    assert np.mean([2, 3, 4]) * np.mean([1 / 2, 1 / 3, 1 / 4]) == pytest.approx(13 / 12)


def _power_iteration(A: np.ndarray, steps: int = 200) -> np.ndarray:
    w = np.full(A.shape[0], 1.0 / A.shape[0])
    for _ in range(steps):
        w = A @ w
        w /= w.sum()
    return w


def test_the_group_eigenvector_against_a_power_iteration():
    found = aij(THREE, [2, 1, 1])
    A = found.diagnostics["matrix"]
    expected = _power_iteration(A)
    np.testing.assert_allclose(found.weights, expected, rtol=1e-10)
    lambda_max = float(np.mean((A @ expected) / expected))
    assert found.diagnostics["lambda_max"] == pytest.approx(lambda_max, rel=1e-10)
    n = A.shape[0]
    assert found.diagnostics["cr"] == pytest.approx((lambda_max - n) / (n - 1) / 0.90, rel=1e-8)
    # The weighted geometric mean, cell by cell: voting 1/2, 1/4, 1/4.
    assert A[0, 2] == pytest.approx(5**0.5 * 7**0.25 * 4**0.25, rel=1e-12)


def test_aij_and_geometric_aip_coincide_on_consistent_matrices():
    P = np.array([[0.4, 0.3, 0.2, 0.1], [0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25]])
    stack = P[:, :, None] / P[:, None, :]
    voting = [1.0, 2.0, 3.0]
    np.testing.assert_allclose(
        aij(stack, voting).weights, aip_geometric(P, voting).weights, rtol=1e-9
    )
