"""A profile's value overrides checked against the domain of the column they set (issue 15):
a value the table itself could not hold is refused by ``validate`` (exit 2) with the profile
file and the override's key named."""

from __future__ import annotations

import pytest

from alliancescore.analysis.validation import check_profile
from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.errors import AllianceScoreError
from alliancescore.shipped import default_criteria, package_root
from shipped_copies import portable

JAPAN = portable((package_root() / "profiles" / "japan.toml").read_text(encoding="utf-8"))


def with_override(tmp_path, table: str, column: str, value: str):
    text = JAPAN.replace(
        'criteria = "../criteria/default.toml"', f'criteria = "{default_criteria()}"'
    )
    text += (
        f'\n[[overrides.values]]\ntable = "{table}"\ncolumn = "{column}"\nnation = "KOR"\n'
        f'year = 2017\nvalue = {value}\nsource = "a test"\n'
    )
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path) -> list[str]:
    with pytest.raises(AllianceScoreError) as info:
        check_profile(path, data=load())
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("table", "column", "value", "expected", "hint"),
    [
        (
            "nuclear",
            "status",
            "4",
            "a value nuclear.status can hold, one of 0, 1, 2, 3 (category), found 4",
            "nuclear.status: 0 no consideration, 1 considering, 2 pursuing, 3 possessing",
        ),
        (
            "nuclear",
            "status",
            "1.5",
            "a value nuclear.status can hold, one of 0, 1, 2, 3 (category), found 1.5",
            "nuclear.status: 0 no consideration, 1 considering, 2 pursuing, 3 possessing",
        ),
        (
            "nmc",
            "milex",
            "-5",
            "a value nmc.milex can hold, an integer >= 0 (thousands of current US$), found -5",
            "nmc.milex: military expenditure",
        ),
        (
            "sipri_milex",
            "milex_gdp_share",
            "3.4",
            "a value sipri_milex.milex_gdp_share can hold, a number from 0 to 1 (fraction "
            "(0.034 = 3.4%)), found 3.4",
            "sipri_milex.milex_gdp_share: military expenditure as a share of GDP",
        ),
        (
            "warheads",
            "stockpile",
            "10.5",
            "a value warheads.stockpile can hold, an integer >= 0 (warheads), found 10.5",
            "warheads.stockpile: estimated warhead stockpile",
        ),
    ],
    ids=["category", "fractional-category", "negative", "share-as-percent", "fraction"],
)
def test_a_value_outside_its_column_domain(tmp_path, table, column, value, expected, hint):
    path = with_override(tmp_path, table, column, value)
    assert problems(path) == [f"{path}: overrides.values[0].value: expected {expected}. {hint}"]


def test_an_infinite_value_is_refused_by_the_format_already(tmp_path):
    path = with_override(tmp_path, "unga", "idealpointfp", "inf")
    assert problems(path) == [
        f"{path}: overrides.values[0].value: expected a finite number, found inf"
    ]


def test_a_text_column_cannot_be_overridden_with_a_number(tmp_path):
    path = with_override(tmp_path, "sipri_milex", "milex_usd2023m_flag", "1")
    assert problems(path) == [
        f"{path}: overrides.values[0].column: expected a number column of sipri_milex (an "
        "override sets a number), found 'milex_usd2023m_flag', a column of text. Did you mean "
        "'milex_usd2023m'? Known: 'milex_gdp_share', 'milex_usd2023m'"
    ]


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("nuclear", "status", "3"),
        ("nmc", "milex", "0"),
        ("sipri_milex", "milex_gdp_share", "0.034"),
    ],
)
def test_values_inside_the_domain_pass(tmp_path, table, column, value):
    check_profile(with_override(tmp_path, table, column, value), data=load())


def test_validate_exits_2_naming_file_and_key(tmp_path, capsys):
    path = with_override(tmp_path, "nuclear", "status", "7")
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert f"{path}: overrides.values[0].value: expected a value nuclear.status can hold" in err
