"""A tiny JSON Schema (draft 2020-12) check, for the tests when ``jsonschema`` is not installed.

It knows exactly the keywords the declared formats' schemas use (:data:`KNOWN`); a test asserts
that a schema uses no other (:func:`keywords`), so a keyword added to the schemas later cannot be
skipped silently here.
"""

from __future__ import annotations

import math
import re
from typing import Any

KNOWN = {
    "$schema", "$defs", "$ref", "title", "description", "default", "type", "properties",
    "required", "additionalProperties", "items", "enum", "const", "minimum", "maximum",
    "exclusiveMinimum", "minLength", "pattern", "minItems", "maxItems", "minProperties",
    "propertyNames", "allOf", "anyOf", "if", "then",
}  # fmt: skip

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
}


def keywords(schema: Any) -> set[str]:
    """Every keyword used in ``schema`` (property names and $defs names left out)."""
    if not isinstance(schema, dict):
        return set()
    found = set(schema)
    for key, value in schema.items():
        if key in ("properties", "$defs"):
            found |= set().union(*(keywords(v) for v in value.values()))
        elif key in ("allOf", "anyOf"):
            found |= set().union(*(keywords(v) for v in value))
        elif key in ("items", "additionalProperties", "propertyNames", "if", "then"):
            found |= keywords(value)
    return found


def validate(value: Any, schema: Any, root: dict) -> list[str]:
    """Errors of ``value`` against ``schema``; ``root`` holds the ``$defs`` ``$ref`` names."""
    if isinstance(schema, bool):
        return [] if schema else ["no value allowed here"]
    if "type" in schema and not _TYPES[schema["type"]](value):
        return [f"{value!r} is not of type {schema['type']}"]
    errors = []
    if "$ref" in schema:
        errors += validate(value, root["$defs"][schema["$ref"].split("/")[-1]], root)
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{value!r} is not {schema['const']!r}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        errors += _number_errors(value, schema)
    if isinstance(value, str):
        errors += _string_errors(value, schema)
    if isinstance(value, list):
        errors += _array_errors(value, schema, root)
    if isinstance(value, dict):
        errors += _object_errors(value, schema, root)
    return errors + _combined_errors(value, schema, root)


def _number_errors(value: float, schema: dict) -> list[str]:
    if not math.isfinite(value):
        return []
    errors = []
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{value} < {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        errors.append(f"{value} > {schema['maximum']}")
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        errors.append(f"{value} <= {schema['exclusiveMinimum']}")
    return errors


def _string_errors(value: str, schema: dict) -> list[str]:
    errors = []
    if len(value) < schema.get("minLength", 0):
        errors.append(f"{value!r} too short")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{value!r} does not match {schema['pattern']}")
    return errors


def _array_errors(value: list, schema: dict, root: dict) -> list[str]:
    errors = []
    if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", math.inf):
        errors.append(f"{len(value)} items")
    for item in value:
        errors += validate(item, schema.get("items", True), root)
    return errors


def _object_errors(value: dict, schema: dict, root: dict) -> list[str]:
    errors = [f"{k!r} is required" for k in schema.get("required", []) if k not in value]
    if len(value) < schema.get("minProperties", 0):
        errors.append("too few properties")
    properties = schema.get("properties", {})
    for key, item in value.items():
        if "propertyNames" in schema:
            errors += validate(key, schema["propertyNames"], root)
        sub = properties.get(key, schema.get("additionalProperties", True))
        errors += [f"{key}: {e}" for e in validate(item, sub, root)]
    return errors


def _combined_errors(value: Any, schema: dict, root: dict) -> list[str]:
    errors = []
    for sub in schema.get("allOf", []):
        errors += validate(value, sub, root)
    if "anyOf" in schema and all(validate(value, s, root) for s in schema["anyOf"]):
        errors.append(f"{value!r} matches none of anyOf")
    if "if" in schema and not validate(value, schema["if"], root):
        errors += validate(value, schema.get("then", True), root)
    return errors
