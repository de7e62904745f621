"""SPOTIS: stable preference ordering towards ideal solution."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Array, Nullable

from .._checks import first_bad_cell
from ..method import Kernel, register_method
from ..tables import ALTERNATIVES, CRITERIA, Axis, table

__all__ = ["spotis"]


def _as_float_array(
    value: ArrayLike, name: str, shape: tuple[int, ...], meaning: str
) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise AllianceScoreError(
            Problem(f"spotis parameter {name!r}", f"numbers: {meaning}", f"{error}")
        ) from None
    if arr.shape != shape:
        raise AllianceScoreError(
            Problem(
                f"spotis parameter {name!r}",
                f"shape {shape}: {meaning}",
                f"shape {arr.shape}",
            )
        )
    bad = ~np.isfinite(arr)
    if bad.any():
        idx = first_bad_cell(bad)[0]
        raise AllianceScoreError(
            Problem(
                f"spotis parameter {name!r}",
                "finite numbers",
                f"{name}[{', '.join(map(str, idx))}] = {arr[idx]}",
            )
        )
    return arr


def _checked_bounds(X: np.ndarray, bounds: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    m = X.shape[1]
    arr = _as_float_array(
        bounds, "bounds", (m, 2), "one (min, max) pair per criterion, in the criterion's units"
    )
    low, high = arr[:, 0], arr[:, 1]
    problems = [
        Problem(
            f"spotis parameter 'bounds' for criterion {j}",
            "a lower bound below the upper bound",
            f"({low[j]:g}, {high[j]:g})",
        )
        for j in np.flatnonzero(~(low < high))
    ]
    outside = np.less(X, low) | np.greater(X, high)
    problems += [
        Problem(
            f"X[{i}, {j}]",
            f"a value within the bounds of criterion {j}, [{low[j]:g}, {high[j]:g}]",
            f"{X[i, j]}",
            "Widen the bounds: they should cover every value the criterion could take, not "
            "only the alternatives at hand",
        )
        for i, j in first_bad_cell(outside)
    ]
    if problems:
        raise AllianceScoreError(problems)
    return low, high


@register_method(
    "spotis",
    higher_is_better=False,
    summary="Distance to the expected solution point within fixed bounds (Dezert et al. "
    "2020); lower is better",
    params={
        "bounds": Nullable(
            Array("(m, 2) bounds: one (min, max) pair per criterion, in the criterion's units"),
            "for the data's column minima and maxima",
        ),
        "expected": Nullable(
            Array("(m,) expected values: one per criterion, within the bounds"),
            "for the ideal from the bounds",
        ),
    },
    tables=[
        table("bounds", CRITERIA, Axis("bound", ("min", "max")), caption="[S_min, S_max]"),
        table("expected", CRITERIA, caption="S*: the expected solution point"),
        table("distance", ALTERNATIVES, CRITERIA, caption="d = |x - S*| / (S_max - S_min)"),
    ],
)
def spotis(
    X: np.ndarray,
    benefit: np.ndarray,
    *,
    bounds: ArrayLike | None = None,
    expected: ArrayLike | None = None,
) -> Kernel:
    """SPOTIS score ``P_i``: a weighted distance, **lower is better** (ranks give 1 to the best).

    Steps (Dezert, Tchamova, Han & Tacnet 2020):

    1. bounds ``[S_min_j, S_max_j]`` per criterion, fixed by the analyst in the criterion's
       units, wide enough for any alternative that might ever be considered;
    2. the expected solution point ``S*_j``, by default the ideal from the bounds:
       ``S_max_j`` for a benefit criterion and ``S_min_j`` for a cost criterion (direction
       enters only through this choice; values are neither inverted nor reversed);
    3. normalised distances ``d_ij = |x_ij - S*_j| / (S_max_j - S_min_j)``, in [0, 1];
    4. ``P_i = sum_j w_j d_ij``.

    Rank-reversal free: with fixed bounds an alternative's score depends on its own values
    only, so adding or removing alternatives within the bounds never changes how the others
    compare. This holds **only with bounds given**. Without them (``bounds=None``, the
    default, so that the method runs on any matrix) the bounds are the data's column minima
    and maxima; then ``P_i = 1 - (weighted sum with min-max normalisation)``, and scores and
    ranks may change when alternatives are added or removed.

    ``bounds`` is ``(m, 2)``, one ``(min, max)`` pair per criterion, min < max, covering every
    value in ``X`` (a clear error names the offending cell or criterion). ``expected`` is
    ``(m,)`` within the bounds; with an expected point strictly inside the bounds SPOTIS
    rewards closeness to it, so more of a benefit is no longer always better.

    Degenerate cases (documented finite results): with bounds from the data, a constant
    column has no width and contributes 0 for everyone; one alternative scores 0.

    Batched: ``P = W @ d.T``, one matrix product (``Kernel.linear``).

    Reference: Dezert, Tchamova, Han & Tacnet (2020), "The SPOTIS rank reversal free method
    for multi-criteria decision-making support", 2020 IEEE 23rd International Conference on
    Information Fusion (FUSION), 1-8.

    Tables: ``bounds (m, 2)``, ``expected (m,)``, ``distance (n, m)`` (``d``, unweighted).
    """
    m = X.shape[1]
    if bounds is None:
        low, high = X.min(axis=0), X.max(axis=0)
    else:
        low, high = _checked_bounds(X, bounds)
    if expected is None:
        target = np.where(benefit, high, low)
    else:
        target = _as_float_array(
            expected, "expected", (m,), "one expected value per criterion, within the bounds"
        )
        off = (target < low) | (target > high)
        if off.any():
            raise AllianceScoreError(
                [
                    Problem(
                        f"spotis parameter 'expected' for criterion {j}",
                        f"a value within the bounds [{low[j]:g}, {high[j]:g}]",
                        f"{target[j]:g}",
                    )
                    for j in np.flatnonzero(off)
                ]
            )
    width = high - low
    # Only data-derived bounds can have no width (a constant column): it separates nobody.
    no_width = width == 0
    distance = np.abs(X - target) / np.where(no_width, 1.0, width)
    distance[:, no_width] = 0.0
    distance_t = np.ascontiguousarray(distance.T)

    def score(W: np.ndarray) -> np.ndarray:
        return W @ distance_t

    def detail(W: np.ndarray) -> dict[str, np.ndarray]:
        return {}

    return Kernel(
        score,
        {"bounds": np.column_stack([low, high]), "expected": target, "distance": distance},
        detail,
        bytes_per_sample=8 * X.shape[0],
        linear=distance,
    )
