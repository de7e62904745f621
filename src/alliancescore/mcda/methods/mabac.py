"""MABAC: multi-attributive border approximation area comparison."""

from __future__ import annotations

import numpy as np

from ..method import Kernel, register_method
from ..normalisation import normalise
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table

__all__ = ["mabac"]


@register_method(
    "mabac",
    higher_is_better=True,
    summary="Distance from the border approximation area (Pamučar & Ćirović 2015)",
    tables=[
        table("normalised", ALTERNATIVES, CRITERIA, caption="t: min-max, cost columns reversed"),
        table("border_unweighted", CRITERIA, caption="G: geometric mean of t + 1"),
        table("distance_unweighted", ALTERNATIVES, CRITERIA, caption="t + 1 - G"),
        per_weights("border_approximation_area", CRITERIA, caption="g = w G"),
        per_weights("distance", ALTERNATIVES, CRITERIA, caption="q = w (t + 1 - G)"),
    ],
)
def mabac(X: np.ndarray, benefit: np.ndarray) -> Kernel:
    """MABAC criterion function ``S_i = sum_j q_ij``, higher is better.

    Steps (Pamučar & Ćirović 2015):

    1. min-max normalisation, costs **reversed after** normalising: benefit
       ``t_ij = (x_ij - min) / (max - min)``, cost ``t_ij = (max - x_ij) / (max - min)``;
    2. weighted matrix ``v_ij = w_j (t_ij + 1)`` (the +1 keeps every entry positive, so the
       geometric mean below is defined);
    3. border approximation area ``g_j = (prod_i v_ij) ** (1/n)``, the geometric mean;
    4. distance from the border ``q_ij = v_ij - g_j``; ``S_i = sum_j q_ij``. Positive ``q``
       lies in the upper approximation area (towards the ideal), negative in the lower.

    Batched: ``g_j = w_j * G_j`` with ``G_j`` the geometric mean of ``t_ij + 1``, computed
    once, so ``S = W @ (T + 1 - G).T``: one matrix product (``Kernel.linear``).

    Degenerate cases (documented finite results): a criterion without spread normalises to 0
    for everyone, so ``t + 1 = G = 1`` and it contributes nothing; one alternative scores 0.
    Min-max normalisation accepts any finite values, negative ones included.

    Reference: Pamučar & Ćirović (2015), "The selection of transport and handling resources in
    logistics centers using Multi-Attributive Border Approximation area Comparison (MABAC)",
    Expert Systems with Applications 42(6), 3016-3028.

    Tables: ``normalised (n, m)`` (``t``), ``border_unweighted (m,)`` (``G``), ``distance_unweighted
    (n, m)`` (``t + 1 - G``); per weight vector ``border_approximation_area (m,)`` (``g``) and
    ``distance (n, m)`` (``q``).
    """
    T = normalise(X, benefit, "minmax", cost="reverse")
    shifted = T + 1.0
    border = np.exp(np.log(shifted).mean(axis=0))  # geometric mean of values in [1, 2]
    distance = shifted - border  # (n, m): q_ij / w_j
    distance_t = np.ascontiguousarray(distance.T)

    def score(W: np.ndarray) -> np.ndarray:
        return W @ distance_t

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        return {
            "border_approximation_area": W * border,
            "distance": W[:, np.newaxis, :] * distance[np.newaxis, :, :],
        }

    return Kernel(
        score,
        {"normalised": T, "border_unweighted": border, "distance_unweighted": distance},
        detail,
        bytes_per_sample=8 * X.shape[0],
        linear=distance,
    )
