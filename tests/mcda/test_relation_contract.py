"""One contract, every registered outranking method (and its main parameter variants).

Properties: shapes and the reflexivity convention (diagonal True); preference, indifference and
incomparability partition the distinct pairs; permuting alternatives permutes the relation and
every view; a dominating alternative outranks the one it dominates and is never strictly below
it, in the relation or the final preorder; the final preorder is a reflexive, transitive
extension of the relation whose levels respect it; the kernel is stable on the reduced graph;
the relation itself is transitive where the method claims it. Degenerate inputs: one
alternative, all alternatives equal, identical alternatives, non-finite cells. A method opts out
of a property only with a stated reason in ``OutrankingMethod.contract_opt_outs``.
"""

from __future__ import annotations

import itertools
from types import MappingProxyType

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError
from alliancescore.mcda import Relation
from strategies import decision_problems, weight_batches

# (method, params, {property: reason it does not hold for these params})
VARIANTS: list[tuple[str, dict, dict[str, str]]] = [
    ("promethee_i", {"flows": "sum"}, {}),
    (
        "promethee_i",
        {
            "preference": ["linear", "vshape", "gaussian", "level", "ushape"],
            "q": 1.0,
            "p": 4.0,
            "s": 2.0,
        },
        {},
    ),
    ("electre_i", {"discordance": "global"}, {}),
    ("electre_i", {"c_hat": 0.5, "d_hat": 0.6}, {}),
    ("electre_iii", {"q": 0.5, "p": 2.0, "v": 6.0}, {}),
    ("electre_iii", {"q": [0.25, 0.5, 1.0, 0.0, 2.0], "p": 3.0}, {}),
    # Thresholds that vary with the performance, at g(a) and at g(b); valid for values from
    # -2.25 (the dominance test's constructed rows on cost criteria) to 15.
    (
        "electre_iii",
        {"q": 0.3, "q_slope": 0.05, "p": 1.0, "p_slope": 0.2, "v": 4.0, "v_slope": 0.5},
        {},
    ),
    (
        "electre_iii",
        {
            "q": 0.5,
            "q_slope": 0.1,
            "p": 2.0,
            "p_slope": [0.3, 0.2, 0.5, 0.1, 0.25],
            "v": 5.0,
            "v_slope": 0.9,
            "thresholds_at": "b",
        },
        {},
    ),
]

CASES = [
    (name, {}, dict(mcda.OUTRANKING_METHODS[name].contract_opt_outs))
    for name in mcda.OUTRANKING_METHODS
]
CASES += [
    (name, params, {**mcda.OUTRANKING_METHODS[name].contract_opt_outs, **extra})
    for name, params, extra in VARIANTS
]
IDS = [f"{name}{params}" for name, params, _ in CASES]


def _params_for(params: dict, m: int) -> dict:
    """Cut per-criterion parameter lists down to ``m`` criteria."""
    return {k: v[:m] if isinstance(v, list) else v for k, v in params.items()}


def _relation(method, params, X, benefit, w) -> Relation:
    return mcda.outrank(method, X, w, benefit, **_params_for(params, X.shape[1]))


def _one_weight_vector(data, m: int) -> np.ndarray:
    return data.draw(weight_batches(m, max_samples=1))[0]


def test_every_registered_outranking_method_is_under_contract():
    assert {name for name, _, _ in CASES} == set(mcda.OUTRANKING_METHODS)
    assert {"promethee_i", "electre_i", "electre_iii"} <= set(mcda.OUTRANKING_METHODS)


@pytest.mark.parametrize(("method", "params", "opt_outs"), CASES, ids=IDS)
@given(problem=decision_problems(min_alternatives=1), data=st.data())
@settings(max_examples=40, deadline=None)
def test_shapes_reflexivity_and_the_partition_of_pairs(method, params, opt_outs, problem, data):
    X, benefit = problem
    n, m = X.shape
    w = _one_weight_vector(data, m)
    rel = _relation(method, params, X, benefit, w)

    assert rel.method == method
    for view in (rel.outranks, rel.preference, rel.indifference, rel.incomparability, rel.final):
        assert view.shape == (n, n) and view.dtype == bool
        assert not view.flags.writeable
    assert rel.outranks.diagonal().all() and rel.final.diagonal().all()
    for view in (rel.preference, rel.indifference, rel.incomparability):
        assert not view.diagonal().any()
    np.testing.assert_allclose(rel.weights, w / w.sum(), rtol=0, atol=1e-15)

    # Each distinct pair is in exactly one of a P b, b P a, a I b, a R b.
    kinds = (
        rel.preference.astype(int)
        + rel.preference.T.astype(int)
        + rel.indifference.astype(int)
        + rel.incomparability.astype(int)
    )
    np.testing.assert_array_equal(kinds, 1 - np.eye(n, dtype=int))
    np.testing.assert_array_equal(rel.indifference, rel.indifference.T)
    np.testing.assert_array_equal(rel.incomparability, rel.incomparability.T)

    assert rel.levels.shape == (n,) and rel.levels.min() == 1
    assert rel.kernel.shape == (n,) and rel.kernel.any()
    assert sorted(a for c in rel.classes for a in c) == list(range(n))


@pytest.mark.parametrize(("method", "params", "opt_outs"), CASES, ids=IDS)
@given(problem=decision_problems(), data=st.data())
@settings(max_examples=40, deadline=None)
def test_final_preorder_extends_the_relation_and_levels_respect_it(
    method, params, opt_outs, problem, data
):
    X, benefit = problem
    rel = _relation(method, params, X, benefit, _one_weight_vector(data, X.shape[1]))
    final = rel.final.astype(int)
    assert (rel.final | ~rel.outranks).all(), "final contains the relation"
    assert not ((final @ final > 0) & ~rel.final).any(), "final is transitive"
    strictly = rel.final & ~rel.final.T
    a, b = np.nonzero(strictly)
    assert (rel.levels[a] < rel.levels[b]).all()
    if "transitivity" not in opt_outs:
        np.testing.assert_array_equal(rel.final, rel.outranks)
        assert rel.cycles == ()


@pytest.mark.parametrize(("method", "params", "opt_outs"), CASES, ids=IDS)
@given(problem=decision_problems(), data=st.data())
@settings(max_examples=40, deadline=None)
def test_permuting_alternatives_permutes_the_relation(method, params, opt_outs, problem, data):
    X, benefit = problem
    w = _one_weight_vector(data, X.shape[1])
    perm = np.array(data.draw(st.permutations(range(X.shape[0]))))
    base = _relation(method, params, X, benefit, w)
    permuted = _relation(method, params, X[perm], benefit, w)
    np.testing.assert_array_equal(permuted.outranks, base.outranks[np.ix_(perm, perm)])
    np.testing.assert_array_equal(permuted.final, base.final[np.ix_(perm, perm)])
    np.testing.assert_array_equal(permuted.levels, base.levels[perm])
    np.testing.assert_array_equal(permuted.kernel, base.kernel[perm])


@pytest.mark.parametrize(("method", "params", "opt_outs"), CASES, ids=IDS)
@given(problem=decision_problems(), data=st.data())
@settings(max_examples=40, deadline=None)
def test_a_dominating_alternative_outranks_and_is_never_below(
    method, params, opt_outs, problem, data
):
    if "dominance" in opt_outs:
        pytest.skip(opt_outs["dominance"])
    X, benefit = problem
    n, m = X.shape
    a, b = data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
    # Row b dominates row a: at least as good everywhere, strictly better on one criterion.
    steps = np.array(data.draw(st.lists(st.integers(0, 8), min_size=m, max_size=m)), float)
    steps[data.draw(st.integers(0, m - 1))] += 1
    X = X.copy()
    X[b] = np.where(benefit, X[a] + steps / 4, X[a] - steps / 4)
    rel = _relation(method, params, X, benefit, _one_weight_vector(data, m))
    assert rel.outranks[b, a]
    assert not rel.preference[a, b]
    assert rel.final[b, a]
    assert rel.levels[b] <= rel.levels[a]


@pytest.mark.parametrize(("method", "params", "opt_outs"), CASES, ids=IDS)
@given(problem=decision_problems(), data=st.data())
@settings(max_examples=40, deadline=None)
def test_the_kernel_is_stable_on_the_reduced_graph(method, params, opt_outs, problem, data):
    X, benefit = problem
    rel = _relation(method, params, X, benefit, _one_weight_vector(data, X.shape[1]))
    _assert_kernel_of_reduced_graph(rel)


def _assert_kernel_of_reduced_graph(rel: Relation) -> None:
    """The kernel is the unique stable set of the graph with classes reduced to vertices."""
    classes = [list(c) for c in rel.classes]
    k = len(classes)
    edge = np.zeros((k, k), dtype=bool)
    for i, j in itertools.product(range(k), repeat=2):
        if i != j:
            edge[i, j] = rel.outranks[np.ix_(classes[i], classes[j])].any()
    kernels = []
    for size in range(1, k + 1):
        for chosen in itertools.combinations(range(k), size):
            inside = list(chosen)
            outside = [c for c in range(k) if c not in chosen]
            if not edge[np.ix_(inside, inside)].any() and all(
                edge[inside, c].any() for c in outside
            ):
                kernels.append(set(chosen))
    assert len(kernels) == 1, "an acyclic graph has exactly one kernel"
    expected = np.zeros(rel.n_alternatives, dtype=bool)
    for c in kernels[0]:
        expected[classes[c]] = True
    np.testing.assert_array_equal(rel.kernel, expected)


# ----------------------------------------------------------------------------- Relation views
def _hand_relation(outranks: np.ndarray) -> Relation:
    frozen = np.array(outranks, dtype=bool)
    frozen.setflags(write=False)
    return Relation("hand", frozen, np.ones(1), MappingProxyType({}), MappingProxyType({}))


def test_a_circuit_is_reduced_to_one_class_and_reported():
    """0 -> 1 -> 2 -> 0 is a circuit; 0 also outranks 3; 4 stands alone. Roy's reduction makes
    {0, 1, 2} one vertex: the kernel is that class and 4, and the circuit is reported."""
    S = np.eye(5, dtype=bool)
    for a, b in [(0, 1), (1, 2), (2, 0), (0, 3)]:
        S[a, b] = True
    rel = _hand_relation(S)
    assert rel.cycles == ((0, 1, 2),)
    assert rel.classes == ((0, 1, 2), (4,), (3,))
    assert rel.levels.tolist() == [1, 1, 1, 2, 1]
    assert np.flatnonzero(rel.kernel).tolist() == [0, 1, 2, 4]
    # The closure adds the pairs the circuit implies: 1 now outranks 0 and 3.
    assert rel.final[1, 0] and rel.final[1, 3] and not rel.outranks[1, 3]
    _assert_kernel_of_reduced_graph(rel)
    assert "cycles reduced: [[0, 1, 2]]" in repr(rel)


def test_indifference_is_a_class_but_not_a_cycle():
    S = np.eye(3, dtype=bool)
    S[0, 1] = S[1, 0] = S[1, 2] = True
    rel = _hand_relation(S)
    assert rel.classes == ((0, 1), (2,))
    assert rel.cycles == ()
    assert rel.indifference[0, 1] and rel.preference[1, 2] and rel.incomparability[0, 2]
    assert np.flatnonzero(rel.kernel).tolist() == [0, 1]


def test_kernel_of_a_chain_takes_every_other_alternative():
    """0 -> 1 -> 2 -> 3 (no transitivity): the kernel of a path is {0, 2}."""
    S = np.eye(4, dtype=bool)
    for a in range(3):
        S[a, a + 1] = True
    rel = _hand_relation(S)
    assert np.flatnonzero(rel.kernel).tolist() == [0, 2]
    assert rel.levels.tolist() == [1, 2, 3, 4]


@given(
    hnp.arrays(np.bool_, st.tuples(st.integers(1, 6), st.integers(1, 6)).map(lambda t: (t[0],) * 2))
)
@settings(max_examples=200, deadline=None)
def test_views_of_any_relation(matrix):
    """For an arbitrary relation: the kernel is the unique stable set after reduction, levels
    respect the closure, and the closure is the smallest transitive reflexive extension."""
    np.fill_diagonal(matrix, True)
    rel = _hand_relation(matrix)
    _assert_kernel_of_reduced_graph(rel)
    reach = matrix.copy()
    for _ in range(len(matrix)):
        reach = reach | ((reach.astype(int) @ matrix.astype(int)) > 0)
    np.testing.assert_array_equal(rel.final, reach)
    strictly = rel.final & ~rel.final.T
    a, b = np.nonzero(strictly)
    assert (rel.levels[a] < rel.levels[b]).all()
    # A level is one more than the longest chain of strictly better alternatives above it.
    for x in range(len(matrix)):
        above = np.flatnonzero(strictly[:, x])
        assert rel.levels[x] == 1 + (rel.levels[above].max() if above.size else 0)


# ----------------------------------------------------------------------------- degenerate input
X = np.array([[7.0, 9.0, 9.0], [8.0, 7.0, 8.0], [9.0, 6.0, 8.0], [6.0, 7.0, 8.0]])
BENEFIT = np.array([True, True, False])
W = np.array([0.5, 0.3, 0.2])
DEFAULT_CASES = [(name, {}) for name in sorted(mcda.OUTRANKING_METHODS)] + [
    ("electre_iii", {"q": 0.5, "p": 1.0, "v": 2.5}),
    ("electre_iii", {"q": 0.5, "p": 1.0, "p_slope": 0.1, "v": 2.5, "v_slope": 0.2}),
]
DEFAULT_IDS = [f"{name}{params}" for name, params in DEFAULT_CASES]


@pytest.mark.parametrize(("method", "params"), DEFAULT_CASES, ids=DEFAULT_IDS)
def test_one_alternative_outranks_itself_only(method, params):
    rel = mcda.outrank(method, X[:1], W, BENEFIT, **params)
    assert rel.outranks.tolist() == [[True]]
    assert rel.levels.tolist() == [1] and rel.kernel.tolist() == [True]
    assert not rel.preference.any() and not rel.incomparability.any()


@pytest.mark.parametrize(("method", "params"), DEFAULT_CASES, ids=DEFAULT_IDS)
def test_alternatives_equal_everywhere_are_all_indifferent(method, params):
    rel = mcda.outrank(method, np.ones((4, 3)), W, BENEFIT, **params)
    assert rel.outranks.all()
    assert rel.indifference.sum() == 4 * 3
    assert rel.classes == ((0, 1, 2, 3),) and rel.cycles == ()
    assert rel.levels.tolist() == [1, 1, 1, 1] and rel.kernel.all()


@pytest.mark.parametrize(("method", "params"), DEFAULT_CASES, ids=DEFAULT_IDS)
def test_identical_alternatives_are_indifferent_and_interchangeable(method, params):
    rel = mcda.outrank(method, np.vstack([X, X[1]]), W, BENEFIT, **params)
    assert rel.indifference[1, 4]
    np.testing.assert_array_equal(rel.outranks[1], rel.outranks[4])
    np.testing.assert_array_equal(rel.outranks[:, 1], rel.outranks[:, 4])
    assert rel.levels[1] == rel.levels[4] and rel.kernel[1] == rel.kernel[4]


@pytest.mark.parametrize(("method", "params"), DEFAULT_CASES, ids=DEFAULT_IDS)
def test_a_constant_column_gives_finite_tables(method, params):
    """A criterion without spread: no NaN anywhere (PROMETHEE: it adds nothing to the flows;
    ELECTRE: its weight counts as agreement in every concordance, documented)."""
    with_constant = np.column_stack([X, np.full(4, 5.0)])
    rel = mcda.outrank(method, with_constant, np.append(W, 0.4), np.append(BENEFIT, True), **params)
    for name, table in rel.tables.items():
        if table.dtype.kind == "f":  # (ELECTRE III's thresholds table holds v = inf for "none")
            assert not np.isnan(table).any(), name
    if method == "promethee_i":
        without = mcda.outrank(method, X, W, BENEFIT, **params)
        np.testing.assert_array_equal(rel.outranks, without.outranks)


@pytest.mark.parametrize("method", sorted(mcda.OUTRANKING_METHODS))
def test_non_finite_cells_are_refused_with_the_cell_named(method):
    bad = X.copy()
    bad[2, 1] = np.nan
    with pytest.raises(AllianceScoreError, match=r"X\[2, 1\] = nan"):
        mcda.outrank(method, bad, W, BENEFIT)


@pytest.mark.parametrize("method", sorted(mcda.OUTRANKING_METHODS))
def test_a_batch_of_weight_vectors_is_refused(method):
    with pytest.raises(AllianceScoreError, match="one weight vector"):
        mcda.outrank(method, X, np.vstack([W, W]), BENEFIT)


def test_unknown_method_and_parameter_names_get_suggestions():
    with pytest.raises(AllianceScoreError, match=r"Did you mean .*'electre_iii'.*Known"):
        mcda.outrank("electre_3", X, W)
    with pytest.raises(
        AllianceScoreError, match=r"electre_i parameter 'chat'.*Did you mean 'c_hat'"
    ):
        mcda.outrank("electre_i", X, W, chat=0.8)


@pytest.mark.parametrize(
    ("method", "params", "message"),
    [
        ("electre_i", {"c_hat": 1.5}, r"concordance threshold in \(0, 1\]"),
        ("electre_i", {"d_hat": -0.1}, r"discordance threshold in \[0, 1\]"),
        ("electre_i", {"discordance": "range"}, "'criterion' or 'global'"),
        ("electre_i", {"c_hat": "0.8"}, r"concordance threshold in \(0, 1\], found '0.8'"),
        ("electre_i", {"d_hat": True}, r"discordance threshold in \[0, 1\], found true"),
        ("promethee_i", {"q": "x"}, "promethee_i parameter 'q': expected a finite number"),
        (
            "electre_iii",
            {"q": 2.0, "p": 1.0},
            "criterion 0: expected a preference threshold p >= q",
        ),
        ("electre_iii", {"p": 1.0, "v": 1.0}, "veto threshold v > p"),
        ("electre_iii", {"q": [0.1, 0.2]}, "one value or 3 values"),
        ("electre_iii", {"beta": -0.4}, r"s\(1\) = -0.1"),
        ("electre_iii", {"thresholds_at": "c"}, r"'thresholds_at': expected 'a' .* or 'b'"),
        (
            "electre_iii",
            {"q_slope": -1.5},
            "criterion 0: expected a slope q_slope at least -1 on a benefit criterion",
        ),
        (
            "electre_iii",
            {"p_slope": [0.0, 0.0, 1.5]},
            "criterion 2: expected a slope p_slope at most 1 on a cost criterion",
        ),
        (
            "electre_iii",
            {"p_slope": 1.5, "thresholds_at": "b"},
            "criterion 0: expected a slope p_slope at most 1 on a benefit criterion",
        ),
        ("electre_iii", {"v_slope": 0.1}, "a veto threshold v when v_slope is set"),
        (
            "electre_iii",
            {"q_slope": [0.0, float("inf"), 0.0]},
            r"parameter 'q_slope\[1\]': expected a finite number, found inf",
        ),
        ("electre_iii", {"p": float("inf")}, "parameter 'p': expected a finite number, found inf"),
        ("electre_iii", {"q": "0.5"}, "parameter 'q': expected a finite number, found '0.5'"),
        ("electre_iii", {"q_slope": None}, "parameter 'q_slope': expected a finite number"),
        (
            "electre_iii",
            {"v": [1.0, None, True]},
            r"parameter 'v\[2\]': expected a finite number, or None for no veto, found true",
        ),
        (
            "electre_iii",
            {"q": 1.0, "q_slope": -0.2, "p": 2.0},
            r"criterion 0: expected an indifference threshold q >= 0, found q = -0.4 at "
            r"alternative 0's performance 7",
        ),
        ("promethee_i", {"preference": "vshape"}, "promethee_i criterion 0 .*p > 0"),
        ("promethee_i", {"flows": "total"}, "promethee_i parameter 'flows'"),
    ],
)
def test_bad_parameters_are_refused_with_the_method_named(method, params, message):
    with pytest.raises(AllianceScoreError, match=message):
        mcda.outrank(method, X, W, BENEFIT, **params)


def test_repr_shows_levels_incomparabilities_and_kernel():
    rel = mcda.outrank("electre_iii", X, W, BENEFIT, q=0.5, p=1.0, v=2.5)
    text = repr(rel)
    assert text.startswith("Relation(method='electre_iii', 4 alternatives")
    assert "\n    1: " in text and "kernel:" in text and " R of 6" in text


def test_weights_may_be_a_weight_result():
    result = mcda.weights("direct", [5, 3, 2])
    rel = mcda.outrank("promethee_i", X, result, BENEFIT)
    np.testing.assert_allclose(rel.weights, W, rtol=0, atol=1e-15)


# ----------------------------------------------------- ELECTRE III: thresholds varying with g
def test_electre_iii_thresholds_at_a_or_b_worked_by_hand():
    """Two benefit criteria, w = (0.5, 0.5), a = (10, 10), b = (8, 17); criterion 1 constant
    q = 1, p = 3; criterion 2 q = 0.5 + 0.1 g, p = 1 + 0.2 g, v = 5 + 0.5 g.

    a S b, b ahead by 7 on criterion 2. At g(a) = 10: q = 1.5, p = 3, v = 10, so c_2 = 0,
    d_2 = (7 - 3) / (10 - 3) = 4/7 > C = 0.5 and sigma = 0.5 (1 - 4/7) / (1 - 0.5) = 3/7. At
    g(b) = 17: p = 4.4, v = 13.5, d_2 = 2.6 / 9.1 = 2/7 < C, so sigma = C = 0.5.
    b S a, a ahead by 2 on criterion 1 (constant thresholds): c_1 = (3 - 2) / (3 - 1) = 0.5,
    c_2 = 1, so sigma = C = 0.75 either way.
    """
    X = np.array([[10.0, 10.0], [8.0, 17.0]])
    params = dict(q=[1.0, 0.5], p=[3.0, 1.0], v=[None, 5.0])
    slopes = dict(q_slope=[0.0, 0.1], p_slope=[0.0, 0.2], v_slope=[0.0, 0.5])
    for at, sigma_ab in (("a", 3 / 7), ("b", 0.5)):
        rel = mcda.outrank("electre_iii", X, [0.5, 0.5], None, thresholds_at=at, **params, **slopes)
        np.testing.assert_allclose(rel.tables["credibility"][0, 1], sigma_ab, rtol=0, atol=1e-15)
        np.testing.assert_allclose(rel.tables["credibility"][1, 0], 0.75, rtol=0, atol=1e-15)
        np.testing.assert_array_equal(
            rel.tables["threshold_slopes"], [[0, 0.1], [0, 0.2], [0, 0.5]]
        )
    np.testing.assert_array_equal(rel.tables["thresholds"], [[1, 0.5], [3, 1], [np.inf, 5]])


@given(problem=decision_problems(), data=st.data())
@settings(max_examples=40, deadline=None)
def test_electre_iii_is_unit_free_when_the_thresholds_move_with_the_units(problem, data):
    """Rescaling a criterion by k > 0 and its thresholds' constant parts by k (slopes are
    ratios, unit-free) leaves every credibility unchanged, at g(a) and at g(b)."""
    X, benefit = problem
    m = X.shape[1]
    w = _one_weight_vector(data, m)
    k = np.array(
        data.draw(st.lists(st.sampled_from([0.01, 0.5, 3.0, 1000.0]), min_size=m, max_size=m))
    )
    at = data.draw(st.sampled_from(["a", "b"]))
    base = dict(q=np.full(m, 0.5), p=np.full(m, 2.0), v=np.full(m, 6.0))
    slopes = dict(q_slope=0.05, p_slope=0.1, v_slope=0.4)
    plain = mcda.outrank("electre_iii", X, w, benefit, thresholds_at=at, **base, **slopes)
    scaled_params = {name: list(value * k) for name, value in base.items()}
    scaled = mcda.outrank(
        "electre_iii", X * k, w, benefit, thresholds_at=at, **scaled_params, **slopes
    )
    np.testing.assert_allclose(
        scaled.tables["credibility"], plain.tables["credibility"], rtol=0, atol=1e-12
    )
    np.testing.assert_array_equal(scaled.outranks, plain.outranks)
