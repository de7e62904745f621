"""Criteria files: a goal, criteria, optional sub-criteria, and measurable indicators.

File format (``criteria/*.toml``)::

    [model]
    id = "default"
    label = "..."
    version = "1"
    rationale = "..."

    [[criteria]]                      # a criterion under the goal
    id = "deterrence"
    label = "Deterrence value"
    weight = 0.25                     # local weight among its siblings (rescaled to sum 1)
    rationale = "..."

      [[criteria.indicators]]         # an indicator of that criterion
      id = "capability"
      label = "Material capability (CINC)"
      measure = "capability"          # a registered measure
      direction = "benefit"           # or "cost"
      weight = 0.5
      rationale = "..."
      value_function = { type = "linear" }   # optional (default), or piecewise/step/categorical
      missing = "worst"               # exclude | worst | neutral | error
      aggregation = "sum"             # optional: over coalition members (default: the measure's)
      params = { }                    # optional: the measure's parameters

      [[criteria.criteria]]           # sub-criteria nest the same way

Every node has an id (unique in the file: profiles set weights by id), a label, a rationale and
a local weight. A node holds sub-criteria, indicators or both.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alliancescore.measures import AGGREGATIONS, MEASURES

from .schema import Checker, read_toml
from .value_functions import ValueFunction, build_value_function

__all__ = ["MISSING_POLICIES", "CriteriaModel", "Criterion", "Indicator", "load_criteria"]

MISSING_POLICIES = ("exclude", "worst", "neutral", "error")
_MODEL_KEYS = ["id", "label", "version", "rationale"]
_NODE_KEYS = ["id", "label", "weight", "rationale", "criteria", "indicators"]
_INDICATOR_KEYS = [
    "id",
    "label",
    "measure",
    "direction",
    "weight",
    "rationale",
    "value_function",
    "missing",
    "aggregation",
    "params",
]


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    rationale: str
    weight: float
    measure: str
    direction: str
    value_function: ValueFunction
    missing: str
    aggregation: str
    params: Mapping[str, Any]
    where: str = ""


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    rationale: str
    weight: float
    children: tuple[Criterion | Indicator, ...]
    where: str = ""

    def walk(
        self, path: tuple[str, ...] = ()
    ) -> Iterator[tuple[tuple[str, ...], Criterion | Indicator]]:
        """Every node below this one with its path of ids (this node's id excluded)."""
        for child in self.children:
            yield (*path, child.id), child
            if isinstance(child, Criterion):
                yield from child.walk((*path, child.id))


@dataclass(frozen=True)
class CriteriaModel:
    """A checked criteria tree. ``goal`` is the root; its children are the criteria."""

    id: str
    label: str
    version: str
    rationale: str
    goal: Criterion
    path: str = ""
    sha256: str = ""
    nodes: Mapping[str, Criterion | Indicator] = field(default_factory=dict, repr=False)

    @property
    def indicators(self) -> list[Indicator]:
        return [node for _, node in self.goal.walk() if isinstance(node, Indicator)]

    @property
    def criteria(self) -> tuple[Criterion | Indicator, ...]:
        return self.goal.children

    def paths(self) -> dict[str, tuple[str, ...]]:
        """Each node id -> the ids from the top-level criterion down to it."""
        return {node.id: path for path, node in self.goal.walk()}


def _indicator(check: Checker, key: str, spec: dict) -> Indicator | None:
    check.keys(
        key, spec, _INDICATOR_KEYS, ["id", "label", "measure", "direction", "weight", "rationale"]
    )
    node_id = check.string(key, spec, "id")
    label = check.string(key, spec, "label")
    rationale = check.string(key, spec, "rationale")
    weight = check.number(key, spec, "weight", minimum=0.0)
    measure = check.string(key, spec, "measure", choices=list(MEASURES))
    direction = check.string(key, spec, "direction", choices=["benefit", "cost"])
    missing = check.string(
        key, spec, "missing", required=False, choices=MISSING_POLICIES, default="worst"
    )
    aggregation = check.string(key, spec, "aggregation", required=False, choices=list(AGGREGATIONS))
    params = check.table(f"{key}.params", spec.get("params", {}))
    if measure is not None and params is not None:
        defaults = MEASURES[measure].defaults
        check.keys(f"{key}.params", params, list(defaults))
        for name, value in params.items():
            if name in defaults and not _same_kind(value, defaults[name]):
                check.add(
                    f"{key}.params.{name}",
                    f"a value like the default {defaults[name]!r} "
                    f"({type(defaults[name]).__name__})",
                    repr(value),
                )
    value_function = build_value_function(
        spec.get("value_function"), check, f"{key}.value_function", direction or "benefit"
    )
    if None in (node_id, label, rationale, weight, measure, direction, value_function, params):
        return None
    return Indicator(
        id=node_id,
        label=label,
        rationale=rationale,
        weight=weight,
        measure=measure,
        direction=direction,
        value_function=value_function,
        missing=missing,
        aggregation=aggregation or MEASURES[measure].aggregation,
        params=dict(params),
        where=check.where(key),
    )


def _same_kind(value: Any, default: Any) -> bool:
    """Whether a parameter value has the type of its default (ints pass for floats)."""
    if default is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    if isinstance(default, list | tuple):
        return isinstance(value, list | tuple)
    return isinstance(value, type(default))


def _criterion(check: Checker, key: str, spec: dict, depth: int) -> Criterion | None:
    check.keys(key, spec, _NODE_KEYS, ["id", "label", "weight", "rationale"])
    node_id = check.string(key, spec, "id")
    label = check.string(key, spec, "label")
    rationale = check.string(key, spec, "rationale")
    weight = check.number(key, spec, "weight", minimum=0.0)
    shown = f'{key} "{node_id}"' if node_id else key
    children: list[Criterion | Indicator | None] = []
    for i, sub in enumerate(check.tables(f"{shown}.criteria", spec.get("criteria"), False)):
        children.append(_criterion(check, f"{shown}.criteria[{i}]", sub, depth + 1))
    for i, ind in enumerate(check.tables(f"{shown}.indicators", spec.get("indicators"), False)):
        ind_id = ind.get("id") if isinstance(ind.get("id"), str) else None
        ind_key = f"{shown}.indicators[{i}]" + (f' "{ind_id}"' if ind_id else "")
        children.append(_indicator(check, ind_key, ind))
    if "criteria" not in spec and "indicators" not in spec:
        check.add(
            shown,
            "sub-criteria ([[...criteria]]) or indicators ([[...indicators]])",
            "neither",
            "A criterion needs something to measure it",
        )
    _check_sibling_weights(check, shown, [c for c in children if c is not None])
    if None in (node_id, label, rationale, weight) or None in children:
        return None
    return Criterion(node_id, label, rationale, weight, tuple(children), check.where(key))


def _check_sibling_weights(check: Checker, key: str, children: list) -> None:
    if children and sum(c.weight for c in children) <= 0:
        check.add(key, "at least one child with a positive weight", "all weights zero")


def load_criteria(path: str | Path) -> CriteriaModel:
    """Read and check a criteria file; every problem is reported in one error."""
    document, digest = read_toml(path)
    check = Checker(path)
    check.keys("", document, ["model", "criteria"], ["model", "criteria"])
    model = check.table("model", document.get("model")) or {}
    check.keys("model", model, _MODEL_KEYS, ["id", "label", "rationale"])
    model_id = check.string("model", model, "id")
    label = check.string("model", model, "label")
    rationale = check.string("model", model, "rationale")
    version = check.string("model", model, "version", required=False, default="")
    criteria = []
    for i, spec in enumerate(check.tables("criteria", document.get("criteria"))):
        criteria.append(_criterion(check, f"criteria[{i}]", spec, 1))
    _check_sibling_weights(check, "criteria", [c for c in criteria if c is not None])
    goal = None
    if None not in criteria and criteria:
        goal = Criterion("goal", label or "", rationale or "", 1.0, tuple(criteria))
        nodes: dict[str, Criterion | Indicator] = {}
        for _, node in goal.walk():
            if node.id in nodes or node.id == "goal":
                check.add(
                    node.where.split(": ", 1)[-1],
                    "an id used once in the file",
                    f"{node.id!r} again",
                    "Ids name nodes for profile weights: rename one",
                )
            nodes[node.id] = node
    check.done()
    assert goal is not None and model_id is not None  # done() raised otherwise
    return CriteriaModel(
        id=model_id,
        label=label or "",
        version=version or "",
        rationale=rationale or "",
        goal=goal,
        path=str(path),
        sha256=digest,
        nodes=nodes,
    )
