"""VIKOR: multicriteria optimisation and compromise solution."""

from __future__ import annotations

import numpy as np

from alliancescore.params import Real

from ..method import Kernel, register_method
from ..ranking import rank_scores
from ..tables import ALTERNATIVES, CRITERIA, per_weights, table


def _rescale_rows(values: np.ndarray) -> np.ndarray:
    """``(v - min) / (max - min)`` per row, in place; rows without spread give 0 everywhere.

    A spread within round-off of the values (1e-12 relative) counts as none, so values that are
    equal in exact arithmetic are not blown up to 0 and 1 by their last bits.
    """
    lo = values.min(axis=1, keepdims=True)
    hi = values.max(axis=1, keepdims=True)
    span = hi - lo
    flat = span <= 1e-12 * np.maximum(np.abs(hi), np.abs(lo))
    values -= lo
    values *= np.where(flat, 0.0, 1.0 / np.where(flat, 1.0, span))
    return values


def _compromise(Q: np.ndarray, S: np.ndarray, R: np.ndarray) -> dict[str, np.ndarray]:
    """Compromise set per weight vector (Opricovic & Tzeng 2004, sec. 3, steps 4-5).

    a' is the best alternative by Q, a'' the second. C1 (acceptable advantage):
    ``Q(a'') - Q(a') >= DQ`` with ``DQ = 1/(n-1)``. C2 (acceptable stability): a' is also
    best by S or by R. Both hold: {a'}. Only C2 fails: {a', a''}. C1 fails: every a with
    ``Q(a) - Q(a') < DQ``.
    """
    n = Q.shape[1]
    compromise = np.zeros(Q.shape, dtype=bool)
    advantage = np.ones(Q.shape[0], dtype=bool)
    stability = np.ones(Q.shape[0], dtype=bool)
    if n == 1:
        compromise[:, 0] = True
        return {
            "compromise": compromise,
            "acceptable_advantage": advantage,
            "acceptable_stability": stability,
        }
    dq = 1.0 / (n - 1)
    rank_s = rank_scores(S, higher_is_better=False)
    rank_r = rank_scores(R, higher_is_better=False)
    for k in range(Q.shape[0]):  # detail tables only: a handful of weight vectors
        order = np.argsort(Q[k], kind="stable")
        first, second = order[0], order[1]
        advantage[k] = Q[k, second] - Q[k, first] >= dq
        stability[k] = rank_s[k, first] == 1 or rank_r[k, first] == 1
        if not advantage[k]:
            compromise[k] = Q[k] - Q[k, first] < dq
        elif not stability[k]:
            compromise[k, [first, second]] = True
        else:
            compromise[k, first] = True
    return {
        "compromise": compromise,
        "acceptable_advantage": advantage,
        "acceptable_stability": stability,
    }


@register_method(
    "vikor",
    higher_is_better=False,
    summary="Compromise ranking by Q (Opricovic & Tzeng 2004); lower Q is better",
    params={"v": Real(0.0, 1.0, hint="0.5 is consensus")},
    tables=[
        table("f_best", CRITERIA, caption="f*: each criterion's best value"),
        table("f_worst", CRITERIA, caption="f-: each criterion's worst value"),
        table("d", ALTERNATIVES, CRITERIA, caption="(f* - x) / (f* - f-): gap to the best"),
        per_weights("S", ALTERNATIVES, caption="group utility: sum_j w_j d_ij"),
        per_weights("R", ALTERNATIVES, caption="individual regret: max_j w_j d_ij"),
        per_weights("Q", ALTERNATIVES, caption="the VIKOR index (lower is better)"),
        per_weights("compromise", ALTERNATIVES, caption="in the compromise set"),
        per_weights("acceptable_advantage", caption="condition C1: acceptable advantage"),
        per_weights("acceptable_stability", caption="condition C2: acceptable stability"),
    ],
)
def vikor(X: np.ndarray, benefit: np.ndarray, *, v: float = 0.5) -> Kernel:
    """VIKOR index ``Q``: **lower is better** (ranks still give 1 to the best).

    With ``f*_j`` the best and ``f-_j`` the worst value of criterion j (max and min for a
    benefit criterion, min and max for a cost criterion) and ``d_ij = (f*_j - x_ij) /
    (f*_j - f-_j)``:

    - group utility ``S_i = sum_j w_j d_ij``;
    - individual regret ``R_i = max_j w_j d_ij``;
    - ``Q_i = v (S_i - S*) / (S- - S*) + (1 - v) (R_i - R*) / (R- - R*)`` with ``S* = min S``,
      ``S- = max S`` (likewise for R), and ``v`` the weight of the strategy of the majority of
      criteria (default 0.5, consensus).

    Degenerate cases, documented finite results: a criterion on which all alternatives are
    equal has ``d_ij = 0`` (it separates nobody); if all ``S`` (or all ``R``) are equal, their
    term in Q is 0 for everyone.

    Batched: ``S = W @ d.T``; ``R`` as a running maximum over criteria, one ``(s, n)`` array
    per criterion, so memory stays ``O(s n)``.

    Reference: Opricovic & Tzeng (2004), "Compromise solution by MCDM methods: A comparative
    analysis of VIKOR and TOPSIS", EJOR 156(2), 445-455, sec. 3.

    Tables: ``f_best``, ``f_worst (m,)``, ``d (n, m)``; per weight vector ``S``, ``R``, ``Q``
    (n,), ``compromise (n,) bool``, ``acceptable_advantage``, ``acceptable_stability`` (bool).
    """
    v = float(v)
    f_best = np.where(benefit, X.max(axis=0), X.min(axis=0))
    f_worst = np.where(benefit, X.min(axis=0), X.max(axis=0))
    span = f_best - f_worst
    d = (f_best - X) / np.where(span == 0, 1.0, span)
    d_t = np.ascontiguousarray(d.T)  # (m, n)

    def s_and_r(W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        S = W @ d_t
        R = np.multiply(W[:, :1], d_t[0])
        scratch = np.empty_like(R)
        for j in range(1, d_t.shape[0]):
            np.multiply(W[:, j : j + 1], d_t[j], out=scratch)
            np.maximum(R, scratch, out=R)
        return S, R

    def q_index(S: np.ndarray, R: np.ndarray) -> np.ndarray:
        """Q from S and R, overwriting both (callers that keep them pass copies)."""
        Q = _rescale_rows(S)
        Q *= v
        Q += (1.0 - v) * _rescale_rows(R)
        return Q

    def score(W: np.ndarray) -> np.ndarray:
        return q_index(*s_and_r(W))

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        S, R = s_and_r(W)
        Q = q_index(S.copy(), R.copy())
        return {"S": S, "R": R, "Q": Q, **_compromise(Q, S, R)}

    return Kernel(
        score,
        {"f_best": f_best, "f_worst": f_worst, "d": d},
        detail,
        # Counted generously: chunks of ~100-200 rows keep S, R and the scratch row in the
        # core's cache, which halves the time of the regret's running maximum.
        bytes_per_sample=8 * 20 * X.shape[0],
    )
