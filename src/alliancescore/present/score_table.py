"""The ranking table ``score`` prints: one column group per method, wrapped to a width.

Each method is a group headed by its name, over its rank and score (an outranking method:
its level, ``*`` in the kernel), so a method's name is written once, not before each of its
columns. Given a width (a terminal's), the groups are wrapped into blocks that fit it: the
first block carries each alternative's id, label and kind, the next ones its id, and a label
too long for the first block with one method is cut. Without a width (a pipe, a file) the
table is one block, as wide as it needs. CSV and JSON carry the same numbers, unwrapped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from alliancescore.analysis.result import Result
from alliancescore.present.terminal import terminal_safe

__all__ = ["ranking_table"]

GAP = "  "  # between columns and between groups
SEP = " "  # between a method's own columns
LABEL_MIN = 12  # a label is cut to fit, but never below this
CUT = "..."  # ASCII: a terminal of any encoding shows it


@dataclass(frozen=True)
class Column:
    header: str
    cells: tuple[str, ...]
    left: bool = False  # text reads from the left; numbers align on the right

    @property
    def width(self) -> int:
        return max([len(self.header), *map(len, self.cells)])

    def pad(self, text: str, width: int) -> str:
        return text.ljust(width) if self.left else text.rjust(width)


@dataclass(frozen=True)
class Group:
    title: str  # the method's name; "" for the alternative's own columns
    columns: tuple[Column, ...]

    @property
    def sep(self) -> str:
        return SEP if self.title else GAP

    def widths(self) -> list[int]:
        """Each column's width, the first widened when the title is longer than them all."""
        widths = [c.width for c in self.columns]
        inner = sum(widths) + len(self.sep) * (len(widths) - 1)
        widths[0] += max(0, len(self.title) - inner)
        return widths

    @property
    def width(self) -> int:
        widths = self.widths()
        return sum(widths) + len(self.sep) * (len(widths) - 1)


def _columns(result: Result, summary: pd.DataFrame) -> tuple[list[Column], list[Group]]:
    """The alternative's columns (id, label, kind) and one group per method."""
    ids = tuple(terminal_safe(str(a)) for a in summary.index)
    lead = [
        Column("", ids, left=True),
        Column("label", tuple(terminal_safe(str(v)) for v in summary["label"]), left=True),
        Column("kind", tuple(str(v) for v in summary["kind"]), left=True),
    ]
    groups = [
        Group(
            m,
            (
                Column("rank", tuple(str(int(v)) for v in summary[f"{m} rank"])),
                Column("score", tuple(f"{v:.4f}" for v in summary[f"{m} score"])),
            ),
        )
        for m in result.methods
    ]
    for m in result.relations:
        levels = zip(summary[f"{m} level"], summary[f"{m} kernel"], strict=True)
        cells = tuple(f"{level}{'*' if kernel else ''}" for level, kernel in levels)
        groups.append(Group(m, (Column("level", cells),)))
    return lead, groups


def _lines(groups: Sequence[Group]) -> list[str]:
    """One block: the titles' row (when a group has a title), the headers' row, the rows."""
    widths = [g.widths() for g in groups]

    def row(cell: Callable[[Column], str]) -> str:
        parts = [
            g.sep.join(c.pad(cell(c), w) for c, w in zip(g.columns, ws, strict=True))
            for g, ws in zip(groups, widths, strict=True)
        ]
        return GAP.join(parts).rstrip()

    titles = GAP.join(g.title.rjust(g.width) for g in groups).rstrip()
    headers = row(lambda c: c.header)
    rows = [row(lambda c, r=r: c.cells[r]) for r in range(len(groups[0].columns[0].cells))]
    return ([titles] if titles else []) + [headers, *rows]


def _width(groups: Sequence[Group]) -> int:
    return sum(g.width for g in groups) + len(GAP) * (len(groups) - 1)


def _cut(lead: Group, one: Group, width: int) -> Group:
    """``lead`` with its labels cut so that it and one method fit ``width`` (if they can with
    labels of ``LABEL_MIN`` characters)."""
    label = lead.columns[1]
    room = max(LABEL_MIN, label.width - (_width([lead, one]) - width))
    if room >= label.width:
        return lead
    cells = tuple(c if len(c) <= room else c[: room - len(CUT)] + CUT for c in label.cells)
    columns = list(lead.columns)
    columns[1] = replace(label, cells=cells)
    return replace(lead, columns=tuple(columns))


def ranking_table(result: Result, summary: pd.DataFrame, width: int | None = None) -> str:
    """The rows of ``summary`` (:meth:`Result.summary`, possibly cut to the first few) as
    text: one block, or blocks of methods that fit ``width`` characters."""
    columns, groups = _columns(result, summary)
    lead = Group("", tuple(columns))
    if width is None or _width([lead, *groups]) <= width:
        return "\n".join(_lines([lead, *groups]))
    blocks: list[list[str]] = []
    head = _cut(lead, groups[0], width)
    while groups:
        n = 1  # at least one method per block, however narrow the terminal
        while n < len(groups) and _width([head, *groups[: n + 1]]) <= width:
            n += 1
        blocks.append(_lines([head, *groups[:n]]))
        groups = groups[n:]
        head = Group("", tuple(columns[:1]))  # the next blocks: the id alone
    return "\n\n".join("\n".join(block) for block in blocks)
