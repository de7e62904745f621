"""Ranking metrics for the backtest: ROC AUC with ties, per-group AUC, precision at k, deciles.

Pure numpy, no pandas. Every function takes scores (higher = predicted more likely to form a
pact) and 0/1 labels (1 = the pair went on to form a defence pact), and handles ties exactly:

* **ROC AUC** is the Mann-Whitney statistic: the probability that a randomly chosen positive
  scores above a randomly chosen negative, a tie counting one half (Hanley & McNeil 1982,
  "The meaning and use of the area under a receiver operating characteristic (ROC) curve",
  Radiology 143(1) 29-36). Unweighted it equals
  ``(R_pos - n_pos (n_pos + 1) / 2) / (n_pos n_neg)`` with ``R_pos`` the sum of the positives'
  midranks, and the trapezoidal area under :func:`roc_curve` (a tied block of scores is one
  diagonal step). With observation weights every positive-negative comparison counts
  ``w_i w_j``.
* **Precision at k** of one ranking is the expected share of positives among the k best,
  ties at the k-th place broken at random: the positives scoring above the k-th score count
  in full, and the tied block straddling place k contributes its share of positives times
  the places left. A ranking that ties everything thus gets exactly the base rate, which is
  what a random ranking gets in expectation.
* **Deciles** are formed from midranks, so that tied scores always share a decile:
  ``decile = ceil(10 * midrank / n)``, 10 = the highest scores. Heavy ties can leave a decile
  empty (its rate is then NaN).

Missing scores are not allowed (NaN is refused); a scorer puts what it cannot score at the
bottom with ``-inf``, where such rows tie with each other.
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem

__all__ = [
    "decile_table",
    "group_auc",
    "midranks",
    "precision_at_k",
    "roc_auc",
    "roc_curve",
]


def _inputs(
    scores: ArrayLike, labels: ArrayLike, weights: ArrayLike | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=np.float64).ravel()
    y = np.asarray(labels).ravel()
    if y.shape != s.shape:
        raise AllianceScoreError(
            Problem("labels", f"one label per score ({s.size})", f"{y.size} labels")
        )
    if np.isnan(s).any():
        raise AllianceScoreError(
            Problem(
                "scores",
                "numbers (use -inf for what cannot be scored)",
                f"NaN at position {int(np.flatnonzero(np.isnan(s))[0])}",
            )
        )
    if not np.isin(y, (0, 1)).all():
        raise AllianceScoreError(
            Problem("labels", "0 or 1 (or booleans)", repr(y[~np.isin(y, (0, 1))][0]))
        )
    y = y.astype(bool)
    if weights is None:
        w = np.ones(s.size)
    else:
        w = np.asarray(weights, dtype=np.float64).ravel()
        if w.shape != s.shape or not np.isfinite(w).all() or (w < 0).any():
            raise AllianceScoreError(
                Problem("weights", f"{s.size} finite non-negative numbers", f"shape {w.shape}")
            )
    return s, y, w


def _tie_blocks(sorted_scores: np.ndarray) -> np.ndarray:
    """Block id of each element of an ascending array (equal values share a block)."""
    if sorted_scores.size == 0:
        return np.zeros(0, dtype=np.int64)
    new = np.empty(sorted_scores.size, dtype=bool)
    new[0] = True
    new[1:] = sorted_scores[1:] != sorted_scores[:-1]
    return np.cumsum(new) - 1


def midranks(x: ArrayLike) -> np.ndarray:
    """Ascending ranks 1..n, tied values sharing the mean of their ranks (midranks).

    >>> midranks([3.0, 1.0, 3.0, 2.0]).tolist()
    [3.5, 1.0, 3.5, 2.0]
    """
    a = np.asarray(x, dtype=np.float64).ravel()
    order = np.argsort(a, kind="mergesort")
    block = _tie_blocks(a[order])
    n_blocks = int(block[-1]) + 1 if a.size else 0
    size = np.bincount(block, minlength=n_blocks)
    last = np.cumsum(size)  # rank of the last member of each block
    mid = last - (size - 1) / 2.0
    out = np.empty(a.size)
    out[order] = mid[block]
    return out


def roc_auc(scores: ArrayLike, labels: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Area under the ROC curve (Mann-Whitney with ties counted one half); NaN without both
    a positive and a negative of positive weight.

    With ``weights``, ``sum_{i pos, j neg} w_i w_j [s_i > s_j] + 0.5 [s_i = s_j]`` divided by
    ``sum_pos w_i * sum_neg w_j``.
    """
    s, y, w = _inputs(scores, labels, weights)
    w_pos, w_neg = w[y].sum(), w[~y].sum()
    if w_pos <= 0 or w_neg <= 0:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    block = _tie_blocks(s[order])
    n_blocks = int(block[-1]) + 1
    neg_in_block = np.bincount(block, weights=np.where(y[order], 0.0, w[order]), minlength=n_blocks)
    neg_below = np.cumsum(neg_in_block) - neg_in_block
    pos = y[order]
    credit = neg_below[block[pos]] + 0.5 * neg_in_block[block[pos]]
    return float((w[order][pos] * credit).sum() / (w_pos * w_neg))


def roc_curve(
    scores: ArrayLike, labels: ArrayLike, weights: ArrayLike | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ROC curve: (false positive rate, true positive rate, threshold), from (0, 0).

    One point per distinct score, thresholds descending (a pair is predicted positive when its
    score is at least the threshold); the first point has threshold ``+inf``. A tied block is
    a single step, so the trapezoidal area equals :func:`roc_auc`. Rates are NaN without
    positives (TPR) or negatives (FPR).
    """
    s, y, w = _inputs(scores, labels, weights)
    order = np.argsort(-s, kind="mergesort")
    s_desc = s[order]
    block = _tie_blocks(-s_desc)
    n_blocks = int(block[-1]) + 1 if s.size else 0
    tp = np.cumsum(
        np.bincount(block, weights=np.where(y[order], w[order], 0.0), minlength=n_blocks)
    )
    fp = np.cumsum(
        np.bincount(block, weights=np.where(y[order], 0.0, w[order]), minlength=n_blocks)
    )
    w_pos, w_neg = w[y].sum(), w[~y].sum()
    tpr = np.concatenate([[0.0], tp / w_pos]) if w_pos > 0 else np.full(n_blocks + 1, np.nan)
    fpr = np.concatenate([[0.0], fp / w_neg]) if w_neg > 0 else np.full(n_blocks + 1, np.nan)
    first = np.ones(s.size, dtype=bool)
    first[1:] = block[1:] != block[:-1]
    thresholds = np.concatenate([[np.inf], s_desc[first]])
    return fpr, tpr, thresholds


def _groups(groups: ArrayLike, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    g = np.asarray(groups).ravel()
    if g.size != n:
        raise AllianceScoreError(Problem("groups", f"one group per score ({n})", f"{g.size}"))
    names, inverse = np.unique(g, return_inverse=True)
    order = np.argsort(inverse, kind="mergesort")
    bounds = np.searchsorted(inverse[order], np.arange(names.size + 1))
    return names, order, bounds


def group_auc(
    groups: ArrayLike, scores: ArrayLike, labels: ArrayLike, weights: ArrayLike | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`roc_auc` within each group (e.g. each focal state): (group names sorted, AUCs).

    A group without a positive or without a negative gets NaN.
    """
    s, y, w = _inputs(scores, labels, weights)
    names, order, bounds = _groups(groups, s.size)
    aucs = np.array(
        [
            roc_auc(s[order[a:b]], y[order[a:b]], w[order[a:b]])
            for a, b in itertools.pairwise(bounds)
        ]
    )
    return names, aucs


def precision_at_k(
    groups: ArrayLike, scores: ArrayLike, labels: ArrayLike, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Expected share of positives among each group's ``k`` best scores, ties broken at random.

    Returns (group names sorted, precision). A group with fewer than ``k`` members uses all of
    them (its precision is then its base rate).
    """
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise AllianceScoreError(Problem("k", "a whole number >= 1", repr(k)))
    s, y, _ = _inputs(scores, labels)
    names, order, bounds = _groups(groups, s.size)
    out = np.empty(names.size)
    for i, (a, b) in enumerate(itertools.pairwise(bounds)):
        gs, gy = s[order[a:b]], y[order[a:b]]
        kk = min(int(k), gs.size)
        cut = np.sort(gs)[::-1][kk - 1]
        above, tied = gs > cut, gs == cut
        expected = gy[above].sum() + (kk - above.sum()) * gy[tied].sum() / tied.sum()
        out[i] = expected / kk
    return names, out


def decile_table(scores: ArrayLike, labels: ArrayLike, n_bins: int = 10) -> dict[str, np.ndarray]:
    """Positives per score bin, bins from midranks (``ceil(n_bins * midrank / n)``).

    Returns arrays over bins 1..n_bins (n_bins = the highest scores): ``bin``, ``n``,
    ``positives``, ``rate`` (positives / n, NaN for an empty bin), ``lift`` (rate / overall
    rate), ``score_min`` and ``score_max``.
    """
    s, y, _ = _inputs(scores, labels)
    if s.size == 0:
        raise AllianceScoreError(Problem("scores", "at least one score", "none"))
    ranks = midranks(s)
    bins = np.clip(np.ceil(n_bins * ranks / s.size - 1e-9).astype(np.int64), 1, n_bins)
    n = np.bincount(bins, minlength=n_bins + 1)[1:]
    positives = np.bincount(bins, weights=y.astype(float), minlength=n_bins + 1)[1:]
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(n > 0, positives / np.maximum(n, 1), np.nan)
        overall = y.mean()
        lift = rate / overall if overall > 0 else np.full(n_bins, np.nan)
    lo = np.full(n_bins, np.nan)
    hi = np.full(n_bins, np.nan)
    for b in range(1, n_bins + 1):
        inside = s[bins == b]
        if inside.size:
            lo[b - 1], hi[b - 1] = inside.min(), inside.max()
    return {
        "bin": np.arange(1, n_bins + 1),
        "n": n,
        "positives": positives.astype(np.int64),
        "rate": rate,
        "lift": lift,
        "score_min": lo,
        "score_max": hi,
    }
