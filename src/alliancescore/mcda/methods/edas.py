"""EDAS: evaluation based on distance from average solution."""

from __future__ import annotations

import numpy as np

from alliancescore.errors import AllianceScoreError, Problem

from ..method import Kernel, register_method
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table

__all__ = ["edas"]


def _normalised_by_max(values: np.ndarray) -> np.ndarray:
    """``values / max`` per row; a row whose maximum is 0 (all zero) gives 0 everywhere."""
    top = values.max(axis=1, keepdims=True)
    return np.where(top > 0, values / np.where(top > 0, top, 1.0), 0.0)


@register_method(
    "edas",
    higher_is_better=True,
    summary="Appraisal score from distances to the average solution (Keshavarz Ghorabaee 2015)",
    tables=[
        table("average", CRITERIA, caption="AV: each criterion's average value"),
        table("PDA", ALTERNATIVES, CRITERIA, caption="positive distance from the average"),
        table("NDA", ALTERNATIVES, CRITERIA, caption="negative distance from the average"),
        per_weights("SP", ALTERNATIVES, caption="sum_j w_j PDA_ij"),
        per_weights("SN", ALTERNATIVES, caption="sum_j w_j NDA_ij"),
        per_weights("NSP", ALTERNATIVES, caption="SP / max SP"),
        per_weights("NSN", ALTERNATIVES, caption="1 - SN / max SN"),
    ],
)
def edas(X: np.ndarray, benefit: np.ndarray) -> Kernel:
    """EDAS appraisal score ``AS_i`` in [0, 1], higher is better.

    Steps (Keshavarz Ghorabaee, Zavadskas, Olfat & Turskis 2015):

    1. average solution ``AV_j = mean_i x_ij``;
    2. positive and negative distances from the average, relative to it:
       benefit ``PDA_ij = max(0, x_ij - AV_j) / AV_j``, ``NDA_ij = max(0, AV_j - x_ij) / AV_j``;
       cost criteria swap the two (below average is the good side). There is no normalisation
       and no inversion: costs are handled by **reversing the difference**;
    3. ``SP_i = sum_j w_j PDA_ij``, ``SN_i = sum_j w_j NDA_ij``;
    4. ``NSP_i = SP_i / max_k SP_k``, ``NSN_i = 1 - SN_i / max_k SN_k``;
    5. ``AS_i = (NSP_i + NSN_i) / 2``.

    Inputs: every column's average must be positive (the distances are relative to it); a
    column with a zero or negative average is refused with a clear error, unless the column is
    constant.

    Degenerate cases (documented finite results): a constant column has no distance from its
    average and contributes nothing (including an all-zero one). If no alternative is above
    average on any weighted criterion (``max SP = 0``; for example one alternative, or all
    alike) every ``NSP`` is 0; likewise ``max SN = 0`` gives ``NSN = 1``: the ratios' limits
    for an alternative with zero distance.

    Batched: ``SP = W @ PDA.T``, ``SN = W @ NDA.T``, then row maxima.

    Reference: Keshavarz Ghorabaee, Zavadskas, Olfat & Turskis (2015), "Multi-criteria
    inventory classification using a new method of evaluation based on distance from average
    solution (EDAS)", Informatica 26(3), 435-451.

    Tables: ``average (m,)``, ``PDA``, ``NDA (n, m)``; per weight vector ``SP``, ``SN``,
    ``NSP``, ``NSN``, each ``(n,)``.
    """
    constant = X.max(axis=0) == X.min(axis=0)
    average = X.mean(axis=0)
    unusable = ~constant & (average <= 0)
    if unusable.any():
        raise AllianceScoreError(
            [
                Problem(
                    f"X[:, {j}]",
                    "a positive column average (EDAS measures distances relative to the "
                    "average solution)",
                    f"average {average[j]:g}",
                    "Shift the criterion to positive values, or use a method on an interval "
                    "scale ('topsis', 'vikor', 'mabac')",
                )
                for j in np.flatnonzero(unusable)
            ]
        )
    scale = np.where(constant, 1.0, average)
    above = np.maximum(X - average, 0.0) / scale
    below = np.maximum(average - X, 0.0) / scale
    pda = np.where(benefit, above, below)
    nda = np.where(benefit, below, above)
    # A constant column is exactly average; round-off in the mean must not invent a distance.
    pda[:, constant] = 0.0
    nda[:, constant] = 0.0
    pda_t = np.ascontiguousarray(pda.T)  # (m, n)
    nda_t = np.ascontiguousarray(nda.T)

    def parts(W: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        sp = W @ pda_t
        sn = W @ nda_t
        return sp, sn, _normalised_by_max(sp), 1.0 - _normalised_by_max(sn)

    def score(W: np.ndarray) -> np.ndarray:
        _, _, nsp, nsn = parts(W)
        return 0.5 * (nsp + nsn)

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        sp, sn, nsp, nsn = parts(W)
        return {"SP": sp, "SN": sn, "NSP": nsp, "NSN": nsn}

    return Kernel(
        score,
        {"average": average, "PDA": pda, "NDA": nda},
        detail,
        bytes_per_sample=8 * 8 * X.shape[0],
    )
