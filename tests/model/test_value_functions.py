"""The ``log`` and ``rank`` value functions: hand-computed values, properties (monotone, within
[0, 1], ties, NaN kept) and the messages for their keys, through a criteria file as an
analyst writes it."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from alliancescore.errors import AllianceScoreError
from alliancescore.model.criteria import load_criteria
from alliancescore.model.criteria_format import CRITERIA
from alliancescore.model.declare import json_schema
from alliancescore.model.schema import Checker
from alliancescore.model.value_functions import VALUE_FUNCTIONS, build_value_function, mid_ranks


def vf(spec: dict, direction: str = "benefit"):
    check = Checker("t.toml")
    built = build_value_function(spec, check, "value_function", direction)
    check.done()
    return built


# NMC 2018 shares of world military spending (tests/measures/test_power_and_ties.py): the
# United States, China, India, the United Kingdom, and a state spending nothing.
SHARES = np.array([0.37607, 0.10793, 0.03446, 0.03337, 0.0])


def test_log_by_hand_between_the_smallest_positive_value_and_the_maximum():
    values = vf({"type": "log"}).apply(SHARES)
    span = math.log(0.37607) - math.log(0.03337)
    expected = [1.0, (math.log(0.10793) - math.log(0.03337)) / span,
                (math.log(0.03446) - math.log(0.03337)) / span, 0.0, 0.0]  # fmt: skip
    np.testing.assert_allclose(values, expected)
    # min-max scaling would put the United Kingdom at 0.089 of the United States; a ratio
    # scale between stated bounds keeps middle powers apart from the floor
    bounded = vf({"type": "log", "lower": 0.001, "upper": 0.5}).apply(SHARES)
    gbr = (math.log(0.03337) - math.log(0.001)) / (math.log(0.5) - math.log(0.001))
    assert bounded[3] == pytest.approx(gbr) and gbr > 0.5
    assert bounded[4] == 0.0  # zero (or less) lies below every positive bound


def test_log_for_a_cost_is_one_minus_the_benefit():
    x = np.array([1.0, 10.0, 100.0, np.nan])
    np.testing.assert_allclose(vf({"type": "log"}, "cost").apply(x), [1.0, 0.5, 0.0, np.nan])


def test_log_and_rank_without_spread_give_one_half_and_keep_nan():
    x = np.array([2.0, 2.0, np.nan])
    for spec in ({"type": "log"}, {"type": "rank"}):
        np.testing.assert_array_equal(vf(spec).apply(x), [0.5, 0.5, np.nan])
    np.testing.assert_array_equal(
        vf({"type": "rank"}).apply(np.array([7.0, np.nan])), [0.5, np.nan]
    )
    np.testing.assert_array_equal(vf({"type": "log"}).apply(np.array([0.0, 0.0])), [0.5, 0.5])


def test_rank_by_hand_with_ties_sharing_their_mean_rank():
    x = np.array([5.0, 1.0, 3.0, 3.0, np.nan, 9.0])
    # ranks from the lowest: 1 -> 1, 3 and 3 -> 2.5, 5 -> 4, 9 -> 5 (n = 5)
    np.testing.assert_array_equal(mid_ranks(x), [4.0, 1.0, 2.5, 2.5, np.nan, 5.0])
    np.testing.assert_allclose(
        vf({"type": "rank"}).apply(x), [0.75, 0.0, 0.375, 0.375, np.nan, 1.0]
    )
    np.testing.assert_allclose(
        vf({"type": "rank"}, "cost").apply(x), [0.25, 1.0, 0.625, 0.625, np.nan, 0.0]
    )


finite = st.floats(min_value=0.0, max_value=1e6, allow_nan=False)


@given(st.lists(finite, min_size=2, max_size=30), st.sampled_from(["benefit", "cost"]))
def test_log_and_rank_are_monotone_within_bounds_and_tie_equal_values(xs, direction):
    x = np.array(xs)
    order = np.argsort(x, kind="stable")
    for spec in ({"type": "log"}, {"type": "rank"}, {"type": "log", "lower": 1.0, "upper": 1e3}):
        v = vf(spec, direction).apply(x)
        assert ((v >= 0) & (v <= 1)).all()
        steps = np.diff(v[order])
        assert (steps >= -1e-12).all() if direction == "benefit" else (steps <= 1e-12).all()
        for value in np.unique(x):  # equal raw values, equal values
            assert np.ptp(v[x == value]) == 0


@given(st.lists(st.floats(min_value=1e-3, max_value=1e6), min_size=2, max_size=20))
def test_log_ignores_the_unit_and_rank_any_increasing_transform(xs):
    x = np.array(xs)
    np.testing.assert_allclose(vf({"type": "log"}).apply(x), vf({"type": "log"}).apply(1e3 * x))
    np.testing.assert_array_equal(vf({"type": "rank"}).apply(x), vf({"type": "rank"}).apply(x**3))


def test_the_keys_are_declared_and_in_the_json_schema():
    assert [k.name for k in VALUE_FUNCTIONS["log"].keys.keys] == ["lower", "upper", "over"]
    assert [k.name for k in VALUE_FUNCTIONS["linear"].keys.keys] == ["lower", "upper", "over"]
    assert [k.name for k in VALUE_FUNCTIONS["rank"].keys.keys] == []
    text = str(json_schema(CRITERIA))
    assert "'log'" in text and "'rank'" in text


MODEL = """
[model]
id = "m"
label = "M"
rationale = "One indicator."

[[criteria]]
id = "power"
label = "Power"
weight = 1
rationale = "Power."

  [[criteria.indicators]]
  id = "milex"
  label = "Share of world military spending"
  measure = "milex_share"
  direction = "benefit"
  weight = 1
  rationale = "Power."
  value_function = {value_function}
"""


def load(tmp_path: Path, value_function: str):
    path = tmp_path / "m.toml"
    path.write_text(textwrap.dedent(MODEL.format(value_function=value_function)))
    return load_criteria(path)


def test_a_criteria_file_reads_log_and_rank(tmp_path):
    model = load(tmp_path, '{ type = "log", lower = 0.001, upper = 0.5 }')
    function = model.indicators[0].value_function
    assert function.kind == "log" and function.params == {"lower": 0.001, "upper": 0.5}
    assert function.description == "log-linear between 0.001 and 0.5 (benefit)"
    assert load(tmp_path, '{ type = "rank" }').indicators[0].value_function.kind == "rank"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            '{ type = "log", lower = 0 }',
            r"value_function.lower: expected a positive number, found 0",
        ),
        (
            '{ type = "log", upper = -1 }',
            r"value_function.upper: expected a positive number, found -1",
        ),
        (
            '{ type = "log", lower = 2, upper = 1 }',
            r"value_function.upper: expected a number above lower = 2, found 1",
        ),
        ('{ type = "log", lower = "1" }', r"value_function.lower: expected a number, found '1'"),
        (
            '{ type = "rank", lower = 1 }',
            r"value_function.lower: expected one of the keys type, found an unknown key",
        ),
        ('{ type = "ranks" }', r"value_function.type: expected one of .*'rank'.*found 'ranks'"),
    ],
)
def test_the_messages_of_their_keys(tmp_path, spec, message):
    with pytest.raises(AllianceScoreError, match=message):
        load(tmp_path, spec)
