"""The comparison's criteria-files section: what differs between the criteria files of the
analyses (``templates/_criteria_diff.html.j2``); the differences themselves are computed by
:func:`alliancescore.model.criteria_diff.diff`.

The applied weights are what the scoring used: a profile's ``[weights]`` sets the top-level
weights, so two criteria files compared under one profile have the same top-level weights
whatever the files say; a file's own weight is shown beside the applied one where they differ.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from alliancescore.analysis.result import Result
from alliancescore.model.criteria import CriteriaModel, Indicator
from alliancescore.model.criteria_diff import (
    WEIGHT_TOLERANCE,
    CriteriaDiff,
    NodeChange,
    Weight,
    diff,
)

__all__ = ["criteria_differences"]


def _key(result: Result) -> tuple[str, str]:
    return result.criteria.path, result.criteria.sha256


def _profile_key(result: Result) -> tuple[str, str]:
    return result.profile.id, result.profile.path


def _pairs(results: Sequence[Result]) -> list[tuple[int, int]]:
    """(first, other) analysis indices: each distinct criteria file after the first one,
    against the first one under the same profile when there is such an analysis."""
    first = _key(results[0])
    seen = {first}
    pairs = []
    for i, r in enumerate(results):
        if _key(r) in seen:
            continue
        seen.add(_key(r))
        base = next(
            (
                j
                for j, q in enumerate(results)
                if _key(q) == first and _profile_key(q) == _profile_key(r)
            ),
            0,
        )
        pairs.append((base, i))
    return pairs


def _weight(w: Weight | None) -> dict[str, float] | None:
    return None if w is None else {"local": w.local, "global": w.global_}


def _parent(model: CriteriaModel, parent_id: str | None) -> dict[str, str] | None:
    if parent_id is None:
        return None
    if parent_id == "goal":
        return {"id": "goal", "label": "the goal (top level)"}
    return {"id": parent_id, "label": model.nodes[parent_id].label}


def _value_function(node: Indicator) -> dict[str, Any]:
    return {"type": node.value_function.kind, **node.value_function.params}


def _node(model: CriteriaModel, record: NodeChange, parent_id: str | None) -> dict[str, Any]:
    node = record.after if record.after is not None else record.before
    assert node is not None
    weight = record.weight
    assert weight is not None
    applied = weight.after if record.status == "added" else weight.before
    own = weight.file_after if record.status == "added" else weight.file_before
    out: dict[str, Any] = {
        "id": node.id,
        "label": node.label,
        "kind": record.kind,
        "parent": _parent(model, parent_id),
        "weight": _weight(applied),
        "file_weight": _weight(own)
        if own is not None and applied is not None and not _close(own.local, applied.local)
        else None,
    }
    if isinstance(node, Indicator):
        out.update(
            measure=node.measure,
            direction=node.direction,
            value_function=_value_function(node),
            missing=node.missing,
            aggregation=node.aggregation,
            params=dict(node.params),
        )
    else:
        out["children"] = [c.label for c in node.children]
    return out


def _changed(d: CriteriaDiff, record: NodeChange) -> dict[str, Any]:
    changes = []
    for c in record.changes:
        before, after = c.before, c.after
        if c.field == "parent":
            before, after = _parent(d.before, before), _parent(d.after, after)
        changes.append({"field": c.field, "before": before, "after": after})
    return {"id": record.id, "label": record.label, "kind": record.kind, "changes": changes}


def _close(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=0.0, abs_tol=WEIGHT_TOLERANCE)


def _reweighted(record: NodeChange) -> dict[str, Any]:
    w = record.weight
    assert w is not None and w.before is not None and w.after is not None
    return {
        "id": record.id,
        "label": record.label,
        "kind": record.kind,
        "before": _weight(w.before),
        "after": _weight(w.after),
        "local_differs": not _close(w.before.local, w.after.local),
        "global_differs": not _close(w.before.global_, w.after.global_),
        "applied_differ": w.applied_differ,
        # the files' own weights, shown only where the profile overrides them
        "file_before": _weight(w.file_before) if w.overridden_before else None,
        "file_after": _weight(w.file_after) if w.overridden_after else None,
    }


def criteria_differences(
    results: Sequence[Result], names: Sequence[str]
) -> list[dict[str, Any]] | None:
    """What differs between the criteria files of the analyses: each file after the first
    compared with the first (``names`` are the analyses' short names). ``None`` when every
    analysis uses the same criteria file."""
    pairs = _pairs(results)
    if not pairs:
        return None
    out = []
    for i, j in pairs:
        a, b = results[i], results[j]
        d = diff(a.criteria, b.criteria, applied=(a.weights, b.weights))
        out.append(
            {
                "before": names[i],
                "after": names[j],
                "before_file": {"id": a.criteria.id, "label": a.criteria.label},
                "after_file": {"id": b.criteria.id, "label": b.criteria.label},
                "profiles": None
                if _profile_key(a) == _profile_key(b)
                else [a.profile.label, b.profile.label],
                "same_content": a.criteria.sha256 == b.criteria.sha256,
                "identical": d.identical,
                "model": [
                    {"field": c.field, "before": c.before, "after": c.after} for c in d.model
                ],
                "added": [_node(d.after, n, n.parent_after) for n in d.added],
                "removed": [_node(d.before, n, n.parent_before) for n in d.removed],
                "changed": [_changed(d, n) for n in d.changed],
                "weights": [_reweighted(n) for n in d.reweighted],
            }
        )
    return out
