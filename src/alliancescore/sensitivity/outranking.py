"""How often an outranking relation holds under weight uncertainty (vectorised over draws).

An outranking method gives a relation, not scores, so SMAA's rank acceptability does not
apply. What can be said instead, per pair and per alternative, is the share of weight draws
in which the relation holds: ``outranks[a, b]`` = share of draws with a S b (a is at least as
good as b), and, where the kernel can be found in closed form, ``kernel[a]`` = share of draws
with a in the kernel. Draws come from the same samplers as SMAA (:mod:`.samplers`).

Which methods are covered, and why (stated in :attr:`RelationFrequencies.coverage`):

- **PROMETHEE I**: the leaving and entering flows are linear in the weights
  (``phi+ = W @ phi+_j``, the single-criterion flows computed once), so every draw's relation
  is a comparison of two flow vectors: pairs and kernel, all vectorised. The relation is a
  partial preorder, whose kernel is the set of alternatives nothing is strictly preferred to.
- **ELECTRE I**: the concordance is linear in the weights (``C = [g_j(a) >= g_j(b)] @ w``)
  and the discordance does not depend on them, so the relation of every draw is vectorised:
  pairs only. Its kernel needs circuits reduced draw by draw (Roy 1968), which is not
  vectorised: not computed.
- **ELECTRE III**: the final relation comes from two distillations, sequential procedures
  run per weight vector (cut levels chosen from the credibilities themselves): not
  vectorised, so not computed; the reason is reported instead.

Equal flows or a concordance equal to the threshold are compared with the same tolerances as
the relation itself (:func:`alliancescore.mcda.outrank`): flows within ``TIE_RTOL`` times the
largest magnitude are tied, and concordance thresholds get a 1e-12 allowance. Monte Carlo
standard error of a share p over N draws: ``sqrt(p (1 - p) / N)``, at most ``0.5 / sqrt(N)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.mcda import Relation
from alliancescore.mcda.ranking import TIE_RTOL

from .samplers import WeightSampler

__all__ = ["COVERAGE", "RelationFrequencies", "relation_frequencies"]

COVERAGE = {
    "promethee_i": "pairs and kernel (flows linear in the weights)",
    "electre_i": "pairs only (the concordance is linear in the weights; the kernel needs "
    "circuits reduced draw by draw, not vectorised)",
    "electre_iii": "not applicable: the distillations are sequential, run per weight "
    "vector, and not vectorised",
}
"""What :func:`relation_frequencies` computes for each outranking method, in words."""

_ROUND_OFF = 1e-12  # ELECTRE I's allowance on its thresholds (mcda.outranking.electre_i)


@dataclass(frozen=True)
class RelationFrequencies:
    """Shares of weight draws in which an outranking relation holds.

    method : the outranking method. draws : weight draws used (0 when not applicable).
    outranks : ``(n, n)`` share of draws with a S b (row a, column b; diagonal 1), or None.
    kernel : ``(n,)`` share of draws with a in the kernel, or None.
    coverage : what was computed, or why not (:data:`COVERAGE`). max_standard_error : the
    largest Monte Carlo standard error of the shares given.
    """

    method: str
    draws: int
    coverage: str
    outranks: np.ndarray | None = field(default=None, repr=False)
    kernel: np.ndarray | None = field(default=None, repr=False)

    @property
    def applicable(self) -> bool:
        return self.outranks is not None

    @property
    def max_standard_error(self) -> float:
        shares = [s for s in (self.outranks, self.kernel) if s is not None]
        if not shares or not self.draws:
            return float("nan")
        p = np.concatenate([s.ravel() for s in shares])
        return float(np.sqrt(p * (1.0 - p) / self.draws).max())


def _promethee_i(relation: Relation) -> Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]:
    plus = np.asarray(relation.tables["single_criterion_phi_plus"], dtype=float)  # (n, m)
    minus = np.asarray(relation.tables["single_criterion_phi_minus"], dtype=float)

    def block(W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        phi_plus, phi_minus = W @ plus.T, W @ minus.T  # (k, n)
        tol_plus = TIE_RTOL * max(np.abs(phi_plus).max(), 1.0)
        tol_minus = TIE_RTOL * max(np.abs(phi_minus).max(), 1.0)
        leaves_more = phi_plus[:, :, np.newaxis] - phi_plus[:, np.newaxis, :] >= -tol_plus
        enters_less = phi_minus[:, :, np.newaxis] - phi_minus[:, np.newaxis, :] <= tol_minus
        S = leaves_more & enters_less  # (k, n, n): [draw, a, b] = a S b
        strictly_below = (S & ~S.transpose(0, 2, 1)).any(axis=1)  # someone P a
        return S, ~strictly_below

    return block


def _electre_i(
    relation: Relation, X: np.ndarray, benefit: np.ndarray
) -> Callable[[np.ndarray], tuple[np.ndarray, None]]:
    G = np.where(benefit, X, -X)
    at_least = (G[:, np.newaxis, :] >= G[np.newaxis, :, :]).astype(float)  # (n, n, m)
    discordant = np.asarray(relation.tables["discordance"]) > relation.params["d_hat"] + _ROUND_OFF
    c_hat = float(relation.params["c_hat"])

    def block(W: np.ndarray) -> tuple[np.ndarray, None]:
        concordance = np.einsum("abm,km->kab", at_least, W)
        S = (concordance >= c_hat - _ROUND_OFF) & ~discordant[np.newaxis]
        return S, None

    return block


def relation_frequencies(
    relation: Relation,
    X: ArrayLike,
    sampler: WeightSampler,
    n_samples: int,
    seed: int,
    benefit: ArrayLike | None = None,
    *,
    block_size: int = 256,
) -> RelationFrequencies:
    """Shares of ``n_samples`` weight draws in which ``relation``'s method, rerun with the
    drawn weights and the same parameters on ``X (n, m)``, gives a S b (and a in the kernel).

    ``relation`` is the method's nominal :class:`~alliancescore.mcda.Relation` on ``X``
    (its weight-independent tables are reused); ``sampler`` draws ``(k, m)`` weights;
    ``benefit`` as for the relation (None = all benefit, as on the analyst path). Draws are
    taken in blocks of ``block_size`` from ``numpy.random.default_rng(seed)``, so the answer
    depends on the seed only. Methods not covered (:data:`COVERAGE`) return a record with
    ``draws = 0`` and the reason.
    """
    method = relation.method
    matrix = np.asarray(X, dtype=float)
    mask = np.ones(matrix.shape[1], dtype=bool) if benefit is None else np.asarray(benefit, bool)
    if method == "promethee_i":
        step = _promethee_i(relation)
    elif method == "electre_i":
        step = _electre_i(relation, matrix, mask)
    else:
        return RelationFrequencies(method, 0, COVERAGE.get(method, "not applicable"))
    n = matrix.shape[0]
    outranks = np.zeros((n, n))
    kernel = np.zeros(n)
    rng = np.random.default_rng(seed)
    done = 0
    with_kernel = False
    while done < n_samples:
        k = min(block_size, n_samples - done)
        S, in_kernel = step(sampler.draw(rng, k))
        outranks += S.sum(axis=0)
        if in_kernel is not None:
            kernel += in_kernel.sum(axis=0)
            with_kernel = True
        done += k
    shares = outranks / max(done, 1)
    np.fill_diagonal(shares, 1.0)
    return RelationFrequencies(
        method,
        done,
        COVERAGE[method],
        outranks=shares,
        kernel=kernel / max(done, 1) if with_kernel else None,
    )
