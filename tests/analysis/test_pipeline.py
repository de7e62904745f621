"""The array pipeline (raw values -> coalitions -> policies -> value functions -> fills) on
small hand-made arrays, and the same output from the matrix, the panel and the data draws."""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore.analysis.pipeline import FILLS, NEUTRAL_VALUE, Layout, Rule, run_pipeline
from alliancescore.errors import AllianceScoreError, Problem


def linear(x: np.ndarray) -> np.ndarray:
    """Min-max over the values given, 0.5 without spread (the default linear function)."""
    finite = x[~np.isnan(x)]
    lo, hi = (finite.min(), finite.max()) if finite.size else (0.0, 0.0)
    return np.where(np.isnan(x), np.nan, 0.5) if hi <= lo else (x - lo) / (hi - lo)


def categories(x: np.ndarray) -> np.ndarray:
    """0 -> 0, 1 -> 1, 5 -> 0.2 (a sea neighbour is less than a land neighbour)."""
    table = {0.0: 0.0, 1.0: 1.0, 5.0: 0.2}
    return np.array([np.nan if np.isnan(v) else table[float(v)] for v in x])


def layout(states: int, coalitions: list[tuple[list[int], tuple[str, ...]]]) -> Layout:
    """``states`` state alternatives (rows 0..states-1), then the coalitions."""
    return Layout(
        np.array([*range(states), *[-1] * len(coalitions)]),
        (*(np.empty(0, dtype=int),) * states, *(np.array(m) for m, _ in coalitions)),
        (*((),) * states, *(how for _, how in coalitions)),
    )


def test_policies_fill_after_the_value_functions_over_the_kept_alternatives():
    states = np.array(
        [
            [1.0, 10.0, 4.0, 7.0],
            [2.0, np.nan, 6.0, np.nan],
            [3.0, 30.0, np.nan, 9.0],
            [np.nan, 20.0, 8.0, 8.0],
        ]
    )
    rules = [
        Rule(linear, False, "exclude"),
        Rule(linear, False, "worst"),
        Rule(linear, False, "neutral"),
        Rule(linear, False, "exclude"),
    ]
    run = run_pipeline(states, Layout.of_states(4), rules)
    # row 1 (indicator 3) and row 3 (indicator 0, the first that excludes it) are dropped
    assert run.kept.tolist() == [True, False, True, False]
    assert run.excluded_by.tolist() == [-1, 3, -1, 0]
    np.testing.assert_array_equal(run.raw, states)
    # the value functions see the kept rows only: indicator 0's min-max is over 1 and 3,
    # indicator 2 has one kept value (no spread: 0.5) and one filled by the neutral policy
    expected = np.array([[0.0, 0.0, 0.5, 0.0], [1.0, 1.0, NEUTRAL_VALUE, 1.0]])
    np.testing.assert_array_equal(run.values, expected)
    assert run.filled.tolist() == [[False] * 4, [False, False, True, False]]


def test_a_worst_fill_is_zero_and_flagged():
    states = np.array([[1.0], [np.nan], [3.0]])
    run = run_pipeline(states, Layout.of_states(3), [Rule(linear, False, "worst")])
    assert run.values[:, 0].tolist() == [0.0, 0.0, 1.0]
    assert run.filled[:, 0].tolist() == [False, True, False]


def test_an_error_policy_stops_with_the_callers_message_for_every_indicator():
    states = np.array([[1.0, np.nan], [np.nan, 2.0]])
    rules = [Rule(linear, False, "error"), Rule(linear, False, "error")]

    def problem(j: int, missing: np.ndarray) -> Problem:
        return Problem(f"indicator {j}", "a value", f"missing for rows {np.flatnonzero(missing)}")

    with pytest.raises(AllianceScoreError) as caught:
        run_pipeline(states, Layout.of_states(2), rules, problem)
    assert [p.where for p in caught.value.problems] == ["indicator 0", "indicator 1"]
    assert "rows [1]" in str(caught.value) and "rows [0]" in str(caught.value)


def test_coalitions_aggregate_their_partners_with_data_and_name_the_ones_left_out():
    states = np.array([[1.0, 4.0], [2.0, np.nan], [6.0, 8.0]])
    alternatives = layout(3, [([0, 2], ("sum", "mean")), ([0, 1], ("max", "mean"))])
    rules = [Rule(lambda x: x / 10.0, False, "neutral"), Rule(lambda x: x / 10.0, False, "worst")]
    run = run_pipeline(states, alternatives, rules)
    assert run.raw[3].tolist() == [7.0, 6.0]  # sum of 1 and 6, mean of 4 and 8
    # row 1 lacks indicator 1: the mean is over row 0 alone, and row 1 is named
    assert run.raw[4].tolist() == [2.0, 4.0]
    assert run.values[4].tolist() == [0.2, 0.4] and not run.filled[3:].any()
    assert {k: v.tolist() for k, v in run.without_data.items()} == {(4, 1): [1]}
    assert run.kept.all()


def test_a_coalition_without_any_partners_data_is_missing():
    states = np.array([[np.nan], [np.nan], [3.0]])
    run = run_pipeline(states, layout(3, [([0, 1], ("sum",))]), [Rule(linear, False, "worst")])
    assert np.isnan(run.raw[3, 0]) and run.values[3, 0] == 0.0 and run.filled[3, 0]
    assert run.without_data[(3, 0)].tolist() == [0, 1]


@pytest.mark.parametrize(
    ("how", "direction", "weakest"),
    [("min", "benefit", True), ("max", "cost", True), ("max", "benefit", False),
     ("min", "cost", False), ("sum", "benefit", False), ("mean", "cost", False)],
)  # fmt: skip
def test_a_weakest_link_with_a_partner_missing_is_missing_never_better(how, direction, weakest):
    # min of a benefit, max of a cost: the worst member decides, and over the others it could
    # only look better; a best link (max of a benefit, min of a cost: the nearest member)
    # over fewer members can only look worse, and is kept
    states = np.array([[2.0], [np.nan], [8.0], [1.0]])
    for policy in ("worst", "neutral", "neutral_if_absent"):
        rule = Rule(linear, False, policy, direction)
        run = run_pipeline(states, layout(4, [([0, 1, 2], (how,))]), [rule])
        assert np.isnan(run.raw[4, 0]) == weakest
        assert run.without_data[(4, 0)].tolist() == [1]
        if weakest:  # 0 whatever the policy: the weakest link is unknown
            assert run.values[4, 0] == 0.0 and FILLS[run.fills[4, 0]] == "worst (weakest link)"
        else:
            assert not run.filled[4, 0]


def test_neutral_if_absent_is_neutral_only_where_the_data_are_structurally_absent():
    # rows 1 and 2 are missing; row 1 is outside the source (a Taiwan in the UN votes), row 2
    # just lacks a value
    states = np.array([[1.0], [np.nan], [np.nan], [3.0]])
    absent = np.array([[False], [True], [False], [False]])
    coalitions = [([1, 2], ("mean",)), ([1], ("mean",)), ([0, 1], ("min",))]
    rule = Rule(linear, False, "neutral_if_absent")
    run = run_pipeline(states, layout(4, coalitions), [rule], absent=absent)
    assert run.values[:, 0].tolist() == [0.0, NEUTRAL_VALUE, 0.0, 1.0, 0.0, NEUTRAL_VALUE, 0.0]
    labels = [FILLS[c] for c in run.fills[:, 0]]
    assert labels == [
        "",
        "neutral (absent)",
        "worst",
        "",
        "worst",
        "neutral (absent)",
        "worst (weakest link)",
    ]
    # without the mask nothing is absent: every gap is worst
    plain = run_pipeline(states, layout(4, coalitions), [rule])
    assert plain.values[[1, 5], 0].tolist() == [0.0, 0.0]
    # the other policies ignore the mask
    neutral = run_pipeline(
        states, Layout.of_states(4), [Rule(linear, False, "neutral")], absent=absent
    )
    assert neutral.values[[1, 2], 0].tolist() == [NEUTRAL_VALUE, NEUTRAL_VALUE]


def test_a_categorical_coalition_aggregates_its_members_values_not_their_categories():
    # land neighbour (1) and sea neighbour (5): the max of the codes is 5 (a sea neighbour,
    # value 0.2), but the coalition holds a land neighbour: the max of the values is 1.
    states = np.array([[1.0], [5.0], [0.0]])
    alternatives = layout(3, [([0, 1], ("max",)), ([1, 2], ("mean",))])
    run = run_pipeline(states, alternatives, [Rule(categories, True, "worst")])
    assert run.raw[3, 0] == 5.0  # the raw value still aggregates the codes
    np.testing.assert_allclose(run.values[:, 0], [1.0, 0.2, 0.0, 1.0, 0.1])


def test_a_categorical_coalition_aggregates_the_values_of_its_partners_with_data():
    states = np.array([[1.0], [np.nan], [5.0]])
    coalitions = [([0, 1], ("max",)), ([1, 2], ("min",)), ([0, 2], ("min",))]
    run = run_pipeline(states, layout(3, coalitions), [Rule(categories, True, "worst")])
    assert run.raw[3, 0] == 1.0 and run.values[3, 0] == 1.0 and not run.filled[3, 0]
    # a min of values is a weakest link: a partner without data makes it missing
    assert np.isnan(run.raw[4, 0]) and run.values[4, 0] == 0.0 and run.filled[4, 0]
    assert run.values[5, 0] == 0.2


def test_excluded_coalitions_and_an_empty_result():
    states = np.array([[1.0], [np.nan]])
    alternatives = layout(2, [([0, 1], ("sum",)), ([1], ("sum",))])
    run = run_pipeline(states, alternatives, [Rule(linear, False, "exclude")])
    assert run.kept.tolist() == [True, False, True, False]
    assert run.excluded_by.tolist() == [-1, 0, -1, 0]
    none = run_pipeline(np.array([[np.nan]]), Layout.of_states(1), [Rule(linear, False, "exclude")])
    assert none.values.shape == (0, 1) and not none.kept.any()


def test_the_layout_of_a_subset_keeps_its_coalitions():
    alternatives = layout(2, [([0, 1], ("sum",))])
    part = alternatives.subset(np.array([False, True, True]))
    assert part.rows.tolist() == [1, -1]
    assert part.members[1].tolist() == [0, 1] and part.aggregations[1] == ("sum",)


def test_threat_members_are_aggregated_only_for_the_indicators_that_count_them():
    # rows: 0 and 1 partners, 2 a threat actor inside the coalition; indicator 0 leaves it
    # out (a capability), indicator 1 counts it (an alignment cost, aggregation max).
    states = np.array([[1.0, 0.0], [3.0, 0.25], [9.0, 1.0]])
    base = layout(3, [([0, 1], ("sum", "max"))])
    alternatives = Layout(
        base.rows,
        base.members,
        base.aggregations,
        (*(np.empty(0, dtype=int),) * 3, np.array([2])),
        (False, True),
    )
    rules = [Rule(linear, False, "worst"), Rule(categories_or_self, True, "worst")]
    run = run_pipeline(states, alternatives, rules)
    assert run.raw[3].tolist() == [4.0, 1.0]  # 1 + 3 without the threat; max with it
    assert run.values[3, 1] == 1.0  # categorical: the max of the members' values, row 2's
    assert alternatives.aggregated(3, 0).tolist() == [0, 1]
    assert alternatives.aggregated(3, 1).tolist() == [0, 1, 2]
    # a subset keeps the threat members; without the flags nothing changes
    part = alternatives.subset(np.array([False, False, True, True]))
    assert part.aggregated(1, 1).tolist() == [0, 1, 2] and part.with_threats == (False, True)
    plain = run_pipeline(states, base, rules)
    assert plain.raw[3].tolist() == [4.0, 0.25]
    # a threat actor without a value is left out like any member without data (issue 14,
    # item 5: over the members with data, naming the ones left out), unless the aggregation
    # is a weakest link
    gap = states.copy()
    gap[2, 1] = np.nan
    partial = run_pipeline(gap, alternatives, rules)
    assert partial.raw[3, 1] == 0.25
    assert partial.without_data[(3, 1)].tolist() == [2]


def categories_or_self(x: np.ndarray) -> np.ndarray:
    return x.copy()


def test_a_coalition_holding_a_threat_actor_takes_the_threat_floor():
    # rows 0 and 1 partners, 2 a threat actor; indicator 0 a shared-threat benefit with a
    # floor of 0 (aggregation max), indicator 1 a capability (sum). Coalition 3 holds the
    # threat actor, coalition 4 does not.
    states = np.array([[1.0, 1.0], [0.5, 3.0], [0.0, 9.0]])
    base = layout(3, [([0, 1], ("max", "sum")), ([0, 1], ("max", "sum"))])
    alternatives = Layout(
        base.rows,
        base.members,
        base.aggregations,
        (*(np.empty(0, dtype=int),) * 3, np.array([2]), np.empty(0, dtype=int)),
        (False, False),
        (0.0, None),
    )
    rules = [Rule(linear, False, "worst"), Rule(linear, False, "worst")]
    run = run_pipeline(states, alternatives, rules)
    # the floor, not partner 0's 1.0; the capability still sums the partners
    assert run.raw[3].tolist() == [0.0, 4.0]
    assert run.raw[4].tolist() == [1.0, 4.0]  # without a threat actor: the max
    assert run.values[3, 0] == 0.0 and run.values[4, 0] == 1.0
    assert alternatives.floor(3, 0) == 0.0 and alternatives.floor(4, 0) is None
    assert alternatives.floor(3, 1) is None
    # a partner without data does not matter once the floor decides; a subset keeps floors
    gap = states.copy()
    gap[0, 0] = np.nan
    assert run_pipeline(gap, alternatives, rules).raw[3, 0] == 0.0
    assert (3, 0) not in run_pipeline(gap, alternatives, rules).without_data
    part = alternatives.subset(np.array([False, False, False, True, True]))
    assert part.floor(0, 0) == 0.0 and part.floor(1, 0) is None
    # categorical: the value function of the floor
    coded = [Rule(categories, True, "worst"), rules[1]]
    assert (
        run_pipeline(np.array([[1.0, 1.0], [5.0, 3.0], [0.0, 9.0]]), alternatives, coded).values[
            3, 0
        ]
        == 0.0
    )


# ----------------------------------------------------------------------------- one pipeline
def test_the_matrix_the_panel_path_and_the_draws_give_the_same_values(demo_result):
    """Japan: the matrix's values are the pipeline's over its measured states; the pipeline
    over the states alone (the panel's layout) gives the candidates' values when nothing is
    excluded; a data draw without error gives the nominal values."""
    from alliancescore.analysis.matrix import absent_cells, alternative_layout, pipeline_rules
    from alliancescore.analysis.robustness import _data_uncertainty

    result = demo_result("japan")
    matrix, model = result.matrix, result.criteria
    ids = [i.id for i in model.indicators]
    states = matrix.state_raw[ids]
    alts = list(matrix.raw.index)
    run = run_pipeline(
        states.to_numpy(float),
        alternative_layout(result.profile, model, alts, list(states.index)),
        pipeline_rules(model),
        absent=absent_cells(matrix.state_provenance[ids]),
    )
    kept = [a for a, k in zip(alts, run.kept, strict=True) if k]
    assert kept == list(matrix.values.index)
    np.testing.assert_array_equal(run.values, matrix.values[ids].to_numpy())
    np.testing.assert_array_equal(run.raw, matrix.raw[ids].to_numpy())

    candidates = [a for a in alts if matrix.alternatives.loc[a, "kind"] == "state"]
    alone = run_pipeline(
        states.loc[candidates].to_numpy(float), Layout.of_states(len(candidates)),
        pipeline_rules(model), absent=absent_cells(matrix.state_provenance.loc[candidates, ids]),
    )  # fmt: skip
    if alone.kept.all() and run.kept.all():
        # value functions over the candidates only: equal where the coalitions cannot move a
        # bound (the categorical indicators; linear, log and rank ones scale over the rows)
        kinds = [i.value_function.kind for i in model.indicators]
        fixed = [j for j, kind in enumerate(kinds) if kind == "categorical"]
        assert fixed
        np.testing.assert_array_equal(
            alone.values[:, fixed], matrix.values.loc[candidates, ids].to_numpy()[:, fixed]
        )

    draw = _data_uncertainty(result, 0.0).draw(np.random.default_rng(0), None)
    np.testing.assert_array_equal(draw, matrix.values[ids].to_numpy())


# ----------------------------------------------------------------------------- in a profile
GAPS_MODEL = """
[model]
id = "gaps"
label = "Gaps"
rationale = "Coalitions with members without data."

[[criteria]]
id = "all"
label = "All"
weight = 1
rationale = "All."

  [[criteria.indicators]]
  id = "milex"
  label = "Share of world military spending"
  measure = "milex_share"
  direction = "benefit"
  weight = 1
  rationale = "Power."
  params = { proxy = "none" }

  [[criteria.indicators]]
  id = "democracy"
  label = "Joint democracy, weakest link"
  measure = "joint_democracy"
  direction = "benefit"
  weight = 1
  rationale = "Regime."
  missing = "neutral"
  aggregation = "min"

  [[criteria.indicators]]
  id = "un"
  label = "UN voting distance"
  measure = "un_distance_to_focal"
  direction = "cost"
  weight = 1
  rationale = "Alignment."
  missing = "neutral_if_absent"
"""

GAPS_PROFILE = """
[profile]
id = "gaps"
label = "Gaps"
focal = "VNM"
year = 2018
criteria = "gaps.toml"

[[threats]]
actor = "CHN"

[candidates]
include = ["USA", "TWN", "LAO", "BRN", "KHM"]

[[coalitions]]
id = "asean"
label = "ASEAN"
members = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"]
"""


def test_a_profiles_coalitions_name_the_members_left_out(tmp_path):
    from alliancescore.analysis.scoring import score

    (tmp_path / "gaps.toml").write_text(GAPS_MODEL)
    (tmp_path / "p.toml").write_text(GAPS_PROFILE)
    result = score(tmp_path / "p.toml")
    m = result.matrix
    partners = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA"]
    # Laos has no military spending figure for 2018 (NMC's last is 2014, stale; the burden
    # proxy is off): ASEAN's share is the sum over the other eight, and the record and a note
    # name Laos
    assert np.isnan(m.state_raw.loc["LAO", "milex"])
    others = [p for p in partners if p != "LAO"]
    assert m.raw.loc["asean", "milex"] == pytest.approx(m.state_raw.loc[others, "milex"].sum())
    assert m.sources.loc["asean", "milex"] == (
        f"sum over {', '.join(partners)}; left out (no data): LAO"
    )
    assert m.policy_applied.loc["asean", "milex"] == ""
    assert not m.stale.loc["asean", "milex"]  # Laos's stale figure was not used
    assert (
        "coalition asean: milex aggregated over the members with data; left out (no data): LAO"
        in m.notes
    )
    # Brunei is not coded by V-Dem: a weakest-link min is missing, and 0 although the
    # indicator's policy is neutral (the weakest link is unknown)
    assert np.isnan(m.raw.loc["asean", "democracy"])
    assert m.values.loc["asean", "democracy"] == 0.0
    assert m.policy_applied.loc["asean", "democracy"] == "worst (weakest link)"
    assert m.sources.loc["asean", "democracy"].endswith("; no data: BRN")
    assert m.values.loc["BRN", "democracy"] == 0.5  # Brunei itself: the neutral policy
    # Notes name the coalition and the member behind it, and each fill its own cells (a
    # state's neutral beside the coalition's weakest link, not one policy for both).
    assert (
        "coalition asean: democracy missing: its weakest member is unknown while BRN has no "
        "data (filled by the 'worst (weakest link)' rule)" in m.notes
    )
    fills = [d for d in result.diagnostics if d.startswith("democracy: 1 missing")]
    assert fills == [
        "democracy: 1 missing value(s) filled by policy 'neutral': BRN",
        "democracy: 1 missing value(s) filled by policy 'worst (weakest link)': asean",
    ]
    # Taiwan is outside the UN votes: neutral under neutral_if_absent
    assert m.values.loc["TWN", "un"] == 0.5
    assert m.policy_applied.loc["TWN", "un"] == "neutral (absent)"


ISLAND_PROFILE = """
[profile]
id = "isl"
label = "Germany 2023, a coalition with Iceland"
focal = "DEU"
year = 2023

[[threats]]
actor = "RUS"
severity = 1.0

[candidates]
include = ["GBR", "NOR", "DNK", "NLD"]

[[coalitions]]
id = "north"
label = "With Iceland"
members = ["GBR", "NOR", "DNK", "ISL"]

[[coalitions]]
id = "north_no_isl"
label = "The same without Iceland"
members = ["GBR", "NOR", "DNK"]
"""


def test_a_coalition_member_without_armed_forces_is_left_out_of_its_arms_indicators(tmp_path):
    # Iceland has no armed forces (no_armed_forces) and orders no major arms: it was the
    # unknown weakest link of arms_from_threats (max of a cost), so the JEF and NATO took the
    # worst value for Germany 2023 whatever their armed members bought. Now it is left out of
    # the arms-transfer indicators, with a note, and kept in the others.
    from alliancescore.analysis.scoring import score

    (tmp_path / "p.toml").write_text(ISLAND_PROFILE)
    m = score(tmp_path / "p.toml").matrix
    assert m.unarmed == ("ISL",)
    arms = ["arms_from_threats", "arms_supply_to_focal", "arms_supplier_overlap"]
    for ind in arms:
        assert m.raw.loc["north", ind] == m.raw.loc["north_no_isl", ind]
        assert m.policy_applied.loc["north", ind] == ""
        assert "ISL" not in m.sources.loc["north", ind]
    others = ["GBR", "NOR", "DNK"]
    assert (
        m.raw.loc["north", "arms_from_threats"]
        == m.state_raw.loc[others, "arms_from_threats"].max()
    )
    # Iceland still counts where it has a value of its own (its capital, its UN votes).
    assert "ISL" in m.sources.loc["north", "proximity"]
    assert (
        "coalition north: arms_from_threats, arms_supply_to_focal, arms_supplier_overlap over "
        "its members with armed forces of their own; left out: ISL (no armed forces, so no "
        "major arms orders to count: no_armed_forces)" in m.notes
    )
    assert not any(n.startswith("coalition north_no_isl:") and "armed" in n for n in m.notes)
