"""One ``.xlsx`` workbook from a list of :class:`~.base.Sheet` (openpyxl, the extra ``xlsx``,
imported only here and only when a workbook is written).

Each sheet: a bold header row, frozen with the sheet's identifying columns; an autofilter;
column widths fitted to the text (at most :data:`MAX_WIDTH` characters); numbers kept as full
doubles (each read back exactly) with a display format by kind
(:data:`~.base.NUMBER_FORMATS`); NaN and infinities empty. Sheet names are made valid for
Excel (at most 31 characters, none of ``[]:*?/\\``, unique).

Text is stored as text, never as a formula: a label from an analyst's file that starts with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is written as a string cell with
Excel's quote prefix, so neither opening nor editing the cell evaluates it (CSV/formula
injection, OWASP); error literals (``#N/A``) stay text too. Control characters that XML
cannot hold become U+FFFD; text past Excel's 32,767 characters per cell is cut.

The same sheets give the same bytes: the package's members carry one fixed time and the
document's created and modified properties one fixed instant (``SOURCE_DATE_EPOCH`` when set,
the reproducible-builds convention, else 1980-01-01, the earliest a zip member can carry), as
the HTML reports carry none; what was run, with which version, seed and inputs, is in the
workbook's own sheets.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.present.source_date import source_date
from alliancescore.present.writing import write_atomic

from .base import FORMULA_TRIGGERS, NUMBER_FORMATS, Sheet, cell_value

__all__ = [
    "MAX_WIDTH",
    "require_openpyxl",
    "sheet_title",
    "workbook_bytes",
    "write_workbook",
]

INSTALL_HINT = "pip install 'alliancescore[xlsx]'"
MAX_WIDTH = 60  # characters
_CELL_TEXT_MAX = 32767  # Excel's limit on the characters of one cell
_TITLE_MAX = 31  # Excel's limit on a sheet name
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SAMPLE_ROWS = 2000  # rows read to fit a column's width
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def require_openpyxl(where: str = "--format xlsx") -> Any:
    """The openpyxl module, or one error naming the extra that installs it."""
    try:
        import openpyxl
    except ImportError:
        raise AllianceScoreError(
            Problem(
                where,
                "the openpyxl package (the optional extra 'xlsx') to write a workbook",
                "it is not installed",
                f"Install it with: {INSTALL_HINT}",
            )
        ) from None
    return openpyxl


def sheet_title(name: str, taken: set[str]) -> str:
    """``name`` as a valid, unused Excel sheet name (``taken`` holds the used ones,
    lowercased, and gets this one): forbidden characters become ``_``, at most 31
    characters, a repeat gets ``~2``, ``~3``..."""
    title = _BAD_TITLE.sub("_", name).strip("'") or "sheet"
    title = title[:_TITLE_MAX]
    candidate, n = title, 1
    while candidate.lower() in taken or candidate.lower() == "history":
        n += 1
        suffix = f"~{n}"
        candidate = title[: _TITLE_MAX - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def _text(value: str) -> str:
    value = _ILLEGAL_XML.sub("\ufffd", value)
    if len(value) > _CELL_TEXT_MAX:
        value = value[: _CELL_TEXT_MAX - 1] + "\u2026"
    return value


def _shown(value: Any, kind: str | None) -> str:
    """Roughly the text Excel shows, to fit the column's width."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if kind == "score":
        return f"{value:.4f}"
    if kind == "share":
        return f"{value:.1%}"
    if kind in ("km", "int"):
        return f"{value:.0f}"
    return f"{value:.10g}"


def _put(ws: Any, row: int, column: int, value: Any, number_format: str | None) -> None:
    """One cell: text always as text (quote-prefixed where it could read as a formula),
    numbers with ``number_format``."""
    if isinstance(value, str):
        cell = ws.cell(row=row, column=column, value=_text(value))
        cell.data_type = "s"  # never a formula nor an error literal
        if cell.value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
        return
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        # openpyxl writes numbers with 16 significant digits, which does not give every
        # double back (0.35000000000000003 -> 0.35): keep the number cell, written as the
        # shortest text that does (repr, at most 17 digits).
        cell._value = repr(value)
    if number_format and not isinstance(value, bool):
        cell.number_format = number_format


def _fill(ws: Any, sheet: Sheet, header_font: Any) -> None:
    from openpyxl.utils import get_column_letter

    columns = [str(c) for c in sheet.frame.columns]
    kinds = [sheet.kind(c) for c in columns]
    formats = [NUMBER_FORMATS.get(k) if k else None for k in kinds]
    widths = [len(c) for c in columns]
    for c, name in enumerate(columns, start=1):
        _put(ws, 1, c, name, None)
        ws.cell(row=1, column=c).font = header_font
    for r, row in enumerate(sheet.frame.itertuples(index=False, name=None), start=2):
        for c, raw in enumerate(row, start=1):
            value = cell_value(raw)
            if value is None:
                continue
            _put(ws, r, c, value, formats[c - 1])
            if r - 2 < _SAMPLE_ROWS:
                widths[c - 1] = max(widths[c - 1], len(_shown(value, kinds[c - 1])))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(width, MAX_WIDTH) + 2
    ws.freeze_panes = ws.cell(row=2, column=sheet.key_columns + 1)
    if columns:
        ws.auto_filter.ref = ws.dimensions


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The ``.xlsx`` file of ``sheets``, in order, one worksheet each."""
    openpyxl = require_openpyxl()
    from openpyxl.styles import Font

    from alliancescore import __version__

    book = openpyxl.Workbook()
    book.remove(book.active)
    book.properties.creator = f"alliancescore {__version__}"
    header_font = Font(bold=True)
    taken: set[str] = set()
    for sheet in sheets:
        _fill(book.create_sheet(sheet_title(sheet.name, taken)), sheet, header_font)
    when = source_date()
    book.properties.created = when.replace(tzinfo=None)
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl stamps "modified" with the clock and members with the time
    return _with_fixed_time(buffer.getvalue(), when)


def _with_fixed_time(raw: bytes, when: datetime) -> bytes:
    """The package ``raw`` re-zipped in the same order with every member dated ``when`` and
    the core properties' modified time set to it."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            info = zipfile.ZipInfo(member.filename, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            target.writestr(info, data)
    return out.getvalue()


def write_workbook(sheets: Sequence[Sheet], path: Path) -> None:
    """Write the workbook of ``sheets`` to ``path`` atomically (temporary file, then
    rename: :func:`~alliancescore.present.writing.write_atomic`)."""
    write_atomic(path, workbook_bytes(sheets))
