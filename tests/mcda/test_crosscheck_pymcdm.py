"""Cross-check with another implementation: pymcdm (a test-only dependency).

Agreement with a peer library is evidence that both implement the same formulas under the
stated conventions; it is no substitute for the published worked examples in
``tests/published/``. pymcdm 1.x conventions (read from its source) and how they map onto
``mcda.evaluate``:

- **Normalisations and cost columns.** pymcdm normalises each column with a function
  ``f(x, cost)`` that orients cost columns itself:
  ``minmax_normalization`` cost = ``(max - x) / (max - min)`` -> ``normalisation="minmax",
  cost="reverse"``; ``max_normalization`` cost = ``1 - x / max`` -> ``"max", cost="reverse"``;
  ``linear_normalization`` = ``x / max``, cost ``min / x`` -> ``"max", cost="invert"``;
  ``sum_normalization`` cost = ``(1/x) / sum(1/x)`` -> ``"sum", cost="invert"``;
  ``vector_normalization`` cost = ``1 - x / ||x||`` -> ``"vector", cost="reverse"``.
- **TOPSIS.** pymcdm orients cost columns while normalising (default min-max) and then takes
  the column maximum as the ideal; we normalise without orienting and take the minimum as the
  ideal of a cost column. For reversed orientations (``1 - r``) the distances are identical,
  so pymcdm ``TOPSIS(minmax_normalization)`` = ours ``normalisation="minmax"`` and
  ``TOPSIS(vector_normalization)`` = ours ``normalisation="vector"``.
- **VIKOR.** pymcdm's default uses no normalisation and turns a cost column into
  ``max(x) - x``; its ``(f* - f) / (f* - f-)`` is then ours exactly. ``v`` is the same
  parameter (default 0.5 in both). pymcdm refuses constant columns, so random data avoid them.
- **PROMETHEE II.** pymcdm divides flows by n - 1 (our default ``flows="mean"``); its
  ``usual``, ``ushape`` (q), ``vshape`` (p), ``level`` (q, p) and ``vshape_2`` (q, p) are our
  ``usual``, ``ushape``, ``vshape``, ``level`` and ``linear``; it has no Gaussian function.
- **Weighted sum / product.** pymcdm ``WSM`` and ``WPM`` default to ``sum_normalization``;
  WPM multiplies ``r ** w`` like ours.
- **AHP.** pymcdm ``AHP(matrix=A)()`` returns the principal eigenvector normalised to sum to
  one (ours with ``method="eigenvector"``); its ``get_cr()`` divides the same CI by the random
  indices of Tummala & Ling (1998), a table we do not ship, so CI is compared, not CR.

pymcdm is called with ``validation=False``: its validators only warn about dominated
alternatives and weights not summing to one, which these inputs trigger by design.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda

pymcdm = pytest.importorskip("pymcdm")
from pymcdm import methods as pm  # noqa: E402
from pymcdm import normalizations as pn  # noqa: E402
from pymcdm.weights.subjective import AHP as PymcdmAHP  # noqa: E402

SEEDS = range(12)

# A fixed published matrix (Papathanasiou & Ploskas 2018, facility location) with the second
# criterion turned into a cost so both orientations are exercised.
FIXED_X = np.array(
    [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]],
    dtype=float,
)
FIXED_BENEFIT = np.array([True, False, True, True])
FIXED_W = np.array([0.4, 0.3, 0.1, 0.2])


def _problem(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A random decision problem: strictly positive continuous data, mixed directions, and a
    batch of weight vectors drawn uniformly from the simplex (Dirichlet(1, ..., 1))."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 13))
    m = int(rng.integers(2, 8))
    X = rng.uniform(1.0, 100.0, size=(n, m))
    benefit = rng.random(m) < 0.6
    W = rng.dirichlet(np.ones(m), size=5)
    return X, benefit, W


CASES = [pytest.param(*_problem(seed), id=f"random-{seed}") for seed in SEEDS] + [
    pytest.param(FIXED_X, FIXED_BENEFIT, FIXED_W[np.newaxis, :], id="fixed-P&P-2018")
]


def _types(benefit: np.ndarray) -> np.ndarray:
    return np.where(benefit, 1, -1)


def _pymcdm_scores(make, X, W, benefit) -> np.ndarray:
    """pymcdm scores for each weight vector; ``make()`` builds a fresh method object (pymcdm's
    PROMETHEE keeps per-criterion preference functions in a one-shot generator)."""
    return np.array([make()(X, w, _types(benefit), validation=False) for w in W])


def _assert_same_order(ours: np.ndarray, theirs: np.ndarray, higher_is_better: bool) -> None:
    """Same ranking: our 1-based ranks order alternatives as pymcdm's scores do."""
    oriented = -theirs if higher_is_better else theirs
    np.testing.assert_array_equal(ours, mcda.rank_scores(oriented, higher_is_better=False))


@pytest.mark.parametrize(("X", "benefit", "W"), CASES)
@pytest.mark.parametrize(
    ("ours", "theirs"),
    [("minmax", pn.minmax_normalization), ("vector", pn.vector_normalization)],
)
def test_topsis_matches_pymcdm(X, benefit, W, ours, theirs):
    """TOPSIS closeness, batch of weight vectors: ``normalisation=ours`` vs pymcdm
    ``TOPSIS(theirs)`` (cost columns reversed by pymcdm; equivalent distances)."""
    res = mcda.evaluate("topsis", X, W, benefit, normalisation=ours)
    expected = _pymcdm_scores(lambda: pm.TOPSIS(theirs), X, W, benefit)
    np.testing.assert_allclose(res.scores, expected, rtol=1e-10, atol=1e-12)
    _assert_same_order(res.ranks, expected, higher_is_better=True)


@pytest.mark.parametrize(("X", "benefit", "W"), CASES)
@pytest.mark.parametrize("v", [0.0, 0.5, 0.625, 1.0])
def test_vikor_matches_pymcdm(X, benefit, W, v):
    """VIKOR Q (lower is better) for v in {0, 0.5, 0.625, 1}: pymcdm ``VIKOR(v=v)`` with its
    default (no normalisation, cost columns as ``max - x``)."""
    res = mcda.evaluate("vikor", X, W, benefit, v=v)
    expected = _pymcdm_scores(lambda: pm.VIKOR(v=v), X, W, benefit)
    np.testing.assert_allclose(res.scores, expected, rtol=1e-10, atol=1e-12)
    _assert_same_order(res.ranks, expected, higher_is_better=False)


def _thresholds(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-criterion indifference q and preference p from each column's spread."""
    spread = X.max(axis=0) - X.min(axis=0)
    return 0.1 * spread, 0.4 * spread


@pytest.mark.parametrize(("X", "benefit", "W"), CASES)
@pytest.mark.parametrize(
    ("ours", "theirs", "uses"),
    [
        ("usual", "usual", ""),
        ("ushape", "ushape", "q"),
        ("vshape", "vshape", "p"),
        ("level", "level", "qp"),
        ("linear", "vshape_2", "qp"),
    ],
)
def test_promethee_ii_matches_pymcdm(X, benefit, W, ours, theirs, uses):
    """PROMETHEE II net flows divided by n - 1 (``flows="mean"``) for each preference function
    pymcdm shares with us; thresholds per criterion from the column spread."""
    q, p = _thresholds(X)
    thresholds = {"q": q if "q" in uses else None, "p": p if "p" in uses else None}
    res = mcda.evaluate("promethee_ii", X, W, benefit, preference=ours, flows="mean", **thresholds)
    expected = _pymcdm_scores(lambda: pm.PROMETHEE_II(theirs, **thresholds), X, W, benefit)
    np.testing.assert_allclose(res.scores, expected, rtol=1e-10, atol=1e-12)
    _assert_same_order(res.ranks, expected, higher_is_better=True)


@pytest.mark.parametrize(("X", "benefit", "W"), CASES)
@pytest.mark.parametrize(
    ("normalisation", "cost", "theirs"),
    [
        ("minmax", "reverse", pn.minmax_normalization),
        ("max", "reverse", pn.max_normalization),
        ("max", "invert", pn.linear_normalization),
        ("sum", "invert", pn.sum_normalization),
        ("vector", "reverse", pn.vector_normalization),
    ],
)
def test_weighted_sum_matches_pymcdm(X, benefit, W, normalisation, cost, theirs):
    """Weighted sum for each pair of equivalent normalisations (see the module docstring)."""
    res = mcda.evaluate("weighted_sum", X, W, benefit, normalisation=normalisation, cost=cost)
    expected = _pymcdm_scores(lambda: pm.WSM(theirs), X, W, benefit)
    np.testing.assert_allclose(res.scores, expected, rtol=1e-10, atol=1e-12)
    _assert_same_order(res.ranks, expected, higher_is_better=True)


@pytest.mark.parametrize(("X", "benefit", "W"), CASES)
@pytest.mark.parametrize(
    ("normalisation", "cost", "theirs"),
    [
        ("sum", "invert", pn.sum_normalization),
        ("max", "invert", pn.linear_normalization),
    ],
)
def test_weighted_product_matches_pymcdm(X, benefit, W, normalisation, cost, theirs):
    """Weighted product ``prod r ** w`` with strictly positive normalised values."""
    res = mcda.evaluate("weighted_product", X, W, benefit, normalisation=normalisation, cost=cost)
    expected = _pymcdm_scores(lambda: pm.WPM(theirs), X, W, benefit)
    np.testing.assert_allclose(res.scores, expected, rtol=1e-10, atol=1e-300)
    _assert_same_order(res.ranks, expected, higher_is_better=True)


SAATY_SCALE = np.array(
    [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
)


def _pairwise(seed: int) -> np.ndarray:
    """A random reciprocal matrix of judgments on Saaty's 1/9..9 scale, order 3 to 9."""
    rng = np.random.default_rng(1000 + seed)
    n = int(rng.integers(3, 10))
    A = np.ones((n, n))
    upper = np.triu_indices(n, k=1)
    A[upper] = rng.choice(SAATY_SCALE, size=upper[0].size)
    A.T[upper] = 1.0 / A[upper]
    return A


@pytest.mark.parametrize("seed", SEEDS)
def test_ahp_eigenvector_matches_pymcdm(seed):
    """AHP principal-eigenvector weights and consistency index, random Saaty-scale matrices
    (consistent or not: the eigenvector is defined either way)."""
    A = _pairwise(seed)
    n = A.shape[0]
    ours = mcda.weights("ahp", A, method="eigenvector", ri_table="alonso_lamata2006")
    theirs = PymcdmAHP(matrix=A)
    np.testing.assert_allclose(ours.weights, theirs(), rtol=1e-9, atol=1e-12)
    ci_theirs = theirs.get_cr() * PymcdmAHP.RI_M[n - 1]
    assert ours.diagnostics["ci"] == pytest.approx(ci_theirs, rel=1e-9, abs=1e-12)


def test_ahp_fixed_matrix_matches_pymcdm():
    """The 4 x 4 criteria matrix of Papathanasiou & Ploskas (2018, ch. 5)."""
    A = np.array([[1, 1, 5, 3], [1, 1, 5, 3], [1 / 5, 1 / 5, 1, 1 / 3], [1 / 3, 1 / 3, 3, 1]])
    ours = mcda.weights("ahp", A, method="eigenvector")
    np.testing.assert_allclose(ours.weights, PymcdmAHP(matrix=A)(), rtol=1e-9, atol=1e-12)
