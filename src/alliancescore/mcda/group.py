"""Several analysts, one set of weights: aggregating judgments (AIJ) or priorities (AIP).

Two ways to combine ``k`` analysts' views of ``n`` criteria, each analyst with a voting power
``v_k > 0`` (rescaled to sum to one):

- **AIJ**, aggregation of individual judgments (:func:`aij`): the element-wise weighted
  geometric mean of the analysts' reciprocal pairwise matrices,
  ``a_ij = prod_k a_ijk ^ v_k``, then the principal eigenvector of that group matrix, whose
  consistency ratio is the *group* consistency ratio. Valid when the group acts as **one
  individual** (a synergistic unit: the team pools its judgments and owns one answer), and only
  for pairwise judgments (Forman & Peniwati 1998).
- **AIP**, aggregation of individual priorities (:func:`aip_geometric`,
  :func:`aip_arithmetic`): the weighted geometric or arithmetic mean of each analyst's own
  priority vector, renormalised to sum to one. Valid when the analysts act **in their own
  right** (each a separate stakeholder whose own priorities count), and from any weighting
  scheme. Forman & Peniwati (1998) allow both means here; the geometric mean keeps the
  Pareto principle with reciprocal ratios, the arithmetic mean is the plain weighted average
  of the shares.

Why the geometric mean for judgments: Aczél & Saaty (1983) show that the (weighted) geometric
mean is the only aggregation of ratio judgments that preserves **reciprocity** (the group's
``a_ji`` is ``1 / a_ij``) and **unanimity** (when every analyst gives ``x``, so does the
group); the arithmetic mean of judgments is not reciprocal (2, 3, 4 average to 3, their
reciprocals to 13/36, not 1/3). For consistent matrices ``a_ijk = w_ik / w_jk`` AIJ and
geometric AIP give the same weights (the geometric mean of consistent matrices is the
consistent matrix of the geometric mean of the priorities).

Each aggregation is registered in :data:`GROUP_AGGREGATIONS` by name (``aij``,
``aip_geometric``, ``aip_arithmetic``) with what it needs (``judgments`` or ``priorities``);
:func:`aggregate` runs one by name.

References: Forman & Peniwati (1998), "Aggregating individual judgments and priorities with
the analytic hierarchy process", EJOR 108(1), 165-169; Aczél & Saaty (1983), "Procedures
for synthesizing ratio judgements", J. Math. Psychology 27(1), 93-102; Saaty (1980), *The
Analytic Hierarchy Process*, McGraw-Hill.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.registry import Registry

from .weighting.ahp import ahp, check_pairwise_matrix

__all__ = [
    "GROUP_AGGREGATIONS",
    "GroupAggregation",
    "GroupPriorities",
    "aggregate",
    "aij",
    "aip_arithmetic",
    "aip_geometric",
    "voting_shares",
]


@dataclass(frozen=True)
class GroupPriorities:
    """The group's priorities ``weights (n,)`` (summing to one) with the aggregation's
    diagnostics: AIJ gives the group ``matrix (n, n)``, ``lambda_max``, ``ci``, ``cr`` (the
    group consistency ratio) and ``ri_table``; every aggregation gives ``voting`` (the shares
    used, ``(k,)``)."""

    method: str
    weights: np.ndarray
    diagnostics: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "diagnostics", MappingProxyType(dict(self.diagnostics)))


@dataclass(frozen=True)
class GroupAggregation:
    """A registered aggregation: its function, what it needs (``"judgments"``: pairwise
    matrices; ``"priorities"``: priority vectors) and a line on when it is valid."""

    name: str
    function: Callable[..., GroupPriorities]
    needs: str
    summary: str


GROUP_AGGREGATIONS: Registry[GroupAggregation] = Registry("group aggregation", ordered=True)


def _register(name: str, needs: str, summary: str):
    def decorate(function: Callable[..., GroupPriorities]) -> Callable[..., GroupPriorities]:
        GROUP_AGGREGATIONS.add(name, GroupAggregation(name, function, needs, summary))
        return function

    return decorate


def voting_shares(voting: ArrayLike | None, k: int, name: str = "voting") -> np.ndarray:
    """Voting powers ``(k,)`` rescaled to sum to one (``None``: equal). Each must be a finite
    number > 0."""
    if voting is None:
        return np.full(k, 1.0 / k)
    v = np.asarray(voting, dtype=np.float64)
    if v.shape != (k,):
        raise AllianceScoreError(
            Problem(name, f"one voting power per analyst ({k})", f"shape {v.shape}")
        )
    bad = ~np.isfinite(v) | (v <= 0)
    if bad.any():
        raise AllianceScoreError(
            [
                Problem(f"{name}[{j}]", "a voting power > 0", f"{v[j]:g}")
                for j in np.flatnonzero(bad)[:5]
            ]
        )
    return v / v.sum()


def _priorities(priorities: ArrayLike, name: str) -> np.ndarray:
    P = np.asarray(priorities, dtype=np.float64)
    if P.ndim != 2 or P.shape[0] == 0 or P.shape[1] == 0:
        raise AllianceScoreError(
            Problem(name, "priorities (k analysts, n criteria)", f"shape {P.shape}")
        )
    bad = ~np.isfinite(P) | (P < 0)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise AllianceScoreError(
            Problem(f"{name}[{i}, {j}]", "a finite priority >= 0", f"{P[i, j]:g}")
        )
    sums = P.sum(axis=1, keepdims=True)
    if np.any(sums <= 0):
        i = int(np.flatnonzero(sums[:, 0] <= 0)[0])
        raise AllianceScoreError(Problem(f"{name}[{i}]", "priorities with a positive sum", "0"))
    return P / sums


@_register(
    "aij",
    "judgments",
    "weighted geometric mean of the pairwise judgments, then the eigenvector: the group acts "
    "as one individual (Forman & Peniwati 1998)",
)
def aij(
    matrices: ArrayLike,
    voting: ArrayLike | None = None,
    *,
    ri_table: str = "saaty1980",
    name: str = "matrices",
) -> GroupPriorities:
    """Aggregation of individual judgments.

    ``matrices (k, n, n)``: each analyst's reciprocal pairwise matrix over the same criteria in
    the same order (each checked as :func:`~alliancescore.mcda.weighting.ahp.ahp` checks one);
    ``voting (k,)``: voting powers (default equal). The group matrix is
    ``A_ij = exp(sum_k v_k ln a_ijk)`` with ``v`` rescaled to sum to one; it is reciprocal
    whenever every ``A_k`` is. Its principal right eigenvector (Saaty) is the group's
    priorities; its consistency ratio ``cr`` (random index table ``ri_table``) is the group
    consistency ratio, reported, never enforced here.

    Valid when the group acts as one individual (Forman & Peniwati 1998, EJOR 108: "AIJ when
    the individuals are willing to, or must, relinquish their own preferences for the good
    of the organisation"); the geometric mean is the only aggregation of ratio judgments
    keeping reciprocity and unanimity (Aczél & Saaty 1983).
    """
    stack = np.asarray(matrices, dtype=np.float64)
    if stack.ndim != 3 or stack.shape[0] == 0 or stack.shape[1] != stack.shape[2]:
        raise AllianceScoreError(
            Problem(name, "k square pairwise matrices (k, n, n)", f"shape {stack.shape}")
        )
    checked = np.stack([check_pairwise_matrix(A, f"{name}[{k}]") for k, A in enumerate(stack)])
    v = voting_shares(voting, checked.shape[0])
    group = np.exp(np.tensordot(v, np.log(checked), axes=1))
    # Exact reciprocity: the lower triangle from the upper, as check_pairwise_matrix does.
    upper = np.triu_indices(group.shape[0], k=1)
    group.T[upper] = 1.0 / group[upper]
    np.fill_diagonal(group, 1.0)
    found = ahp(group, ri_table=ri_table, name=f"{name} (aggregated)")
    diagnostics = {
        "matrix": group,
        "voting": v,
        **{key: found.diagnostics[key] for key in ("lambda_max", "ci", "cr", "ri_table")},
    }
    return GroupPriorities("aij", found.weights, diagnostics)


@_register(
    "aip_geometric",
    "priorities",
    "weighted geometric mean of each analyst's priorities, renormalised: the analysts act in "
    "their own right (Forman & Peniwati 1998)",
)
def aip_geometric(
    priorities: ArrayLike, voting: ArrayLike | None = None, *, name: str = "priorities"
) -> GroupPriorities:
    """Aggregation of individual priorities by the weighted geometric mean.

    ``priorities (k, n)``: each analyst's weights (rows rescaled to sum to one); ``voting
    (k,)`` default equal. ``w_j = prod_k p_kj ^ v_k``, renormalised to sum to one. A criterion
    that one analyst gives 0 gets 0 from the group (the geometric mean's veto).

    Valid when the analysts act in their own right (Forman & Peniwati 1998, EJOR 108), from
    any weighting scheme; for consistent pairwise matrices it equals :func:`aij`.
    """
    P = _priorities(priorities, name)
    v = voting_shares(voting, P.shape[0])
    with np.errstate(divide="ignore"):
        logs = np.log(P)
    w = np.exp(logs.T @ v)
    if w.sum() <= 0:
        raise AllianceScoreError(
            Problem(
                name,
                "a criterion every analyst weighs above 0",
                "each criterion weighed 0 by someone",
                "Use aip_arithmetic, or give every criterion a positive weight",
            )
        )
    return GroupPriorities("aip_geometric", w / w.sum(), {"voting": v, "individual": P})


@_register(
    "aip_arithmetic",
    "priorities",
    "weighted arithmetic mean of each analyst's priorities: the analysts act in their own "
    "right (Forman & Peniwati 1998)",
)
def aip_arithmetic(
    priorities: ArrayLike, voting: ArrayLike | None = None, *, name: str = "priorities"
) -> GroupPriorities:
    """Aggregation of individual priorities by the weighted arithmetic mean.

    ``priorities (k, n)``: each analyst's weights (rows rescaled to sum to one); ``voting
    (k,)`` default equal. ``w_j = sum_k v_k p_kj`` (already summing to one). Valid when the
    analysts act in their own right (Forman & Peniwati 1998, EJOR 108), from any scheme.
    """
    P = _priorities(priorities, name)
    v = voting_shares(voting, P.shape[0])
    w = v @ P
    return GroupPriorities("aip_arithmetic", w / w.sum(), {"voting": v, "individual": P})


def aggregate(
    method: str,
    *,
    matrices: ArrayLike | None = None,
    priorities: ArrayLike | None = None,
    voting: ArrayLike | None = None,
    **options: Any,
) -> GroupPriorities:
    """Run the registered aggregation ``method`` on what it needs: ``matrices`` for
    ``judgments`` (AIJ), ``priorities`` for ``priorities`` (AIP)."""
    entry = GROUP_AGGREGATIONS[method]
    data = matrices if entry.needs == "judgments" else priorities
    if data is None:
        raise AllianceScoreError(
            Problem(
                f"{method} aggregation",
                f"the analysts' {entry.needs}",
                "none given",
            )
        )
    return entry.function(data, voting, **options)
