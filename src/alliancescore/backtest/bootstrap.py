"""Cluster bootstrap intervals for the backtest's metrics (pooled AUC, mean per-focal AUC,
precision at k, top-decile pact rate).

**What is resampled.** The evaluated rows are (focal, candidate) pairs. They are not
independent in two ways that cross each other:

* *treaty events*: one signing makes many positive pairs at once (a multilateral treaty or an
  enlargement gives dozens), so the positives come in clusters, the clusters of
  :mod:`.outcomes` (the connected components of the new pairs sharing an onset year; a
  bilateral pact is a cluster of its own). The cluster, not the pair, is the unit drawn, as in
  the random-cluster bootstrap (Field & Welsh 2007, "Bootstrapping clustered data", JRSS B
  69(3) 369-390; Cameron, Gelbach & Miller 2008, "Bootstrap-based improvements for inference
  with clustered errors", REStat 90(3) 414-427);
* *focal states*: the rows of one focal state share its capital, its threats and its
  candidate list, and the per-focal metrics are averages over focal states. Negatives belong
  to no treaty event; they are resampled with their focal state.

A treaty's pairs belong to many focal states, so the two groupings are crossed, not nested.
Each replicate therefore draws both, independently, and weighs each row by the product of its
multiplicities, as Owen's (2007) pigeonhole bootstrap does for crossed factors ("The pigeonhole
bootstrap", Annals of Applied Statistics 1(2) 386-411):

* the ``K`` clusters of positives are drawn ``K`` times with replacement (multiplicity
  ``m_c``), and the ``F`` focal states ``F`` times with replacement (``n_f``);
* a positive row of focal ``f`` in cluster ``c`` weighs ``n_f * m_c``, a negative row ``n_f``
  (times the variant's own weight: ``1 / rows of the cluster`` for a positive in the
  cluster-weighted variant);
* every metric is recomputed with these weights, where a weight is a count of copies: a row
  drawn twice counts twice, a row not drawn does not count. Within one focal state ``n_f``
  multiplies every row, so a per-focal AUC or precision depends on the treaty draws only, and
  the mean over focal states weighs each by ``n_f``. A focal state whose positives were all
  left out of a replicate has none there (as in the ``no_multilateral`` variant, positives
  left out are not turned into negatives).

The interval is the percentile interval (Efron & Tibshirani 1993, *An Introduction to the
Bootstrap*, ch. 13): the 2.5% and 97.5% quantiles (linear interpolation) of the replicates in
which the metric is defined. All scorers and variants share the same draws (common random
numbers), so replicate ``r`` of two scorers is the same resampled data set and the interval of
their difference is meaningful. The draws come from ``numpy.random.default_rng(seed)``: the
same seed and replicate count give the same numbers.

**Caveat.** With few clusters (7 treaty events in 1991-2000, of which 5 multilateral) the
bootstrap distribution is coarse and percentile intervals tend to be too narrow (Cameron,
Gelbach & Miller 2008): read them as a lower bound on the uncertainty, not as exact 95%
coverage.

**Computation.** Ranks are computed once per scorer; replicates only change weights. The
pooled AUC uses ``A[i, g]``, the (tie-halved) count of focal ``g``'s negatives scoring below
positive ``i``: replicate ``r``'s numerator is ``sum_i w_ri sum_g n_rg A[i, g]``, a matrix
product over all replicates at once. Precision at k looks only at each focal state's best
rows (a row with ``k`` negatives above it cannot enter the top ``k``: negatives weigh one
within a focal state); the top decile uses weighted midranks (``ceil(10 * midrank / total) ==
10``, the rule of :func:`~.metrics.decile_table`) in chunks of replicates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem

from .metrics import _tie_blocks

__all__ = [
    "REPLICATES",
    "SEED",
    "Draws",
    "draw",
    "percentile_interval",
    "replicate_metrics",
    "replicate_variants",
]

REPLICATES = 1000
"""Bootstrap replicates per window (the default of :func:`~.run.run_backtest`)."""
SEED = 14
"""Seed of the draws (the issue number that asked for them)."""
LEVEL = 0.95
_CHUNK = 50  # replicates per block in the top-decile computation (memory: chunk x rows)


@dataclass(frozen=True)
class Draws:
    """The multiplicities of one set of replicates.

    focal_names : the focal states resampled (sorted); ``n`` is (replicates, focal states).
    cluster_names : the clusters of positives resampled (sorted); ``m`` is (replicates,
        clusters).
    """

    focal_names: np.ndarray
    cluster_names: np.ndarray
    n: np.ndarray
    m: np.ndarray
    replicates: int
    seed: int

    def focal_index(self, focal: ArrayLike) -> np.ndarray:
        """Position of each row's focal state in :attr:`focal_names`."""
        return _positions(self.focal_names, np.asarray(focal), "focal")

    def cluster_index(self, cluster: ArrayLike) -> np.ndarray:
        """Position of each positive row's cluster in :attr:`cluster_names`."""
        return _positions(self.cluster_names, np.asarray(cluster), "cluster")


def _positions(names: np.ndarray, values: np.ndarray, what: str) -> np.ndarray:
    at = np.searchsorted(names, values)
    ok = at < names.size
    ok[ok] = names[at[ok]] == values[ok]
    if not ok.all():
        raise AllianceScoreError(
            Problem(
                what, "one of the names drawn from", repr(values[~ok][0]), "Draw from these rows"
            )
        )
    return at


def _multiplicities(rng: np.random.Generator, replicates: int, size: int) -> np.ndarray:
    """How often each of ``size`` units is drawn in ``size`` draws with replacement, per
    replicate: (replicates, size) counts, each row summing to ``size``."""
    if size == 0:
        return np.zeros((replicates, 0), dtype=np.int64)
    picks = rng.integers(0, size, size=(replicates, size))
    offset = (picks + size * np.arange(replicates)[:, None]).ravel()
    return np.bincount(offset, minlength=replicates * size).reshape(replicates, size)


def draw(
    focal: ArrayLike, clusters: ArrayLike, replicates: int = REPLICATES, seed: int = SEED
) -> Draws:
    """Draw ``replicates`` resamples of the focal states and of the clusters of positives.

    ``focal`` and ``clusters`` may repeat names (one per row is fine); each distinct name is
    one unit. Focal states are drawn first, then clusters, from one generator.
    """
    if isinstance(replicates, bool) or not isinstance(replicates, int | np.integer):
        raise AllianceScoreError(Problem("replicates", "a whole number", repr(replicates)))
    if replicates < 1:
        raise AllianceScoreError(Problem("replicates", "at least 1", repr(replicates)))
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise AllianceScoreError(Problem("seed", "a whole number >= 0", repr(seed)))
    focal_names = np.unique(np.asarray(focal))
    cluster_names = np.unique(np.asarray(clusters))
    rng = np.random.default_rng(int(seed))
    n = _multiplicities(rng, int(replicates), focal_names.size)
    m = _multiplicities(rng, int(replicates), cluster_names.size)
    return Draws(focal_names, cluster_names, n, m, int(replicates), int(seed))


def percentile_interval(values: ArrayLike, level: float = LEVEL) -> tuple[float, float]:
    """The percentile interval of the finite replicate values (NaN, NaN if none)."""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return float("nan"), float("nan")
    tail = (1.0 - level) / 2.0
    lo, hi = np.quantile(v, [tail, 1.0 - tail])
    return float(lo), float(hi)


# --------------------------------------------------------------------------- the metrics
@dataclass(frozen=True)
class _Rows:
    s: np.ndarray  # scores
    y: np.ndarray  # labels (bool)
    g: np.ndarray  # focal index per row
    c: np.ndarray  # cluster index per positive row (in order of the positives)
    b: np.ndarray  # the variant's own weights
    pos: np.ndarray  # positions of the positive rows


def _below(rows: _Rows, n_focal: int) -> tuple[np.ndarray, np.ndarray]:
    """``A[i, g]``: weight of focal ``g``'s negatives below positive ``i`` (ties half), and
    each focal state's total negative weight.

    One search for all (positive, focal state) pairs: negatives sorted by (focal state,
    score rank), keys ``g * (ranks + 1) + rank``, cumulative weights along them.
    """
    neg = np.flatnonzero(~rows.y)
    _, rank = np.unique(rows.s, return_inverse=True)
    span = int(rank.max()) + 2 if rank.size else 1
    keys = rows.g[neg].astype(np.int64) * span + rank[neg]
    order = np.argsort(keys, kind="mergesort")
    keys = keys[order]
    cw = np.concatenate([[0.0], np.cumsum(rows.b[neg][order])])
    base = np.arange(n_focal, dtype=np.int64)[None, :] * span
    query = base + rank[rows.pos][:, None]  # (P, F)
    left = cw[np.searchsorted(keys, query, side="left")]
    right = cw[np.searchsorted(keys, query, side="right")]
    start = cw[np.searchsorted(keys, base[0], side="left")]
    total = cw[np.searchsorted(keys, base[0] + span, side="left")] - start
    below = left + 0.5 * (right - left) - start[None, :]
    return below, total


def _aucs(
    draws: Draws, gp: np.ndarray, cp: np.ndarray, bp: np.ndarray, below: np.ndarray,
    neg_total: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Pooled AUC and mean per-focal AUC of every replicate.

    ``gp``, ``cp``, ``bp``: focal state, cluster and own weight of each positive; ``below``
    its rows of ``A``. Positives of one cluster and one focal state always share their
    multiplicity ``m_c n_g``, so they are summed into one group first.
    """
    n_rep, n_focal = draws.n.shape
    if gp.size == 0:
        return np.full(n_rep, np.nan), np.full(n_rep, np.nan)
    key = cp.astype(np.int64) * n_focal + gp
    groups, inverse = np.unique(key, return_inverse=True)
    qc, qg = groups // n_focal, groups % n_focal
    order = np.argsort(inverse, kind="mergesort")
    starts = np.searchsorted(inverse[order], np.arange(groups.size))
    a_q = np.add.reduceat((bp[:, None] * below)[order], starts, axis=0)  # (G, F)
    b_q = np.bincount(inverse, weights=bp, minlength=groups.size)
    own_q = np.bincount(inverse, weights=bp * below[np.arange(gp.size), gp], minlength=groups.size)
    n = draws.n.astype(np.float64)
    m_q = draws.m[:, qc].astype(np.float64)  # (R, G)
    w_q = m_q * n[:, qg]
    num = (w_q * (n @ a_q.T)).sum(axis=1)
    den = (w_q @ b_q) * (n @ neg_total)
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
    # per focal state: its groups side by side, summed by segment
    by_focal = np.argsort(qg, kind="mergesort")
    focal_pos, first = np.unique(qg[by_focal], return_index=True)
    m_sorted = m_q[:, by_focal]
    f_num = np.add.reduceat(m_sorted * own_q[by_focal], first, axis=1)
    f_den = np.add.reduceat(m_sorted * b_q[by_focal], first, axis=1) * neg_total[focal_pos]
    defined = f_den > 0
    f_auc = np.where(defined, f_num / np.where(defined, f_den, 1.0), 0.0)
    weight = n[:, focal_pos] * defined
    total = weight.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(
            total > 0, (weight * f_auc).sum(axis=1) / np.where(total > 0, total, 1), np.nan
        )
    return pooled, mean


def _precision(rows: _Rows, draws: Draws, k: int) -> np.ndarray:
    """Mean precision at ``k`` over focal states with a positive, per replicate (unit
    weights only: the variant must not weigh rows).

    Within a focal state a negative weighs one, so the rows after the tied block holding the
    ``k``-th negative never reach the top ``k``: each focal state keeps its first blocks only.
    The weight of a focal state's blocks up to ``b`` is its negatives there plus
    ``sum_c m_c * (its positives of cluster c there)``: a product with the cluster
    multiplicities, for every focal state and replicate at once (the focal states' kept
    blocks side by side).
    """
    focal_pos = np.unique(rows.g[rows.pos])
    n_rep, n_h, n_c = draws.replicates, focal_pos.size, draws.cluster_names.size
    if n_h == 0:
        return np.full(n_rep, np.nan)
    cluster_of = np.full(rows.s.size, -1)
    cluster_of[rows.pos] = rows.c
    kept, n_neg = [], np.zeros(n_h)
    for j, h in enumerate(focal_pos):
        members = np.flatnonzero(rows.g == h)
        members = members[np.argsort(-rows.s[members], kind="mergesort")]
        yh = rows.y[members]
        block = _tie_blocks(-rows.s[members])
        n_neg[j] = (~yh).sum()
        if n_neg[j] >= k:
            keep = block <= block[np.searchsorted(np.cumsum(~yh), k)]
            members, yh, block = members[keep], yh[keep], block[keep]
        kept.append((block, yh, cluster_of[members[yh]]))
    # the focal states' kept blocks side by side: focal j owns columns start[j]..start[j+1]
    sizes = np.array([int(block[-1]) + 1 for block, _, _ in kept])
    start = np.concatenate([[0], np.cumsum(sizes)])
    neg_cum = np.zeros(start[-1])
    pos_cum = np.zeros((n_c, start[-1]))
    for j, (block, yh, clusters) in enumerate(kept):
        neg_cum[start[j] : start[j + 1]] = np.cumsum(np.bincount(block[~yh], minlength=sizes[j]))
        for c, b in zip(clusters, block[yh], strict=True):
            pos_cum[c, start[j] + b : start[j + 1]] += 1.0
    cum_p = draws.m @ pos_cum  # (R, columns): positive weight up to each block
    cum = cum_p + neg_cum[None, :]
    # every positive of each focal state (kept or not): does it have one in the replicate?
    where = np.searchsorted(focal_pos, rows.g[rows.pos])
    per_cluster = np.zeros((n_c, n_h))
    np.add.at(per_cluster, (rows.c, where), 1.0)
    positives = draws.m @ per_cluster  # (R, H)
    kk = np.minimum(float(k), n_neg[None, :] + positives)
    owner = np.repeat(np.arange(n_h), sizes)
    short = (cum < kk[:, owner]).astype(np.int64)
    at = np.minimum(np.add.reduceat(short, start[:-1], axis=1), sizes - 1)
    flat = at + start[:-1] + (np.arange(n_rep) * start[-1])[:, None]
    cum, cum_p = cum.ravel(), cum_p.ravel()
    first = at == 0
    above = np.where(first, 0.0, cum[np.maximum(flat - 1, 0)])
    above_p = np.where(first, 0.0, cum_p[np.maximum(flat - 1, 0)])
    tied, tied_p = cum[flat] - above, cum_p[flat] - above_p
    expected = above_p + (kk - above) * tied_p / np.maximum(tied, 1.0)
    has = positives > 0
    weight = draws.n[:, focal_pos] * has
    num = (weight * np.where(has, expected / np.maximum(kk, 1.0), 0.0)).sum(axis=1)
    den = weight.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _top_decile(rows: _Rows, draws: Draws, n_bins: int = 10) -> np.ndarray:
    """Pact rate of the top score decile (weighted midranks) per replicate.

    With tied blocks in descending order and ``U(b)`` the weight of the blocks before ``b``,
    block ``b`` (weight ``W``) has the ascending midrank ``T - U(b) - (W - 1) / 2``; the blocks
    in the top decile form a prefix, found by a bisection over blocks for all replicates at
    once. ``U(b)`` is ``n . N[b] + sum_i w_i [block_i < b]``: ``N[b]`` counts each focal
    state's negatives before ``b``, the sum runs over the (few) positives. ``N`` is built for
    the blocks of the best 30% of rows first, and for all of them only if some replicate's
    top decile reaches past those.
    """
    order = np.argsort(-rows.s, kind="mergesort")
    block = _tie_blocks(-rows.s[order])
    n_blocks = int(block[-1]) + 1 if block.size else 0
    block_of = np.empty(rows.s.size, dtype=np.int64)
    block_of[order] = block
    neg = ~rows.y
    n = draws.n.astype(np.float64)
    by_block = np.argsort(block_of[rows.pos], kind="mergesort")
    block_pos = block_of[rows.pos][by_block]
    w_pos = draws.m[:, rows.c[by_block]] * n[:, rows.g[rows.pos][by_block]]  # (R, P)
    cum_pos = np.concatenate([np.zeros((draws.replicates, 1)), np.cumsum(w_pos, axis=1)], 1)
    n_focal = draws.focal_names.size
    neg_total = np.bincount(rows.g[neg], minlength=n_focal)
    total = n @ neg_total + cum_pos[:, -1]
    first_try = int(block[min(block.size - 1, (3 * block.size) // 10)]) if block.size else 0
    for limit in dict.fromkeys((first_try, n_blocks)):
        # negatives of each focal state before blocks 0..limit + 1
        inside = neg & (block_of <= limit)
        counts = np.bincount(
            (block_of[inside] + 1) * n_focal + rows.g[inside], minlength=(limit + 2) * n_focal
        ).reshape(limit + 2, n_focal)
        weight = _Prefix(n, np.cumsum(counts, axis=0, dtype=np.int32), cum_pos, block_pos)
        lo = weight.first_outside(total, min(limit + 1, n_blocks), n_bins)
        if limit >= n_blocks - 1 or (lo <= limit).all():
            break
    prefix = weight(lo)
    positive = cum_pos[np.arange(lo.size), np.searchsorted(block_pos, lo)]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(prefix > 0, positive / np.where(prefix > 0, prefix, 1.0), np.nan)


@dataclass(frozen=True)
class _Prefix:
    """Weight of the blocks before a block, per replicate (see :func:`_top_decile`)."""

    n: np.ndarray  # (R, F) focal multiplicities
    before: np.ndarray  # (blocks + 1, F) negatives of each focal state before each block
    cum_pos: np.ndarray  # (R, P + 1) cumulative weight of the positives in block order
    block_pos: np.ndarray  # block of each positive, ascending

    def __call__(self, b: np.ndarray) -> np.ndarray:
        at = np.searchsorted(self.block_pos, b)
        return (self.n * self.before[b]).sum(axis=1) + self.cum_pos[np.arange(b.size), at]

    def first_outside(self, total: np.ndarray, hi_block: int, n_bins: int) -> np.ndarray:
        """Per replicate, the first block (below ``hi_block``, else ``hi_block``) outside the
        top bin, by bisection: ``T - midrank = U(b) + (W(b) - 1) / 2`` never decreases with
        ``b`` (its step is ``(W(b) + W(b + 1)) / 2``), so the top bin is a prefix."""
        lo = np.zeros(total.size, dtype=np.int64)
        hi = np.full(total.size, hi_block, dtype=np.int64)
        last = self.before.shape[0] - 2
        while (lo < hi).any():
            going = lo < hi
            b = ((lo + hi) // 2).clip(max=last)
            u = self(b)
            mid = total - u - (self(b + 1) - u - 1.0) / 2.0
            with np.errstate(invalid="ignore", divide="ignore"):
                top = np.ceil(n_bins * mid / total - 1e-9) >= n_bins
            lo = np.where(going & top, b + 1, lo)
            hi = np.where(going & ~top, b, hi)
        return lo


def replicate_metrics(
    draws: Draws,
    focal: ArrayLike,
    scores: ArrayLike,
    labels: ArrayLike,
    clusters: ArrayLike,
    weights: ArrayLike | None = None,
    ks: tuple[int, ...] = (10,),
    top_decile: bool = True,
) -> dict[str, np.ndarray]:
    """Every replicate's metrics for one scorer and variant: ``{name: (replicates,)}``.

    ``focal``: each row's focal state; ``clusters``: each row's cluster (read for positives
    only); ``weights``: the variant's own row weights (cluster-weighted variant), in which
    case precision and the top decile are not computed (as in the point estimates). Names:
    ``pooled_auc``, ``mean_focal_auc``, ``precision_at_<k>``, ``top_decile_rate``. A metric
    undefined in a replicate (no positive drawn) is NaN there.
    """
    return replicate_variants(
        draws, focal, scores, labels, clusters, {"": (None, weights)}, ks, top_decile
    )[""]


def replicate_variants(
    draws: Draws,
    focal: ArrayLike,
    scores: ArrayLike,
    labels: ArrayLike,
    clusters: ArrayLike,
    variants: Mapping[str, tuple[ArrayLike | None, ArrayLike | None]],
    ks: tuple[int, ...] = (10,),
    top_decile: bool = True,
) -> dict[str, dict[str, np.ndarray]]:
    """:func:`replicate_metrics` of several variants of one scorer's rows at once:
    ``{variant: (rows kept or None for all, weights or None)}``. Variants may leave out
    positives and weigh them, not negatives (the ranks of the negatives below each positive
    are then computed once)."""
    s = np.asarray(scores, dtype=np.float64).ravel()
    y = np.asarray(labels).astype(bool).ravel()
    if np.isnan(s).any():
        raise AllianceScoreError(Problem("scores", "numbers (-inf for unscored)", "NaN"))
    pos = np.flatnonzero(y)
    rows = _Rows(
        s,
        y,
        draws.focal_index(focal),
        draws.cluster_index(np.asarray(clusters)[pos]),
        np.ones(s.size),
        pos,
    )
    below, neg_total = _below(rows, draws.focal_names.size)
    out = {}
    for name, (kept, weights) in variants.items():
        keep = np.ones(s.size, dtype=bool) if kept is None else np.asarray(kept, dtype=bool)
        b = np.ones(s.size) if weights is None else np.asarray(weights, dtype=np.float64)
        if not keep[~y].all() or not (b[~y] == 1.0).all():
            raise AllianceScoreError(
                Problem(f"variant {name!r}", "every negative kept, with weight 1", "otherwise")
            )
        sub = keep[pos]
        pooled, mean = _aucs(draws, rows.g[pos][sub], rows.c[sub], b[pos][sub], below[sub],
                             neg_total)  # fmt: skip
        values = {"pooled_auc": pooled, "mean_focal_auc": mean}
        if weights is None:
            part = np.flatnonzero(keep)
            y_part = y[part]
            rows_v = _Rows(s[part], y_part, rows.g[part], rows.c[sub], np.ones(part.size),
                           np.flatnonzero(y_part))  # fmt: skip
            for k in ks:
                values[f"precision_at_{k}"] = _precision(rows_v, draws, int(k))
            if top_decile:
                values["top_decile_rate"] = _top_decile(rows_v, draws)
        out[name] = values
    return out
