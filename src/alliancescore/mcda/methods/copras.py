"""COPRAS: complex proportional assessment."""

from __future__ import annotations

import numpy as np

from ..method import Kernel, register_method
from ..normalisation import normalise
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table
from .waspas import check_ratio_scale

__all__ = ["copras"]


@register_method(
    "copras",
    higher_is_better=True,
    summary="Relative significance Q from benefit and cost sums (Zavadskas et al. 1994, 2007)",
    tables=[
        table("normalised", ALTERNATIVES, CRITERIA, caption="d = x / sum x (cost columns too)"),
        per_weights("S_plus", ALTERNATIVES, caption="S+: weighted sum over benefit criteria"),
        per_weights("S_minus", ALTERNATIVES, caption="S-: weighted sum over cost criteria"),
        per_weights("Q", ALTERNATIVES, caption="relative significance"),
        per_weights("utility_degree", ALTERNATIVES, caption="N = 100 Q / max Q (per cent)"),
    ],
)
def copras(X: np.ndarray, benefit: np.ndarray) -> Kernel:
    """COPRAS relative significance ``Q_i``, higher is better.

    Steps (Zavadskas, Kaklauskas & Šarka 1994; Zavadskas et al. 2007):

    1. sum normalisation of the raw values, ``d_ij = x_ij / sum_i x_ij``, weighted by ``w_j``.
       Cost criteria are neither inverted nor reversed: they are summed apart and enter the
       relative significance through the inverse of their sum;
    2. ``S+_i = sum_{benefit j} w_j d_ij`` and ``S-_i = sum_{cost j} w_j d_ij``;
    3. ``Q_i = S+_i + (S-_min * sum_k S-_k) / (S-_i * sum_k (S-_min / S-_k))``;
    4. utility degree ``N_i = 100 * Q_i / max_k Q_k`` (per cent; detail table).

    Inputs: values must be >= 0, and > 0 on cost criteria (``S-`` is a denominator); a clear
    error names the cell otherwise.

    Degenerate cases (documented finite results): with no cost criterion, or all weight on
    benefit criteria, every ``S-`` is 0 and ``Q = S+`` (the second term is dropped rather than
    left as 0/0). An all-zero benefit column has no scale and contributes 0. A constant
    column adds the same amount to every ``S+`` (or scales every ``S-`` alike): no ranking
    change.

    Batched: ``S+ = W @ (D * benefit).T`` and ``S- = W @ (D * cost).T``, then elementwise.

    References: Zavadskas, Kaklauskas & Šarka (1994), "The new method of multicriteria
    complex proportional assessment of projects", Technological and Economic Development of
    Economy 1(3), 131-139; Zavadskas, Kaklauskas, Peldschus & Turskis (2007),
    "Multi-attribute assessment of road design solutions by using the COPRAS method", The
    Baltic Journal of Road and Bridge Engineering 2(4), 195-203.

    Tables: ``normalised (n, m)`` (``d``, unweighted); per weight vector ``S_plus``,
    ``S_minus``, ``Q`` and ``utility_degree`` (per cent), each ``(n,)``.
    """
    check_ratio_scale(X, benefit, "copras")
    D = normalise(X, benefit, "sum", cost="none")
    benefit_part_t = np.ascontiguousarray((D * benefit).T)  # (m, n)
    cost_part_t = np.ascontiguousarray((D * ~benefit).T)

    def significance(W: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        s_plus = W @ benefit_part_t
        s_minus = W @ cost_part_t
        # Cost values are positive, so a row of S- is either all positive (some cost weight)
        # or all zero (none): then the cost term is dropped.
        no_cost = s_minus[:, :1] <= 0.0
        safe = np.where(no_cost, 1.0, s_minus)
        ratio = safe.min(axis=1, keepdims=True) / safe  # S-_min / S-_k, in (0, 1]
        cost_term = (
            safe.min(axis=1, keepdims=True)
            * safe.sum(axis=1, keepdims=True)
            / (safe * ratio.sum(axis=1, keepdims=True))
        )
        q = s_plus + np.where(no_cost, 0.0, cost_term)
        return s_plus, s_minus, q

    def score(W: np.ndarray) -> np.ndarray:
        return significance(W)[2]

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        s_plus, s_minus, q = significance(W)
        best = q.max(axis=1, keepdims=True)
        # Q is 0 for everyone only when all weight sits on all-zero columns: all equal, 100%.
        utility = np.where(best > 0, 100.0 * q / np.where(best > 0, best, 1.0), 100.0)
        return {
            "S_plus": s_plus,
            "S_minus": s_minus,
            "Q": q,
            "utility_degree": utility,
        }

    return Kernel(score, {"normalised": D}, detail, bytes_per_sample=8 * 6 * X.shape[0])
