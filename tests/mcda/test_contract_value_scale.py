"""The contract again, on what the analyst path actually feeds the methods.

Value-function outputs lie on a 0-1 scale with exact zeros and ones, ties and constant columns,
every indicator a benefit, and each method takes them with its analyst-path parameters
(``normalisation = "identity"`` where it normalises). Properties: finite scores, a batch equals
its rows, permuting alternatives permutes scores, and a dominating alternative is never ranked
below the one it dominates (unless the method opts out, with its reason).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from alliancescore import mcda
from alliancescore.analysis.scoring import analyst_params
from alliancescore.errors import AllianceScoreError
from strategies import weight_batches

# A product cannot weigh a zero: the weighted product refuses value-scale data (tested below).
METHODS = sorted(set(mcda.METHODS) - {"weighted_product"})


@st.composite
def value_matrices(draw: st.DrawFn) -> np.ndarray:
    n = draw(st.integers(2, 7))
    m = draw(st.integers(1, 5))
    V = draw(hnp.arrays(np.float64, (n, m), elements=st.integers(0, 4).map(lambda v: v / 4)))
    if draw(st.booleans()):
        V[:, draw(st.integers(0, m - 1))] = draw(st.sampled_from([0.0, 0.5, 1.0]))
    return V


@pytest.mark.parametrize("method", METHODS)
@given(V=value_matrices(), data=st.data())
@settings(max_examples=40, deadline=None)
def test_value_scale_contract(method, V, data):
    params = analyst_params(method, {})
    n, m = V.shape
    W = data.draw(weight_batches(m))
    batch = mcda.evaluate(method, V, W, None, **params)
    assert np.all(np.isfinite(batch.scores))
    one = mcda.evaluate(method, V, W[0], None, **params)
    np.testing.assert_allclose(batch.scores[0], one.scores, rtol=1e-12, atol=1e-12)
    perm = data.draw(st.permutations(range(n)))
    permuted = mcda.evaluate(method, V[perm], W, None, **params)
    np.testing.assert_allclose(permuted.scores, batch.scores[:, perm], rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(permuted.ranks, batch.ranks[:, perm])
    if "dominance" in mcda.METHODS[method].contract_opt_outs:
        return
    a, b = data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
    better = V.copy()
    better[b] = np.maximum(V[a], V[b])  # b at least as good as a everywhere
    result = mcda.evaluate(method, better, W, None, **params)
    assert np.all(result.ranks[:, b] <= result.ranks[:, a])


def test_weighted_product_refuses_value_scale_zeros_with_a_clear_message():
    V = np.array([[0.0, 1.0], [1.0, 0.5]])
    with pytest.raises(AllianceScoreError, match="use another method"):
        mcda.evaluate(
            "weighted_product", V, [0.5, 0.5], None, **analyst_params("weighted_product", {})
        )
