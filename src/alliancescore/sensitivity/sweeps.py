"""Weight sweeps and switch points: move one criterion's (or one tree node's) weight from 0 to 1.

Parametrisation: for a group G of criteria (a single criterion, or the leaves under a tree
node) with profile weights ``w0``, the path is

    ``w(t) = t g + (1 - t) o``,  ``t`` in [0, 1],

where ``g`` is ``w0`` restricted to G and rescaled to sum to one, and ``o`` the rest likewise:
the group's total weight is ``t`` and every other weight keeps its share of the remainder (the
usual "others rescaled in proportion"). The profile itself sits at ``t0 = sum_{j in G} w0_j``.
If G (or the rest) has no weight at all, its members share equally.

Switch points are the ``t`` where two alternatives' scores cross. For methods whose scores
are linear in the weights (``Kernel.linear``: weighted sum, PROMETHEE II net flows) they are
exact: ``s(t) = c + t a`` per alternative, so pair (i, k) crosses at
``t = (c_k - c_i) / (a_i - a_k)`` (Mareschal 1988 for PROMETHEE). For the others they are
found numerically: sign changes of each pair's score difference on a grid, refined by
bisection to ``tol``; two crossings of one pair within one grid step can be missed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.mcda import prepare, rank_scores
from alliancescore.mcda._checks import as_weights
from alliancescore.mcda.method import Prepared

from ._crossings import bisect, grid_brackets, linear_crossings, tie_tolerance

__all__ = ["Sweep", "sweep", "sweep_path"]

DEFAULT_GRID = 201
DEFAULT_TOL = 1e-9


@dataclass(frozen=True)
class Sweep:
    """A weight sweep for one group of criteria.

    t : ``(g,)`` grid of the group's total weight; ``scores`` and ``ranks`` ``(g, n)`` on it.
    t0 : the group's weight in the profile.
    switches : ``(q, 3)`` rows ``(t, i, k)``: alternatives i and k swap order at t; sorted by t.
    exact : True when switch points are closed-form, False when numerical (to ``tol``).
    """

    group: tuple[int, ...]
    t0: float
    t: np.ndarray
    scores: np.ndarray
    ranks: np.ndarray
    switches: np.ndarray
    exact: bool
    tol: float


def sweep_path(w0: np.ndarray, group: Sequence[int]) -> tuple[np.ndarray, np.ndarray, float]:
    """``(g, o, t0)`` of the sweep parametrisation ``w(t) = t g + (1 - t) o``."""
    m = w0.size
    inside = np.zeros(m, dtype=bool)
    inside[list(group)] = True
    if inside.all():
        raise AllianceScoreError(
            Problem(
                "sweep group",
                "a proper subset of the criteria",
                "all criteria",
                "Sweeping every weight at once changes nothing after normalisation",
            )
        )
    g = np.where(inside, w0, 0.0)
    o = np.where(inside, 0.0, w0)
    g = g / g.sum() if g.sum() > 0 else inside / inside.sum()
    o = o / o.sum() if o.sum() > 0 else ~inside / (~inside).sum()
    return g, o, float(w0[inside].sum())


def _check_group(group: int | Sequence[int], m: int) -> tuple[int, ...]:
    members = (group,) if isinstance(group, int | np.integer) else tuple(group)
    bad = [j for j in members if not 0 <= int(j) < m]
    if not members or bad or len(set(members)) != len(members):
        raise AllianceScoreError(
            Problem("sweep group", f"distinct criterion indices in 0..{m - 1}", f"{members}")
        )
    return tuple(int(j) for j in members)


def _linear_switches(A: np.ndarray, g: np.ndarray, o: np.ndarray) -> np.ndarray:
    return linear_crossings(A, g, o)


def _numerical_switches(
    prepared: Prepared,
    g: np.ndarray,
    o: np.ndarray,
    grid: np.ndarray,
    scores: np.ndarray,
    tol: float,
) -> np.ndarray:
    # A bracket is a grid step where the pair's sign flips between its two grid points; pairs
    # in chunks, brackets bisected together in batches (see ._crossings).
    step, i, k, sign = grid_brackets(scores, tie_tolerance(scores))
    found = bisect(prepared, g, o, grid[step], grid[step + 1], i, k, sign.astype(float), tol)
    out = np.column_stack([found, i, k])
    return out[np.argsort(out[:, 0], kind="stable")]


def sweep(
    method: str,
    X: ArrayLike,
    weights: ArrayLike,
    benefit: ArrayLike | None = None,
    *,
    group: int | Sequence[int],
    grid: int = DEFAULT_GRID,
    tol: float = DEFAULT_TOL,
    params: Mapping[str, Any] | None = None,
    prepared: Prepared | None = None,
    switches: bool = True,
) -> Sweep:
    """Sweep the total weight of ``group`` from 0 to 1 (others rescaled in proportion).

    Returns score and rank trajectories on ``grid`` points and every switch point (exact for
    linear methods, else to ``tol``). Pass ``prepared`` to reuse a prepared method; with
    ``switches=False`` only the trajectories are computed (for charts: locating every
    crossing of every pair is the costly part for many alternatives). Memory stays bounded
    (pairs and brackets go in chunks, :mod:`._crossings`), but numerical switch points cost
    time in proportion to the crossings times ``n``: one TOPSIS sweep at 1,000 alternatives
    has some 250,000 crossings, a couple of minutes of bisection
    (``benchmarks/bench_memory.py``).
    """
    prepared = prepared or prepare(method, X, benefit, **dict(params or {}))
    W0, _ = as_weights(weights, prepared.n_criteria)
    members = _check_group(group, prepared.n_criteria)
    g, o, t0 = sweep_path(W0[0], members)
    t = np.linspace(0.0, 1.0, max(2, grid))
    path = t[:, np.newaxis] * g + (1.0 - t)[:, np.newaxis] * o
    scores = prepared.kernel.score(path)
    exact = prepared.kernel.linear is not None
    if not switches:
        found = np.empty((0, 3))
    elif exact:
        found = _linear_switches(prepared.kernel.linear, g, o)
    else:
        found = _numerical_switches(prepared, g, o, t, scores, tol)
    return Sweep(
        group=members,
        t0=t0,
        t=t,
        scores=scores,
        ranks=rank_scores(scores, prepared.higher_is_better),
        switches=found,
        exact=exact,
        tol=0.0 if exact else tol,
    )
