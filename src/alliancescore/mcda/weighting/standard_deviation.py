"""Standard-deviation weights: criteria whose (normalised) values spread more weigh more."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.params import Array, Nullable, Options, Text

from ._objective import (
    check_decision_matrix,
    constant_columns,
    minmax_oriented,
    weights_from_scores,
)
from .base import WeightResult, register_weighting

__all__ = ["SD_NORMALISATIONS", "standard_deviation"]

SD_NORMALISATIONS = ("minmax", "none")


@register_weighting(
    "standard_deviation",
    {
        "X": Array("a decision matrix (alternatives x criteria)"),
        "benefit": Nullable(Array("one bool per criterion (True = benefit)"), "for all benefit"),
        "normalisation": Options(SD_NORMALISATIONS),
        "name": Text(),
    },
)
def standard_deviation(
    X: ArrayLike,
    benefit: ArrayLike | None = None,
    normalisation: str = "minmax",
    name: str = "X",
) -> WeightResult:
    """Standard-deviation (SD) weights of the columns of ``X (n, m)``::

        r_ij = (x_ij - min_i x_ij) / (max_i x_ij - min_i x_ij)    (normalisation="minmax")
        sigma_j = sample standard deviation of r_.j               (ddof = 1)
        w_j = sigma_j / sum_k sigma_k

    **Direction does not matter:** cost criteria are oriented (``(max - x) / (max - min)``)
    like in CRITIC, but reflecting a column leaves its standard deviation unchanged, so
    ``benefit`` does not change the weights; it is accepted for a uniform call form.
    Min-max first is the default because a raw standard deviation is in the criterion's units
    (a criterion in dollars would outweigh one in percent). ``normalisation="none"`` takes
    the raw columns, for data already on one common scale (Sałabun, Wątróbski & Shekhovtsov
    2020 apply SD weights to values in [0, 1] this way). The ``n - 1`` divisor cancels in the
    weights; it matters only for the reported ``sigma``.

    A constant column weighs exactly 0; every column constant, or a single alternative:
    :class:`AllianceScoreError`. Any real values are accepted. Diagnostics: ``sigma``,
    ``normalisation``, ``constant`` (mask).

    References: Diakoulaki, Mavrotas & Papayannakis (1995), Computers & Operations Research
    22(7), 763-770 (SD as the contrast term of CRITIC); Mukhametzyanov (2021), "Specific
    character of objective methods for determining weights of criteria in MCDM problems:
    Entropy, CRITIC and SD", Decision Making: Applications in Management and Engineering
    4(2), 76-105.
    """
    matrix, mask = check_decision_matrix(X, benefit, name)
    n, m = matrix.shape
    constant = constant_columns(matrix)
    R = minmax_oriented(matrix, mask, constant) if normalisation == "minmax" else matrix
    sigma = R.std(axis=0, ddof=1) if n > 1 else np.zeros(m)
    sigma[constant] = 0.0
    w = weights_from_scores(sigma, constant, n, name)
    return WeightResult(
        "standard_deviation",
        w,
        {"sigma": sigma, "normalisation": normalisation, "constant": constant},
    )
