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
      value_function = { type = "linear" }   # optional (default); log, rank, piecewise, ...
      missing = "worst"               # exclude | worst | neutral | neutral_if_absent | error
      aggregation = "sum"             # optional: over coalition members (default: the measure's)
      params = { }                    # optional: the measure's parameters

      [[criteria.criteria]]           # sub-criteria nest the same way

    [[tables]]                        # optional: the analyst's own table of values, read by
    id = "readiness"                  # indicators with measure = "table" and
    file = "readiness.xlsx"           # params = { table = "readiness", column = "score" }
    source = "..."                    # required: who assessed the values, how
    date = 2025-03-01                 # required: when they were assessed
    sheet = "Scores"                  # optional, .xlsx only (default: the first sheet)
    columns = ["score"]               # optional: value columns (default: all but iso3, year)
    max_staleness_years = 5           # optional, with a 'year' column

Every node has an id (unique in the file: profiles set weights by id), a label, a rationale and
a local weight. A node holds sub-criteria, indicators or both. The keys, their types, domains
and defaults are declared once in :data:`alliancescore.model.criteria_format.CRITERIA`, the
source of the schema checks, their messages and the format's JSON Schema.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alliancescore.data import Dataset
from alliancescore.data.analyst import AnalystTable
from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.measures import MEASURES

from . import criteria_format as _format
from .analyst_tables import read_tables
from .criteria_format import MISSING_POLICIES
from .declare import Reader
from .file_kinds import CRITERIA_KIND, refuse_other_kinds
from .kinds import Sections
from .schema import Checker, read_toml
from .value_functions import ValueFunction

__all__ = ["MISSING_POLICIES", "CriteriaModel", "Criterion", "Indicator", "load_criteria"]


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
    """A checked criteria tree. ``goal`` is the root; its children are the criteria.
    ``tables`` are the analyst's own tables the file declares (``[[tables]]``), read and
    checked (their ISO3 codes against a data set by
    :func:`~alliancescore.model.analyst_tables.check_codes`)."""

    id: str
    label: str
    version: str
    rationale: str
    goal: Criterion
    path: str = ""
    sha256: str = ""
    nodes: Mapping[str, Criterion | Indicator] = field(default_factory=dict, repr=False)
    tables: tuple[AnalystTable, ...] = ()

    @property
    def indicators(self) -> list[Indicator]:
        return [node for _, node in self.goal.walk() if isinstance(node, Indicator)]

    @property
    def criteria(self) -> tuple[Criterion | Indicator, ...]:
        return self.goal.children

    def paths(self) -> dict[str, tuple[str, ...]]:
        """Each node id -> the ids from the top-level criterion down to it."""
        return {node.id: path for path, node in self.goal.walk()}


def _indicator(reader: Reader, key: str, spec: dict) -> Indicator | None:
    v = reader.table(key, spec, _format.CRITERIA.table("indicator"))
    needed = ("id", "label", "rationale", "weight", "measure", "direction", "value_function")
    if any(v[name] is None for name in (*needed, "params")):
        return None
    _check_categories(reader.check, key, v["measure"], v["value_function"])
    return Indicator(
        id=v["id"],
        label=v["label"],
        rationale=v["rationale"],
        weight=v["weight"],
        measure=v["measure"],
        direction=v["direction"],
        value_function=v["value_function"],
        missing=v["missing"],
        aggregation=v["aggregation"] or MEASURES[v["measure"]].aggregation,
        params=dict(v["params"]),
        where=reader.check.where(key),
    )


def _check_categories(check: Checker, key: str, measure: str, function: ValueFunction) -> None:
    """A categorical value function must map every category its measure can give a state:
    a category left out would stop the scoring only when some state falls in it."""
    categories = MEASURES[measure].categories
    if function.kind != "categorical" or categories is None:
        return
    missing = [str(c) for c in categories if str(c) not in function.params["map"]]
    if missing:
        check.add(
            f"{key}.value_function.map",
            f"a value for every category the measure {measure!r} gives "
            f"({', '.join(str(c) for c in categories)})",
            "no entry for " + ", ".join(f'"{c}"' for c in missing),
            "Add " + ", ".join(f'"{c}" = <value in [0, 1]>' for c in missing) + " to the map",
        )


def _entries(check: Checker, key: str, value: Any, table: str) -> list[tuple[int, dict]]:
    """The tables of an array of tables (``[[...criteria]]``) with their places in the file,
    checked as the ``table``'s key of that name declares."""
    declared = _format.CRITERIA.table(table).key(key.rsplit(".", 1)[-1])
    assert isinstance(declared, Sections)
    return declared.entries(check, key, value)


def _criterion(reader: Reader, key: str, spec: dict) -> Criterion | None:
    """A criterion at ``key`` (``criteria[0]``); its children are named under its id
    (``criteria[0] "deterrence".indicators[1] "capability"``)."""
    check = reader.check
    node = reader.table(key, spec, _format.CRITERIA.table("criterion"), own=_CHILDREN)
    node_id = node["id"]
    named = f'{key} "{node_id}"' if node_id else key
    children: list[Criterion | Indicator | None] = [
        _criterion(reader, f"{named}.criteria[{i}]", sub)
        for i, sub in _entries(check, f"{named}.criteria", node["criteria"], "criterion")
    ]
    for i, ind in _entries(check, f"{named}.indicators", node["indicators"], "criterion"):
        ind_id = ind.get("id") if isinstance(ind.get("id"), str) else None
        children.append(
            _indicator(reader, f"{named}.indicators[{i}]" + (f' "{ind_id}"' if ind_id else ""), ind)
        )
    if not any(spec.get(name) for name in _CHILDREN):  # absent, or written as []
        check.add(
            named,
            "sub-criteria ([[...criteria]]) or indicators ([[...indicators]])",
            "neither" if not any(name in spec for name in _CHILDREN) else "empty lists",
            "A criterion needs something to measure it",
        )
    _check_sibling_weights(check, named, [c for c in children if c is not None])
    if any(node[name] is None for name in ("id", "label", "rationale", "weight")):
        return None
    if None in children:
        return None
    return Criterion(
        node_id, node["label"], node["rationale"], node["weight"], tuple(children), check.where(key)
    )


_CHILDREN = ("criteria", "indicators")


def _check_sibling_weights(check: Checker, key: str, children: list) -> None:
    if children and sum(c.weight for c in children) <= 0:
        check.add(key, "at least one child with a positive weight", "all weights zero")


def _unique_ids(check: Checker, goal: Criterion) -> dict[str, Criterion | Indicator]:
    """Every node by id; an id used twice (or ``goal``) is reported where it is used again."""
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
    return nodes


MAX_DEPTH = 12
"""Levels of criteria below the goal at most (the default model has one; a tree a dozen deep
is already beyond what weights can be elicited for)."""


def _check_depth(path: str | Path, document: Mapping[str, Any]) -> None:
    """Refuse a tree deeper than :data:`MAX_DEPTH` before anything walks it recursively."""
    level, nodes = 0, [document]
    while nodes:
        nodes = [
            child
            for node in nodes
            if isinstance(node, dict)
            for child in (node.get("criteria") if isinstance(node.get("criteria"), list) else [])
        ]
        level += 1 if nodes else 0
        if level > MAX_DEPTH:
            raise AllianceScoreError(
                Problem(
                    f"{path}: criteria",
                    f"a tree at most {MAX_DEPTH} levels deep",
                    f"more than {MAX_DEPTH} levels of nested criteria",
                    "Flatten the tree: group indicators under a few criteria",
                )
            )


def load_criteria(path: str | Path, data: Dataset | None = None) -> CriteriaModel:
    """Read and check a criteria file; every problem is reported in one error. With
    ``data``, the ISO3 codes of its analyst's tables are checked against that data set."""
    document, digest = read_toml(path)
    refuse_other_kinds(document, path, CRITERIA_KIND)  # one message, not each key's
    _check_depth(path, document)
    check = Checker(path)
    reader = Reader(check, _format.CRITERIA)
    top = reader.table("", document, _format.CRITERIA.root, own=("criteria",))
    model = top["model"] or {}
    criteria = [
        _criterion(reader, f"criteria[{i}]", spec)
        for i, spec in _entries(check, "criteria", top["criteria"], "document")
    ]
    _check_sibling_weights(check, "criteria", [c for c in criteria if c is not None])
    tables = read_tables(check, top["tables"], path, data)
    goal, nodes = None, {}
    if None not in criteria and criteria:
        label, rationale = model.get("label") or "", model.get("rationale") or ""
        goal = Criterion("goal", label, rationale, 1.0, tuple(criteria))
        nodes = _unique_ids(check, goal)
    check.done()
    assert goal is not None and model.get("id") is not None  # done() raised otherwise
    return CriteriaModel(
        id=model["id"],
        label=model["label"] or "",
        version=model["version"] or "",
        rationale=model["rationale"] or "",
        goal=goal,
        path=str(path),
        sha256=digest,
        nodes=nodes,
        tables=tables,
    )
