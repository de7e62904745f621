"""Input checks shared by every kernel: one clear error per problem, never a silent NaN.

Errors use :class:`alliancescore.errors.AllianceScoreError` and point at the offending cell
(``X[3, 1]``), so a caller can find it without reading the stack.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem

__all__ = ["as_benefit", "as_matrix", "as_weights", "first_bad_cell", "is_finite_number"]

# At most this many offending cells are listed in one error, so a huge bad array stays readable.
_MAX_LISTED = 5


def is_finite_number(value: object) -> bool:
    """True for a finite int or float (numpy's too); False for bools, strings, None, NaN, inf.

    For method parameters given as scalars, where ``float()`` would accept ``"0.5"`` or
    ``True`` without a word.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, int | float | np.integer | np.floating
    ):
        return False
    return bool(np.isfinite(value))


def first_bad_cell(bad: np.ndarray) -> list[tuple[int, ...]]:
    """Indices of the first few ``True`` cells of ``bad``, in row-major order."""
    return [tuple(int(i) for i in idx) for idx in np.argwhere(bad)[:_MAX_LISTED]]


def _cell(name: str, idx: tuple[int, ...]) -> str:
    return f"{name}[{', '.join(str(i) for i in idx)}]"


def as_matrix(X: ArrayLike, name: str = "X") -> np.ndarray:
    """The decision matrix as a float64 array of shape ``(n_alternatives, n_criteria)``.

    Rejects non-numeric input, wrong dimensionality, empty matrices and NaN or infinite cells
    (missing data must be decided on by the caller, never filled silently here).
    """
    try:
        arr = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise AllianceScoreError(
            Problem(name, "a numeric matrix (alternatives x criteria)", f"{error}")
        ) from None
    if arr.ndim != 2:
        raise AllianceScoreError(
            Problem(
                name,
                "a 2-D matrix of shape (n_alternatives, n_criteria)",
                f"an array of shape {arr.shape}",
                "Pass one row per alternative and one column per criterion",
            )
        )
    if arr.shape[0] < 1 or arr.shape[1] < 1:
        raise AllianceScoreError(
            Problem(name, "at least one alternative and one criterion", f"shape {arr.shape}")
        )
    bad = ~np.isfinite(arr)
    if bad.any():
        cells = first_bad_cell(bad)
        found = ", ".join(f"{_cell(name, c)} = {arr[c]}" for c in cells)
        raise AllianceScoreError(
            Problem(
                name,
                "finite numbers in every cell",
                f"{int(bad.sum())} non-finite cell(s): {found}",
                "Decide how missing data is handled (exclude the alternative, use a worst or "
                "neutral value) before scoring",
            )
        )
    return arr


def as_benefit(benefit: ArrayLike | None, n_criteria: int, name: str = "benefit") -> np.ndarray:
    """The benefit mask as a bool array of shape ``(n_criteria,)``; ``None`` means all benefit."""
    if benefit is None:
        return np.ones(n_criteria, dtype=bool)
    arr = np.asarray(benefit)
    if arr.shape != (n_criteria,):
        raise AllianceScoreError(
            Problem(
                name,
                f"one entry per criterion, shape ({n_criteria},)",
                f"shape {arr.shape}",
            )
        )
    if arr.dtype != bool:
        # Accept 1/0 and +1/-1 (pymcdm-style types) but nothing else.
        values = set(np.unique(arr).tolist())
        if values <= {0, 1}:
            arr = arr.astype(bool)
        elif values <= {-1, 1}:
            arr = arr == 1
        else:
            raise AllianceScoreError(
                Problem(
                    name,
                    "booleans (True = benefit, False = cost), 1/0 or +1/-1",
                    f"values {sorted(values)}",
                )
            )
    return arr.astype(bool, copy=False)


def as_weights(
    weights: ArrayLike, n_criteria: int, name: str = "weights"
) -> tuple[np.ndarray, bool]:
    """Weights as a float64 array of shape ``(n_samples, n_criteria)``, each row summing to one.

    Returns the array and whether the input was a single vector (so results can be returned
    with the caller's shape). Negative, NaN, infinite or all-zero rows are refused.
    """
    try:
        W = np.asarray(weights, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise AllianceScoreError(Problem(name, "numeric weights", f"{error}")) from None
    single = W.ndim == 1
    if single:
        W = W[np.newaxis, :]
    if W.ndim != 2 or W.shape[1] != n_criteria:
        raise AllianceScoreError(
            Problem(
                name,
                f"shape ({n_criteria},) or (n_samples, {n_criteria})",
                f"shape {np.shape(weights)}",
                "Give one weight per criterion (column of the decision matrix)",
            )
        )
    if W.shape[0] == 0:
        raise AllianceScoreError(Problem(name, "at least one weight vector", "none"))
    bad = ~np.isfinite(W) | (W < 0)
    if bad.any():
        cells = first_bad_cell(bad)
        shown = [c[1:] if single else c for c in cells]
        found = ", ".join(f"{_cell(name, s)} = {W[c]}" for s, c in zip(shown, cells, strict=True))
        raise AllianceScoreError(
            Problem(name, "finite, non-negative weights", found, "Weights express importance")
        )
    totals = W.sum(axis=1)
    zero = totals <= 0
    if zero.any():
        rows = np.flatnonzero(zero)[:_MAX_LISTED].tolist()
        where = name if single else f"{name}[{', '.join(map(str, rows))}]"
        raise AllianceScoreError(
            Problem(
                where,
                "at least one positive weight",
                "all weights zero",
                "Give some criterion a positive weight",
            )
        )
    return W / totals[:, np.newaxis], single
