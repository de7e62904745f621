"""Cross-check of the engine-breadth methods with pymcdm (a test-only dependency).

Agreement with a peer library is evidence that both implement the same formulas under the
stated conventions; it is no substitute for the published worked examples in
``tests/published/``. pymcdm 1.x conventions (read from its source) and how they map onto
``mcda.evaluate``:

- **WASPAS** ``WASPAS(linear_normalization, l)``: ``x / max``, costs ``min / x``, for both parts
  -> ours with ``lambda_ = l``.
- **COPRAS** ``COPRAS()``: its ``S+`` and ``S-`` (tables ``smax`` and ``smin``) are ours. Its
  relative significance is not: ``Q = S+ + (min S- * S-) / (S- * (min S- / S-))`` is
  elementwise and reduces to ``S+ + S-``, which lacks the sums over alternatives of
  Zavadskas et al. (1994) and ranks a larger cost sum higher. Only ``S+`` and ``S-`` are
  compared; the test below records the difference.
- **EDAS** ``EDAS()``: same formulas; pymcdm divides by ``max SP`` without a guard (random data
  here always have someone above and below average).
- **MABAC** ``MABAC(minmax_normalization)``: same; pymcdm maps a constant column to 1 where we
  map it to 0, which cancels in ``q = v - g``.
- **MOORA** ``MOORA()``: the ratio system (``moora_ratio``); pymcdm requires a cost criterion
  and has no reference-point variant.
- **ARAS** ``ARAS(sum_normalization)``: optimal row from the data, costs ``(1/x) / sum(1/x)``
  -> ours.
- **CODAS** ``CODAS(linear_normalization)``: tau fixed at 0.02 -> ours with the default tau.
- **SPOTIS** ``SPOTIS(bounds, esp)``: bounds as ``(m, 2)`` rows of ``(min, max)`` -> ours with
  ``bounds`` (and ``expected = esp``).

pymcdm is called with ``validation=False``: its validators only warn about dominated
alternatives and weights not summing to one, which these inputs trigger by design.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda

pymcdm = pytest.importorskip("pymcdm")
from pymcdm import methods as pm  # noqa: E402

SEEDS = range(12)


def _problem(seed: int, n: int = 7, m: int = 5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Strictly positive random data with distinct values per column, at least one cost and
    one benefit criterion, and weights summing to one."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(1.0, 100.0, size=(n, m))
    benefit = rng.random(m) < 0.5
    benefit[0], benefit[1] = True, False
    w = rng.dirichlet(np.ones(m))
    return X, benefit, w


def _types(benefit: np.ndarray) -> np.ndarray:
    return np.where(benefit, 1, -1)


def _tables(method, X: np.ndarray, w: np.ndarray, benefit: np.ndarray) -> dict:
    explained = method(X, w, _types(benefit), validation=False, verbose=True)
    return {table.desc.label: np.asarray(table.data) for table in explained.results}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("lam", [0.0, 0.3, 0.5, 1.0])
def test_waspas_matches_pymcdm(seed, lam):
    X, benefit, w = _problem(seed)
    ours = mcda.evaluate("waspas", X, w, benefit, lambda_=lam)
    theirs = pm.WASPAS(l=lam)(X, w, _types(benefit), validation=False)
    np.testing.assert_allclose(ours.scores, theirs, rtol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_copras_benefit_and_cost_sums_match_pymcdm(seed):
    X, benefit, w = _problem(seed)
    ours = mcda.evaluate("copras", X, w, benefit)
    theirs = _tables(pm.COPRAS(), X, w, benefit)
    np.testing.assert_allclose(ours.tables["S_plus"], theirs["smax"], rtol=1e-12)
    np.testing.assert_allclose(ours.tables["S_minus"], theirs["smin"], rtol=1e-12)


def test_pymcdm_copras_significance_is_the_plain_sum_of_s_plus_and_s_minus():
    """Recorded difference (see the module docstring): pymcdm 1.x's Q equals S+ + S-, ours
    follows Zavadskas et al. (1994). If pymcdm changes, this test says so and Q can be
    compared directly."""
    X, benefit, w = _problem(0)
    theirs = _tables(pm.COPRAS(), X, w, benefit)
    np.testing.assert_allclose(theirs["rel_sign"], theirs["smax"] + theirs["smin"], rtol=1e-12)
    ours = mcda.evaluate("copras", X, w, benefit)
    assert not np.allclose(ours.tables["Q"], theirs["rel_sign"])


@pytest.mark.parametrize("seed", SEEDS)
def test_edas_matches_pymcdm(seed):
    X, benefit, w = _problem(seed)
    ours = mcda.evaluate("edas", X, w, benefit)
    theirs = _tables(pm.EDAS(), X, w, benefit)
    np.testing.assert_allclose(ours.tables["SP"], theirs["sp"], rtol=1e-12)
    np.testing.assert_allclose(ours.tables["SN"], theirs["sn"], rtol=1e-12)
    np.testing.assert_allclose(ours.scores, theirs["appr_score"], rtol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_mabac_matches_pymcdm(seed):
    X, benefit, w = _problem(seed)
    ours = mcda.evaluate("mabac", X, w, benefit)
    theirs = _tables(pm.MABAC(), X, w, benefit)
    np.testing.assert_allclose(ours.tables["border_approximation_area"], theirs["baam"])
    np.testing.assert_allclose(ours.scores, theirs["pref"], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("seed", SEEDS)
def test_moora_ratio_matches_pymcdm(seed):
    X, benefit, w = _problem(seed)
    ours = mcda.evaluate("moora_ratio", X, w, benefit)
    theirs = pm.MOORA()(X, w, _types(benefit), validation=False)
    np.testing.assert_allclose(ours.scores, theirs, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("seed", SEEDS)
def test_aras_matches_pymcdm(seed):
    X, benefit, w = _problem(seed)
    ours = mcda.evaluate("aras", X, w, benefit)
    theirs = pm.ARAS()(X, w, _types(benefit), validation=False)
    np.testing.assert_allclose(ours.scores, theirs, rtol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_codas_matches_pymcdm(seed):
    X, benefit, w = _problem(seed)
    ours = mcda.evaluate("codas", X, w, benefit)
    theirs = _tables(pm.CODAS(), X, w, benefit)
    np.testing.assert_allclose(ours.tables["euclidean"], theirs["eucl"], rtol=1e-12)
    np.testing.assert_allclose(ours.tables["taxicab"], theirs["manh"], rtol=1e-12)
    np.testing.assert_allclose(ours.tables["relative_assessment"], theirs["rel_asses"], atol=1e-13)
    np.testing.assert_allclose(ours.scores, theirs["pref"], atol=1e-13)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("with_expected", [False, True])
def test_spotis_matches_pymcdm(seed, with_expected):
    X, benefit, w = _problem(seed)
    bounds = np.column_stack([np.zeros(X.shape[1]), np.full(X.shape[1], 120.0)])
    expected = np.full(X.shape[1], 50.0) if with_expected else None
    ours = mcda.evaluate("spotis", X, w, benefit, bounds=bounds, expected=expected)
    theirs = pm.SPOTIS(bounds, expected)(X, w, _types(benefit), validation=False)
    np.testing.assert_allclose(ours.scores, theirs, rtol=1e-12)
