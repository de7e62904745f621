"""The JSON Schemas shipped for editors: generated from the declarations, never stale, and in
agreement with ``alliancescore validate``.

Agreement is tested on mutants of a shipped profile and of the default criteria file: for each,
the shipped schema and ``validate`` both accept or both refuse. What a JSON Schema cannot
state is listed apart (:data:`PROFILE_BEYOND`, :data:`CRITERIA_BEYOND`), each with the reason,
and tested to stay so: the schema accepts it and ``validate`` refuses it. A case the schema
comes to refuse fails there and moves to the agreeing lists.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from alliancescore.cli import main
from alliancescore.model import criteria_format, facts_format, profile_format, study_format
from alliancescore.model.declare import json_schema
from alliancescore.present import schemas as schema_files
from alliancescore.shipped import default_criteria, demo_profiles, demo_study, facts, schemas
from shipped_copies import QUAD_OVERRIDE, portable

# ---------------------------------------------------------------- the shipped files


def shipped(name: str) -> dict:
    return json.loads((schemas() / name).read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = shipped(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


PROFILE_SCHEMA = "profile.schema.json"
CRITERIA_SCHEMA = "criteria.schema.json"
STUDY_SCHEMA = "study.schema.json"
FACTS_SCHEMA = "facts.schema.json"


def test_the_shipped_schemas_are_what_the_generator_writes():
    """In a fresh interpreter, so that no method or measure a test registered is listed."""
    done = subprocess.run(
        [sys.executable, "-m", "alliancescore.present.schemas", "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_shipped_schemas_are_the_declarations_schemas():
    for name, fmt in (
        (PROFILE_SCHEMA, profile_format.PROFILE),
        (CRITERIA_SCHEMA, criteria_format.CRITERIA),
        (STUDY_SCHEMA, study_format.STUDY),
        (FACTS_SCHEMA, facts_format.FACTS),
    ):
        schema = shipped(name)
        assert schema.pop("$comment").startswith("Generated from the format declared in")
        assert schema == json.loads(json.dumps(json_schema(fmt)))


def test_the_check_names_a_stale_or_missing_file(tmp_path, capsys):
    assert schema_files.main(["--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        CRITERIA_SCHEMA,
        FACTS_SCHEMA,
        PROFILE_SCHEMA,
        STUDY_SCHEMA,
    ]
    capsys.readouterr()
    assert schema_files.main(["--check", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""
    (tmp_path / PROFILE_SCHEMA).write_text("{}\n", encoding="utf-8")
    (tmp_path / CRITERIA_SCHEMA).unlink()
    assert schema_files.main(["--check", "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{tmp_path / name}: stale; run python -m alliancescore.present.schemas"
        for name in (PROFILE_SCHEMA, CRITERIA_SCHEMA)
    ]


def toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", demo_profiles(), ids=lambda p: p.stem)
def test_every_shipped_profile_is_valid_under_the_shipped_schema(path):
    assert [e.message for e in validator(PROFILE_SCHEMA).iter_errors(toml(path))] == []


@pytest.mark.parametrize("path", sorted(facts().glob("*.toml")), ids=lambda p: p.stem)
def test_every_shipped_facts_file_is_valid_under_the_shipped_schema(path):
    assert [e.message for e in validator(FACTS_SCHEMA).iter_errors(toml(path))] == []


def test_the_demo_study_and_its_template_are_valid_under_the_shipped_schemas():
    template = demo_study().parent / toml(demo_study())["study"]["template"]
    assert [e.message for e in validator(STUDY_SCHEMA).iter_errors(toml(demo_study()))] == []
    assert [e.message for e in validator(PROFILE_SCHEMA).iter_errors(toml(template))] == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("samples = 2000", "sampels = 2000", "Additional properties are not allowed"),
        ('threats = "backtest"', 'threats = "backtst"', "is not one of ['backtest', 'template']"),
        ("step = 4", "step = 0", "is not valid under any of the given schemas"),
        ("seed = 20", "seed = -1", "-1 is less than the minimum of 0"),
    ],
)
def test_the_study_schema_refuses_what_load_study_refuses(tmp_path, old, new, message):
    """The schema and the study file's checks agree on these edits of the demo study."""
    from alliancescore.data import load
    from alliancescore.errors import AllianceScoreError
    from alliancescore.model.study import load_study

    text = mutated(demo_study().read_text(encoding="utf-8"), old, new)
    path = tmp_path / "g20.toml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "g20_template.toml").write_text("", encoding="utf-8")
    errors = [e.message for e in validator(STUDY_SCHEMA).iter_errors(tomllib.loads(text))]
    assert len(errors) == 1 and message in errors[0], errors
    with pytest.raises(AllianceScoreError):
        load_study(path, load())


def test_the_default_criteria_file_is_valid_under_the_shipped_schema():
    document = toml(default_criteria())
    assert [e.message for e in validator(CRITERIA_SCHEMA).iter_errors(document)] == []


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        *((p, PROFILE_SCHEMA) for p in demo_profiles()),
        (default_criteria(), CRITERIA_SCHEMA),
        (demo_study(), STUDY_SCHEMA),
        (demo_study().parent / "g20_template.toml", PROFILE_SCHEMA),
        *((p, FACTS_SCHEMA) for p in sorted(facts().glob("*.toml"))),
    ],
    ids=lambda x: x.stem if isinstance(x, Path) else None,
)
def test_every_shipped_file_names_its_schema_for_editors(path, schema):
    """Taplo's (Even Better TOML's) header directive, relative to the file; the package ships
    the schemas beside profiles/ and criteria/, and ``alliancescore init`` copies them."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"#:schema ../schemas/{schema}"
    assert (path.parent / "../schemas" / schema).resolve().is_file()


# ---------------------------------------------------------------- schema and validate agree


def mutated(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def verdicts(path: Path, schema: str, capsys) -> tuple[bool, bool]:
    """(the schema accepts it, ``alliancescore validate`` accepts it)."""
    by_schema = validator(schema).is_valid(toml(path))
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code in (0, 2) and "Traceback" not in err, err
    return by_schema, code == 0


JAPAN = next(p for p in demo_profiles() if p.stem == "japan")


@pytest.fixture
def profile_text() -> str:
    """The Japan demo profile, naming the shipped criteria and facts files by their absolute
    paths (so a mutant written anywhere reads them), with a tie override of its own (the
    Quad, which the shared facts file holds too) for the mutants of ``[[overrides.ties]]``."""
    text = portable(JAPAN.read_text(encoding="utf-8"))
    text = mutated(text, '"../criteria/default.toml"', json.dumps(str(default_criteria())))
    return text + QUAD_OVERRIDE


METHODS_BLOCK = (
    "weighted_sum = {}\ntopsis = {}\nvikor = { v = 0.5 }\n"
    'promethee_ii = { preference = "linear", q = 0.02, p = 0.5 }\n'
)
VALUES = (
    "values = { shared_threats = 0.35, interoperability = 0.25, deterrence = 0.25, "
    "regional_stability = 0.15 }\n"
)

# (old, new): both accept
PROFILE_ACCEPTED = [
    ("severity = 0.8", "severity = 0.3"),
    ("severity = 0.8", "severity = 1e6"),
    ('scheme = "direct"\n' + VALUES, 'scheme = "criteria_file"\n'),
    ("vikor = { v = 0.5 }", "vikor = { v = 1 }"),
    ("topsis = {}", 'topsis = { normalisation = "vector" }'),
    ('include = ["USA",', 'exclude = ["PHL"]\ninclude = ["USA",'),  # a selector's state
    ("from = 2017", "from = 2017\nuntil = 2030\nreplaces = true"),
    ("samples = 200000", "samples = 1"),
    ('sampler = "dirichlet"', 'sampler = "uniform"'),
    ("concentration = 40", "concentration = 0.5\nk = 5\ndata_error = 0.1"),
]

# (old, new): both refuse
PROFILE_REFUSED = [
    # unknown keys and tables
    ('focal = "JPN"', 'focal = "JPN"\nfocus = "JPN"'),
    ("[sensitivity]", "[sensitivty]"),
    ('kind = "dialogue"', 'kind = "dialogue"\nsources = "x"'),
    ("topsis = {}", "topsys = {}"),
    ("vikor = { v = 0.5 }", "vikor = { w = 0.5 }"),
    ('notes = "Indo-Pacific', 'notez = "'),
    # types
    ("year = 2018", 'year = "2018"'),
    ('members = ["USA", "JPN", "KOR"]', 'members = "USA"'),
    ("severity = 0.8", 'severity = "high"'),
    ("from = 2017", "from = 2017\nreplaces = 1"),
    ("concentration = 40", 'concentration = 40\nk = "five"'),
    ("seed = 20181", "seed = 2.5"),
    ("vikor = { v = 0.5 }", 'vikor = { v = "half" }'),
    # required keys left out
    ('focal = "JPN"\n', ""),
    ('actor = "PRK"\n', ""),
    ('label = "US-Japan-South Korea trilateral"\n', ""),
    ('source = "Australia-India-Japan', 'note2 = "'),
    ('scheme = "direct"\n', ""),
    # numbers out of range
    ("severity = 0.8", "severity = 0"),
    ("severity = 0.8", "severity = 2e6"),
    ("shared_threats = 0.35", "shared_threats = -0.35"),
    ("vikor = { v = 0.5 }", "vikor = { v = 1.5 }"),
    ("samples = 200000", "samples = 0"),
    ("samples = 200000", "samples = 100000001"),
    ("concentration = 40", "concentration = 0"),
    ("concentration = 40", "concentration = 40\ndata_error = 50"),
    ("from = 2017", "from = 1815"),
    # choices and patterns
    ('scheme = "direct"', 'scheme = "direkt"'),
    ('sampler = "dirichlet"', 'sampler = "sobol"'),
    ('kind = "dialogue"', 'kind = "dialog"'),
    ("topsis = {}", 'topsis = { normalisation = "zscore" }'),
    ("p = 0.5 }", 'p = 0.5, flows = "total" }'),
    ('id = "japan"', 'id = "japan 2018"'),
    ('label = "The Quad (US, Japan, India, Australia)"', 'label = ""'),
    # what a scheme needs or refuses
    ('scheme = "direct"', 'scheme = "ahp"'),
    ('scheme = "direct"', 'scheme = "criteria_file"'),
    ('scheme = "direct"', 'scheme = "direct"\nmax_cr = 0.2'),  # a key another scheme reads
    # an empty [methods]
    (METHODS_BLOCK, ""),
]

# (old, new, why): beyond a JSON Schema; the schema accepts, validate refuses
PROFILE_BEYOND = [
    ('focal = "JPN"', 'focal = "JPX"', "nation codes are the data set's"),
    ("year = 2018", "year = 1700", "the data set's years"),
    ('actor = "PRK"', 'actor = "JPN"', "the focal nation as its own threat: two keys"),
    ("shared_threats = 0.35", "shared_threatz = 0.35", "criterion ids are the criteria file's"),
    ("from = 2017", "from = 2017\nuntil = 2000", "a tie ending before it starts: two keys"),
    ('id = "quad"', 'id = "us_jpn_kor"', "ids unique across entries"),
    ('include = ["USA",', 'exclude = ["CAN"]\ninclude = ["USA",', "a code in two keys"),
    (
        VALUES,
        VALUES + "intervals = { deterrence = [0.6, 0.4] }\n",
        "an interval's order: two items",
    ),
    ("samples = 200000", "samples = 200000.0", "JSON Schema's integers include 200000.0"),
    ("severity = 0.8", "severity = nan", "TOML's nan and inf: JSON has no such numbers"),
    (
        'preference = "linear"',
        'preference = "linar"',
        "PROMETHEE's preference functions, by name or Brans-Vincke number, are checked by code",
    ),
]


def _ids(cases):
    return [f"{c[0].strip()[:30]} -> {c[1].strip()[:30]}" for c in cases]


@pytest.mark.parametrize(("old", "new"), PROFILE_ACCEPTED, ids=_ids(PROFILE_ACCEPTED))
def test_a_profile_both_accept(tmp_path, capsys, profile_text, old, new):
    path = tmp_path / "p.toml"
    path.write_text(mutated(profile_text, old, new), encoding="utf-8")
    assert verdicts(path, PROFILE_SCHEMA, capsys) == (True, True)


@pytest.mark.parametrize(("old", "new"), PROFILE_REFUSED, ids=_ids(PROFILE_REFUSED))
def test_a_profile_both_refuse(tmp_path, capsys, profile_text, old, new):
    path = tmp_path / "p.toml"
    path.write_text(mutated(profile_text, old, new), encoding="utf-8")
    assert verdicts(path, PROFILE_SCHEMA, capsys) == (False, False)


@pytest.mark.parametrize(("old", "new", "why"), PROFILE_BEYOND, ids=_ids(PROFILE_BEYOND))
def test_a_profile_rule_beyond_the_schema(tmp_path, capsys, profile_text, old, new, why):
    path = tmp_path / "p.toml"
    path.write_text(mutated(profile_text, old, new), encoding="utf-8")
    assert verdicts(path, PROFILE_SCHEMA, capsys) == (True, False), why


def test_the_unmutated_profile_is_accepted_by_both(tmp_path, capsys, profile_text):
    path = tmp_path / "p.toml"
    path.write_text(profile_text, encoding="utf-8")
    assert verdicts(path, PROFILE_SCHEMA, capsys) == (True, True)


# ---------------------------------------------------------------- the criteria file

FIRST_INDICATOR = 'rationale = "A standing strategic rivalry'
MEASURE_PARAMS = 'params = { after_mid = "ucdp" }'
LOG = 'value_function = { type = "log", lower = 0.0001 }'
CATEGORICAL = 'value_function = { type = "categorical", map = { "0" = 0.0, "1" = 0.0,'

# (old, new): both accept
CRITERIA_ACCEPTED = [
    ('missing = "worst"', 'missing = "neutral"'),
    ('version = "2026.12.3"\n', ""),
    ("weight = 0.10", "weight = 0"),
    (MEASURE_PARAMS, 'params = { after_mid = "none" }'),
    (MEASURE_PARAMS, 'params = { after_mid = "ucdp", window_years = 5 }'),
    (LOG, 'value_function = { type = "log", lower = 0.0001, upper = 2 }'),
    (LOG, 'value_function = { type = "rank" }'),
    (LOG, 'value_function = { type = "step", thresholds = [0.01], values = [0, 1] }'),
    (FIRST_INDICATOR, 'aggregation = "max"\n  ' + FIRST_INDICATOR),
]

# (old, new): both refuse
CRITERIA_REFUSED = [
    # unknown keys
    ('id = "default"', 'id = "default"\nauthor = "x"'),
    (FIRST_INDICATOR, 'note = "x"\n  ' + FIRST_INDICATOR),
    (MEASURE_PARAMS, 'params = { after = "ucdp" }'),
    (LOG, 'value_function = { type = "log", lower = 0.0001, base = 10 }'),
    # types
    ('version = "2026.12.3"', "version = 2026.12"),
    ("weight = 0.10", 'weight = "0.10"'),
    (MEASURE_PARAMS, 'params = { after_mid = "ucdp", window_years = 5.5 }'),
    (MEASURE_PARAMS, "params = { after_mid = true }"),
    # required keys left out
    ('label = "Shared threats"\n', ""),
    ('measure = "threat_rivalry"\n', ""),
    ('direction = "benefit"\n', ""),
    # numbers out of range
    ("weight = 0.10", "weight = -0.10"),
    (LOG, 'value_function = { type = "log", lower = 0 }'),
    (CATEGORICAL, CATEGORICAL.replace('"1" = 0.0', '"1" = 1.5')),
    (MEASURE_PARAMS, 'params = { after_mid = "ucdp", window_years = 0 }'),
    # choices
    ('measure = "threat_rivalry"', 'measure = "threat_rivalri"'),
    ('direction = "benefit"', 'direction = "benefits"'),
    ('missing = "worst"', 'missing = "worse"'),
    (FIRST_INDICATOR, 'aggregation = "median"\n  ' + FIRST_INDICATOR),
    (MEASURE_PARAMS, 'params = { after_mid = "acled" }'),
    (LOG, 'value_function = { type = "logistic" }'),
    # what a value function needs
    (LOG, 'value_function = { type = "piecewise" }'),
    (LOG, 'value_function = { type = "step", thresholds = [0.01] }'),
    (
        'value_function = { type = "categorical", map = { "0" = 0.0, "1" = 0.0, "2" = 0.25, '
        '"3" = 1.0 } }',
        'value_function = { type = "categorical" }',
    ),
]

# (old, new, why): beyond a JSON Schema; the schema accepts, validate refuses
CRITERIA_BEYOND = [
    ('id = "disputes_with_threats"', 'id = "rival_of_threats"', "ids unique across nodes"),
    (LOG, LOG.replace("}", ", upper = 0.00005 }"), "upper above lower: two keys"),
    (
        LOG,
        'value_function = { type = "step", thresholds = [0.01, 0.001], values = [0, 0.5, 1] }',
        "thresholds increasing: an order between items",
    ),
    (
        LOG,
        'value_function = { type = "step", thresholds = [0.01], values = [0, 0.5, 1] }',
        "one more value than thresholds: two keys",
    ),
    (
        LOG,
        'value_function = { type = "piecewise", points = [[0, 1], [1, 0]] }',
        "values agreeing with the direction: two keys",
    ),
    (
        'map = { "0" = 0.0, "1" = 0.1, ',
        'map = { "1" = 0.1, ',
        "a categorical map covering the measure's categories: the measure registry's",
    ),
]


@pytest.fixture
def criteria_text() -> str:
    return default_criteria().read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new"), CRITERIA_ACCEPTED, ids=_ids(CRITERIA_ACCEPTED))
def test_a_criteria_file_both_accept(tmp_path, capsys, criteria_text, old, new):
    path = tmp_path / "c.toml"
    path.write_text(mutated(criteria_text, old, new), encoding="utf-8")
    assert verdicts(path, CRITERIA_SCHEMA, capsys) == (True, True)


@pytest.mark.parametrize(("old", "new"), CRITERIA_REFUSED, ids=_ids(CRITERIA_REFUSED))
def test_a_criteria_file_both_refuse(tmp_path, capsys, criteria_text, old, new):
    path = tmp_path / "c.toml"
    path.write_text(mutated(criteria_text, old, new), encoding="utf-8")
    assert verdicts(path, CRITERIA_SCHEMA, capsys) == (False, False)


@pytest.mark.parametrize(("old", "new", "why"), CRITERIA_BEYOND, ids=_ids(CRITERIA_BEYOND))
def test_a_criteria_rule_beyond_the_schema(tmp_path, capsys, criteria_text, old, new, why):
    path = tmp_path / "c.toml"
    path.write_text(mutated(criteria_text, old, new), encoding="utf-8")
    assert verdicts(path, CRITERIA_SCHEMA, capsys) == (True, False), why
