"""Bad input gets one clear message and a non-zero exit, never a traceback.

Each case writes a small profile or criteria file, runs the command line, and pins the message:
it names the file, the key path, what was expected and what was found (with did-you-mean).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from alliancescore.analysis.matrix import select_candidates
from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.model.profile import load_profile
from alliancescore.shipped import default_criteria, demo_profiles
from small_model import CRITERIA, PROFILE, run, write


@pytest.fixture
def files(tmp_path):
    write(tmp_path, "small.toml", CRITERIA)
    return tmp_path


def profile_with(files: Path, old: str, new: str) -> Path:
    assert old in PROFILE, old
    return write(files, "p.toml", PROFILE.replace(old, new))


def criteria_with(files: Path, old: str, new: str) -> Path:
    assert old in CRITERIA, old
    return write(files, "small.toml", CRITERIA.replace(old, new))


def test_the_valid_pair_scores(files, capsys):
    path = write(files, "p.toml", PROFILE)
    code, out, err = run(capsys, "score", str(path))
    assert code == 0, err
    assert "quad" in out and "United States" in out


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # malformed TOML: file, line and column
        ('focal = "JPN"', 'focal = "JPN', r"p.toml: expected valid TOML, found .*line 5, column"),
        # unknown key with did-you-mean
        (
            'focal = "JPN"',
            'focall = "JPN"',
            r"p.toml: profile.focall: expected one of the keys"
            r".*Did you mean 'focal'",
        ),
        # unknown method
        (
            "topsis = {}",
            "topsys = {}",
            r"methods.topsys: expected a registered method \(score or outranking\), found "
            r"'topsys'. Did you mean 'topsis'",
        ),
        # unknown method parameter
        (
            "topsis = {}",
            'topsis = { normalization = "vector" }',
            r"methods.topsis.normalization.*Did you mean 'normalisation'",
        ),
        # unknown nation code, and a name instead of a code
        (
            'include = ["USA", "KOR", "AUS", "IND"]',
            'include = ["USA", "KOR", "AUS", "INDD"]',
            r"candidates.include\[3\]: expected an ISO 3166 alpha-3 code .*'INDD'.*Did you mean",
        ),
        (
            'actor = "CHN"',
            'actor = "China"',
            r"threats\[0\].actor: .*'China' is the name of CHN: use the code 'CHN'",
        ),
        # a real ISO code that is no state of the data set: what it is, not 'PER' or 'SEN'
        (
            'include = ["USA", "KOR", "AUS", "IND"]',
            'include = ["USA", "KOR", "AUS", "PSE"]',
            r"candidates.include\[3\]: expected an ISO 3166 alpha-3 code known to the data set, "
            r"found 'PSE'. 'PSE' is the ISO 3166-1 code of the State of Palestine, a UN "
            r"non-member observer state, not one of the data set's states "
            r"\(reference/nations.csv\): remove it\n",
        ),
        (
            'actor = "CHN"',
            'actor = "HKG"',
            r"threats\[0\].actor: .*found 'HKG'. 'HKG' is the ISO 3166-1 code of Hong Kong, a "
            r"special administrative region of China \('CHN'\), not one of",
        ),
        # weights: negative, NaN, all zero
        (
            "values = { power = 0.5, closeness = 0.5 }",
            "values = { power = -0.5, closeness = 0.5 }",
            r"weights.values.power: expected a number >= 0, found -0.5",
        ),
        (
            "values = { power = 0.5, closeness = 0.5 }",
            "values = { power = nan, closeness = 0.5 }",
            r"weights.values.power: expected a finite number, found nan",
        ),
        (
            "values = { power = 0.5, closeness = 0.5 }",
            "values = { power = 0, closeness = 0 }",
            r"weights.values: expected at least one positive weight, found all weights zero",
        ),
        (
            "values = { power = 0.5, closeness = 0.5 }",
            "values = { powr = 0.5, closeness = 0.5 }",
            r"weights.values.powr: expected a top-level criterion id .*Did you mean 'power'",
        ),
        # focal nation among its own candidates
        (
            'include = ["USA", "KOR", "AUS", "IND"]',
            'include = ["USA", "KOR", "JPN"]',
            r"candidates.include: expected candidates other than the focal nation JPN, found JPN",
        ),
        # a year outside the data
        (
            "year = 2018",
            "year = 1900",
            r"profile.year: expected a year the data cover, "
            r"1946..\d{4}, found 1900",
        ),
        ("year = 2018", "year = 2100", r"profile.year: expected a year the data cover"),
        # a coalition with an unknown member
        (
            'members = ["USA", "JPN", "IND", "AUS"]',
            'members = ["USA", "JPN", "IND", "AUZ"]',
            r"coalitions\[0\].members\[3\]: expected an ISO 3166 alpha-3 code .*'AUZ'.*"
            r"Did you mean 'AUS'",
        ),
    ],
)
def test_profile_errors_are_one_clear_message(files, capsys, old, new, expected):
    path = profile_with(files, old, new)
    code, _, err = run(capsys, "score", str(path))
    assert code == 2
    assert err.startswith("alliancescore: error: ")
    assert str(path) in err
    assert re.search(expected, err), err


def test_an_override_without_a_source_is_refused(files, capsys):
    path = write(
        files,
        "p.toml",
        PROFILE
        + textwrap.dedent("""
        [[overrides.ties]]
        kind = "dialogue"
        parties = ["JPN"]
        others = ["USA"]
        from = 2017
        """),
    )
    code, _, err = run(capsys, "score", str(path))
    assert code == 2
    assert "overrides.ties[0].source: expected a value, found nothing (the key is required)" in err


def test_a_non_reciprocal_ahp_matrix_names_the_cell(files, capsys):
    path = profile_with(
        files,
        'scheme = "direct"\nvalues = { power = 0.5, closeness = 0.5 }',
        'scheme = "ahp"\ncriteria = ["power", "closeness"]\nmatrix = [[1, 3], [3, 1]]',
    )
    code, _, err = run(capsys, "score", str(path))
    assert code == 2
    assert "weights.matrix[1, 0]: expected the reciprocal of weights.matrix[0, 1] = 3" in err


def test_inconsistent_ahp_judgments_are_refused_unless_allowed(files, capsys):
    matrix = "[[1, 9, 0.111], [0.111, 1, 9], [9, 0.111, 1]]"
    criteria = CRITERIA + textwrap.dedent("""
        [[criteria]]
        id = "third"
        label = "Third"
        weight = 0.1
        rationale = "Needed for a 3 x 3 matrix."

          [[criteria.indicators]]
          id = "nuclear"
          label = "Nuclear"
          measure = "nuclear_status"
          direction = "benefit"
          weight = 1
          rationale = "Status."
        """)
    write(files, "small.toml", criteria)
    base = PROFILE.replace(
        'scheme = "direct"\nvalues = { power = 0.5, closeness = 0.5 }',
        f'scheme = "ahp"\ncriteria = ["power", "closeness", "third"]\nmatrix = {matrix}',
    )
    path = write(files, "p.toml", base)
    code, _, err = run(capsys, "score", str(path))
    assert code == 2
    assert "consistency ratio of at most 0.1" in err and "allow_inconsistent = true" in err
    path = write(
        files, "p.toml", base.replace("[methods]", "allow_inconsistent = true\n\n[methods]")
    )
    code, out, err = run(capsys, "score", str(path))
    assert code == 0, err
    assert "AHP consistency ratio" in out


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'measure = "capability"',
            'measure = "capabilty"',
            r"indicators\[0\] \"cinc\".measure: expected one of .*Did you mean 'capability'",
        ),
        (
            "weight = 1.0",
            "weigth = 1.0",
            r"\"cinc\".weigth: expected one of the keys.*"
            r"Did you mean 'weight'",
        ),
        ('direction = "cost"', 'direction = "costs"', r"\"distance\".direction: .*'costs'"),
        ("weight = 0.6", "weight = -0.6", r"criteria\[0\].weight: expected a number >= 0"),
    ],
)
def test_criteria_errors_are_one_clear_message(files, capsys, old, new, expected):
    criteria_with(files, old, new)
    code, _, err = run(capsys, "validate", str(files / "small.toml"))
    assert code == 2
    assert re.search(expected, err), err


def test_validate_reports_every_problem_of_a_file_at_once(files, capsys):
    criteria_with(files, 'measure = "capability"', 'measure = "capabilty"')
    text = (files / "small.toml").read_text().replace("weight = 0.6", "weight = -1")
    (files / "small.toml").write_text(text)
    code, _, err = run(capsys, "validate", str(files / "small.toml"))
    assert code == 2
    assert "2 problems:" in err


def test_validate_accepts_the_shipped_files(capsys):
    files = [str(p) for p in demo_profiles()]
    files.append(str(default_criteria()))
    code, out, err = run(capsys, "validate", *files)
    assert code == 0, err
    assert out.count("valid") == len(files)


def test_output_path_that_is_an_input_is_refused_and_untouched(files, capsys):
    path = write(files, "p.toml", PROFILE)
    before = path.read_bytes()
    code, _, err = run(capsys, "score", str(path), "--out", str(path))
    assert code == 2
    assert "--out: expected a path that is not one of the inputs" in err
    assert path.read_bytes() == before
    criteria = files / "small.toml"
    code, _, err = run(capsys, "score", str(path), "--out", str(criteria))
    assert code == 2 and criteria.read_text() == textwrap.dedent(CRITERIA)


def test_output_into_the_data_folder_is_refused(files, capsys):
    from alliancescore.data import load

    path = write(files, "p.toml", PROFILE)
    target = load().root / "tables" / "nmc.csv"
    code, _, err = run(capsys, "score", str(path), "--out", str(target))
    assert code == 2 and "outside the data folder" in err


def test_unknown_explain_candidate_gets_did_you_mean(files, capsys):
    path = write(files, "p.toml", PROFILE)
    code, _, err = run(capsys, "explain", str(path), "KOE")
    assert code == 2
    assert "Did you mean 'KOR'" in err


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("CHN", "found 'CHN', a threat actor of this profile, not a candidate. "),
        ("JPN", "found 'JPN', the focal nation (the profile ranks partners for JPN). "),
    ],
)
def test_explaining_the_focal_nation_or_a_threat_actor_says_which_it_is(files, capsys, name, found):
    # a threat actor got "Did you mean 'USA'?" (RUS), the focal nation no reason at all
    path = write(files, "p.toml", PROFILE)
    for argv in ([name], ["USA", "--versus", name]):
        code, _, err = run(capsys, "explain", str(path), *argv)
        assert code == 2
        assert found + "Explain one of its candidates or coalitions: 'AUS', " in err, err
        assert "Did you mean" not in err


def test_unknown_method_on_the_command_line(files, capsys):
    path = write(files, "p.toml", PROFILE)
    code, _, err = run(capsys, "score", str(path), "--method", "vikorr")
    assert code == 2 and "Did you mean 'vikor'" in err
    # the profile itself is fine: its candidate selection, which reads no method, still runs
    assert "candidate selection not tried" not in err
    assert "the profile has errors" not in err


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a coalition member, a threat actor or theatre state that did not exist that year
        (
            'members = ["USA", "JPN", "IND", "AUS"]',
            'members = ["USA", "JPN", "IND", "DDR"]',
            r"coalitions\[0\].members\[3\]: expected a state that existed in 2018",
        ),
        (
            'members = ["USA", "JPN", "IND", "AUS"]',
            'members = ["USA", "USA", "IND"]',
            r"coalitions\[0\].members: expected each member once, found USA repeated",
        ),
        ('id = "test"', 'id = "../escaped"', r"profile.id: expected letters, digits"),
        # a method parameter of the wrong type: the declared constraint names it (issue 13)
        (
            "topsis = {}",
            'topsis = { normalisation = ["vector"] }',
            r"methods.topsis \(topsis parameter 'normalisation'\): expected one of .*"
            r"found \['vector'\]",
        ),
        (
            "topsis = {}",
            'vikor = { v = "x" }',
            r"methods.vikor \(vikor parameter 'v'\): expected a number in \[0, 1\], found 'x'",
        ),
    ],
)
def test_more_profile_errors(files, capsys, old, new, expected):
    path = profile_with(files, old, new)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert re.search(expected, err), err


def test_weights_written_directly_under_weights_are_one_problem_with_the_fix(files, capsys):
    # The commonest slip with direct weights: the criteria's weights straight under [weights].
    path = profile_with(
        files,
        'scheme = "direct"\nvalues = { power = 0.5, closeness = 0.5 }',
        'scheme = "direct"\npower = 0.5\ncloseness = 0.5',
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert err.startswith(
        f"alliancescore: error: {path}: weights: expected the criteria's weights under "
        "[weights.values], found power, closeness written directly under [weights]. Put a "
        "[weights.values] header above them, or write values = { power = 0.5, ... } under "
        "[weights]\n"
    ), err
    assert "unknown key" not in err and "weights.values" not in err.split("\n")[1]


def test_an_analysts_weights_written_directly_are_one_problem_each(tmp_path, capsys):
    # The same slip in [analysts.weights] and [analysts.nodes.<id>] gets the same message,
    # naming the analyst's table (japan_team: the second analyst's swing points, the third's
    # interoperability judgments).
    (team,) = [p for p in demo_profiles() if p.name == "japan_team.toml"]
    text = team.read_text(encoding="utf-8")
    text = text.replace(
        'criteria = "../criteria/default.toml"', f'criteria = "{default_criteria()}"'
    )
    text = text.replace('facts = ["../facts/ties.toml"]\n', "")
    for values in (
        "values = { deterrence = 100, interoperability = 70, shared_threats = 50, "
        "regional_stability = 20 }",
        "values = { defence_ties = 30, arms_supply_to_focal = 10, arms_supplier_overlap = 10, "
        "un_alignment = 50 }",
    ):
        assert values in text
        inner = values.removeprefix("values = { ").removesuffix(" }")
        text = text.replace(values, inner.replace(", ", "\n"))
    path = write(tmp_path, "team.toml", text)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert (
        "analysts[1].weights: expected the criteria's weights under [analysts.weights.values], "
        "found deterrence, interoperability, shared_threats, regional_stability written "
        "directly under [analysts.weights]. Put a [analysts.weights.values] header above them"
    ) in err, err
    assert (
        "analysts[2].nodes.interoperability: expected the criteria's weights under "
        "[analysts.nodes.interoperability.values], found defence_ties"
    ) in err, err
    assert "unknown key" not in err and err.count("\n  - ") == 2, err


def test_a_misspelt_key_beside_stray_weights_keeps_its_did_you_mean(files, capsys):
    path = profile_with(
        files,
        'scheme = "direct"\nvalues = { power = 0.5, closeness = 0.5 }',
        'scheme = "direct"\nmax_crr = 0.2\npower = 0.5\ncloseness = true',
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    # The misspelt key keeps its own message; every other stray is moved to values, where a
    # value that is no number is named as such.
    assert "weights.max_crr: expected one of the keys" in err and "Did you mean 'max_cr'" in err
    assert "found power, closeness written directly under [weights]" in err
    assert "weights.values.closeness: expected a number" in err, err


def test_a_misspelt_weights_key_is_still_an_unknown_key(files, capsys):
    # Not a number: not a stray weight, so the declared table's message stands.
    path = profile_with(files, 'scheme = "direct"', 'scheme = "direct"\nschem = "ahp"')
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "weights.schem: expected one of the keys scheme, values," in err
    assert "found an unknown key. Did you mean 'scheme'?\n" in err
    # The expectation lists the keys already: the hint does not list them again.
    assert "Known:" not in err


def test_a_required_key_left_out_says_what_it_takes(files, capsys):
    path = profile_with(files, 'scheme = "direct"\n', "")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert (
        "weights.scheme: expected a value, found nothing (the key is required). Add scheme = "
        "...: How the top-level weights are stated; one of 'direct', 'ahp'," in err
    ), err


def test_an_m49_intermediate_region_selects_candidates(files):
    # UN M49's South America (005), less the focal nation and the threat actor.
    text = PROFILE.replace('focal = "JPN"', 'focal = "BRA"').replace(
        'actor = "CHN"', 'actor = "VEN"'
    )
    text = text.replace('include = ["USA", "KOR", "AUS", "IND"]', 'subregions = ["South America"]')
    text = text.replace('members = ["USA", "JPN", "IND", "AUS"]', 'members = ["BRA", "ARG"]')
    data = load()
    chosen = select_candidates(load_profile(write(files, "p.toml", text), data), data)
    assert chosen.states == ["ARG", "BOL", "CHL", "COL", "ECU", "GUY", "PER", "PRY", "SUR", "URY"]


def test_a_place_in_the_wrong_selector_says_where_it_belongs(files, capsys):
    path = profile_with(
        files, 'include = ["USA", "KOR", "AUS", "IND"]', 'regions = ["South America"]'
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert (
        "candidates.regions[0]: expected a UN M49 region, found 'South America'. "
        "'South America' is a UN M49 sub-region or intermediate region: put it in subregions"
    ) in err, err


def test_a_place_without_a_state_that_year_is_said(files):
    # Micronesia's states became independent from 1979 (the Federated States 1986): none in 1960.
    text = PROFILE.replace("year = 2018", "year = 1960").replace(
        'include = ["USA", "KOR", "AUS", "IND"]',
        'include = ["USA"]\nsubregions = ["Micronesia"]',
    )
    text = text.replace('members = ["USA", "JPN", "IND", "AUS"]', 'members = ["USA", "JPN", "GBR"]')
    data = load()
    chosen = select_candidates(load_profile(write(files, "p.toml", text), data), data)
    assert chosen.states == ["USA"]
    assert "candidates: no state in 1960 in subregions 'Micronesia'" in chosen.notes


def test_a_coalition_of_only_threat_actors_and_the_focal_is_refused(files, capsys):
    path = profile_with(files, 'members = ["USA", "JPN", "IND", "AUS"]', 'members = ["JPN", "CHN"]')
    code, _, err = run(capsys, "score", str(path))
    assert code == 2
    assert "at least one member other than the focal nation and its threat actors" in err


def test_a_coalition_sum_of_categorical_values_is_refused(files, capsys):
    path = write(files, "p.toml", PROFILE + 'aggregation = { ties = "sum" }\n')
    code, _, err = run(capsys, "score", str(path))
    assert code == 2
    assert "aggregation.ties: expected mean, min or max" in err


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        (
            'table = "nmc"\ncolumn = "cincx"',
            r"overrides.values\[0\].column: .*Did you mean "
            r"'cinc'",
        ),
        (
            'table = "atop"\ncolumn = "defense"',
            r"overrides.values\[0\].table: expected a "
            r"nation-year table",
        ),
    ],
)
def test_value_overrides_are_checked_against_the_schema(files, capsys, override, expected):
    path = write(
        files,
        "p.toml",
        PROFILE
        + textwrap.dedent("""
        [[overrides.values]]
        {override}
        nation = "USA"
        year = 2018
        value = 0.1
        source = "test"
        """).format(override=override),
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert re.search(expected, err), err


@pytest.mark.parametrize(
    ("measure", "param", "message"),
    [
        ("projected_capability", 'half_distance_km = "5000"', "expected a distance in km > 0"),
        ("threat_rivalry", 'exclude_focal_rivals = "no"', "expected true or false"),
    ],
)
def test_measure_parameters_of_the_wrong_type_are_refused_when_loading(
    files, capsys, measure, param, message
):
    criteria_with(
        files,
        'measure = "distance_to_focal"',
        f'measure = "{measure}"\n  params = {{ {param} }}',
    )
    code, _, err = run(capsys, "validate", str(files / "small.toml"))
    assert code == 2
    key, value = (part.strip() for part in param.split("="))
    # one message, from the parameter's declared domain (not a second on the default's type)
    assert f"params.{key}: {message}, found '{value.strip(chr(34))}'" in err
    assert err.count(key) == 1


def test_piecewise_values_must_agree_with_the_direction(files, capsys):
    criteria_with(
        files,
        'rationale = "Near partners."',
        'rationale = "Near partners."\n  value_function = { type = "piecewise", '
        "points = [[0, 0], [10000, 1]] }",
    )
    code, _, err = run(capsys, "validate", str(files / "small.toml"))
    assert code == 2
    assert "expected values that never rise as the raw value rises (direction = cost)" in err


@pytest.mark.parametrize("argv", [["--top", "0"], ["--top", "-2"]])
def test_bad_command_line_numbers_exit_two(files, capsys, argv):
    path = write(files, "p.toml", PROFILE)
    with pytest.raises(SystemExit) as stop:
        main(["score", str(path), *argv])
    assert stop.value.code == 2
    assert "expected a whole number of at least 1" in capsys.readouterr().err


def test_an_existing_toml_file_is_never_an_output(files, capsys):
    path = write(files, "p.toml", PROFILE)
    other = write(files, "other.toml", "# an analyst's file\n")
    code, _, err = run(capsys, "score", str(path), "--out", str(other))
    assert code == 2 and "never overwritten" in err
    assert other.read_text() == "# an analyst's file\n"


RIVALRY = """
[[overrides.rivalries]]
kind = "rivalry"
parties = ["CHN"]
others = ["IND"]
from = 2017
source = "Doklam standoff, June-August 2017"
"""


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'kind = "rivalry"',
            'kind = "rivaly"',
            r"overrides.rivalries\[0\].kind: expected one of 'rivalry', 'none', found 'rivaly'"
            r".*Did you mean 'rivalry'",
        ),
        (
            'others = ["IND"]',
            'others = ["IND", "CHN"]',
            r"overrides.rivalries\[0\].others: expected states other than the parties \(a "
            r"rivalry joins two states\), found CHN on both sides",
        ),
        (
            'others = ["IND"]',
            'others = ["INDD"]',
            r"overrides.rivalries\[0\].others\[0\]: expected .*found 'INDD'.*Did you mean 'IND'",
        ),
        (
            'source = "Doklam standoff, June-August 2017"\n',
            "",
            r"overrides.rivalries\[0\].source: expected a value, found nothing",
        ),
        ("from = 2017", "from = 2017\nuntil = 2016", r"until: expected a year at or after from"),
        (
            'parties = ["CHN"]',
            "parties = []",
            r"overrides.rivalries\[0\].parties: expected at least one state, found an empty list",
        ),
    ],
)
def test_rivalry_overrides_are_checked(files, capsys, old, new, expected):
    assert old in RIVALRY
    path = write(files, "p.toml", PROFILE + RIVALRY.replace(old, new))
    code, _, err = run(capsys, "score", str(path))
    assert code == 2
    assert str(path) in err
    assert re.search(expected, err), err


def test_a_rivalry_override_is_listed_with_its_source(files, capsys):
    path = write(files, "p.toml", PROFILE + RIVALRY)
    code, out, err = run(capsys, "score", str(path))
    assert code == 0, err
    assert (
        "override (active): rivalry CHN-IND from 2017; source: Doklam standoff, June-August 2017"
        in out
    )
    ended = RIVALRY.replace('kind = "rivalry"', 'kind = "none"')
    ended = ended.replace("from = 2017", "from = 2030")
    code, out, err = run(capsys, "score", str(write(files, "p.toml", PROFILE + ended)))
    assert code == 0, err
    assert "override (not in force): no rivalry CHN-IND from 2030; source: Doklam" in out
