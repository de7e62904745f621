"""Tables wider than a terminal, in blocks of columns that fit it, each repeating the rows' labels.

As score's ranking (:mod:`alliancescore.present.score_table`) and demo's table of every method
are wrapped: the columns are shared out between blocks, never broken inside a cell, so every
number is read whole under its own header; each block starts with the rows' labels (a frame's
index, a table's first column), a blank line between blocks. A block holds at least one column
(or group of columns read together) however narrow the terminal: its lines then run past it.
Without a width (a pipe, a file), or when the table fits, it is one block, exactly as before.

Whether a block fits is measured on the block as it prints, so a cell wider than its column
(a long label, a long id in a header) is counted as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from alliancescore.present.score_table import CUT, LABEL_MIN

__all__ = ["Column", "column_blocks", "column_line", "frame_text", "spans"]


def _widest(lines: Sequence[str]) -> int:
    return max(map(len, lines), default=0)


def spans(count: int, fits: Callable[[int, int], bool]) -> list[range]:
    """Items ``0..count`` (columns, or groups of them) in consecutive runs, each the longest
    from its start for which ``fits(start, end)`` holds, and at least one item.

    >>> spans(5, lambda start, end: end - start <= 2)
    [range(0, 2), range(2, 4), range(4, 5)]
    """
    runs: list[range] = []
    start = 0
    while start < count:
        end = start + 1  # at least one, however narrow the terminal
        while end < count and fits(start, end + 1):
            end += 1
        runs.append(range(start, end))
        start = end
    return runs


def frame_text(
    frame: pd.DataFrame, width: int | None = None, cut: str | None = None, **options: Any
) -> str:
    """``frame.to_string(**options)``; given ``width`` and wider than it, its columns in blocks
    that fit it, each with the index (pandas lays out every column on its own, so a column
    prints the same in a block as in the whole table). ``cut``: a column of text (labels) cut
    to fit a block of its own when it is too wide for one, as score cuts its labels, never
    below ``LABEL_MIN`` characters."""
    text = frame.to_string(**options)
    if width is None or frame.shape[1] < 2 or _widest(text.split("\n")) <= width:
        return text
    if cut is not None:
        frame = _cut(frame, cut, width, options)

    def block(start: int, end: int) -> str:
        return frame.iloc[:, start:end].to_string(**options)

    runs = spans(frame.shape[1], lambda start, end: _widest(block(start, end).split("\n")) <= width)
    return "\n\n".join(block(run.start, run.stop) for run in runs)


def _cut(frame: pd.DataFrame, column: str, width: int, options: dict[str, Any]) -> pd.DataFrame:
    """``frame`` with the texts of ``column`` cut so that it and the index fit ``width`` (if
    they can with texts of ``LABEL_MIN`` characters)."""
    texts = frame[column].astype(str)
    longest = int(texts.str.len().max())
    over = _widest(frame[[column]].to_string(**options).split("\n")) - width
    room = max(LABEL_MIN, longest - over)
    if room >= longest:
        return frame
    frame = frame.copy()
    frame[column] = [t if len(t) <= room else t[: room - len(CUT)] + CUT for t in texts]
    return frame


@dataclass(frozen=True)
class Column:
    """A column of a table laid out by hand: its header, the width its cells are padded to
    (a longer one runs on) and the gap before it."""

    header: str
    width: int
    left: bool = False  # text reads from the left; numbers align on the right
    gap: str = "  "
    joined: bool = False  # read with the column before it (a rank after its score): never apart

    def pad(self, text: str) -> str:
        return self.gap + (text.ljust(self.width) if self.left else text.rjust(self.width))


def column_line(columns: Sequence[Column], cells: Sequence[str], block: Sequence[int]) -> str:
    """One row of ``cells`` (one per column) in the columns of ``block`` (their indices)."""
    return "".join(columns[i].pad(cells[i]) for i in block).rstrip()


def column_blocks(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int | None
) -> list[list[int]]:
    """The columns (their indices) of each block of a table whose first column labels its
    rows: every column in one block without ``width`` or when ``rows`` (the header among
    them, one cell per column) fit it, else the first column and as many others as fit."""
    everything = list(range(len(columns)))
    if width is None or _widest([column_line(columns, row, everything) for row in rows]) <= width:
        return [everything]
    units: list[list[int]] = []  # a column and those joined to it
    for i in everything[1:]:
        if columns[i].joined and units:
            units[-1].append(i)
        else:
            units.append([i])

    def block(start: int, end: int) -> list[int]:
        return [0, *(i for unit in units[start:end] for i in unit)]

    def fits(start: int, end: int) -> bool:
        return _widest([column_line(columns, row, block(start, end)) for row in rows]) <= width

    return [block(run.start, run.stop) for run in spans(len(units), fits)]
