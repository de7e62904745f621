"""File formats declared once: tables, their keys and constraints, and what is derived from them.

A :class:`Format` (a profile, a criteria file) is a tuple of named :class:`Table` declarations,
the first one the document itself. A table lists its keys, each a :class:`Key` of one kind
(:mod:`alliancescore.model.kinds`: a string, a number with its domain, a list of strings, a
nested table, an array of tables, a table of entries by name, ...) with whether it is required,
its default, its choices or numeric domain, and a one-line description. A table may also
declare :class:`Case` rules: keys a selector's value needs or takes, the other cases' keys
refused (``scheme = "ahp"`` needs ``criteria`` and ``matrix``, refuses ``values``).

Derived from the declaration, never written a second time:

- the schema checks and their messages: :class:`Reader` walks a parsed document along the
  declaration and records every problem in a :class:`~alliancescore.model.schema.Checker`
  (file, key path, what was expected, what was found, did-you-mean);
- the "unknown key" lists: a table's key names, in the order declared;
- a JSON Schema (draft 2020-12) of the format, for editors: :func:`json_schema`;
- a plain-text reference of every table's keys: :func:`reference`.

Checks that need more than one key at a time, or a data set, stay code and run on what the
reader returns. Adding a key or a table is one change to the declaration
(:meth:`Format.with_keys`, :meth:`Format.with_tables` make a changed copy).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, replace
from typing import Any, ClassVar

from alliancescore.errors import closest

from .schema import MISSING, Checker, shown

__all__ = [
    "DRAFT",
    "Case",
    "Format",
    "Key",
    "Names",
    "Reader",
    "Table",
    "json_schema",
    "json_value",
    "names_of",
    "reference",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

Names = tuple[str, ...] | Callable[[], Iterable[str]]
"""Allowed names: a fixed tuple, or a function reading a registry when a file is checked (so
entries registered after import count)."""


def names_of(names: Names) -> list[str]:
    """The allowed names, in the order the declaration or the registry gives them."""
    return list(names() if callable(names) else names)


def joined(parent: str, name: str) -> str:
    """The key path of ``name`` inside ``parent`` (``weights`` + ``scheme``)."""
    return f"{parent}.{name}" if parent else name


def json_value(value: Any) -> Any:
    """``value`` as JSON can hold it (tuples as lists), or ``None`` when it cannot."""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        items = [json_value(v) for v in value]
        return None if any(i is None for i in items) else items
    if isinstance(value, Mapping):
        items = {str(k): json_value(v) for k, v in value.items()}
        return None if any(v is None for v in items.values()) else items
    return None


@dataclass(frozen=True)
class Key:
    """One key of a table: its name, a one-line description, whether it is required, its
    default. Each subclass (:mod:`alliancescore.model.kinds`) is one kind of value: it checks a
    present value (:meth:`read`), says what it is in JSON Schema (:meth:`schema`) and in words
    (:meth:`describe`)."""

    name: str
    doc: str
    _: KW_ONLY
    required: bool = False
    default: Any = None
    what: str = "a value"  # said when a case needs the key and it is left out
    by_name: ClassVar[bool] = False  # as a Map's entry: a schema of its own per entry name

    def read(
        self, reader: Reader, parent: str, table: Mapping[str, Any], name: str, siblings: dict
    ) -> Any:
        """The checked value of ``table[name]`` (present), or ``None`` / the default after
        recording its problems. ``siblings`` holds the table's keys read before this one."""
        raise NotImplementedError

    def absent(self, reader: Reader, parent: str, siblings: dict) -> Any:
        """The value when the key is left out: a copy of the default."""
        return copy.deepcopy(self.default)

    def how_to_add(self, parent: str) -> str:
        """The hint for a required key left out of the table at ``parent``."""
        return f"Add {self.name} = ...: {self.doc.rstrip('.')}; {self.describe()}"

    def schema(self, fmt: Format | None) -> dict[str, Any]:
        """The JSON Schema of a value, without its description and default."""
        return {}

    def named_schema(self, name: str) -> dict[str, Any]:
        """With ``by_name``: the JSON Schema of the entry called ``name``."""
        raise NotImplementedError

    def table_rules(self, fmt: Format | None) -> list[dict[str, Any]]:
        """Rules this key adds to its table's JSON Schema (``allOf`` entries), if any."""
        return []

    def describe(self) -> str:
        """The kind and domain in words: ``"number > 0"``."""
        return "any value"

    def full_schema(self, fmt: Format | None) -> dict[str, Any]:
        out = {**self.schema(fmt), "description": self.doc}
        default = json_value(self.default)
        if default is not None:
            out["default"] = default
        return out


@dataclass(frozen=True)
class Case:
    """Keys that one value of a selector key reads: with ``scheme = "ahp"``, ``criteria`` and
    ``matrix`` are needed and ``max_cr`` is taken if given.

    A key some case reads belongs to the cases: it is read only when one of them is selected
    (``matrix`` is not read with ``scheme = "direct"``), so the selector must come before it in
    the table, and it is refused when the selected case does not read it, with a hint naming
    the cases that do (a key of another case left in the file would be silently ignored: the
    analyst meant something by it). ``why`` says where the selected case's values come from
    instead (``the criteria file's weights apply``).
    """

    selector: str
    value: str
    needs: tuple[str, ...] = ()
    takes: tuple[str, ...] = ()
    why: str = ""

    @property
    def reads(self) -> tuple[str, ...]:
        return (*self.needs, *self.takes)

    def refuses(self, table: Table) -> list[str]:
        """The keys of the table's other cases that this case does not read."""
        return [name for name in table.case_keys if name not in self.reads]

    def check(self, check: Checker, key: str, raw: Mapping, table: Table, read: dict) -> None:
        if read.get(self.selector) != self.value:
            return
        for name in self.needs:
            if name not in raw:
                check.add(
                    joined(key, name),
                    table.key(name).what,
                    f'nothing (required with {self.selector} = "{self.value}")',
                )
        why = f" ({self.why})" if self.why else ""
        for name in self.refuses(table):
            if name in raw:
                readers = [f'"{c.value}"' for c in table.cases if name in c.reads]
                either = readers[0] if len(readers) == 1 else ", ".join(readers[:-1])
                either += f" or {readers[-1]}" if len(readers) > 1 else ""
                check.add(
                    joined(key, name),
                    f'nothing with {self.selector} = "{self.value}"{why}',
                    shown(raw[name]),
                    f"{name} is read by {self.selector} = {either}: remove it, or choose "
                    + (f"that {self.selector}" if len(readers) == 1 else "one of them"),
                )

    def schema(self, table: Table, fmt: Format | None) -> dict[str, Any]:
        then: dict[str, Any] = {}
        if self.needs:
            then["required"] = list(self.needs)
        properties = {name: table.key(name).full_schema(fmt) for name in self.reads}
        properties.update({name: False for name in self.refuses(table)})
        if properties:
            then["properties"] = properties
        return {
            "if": {
                "properties": {self.selector: {"const": self.value}},
                "required": [self.selector],
            },
            "then": then,
        }

    def describe(self, table: Table) -> str:
        refused = self.refuses(table)
        parts = [f"needs {', '.join(self.needs)}"] if self.needs else []
        parts += [f"takes {', '.join(self.takes)}"] if self.takes else []
        parts += [f"refuses {', '.join(refused)}"] if refused else []
        return f'{self.selector} = "{self.value}": {"; ".join(parts)}'


@dataclass(frozen=True)
class Table:
    """One table of a format: its keys in order, and its :class:`Case` rules. ``header`` is
    how a file writes it (``[weights]``, ``[[threats]]``), for the reference."""

    name: str
    doc: str
    keys: tuple[Key, ...]
    cases: tuple[Case, ...] = ()
    header: str = ""

    @property
    def names(self) -> list[str]:
        return [k.name for k in self.keys]

    def key(self, name: str) -> Key:
        return next(k for k in self.keys if k.name == name)

    def with_keys(self, *keys: Key) -> Table:
        """A copy with ``keys`` added after the others."""
        return replace(self, keys=(*self.keys, *keys))

    @property
    def case_keys(self) -> list[str]:
        """The keys that belong to cases (some case reads them), in the order declared."""
        return [name for name in self.names if self.in_case(name)]

    def in_case(self, name: str) -> bool:
        """Whether ``name`` belongs to cases (some case reads it)."""
        return any(name in case.reads for case in self.cases)

    def case_reads(self, name: str, read: Mapping[str, Any]) -> bool:
        """Whether a key that belongs to cases is read, given the keys read so far."""
        return any(read.get(c.selector) == c.value and name in c.reads for c in self.cases)

    def schema(self, fmt: Format | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "description": self.doc,
            # A key of cases says what it is in the cases that read it.
            "properties": {
                k.name: {"description": k.doc} if self.in_case(k.name) else k.full_schema(fmt)
                for k in self.keys
            },
            "additionalProperties": False,
        }
        required = [k.name for k in self.keys if k.required]
        if required:
            out["required"] = required
        rules = [case.schema(self, fmt) for case in self.cases]
        rules += [rule for k in self.keys for rule in k.table_rules(fmt)]
        if rules:
            out["allOf"] = rules
        return out


@dataclass(frozen=True)
class Format:
    """A file format: named tables, the first the document itself."""

    name: str
    title: str
    tables: tuple[Table, ...]

    @property
    def root(self) -> Table:
        return self.tables[0]

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(f"{self.name} declares no table {name!r}")

    def with_keys(self, table: str, *keys: Key) -> Format:
        """A copy with ``keys`` added to the table named ``table``."""
        self.table(table)  # a wrong name is an error, not a silent no-op
        return replace(
            self, tables=tuple(t.with_keys(*keys) if t.name == table else t for t in self.tables)
        )

    def with_tables(self, *tables: Table) -> Format:
        """A copy with ``tables`` declared too (refer to them from a key to use them)."""
        return replace(self, tables=(*self.tables, *tables))


class Reader:
    """Checks parsed TOML against a declaration, recording every problem in ``check``."""

    def __init__(self, check: Checker, fmt: Format | None = None):
        self.check = check
        self.fmt = fmt

    def document(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """The whole document read along the format's root table."""
        assert self.fmt is not None
        return self.table("", document, self.fmt.root)

    def resolve(self, table: str | Table) -> Table:
        if isinstance(table, Table):
            return table
        assert self.fmt is not None, f"table {table!r} named without a format"
        return self.fmt.table(table)

    def table(
        self, key: str, raw: Mapping[str, Any], table: Table, *, own: Collection[str] = ()
    ) -> dict[str, Any]:
        """Every declared key of ``raw`` (a table) checked, in the order declared: unknown
        keys with did-you-mean, required keys left out, each value by its kind, then the
        table's cases. Left-out keys take their default, and so do keys of cases not selected
        (:class:`Case`); keys in ``own`` are returned as written, for the caller to check."""
        self.check.keys(key, raw, table.names)
        # A required key written misspelt ([candiates]) is one problem, the unknown key's
        # did-you-mean, not that and the required key's absence.
        misspelt = {closest(k, table.names) for k in raw if k not in table.names}
        out: dict[str, Any] = {}
        for item in table.keys:
            if item.name not in raw:
                if item.required and item.name not in misspelt:
                    self.check.add(joined(key, item.name), "a value", MISSING, item.how_to_add(key))
                out[item.name] = item.absent(self, key, out)
            elif item.name in own:
                out[item.name] = raw[item.name]
            elif table.in_case(item.name) and not table.case_reads(item.name, out):
                out[item.name] = item.absent(self, key, out)  # not this case's key: unread
            else:
                out[item.name] = item.read(self, key, raw, item.name, out)
        for case in table.cases:
            case.check(self.check, key, raw, table, out)
        return out


def json_schema(fmt: Format) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of ``fmt``, for editors that check TOML against one.

    TOML tables are objects, arrays of tables are arrays of objects. It says what the
    declaration says (keys, types, domains, choices, cases); checks that need several keys at
    once or the data set are only in ``validate``.
    """
    out: dict[str, Any] = {"$schema": DRAFT, "title": fmt.title, **fmt.root.schema(fmt)}
    out["$defs"] = {table.name: table.schema(fmt) for table in fmt.tables[1:]}
    return out


def reference(fmt: Format) -> str:
    """Every table of ``fmt`` with its keys in words: kind and domain, required or default,
    description; one line a key."""
    lines = []
    for table in fmt.tables:
        lines.append(f"{table.header or table.name}: {table.doc}")
        for k in table.keys:
            default = json_value(k.default)
            status = (
                "required"
                if k.required
                else f"default {default!r}"
                if default not in (None, {}, [], "")
                else "optional"
            )
            lines.append(f"  {k.name}: {k.describe()}, {status}. {k.doc}")
        lines += [f"  with {case.describe(table)}" for case in table.cases]
    return "\n".join(lines)
