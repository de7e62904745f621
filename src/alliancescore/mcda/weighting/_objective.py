"""Input checks and shared steps of the objective (data-driven) weighting schemes.

Objective schemes weigh a criterion by how much its values differ between alternatives. A
column whose spread is below round-off (``TIE_RTOL`` times its largest magnitude, the tolerance
``rank_scores`` uses for ties) is *constant*: it cannot tell alternatives apart and gets weight
exactly 0. When every column is constant (in particular with a single alternative) there is
nothing to derive weights from, and the schemes raise :class:`AllianceScoreError` rather than
invent equal weights.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem

from .._checks import as_benefit, as_matrix, first_bad_cell
from ..ranking import TIE_RTOL

__all__ = [
    "check_decision_matrix",
    "constant_columns",
    "minmax_oriented",
    "refuse_cells",
    "weights_from_scores",
]


def check_decision_matrix(
    X: ArrayLike, benefit: ArrayLike | None, name: str
) -> tuple[np.ndarray, np.ndarray]:
    """``X`` as a finite float matrix ``(n_alternatives, n_criteria)`` and the benefit mask."""
    matrix = as_matrix(X, name)
    return matrix, as_benefit(benefit, matrix.shape[1])


def refuse_cells(X: np.ndarray, bad: np.ndarray, name: str, expected: str, hint: str) -> None:
    """Raise one error naming the first offending cells of ``X`` if any ``bad`` cell exists."""
    if not bad.any():
        return
    raise AllianceScoreError(
        [Problem(f"{name}[{i}, {j}]", expected, f"{X[i, j]}", hint) for i, j in first_bad_cell(bad)]
    )


def constant_columns(X: np.ndarray) -> np.ndarray:
    """``(n_criteria,)`` True where a column's spread is within round-off of none."""
    spread = X.max(axis=0) - X.min(axis=0)
    return spread <= TIE_RTOL * np.abs(X).max(axis=0)


def minmax_oriented(X: np.ndarray, benefit: np.ndarray, constant: np.ndarray) -> np.ndarray:
    """Min-max normalised columns, higher is better: ``(x - min) / (max - min)`` for benefit,
    ``(max - x) / (max - min)`` for cost criteria; constant columns are 0."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(constant, 1.0, hi - lo)
    R = (X - lo) / span
    R = np.where(benefit, R, 1.0 - R)
    R[:, constant] = 0.0
    return R


def weights_from_scores(
    scores: np.ndarray, constant: np.ndarray, n_alternatives: int, name: str
) -> np.ndarray:
    """Rescale non-negative per-criterion scores to weights; constant columns weigh 0."""
    scores = np.where(constant, 0.0, np.maximum(scores, 0.0))
    total = scores.sum()
    if total <= 0:
        found = "a single alternative" if n_alternatives == 1 else "every column constant"
        raise AllianceScoreError(
            Problem(
                name,
                "at least one criterion whose values differ between alternatives",
                found,
                "Objective weights come from differences between alternatives; without any, "
                "use direct, AHP, BWM, SWARA or rank-based weights",
            )
        )
    return scores / total
