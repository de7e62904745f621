"""ELECTRE I: published worked example.

Conventions (``mcda.outrank("electre_i", ...)``): concordance counts ties for the first
alternative (g_j(a) >= g_j(b)); discordance is the largest shortfall divided by a scale,
``discordance="criterion"`` (each criterion's range, the default) or ``"global"`` (the largest
range of any criterion, Roy 1968); a S b iff C >= c_hat and D <= d_hat. The answer of ELECTRE I
is the kernel of that graph (``Relation.kernel``).
"""

from __future__ import annotations

import numpy as np

from alliancescore import mcda

from ._printed import assert_printed

# Cebrián & Porcar (2009): six locations, five criteria (the third a cost).
CEBRIAN_2009_X = np.array(
    [
        [6, 5, 28, 5, 5],
        [4, 2, 25, 10, 9],
        [5, 7, 35, 9, 6],
        [6, 1, 27, 6, 7],
        [6, 8, 30, 7, 9],
        [5, 6, 26, 4, 8],
    ],
    dtype=float,
)
CEBRIAN_2009_BENEFIT = [True, True, False, True, True]
CEBRIAN_2009_WEIGHTS = [0.25, 0.25, 0.1, 0.2, 0.2]


def test_cebrian_porcar_2009_concordance_discordance_and_kernel():
    """Cebrián & Porcar (2009), "Localización empresarial en Aragón: una aplicación empírica de
    la ayuda a la decisión multicriterio tipo ELECTRE I y III. Robustez de los resultados
    obtenidos", Revista de Métodos Cuantitativos para la Economía y la Empresa 7, 31-56:
    ELECTRE I on six candidate locations. The paper normalises each column by its sum and takes
    discordance over one scale for all criteria (the largest range of the normalised matrix),
    i.e. ``discordance="global"`` on the sum-normalised matrix.

    Numbers found via quatrope/scikit-criteria ``tests/agg/test_electre.py``
    (``test_concordance_cebrian2009localizacion``, ``test_discordance_cebrian2009localizacion``,
    ``test_ELECTRE1_cebrian2009localizacion``), which cites the paper: concordance and
    discordance to 4 decimals, and the kernel {A5} with thresholds c = 0.65, d = 0.35 (the
    thresholds of that test; whether they are the paper's is not stated there).
    """
    normalised = CEBRIAN_2009_X / CEBRIAN_2009_X.sum(axis=0)
    res = mcda.outrank(
        "electre_i",
        normalised,
        CEBRIAN_2009_WEIGHTS,
        CEBRIAN_2009_BENEFIT,
        c_hat=0.65,
        d_hat=0.35,
        discordance="global",
    )
    printed_concordance = np.array(
        [
            [1.0, 0.5000, 0.3500, 0.5000, 0.3500, 0.4500],
            [0.5000, 1.0, 0.5000, 0.7500, 0.5000, 0.5000],
            [0.6500, 0.5000, 1.0, 0.4500, 0.2000, 0.7000],
            [0.7500, 0.2500, 0.5500, 1.0, 0.3500, 0.4500],
            [0.9000, 0.7000, 0.8000, 0.9000, 1.0, 0.9000],
            [0.5500, 0.5000, 0.5500, 0.5500, 0.1000, 1.0],
        ]
    )
    printed_discordance = np.array(
        [
            [0.0, 0.5052, 0.4042, 0.1883, 0.4286, 0.2825],
            [0.4286, 0.0, 0.7143, 0.2589, 0.8571, 0.5714],
            [0.1696, 0.2825, 0.0, 0.1938, 0.2825, 0.2180],
            [0.5714, 0.4042, 0.8571, 0.0, 1.0, 0.7143],
            [0.0485, 0.3031, 0.2021, 0.0727, 0.0, 0.0969],
            [0.1295, 0.6063, 0.5052, 0.2021, 0.3031, 0.0],
        ]
    )
    # The source leaves the diagonal empty; here C(a, a) = 1 and D(a, a) = 0 by construction.
    assert_printed(res.tables["concordance"], printed_concordance, 4, "concordance C(a, b)")
    assert_printed(res.tables["discordance"], printed_discordance, 4, "discordance D(a, b)")

    # A5 outranks every other location and nobody outranks A5: the kernel is {A5}.
    assert res.outranks[4].all()
    assert not res.outranks[:, 4][[0, 1, 2, 3, 5]].any()
    assert np.flatnonzero(res.kernel).tolist() == [4]
    assert res.cycles == ()


def test_cebrian_porcar_2009_the_discordance_scale_decides_the_kernel():
    """Same data in raw units with the default ``discordance="criterion"`` (each shortfall over
    its own criterion's range; sum normalisation then makes no difference). Concordance ignores
    magnitudes and is unchanged; discordance is not: A5 falls short of A2 by half the range of
    the fourth criterion (7 against 10, range 6), so with d = 0.35 it no longer outranks A2,
    and the kernel widens to {A2, A5, A6}. Not printed in the paper: this shows why the scale is
    a parameter and is recorded with every relation (values checked by hand in numpy).
    """
    res = mcda.outrank(
        "electre_i",
        CEBRIAN_2009_X,
        CEBRIAN_2009_WEIGHTS,
        CEBRIAN_2009_BENEFIT,
        c_hat=0.65,
        d_hat=0.35,
    )
    global_scale = mcda.outrank(
        "electre_i",
        CEBRIAN_2009_X / CEBRIAN_2009_X.sum(axis=0),
        CEBRIAN_2009_WEIGHTS,
        CEBRIAN_2009_BENEFIT,
        discordance="global",
    )
    np.testing.assert_allclose(
        res.tables["concordance"], global_scale.tables["concordance"], rtol=0, atol=1e-12
    )
    np.testing.assert_allclose(
        res.tables["discordance"][4], [0.2, 0.5, 1 / 3, 0.3, 0.0, 0.4], rtol=0, atol=1e-12
    )
    assert res.params["discordance"] == "criterion"
    assert not res.outranks[4, 1]
    assert np.flatnonzero(res.kernel).tolist() == [1, 4, 5]
