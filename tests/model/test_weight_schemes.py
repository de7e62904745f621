"""Every weighting of ``mcda.WEIGHTINGS`` from a profile's ``[weights]`` (issue 16): the same
weights as calling the mcda function directly, objective weights computed on the value
matrix, and one message for each bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancescore import mcda
from alliancescore.analysis.validation import check_profile
from alliancescore.cli import main
from alliancescore.model.criteria import load_criteria
from alliancescore.model.profile import WeightSpec
from alliancescore.model.profile_format import OBJECTIVE_SCHEMES, WEIGHTING_OF
from alliancescore.model.weights import resolve_weights
from alliancescore.shipped import default_criteria
from engine_profiles import BWM, with_weights

MODEL = load_criteria(default_criteria())
TOP = [c.id for c in MODEL.criteria]  # shared_threats, interoperability, deterrence, ...


def top_weights(path) -> np.ndarray:
    weights = check_profile(path).weights
    return np.array([weights.local[c] for c in TOP])


def test_every_registered_weighting_is_reachable_from_a_profile():
    assert set(WEIGHTING_OF.values()) == set(mcda.WEIGHTINGS)


@pytest.mark.parametrize("scheme", ["direct", "ranking", "rank_sum", "rank_reciprocal"])
def test_value_schemes_equal_the_mcda_function(tmp_path, scheme):
    values = [4, 1, 3, 2] if scheme != "direct" else [0.1, 0.5, 0.3, 0.1]
    table = ", ".join(f"{c} = {v}" for c, v in zip(TOP, values, strict=True))
    path = with_weights(tmp_path, f'\n[weights]\nscheme = "{scheme}"\nvalues = {{ {table} }}\n')
    expected = mcda.weights(WEIGHTING_OF[scheme], values).weights
    np.testing.assert_allclose(top_weights(path), expected, rtol=0, atol=1e-15)
    if scheme == "rank_sum":  # Stillwell et al. 1981: 0.4, 0.3, 0.2, 0.1 by position
        np.testing.assert_allclose(top_weights(path), [0.1, 0.4, 0.2, 0.3], atol=1e-15)


def test_swara_equals_the_mcda_function(tmp_path):
    weights = """
[weights]
scheme = "swara"
order = ["deterrence", "shared_threats", "regional_stability", "interoperability"]
comparative_importance = { shared_threats = 0.2, regional_stability = 0.0, interoperability = 0.5 }
"""
    path = with_weights(tmp_path, weights)
    expected = mcda.weights("swara", [0.2, 0.0, 0.5], order=[2, 0, 3, 1]).weights
    np.testing.assert_allclose(top_weights(path), expected, atol=1e-15)
    # k = 1, 1.2, 1, 1.5: q = 1, 1/1.2, 1/1.2, 1/1.8 by position
    q = np.array([1 / 1.2, 1 / 1.8, 1.0, 1 / 1.2])  # shared, interop, deterrence, regional
    np.testing.assert_allclose(top_weights(path), q / q.sum(), atol=1e-12)


@pytest.mark.parametrize("model", ["linear", "nonlinear"])
def test_bwm_equals_the_mcda_function(tmp_path, model):
    weights = f"""
[weights]
scheme = "bwm"
bwm_model = "{model}"
best = "shared_threats"
worst = "regional_stability"
best_to_others = {{ interoperability = 2, deterrence = 3, regional_stability = 8 }}
others_to_worst = {{ shared_threats = 8, interoperability = 5, deterrence = 3 }}
"""
    checked = check_profile(with_weights(tmp_path, weights))
    direct = mcda.weights("bwm", [1, 2, 3, 8], [8, 5, 3, 1], best=0, worst=3, model=model)
    np.testing.assert_allclose([checked.weights.local[c] for c in TOP], direct.weights)
    assert checked.weights.diagnostics["consistency_ratio"] == pytest.approx(
        direct.diagnostics["consistency_ratio"]
    )
    assert checked.weights.diagnostics["best"] == "shared_threats"


def _values(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    return {ind.id: rng.uniform(0, 1, n) for ind in MODEL.indicators}


def _aggregated(weights, values) -> np.ndarray:
    """Each top-level criterion's value: its indicators under their within-criterion shares."""
    paths = MODEL.paths()
    columns = []
    for c in TOP:
        leaves = [i.id for i in MODEL.indicators if paths[i.id][0] == c]
        share = np.array([weights.global_[leaf] / weights.global_[c] for leaf in leaves])
        columns.append(np.column_stack([values[leaf] for leaf in leaves]) @ share)
    return np.column_stack(columns)


@pytest.mark.parametrize("scheme", OBJECTIVE_SCHEMES)
def test_objective_top_level_weights_are_computed_on_the_aggregated_values(scheme):
    values = _values(9, np.random.default_rng(3))
    resolved = resolve_weights(MODEL, WeightSpec(scheme=scheme, where="p.toml: weights"), values)
    X = _aggregated(resolved, values)
    X = 1.0 + X if scheme == "merec" else X  # MEREC on 1 + value (stated in its note)
    expected = mcda.weights(WEIGHTING_OF[scheme], X).weights
    np.testing.assert_allclose([resolved.local[c] for c in TOP], expected, atol=1e-14)
    assert not resolved.provisional
    assert resolved.notes[0].startswith(
        f"weights: {scheme} over the 9 alternatives' values of the top-level criteria"
    )


def test_objective_weights_without_values_are_provisional_and_say_so():
    resolved = resolve_weights(MODEL, WeightSpec(scheme="critic", where="p.toml: weights"))
    assert resolved.provisional
    assert [resolved.local[c] for c in TOP] == [0.25] * 4
    assert "is computed when scoring" in resolved.notes[0]


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    constant=st.floats(0.0, 1.0),
    column=st.integers(0, 3),
    n=st.integers(3, 20),
)
def test_entropy_weight_of_a_constant_indicator_is_zero(seed, constant, column, n):
    """Under local_schemes, the children of interoperability are weighed on their values;
    a child whose values are all equal cannot tell alternatives apart and weighs exactly 0."""
    values = _values(n, np.random.default_rng(seed))
    interop = [c.id for c in MODEL.nodes["interoperability"].children]
    values[interop[column]] = np.full(n, constant)
    spec = WeightSpec(
        scheme="criteria_file", local_schemes={"interoperability": "entropy"}, where="p: weights"
    )
    resolved = resolve_weights(MODEL, spec, values)
    assert resolved.local[interop[column]] == 0.0
    assert sum(resolved.local[c] for c in interop) == pytest.approx(1.0)
    others = np.column_stack([values[c] for c in interop])
    np.testing.assert_allclose(
        [resolved.local[c] for c in interop], mcda.weights("entropy", others).weights
    )


def test_score_computes_objective_weights_on_the_profiles_value_matrix(tmp_path):
    from alliancescore.analysis.scoring import score

    path = with_weights(tmp_path, '\n[weights]\nscheme = "entropy"\n')
    result = score(path)
    values = {c: result.matrix.values[c].to_numpy(dtype=float) for c in result.weights.leaves}
    X = _aggregated(result.weights, values)
    expected = mcda.weights("entropy", X).weights
    np.testing.assert_allclose([result.weights.local[c] for c in TOP], expected, atol=1e-14)
    assert any(
        d.startswith("weights: entropy over the 12 alternatives' values of the top-level")
        for d in result.diagnostics
    )


BAD = [
    (
        """
[weights]
scheme = "bwm"
best = "deterrence"
worst = "deterrence"
best_to_others = { shared_threats = 2, interoperability = 3, regional_stability = 8 }
others_to_worst = { shared_threats = 8, interoperability = 5, regional_stability = 3 }
""",
        "weights.worst: expected a criterion other than best (BWM compares the most and the "
        "least important), found 'deterrence', also best. Name the least important criterion "
        "as worst",
    ),
    (
        """
[weights]
scheme = "bwm"
best = "shared_threats"
worst = "regional_stability"
best_to_others = { interoperability = 2, deterence = 3, regional_stability = 8 }
others_to_worst = { shared_threats = 8, interoperability = 5, deterrence = 3 }
""",
        "weights.best_to_others.deterence: expected a top-level criterion id (shared_threats, "
        "interoperability, deterrence, regional_stability), found 'deterence'. Did you mean "
        "'deterrence'?",
    ),
    (
        """
[weights]
scheme = "bwm"
best = "shared_threat"
worst = "regional_stability"
best_to_others = { interoperability = 2, deterrence = 3, regional_stability = 8 }
others_to_worst = { shared_threats = 8, interoperability = 5, deterrence = 3 }
""",
        "weights.best: expected a top-level criterion id (shared_threats, interoperability, "
        "deterrence, regional_stability), found 'shared_threat'. Did you mean 'shared_threats'?",
    ),
    (
        """
[weights]
scheme = "bwm"
bwm_max_cr = 0.1
best = "shared_threats"
worst = "regional_stability"
best_to_others = { interoperability = 9, deterrence = 2, regional_stability = 3 }
others_to_worst = { shared_threats = 3, interoperability = 9, deterrence = 1 }
""",
        "weights.best_to_others: expected comparisons with a consistency ratio (xi*/CI, Rezaei "
        "2015) of at most 0.1 (bwm_max_cr), found ",
    ),
    (
        """
[weights]
scheme = "bwm"
best = "shared_threats"
worst = "regional_stability"
best_to_others = { interoperability = 2, deterrence = 12, regional_stability = 8 }
others_to_worst = { shared_threats = 8, interoperability = 5, deterrence = 3 }
""",
        "weights.best_to_others.deterrence: expected a number <= 9, found 12.0",
    ),
    (
        """
[weights]
scheme = "swara"
order = ["deterrence", "shared_threats", "interoperability"]
comparative_importance = { shared_threats = 0.2, interoperability = 0.5 }
""",
        "weights.order: expected every top-level criterion once, found regional_stability missing",
    ),
    (
        """
[weights]
scheme = "entropy"
values = { deterrence = 1 }
""",
        'weights.values: expected nothing with scheme = "entropy" (objective weights come from '
        "the alternatives' values), found",
    ),
    (
        """
[weights]
scheme = "criteria_file"
local_schemes = { capability = "critic" }
""",
        "weights.local_schemes.capability: expected a criterion (a node with children), found "
        "the indicator 'capability'",
    ),
    (
        """
[weights]
scheme = "criteria_file"
local_schemes = { deterrence = "entropi" }
""",
        "weights.local_schemes.deterrence: expected one of 'entropy', 'critic', "
        "'standard_deviation', 'merec', found 'entropi'. Did you mean 'entropy'?",
    ),
]


@pytest.mark.parametrize(("weights", "message"), BAD)
def test_bad_weights_get_one_message(tmp_path, capsys, weights, message):
    path = with_weights(tmp_path, weights)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if err.count(f"{path}:") == 1:  # one problem
        assert err.startswith(f"alliancescore: error: {path}: {message}"), err
    else:  # a misspelt id is also a missing one: both in the one message, as for values
        assert err.startswith("alliancescore: error: 2 problems:\n"), err
        assert f"  - {path}: {message}" in err, err
        assert "expected a value for every top-level criterion, found none for deterrence" in err


VALUES_READERS = (
    'values is read by scheme = "direct", "ranking", "rank_sum", "rank_reciprocal" or "swing"'
)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (  # scored with the matrix's equal weights, the values silently ignored
            'scheme = "ahp"\nvalues = { deterrence = 0.7 }\ncriteria = ["shared_threats", '
            '"interoperability", "deterrence", "regional_stability"]\n'
            "matrix = [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]",
            'weights.values: expected nothing with scheme = "ahp" (its weights come from '
            f"criteria and matrix), found a table. {VALUES_READERS}: remove it, or choose one of "
            "them",
        ),
        (
            'scheme = "ranking"\nvalues = { shared_threats = 1, interoperability = 2, '
            'deterrence = 3, regional_stability = 4 }\nmatrix = [[1, 2], ["1/2", 1]]',
            'weights.matrix: expected nothing with scheme = "ranking" (its weights come from '
            'values), found a list of 2. matrix is read by scheme = "ahp": remove it, or choose '
            "that scheme",
        ),
        (  # a key a scheme takes but does not need is another scheme's too
            'scheme = "entropy"\nallow_inconsistent = true',
            'weights.allow_inconsistent: expected nothing with scheme = "entropy" (objective '
            "weights come from the alternatives' values), found true. allow_inconsistent is read "
            'by scheme = "ahp" or "bwm": remove it, or choose one of them',
        ),
        (
            BWM.strip().removeprefix("[weights]").strip() + '\nri_table = "saaty1980"',
            'weights.ri_table: expected nothing with scheme = "bwm" (its weights come from best, '
            "worst, best_to_others and others_to_worst), found 'saaty1980'. ri_table is read by "
            'scheme = "ahp": remove it, or choose that scheme',
        ),
    ],
    ids=["ahp-values", "ranking-matrix", "entropy-allow_inconsistent", "bwm-ri_table"],
)
def test_a_key_of_another_scheme_is_refused_naming_the_scheme_that_reads_it(
    tmp_path, capsys, weights, message
):
    path = with_weights(tmp_path, f"\n[weights]\n{weights}\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"alliancescore: error: {path}: {message}\n"), err


def test_every_stray_key_of_other_schemes_is_one_problem(tmp_path, capsys):
    weights = """
[weights]
scheme = "direct"
values = { shared_threats = 3, interoperability = 3, deterrence = 3, regional_stability = 1 }
criteria = ["shared_threats", "interoperability", "deterrence", "regional_stability"]
matrix = [[1, 9, 9, 9], ["1/9", 1, 1, 1], ["1/9", 1, 1, 1], ["1/9", 1, 1, 1]]
max_cr = 0.5
order = ["deterrence"]
best = "deterrence"
"""
    path = with_weights(tmp_path, weights)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("alliancescore: error: 5 problems:\n"), err
    for key, scheme in [
        ("criteria", "ahp"),
        ("matrix", "ahp"),
        ("max_cr", "ahp"),
        ("order", "swara"),
        ("best", "bwm"),
    ]:
        assert f'{path}: weights.{key}: expected nothing with scheme = "direct"' in err, key
        assert f'{key} is read by scheme = "{scheme}": remove it' in err, key


_AHP_4 = """
[weights]
scheme = "ahp"
criteria = {criteria}
matrix = {matrix}
"""


def _ahp(criteria: list[str]) -> str:
    size = len(criteria)
    matrix = [[1] * size for _ in range(size)]
    return _AHP_4.format(criteria=str(criteria).replace("'", '"'), matrix=matrix)


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        (  # one id typed for another: the repeated id and its positions, not just the missing
            ["shared_threats", "interoperability", "shared_threats", "regional_stability"],
            "weights.criteria: expected every top-level criterion once, found shared_threats "
            "twice, at criteria[0] and criteria[2]; deterrence missing. Replace one "
            "shared_threats by deterrence (each entry names the matrix row and column at its "
            "position)",
        ),
        (  # nothing missing: the repeated row's weight would be lost and the rest not sum to 1
            [*TOP, "deterrence"],
            "weights.criteria: expected every top-level criterion once, found deterrence twice, "
            "at criteria[2] and criteria[4]. Remove the extra entries (each entry names the "
            "matrix row and column at its position)",
        ),
    ],
    ids=["instead-of-another", "one-too-many"],
)
def test_an_ahp_criterion_listed_twice_is_named_with_its_positions(
    tmp_path, capsys, criteria, message
):
    path = with_weights(tmp_path, _ahp(criteria))
    for command in ("validate", "score"):
        assert main([command, str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"alliancescore: error: {path}: {message}\n"), err
        assert err.count(f"{path}:") == 1, err  # one problem


def test_a_swara_criterion_listed_twice_is_named_with_its_positions(tmp_path, capsys):
    weights = """
[weights]
scheme = "swara"
order = ["deterrence", "shared_threats", "deterrence", "interoperability"]
comparative_importance = { shared_threats = 0.2, deterrence = 0.1, interoperability = 0.5 }
"""
    assert main(["validate", str(with_weights(tmp_path, weights))]) == 2
    err = capsys.readouterr().err
    assert (
        "weights.order: expected every top-level criterion once, found deterrence twice, at "
        "order[0] and order[2]; regional_stability missing. Replace one deterrence by "
        "regional_stability (order runs from the most important to the least)"
    ) in err, err
