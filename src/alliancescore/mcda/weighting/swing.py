"""Swing weights: points for the swing of each criterion from its worst to its best level."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Array, Text

from .base import WeightResult, register_weighting

__all__ = ["SWING_TOP", "swing"]

SWING_TOP = 100.0
"""The points of the most important swing (the anchor of the scale)."""


@register_weighting(
    "swing",
    {"points": Array("swing points per criterion, in (0, 100]"), "name": Text()},
)
def swing(points: ArrayLike, name: str = "points") -> WeightResult:
    """Swing weights (von Winterfeldt & Edwards 1986, sec. 8.5).

    The analyst imagines every criterion at its worst level, asks which one swing from worst to
    best would matter most, gives that swing 100 points, then rates every other criterion's
    swing against it with points in ``(0, 100]``. The weights are the points rescaled to sum to
    one::

        w_j = p_j / sum_i p_i

    ``points`` : ``(n,)`` the points by criterion. Exactly the scale's anchor is checked: each
    point in (0, 100], and the largest equal to 100 (the most important swing anchors the
    scale; without it the points are not swing points but plain direct weights). ``name`` is
    used in error messages. Diagnostics: ``points`` as given and ``anchor`` (the index of the
    criterion at 100; the first if several are).

    Reference: von Winterfeldt & Edwards (1986), *Decision Analysis and Behavioral Research*,
    Cambridge University Press, ch. 8.
    """
    try:
        p = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise AllianceScoreError(Problem(name, "swing points in (0, 100]", f"{error}")) from None
    if p.ndim != 1 or p.size == 0:
        raise AllianceScoreError(
            Problem(name, "a flat list of swing points, one per criterion", f"shape {p.shape}")
        )
    bad = ~np.isfinite(p) | (p <= 0) | (p > SWING_TOP)
    if bad.any():
        raise AllianceScoreError(
            [
                Problem(
                    f"{name}[{j}]",
                    "swing points in (0, 100] (100 = the most important swing)",
                    f"{p[j]:g}",
                    "Give the most important swing 100 and rate each other one against it",
                )
                for j in np.flatnonzero(bad)[:5]
            ]
        )
    if p.max() != SWING_TOP:
        raise AllianceScoreError(
            Problem(
                name,
                "the most important swing at 100 points (the anchor of the scale)",
                f"the largest at {p.max():g}",
                "Give the swing that matters most 100 points and rate the others against it",
            )
        )
    return WeightResult(
        "swing", p / p.sum(), {"points": p.copy(), "anchor": int(np.argmax(p == SWING_TOP))}
    )
