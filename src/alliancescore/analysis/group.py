"""Several analysts: how far they disagree, and what the team's uncertainty does to the ranking.

For a :class:`~alliancescore.analysis.result.Result` of a profile with ``[[analysts]]``
(``result.group``), :func:`analyse_group` scores the profile once per analyst under that
analyst's own weights (:func:`~alliancescore.analysis.scoring.rescore`: the same value matrix,
methods and scoring step) and compares the rankings:

- each analyst's weights of the top-level criteria, beside the group's;
- per score method: each analyst's ranks, **Kendall's W** over the analysts (with the tie
  correction, :func:`alliancescore.mcda.kendall_w`), the pairwise **Kendall tau-b** between
  analysts (:func:`alliancescore.mcda.kendall_tau`), each analyst's top choice;
- under the first method: each alternative's best and worst rank over the analysts and its
  **rank range**; the candidates they **agree** on (the group's leaders whose range is at most
  ``agree_within``) and those they **split** over (the largest ranges).

:func:`team_smaa` runs SMAA-2 over the team: each weight draw picks an analyst with
probability proportional to voting power, then draws from a Dirichlet around that analyst's
weights at every node of the criteria tree (the profile's concentration)
(:func:`alliancescore.sensitivity.mixture` of :func:`~alliancescore.analysis.robustness.
profile_sampler`), so the rank acceptability covers the whole team's views, to read beside the
run around the aggregated weights.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancescore import mcda
from alliancescore import sensitivity as sa
from alliancescore.analysis.result import Result
from alliancescore.analysis.robustness import profile_sampler
from alliancescore.analysis.scoring import rescore

__all__ = ["GroupAnalysis", "TeamSMAA", "analyse_group", "team_smaa"]


@dataclass(frozen=True)
class GroupAnalysis:
    """The analysts' disagreement over one scored profile (module docstring).

    weights : analysts (and ``group``) x top-level criteria.
    results : each analyst's own :class:`Result`, by id.
    ranks : per score method, alternatives x analysts (1 = best).
    concordance : Kendall's W over the analysts, per method.
    correlations : per method, analysts x analysts Kendall tau-b.
    top : analysts x methods, each analyst's first-ranked alternative.
    spread : under ``method``, per alternative: the group's rank, best, worst and range over
        the analysts, sorted by the group's rank.
    agreed, split : alternatives the analysts agree on and split over (under ``method``).
    """

    method: str
    labels: Mapping[str, str]
    voting: Mapping[str, float]
    weights: pd.DataFrame
    results: Mapping[str, Result] = field(repr=False)
    ranks: Mapping[str, pd.DataFrame] = field(repr=False)
    concordance: Mapping[str, float]
    correlations: Mapping[str, pd.DataFrame] = field(repr=False)
    top: pd.DataFrame
    spread: pd.DataFrame
    agreed: tuple[str, ...]
    split: tuple[str, ...]

    def top_k(self, analyst: str, k: int = 3, method: str | None = None) -> list[str]:
        """The analyst's first ``k`` alternatives under ``method`` (default the first)."""
        ranks = self.ranks[method or self.method][analyst]
        return list(ranks.sort_values(kind="stable").index[:k])


def analyse_group(
    result: Result, *, agree_within: int = 1, leaders: int = 10, listed: int = 5
) -> GroupAnalysis | None:
    """Each analyst's ranking and the team's disagreement; ``None`` without analysts.

    agree_within : the largest rank range over the analysts counted as agreement.
    leaders : agreement is looked for among the group's first ``leaders`` alternatives.
    listed : how many agreed and split alternatives are listed at most.
    """
    group = result.group
    if group is None:
        return None
    ids = [a.id for a in group.analysts]
    results = {a: rescore(result, group.individual[a]) for a in ids}
    top_ids = [c.id for c in result.criteria.criteria]
    weights = pd.DataFrame(
        {a: [group.individual[a].local[c] for c in top_ids] for a in ids}, index=top_ids
    ).T
    weights.loc["group"] = [result.weights.local[c] for c in top_ids]
    methods = list(result.methods)
    ranks = {m: pd.DataFrame({a: results[a].ranks[m] for a in ids}) for m in methods}
    concordance, correlations = {}, {}
    for m in methods:
        R = ranks[m].to_numpy(dtype=float).T
        varied = len(ids) >= 2 and R.shape[1] >= 2 and bool(np.ptp(R, axis=1).all())
        concordance[m] = mcda.kendall_w(R) if varied else float("nan")
        tau = np.ones((len(ids), len(ids)))
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                tau[i, j] = tau[j, i] = mcda.kendall_tau(R[i], R[j]) if varied else np.nan
        correlations[m] = pd.DataFrame(tau, index=ids, columns=ids)
    top = pd.DataFrame({m: {a: ranks[m][a].idxmin() for a in ids} for m in methods})
    first = methods[0]
    spread = pd.DataFrame(
        {
            "group": result.ranks[first],
            "best": ranks[first].min(axis=1),
            "worst": ranks[first].max(axis=1),
        }
    )
    spread["range"] = spread["worst"] - spread["best"]
    spread = spread.sort_values(["group", "range"], kind="stable")
    head = spread.iloc[:leaders]
    agreed = tuple(head.index[head["range"] <= agree_within][:listed])
    split = tuple(spread.sort_values("range", ascending=False, kind="stable").index[:listed])
    return GroupAnalysis(
        first,
        {a.id: a.label for a in group.analysts},
        {a.id: a.weight for a in group.analysts},
        weights,
        results,
        ranks,
        concordance,
        correlations,
        top,
        spread,
        agreed,
        split,
    )


@dataclass(frozen=True)
class TeamSMAA:
    """Rank acceptability over the team (module docstring): per method, alternatives x ranks
    (1..n), with the sampler's description and the largest Monte Carlo standard error."""

    samples: int
    seed: int
    sampler: str
    acceptability: Mapping[str, pd.DataFrame]
    max_standard_error: Mapping[str, float]


def team_smaa(
    analysis: GroupAnalysis,
    result: Result,
    *,
    samples: int,
    seed: int,
    concentration: float,
) -> TeamSMAA:
    """SMAA-2 with weights drawn as a mixture over the analysts: analyst k with probability
    proportional to voting power, then a Dirichlet around their weights at every node of the
    criteria tree with total concentration ``concentration`` per node."""
    ids = list(analysis.results)
    samplers = [profile_sampler(analysis.results[a], "dirichlet", concentration) for a in ids]
    shares = np.array([analysis.voting[a] for a in ids], dtype=float)
    description = (
        f"mixture over {len(ids)} analysts (chosen in proportion to voting power: "
        + ", ".join(f"{a} {p:.2f}" for a, p in zip(ids, shares / shares.sum(), strict=True))
        + f"), then Dirichlet around that analyst's weights at every node, concentration "
        f"{concentration:g}"
    )
    sampler = sa.mixture(samplers, shares, description)
    V = result.matrix.values[list(result.weights.leaves)].to_numpy(dtype=float)
    alts = list(result.matrix.values.index)
    acceptability, se = {}, {}
    for method in result.methods:
        found = sa.smaa(
            method,
            V,
            None,
            sampler=sampler,
            n_samples=samples,
            seed=seed,
            params=dict(result.methods[method]),
        )
        acceptability[method] = pd.DataFrame(
            found.acceptability, index=alts, columns=range(1, len(alts) + 1)
        )
        se[method] = float(found.max_standard_error)
    return TeamSMAA(samples, seed, description, acceptability, se)
