"""CODAS: the method paper's worked examples and two applications, then behaviour.

Convention in the sources (and in ``mcda.evaluate("codas", ...)``): linear normalisation
(``x / max x``, costs ``min x / x``), weighted; Euclidean ``E`` and taxicab ``T`` distances
from the negative-ideal (column minima); ``h_ik = (E_i - E_k) + psi(E_i - E_k) (T_i - T_k)``
with ``psi = 1`` when ``|E_i - E_k| >= tau = 0.02``; ``H_i = sum_k h_ik``.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError

from ._printed import assert_printed, assert_ranks


def test_keshavarz_ghorabaee_et_al_2016_robot_selection():
    """Keshavarz Ghorabaee, Zavadskas, Turskis & Antucheviciene (2016), "A new combinative
    distance-based assessment (CODAS) method for multi-criteria decision-making", Economic
    Computation and Economic Cybernetics Studies and Research 50(3), 25-44: the industrial
    robot example adapted from Chakraborty & Zavadskas (2014); seven robots, five criteria
    (repeatability a cost), tau = 0.02. Assessment scores H to 4 decimals.

    Numbers found via quatrope/scikit-criteria ``tests/agg/test_codas.py``
    (``test_codas_chakraborty_zavadaskas2014``), which cites the paper; the same values appear
    in jbytecode/JMcDM ``test/mcdm/testcodas.jl``.
    """
    X = np.array(
        [
            [60, 0.4, 2540, 500, 990],
            [6.35, 0.15, 1016, 3000, 1041],
            [6.8, 0.10, 1727.2, 1500, 1676],
            [10, 0.2, 1000, 2000, 965],
            [2.5, 0.1, 560, 500, 915],
            [4.5, 0.08, 1016, 350, 508],
            [3, 0.1, 1778, 1000, 920],
        ]
    )
    w = [0.036, 0.192, 0.326, 0.326, 0.120]
    res = mcda.evaluate("codas", X, w, [True, False, True, True, True], tau=0.02)

    assert res.higher_is_better
    printed = [0.5122, 1.4633, 1.0715, -0.2125, -1.8515, -1.1717, 0.1887]
    assert_printed(res.scores, printed, 4, "H")
    assert_ranks(res.ranks, [3, 1, 2, 5, 7, 6, 4], "A2 > A3 > A1 > A7 > A4 > A6 > A5")


def test_keshavarz_ghorabaee_et_al_2016_office_microclimate():
    """Same paper, second example, adapted from Zavadskas & Turskis (2010): fourteen office
    microclimates, six criteria (air flow rate and dew point costs). H to 3 decimals.

    Numbers found via quatrope/scikit-criteria ``tests/agg/test_codas.py``
    (``test_codas_zavadaskas_turskis2010``), which cites the paper.
    """
    X = np.array(
        [
            [7.6, 46, 18, 390, 0.1, 11],
            [5.5, 32, 21, 360, 0.05, 11],
            [5.3, 32, 21, 290, 0.05, 11],
            [5.7, 37, 19, 270, 0.05, 9],
            [4.2, 38, 19, 240, 0.1, 8],
            [4.4, 38, 19, 260, 0.1, 8],
            [3.9, 42, 16, 270, 0.1, 5],
            [7.9, 44, 20, 400, 0.05, 6],
            [8.1, 44, 20, 380, 0.05, 6],
            [4.5, 46, 18, 320, 0.1, 7],
            [5.7, 48, 20, 320, 0.05, 11],
            [5.2, 48, 20, 310, 0.05, 11],
            [7.1, 49, 19, 280, 0.1, 12],
            [6.9, 50, 16, 250, 0.05, 10],
        ]
    )
    w = [0.21, 0.16, 0.26, 0.17, 0.12, 0.08]
    res = mcda.evaluate("codas", X, w, [True] * 4 + [False] * 2)

    printed = [
        0.768, 0.363, -0.105, -0.329, -2.384, -2.207, -2.043,
        2.929, 2.890, -1.282, 0.568, 0.313, 0.157, 0.364,
    ]  # fmt: skip
    assert_printed(res.scores, printed, 3, "H")
    assert_ranks(res.ranks, [3, 6, 9, 10, 14, 13, 12, 1, 2, 11, 4, 7, 8, 5], "ranking")


def test_badi_abdulshahed_shetwan_2018_supplier_selection():
    """Badi, Abdulshahed & Shetwan (2018), "A case study of supplier selection for a
    steelmaking company in Libya by using the Combinative Distance-based ASsessment (CODAS)
    model", Decision Making: Applications in Management and Engineering 1(1), 1-12: six
    suppliers, four criteria (direct cost a cost criterion). H to 4 decimals.

    Numbers found via energyinpython/pyrepo-mcda ``tests/test_mcda_methods.py``
    (``Test_CODAS.test_codas``); the same values appear in quatrope/scikit-criteria
    ``tests/agg/test_codas.py`` and kotbaton/pymcdm's unittest suite (``TestCODAS``).
    """
    X = np.array(
        [
            [45, 3600, 45, 0.9],
            [25, 3800, 60, 0.8],
            [23, 3100, 35, 0.9],
            [14, 3400, 50, 0.7],
            [15, 3300, 40, 0.8],
            [28, 3000, 30, 0.6],
        ]
    )
    res = mcda.evaluate("codas", X, [0.2857, 0.3036, 0.2321, 0.1786], [True, False, True, True])

    assert_printed(res.scores, [1.3914, 0.3411, -0.2170, -0.5381, -0.7292, -0.2481], 4, "H")
    assert_ranks(res.ranks, [1, 2, 3, 5, 6, 4], "A1 > A2 > A3 > A6 > A4 > A5")


def test_badi_ballem_shetwan_2018_desalination_site():
    """Badi, Ballem & Shetwan (2018), "Site selection of desalination plant in Libya by using
    Combinative Distance-based Assessment (CODAS) method", International Journal for Quality
    Research 12(3), 609: five sites, five criteria (the first and last costs). H to 4 decimals.

    Numbers found via energyinpython/pyrepo-mcda ``tests/test_mcda_methods.py``
    (``Test_CODAS.test_codas2``), which cites the paper.
    """
    X = np.array(
        [[8, 8, 10, 9, 5], [8, 9, 9, 9, 8], [9, 9, 7, 8, 6], [8, 8, 7, 8, 9], [9, 8, 7, 7, 4]],
        dtype=float,
    )
    benefit = [False, True, True, True, False]
    res = mcda.evaluate("codas", X, [0.19, 0.26, 0.24, 0.17, 0.14], benefit)

    assert_printed(res.scores, [0.4463, 0.1658, -0.2544, -0.4618, 0.1041], 4, "H")


# --------------------------------------------------------------------------- behaviour


def test_dominance_fails_which_is_why_codas_opts_out():
    """The contract opt-out is a fact, not a precaution. A2 = (4, 8, 3) dominates A1 = (2, 8,
    3), yet A1 ranks first: A1's Euclidean gap to A3 (0.0274) reaches tau, so A1 collects the
    taxicab difference T1 - T3 > 0, while A2's gap to A3 (0.0133) does not, so A2 collects
    nothing from its larger T2 - T3. Checked by hand: E = (0.29667, 0.31078, 0.32407),
    T = (0.38194, 0.47454, 0.32407)."""
    assert "dominance" in mcda.METHODS["codas"].contract_opt_outs
    X = np.array([[2.0, 8.0, 3.0], [4.0, 8.0, 3.0], [9.0, 3.0, 1.0]])
    res = mcda.evaluate("codas", X, [5, 2, 5])
    np.testing.assert_allclose(res.tables["euclidean"], [0.29667, 0.31078, 0.32407], atol=5e-6)
    np.testing.assert_allclose(res.tables["taxicab"], [0.38194, 0.47454, 0.32407], atol=5e-6)
    assert res.ranks[1] > res.ranks[0]


def test_relative_assessment_is_antisymmetric_and_scores_sum_to_zero():
    rng = np.random.default_rng(3)
    X = rng.uniform(1, 10, size=(6, 4))
    W = rng.dirichlet(np.ones(4), size=5)
    res = mcda.evaluate("codas", X, W, [True, False, True, True])
    h = res.tables["relative_assessment"]
    np.testing.assert_allclose(h, -np.swapaxes(h, 1, 2), atol=1e-15)
    np.testing.assert_allclose(h.sum(axis=2), res.scores, atol=1e-14)
    np.testing.assert_allclose(res.scores.sum(axis=1), 0.0, atol=1e-14)


def test_tau_zero_always_adds_the_taxicab_term():
    """With tau = 0 every pair uses both distances: H_i = n (E_i + T_i) - sum_k (E_k + T_k)."""
    rng = np.random.default_rng(4)
    X = rng.uniform(1, 10, size=(5, 3))
    res = mcda.evaluate("codas", X, [0.2, 0.5, 0.3], tau=0.0)
    total = res.tables["euclidean"] + res.tables["taxicab"]
    np.testing.assert_allclose(res.scores, 5 * total - total.sum(), atol=1e-14)


@pytest.mark.parametrize("tau", [-0.01, np.inf, np.nan, "small"])
def test_tau_must_be_a_finite_non_negative_threshold(tau):
    with pytest.raises(AllianceScoreError, match=r"'tau'.*finite threshold >= 0"):
        mcda.evaluate("codas", np.ones((3, 2)), [0.5, 0.5], tau=tau)
