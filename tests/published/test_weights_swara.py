"""SWARA: the worked example of the paper that introduced it.

Convention (``mcda.weights("swara", comparative_importance, order=None)``): criteria sorted from
the most to the least important; ``s_j`` for each criterion after the first; ``k_j = s_j + 1``,
``q_j = q_{j-1} / k_j`` (``q_1 = 1``), ``w = q / sum q``.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda

from ._printed import assert_printed

# Keršulienė et al. (2010), Table 1: the six attributes of dispute-resolution methods in
# descending importance and the comparative importance of each after the first.
KERSULIENE_S = [0.15, 0.04, 0.29, 0.02, 0.04]


def test_kersuliene_zavadskas_turskis_2010_dispute_resolution():
    """Keršulienė, Zavadskas & Turskis (2010), "Selection of rational dispute resolution
    method by applying new step-wise weight assessment ratio analysis (SWARA)", Journal of
    Business Economics and Management 11(2), 243-258, Table 1: attributes (expedition, price,
    possibility to appeal, confidentiality, authority of the person solving, legal advice) with
    s_j = 0.15, 0.04, 0.29, 0.02, 0.04; printed k_j = 1, 1.15, 1.04, 1.29, 1.02, 1.04,
    recalculated weights q_j = 1, 0.87, 0.84, 0.65, 0.64, 0.61 and weights w_j = 0.22, 0.19,
    0.18, 0.14, 0.14, 0.13 (2 decimals).

    Numbers via fatihaydost/kds-topsis-critic ``docs/research/methods/swara.md`` (table
    transcribed with its number) and kiziebar/pymcdm ``pymcdm/weights/subjective/swara.py``
    (docstring example, weights only; cites the paper). Recomputed by hand in /tmp:
    q = 1, 0.8696, 0.8361, 0.6482, 0.6354, 0.6110; w = 0.2174, 0.1890, 0.1818, 0.1409, 0.1381,
    0.1328.
    """
    result = mcda.weights("swara", KERSULIENE_S)
    d = result.diagnostics
    assert_printed(d["k"], [1, 1.15, 1.04, 1.29, 1.02, 1.04], 2, "k_j")
    assert_printed(d["q"], [1, 0.87, 0.84, 0.65, 0.64, 0.61], 2, "q_j")
    assert_printed(result.weights, [0.22, 0.19, 0.18, 0.14, 0.14, 0.13], 2, "w_j")
    assert result.weights.sum() == pytest.approx(1.0, abs=1e-12)


def test_kersuliene_2010_weights_follow_criteria_through_order():
    """The same judgments with the criteria stored in another order: ``order`` lists the
    criterion index at each position, and each criterion keeps its published weight."""
    order = [3, 0, 5, 1, 4, 2]  # criterion 3 is the most important, then 0, ...
    result = mcda.weights("swara", KERSULIENE_S, order=order)
    published = np.array([0.22, 0.19, 0.18, 0.14, 0.14, 0.13])
    expected = np.empty(6)
    expected[order] = published
    assert_printed(result.weights, expected, 2, "w_j in criterion order")
