"""Criteria-file model: value functions, missing-data policies, coalition aggregation."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pytest

from alliancescore.analysis.scoring import score
from alliancescore.errors import AllianceScoreError
from alliancescore.model.schema import Checker
from alliancescore.model.value_functions import build_value_function


def vf(spec, direction="benefit"):
    check = Checker("criteria.toml")
    fn = build_value_function(spec, check, "value_function", direction)
    check.done()
    return fn


def test_linear_default_scales_over_the_alternatives():
    x = np.array([2.0, 4.0, 6.0, np.nan])
    np.testing.assert_allclose(vf(None).apply(x), [0, 0.5, 1, np.nan])
    np.testing.assert_allclose(vf(None, "cost").apply(x), [1, 0.5, 0, np.nan])


def test_linear_with_bounds_clips():
    fn = vf({"type": "linear", "lower": 0, "upper": 10})
    np.testing.assert_allclose(fn.apply(np.array([-5.0, 5.0, 20.0])), [0, 0.5, 1])


def test_linear_without_spread_is_neutral():
    np.testing.assert_allclose(vf(None).apply(np.array([3.0, 3.0])), [0.5, 0.5])


def test_piecewise_interpolates_and_is_flat_beyond_the_ends():
    fn = vf({"type": "piecewise", "points": [[0, 0], [1000, 0.8], [5000, 1]]})
    np.testing.assert_allclose(fn.apply(np.array([-1.0, 500.0, 3000.0, 9000.0])), [0, 0.4, 0.9, 1])


def test_step_assigns_by_threshold():
    fn = vf({"type": "step", "thresholds": [1, 3], "values": [0, 0.5, 1]})
    np.testing.assert_allclose(fn.apply(np.array([0.0, 1.0, 2.9, 3.0, 7.0])), [0, 0.5, 0.5, 1, 1])


def test_categorical_maps_categories_and_refuses_unknown_ones():
    fn = vf({"type": "categorical", "map": {"0": 0, "3": 1}})
    np.testing.assert_allclose(fn.apply(np.array([3.0, 0.0, np.nan])), [1, 0, np.nan])
    with pytest.raises(
        AllianceScoreError,
        match=r"value_function: expected a category in the "
        r"map \(0, 3\), found the value '2'. Add it to the map",
    ):
        fn.apply(np.array([2.0]))


def test_a_categorical_map_must_cover_the_categories_of_its_measure(tmp_path, capsys):
    # found by the fuzz test (explore profile): a map without "0" for defence_depth passed
    # validate and stopped score at the first state without a tie
    from alliancescore.cli import main
    from alliancescore.measures import MEASURES
    from alliancescore.shipped import default_criteria

    assert MEASURES["defence_depth"].categories == tuple(range(8))
    text = default_criteria().read_text(encoding="utf-8")
    old = 'map = { "0" = 0.0, "1" = 0.1, '
    assert old in text
    path = tmp_path / "criteria.toml"
    path.write_text(text.replace(old, 'map = { "1" = 0.1, '), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert capsys.readouterr().err.strip() == (
        f'alliancescore: error: {path}: criteria[1] "interoperability".indicators[0] '
        '"defence_ties".value_function.map: expected a value for every category the measure '
        "'defence_depth' gives (0, 1, 2, 3, 4, 5, 6, 7), found no entry for \"0\". "
        'Add "0" = <value in [0, 1]> to the map'
    )
    # a measure without declared categories takes any map (the analyst's own categories)
    assert MEASURES["milex_share"].categories is None


@pytest.mark.parametrize(
    ("spec", "pattern"),
    [
        (
            {"type": "linear", "lower": 5, "upper": 1},
            r"value_function.upper: expected a number "
            r"above lower = 5",
        ),
        ({"type": "piecewise", "points": [[0, 0], [0, 1]]}, r"x values strictly increasing"),
        ({"type": "piecewise", "points": [[0, 0], [1, 2]]}, r"values between 0 and 1"),
        ({"type": "step", "thresholds": [1], "values": [0]}, r"one more value than thresholds"),
        (
            {"type": "categorical", "map": {"a": 2}},
            r"value_function.map.a: expected a number "
            r"<= 1",
        ),
        ({"type": "linea"}, r"Did you mean 'linear'"),
        ({"type": "linear", "lowr": 1}, r"Did you mean 'lower'"),
    ],
)
def test_value_function_errors(spec, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        vf(spec)


CRITERIA = """
[model]
id = "m"
label = "Model"
rationale = "Test."

[[criteria]]
id = "all"
label = "All"
weight = 1
rationale = "One criterion."

  [[criteria.indicators]]
  id = "cinc"
  label = "CINC"
  measure = "capability"
  direction = "benefit"
  weight = 1
  rationale = "Power."
  aggregation = "{aggregation}"

  [[criteria.indicators]]
  id = "un"
  label = "UN distance"
  measure = "un_distance_to_focal"
  direction = "cost"
  weight = 1
  rationale = "Alignment; Taiwan has no UN ideal point after 1971."
  missing = "{missing}"
"""

PROFILE = """
[profile]
id = "t"
label = "T"
focal = "JPN"
year = 2018
criteria = "m.toml"

[[threats]]
actor = "CHN"

[weights]
scheme = "direct"
values = {{ all = 1 }}

[methods]
weighted_sum = {{}}

[candidates]
include = ["USA", "TWN", "KOR"]

[[coalitions]]
id = "pair"
label = "US and Korea"
members = ["USA", "KOR"]
{coalition_aggregation}
"""


def run(tmp_path: Path, missing="worst", aggregation="sum", coalition_aggregation=""):
    (tmp_path / "m.toml").write_text(
        textwrap.dedent(CRITERIA.format(missing=missing, aggregation=aggregation))
    )
    (tmp_path / "p.toml").write_text(
        textwrap.dedent(PROFILE.format(coalition_aggregation=coalition_aggregation))
    )
    return score(tmp_path / "p.toml")


def test_missing_worst_fills_zero_and_says_so(tmp_path):
    result = run(tmp_path, "worst")
    assert np.isnan(result.matrix.raw.loc["TWN", "un"])
    assert result.matrix.values.loc["TWN", "un"] == 0.0
    assert result.matrix.policy_applied.loc["TWN", "un"] == "worst"
    # Taiwan has no row in the UN votes since 1971: outside the source, not stale
    assert result.matrix.sources.loc["TWN", "un"] == (
        "unga none (not listed 2015-2018: not a UN member); focal JPN: unga 2018"
    )
    assert not result.matrix.stale.loc["TWN", "un"]


def test_missing_neutral_fills_one_half(tmp_path):
    assert run(tmp_path, "neutral").matrix.values.loc["TWN", "un"] == 0.5


def test_missing_neutral_if_absent_fills_one_half_for_a_state_outside_the_source(tmp_path):
    result = run(tmp_path, "neutral_if_absent")
    assert result.matrix.values.loc["TWN", "un"] == 0.5
    assert result.matrix.policy_applied.loc["TWN", "un"] == "neutral (absent)"
    assert result.matrix.provenance.loc["TWN", "un"].policy == "neutral (absent)"
    assert "filled by policy 'neutral (absent)'" in "\n".join(result.diagnostics)
    assert "neutral_if_absent" in result.criteria.nodes["un"].missing


def test_missing_policy_names_are_checked(tmp_path):
    with pytest.raises(
        AllianceScoreError,
        match=r"missing: expected one of .*'neutral_if_absent'.*, found 'neutral_absent'",
    ):
        run(tmp_path, "neutral_absent")


def test_a_missing_policy_of_another_meaning_is_told_the_policies_not_a_lookalike(tmp_path):
    # 'zero' is within difflib's 0.6 of 'error': "Did you mean 'error'?" would stop the run
    with pytest.raises(AllianceScoreError) as caught:
        run(tmp_path, "zero")
    message = str(caught.value)
    assert "found 'zero'. The policies: exclude drops the alternative" in message
    assert "worst gives the value 0, the bottom of the indicator's 0-1 value scale" in message
    assert "Did you mean" not in message
    with pytest.raises(AllianceScoreError, match=r"found 'wrost'. Did you mean 'worst'\? The "):
        run(tmp_path, "wrost")


def test_missing_exclude_drops_the_alternative_and_lists_it(tmp_path):
    result = run(tmp_path, "exclude")
    assert "TWN" not in result.scores.index
    assert "TWN" in result.matrix.excluded
    assert any(note.startswith("excluded TWN") for note in result.diagnostics)
    # value functions scale over the alternatives compared: the others still span 0..1
    assert result.matrix.values["un"].min() == 0.0 and result.matrix.values["un"].max() == 1.0


def test_missing_error_names_the_indicator_and_the_alternative(tmp_path):
    with pytest.raises(
        AllianceScoreError,
        match=r"m.toml: criteria\[0\] \"all\".indicators"
        r"\[1\] \"un\": expected a value for every alternative .*missing for TWN",
    ):
        run(tmp_path, "error")


def test_coalition_aggregation_from_criteria_and_profile(tmp_path):
    raw = run(tmp_path, aggregation="max").matrix.raw
    assert raw.loc["pair", "cinc"] == pytest.approx(raw.loc[["USA", "KOR"], "cinc"].max())
    raw = run(
        tmp_path, aggregation="max", coalition_aggregation='aggregation = { cinc = "mean" }'
    ).matrix.raw
    assert raw.loc["pair", "cinc"] == pytest.approx(raw.loc[["USA", "KOR"], "cinc"].mean())


def test_coalition_aggregation_names_are_checked(tmp_path):
    with pytest.raises(
        AllianceScoreError,
        match=r"aggregation.cinc: expected one of sum, mean, "
        r"min, max, found 'average'",
    ):
        run(tmp_path, coalition_aggregation='aggregation = { cinc = "average" }')
    with pytest.raises(AllianceScoreError, match=r"aggregation.cincc: .*Did you mean 'cinc'"):
        run(tmp_path, coalition_aggregation='aggregation = { cincc = "mean" }')


def test_a_value_override_older_than_the_staleness_limit_counts_as_missing(tmp_path):
    """Taiwan has no UN ideal point after 1971; an override dated 2000 is 18 years old in 2018,
    past the table's 3-year limit: still missing, and said to be a stale override."""
    override = textwrap.dedent("""
        [[overrides.values]]
        table = "unga"
        column = "idealpointfp"
        nation = "TWN"
        year = YEAR
        value = 1.0
        source = "hypothetical estimate for a test"
        """)
    (tmp_path / "m.toml").write_text(
        textwrap.dedent(CRITERIA.format(missing="worst", aggregation="sum"))
    )
    for year, stale in ((2000, True), (2017, False)):
        text = textwrap.dedent(PROFILE.format(coalition_aggregation=""))
        (tmp_path / "p.toml").write_text(text + override.replace("YEAR", str(year)))
        result = score(tmp_path / "p.toml")
        source = result.matrix.sources.loc["TWN", "un"]
        assert source.startswith(f"override {year}: hypothetical"), source
        assert bool(result.matrix.stale.loc["TWN", "un"]) is stale
        assert bool(np.isnan(result.matrix.raw.loc["TWN", "un"])) is stale
