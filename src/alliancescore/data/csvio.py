"""Read a table file against its spec (with errors naming file and line) and write it back.

Reading checks the header, every cell's type, allowed values, empty cells in required columns,
the declared domain of every number (bounds, finiteness: :meth:`Column.domain`), duplicate keys
and nation codes; all problems found are raised together as one
:class:`~alliancescore.errors.DataSetError`, each naming the file and the line (line 1 is
the header). Writing is deterministic: rows sorted by key, floats in the column's fixed format,
``\\n`` line ends, UTF-8 -- so a rebuild from the same sources is byte-identical.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Collection
from pathlib import Path

import numpy as np
import pandas as pd

from alliancescore.data.schema import Column, TableSpec
from alliancescore.errors import DataSetError, Problem, did_you_mean

__all__ = ["MAX_PROBLEMS", "parse_table", "read_table", "render_table"]

MAX_PROBLEMS = 20
"""Problems listed per file before the rest are summarised."""

_MAX_INT = 2**53
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


def read_table(
    path: Path, spec: TableSpec, known_iso3: Collection[str] | None = None
) -> pd.DataFrame:
    """Read and validate ``path`` against ``spec``; see :func:`parse_table`."""
    if not path.is_file():
        raise DataSetError(
            Problem(
                where=str(path),
                expected=f"the {spec.name!r} table file",
                found="no such file",
                hint="Rebuild the data with `python -m alliancescore.data.build`, or point --data "
                "(ALLIANCESCORE_DATA_DIR) at a complete data set folder",
            )
        )
    return parse_table(path.read_bytes(), spec, str(path), known_iso3)


def parse_table(
    content: bytes, spec: TableSpec, where: str, known_iso3: Collection[str] | None = None
) -> pd.DataFrame:
    """Parse CSV bytes into a typed DataFrame, or raise naming ``where`` and the line.

    ``iso3`` columns are checked against ``known_iso3`` when given. Integer columns come back
    as pandas nullable ``Int64``, floats as ``float64`` (empty = NaN), strings and dates as
    ``object`` (empty = ``None``).
    """
    raw = _read_csv(content, where)
    _check_header(raw, spec, where)
    problems: list[Problem] = []
    lines = np.arange(len(raw)) + 2  # line 1 is the header
    out: dict[str, pd.Series] = {}
    for column in spec.columns:
        cells = _Cells(raw[column.name], lines, where, problems)
        cells.report(
            cells.empty & (not column.nullable), f"a value in column {column.name!r}", empty=True
        )
        if column.numeric:
            out[column.name] = _numbers(cells, column.kind, column.name)
            _domain(cells, out[column.name], column, raw, spec)
        else:
            out[column.name] = _strings(cells, column.kind, column.name, known_iso3)
        if column.choices and not column.numeric:  # numbers: in _domain
            allowed = {str(choice) for choice in column.choices}
            cells.report(
                ~cells.empty & ~cells.text.isin(allowed).to_numpy(),
                f"one of {', '.join(sorted(allowed))} in column {column.name!r}",
            )
    frame = pd.DataFrame(out)
    _spans(frame, spec, raw, lines, where, problems)
    _duplicate_keys(frame, spec, lines, where, problems)
    if problems:
        if len(problems) > MAX_PROBLEMS:
            extra = len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS]
            problems.append(Problem(where, "no further problems", f"{extra} more not shown"))
        raise DataSetError(problems)
    return frame


def _read_csv(content: bytes, where: str) -> pd.DataFrame:
    try:
        return pd.read_csv(
            io.BytesIO(content),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding="utf-8",
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataSetError(
            Problem(where=where, expected="a UTF-8 CSV file", found=f"unreadable ({exc})")
        ) from None


def _check_header(raw: pd.DataFrame, spec: TableSpec, where: str) -> None:
    header = tuple(raw.columns)
    if header != spec.column_names:
        raise DataSetError(
            Problem(
                where=f"{where}: line 1",
                expected=f"columns {', '.join(spec.column_names)}",
                found=", ".join(header) or "no header",
                hint=f"The {spec.name!r} table's columns are defined in "
                "alliancescore.data.schema; rebuild the file",
            )
        )


class _Cells:
    """One column's text cells, and the problems found in them (at most MAX_PROBLEMS per
    check, each naming the file and line)."""

    def __init__(self, text: pd.Series, lines: np.ndarray, where: str, problems: list[Problem]):
        self.text, self.lines, self.where, self.problems = text, lines, where, problems
        self.empty = (text == "").to_numpy()

    def report(
        self,
        bad: np.ndarray,
        expected: str,
        *,
        empty: bool = False,
        hint: Callable[[str], str] | None = None,
    ) -> None:
        if empty:
            for line in self.lines[bad][:MAX_PROBLEMS]:
                self.problems.append(Problem(f"{self.where}: line {line}", expected, "empty"))
            return
        for line, value in zip(
            self.lines[bad][:MAX_PROBLEMS], self.text[bad][:MAX_PROBLEMS], strict=False
        ):
            problem = Problem(f"{self.where}: line {line}", expected, repr(value))
            if hint is not None:
                problem = Problem(problem.where, expected, problem.found, hint(value))
            self.problems.append(problem)


def _numbers(cells: _Cells, kind: str, name: str) -> pd.Series:
    """An int (``Int64``) or float column; bad cells reported and left missing."""
    empty, text = cells.empty, cells.text
    numbers = pd.to_numeric(text.where(~empty, None), errors="coerce")
    bad = (~empty) & numbers.isna().to_numpy()
    if kind == "int":
        bad |= (~empty) & ~bad & (numbers.fillna(0) % 1 != 0).to_numpy()
        cells.report(bad, f"an integer in column {name!r}")
        # Beyond 2**53 a float no longer holds every integer (and past int64 the cast fails).
        huge = (~empty) & ~bad & (numbers.fillna(0).abs() > _MAX_INT).to_numpy()
        cells.report(huge, f"an integer of at most {_MAX_INT} in column {name!r}")
        return numbers.where(~(bad | huge)).round().astype("Int64")
    cells.report(bad, f"a number in column {name!r}")
    return numbers.where(~bad).astype("float64")


def _domain(
    cells: _Cells, values: pd.Series, column: Column, raw: pd.DataFrame, spec: TableSpec
) -> None:
    """Numbers outside the column's declared domain (:meth:`Column.domain`; infinities in a
    float column), each named by line, key and column: ``tables/nmc.csv: line 9 (USA 2018),
    column 'milex': expected an integer >= 0 (thousands of current US$), found '-5'``."""
    numbers = values.to_numpy(dtype="float64", na_value=np.nan)
    bad = np.isinf(numbers) | column.outside(numbers)
    if column.choices:
        bad |= ~np.isnan(numbers) & ~np.isin(numbers, np.array(column.choices, dtype=float))
    if not bad.any():
        return
    expected = column.domain() + (f" ({column.unit})" if column.unit else "")
    rows = np.flatnonzero(bad)[:MAX_PROBLEMS]
    keys = raw.iloc[rows][list(spec.key)].to_numpy(dtype=str)
    for row, key in zip(rows, keys, strict=True):
        at = f"{cells.where}: line {cells.lines[row]} ({' '.join(key)}), column {column.name!r}"
        cells.problems.append(
            Problem(
                at,
                expected,
                repr(cells.text.iloc[row]),
                "Correct the value (or the build step that wrote it) and rebuild the data set "
                "with `python -m alliancescore.data.build`",
            )
        )


def _spans(
    frame: pd.DataFrame,
    spec: TableSpec,
    raw: pd.DataFrame,
    lines: np.ndarray,
    where: str,
    problems: list[Problem],
) -> None:
    """Rows whose spell ends before it begins (:attr:`TableSpec.spans`), by line and key."""
    for first, last in spec.spans:
        starts, ends = frame[first], frame[last]
        both = (starts.notna() & ends.notna()).to_numpy(dtype=bool)
        bad = np.zeros(len(frame), dtype=bool)
        bad[both] = (ends[both] < starts[both]).to_numpy(dtype=bool)
        for row in np.flatnonzero(bad)[:MAX_PROBLEMS]:
            key = " ".join(raw.iloc[row][list(spec.key)])
            problems.append(
                Problem(
                    f"{where}: line {lines[row]} ({key}), column {last!r}",
                    f"a value at or after {first} = {raw[first].iloc[row]}",
                    repr(raw[last].iloc[row]),
                    "A spell cannot end before it begins: correct either, and rebuild with "
                    "`python -m alliancescore.data.build`",
                )
            )


def _strings(cells: _Cells, kind: str, name: str, known_iso3: Collection[str] | None) -> pd.Series:
    """A string, date or ISO3 column (``None`` for empty); bad dates and codes reported."""
    empty, text = cells.empty, cells.text
    # None for empty, as documented, whatever pandas's string dtype (pandas 3 would give NaN
    # through .where).
    series = pd.Series(
        np.where(empty, None, text.to_numpy(dtype=object)), index=text.index, dtype=object
    )
    if kind == "date":
        ok = text.str.match(_DATE) & pd.to_datetime(text, errors="coerce").notna()
        cells.report((~empty) & ~ok.to_numpy(), f"a date YYYY-MM-DD in column {name!r}")
    elif kind == "iso3":
        shape = text.str.match(_ISO3).to_numpy()
        known = text.isin(list(known_iso3)).to_numpy() if known_iso3 is not None else shape
        cells.report(
            (~empty) & ~(shape & known),
            f"a nation code known to the data set's reference/nations.csv in column {name!r}",
            hint=lambda value: did_you_mean(value, known_iso3 or ()),
        )
    return series


def _duplicate_keys(
    frame: pd.DataFrame, spec: TableSpec, lines: np.ndarray, where: str, problems: list[Problem]
) -> None:
    dup = frame.duplicated(list(spec.key), keep=False).to_numpy()
    if not dup.any():
        return
    first_line: dict[tuple[object, ...], int] = {}
    for line, key in zip(
        lines[dup],
        frame.loc[dup, list(spec.key)].itertuples(index=False, name=None),
        strict=True,
    ):
        if key not in first_line:
            first_line[key] = int(line)
        elif len(problems) < 5 * MAX_PROBLEMS:
            problems.append(
                Problem(
                    f"{where}: line {line}",
                    f"a unique key ({', '.join(spec.key)})",
                    f"{key} again (first at line {first_line[key]})",
                )
            )


def _format_column(series: pd.Series, kind: str, fmt: str) -> np.ndarray:
    if kind == "float":
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        missing = np.isnan(values)
        text = np.char.mod(fmt or "%r", np.where(missing, 0.0, values)).astype(object)
        for i in np.flatnonzero(np.char.startswith(text.astype(str), "-")):
            if float(text[i]) == 0.0:  # a rounded zero must not print as "-0"
                text[i] = text[i][1:]
        text[missing] = ""
        return text
    if kind == "int":
        values = pd.array(series, dtype="Int64")
        text = values.astype(str).to_numpy(dtype=object)
        text[values.isna()] = ""
        return text
    return series.astype(object).where(series.notna(), "").astype(str).to_numpy(dtype=object)


def render_table(frame: pd.DataFrame, spec: TableSpec) -> bytes:
    """The CSV bytes of ``frame`` as ``spec`` lays them out: sorted by key, fixed formats.

    Float formats that would print a negative zero (``-0.000``) print it unsigned, so that the
    output does not depend on the sign of a rounded zero.
    """
    missing = [c for c in spec.column_names if c not in frame.columns]
    if missing:
        raise ValueError(f"{spec.name}: frame lacks columns {missing}")
    ordered = frame.loc[:, list(spec.column_names)].sort_values(list(spec.key), kind="mergesort")
    columns = {
        column.name: _format_column(ordered[column.name], column.kind, column.fmt)
        for column in spec.columns
    }
    text = pd.DataFrame(columns, dtype=object).to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8")
