"""From a profile's weight statement and a criteria tree to one global weight per indicator.

The profile weighs the top-level criteria (directly, by AHP pairwise judgments, or by a
ranking turned into rank-order centroid weights), or leaves them to the criteria file's own
``weight`` fields (no ``[weights]``, or ``scheme = "criteria_file"``); deeper nodes keep the
criteria file's local weights unless the profile's ``[weights] local`` table overrides them by
id. Local weights are rescaled to sum to one among siblings, and an indicator's global weight
is the product of the local weights on its path from the goal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean

from .criteria import CriteriaModel, Criterion
from .profile import WeightSpec

__all__ = ["ResolvedWeights", "file_weights", "replaced_weights", "resolve_weights"]


@dataclass(frozen=True)
class ResolvedWeights:
    """Weights of every node: ``local`` among siblings, ``global_`` from the goal down."""

    scheme: str
    local: Mapping[str, float]
    global_: Mapping[str, float]
    leaves: tuple[str, ...]
    diagnostics: Mapping[str, Any] = field(default_factory=dict)

    @property
    def leaf_weights(self) -> np.ndarray:
        return np.array([self.global_[i] for i in self.leaves])


def _scheme(spec: WeightSpec, scheme: str, *args: object, **kwargs: object) -> mcda.WeightResult:
    """``mcda.weights`` with its errors located in the profile file."""
    file = spec.where.rsplit(": ", 1)[0]
    try:
        return mcda.weights(scheme, *args, **kwargs)
    except AllianceScoreError as error:
        raise error.relocated(lambda where: f"{file}: {where}") from None


def file_weights(model: CriteriaModel) -> dict[str, float]:
    """The criteria file's own top-level weights, rescaled to sum to one."""
    raw = {c.id: c.weight for c in model.criteria}
    total = sum(raw.values())  # positive: load_criteria refuses all-zero siblings
    return {k: v / total for k, v in raw.items()}


def replaced_weights(
    model: CriteriaModel, weights: ResolvedWeights
) -> list[tuple[str, float, float]]:
    """Top-level criteria whose resolved weight differs from the criteria file's own:
    ``(id, file weight, resolved weight)``, both rescaled to sum to one, in the file's order.
    Empty when the criteria file's weights apply."""
    if weights.scheme == "criteria_file":
        return []
    own = file_weights(model)
    return [
        (k, own[k], weights.local[k])
        for k in own
        # Differences below this are float noise from rescaling, not a choice anyone made.
        if not np.isclose(own[k], weights.local[k], rtol=1e-9, atol=1e-12)
    ]


def _top_level(model: CriteriaModel, spec: WeightSpec) -> tuple[dict[str, float], dict]:
    ids = [c.id for c in model.criteria]
    where = spec.where
    if spec.scheme == "criteria_file":
        return file_weights(model), {}
    if spec.scheme == "ahp":
        problems = [
            Problem(
                f"{where}.criteria",
                f"the top-level criteria ids ({', '.join(ids)})",
                repr(name),
                did_you_mean(name, ids),
            )
            for name in spec.ahp_criteria
            if name not in ids
        ]
        missing = [i for i in ids if i not in spec.ahp_criteria]
        if missing:
            problems.append(
                Problem(
                    f"{where}.criteria",
                    "every top-level criterion once",
                    f"{', '.join(missing)} missing",
                )
            )
        if problems:
            raise AllianceScoreError(problems)
        result = _scheme(
            spec,
            "ahp",
            spec.ahp_matrix,
            ri_table=spec.ri_table,
            threshold=spec.max_cr,
            name="weights.matrix",
        )
        cr = result.diagnostics["cr"]
        if cr > spec.max_cr and not spec.allow_inconsistent:
            raise AllianceScoreError(
                Problem(
                    f"{where}.matrix",
                    f"judgments with a consistency ratio of at most {spec.max_cr:g}",
                    f"CR = {cr:.3f} (random index table {spec.ri_table})",
                    "Revise the judgments, or set allow_inconsistent = true to proceed anyway",
                )
            )
        return dict(zip(spec.ahp_criteria, result.weights, strict=True)), dict(result.diagnostics)
    values = dict(spec.values)
    problems = [
        Problem(
            f"{where}.values.{name}",
            f"a top-level criterion id ({', '.join(ids)})",
            repr(name),
            did_you_mean(name, ids),
        )
        for name in values
        if name not in ids
    ]
    missing = [i for i in ids if i not in values]
    if missing:
        problems.append(
            Problem(
                f"{where}.values",
                "a value for every top-level criterion",
                f"none for {', '.join(missing)}",
            )
        )
    if problems:
        raise AllianceScoreError(problems)
    ordered = [values[i] for i in ids]
    if spec.scheme == "ranking":
        result = _scheme(spec, "roc", [int(v) for v in ordered], name="weights.values")
    else:
        result = _scheme(spec, "direct", ordered, name="weights.values")
    return dict(zip(ids, result.weights, strict=True)), dict(result.diagnostics)


def resolve_weights(model: CriteriaModel, spec: WeightSpec) -> ResolvedWeights:
    """Global indicator weights for ``model`` under the profile's ``spec``."""
    top_ids = [c.id for c in model.criteria]
    strays = [k for k in spec.intervals if k not in top_ids]
    if strays:  # an interval the sampler would silently ignore
        raise AllianceScoreError(
            [
                Problem(
                    f"{spec.where}.intervals.{k}",
                    "a top-level criterion id (intervals bound top-level weights)",
                    repr(k),
                    did_you_mean(k, top_ids),
                )
                for k in strays
            ]
        )
    unknown = [k for k in spec.local if k not in model.nodes]
    if unknown:
        raise AllianceScoreError(
            [
                Problem(
                    f"{spec.where}.local.{k}",
                    "the id of a node in the criteria file",
                    repr(k),
                    did_you_mean(k, model.nodes),
                )
                for k in unknown
            ]
        )
    on_top = [k for k in spec.local if k in top_ids]
    if on_top:
        raise AllianceScoreError(
            [
                Problem(
                    f"{spec.where}.local.{k}",
                    "a node below the top level",
                    f"the top-level criterion {k!r}",
                    (
                        "Top-level weights come from the criteria file: change them there"
                        if spec.scheme == "criteria_file"
                        else f"Top-level weights come from the {spec.scheme} scheme: set it there"
                    ),
                )
                for k in on_top
            ]
        )
    top, diagnostics = _top_level(model, spec)
    local: dict[str, float] = {}
    global_: dict[str, float] = {}

    def descend(node: Criterion, weight_of_node: float) -> None:
        raw = np.array([spec.local.get(c.id, c.weight) for c in node.children], dtype=float)
        raw = raw / raw.max() if raw.max() > 0 else raw  # relative: no overflow in the sum
        if raw.sum() <= 0:
            raise AllianceScoreError(
                Problem(
                    f"{spec.where}.local",
                    f"a positive weight among the children of {node.id!r}",
                    "all zero",
                )
            )
        shares = raw / raw.sum()
        for child, share in zip(node.children, shares, strict=True):
            local[child.id] = float(share)
            global_[child.id] = float(weight_of_node * share)
            if isinstance(child, Criterion):
                descend(child, global_[child.id])

    for criterion in model.criteria:
        local[criterion.id] = float(top[criterion.id])
        global_[criterion.id] = float(top[criterion.id])
        if isinstance(criterion, Criterion):
            descend(criterion, global_[criterion.id])
    leaves = tuple(ind.id for ind in model.indicators)
    return ResolvedWeights(spec.scheme, local, global_, leaves, diagnostics)
