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
blocks in flight, never by the sample count. With data uncertainty the design is nested: the
blocks are split evenly over ``n_data_draws`` matrices, each prepared once.

Monte Carlo error: the standard error of each index from batch means over up to 32 equal
consecutive batches of blocks (valid for the nested design too); with fewer than two blocks,
the binomial ``sqrt(b (1 - b) / N)``.
"""

from __future__ import annotations

import os
import threading
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

from .data_uncertainty import DataUncertainty
from .samplers import WeightSampler

__all__ = ["BLOCK", "SMAAResult", "smaa"]

BLOCK = 4096
# Rows ranked at once: the arrays of one sub-chunk stay in the cores' caches, and few enough
# calls per block keep the Python overhead (which holds the GIL) small.
RANK_ROWS = 2048
_MAX_BATCHES = 32
# Pairwise winning indices for all pairs up to this many alternatives, else for the top few.
_ALL_PAIRS_UP_TO = 30
_WEIGHT_STREAM, _DATA_STREAM, _PILOT_STREAM = 0, 1, 2


@dataclass(frozen=True)
class SMAAResult:
    """SMAA-2 indices for one method. Alternatives are in the order of the input matrix.

    acceptability : ``(n, n)``, ``[i, r]`` = share of draws where i has rank ``r + 1``.
    acceptability_se : ``(n, n)`` Monte Carlo standard errors of those shares.
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
                tol = workspace.tolerance[: sub.shape[0], 0]
                wins += np.count_nonzero((K[:, np.newaxis, :] - K[np.newaxis, :, :]) > tol, axis=2)
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


def smaa(
    method: str,
    X: ArrayLike,
    benefit: ArrayLike | None = None,
    *,
    sampler: WeightSampler,
    n_samples: int = 100_000,
    seed: int = 0,
    data: DataUncertainty | None = None,
    n_data_draws: int = 100,
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
    data : optional indicator uncertainty; ``n_data_draws`` matrices, nested design.
    pairwise : report winning indices among the top ``pairwise`` alternatives (by their
        ranking at the sampler's mean weights); default all pairs up to 30 alternatives,
        else the top 10.
    threads : worker threads (default: all cores).
    progress : called with the number of draws completed after each block.
    """
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise AllianceScoreError(Problem("seed", "a non-negative integer", repr(seed)))
    if n_samples < 1:
        raise AllianceScoreError(Problem("samples", "at least 1", repr(n_samples)))
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
    draws = min(n_data_draws, n_blocks) if data is not None else 0

    @lru_cache(maxsize=8)
    def prepared_for_draw(d: int) -> Prepared:
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(_DATA_STREAM, d)))
        return prepare(method, data.draw(rng, matrix), mask, **params)  # type: ignore[union-attr]

    def draw_of_block(b: int) -> int:
        return b * draws // n_blocks

    mean = sampler.mean
    if mean is None:
        pilot = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(_PILOT_STREAM,)))
        mean = sampler.draw(pilot, 2000).mean(axis=0)
    k = pairwise if pairwise is not None else (n if n <= _ALL_PAIRS_UP_TO else 10)
    k = max(0, min(k, n))
    central_ranks = rank_scores(nominal.score(mean), nominal.higher_is_better)
    pairs = np.argsort(central_ranks, kind="stable")[:k]

    def run_block(b: int) -> _Partial:
        size = min(BLOCK, n_samples - b * BLOCK)
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(_WEIGHT_STREAM, b)))
        W = sampler.draw(rng, size)
        prepared = prepared_for_draw(draw_of_block(b)) if data is not None else nominal
        return _score_block(prepared, W, pairs)

    n_batches = min(_MAX_BATCHES, n_blocks)
    batch_counts = np.zeros((n_batches, n, n), dtype=np.int64)
    batch_sizes = np.zeros(n_batches, dtype=np.int64)
    central = np.zeros((n, m))
    wins = np.zeros((k, k), dtype=np.int64)
    workers = threads or os.cpu_count() or 1
    done = 0
    with threadpool_limits(1), ThreadPoolExecutor(max_workers=workers) as pool:
        window = 4 * workers
        for start in range(0, n_blocks, window):
            blocks = range(start, min(start + window, n_blocks))
            for b, part in zip(blocks, pool.map(run_block, blocks), strict=True):
                batch = b * n_batches // n_blocks
                batch_counts[batch] += part.counts
                batch_sizes[batch] += part.size
                central += part.central
                wins += part.wins
                done += part.size
                if progress is not None:
                    progress(done)

    counts = batch_counts.sum(axis=0)
    counts = counts.T  # [alternative, rank - 1]
    acceptability = counts / n_samples
    if n_batches >= 2:
        shares = batch_counts.transpose(0, 2, 1) / batch_sizes[:, np.newaxis, np.newaxis]
        se = shares.std(axis=0, ddof=1) / np.sqrt(n_batches)
    else:
        se = np.sqrt(acceptability * (1 - acceptability) / n_samples)
    first_counts = counts[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central_weights = central / first_counts[:, np.newaxis]
    central_weights[first_counts == 0] = np.nan
    confidence = _confidence(
        nominal, central_weights, [prepared_for_draw(d) for d in range(draws)] or [nominal]
    )
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


def _confidence(
    nominal: Prepared, central_weights: np.ndarray, matrices: list[Prepared]
) -> np.ndarray:
    """Share of data draws in which each alternative ranks first under its central weights."""
    n = nominal.n_alternatives
    defined = np.flatnonzero(~np.isnan(central_weights[:, 0]))
    confidence = np.full(n, np.nan)
    if defined.size == 0:
        return confidence
    hits = np.zeros(defined.size)
    for prepared in matrices:
        ranks = rank_scores(prepared.score(central_weights[defined]), prepared.higher_is_better)
        hits += ranks[np.arange(defined.size), defined] == 1
    confidence[defined] = hits / len(matrices)
    return confidence
