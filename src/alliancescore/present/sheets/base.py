"""The one table shape of spreadsheet output, its number formats, and the record sheet."""

from __future__ import annotations

import json
import math
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["FORMULA_TRIGGERS", "NUMBER_FORMATS", "Sheet", "cell_value", "record_sheet"]

# Leading characters a spreadsheet may read as the start of a formula (OWASP: CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# The kind of a numeric column -> its Excel number format (a display format only: the cell
# keeps the full double). Columns without a kind are shown as Excel's "General".
NUMBER_FORMATS: Mapping[str, str] = {
    "score": "0.0000",  # scores, values on the 0-1 scale, weights, AUCs
    "share": "0.0%",  # shares of draws, rates, confidence factors
    "km": "0",  # distances
    "int": "0",  # ranks and counts
}


@dataclass(frozen=True)
class Sheet:
    """One table of a spreadsheet export.

    name : the table's name: the workbook's sheet (made valid there, at most 31 characters)
        and the CSV file's stem (``acceptability weighted_sum`` ->
        ``acceptability-weighted_sum.csv``).
    frame : the rows, every column written (the index is not: builders put identifiers in
        the leading columns). Cells are numbers, text, booleans or empty (NaN, None).
    formats : column -> kind in :data:`NUMBER_FORMATS`; ``default`` is the kind of every other
        numeric column (None: General).
    key_columns : how many leading columns identify a row (frozen beside the header row).
    """

    name: str
    frame: pd.DataFrame
    formats: Mapping[str, str] = field(default_factory=dict)
    default: str | None = None
    key_columns: int = 0

    def kind(self, column: str) -> str | None:
        """The number-format kind of ``column`` (see :data:`NUMBER_FORMATS`)."""
        return self.formats.get(column, self.default)


def cell_value(value: Any) -> Any:
    """A cell as a spreadsheet holds it: numpy scalars unwrapped, NaN, infinities and pandas'
    missing values empty (None), lists joined with ``", "``, mappings as JSON text."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list | tuple):
        return ", ".join(str(cell_value(v)) for v in value)
    if isinstance(value, Mapping):
        return json.dumps({str(k): cell_value(v) for k, v in value.items()}, ensure_ascii=False)
    return value


def record_sheet(record: Mapping[str, Any], **settings: Any) -> Sheet:
    """The reproducibility record as ``field``, ``value``, ``sha256`` rows: the command (as a
    shell line), the version, the seed, each of ``settings``, then one row per input file
    (its role, path and SHA-256)."""
    command = record.get("command") or []
    rows: list[tuple[str, Any, str]] = [
        ("command", shlex.join(str(part) for part in command), ""),
        ("version", record.get("version"), ""),
        ("seed", record.get("seed"), ""),
    ]
    rows += [(name, cell_value(value), "") for name, value in settings.items()]
    rows += [
        (f"input: {entry['role']}", str(entry["path"]), entry["sha256"])
        for entry in record.get("inputs", ())
    ]
    return Sheet("record", pd.DataFrame(rows, columns=["field", "value", "sha256"]), key_columns=1)
