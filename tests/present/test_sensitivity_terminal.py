"""sensitivity on a terminal: its lines of prose (the headings, the most critical weight, the
notes, the analysts' section) wrap to the terminal's width with score's hanging indent; a table
wider than the terminal comes in blocks of columns that fit it, each with the rows' labels, its
cells whole; piped or written with --out, every line is as it was."""

from __future__ import annotations

from collections import Counter

import pytest

from alliancescore.cli import main
from alliancescore.present.output import sensitivity_table, weight_change
from alliancescore.present.prose import HANG, wrap_prose
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


def contains(lines: list[str], part: list[str]) -> bool:
    """``part`` is a run of consecutive lines of ``lines``."""
    return any(lines[i : i + len(part)] == part for i in range(len(lines)))


@pytest.mark.parametrize("width", [80, 60])
def test_the_prose_wraps_and_the_wide_tables_come_in_blocks_that_fit(report, width):
    plain = sensitivity_table(report).split("\n")
    lines = sensitivity_table(report, width=width).split("\n")
    long_prose = [line for line in plain if is_prose(line) and len(line) > width]
    assert len(long_prose) >= 5  # weights:, each method's most critical weight, Sobol's heading
    tables = [line for line in plain if line and not is_prose(line)]
    assert max(map(len, tables)) > 100  # the stability intervals: wider than the terminal
    assert max(map(len, lines)) <= width  # every line fits: prose and tables
    for line in long_prose:  # each wrapped with a hanging indent, in its place
        wrapped = wrap_prose([line], width)
        assert len(wrapped) > 1 and wrapped[1].startswith(HANG) and contains(lines, wrapped)
    # the stability intervals: blocks that each start with the criteria, every header and
    # number whole and once, in order
    top = next(i for i, line in enumerate(plain) if line.lstrip().startswith("weight  top1 low"))
    whole = plain[top : top + 5]  # the header, the four criteria
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("weight  top1 low"))
    blocks = [lines[at : at + 5]]
    first = whole[1].split()[0]
    while lines[at + 5] == "" and lines[at + 7].startswith(f"{first} "):  # the next block
        at += 6
        blocks.append(lines[at : at + 5])
    assert len(blocks) > 1
    assert [w for block in blocks for w in block[0].split()] == whole[0].split()
    for r in range(1, 5):
        label = whole[r].split()[0]
        assert all(block[r].split()[0] == label for block in blocks)
        assert [w for block in blocks for w in block[r].split()[1:]] == whole[r].split()[1:]
    # nothing lost or cut: every word of the piped output, the blocks repeating the labels
    assert not Counter(words(plain)) - Counter(words(lines))
    # a table that fits is kept as it is: the rank correlations of four methods
    side = plain.index("methods side by side: rank correlations (Spearman)")
    assert contains(lines, plain[side : side + 6])


def test_the_command_wraps_on_a_terminal_only_the_analysts_too(capsys, monkeypatch, tmp_path):
    from alliancescore.cli import commands

    args = ["sensitivity", str(PROFILES / "japan_team.toml"), "--samples", "300", "--seed", "1"]
    assert main(args) == 0  # piped
    plain = capsys.readouterr().out.split("\n")
    monkeypatch.setattr(commands, "_terminal_width", lambda: 80)  # as on an 80-column terminal
    assert main(args) == 0
    lines = capsys.readouterr().out.split("\n")
    assert lines != plain and max(map(len, lines)) <= 80 < max(map(len, plain))
    heading = "analysts (3; weighted_sum unless named):"
    team, piped = lines[lines.index(heading) :], plain[plain.index(heading) :]
    assert max(map(len, team)) <= 80 < max(map(len, piped))
    assert any(line.startswith("  " + HANG) for line in team)  # an analyst's line, continued
    assert not Counter(words(plain)) - Counter(words(lines))  # nothing lost or cut
    assert main([*args, "--out", str(tmp_path / "s.txt")]) == 0  # --out: never wrapped
    assert (tmp_path / "s.txt").read_text(encoding="utf-8").split("\n") == plain


def test_the_tables_say_what_a_dash_and_a_negative_index_are_and_print_no_artefact(report):
    # the stability table had a line "group" (its index's name) above the rows; confidence was
    # NaN for most rows and a Sobol first-order index below 0, neither explained
    text = sensitivity_table(report)
    lines = text.split("\n")
    assert not any(line.startswith("group ") or line.strip() == "group" for line in lines)
    assert "NaN" not in text
    acceptability = [i for i, line in enumerate(lines) if ": rank acceptability (" in line]
    rows = lines[acceptability[0] + 2 : acceptability[0] + 12]
    assert any(row.endswith(" -") for row in rows)  # never first: no central weights
    legend = (
        "confidence: 1 if it ranks first at its central weights, else 0 (SMAA-2's confidence "
        "factor; central weights: the mean of the draws that made it first); - where it never "
        "ranked first, so it has none"
    )
    assert lines.count(legend) == 1 and lines[acceptability[0] + 12] == legend  # under the first
    # this run's estimates: USA's interoperability -0.006, us_jpn_kor's regional_stability 1.114
    at = next(i for i, line in enumerate(lines) if line.startswith("first order below 0"))
    assert lines[at - 1 : at + 2] == [
        "           regional_stability        0.136  0.861",
        "first order below 0 (interoperability for USA: -0.006) and total above 1 "
        "(regional_stability for us_jpn_kor: 1.114): the estimator's sampling noise (Saltelli "
        "et al. 2010), an index itself lies in [0, 1]; shown as estimated",
        "",
    ]


@pytest.mark.parametrize(("samples", "per"), [(1, "one per weight draw"), (140, "one per 1.4 ")])
def test_one_draw_is_one_draw_not_one_draws(demo_result, samples, per):
    from alliancescore.analysis.robustness import analyse

    result = demo_result("japan")
    report = analyse(result, samples=samples, seed=1, data_error=0.1, importance=False)
    text = sensitivity_table(report)
    assert f"; {samples:,} draw{'s' if samples > 1 else ''} per method; seed 1" in text
    assert f"data draws: {report.data_draws} per method ({per}" in text
    assert "confidence: the share of data draws in which it ranks first" in text
    assert "1 draws" not in text and "per 1 weight draws" not in text


def test_a_change_too_small_for_three_decimals_is_not_printed_as_none():
    # Kenya 2020 with equal weights: Tanzania 0.4971 and Ethiopia 0.4969 under the weighted
    # sum, so a change of about 0.0002 in one weight changes the top choice.
    assert weight_change(0.0002) == "< 0.001"
    assert weight_change(0.0) == "0.000"
    assert weight_change(0.0126) == "0.013"
