"""CODAS: combinative distance-based assessment."""

from __future__ import annotations

import numpy as np

from alliancescore.params import Real

from ..method import Kernel, register_method
from ..normalisation import normalise
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table
from .waspas import check_ratio_scale

__all__ = ["codas"]


@register_method(
    "codas",
    higher_is_better=True,
    summary="Euclidean then taxicab distance from the negative-ideal (Keshavarz Ghorabaee 2016)",
    contract_opt_outs={
        "dominance": "the threshold function psi switches the taxicab term on or off by the "
        "Euclidean gap to each other alternative, so an alternative that is better everywhere "
        "but close in Euclidean distance to a third one can lose taxicab credit the dominated "
        "one keeps"
    },
    params={
        "tau": Real(
            0.0,
            text="a finite threshold >= 0 (Keshavarz Ghorabaee et al. suggest 0.01 to 0.05)",
        )
    },
    tables=[
        table("normalised", ALTERNATIVES, CRITERIA, caption="n: x / max x, cost columns min x / x"),
        table(
            "distance_unweighted",
            ALTERNATIVES,
            CRITERIA,
            caption="D = n - min n: gap to the negative-ideal before weighting",
        ),
        per_weights(
            "euclidean", ALTERNATIVES, caption="E: Euclidean distance from the negative-ideal"
        ),
        per_weights("taxicab", ALTERNATIVES, caption="T: taxicab distance from the negative-ideal"),
        per_weights(
            "relative_assessment",
            ALTERNATIVES,
            ALTERNATIVES,
            caption="h_ik: relative assessment of row i against column k",
        ),
    ],
)
def codas(X: np.ndarray, benefit: np.ndarray, *, tau: float = 0.02) -> Kernel:
    """CODAS assessment score ``H_i``, higher is better (sums to 0 over the alternatives).

    Steps (Keshavarz Ghorabaee, Zavadskas, Turskis & Antucheviciene 2016):

    1. linear normalisation, costs **inverted before** normalising: ``n_ij = x_ij / max_i
       x_ij`` for a benefit criterion, ``min_i x_ij / x_ij`` for a cost criterion;
    2. weighted ``r_ij = w_j n_ij``; negative-ideal ``ns_j = min_i r_ij``;
    3. Euclidean ``E_i = sqrt(sum_j (r_ij - ns_j)^2)`` and taxicab ``T_i = sum_j |r_ij -
       ns_j|`` distances from the negative-ideal;
    4. relative assessment ``h_ik = (E_i - E_k) + psi(E_i - E_k) (T_i - T_k)`` with
       ``psi(x) = 1`` if ``|x| >= tau`` and 0 otherwise; ``H_i = sum_k h_ik``.

    On ``psi``: the method is described as using the taxicab distance as a secondary measure
    for alternatives whose Euclidean distances are close, but the threshold function as
    printed switches the taxicab term on when they differ by at least ``tau``, and the paper's
    worked examples are computed that way (the published tests reproduce them). We follow the
    printed formula; the other reading changes the published scores (robot example: ``H_1 =
    0.1865`` instead of the printed 0.5122).

    ``tau`` (default 0.02; the paper suggests 0.01-0.05) is compared with distances on the
    weighted normalised scale, so it assumes weights that sum to one, as they do here.

    Inputs: benefit values must be >= 0 and cost values > 0 (a clear error names the cell
    otherwise). Degenerate cases (documented finite results): a criterion without spread is
    at the negative-ideal for everyone and contributes nothing; an all-zero benefit column has
    no scale and normalises to 0; one alternative scores 0.

    Dominance is not guaranteed (see ``contract_opt_outs``). ``tau`` is absolute: scaling every
    weight by a constant (adding a criterion, for instance) can switch ``psi`` for some pairs.

    Batched: with ``D_ij = n_ij - min_i n_ij`` (weight-free) and non-negative weights,
    ``r_ij - ns_j = w_j D_ij``, so ``E^2`` and ``T`` are weighted sums over criteria, computed
    criterion by criterion in a fixed order so that a batch and its rows agree to the last bit
    (``psi`` is a threshold: a last-bit difference must not flip it). The pairwise step then
    works on ``(s, n, n)`` arrays per chunk.

    Reference: Keshavarz Ghorabaee, Zavadskas, Turskis & Antucheviciene (2016), "A new
    combinative distance-based assessment (CODAS) method for multi-criteria decision-making",
    Economic Computation and Economic Cybernetics Studies and Research 50(3), 25-44.

    Tables: ``normalised (n, m)`` (``n_ij``), ``distance_unweighted (n, m)`` (``D``); per
    weight vector ``euclidean``, ``taxicab (n,)`` and ``relative_assessment (n, n)``.
    """
    threshold = float(tau)
    check_ratio_scale(X, benefit, "codas")
    N = normalise(X, benefit, "max", cost="invert")
    D = N - N.min(axis=0)
    n = X.shape[0]

    def distances(W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        squares = np.zeros((W.shape[0], n))
        taxicab = np.zeros((W.shape[0], n))
        scratch = np.empty_like(squares)
        for j in range(D.shape[1]):  # loop over criteria, not samples
            np.multiply(W[:, j : j + 1], D[:, j], out=scratch)
            taxicab += scratch
            scratch *= scratch
            squares += scratch
        return np.sqrt(squares, out=squares), taxicab

    def switched(euclidean: np.ndarray) -> np.ndarray:
        gap = euclidean[:, :, np.newaxis] - euclidean[:, np.newaxis, :]  # (s, n, n)
        np.abs(gap, out=gap)
        return (gap >= threshold).astype(np.float64)

    def assessment(euclidean: np.ndarray, taxicab: np.ndarray) -> np.ndarray:
        psi = switched(euclidean)
        # sum_k (E_i - E_k) + psi_ik (T_i - T_k), without the (s, n, n) table of T gaps.
        return (
            n * euclidean
            - euclidean.sum(axis=1, keepdims=True)
            + taxicab * psi.sum(axis=2)
            - np.matmul(psi, taxicab[:, :, np.newaxis])[:, :, 0]
        )

    def score(W: np.ndarray) -> np.ndarray:
        return assessment(*distances(W))

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        euclidean, taxicab = distances(W)
        psi = switched(euclidean)
        relative = (euclidean[:, :, np.newaxis] - euclidean[:, np.newaxis, :]) + psi * (
            taxicab[:, :, np.newaxis] - taxicab[:, np.newaxis, :]
        )
        return {"euclidean": euclidean, "taxicab": taxicab, "relative_assessment": relative}

    return Kernel(
        score,
        {"normalised": N, "distance_unweighted": D},
        detail,
        # gap (float), its bool mask and psi (float) per sample, plus a few (n,) rows.
        bytes_per_sample=17 * n * n + 8 * 6 * n,
    )
