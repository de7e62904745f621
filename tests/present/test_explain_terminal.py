"""explain and explain --versus on a terminal: the lines of prose and the sources under (or
beside) each indicator wrap to its width with a hanging indent; explain's aligned rows stay
whole, and explain --versus's tables, wider than the terminal, come in blocks of columns that
each repeat the indicators (or methods); piped (no width) every line is as it was."""

from __future__ import annotations

from collections import Counter

import pytest

from alliancescore.analysis.versus import versus
from alliancescore.cli import main
from alliancescore.present.explain import _fmt as format_raw
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


def blocks_of(lines: list[str], header: str) -> list[list[str]]:
    """The blocks of a table whose header starts with ``header``: each from its header to the
    blank line after it."""
    starts = [i for i, line in enumerate(lines) if line.startswith(header + " ")]
    return [lines[i : lines.index("", i)] for i in starts]


def test_versus_without_a_width_is_as_it_was(japan):
    comparison = versus(japan, "USA", "KOR")
    lines = versus_text(japan, comparison).split("\n")
    header = (  # the layout before tables came in blocks, byte for byte
        f"{'indicator':<26}{'weight':>7}  {'raw USA':>12}  {'value':>6}  {'raw KOR':>12}  "
        f"{'value':>6}  {'w x diff':>9}"
    )
    at = lines.index(header)
    assert lines[at + 1] == "-" * 88 and len(header) == 88
    first = comparison.indicators.iloc[0]
    assert lines[at + 2] == (
        f"{comparison.indicators.index[0]:<26}{first['weight']:>7.4f}  "
        f"{format_raw(first['raw_a']):>12}  {first['value_a']:>6.3f}  "
        f"{format_raw(first['raw_b']):>12}  {first['value_b']:>6.3f}  "
        f"{first['difference']:>+9.4f}"
    )
    assert f"{'total':<26}{'':>53}{comparison.total:>+9.4f}" in lines
    mv = comparison.methods[0]
    method = lines.index(
        f"{'method':<16}{'USA score':>14} {'rank':>5}  {'KOR score':>14} {'rank':>5}  "
        f"{'for USA':>10}  direction"
    )
    assert lines[method + 1] == (
        f"{mv.method:<16}{mv.score_a:>14.4f} {mv.rank_a:>5}  {mv.score_b:>14.4f} "
        f"{mv.rank_b:>5}  {mv.advantage:>+10.4f}  higher is better"
    )


@pytest.mark.parametrize("width", [80, 60])
def test_versus_fits_the_width_its_tables_in_blocks(japan, width):
    comparison = versus(japan, "USA", "KOR")
    plain = versus_text(japan, comparison).split("\n")
    lines = versus_text(japan, comparison, width).split("\n")
    assert sum(len(line) > 80 for line in plain) > 30
    assert max(map(len, lines)) <= width
    indicators = list(comparison.indicators.index)
    tables = blocks_of(lines, "indicator")
    assert len(tables) == 2
    for block in tables:  # each: its header, a rule, then a row per indicator, in order
        assert block[1] == "-" * len(block[0])
        assert [line.split()[0] for line in block[2:] if not line.startswith(" ")][
            : len(indicators)
        ] == indicators
    # a side's raw value and value never apart; the sources under the first block only; the
    # total under the block that holds the differences, the last
    heads = [" ".join(block[0].split()) for block in tables]
    assert all(("raw USA" in h) == ("raw USA value" in h) for h in heads)
    assert all(("raw KOR" in h) == ("raw KOR value" in h) for h in heads)
    assert any(line.startswith(" " * 26 + "USA: atop 2018;") for line in tables[0])
    assert not any(line.startswith(" " * 26) for line in tables[1])
    last = tables[1]
    total = next(i for i, line in enumerate(last) if line.startswith("total "))
    assert last[0].endswith("w x diff") and last[total - 1] == last[1]  # under a rule
    assert last[total].split() == ["total", f"{comparison.total:+.4f}"]
    assert not any(line.startswith("total ") for line in tables[0])
    # every number of a row once and whole, in order, across the blocks
    for ind in indicators:
        whole = next(line for line in plain if line.startswith(f"{ind} ")).split()
        parts = [next(line for line in b if line.startswith(f"{ind} ")).split() for b in tables]
        assert [ind, *(w for part in parts for w in part[1:])] == whole
    methods = blocks_of(lines, "method")
    (table,) = blocks_of(plain, "method")
    assert len(methods) > 1 and methods[-1][0].split()[-1] == "direction"
    for mv in comparison.methods:
        whole = next(line for line in table if line.startswith(f"{mv.method} ")).split()
        parts = [
            next(line for line in b if line.startswith(f"{mv.method} ")).split() for b in methods
        ]
        assert [mv.method, *(w for part in parts for w in part[1:])] == whole
    # nothing lost or cut (but the rules, as wide as each block)
    kept = Counter(w for w in words(lines) if set(w) != {"-"} or w == "-")
    assert not Counter(w for w in words(plain) if set(w) != {"-"} or w == "-") - kept


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
