"""One CSV file per :class:`~.base.Sheet`, in one folder (``sensitivity --format csv --out
DIR``): the same tables as the workbook.

Naming: a table's name with spaces as ``-`` and any character other than letters, digits,
``_``, ``.`` and ``-`` as ``_``, then ``.csv`` (``acceptability weighted_sum`` ->
``acceptability-weighted_sum.csv``, ``monte carlo error`` -> ``monte-carlo-error.csv``).

Numbers are written in full (Python's shortest round-trip form, so reading a file back gives
the analysis's own doubles); empty cells are missing values. Text that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (OWASP's advice against
CSV/formula injection), so a spreadsheet opening the file shows it as text and never
evaluates it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from alliancescore.present.writing import check_destination, write_atomic

from .base import FORMULA_TRIGGERS, Sheet, cell_value

__all__ = ["csv_name", "csv_text", "formula_safe", "write_csv_folder"]

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def csv_name(sheet_name: str) -> str:
    """The file name of a table (see the module docstring)."""
    return _UNSAFE.sub("_", sheet_name.replace(" ", "-")) + ".csv"


def _safe(value: object) -> object:
    value = cell_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def formula_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell, column name and index label that a spreadsheet could read
    as a formula prefixed with ``'`` (numbers untouched): for CSV written elsewhere
    (``score --format csv``)."""

    def text(value: object) -> object:
        if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
            return "'" + value
        return value

    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(text)
    out.columns = [text(c) for c in out.columns]
    out.index = out.index.map(text)
    return out


def csv_text(sheet: Sheet) -> str:
    """The table as CSV: a header row, then the rows (see the module docstring)."""
    frame = pd.DataFrame(
        [[_safe(v) for v in row] for row in sheet.frame.itertuples(index=False, name=None)],
        columns=[str(_safe(str(c))) for c in sheet.frame.columns],
        dtype=object,
    )
    return frame.to_csv(index=False, lineterminator="\n")


def write_csv_folder(
    sheets: Sequence[Sheet], folder: Path, inputs: Sequence[str | Path], data_dir: Path
) -> list[Path]:
    """Write each sheet to ``folder / csv_name(sheet.name)``, atomically; every destination is
    checked (never an input, never a folder or device) before the first is written. Returns
    the paths written."""
    targets = [
        check_destination(folder / csv_name(sheet.name), inputs, data_dir) for sheet in sheets
    ]
    for sheet, target in zip(sheets, targets, strict=True):
        write_atomic(target, csv_text(sheet))
    return targets
