"""Variance-based importance of each weight (Sobol indices) for the ranks of the leaders.

Weights on the simplex are dependent (they sum to one), while Sobol indices assume
independent inputs. So the inputs are independent Gamma variables ``G_j ~ Gamma(alpha_j)``,
one per criterion, mapped onto the simplex by ``w = G / sum G``: with ``alpha = 1`` this is the
uniform distribution on the simplex, with ``alpha = c w0`` a Dirichlet around the profile's
weights. The index of criterion j is the share of output variance due to its own raw draw
``G_j``: the first-order index counts it alone, the total index with all its interactions
(through the normalisation every weight interacts with every other, so totals exceed firsts).

Outputs: the ranks of the ``k`` alternatives ranked best at the sampler's mean weights.
Estimators of Saltelli et al. (2010), "Variance based sensitivity analysis of model output.
Design and estimator for the total sensitivity index", Computer Physics Communications
181(2), 259-270, as implemented by ``scipy.stats.sobol_indices`` (``n (m + 2)`` evaluations,
one batched call).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.mcda import prepare, rank_scores

from . import _pairs
from ._pairs import chunk_size

__all__ = ["WeightImportance", "weight_importance"]


@dataclass(frozen=True)
class WeightImportance:
    """First-order and total Sobol indices, ``(k, m)``: one row per leading alternative."""

    alternatives: np.ndarray  # (k,) the alternatives whose ranks are the outputs
    first_order: np.ndarray
    total: np.ndarray
    n_evaluations: int
    seed: int
    inputs: str


def weight_importance(
    method: str,
    X: ArrayLike,
    benefit: ArrayLike | None = None,
    *,
    around: ArrayLike | None = None,
    concentration: float = 50.0,
    k: int = 3,
    n: int = 4096,
    expand: ArrayLike | None = None,
    seed: int = 0,
    params: Mapping[str, Any] | None = None,
) -> WeightImportance:
    """Sobol indices of each criterion weight for the ranks of the top ``k`` alternatives.

    Weights are uniform on the simplex, or, with ``around`` (the profile's weights), Dirichlet
    with total ``concentration``. ``n`` is rounded up to a power of two (scipy's requirement).
    Criteria with zero weight in ``around`` stay at zero and get indices of 0.

    ``expand`` (``(g, m)``) makes the inputs ``g`` groups of criteria (tree nodes): the
    criterion weights are ``w_groups @ expand``, each row of ``expand`` holding the group's
    fixed shares; ``around`` and the indices are then per group.
    """
    from scipy import stats  # here, not at import: scipy.stats costs ~0.5 s to load

    prepared = prepare(method, X, benefit, **dict(params or {}))
    E = np.eye(prepared.n_criteria) if expand is None else np.asarray(expand, dtype=np.float64)
    if E.ndim != 2 or E.shape[1] != prepared.n_criteria or np.any(E < 0):
        raise AllianceScoreError(
            Problem(
                "expand",
                f"a non-negative (groups, {prepared.n_criteria}) matrix",
                f"shape {E.shape}",
            )
        )
    m = E.shape[0]
    if around is None:
        alpha = np.ones(m)
        inputs = "uniform on the simplex (independent Gamma(1) draws, normalised)"
    else:
        w0 = np.asarray(around, dtype=np.float64)
        if w0.shape != (m,) or np.any(w0 < 0) or not np.isfinite(w0).all() or w0.sum() <= 0:
            raise AllianceScoreError(
                Problem("around", f"{m} non-negative weights with a positive sum", f"{around!r}")
            )
        alpha = concentration * w0 / w0.sum()
        inputs = f"Dirichlet around the weights, concentration {concentration:g}"
    active = np.flatnonzero(alpha > 0)
    if active.size < 2:
        raise AllianceScoreError(
            Problem("weights", "at least two criteria that can vary", f"{active.size}")
        )
    mean = alpha / alpha.sum()
    leaders = np.argsort(
        rank_scores(prepared.score(mean @ E), prepared.higher_is_better), kind="stable"
    )[: max(1, min(k, prepared.n_alternatives))]

    # Scores and ranks of all alternatives for tens of thousands of weight vectors would take
    # gigabytes with many alternatives; only the leaders' ranks are kept, so rows go in
    # slices within the scratch budget (a whole number of the kernel's own chunks, which
    # therefore sees the same batches as in one call).
    per_row = 48 * prepared.n_alternatives  # scores, order and ranks of one row
    rows = max(1, chunk_size(per_row, _pairs.SCRATCH_BYTES) // prepared.chunk_size())
    rows *= prepared.chunk_size()

    def ranks_of_leaders(g: np.ndarray) -> np.ndarray:  # g: (active, N)
        W = np.zeros((g.shape[1], m))
        W[:, active] = g.T
        W /= W.sum(axis=1, keepdims=True)
        WE = W @ E
        out = np.empty((leaders.size, WE.shape[0]))
        for start in range(0, WE.shape[0], rows):
            part = slice(start, start + rows)
            ranks = rank_scores(prepared.score(WE[part]), prepared.higher_is_better)
            out[:, part] = ranks[:, leaders].T
        return out

    n_pow2 = 1 << max(1, int(np.ceil(np.log2(max(n, 2)))))
    result = stats.sobol_indices(
        func=ranks_of_leaders,
        n=n_pow2,
        dists=[stats.gamma(a) for a in alpha[active]],
        rng=np.random.default_rng(seed),
    )
    first = np.zeros((leaders.size, m))
    total = np.zeros((leaders.size, m))
    # Constant outputs (a leader that never moves) give 0/0: no variance to apportion.
    first[:, active] = np.nan_to_num(np.atleast_2d(result.first_order), nan=0.0)
    total[:, active] = np.nan_to_num(np.atleast_2d(result.total_order), nan=0.0)
    return WeightImportance(
        alternatives=leaders,
        first_order=first,
        total=total,
        n_evaluations=n_pow2 * (active.size + 2),
        seed=seed,
        inputs=inputs,
    )
