"""sensitivity on a terminal: its lines of prose (the headings, the most critical weight, the
notes, the analysts' section) wrap to the terminal's width with score's hanging indent; its
tables are kept whole; piped or written with --out, every line is as it was."""

from __future__ import annotations

import pytest

from alliancescore.cli import main
from alliancescore.present.output import sensitivity_table
from alliancescore.present.prose import HANG
from alliancescore.shipped import package_root

PROFILES = package_root() / "profiles"
PROSE = (
    "Sensitivity:",
    "weights:",
    "most critical",
    "note:",
    "methods side by side",
    "consensus of",
    "variance-based",
)


@pytest.fixture(scope="module")
def report(demo_result):
    from alliancescore.analysis.robustness import analyse

    return analyse(demo_result("japan"), samples=500, seed=1)


def is_prose(line: str) -> bool:
    return line.startswith(PROSE) or ": rank acceptability (" in line or ": stability" in line


def words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def test_the_prose_wraps_to_the_width_and_the_tables_stay_whole(report):
    plain = sensitivity_table(report).split("\n")
    lines = sensitivity_table(report, width=80).split("\n")
    long_prose = [line for line in plain if is_prose(line) and len(line) > 80]
    assert len(long_prose) >= 5  # weights:, each method's most critical weight, Sobol's heading
    tables = [line for line in plain if line and not is_prose(line)]
    assert max(map(len, tables)) > 100  # the stability intervals: wider than the terminal
    # the tables' lines, every one whole and in order; nothing else runs past the width
    assert [line for line in lines if line in set(tables)] == tables
    assert all(len(line) <= 80 for line in lines if line not in set(tables))
    assert not set(long_prose) & set(lines)
    continued = [line for line in lines if line.startswith(HANG) and line not in set(tables)]
    assert continued and all(line[len(HANG)] != " " for line in continued)
    assert words(lines) == words(plain)  # no word lost or cut


def test_the_command_wraps_on_a_terminal_only_the_analysts_too(capsys, monkeypatch, tmp_path):
    from alliancescore.cli import commands

    args = ["sensitivity", str(PROFILES / "japan_team.toml"), "--samples", "300", "--seed", "1"]
    assert main(args) == 0  # piped
    plain = capsys.readouterr().out.split("\n")
    monkeypatch.setattr(commands, "_terminal_width", lambda: 80)  # as on an 80-column terminal
    assert main(args) == 0
    lines = capsys.readouterr().out.split("\n")
    assert lines != plain and all(line in plain for line in lines if len(line) > 80)
    heading = "analysts (3; weighted_sum unless named):"
    team, piped = lines[lines.index(heading) :], plain[plain.index(heading) :]
    assert max(map(len, team)) <= 80 < max(map(len, piped))
    assert any(line.startswith("  " + HANG) for line in team)  # an analyst's line, continued
    assert words(lines) == words(plain)
    assert main([*args, "--out", str(tmp_path / "s.txt")]) == 0  # --out: never wrapped
    assert (tmp_path / "s.txt").read_text(encoding="utf-8").split("\n") == plain
