"""WASPAS: weighted aggregated sum product assessment."""

from __future__ import annotations

import numpy as np

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Real

from .._checks import first_bad_cell
from ..method import Kernel, register_method
from ..normalisation import normalise
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table

__all__ = ["check_ratio_scale", "waspas"]


def check_ratio_scale(X: np.ndarray, benefit: np.ndarray, method: str) -> None:
    """Refuse values a ratio-scale method cannot take: negatives anywhere, zeros on costs.

    Shared by the methods that divide by column maxima or sums or invert cost values (WASPAS,
    CODAS, ARAS, COPRAS). Every offending cell is named (the first few of them).
    """
    bad = (X < 0) | (~benefit & (X <= 0))
    if not bad.any():
        return
    raise AllianceScoreError(
        [
            Problem(
                f"X[{i}, {j}]",
                f"a non-negative value, positive on a cost criterion ({method} works on ratios "
                "of values and inverts or divides by cost values)",
                f"{X[i, j]} on a {'benefit' if benefit[j] else 'cost'} criterion",
                "Shift the criterion to positive values, or use a method on an interval scale "
                "('topsis', 'vikor', 'mabac')",
            )
            for i, j in first_bad_cell(bad)
        ]
    )


@register_method(
    "waspas",
    higher_is_better=True,
    summary="Blend of weighted sum and weighted product (Zavadskas et al. 2012)",
    params={"lambda_": Real(0.0, 1.0, hint="0.5 blends the weighted sum and product equally")},
    tables=[
        table(
            "normalised",
            ALTERNATIVES,
            CRITERIA,
            caption="r: x / max x, cost columns min x / x",
        ),
        per_weights("weighted_sum", ALTERNATIVES, caption="Q1 = sum_j w_j r_ij"),
        per_weights("weighted_product", ALTERNATIVES, caption="Q2 = prod_j r_ij ** w_j"),
    ],
)
def waspas(X: np.ndarray, benefit: np.ndarray, *, lambda_: float = 0.5) -> Kernel:
    """WASPAS joint generalised criterion ``Q_i``, higher is better.

    Both parts use the same linear normalisation (Zavadskas et al. 2012): ``r_ij =
    x_ij / max_i x_ij`` for a benefit criterion and ``r_ij = min_i x_ij / x_ij`` for a cost
    criterion (costs **inverted before** normalising). Then

    - weighted sum ``Q1_i = sum_j w_j r_ij``;
    - weighted product ``Q2_i = prod_j r_ij ** w_j``;
    - ``Q_i = lambda_ * Q1_i + (1 - lambda_) * Q2_i``, ``lambda_`` in [0, 1] (default 0.5, the
      equal blend Zavadskas et al. start from; 1 is the weighted sum alone, 0 the product).

    Inputs: benefit values must be >= 0 and cost values > 0 (a clear error names the cell
    otherwise). A zero on a benefit criterion gives ``r = 0`` and so ``Q2 = 0`` for that
    alternative unless the criterion's weight is zero (``0 ** 0 = 1``).

    Degenerate cases (documented finite results): a criterion without spread carries no
    information. A constant column normalises to 1 for everyone; an all-zero benefit column has
    no scale and contributes 0 to ``Q1`` and a factor 1 to ``Q2`` for everyone.

    Batched: ``Q1 = W @ R.T``; ``Q2 = exp(W @ log(R).T)`` when every ``r > 0``, else a product
    over criteria of ``r_j ** w_j`` with one ``(s, n)`` array per criterion.

    References: Zavadskas, Turskis, Antucheviciene & Zakarevicius (2012), "Optimization of
    weighted aggregated sum product assessment", Elektronika ir Elektrotechnika 122(6), 3-6;
    Chakraborty, Zavadskas & Antucheviciene (2015), "Applications of WASPAS method as a
    multi-criteria decision-making tool", Economic Computation and Economic Cybernetics Studies
    and Research 49(1), 5-22.

    Tables: ``normalised (n, m)``; per weight vector ``weighted_sum`` (Q1) and
    ``weighted_product`` (Q2), each ``(n,)``.
    """
    lam = float(lambda_)
    check_ratio_scale(X, benefit, "waspas")
    R = normalise(X, benefit, "max", cost="invert")
    # An all-zero benefit column has no scale: 0 in the sum (the normalisation's convention),
    # and a neutral factor 1 in the product rather than a 0 that would erase every alternative.
    no_scale = R.max(axis=0) == 0
    R_product = np.where(no_scale, 1.0, R)
    R_t = np.ascontiguousarray(R.T)  # (m, n)
    all_positive = bool((R_product > 0).all())
    log_r_t = np.log(R_product.T) if all_positive else None

    def product_part(W: np.ndarray) -> np.ndarray:
        if log_r_t is not None:
            return np.exp(W @ log_r_t)
        # Zeros present: 0 ** w is 0 for w > 0 and 1 for w = 0, which log space cannot say.
        prod = np.power(R_product[:, 0], W[:, :1])
        factor = np.empty_like(prod)
        for j in range(1, R_product.shape[1]):
            np.power(R_product[:, j], W[:, j : j + 1], out=factor)
            prod *= factor
        return prod

    def parts(W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        sum_part = W @ R_t if lam > 0.0 else np.zeros((W.shape[0], R.shape[0]))
        prod_part = product_part(W) if lam < 1.0 else np.zeros_like(sum_part)
        return sum_part, prod_part

    def score(W: np.ndarray) -> np.ndarray:
        sum_part, prod_part = parts(W)
        return lam * sum_part + (1.0 - lam) * prod_part

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        return {"weighted_sum": W @ R_t, "weighted_product": product_part(W)}

    return Kernel(
        score,
        {"normalised": R},
        detail,
        bytes_per_sample=8 * 4 * R.shape[0],
        linear=R if lam == 1.0 else None,
    )
