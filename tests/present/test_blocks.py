"""Tables wider than a terminal in blocks of columns (present.blocks): each block fits the width
and repeats the rows' labels, no cell is broken, a run of joined columns stays together, and
without a width (or when the table fits) the table is exactly as it was."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from alliancescore.present.blocks import Column, column_blocks, column_line, frame_text, spans

THREE = lambda v: f"{v:.3f}"  # noqa: E731  (sensitivity's float format)


@pytest.fixture
def wide() -> pd.DataFrame:
    """Like sensitivity's stability intervals: a named index and nine columns, 124 wide."""
    columns = ["weight", "top1 low", "top1 high", "top3 low", "top3 high", "full low"]
    columns += ["full high", "top1 change", "top1 relative change"]
    index = pd.Index(["shared_threats", "interoperability", "regional_stability"], name="group")
    values = np.arange(27, dtype=float).reshape(3, 9) / 7
    return pd.DataFrame(values, index=index, columns=columns)


def test_spans_take_as_many_as_fit_and_at_least_one():
    assert spans(5, lambda start, end: end - start <= 2) == [range(0, 2), range(2, 4), range(4, 5)]
    assert spans(3, lambda start, end: False) == [range(0, 1), range(1, 2), range(2, 3)]
    assert spans(0, lambda start, end: True) == []


def test_a_frame_without_a_width_or_that_fits_is_as_pandas_prints_it(wide):
    whole = wide.to_string(float_format=THREE)
    assert max(map(len, whole.split("\n"))) > 120
    assert frame_text(wide, float_format=THREE) == whole
    assert frame_text(wide, 200, float_format=THREE) == whole


@pytest.mark.parametrize("width", [80, 60, 40])
def test_a_wide_frame_comes_in_blocks_that_fit_each_with_the_index(wide, width):
    whole = wide.to_string(float_format=THREE).split("\n")
    text = frame_text(wide, width, float_format=THREE)
    blocks = text.split("\n\n")
    assert len(blocks) > 1 and all(len(line) <= width for line in text.split("\n"))
    headers: list[str] = []
    cells: dict[str, list[str]] = {label: [] for label in wide.index}
    for block in blocks:
        head, names, *rows = block.split("\n")
        assert names.startswith("group ")  # the index's name, then its labels, in every block
        assert [row.split()[0] for row in rows] == list(wide.index)
        headers += head.split()
        for row in rows:
            label, *rest = row.split()
            cells[label] += rest
    # every header and every cell once, whole and in order, as in the whole table
    assert headers == whole[0].split()
    assert cells == {line.split()[0]: line.split()[1:] for line in whole[2:]}


def test_a_column_wider_than_the_width_gets_a_block_of_its_own():
    frame = pd.DataFrame({"label": ["x" * 50, "y"], "rank 1": [0.5, 0.25]}, index=["quad", "USA"])
    blocks = frame_text(frame, 30, float_format=THREE).split("\n\n")
    assert len(blocks) == 2 and "x" * 50 in blocks[0] and "rank 1" in blocks[1]


COLUMNS = (
    Column("method", 16, left=True, gap=""),
    Column("USA score", 14, gap=""),
    Column("rank", 5, gap=" ", joined=True),
    Column("KOR score", 14),
    Column("rank", 5, gap=" ", joined=True),
    Column("direction", 16, left=True),
)
ROWS = [
    tuple(c.header for c in COLUMNS),
    ("weighted_sum", "0.7532", "2", "0.6121", "4", "higher is better"),
]


def test_a_text_table_is_one_block_without_a_width_padded_as_before():
    (block,) = column_blocks(COLUMNS, ROWS, None)
    assert column_line(COLUMNS, ROWS[1], block) == (
        f"{'weighted_sum':<16}{0.7532:>14.4f} {2:>5}  {0.6121:>14.4f} {4:>5}  higher is better"
    )


@pytest.mark.parametrize("width", [70, 45, 30])
def test_a_text_table_splits_between_groups_never_inside_one(width):
    groups = [[1, 2], [3, 4], [5]]  # a score and its rank, read together; the direction
    blocks = column_blocks(COLUMNS, ROWS, width)
    assert len(blocks) > 1 and all(block[0] == 0 for block in blocks)  # the methods each time
    assert [i for block in blocks for i in block[1:]] == list(range(1, len(COLUMNS)))
    for block in blocks:
        assert all(set(group) <= set(block) or not set(group) & set(block) for group in groups)
        fits = all(len(column_line(COLUMNS, row, block)) <= width for row in ROWS)
        assert fits or block[1:] in groups  # too narrow for a group: it alone, whole


def test_a_label_column_too_wide_for_a_block_of_its_own_is_cut_as_score_cuts_labels():
    long = "The Saudi-led coalition in Yemen (2018 members)"
    frame = pd.DataFrame(
        {"label": [long, "Kuwait"], "rank 1": [0.5, 0.25]}, index=["yemen_coalition", "KWT"]
    )
    assert frame_text(frame, None, "label", float_format=THREE) == frame.to_string(
        float_format=THREE
    )
    text = frame_text(frame, 60, "label", float_format=THREE)
    assert max(map(len, text.split("\n"))) <= 60
    assert "The Saudi-led coalition in Yemen (2018 m..." in text and "Kuwait" in text
    assert len(frame_text(frame, 20, "label").split("\n")[1]) > 20  # never below 12 characters
