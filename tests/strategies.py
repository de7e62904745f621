"""Shared Hypothesis strategies for decision problems."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp


@st.composite
def decision_problems(
    draw: st.DrawFn,
    min_alternatives: int = 2,
    max_alternatives: int = 7,
    min_criteria: int = 1,
    max_criteria: int = 5,
) -> tuple[np.ndarray, np.ndarray]:
    """A strictly positive decision matrix with a benefit mask.

    Values are whole numbers 1..60 divided by 4, so exact ties occur (they exercise tie
    handling) while distinct scores stay far apart compared with round-off.
    """
    n = draw(st.integers(min_alternatives, max_alternatives))
    m = draw(st.integers(min_criteria, max_criteria))
    X = draw(hnp.arrays(np.float64, (n, m), elements=st.integers(1, 60).map(lambda v: v / 4)))
    benefit = draw(hnp.arrays(np.bool_, (m,)))
    return X, benefit


@st.composite
def weight_batches(draw: st.DrawFn, m: int, max_samples: int = 6) -> np.ndarray:
    """``(s, m)`` non-negative weights, each row with at least one positive entry."""
    s = draw(st.integers(1, max_samples))
    W = draw(hnp.arrays(np.float64, (s, m), elements=st.integers(0, 20).map(float)))
    W[W.sum(axis=1) == 0, 0] = 1.0
    return W


SAATY_SCALE = tuple(sorted({float(v) for v in range(1, 10)} | {1.0 / v for v in range(2, 10)}))
"""Saaty's 1-9 scale and its reciprocals."""


@st.composite
def pairwise_matrices(draw: st.DrawFn, n: int) -> np.ndarray:
    """A reciprocal ``(n, n)`` pairwise matrix with judgments on Saaty's scale."""
    A = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            A[i, j] = draw(st.sampled_from(SAATY_SCALE))
            A[j, i] = 1.0 / A[i, j]
    return A


@st.composite
def analysts_judgments(
    draw: st.DrawFn, min_analysts: int = 1, max_analysts: int = 5, max_criteria: int = 6
) -> tuple[np.ndarray, np.ndarray]:
    """``(k, n, n)`` reciprocal matrices of k analysts over n criteria, and voting powers
    ``(k,)`` (whole numbers 1..5)."""
    k = draw(st.integers(min_analysts, max_analysts))
    n = draw(st.integers(2, max_criteria))
    stack = np.stack([draw(pairwise_matrices(n)) for _ in range(k)])
    voting = np.array([float(draw(st.integers(1, 5))) for _ in range(k)])
    return stack, voting
