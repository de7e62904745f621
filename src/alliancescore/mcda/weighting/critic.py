"""CRITIC weights: contrast (standard deviation) times conflict with the other criteria."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.params import Array, Nullable, Text

from ._objective import (
    check_decision_matrix,
    constant_columns,
    minmax_oriented,
    weights_from_scores,
)
from .base import WeightResult, register_weighting

__all__ = ["critic"]


@register_weighting(
    "critic",
    {
        "X": Array("a decision matrix (alternatives x criteria)"),
        "benefit": Nullable(Array("one bool per criterion (True = benefit)"), "for all benefit"),
        "name": Text(),
    },
)
def critic(X: ArrayLike, benefit: ArrayLike | None = None, name: str = "X") -> WeightResult:
    """CRITIC (criteria importance through intercriteria correlation) weights of ``X (n, m)``.

    Steps::

        r_ij = (x_ij - min_i x_ij) / (max_i x_ij - min_i x_ij)    benefit criteria
        r_ij = (max_i x_ij - x_ij) / (max_i x_ij - min_i x_ij)    cost criteria (oriented)
        sigma_j = sample standard deviation of r_.j               (ddof = 1)
        rho_jk  = Pearson correlation of r_.j and r_.k
        C_j = sigma_j * sum_k (1 - rho_jk)                        (information)
        w_j = C_j / sum_k C_k

    **Cost criteria are oriented first** (reflected, ``max - x``), as in the paper's "ideal
    point" transformation: reflecting a column flips the sign of its correlations, so it
    changes who conflicts with whom and therefore the weights. ``sigma`` uses ``n - 1`` (the
    divisor cancels in the weights; it only matters for the reported sigma).

    Constant columns: the correlation of a constant column is undefined (0/0). Such a column
    carries no information, so it is **left out** of the correlation sums and weighs exactly
    0; the other weights are those of the matrix without it. The reported correlation matrix
    holds 0 off the diagonal (1 on it) for a constant column, never NaN. A single informative
    criterion (its conflict term is 0 for want of others) takes all the weight; informative
    criteria that are all perfectly correlated (no conflict anywhere, C = 0 for all) are
    weighted by their contrast sigma alone. Every column constant, or a single alternative:
    :class:`AllianceScoreError`. Any real values are accepted
    (min-max handles negatives). With two alternatives every correlation is +-1.

    Diagnostics: ``normalised`` (r), ``sigma``, ``correlation``, ``information`` (C),
    ``constant`` (mask).

    Reference: Diakoulaki, Mavrotas & Papayannakis (1995), "Determining objective weights in
    multiple criteria problems: the CRITIC method", Computers & Operations Research 22(7),
    763-770.
    """
    matrix, mask = check_decision_matrix(X, benefit, name)
    n, m = matrix.shape
    constant = constant_columns(matrix)
    R = minmax_oriented(matrix, mask, constant)
    sigma = R.std(axis=0, ddof=1) if n > 1 else np.zeros(m)
    sigma[constant] = 0.0
    informative = ~constant
    correlation = np.eye(m)
    if informative.sum() > 1:
        correlation[np.ix_(informative, informative)] = np.corrcoef(R[:, informative], rowvar=False)
    # Sum over informative columns only: a constant column conflicts with nothing.
    conflict = ((1.0 - correlation) * informative[np.newaxis, :]).sum(axis=1)
    information = sigma * conflict
    if informative.sum() == 1:
        # One criterion conflicts with nothing (C = sigma * 0): it is the only one that tells
        # alternatives apart, so it takes all the weight.
        w = informative.astype(np.float64)
    elif informative.any() and information[informative].sum() <= 1e-12 * sigma.max():
        # Every informative criterion is perfectly correlated with every other (always so
        # with two alternatives when they vary the same way): no conflict anywhere, so the
        # conflict factor cannot tell them apart and contrast (sigma) alone weighs them.
        w = weights_from_scores(sigma, constant, n, name)
    else:
        w = weights_from_scores(information, constant, n, name)
    return WeightResult(
        "critic",
        w,
        {
            "normalised": R,
            "sigma": sigma,
            "correlation": correlation,
            "information": information,
            "constant": constant,
        },
    )
