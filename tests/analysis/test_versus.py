"""Why is A above B (``explain PROFILE A --versus B``): the breakdowns add up to the score
differences, swapping the two negates every number, and bad ids get one message."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from alliancescore.analysis.scoring import score
from alliancescore.analysis.versus import versus
from alliancescore.errors import AllianceScoreError
from alliancescore.shipped import default_criteria, package_root
from shipped_copies import portable

PAIRS = [
    ("japan", "USA", "KOR"),  # PROMETHEE II puts South Korea first (a known failure)
    ("japan", "quad", "GBR"),  # a coalition against a state
    ("finland", "USA", "SWE"),
    ("saudi_arabia", "IRQ", "ARE"),
    ("ukraine", "CHN", "POL"),
]


def _score_difference(result, method, a, b):
    return float(result.scores.loc[a, method] - result.scores.loc[b, method])


@pytest.mark.parametrize(("profile", "a", "b"), PAIRS)
def test_the_indicator_differences_add_up_to_the_weighted_sum_difference(
    demo_result, profile, a, b
):
    result = demo_result(profile)
    v = versus(result, a, b)
    assert v.basis == "weighted_sum score"
    expected = _score_difference(result, "weighted_sum", a, b)
    assert abs(v.total - expected) <= 1e-12
    assert abs(v.indicators["difference"].sum() - expected) <= 1e-12
    # each row is weight x (value a - value b), the values those of the value matrix
    values = result.matrix.values
    for ind, row in v.indicators.iterrows():
        assert row["value_a"] == values.loc[a, ind] and row["value_b"] == values.loc[b, ind]
        assert row["difference"] == pytest.approx(
            result.weights.global_[ind] * (row["value_a"] - row["value_b"]), abs=1e-15
        )
        assert row["source_a"] == result.matrix.sources.loc[a, ind]
    # largest first
    sizes = np.abs(v.indicators["difference"].to_numpy())
    assert (np.diff(sizes) <= 0).all()
    assert len(v.indicators) == len(result.weights.leaves)


@pytest.mark.parametrize(("profile", "a", "b"), PAIRS)
def test_each_methods_exact_breakdowns_add_up(demo_result, profile, a, b):
    result = demo_result(profile)
    methods = {mv.method: mv for mv in versus(result, a, b).methods}
    assert set(methods) == set(result.methods)
    for name, mv in methods.items():
        assert mv.rank_a == result.ranks.loc[a, name] and mv.rank_b == result.ranks.loc[b, name]
        sign = 1.0 if result.higher_is_better[name] else -1.0
        assert mv.advantage == pytest.approx(sign * _score_difference(result, name, a, b), abs=0)
        for breakdown in mv.breakdowns:
            assert abs(breakdown.parts.sum() - breakdown.total) <= 1e-12
    # PROMETHEE II: weight x single-criterion flow differences are the net flow difference
    assert (
        abs(methods["promethee_ii"].breakdowns[0].total - methods["promethee_ii"].advantage)
        <= 1e-12
    )
    # VIKOR: the group-utility and regret terms make Q_b - Q_a; the first term by indicator
    terms, group = methods["vikor"].breakdowns
    assert abs(terms.total - methods["vikor"].advantage) <= 1e-12
    assert abs(terms.parts["group utility (S)"] - group.total) <= 1e-12
    # TOPSIS: the breakdowns are of the squared distances, read back from its tables
    tables = result.tables["topsis"]
    ia, ib = result.scores.index.get_loc(a), result.scores.index.get_loc(b)
    d_plus, d_minus = tables["d_plus"].ravel(), tables["d_minus"].ravel()
    nearer, farther = methods["topsis"].breakdowns
    assert abs(nearer.total - (d_plus[ib] ** 2 - d_plus[ia] ** 2)) <= 1e-12
    assert abs(farther.total - (d_minus[ia] ** 2 - d_minus[ib] ** 2)) <= 1e-12
    assert "not a sum" in methods["topsis"].notes[0]


@pytest.mark.parametrize(("profile", "a", "b"), PAIRS)
def test_swapping_the_two_negates_every_number(demo_result, profile, a, b):
    result = demo_result(profile)
    ab, ba = versus(result, a, b), versus(result, b, a)
    assert ba.total == pytest.approx(-ab.total, abs=1e-15)
    flipped = ba.indicators.loc[ab.indicators.index]
    np.testing.assert_allclose(flipped["difference"], -ab.indicators["difference"], atol=1e-15)
    assert flipped["raw_a"].equals(ab.indicators["raw_b"])  # NaN where the data have none
    assert list(flipped["source_b"]) == list(ab.indicators["source_a"])
    for m_ab, m_ba in zip(ab.methods, ba.methods, strict=True):
        assert m_ba.advantage == pytest.approx(-m_ab.advantage, abs=1e-15)
        assert (m_ba.rank_a, m_ba.rank_b) == (m_ab.rank_b, m_ab.rank_a)
        for x, y in zip(m_ab.breakdowns, m_ba.breakdowns, strict=True):
            np.testing.assert_allclose(y.parts[x.parts.index], -x.parts, atol=1e-15)


def test_promethee_ii_weighs_the_size_of_a_lead(demo_result):
    """Japan's 'United States first' failed under PROMETHEE II with p = 0.25: South Korea's
    many moderate leads on UN alignment and proximity counted like the United States' full
    ones. With p = 0.5 the United States is ahead, and the breakdown still names those two
    indicators as what carries South Korea."""
    v = versus(demo_result("japan"), "USA", "KOR")
    promethee = next(mv for mv in v.methods if mv.method == "promethee_ii")
    assert promethee.advantage > 0 and promethee.rank_a == 2 < promethee.rank_b
    # what carries South Korea: its two largest parts (negative: in its favour)
    parts = promethee.breakdowns[0].parts
    assert list(parts.nsmallest(2).index) == ["un_alignment", "proximity"]
    assert parts["un_alignment"] < 0 and parts["proximity"] < 0
    assert v.total > 0  # the weighted sum keeps the United States ahead


def test_a_normalising_weighted_sum_is_decomposed_on_its_own_values(tmp_path, dataset):
    text = portable((package_root() / "profiles" / "japan.toml").read_text("utf-8"))
    profile = tmp_path / "japan.toml"
    profile.write_text(
        text.replace("weighted_sum = {}", 'weighted_sum = { normalisation = "max" }'),
        encoding="utf-8",
    )
    result = score(profile, default_criteria(), data=dataset)
    v = versus(result, "USA", "KOR")
    assert v.basis == "weighted_sum score (values normalised: max)"
    assert abs(v.total - _score_difference(result, "weighted_sum", "USA", "KOR")) <= 1e-12
    # 'max' divides by the column's largest value (0.85 for defence_ties)
    assert v.indicators.loc["defence_ties", "value_a"] == pytest.approx(1.0)


def test_unknown_same_and_excluded_alternatives_are_one_message(demo_result):
    result = demo_result("japan")
    with pytest.raises(AllianceScoreError) as error:
        versus(result, "USA", "KRO")
    assert str(error.value) == (
        "b: expected a candidate or coalition of profile japan, found 'KRO'. "
        "Did you mean 'KOR'? Known: 31 names"
    )
    with pytest.raises(AllianceScoreError, match=r"^a: .*found 'quads'\. Did you mean 'quad'"):
        versus(result, "quads", "USA")
    with pytest.raises(AllianceScoreError) as error:
        versus(result, "USA", "USA", names=("CANDIDATE", "--versus"))
    assert str(error.value) == (
        "--versus: expected an alternative other than 'USA', found 'USA'. "
        "Compare two different alternatives"
    )
    kept = result.scores.index != "GBR"
    dropped = dataclasses.replace(
        result,
        scores=result.scores[kept],
        ranks=result.ranks[kept],
        matrix=dataclasses.replace(result.matrix, excluded={"GBR": "missing un_alignment"}),
    )
    with pytest.raises(AllianceScoreError) as error:
        versus(dropped, "GBR", "USA")
    assert str(error.value) == (
        "a: expected an alternative ranked in profile japan, found 'GBR', excluded from the "
        "ranking (missing un_alignment). Compare two alternatives that are ranked"
    )
