"""The bracketed root finder of the stability intervals (:func:`_crossings.illinois`) against
bisection and known crossings: the same points to the tolerance in fewer kernel calls, ties at
a bracket's end and jumps included."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.sensitivity import _crossings
from alliancescore.sensitivity.sweeps import sweep_path

TOL = 1e-9


def _counted(prepared, rows=False):
    """``prepared`` with a kernel that counts its calls (with ``rows``, the weight vectors
    it scores)."""
    calls = [0]
    score = prepared.kernel.score

    def counting(W):
        calls[0] += W.shape[0] if rows else 1
        return score(W)

    kernel = dataclasses.replace(prepared.kernel, score=counting)
    return dataclasses.replace(prepared, kernel=kernel), calls


def _grid_brackets(prepared, g, o, grid=41):
    t = np.linspace(0, 1, grid)
    scores = prepared.kernel.score(t[:, None] * g + (1 - t)[:, None] * o)
    step, i, k, sign = _crossings.grid_brackets(scores, _crossings.tie_tolerance(scores))
    f = scores[:, i] - scores[:, k]
    rows = np.arange(i.size)
    return t[step], t[step + 1], f[step, rows], f[step + 1, rows], i, k, sign.astype(float)


@pytest.mark.parametrize("method", ["topsis", "vikor", "weighted_product"])
def test_illinois_finds_the_crossings_bisection_finds_in_fewer_calls(method):
    X = np.random.default_rng(3).uniform(1, 10, size=(30, 4))
    g, o, _ = sweep_path(np.array([0.4, 0.3, 0.2, 0.1]), [0])
    prepared, calls = _counted(mcda.prepare(method, X))
    lo, hi, f_lo, f_hi, i, k, sign = _grid_brackets(prepared, g, o)
    assert i.size > 10  # not vacuous: many pairs cross
    calls[0] = 0
    found = _crossings.illinois(prepared, g, o, lo, hi, f_lo, f_hi, i, k, sign, TOL)
    illinois_calls = calls[0]
    calls[0] = 0
    _crossings.bisect(prepared, g, o, lo, hi, i, k, sign, TOL)
    assert illinois_calls < 0.6 * calls[0]  # 7-14 against bisection's 25 here
    reference = _crossings.bisect(prepared, g, o, lo, hi, i, k, sign, 1e-14)
    np.testing.assert_allclose(found, reference, rtol=0, atol=TOL)
    assert np.all((found >= lo) & (found <= hi))
    # At each point the pair's scores agree to what a step of TOL moves them.
    s = prepared.kernel.score(found[:, None] * g + (1 - found)[:, None] * o)
    gap = np.abs(s[np.arange(i.size), i] - s[np.arange(i.size), k])
    slope = np.abs(f_hi - f_lo) / (hi - lo)
    assert np.all(gap <= 50 * slope * TOL + 1e-15)


def _kernel(score):
    """A prepared method whose scores along the path are ``score(t)`` ``(s, 2)``; the
    path runs from o = (1, 0) to g = (0, 1), so the weight of criterion 1 is t."""
    prepared = mcda.prepare("weighted_sum", np.eye(2))
    kernel = dataclasses.replace(prepared.kernel, score=lambda W: score(W[:, 1]), linear=None)
    return dataclasses.replace(prepared, kernel=kernel)


TO_G, TO_O = np.array([0.0, 1.0]), np.array([1.0, 0.0])


def _solve(prepared, lo, hi, sign_lo, tol=TOL, extreme=None):
    s_lo = prepared.kernel.score(np.array([[1 - lo, lo]]))[0]
    s_hi = prepared.kernel.score(np.array([[1 - hi, hi]]))[0]
    one = np.ones(1)
    return _crossings.illinois(
        prepared,
        TO_G,
        TO_O,
        lo * one,
        hi * one,
        (s_lo[0] - s_lo[1]) * one,
        (s_hi[0] - s_hi[1]) * one,
        np.zeros(1, int),
        np.ones(1, int),
        sign_lo * one,
        tol,
        extreme,
    )[0]


def test_a_jump_is_found_to_the_tolerance():
    # Alternative 0 leads until t = 0.3 + 1e-3 / 3, then trails by a fixed gap: no secant helps.
    jump = 0.3 + 1e-3 / 3
    prepared = _kernel(lambda t: np.column_stack([np.where(t < jump, 1.0, 0.0), 0.5 + 0 * t]))
    assert abs(_solve(prepared, 0.25, 0.35, 1.0) - jump) <= TOL


def test_a_tie_at_the_start_of_the_bracket_keeps_the_order_carried_into_it():
    # The pair ties at t = 0.2 (the grid point) and crosses at 0.2 + 1e-6: the order before
    # the tie (+1) is carried to the bracket's start, whose own value is within the tie.
    cross = 0.2 + 1e-6
    prepared = _kernel(lambda t: np.column_stack([(cross - t) ** 3 * 1e6, 0 * t]))
    assert abs(_solve(prepared, 0.2, 0.25, 1.0) - cross) <= TOL


def test_only_the_extreme_is_refined_and_found():
    # Three pairs cross at 0.41, 0.43 and 0.47 inside one bracket; with "max", 0.47.
    X = np.array([[1.0, 0.0], [0.0, 1.0]])
    prepared = mcda.prepare("weighted_sum", X)
    crossings = np.array([0.41, 0.43, 0.47])
    kernel = dataclasses.replace(
        prepared.kernel,
        score=lambda W: np.column_stack(
            [W[:, 1][:, None] - crossings[None, :], np.zeros((W.shape[0], 3))]
        ),
        linear=None,
    )
    prepared = dataclasses.replace(prepared, kernel=kernel)
    lo, hi = np.full(3, 0.4), np.full(3, 0.5)
    i, k = np.arange(3), np.arange(3, 6)
    f_lo, f_hi = 0.4 - crossings, 0.5 - crossings
    found = _crossings.illinois(
        prepared, TO_G, TO_O, lo, hi, f_lo, f_hi, i, k, -np.ones(3), TOL, "max"
    )
    assert abs(found.max() - 0.47) <= TOL
    both = _crossings.illinois(prepared, TO_G, TO_O, lo, hi, f_lo, f_hi, i, k, -np.ones(3), TOL)
    np.testing.assert_allclose(both, crossings, atol=TOL)


def test_many_brackets_for_one_extreme_cost_no_more_than_bisection():
    """The full ranking's nearest grid step can hold hundreds of crossing pairs, of which only
    the extreme matters: shared midpoints and pruning first, secants for the few left, so the
    weight vectors scored stay those of bisection's tournament, not one per bracket and round
    (what made TOPSIS's intervals at 1,000 alternatives 4-16 times slower in a first try)."""
    X = np.random.default_rng(8).uniform(1, 10, size=(400, 4))
    g, o, _ = sweep_path(np.array([0.4, 0.3, 0.2, 0.1]), [0])
    prepared, scored = _counted(mcda.prepare("topsis", X), rows=True)
    lo, hi, f_lo, f_hi, i, k, sign = _grid_brackets(prepared, g, o, grid=11)
    step = lo == lo[np.argmax(np.bincount(np.searchsorted(np.unique(lo), lo)))]
    assert step.sum() > 200  # one grid step with many crossings
    args = (lo[step], hi[step], f_lo[step], f_hi[step], i[step], k[step], sign[step])
    for extreme in ("max", "min"):
        scored[0] = 0
        found = _crossings.illinois(prepared, g, o, *args[:2], *args[2:4], *args[4:], TOL, extreme)
        ours = scored[0]
        scored[0] = 0
        bisection = (prepared, g, o, args[0], args[1], args[4], args[5], args[6])
        _crossings.bisect(*bisection, TOL, extreme)
        assert ours <= scored[0]  # 26 and 20 against 37 and 34; a point per bracket: 4,000
        reference = _crossings.bisect(*bisection, 1e-14, extreme)
        want = reference.max() if extreme == "max" else reference.min()
        got = found.max() if extreme == "max" else found.min()
        assert abs(got - want) <= TOL
