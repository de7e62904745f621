"""Weighted product model (WPM)."""

from __future__ import annotations

import numpy as np

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Options

from .._checks import first_bad_cell
from ..method import Kernel, register_method
from ..normalisation import NORMALISATIONS, normalise_oriented
from ..tables import ALTERNATIVES, CRITERIA, table
from .weighted_sum import ORIENTED_COST


@register_method(
    "weighted_product",
    higher_is_better=True,
    summary="Weighted product of normalised criteria (WPM)",
    params={"normalisation": Options(NORMALISATIONS), "cost": ORIENTED_COST},
    tables=[
        table(
            "normalised",
            ALTERNATIVES,
            CRITERIA,
            caption="r: each column normalised, cost columns oriented; the score is "
            "prod_j r_ij ** w_j",
        )
    ],
)
def weighted_product(
    X: np.ndarray, benefit: np.ndarray, *, normalisation: str = "max", cost: str | None = None
) -> Kernel:
    """Weighted product: ``score_i = prod_j r_ij ** w_j``, higher is better.

    Default normalisation is max (``x / max x``) with cost columns inverted before normalising
    (``min x / x``), which gives the same ranking as the classic form with exponent ``-w_j`` on
    cost criteria (Bridgman 1922; Miller & Starr 1969), because a positive column factor
    raised to ``w_j`` multiplies every alternative alike. Every normalised value must be
    positive: a zero would make the product zero whatever the other criteria say, so min-max
    normalisation (which maps the worst value to 0) is refused with a clear error.

    Batched in log space: ``exp(W @ log(R).T)``.

    Reference: Triantaphyllou (2000), *Multi-criteria Decision Making Methods: A Comparative
    Study*, Kluwer, sec. 2.2.2.

    Tables: ``normalised (n, m)``.
    """
    R = normalise_oriented(X, benefit, normalisation, cost)
    nonpositive = R <= 0
    if nonpositive.any():
        i, j = first_bad_cell(nonpositive)[0]
        raise AllianceScoreError(
            Problem(
                f"X[{i}, {j}]",
                "a strictly positive normalised value (the weighted product multiplies them)",
                f"{X[i, j]}, normalised to {R[i, j]} by {normalisation!r}",
                "A product cannot weigh a zero: the data must be strictly positive with "
                "normalisation 'max' or 'sum' (on a 0-1 value scale, where the worst "
                "alternative scores 0, use another method)",
            )
        )
    log_r = np.log(R)

    def score(W: np.ndarray) -> np.ndarray:
        return np.exp(W @ log_r.T)

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        return {}

    return Kernel(score, {"normalised": R}, detail, bytes_per_sample=8 * R.shape[0])
