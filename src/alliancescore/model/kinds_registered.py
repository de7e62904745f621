"""Kinds of key whose content a registry defines (:mod:`alliancescore.model.declare`).

:class:`Params`: a registered method's or measure's parameters, the keys its ``defaults``
name. :class:`Variant`: a table whose ``type`` names a registered variant (a value function)
with keys of its own. Both read the registry when a file is checked, so a method, measure or
value function registered later is known without a change here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from alliancescore.errors import literal
from alliancescore.params import (
    REQUIRED,
    Array,
    Flag,
    Nullable,
    Options,
    PerCriterion,
    Real,
    Subset,
    Whole,
)
from alliancescore.params import Text as TextConstraint
from alliancescore.settings import SETTINGS, SensitivitySpec

from .declare import Key, Reader, Table, joined, json_value
from .kinds import Raw
from .schema import MISSING, Checker

__all__ = ["Params", "Setting", "Variant", "constraint_schema", "same_kind", "settings_table"]


@dataclass(frozen=True, kw_only=True)
class Params(Key):
    """A registered entry's parameters (a method's, a measure's): a table whose keys are the
    parameters the entry declares (``registry[owner].defaults``). The owner is the key's own
    name in a :class:`Map` of entries, or the value of the sibling key ``selector``. With
    ``same_kind``, a value must have the type of its default (an int passes for a float)."""

    registry: Callable[[], Mapping[str, Any]]
    selector: str | None = None
    same_kind: bool = False
    # Check each value against the entry's declared constraint (measures: nothing else checks
    # them before scoring; methods are tried on stand-in data by validation's dry run).
    check_domains: bool = False
    default: Any = None
    by_name = True  # in a Map of entries, each entry's schema is its own parameters

    def read(self, reader, parent, table, name, siblings):
        full = joined(parent, name)
        params = reader.check.table(full, table[name])
        if params is None:
            return None
        owner = siblings.get(self.selector) if self.selector else name
        registry = self.registry()
        if owner is not None and owner in registry:
            defaults = registry[owner].defaults
            reader.check.keys(full, params, list(defaults))
            declared = getattr(registry[owner], "params", {}) if self.check_domains else {}
            for key, value in params.items():  # the domains the entry declares
                if key in declared:
                    for problem in declared[key].constraint.problems(value, f"{full}.{key}"):
                        reader.check.add(problem.where, problem.expected, problem.found)
            self._required(reader, full, owner, params)
            if self.same_kind:
                for key, value in params.items():
                    if defaults.get(key) is REQUIRED or key in declared:
                        continue  # its declared constraint checked it: one message, not two
                    if key in defaults and not same_kind(value, defaults[key]):
                        reader.check.add(
                            f"{full}.{key}",
                            f"a value like the default {defaults[key]!r} "
                            f"({type(defaults[key]).__name__})",
                            literal(value),
                        )
        return dict(params)

    def absent(self, reader, parent, siblings):
        if self.selector is not None:
            self._required(reader, joined(parent, self.name), siblings.get(self.selector), {})
        return {} if self.default is None else dict(self.default)

    def _required(self, reader: Reader, full: str, owner: Any, params: Mapping) -> None:
        """With ``check_domains`` (measures), each parameter the entry declares without a
        default and ``params`` leaves out (the ``table`` measure's ``table``)."""
        registry = self.registry()
        if not self.check_domains or owner is None or owner not in registry:
            return
        for key, param in getattr(registry[owner], "params", {}).items():
            if param.required and key not in params:
                reader.check.add(f"{full}.{key}", param.constraint.expected(), MISSING)

    def named_schema(self, owner: str) -> dict[str, Any]:
        """The entry's parameters: each with the kind of its default (``same_kind``) and the
        constraint the entry declares for it (checked by ``validate`` before the entry runs)."""
        entry = self.registry()[owner]
        declared = getattr(entry, "params", {})
        properties = {}
        defaults = entry.defaults
        for key, default in defaults.items():
            kind = _kind_schema(default) if self.same_kind and default is not REQUIRED else {}
            domain = constraint_schema(declared[key].constraint) if key in declared else {}
            prop = _both(kind, domain)
            if json_value(default) is not None:
                prop["default"] = json_value(default)
            properties[key] = prop
        out = {"type": "object", "properties": properties, "additionalProperties": False}
        required = [key for key, default in defaults.items() if default is REQUIRED]
        return {**out, "required": required} if required else out

    def schema(self, fmt):
        return {"type": "object"}

    def table_rules(self, fmt):
        if self.selector is None:
            return []
        return [
            {
                "if": {
                    "properties": {self.selector: {"const": owner}},
                    "required": [self.selector],
                },
                "then": {"properties": {self.name: self.named_schema(owner)}},
            }
            for owner in self.registry()
        ]

    def describe(self):
        return f"table of the {self.selector}'s parameters" if self.selector else "parameters"


def same_kind(value: Any, default: Any) -> bool:
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


def _kind_schema(default: Any) -> dict[str, Any]:
    """The JSON type :func:`same_kind` accepts for a parameter with this default."""
    if default is None:
        return {}
    if isinstance(default, bool):
        return {"type": "boolean"}
    if isinstance(default, float):
        return {"type": "number"}
    if isinstance(default, int):
        return {"type": "integer"}
    if isinstance(default, list | tuple):
        return {"type": "array"}
    if isinstance(default, str):
        return {"type": "string"}
    return {}


@dataclass(frozen=True, kw_only=True)
class Variant(Key):
    """A table whose ``selector`` key names which of ``variants`` it is (``{ type = "step",
    thresholds = [...], values = [...] }``); its other keys are that variant's table. ``build``
    turns the checked keys into the value the caller wants (``None`` on a problem); the
    default, when given, is read as if written."""

    selector: str
    variants: Callable[[], Mapping[str, Table]]
    build: Callable[[Checker, str, str, dict, dict], Any] | None = None
    expected: str = "a table"

    def read(self, reader, parent, table, name, siblings):
        return self.read_value(reader, joined(parent, name), table[name], siblings)

    def absent(self, reader, parent, siblings):
        if self.default is None:
            return None
        return self.read_value(reader, joined(parent, self.name), dict(self.default), siblings)

    def read_value(self, reader: Reader, full: str, value: Any, siblings: dict) -> Any:
        """``value`` checked as this variant table, at key path ``full``."""
        if not isinstance(value, dict):
            reader.check.add(full, self.expected, literal(value))
            return None
        variants = self.variants()
        kind = reader.check.string(full, value, self.selector, choices=list(variants))
        if kind is None:
            return None
        before = len(reader.check.problems)
        values = reader.table(full, value, self._with_selector(variants[kind]))
        if self.build is None or len(reader.check.problems) > before:
            return values if self.build is None else None  # no build on keys with problems
        return self.build(reader.check, full, kind, values, siblings)

    def _with_selector(self, table: Table) -> Table:
        selector = Raw(self.selector, f"Which {self.name} this is.", required=True)
        return Table(table.name, table.doc, (selector, *table.keys), table.cases, table.header)

    def schema(self, fmt):
        variants = self.variants()
        return {
            "type": "object",
            "required": [self.selector],
            "properties": {self.selector: {"enum": list(variants)}},
            "allOf": [
                {
                    "if": {
                        "properties": {self.selector: {"const": kind}},
                        "required": [self.selector],
                    },
                    "then": self._with_selector(table).schema(fmt),
                }
                for kind, table in variants.items()
            ],
        }

    def describe(self):
        return f"table with {self.selector} = " + " | ".join(map(repr, self.variants()))


@dataclass(frozen=True, kw_only=True)
class Setting(Key):
    """A setting of the sensitivity analysis, declared in :data:`alliancescore.settings.SETTINGS`
    (constraint, default, meaning): the profile's ``[sensitivity]`` table is checked against the
    same declaration as the command line and the API, so the three cannot disagree."""

    def read(self, reader, parent, table, name, siblings):
        problems = SETTINGS[name].constraint.problems(table[name], joined(parent, name))
        for problem in problems:
            reader.check.add(problem.where, problem.expected, problem.found, problem.hint)
        return None if problems else table[name]

    def schema(self, fmt):
        return constraint_schema(SETTINGS[self.name].constraint)

    def describe(self):
        return SETTINGS[self.name].constraint.expected()


def settings_table(name: str, doc: str, header: str) -> Table:
    """The ``[sensitivity]`` table: one :class:`Setting` key per setting a profile may set."""
    keys = tuple(
        Setting(key, SETTINGS[key].doc, default=SETTINGS[key].default)
        for key in SensitivitySpec.profile_keys()
    )
    return Table(name, doc, keys, header=header)


def _both(kind: dict[str, Any], domain: dict[str, Any]) -> dict[str, Any]:
    """One schema asking for both: merged, or ``allOf`` where their types differ."""
    if "type" in kind and "type" in domain and kind["type"] != domain["type"]:
        return {"allOf": [kind, domain]}
    return {**kind, **domain}


def constraint_schema(constraint) -> dict[str, Any]:
    """The JSON Schema of a declared constraint (:mod:`alliancescore.params`), or ``{}`` (no
    claim) for one it cannot state: a check only code makes (a list whose length is the number
    of criteria, a preference function's name or number). TOML has no null, so a
    :class:`~alliancescore.params.Nullable` is its inner constraint."""
    if isinstance(constraint, Nullable):
        return constraint_schema(constraint.inner)
    if isinstance(constraint, PerCriterion):
        inner = constraint_schema(constraint.inner)
        if not inner:
            return {}
        return {"anyOf": [inner, {"type": "array", "items": inner}]}
    if isinstance(constraint, Whole):
        out: dict[str, Any] = {"type": "integer"}
        if constraint.minimum is not None:
            out["minimum"] = constraint.minimum
        if constraint.maximum is not None:
            out["maximum"] = constraint.maximum
        return out
    if isinstance(constraint, Real):
        out = {"type": "number"}
        if constraint.low is not None:
            out["exclusiveMinimum" if constraint.low_open else "minimum"] = constraint.low
        if constraint.high is not None:
            out["exclusiveMaximum" if constraint.high_open else "maximum"] = constraint.high
        return out
    if isinstance(constraint, Options):
        return {"enum": list(constraint.choices)}
    if isinstance(constraint, Subset):
        return {
            "type": "array",
            "items": {"enum": list(constraint.choices)},
            "minItems": 1,
            "uniqueItems": True,
        }
    if isinstance(constraint, Flag):
        return {"type": "boolean"}
    if isinstance(constraint, TextConstraint):
        return {"type": "string", "pattern": r"\S"}
    if isinstance(constraint, Array):
        return {"type": "array"}
    return {}
