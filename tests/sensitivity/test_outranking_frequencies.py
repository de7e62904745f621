"""How often an outranking relation holds under weight draws: the vectorised shares equal
the relations built one draw at a time with ``mcda.outrank``."""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore import sensitivity as sa


def _fixed(w: np.ndarray) -> sa.WeightSampler:
    return sa.WeightSampler(w.size, lambda rng, size: np.tile(w, (size, 1)), "fixed")


def _recorded(sampler: sa.WeightSampler, seed: int, n: int, block: int) -> np.ndarray:
    """The draws relation_frequencies makes: the same generator, the same blocks."""
    rng = np.random.default_rng(seed)
    draws, done = [], 0
    while done < n:
        k = min(block, n - done)
        draws.append(sampler.draw(rng, k))
        done += k
    return np.vstack(draws)


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("promethee_i", {"preference": "linear", "q": 0.05, "p": 0.3}),
        ("promethee_i", {}),
        ("electre_i", {"c_hat": 0.6, "d_hat": 0.4}),
    ],
)
def test_shares_equal_the_relations_built_draw_by_draw(method, params):
    rng = np.random.default_rng(11)
    X = rng.uniform(0, 1, (9, 5))
    X[4] = X[2]  # two equal alternatives: indifferent in every draw
    w0 = np.full(5, 0.2)
    nominal = mcda.outrank(method, X, w0, None, **params)
    sampler = sa.uniform_simplex(5)
    found = sa.relation_frequencies(nominal, X, sampler, 130, seed=5, block_size=40)
    draws = _recorded(sampler, 5, 130, 40)
    relations = [mcda.outrank(method, X, w, None, **params) for w in draws]
    expected = np.mean([r.outranks for r in relations], axis=0)
    np.testing.assert_allclose(found.outranks, expected, atol=1e-12)
    assert found.draws == 130
    if method == "promethee_i":
        np.testing.assert_allclose(found.kernel, np.mean([r.kernel for r in relations], axis=0))
    else:
        assert found.kernel is None
        assert "pairs only" in found.coverage


def test_one_weight_vector_gives_the_nominal_relation():
    X = np.random.default_rng(2).uniform(0, 1, (7, 4))
    w = np.array([0.4, 0.3, 0.2, 0.1])
    nominal = mcda.outrank("promethee_i", X, w)
    found = sa.relation_frequencies(nominal, X, _fixed(w), 50, seed=0)
    np.testing.assert_array_equal(found.outranks, nominal.outranks.astype(float))
    np.testing.assert_array_equal(found.kernel, nominal.kernel.astype(float))
    assert found.max_standard_error == 0.0


def test_electre_iii_is_stated_not_applicable():
    X = np.random.default_rng(3).uniform(0, 1, (5, 3))
    nominal = mcda.outrank("electre_iii", X, [0.5, 0.3, 0.2], q=0.05, p=0.2)
    found = sa.relation_frequencies(nominal, X, sa.uniform_simplex(3), 100, seed=0)
    assert not found.applicable and found.draws == 0
    assert found.coverage.startswith("not applicable: the distillations are sequential")
