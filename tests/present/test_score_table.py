"""score's ranking table: each method's name once over its rank and score, no index-name row,
wrapped into blocks that fit a terminal's width, the prose around it too; CSV and JSON
unchanged."""

from __future__ import annotations

import json

import pytest

from alliancescore.cli import main
from alliancescore.present.output import result_table
from alliancescore.present.prose import HANG
from alliancescore.present.score_table import ranking_table
from alliancescore.shipped import package_root

JAPAN = str(package_root() / "profiles" / "japan.toml")
METHODS = ["weighted_sum", "topsis", "vikor", "promethee_ii"]


@pytest.fixture(scope="module")
def japan(demo_result):
    return demo_result("japan")


def blocks(text: str) -> list[list[str]]:
    return [block.split("\n") for block in text.split("\n\n")]


def test_one_block_with_each_method_named_once_and_no_index_name_row(japan):
    summary = japan.summary().head(5)
    [block] = blocks(ranking_table(japan, summary))
    titles, headers, *rows = block
    assert titles.split() == METHODS
    assert headers.split() == ["label", "kind", *["rank", "score"] * 4]
    assert "alternative" not in block  # pandas' index name made a row of its own
    assert [row.split()[0] for row in rows] == list(summary.index)
    first = rows[0]  # the id and the label read from the left, the numbers as computed
    assert first.startswith("us_jpn_kor  US-Japan-South Korea trilateral")
    assert first.split()[-8:] == ["1", "0.8153", "1", "0.7868", "1", "0.0000", "1", "0.6076"]
    assert max(map(len, block)) < 120  # was about 200 with "<method> rank <method> score"


@pytest.mark.parametrize("width", [100, 80, 60])
def test_blocks_fit_the_width_and_keep_every_number(japan, width):
    summary = japan.summary()
    text = ranking_table(japan, summary, width)
    parts = blocks(text)
    assert max(len(line) for part in parts for line in part) <= width, text
    assert [p[0].split() for p in parts] != [METHODS]  # wrapped
    assert [w for p in parts for w in p[0].split()] == METHODS  # each method once, in order
    for part in parts:  # every block: the alternatives in the same order, ids first
        assert [row.split()[0] for row in part[2:]] == list(summary.index)
    assert parts[0][1].split()[:2] == ["label", "kind"]
    assert all("label" not in part[1] for part in parts[1:])  # the next blocks: ids only
    unwrapped = ranking_table(japan, summary)
    for method in METHODS:  # the same cells as the one-block table
        assert f"{japan.scores.loc['USA', method]:.4f}" in text
    assert len(unwrapped.split("\n")) == len(summary) + 2


def test_too_narrow_for_id_label_kind_and_one_method_cuts_labels_to_a_minimum(japan):
    # 30 columns: each method a block of its own, the labels cut to 12 characters; the first
    # block is wider than 30 (the terminal wraps it), the others fit.
    parts = blocks(ranking_table(japan, japan.summary().head(3), 30))
    assert [p[0].split() for p in parts] == [[m] for m in METHODS]
    assert parts[0][2].startswith("us_jpn_kor  US-Japan-...  coalition")
    assert max(len(line) for part in parts[1:] for line in part) <= 30


def test_at_80_columns_labels_are_whole_and_narrower_cuts_them(japan):
    summary = japan.summary().head(5)
    assert "The Quad (US, Japan, India, Australia)" in ranking_table(japan, summary, 80)
    narrow = ranking_table(japan, summary, 60)
    assert "The Quad (US, Japan, India, Australia)" not in narrow
    assert "The Quad (US, Japan," in narrow and "..." in narrow


def test_outranking_levels_are_one_column_under_their_method(tmp_path):
    from alliancescore.analysis.scoring import score
    from engine_profiles import electre_bwm

    result = score(electre_bwm(tmp_path))
    titles, headers, *rows = ranking_table(result, result.summary()).split("\n")
    assert titles.split() == ["weighted_sum", "electre_iii", "promethee_i"]
    assert headers.split() == ["label", "kind", "rank", "score", "level", "level"]
    kernel = result.relation_table("electre_iii")["kernel"]
    for row in rows:
        alt = row.split()[0]
        assert row.split()[-2].endswith("*") == bool(kernel[alt])


def test_a_label_s_control_characters_are_escaped_before_the_columns_are_measured(japan):
    summary = japan.summary().head(3).copy()
    summary.loc["USA", "label"] = "United\x1b[31mStates"
    lines = ranking_table(japan, summary).split("\n")
    assert "United\\u001b[31mStates" in lines[3] and "\x1b" not in "".join(lines)
    assert len({len(line) for line in lines[2:]}) == 1  # still aligned


def joined(lines: list[str]) -> list[str]:
    """Continuation lines (the hanging indent) joined back to the line they continue."""
    out: list[str] = []
    for line in lines:
        if line.startswith(HANG):
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return out


def notes(lines: list[str]) -> list[str]:
    """The lines below the table (Japan's: from its screened candidate on)."""
    return lines[next(i for i, line in enumerate(lines) if line.startswith("screened out")) :]


@pytest.mark.parametrize("width", [80, 60])
def test_the_prose_around_the_table_wraps_to_the_width_with_a_hanging_indent(japan, width):
    plain = result_table(japan, 8).split("\n")
    lines = result_table(japan, 8, width=width).split("\n")
    assert max(map(len, plain)) > 120  # the criteria line and the notes, unwrapped
    assert max(map(len, lines)) <= width, "\n".join(lines)
    # the question above the table and the notes below it: the same lines, wrapped
    assert joined(lines[: lines.index("")]) == plain[: plain.index("")]
    assert joined(notes(lines)) == notes(plain)


def test_piped_score_is_one_block_and_csv_and_json_are_unchanged(capsys, japan):
    assert main(["score", JAPAN, "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out == result_table(japan, 3)  # no width: a pipe gets the table unwrapped
    assert main(["score", JAPAN, "--format", "csv"]) == 0
    header = capsys.readouterr().out.split("\n", 1)[0]
    assert header == "alternative,label,kind," + ",".join(f"{m} rank,{m} score" for m in METHODS)
    assert main(["score", JAPAN, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document["alternatives"][0]["ranks"]) == METHODS
