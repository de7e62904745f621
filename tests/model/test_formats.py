"""The profile and criteria formats are declared once; checks, messages, key lists, the JSON
Schema and the module docstrings follow the declaration.

The JSON Schema is checked with the ``jsonschema`` package (the test extra); the shipped schema
files and their agreement with ``validate`` are tested in ``tests/present/test_schemas.py``.
"""

from __future__ import annotations

import re
import textwrap
import tomllib
from pathlib import Path

import jsonschema
import pytest

from alliancescore.analysis.validation import check_profile
from alliancescore.errors import AllianceScoreError
from alliancescore.mcda import METHODS, OUTRANKING_METHODS
from alliancescore.model import criteria, criteria_format, profile, profile_format
from alliancescore.model.criteria import load_criteria
from alliancescore.model.declare import Format, Table, json_schema, reference
from alliancescore.model.kinds import Integer, Map, Number, Sections, String, Text
from alliancescore.model.profile import read_profile
from alliancescore.shipped import default_criteria, demo_profiles
from small_model import CRITERIA, PROFILE, run, write


# The small test model and profile, shared with tests/analysis/test_validate_layers.py.
def schema_errors(document: dict, schema: dict) -> list[str]:
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    return [error.message for error in validator.iter_errors(document)]


def toml(path: Path | str) -> dict:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the JSON Schema


@pytest.mark.parametrize("path", demo_profiles(), ids=lambda p: p.stem)
def test_every_shipped_profile_validates_against_the_profile_schema(path):
    assert schema_errors(toml(path), json_schema(profile_format.PROFILE)) == []


def test_the_default_criteria_file_validates_against_the_criteria_schema():
    assert schema_errors(toml(default_criteria()), json_schema(criteria_format.CRITERIA)) == []


def test_the_test_files_validate_against_the_schemas():
    test_profile = tomllib.loads(textwrap.dedent(PROFILE))
    assert schema_errors(test_profile, json_schema(profile_format.PROFILE)) == []
    test_criteria = tomllib.loads(textwrap.dedent(CRITERIA))
    assert schema_errors(test_criteria, json_schema(criteria_format.CRITERIA)) == []


def test_the_schema_states_the_draft_and_every_table():
    schema = json_schema(profile_format.PROFILE)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["$defs"]) == {t.name for t in profile_format.PROFILE.tables[1:]}
    assert schema["required"] == ["profile", "threats", "candidates"]
    assert schema["$defs"]["threat"]["properties"]["severity"] == {
        "type": "number",
        "exclusiveMinimum": 0,
        "maximum": 1e6,  # issue 15: relative numbers near the float limit overflow
        "description": "Relative importance of this threat.",
        "default": 1.0,
    }


def _changed(text: str, old: str, new: str) -> dict:
    assert old in text, old
    return tomllib.loads(textwrap.dedent(text).replace(old, new))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('focal = "JPN"', 'focall = "JPN"'),  # an unknown key
        ("year = 2018", 'year = "2018"'),  # a type
        ("severity = 1.0", "severity = 0"),  # a domain
        ('scheme = "direct"', 'scheme = "direkt"'),  # a choice
        ('id = "test"', 'id = "../escaped"'),  # a pattern
        ("topsis = {}", "topsys = {}"),  # a registered method
        ("topsis = {}", 'topsis = { normalization = "vector" }'),  # its parameters
        ('scheme = "direct"', 'scheme = "ahp"'),  # a case: ahp needs criteria and matrix
        ('scheme = "direct"', 'scheme = "criteria_file"'),  # a case: values refused
    ],
)
def test_the_profile_schema_refuses_what_validate_refuses(tmp_path, old, new):
    document = _changed(PROFILE, old, new)
    assert schema_errors(document, json_schema(profile_format.PROFILE))
    write(tmp_path, "small.toml", CRITERIA)
    with pytest.raises(AllianceScoreError):
        check_profile(write(tmp_path, "p.toml", PROFILE.replace(old, new)))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("weight = 0.6", "weight = -0.6"),
        ('measure = "capability"', 'measure = "capabilty"'),
        ('direction = "cost"', 'direction = "costs"'),
        ('rationale = "Near partners."', 'rationale = "Near partners."\nparams = { x = 1 }'),
        ('type = "categorical"', 'type = "step"'),  # step needs thresholds and values
        ('"3" = 1 }', '"3" = 2 }'),  # a categorical value above 1
    ],
)
def test_the_criteria_schema_refuses_what_validate_refuses(tmp_path, old, new):
    document = _changed(CRITERIA, old, new)
    assert schema_errors(document, json_schema(criteria_format.CRITERIA))
    with pytest.raises(AllianceScoreError):
        load_criteria(write(tmp_path, "small.toml", CRITERIA.replace(old, new)))


# ---------------------------------------------------------------- messages from the declaration


def test_unknown_key_lists_are_the_declared_keys(tmp_path):
    path = write(tmp_path, "p.toml", PROFILE + "\n[sensitivity]\nsamplez = 10\n")
    problems = read_profile(path).problems
    declared = profile_format.PROFILE.table("sensitivity").names
    assert [str(p) for p in problems] == [
        # The expectation lists the declared keys: the hint does not list them again.
        f"{path}: sensitivity.samplez: expected one of the keys {', '.join(declared)}, found an "
        "unknown key. Did you mean 'sampler' or 'samples'?"
    ]


def test_a_scheme_names_the_keys_it_needs(tmp_path):
    write(tmp_path, "small.toml", CRITERIA)
    path = write(tmp_path, "p.toml", PROFILE.replace('scheme = "direct"', 'scheme = "ahp"'))
    with pytest.raises(AllianceScoreError) as caught:
        check_profile(path)
    found = 'found nothing (required with scheme = "ahp")'
    assert f"weights.criteria: expected a list of criterion ids, {found}" in str(caught.value)
    assert f"weights.matrix: expected a square list of lists of judgments, {found}" in str(
        caught.value
    )


def test_keys_of_another_scheme_are_refused_not_read(tmp_path):
    """An AHP matrix left in a direct profile was silently ignored: now one problem naming the
    scheme that reads it, its value not checked as a matrix; the JSON Schema refuses it too."""
    text = PROFILE.replace('scheme = "direct"', 'scheme = "direct"\nmatrix = "left over"')
    path = write(tmp_path, "p.toml", text)
    assert [str(p) for p in read_profile(path).problems] == [
        f'{path}: weights.matrix: expected nothing with scheme = "direct" (its weights come from '
        "values), found 'left over'. matrix is read by scheme = \"ahp\": remove it, or choose "
        "that scheme"
    ]
    document = tomllib.loads(textwrap.dedent(text))
    assert schema_errors(document, json_schema(profile_format.PROFILE))


def test_an_empty_criteria_array_is_a_problem_not_a_crash(tmp_path):
    path = write(
        tmp_path, "c.toml", "criteria = []\n[model]\nid = 'm'\nlabel = 'M'\nrationale = 'r'\n"
    )
    with pytest.raises(
        AllianceScoreError, match=r"criteria: expected at least one \[\[criteria\]\] entry"
    ):
        load_criteria(path)


def test_the_reference_lists_every_declared_key():
    for fmt in (profile_format.PROFILE, criteria_format.CRITERIA):
        text = reference(fmt)
        for table in fmt.tables:
            for key in table.keys:
                assert f"  {key.name}: " in text, key.name
    assert "  severity: number in (0, 1e+06], default 1.0. " in reference(profile_format.PROFILE)


# ---------------------------------------------------------------- a key or a table added once

REVIEWER = Table(
    "reviewer",
    "One reviewer's weights (an example of a table added later).",
    (
        String("name", "Who the reviewer is.", required=True),
        Number("weight", "How much the reviewer's view counts.", positive=True, default=1.0),
    ),
    header="[[reviewers]]",
)


def _extended(fmt: Format) -> Format:
    return (
        fmt.with_keys("sensitivity", Integer("draws", "Data draws.", minimum=2))
        .with_tables(REVIEWER)
        .with_keys("document", Sections("reviewers", "The reviewers.", table="reviewer"))
    )


EXTRA = """
[sensitivity]
draws = 5

[[reviewers]]
name = "A"
weight = 2

[[reviewers]]
name = "B"
"""


@pytest.fixture
def extended(monkeypatch, tmp_path):
    """The profile format with a key in [sensitivity] and a [[reviewers]] table added, and a
    test folder with the criteria file."""
    monkeypatch.setattr(profile_format, "PROFILE", _extended(profile_format.PROFILE))
    write(tmp_path, "small.toml", CRITERIA)
    return tmp_path


def test_an_added_key_and_table_are_read_by_validate(extended, capsys):
    path = write(extended, "p.toml", PROFILE + EXTRA)
    checked = check_profile(path)
    assert checked.profile.sensitivity["draws"] == 5
    reviewers = checked.profile.document["reviewers"]
    assert [(a["name"], a["weight"]) for a in reviewers] == [("A", 2.0), ("B", 1.0)]
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0 and "valid profile" in out, err


def test_an_added_key_and_table_get_the_messages(extended, capsys):
    text = (
        (PROFILE + EXTRA)
        .replace("draws = 5", "draws = 1\ndrawz = 3")
        .replace('name = "B"', "weight = -1")
        .replace("[[reviewers]]\nname", "[[reviewer]]\nname", 1)
    )
    path = write(extended, "p.toml", text)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "sensitivity.draws: expected a whole number >= 2, found 1" in err
    assert re.search(
        r"sensitivity.drawz: expected one of the keys .*draws.*Did you mean 'draws'", err
    )
    assert re.search(r"p.toml: reviewer: expected one of the keys .*reviewers.*Did you mean", err)
    assert "reviewers[0].name: expected a value, found nothing (the key is required)" in err
    assert "reviewers[0].weight: expected a positive number, found -1.0" in err


def test_an_added_key_and_table_are_in_the_json_schema(extended):
    schema = json_schema(profile_format.PROFILE)
    assert schema["$defs"]["sensitivity"]["properties"]["draws"]["minimum"] == 2
    assert schema["properties"]["reviewers"]["items"] == {"$ref": "#/$defs/reviewer"}
    assert schema["$defs"]["reviewer"]["required"] == ["name"]
    document = tomllib.loads(textwrap.dedent(PROFILE + EXTRA))
    assert schema_errors(document, schema) == []
    document["reviewers"][1]["weight"] = 0
    assert schema_errors(document, schema)
    assert "  draws: whole number >= 2, optional. Data draws." in reference(profile_format.PROFILE)


def test_a_copy_leaves_the_declaration_as_it_was():
    extended = _extended(profile_format.PROFILE)
    assert "reviewers" in extended.root.names and "draws" in extended.table("sensitivity").names
    assert "reviewers" not in profile_format.PROFILE.root.names
    assert "draws" not in profile_format.PROFILE.table("sensitivity").names


def test_the_unchanged_format_refuses_the_added_key(tmp_path):
    write(tmp_path, "small.toml", CRITERIA)
    path = write(tmp_path, "p.toml", PROFILE + EXTRA)
    with pytest.raises(AllianceScoreError, match=r"sensitivity.draws: expected one of the keys"):
        check_profile(path)


def test_a_key_added_to_the_criteria_format_is_read(monkeypatch, tmp_path):
    fmt = criteria_format.CRITERIA.with_keys("indicator", Text("unit", "The raw value's unit."))
    monkeypatch.setattr(criteria_format, "CRITERIA", fmt)
    text = CRITERIA.replace('measure = "capability"', 'measure = "capability"\n  unit = "share"')
    model = load_criteria(write(tmp_path, "small.toml", text))
    assert model.nodes["cinc"].measure == "capability"
    bad = text.replace('unit = "share"', 'units = "share"')
    with pytest.raises(AllianceScoreError, match=r"\"cinc\".units: .*Did you mean 'unit'"):
        load_criteria(write(tmp_path, "small.toml", bad))
    assert "unit" in json_schema(fmt)["$defs"]["indicator"]["properties"]


def test_a_map_entry_checks_each_value():
    fmt = Format("x", "x", (Table("document", "d", (Map("m", "m", entry=Number("n", "n")),)),))
    schema = json_schema(fmt)
    assert schema["properties"]["m"]["additionalProperties"] == {"type": "number"}


# ---------------------------------------------------------------- the docstrings stay true


def _format_block(module) -> str:
    doc = module.__doc__
    start = doc.index("::\n") + 3
    end = doc.index("\n\n", doc.index("\n    ", start) + 1)
    while doc[end + 2 : end + 6] == "    ":  # blank lines inside the block
        end = doc.index("\n\n", end + 2)
    return doc[start:end]


@pytest.mark.parametrize(
    ("module", "fmt"),
    [(profile, profile_format.PROFILE), (criteria, criteria_format.CRITERIA)],
    ids=["profile", "criteria"],
)
def test_the_module_docstring_shows_every_declared_key(module, fmt):
    block = _format_block(module)
    for table in fmt.tables:
        for key in table.keys:
            assert re.search(rf"\b{key.name}\b", block), f"{table.name}.{key.name}"


@pytest.mark.parametrize(
    ("module", "fmt"),
    [(profile, profile_format.PROFILE), (criteria, criteria_format.CRITERIA)],
    ids=["profile", "criteria"],
)
def test_every_key_in_the_module_docstring_is_declared(module, fmt):
    """Each ``key = ...`` line sits under a header of a declared table (``[[threats]]``) or of
    a table of entries by name (``[methods]``: registered methods) and names one of its keys."""
    headers = {t.header: t for t in fmt.tables if t.header}
    allowed: list[str] | None = None
    indent, seen = 0, 0
    for line in _format_block(module).splitlines():
        text = line.split("#", 1)[0].strip()
        if text.startswith("["):
            # [analysts.nodes.<id>] holds the keys of [analysts.weights] (one table, by id)
            table = headers.get(re.sub(r"^\[analysts\.nodes\.\w+\]$", "[analysts.weights]", text))
            methods = [*METHODS, *OUTRANKING_METHODS]
            allowed = table.names if table else methods if text == "[methods]" else None
            assert allowed is not None or text == "[[criteria.criteria]]", text
            indent = len(line) - len(line.lstrip())
            continue
        found = re.match(r"([A-Za-z_]+)\s*=", text)
        # A key sits at its header's indentation; deeper lines continue a value.
        if found and allowed is not None and len(line) - len(line.lstrip()) == indent:
            assert found.group(1) in allowed, (text, allowed)
            seen += 1
    assert seen > 10


def test_a_required_table_written_misspelt_is_one_problem(tmp_path, capsys):
    # [candiates]: the unknown key's did-you-mean, not that and "candidates is required".
    write(tmp_path, "small.toml", CRITERIA)
    path = write(tmp_path, "p.toml", PROFILE.replace("[candidates]", "[candiates]"))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert re.search(
        r"p.toml: candiates: expected one of the keys .*Did you mean 'candidates'", err
    )
    assert "candidates: expected a value" not in err
    assert err.count("p.toml: ") == 1


def test_a_required_table_left_out_says_how_to_write_it(tmp_path, capsys):
    write(tmp_path, "small.toml", CRITERIA)
    text = PROFILE.split("[candidates]")[0].replace("[[threats]]", "[[threatz]]")
    text = text.replace('[[threatz]]\nactor = "CHN"\nseverity = 1.0\n', "")
    path = write(tmp_path, "p.toml", text)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert (
        "p.toml: candidates: expected a value, found nothing (the key is required). Add a "
        "[candidates] table: Who may be a partner" in err
    )
    assert (
        "p.toml: threats: expected a value, found nothing (the key is required). Add "
        "[[threats]] entries: " in err
    )
