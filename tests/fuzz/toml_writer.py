"""A small TOML writer for the fuzz suite: the subset the project's files use (tables, arrays of
tables, strings, numbers, booleans, arrays, inline tables), enough to write back a mutated
document. Not for the package: analysts write TOML by hand."""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["dumps"]


def _key(key: str) -> str:
    bare = key and all(c.isalnum() or c in "-_" for c in key)
    return key if bare else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__}")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(path: list[str], table: dict[str, Any], out: list[str]) -> None:
    simple = {k: v for k, v in table.items() if not isinstance(v, dict) and not _is_table_array(v)}
    for key, value in simple.items():
        out.append(f"{_key(key)} = {_value(value)}")
    for key, value in table.items():
        if isinstance(value, dict):
            out.append("")
            out.append("[" + ".".join(_key(p) for p in [*path, key]) + "]")
            _table([*path, key], value, out)
        elif _is_table_array(value):
            for entry in value:
                out.append("")
                out.append("[[" + ".".join(_key(p) for p in [*path, key]) + "]]")
                _table([*path, key], entry, out)


def dumps(document: dict[str, Any]) -> str:
    """``document`` as TOML text."""
    out: list[str] = []
    _table([], document, out)
    return "\n".join(out).lstrip("\n") + "\n"
