"""Analysts' own tables (``[[tables]]``) are checked like the shipped data (issue 16).

Each bad file gets one message per problem naming the file, the row as a spreadsheet shows it
(header = row 1; a workbook's sheet too), the column, what was expected, what was found and a
did-you-mean; ``alliancescore validate`` exits 2. Workbooks are written here with openpyxl.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from alliancescore.cli import main
from alliancescore.errors import AllianceScoreError
from alliancescore.model.analyst_tables import MAX_CELL_PROBLEMS, load_table
from alliancescore.model.criteria import load_criteria
from readiness_model import READINESS_MODEL

CRITERIA = (
    READINESS_MODEL
    + """
[[tables]]
id = "readiness"
file = "analyst/readiness.xlsx"
source = "Agency X readiness review 2024"
date = 2025-03-01
"""
)

PROFILE = """
[profile]
id = "test"
label = "Test profile"
focal = "JPN"
year = 2018
criteria = "ready.toml"

[[threats]]
actor = "CHN"

[methods]
weighted_sum = {}

[candidates]
include = ["USA", "KOR", "AUS", "IND", "GBR", "FRA"]
"""

ROWS = [("USA", 40), ("KOR", 30), ("AUS", 20), ("IND", 10), ("GBR", 25), ("FRA", 15)]


def workbook(path: Path, rows, header=("iso3", "score"), sheet: str = "Sheet1") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def csv_file(path: Path, rows, header=("iso3", "score")) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [",".join(header)] + [",".join("" if c is None else str(c) for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A work folder with the model and profile; commands run in it, so paths read as the
    analyst wrote them (``analyst/readiness.xlsx``)."""
    (tmp_path / "ready.toml").write_text(textwrap.dedent(CRITERIA), encoding="utf-8")
    (tmp_path / "p.toml").write_text(textwrap.dedent(PROFILE), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(capsys, *files: str) -> tuple[int, str]:
    code = main(["validate", *files])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def use_csv(folder: Path) -> None:
    path = folder / "ready.toml"
    path.write_text(path.read_text().replace("readiness.xlsx", "readiness.csv"))


# ----------------------------------------------------------------------------- ISO3 codes
def test_a_misspelt_code_in_a_workbook_is_one_message_naming_file_sheet_row_and_fix(folder, capsys):
    rows = [*ROWS[:5], ("JAP", 35)]  # row 7 as the spreadsheet shows it (header = row 1)
    workbook(folder / "analyst" / "readiness.xlsx", rows)
    code, err = validate(capsys, "p.toml")
    assert code == 2
    expected = (
        "analyst/readiness.xlsx, sheet 'Sheet1', row 7, column 'iso3': expected an ISO 3166 "
        "alpha-3 code known to the data set, found 'JAP'. Did you mean "
    )
    assert expected in err
    assert "'JPN'" in err.split(expected, 1)[1].split("\n")[0]
    assert err.count("'JAP'") == 1  # one message, not one per layer
    assert "problems:" not in err  # the only problem


def test_a_misspelt_code_in_a_csv_file_is_one_message_naming_file_row_and_fix(folder, capsys):
    use_csv(folder)
    csv_file(folder / "analyst" / "readiness.csv", [("USA", 1), ("AUZ", 2), ("KOR", 3)])
    code, err = validate(capsys, "p.toml", "ready.toml")
    assert code == 2
    message = (
        "analyst/readiness.csv, row 3, column 'iso3': expected an ISO 3166 alpha-3 code known "
        "to the data set, found 'AUZ'. Did you mean 'AUS'"
    )
    assert message in err
    assert err.count("'AUZ'") == 1  # the criteria file named second: not repeated


def test_a_nations_name_in_place_of_its_code_gets_the_code(folder, capsys):
    workbook(folder / "analyst" / "readiness.xlsx", [("USA", 1), ("Japan", 2)])
    code, err = validate(capsys, "p.toml")
    assert code == 2
    assert "row 3, column 'iso3'" in err
    assert "'Japan' is the name of JPN: use the code 'JPN'" in err


def test_a_correct_table_validates(folder, capsys):
    workbook(folder / "analyst" / "readiness.xlsx", ROWS)
    assert main(["validate", "p.toml", "ready.toml"]) == 0
    assert capsys.readouterr().out.splitlines()[:1] == ["p.toml: valid profile"]


# ----------------------------------------------------------------------------- cells and shape
def _problems(path: Path, **kw) -> list[str]:
    with pytest.raises(AllianceScoreError) as caught:
        load_table(path, table_id="t", source="s", date="2025-03-01", **kw)
    return [str(p) for p in caught.value.problems]


def test_every_cell_problem_of_a_csv_file_at_once_in_row_order(tmp_path):
    path = csv_file(
        tmp_path / "t.csv",
        [("USA", "1.5"), ("KOR", "n/a"), ("", "3"), ("USA", "4"), ("AUS", "")],
        header=("iso3", "score"),
    )
    assert _problems(path) == [
        f"{path}, row 3, column 'score': expected a number (or an empty cell for a missing "
        "value), found 'n/a'. Write numbers only: units and notes belong in another column or "
        "the source",
        f"{path}, row 4, column 'iso3': expected an ISO 3166 alpha-3 code, found an empty cell",
        f"{path}, row 5, column 'iso3': expected one row per nation, found USA again (first at "
        "row 2). Keep one row, or key the table by year",
    ]


def test_workbook_cells_name_the_sheet_and_the_row_a_spreadsheet_shows(tmp_path):
    path = workbook(
        tmp_path / "t.xlsx",
        [("USA", 2018, 1), (None, None, None), ("KOR", "2018", "high"), ("KOR", 2018.0, 2)],
        header=("iso3", "year", "score"),
        sheet="Scores",
    )
    assert _problems(path) == [
        f"{path}, sheet 'Scores', row 4, column 'score': expected a number (or an empty cell "
        "for a missing value), found 'high'. Write numbers only: units and notes belong in "
        "another column or the source",
        f"{path}, sheet 'Scores', row 5, column 'iso3': expected one row per nation and year, "
        "found KOR 2018 again (first at row 4). Keep one row, or key the table by year",
    ]


def test_a_missing_key_column_is_named_with_the_columns_found(tmp_path):
    path = csv_file(tmp_path / "t.csv", [("USA", 1)], header=("ISO3", "score"))
    (problem,) = _problems(path)
    assert problem.startswith(
        f"{path}, row 1: expected a column 'iso3' of ISO 3166 alpha-3 codes, found columns "
        "'ISO3', 'score'. Did you mean 'ISO3'?"
    )


def test_a_chosen_value_column_the_file_lacks_gets_did_you_mean(tmp_path):
    path = csv_file(tmp_path / "t.csv", [("USA", 1, 2)], header=("iso3", "score", "note"))
    (problem,) = _problems(path, columns=("scores",))
    assert problem.startswith(
        f"{path}, row 1: expected a column 'scores' (named in columns), found columns 'iso3', "
        "'score', 'note'. Did you mean 'score'?"
    )
    # the columns not chosen are left alone: a text column beside the values is fine
    path = csv_file(tmp_path / "u.csv", [("USA", 1, "good")], header=("iso3", "score", "note"))
    table = load_table(path, table_id="t", source="s", date="2025-03-01", columns=("score",))
    assert table.columns == ("score",) and list(table.frame.columns) == ["iso3", "score"]


def test_a_table_without_rows_or_values_is_refused(tmp_path):
    path = csv_file(tmp_path / "t.csv", [], header=("iso3", "score"))
    assert _problems(path) == [
        f"{path}: expected at least one row of values below the header (row 1), found no "
        "rows. An empty table measures nothing: fill it or remove the [[tables]] entry"
    ]
    path = csv_file(tmp_path / "u.csv", [("USA", 2018)], header=("iso3", "year"))
    assert _problems(path) == [
        f"{path}, row 1: expected at least one value column besides 'iso3' and 'year', found "
        "columns 'iso3', 'year'"
    ]


def test_a_column_of_text_is_cut_short_after_a_stated_number_of_messages(tmp_path):
    path = tmp_path / "t.csv"
    codes = [f"{chr(65 + i // 26)}{chr(65 + i % 26)}A" for i in range(MAX_CELL_PROBLEMS + 5)]
    csv_file(path, [(c, "x") for c in codes])
    problems = _problems(path)
    assert len(problems) == MAX_CELL_PROBLEMS + 1
    assert problems[-1] == (
        f"{path}: expected at most {MAX_CELL_PROBLEMS} problems in cells to list, found 5 "
        "more. Fix those above and run again"
    )


def test_a_semicolon_separated_file_with_a_bom_reads(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeffiso3;score\nUSA;1.5\nKOR;\n".encode())
    table = load_table(path, table_id="t", source="s", date="2025-03-01")
    assert table.frame["iso3"].tolist() == ["USA", "KOR"]
    np.testing.assert_array_equal(table.frame["score"].to_numpy(), [1.5, np.nan])
    assert table.frame.index.tolist() == [2, 3]  # the rows a spreadsheet shows


def test_an_unknown_sheet_gets_did_you_mean(folder, capsys):
    workbook(folder / "analyst" / "readiness.xlsx", ROWS, sheet="Scores")
    path = folder / "ready.toml"
    text = path.read_text().replace("date = 2025-03-01", 'date = 2025-03-01\nsheet = "Score"')
    path.write_text(text)
    code, err = validate(capsys, "ready.toml")
    assert code == 2
    assert (
        "ready.toml: tables[0].sheet: expected a sheet of analyst/readiness.xlsx, found "
        "'Score'. Did you mean 'Scores'?" in err
    )


def test_without_openpyxl_a_workbook_names_the_extra(folder, capsys, monkeypatch):
    workbook(folder / "analyst" / "readiness.xlsx", ROWS)
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl raises ImportError
    code, err = validate(capsys, "ready.toml")
    assert code == 2
    assert (
        "analyst/readiness.xlsx: expected openpyxl installed, to read .xlsx workbooks, found it "
        "is not installed. pip install 'alliancescore[xlsx]', or save the table as .csv" in err
    )


# ----------------------------------------------------------------------------- the entries
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'source = "Agency X readiness review 2024"\n',
            "",
            "ready.toml: tables[0].source: expected a value, found nothing (the key is required)",
        ),
        (
            "date = 2025-03-01",
            'date = "March 2025"',
            "ready.toml: tables[0].date: expected a date, YYYY-MM-DD, found 'March 2025'",
        ),
        (
            'file = "analyst/readiness.xlsx"',
            'file = "analyst/readiness.xls"',
            "ready.toml: tables[0].file: expected a .csv or .xlsx file, found "
            "'analyst/readiness.xls'. Save the table as .xlsx or .csv",
        ),
        (
            'file = "analyst/readiness.xlsx"',
            'file = "analyst/missing.csv"',
            "analyst/missing.csv: expected an existing file, found no such file",
        ),
        (
            'id = "readiness"\nfile',
            'id = "nmc"\nfile',
            "ready.toml: tables[0].id: expected an id other than the data set's table names, "
            "found 'nmc'",
        ),
        (
            'date = 2025-03-01',
            "date = 2025-03-01\nmax_staleness_years = 3",
            "ready.toml: tables[0].max_staleness_years: expected a table with a 'year' column "
            "(max_staleness_years applies to values by year), found columns 'iso3', 'score'",
        ),
        (
            'params = { table = "readiness", column = "score" }',
            'params = { column = "score" }',
            "params.table: expected a non-empty string, found nothing (the key is required)",
        ),
    ],
    ids=["no-source", "bad-date", "xls", "no-file", "shipped-id", "staleness-no-year",
         "no-table-param"],
)  # fmt: skip
def test_entry_errors_are_one_clear_message(folder, capsys, old, new, expected):
    workbook(folder / "analyst" / "readiness.xlsx", ROWS)
    path = folder / "ready.toml"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    code, err = validate(capsys, "ready.toml")
    assert code == 2
    assert expected in err


def test_an_unknown_key_of_an_entry_gets_did_you_mean(folder, capsys):
    workbook(folder / "analyst" / "readiness.xlsx", ROWS)
    path = folder / "ready.toml"
    path.write_text(path.read_text().replace("date = 2025-03-01", "date = 2025-03-01\nshet = 'a'"))
    code, err = validate(capsys, "ready.toml")
    assert code == 2
    assert "ready.toml: tables[0].shet: expected one of the keys id, file, source, date" in err
    assert "Did you mean 'sheet'?" in err


def test_indicators_must_name_a_declared_table_and_one_of_its_columns(folder, capsys):
    workbook(folder / "analyst" / "readiness.xlsx", ROWS)
    path = folder / "ready.toml"
    text = path.read_text()
    path.write_text(text.replace('table = "readiness", column = "score"', 'table = "readyness"'))
    code, err = validate(capsys, "p.toml")
    assert code == 2
    assert (
        "params.table: expected the id of a [[tables]] entry of the criteria file or the "
        "profile, found 'readyness'. Did you mean 'readiness'?" in err
    )
    path.write_text(text.replace('column = "score"', 'column = "scores"'))
    code, err = validate(capsys, "p.toml")
    assert code == 2
    assert (
        "params.column: expected a value column of table 'readiness' (analyst/readiness.xlsx, "
        "sheet 'Sheet1'), found 'scores'. Did you mean 'score'?" in err
    )


def test_a_criteria_file_alone_may_leave_a_table_to_its_profiles(folder, capsys):
    path = folder / "ready.toml"
    text = path.read_text()
    path.write_text(text[: text.index("[[tables]]")])
    assert main(["validate", "ready.toml"]) == 0
    out = capsys.readouterr().out
    assert "indicators read table 'readiness', which the file does not declare" in out
    # ... and a profile that declares it scores
    workbook(folder / "tables" / "r.xlsx", ROWS)
    profile = folder / "p.toml"
    profile.write_text(
        profile.read_text()
        + '\n[[tables]]\nid = "readiness"\nfile = "tables/r.xlsx"\nsource = "s"\n'
        + "date = 2025-03-01\n"
    )
    assert main(["validate", "p.toml"]) == 0
    # both declaring it is refused: which one an indicator reads would be a guess
    path.write_text(text)
    workbook(folder / "analyst" / "readiness.xlsx", ROWS)
    code, err = validate(capsys, "p.toml")
    assert code == 2
    assert "p.toml: tables[0]: expected a table id not declared already, found 'readiness'" in err


def test_loading_a_criteria_file_reads_its_tables(folder):
    workbook(folder / "analyst" / "readiness.xlsx", ROWS)
    model = load_criteria("ready.toml")
    (table,) = model.tables
    assert (table.id, table.path, table.sheet, table.date) == (
        "readiness",
        "analyst/readiness.xlsx",
        "Sheet1",
        "2025-03-01",
    )
    assert table.frame.set_index("iso3")["score"].to_dict() == {c: float(v) for c, v in ROWS}
