"""Careless and hostile profiles and criteria files (issue 15): every example of the issue gets
a clear message and exit 2 from ``validate`` (so "valid" means it scores), or a correct result;
no traceback, no silent wrong answer."""

from __future__ import annotations

import os

import numpy as np
import pytest

from alliancescore.analysis.scoring import score
from alliancescore.cli import main
from alliancescore.shipped import default_criteria, package_root
from shipped_copies import QUAD_OVERRIDE, portable

JAPAN = (
    portable((package_root() / "profiles" / "japan.toml").read_text(encoding="utf-8"))
    + QUAD_OVERRIDE
)
DEFAULT_CRITERIA = f'criteria = "{default_criteria()}"'


def write(tmp_path, text: str, name: str = "p.toml"):
    path = tmp_path / name
    path.write_text(text.replace('criteria = "../criteria/default.toml"', DEFAULT_CRITERIA))
    return path


def refused(tmp_path, capsys, text: str, *expected: str) -> str:
    code = main(["validate", str(write(tmp_path, text))])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    for part in expected:
        assert part in err, err
    return err


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # a threat listed twice would count twice
            '[[threats]]\nactor = "PRK"',
            '[[threats]]\nactor = "CHN"\n\n[[threats]]\nactor = "PRK"',
            ["threats[1].actor", "each threat actor once", "'CHN' again"],
        ),
        (  # a threat actor ranked as a partner against itself
            'include = ["USA", "CAN", "GBR", "FRA", "DEU"]',
            'include = ["USA", "CAN", "GBR", "FRA", "DEU", "CHN"]',
            ["candidates.include[5]", "other than the threat actors", "'CHN'"],
        ),
        (  # deduplicated silently, where a coalition member repeated is refused
            'include = ["USA", "CAN", "GBR", "FRA", "DEU"]',
            'include = ["USA", "CAN", "GBR", "FRA", "CAN", "DEU", "USA"]',
            [
                "candidates.include: expected each candidate once, found CAN, USA repeated. Keep "
                "one entry of each (CAN at include[1] and include[4]; USA at include[0] and "
                "include[6]), or correct a code typed for another: a candidate is scored once, "
                "however often it is listed"
            ],
        ),
        (  # both included and excluded: left out silently
            'include = ["USA", "CAN", "GBR", "FRA", "DEU"]',
            'include = ["USA", "CAN", "GBR", "FRA", "DEU"]\nexclude = ["PHL", "GBR"]',
            [
                "candidates.exclude[1]: expected a code not also in candidates.include (exclude "
                "leaves out what the selectors choose), found 'GBR', also at include[2]. Remove "
                "GBR from include to leave it out, or from exclude to score it"
            ],
        ),
        (  # a code excluded twice was accepted silently, where one included twice is refused
            'include = ["USA", "CAN", "GBR", "FRA", "DEU"]',
            'include = ["USA", "CAN", "GBR", "FRA", "DEU"]\nexclude = ["PHL", "VNM", "PHL"]',
            [
                "candidates.exclude: expected each code once, found PHL repeated. Keep one "
                "entry of each (PHL at exclude[0] and exclude[2]), or correct a code typed for "
                "another: a code is left out once, however often it is listed"
            ],
        ),
        (  # a region or sub-region named twice was accepted silently
            'subregions = ["Eastern Asia", "South-eastern Asia",',
            'regions = ["Oceania", "Oceania"]\nsubregions = ["Eastern Asia", "Eastern Asia", '
            '"South-eastern Asia",',
            [
                "2 problems:",
                "candidates.regions: expected each region once, found Oceania repeated. Keep "
                "one entry of each (Oceania at regions[0] and regions[1]), or correct a region "
                "typed for another: its states are chosen once, however often it is listed",
                "candidates.subregions: expected each sub-region once, found Eastern Asia "
                "repeated. Keep one entry of each (Eastern Asia at subregions[0] and "
                "subregions[1])",
            ],
        ),
        (  # a coalition with no members used to disappear
            'members = ["USA", "JPN", "KOR"]',
            "members = []",
            [
                "coalitions[1].members: expected at least one member other than the focal "
                "nation and its threat actors, found an empty list"
            ],
        ),
        (  # only threat actors (and the focal nation): valid, then refused by score
            'members = ["USA", "JPN", "KOR"]',
            'members = ["JPN", "CHN", "PRK"]',
            [
                "coalitions[1].members: expected at least one member other than the focal "
                "nation and its threat actors, found JPN, CHN, PRK. A coalition scores its "
                "partners' values, and the focal nation and the threat actors are none: add "
                "its partners, or remove the coalition"
            ],
        ),
        (  # a tie from a state to itself was "active"
            'others = ["USA", "IND", "AUS"]',
            'others = ["JPN", "IND", "AUS"]',
            ["overrides.ties[0].others", "JPN on both sides"],
        ),
        (  # an interval with an unknown id was ignored
            "values = { shared_threats",
            "intervals = { deterence = [0.2, 0.4] }\nvalues = { shared_threats",
            ["weights.intervals.deterence", "Did you mean 'deterrence'"],
        ),
        (  # a coalition id equal to a state code: valid, then refused by score
            'id = "quad"',
            'id = "USA"',
            ["coalitions[0].id", "a coalition id that is not a nation code"],
        ),
        (  # the weighted product cannot weigh the value scale's zeros: valid, then refused
            "weighted_sum = {}",
            "weighted_product = {}",
            ["methods.weighted_product", "strictly positive"],
        ),
        (  # PROMETHEE p = inf ranked every alternative first
            "p = 0.5 }",
            "p = inf }",
            ["promethee_ii parameter 'p'", "a finite number"],
        ),
    ],
    ids=[
        "duplicate-threat",
        "threat-as-candidate",
        "candidate-twice",
        "included-and-excluded",
        "excluded-twice",
        "region-twice",
        "empty-coalition",
        "coalition-of-threat-actors",
        "self-tie",
        "unknown-interval",
        "coalition-id-is-a-code",
        "product-on-zeros",
        "infinite-threshold",
    ],
)
def test_validate_refuses_what_would_mislead(tmp_path, capsys, old, new, expected):
    assert old in JAPAN
    refused(tmp_path, capsys, JAPAN.replace(old, new, 1), *expected)


def test_a_coalition_of_threat_actors_gets_the_same_message_from_validate_and_score(
    tmp_path, capsys
):
    """One check, at reading: score no longer finds it later than validate does."""
    path = write(tmp_path, JAPAN.replace('members = ["USA", "JPN", "KOR"]', 'members = ["CHN"]'))
    assert main(["validate", str(path)]) == 2
    validated = capsys.readouterr().err
    assert main(["score", str(path)]) == 2
    assert capsys.readouterr().err == validated
    assert "coalitions[1].members: expected at least one member other than" in validated


def test_an_exclusion_removing_every_candidate_is_found_by_validate(tmp_path, capsys):
    # A selector's states all excluded (a code both included and excluded is refused apart).
    text = JAPAN.replace(
        'subregions = ["Eastern Asia", "South-eastern Asia", "Southern Asia", '
        '"Australia and New Zealand"]\n',
        'subregions = ["Australia and New Zealand"]\nexclude = ["AUS", "NZL"]\n',
    ).replace('include = ["USA", "CAN", "GBR", "FRA", "DEU"]\n', "")
    refused(tmp_path, capsys, text, "at least one candidate state", "none left")


SUBREGIONS = (
    'subregions = ["Eastern Asia", "South-eastern Asia", "Southern Asia", '
    '"Australia and New Zealand"]'
)


@pytest.mark.parametrize(
    ("selectors", "where", "found", "fix"),
    [
        (
            "include = []",
            "candidates.include",
            "an empty list",
            "Put the candidates' ISO 3166 alpha-3 codes in include (e.g. include = "
            '["USA", "GBR"]), or set all_states = true',
        ),
        (
            "include = []\nsubregions = []",
            "candidates",
            "empty lists: include, subregions",
            "Put the candidates' ISO 3166 alpha-3 codes in include (e.g. include = "
            '["USA", "GBR"]) or UN M49 sub-regions or intermediate regions in subregions '
            '(e.g. subregions = ["Eastern Asia", "South America"]), or set all_states = true',
        ),
    ],
    ids=["include", "include-and-subregions"],
)
def test_an_empty_selector_list_is_named_with_what_to_put_there(
    tmp_path, capsys, selectors, where, found, fix
):
    text = JAPAN.replace(SUBREGIONS + "\n", "").replace(
        'include = ["USA", "CAN", "GBR", "FRA", "DEU"]', selectors
    )
    err = refused(tmp_path, capsys, text)
    expected = "at least one candidate (include, regions, subregions or all_states = true)"
    assert f"{where}: expected {expected}, found {found}. {fix}\n" in err, err
    assert "no way to choose candidates" not in err


def test_no_selector_at_all_still_says_there_is_no_way_to_choose(tmp_path, capsys):
    text = JAPAN.replace(SUBREGIONS + "\n", "").replace(
        'include = ["USA", "CAN", "GBR", "FRA", "DEU"]\n', ""
    )
    refused(
        tmp_path,
        capsys,
        text,
        "candidates: expected include, regions, subregions or all_states = true, found no way "
        "to choose candidates",
    )


def test_severities_and_weights_near_the_float_limit_are_refused(tmp_path, capsys):
    # Relative numbers: 1e308 overflowed sums and made an indicator look as if it had no data.
    text = JAPAN.replace("severity = 0.8", "severity = 1e308").replace(
        "values = { shared_threats = 0.35", "values = { shared_threats = 1e308"
    )
    refused(
        tmp_path,
        capsys,
        text,
        "threats[1].severity",
        "weights.values.shared_threats",
        "1e+06",
    )


def test_local_weights_at_the_limit_keep_global_weights_summing_to_one(tmp_path):
    text = JAPAN.replace(
        "values = { shared_threats",
        "local = { capability = 1e6, capability_at_theatre = 1e6, nuclear = 1e6 }\n"
        "values = { shared_threats",
    )
    result = score(write(tmp_path, text))
    weights = np.array(list(result.weights.leaf_weights))
    assert np.isfinite(weights).all() and np.isclose(weights.sum(), 1.0)
    deterrence = [result.weights.global_[k] for k in ("capability", "nuclear")]
    assert np.allclose(deterrence, 0.25 / 3)  # three equal siblings share deterrence's 0.25


def test_a_fifo_or_folder_given_as_a_profile_is_refused_not_waited_on(tmp_path, capsys):
    fifo = tmp_path / "p.toml"
    os.mkfifo(fifo)
    assert main(["validate", str(fifo), str(tmp_path)]) == 2  # would hang on the FIFO before
    err = capsys.readouterr().err
    assert err.count("expected a regular file") == 2


@pytest.mark.parametrize(
    ("relative", "kind", "hint"),
    [
        (
            "criteria/default.toml",
            "a criteria file ([model] table)",
            "pass this file with --criteria",
        ),
        ("studies/g20.toml", "a study file ([study] table)", "Run it with `alliancescore study`"),
        ("facts/ties.toml", "a facts file ([overrides] tables)", "in its [profile] facts"),
    ],
)
def test_a_file_of_another_kind_given_as_the_profile_is_named_as_such(capsys, relative, kind, hint):
    # One problem saying what the file is and how to use it, not the unknown and missing
    # keys of the profile format.
    path = package_root() / relative
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: expected a profile ([profile] table), found {kind}" in err
    assert hint in err and "unknown key" not in err and "problems" not in err


def test_toml_nested_hundreds_deep_is_one_message(tmp_path, capsys):
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 600 + "]" * 600 + "\n")
    assert main(["validate", str(path)]) == 2
    assert "nesting too deep" in capsys.readouterr().err


def test_a_criteria_tree_a_thousand_deep_is_one_message(tmp_path, capsys):
    lines, key = ["[model]", 'id = "deep"', 'label = "d"', 'version = "1"', 'rationale = "x"'], ""
    for depth in range(1000):
        key = f"{key}.criteria" if key else "criteria"
        lines += [f"[[{key}]]", f'id = "c{depth}"', 'label = "c"', "weight = 1", 'rationale = "x"']
    path = tmp_path / "deep.toml"
    path.write_text("\n".join(lines) + "\n")
    assert main(["validate", str(path)]) == 2
    assert "at most 12 levels deep" in capsys.readouterr().err


def test_an_oversized_file_is_refused_before_parsing(tmp_path, capsys):
    path = tmp_path / "big.toml"
    path.write_text("# padding\n" * (11 * 2**20 // 10))
    assert main(["validate", str(path)]) == 2
    assert "at most 10 MiB" in capsys.readouterr().err


ONE_PARTNER = (
    "WARNING: coalition us_jpn_kor (coalitions[1]) has one member besides the focal nation, "
    "KOR: it scores as that state alone, not as a group. Add its other members, or list KOR as "
    "a candidate instead"
)


@pytest.mark.parametrize("members", ['["JPN", "KOR"]', '["KOR"]'], ids=["with-focal", "alone"])
def test_a_coalition_of_one_partner_is_valid_with_a_warning(tmp_path, capsys, members):
    """One member besides the focal nation is just a state: valid, but not silently so."""
    old = 'members = ["USA", "JPN", "KOR"]'
    assert old in JAPAN
    path = write(tmp_path, JAPAN.replace(old, f"members = {members}", 1))
    assert main(["validate", str(path)]) == 0
    assert f"  note: {ONE_PARTNER}\n" in capsys.readouterr().out
    result = score(path)
    assert result.diagnostics[0] == ONE_PARTNER  # first, with the other warnings


def test_coalitions_of_two_partners_get_no_such_warning(tmp_path, capsys):
    assert main(["validate", str(write(tmp_path, JAPAN))]) == 0
    assert "one member besides the focal nation" not in capsys.readouterr().out


def test_intervals_for_some_criteria_with_the_intervals_sampler_are_refused_by_validate(
    tmp_path, capsys
):
    """sensitivity's intervals sampler bounds every top-level weight: validate passed a profile
    that chose it with intervals for only some criteria, and sensitivity refused it. Both now
    refuse it with the same one message; a profile that bounds all four still validates."""
    chosen = JAPAN.replace('sampler = "dirichlet"', 'sampler = "intervals"')
    some = chosen.replace(
        "values = { shared_threats",
        "intervals = { deterrence = [0.2, 0.4] }\nvalues = { shared_threats",
    )
    path = write(tmp_path, some)
    assert main(["validate", str(path)]) == 2
    validated = capsys.readouterr().err
    assert validated == (
        f"alliancescore: error: {path}: weights.intervals: expected an interval for every "
        "top-level criterion (the intervals sampler bounds each top-level weight), found none "
        "for shared_threats, interoperability, regional_stability. Add e.g. intervals = { "
        "deterrence = [0.2, 0.4], ... }, or choose another sampler\n"
    )
    assert main(["sensitivity", "--samples", "10", str(path)]) == 2
    assert capsys.readouterr().err == validated
    every = chosen.replace(
        "values = { shared_threats",
        "intervals = { shared_threats = [0, 1], interoperability = [0, 1], deterrence = [0, 1], "
        "regional_stability = [0, 1] }\nvalues = { shared_threats",
    )
    assert main(["validate", str(write(tmp_path, every, "every.toml"))]) == 0, capsys.readouterr()
    # another sampler leaves the intervals partial on purpose (a note on them, no refusal)
    assert (
        main(
            [
                "validate",
                str(
                    write(
                        tmp_path,
                        some.replace('sampler = "intervals"', 'sampler = "dirichlet"'),
                        "other.toml",
                    )
                ),
            ]
        )
        == 0
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "seed = 20181",
            "seed = 20181\ndata_error = -0.1",
            "sensitivity.data_error: expected a relative error from 0 to 1 (0.1 = 10 %), or left "
            "out for no data uncertainty, found -0.1",
        ),
        (
            "q = 0.02,",
            'q = "x",',
            "methods.promethee_ii (promethee_ii parameter 'q'): expected a finite number, or left "
            "out (not given), found 'x'",
        ),
    ],
    ids=["data-error", "promethee-threshold"],
)
def test_a_setting_that_may_be_left_out_says_so_not_none(tmp_path, capsys, old, new, expected):
    """TOML has no None: "or None for none" told the analyst to write what no TOML file can
    hold; leaving the key out is what they can do."""
    assert old in JAPAN
    err = refused(tmp_path, capsys, JAPAN.replace(old, new, 1), expected)
    assert "None" not in err


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("seed = 20181", "seed = true", "sensitivity.seed: expected a whole number of at least 0"),
        ("severity = 1.0", "severity = false", "threats[0].severity: expected a number"),
        ("q = 0.02,", "q = true,", "(promethee_ii parameter 'q'): expected a finite number"),
    ],
    ids=["setting", "threat-severity", "method-parameter"],
)
def test_a_boolean_found_is_shown_as_toml_writes_it(tmp_path, capsys, old, new, expected):
    """The analyst wrote true or false; the message said Python's True or False."""
    assert old in JAPAN
    err = refused(tmp_path, capsys, JAPAN.replace(old, new, 1), expected)
    assert f"found {new.split(' = ')[1].rstrip(',')}" in err
    assert "True" not in err and "False" not in err
