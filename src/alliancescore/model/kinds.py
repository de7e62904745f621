"""The kinds of key a declared table may hold (:mod:`alliancescore.model.declare`).

Each kind checks a present value through the :class:`~alliancescore.model.schema.Checker`
getters, so the messages are the checker's (``expected a number >= 0, found -0.5``), and says
what it is in JSON Schema and in words. A new kind of value is one class here; kinds whose
keys a registry defines (a method's parameters, a value function's type) are in
:mod:`alliancescore.model.kinds_registered`.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from alliancescore.errors import did_you_mean, literal

from .declare import Format, Key, Names, Table, joined, names_of
from .schema import Checker, shown

__all__ = [
    "Boolean",
    "Date",
    "Integer",
    "Map",
    "Number",
    "Raw",
    "Section",
    "Sections",
    "String",
    "Strings",
    "Text",
]


@dataclass(frozen=True, kw_only=True)
class Text(Key):
    """Free text (a note): kept as written, shown as text."""

    default: Any = ""

    def read(self, reader, parent, table, name, siblings):
        return str(table[name])

    def schema(self, fmt):
        return {"type": "string"}

    def describe(self):
        return "text"


@dataclass(frozen=True, kw_only=True)
class String(Key):
    """A non-empty string, optionally one of ``choices`` or matching ``pattern`` (whole).

    ``choices_hint`` says what the choices mean: given, a value that is none of them gets it as
    the hint, after a did-you-mean only for a near spelling (``'wrost'``), since a word of
    another meaning can look like a choice (``'zero'`` is no misspelling of ``'error'``)."""

    choices: Names | None = None
    pattern: str | None = None
    pattern_expected: str = ""  # what a matching string is, in words
    pattern_hint: str = ""
    choices_hint: str = ""

    def read(self, reader, parent, table, name, siblings):
        choices = names_of(self.choices) if self.choices is not None else None
        value = table.get(name)
        if (
            self.choices_hint
            and choices is not None
            and isinstance(value, str)
            and value.strip()
            and value not in choices
        ):
            close = difflib.get_close_matches(value, choices, n=1, cutoff=0.75)
            near = f"Did you mean {close[0]!r}? " if close else ""
            expected = f"one of {', '.join(map(repr, choices))}"
            reader.check.add(
                joined(parent, name), expected, literal(value), near + self.choices_hint
            )
            return self.default
        value = reader.check.string(parent, table, name, choices=choices, default=self.default)
        if value is not None and self.pattern and not re.fullmatch(self.pattern, value):
            reader.check.add(
                joined(parent, name), self.pattern_expected, literal(value), self.pattern_hint
            )
            return None
        return value

    def schema(self, fmt):
        out: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.choices is not None:
            out["enum"] = names_of(self.choices)
        else:
            out["pattern"] = f"^(?:{self.pattern})$" if self.pattern else r"\S"
        return out

    def describe(self):
        if self.choices is not None:
            return "one of " + ", ".join(map(repr, names_of(self.choices)))
        return self.pattern_expected or "string"


@dataclass(frozen=True, kw_only=True)
class Number(Key):
    """A finite number (integers pass), within ``minimum``..``maximum``; ``positive``: > 0."""

    minimum: float | None = None
    maximum: float | None = None
    positive: bool = False

    def read(self, reader, parent, table, name, siblings):
        return reader.check.number_value(
            joined(parent, name),
            table[name],
            minimum=self.minimum,
            maximum=self.maximum,
            positive=self.positive,
            default=self.default,
        )

    def schema(self, fmt):
        out: dict[str, Any] = {"type": "number"}
        if self.positive:
            out["exclusiveMinimum"] = 0
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out

    def describe(self):
        return _bounded("number", self.minimum, self.maximum, self.positive)


@dataclass(frozen=True, kw_only=True)
class Integer(Key):
    """A whole number within ``minimum``..``maximum``."""

    minimum: int | None = None
    maximum: int | None = None

    def read(self, reader, parent, table, name, siblings):
        return reader.check.integer(
            parent, table, name, minimum=self.minimum, maximum=self.maximum, default=self.default
        )

    def schema(self, fmt):
        out: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out

    def describe(self):
        return _bounded("whole number", self.minimum, self.maximum, False)


def _bounded(kind: str, minimum: float | None, maximum: float | None, positive: bool) -> str:
    """``number > 0``, ``number >= 0``, or with an upper bound ``number in (0, 1e+06]``."""
    low = "(0" if positive else f"[{minimum:g}" if minimum is not None else None
    if maximum is not None and low is not None:
        return f"{kind} in {low}, {maximum:g}]"
    parts = [kind] + (["> 0"] if positive else [])
    parts += [f">= {minimum:g}"] if minimum is not None else []
    parts += [f"<= {maximum:g}"] if maximum is not None else []
    return " ".join(parts)


@dataclass(frozen=True, kw_only=True)
class Date(Key):
    """A calendar date: a TOML date (``date = 2025-03-01``) or the same in quotes; read as
    its ISO text (``"2025-03-01"``)."""

    def read(self, reader, parent, table, name, siblings):
        value = table[name]
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        reader.check.add(
            joined(parent, name),
            "a date, YYYY-MM-DD",
            shown(value),
            "Write it as a TOML date, e.g. date = 2025-03-01 (a time of day is not needed)",
        )
        return None

    def schema(self, fmt):
        # TOML dates reach JSON as text; "format": "date" is only advisory in draft 2020-12
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def describe(self):
        return "date (YYYY-MM-DD)"


@dataclass(frozen=True, kw_only=True)
class Boolean(Key):
    """``true`` or ``false``."""

    default: Any = False

    def read(self, reader, parent, table, name, siblings):
        return reader.check.boolean(parent, table, name, default=bool(self.default))

    def schema(self, fmt):
        return {"type": "boolean"}

    def describe(self):
        return "true or false"


@dataclass(frozen=True, kw_only=True)
class Strings(Key):
    """A list of strings (nation codes, region names, ids, paths); ``example`` is what a
    message shows for a value of the wrong kind."""

    default: Any = ()
    example: str = '["USA", "AUS"]'

    def read(self, reader, parent, table, name, siblings):
        return reader.check.strings(parent, table, name, example=self.example)

    def schema(self, fmt):
        return {"type": "array", "items": {"type": "string"}}

    def describe(self):
        return "list of strings"


@dataclass(frozen=True, kw_only=True)
class Raw(Key):
    """A value whose shape code checks (an AHP matrix of judgments): ``check(checker, key,
    value)`` returns the checked value or ``None``; ``json`` is its JSON Schema, ``words`` its
    kind in words."""

    check: Callable[[Checker, str, Any], Any] | None = None
    json: Mapping[str, Any] | None = None
    words: str = "any value"

    def read(self, reader, parent, table, name, siblings):
        value = table[name]
        return self.check(reader.check, joined(parent, name), value) if self.check else value

    def schema(self, fmt):
        return dict(self.json or {})

    def describe(self):
        return self.words


@dataclass(frozen=True, kw_only=True)
class Section(Key):
    """A nested table (``[weights]``) declared by ``table`` (a name in the format, or a
    :class:`~alliancescore.model.declare.Table`)."""

    table: str | Table

    def read(self, reader, parent, table, name, siblings):
        full = joined(parent, name)
        value = reader.check.table(full, table[name])
        return None if value is None else reader.table(full, value, reader.resolve(self.table))

    def schema(self, fmt):
        return _table_schema(self.table, fmt)

    def describe(self):
        return "table"

    def how_to_add(self, parent):
        return f"Add a [{joined(parent, self.name)}] table: {self.doc.rstrip('.')}"


@dataclass(frozen=True, kw_only=True)
class Sections(Key):
    """An array of tables (``[[threats]]``), each checked against ``table``. Read as a list
    aligned with the file's entries: ``None`` where an entry is not a table. ``nonempty``: an
    empty array (``criteria = []``) is a problem too."""

    table: str | Table
    nonempty: bool = False

    def read(self, reader, parent, table, name, siblings):
        full = joined(parent, name)
        value = table[name]
        entries = dict(self.entries(reader.check, full, value))
        if not isinstance(value, list):
            return []
        declared = reader.resolve(self.table)
        return [
            reader.table(f"{full}[{i}]", entries[i], declared) if i in entries else None
            for i in range(len(value))
        ]

    def entries(self, check: Checker, full: str, value: Any) -> list[tuple[int, dict]]:
        """The tables of the array ``value`` with their places in it, after reporting a value
        that is no array, an empty one (``nonempty``) and entries that are not tables."""
        if not isinstance(value, list):
            check.add(full, f"an array of tables ([[{full}]])", shown(value))
            return []
        if self.nonempty and not value:
            check.add(full, f"at least one [[{full}]] entry", "none")
        out = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((i, item))
            else:
                check.add(f"{full}[{i}]", "a table", shown(item))
        return out

    def absent(self, reader, parent, siblings):
        return []

    def schema(self, fmt):
        out = {"type": "array", "items": _table_schema(self.table, fmt)}
        return {**out, "minItems": 1} if self.nonempty else out

    def describe(self):
        return "array of tables"

    def how_to_add(self, parent):
        return f"Add [[{joined(parent, self.name)}]] entries: {self.doc.rstrip('.')}"


def _table_schema(table: str | Table, fmt: Format | None) -> dict[str, Any]:
    if isinstance(table, Table):
        return table.schema(fmt)
    return {"$ref": f"#/$defs/{table}"}


@dataclass(frozen=True, kw_only=True)
class Map(Key):
    """A table of entries by name (``values = { deterrence = 0.3, ... }``): ``names``
    restricts the names (``names_expected`` says what a name must be), ``entry`` checks each
    value (entries failing it are left out), ``nonempty`` is what an empty table lacks."""

    entry: Key | None = None
    names: Names | None = None
    names_expected: str = ""
    nonempty: str = ""
    default: Any = None

    def read(self, reader, parent, table, name, siblings):
        full = joined(parent, name)
        value = reader.check.table(full, table[name], required=False)
        if value is None:
            return None
        allowed = names_of(self.names) if self.names is not None else None
        out = {}
        for entry_name, raw in value.items():
            if allowed is not None and entry_name not in allowed:
                reader.check.add(
                    joined(full, entry_name),
                    self.names_expected,
                    repr(entry_name),
                    did_you_mean(entry_name, allowed),
                )
                continue
            checked = (
                raw if self.entry is None else self.entry.read(reader, full, value, entry_name, {})
            )
            if checked is not None:
                out[entry_name] = checked
        if self.nonempty and not value:
            reader.check.add(full, self.nonempty, "an empty table")
        return out

    def schema(self, fmt):
        out: dict[str, Any] = {"type": "object"}
        entry = self.entry.schema(fmt) if self.entry is not None else {}
        if self.names is not None and self.entry is not None and self.entry.by_name:
            out["properties"] = {n: self.entry.named_schema(n) for n in names_of(self.names)}
            out["additionalProperties"] = False
        else:
            out["additionalProperties"] = entry or True
            if self.names is not None:
                out["propertyNames"] = {"enum": names_of(self.names)}
        if self.nonempty:
            out["minProperties"] = 1
        return out

    def describe(self):
        entry = self.entry.describe() if self.entry is not None else "any value"
        return f"table of {entry} by name"
