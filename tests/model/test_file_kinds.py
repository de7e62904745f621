"""The one table of file kinds (model.file_kinds): validate and the profile reader tell the
kinds apart by it alike, for every key that marks a kind."""

from __future__ import annotations

import pytest

from alliancescore.cli import commands, main
from alliancescore.model.file_kinds import (
    CRITERIA_KIND,
    FILE_KINDS,
    PROFILE_KIND,
    kind_of,
    kinds_expected,
)

OTHER_KEYS = [(kind, key) for kind in FILE_KINDS if kind is not PROFILE_KIND for key in kind.keys]


def test_validate_has_checks_for_every_kind():
    assert set(commands._VALIDATORS) == {kind.name for kind in FILE_KINDS}


def test_the_first_kind_whose_key_a_document_has_wins():
    assert kind_of({"profile": {}, "model": {}}) is PROFILE_KIND
    assert kind_of({"facts": {}}).name == "facts file"
    assert kind_of({"other": 1}) is None
    assert kinds_expected() == (
        "a profile ([profile] table), a criteria file ([model] table), a study file ([study] "
        "table) or a facts file ([overrides] tables)"
    )


@pytest.mark.parametrize(
    ("kind", "key"), OTHER_KEYS, ids=[f"{kind.name}-{key}" for kind, key in OTHER_KEYS]
)
def test_a_file_marked_by_any_key_of_a_kind_is_that_kind_for_validate_and_score(
    tmp_path, capsys, kind, key
):
    # Only the marking table: validate checks it as its kind (and finds what it lacks), and
    # score, wanting a profile, names the kind in one message whatever key marked it.
    path = tmp_path / "f.toml"
    path.write_text(f'[{key}]\nlabel = "x"\n', encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "top-level keys" not in err, err
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == (  # one message: nothing else is said to be unchecked
        f"alliancescore: error: {path}: expected {PROFILE_KIND.shown}, found {kind.shown}. "
        f"{kind.as_profile}\n"
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# a profile, some day\n", "\ufeff"])
def test_an_empty_file_is_one_message_the_same_from_validate_and_score(tmp_path, capsys, text):
    path = tmp_path / "empty.toml"
    path.write_text(text, encoding="utf-8")
    errors = []
    for command in (["validate", str(path)], ["score", str(path)], ["explain", str(path), "USA"]):
        assert main(command) == 2
        errors.append(capsys.readouterr().err)
    assert errors[0] == errors[1] == errors[2], errors
    assert errors[0] == (
        f"alliancescore: error: {path}: expected {kinds_expected()}, found an empty file (no "
        "tables or keys, only blank lines or comments). Start from a shipped example: "
        "`alliancescore init DIR` writes editable profiles, criteria, study and facts files\n"
    )


@pytest.mark.parametrize("text", ["", "# criteria, some day\n"])
def test_an_empty_criteria_file_is_one_problem_naming_what_it_must_hold(tmp_path, capsys, text):
    # Not its required keys one by one: the file is empty, and it must be a criteria file.
    from alliancescore.errors import AllianceScoreError
    from alliancescore.model.criteria import load_criteria
    from alliancescore.shipped import package_root

    path = tmp_path / "criteria.toml"
    path.write_text(text, encoding="utf-8")
    problem = (
        f"{path}: expected {CRITERIA_KIND.shown}, found an empty file (no tables or keys, only "
        "blank lines or comments). Start from a shipped example: `alliancescore init DIR` "
        "writes editable profiles, criteria, study and facts files"
    )
    with pytest.raises(AllianceScoreError) as error:
        load_criteria(path)
    assert [str(p) for p in error.value.problems] == [problem]
    japan = str(package_root() / "profiles" / "japan.toml")
    assert main(["score", japan, "--criteria", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"alliancescore: error: {problem}\n"), err
    assert "required" not in err and "problems:" not in err


CRITERIA_OTHERS = [k for k in FILE_KINDS if k is not CRITERIA_KIND]


@pytest.mark.parametrize("kind", CRITERIA_OTHERS, ids=[k.name for k in CRITERIA_OTHERS])
def test_a_file_of_another_kind_given_as_criteria_is_one_problem(tmp_path, capsys, kind):
    # The mirror of a criteria file given as the profile: not ten unknown and missing keys,
    # one message saying what the file is and how to use it; and nothing said of the
    # candidate selection, which reads the profile alone (a good one here).
    from alliancescore.shipped import package_root

    path = tmp_path / "f.toml"
    path.write_text(f'[{kind.keys[0]}]\nlabel = "x"\n', encoding="utf-8")
    japan = str(package_root() / "profiles" / "japan.toml")
    assert main(["score", japan, "--criteria", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"alliancescore: error: {path}: expected {CRITERIA_KIND.shown}, found {kind.shown}. "
        f"{kind.as_criteria}\n"
        "  weights and methods not checked: the criteria file has errors\n"
    )
