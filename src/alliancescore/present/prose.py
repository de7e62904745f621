"""Lines of prose (the question, notes, screened candidates) wrapped to a terminal's width.

A line longer than the width is broken between words, its continuation lines indented by
``HANG`` beyond the line's own indent (a hanging indent), so each note still starts at the
margin. Words are never cut and never broken at a hyphen: a path, an id or a year range
(``2014-2023``) stays whole, and a word longer than the width runs past it. Without a width
(a pipe, a file) the lines are left as they are, as the ranking table is
(:mod:`alliancescore.present.score_table`).

A table row whose last cell is free text (``explain``'s source of each indicator) keeps its
aligned cells whole and wraps that text alone (:func:`wrap_row`): its continuation lines hang
from the column of the row's own lines of prose, not from the margin, so the table's first
column still shows only its rows.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from alliancescore.present.terminal import terminal_safe

__all__ = ["HANG", "wrap_prose", "wrap_row"]

HANG = "    "  # continuation lines: this much deeper than the line they continue


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """``text`` broken between words (never inside one, never at a hyphen) into lines of
    ``width``, the first after ``first``, the others after ``rest``."""
    return textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def wrap_prose(lines: Iterable[str], width: int | None = None) -> list[str]:
    """``lines`` (each possibly holding newlines), each wrapped to ``width`` characters with a
    hanging indent; unchanged without a width. Control characters are escaped first
    (:func:`~alliancescore.present.terminal.terminal_safe`), so the escapes are measured.

    >>> wrap_prose(["note: one two three four"], 16)
    ['note: one two', '    three four']
    """
    if width is None:
        return list(lines)
    out: list[str] = []
    for line in (part for text in lines for part in terminal_safe(text).split("\n")):
        if len(line) <= width:
            out.append(line)
            continue
        text = line.lstrip(" ")
        indent = line[: len(line) - len(text)]
        out += _wrap(text, width, indent, indent + HANG) or [""]  # a line of blanks alone
    return out


def wrap_row(cells: str, text: str, width: int | None, indent: int) -> list[str]:
    """A table row: ``cells`` (its aligned columns, kept whole) then ``text``, its last cell
    of free text, wrapped to ``width`` with continuation lines ``HANG`` beyond column
    ``indent``; one line, as given, without a width. Control characters are escaped first.

    >>> wrap_row("x     1.0  ", "nmc 2018; capitals 2018", 24, 2)
    ['x     1.0  nmc 2018;', '      capitals 2018']
    """
    if width is None:
        return [cells + text]
    cells, text = terminal_safe(cells), terminal_safe(text)
    if len(cells + text) <= width:
        return [cells + text]
    return _wrap(text, width, cells, " " * indent + HANG) or [cells.rstrip()]
