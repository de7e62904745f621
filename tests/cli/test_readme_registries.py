"""The README's tables of registered names say what the registries hold (issue 13).

A method, weighting, normalisation or measure added or renamed in code must appear in the
README, and the README must not list one that does not exist. The rows are found by their first
cell; every back-quoted name in the row is a registry name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import alliancescore
from alliancescore import mcda
from alliancescore.measures import MEASURES

README = Path(alliancescore.__file__).parents[2] / "README.md"
_NAME = re.compile(r"`([a-z][a-z0-9_]*)`")


def _row(first_cell: str) -> str:
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"| {first_cell}"):
            return line
    raise AssertionError(f"README has no table row starting with {first_cell!r}")


def _names(text: str, ignore: set[str] = frozenset()) -> set[str]:
    return set(_NAME.findall(text)) - ignore


@pytest.mark.parametrize(
    ("first_cell", "registry"),
    [
        ("score methods (`mcda.METHODS`)", mcda.METHODS),
        ("outranking methods (`mcda.OUTRANKING_METHODS`", mcda.OUTRANKING_METHODS),
        ("normalisations (`mcda.NORMALISATIONS`)", mcda.NORMALISATIONS),
        ("weightings (`mcda.WEIGHTINGS`)", mcda.WEIGHTINGS),
    ],
    ids=["methods", "outranking", "normalisations", "weightings"],
)
def test_engine_table_lists_every_registered_name(first_cell, registry):
    listed = _names(_row(first_cell).split("|")[2])
    assert listed == set(registry)


def test_measures_in_the_readme_are_the_registered_ones():
    text = README.read_text(encoding="utf-8")
    start = text.index("## The default model and its measures")
    section = text[start : text.index("\n## ", start + 1)]
    table = "\n".join(line.split("|")[2] for line in section.splitlines() if line.startswith("| "))
    # the table names indicators as `id` = `measure`: only the measure is a registry name
    table = re.sub(r"`[a-z][a-z0-9_]*` = ", "", table)
    further = section[section.index("Further registered measures") :]
    listed = _names(table) | _names(further.split(". ")[0])
    assert listed == set(MEASURES)
