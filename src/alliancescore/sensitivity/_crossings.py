"""Where pairs of alternatives swap order along a sweep path, in chunks of pairs.

The shared machinery of :mod:`.sweeps` (every switch point) and :mod:`.stability` (the
switch points nearest the profile's weight). Along ``w(t) = t g + (1 - t) o`` each pair
``(i, k)`` of alternatives either crosses in closed form (methods linear in the weights) or is
followed on a grid of ``t`` by the sign of its score difference, a tie being a difference
within ``1e-12`` of the largest absolute score (at least 1). Pairs are taken in chunks from a
:class:`~._pairs.PairSet`, each chunk's scratch within :data:`~._pairs.SCRATCH_BYTES`, in the
order of ``np.triu_indices``: the answers are those of one pass over all pairs at once.

Nearest crossings (stability): a pair's order at a grid point is the sign there, or where it
ties the last sign before it along the path (signs forward-filled from ``t = 0``); a bracket
is a grid step over which that order flips. Only the nearest bracket on each side of the
profile's point ``t0`` matters, so the signs are taken on a window of grid points around it,
widened (times four) only on a side with no bracket yet; a pair tied where the window starts
takes its order from the grid points before it. The nearest brackets are refined by a
safeguarded Illinois (modified regula falsi) iteration, :func:`illinois`, vectorised over all
brackets at once; every switch point of a sweep by bisection, :func:`bisect`. Either scores
as many brackets per kernel call as the budget allows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alliancescore.mcda.method import Prepared

from . import _pairs
from ._pairs import PairSet, chunk_size, pair_index, sign_codes

__all__ = [
    "Brackets",
    "bisect",
    "grid_brackets",
    "illinois",
    "linear_crossings",
    "linear_nearest",
    "nearest_brackets",
    "tie_tolerance",
]

FIRST_WINDOW = 4

SECANT_BRACKETS = 4
"""When only the extreme crossing is wanted, brackets are bisected together (shared midpoints,
pruned to those that may hold it) until at most this many remain; then each takes its own
Illinois point (:func:`illinois`)."""
"""Grid points on each side of ``t0`` in the first window of the nearest-crossing search."""

# Scratch bytes per pair and grid point of a window: two gathered score columns and their
# difference (float64), the sign codes, the forward-filled codes, the masks.
_BYTES_PER_CELL = 8 * 3 + 4
_BYTES_PER_PAIR = 8 * 4  # the pair's two indices and their bookkeeping


def tie_tolerance(scores: np.ndarray) -> float:
    """Differences within this are ties: ``1e-12`` of the largest absolute score, at least 1
    (exactly 1 when a score is NaN: ``max(1.0, nan)`` is 1.0, as it has always been)."""
    scale = max(1.0, float(np.abs(scores).max()))
    return 1e-12 * scale


def pairs_per_chunk(rows: int) -> int:
    """Pairs per chunk for work on ``rows`` grid points (:data:`~._pairs.SCRATCH_BYTES`)."""
    return chunk_size(_BYTES_PER_CELL * max(1, rows) + _BYTES_PER_PAIR, _pairs.SCRATCH_BYTES)


def brackets_per_batch(prepared: Prepared) -> int:
    """Brackets bisected per kernel call: the scores of one weight vector per bracket."""
    per = max(int(prepared.kernel.bytes_per_sample), 8 * prepared.n_alternatives) + 64
    return chunk_size(per, _pairs.SCRATCH_BYTES)


# --- methods linear in the weights: crossings in closed form -------------------------------


def _linear_chunk(c: np.ndarray, a: np.ndarray, i: np.ndarray, k: np.ndarray):
    slope = a[i] - a[k]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (c[k] - c[i]) / slope
    keep = (slope != 0) & (t > 0) & (t < 1)
    return t, keep


def _linear_path(A: np.ndarray, g: np.ndarray, o: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c = A @ o
    return c, A @ g - c


def linear_crossings(A: np.ndarray, g: np.ndarray, o: np.ndarray) -> np.ndarray:
    """Every crossing strictly inside (0, 1): ``(q, 3)`` rows ``(t, i, k)`` sorted by ``t``
    (pairs in ``triu`` order where ``t`` ties), pair ``(i, k)`` crossing at
    ``t = (c_k - c_i) / (a_i - a_k)``."""
    c, a = _linear_path(A, g, o)
    found = []
    for i, k in PairSet(A.shape[0]).chunks(pairs_per_chunk(1)):
        t, keep = _linear_chunk(c, a, i, k)
        found.append(np.column_stack([t[keep], i[keep], k[keep]]))
    out = np.concatenate(found) if found else np.empty((0, 3))
    return out[np.argsort(out[:, 0], kind="stable")]


def linear_nearest(
    A: np.ndarray, g: np.ndarray, o: np.ndarray, t0: float, pairs: PairSet
) -> tuple[float | None, float | None]:
    """The nearest crossing at or below and at or above ``t0`` among ``pairs``; None when
    there is none on that side."""
    c, a = _linear_path(A, g, o)
    below: float | None = None
    above: float | None = None
    for i, k in pairs.chunks(pairs_per_chunk(1)):
        t, keep = _linear_chunk(c, a, i, k)
        t = t[keep]
        low, high = t[t <= t0], t[t >= t0]
        if low.size:
            below = float(low.max()) if below is None else max(below, float(low.max()))
        if high.size:
            above = float(high.min()) if above is None else min(above, float(high.min()))
    return below, above


# --- other methods: sign changes on a grid, refined by bisection ---------------------------


def _codes(scores: np.ndarray, i: np.ndarray, k: np.ndarray, eps: float) -> np.ndarray:
    """Sign codes ``(rows, pairs)`` of ``scores[:, i] - scores[:, k]``."""
    return sign_codes(scores[:, i] - scores[:, k], eps)


def grid_brackets(
    scores: np.ndarray, eps: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every grid step over which a pair's sign flips from one grid point to the next (a tie
    at a grid point hides the flip, as the sweep has always done): ``(step, i, k, sign at
    the step's start)``, ordered by step, then pair, as ``np.nonzero`` over ``(steps,
    pairs)`` would."""
    n = scores.shape[1]
    found = []
    for i, k in PairSet(n).chunks(pairs_per_chunk(scores.shape[0])):
        code = _codes(scores, i, k, eps)
        step, pair = np.nonzero(code[:-1] * code[1:] == -1)
        found.append((step, i[pair], k[pair], code[step, pair]))
    if not found:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty, np.empty(0, dtype=np.int8)
    step, i, k, sign = (np.concatenate(column) for column in zip(*found, strict=True))
    order = np.lexsort((pair_index(i, k, n), step))
    return step[order], i[order], k[order], sign[order]


def bisect(
    prepared: Prepared,
    g: np.ndarray,
    o: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    i: np.ndarray,
    k: np.ndarray,
    sign_lo: np.ndarray,
    tol: float,
    extreme: str | None = None,
) -> np.ndarray:
    """Bisect brackets ``[lo, hi]`` of pairs ``(i, k)`` whose difference has sign
    ``sign_lo`` at ``lo``, all together, until the widest is within ``tol``; the midpoints.
    Each round scores the distinct midpoints in batches of :func:`brackets_per_batch`.

    With ``extreme`` (``"max"`` or ``"min"``) only that extreme of the midpoints is wanted:
    a bracket is dropped as soon as it lies wholly beyond another's (intervals only shrink
    and every midpoint stays in its interval, so it cannot hold the extreme), and the
    midpoints of those left are returned. Many pairs cross within the grid step nearest the
    profile when there are many alternatives; this keeps refining them cheap.
    """
    lo = np.array(lo, dtype=np.float64)
    hi = np.array(hi, dtype=np.float64)
    i, k, sign_lo = np.asarray(i), np.asarray(k), np.asarray(sign_lo)
    batch = brackets_per_batch(prepared)
    while lo.size and np.max(hi - lo) > tol:
        # Brackets of one grid step share their midpoints at first: each distinct midpoint
        # is scored once.
        mid = 0.5 * (lo + hi)
        points, which = np.unique(mid, return_inverse=True)
        same = np.empty(mid.size, dtype=bool)
        for start in range(0, points.size, batch):
            t = points[start : start + batch]
            s = prepared.kernel.score(t[:, np.newaxis] * g + (1.0 - t)[:, np.newaxis] * o)
            hit = np.flatnonzero((which >= start) & (which < start + batch))
            row = which[hit] - start
            same[hit] = np.sign(s[row, i[hit]] - s[row, k[hit]]) == sign_lo[hit]
        lo = np.where(same, mid, lo)
        hi = np.where(same, hi, mid)
        if extreme is not None:
            keep = hi >= lo.max() if extreme == "max" else lo <= hi.min()
            if not keep.all():
                lo, hi, i, k, sign_lo = lo[keep], hi[keep], i[keep], k[keep], sign_lo[keep]
    return 0.5 * (lo + hi)


def _score_at(
    prepared: Prepared,
    g: np.ndarray,
    o: np.ndarray,
    x: np.ndarray,
    i: np.ndarray,
    k: np.ndarray,
    batch: int,
) -> np.ndarray:
    """``s_i(x) - s_k(x)`` per bracket along ``w(x) = x g + (1 - x) o``; each distinct point is
    scored once (midpoints of brackets of one grid step coincide), :func:`brackets_per_batch`
    points per kernel call."""
    points, which = np.unique(x, return_inverse=True)
    out = np.empty(x.size)
    for start in range(0, points.size, batch):
        t = points[start : start + batch]
        s = prepared.kernel.score(t[:, np.newaxis] * g + (1.0 - t)[:, np.newaxis] * o)
        hit = np.flatnonzero((which >= start) & (which < start + batch))
        row = which[hit] - start
        out[hit] = s[row, i[hit]] - s[row, k[hit]]
    return out


def illinois(
    prepared: Prepared,
    g: np.ndarray,
    o: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    f_lo: np.ndarray,
    f_hi: np.ndarray,
    i: np.ndarray,
    k: np.ndarray,
    sign_lo: np.ndarray,
    tol: float,
    extreme: str | None = None,
) -> np.ndarray:
    """The crossings in brackets ``[lo, hi]`` of pairs ``(i, k)``, all brackets together, to
    ``tol``: each bracket is narrowed until it is at most ``tol`` wide, as in :func:`bisect`,
    in fewer kernel calls, and the crossing is read off the narrowed bracket by linear
    interpolation (within it, so within ``tol`` of the crossing).

    ``f_lo``, ``f_hi`` are the score differences ``s_i - s_k`` at the ends and ``sign_lo`` the
    pair's order at ``lo`` (which a tie there may carry over from before). Each round puts one
    point in every open bracket and keeps the part where the order flips, as bisection does,
    "the same order" meaning ``sign(s_i - s_k) == sign_lo``. The point is the Illinois
    modification of regula falsi (Dowell & Jarratt 1971, "A modified regula falsi method for
    computing the root of an equation", BIT 11, 168-174): the secant through the two ends,
    the value at an end kept twice in a row halved, which converges superlinearly (order about
    1.44) where plain regula falsi stalls at one end. Safeguards: the point stays at least
    ``tol / 2`` inside the bracket, so a crossing within ``tol / 2`` of an end closes the
    bracket in the next round; a bracket that did not halve over the last two rounds, or whose
    end values do not have the signs ``sign_lo`` and ``-sign_lo`` (a tie at ``lo``, a NaN),
    takes the midpoint instead, so no bracket needs more than about three times bisection's
    rounds. With ``extreme`` (``"max"`` or ``"min"``), brackets that cannot hold it are
    dropped as in :func:`bisect`, and while more than :data:`SECANT_BRACKETS` remain the rounds
    take midpoints: the brackets of one grid step share them (one kernel row for all), and each
    round drops every bracket whose half cannot hold the extreme, a tournament that leaves the
    few brackets near it in a few rounds; a secant point per bracket would cost a kernel row
    per bracket and round (the full ranking's nearest step at 1,000 alternatives holds
    hundreds of crossing pairs).

    Why interpolate rather than return the midpoint: near the crossing the sign of a score
    difference is decided by its last bits, which depend on how many points one kernel call
    scores (BLAS blocking); the secant's next point lands there, so the narrowed bracket may
    sit on either side of it, and its midpoint moves by up to ``tol / 2`` with the batch size.
    The interpolated point is the crossing either way, so the answers do not depend on the
    memory budgets (``tests/sensitivity/test_chunking.py``).
    """
    a = np.array(lo, dtype=np.float64)
    b = np.array(hi, dtype=np.float64)
    fa = np.array(f_lo, dtype=np.float64)  # Illinois-scaled end values
    fb = np.array(f_hi, dtype=np.float64)
    ya, yb = fa.copy(), fb.copy()  # the score differences at the ends
    i, k = np.asarray(i), np.asarray(k)
    sign_lo = np.asarray(sign_lo, dtype=np.float64)
    kept = np.zeros(a.size, dtype=np.int8)  # the end that survived the last round: -1 a, 1 b
    before = np.full(a.size, np.inf)  # the width two rounds ago
    last = np.full(a.size, np.inf)  # the width one round ago
    batch = brackets_per_batch(prepared)
    while a.size and np.max(b - a) > tol:
        at = np.flatnonzero(b - a > tol)
        A, B, FA, FB, S = a[at], b[at], fa[at], fb[at], sign_lo[at]
        width = B - A
        # Many brackets for one extreme: midpoints first (see the docstring).
        tournament = extreme is not None and a.size > SECANT_BRACKETS
        secant = (FA * S > 0) & (FB * S <= 0) & (width <= 0.5 * before[at]) & ~tournament
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            x = A - FA * (width / (FB - FA))
        x = np.where(secant & np.isfinite(x), x, 0.5 * (A + B))
        x = np.clip(x, A + 0.5 * tol, B - 0.5 * tol)
        fx = _score_at(prepared, g, o, x, i[at], k[at], batch)
        same = np.sign(fx) == S
        # Illinois: the end kept a second time in a row has its value halved.
        fa[at] = np.where(same, fx, np.where(kept[at] == -1, 0.5 * FA, FA))
        fb[at] = np.where(same, np.where(kept[at] == 1, 0.5 * FB, FB), fx)
        ya[at] = np.where(same, fx, ya[at])
        yb[at] = np.where(same, yb[at], fx)
        kept[at] = np.where(same, 1, -1)
        a[at] = np.where(same, x, A)
        b[at] = np.where(same, B, x)
        before[at], last[at] = last[at], width
        if extreme is not None:
            keep = b >= a.max() if extreme == "max" else a <= b.min()
            if not keep.all():
                a, b, fa, fb, ya, yb = a[keep], b[keep], fa[keep], fb[keep], ya[keep], yb[keep]
                i, k, sign_lo, kept = i[keep], k[keep], sign_lo[keep], kept[keep]
                before, last = before[keep], last[keep]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        x = a - ya * ((b - a) / (yb - ya))
    straddle = (ya * sign_lo > 0) & (yb * sign_lo <= 0) & np.isfinite(x)
    return np.clip(np.where(straddle, x, 0.5 * (a + b)), a, b)


@dataclass(frozen=True)
class Brackets:
    """The brackets at one grid step: pairs ``(i, k)`` whose forward-filled sign flips from
    ``sign`` at grid point ``step`` to the opposite at ``step + 1``."""

    step: int
    i: np.ndarray
    k: np.ndarray
    sign: np.ndarray


def _forward_fill(code: np.ndarray) -> np.ndarray:
    """Each row takes the last non-zero code at or before it (in place; row 0 as given)."""
    for row in range(1, code.shape[0]):
        np.copyto(code[row], code[row - 1], where=code[row] == 0)
    return code


def _last_sign(scores: np.ndarray, i: np.ndarray, k: np.ndarray, eps: float) -> np.ndarray:
    """The last non-zero code of each pair over all rows of ``scores`` (0 if none)."""
    out = np.zeros(i.size, dtype=np.int8)
    size = pairs_per_chunk(scores.shape[0])
    for start in range(0, i.size, size):
        part = slice(start, start + size)
        code = _codes(scores, i[part], k[part], eps)
        out[part] = _forward_fill(code)[-1]
    return out


def _moves(scores: np.ndarray, i: np.ndarray, k: np.ndarray, eps: float) -> bool:
    """Whether any of the pairs is untied somewhere on the grid."""
    size = pairs_per_chunk(scores.shape[0])
    return any(
        np.any(_codes(scores, i[s : s + size], k[s : s + size], eps) != 0)
        for s in range(0, i.size, size)
    )


class _Nearest:
    """The brackets at the nearest step found so far on one side (``below``: the largest
    step; else the smallest), gathered chunk by chunk in pair order."""

    def __init__(self, below: bool):
        self.below = below
        self.step: int | None = None
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def offer(self, step: int, i: np.ndarray, k: np.ndarray, sign: np.ndarray) -> None:
        if self.step is None or (step > self.step if self.below else step < self.step):
            self.step, self.parts = step, []
        if step == self.step:
            self.parts.append((i, k, sign))

    def result(self) -> Brackets | None:
        if self.step is None:
            return None
        i, k, sign = (np.concatenate(column) for column in zip(*self.parts, strict=True))
        return Brackets(self.step, i, k, sign)


def _window(
    scores: np.ndarray,
    eps: float,
    pairs: PairSet,
    first: int,
    last: int,
    position: int,
) -> tuple[Brackets | None, Brackets | None]:
    """The nearest brackets below and above ``position`` among steps ``first .. last - 1``."""
    rows = scores[first : last + 1]
    below, above = _Nearest(below=True), _Nearest(below=False)
    for i, k in pairs.chunks(pairs_per_chunk(rows.shape[0])):
        code = _codes(rows, i, k, eps)
        if first > 0:
            tied = np.flatnonzero(code[0] == 0)
            if tied.size:
                code[0, tied] = _last_sign(scores[:first], i[tied], k[tied], eps)
        filled = _forward_fill(code)
        flips = filled[:-1] * filled[1:] == -1  # (steps, pairs); a NaN code never flips
        split = position - first
        steps_below = np.flatnonzero(flips[:split].any(axis=1))
        if steps_below.size:
            row = int(steps_below[-1])
            hit = np.flatnonzero(flips[row])
            below.offer(first + row, i[hit], k[hit], filled[row, hit])
        steps_above = np.flatnonzero(flips[split:].any(axis=1))
        if steps_above.size:
            row = split + int(steps_above[0])
            hit = np.flatnonzero(flips[row])
            above.offer(first + row, i[hit], k[hit], filled[row, hit])
    return below.result(), above.result()


def nearest_brackets(
    scores: np.ndarray, position: int, eps: float, pairs: PairSet
) -> tuple[bool, Brackets | None, Brackets | None]:
    """For ``pairs`` on a grid with ``scores`` ``(grid, n)`` and the profile at grid point
    ``position``: whether one of them ties there without being tied everywhere (the profile
    sits on a crossing), else the brackets at the nearest step below ``position`` (steps
    ``< position``) and above (steps ``>= position``), None where there are none."""
    for i, k in pairs.chunks(pairs_per_chunk(1)):
        at_t0 = _codes(scores[position : position + 1], i, k, eps)[0]
        tied = np.flatnonzero(at_t0 == 0)
        if tied.size and _moves(scores, i[tied], k[tied], eps):
            return True, None, None
    last_point = scores.shape[0] - 1
    below: Brackets | None = None
    above: Brackets | None = None
    want_below, want_above = position > 0, position < last_point
    reach = FIRST_WINDOW
    while want_below or want_above:
        first = max(0, position - reach) if want_below else position
        last = min(last_point, position + reach) if want_above else position
        found_below, found_above = _window(scores, eps, pairs, first, last, position)
        if want_below and (found_below is not None or first == 0):
            below, want_below = found_below, False
        if want_above and (found_above is not None or last == last_point):
            above, want_above = found_above, False
        reach *= 4
    return False, below, above
