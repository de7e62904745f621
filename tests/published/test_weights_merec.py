"""MEREC weights: the worked examples of the paper that introduced it.

Convention (``mcda.weights("merec", X, benefit)``): ``n = min/x`` for benefit and ``x/max``
for cost criteria; ``S_i = ln(1 + (1/m) sum_j |ln n_ij|)``; ``S'_ij`` the same without
criterion j (still divided by m); ``E_j = sum_i |S'_ij - S_i|``; ``w = E / sum E``.

Numbers via energyinpython/pyrepo-mcda ``tests/test_weighting_methods.py`` (``Test_MEREC``,
weights, citing the paper) and fatihaydost/kds-topsis-critic
``docs/research/methods/merec.md`` (Tables 2-6 transcribed with their numbers); the normalised
matrix also appears in quatrope/scikit-criteria ``tests/preprocessing/test_weighters.py``
(``test_MEREC_``). Recomputed in /tmp before use.
"""

from __future__ import annotations

import numpy as np

from alliancescore import mcda

from ._printed import assert_printed

# Keshavarz-Ghorabaee et al. (2021), Table 2: five alternatives, criteria 1-2 maximised and
# 3-4 minimised.
ILLUSTRATIVE = np.array(
    [
        [450, 8000, 54, 145],
        [10, 9100, 2, 160],
        [100, 8200, 31, 153],
        [220, 9300, 1, 162],
        [5, 8400, 23, 158],
    ]
)
ILLUSTRATIVE_BENEFIT = [True, True, False, False]


def test_keshavarz_ghorabaee_2021_illustrative_example():
    """Keshavarz-Ghorabaee, Amiri, Zavadskas, Turskis & Antucheviciene (2021),
    "Determination of objective weights using a new method based on the removal effects of
    criteria (MEREC)", Symmetry 13(4), 525, Section 4.1: normalised matrix (Table 3,
    3 decimals), S_i = 0.77, 0.71, 0.65, 1.09, 0.21 and S'_ij (Table 4, 2 decimals), weights
    0.5752, 0.0141, 0.4016, 0.0091 (Step 6, 4 decimals).

    The paper prints the removal effects E_j to 2 decimals (1.71, 0.04, 1.19, 0.03) but
    computes the weights at full precision (weights from the rounded E would be 0.5758,
    0.0135, 0.4007, 0.0101), so E is compared at its printed precision and w at its own.
    """
    result = mcda.weights("merec", ILLUSTRATIVE, ILLUSTRATIVE_BENEFIT)
    d = result.diagnostics
    printed_normalised = [
        [0.011, 1, 1, 0.895],
        [0.500, 0.879, 0.037, 0.988],
        [0.050, 0.976, 0.574, 0.944],
        [0.023, 0.860, 0.019, 1],
        [1, 0.952, 0.426, 0.975],
    ]
    assert_printed(d["normalised"], printed_normalised, 3, "normalised matrix")
    assert_printed(d["performance"], [0.77, 0.71, 0.65, 1.09, 0.21], 2, "S_i")
    printed_removed = [
        [0.03, 0.77, 0.77, 0.75],
        [0.62, 0.69, 0.19, 0.71],
        [0.15, 0.64, 0.57, 0.64],
        [0.71, 1.08, 0.68, 1.09],
        [0.21, 0.20, 0.02, 0.20],
    ]
    assert_printed(d["performance_without"], printed_removed, 2, "S'_ij")
    assert_printed(d["removal_effect"], [1.71, 0.04, 1.19, 0.03], 2, "E_j")
    assert_printed(result.weights, [0.5752, 0.0141, 0.4016, 0.0091], 4, "weights")


def test_keshavarz_ghorabaee_2021_comparative_example():
    """Keshavarz-Ghorabaee et al. (2021), Section 4.2: ten alternatives, seven criteria (the
    first three maximised), input Table 5 (borrowed from their ref. [62]); Table 6 column
    "MEREC" weights 0.324, 0.055, 0.086, 0.368, 0.044, 0.077, 0.045 (3 decimals)."""
    X = np.array(
        [
            [23, 264, 2.37, 0.05, 167, 8900, 8.71],
            [20, 220, 2.2, 0.04, 171, 9100, 8.23],
            [17, 231, 1.98, 0.15, 192, 10800, 9.91],
            [12, 210, 1.73, 0.2, 195, 12300, 10.21],
            [15, 243, 2, 0.14, 187, 12600, 9.34],
            [14, 222, 1.89, 0.13, 180, 13200, 9.22],
            [21, 262, 2.43, 0.06, 160, 10300, 8.93],
            [20, 256, 2.6, 0.07, 163, 11400, 8.44],
            [19, 266, 2.1, 0.06, 157, 11200, 9.04],
            [8, 218, 1.94, 0.11, 190, 13400, 10.11],
        ]
    )
    benefit = [True, True, True, False, False, False, False]
    result = mcda.weights("merec", X, benefit)
    printed = [0.324, 0.055, 0.086, 0.368, 0.044, 0.077, 0.045]
    assert_printed(result.weights, printed, 3, "weights")
