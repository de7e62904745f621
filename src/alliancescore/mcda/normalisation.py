"""Column normalisations of a decision matrix, each a registered function.

Every normalisation maps each column of ``X (n_alternatives, n_criteria)`` to a comparable,
dimensionless scale. How **cost** criteria (less is better) are oriented is an explicit choice,
because it changes which alternative wins:

``"reverse"``
    normalise the raw column as if it were a benefit, then reflect it: ``r -> 1 - r``. For
    min-max this is the familiar ``(max - x) / (max - min)``.
``"invert"``
    invert the raw values first, ``x -> 1 / x`` (needs ``x > 0``), then normalise as a benefit.
    For max normalisation this is Hwang & Yoon's ``min(x) / x``.
``"none"``
    leave cost columns unoriented; for methods that treat direction themselves (TOPSIS picks the
    ideal point per column; VIKOR takes best and worst values).

Each normalisation has a default cost orientation (stated in its docstring and in
:data:`NORMALISATIONS`). After normalising, higher is better in every oriented column.

A column with no spread (constant for min-max, all zero for vector, sum and max) carries no
information: it is mapped to 0 for every alternative, so it adds the same (nothing) to every score.

References: Hwang & Yoon (1981), *Multiple Attribute Decision Making*, Springer, ch. 2-3 (vector
and linear scale transformations); Jahan & Edwards (2015), "A state-of-the-art survey on the
influence of normalization techniques in ranking", Materials & Design 65, 335-342.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.registry import Registry

from ._checks import first_bad_cell

__all__ = [
    "COST_ORIENTATIONS",
    "NORMALISATIONS",
    "Normalisation",
    "normalise",
    "normalise_oriented",
]

COST_ORIENTATIONS = ("reverse", "invert", "none")


@dataclass(frozen=True)
class Normalisation:
    """A registered column normalisation.

    ``scale(X)`` normalises every column as a benefit column and returns the scaled matrix and a
    mask of columns without spread; ``default_cost`` is the cost orientation used when none is
    given; ``requires_non_negative`` says whether the scale is a ratio scale that needs ``x >= 0``.
    """

    name: str
    scale: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
    default_cost: str
    requires_non_negative: bool
    summary: str


NORMALISATIONS: Registry[Normalisation] = Registry("normalisation")


def _safe_divide(numer: np.ndarray, denom: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    flat = denom == 0
    return numer / np.where(flat, 1.0, denom), flat


def _minmax(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = X.min(axis=0), X.max(axis=0)
    return _safe_divide(X - lo, hi - lo)


def _vector(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _safe_divide(X, np.sqrt((X * X).sum(axis=0)))


def _sum(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _safe_divide(X, X.sum(axis=0))


def _max(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _safe_divide(X, X.max(axis=0))


def _identity(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return X.copy(), np.zeros(X.shape[1], dtype=bool)


NORMALISATIONS.add(
    "identity",
    Normalisation(
        "identity",
        _identity,
        "reverse",
        False,
        "x as given, for values already on a 0-1 value scale (1 = best); cost default "
        "'reverse' = 1 - x. A constant column keeps its value.",
    ),
)
NORMALISATIONS.add(
    "minmax",
    Normalisation(
        "minmax",
        _minmax,
        "reverse",
        False,
        "(x - min) / (max - min); cost default 'reverse' = (max - x) / (max - min)",
    ),
)
NORMALISATIONS.add(
    "vector",
    Normalisation(
        "vector",
        _vector,
        "reverse",
        False,
        "x / sqrt(sum x^2) (Hwang & Yoon 1981); cost default 'reverse' = 1 - x / sqrt(sum x^2)",
    ),
)
NORMALISATIONS.add(
    "sum",
    Normalisation(
        "sum",
        _sum,
        "invert",
        True,
        "x / sum x; cost default 'invert' = (1/x) / sum(1/x)",
    ),
)
NORMALISATIONS.add(
    "max",
    Normalisation(
        "max",
        _max,
        "invert",
        True,
        "x / max x (linear scale, Hwang & Yoon 1981); cost default 'invert' = min x / x",
    ),
)


def normalise(
    X: np.ndarray,
    benefit: np.ndarray,
    method: str = "minmax",
    cost: str | None = None,
) -> np.ndarray:
    """Normalise the columns of ``X`` and orient cost columns.

    Parameters
    ----------
    X : (n_alternatives, n_criteria) float array, already checked finite.
    benefit : (n_criteria,) bool array, True for benefit criteria.
    method : a name in :data:`NORMALISATIONS`.
    cost : ``"reverse"``, ``"invert"`` or ``"none"``; ``None`` takes the method's default.

    Returns
    -------
    (n_alternatives, n_criteria) float array. Oriented columns: higher is better.
    """
    spec = NORMALISATIONS[method]
    cost = spec.default_cost if cost is None else cost
    if cost not in COST_ORIENTATIONS:
        raise AllianceScoreError(
            Problem(
                "cost",
                f"one of {', '.join(map(repr, COST_ORIENTATIONS))}",
                repr(cost),
            )
        )
    is_cost = ~benefit
    raw = X
    if cost == "invert" and is_cost.any():
        nonpositive = (X <= 0) & is_cost
        if nonpositive.any():
            cell = first_bad_cell(nonpositive)[0]
            raise AllianceScoreError(
                Problem(
                    f"X[{cell[0]}, {cell[1]}]",
                    "a positive value on a cost criterion oriented by 'invert' (1/x)",
                    f"{X[cell]}",
                    "Use cost='reverse', or shift the criterion to positive values",
                )
            )
        raw = np.where(is_cost, 1.0 / np.where(is_cost, X, 1.0), X)
    if spec.requires_non_negative and (raw < 0).any():
        cell = first_bad_cell(raw < 0)[0]
        raise AllianceScoreError(
            Problem(
                f"X[{cell[0]}, {cell[1]}]",
                f"non-negative values for the ratio-scale normalisation {method!r}",
                f"{X[cell]}",
                "Use normalisation='minmax' or 'vector', which accept negative values",
            )
        )
    R, flat = spec.scale(raw)
    if cost == "reverse":
        R = np.where(is_cost, 1.0 - R, R)
    R[:, flat] = 0.0
    return R


def normalise_oriented(
    X: np.ndarray, benefit: np.ndarray, method: str, cost: str | None
) -> np.ndarray:
    """:func:`normalise` for methods that add up oriented columns: refuses ``cost="none"``."""
    if cost == "none":
        raise AllianceScoreError(
            Problem(
                "cost",
                "'reverse' or 'invert' (this method needs every column oriented so that higher "
                "is better)",
                "'none'",
            )
        )
    return normalise(X, benefit, method, cost)
