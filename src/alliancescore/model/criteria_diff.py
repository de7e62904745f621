"""What differs between two criteria files, as typed records (no text, no formatting).

>>> d = diff(load_criteria("a.toml"), load_criteria("b.toml"))     # doctest: +SKIP
>>> [(n.id, n.status) for n in d.nodes]                             # doctest: +SKIP
[('nuclear', 'removed'), ('defence_ties', 'changed')]

Nodes are matched by id (ids are unique in a file and are what profiles set weights by).
A node is

- ``added`` or ``removed`` when its id is in one file only;
- ``changed`` when a field of it differs (:data:`FIELDS`: its label, its parent, an
  indicator's measure, direction, value function and its parameters, missing-data policy,
  coalition aggregation or measure parameters; its rationale), when a weight applied in the
  analyses differs (local or global), or when the local weight written in the files does (a
  file's own global weight differs only through a local one, itself a record).

Weights are compared as shares, not as written: a local weight is the node's share among its
siblings (``[0.3, 0.3]`` and ``[1, 1]`` are the same weights) and a global weight the product
of the shares from the goal down. A profile's ``[weights]`` may override the file's: pass
each analysis's applied weights (:class:`~alliancescore.model.weights.ResolvedWeights`, or
anything with ``local`` and ``global_`` mappings by node id) as ``applied`` and the records
carry both, so that a reader is told the weights that were used and, beside them, the file's
own when they differ. Weights are equal within ``WEIGHT_TOLERANCE``.

Measure parameters are compared with the measure's defaults filled in (writing a default out
changes nothing); an indicator's coalition aggregation is the measure's own when not written.
Sibling order is not a difference.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from alliancescore.measures import MEASURES

from .criteria import CriteriaModel, Criterion, Indicator

__all__ = [
    "FIELDS",
    "MODEL_FIELDS",
    "WEIGHT_TOLERANCE",
    "CriteriaDiff",
    "FieldChange",
    "NodeChange",
    "Weight",
    "WeightChange",
    "diff",
    "file_weights",
]

FIELDS = (
    "kind",
    "label",
    "parent",
    "measure",
    "direction",
    "value_function",
    "missing",
    "aggregation",
    "params",
    "rationale",
)
"""The fields a node change may name, in the order they are reported."""
MODEL_FIELDS = ("id", "label", "version", "rationale")
"""The fields of the ``[model]`` table: what a file says about itself, not what it scores."""
WEIGHT_TOLERANCE = 1e-9

Kind = Literal["criterion", "indicator"]
Status = Literal["added", "removed", "changed"]


class AppliedWeights(Protocol):
    local: Mapping[str, float]
    global_: Mapping[str, float]


@dataclass(frozen=True)
class FieldChange:
    """One field of a node (or of the ``[model]`` table) that differs.

    ``before`` and ``after`` are plain values: strings, the parent's id (``"goal"`` for a
    top-level criterion), a value function as ``{"type": ..., **its parameters}``, and for
    ``params`` only the parameters that differ (defaults filled in)."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Weight:
    """A node's weight: ``local`` share among its siblings, ``global_`` share of the goal."""

    local: float
    global_: float

    def same(self, other: Weight | None) -> bool:
        return other is not None and all(
            math.isclose(x, y, rel_tol=0.0, abs_tol=WEIGHT_TOLERANCE)
            for x, y in ((self.local, other.local), (self.global_, other.global_))
        )


@dataclass(frozen=True)
class WeightChange:
    """A node's weights in the two analyses: ``before``/``after`` are the weights that apply
    (the files' own when no applied weights were given), ``file_before``/``file_after`` the
    files' own. ``None`` on the side where the node does not exist."""

    before: Weight | None
    after: Weight | None
    file_before: Weight | None
    file_after: Weight | None

    @property
    def applied_differ(self) -> bool:
        """The weights used in the two analyses differ."""
        return self.before is None or not self.before.same(self.after)

    @property
    def files_differ(self) -> bool:
        """The local weights written in the two files differ (as shares among siblings). A
        file's global weight differs only through a local one, which is its own record."""
        return (
            self.file_before is None
            or self.file_after is None
            or not math.isclose(
                self.file_before.local, self.file_after.local, rel_tol=0.0, abs_tol=WEIGHT_TOLERANCE
            )
        )

    @property
    def overridden_before(self) -> bool:
        """In the first analysis the profile overrides the local weight the file states."""
        return _overrides(self.before, self.file_before)

    @property
    def overridden_after(self) -> bool:
        """In the second analysis the profile overrides the local weight the file states."""
        return _overrides(self.after, self.file_after)


def _overrides(applied: Weight | None, own: Weight | None) -> bool:
    return (
        applied is not None
        and own is not None
        and not math.isclose(applied.local, own.local, rel_tol=0.0, abs_tol=WEIGHT_TOLERANCE)
    )


@dataclass(frozen=True)
class NodeChange:
    """A node added, removed or changed; ``before``/``after`` are the nodes themselves (one is
    ``None`` when added or removed) and ``parent_before``/``parent_after`` their parents' ids."""

    id: str
    kind: Kind
    status: Status
    before: Criterion | Indicator | None
    after: Criterion | Indicator | None
    parent_before: str | None
    parent_after: str | None
    changes: tuple[FieldChange, ...]
    weight: WeightChange | None  # None when a node in both has the same weights throughout

    @property
    def label(self) -> str:
        """The node's label where it is now (where it was, when removed)."""
        node = self.after if self.after is not None else self.before
        assert node is not None
        return node.label

    def change(self, field: str) -> FieldChange | None:
        return next((c for c in self.changes if c.field == field), None)


@dataclass(frozen=True)
class CriteriaDiff:
    """Every difference between criteria model ``before`` and ``after``.

    ``nodes`` lists changed and added nodes in ``after``'s tree order, then removed ones in
    ``before``'s; ``model`` the fields of the ``[model]`` table that differ."""

    before: CriteriaModel
    after: CriteriaModel
    nodes: tuple[NodeChange, ...]
    model: tuple[FieldChange, ...]
    applied: bool  # whether the weight records hold applied weights beside the files' own

    @property
    def identical(self) -> bool:
        """The trees are the same (nodes, fields, weights); the ``[model]`` table may differ."""
        return not self.nodes

    @property
    def added(self) -> list[NodeChange]:
        return [n for n in self.nodes if n.status == "added"]

    @property
    def removed(self) -> list[NodeChange]:
        return [n for n in self.nodes if n.status == "removed"]

    @property
    def changed(self) -> list[NodeChange]:
        """Nodes in both files with a field that differs (weights aside)."""
        return [n for n in self.nodes if n.status == "changed" and n.changes]

    @property
    def reweighted(self) -> list[NodeChange]:
        """Nodes in both files whose weights differ (applied or as written)."""
        return [n for n in self.nodes if n.status == "changed" and n.weight is not None]


def file_weights(model: CriteriaModel) -> dict[str, Weight]:
    """The weights a criteria file states, as shares: node id -> :class:`Weight`."""
    out: dict[str, Weight] = {}

    def descend(node: Criterion, weight_of_node: float) -> None:
        total = sum(child.weight for child in node.children)
        for child in node.children:
            share = child.weight / total if total > 0 else 0.0
            out[child.id] = Weight(share, weight_of_node * share)
            if isinstance(child, Criterion):
                descend(child, weight_of_node * share)

    descend(model.goal, 1.0)
    return out


def _parents(model: CriteriaModel) -> dict[str, str]:
    return {path[-1]: (path[-2] if len(path) > 1 else "goal") for path in model.paths().values()}


def _value_function(node: Indicator) -> dict[str, Any]:
    return {"type": node.value_function.kind, **node.value_function.params}


def _plain(value: Any) -> Any:
    """Tuples (a measure's defaults) as lists (a TOML file's), so that equal means equal."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _params(node: Indicator) -> dict[str, Any]:
    defaults = dict(MEASURES[node.measure].defaults) if node.measure in MEASURES else {}
    return _plain({**defaults, **node.params})


def _fields(a: Criterion | Indicator, b: Criterion | Indicator) -> list[FieldChange]:
    changes = []
    if isinstance(a, Indicator) != isinstance(b, Indicator):
        changes.append(FieldChange("kind", _kind(a), _kind(b)))
    if a.label != b.label:
        changes.append(FieldChange("label", a.label, b.label))
    if isinstance(a, Indicator) and isinstance(b, Indicator):
        for name in ("measure", "direction"):
            if getattr(a, name) != getattr(b, name):
                changes.append(FieldChange(name, getattr(a, name), getattr(b, name)))
        if _value_function(a) != _value_function(b):
            changes.append(FieldChange("value_function", _value_function(a), _value_function(b)))
        for name in ("missing", "aggregation"):
            if getattr(a, name) != getattr(b, name):
                changes.append(FieldChange(name, getattr(a, name), getattr(b, name)))
        pa, pb = _params(a), _params(b)
        keys = [k for k in dict.fromkeys([*pa, *pb]) if pa.get(k) != pb.get(k)]
        if keys:
            changes.append(
                FieldChange(
                    "params",
                    {k: pa[k] for k in keys if k in pa},
                    {k: pb[k] for k in keys if k in pb},
                )
            )
    if a.rationale != b.rationale:
        changes.append(FieldChange("rationale", a.rationale, b.rationale))
    return changes


def _kind(node: Criterion | Indicator) -> Kind:
    return "indicator" if isinstance(node, Indicator) else "criterion"


def _weight(applied: AppliedWeights | None, node_id: str) -> Weight | None:
    if applied is None or node_id not in applied.local:
        return None
    return Weight(float(applied.local[node_id]), float(applied.global_[node_id]))


def diff(
    before: CriteriaModel,
    after: CriteriaModel,
    *,
    applied: tuple[AppliedWeights, AppliedWeights] | None = None,
) -> CriteriaDiff:
    """What differs from criteria model ``before`` to ``after``.

    ``applied``: the weights each analysis used (the profile's ``[weights]`` may override the
    files'); without them the files' own weights are compared."""
    nodes_a = {node.id: node for _, node in before.goal.walk()}
    nodes_b = {node.id: node for _, node in after.goal.walk()}
    parents_a, parents_b = _parents(before), _parents(after)
    own_a, own_b = file_weights(before), file_weights(after)
    applied_a, applied_b = applied if applied is not None else (None, None)

    def weights(node_id: str) -> WeightChange:
        fa, fb = own_a.get(node_id), own_b.get(node_id)
        wa = _weight(applied_a, node_id) if applied_a is not None else fa
        wb = _weight(applied_b, node_id) if applied_b is not None else fb
        return WeightChange(
            wa if node_id in nodes_a else None,
            wb if node_id in nodes_b else None,
            fa,
            fb,
        )

    records: list[NodeChange] = []
    for node_id, b in nodes_b.items():
        a = nodes_a.get(node_id)
        w = weights(node_id)
        if a is None:
            records.append(
                NodeChange(node_id, _kind(b), "added", None, b, None, parents_b[node_id], (), w)
            )
            continue
        changes = _fields(a, b)
        if parents_a[node_id] != parents_b[node_id]:
            changes.append(FieldChange("parent", parents_a[node_id], parents_b[node_id]))
        changes.sort(key=lambda c: FIELDS.index(c.field))
        reweighted = w.applied_differ or w.files_differ
        if changes or reweighted:
            records.append(
                NodeChange(
                    node_id,
                    _kind(b),
                    "changed",
                    a,
                    b,
                    parents_a[node_id],
                    parents_b[node_id],
                    tuple(changes),
                    w if reweighted else None,
                )
            )
    for node_id, a in nodes_a.items():
        if node_id not in nodes_b:
            records.append(
                NodeChange(
                    node_id,
                    _kind(a),
                    "removed",
                    a,
                    None,
                    parents_a[node_id],
                    None,
                    (),
                    weights(node_id),
                )
            )
    model = tuple(
        FieldChange(name, getattr(before, name), getattr(after, name))
        for name in MODEL_FIELDS
        if getattr(before, name) != getattr(after, name)
    )
    return CriteriaDiff(before, after, tuple(records), model, applied is not None)
