"""TOPSIS: technique for order preference by similarity to the ideal solution."""

from __future__ import annotations

import numpy as np

from alliancescore.params import Options

from ..method import Kernel, register_method
from ..normalisation import NORMALISATIONS, normalise
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table


@register_method(
    "topsis",
    higher_is_better=True,
    summary="Relative closeness to the ideal solution (Hwang & Yoon 1981)",
    params={"normalisation": Options(NORMALISATIONS)},
    tables=[
        table(
            "normalised", ALTERNATIVES, CRITERIA, caption="r: each column normalised, unoriented"
        ),
        table("ideal", CRITERIA, caption="each column's best normalised value (unweighted)"),
        table("anti_ideal", CRITERIA, caption="each column's worst normalised value (unweighted)"),
        per_weights("weighted", ALTERNATIVES, CRITERIA, caption="v_ij = w_j r_ij"),
        per_weights("weighted_ideal", CRITERIA, caption="the ideal point of v"),
        per_weights("weighted_anti_ideal", CRITERIA, caption="the anti-ideal point of v"),
        per_weights("d_plus", ALTERNATIVES, caption="D+: Euclidean distance to the ideal"),
        per_weights("d_minus", ALTERNATIVES, caption="D-: Euclidean distance to the anti-ideal"),
    ],
)
def topsis(X: np.ndarray, benefit: np.ndarray, *, normalisation: str = "vector") -> Kernel:
    """TOPSIS relative closeness ``C_i = D-_i / (D+_i + D-_i)``, higher is better.

    Steps (Hwang & Yoon 1981, sec. 3.6): normalise each column without orienting it
    (default vector normalisation ``x / sqrt(sum x^2)``); weight it, ``v_ij = w_j r_ij``; the
    ideal point takes each column's best value (max for benefit, min for cost) and the
    anti-ideal its worst; ``D+`` and ``D-`` are Euclidean distances to them.

    Cost convention: direction enters only through the choice of ideal and anti-ideal values,
    the classic convention. It gives the same distances as reversing cost columns after
    normalising (``1 - r``); inverting cost values before normalising (``1/x``) would not, and
    is not offered here.

    Batched: with non-negative weights the weighted ideal is ``w * ideal`` for every weight
    vector, so ``D+^2 = (W*W) @ ((R - ideal)^2).T``: two matrix products for any number of
    weight vectors. If every alternative sits on both the ideal and the anti-ideal (all
    weighted columns constant), closeness is undefined and set to 0.5 for all: a tie.

    Reference: Hwang & Yoon (1981), *Multiple Attribute Decision Making: Methods and
    Applications*, Springer, pp. 128-134.

    Tables: ``normalised (n, m)``, ``ideal`` and ``anti_ideal (m,)`` (unweighted); per weight
    vector ``weighted (n, m)``, ``weighted_ideal``, ``weighted_anti_ideal (m,)``,
    ``d_plus``, ``d_minus (n,)``.
    """
    R = normalise(X, benefit, normalisation, cost="none")
    ideal = np.where(benefit, R.max(axis=0), R.min(axis=0))
    anti_ideal = np.where(benefit, R.min(axis=0), R.max(axis=0))
    n = R.shape[0]
    # Squared gaps to the ideal and the anti-ideal side by side, (m, 2n): one matrix product
    # gives both squared distances for a whole batch.
    squared_gaps = np.ascontiguousarray(np.vstack([(R - ideal) ** 2, (R - anti_ideal) ** 2]).T)

    def distances(W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        both = (W * W) @ squared_gaps
        # All terms are non-negative, so no round-off can make a square negative; sqrt in place.
        np.sqrt(both, out=both)
        return both[:, :n], both[:, n:]

    def closeness(d_plus: np.ndarray, d_minus: np.ndarray) -> np.ndarray:
        total = d_plus + d_minus
        if total.min() == 0:  # every weighted column constant for some row: tie at 0.5
            undefined = total == 0
            return np.where(undefined, 0.5, d_minus / np.where(undefined, 1.0, total))
        return np.divide(d_minus, total, out=total)

    def score(W: np.ndarray) -> np.ndarray:
        return closeness(*distances(W))

    to_ideal_sq = np.ascontiguousarray(squared_gaps[:, :n])
    to_both_sq = np.ascontiguousarray(squared_gaps[:, :n] + squared_gaps[:, n:])
    has_spread = ideal != anti_ideal

    def rank_key(W: np.ndarray) -> np.ndarray:
        # C = D- / (D+ + D-) increases with x = D- / D+, so D+^2 / (D+^2 + D-^2) =
        # 1 / (1 + x^2) decreases with it: the order of C, lower is better, in [0, 1],
        # without any square root. D+^2 + D-^2 comes from its own matrix product (the
        # squared distances are linear in W*W), which saves adding the two.
        W2 = W * W
        plus = W2 @ to_ideal_sq
        total = W2 @ to_both_sq
        # A row can only have a zero total if it weighs no criterion with any spread.
        blind = W2[:, has_spread].sum(axis=1) == 0
        if blind.any():
            total[blind] = 1.0
            plus[blind] = 0.5
        return np.divide(plus, total, out=plus)

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        d_plus, d_minus = distances(W)
        return {
            "weighted": W[:, np.newaxis, :] * R[np.newaxis, :, :],
            "weighted_ideal": W * ideal,
            "weighted_anti_ideal": W * anti_ideal,
            "d_plus": d_plus,
            "d_minus": d_minus,
        }

    return Kernel(
        score,
        {"normalised": R, "ideal": ideal, "anti_ideal": anti_ideal},
        detail,
        bytes_per_sample=8 * (3 * R.shape[0] + R.shape[1]),
        rank_key=rank_key,
    )
