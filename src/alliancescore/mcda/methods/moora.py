"""MOORA: multi-objective optimisation by ratio analysis (ratio system and reference point)."""

from __future__ import annotations

import numpy as np

from ..method import Kernel, register_method
from ..normalisation import normalise
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table

__all__ = ["moora_ratio", "moora_reference"]


def _ratios(X: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """``x_ij / sqrt(sum_i x_ij^2)``, cost columns left unoriented (the methods orient them)."""
    return normalise(X, benefit, "vector", cost="none")


@register_method(
    "moora_ratio",
    higher_is_better=True,
    summary="MOORA ratio system: weighted benefit ratios minus cost ratios (Brauers 2006)",
    tables=[
        table("normalised", ALTERNATIVES, CRITERIA, caption="x*: x / sqrt(sum x^2)"),
        table("signed", ALTERNATIVES, CRITERIA, caption="x*, negated on cost criteria"),
    ],
)
def moora_ratio(X: np.ndarray, benefit: np.ndarray) -> Kernel:
    """MOORA ratio system ``y_i``, higher is better (may be negative).

    Vector normalisation of the raw values, ``x*_ij = x_ij / sqrt(sum_i x_ij^2)`` (Brauers &
    Zavadskas 2006), then ``y_i = sum_{benefit j} w_j x*_ij - sum_{cost j} w_j x*_ij``.
    Costs are neither inverted nor reversed: they are **subtracted**. (Reversing them,
    ``1 - x*``, would shift every score by the same ``sum_cost w_j`` and give the same ranking,
    but not the published values.)

    Weights are the significance coefficients of the weighted ratio system; with equal
    weights the scores are the original unweighted ones divided by the number of criteria.

    Batched: ``y = W @ (X* * sign).T``, one matrix product (``Kernel.linear``).

    Degenerate cases (documented finite results): an all-zero column has no scale and
    contributes 0; a constant column adds the same amount to every score. Vector
    normalisation accepts negative values.

    References: Brauers & Zavadskas (2006), "The MOORA method and its application to
    privatization in a transition economy", Control and Cybernetics 35(2), 445-469;
    Brauers & Zavadskas (2010), "Project management by MULTIMOORA as an instrument for
    transition economies", Technological and Economic Development of Economy 16(1), 5-24
    (weights as significance coefficients).

    Tables: ``normalised (n, m)`` (``x*``), ``signed (n, m)`` (``x*``, negated on costs).
    """
    R = _ratios(X, benefit)
    signed = np.where(benefit, R, -R)
    signed_t = np.ascontiguousarray(signed.T)

    def score(W: np.ndarray) -> np.ndarray:
        return W @ signed_t

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        return {}

    return Kernel(
        score,
        {"normalised": R, "signed": signed},
        detail,
        bytes_per_sample=8 * X.shape[0],
        linear=signed,
    )


@register_method(
    "moora_reference",
    higher_is_better=False,
    summary="MOORA reference point: weighted Tchebycheff distance to the best ratios; lower is "
    "better",
    tables=[
        table("normalised", ALTERNATIVES, CRITERIA, caption="x*: x / sqrt(sum x^2)"),
        table("reference_point", CRITERIA, caption="r: each criterion's best ratio"),
        table("deviation", ALTERNATIVES, CRITERIA, caption="|r_j - x*_ij| (unweighted)"),
        per_weights("weighted_deviation", ALTERNATIVES, CRITERIA, caption="w_j |r_j - x*_ij|"),
    ],
)
def moora_reference(X: np.ndarray, benefit: np.ndarray) -> Kernel:
    """MOORA reference point ``d_i``: **lower is better** (ranks still give 1 to the best).

    Same vector-normalised ratios ``x*_ij`` as :func:`moora_ratio`. The reference point takes
    each criterion's best ratio, ``r_j = max_i x*_ij`` for a benefit criterion and ``min_i``
    for a cost criterion (direction enters only through this choice, as in TOPSIS). The score
    is the min-max metric of Tchebycheff, ``d_i = max_j w_j |r_j - x*_ij|``: an alternative's
    largest weighted regret against the reference point; the best alternative minimises it.

    Weights multiply the deviations (the weighted reference point of MULTIMOORA practice);
    with equal weights the ranking is the original unweighted one.

    Batched: ``|r - X*|`` is computed once; ``d`` is a running maximum over criteria, one
    ``(s, n)`` array per criterion, so memory stays ``O(s n)``.

    Degenerate cases (documented finite results): a criterion without spread has zero
    deviation for everyone and never sets the maximum above another's; one alternative, or
    alternatives alike on every weighted criterion, score 0.

    References: Brauers & Zavadskas (2006), "The MOORA method and its application to
    privatization in a transition economy", Control and Cybernetics 35(2), 445-469;
    Brauers & Zavadskas (2010), "Project management by MULTIMOORA as an instrument for
    transition economies", Technological and Economic Development of Economy 16(1), 5-24
    (weights as significance coefficients).

    Tables: ``normalised (n, m)``, ``reference_point (m,)`` (unweighted), ``deviation (n, m)``
    (``|r_j - x*_ij|``, unweighted); per weight vector ``weighted_deviation (n, m)``.
    """
    R = _ratios(X, benefit)
    reference = np.where(benefit, R.max(axis=0), R.min(axis=0))
    deviation = np.abs(reference - R)
    deviation_t = np.ascontiguousarray(deviation.T)  # (m, n)

    def score(W: np.ndarray) -> np.ndarray:
        worst = np.multiply(W[:, :1], deviation_t[0])
        scratch = np.empty_like(worst)
        for j in range(1, deviation_t.shape[0]):  # loop over criteria, not samples
            np.multiply(W[:, j : j + 1], deviation_t[j], out=scratch)
            np.maximum(worst, scratch, out=worst)
        return worst

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        return {"weighted_deviation": W[:, np.newaxis, :] * deviation[np.newaxis, :, :]}

    return Kernel(
        score,
        {"normalised": R, "reference_point": reference, "deviation": deviation},
        detail,
        bytes_per_sample=8 * 2 * X.shape[0],
    )
