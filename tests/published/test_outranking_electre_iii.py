"""ELECTRE III: a circulated worked example, cross-checked (no printed source was reachable).

No ELECTRE III example with printed credibility matrix *and* distillations could be reached
through the tools available to this project (Wang & Triantaphyllou 2008, Figueira, Mousseau &
Roy 2005 and the ELECTRE III-IV manual were not readable in full). What is here instead, and
labelled as such:

- a six-alternative, four-criterion example distributed with pyDecision (Valdecy/pyDecision,
  its ELECTRE III example; no source is cited there) whose concordance and credibility tables,
  to 2 decimals, are also asserted by the test suite of the ``mcda`` package (py-mcda,
  ``TestElectre3``). Both tables were recomputed independently with a plain loop
  implementation before being admitted;
- the distillations of that example, traced by hand below. They differ from py-mcda's, which
  keeps lowering one cut level across the whole procedure instead of restarting it at the
  largest credibility among the alternatives still unranked (Roy 1978; Figueira, Mousseau &
  Roy 2005, "ELECTRE methods", in *Multiple Criteria Decision Analysis: State of the Art
  Surveys*, 133-162). pyDecision restarts it, as here.

Conventions (``mcda.outrank("electre_iii", ...)``): constant thresholds per criterion,
s(lambda) = 0.3 - 0.15 lambda, a S b at cut lambda iff sigma(a, b) > lambda and
sigma(a, b) - sigma(b, a) > s(sigma(a, b)); the final relation is the intersection of the
descending and ascending preorders.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError
from alliancescore.mcda.outranking.electre_iii import distillation

from ._printed import assert_printed

X = np.array(
    [
        [8.84, 8.79, 6.43, 6.95],
        [8.57, 8.51, 5.47, 6.91],
        [7.76, 7.75, 5.34, 8.76],
        [7.97, 9.12, 5.93, 8.09],
        [9.03, 8.97, 8.19, 8.10],
        [7.41, 7.87, 6.77, 7.23],
    ]
)
WEIGHTS = [9.00, 8.24, 5.98, 8.48]
THRESHOLDS = dict(q=0.30, p=0.50, v=0.70)


def test_six_alternative_example_concordance_and_credibility():
    """Concordance C(a, b) and credibility sigma(a, b) to the 2 decimals py-mcda asserts.

    The veto does most of the work: wherever some criterion favours b by 0.7 or more
    (e.g. a3 beats a1 by 1.81 on the fourth criterion) sigma(a, b) is 0 whatever C is.
    """
    res = mcda.outrank("electre_iii", X, WEIGHTS, **THRESHOLDS)
    quoted_concordance = [
        [1.0, 1.0, 0.73, 0.69, 0.54, 0.96],
        [0.81, 1.0, 0.73, 0.32, 0.11, 0.78],
        [0.27, 0.46, 1.0, 0.55, 0.27, 0.81],
        [0.53, 0.72, 0.73, 1.0, 0.53, 0.81],
        [1.0, 1.0, 0.73, 1.0, 1.0, 1.0],
        [0.46, 0.46, 0.66, 0.19, 0.0, 1.0],
    ]
    quoted_credibility = [
        [1.0, 1.0, 0.0, 0.0, 0.0, 0.96],
        [0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
        [0.0, 0.72, 0.41, 1.0, 0.0, 0.0],
        [1.0, 1.0, 0.55, 1.0, 1.0, 1.0],
        [0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
    ]
    assert_printed(res.tables["concordance"], quoted_concordance, 2, "concordance C(a, b)")
    assert_printed(res.tables["credibility"], quoted_credibility, 2, "credibility sigma(a, b)")
    # One discordance worked by hand: a2 against a4 on the second criterion, 9.12 - 8.51 = 0.61
    # is past p = 0.5 and short of v = 0.7, so d = (0.61 - 0.5) / 0.2 = 0.55.
    assert res.tables["discordance"][1, 1, 3] == pytest.approx(0.55, abs=1e-12)


def test_six_alternative_example_distillations_and_final_preorder():
    """Descending distillation (hand trace, 0-based a1 = 0 ... a6 = 5):

    1. all six: lambda_0 = 1, s(1) = 0.15, lambda_1 = 0.7161 (largest sigma below 0.85). At
       that cut a5 outranks a1, a2, a4, a6 and nobody outranks a5: {a5} is extracted.
    2. {a1, a2, a3, a4, a6}: lambda_0 = 1 (sigma(a1, a2)), lambda_1 = 0.7161; a1 outranks a2
       and a6 (0.9623 > 0.7161), a4 outranks nobody at that cut: {a1}.
    3. {a2, a3, a4, a6}: lambda_0 = sigma(a4, a2) = 0.7161, s = 0.1926, lambda_1 = 0.4107;
       a4 outranks a2 (0.7161 > 0.4107), but not a3 (0.4107 is not above the cut): {a4}.
    4. {a2, a3, a6}: every sigma is 0: one class.

    Ascending (lowest qualification first): {a2, a6}, then {a1, a4}, then {a3}, then {a5};
    numbered from the top that is a5 = 1, a3 = 2, a1 = a4 = 3, a2 = a6 = 4.

    Intersection: a5 above all; a1 and a3 incomparable (a1 is second going down, a3 second going
    up); a4 below a1 (below it going down, level with it going up); a2 and a6 indifferent, last.
    """
    res = mcda.outrank("electre_iii", X, WEIGHTS, **THRESHOLDS)
    assert res.tables["descending"].tolist() == [2, 4, 4, 3, 1, 4]
    assert res.tables["ascending"].tolist() == [3, 4, 2, 3, 1, 4]
    assert res.incomparability[0, 2] and res.incomparability[2, 3]
    assert res.preference[0, 3] and res.preference[2, 1] and res.preference[4].sum() == 5
    assert res.indifference[1, 5]
    assert res.levels.tolist() == [2, 4, 2, 3, 1, 4]
    assert np.flatnonzero(res.kernel).tolist() == [4]
    # Re-running the distillation on the table alone gives the same preorders.
    sigma = res.tables["credibility"]
    np.testing.assert_array_equal(distillation(sigma), res.tables["descending"])
    np.testing.assert_array_equal(distillation(sigma, descending=False), res.tables["ascending"])


def test_discrimination_threshold_must_stay_between_zero_and_one():
    """s(lambda) = alpha + beta lambda. Swapping the usual pair (alpha = -0.15, beta = 0.3, the
    slope and intercept of ``s = a lambda + b`` read the wrong way round) gives s(0) < 0, which
    would let a pair outrank itself in both directions: refused, with the usual values named."""
    with pytest.raises(AllianceScoreError, match=r"s\(0\) = -0.15.*alpha = 0.3, beta = -0.15"):
        mcda.outrank("electre_iii", X, WEIGHTS, alpha=-0.15, beta=0.3, **THRESHOLDS)
