"""Strict registration (issue 13): parameters and tables declared once, checked before a kernel
runs, and a kernel's own bug left as its traceback.

Every declared constraint of every score method, outranking method, weighting scheme and
sampler is fed values it must refuse; each refusal has the one message shape
``<owner> parameter '<name>': expected <what>, found <value>``.
"""

from __future__ import annotations

import importlib
import math
import traceback

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError, literal
from alliancescore.mcda.method import Kernel, register_method
from alliancescore.params import (
    Anything,
    Array,
    Flag,
    Nullable,
    Options,
    PerCriterion,
    Real,
    Text,
    Whole,
)
from alliancescore.settings import SAMPLERS

# The sampler kernels declare their parameters when they bind themselves, on import: import
# them before the cases below are listed, whatever other test module was collected first.
importlib.import_module("alliancescore.sensitivity.samplers")

X = np.array([[7.0, 9.0, 9.0], [8.0, 7.0, 8.0], [9.0, 6.0, 8.0], [6.0, 7.0, 8.0]])
BENEFIT = np.array([True, True, False])
W = np.array([0.5, 0.3, 0.2])


def bad_values(constraint):
    """Values ``constraint`` must refuse, each with the expected phrase of the refusal."""
    if isinstance(constraint, Nullable):
        return [(value, constraint.expected(), at) for value, _, at in bad_values(constraint.inner)]
    if isinstance(constraint, PerCriterion):
        inner = bad_values(constraint.inner)  # refused alone, or as an entry of a list
        entry = constraint.inner  # an entry cannot be left out: it says None (Nullable)
        said = entry.entry_expected() if isinstance(entry, Nullable) else None
        return inner + [([value], said or expected, "[0]") for value, expected, _ in inner[:1]]
    expected = constraint.expected()
    out = [("x" if not isinstance(constraint, Text) else 3, expected, "")]
    if isinstance(constraint, Real):
        out += [(math.nan, expected, ""), (math.inf, expected, ""), (True, expected, "")]
        if constraint.low is not None:
            out.append((constraint.low - (0 if constraint.low_open else 1), expected, ""))
        if constraint.high is not None:
            out.append((constraint.high + (0 if constraint.high_open else 1), expected, ""))
    elif isinstance(constraint, Whole):
        out += [(2.5, expected, ""), (True, expected, "")]
        if constraint.minimum is not None:
            out.append((constraint.minimum - 1, expected, ""))
    elif isinstance(constraint, Options):
        out += [("no such option", expected, ""), (["a list"], expected, "")]
    elif isinstance(constraint, Flag):
        out += [(1, expected, "")]
    elif isinstance(constraint, Array):
        out = [("x", expected, ""), (3.0, expected, "")]
    return out


def cases(registry, kind):
    for owner, entry in registry.items():
        for name, param in entry.params.items():
            if isinstance(param.constraint, Anything):
                continue
            for value, expected, at in bad_values(param.constraint):
                yield pytest.param(
                    kind, owner, name, value, expected, at, id=f"{owner}.{name}={value!r}"
                )


def call(kind, owner, **params):
    if kind == "method":
        return mcda.evaluate(owner, X, W, BENEFIT, **params)
    if kind == "outranking":
        return mcda.outrank(owner, X, W, BENEFIT, **params)
    if kind == "weighting":
        return mcda.weights(owner, **{**WEIGHTING_DATA[owner], **params})
    return SAMPLERS[owner].build(**{**SAMPLER_DATA[owner], **params})


# Valid data arguments (by keyword, so the one under test can replace its own), so that only
# the parameter under test is wrong.
PAIRWISE = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]
RANKING = {"ranking": [1, 2, 3]}
WEIGHTING_DATA = {
    "ahp": {"matrix": PAIRWISE},
    "bwm": {"best_to_others": [1, 2, 4], "others_to_worst": [4, 2, 1]},
    "critic": {"X": X},
    "direct": {"values": [3, 2, 1]},
    "entropy": {"X": X},
    "merec": {"X": X},
    "rank_reciprocal": RANKING,
    "rank_sum": RANKING,
    "roc": RANKING,
    "standard_deviation": {"X": X},
    "swara": {"comparative_importance": [0.2, 0.1]},
    "swing": {"points": [100, 50, 20]},
}
SAMPLER_DATA = {
    "uniform": {"n_criteria": 3},
    "dirichlet": {"weights": [0.5, 0.5]},
    "intervals": {"lower": [0.1, 0.1], "upper": [0.9, 0.9]},
    "ordinal": RANKING,
    "hierarchical": {"tree": [0, 1]},
}

ALL_CASES = [
    *cases(mcda.METHODS, "method"),
    *cases(mcda.OUTRANKING_METHODS, "outranking"),
    *cases(mcda.WEIGHTINGS, "weighting"),
    *cases(SAMPLERS, "sampler"),
]


def test_every_parameterised_entry_is_covered():
    owners = {case.values[1] for case in ALL_CASES}
    for registry in (mcda.METHODS, mcda.OUTRANKING_METHODS, mcda.WEIGHTINGS, SAMPLERS):
        for owner, entry in registry.items():
            checked = [p for p in entry.params.values() if not isinstance(p.constraint, Anything)]
            assert (owner in owners) == bool(checked), owner


@pytest.mark.parametrize(("kind", "owner", "name", "value", "expected", "at"), ALL_CASES)
def test_each_declared_constraint_refuses_a_bad_value(kind, owner, name, value, expected, at):
    with pytest.raises(AllianceScoreError) as caught:
        call(kind, owner, **{name: value})
    label = f"{owner} sampler" if kind == "sampler" else owner
    where = f"{label} parameter '{name}{at}'"
    assert str(caught.value).startswith(f"{where}: expected {expected}, found "), caught.value
    assert caught.value.problems[0].found == literal(value[0] if at else value)


def test_an_unknown_option_gets_did_you_mean():
    with pytest.raises(AllianceScoreError, match="Did you mean 'geometric_mean'"):
        mcda.weights("ahp", PAIRWISE, method="geometric-mean")
    with pytest.raises(AllianceScoreError, match="Did you mean 'nonlinear'"):
        mcda.weights("bwm", [1, 2, 4], [4, 2, 1], model="non-linear")
    with pytest.raises(AllianceScoreError, match=r"ahp parameter 'methd'.*Did you mean 'method'"):
        mcda.weights("ahp", PAIRWISE, methd="eigenvector")


def test_every_default_satisfies_its_own_constraint():
    for registry in (mcda.METHODS, mcda.OUTRANKING_METHODS, mcda.WEIGHTINGS, SAMPLERS):
        for entry in registry.values():
            for param in entry.params.values():
                assert param.required or param.constraint.accepts(param.default), param


# ------------------------------------------------------------------------------ registration
@pytest.fixture
def example_method():
    """Registers ``example(X, benefit, *, alpha)`` (alpha has no default) for one test."""
    seen = {}

    @register_method(
        "example_required",
        higher_is_better=True,
        summary="an example with a required parameter",
        params={"alpha": Real(0.0, 1.0)},
        tables=[mcda.tables.table("alpha_used", caption="alpha as the kernel saw it")],
    )
    def example(X, benefit, *, alpha):
        seen["alpha"] = alpha

        def score(W):
            return W @ X.T

        return Kernel(score, {"alpha_used": np.array(alpha)}, lambda W: {}, 8 * X.shape[0])

    yield seen
    mcda.METHODS.remove("example_required")


def test_a_required_parameter_is_asked_for_never_passed_as_empty(example_method):
    with pytest.raises(AllianceScoreError) as caught:
        mcda.evaluate("example_required", X, W, BENEFIT)
    assert str(caught.value) == (
        "example_required parameter 'alpha': expected a number in [0, 1] (it has no default), "
        "found nothing"
    )
    assert example_method == {}  # the kernel never ran
    result = mcda.evaluate("example_required", X, W, BENEFIT, alpha=0.25)
    assert example_method["alpha"] == 0.25 and dict(result.params) == {"alpha": 0.25}
    assert result.axes("alpha_used") == () and result.caption("alpha_used").startswith("alpha")


def test_a_bug_inside_a_kernel_keeps_its_own_exception_and_traceback():
    """The catch-all that turned a kernel's TypeError or ValueError into an input message is
    gone: a bug is the developer's, with the line that raised it."""

    @register_method(
        "example_buggy",
        higher_is_better=True,
        summary="a kernel with a deliberate bug",
        params={"factor": Real()},
    )
    def buggy(X, benefit, *, factor=1.0):
        columns = X.shape[1]
        return int("three") * columns  # the bug: a ValueError raised inside the kernel

    try:
        with pytest.raises(ValueError) as caught:
            mcda.evaluate("example_buggy", X, W, BENEFIT, factor=2.0)
    finally:
        mcda.METHODS.remove("example_buggy")
    assert type(caught.value) is ValueError
    assert not isinstance(caught.value, AllianceScoreError)
    frames = traceback.extract_tb(caught.value.__traceback__)
    assert frames[-1].name == "buggy" and "int(" in frames[-1].line


def test_registration_refuses_undeclared_parameters_and_tables():
    with pytest.raises(TypeError, match="undeclared: \\['beta'\\]"):

        @register_method("example_undeclared", higher_is_better=True, summary="")
        def undeclared(X, benefit, *, beta=1.0):
            raise AssertionError("never runs")

    assert "example_undeclared" not in mcda.METHODS
    with pytest.raises(TypeError, match="breaks its own constraint"):

        @register_method(
            "example_bad_default", higher_is_better=True, summary="", params={"beta": Whole(1)}
        )
        def bad_default(X, benefit, *, beta=0):
            raise AssertionError("never runs")

    @register_method("example_untabled", higher_is_better=True, summary="")
    def untabled(X, benefit):
        return Kernel(lambda W: W @ X.T, {"secret": X}, lambda W: {}, 8)

    try:
        with pytest.raises(TypeError, match="undeclared weight-independent table 'secret'"):
            mcda.evaluate("example_untabled", X, W, BENEFIT)
    finally:
        mcda.METHODS.remove("example_untabled")


# ------------------------------------------------------------------------------ tables
@pytest.mark.parametrize("method", sorted(mcda.METHODS))
def test_declared_tables_match_what_the_kernel_returns(method):
    """Shapes follow the declared axes, for one weight vector and for a batch, on a matrix
    with fewer criteria than alternatives (so a swapped axis would show)."""
    declared = mcda.METHODS[method].tables
    single = mcda.evaluate(method, X, W, BENEFIT)
    batch = mcda.evaluate(method, X, np.vstack([W, W[::-1]]), BENEFIT)
    assert set(single.tables) <= set(declared)
    for name, table in single.tables.items():
        assert np.shape(table) == declared[name].shape(4, 3), name
        assert declared[name].caption
    for name, table in batch.tables.items():
        assert np.shape(table) == declared[name].shape(4, 3, 2), name
        assert batch.axes(name)[0] == mcda.SAMPLES or not declared[name].weighted


@pytest.mark.parametrize("method", sorted(mcda.OUTRANKING_METHODS))
def test_declared_outranking_tables_match(method):
    declared = mcda.OUTRANKING_METHODS[method].tables
    relation = mcda.outrank(method, X, W, BENEFIT)
    for name, table in relation.tables.items():
        assert np.shape(table) == declared[name].shape(4, 3), name
