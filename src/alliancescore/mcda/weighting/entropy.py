"""Shannon-entropy weights: criteria whose values are spread unevenly weigh more."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.params import Array, Nullable, Text

from ._objective import check_decision_matrix, constant_columns, refuse_cells, weights_from_scores
from .base import WeightResult, register_weighting

__all__ = ["entropy"]


@register_weighting(
    "entropy",
    {
        "X": Array("a decision matrix (alternatives x criteria)"),
        "benefit": Nullable(Array("one bool per criterion (True = benefit)"), "for all benefit"),
        "name": Text(),
    },
)
def entropy(X: ArrayLike, benefit: ArrayLike | None = None, name: str = "X") -> WeightResult:
    """Entropy weights of the columns of a decision matrix ``X (n, m)``.

    For each criterion j (n alternatives, natural logarithm, ``0 ln 0 = 0``)::

        p_ij = x_ij / sum_i x_ij
        E_j  = -(1 / ln n) sum_i p_ij ln p_ij        (0 <= E_j <= 1)
        d_j  = 1 - E_j                               (degree of diversification)
        w_j  = d_j / sum_k d_k

    **Cost criteria are not inverted.** ``benefit`` is accepted (and checked) for a uniform
    call form but does not enter: entropy measures how unevenly a column is spread, not in
    which direction it is good, and the sum-normalised proportions carry no direction.
    Inverting a cost column first (``1 / x``) would change its spread, hence its weight, not
    just its direction; the raw-data form is the one of Hwang & Yoon and of Zavadskas &
    Podvezko (2016), whose worked example (with cost criteria) it reproduces.

    Needs ``x >= 0`` (proportions): a negative cell is refused with the cell named. A constant
    column (all proportions ``1/n``, including all zeros) has ``E = 1`` and weight exactly 0.
    When every column is constant, or there is a single alternative (``ln 1 = 0``), no weight
    can be derived and :class:`AllianceScoreError` is raised. Diagnostics: ``entropy`` (E),
    ``diversification`` (d) and ``constant`` (mask).

    References: Shannon (1948), Bell System Technical Journal 27(3); Hwang & Yoon (1981),
    *Multiple Attribute Decision Making*, Springer, LNEMS 186; Zeleny (1982), *Multiple
    Criteria Decision Making*, McGraw-Hill; Zavadskas & Podvezko (2016), "Integrated
    determination of objective criteria weights in MCDM", IJITDM 15(2), 267-283.
    """
    matrix, _ = check_decision_matrix(X, benefit, name)
    refuse_cells(
        matrix,
        matrix < 0,
        name,
        "a non-negative value (entropy weights use proportions x / sum x)",
        "Shift or rescale the criterion to non-negative values, or use CRITIC or standard "
        "deviation weights, which accept negative data",
    )
    n = matrix.shape[0]
    constant = constant_columns(matrix)
    totals = matrix.sum(axis=0)
    # Constant columns (including all-zero ones, whose proportions are 0/0) are uniform.
    P = np.where(constant, 1.0 / n, matrix / np.where(constant, 1.0, totals))
    plogp = np.where(P > 0, P * np.log(np.where(P > 0, P, 1.0)), 0.0)
    # One alternative: ln n = 0 and every column is constant (E = 1, refused below).
    E = np.clip(-plogp.sum(axis=0) / np.log(n), 0.0, 1.0) if n > 1 else np.ones(matrix.shape[1])
    E[constant] = 1.0
    d = 1.0 - E
    w = weights_from_scores(d, constant, n, name)
    return WeightResult("entropy", w, {"entropy": E, "diversification": d, "constant": constant})
