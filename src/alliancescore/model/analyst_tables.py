"""Analysts' own tables (``[[tables]]`` of a criteria file or a profile): read and checked.

An entry (declared once in :data:`alliancescore.model.criteria_format.ANALYST_TABLE`)::

    [[tables]]
    id = "readiness"
    file = "analyst/readiness.xlsx"   # .csv or .xlsx, relative to the file that names it
    source = "Agency X readiness review 2024 (restricted annex B)"
    date = 2025-03-01                 # when the values were assessed
    sheet = "Scores"                  # .xlsx only (default: the first sheet)
    columns = ["score"]               # optional: the value columns (default: all but iso3, year)
    max_staleness_years = 5           # optional, with a year column

The file has a header row (row 1) naming the columns: ``iso3`` (ISO 3166 alpha-3 codes), an
optional ``year`` (whole numbers: the table is then keyed by nation and year) and one or more
numeric value columns; an empty cell is a missing value. It is checked as the shipped data
are: every problem is one :class:`~alliancescore.errors.Problem` naming the file, the row as a
spreadsheet shows it (header = row 1; for a workbook also the sheet), the column, what was
expected and what was found: a missing column, a cell that is not a number or not a whole-number
year, a nation (and year) given twice, a table without rows, and, against the data set
(:func:`check_codes`, through the crosswalk's own check), an unknown ISO3 code with its
did-you-mean::

    analyst/readiness.xlsx, sheet 'Sheet1', row 7, column 'iso3': expected an ISO 3166 alpha-3
    code known to the data set, found 'JAP'. Did you mean 'JPN' ...

Workbooks are read with openpyxl (the ``xlsx`` extra), imported only when one is read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alliancescore.data import TABLES, Dataset
from alliancescore.data.analyst import AnalystTable
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.measures.analyst import TABLE_MEASURE, table_column

from .paths import beside
from .schema import Checker, read_file, shown

__all__ = [
    "ISO3",
    "MAX_CELL_PROBLEMS",
    "YEAR",
    "check_codes",
    "check_references",
    "load_table",
    "merged_tables",
    "read_tables",
    "referenced_tables",
]

ISO3, YEAR = "iso3", "year"
MAX_CELL_PROBLEMS = 20
"""Cell problems reported per file; the rest are counted in one more line (a column of text
would otherwise give a message per row)."""
_SUFFIXES = (".csv", ".xlsx")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


# ----------------------------------------------------------------------------- the entries
def read_tables(
    check: Checker,
    entries: Sequence[Mapping[str, Any] | None],
    declared_in: str | Path,
    data: Dataset | None = None,
) -> tuple[AnalystTable, ...]:
    """The ``[[tables]]`` entries as read by the format (``None`` where an entry is not a
    table), each file read and checked (with ``data``, its ISO3 codes too); problems go to
    ``check`` (those of a file's cells are located in that file). Paths are relative to the
    folder of ``declared_in``."""
    out: list[AnalystTable] = []
    first: dict[str, int] = {}
    for i, spec in enumerate(entries):
        if spec is None:
            continue
        key = f"tables[{i}]"
        table_id = spec["id"]
        if table_id is not None:
            if table_id in first:
                check.add(
                    f"{key}.id",
                    "a table id used once in the file",
                    f"{table_id!r} again (first at tables[{first[table_id]}])",
                )
                continue
            first[table_id] = i
            if table_id in TABLES:
                check.add(
                    f"{key}.id",
                    "an id other than the data set's table names",
                    repr(table_id),
                    "Records name tables by id: call it e.g. "
                    f"{table_id}_analyst, so that it cannot be read as the shipped table",
                )
                continue
        if None in (table_id, spec["file"], spec["source"], spec["date"]):
            continue  # its problems are recorded already
        table = _entry(check, key, spec, declared_in, data)
        if table is not None:
            out.append(table)
    return tuple(out)


def _entry(
    check: Checker,
    key: str,
    spec: Mapping[str, Any],
    declared_in: str | Path,
    data: Dataset | None,
) -> AnalystTable | None:
    path = beside(declared_in, spec["file"])
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        check.add(
            f"{key}.file",
            "a .csv or .xlsx file",
            repr(spec["file"]),
            "Save the table as .xlsx or .csv (comma-separated, UTF-8)",
        )
        return None
    if spec["sheet"] is not None and suffix != ".xlsx":
        check.add(f"{key}.sheet", "no sheet for a .csv file", repr(spec["sheet"]), "Remove it")
        return None
    try:
        return load_table(
            path,
            table_id=spec["id"],
            source=spec["source"],
            date=spec["date"],
            sheet=spec["sheet"],
            columns=tuple(spec["columns"]) if spec["columns"] else None,
            max_staleness_years=spec["max_staleness_years"],
            where=check.where(key),
            data=data,
        )
    except AllianceScoreError as error:
        for problem in error.problems:
            check.add_problem(problem, key)
        return None


def load_table(
    path: str | Path,
    *,
    table_id: str,
    source: str,
    date: str,
    sheet: str | None = None,
    columns: Sequence[str] | None = None,
    max_staleness_years: int | None = None,
    where: str = "",
    data: Dataset | None = None,
) -> AnalystTable:
    """Read and check one analyst's table; every problem of the file in one error.

    ``path`` is shown in messages and records as given; ``columns`` chooses the value columns
    (default: every column besides ``iso3`` and ``year``); with ``data``, the ISO3 codes are
    checked against that data set (else :func:`check_codes` does it later).
    """
    # a path named in a profile or criteria file comes collapsed where that is safe
    # (model.paths.beside); collapsing it here could name another file behind a symlink
    shown_path = str(path)
    try:
        raw = read_file(path, "a .csv or .xlsx file")
    except AllianceScoreError as error:
        raise error.relocated(lambda _: shown_path) from None
    if Path(path).suffix.lower() == ".xlsx":
        rows, sheet = _workbook_rows(raw, shown_path, sheet, where)
        place = f"{shown_path}, sheet '{sheet}'"
    else:
        rows, place = _csv_rows(raw, shown_path), shown_path
    grid = _Grid(place, rows)
    frame, value_columns = grid.read(columns)
    if data is not None and ISO3 in frame:
        for problem in _code_problems(place, frame, data):
            grid.cell_problem(problem)
    if max_staleness_years is not None and grid.header and YEAR not in grid.header:
        grid.problem(
            f"{where}.max_staleness_years" if where else shown_path,
            f"a table with a '{YEAR}' column (max_staleness_years applies to values by year)",
            f"columns {_listed(grid.header)}",
            f"Add a '{YEAR}' column, or remove max_staleness_years",
        )
    grid.done()
    return AnalystTable(
        id=table_id,
        path=shown_path,
        sha256=hashlib.sha256(raw).hexdigest(),
        source=source,
        date=date,
        columns=tuple(value_columns),
        frame=frame,
        keyed_by_year=YEAR in frame,
        max_staleness_years=max_staleness_years,
        sheet=sheet if Path(path).suffix.lower() == ".xlsx" else None,
        where=where,
    )


# ----------------------------------------------------------------------------- files
def _csv_rows(raw: bytes, path: str) -> list[list[Any]]:
    """The rows of a CSV file as text cells (comma, semicolon or tab separated; UTF-8, with
    or without Excel's byte-order mark)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AllianceScoreError(
            Problem(
                path,
                "UTF-8 text (a CSV file)",
                f"undecodable bytes ({error.reason})",
                "Save it as 'CSV UTF-8 (comma delimited)'",
            )
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _workbook_rows(
    raw: bytes, path: str, sheet: str | None, where: str
) -> tuple[list[list[Any]], str]:
    """The rows of one sheet of an .xlsx workbook (cached values of formulas), and its name."""
    try:
        import openpyxl
    except ImportError:
        raise AllianceScoreError(
            Problem(
                path,
                "openpyxl installed, to read .xlsx workbooks",
                "it is not installed",
                "pip install 'alliancescore[xlsx]', or save the table as .csv",
            )
        ) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors for a damaged file
        raise AllianceScoreError(
            Problem(path, "an .xlsx workbook", f"a file it cannot read ({type(error).__name__})")
        ) from None
    try:
        names = list(book.sheetnames)
        if sheet is None:
            sheet = names[0]
        elif sheet not in names:
            raise AllianceScoreError(
                Problem(
                    f"{where}.sheet" if where else path,
                    f"a sheet of {path}",
                    repr(sheet),
                    did_you_mean(sheet, names),
                )
            )
        rows = [list(r) for r in book[sheet].iter_rows(min_row=1, min_col=1, values_only=True)]
    finally:
        book.close()
    return rows, sheet


# ----------------------------------------------------------------------------- cells
def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _number(cell: Any) -> float | None:
    """A cell as a finite number (a number, or text of one), else ``None``."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float) and math.isfinite(cell):
        return float(cell)
    if isinstance(cell, str) and _NUMBER.fullmatch(cell.strip()):
        value = float(cell.strip())
        return value if math.isfinite(value) else None
    return None


def _listed(names: Iterable[str]) -> str:
    return ", ".join(repr(n) for n in names) or "none"


class _Grid:
    """The rows of one file checked cell by cell; problems collected, then raised at once."""

    def __init__(self, place: str, rows: list[list[Any]]):
        self.place = place
        self.rows = rows
        self.header: list[str] = []
        self.problems: list[Problem] = []
        self.cells_left_out = 0

    def problem(self, where: str, expected: str, found: str, hint: str = "") -> None:
        self.problems.append(Problem(where, expected, found, hint))

    def cell(self, row: int, column: str, expected: str, found: str, hint: str = "") -> None:
        """A problem in one cell (counted past :data:`MAX_CELL_PROBLEMS`)."""
        where = f"{self.place}, row {row}, column '{column}'"
        self.cell_problem(Problem(where, expected, found, hint))

    def cell_problem(self, problem: Problem) -> None:
        if sum(1 for p in self.problems if _row_of(p) is not None) >= MAX_CELL_PROBLEMS:
            self.cells_left_out += 1
            return
        self.problems.append(problem)

    def done(self) -> None:
        """Raise every problem, those in cells in the order of their rows."""
        self.problems.sort(key=lambda p: _row_of(p) or 0)
        if self.cells_left_out:
            self.problem(
                self.place,
                f"at most {MAX_CELL_PROBLEMS} problems in cells to list",
                f"{self.cells_left_out} more",
                "Fix those above and run again",
            )
        if self.problems:
            raise AllianceScoreError(self.problems)

    def read(self, chosen: Sequence[str] | None) -> tuple[pd.DataFrame, list[str]]:
        """The checked frame (indexed by row number) and its value columns."""
        positions = self._header(chosen)
        if positions is None:
            return pd.DataFrame(), []
        value_columns = [n for n in positions if n not in (ISO3, YEAR)]
        data: dict[str, list] = {name: [] for name in positions}
        numbers: list[int] = []
        seen: dict[tuple, int] = {}
        for r, row in enumerate(self.rows[1:], start=2):
            if all(_blank(c) for c in row):
                continue
            cells = {name: row[j] if j < len(row) else None for name, j in positions.items()}
            key = self._key(r, cells)
            for name in value_columns:
                data[name].append(self._value(r, name, cells[name]))
            if key is not None:
                if key in seen:
                    what = "nation and year" if YEAR in positions else "nation"
                    self.cell(
                        r,
                        ISO3,
                        f"one row per {what}",
                        f"{' '.join(map(str, key))} again (first at row {seen[key]})",
                        "Keep one row, or key the table by year",
                    )
                seen.setdefault(key, r)
            data[ISO3].append(key[0] if key else None)
            if YEAR in positions:
                data[YEAR].append(key[1] if key else None)
            numbers.append(r)
        if not numbers:
            self.problem(
                self.place,
                "at least one row of values below the header (row 1)",
                "no rows",
                "An empty table measures nothing: fill it or remove the [[tables]] entry",
            )
        frame = pd.DataFrame(data, index=pd.Index(numbers, name="row"))
        for name in value_columns:
            frame[name] = frame[name].astype(np.float64)
        if YEAR in frame:
            frame[YEAR] = frame[YEAR].astype("Int64")
        return frame, value_columns

    def _header(self, chosen: Sequence[str] | None) -> dict[str, int] | None:
        """Column name -> position of iso3, year and the value columns; ``None`` when the
        header has problems (recorded)."""
        if not self.rows or all(_blank(c) for c in self.rows[0]):
            self.problem(
                f"{self.place}, row 1",
                f"a header row naming the columns ('{ISO3}', optionally '{YEAR}', then values)",
                "an empty row" if self.rows else "an empty file",
            )
            return None
        first = self.rows[0]
        self.header = [str(c).strip() if not _blank(c) else "" for c in first]
        problems = len(self.problems)
        where: dict[str, int] = {}
        for j, name in enumerate(self.header):
            if not name:
                if any(j < len(row) and not _blank(row[j]) for row in self.rows[1:]):
                    self.problem(
                        f"{self.place}, row 1, column {j + 1}",
                        "a column name above the values",
                        "an empty header cell",
                    )
                continue
            if name in where:
                self.problem(
                    f"{self.place}, row 1, column '{name}'",
                    "each column name once",
                    f"{name!r} again (columns {where[name] + 1} and {j + 1})",
                )
            where.setdefault(name, j)
        named = [n for n in self.header if n]
        if ISO3 not in where:
            self.problem(
                f"{self.place}, row 1",
                f"a column '{ISO3}' of ISO 3166 alpha-3 codes",
                f"columns {_listed(named)}",
                did_you_mean(ISO3, named),
            )
        values = [n for n in named if n not in (ISO3, YEAR)] if chosen is None else list(chosen)
        for name in chosen or ():
            if name in (ISO3, YEAR):
                self.problem(
                    f"{self.place}, columns", "value columns besides iso3 and year", repr(name)
                )
            elif name not in where:
                self.problem(
                    f"{self.place}, row 1",
                    f"a column {name!r} (named in columns)",
                    f"columns {_listed(named)}",
                    did_you_mean(name, named),
                )
        if not values:
            self.problem(
                f"{self.place}, row 1",
                f"at least one value column besides '{ISO3}' and '{YEAR}'",
                f"columns {_listed(named)}",
            )
        if len(self.problems) > problems:
            return None
        keys = [ISO3] + ([YEAR] if YEAR in where else [])
        return {name: where[name] for name in dict.fromkeys([*keys, *values])}

    def _key(self, r: int, cells: Mapping[str, Any]) -> tuple | None:
        """(iso3,) or (iso3, year) of a row, or ``None`` after recording its problem."""
        code = cells[ISO3]
        ok = True
        if not isinstance(code, str) or _blank(code):
            self.cell(
                r,
                ISO3,
                "an ISO 3166 alpha-3 code",
                "an empty cell" if _blank(code) else shown(code),
            )
            ok = False
        if YEAR not in cells:
            return (code.strip(),) if ok else None
        year = _number(cells[YEAR])
        if year is None or year != int(year):
            self.cell(
                r,
                YEAR,
                "a whole-number year",
                "an empty cell" if _blank(cells[YEAR]) else shown(cells[YEAR]),
                "Every row of a table keyed by year needs its year",
            )
            return None
        return (code.strip(), int(year)) if ok else None

    def _value(self, r: int, name: str, cell: Any) -> float:
        if _blank(cell):
            return np.nan
        value = _number(cell)
        if value is None:
            self.cell(
                r,
                name,
                "a number (or an empty cell for a missing value)",
                shown(cell),
                "Write numbers only: units and notes belong in another column or the source",
            )
            return np.nan
        return value


_ROW = re.compile(r", row (\d+)(?:,|$)")


def _row_of(problem: Problem) -> int | None:
    """The row number a problem names, if it is in a cell or row."""
    found = _ROW.search(problem.where)
    return int(found.group(1)) if found else None


# ----------------------------------------------------------------------------- the data set
def _code_problems(place: str, frame: pd.DataFrame, data: Dataset) -> list[Problem]:
    """A problem per row whose ISO3 code the data set does not know, located at its cell,
    from the crosswalk's own check (its did-you-mean; the code, when a nation's name was
    written instead)."""
    crosswalk = data.crosswalk
    codes = frame[ISO3]
    unknown = frame[codes.notna() & ~codes.isin(crosswalk.iso3_codes)]
    if unknown.empty:
        return []
    names = {str(n).casefold(): iso for iso, n in crosswalk.nations[["iso3", "name"]].values}
    problems = []
    for row, code in zip(unknown.index, unknown[ISO3], strict=True):
        where = f"{place}, row {row}, column '{ISO3}'"
        try:
            crosswalk.check_iso3([code], where)
        except AllianceScoreError as error:
            found = error.problems[0]
            by_name = names.get(code.casefold())
            hint = (
                f"{code!r} is the name of {by_name}: use the code {by_name!r}"
                if by_name
                else found.hint
            )
            problems.append(
                Problem(where, "an ISO 3166 alpha-3 code known to the data set", found.found, hint)
            )
    return problems


def check_codes(tables: Iterable[AnalystTable], data: Dataset) -> list[Problem]:
    """The ISO3 problems of tables read without a data set (:func:`load_table` without
    ``data``), at most :data:`MAX_CELL_PROBLEMS` per table."""
    problems = []
    for table in tables:
        problems += _code_problems(table.file_label, table.frame, data)[:MAX_CELL_PROBLEMS]
    return problems


# ----------------------------------------------------------------------------- indicators
def merged_tables(
    *groups: Iterable[AnalystTable],
) -> tuple[dict[str, AnalystTable], list[Problem]]:
    """The tables of the criteria file and the profile by id, and a problem for an id both
    declare (which one an indicator reads would be a guess)."""
    out: dict[str, AnalystTable] = {}
    problems = []
    for group in groups:
        for table in group:
            if table.id in out:
                problems.append(
                    Problem(
                        table.where,
                        "a table id not declared already",
                        f"{table.id!r}, declared also at {out[table.id].where}",
                        "Give one of them another id",
                    )
                )
                continue
            out[table.id] = table
    return out, problems


def referenced_tables(indicators: Iterable[Any]) -> dict[str, str]:
    """Indicator id -> the table id its ``table`` measure names (indicators of other measures
    left out)."""
    return {
        ind.id: ind.params["table"]
        for ind in indicators
        if ind.measure == TABLE_MEASURE and isinstance(ind.params.get("table"), str)
    }


def check_references(
    indicators: Iterable[Any], tables: Mapping[str, AnalystTable], *, unknown_ok: bool = False
) -> list[Problem]:
    """Each indicator of the ``table`` measure names a declared table (unless ``unknown_ok``:
    a criteria file checked alone, whose profiles may declare it) and one of its value
    columns (or leaves ``column`` out of a table with one)."""
    problems = []
    for ind in indicators:
        if ind.measure != TABLE_MEASURE or not isinstance(ind.params.get("table"), str):
            continue
        name, column = ind.params["table"], ind.params.get("column")
        if name not in tables:
            if not unknown_ok:
                problems.append(
                    Problem(
                        f"{ind.where}.params.table",
                        "the id of a [[tables]] entry of the criteria file or the profile",
                        repr(name),
                        did_you_mean(name, tables),
                    )
                )
            continue
        table = tables[name]
        if table_column(table.columns, column) not in table.columns:
            problems.append(
                Problem(
                    f"{ind.where}.params.column",
                    f"a value column of table {name!r} ({table.file_label})",
                    repr(column) if column is not None else "nothing (the table has several)",
                    did_you_mean(str(column), table.columns),
                )
            )
    return problems
