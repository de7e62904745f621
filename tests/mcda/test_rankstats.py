"""Rank statistics: tie conversion, Spearman, weighted Spearman, WS, Kendall tau-b, Borda and
Copeland consensus rankings."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from alliancescore.errors import AllianceScoreError
from alliancescore.mcda import rankstats as rs
from alliancescore.mcda.ranking import rank_scores

SYMMETRIC = [rs.spearman, rs.kendall_tau, rs.weighted_spearman]
ALL = [*SYMMETRIC, rs.ws_similarity]


@st.composite
def rankings(draw: st.DrawFn, n: int | None = None, ties: bool = True) -> np.ndarray:
    """A ranking of n alternatives (competition ranks when ``ties``, else a permutation)."""
    size = n if n is not None else draw(st.integers(2, 9))
    if ties:
        scores = np.array(draw(st.lists(st.integers(0, 4), min_size=size, max_size=size)))
        return rank_scores(scores.astype(float))
    return np.array(draw(st.permutations(range(1, size + 1))))


@st.composite
def ranking_pairs(draw: st.DrawFn, ties: bool = True) -> tuple[np.ndarray, np.ndarray]:
    n = draw(st.integers(2, 9))
    return draw(rankings(n, ties)), draw(rankings(n, ties))


def _untied(r: np.ndarray) -> bool:
    return np.unique(r).size > 1


# --- published values ------------------------------------------------------------------------


def test_salabun_urbaniak_2020_worked_values():
    """Sałabun & Urbaniak (2020), "A new coefficient of rankings similarity in decision-making
    problems", ICCS 2020, LNCS 12138, 632-645: rankings [1, 2, 3, 4, 5] and [1, 3, 2, 4, 5]
    give Spearman r_s = 0.9, weighted Spearman r_w = 0.8833 and WS = 0.8542 (4 decimals).

    Numbers via energyinpython/pyrepo-mcda ``tests/test_correlations.py`` (tests citing the
    paper) and the brief. Which is which, by hand (N = 5, d = 1 at ranks 2 and 3):
    r_s = 1 - 6 * 2 / 120 = 0.9; r_w = 1 - 6 * (1 * (4 + 3) + 1 * (3 + 4)) / 720 = 0.88333;
    WS = 1 - (2^-2 * 1 / 3 + 2^-3 * 1 / 2) = 0.85417.
    """
    x, y = [1, 2, 3, 4, 5], [1, 3, 2, 4, 5]
    assert rs.spearman(x, y) == pytest.approx(0.9, abs=1e-12)
    assert round(rs.weighted_spearman(x, y), 4) == 0.8833
    assert round(rs.ws_similarity(x, y), 4) == 0.8542
    assert rs.weighted_spearman(x, y) == pytest.approx(1 - 84 / 720)
    assert rs.ws_similarity(x, y) == pytest.approx(1 - (0.25 / 3 + 0.125 / 2))


def test_borda_reproduces_the_consensus_quoted_for_ecer_2021():
    """Ecer (2021), "A consolidated MCDM framework for performance assessment of battery
    electric vehicles based on ranking strategies", Renewable and Sustainable Energy Reviews
    143, 110916: six rankings of ten vehicles and the consensus ranking 7, 6, 8, 1, 2, 3, 9,
    5, 10, 4, as quoted in energyinpython/pyrepo-mcda ``tests/test_compromise_ranking.py``
    (``Test_Copeland``). pyrepo's "Copeland" scores each alternative by its Borda points minus
    the points of all the others, i.e. 2 * Borda - constant, so its ranking is the Borda
    ranking; our :func:`borda` reproduces it (totals 18, 28, 10, 51, 45, 44, 8, 30, 3, 33).
    Our pairwise-majority :func:`copeland` is a different rule and ties two pairs here."""
    columns = np.array(
        [
            [7, 8, 7, 6, 7, 7],
            [4, 7, 5, 7, 5, 4],
            [8, 9, 8, 8, 9, 8],
            [1, 4, 1, 1, 1, 1],
            [2, 2, 2, 4, 3, 2],
            [3, 1, 4, 3, 2, 3],
            [10, 5, 10, 9, 8, 10],
            [6, 3, 6, 5, 4, 6],
            [9, 10, 9, 10, 10, 9],
            [5, 6, 3, 2, 6, 5],
        ]
    )
    result = rs.borda(columns.T)
    np.testing.assert_array_equal(result.ranks, [7, 6, 8, 1, 2, 3, 9, 5, 10, 4])
    np.testing.assert_array_equal(result.scores, [18, 28, 10, 51, 45, 44, 8, 30, 3, 33])


# --- tie conventions -------------------------------------------------------------------------


def test_fractional_ranks_from_any_encoding():
    np.testing.assert_array_equal(rs.fractional_ranks([1, 2, 2, 4]), [1, 2.5, 2.5, 4])
    np.testing.assert_array_equal(rs.fractional_ranks([1, 2, 2, 3]), [1, 2.5, 2.5, 4])
    np.testing.assert_array_equal(
        rs.fractional_ranks([[3, 1, 2], [1, 1, 1]]), [[3, 1, 2], [2, 2, 2]]
    )


@pytest.mark.parametrize("statistic", ALL)
def test_statistics_do_not_depend_on_the_tie_encoding(statistic):
    reference = [1, 2, 3, 4, 5]
    competition, dense, fractional = [1, 2, 2, 4, 5], [1, 2, 2, 3, 4], [1, 2.5, 2.5, 4, 5]
    expected = statistic(reference, fractional)
    assert statistic(reference, competition) == pytest.approx(expected, abs=1e-12)
    assert statistic(reference, dense) == pytest.approx(expected, abs=1e-12)


# --- properties ------------------------------------------------------------------------------


@pytest.mark.parametrize("statistic", ALL)
@given(rankings())
def test_identical_rankings_score_one(statistic, r):
    if statistic in (rs.spearman, rs.kendall_tau) and not _untied(r):
        return  # all tied: undefined, refused (tested below)
    assert statistic(r, r) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("statistic", SYMMETRIC)
@given(rankings(ties=False))
def test_reversed_rankings_score_minus_one(statistic, r):
    assert statistic(r, r.size + 1 - r) == pytest.approx(-1.0, abs=1e-12)


@pytest.mark.parametrize("statistic", SYMMETRIC)
@given(ranking_pairs())
def test_spearman_kendall_and_weighted_spearman_are_symmetric(statistic, pair):
    x, y = pair
    if not (_untied(x) and _untied(y)):
        return
    assert statistic(x, y) == pytest.approx(statistic(y, x), abs=1e-12)


@given(ranking_pairs())
def test_ws_lies_in_zero_one(pair):
    x, y = pair
    ws = rs.ws_similarity(x, y)
    assert 0.0 < ws <= 1.0


def test_ws_is_asymmetric():
    """Reference [1, 2, 3], compared [3, 1, 2]: 1 - (2^-1 * 2/2 + 2^-2 * 1/1 + 2^-3 * 1/2) =
    0.1875. Swapped, reference [3, 1, 2]: 1 - (2^-3 * 2/2 + 2^-1 * 1/2 + 2^-2 * 1/1) = 0.375:
    the reference's leader (who was put last) weighs most in the first order."""
    assert rs.ws_similarity([1, 2, 3], [3, 1, 2]) == pytest.approx(0.1875)
    assert rs.ws_similarity([3, 1, 2], [1, 2, 3]) == pytest.approx(0.375)


@given(ranking_pairs())
@settings(max_examples=60)
def test_spearman_and_kendall_match_scipy_with_ties(pair):
    x, y = pair
    if not (_untied(x) and _untied(y)):
        return
    assert rs.spearman(x, y) == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)
    assert rs.kendall_tau(x, y) == pytest.approx(stats.kendalltau(x, y).statistic, abs=1e-12)


@pytest.mark.parametrize("statistic", ALL)
def test_one_reference_against_many_rankings_equals_one_by_one(statistic):
    rng = np.random.default_rng(7)
    reference = rank_scores(rng.integers(0, 6, 12).astype(float))
    many = rank_scores(rng.integers(0, 6, (50, 12)).astype(float))
    batch = statistic(reference, many)
    assert batch.shape == (50,)
    np.testing.assert_allclose(batch, [statistic(reference, r) for r in many], atol=1e-12)
    rowwise = statistic(many, many[::-1])
    np.testing.assert_allclose(
        rowwise, [statistic(a, b) for a, b in zip(many, many[::-1], strict=True)], atol=1e-12
    )


def test_kendall_in_chunks_matches_scipy_for_many_rankings():
    """3000 rankings of 30 alternatives span several chunks of the pair-sign table."""
    rng = np.random.default_rng(3)
    reference = rng.permutation(30) + 1
    many = rank_scores(rng.integers(0, 10, (3000, 30)).astype(float))
    tau = rs.kendall_tau(reference, many)
    for k in (0, 401, 1500, 2999):
        assert tau[k] == pytest.approx(stats.kendalltau(reference, many[k]).statistic, abs=1e-12)


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("statistic", [rs.spearman, rs.kendall_tau])
def test_correlation_with_an_all_tied_ranking_is_refused(statistic):
    with pytest.raises(AllianceScoreError, match="ranking_b: expected a ranking that separates"):
        statistic([1, 2, 3], [1, 1, 1])
    with pytest.raises(AllianceScoreError, match=r"ranking_b\[1\]: expected"):
        statistic([1, 2, 3], [[1, 2, 3], [2, 2, 2]])


@pytest.mark.parametrize("statistic", ALL)
@pytest.mark.parametrize(
    ("a", "b", "pattern"),
    [
        ([1], [1], "at least two alternatives"),
        ([1, 2, 3], [1, 2], "ranks of the same 3 alternatives"),
        ([[1, 2], [2, 1]], [[1, 2], [2, 1], [1, 2]], "one ranking, or as many rankings"),
        ([1, 2, float("nan")], [1, 2, 3], r"\[2\]: expected finite ranks"),
        ([[[1, 2]]], [1, 2], "a ranking \\(n,\\) or rankings \\(s, n\\)"),
    ],
)
def test_statistics_refuse_malformed_rankings(statistic, a, b, pattern):
    with pytest.raises(AllianceScoreError, match=pattern):
        statistic(a, b)


# --- consensus rankings ----------------------------------------------------------------------


def test_borda_by_hand_with_a_tie():
    """Three rankings of A, B, C, D (n = 4, points 3, 2, 1, 0 by position):
    R1 = A B C D -> 3, 2, 1, 0; R2 = B A C D -> 2, 3, 1, 0; R3 = A, then B and C tied for 2nd
    (positions 2-3 share 2 + 1 points: 1.5 each), D -> 3, 1.5, 1.5, 0.
    Totals A 8, B 6.5, C 3.5, D 0: ranks 1, 2, 3, 4."""
    result = rs.borda([[1, 2, 3, 4], [2, 1, 3, 4], [1, 2, 2, 4]])
    np.testing.assert_array_equal(result.scores, [8, 6.5, 3.5, 0])
    np.testing.assert_array_equal(result.ranks, [1, 2, 3, 4])
    np.testing.assert_array_equal(result.details["points"].sum(axis=1), [6, 6, 6])


def test_copeland_by_hand_majority_against_borda():
    """Five rankings of A, B, C: three say A B C, two say B C A.
    Copeland: A beats B 3-2 and C 3-2; B beats C 5-0. Scores A +2, B 0, C -2.
    Borda: A 3*2 + 2*0 = 6, B 3*1 + 2*2 = 7, C 0 + 2*1 = 2, so B leads: the two rules
    disagree when the majority winner (A) is ranked last by a large minority."""
    votes = [[1, 2, 3]] * 3 + [[3, 1, 2]] * 2
    cop = rs.copeland(votes)
    np.testing.assert_array_equal(cop.scores, [2, 0, -2])
    np.testing.assert_array_equal(cop.ranks, [1, 2, 3])
    np.testing.assert_array_equal(cop.details["pairwise"], [[0, 3, 3], [2, 0, 5], [2, 0, 0]])
    bor = rs.borda(votes)
    np.testing.assert_array_equal(bor.scores, [6, 7, 2])
    np.testing.assert_array_equal(bor.ranks, [2, 1, 3])


def test_copeland_cycle_and_draws_tie():
    """Condorcet cycle A>B>C, B>C>A, C>A>B: each wins one pair 2-1 and loses one, all score 0
    and share rank 1. Two rankings A B C and B A C: A-B is a 1-1 draw (counts 0), both beat C:
    scores 1, 1, -2, ranks 1, 1, 3."""
    cycle = rs.copeland([[1, 2, 3], [3, 1, 2], [2, 3, 1]])
    np.testing.assert_array_equal(cycle.scores, [0, 0, 0])
    np.testing.assert_array_equal(cycle.ranks, [1, 1, 1])
    draw = rs.copeland([[1, 2, 3], [2, 1, 3]])
    np.testing.assert_array_equal(draw.scores, [1, 1, -2])
    np.testing.assert_array_equal(draw.ranks, [1, 1, 3])
    np.testing.assert_array_equal(draw.details["wins"], [1, 1, 0])
    np.testing.assert_array_equal(draw.details["losses"], [0, 0, 2])


@pytest.mark.parametrize("rule", [rs.borda, rs.copeland])
@given(rankings(), st.integers(1, 5))
def test_unanimous_rankings_are_their_own_consensus(rule, r, k):
    result = rule(np.tile(r, (k, 1)))
    np.testing.assert_array_equal(result.ranks, r)


@given(st.lists(rankings(n=6), min_size=1, max_size=8))
def test_borda_hands_out_the_same_points_per_ranking(rows):
    result = rs.borda(np.array(rows))
    np.testing.assert_allclose(result.details["points"].sum(axis=1), 15.0)
    assert result.scores.sum() == pytest.approx(15.0 * len(rows))


@pytest.mark.parametrize("rule", [rs.borda, rs.copeland])
def test_consensus_needs_a_stack_of_rankings(rule):
    with pytest.raises(AllianceScoreError, match="one row per ranking"):
        rule([1, 2, 3])
