"""ARAS: additive ratio assessment."""

from __future__ import annotations

import numpy as np

from ..method import Kernel, register_method
from ..normalisation import normalise
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table
from .waspas import check_ratio_scale

__all__ = ["aras"]


@register_method(
    "aras",
    higher_is_better=True,
    summary="Utility degree against an optimal alternative (Zavadskas & Turskis 2010)",
    tables=[
        table("optimal", CRITERIA, caption="x_0: the optimal alternative's raw values"),
        table(
            "normalised",
            ALTERNATIVES,
            CRITERIA,
            caption="r = x / sum x over the n + 1 rows, costs inverted first",
        ),
        table("normalised_optimal", CRITERIA, caption="r_0: the optimal row, normalised"),
        per_weights("S", ALTERNATIVES, caption="optimality function sum_j w_j r_ij"),
        per_weights("S_optimal", caption="S_0: the optimal alternative's optimality function"),
    ],
)
def aras(X: np.ndarray, benefit: np.ndarray) -> Kernel:
    """ARAS utility degree ``K_i = S_i / S_0`` in (0, 1], higher is better.

    Steps (Zavadskas & Turskis 2010):

    1. add the optimal alternative ``x_0j`` as an extra row: the best value of each criterion
       (``max_i x_ij`` for a benefit criterion, ``min_i x_ij`` for a cost criterion);
    2. costs **inverted before** normalising (``x -> 1/x``), then sum normalisation over the
       ``n + 1`` rows: ``r_ij = x_ij / sum_{i=0..n} x_ij``;
    3. optimality function ``S_i = sum_j w_j r_ij`` (``S_0`` for the optimal row);
    4. utility degree ``K_i = S_i / S_0``.

    Inputs: values must be >= 0, and > 0 on cost criteria (they are inverted); a clear error
    names the cell otherwise.

    Degenerate cases (documented finite results): a constant column adds the same
    ``w_j / (n + 1)`` to every ``S_i`` and to ``S_0``, which keeps the ranking; an all-zero
    benefit column has no scale and contributes 0; if every weighted column is all zero then
    ``S_0 = 0`` and every alternative equals the optimum: ``K = 1`` for all. One alternative is
    its own optimum, ``K = 1``.

    Batched: ``S = W @ R.T`` and ``S_0 = W @ r_0``, then one division.

    Reference: Zavadskas & Turskis (2010), "A new additive ratio assessment (ARAS) method in
    multicriteria decision-making", Technological and Economic Development of Economy 16(2),
    159-172.

    Tables: ``optimal (m,)`` (raw values of the added row), ``normalised (n, m)``,
    ``normalised_optimal (m,)``; per weight vector ``S (n,)`` and ``S_optimal`` (a number).
    """
    check_ratio_scale(X, benefit, "aras")
    optimal = np.where(benefit, X.max(axis=0), X.min(axis=0))
    # The optimal row goes last, so an error from normalise names the same cells as X.
    extended = normalise(np.vstack([X, optimal]), benefit, "sum", cost="invert")
    R, r_optimal = extended[:-1], extended[-1]
    R_t = np.ascontiguousarray(R.T)

    def optimality(W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return W @ R_t, W @ r_optimal

    def score(W: np.ndarray) -> np.ndarray:
        s, s_optimal = optimality(W)
        nothing_weighted = s_optimal <= 0.0
        if nothing_weighted.any():
            return np.where(
                nothing_weighted[:, np.newaxis],
                1.0,
                s / np.where(nothing_weighted, 1.0, s_optimal)[:, np.newaxis],
            )
        return s / s_optimal[:, np.newaxis]

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        s, s_optimal = optimality(W)
        return {"S": s, "S_optimal": s_optimal}

    return Kernel(
        score,
        {"optimal": optimal, "normalised": R, "normalised_optimal": r_optimal},
        detail,
        bytes_per_sample=8 * 3 * X.shape[0],
    )
