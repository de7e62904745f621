"""Declared value domains (issue 15): every number of every table is checked against its
column's domain when the table is loaded (and built), with one message naming the file, the
line, the row's key, the column, the domain and the value found."""

from __future__ import annotations

import json
import shutil

import pytest

from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.data.csvio import parse_table
from alliancescore.data.manifest import sha256_of
from alliancescore.data.paths import DATA_ENV, data_dir
from alliancescore.data.schema import REFERENCE, TABLES
from alliancescore.data.spec import PLAUSIBLE_YEARS, SHARE, Column
from alliancescore.errors import AllianceScoreError
from alliancescore.shipped import package_root

HINT = (
    "Correct the value (or the build step that wrote it) and rebuild the data set with "
    "`python -m alliancescore.data.build`"
)


@pytest.fixture()
def copy(tmp_path):
    """A private copy of the shipped data set (tables included) to break."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("*.md"))
    return target


def edit(data, table: str, prefix: str, column: str, value: str) -> tuple[int, str]:
    """Set ``column`` of the one row starting with ``prefix`` in ``table``'s file to ``value``,
    rehash the file in the manifest (so that the content check, not the hash check, speaks)
    and return the row's line number and its key as a message names it."""
    spec = TABLES[table]
    path = data / spec.file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (number,) = [i for i, line in enumerate(lines, start=1) if line.startswith(prefix)]
    cells = lines[number - 1].rstrip("\n").split(",")
    cells[spec.column_names.index(column)] = value
    lines[number - 1] = ",".join(cells) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    manifest = json.loads((data / "MANIFEST.json").read_text(encoding="utf-8"))
    manifest["tables"][table]["sha256"] = sha256_of(path.read_bytes())
    (data / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")
    key = " ".join(cells[spec.column_names.index(k)] for k in spec.key)
    return number, key


def refused(data, table: str) -> str:
    with pytest.raises(AllianceScoreError) as info:
        load(data, cache=False).frame(table)
    (problem,) = info.value.problems
    return str(problem)


def test_a_negative_expenditure_names_file_line_row_column_and_domain(copy):
    line, _ = edit(copy, "nmc", "USA,2018,", "milex", "-5")
    assert refused(copy, "nmc") == (
        f"{copy / 'tables' / 'nmc.csv'}: line {line} (USA 2018), column 'milex': expected an "
        f"integer >= 0 (thousands of current US$), found '-5'. {HINT}"
    )


@pytest.mark.parametrize(
    ("table", "prefix", "column", "value", "expected"),
    [
        ("vdem", "SWE,2018,", "v2x_polyarchy", "1.2", "a number from 0 to 1 (0-1)"),
        (
            "sipri_milex",
            "JPN,2022,",
            "milex_usd2023m",
            "-1",
            "a number >= 0 (millions of constant 2023 US$)",
        ),
        ("unga", "JPN,2018,", "year", "20018", "an integer from 1700 to 2100 (year)"),
        (
            "unga",
            "JPN,2018,",
            "idealpointfp",
            "inf",
            "a finite number (latent scale (higher = closer to the US position))",
        ),
        ("warheads", "USA,2018,", "stockpile", "-3", "an integer >= 0 (warheads)"),
        ("capitals", "JPN,Tokyo,", "lat", "91", "a number from -90 to 90 (degrees north (WGS 84))"),
        (
            "capitals",
            "JPN,Tokyo,",
            "lng",
            "-180.5",
            "a number from -180 to 180 (degrees east (WGS 84))",
        ),
        (
            "arms_shares",
            "JPN,USA,2018,",
            "share",
            "1.0001",
            "a number from 0 to 1 (fraction (0-1))",
        ),
        ("atop", "USA,JPN,1951,", "first_year", "195", "an integer from 1700 to 2100 (year)"),
        (
            "mid_cow",
            "4,ALB,GBR,1946,",
            "fatality",
            "7",
            "one of -9, 0, 1, 2, 3, 4, 5, 6 (category)",
        ),
    ],
    ids=[
        "share-above-1",
        "negative-milex",
        "mistyped-year",
        "infinite",
        "negative-count",
        "latitude",
        "longitude",
        "arms-share",
        "spell-year",
        "category",
    ],
)
def test_values_outside_their_domain(copy, table, prefix, column, value, expected):
    line, key = edit(copy, table, prefix, column, value)
    path = copy / TABLES[table].file
    assert refused(copy, table) == (
        f"{path}: line {line} ({key}), column {column!r}: expected {expected}, "
        f"found {value!r}. {HINT}"
    )


def test_every_problem_of_a_file_in_one_message(copy):
    edit(copy, "nmc", "USA,2018,", "milex", "-5")
    edit(copy, "nmc", "JPN,2018,", "milper", "-1")
    with pytest.raises(AllianceScoreError) as info:
        load(copy, cache=False).frame("nmc")
    message = str(info.value)
    assert message.startswith("2 problems:")
    assert "(USA 2018), column 'milex'" in message and "(JPN 2018), column 'milper'" in message


def test_an_integer_too_large_for_a_float_is_refused_not_a_traceback():
    content = b"iso3,year,stockpile\nUSA,2018,1e30\n"
    with pytest.raises(AllianceScoreError) as info:
        parse_table(content, TABLES["warheads"], "w.csv")
    assert str(info.value) == (
        "w.csv: line 2: expected an integer of at most 9007199254740992 in column 'stockpile', "
        "found '1e30'"
    )


def test_a_reference_file_is_checked_too():
    spec = REFERENCE["capital_additions"]
    text = (data_dir() / spec.file).read_text(encoding="utf-8").replace(",-6.85,", ",-96.85,")
    with pytest.raises(AllianceScoreError, match=r"column 'lat': expected a number from -90"):
        parse_table(text.encode(), spec, spec.file)


def test_the_command_line_exits_2_with_the_message_and_no_traceback(copy, capsys, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(copy))  # restored after the test (main sets it too)
    line, _ = edit(copy, "nmc", "USA,2018,", "milex", "-5")
    code = main(["score", str(package_root() / "profiles" / "japan.toml"), "--data", str(copy)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert f"nmc.csv: line {line} (USA 2018), column 'milex': expected an integer >= 0" in err


def test_the_declared_domains():
    """Every year column spans the plausible years, every share and 0-1 index is bounded by
    0 and 1, and the shipped files pass (checked by loading them elsewhere)."""
    specs = [*TABLES.values(), *REFERENCE.values()]
    for spec in specs:
        for column in spec.columns:
            where = f"{spec.name}.{column.name}"
            if column.unit == "year" or column.name.endswith("_year") or column.name == "year":
                assert (column.minimum, column.maximum) == PLAUSIBLE_YEARS, where
            if "0-1" in column.unit or "fraction" in column.unit:
                assert (column.minimum, column.maximum) == (SHARE["minimum"], SHARE["maximum"]), (
                    where
                )
            if column.minimum is not None or column.maximum is not None:
                assert column.numeric, where
    assert TABLES["nmc"].column("milex").domain() == "an integer >= 0"
    assert TABLES["nuclear"].column("status").domain() == "one of 0, 1, 2, 3"
    assert TABLES["unga"].column("idealpointfp").domain() == "a finite number"
    assert Column("x", "float", "", maximum=5).domain() == "a number <= 5"


@pytest.mark.parametrize(
    ("column", "value", "admitted"),
    [
        (TABLES["nmc"].column("milex"), 0, True),
        (TABLES["nmc"].column("milex"), -5, False),
        (TABLES["nmc"].column("milex"), 2.5, False),  # an integer column
        (TABLES["nmc"].column("cinc"), 0.4, True),
        (TABLES["nmc"].column("cinc"), 1.01, False),
        (TABLES["nmc"].column("cinc"), float("nan"), False),
        (TABLES["nuclear"].column("status"), 3, True),
        (TABLES["nuclear"].column("status"), 4, False),
        (TABLES["unga"].column("idealpointfp"), -3.5, True),
        (TABLES["unga"].column("idealpointfp"), float("inf"), False),
        (TABLES["sipri_milex"].column("milex_usd2023m_flag"), 1, False),  # not a number column
    ],
)
def test_admits_one_value(column, value, admitted):
    assert column.admits(value) is admitted


@pytest.mark.parametrize(
    ("table", "prefix", "column", "value", "first"),
    [
        ("contiguity", "CAN,USA,1,", "last_year", "1900", "first_year"),
        ("capitals", "JPN,Tokyo,", "end", "1800-01-01", "start"),
    ],
)
def test_a_spell_that_ends_before_it_begins(copy, table, prefix, column, value, first):
    line, key = edit(copy, table, prefix, column, value)
    spec = TABLES[table]
    row = (copy / spec.file).read_text(encoding="utf-8").splitlines()[line - 1].split(",")
    begun = row[spec.column_names.index(first)]
    assert refused(copy, table) == (
        f"{copy / spec.file}: line {line} ({key}), column {column!r}: expected a value at or "
        f"after {first} = {begun}, found {value!r}. A spell cannot end before it begins: "
        "correct either, and rebuild with `python -m alliancescore.data.build`"
    )


def test_spans_are_the_declared_pairs():
    assert TABLES["atop"].spans == (("first_year", "last_year"),)
    assert TABLES["capitals"].spans == (("start", "end"),)
    assert REFERENCE["codes"].spans == (("from_year", "to_year"),)
    assert TABLES["nmc"].spans == ()
