"""SMAA-2: rank acceptability indices, central weights, confidence factors, winning indices.

Lahdelma & Salminen (2001), "SMAA-2: Stochastic multicriteria acceptability analysis for group
decision making", Operations Research 49(3), 444-454. With weights ``w`` drawn from a sampler
(and, optionally, indicator values from a :class:`DataUncertainty`):

- rank acceptability ``b_i^r``: the share of draws in which alternative i has rank r
  (competition ranks, so tied alternatives share the better rank, as ``1 + #{k better}``);
- central weight vector ``w_i^c``: the mean of the weights for which i ranks first (undefined,
  reported as NaN, when i never ranks first);
- confidence factor ``p_i^c``: the share of data draws in which i ranks first when the central
  weights ``w_i^c`` are used (1 or 0 without data uncertainty);
- pairwise winning index ``c_ik``: the share of draws in which i ranks strictly before k.

Design: the sample is cut into blocks of :data:`BLOCK` draws, each with its own random stream
``SeedSequence(seed, spawn_key=(stream, block))``, so a seed gives identical numbers whatever
the number of threads or the chunking of the kernels. Blocks run on a thread pool (numpy
releases the GIL in the heavy steps) with BLAS limited to one thread. Memory is bounded by the
blocks in flight, never by the sample count, and in the number of alternatives ``n`` by
budgets: the threads' scratch (:data:`WORKERS_BYTES`), the ``(n, n)`` counts of blocks in
flight (:data:`IN_FLIGHT_BYTES`) and the pairwise
comparisons (:data:`~._pairs.SCRATCH_BYTES`).

Data uncertainty (nested, two-stage design): the ``N`` weight draws are split into ``D``
consecutive segments of equal size (sizes differ by at most one), segment ``d`` being the rows
``[d N // D, (d + 1) N // D)``; every weight draw in segment ``d`` is scored against data draw
``d``, a matrix drawn from its own stream ``SeedSequence(seed, spawn_key=(1, d))`` (so the same
matrix whichever thread draws it) and prepared by each block that meets it. Segments are
decoupled from blocks: a block that spans several segments is scored piece by piece, so a short
run still draws many data sets (a run of one block used to draw one and report the
weights-only error). ``D`` is ``n_data_draws`` when given, else
``max(DATA_DRAWS_FLOOR, ceil(N / WEIGHTS_PER_DATA_DRAW))``: at least 100, and one per 512
weight draws in long runs. Why so many: on the demo profiles with a 10 % error the spread
between data sets, not the weight noise, dominates the error, and a data draw (draw and prepare
a matrix, 0.5-6 ms) costs about as much as scoring 512 weight draws; measured at 200,000 draws,
one data draw per 512 instead of 100 in all halves the standard error at 1.3-3x the time of
the weights-only run, the better use of time per unit of variance for every demo method.
Never more than ``N``: every data draw gets at least one weight draw. The weight draws are
those of the weights-only run with the same seed.

Monte Carlo error, weights only: the weight draws are independent and identically
distributed, so each rank acceptability is a binomial share of ``N`` draws and its standard
error is the binomial one, with Agresti and Coull's (1998) adjusted share
``b' = (N b + 2) / (N + 4)``: ``sqrt(b' (1 - b') / (N + 4))``, which is never 0 (the plain
plug-in ``sqrt(b (1 - b) / N)`` is 0 for a share of 0 or 1, as every share is after one draw)
and tends to it as ``N`` grows. (Until December 2026 this case used batch means over up to 32
batches of blocks: unbiased for each cell, but with a few batches its largest value over all
``n^2`` cells overstated the largest true error (Poland 2000, 60 seeds of 12,288 draws: 0.0080
in the median against a largest true spread of 0.0044-0.0051), which made sampling to a
target error draw three times what it needed.)

Monte Carlo error with data uncertainty: the estimate is, up to the one-draw differences in
segment size, the mean over the ``D`` data draws of the per-draw shares ``p_d`` (each from its
segment's ``N / D`` weight draws); its standard error is

    ``se = sqrt(s_1^2 / D)``,  ``s_1^2 = sum_d (p_d - mean(p))^2 / (D - 1)``,

the unbiased estimator of two-stage sampling with first-stage units of equal size,
``v = (1 - f_1) s_1^2 / n + f_1 (1 - f_2) s_2^2 / (n m)``, with ``n = D`` first-stage units
(data draws) from an infinite population, so ``f_1 = 0`` (Cochran 1977, *Sampling
Techniques*, 3rd ed., Wiley, chapter 10, "Subsampling with units of equal size"). The spread
of the ``p_d`` holds both components, the answer's dependence on the data and the weight noise
within each draw, so neither is understated; it is batch means with every batch one whole data
draw. The shares are accumulated in data-draw order (Welford's running variance), hence the
same numbers whatever the threads. With ``D = 1`` (a single sample), the adjusted binomial
error above.
"""

from __future__ import annotations

import os
import threading
from bisect import bisect_right
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from threadpoolctl import threadpool_limits

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.mcda import prepare, rank_scores
from alliancescore.mcda._checks import as_benefit, as_matrix
from alliancescore.mcda.method import Prepared
from alliancescore.mcda.ranking import RankWorkspace, sort_alternatives

from . import _pairs
from ._pairs import chunk_size
from .data_uncertainty import DataUncertainty
from .samplers import WeightSampler

__all__ = ["BLOCK", "DATA_DRAWS_FLOOR", "WEIGHTS_PER_DATA_DRAW", "SMAAResult", "data_draws", "smaa"]

BLOCK = 4096
# Data uncertainty: at least this many data draws (unless fewer weight draws), and one per
# this many weight draws in long runs (see the module docstring).
DATA_DRAWS_FLOOR = 100
WEIGHTS_PER_DATA_DRAW = BLOCK // 8
# Rows ranked at once: the arrays of one sub-chunk stay in the cores' caches, and few enough
# calls per block keep the Python overhead (which holds the GIL) small.
RANK_ROWS = 2048
# Pairwise winning indices for all pairs up to this many alternatives, else for the top few.
_ALL_PAIRS_UP_TO = 30
IN_FLIGHT_BYTES = 256 * 2**20
"""Memory for the partial counts of blocks scored but not yet added up (bytes): with many
alternatives (an ``(n, n)`` table per block) fewer blocks are in flight."""
WORKERS_BYTES = 512 * 2**20
"""Scratch memory of the worker threads together (bytes). Each thread holds a block's rank
cells, its ranking buffers and its scores, about ``24 * BLOCK * n`` bytes (some 100 MB at
1,000 alternatives), so by default no more threads run than fit (at least one); the results
do not depend on the number of threads."""
_WEIGHT_STREAM, _DATA_STREAM, _PILOT_STREAM = 0, 1, 2


@dataclass(frozen=True)
class SMAAResult:
    """SMAA-2 indices for one method. Alternatives are in the order of the input matrix.

    acceptability : ``(n, n)``, ``[i, r]`` = share of draws where i has rank ``r + 1``.
    acceptability_se : ``(n, n)`` Monte Carlo standard errors of those shares; with data
        uncertainty they include the spread between data draws (module docstring).
    n_data_draws : the number of data matrices drawn (0 without data uncertainty).
    central_weights : ``(n, m)``; NaN rows for alternatives that never rank first.
    confidence : ``(n,)`` confidence factors; NaN where central weights are undefined.
    winning : ``(k, k)``, ``[a, b]`` = share of draws where ``winning_alternatives[a]`` ranks
        strictly before ``winning_alternatives[b]``.
    """

    method: str
    params: Mapping[str, Any]
    n_samples: int
    seed: int
    weights: str
    data: str | None
    n_data_draws: int
    acceptability: np.ndarray
    acceptability_se: np.ndarray
    central_weights: np.ndarray
    confidence: np.ndarray
    winning: np.ndarray
    winning_alternatives: np.ndarray
    notes: tuple[str, ...] = field(default=())

    @property
    def first_rank(self) -> np.ndarray:
        """``b_i^1``, the share of draws in which each alternative ranks first."""
        return self.acceptability[:, 0]

    @property
    def max_standard_error(self) -> float:
        return float(self.acceptability_se.max())


@dataclass
class _Partial:
    counts: np.ndarray  # (n, n) rank counts, [rank - 1, alternative]
    central: np.ndarray  # (n, m) sums of weights where the alternative ranks first
    wins: np.ndarray  # (k, k)
    size: int


class _Workspace(threading.local):
    """Per-thread buffers, so blocks do not page-fault fresh arrays in every time."""

    def get(self, n: int) -> tuple[np.ndarray, RankWorkspace]:
        if getattr(self, "n", None) != n:
            self.n = n
            self.cells = np.empty((BLOCK, n), dtype=np.int64)
            self.rank = RankWorkspace(RANK_ROWS, n)
        return self.cells, self.rank


_WORKSPACE = _Workspace()


def _score_block(prepared: Prepared, W: np.ndarray, pairs: np.ndarray) -> _Partial:
    """Score one block of weight vectors and reduce it to counts; nothing per-sample is kept.

    Ranking runs on sub-chunks of :data:`RANK_ROWS` rows, small enough to stay in cache; the
    (rank, alternative) cell of every draw goes into one index array per block, counted by a
    single ``bincount``.
    """
    n, m = prepared.n_alternatives, prepared.n_criteria
    size = W.shape[0]
    buffer, workspace = _WORKSPACE.get(n)
    cells = buffer[:size]  # (rank - 1) * n + alternative
    position_offsets = np.arange(n, dtype=np.int64) * n
    winner_rows, winner_alts = [], []
    wins = np.zeros((pairs.size, pairs.size), dtype=np.int64)
    for rows, scores, unit_keys in prepared.iter_rank_keys(W):
        # Unit keys rank lower-is-better; the pairwise comparison below flips them too.
        sign = -1.0 if unit_keys else (1.0 if prepared.higher_is_better else -1.0)
        if not np.isfinite(scores.sum()):  # one pass; NaN or inf anywhere shows in the sum
            raise AllianceScoreError(
                Problem(prepared.method.name, "finite scores", "a non-finite score in SMAA")
            )
        for start in range(0, scores.shape[0], RANK_ROWS):
            sub = scores[start : start + RANK_ROWS]
            first_row = rows.start + start
            target = cells[first_row : first_row + sub.shape[0]]
            if pairs.size:
                K = np.ascontiguousarray((sign * sub[:, pairs]).T)  # (k, rows): before sorting
            order, ranks = sort_alternatives(
                sub, prepared.higher_is_better, workspace, unit_keys=unit_keys
            )
            if pairs.size:
                # i ranks strictly before k when its score is better by more than the tie
                # tolerance the ranking of this sub-chunk used.
                _count_wins(wins, K, workspace.tolerance[: sub.shape[0], 0])
            if ranks is None:  # no ties: position p holds rank p + 1; the first column wins
                np.add(order, position_offsets, out=target)
                winner_rows.append(np.arange(first_row, first_row + sub.shape[0]))
                winner_alts.append(order[:, 0].copy())
            else:
                np.multiply(ranks - 1, n, out=target)
                target += order
                tied_first = np.nonzero(ranks == 1)
                winner_rows.append(first_row + tied_first[0])
                winner_alts.append(order[tied_first])
    counts = np.bincount(cells.ravel(), minlength=n * n).reshape(n, n)
    rows_won = np.concatenate(winner_rows)
    alts_won = np.concatenate(winner_alts)
    central = np.empty((n, m))
    for j in range(m):
        central[:, j] = np.bincount(alts_won, weights=W[rows_won, j], minlength=n)
    return _Partial(counts, central, wins, size)


def _default_workers(n: int) -> int:
    """Worker threads for ``n`` alternatives: every core, as many as :data:`WORKERS_BYTES`
    holds (at least one)."""
    per_worker = 24 * BLOCK * n
    return max(1, min(os.cpu_count() or 1, WORKERS_BYTES // per_worker))


def _count_wins(wins: np.ndarray, K: np.ndarray, tol: np.ndarray) -> None:
    """``wins[a, b] +=`` the draws (columns of ``K``, ``(k, rows)``, higher = better) in which
    ``a`` beats ``b`` by more than ``tol``; the ``(k, k, rows)`` comparison in slices of
    ``a`` within :data:`~._pairs.SCRATCH_BYTES`."""
    k, rows = K.shape
    step = chunk_size(9 * k * rows, _pairs.SCRATCH_BYTES)  # float difference + bool per cell
    for a in range(0, k, step):
        part = K[a : a + step, np.newaxis, :] - K[np.newaxis, :, :]
        wins[a : a + step] += np.count_nonzero(part > tol, axis=2)


def data_draws(n_samples: int, n_data_draws: int | None = None) -> int:
    """The number of data draws ``D`` a run of ``n_samples`` weight draws uses (module
    docstring): ``n_data_draws`` if given, else ``max(DATA_DRAWS_FLOOR, ceil(n_samples /
    WEIGHTS_PER_DATA_DRAW))``; never more than ``n_samples``."""
    wanted = (
        n_data_draws
        if n_data_draws is not None
        else max(DATA_DRAWS_FLOOR, -(-n_samples // WEIGHTS_PER_DATA_DRAW))
    )
    return min(wanted, n_samples)


class _DrawVariance:
    """Running mean and sum of squared deviations of the per-data-draw shares ``(n, n)``
    (Welford 1962, "Note on a method for calculating corrected sums of squares and products",
    Technometrics 4(3)), fed whole data draws in draw order."""

    def __init__(self, n: int):
        self.count = 0
        self.mean = np.zeros((n, n))
        self.m2 = np.zeros((n, n))

    def add(self, shares: np.ndarray) -> None:
        self.count += 1
        delta = shares - self.mean
        self.mean += delta / self.count
        self.m2 += delta * (shares - self.mean)

    def standard_error(self) -> np.ndarray:
        """``sqrt(s^2 / D)``, ``s^2`` the sample variance of the shares over the D draws."""
        return np.sqrt(self.m2 / (self.count - 1) / self.count)


def smaa(
    method: str,
    X: ArrayLike,
    benefit: ArrayLike | None = None,
    *,
    sampler: WeightSampler,
    n_samples: int = 100_000,
    seed: int = 0,
    data: DataUncertainty | None = None,
    n_data_draws: int | None = None,
    params: Mapping[str, Any] | None = None,
    pairwise: int | None = None,
    threads: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> SMAAResult:
    """Run SMAA-2 for one score method.

    Parameters
    ----------
    method, X, benefit, params : as for :func:`alliancescore.mcda.evaluate`.
    sampler : where the weights come from (:mod:`alliancescore.sensitivity.samplers`).
    n_samples : total draws (weights, and data when ``data`` is given).
    seed : any non-negative integer; the same seed gives identical results.
    data : optional indicator uncertainty, nested design (module docstring).
    n_data_draws : data matrices drawn when ``data`` is given (at least 2); default
        :func:`data_draws`, at least 100. Never more than ``n_samples``; the number used is
        ``SMAAResult.n_data_draws``.
    pairwise : report winning indices among the top ``pairwise`` alternatives (by their
        ranking at the sampler's mean weights); default all pairs up to 30 alternatives,
        else the top 10.
    threads : worker threads (default: all cores, fewer when their scratch memory would pass
        :data:`WORKERS_BYTES`).
    progress : called with the number of draws completed after each block.
    """
    _check_arguments(seed, n_samples, n_data_draws)
    params = dict(params or {})
    matrix = as_matrix(X)
    mask = as_benefit(benefit, matrix.shape[1])
    if sampler.n_criteria != matrix.shape[1]:
        raise AllianceScoreError(
            Problem(
                "weight sampler",
                f"{matrix.shape[1]} criteria (columns of X)",
                f"{sampler.n_criteria}",
            )
        )
    n, m = matrix.shape
    nominal = prepare(method, matrix, mask, **params)
    n_blocks = -(-n_samples // BLOCK)
    draws = data_draws(n_samples, n_data_draws) if data is not None else 0
    # Data draw d scores the weight draws in rows [bounds[d], bounds[d + 1]).
    bounds = [d * n_samples // draws for d in range(draws + 1)] if draws else []

    @lru_cache(maxsize=8)
    def prepared_for_draw(d: int) -> Prepared:
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(_DATA_STREAM, d)))
        return prepare(method, data.draw(rng, matrix), mask, **params)  # type: ignore[union-attr]

    mean = sampler.mean
    if mean is None:
        pilot = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(_PILOT_STREAM,)))
        mean = sampler.draw(pilot, 2000).mean(axis=0)
    k = pairwise if pairwise is not None else (n if n <= _ALL_PAIRS_UP_TO else 10)
    k = max(0, min(k, n))
    central_ranks = rank_scores(nominal.score(mean), nominal.higher_is_better)
    pairs = np.argsort(central_ranks, kind="stable")[:k]

    def run_block(b: int) -> list[tuple[int, _Partial]]:
        """The block's partial counts, one per data draw it meets (draw -1: none)."""
        first = b * BLOCK
        size = min(BLOCK, n_samples - first)
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(_WEIGHT_STREAM, b)))
        W = sampler.draw(rng, size)
        if data is None:
            return [(-1, _score_block(nominal, W, pairs))]
        pieces = []
        d = bisect_right(bounds, first) - 1
        while d < draws and bounds[d] < first + size:
            lo, hi = max(bounds[d], first) - first, min(bounds[d + 1], first + size) - first
            pieces.append((d, _score_block(prepared_for_draw(d), W[lo:hi], pairs)))
            d += 1
        return pieces

    # Weights only: the binomial error; with data: the spread between data draws.
    between = _DrawVariance(n)
    open_counts = np.zeros((n, n), dtype=np.int64)  # the data draw being completed
    counts = np.zeros((n, n), dtype=np.int64)
    central = np.zeros((n, m))
    wins = np.zeros((k, k), dtype=np.int64)
    workers = threads or _default_workers(n)
    done = 0
    with threadpool_limits(1), ThreadPoolExecutor(max_workers=workers) as pool:
        # Blocks in flight: four per worker, fewer when their (n, n) counts would pass
        # IN_FLIGHT_BYTES (but never fewer than the workers).
        window = max(workers, min(4 * workers, IN_FLIGHT_BYTES // (8 * n * n + 8 * n * m)))
        for start in range(0, n_blocks, window):
            blocks = range(start, min(start + window, n_blocks))
            for pieces in pool.map(run_block, blocks):
                for d, part in pieces:
                    counts += part.counts
                    central += part.central
                    wins += part.wins
                    done += part.size
                    if d < 0:
                        continue
                    # Blocks arrive in order, so data draws complete in order.
                    open_counts += part.counts
                    if done == bounds[d + 1]:
                        between.add(open_counts.T / (bounds[d + 1] - bounds[d]))
                        open_counts[...] = 0
                if progress is not None:
                    progress(done)

        counts = counts.T  # [alternative, rank - 1]
        acceptability = counts / n_samples
        se = _standard_errors(acceptability, n_samples, draws, between)
        first_counts = counts[:, 0]
        with np.errstate(invalid="ignore", divide="ignore"):
            central_weights = central / first_counts[:, np.newaxis]
        central_weights[first_counts == 0] = np.nan
        if draws:
            confidence = _confidence(central_weights, prepared_for_draw, draws, pool)
        else:
            confidence = _confidence(central_weights, lambda _: nominal, 1, pool)
    notes = []
    if k < n:
        notes.append(
            f"pairwise winning indices for the top {k} alternatives at the sampler's mean "
            f"weights (of {n})"
        )
    return SMAAResult(
        method=method,
        params=nominal.params,
        n_samples=n_samples,
        seed=int(seed),
        weights=sampler.description,
        data=data.description if data is not None else None,
        n_data_draws=draws,
        acceptability=acceptability,
        acceptability_se=se,
        central_weights=central_weights,
        confidence=confidence,
        winning=wins / n_samples,
        winning_alternatives=pairs,
        notes=tuple(notes),
    )


def _check_arguments(seed: object, n_samples: int, n_data_draws: object) -> None:
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise AllianceScoreError(Problem("seed", "a non-negative integer", repr(seed)))
    if n_samples < 1:
        raise AllianceScoreError(Problem("samples", "at least 1", repr(n_samples)))
    if n_data_draws is not None and (
        not isinstance(n_data_draws, int | np.integer) or n_data_draws < 2
    ):
        raise AllianceScoreError(
            Problem(
                "n_data_draws",
                "a whole number of at least 2 (the spread between data draws gives the error)",
                repr(n_data_draws),
            )
        )


def _standard_errors(
    acceptability: np.ndarray, n_samples: int, draws: int, between: _DrawVariance
) -> np.ndarray:
    """Monte Carlo standard errors of the acceptabilities: the spread between data draws
    (with data uncertainty), else the binomial error of independent draws (module
    docstring)."""
    if draws >= 2:
        return between.standard_error()
    # Agresti & Coull (1998), The American Statistician 52(2) 119-126: the plug-in
    # sqrt(b (1 - b) / N) is 0 whenever a share is 0 or 1, claiming certainty from a handful of
    # draws (one draw: every share is 0 or 1); two added successes and failures never do.
    adjusted = (acceptability * n_samples + 2.0) / (n_samples + 4.0)
    return np.sqrt(adjusted * (1 - adjusted) / (n_samples + 4.0))


def _confidence(
    central_weights: np.ndarray,
    matrix: Callable[[int], Prepared],
    count: int,
    pool: ThreadPoolExecutor,
) -> np.ndarray:
    """Share of data draws in which each alternative ranks first under its central weights;
    ``matrix(d)`` is draw d's prepared matrix (d < ``count``), or the nominal one alone.
    Draws are scored on the pool; the integer hits add up the same in any order."""
    n = central_weights.shape[0]
    defined = np.flatnonzero(~np.isnan(central_weights[:, 0]))
    confidence = np.full(n, np.nan)
    if defined.size == 0:
        return confidence

    def hits(d: int) -> np.ndarray:
        prepared = matrix(d)
        ranks = rank_scores(prepared.score(central_weights[defined]), prepared.higher_is_better)
        return (ranks[np.arange(defined.size), defined] == 1).astype(np.int64)

    confidence[defined] = sum(pool.map(hits, range(count))) / count
    return confidence
