"""The GAIA plane of PROMETHEE: principal components of the single-criterion net flows.

GAIA (Geometrical Analysis for Interactive Aid; Mareschal & Brans 1988) shows a PROMETHEE
analysis in two dimensions. Each alternative a is the point of its single-criterion net
flows ``phi_j(a) = phi+_j(a) - phi-_j(a)`` (one coordinate per criterion) projected on the
plane of the two largest principal components of that cloud:

- ``Phi (n, m)``: single-criterion net flows; each column sums to 0 over the alternatives
  (what a leaves on criterion j is what the others enter), so the cloud is already centred;
- ``C = Phi^T Phi / n (m, m)``: its covariance; eigenvalues ``l_1 >= l_2 >= ... >= 0`` with
  unit eigenvectors ``u, v`` for the two largest;
- alternatives: ``(Phi u, Phi v)``;
- criterion j: the projection ``(u_j, v_j)`` of its unit axis e_j (criteria pointing the
  same way are concordant, opposite ones conflicting; a long axis is well represented);
- the decision axis pi: the projection ``(w @ u, w @ v)`` of the weight vector w (the net
  flow of PROMETHEE II is ``Phi w``, so alternatives far along pi rank high, as far as the
  plane represents them);
- ``delta = (l_1 + l_2) / sum l``: the share of the cloud's variance the plane keeps
  (Mareschal & Brans 1988 read the plane with care below about 0.6-0.7).

Eigenvectors have no sign of their own; each is oriented here so that the decision axis has
non-negative coordinates (or, when its projection on it is 0, so that the eigenvector's
largest entry is positive), so the plane reads the same on every run.

References: Mareschal & Brans (1988), "Geometrical representations for MCDA", EJOR 34(1),
69-77; Brans & Mareschal (2005), "PROMETHEE methods", in *Multiple Criteria Decision
Analysis: State of the Art Surveys*, Springer, 163-195.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem

from ._checks import as_matrix

__all__ = ["Gaia", "gaia"]


@dataclass(frozen=True)
class Gaia:
    """The GAIA plane: ``alternatives (n, 2)``, ``criteria (m, 2)`` (projected unit axes),
    ``decision (2,)`` (the projected weight vector), ``explained`` (delta, the share of
    variance kept, 0 to 1) and ``eigenvalues (m,)`` (descending)."""

    alternatives: np.ndarray = field(repr=False)
    criteria: np.ndarray = field(repr=False)
    decision: np.ndarray
    explained: float
    eigenvalues: np.ndarray = field(repr=False)


def gaia(single_criterion_net_flows: ArrayLike, weights: ArrayLike) -> Gaia:
    """The GAIA plane of ``Phi (n, m)`` (single-criterion net flows) under ``weights (m,)``
    (see the module docstring). Needs at least two criteria; a cloud without any spread
    (every flow 0) has no plane and is refused."""
    Phi = as_matrix(single_criterion_net_flows, "single-criterion net flows")
    n, m = Phi.shape
    w = np.asarray(weights, dtype=float)
    if w.shape != (m,):
        raise AllianceScoreError(
            Problem("weights", f"one weight per criterion ({m})", f"shape {w.shape}")
        )
    if m < 2:
        raise AllianceScoreError(
            Problem("single-criterion net flows", "at least two criteria for a plane", f"{m}")
        )
    Phi = Phi - Phi.mean(axis=0)  # centred already up to round-off; exactly so here
    eigenvalues, vectors = np.linalg.eigh(Phi.T @ Phi / n)
    order = np.argsort(eigenvalues)[::-1]
    eigenvalues = np.clip(eigenvalues[order], 0.0, None)
    vectors = vectors[:, order]
    total = float(eigenvalues.sum())
    if total <= 0:
        raise AllianceScoreError(
            Problem(
                "single-criterion net flows",
                "alternatives that differ on some criterion",
                "every flow 0",
            )
        )
    plane = vectors[:, :2].copy()
    for k in range(2):
        along = float(w @ plane[:, k])
        sign = (
            np.sign(along)
            if abs(along) > 1e-12
            else np.sign(plane[np.argmax(np.abs(plane[:, k])), k])
        )
        plane[:, k] *= sign or 1.0
    return Gaia(
        alternatives=Phi @ plane,
        criteria=plane,
        decision=w @ plane,
        explained=float(eigenvalues[:2].sum() / total),
        eigenvalues=eigenvalues,
    )
