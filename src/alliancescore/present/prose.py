"""Lines of prose (the question, notes, screened candidates) wrapped to a terminal's width.

A line longer than the width is broken between words, its continuation lines indented by
``HANG`` beyond the line's own indent (a hanging indent), so each note still starts at the
margin. Words are never cut and never broken at a hyphen: a path, an id or a year range
(``2014-2023``) stays whole, and a word longer than the width runs past it. Without a width
(a pipe, a file) the lines are left as they are, as the ranking table is
(:mod:`alliancescore.present.score_table`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from alliancescore.present.terminal import terminal_safe

__all__ = ["HANG", "wrap_prose"]

HANG = "    "  # continuation lines: this much deeper than the line they continue


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
        out += textwrap.wrap(
            text,
            width,
            initial_indent=indent,
            subsequent_indent=indent + HANG,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]  # a line of blanks alone
    return out
