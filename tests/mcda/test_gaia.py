"""PROMETHEE's GAIA plane (Mareschal & Brans 1988): properties that hold by construction."""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError


def _flows(seed: int, n: int = 8, m: int = 4) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 1, (n, m))
    w = rng.dirichlet(np.ones(m))
    relation = mcda.outrank("promethee_i", X, w, preference="linear", p=0.5)
    phi = (
        relation.tables["single_criterion_phi_plus"] - relation.tables["single_criterion_phi_minus"]
    )
    return phi, w


@pytest.mark.parametrize("seed", range(5))
def test_plane_is_the_top_two_principal_components(seed):
    phi, w = _flows(seed)
    plane = mcda.gaia(phi, w)
    eigenvalues = np.sort(np.linalg.eigvalsh(phi.T @ phi / phi.shape[0]))[::-1]
    assert plane.explained == pytest.approx(eigenvalues[:2].sum() / eigenvalues.sum())
    np.testing.assert_allclose(plane.criteria.T @ plane.criteria, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(plane.alternatives, phi @ plane.criteria, atol=1e-12)
    np.testing.assert_allclose(plane.decision, w @ plane.criteria, atol=1e-12)
    assert (plane.decision >= 0).all()  # the orientation convention


def test_two_criteria_keep_everything_and_project_the_net_flow_exactly():
    phi, w = _flows(7, m=2)
    plane = mcda.gaia(phi, w)
    assert plane.explained == pytest.approx(1.0)
    # With the whole space in the plane, <point, pi> is PROMETHEE II's net flow phi @ w.
    np.testing.assert_allclose(plane.alternatives @ plane.decision, phi @ w, atol=1e-12)


def test_no_spread_has_no_plane():
    with pytest.raises(AllianceScoreError, match="alternatives that differ on some criterion"):
        mcda.gaia(np.zeros((4, 3)), [0.2, 0.3, 0.5])
