"""Weighted sum (simple additive weighting, SAW)."""

from __future__ import annotations

import numpy as np

from alliancescore.params import Nullable, Options

from ..method import Kernel, register_method
from ..normalisation import NORMALISATIONS, normalise_oriented
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table

# Methods that add up oriented columns need every cost column oriented: 'none' is refused.
ORIENTED_COST = Nullable(
    Options(
        ("reverse", "invert"),
        text="'reverse' or 'invert' (this method needs every column oriented so that higher "
        "is better)",
    ),
    "for the normalisation's default",
)


@register_method(
    "weighted_sum",
    higher_is_better=True,
    summary="Weighted sum of normalised criteria (SAW)",
    params={"normalisation": Options(NORMALISATIONS), "cost": ORIENTED_COST},
    tables=[
        table(
            "normalised",
            ALTERNATIVES,
            CRITERIA,
            caption="r: each column normalised, cost columns oriented (higher is better)",
        ),
        per_weights("weighted", ALTERNATIVES, CRITERIA, caption="w_j r_ij, summed into the score"),
    ],
)
def weighted_sum(
    X: np.ndarray, benefit: np.ndarray, *, normalisation: str = "minmax", cost: str | None = None
) -> Kernel:
    """Weighted sum: ``score_i = sum_j w_j r_ij``, higher is better.

    ``r`` is ``X`` normalised column by column with cost columns oriented so that higher is
    better (default: min-max, costs reversed after normalising, ``(max - x) / (max - min)``;
    see :mod:`alliancescore.mcda.normalisation` for the alternatives). Weights sum to one, so
    scores lie in [0, 1] for min-max, max and vector-reversed normalisations.

    Batched: one matrix product ``W @ R.T``.

    Reference: Hwang & Yoon (1981), *Multiple Attribute Decision Making*, Springer, sec. 3.3
    (simple additive weighting); Fishburn (1967), "Additive utilities with incomplete product
    set", Operations Research 15(3).

    Tables: ``normalised (n, m)``; per weight vector ``weighted (n, m)`` = ``w_j r_ij``.
    """
    R = normalise_oriented(X, benefit, normalisation, cost)

    def score(W: np.ndarray) -> np.ndarray:
        return W @ R.T

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        return {"weighted": W[:, np.newaxis, :] * R[np.newaxis, :, :]}

    return Kernel(score, {"normalised": R}, detail, bytes_per_sample=8 * R.shape[0], linear=R)
