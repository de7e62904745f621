"""Checking analyst-edited TOML: collect every problem, then raise one error.

A :class:`Checker` records :class:`~alliancescore.errors.Problem` entries that name the file and
the key path (``criteria[1] "deterrence".indicators[0].weight``), what was expected, what was
found, and how to fix it (with did-you-mean for unknown keys and names); its typed getters are
the one source of the schema messages. :class:`alliancescore.model.declare.Reader` walks a parsed
document along a declared format and calls them. Nothing is raised until :meth:`Checker.done`,
so an analyst sees every mistake in a file at once.
"""

from __future__ import annotations

import hashlib
import math
import re
import stat
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from alliancescore.errors import AllianceScoreError, Problem, did_you_mean, literal

__all__ = ["MISSING", "Checker", "read_file", "read_toml", "shown"]


def read_toml(path: str | Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; returns the document and the SHA-256 of its bytes.

    A missing file, unreadable bytes or malformed TOML give one error naming the file (and the
    line and column for syntax errors).
    """
    path = Path(path)
    raw = read_file(path)
    try:
        document = tomllib.loads(raw.decode("utf-8-sig"))  # a BOM (some editors write one) dropped
    except RecursionError:  # tables or arrays nested hundreds deep exhaust the parser's stack
        raise AllianceScoreError(
            Problem(
                str(path),
                "TOML nested a few levels deep (tables and arrays)",
                "nesting too deep to read",
                "Analysts' files need a handful of levels: check for a runaway [[a.b.c...]]",
            )
        ) from None
    except UnicodeDecodeError as error:
        found, hint = _undecodable(raw, error)
        raise AllianceScoreError(Problem(str(path), "UTF-8 text", found, hint)) from None
    except tomllib.TOMLDecodeError as error:
        text, message = raw.decode("utf-8-sig"), str(error)
        found = _duplicate_key(text, message) or message
        hint = "See https://toml.io: strings need quotes, tables are [name], lists are [a, b]"
        if found != message:
            hint = "Keep one of the two: a key is set once in its table"
        elif curly := _curly_quotes_at(text, message):
            hint = (
                f"The line has typographic quotes ({curly}), which TOML does not read: type "
                'straight ones, "..." (a word processor or autocorrect puts curly ones in)'
            )
        elif _unquoted_fraction_at(text, message):
            hint = (
                'A fraction must be quoted ("1/2") or written as a decimal (0.5): TOML has no '
                f"fractions. {hint}"
            )
        raise AllianceScoreError(Problem(str(path), "valid TOML", found, hint)) from None
    return document, hashlib.sha256(raw).hexdigest()


MAX_FILE_BYTES = 10 * 2**20
"""The largest profile, criteria file or analyst table read (10 MiB; the shipped files are a
few KiB)."""


def read_file(path: str | Path, kind: str = "a .toml file") -> bytes:
    """The bytes of ``path`` if it is a regular file of at most :data:`MAX_FILE_BYTES`, else
    one error naming it: missing, unreadable, a FIFO or device (which would block or never
    end: reading one hung every command) or too large. ``kind`` says what to give instead."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise AllianceScoreError(
                Problem(str(path), "a regular file", "a pipe, device or folder", f"Give {kind}")
            )
        if info.st_size > MAX_FILE_BYTES:
            raise AllianceScoreError(
                Problem(
                    str(path),
                    f"a file of at most {MAX_FILE_BYTES // 2**20} MiB",
                    f"{info.st_size:,} bytes",
                    "Analysts' files are a few KiB: is this the right file?",
                )
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise AllianceScoreError(
            Problem(str(path), "an existing file", "no such file", "Check the path")
        ) from None
    except OSError as error:
        raise AllianceScoreError(Problem(str(path), "a readable file", str(error))) from None


_ERROR_POSITION = re.compile(r"at line (\d+), column (\d+)")
_FRACTION = re.compile(r"\d\s*/\s*[\d.]")


_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = {b"\xff\xfe": "FF FE", b"\xfe\xff": "FE FF"}


def _undecodable(raw: bytes, error: UnicodeDecodeError) -> tuple[str, str]:
    """What a read that is no UTF-8 found, and the fix: a UTF-16 file by its byte-order mark,
    else the first bad byte by line and column (and what it is in Windows-1252, the usual
    other encoding: 0xE4 is 'ä', 0x93 a curly quote)."""
    hint = "Re-save the file as UTF-8"
    for mark, shown_mark in _UTF16_BOMS.items():
        if raw.startswith(mark):
            return f"UTF-16 text (byte-order mark {shown_mark})", hint
    body = raw[len(_BOM) :] if raw.startswith(_BOM) else raw  # the offsets are after a BOM
    start = error.start
    line_start = body.rfind(b"\n", 0, start) + 1
    line = body.count(b"\n", 0, start) + 1
    column = len(body[line_start:start].decode("utf-8", errors="replace")) + 1
    byte = body[start : start + 1]
    try:  # 0x80-0x9F are control codes in Latin-1, letters and quotes in Windows-1252
        encodings = "Windows-1252" if byte[0] < 0xA0 else "Latin-1 or Windows-1252"
        meaning = f" ({byte.decode('cp1252')!r} in {encodings})"
    except (IndexError, UnicodeDecodeError):  # 0x81, 0x8D, ... are nothing in Windows-1252
        meaning = ""
    found = (
        f"undecodable bytes ({error.reason}): the first, byte 0x{byte.hex().upper()}"
        f"{meaning}, at line {line}, column {column}"
    )
    return found, hint


_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY_LINE = re.compile(rf"\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")
_HEADER = re.compile(rf"\s*\[\[?\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]")


def _key_name(written: str) -> str:
    """A key as written (``a . "b"``) as a dotted name (``a.b``)."""
    parts = re.findall(_KEY, written)
    return ".".join(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _duplicate_key(text: str, message: str) -> str:
    """For tomllib's "Cannot overwrite a value", which names no key: the key written twice,
    its table and both lines (``the key 'year' written twice in [profile], at lines 9 and
    10``); ``""`` for any other error, or when the key cannot be found. tomllib reports the
    position where the second value ends: the key is on the nearest line above that starts
    with ``key =``."""
    found = _ERROR_POSITION.search(message)
    if not message.startswith("Cannot overwrite a value") or found is None:
        return ""
    lines = text.splitlines()
    at = int(found.group(1)) - 1
    if not 0 <= at < len(lines):
        return ""
    if header := _HEADER.match(lines[at]):  # [t.x] after t.x = ...: a value, then a table
        return f"the key {_key_name(header.group(1))!r} written twice: as a value and a table"
    second = next((i for i in range(at, -1, -1) if _KEY_LINE.match(lines[i])), None)
    if second is None:
        return ""
    key = _key_name(_KEY_LINE.match(lines[second]).group(1))
    table, first = "", None
    for i in range(second - 1, -1, -1):
        if header := _HEADER.match(lines[i]):
            table = f" in [{_key_name(header.group(1))}]"
            break
        other = _KEY_LINE.match(lines[i])
        name = _key_name(other.group(1)) if other else ""
        # a.b = 2 after a = 1 overwrites a: the same key, or one a prefix of the other
        if first is None and name and (name == key or f"{key}.".startswith(f"{name}.")):
            first = i
    where = f"lines {first + 1} and {second + 1}" if first is not None else f"line {second + 1}"
    return f"the key {key!r} written twice{table}, at {where}"


_CURLY = "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb"
_STRINGS = re.compile(r""""(?:[^"\\]|\\.)*"|'[^']*'""")


def _curly_quotes_at(text: str, message: str) -> str:
    """The typographic quotes outside any string on the line a parse error names (a word
    processor's ``focal = “DEU”``), or ``""``."""
    found = _ERROR_POSITION.search(message)
    if found is None:
        return ""
    lines = text.splitlines()
    at = int(found.group(1)) - 1
    if not 0 <= at < len(lines):
        return ""
    # closed strings out, then from a comment or an unclosed string on
    outside = re.split(r"[\"'#]", _STRINGS.sub("", lines[at]), maxsplit=1)[0]
    quotes = "".join(dict.fromkeys(c for c in outside if c in _CURLY))
    return " ".join(quotes)


def _unquoted_fraction_at(text: str, message: str) -> bool:
    """Whether the parse error at the position ``message`` names sits on an unquoted fraction
    such as ``1/2`` (tomllib reports the ``/`` as an unexpected character, never the fraction).
    """
    found = _ERROR_POSITION.search(message)
    if found is None:
        return False
    line_number, column = int(found.group(1)), int(found.group(2))
    lines = text.splitlines()
    if not 1 <= line_number <= len(lines):
        return False
    index = column - 1  # tomllib counts columns from 1
    return any(m.start() <= index < m.end() for m in _FRACTION.finditer(lines[line_number - 1]))


MISSING = "nothing (the key is required)"
"""What a problem says it found when a required key is left out."""


def shown(value: Any) -> str:
    """A found value as a message shows it: strings quoted, tables and lists by kind."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return literal(value)


class Checker:
    """Collects problems for one file; typed getters return ``None`` after recording one."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.problems: list[Problem] = []
        self._keys: list[str] = []  # the key path of each problem, without the file

    def where(self, key: str) -> str:
        return f"{self.path}: {key}" if key else self.path

    def add(self, key: str, expected: str, found: str, hint: str = "") -> None:
        where = self.where(key)
        if found == MISSING and any(p.where == where and p.found == MISSING for p in self.problems):
            return  # a missing key is one problem, though keys() and a getter both see it
        self.problems.append(Problem(where, expected, found, hint))
        self._keys.append(key)

    def add_problem(self, problem: Problem, key: str) -> None:
        """Record a problem located elsewhere (a cell of an analyst's table the file names),
        counted as a problem at ``key`` of this file (:meth:`has_problem`)."""
        self.problems.append(problem)
        self._keys.append(key)

    def has_problem(self, key: str, *, below: bool = False) -> bool:
        """Whether a problem was recorded at ``key`` (with ``below``, also at a key under it:
        ``weights.values.x`` or ``coalitions[0].id`` for ``weights`` or ``coalitions``)."""
        return any(
            k == key or (below and k.startswith((f"{key}.", f"{key}[", f"{key} ")))
            for k in self._keys
        )

    def done(self) -> None:
        """Raise one :class:`AllianceScoreError` with every problem recorded, if any."""
        if self.problems:
            raise AllianceScoreError(self.problems)

    # ------------------------------------------------------------------ structure
    def keys(
        self,
        key: str,
        table: Mapping[str, Any],
        allowed: Iterable[str],
        required: Iterable[str] = (),
    ) -> None:
        """Unknown keys (with did-you-mean) and missing required keys of ``table``."""
        allowed = list(allowed)
        prefix = f"{key}." if key else ""
        for name in table:
            if name not in allowed:
                if not allowed:
                    self.add(
                        f"{prefix}{name}",
                        "no keys here (nothing to set)",
                        "an unknown key",
                        "Remove it",
                    )
                    continue
                self.add(
                    f"{prefix}{name}",
                    f"one of the keys {', '.join(allowed)}",
                    "an unknown key",
                    did_you_mean(name, allowed, listing=False),
                )
        for name in required:
            if name not in table:
                self.add(f"{prefix}{name}", "a value", MISSING)

    def table(self, key: str, value: Any, required: bool = True) -> dict[str, Any] | None:
        if value is None:
            if required:
                self.add(key, "a table", "nothing (it is required)")
            return None
        if not isinstance(value, dict):
            self.add(key, "a table (key = value pairs)", shown(value))
            return None
        return value

    # ------------------------------------------------------------------ scalars
    def string(
        self,
        key: str,
        table: Mapping[str, Any],
        name: str,
        *,
        required: bool = True,
        choices: Iterable[str] | None = None,
        default: str | None = None,
    ) -> str | None:
        full = f"{key}.{name}" if key else name
        if name not in table:
            if required:
                self.add(full, "a string", MISSING)
            return default
        value = table[name]
        if not isinstance(value, str) or not value.strip():
            self.add(full, "a non-empty string", shown(value))
            return default
        if choices is not None:
            choices = list(choices)
            if value not in choices:
                self.add(
                    full,
                    f"one of {', '.join(map(repr, choices))}",
                    repr(value),
                    did_you_mean(value, choices, listing=False),
                )
                return default
        return value

    def number(
        self,
        key: str,
        table: Mapping[str, Any],
        name: str,
        *,
        required: bool = True,
        minimum: float | None = None,
        maximum: float | None = None,
        positive: bool = False,
        default: float | None = None,
    ) -> float | None:
        full = f"{key}.{name}" if key else name
        if name not in table:
            if required:
                self.add(full, "a number", MISSING)
            return default
        return self.number_value(
            full, table[name], minimum=minimum, maximum=maximum, positive=positive, default=default
        )

    def number_value(
        self,
        full: str,
        value: Any,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        positive: bool = False,
        default: float | None = None,
    ) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(full, "a number", shown(value))
            return default
        value = float(value)
        if not math.isfinite(value):
            self.add(full, "a finite number", literal(value))
            return default
        if positive and value <= 0:
            self.add(full, "a positive number", literal(value))
            return default
        if minimum is not None and value < minimum:
            self.add(full, f"a number >= {minimum:g}", literal(value))
            return default
        if maximum is not None and value > maximum:
            self.add(full, f"a number <= {maximum:g}", literal(value))
            return default
        return value

    def integer(
        self,
        key: str,
        table: Mapping[str, Any],
        name: str,
        *,
        required: bool = True,
        minimum: int | None = None,
        maximum: int | None = None,
        default: int | None = None,
    ) -> int | None:
        full = f"{key}.{name}" if key else name
        if name not in table:
            if required:
                self.add(full, "a whole number", MISSING)
            return default
        value = table[name]
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(full, "a whole number", shown(value))
            return default
        if minimum is not None and value < minimum:
            self.add(full, f"a whole number >= {minimum}", literal(value))
            return default
        if maximum is not None and value > maximum:
            self.add(full, f"a whole number <= {maximum}", literal(value))
            return default
        return value

    def boolean(
        self, key: str, table: Mapping[str, Any], name: str, *, default: bool = False
    ) -> bool:
        full = f"{key}.{name}" if key else name
        value = table.get(name, default)
        if not isinstance(value, bool):
            self.add(full, "true or false", shown(value))
            return default
        return value

    def strings(
        self,
        key: str,
        table: Mapping[str, Any],
        name: str,
        *,
        required: bool = True,
        example: str = '["USA", "AUS"]',
    ) -> list[str]:
        full = f"{key}.{name}" if key else name
        if name not in table:
            if required:
                self.add(full, "a list of strings", MISSING)
            return []
        value = table[name]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(full, f"a list of strings, e.g. {example}", shown(value))
            return []
        return list(value)
