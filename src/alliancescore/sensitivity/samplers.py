"""Weight samplers for stochastic multicriteria acceptability analysis (SMAA).

A sampler draws ``(size, n_criteria)`` weight vectors on the simplex (non-negative, rows summing
to one) from a ``numpy.random.Generator``. Each is exact unless its docstring says otherwise:

- :func:`uniform_simplex`: uniform over the whole simplex (no preference information);
- :func:`dirichlet_around`: concentrated around the analyst's weights;
- :func:`within_intervals`: uniform over the simplex cut by per-weight bounds;
- :func:`ordinal`: uniform over the weights consistent with an importance order;
- :func:`hierarchical`: one of the above at every node of a criteria tree, multiplied down;
- :func:`mixture`: a mixture of samplers (several analysts: pick one, then draw around
  their weights).

The names and parameters are declared once, in :data:`alliancescore.settings.SAMPLERS` (the
one list the command line, the profile reader and the analysis read); each function here binds
itself to its entry, so its declared parameters are checked before it runs.

Uniform-then-normalise (``u / u.sum()`` with ``u ~ U(0, 1)^m``) is *not* uniform on the
simplex; normalised exponentials are (Rubinstein 1982; equivalently Dirichlet(1, ..., 1)).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.mcda import weights as derive_weights
from alliancescore.settings import SAMPLERS, SETTINGS

__all__ = [
    "SAMPLERS",
    "WeightSampler",
    "dirichlet_around",
    "hierarchical",
    "mixture",
    "ordinal",
    "uniform_simplex",
    "within_intervals",
]


@dataclass(frozen=True)
class WeightSampler:
    """Draws weight vectors: ``draw(rng, size) -> (size, n_criteria)``.

    ``description`` says in words what is sampled (it goes into reports); ``mean`` is the
    expected weight vector where known in closed form (used to pick the alternatives whose
    pairwise winning indices are reported when there are too many for all pairs).
    """

    n_criteria: int
    draw: Callable[[np.random.Generator, int], np.ndarray] = field(repr=False)
    description: str
    mean: np.ndarray | None = field(default=None, repr=False)


def _uniform_rows(rng: np.random.Generator, size: int, m: int) -> np.ndarray:
    """Uniform on the simplex: normalised standard exponentials (Rubinstein 1982)."""
    e = rng.standard_exponential((size, m))
    e /= e.sum(axis=1, keepdims=True)
    return e


def _as_vector(values: ArrayLike, name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim != 1 or arr.size == 0 or not np.all(np.isfinite(arr)):
        raise AllianceScoreError(
            Problem(name, "a flat list of finite numbers, one per criterion", f"{values!r}")
        )
    return arr


@SAMPLERS["uniform"].implemented_by
def uniform_simplex(n_criteria: int) -> WeightSampler:
    """Uniform over the simplex ``{w >= 0, sum w = 1}``: no preference information."""
    return WeightSampler(
        n_criteria,
        lambda rng, size: _uniform_rows(rng, size, n_criteria),
        f"uniform over the {n_criteria}-criterion weight simplex",
        np.full(n_criteria, 1.0 / n_criteria),
    )


@SAMPLERS["dirichlet"].implemented_by
def dirichlet_around(
    weights: ArrayLike, concentration: float = SETTINGS["concentration"].default
) -> WeightSampler:
    """Dirichlet with mean ``weights`` and total concentration ``c`` (``alpha = c * w``).

    Each weight's variance is ``w (1 - w) / (c + 1)``: larger ``c`` keeps samples closer to the
    analyst's weights (c = 50 gives a standard deviation of about 0.05 on a weight of 0.3). A
    criterion with weight 0 stays at 0.
    """
    w = _as_vector(weights, "weights")
    if np.any(w < 0) or w.sum() <= 0:
        raise AllianceScoreError(
            Problem("weights", "non-negative weights with a positive sum", f"{w.tolist()}")
        )
    w = w / w.sum()
    alpha = concentration * w

    def draw(rng: np.random.Generator, size: int) -> np.ndarray:
        g = rng.standard_gamma(alpha, size=(size, w.size))
        g /= g.sum(axis=1, keepdims=True)
        return g

    return WeightSampler(
        w.size, draw, f"Dirichlet around the profile weights, concentration {concentration:g}", w
    )


def _feasible_box(lower: np.ndarray, upper: np.ndarray) -> None:
    problems = []
    for j in np.flatnonzero((lower < 0) | (upper > 1) | (lower > upper)):
        problems.append(
            Problem(
                f"weight interval {j}", "0 <= lower <= upper <= 1", f"[{lower[j]:g}, {upper[j]:g}]"
            )
        )
    if lower.sum() > 1 + 1e-12 or upper.sum() < 1 - 1e-12:
        problems.append(
            Problem(
                "weight intervals",
                "lower bounds summing to at most 1 and upper bounds to at least 1",
                f"sum of lower {lower.sum():g}, sum of upper {upper.sum():g}",
                "No weight vector summing to one fits these intervals",
            )
        )
    if problems:
        raise AllianceScoreError(problems)


def _hit_and_run(
    rng: np.random.Generator,
    size: int,
    lower: np.ndarray,
    upper: np.ndarray,
    burn_in: int,
    thinning: int,
    chains: int = 256,
) -> np.ndarray:
    """Hit-and-run over ``{sum w = 1, lower <= w <= upper}`` (Smith 1984; Tervonen et al. 2013).

    ``chains`` walks run side by side from the box's interior point, discard ``burn_in``
    steps, then record a point every ``thinning`` steps until ``size`` points are recorded:
    approximately uniform. Directions are Gaussian projected onto ``sum d = 0``; the step is
    uniform on the chord through the current point.
    """
    m = lower.size
    width = upper - lower
    start = lower + (1.0 - lower.sum()) * width / max(width.sum(), 1e-300)
    chains = min(chains, size)
    w = np.tile(start, (chains, 1))
    out = np.empty((size, m))
    filled, step = 0, 0
    while filled < size:
        d = rng.standard_normal((chains, m))
        d -= d.mean(axis=1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            to_lower = (lower - w) / d
            to_upper = (upper - w) / d
        t_low = np.where(d > 0, to_lower, np.where(d < 0, to_upper, -np.inf)).max(axis=1)
        t_high = np.where(d > 0, to_upper, np.where(d < 0, to_lower, np.inf)).min(axis=1)
        t = t_low + (t_high - t_low) * rng.random(chains)
        w = np.clip(w + t[:, np.newaxis] * d, lower, upper)
        w /= w.sum(axis=1, keepdims=True)
        step += 1
        if step > burn_in and (step - burn_in) % thinning == 0:
            take = min(chains, size - filled)
            out[filled : filled + take] = w[:take]
            filled += take
    return out


@SAMPLERS["intervals"].implemented_by
def within_intervals(
    lower: ArrayLike, upper: ArrayLike, *, min_acceptance: float = 0.01, thinning: int = 0
) -> WeightSampler:
    """Uniform over the simplex cut by per-weight intervals ``lower_j <= w_j <= upper_j``.

    Exact rejection from the uniform simplex when a pilot run accepts at least
    ``min_acceptance`` of draws; otherwise hit-and-run (approximately uniform; Tervonen,
    van Valkenhoef, Baştürk & Postmus 2013, EJOR 224) with ``thinning`` steps per sample
    recorded from parallel chains after a burn-in of ``10 m^2`` steps (``thinning`` default
    ``m^2``). The description says which was used.
    """
    lo = _as_vector(lower, "lower")
    hi = _as_vector(upper, "upper")
    if lo.size != hi.size:
        raise AllianceScoreError(
            Problem(
                "weight intervals",
                "as many upper as lower bounds",
                f"{lo.size} lower, {hi.size} upper",
            )
        )
    _feasible_box(lo, hi)
    m = lo.size
    pilot = _uniform_rows(np.random.default_rng(0), 20_000, m)
    acceptance = float(np.mean(np.all((pilot >= lo) & (pilot <= hi), axis=1)))
    if acceptance >= min_acceptance:

        def draw(rng: np.random.Generator, size: int) -> np.ndarray:
            out = np.empty((size, m))
            filled = 0
            while filled < size:
                need = size - filled
                batch = _uniform_rows(rng, int(need / acceptance * 1.2) + 16, m)
                keep = batch[np.all((batch >= lo) & (batch <= hi), axis=1)][:need]
                out[filled : filled + len(keep)] = keep
                filled += len(keep)
            return out

        how = f"exact rejection sampling, acceptance about {acceptance:.1%}"
    else:
        burn_in, steps = 10 * m * m, thinning or m * m

        def draw(rng: np.random.Generator, size: int) -> np.ndarray:
            return _hit_and_run(rng, size, lo, hi, burn_in, steps)

        how = (
            f"hit-and-run, burn-in {burn_in} steps, thinning {steps} (approximately uniform;"
            f" rejection would accept {acceptance:.2%})"
        )
    return WeightSampler(m, draw, f"uniform within weight intervals ({how})")


@SAMPLERS["ordinal"].implemented_by
def ordinal(ranking: ArrayLike) -> WeightSampler:
    """Uniform over the weights consistent with an importance order.

    ``ranking[j]`` is criterion j's rank (1 = most important; equal ranks = no order between
    them). Exact: a uniform simplex sample sorted in decreasing order is uniform on the
    ordered region (by symmetry), and is dealt out to the criteria by rank, tied criteria in
    random order.
    """
    ranks = _as_vector(ranking, "ranking")
    if np.any(ranks < 1) or np.any(ranks != np.round(ranks)):
        raise AllianceScoreError(
            Problem("ranking", "whole-number ranks >= 1 (1 = most important)", f"{ranks}")
        )
    m = ranks.size
    by_rank = np.argsort(ranks, kind="stable")  # criteria, most important first
    group_ids = np.unique(ranks[by_rank], return_inverse=True)[1]

    def draw(rng: np.random.Generator, size: int) -> np.ndarray:
        w = -np.sort(-_uniform_rows(rng, size, m), axis=1)  # decreasing
        if group_ids.max() + 1 < m:
            # Shuffle positions within tie groups: sort by (group, random key).
            keys = group_ids + rng.random((size, m))
            w = np.take_along_axis(w, np.argsort(keys, axis=1), axis=1)
        out = np.empty_like(w)
        out[:, by_rank] = w
        return out

    # The centroid of the ordered region is the rank-order centroid (Barron & Barrett 1996).
    centroid = derive_weights("roc", ranks.astype(int)).weights
    return WeightSampler(
        m, draw, f"uniform under the importance order {ranks.astype(int).tolist()}", centroid
    )


Tree = int | Sequence["Tree"]


def _leaves(node: Tree) -> list[int]:
    if isinstance(node, int | np.integer):
        return [int(node)]
    return [leaf for child in node for leaf in _leaves(child)]


@SAMPLERS["hierarchical"].implemented_by
def hierarchical(
    tree: Tree,
    local: Callable[[int, tuple[int, ...]], WeightSampler] | None = None,
) -> WeightSampler:
    """Weights that respect a criteria tree: sample local weights at every node, multiply.

    ``tree`` is nested lists of leaf (criterion) indices, e.g. ``[[0, 1], [2, 3, 4], 5]``: a
    goal with three children, two of them groups. ``local(n_children, path)`` returns the
    sampler for the node at ``path`` (default: uniform over its children's simplex). A leaf's
    global weight is the product of the local weights on its path, as in the tree's own
    weighting; note this is not uniform over the global simplex.
    """
    leaves = _leaves(tree)
    if sorted(leaves) != list(range(len(leaves))):
        raise AllianceScoreError(
            Problem("tree", "each criterion index 0..m-1 exactly once", f"{sorted(leaves)}")
        )
    make = local or (lambda k, path: uniform_simplex(k))
    m = len(leaves)
    nodes: list[tuple[tuple[int, ...], list[list[int]], WeightSampler]] = []

    def collect(node: Tree, path: tuple[int, ...]) -> None:
        if isinstance(node, int | np.integer):
            return
        children = list(node)
        nodes.append((path, [_leaves(c) for c in children], make(len(children), path)))
        for k, child in enumerate(children):
            collect(child, (*path, k))

    collect(tree, ())

    def draw(rng: np.random.Generator, size: int) -> np.ndarray:
        w = np.ones((size, m))
        for _, groups, sampler in nodes:
            local_w = sampler.draw(rng, size)
            for k, members in enumerate(groups):
                w[:, members] *= local_w[:, k : k + 1]
        return w

    return WeightSampler(m, draw, f"hierarchical over the criteria tree {tree!r}")


def mixture(
    samplers: Sequence[WeightSampler], probabilities: ArrayLike, description: str = ""
) -> WeightSampler:
    """A finite mixture: each draw comes from sampler k with probability ``p_k``.

    For several analysts (issue 17): ``samplers`` around each analyst's weights,
    ``probabilities`` proportional to their voting power, so the draws spread over the whole
    team's views, not around one compromise. Exact: the counts per sampler of a batch of
    ``size`` draws are multinomial(size, p), each sampler draws its count, and the rows are
    shuffled so that the order of a batch carries no analyst. The mean is ``sum_k p_k
    mean_k`` where every sampler's mean is known. ``probabilities`` are rescaled to sum to
    one; each must be >= 0 with a positive sum.
    """
    if not samplers:
        raise AllianceScoreError(Problem("samplers", "at least one sampler", "none"))
    p = _as_vector(probabilities, "probabilities")
    if p.size != len(samplers) or np.any(p < 0) or p.sum() <= 0:
        raise AllianceScoreError(
            Problem(
                "probabilities",
                f"{len(samplers)} probabilities >= 0 with a positive sum",
                f"{p.tolist()}",
            )
        )
    p = p / p.sum()
    m = samplers[0].n_criteria
    if any(s.n_criteria != m for s in samplers):
        raise AllianceScoreError(
            Problem(
                "samplers",
                f"samplers of the same {m} criteria",
                f"{[s.n_criteria for s in samplers]}",
            )
        )

    def draw(rng: np.random.Generator, size: int) -> np.ndarray:
        counts = rng.multinomial(size, p)
        parts = [s.draw(rng, int(c)) for s, c in zip(samplers, counts, strict=True) if c]
        out = np.concatenate(parts) if parts else np.empty((0, m))
        return out[rng.permutation(size)]

    means = [s.mean for s in samplers]
    mean = None if any(x is None for x in means) else np.einsum("k,km->m", p, np.stack(means))
    return WeightSampler(
        m,
        draw,
        description
        or f"mixture of {len(samplers)} samplers, probabilities {np.round(p, 3).tolist()}",
        mean,
    )
