"""explain and explain --versus on a terminal: the lines of prose and the sources under (or
beside) each indicator wrap to its width with a hanging indent; the tables' aligned rows stay
whole; piped (no width) every line is as it was."""

from __future__ import annotations

import pytest

from alliancescore.analysis.versus import versus
from alliancescore.cli import main
from alliancescore.present.explain import explain_text
from alliancescore.present.prose import HANG
from alliancescore.present.versus import versus_text
from alliancescore.shipped import package_root

JAPAN = str(package_root() / "profiles" / "japan.toml")
CELLS = 66  # explain's aligned columns: indicator, raw, value, weight, contrib


@pytest.fixture(scope="module")
def japan(demo_result):
    return demo_result("japan")


def row_measure(result, row: str) -> str:
    """The start of the line under an indicator's row: its measure."""
    indicator = next(i for i in result.criteria.indicators if row.startswith(f"{i.id} "))
    return f"{indicator.measure}, "


def words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def test_explain_fits_80_columns_with_its_rows_whole(japan):
    plain = explain_text(japan, "USA").split("\n")
    lines = explain_text(japan, "USA", 80).split("\n")
    assert max(map(len, plain)) > 600  # alliance_with_threats' source, unwrapped
    assert max(map(len, lines)) <= 80, "\n".join(lines)
    # the header's last title over two lines, over its column; the rule as wide as they are
    top = plain.index("-" * 85) - 1
    assert plain[top].endswith("  contrib  source (table year)")
    at = lines.index(" " * CELLS + "source")
    assert lines[at + 1] == plain[top][:CELLS] + "(table year)"
    assert lines[at + 2] == "-" * 78
    # every indicator's row: its aligned cells whole, its source continuing HANG beyond the
    # line under it (column 26), never at the margin
    ids = tuple(f"{ind.id} " for ind in japan.criteria.indicators)
    rows = [line for line in plain if line.startswith(ids)]
    assert len(rows) == len(ids) and any(len(row) > 80 for row in rows)
    for row in rows:
        at_row = next(i for i, line in enumerate(lines) if line.startswith(row[:CELLS]))
        assert row.startswith(lines[at_row]) and len(lines[at_row]) > CELLS
        under = " " * 26 + row_measure(japan, row)  # the line under the row: its measure
        end = next(i for i in range(at_row, len(lines)) if lines[i].startswith(under))
        continued = lines[at_row + 1 : end]
        assert all(line.startswith(" " * 26 + HANG + line.strip()) for line in continued)
        assert " ".join([lines[at_row], *(line.strip() for line in continued)]) == row
    # nothing lost or cut: the same words, the header's aside
    assert words(lines[at + 3 :]) == words(plain[top + 2 :])
    assert words(lines[:at]) == words(plain[:top])


def test_versus_wraps_its_prose_and_sources_and_keeps_its_aligned_rows(japan):
    comparison = versus(japan, "USA", "KOR")
    plain = versus_text(japan, comparison).split("\n")
    lines = versus_text(japan, comparison, 80).split("\n")
    assert sum(len(line) > 80 for line in plain) > 30
    wide = [line for line in lines if len(line) > 80]
    # only the tables' rows run past 80 (88 columns: the numbers of both sides), as piped
    assert wide and all(line in plain for line in wide)
    assert {line.split()[0] for line in wide} == {
        "indicator",
        "method",
        "-" * 88,
        *comparison.indicators.index,
        "total",
        *(method.method for method in comparison.methods),
    }
    sources = [line for line in lines if line.startswith(" " * 26)]
    assert any(line.startswith(" " * 26 + "USA: atop 2018;") for line in sources)
    assert words(lines) == words(plain)


def test_the_command_wraps_on_a_terminal_only(capsys, monkeypatch, japan):
    from alliancescore.cli import commands

    assert main(["explain", JAPAN, "USA"]) == 0  # piped: as it was
    assert capsys.readouterr().out == explain_text(japan, "USA")
    monkeypatch.setattr(commands, "_terminal_width", lambda: 80)  # as on an 80-column terminal
    assert main(["explain", JAPAN, "USA"]) == 0
    assert capsys.readouterr().out == explain_text(japan, "USA", 80)
    assert main(["explain", JAPAN, "USA", "--versus", "KOR"]) == 0
    comparison = versus(japan, "USA", "KOR")
    assert capsys.readouterr().out == versus_text(japan, comparison, 80)
