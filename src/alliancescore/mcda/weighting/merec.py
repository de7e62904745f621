"""MEREC weights: how much each criterion's removal changes the alternatives' performance."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.params import Array, Nullable, Text

from ._objective import check_decision_matrix, constant_columns, refuse_cells, weights_from_scores
from .base import WeightResult, register_weighting

__all__ = ["merec"]


@register_weighting(
    "merec",
    {
        "X": Array("a decision matrix (alternatives x criteria)"),
        "benefit": Nullable(Array("one bool per criterion (True = benefit)"), "for all benefit"),
        "name": Text(),
    },
)
def merec(X: ArrayLike, benefit: ArrayLike | None = None, name: str = "X") -> WeightResult:
    """MEREC (method based on the removal effects of criteria) weights of ``X (n, m)``.

    Steps (m criteria, natural logarithm)::

        n_ij = min_k x_kj / x_ij    benefit criteria
        n_ij = x_ij / max_k x_kj    cost criteria
        S_i   = ln(1 + (1/m) sum_j |ln n_ij|)             overall performance
        S'_ij = ln(1 + (1/m) sum_{k != j} |ln n_ik|)      performance without criterion j
        E_j   = sum_i |S'_ij - S_i|                       removal effect
        w_j   = E_j / sum_k E_k

    **Costs are handled by the normalisation, as in the paper:** ``n`` is a "smaller is
    better" scale in (0, 1] for both kinds (``min/x`` for benefit, ``x/max`` for cost), so the
    best value of every column maps to the smallest ``n`` and no column is inverted
    separately. The ``1/m`` factor keeps the full ``m`` when a criterion is removed (the
    paper's Eq. 4).

    Needs ``x > 0`` (ratios and logarithms): a zero or negative cell is refused with the cell
    named. A constant column has ``n = 1``, ``|ln n| = 0``, no removal effect and weight
    exactly 0; every column constant, or a single alternative: :class:`AllianceScoreError`.
    Diagnostics: ``normalised`` (n), ``performance`` (S), ``performance_without``
    (S', ``(n, m)``), ``removal_effect`` (E), ``constant`` (mask).

    Reference: Keshavarz-Ghorabaee, Amiri, Zavadskas, Turskis & Antucheviciene (2021),
    "Determination of objective weights using a new method based on the removal effects of
    criteria (MEREC)", Symmetry 13(4), 525.
    """
    matrix, mask = check_decision_matrix(X, benefit, name)
    refuse_cells(
        matrix,
        matrix <= 0,
        name,
        "a positive value (MEREC takes ratios and logarithms of the data)",
        "Shift the criterion to positive values (this changes the weights), or use CRITIC "
        "or standard deviation weights",
    )
    n_alternatives, m = matrix.shape
    constant = constant_columns(matrix)
    N = np.where(mask, matrix.min(axis=0) / matrix, matrix / matrix.max(axis=0))
    log_terms = np.abs(np.log(N))
    log_terms[:, constant] = 0.0
    row_totals = log_terms.sum(axis=1)
    S = np.log1p(row_totals / m)
    S_without = np.log1p((row_totals[:, np.newaxis] - log_terms) / m)
    E = np.abs(S_without - S[:, np.newaxis]).sum(axis=0)
    w = weights_from_scores(E, constant, n_alternatives, name)
    return WeightResult(
        "merec",
        w,
        {
            "normalised": N,
            "performance": S,
            "performance_without": S_without,
            "removal_effect": E,
            "constant": constant,
        },
    )
