"""Lines of prose wrapped to a terminal's width (present.prose): a hanging indent, words never
cut, nothing changed without a width; a table row's last cell of free text wrapped alone."""

from __future__ import annotations

import pytest

from alliancescore.present.prose import HANG, wrap_prose, wrap_row

NOTE = (
    "note: disputes_with_threats: distinct disputes and conflicts in window 2014-2023 (10 "
    "years ending at 2023): mid_cow disputes 2014-2014"
)


def test_without_a_width_the_lines_are_as_given():
    lines = [NOTE, "", "  Kendall's W over the analysts: " + "x " * 60]
    assert wrap_prose(lines) == lines


def test_a_long_line_continues_with_a_hanging_indent_and_keeps_its_words():
    lines = wrap_prose(["short", NOTE, ""], 40)
    assert lines[0] == "short" and lines[-1] == ""  # what fits, and a blank line, kept
    wrapped = lines[1:-1]
    assert len(wrapped) > 2 and max(map(len, wrapped)) <= 40
    assert wrapped[0].startswith("note: ") and all(w.startswith(HANG) for w in wrapped[1:])
    assert " ".join(w.strip() for w in wrapped) == NOTE
    assert "2014-2023" in " ".join(wrapped)  # never broken at a hyphen


@pytest.mark.parametrize("width", [40, 5])
def test_an_indented_line_hangs_under_its_own_indent(width):
    first, *rest = wrap_prose(["  agree on (rank range): " + ", ".join(["USA 1-2"] * 8)], width)
    assert first.startswith("  agree")  # however narrow, the line keeps its own indent
    assert rest and all(r.startswith("  " + HANG) and r[len(HANG) + 2] != " " for r in rest)


def test_a_word_longer_than_the_width_stays_whole_on_a_line_of_its_own():
    path = "/home/analyst/" + "a" * 60 + "/facts/ties.toml:"
    assert wrap_prose([f"facts: {path} 42 overrides"], 40) == [
        "facts:",
        f"{HANG}{path}",
        f"{HANG}42 overrides",
    ]


def test_control_characters_are_escaped_before_the_line_is_measured():
    lines = wrap_prose(["note: label Quad\x1b[31m\u202e " + "word " * 12], 30)
    assert "Quad\\u001b[31m\\u202e" in "".join(lines) and "\x1b" not in "".join(lines)
    assert max(map(len, lines)) <= 30


CELLS = f"{'alliance_with_threats':<26}{'0':>12}  {'1.000':>6}  {'0.0875':>7}  {'0.0875':>7}  "
SOURCE = (
    "atop 2018; alliance_depth 2018 (with threat actor CHN: ATOP's non-aggression pledge "
    "(since 2009) rests on the Treaty of Amity and Cooperation in Southeast Asia (tac_code))"
)


def test_a_row_without_a_width_or_that_fits_is_one_line_as_given():
    assert wrap_row(CELLS, SOURCE, None, 26) == [CELLS + SOURCE]
    assert wrap_row(CELLS, "nmc 2018", 80, 26) == [CELLS + "nmc 2018"]


def test_a_row_keeps_its_cells_whole_and_its_text_hangs_from_the_given_column():
    lines = wrap_row(CELLS, SOURCE, 80, 26)
    assert len(lines) > 2 and max(map(len, lines)) <= 80
    assert lines[0].startswith(CELLS) and lines[0] != CELLS  # the cells whole, text after them
    rest = " " * 26 + HANG
    assert all(line.startswith(rest) and line[len(rest)] != " " for line in lines[1:])
    assert " ".join([lines[0][len(CELLS) :], *(line.strip() for line in lines[1:])]) == SOURCE


def test_a_row_s_control_characters_are_escaped_before_it_is_measured():
    lines = wrap_row("id\x1b[2J  ", "source\u202e " + "word " * 20, 40, 4)
    assert lines[0].startswith("id\\u001b[2J  source\\u202e")
    assert max(map(len, lines)) <= 40 and "\x1b" not in "".join(lines)
