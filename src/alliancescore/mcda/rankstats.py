"""Rank statistics: tie conventions, rank correlations and consensus rankings.

Rankings are 1 = best. Two tie conventions meet here:

- the engine's :func:`~alliancescore.mcda.ranking.rank_scores` gives **competition** ranks
  ("1224": tied alternatives share the best rank of their group), which read naturally in a
  report;
- rank statistics conventionally use **fractional** (average) ranks ("1 2.5 2.5 4": tied
  alternatives share the mean of the positions they occupy), which keep the sum of ranks at
  ``n (n + 1) / 2`` so that tied and untied rankings are on one scale.

:func:`fractional_ranks` converts any encoding (competition, dense "1223", fractional, or
any numbers where lower is better) to fractional ranks, and **every statistic below converts
its inputs with it first**, so the result does not depend on how ties were encoded. For
rankings without ties the conversion changes nothing.

Correlations compare one reference ranking with many at once: arguments are ``(n,)`` or
``(s, n)`` and broadcast along the first axis (``(n,)`` against ``(s, n)`` gives ``(s,)``); two
``(n,)`` rankings give a float. Each needs at least two alternatives.

References: Spearman (1904), American Journal of Psychology 15(1), 72-101; Kendall (1938),
Biometrika 30(1-2), 81-93 and (1945) Biometrika 33(3), 239-251 (tau-b); Pinto da Costa &
Soares (2005), "A weighted rank measure of correlation", Australian & New Zealand Journal of
Statistics 47(4), 515-529; Sałabun & Urbaniak (2020), "A new coefficient of rankings similarity
in decision-making problems", ICCS 2020, LNCS 12138, 632-645; de Borda (1781); Copeland
(1951), "A reasonable social welfare function", University of Michigan seminar notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem

from ._checks import first_bad_cell
from .ranking import rank_scores

__all__ = [
    "ConsensusRanking",
    "borda",
    "copeland",
    "fractional_ranks",
    "kendall_tau",
    "kendall_w",
    "spearman",
    "weighted_spearman",
    "ws_similarity",
]

# Scratch memory for the pairwise steps (Kendall's pair signs, Copeland's comparisons).
_CHUNK_BYTES = 4 * 2**20


def _as_rankings(values: ArrayLike, name: str) -> tuple[np.ndarray, bool]:
    """Rankings as a float ``(s, n)`` array of fractional ranks, and whether input was 1-D."""
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise AllianceScoreError(Problem(name, "numeric ranks (1 = best)", f"{error}")) from None
    single = arr.ndim == 1
    if single:
        arr = arr[np.newaxis, :]
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise AllianceScoreError(
            Problem(
                name,
                "a ranking (n,) or rankings (s, n), one rank per alternative",
                f"shape {np.shape(values)}",
            )
        )
    bad = ~np.isfinite(arr)
    if bad.any():
        cells = first_bad_cell(bad)
        where = ", ".join(f"{name}[{c[1] if single else ', '.join(map(str, c))}]" for c in cells)
        raise AllianceScoreError(Problem(where, "finite ranks", "NaN or infinite values"))
    from scipy.stats import rankdata  # here, not at import: scipy.stats costs ~0.5 s to load

    return rankdata(arr, method="average", axis=1), single


def fractional_ranks(rankings: ArrayLike) -> np.ndarray:
    """Fractional (average) ranks of ``(n,)`` or ``(s, n)`` rankings, row by row.

    Any encoding where lower is better is accepted: competition ranks ``[1, 2, 2, 4]`` and
    dense ranks ``[1, 2, 2, 3]`` both become ``[1, 2.5, 2.5, 4]``; rankings without ties are
    returned unchanged (as floats). Only the order of the values in a row matters.
    """
    R, single = _as_rankings(rankings, "rankings")
    return R[0] if single else R


def _pair(
    a: ArrayLike, b: ArrayLike, names: tuple[str, str]
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Two ranking arguments as broadcastable ``(s, n)`` fractional ranks."""
    A, single_a = _as_rankings(a, names[0])
    B, single_b = _as_rankings(b, names[1])
    if A.shape[1] != B.shape[1]:
        raise AllianceScoreError(
            Problem(
                names[1],
                f"ranks of the same {A.shape[1]} alternatives as {names[0]}",
                f"{B.shape[1]} ranks",
            )
        )
    if A.shape[0] != B.shape[0] and 1 not in (A.shape[0], B.shape[0]):
        raise AllianceScoreError(
            Problem(
                names[1],
                f"one ranking, or as many rankings as {names[0]} ({A.shape[0]})",
                f"{B.shape[0]} rankings",
            )
        )
    if A.shape[1] < 2:
        raise AllianceScoreError(
            Problem(names[0], "at least two alternatives to compare", "one alternative")
        )
    return A, B, single_a and single_b


def _result(values: np.ndarray, single: bool) -> float | np.ndarray:
    return float(values[0]) if single else values


def _refuse_all_tied(spread: np.ndarray, name: str, single: bool) -> None:
    """Correlation is 0/0 when a ranking puts every alternative level."""
    tied = np.flatnonzero(spread <= 0)
    if tied.size:
        where = name if single else f"{name}[{', '.join(map(str, tied[:5].tolist()))}]"
        raise AllianceScoreError(
            Problem(
                where,
                "a ranking that separates at least two alternatives",
                "every alternative tied",
                "A correlation with a ranking that ranks everything level is undefined",
            )
        )


def spearman(ranking_a: ArrayLike, ranking_b: ArrayLike) -> float | np.ndarray:
    """Spearman's rank correlation ``rho``: the Pearson correlation of fractional ranks.

    Without ties this is ``1 - 6 sum d_i^2 / (n (n^2 - 1))``, ``d_i`` the rank difference of
    alternative i; with ties the Pearson form on fractional ranks is the standard correction
    (equal to ``scipy.stats.spearmanr``). Symmetric; 1 for identical rankings, -1 for
    reversed ones. A ranking with every alternative tied is refused (0/0).
    """
    A, B, single = _pair(ranking_a, ranking_b, ("ranking_a", "ranking_b"))
    A = A - A.mean(axis=1, keepdims=True)
    B = B - B.mean(axis=1, keepdims=True)
    ss_a, ss_b = (A * A).sum(axis=1), (B * B).sum(axis=1)
    _refuse_all_tied(ss_a, "ranking_a", A.shape[0] == 1)
    _refuse_all_tied(ss_b, "ranking_b", B.shape[0] == 1)
    rho = (A * B).sum(axis=1) / np.sqrt(ss_a * ss_b)
    return _result(np.clip(rho, -1.0, 1.0), single)


def weighted_spearman(ranking_a: ArrayLike, ranking_b: ArrayLike) -> float | np.ndarray:
    """Weighted Spearman correlation ``r_W`` (Pinto da Costa & Soares 2005; the form used by
    Sałabun & Urbaniak 2020), which weighs disagreements near the top more::

        r_W = 1 - 6 sum_i (x_i - y_i)^2 ((N - x_i + 1) + (N - y_i + 1)) / (N^4 + N^3 - N^2 - N)

    on fractional ranks x, y of N alternatives. Symmetric; 1 for identical and -1 for reversed
    rankings without ties (the formula is derived for those; with ties it is computed on
    fractional ranks as a convention and need not reach +-1). For [1, 2, 3, 4, 5] against
    [1, 3, 2, 4, 5]: r_W = 1 - 6 * 14 / 720 = 0.8833.
    """
    X, Y, single = _pair(ranking_a, ranking_b, ("ranking_a", "ranking_b"))
    N = X.shape[1]
    numerator = 6.0 * ((X - Y) ** 2 * ((N - X + 1) + (N - Y + 1))).sum(axis=1)
    return _result(1.0 - numerator / (N**4 + N**3 - N**2 - N), single)


def ws_similarity(reference: ArrayLike, compared: ArrayLike) -> float | np.ndarray:
    """The WS rank similarity coefficient of Sałabun & Urbaniak (2020)::

        WS = 1 - sum_i 2^(-x_i) |x_i - y_i| / max(|x_i - 1|, |x_i - N|)

    **Asymmetric:** ``reference`` (x) is the ranking taken as correct, ``compared`` (y) the one
    judged against it; the weight ``2^(-x_i)`` makes a disagreement matter more the higher the
    alternative stands *in the reference*, and the denominator is the largest error possible
    at that reference position. ``ws_similarity(x, y) != ws_similarity(y, x)`` in general.

    WS lies in (0, 1] on fractional ranks (1 for identical rankings): each term's fraction is
    at most 1 and the weights sum to less than 1. For reference [1, 2, 3, 4, 5] and compared
    [1, 3, 2, 4, 5]: WS = 1 - (2^-2 / 3 + 2^-3 / 2) = 0.8542.
    """
    X, Y, single = _pair(reference, compared, ("reference", "compared"))
    N = X.shape[1]
    worst_error = np.maximum(np.abs(X - 1.0), np.abs(X - N))
    penalty = (2.0**-X * np.abs(X - Y) / worst_error).sum(axis=1)
    return _result(1.0 - penalty, single)


def _pair_signs(R: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    return np.sign(R[:, i] - R[:, j])


def kendall_tau(ranking_a: ArrayLike, ranking_b: ArrayLike) -> float | np.ndarray:
    """Kendall's tau-b, which corrects for ties::

        tau_b = sum_{i<j} s^a_ij s^b_ij / sqrt(sum_{i<j} (s^a_ij)^2 * sum_{i<j} (s^b_ij)^2)

    with ``s_ij = sign(r_i - r_j)`` (0 for a tied pair): concordant minus discordant pairs over
    the geometric mean of the untied pair counts of each ranking (equal to
    ``scipy.stats.kendalltau``, variant b). Symmetric; 1 for identical, -1 for reversed
    rankings. Vectorised over the ``n (n - 1) / 2`` pairs, in chunks of rows so memory stays
    bounded for many rankings. A ranking with every alternative tied is refused (0/0).
    """
    A, B, single = _pair(ranking_a, ranking_b, ("ranking_a", "ranking_b"))
    n = A.shape[1]
    i, j = np.triu_indices(n, k=1)
    s = max(A.shape[0], B.shape[0])
    rows_per_chunk = max(1, _CHUNK_BYTES // (8 * 3 * i.size))
    concordance, untied_a, untied_b = np.empty(s), np.empty(s), np.empty(s)
    for start in range(0, s, rows_per_chunk):
        rows = slice(start, min(start + rows_per_chunk, s))
        sa = _pair_signs(A if A.shape[0] == 1 else A[rows], i, j)
        sb = _pair_signs(B if B.shape[0] == 1 else B[rows], i, j)
        concordance[rows] = (sa * sb).sum(axis=1)
        untied_a[rows] = (sa * sa).sum(axis=1)
        untied_b[rows] = (sb * sb).sum(axis=1)
    _refuse_all_tied(untied_a[: A.shape[0]], "ranking_a", A.shape[0] == 1)
    _refuse_all_tied(untied_b[: B.shape[0]], "ranking_b", B.shape[0] == 1)
    tau = concordance / np.sqrt(untied_a * untied_b)
    return _result(np.clip(tau, -1.0, 1.0), single)


def kendall_w(rankings: ArrayLike) -> float:
    """Kendall's coefficient of concordance W of ``rankings (m, n)``: m raters (analysts,
    methods) each ranking the same n alternatives (1 = best), with the tie correction::

        W = 12 S / (m^2 (n^3 - n) - m T),   S = sum_i (R_i - m (n + 1) / 2)^2,
        T = sum over raters, over groups of t tied alternatives, of (t^3 - t)

    on fractional ranks (``R_i`` the sum of alternative i's ranks). 1 when every rater gives
    the same ranking, 0 when the rank sums are all equal (no agreement beyond chance); in
    [0, 1]. Needs two raters and two alternatives; raters who tie everything are refused
    (0/0). Reference: Kendall & Babington Smith (1939), "The problem of m rankings", Annals
    of Mathematical Statistics 10(3), 275-287; the tie correction as in Kendall & Gibbons
    (1990), *Rank Correlation Methods*, 5th ed., ch. 6.
    """
    R = _voters(rankings)
    m, n = R.shape
    if m < 2 or n < 2:
        raise AllianceScoreError(
            Problem(
                "rankings",
                "at least two rankings of at least two alternatives",
                f"{m} ranking(s) of {n} alternative(s)",
            )
        )
    sums = R.sum(axis=0)
    S = float(((sums - m * (n + 1) / 2.0) ** 2).sum())
    T = 0.0
    for row in R:
        _, counts = np.unique(row, return_counts=True)
        T += float((counts**3 - counts).sum())
    denominator = m * m * (n**3 - n) - m * T
    if denominator <= 0:
        raise AllianceScoreError(
            Problem(
                "rankings",
                "rankings that separate at least two alternatives",
                "every ranking ties every alternative",
            )
        )
    return float(np.clip(12.0 * S / denominator, 0.0, 1.0))


@dataclass(frozen=True)
class ConsensusRanking:
    """One ranking agreed from several: scores (higher is better) and ranks (1 = best).

    ``ranks`` are competition ranks ("1224") of ``scores`` from
    :func:`~alliancescore.mcda.ranking.rank_scores`; ``details`` holds the method's
    intermediate tables.
    """

    method: str
    scores: np.ndarray
    ranks: np.ndarray
    details: Mapping[str, np.ndarray] = field(repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))


def _voters(rankings: ArrayLike) -> np.ndarray:
    R, single = _as_rankings(rankings, "rankings")
    if single:
        raise AllianceScoreError(
            Problem(
                "rankings",
                "a (k, n) array: one row per ranking to combine",
                f"a single ranking of shape {np.shape(rankings)}",
                "Stack the rankings (one per method or analyst) as rows",
            )
        )
    return R


def borda(rankings: ArrayLike) -> ConsensusRanking:
    """Borda count over ``rankings (k, n)`` (each row one ranking, 1 = best).

    Each ranking gives alternative i ``n - r_i`` points on its fractional rank ``r_i`` (best
    ``n - 1``, worst 0); the consensus score is the total over rankings. **Ties** split the
    points of the positions they share (two alternatives tied for 2nd of 4 get 1.5 each), so
    every ranking hands out the same ``n (n - 1) / 2`` points. Consensus ranks are competition
    ranks of the totals. ``details["points"]`` is the ``(k, n)`` table of points.
    """
    R = _voters(rankings)
    points = R.shape[1] - R
    scores = points.sum(axis=0)
    return ConsensusRanking("borda", scores, rank_scores(scores), {"points": points})


def copeland(rankings: ArrayLike) -> ConsensusRanking:
    """Copeland's pairwise-majority rule over ``rankings (k, n)`` (1 = best).

    For each pair (a, b), ``M[a, b]`` counts the rankings that put a strictly above b (a tie
    within a ranking counts for neither). a beats b when ``M[a, b] > M[b, a]``; a pair with as
    many rankings each way is a draw. The consensus score is wins minus losses (from
    ``-(n - 1)`` to ``n - 1``); draws count 0. Consensus ranks are competition ranks of the
    scores, so alternatives with equal scores tie. ``details``: ``pairwise`` (M, ``(n, n)``),
    ``wins`` and ``losses``.
    """
    R = _voters(rankings)
    k, n = R.shape
    M = np.zeros((n, n), dtype=np.int64)
    rows_per_chunk = max(1, _CHUNK_BYTES // (n * n))
    for start in range(0, k, rows_per_chunk):
        chunk = R[start : start + rows_per_chunk]
        M += (chunk[:, :, np.newaxis] < chunk[:, np.newaxis, :]).sum(axis=0)
    wins = (M > M.T).sum(axis=1)
    losses = (M < M.T).sum(axis=1)
    scores = (wins - losses).astype(np.float64)
    return ConsensusRanking(
        "copeland",
        scores,
        rank_scores(scores),
        {"pairwise": M, "wins": wins, "losses": losses},
    )
