"""One contract, every registered score method (and its main parameter variants).

Properties: output shapes for one and many weight vectors; finiteness; a batch equals its rows
scored one by one; permuting alternatives permutes scores; rescaling a benefit criterion by a
positive constant keeps the ranking (where the method claims scale invariance); a dominating
alternative is never ranked below the one it dominates. A method opts out of a property only
with a stated reason in ``Method.contract_opt_outs`` (or, for a parameter variant, below).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancescore import mcda
from strategies import decision_problems, weight_batches

# (method, params, {property: reason it does not hold for these params})
VARIANTS: list[tuple[str, dict, dict[str, str]]] = [
    ("weighted_sum", {"normalisation": "vector"}, {}),
    ("weighted_sum", {"normalisation": "sum"}, {}),
    ("weighted_sum", {"normalisation": "max"}, {}),
    ("weighted_sum", {"normalisation": "minmax", "cost": "invert"}, {}),
    ("weighted_product", {"normalisation": "sum"}, {}),
    ("topsis", {"normalisation": "minmax"}, {}),
    ("topsis", {"normalisation": "max"}, {}),
    ("topsis", {"normalisation": "sum"}, {}),
    ("vikor", {"v": 0.0}, {}),
    ("vikor", {"v": 1.0}, {}),
    ("promethee_ii", {"flows": "sum"}, {}),
    (
        "promethee_ii",
        {
            "preference": ["linear", "vshape", "gaussian", "level", "ushape"] * 2,
            "q": 1.0,
            "p": 4.0,
            "s": 2.0,
        },
        {
            "scale_invariance": "thresholds are in the criterion's units; rescaling the criterion "
            "without them changes preferences"
        },
    ),
    ("waspas", {"lambda_": 0.0}, {}),
    ("waspas", {"lambda_": 1.0}, {}),
    ("codas", {"tau": 0.0}, {}),
    ("codas", {"tau": 0.05}, {}),
    # Bounds cover every value the strategies draw (0.25 to 15, plus up to 2.25 in the
    # dominance test), as SPOTIS requires.
    (
        "spotis",
        {"bounds": [[0.0, 20.0]] * 5},
        {
            "scale_invariance": "fixed bounds are in the criterion's units: rescaling the "
            "criterion without them moves its values outside the bounds"
        },
    ),
    (
        "spotis",
        {"bounds": [[0.0, 20.0]] * 5, "expected": [10.0] * 5},
        {
            "scale_invariance": "fixed bounds are in the criterion's units: rescaling the "
            "criterion without them moves its values outside the bounds",
            "dominance": "an expected solution point inside the bounds rewards closeness to "
            "it, so more of a benefit criterion can be worse",
        },
    ),
]

CASES = [(name, {}, dict(mcda.METHODS[name].contract_opt_outs)) for name in mcda.METHODS]
CASES += [
    (name, params, {**mcda.METHODS[name].contract_opt_outs, **extra})
    for name, params, extra in VARIANTS
]
IDS = [f"{name}{params}" for name, params, _ in CASES]


def _params_for(params: dict, m: int) -> dict:
    """Cut per-criterion parameter lists down to ``m`` criteria."""
    out = {}
    for key, value in params.items():
        out[key] = value[:m] if isinstance(value, list) else value
    return out


def test_every_registered_method_is_under_contract():
    assert {name for name, _, _ in CASES} == set(mcda.METHODS)
    assert len(mcda.METHODS) >= 5


@pytest.mark.parametrize(("method", "params", "opt_outs"), CASES, ids=IDS)
@given(problem=decision_problems(), data=st.data())
@settings(max_examples=40, deadline=None)
def test_shapes_finiteness_and_batch_equals_rows(method, params, opt_outs, problem, data):
    X, benefit = problem
    n, m = X.shape
    params = _params_for(params, m)
    W = data.draw(weight_batches(m))
    batch = mcda.evaluate(method, X, W, benefit, **params)
    assert batch.scores.shape == (W.shape[0], n)
    assert batch.ranks.shape == (W.shape[0], n)
    assert np.all(np.isfinite(batch.scores))
    assert batch.ranks.min() == 1 and batch.ranks.max() <= n
    for k, w in enumerate(W):
        one = mcda.evaluate(method, X, w, benefit, **params)
        assert one.scores.shape == (n,)
        np.testing.assert_allclose(batch.scores[k], one.scores, rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(batch.ranks[k], one.ranks)
    # Chunking changes nothing beyond round-off (BLAS may sum in another order per shape).
    chunked = mcda.evaluate(method, X, W, benefit, chunk_size=1, **params)
    np.testing.assert_allclose(chunked.scores, batch.scores, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(chunked.ranks, batch.ranks)


@pytest.mark.parametrize(("method", "params", "opt_outs"), CASES, ids=IDS)
@given(problem=decision_problems(), data=st.data())
@settings(max_examples=40, deadline=None)
def test_permuting_alternatives_permutes_scores(method, params, opt_outs, problem, data):
    X, benefit = problem
    params = _params_for(params, X.shape[1])
    W = data.draw(weight_batches(X.shape[1]))
    perm = data.draw(st.permutations(range(X.shape[0])))
    base = mcda.evaluate(method, X, W, benefit, **params)
    permuted = mcda.evaluate(method, X[perm], W, benefit, **params)
    np.testing.assert_allclose(permuted.scores, base.scores[:, perm], rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(permuted.ranks, base.ranks[:, perm])


@pytest.mark.parametrize(("method", "params", "opt_outs"), CASES, ids=IDS)
@given(
    problem=decision_problems(),
    data=st.data(),
    factor=st.sampled_from([0.001, 0.5, 3.0, 1000.0]),
)
@settings(max_examples=40, deadline=None)
def test_rescaling_a_benefit_criterion_keeps_the_ranking(
    method, params, opt_outs, problem, data, factor
):
    if "scale_invariance" in opt_outs:
        pytest.skip(opt_outs["scale_invariance"])
    X, benefit = problem
    params = _params_for(params, X.shape[1])
    benefit = benefit.copy()
    j = data.draw(st.integers(0, X.shape[1] - 1))
    benefit[j] = True
    W = data.draw(weight_batches(X.shape[1]))
    scaled = X.copy()
    scaled[:, j] *= factor
    base = mcda.evaluate(method, X, W, benefit, **params)
    after = mcda.evaluate(method, scaled, W, benefit, **params)
    np.testing.assert_array_equal(after.ranks, base.ranks)


@pytest.mark.parametrize(("method", "params", "opt_outs"), CASES, ids=IDS)
@given(problem=decision_problems(), data=st.data())
@settings(max_examples=40, deadline=None)
def test_dominating_alternative_never_ranked_below(method, params, opt_outs, problem, data):
    if "dominance" in opt_outs:
        pytest.skip(opt_outs["dominance"])
    X, benefit = problem
    n, m = X.shape
    params = _params_for(params, m)
    a, b = data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
    # Row b dominates row a: at least as good everywhere, strictly better on one criterion.
    steps = np.array(data.draw(st.lists(st.integers(0, 8), min_size=m, max_size=m)), float)
    steps[data.draw(st.integers(0, m - 1))] += 1
    X = X.copy()
    X[b] = np.where(benefit, X[a] + steps / 4, np.maximum(X[a] - steps / 4, 0.05))
    X[b] = np.where(benefit, X[b], np.minimum(X[b], X[a]))
    W = data.draw(weight_batches(m))
    result = mcda.evaluate(method, X, W, benefit, **params)
    assert np.all(result.ranks[:, b] <= result.ranks[:, a])
