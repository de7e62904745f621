"""Several analysts, one set of weights: each analyst's own weights and the group's.

A profile with ``[[analysts]]`` states judgments per analyst: on the top-level criteria
(``[analysts.weights]``) and on the children of deeper criteria
(``[analysts.nodes.<criterion id>]``), each in any judged scheme of ``[weights]``. Per node of
the criteria tree, the precedence is:

1. the analysts' judgments, aggregated by ``[group] aggregation``
   (:data:`alliancescore.mcda.GROUP_AGGREGATIONS`: ``aij``, ``aip_geometric``,
   ``aip_arithmetic``) with each analyst's voting power, where at least one analyst judges
   that node; an analyst who does not judge it is left out of that node's aggregation, and a
   note says so;
2. else the profile's ``[weights]`` (the top level) or its ``local`` / ``local_schemes``
   (deeper nodes);
3. else the criteria file's own weights.

Each analyst's own weights follow the same precedence with that analyst alone at step 1
(what they would score on their own: ``score --analyst ID``). Each analyst's judgments are
checked as ``[weights]`` is: ids known to the node (did-you-mean), an AHP consistency ratio
within the analyst's ``max_cr`` unless ``allow_inconsistent``. AIJ needs pairwise judgments
from every analyst at a node it aggregates; the group consistency ratio of the aggregated
matrix is reported in a note. A node only one analyst judges takes that analyst's shares
whatever the scheme (any aggregation of one judgment is that judgment).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean

from .criteria import CriteriaModel, Criterion
from .profile import Analyst, Profile, WeightSpec
from .weights import Level, ResolvedWeights, judged_shares, resolve_weights

__all__ = ["GroupWeights", "NodeAggregate", "resolve_group"]


@dataclass(frozen=True)
class NodeAggregate:
    """One node's aggregation: ``node`` (``""`` = the top level), the analysts who judge it
    (``analysts``, with their voting ``shares`` there), those ``left_out``, the group's
    ``shares`` of its children, and the aggregation's diagnostics (AIJ: the group matrix and
    its consistency ratio ``cr``)."""

    node: str
    aggregation: str
    analysts: tuple[str, ...]
    left_out: tuple[str, ...]
    voting: tuple[float, ...]
    shares: Mapping[str, float]
    diagnostics: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GroupWeights:
    """The analysts' weights: ``individual`` (each analyst's own resolved weights, by id),
    ``weights`` (the group's, aggregated node by node), ``nodes`` (each aggregated node),
    ``own`` (each analyst's shares and diagnostics per node they judge), ``notes`` (what
    applied where)."""

    aggregation: str
    analysts: tuple[Analyst, ...]
    individual: Mapping[str, ResolvedWeights]
    weights: ResolvedWeights
    nodes: tuple[NodeAggregate, ...]
    own: Mapping[str, Mapping[str, tuple[Mapping[str, float], Mapping[str, Any]]]]
    notes: tuple[str, ...] = ()
    only: str | None = None
    """The analyst scored alone (``--analyst``), else ``None``."""

    @property
    def voting(self) -> dict[str, float]:
        """Each analyst's voting power, as written."""
        return {a.id: a.weight for a in self.analysts}


def _level(model: CriteriaModel, node: str) -> Level:
    if not node:
        return Level([c.id for c in model.criteria])
    found = model.nodes[node]
    assert isinstance(found, Criterion)
    return Level([c.id for c in found.children], node)


def _check_nodes(model: CriteriaModel, analysts: Sequence[Analyst]) -> list[Problem]:
    """Each ``nodes`` id names a criterion with children in the criteria file."""
    criteria = [k for k, v in model.nodes.items() if isinstance(v, Criterion)]
    problems = []
    for analyst in analysts:
        for node in analyst.nodes:
            found = model.nodes.get(node)
            if isinstance(found, Criterion):
                continue
            problems.append(
                Problem(
                    f"{analyst.where}.nodes.{node}",
                    "the id of a criterion with children in the criteria file",
                    repr(node) if found is None else f"the indicator {node!r}",
                    did_you_mean(node, criteria)
                    if found is None
                    else "An indicator has no children to weigh: name its criterion",
                )
            )
    return problems


def _spec(analyst: Analyst, node: str) -> WeightSpec:
    spec = analyst.weights if not node else analyst.nodes[node]
    assert spec is not None
    return spec


def _own(
    model: CriteriaModel, analysts: Sequence[Analyst]
) -> dict[str, dict[str, tuple[dict[str, float], dict]]]:
    """Each analyst's shares and diagnostics at each node they judge; every analyst's
    problems are collected before raising."""
    out: dict[str, dict[str, tuple[dict[str, float], dict]]] = {}
    problems: list[Problem] = []
    for analyst in analysts:
        out[analyst.id] = {}
        for node in analyst.judged:
            try:
                out[analyst.id][node] = judged_shares(_spec(analyst, node), _level(model, node))
            except AllianceScoreError as error:
                problems += error.problems
    if problems:
        raise AllianceScoreError(problems)
    return out


def _matrix(spec: WeightSpec, ids: list[str]) -> np.ndarray:
    """The analyst's pairwise matrix reordered to ``ids``."""
    order = [spec.ahp_criteria.index(i) for i in ids]
    return np.asarray(spec.ahp_matrix, dtype=float)[np.ix_(order, order)]


def _aggregate(
    model: CriteriaModel,
    aggregation: str,
    node: str,
    judges: list[Analyst],
    everyone: Sequence[Analyst],
    own: Mapping[str, Mapping[str, tuple[Mapping[str, float], Mapping]]],
) -> NodeAggregate:
    ids = _level(model, node).ids
    voting = [a.weight for a in judges]
    entry = mcda.GROUP_AGGREGATIONS[aggregation]
    judged = {a.id for a in judges}
    left_out = tuple(a.id for a in everyone if a.id not in judged)
    if len(judges) == 1:  # one judge: their own shares, whatever the scheme
        shares, diagnostics = own[judges[0].id][node]
        return NodeAggregate(
            node,
            "alone",
            (judges[0].id,),
            left_out,
            (1.0,),
            MappingProxyType({i: float(shares[i]) for i in ids}),
            MappingProxyType({k: v for k, v in diagnostics.items() if k == "cr"}),
        )
    if entry.needs == "judgments":
        wrong = [a for a in judges if _spec(a, node).scheme != "ahp"]
        if wrong:
            raise AllianceScoreError(
                [
                    Problem(
                        f"{a.where}.{'weights' if not node else f'nodes.{node}'}.scheme",
                        f'"ahp" ([group] aggregation = "{aggregation}" aggregates pairwise '
                        "judgments)",
                        repr(_spec(a, node).scheme),
                        'Set [group] aggregation = "aip_geometric" (or "aip_arithmetic") to '
                        "combine priorities from any scheme, or give AHP judgments",
                    )
                    for a in wrong
                ]
            )
        found = mcda.aggregate(
            aggregation,
            matrices=[_matrix(_spec(a, node), ids) for a in judges],
            voting=voting,
            ri_table=_spec(judges[0], node).ri_table,
        )
    else:
        priorities = [[own[a.id][node][0][i] for i in ids] for a in judges]
        found = mcda.aggregate(aggregation, priorities=priorities, voting=voting)
    return NodeAggregate(
        node,
        aggregation,
        tuple(a.id for a in judges),
        left_out,
        tuple(float(v) for v in found.diagnostics["voting"]),
        MappingProxyType(dict(zip(ids, found.weights.tolist(), strict=True))),
        found.diagnostics,
    )


def _note(found: NodeAggregate) -> str:
    where = "the top-level criteria" if not found.node else f"the children of {found.node}"
    shares = ", ".join(f"{k} {v:.3f}" for k, v in found.shares.items())
    voting = ", ".join(f"{a} {v:.2f}" for a, v in zip(found.analysts, found.voting, strict=True))
    if found.aggregation == "alone":
        text = f"weights: {where}: as {found.analysts[0]} judges them alone: {shares}"
    else:
        text = f"weights: {where}: {found.aggregation} of {voting} (voting shares): {shares}"
    if "cr" in found.diagnostics and found.aggregation != "alone":
        text += f"; group consistency ratio {found.diagnostics['cr']:.3f}"
    if found.left_out:
        text += f"; left out (they do not judge it): {', '.join(found.left_out)}"
    return text


def _consistency_notes(
    analysts: Sequence[Analyst],
    own: Mapping[str, Mapping[str, tuple[Mapping[str, float], Mapping[str, Any]]]],
) -> list[str]:
    """Each analyst's AHP consistency ratio per node judged by AHP."""
    out = []
    for analyst in analysts:
        for node, (_, diagnostics) in own[analyst.id].items():
            if "cr" in diagnostics:
                where = node or "the top level"
                out.append(
                    f"weights: analyst {analyst.id}, {where}: AHP consistency ratio "
                    f"{diagnostics['cr']:.3f} (max_cr {_spec(analyst, node).max_cr:g})"
                )
    return out


def _fallback_note(model: CriteriaModel, profile: Profile, judged: set[str]) -> str:
    """Which nodes no analyst judges, and what applies there instead."""
    top = "" in judged
    parts = []
    if not top:
        parts.append(
            "the top level: "
            + (
                "the criteria file's weights"
                if profile.weights.scheme == "criteria_file"
                else f"the profile's [weights] ({profile.weights.scheme})"
            )
        )
    rest = [k for k, v in model.nodes.items() if isinstance(v, Criterion) and k not in judged]
    if rest:
        parts.append(
            f"{', '.join(rest)}: the profile's [weights] local / local_schemes where set, "
            "else the criteria file's"
        )
    out = "weights: no analyst judges " + "; ".join(parts) if parts else ""
    if top and profile.weights.scheme != "criteria_file":
        taken = (
            "weights: the analysts' judgments take precedence over the profile's [weights] "
            f"({profile.weights.scheme}) at the top level"
        )
        out = f"{taken}\n{out}" if out else taken
    return out


def resolve_group(
    model: CriteriaModel,
    profile: Profile,
    values: Mapping[str, np.ndarray] | None = None,
    *,
    only: str | None = None,
) -> GroupWeights | None:
    """The analysts' weights under ``model`` (``None`` when the profile has no analysts).

    ``only``: one analyst's id: the group is that analyst alone (``score --analyst``); an
    unknown id is refused with did-you-mean. ``values`` as for
    :func:`~alliancescore.model.weights.resolve_weights` (objective schemes of the profile's
    ``[weights]`` at nodes no analyst judges). Raises one error with every analyst's problems.
    """
    analysts = list(profile.analysts)
    if not analysts:
        if only is not None:
            raise AllianceScoreError(
                Problem(
                    "--analyst",
                    "an analyst of the profile ([[analysts]])",
                    repr(only),
                    f"{profile.path} has no [[analysts]]",
                )
            )
        return None
    if only is not None:
        ids = [a.id for a in analysts]
        if only not in ids:
            raise AllianceScoreError(
                Problem(
                    "--analyst",
                    f"an analyst of {profile.path} ({', '.join(ids)})",
                    repr(only),
                    did_you_mean(only, ids),
                )
            )
    problems = _check_nodes(model, analysts)
    if problems:
        raise AllianceScoreError(problems)
    own = _own(model, analysts)
    individual = {
        a.id: resolve_weights(
            model,
            profile.weights,
            values,
            judged={node: own[a.id][node][0] for node in a.judged},
            scheme=f"analyst {a.id}",
            source=f"analyst {a.id}'s judgments",
        )
        for a in analysts
    }
    members = [a for a in analysts if only is None or a.id == only]
    aggregation = profile.group_aggregation
    judged_nodes = [""] if any(a.weights is not None for a in members) else []
    for a in members:
        judged_nodes += [n for n in a.nodes if n not in judged_nodes]
    nodes = []
    problems = []
    for node in judged_nodes:
        judges = [a for a in members if node in a.judged]
        try:
            nodes.append(_aggregate(model, aggregation, node, judges, members, own))
        except AllianceScoreError as error:
            problems += error.problems
    if problems:
        raise AllianceScoreError(problems)
    notes = [_note(found) for found in nodes] + _consistency_notes(members, own)
    fallback = _fallback_note(model, profile, set(judged_nodes))
    notes += fallback.split("\n") if fallback else []
    if only is not None:
        scheme, source = f"analyst {only}", f"analyst {only}'s judgments"
    else:
        scheme = f"{aggregation} of {len(members)} analysts"
        source = f"the analysts' judgments ({aggregation})"
    weights = resolve_weights(
        model,
        profile.weights,
        values,
        judged={found.node: found.shares for found in nodes},
        scheme=scheme,
        source=source,
        notes=tuple(notes),
    )
    return GroupWeights(
        aggregation,
        tuple(analysts),
        MappingProxyType(individual),
        weights,
        tuple(nodes),
        MappingProxyType({k: MappingProxyType(v) for k, v in own.items()}),
        tuple(notes),
        only,
    )
