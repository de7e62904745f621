"""EDAS: published worked examples, then the method's own behaviour.

Convention in the sources (and in ``mcda.evaluate("edas", ...)``, Keshavarz Ghorabaee et al.
2015): distances from the column average relative to it, ``PDA = max(0, x - AV) / AV`` and
``NDA = max(0, AV - x) / AV`` for benefit criteria (swapped for costs); ``SP``, ``SN`` weighted
sums; ``AS = (SP / max SP + 1 - SN / max SN) / 2``.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError

from ._printed import assert_printed, assert_ranks


def test_ersoy_2021_equipment_selection():
    """Ersoy (2021), "Equipment selection for an e-commerce company using entropy-based TOPSIS,
    EDAS and CODAS methods during the COVID-19", LogForum 17(3): six alternatives, six
    criteria (the last two costs), entropy weights printed to 3 decimals.

    Numbers found via energyinpython/pyrepo-mcda ``tests/test_mcda_methods.py`` (``Test_EDAS``),
    which cites the paper; appraisal scores to 3 decimals. (The same paper's TOPSIS closeness
    does not reproduce from the printed inputs: see ``test_topsis.py``; its EDAS scores do.)
    """
    X = np.array(
        [
            [256, 8, 41, 1.6, 1.77, 7347.16],
            [256, 8, 32, 1.0, 1.8, 6919.99],
            [256, 8, 53, 1.6, 1.9, 8400],
            [256, 8, 41, 1.0, 1.75, 6808.9],
            [512, 8, 35, 1.6, 1.7, 8479.99],
            [256, 4, 35, 1.6, 1.7, 7499.99],
        ]
    )
    w = [0.405, 0.221, 0.134, 0.199, 0.007, 0.034]
    res = mcda.evaluate("edas", X, w, [True] * 4 + [False] * 2)

    assert res.higher_is_better
    assert_printed(res.scores, [0.414, 0.130, 0.461, 0.212, 0.944, 0.043], 3, "AS")
    assert_ranks(res.ranks, [3, 5, 2, 4, 1, 6], "A5 > A3 > A1 > A4 > A2 > A6")


def test_yazdani_et_al_2020_renewable_energy():
    """Yazdani, Torkayesh, Santibanez-Gonzalez & Otaghsara (2020), "Evaluation of renewable
    energy resources using integrated Shannon Entropy-EDAS model", Sustainable Operations and
    Computers 1, 35-42: five energy sources, eight criteria (four costs), entropy weights.

    Numbers found via kotbaton/pymcdm's unittest suite (``TestEDAS``), which cites the paper;
    appraisal scores to 3 decimals.
    """
    X = np.array(
        [
            [3873, 39.55, 0.27, 0.87, 150, 0.07, 12, 2130],
            [5067, 67.26, 0.23, 0.23, 40, 0.02, 21, 2200],
            [2213, 24.69, 0.08, 0.17, 200, 0.04, 35, 570],
            [6243, 132, 0.07, 0.25, 100, 0.04, 16, 100],
            [8312, 460.47, 0.05, 0.21, 25, 0.1, 25, 200],
        ]
    )
    w = [0.131, 0.113, 0.126, 0.125, 0.126, 0.129, 0.132, 0.117]
    benefit = [False, False, False, True, True, False, True, True]
    res = mcda.evaluate("edas", X, w, benefit)

    assert_printed(res.scores, [0.841, 0.632, 0.883, 0.457, 0.104], 3, "AS")
    assert_ranks(res.ranks, [2, 3, 1, 4, 5], "A3 > A1 > A2 > A4 > A5")


# --------------------------------------------------------------------------- behaviour


def test_intermediate_tables_by_hand():
    """Column averages 2 (benefit) and 4 (cost); weights 1/2 each.

    A1 (1, 2): PDA = (0, 0.5), NDA = (0.5, 0); A2 (3, 6): PDA = (0.5, 0), NDA = (0, 0.5).
    SP = SN = (0.25, 0.25), so NSP = (1, 1), NSN = (0, 0) and AS = (0.5, 0.5): a tie.
    """
    X = np.array([[1.0, 2.0], [3.0, 6.0]])
    res = mcda.evaluate("edas", X, [0.5, 0.5], [True, False])
    np.testing.assert_allclose(res.tables["average"], [2.0, 4.0])
    np.testing.assert_allclose(res.tables["PDA"], [[0.0, 0.5], [0.5, 0.0]])
    np.testing.assert_allclose(res.tables["NDA"], [[0.5, 0.0], [0.0, 0.5]])
    np.testing.assert_allclose(res.scores, [0.5, 0.5])
    np.testing.assert_array_equal(res.ranks, [1, 1])


def test_nobody_away_from_the_average_scores_one_half():
    """Documented limits: max SP = 0 gives NSP = 0, max SN = 0 gives NSN = 1."""
    res = mcda.evaluate("edas", np.array([[4.0, 2.0], [4.0, 2.0]]), [0.3, 0.7], [True, False])
    np.testing.assert_array_equal(res.scores, [0.5, 0.5])


def test_a_column_with_a_non_positive_average_is_refused():
    X = np.array([[1.0, -3.0], [2.0, 1.0], [3.0, 1.0]])
    with pytest.raises(AllianceScoreError, match=r"X\[:, 1\].*positive column average.*-0.33"):
        mcda.evaluate("edas", X, [0.5, 0.5])


def test_a_constant_column_is_accepted_whatever_its_sign():
    X = np.array([[1.0, -3.0], [2.0, -3.0], [3.0, -3.0]])
    res = mcda.evaluate("edas", X, [0.5, 0.5])
    np.testing.assert_array_equal(res.tables["PDA"][:, 1], 0.0)
    assert_ranks(res.ranks, [3, 2, 1])
