"""``validate`` and ``score`` check every layer of a profile and report every problem at once.

Layers: the profile's schema, its nations against the data set, the criteria file it names,
the weights against that tree and each method's parameters. A later layer skips only what an
earlier error makes meaningless, and the message says so. Also here: a profile without
``[weights]`` (the criteria file's weights apply, with a note when a profile replaces them) and
AHP judgments written as quoted fractions.
"""

from __future__ import annotations

import json
import re
import textwrap

import numpy as np
import pytest

from alliancescore.analysis.scoring import score
from alliancescore.analysis.validation import check_profile
from alliancescore.data import load
from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.model.criteria import load_criteria
from alliancescore.model.profile import load_profile
from alliancescore.model.weights import file_weights
from alliancescore.shipped import default_criteria
from small_model import CRITERIA, PROFILE, run, write

WEIGHTS = 'scheme = "direct"\nvalues = { power = 0.5, closeness = 0.5 }'
SCHEMA_ERROR = ("severity = 1.0", 'severity = "high"')
UNKNOWN_ISO = ('include = ["USA", "KOR", "AUS", "IND"]', 'include = ["USA", "KOR", "AUS", "INDD"]')
MISSPELT_WEIGHT = ("values = { power = 0.5", "values = { powr = 0.5")


@pytest.fixture
def files(tmp_path):
    write(tmp_path, "small.toml", CRITERIA)
    return tmp_path


def profile(files, *changes: tuple[str, str], name: str = "p.toml"):
    text = PROFILE
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return write(files, name, text)


def bad_criteria(files):
    """The test model with one problem of its own (a negative weight)."""
    assert "weight = 0.6" in CRITERIA
    return write(files, "small.toml", CRITERIA.replace("weight = 0.6", "weight = -0.6"))


# ---------------------------------------------------------------- every layer in one run


def test_schema_data_and_weight_problems_come_in_one_validate_run(files, capsys):
    path = profile(files, SCHEMA_ERROR, UNKNOWN_ISO, MISSPELT_WEIGHT)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 2 and "valid" not in out
    assert "4 problems:" in err, err  # the misspelt id also leaves power without a weight
    assert re.search(r"p.toml: threats\[0\].severity: expected a number, found 'high'", err)
    assert re.search(r"p.toml: candidates.include\[3\]: .*'INDD'.*Did you mean 'IND'", err)
    assert re.search(r"p.toml: weights.values.powr: .*Did you mean 'power'", err)
    assert "p.toml: weights.values: expected a value for every top-level criterion" in err


def test_score_refuses_the_same_file_with_the_same_message(files, capsys):
    path = profile(files, SCHEMA_ERROR, UNKNOWN_ISO, MISSPELT_WEIGHT)
    _, _, validated = run(capsys, "validate", str(path))
    code, out, scored = run(capsys, "score", str(path))
    assert code == 2 and out == ""
    assert scored == validated


def test_method_parameters_are_checked_beside_the_other_layers(files, capsys):
    path = profile(files, UNKNOWN_ISO, ("topsis = {}", 'vikor = { v = "x" }'))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and "2 problems:" in err
    assert "candidates.include[3]" in err and "methods.vikor" in err


def test_a_bad_criteria_file_is_reported_in_the_profile_and_stops_only_what_needs_it(files, capsys):
    bad_criteria(files)
    path = profile(files, UNKNOWN_ISO, MISSPELT_WEIGHT)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and "2 problems:" in err
    assert "candidates.include[3]" in err  # the profile's own layers still ran
    assert re.search(r"small.toml: criteria\[0\].weight: expected a number >= 0", err)
    assert "weights and methods not checked: the criteria file has errors" in err
    assert "powr" not in err  # meaningless without a criteria tree


def test_a_criteria_file_and_a_profile_both_bad_in_one_call(files, capsys):
    criteria = bad_criteria(files)
    path = profile(files, UNKNOWN_ISO)
    code, out, err = run(capsys, "validate", str(criteria), str(path))
    assert code == 2 and "valid" not in out
    assert err.count("alliancescore: error:") == 2
    # The criteria file's problem is printed once, under the criteria file, and counted later.
    assert err.count("criteria[0].weight: expected a number >= 0") == 1
    assert "candidates.include[3]" in err
    assert f"1 problem(s) of {criteria}, printed above, not repeated" in err


def test_a_profile_valid_in_itself_is_invalid_with_a_bad_criteria_file(files, capsys):
    criteria = bad_criteria(files)
    path = profile(files)
    code, _, err = run(capsys, "validate", str(path), str(criteria))
    assert code == 2
    assert err.count("alliancescore: error:") == 2
    assert err.count("criteria[0].weight") == 1
    assert str(path) not in err.split("alliancescore: error:")[2]  # only the criteria file


@pytest.mark.parametrize(
    ("change", "found", "skipped", "methods_checked"),
    [
        (
            ('criteria = "small.toml"', "criteria = 3"),
            "profile.criteria: expected a non-empty string, found 3",
            "criteria file, weights and methods not checked: profile.criteria has errors",
            False,
        ),
        (
            ('criteria = "small.toml"', 'criteria = "smal.toml"'),
            "profile.criteria: expected a criteria file (TOML), relative to the profile's "
            "folder, found no such file",
            "criteria file, weights and methods not checked: profile.criteria has errors",
            False,
        ),
        (
            ('scheme = "direct"', 'scheme = "direkt"'),
            "weights.scheme: expected one of",
            "weights not checked against the criteria file: [weights] has errors",
            True,  # on stand-in weights: a method's parameters do not depend on them
        ),
        (
            ("year = 2018", 'year = "2018"'),
            "profile.year: expected a whole number",
            "nation codes not checked against the data set: profile.year has errors",
            True,
        ),
        (
            ("year = 2018", "year = 1900"),
            "profile.year: expected a year the data cover",
            "nation codes not checked against the data set: profile.year is outside the data",
            True,
        ),
    ],
)
def test_a_skipped_layer_says_so_in_one_line(
    files, capsys, change, found, skipped, methods_checked
):
    path = profile(files, change, ("topsis = {}", 'vikor = { v = "x" }'))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert found in err
    assert err.count(skipped) == 1
    assert ("methods.vikor" in err) == methods_checked, err
    if "smal.toml" in found:  # where it looked, and the file meant
        assert "Did you mean 'small.toml'?" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("focal = JPN\n", "expected valid TOML"),
        ("# A profile\n\nSee the README.\n", "expected valid TOML"),
        (b"\x89PNG\r\n\x1a\n\xff", "expected UTF-8 text"),
    ],
    ids=["unquoted", "markdown", "binary"],
)
def test_a_file_that_is_not_toml_is_the_one_message_validate_gives(files, capsys, text, expected):
    # Nothing of the profile was read: no line saying what was not checked after it.
    path = files / "p.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and expected in err and len(err.splitlines()) == 1, err
    assert run(capsys, "score", str(path))[::2] == (2, err)


def test_a_profile_and_criteria_file_saved_with_a_byte_order_mark_are_read(files, capsys):
    # Some Windows editors save UTF-8 with a BOM; tomllib alone refused it at line 1, column 1.
    criteria = files / "small.toml"
    criteria.write_bytes(b"\xef\xbb\xbf" + criteria.read_bytes())
    path = profile(files)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    for command in ("validate", "score"):
        code, _, err = run(capsys, command, str(path))
        assert code == 0 and err == "", err
    assert "valid profile" in run(capsys, "validate", str(criteria), str(path))[1]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # tomllib says "Cannot overwrite a value (at line 8, column 12)": no key, a generic hint
        (
            ('criteria = "small.toml"', 'criteria = "small.toml"\nyear = 2019'),
            "expected valid TOML, found the key 'year' written twice in [profile], at lines 6 "
            "and 8. Keep one of the two: a key is set once in its table",
        ),
        (
            ("severity = 1.0", "severity = 1.0\nseverity = 0.5"),
            "found the key 'severity' written twice in [threats], at lines 11 and 12. Keep one",
        ),
        # a word processor's quotes: tomllib says "Invalid value" and no more
        (
            ('focal = "JPN"', "focal = \u201cJPN\u201d"),
            "expected valid TOML, found Invalid value (at line 5, column 9). The line has "
            "typographic quotes (\u201c \u201d), which TOML does not read: type straight ones",
        ),
    ],
    ids=["duplicate key", "duplicate key in an array of tables", "curly quotes"],
)
def test_a_toml_slip_is_named_in_the_message(files, capsys, change, message):
    path = profile(files, change)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and message in err, err


def test_curly_quotes_inside_a_string_are_not_blamed(files, capsys):
    # the error is the unclosed string, not the quotes the label holds
    path = profile(files, ('label = "Test profile"', 'label = "The \u201cbest\u201d partner'))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and "expected valid TOML" in err and "typographic" not in err, err


@pytest.mark.parametrize(
    ("encode", "found"),
    [
        (
            lambda text: text.encode("latin-1"),
            "found undecodable bytes (invalid continuation byte): the first, byte 0xEB ('\u00eb' "
            "in Latin-1 or Windows-1252), at line 4, column 11. Re-save the file as UTF-8",
        ),
        (  # the position counts from the text, after a byte-order mark
            lambda text: b"\xef\xbb\xbf" + text.encode("cp1252"),
            "byte 0xEB ('\u00eb' in Latin-1 or Windows-1252), at line 4, column 11. Re-save",
        ),
        (
            lambda text: text.replace("T\u00ebst", "\u201cTest\u201d").encode("cp1252"),
            "found undecodable bytes (invalid start byte): the first, byte 0x93 ('\u201c' in "
            "Windows-1252), at line 4, column 10. Re-save the file as UTF-8",
        ),
        (
            lambda text: text.encode("utf-16"),
            "expected UTF-8 text, found UTF-16 text (byte-order mark FF FE). Re-save the file as "
            "UTF-8",
        ),
    ],
    ids=["latin-1", "bom then cp1252", "cp1252 quotes", "utf-16"],
)
def test_a_file_in_another_encoding_is_named_by_line_and_column(files, capsys, encode, found):
    # all it said was "found undecodable bytes (invalid continuation byte)"
    path = files / "p.toml"
    path.write_bytes(encode(PROFILE.replace('label = "Test profile"', 'label = "T\u00ebst"')))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and found in err and len(err.splitlines()) == 1, err


def test_a_missing_required_key_is_one_problem(files, capsys):
    path = profile(files, ('focal = "JPN"\n', ""))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert err.count("profile.focal") == 1, err


def test_an_empty_methods_table_is_reported_beside_other_problems(files, capsys):
    path = profile(files, UNKNOWN_ISO, ("weighted_sum = {}\ntopsis = {}\n", ""))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and "2 problems:" in err
    assert "methods: expected at least one method, found an empty table" in err


def test_unknown_command_line_methods_come_with_the_files_problems(files, capsys):
    path = profile(files, UNKNOWN_ISO)
    code, _, err = run(capsys, "score", str(path), "--method", "vikorr")
    assert code == 2 and "2 problems:" in err
    assert "--method: expected a registered method (score or outranking)" in err and "INDD" in err


def test_check_profile_returns_what_it_checked(files):
    path = profile(files)
    checked = check_profile(path, data=load())
    assert checked.profile.id == "test"
    assert checked.criteria.id == "small"
    assert list(checked.methods) == ["weighted_sum", "topsis"]
    assert checked.weights.leaves == ("cinc", "distance", "ties")


def test_skipped_lines_survive_relocation():
    error = AllianceScoreError(Problem("a", "b", "c"), ["x not checked: y has errors"])
    moved = error.relocated(lambda where: f"f.toml: {where}")
    assert moved.skipped == error.skipped
    assert str(moved) == "f.toml: a: expected b, found c\n  x not checked: y has errors"


# ---------------------------------------------------------------- optional [weights]


def test_without_weights_the_criteria_files_weights_apply(files):
    path = profile(files, ("[weights]\n" + WEIGHTS + "\n", ""))
    model = load_criteria(files / "small.toml")
    result = score(path)
    assert result.weights.scheme == "criteria_file"
    top = {c.id: result.weights.local[c.id] for c in model.criteria}
    assert top == pytest.approx(file_weights(model))
    assert top == pytest.approx({"power": 0.6, "closeness": 0.4})
    # One note says so, and how to state the nation's own priorities.
    notes = [d for d in result.diagnostics if d.startswith("weights:")]
    assert notes == [
        "weights: the profile has no [weights], so the criteria file's own apply. State the "
        "focal nation's priorities in [weights] (direct values, AHP judgments, a ranking or BWM)"
    ]
    # It reads the whole ranking differently: first, before the measures' notes.
    assert result.diagnostics[0] == notes[0]


def test_sensitivity_says_when_the_profile_states_no_weights(files, capsys):
    # Its draws centre on weights nobody stated: said under its weights line.
    path = profile(files, ("[weights]\n" + WEIGHTS + "\n", ""))
    code, out, err = run(capsys, "sensitivity", str(path), "--samples", "200")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].startswith("weights: Dirichlet around the profile's local weights")
    assert lines[2] == (
        "note: weights: the profile has no [weights], so the criteria file's own apply. State the "
        "focal nation's priorities in [weights] (direct values, AHP judgments, a ranking or BWM)"
    )
    code, out, err = run(capsys, "sensitivity", str(profile(files)), "--samples", "200")
    assert code == 0, err
    assert "no [weights]" not in out


def test_explain_says_when_the_profile_states_no_weights(files, capsys):
    # One candidate's breakdown and a comparison read weights nobody stated as much as the
    # ranking does: both say so under their header, the JSON in weights_note.
    note = (
        "note: weights: the profile has no [weights], so the criteria file's own apply. State the "
        "focal nation's priorities in [weights] (direct values, AHP judgments, a ranking or BWM)"
    )
    unstated = profile(files, ("[weights]\n" + WEIGHTS + "\n", ""))
    stated = profile(files, name="q.toml")
    for argv in (("USA",), ("USA", "--versus", "KOR")):
        code, out, err = run(capsys, "explain", str(unstated), *argv)
        assert code == 0, err
        assert out.splitlines()[2] == note
        code, out, err = run(capsys, "explain", str(stated), *argv)
        assert code == 0, err
        assert "no [weights]" not in out
    code, out, err = run(
        capsys, "explain", str(unstated), "USA", "--versus", "KOR", "--format", "json"
    )
    assert json.loads(out)["weights_note"] == note.removeprefix("note: ")
    code, out, err = run(
        capsys, "explain", str(stated), "USA", "--versus", "KOR", "--format", "json"
    )
    assert json.loads(out)["weights_note"] is None


def test_validate_wraps_its_notes_on_a_terminal_and_not_in_a_pipe(files, capsys, monkeypatch):
    from alliancescore.cli import commands

    path = str(profile(files, ("[weights]\n" + WEIGHTS + "\n", "")))
    code, piped, err = run(capsys, "validate", path)
    assert code == 0, err
    note = piped.splitlines()[1]
    assert note.startswith("  note: weights: the profile has no [weights]") and len(note) > 60
    monkeypatch.setattr(commands, "_terminal_width", lambda: 60)  # a 60-column terminal
    code, out, err = run(capsys, "validate", path)
    lines = out.splitlines()
    assert code == 0 and max(map(len, lines[1:])) <= 60  # (the path runs past it whole)
    assert lines[1].startswith("  note: ") and all(x.startswith("      ") for x in lines[2:])
    assert " ".join(x.strip() for x in lines[1:]) == note.strip()  # the same words


def test_the_unstated_weights_note_is_the_weights_own_not_a_note_among_others(files):
    result = score(profile(files, ("[weights]\n" + WEIGHTS + "\n", "")))
    assert result.weights.unstated.startswith("weights: the profile has no [weights]")
    assert result.weights.unstated not in result.weights.notes
    assert result.diagnostics.count(result.weights.unstated) == 1
    assert score(profile(files, name="q.toml")).weights.unstated == ""


def test_without_weights_the_shipped_model_scores_with_its_own_weights(files):
    path = profile(
        files,
        ("[weights]\n" + WEIGHTS + "\n", ""),
        ('criteria = "small.toml"\n', ""),
        ("topsis = {}", "vikor = {}"),
    )
    result = score(path)
    model = result.criteria
    assert {c.id: result.weights.local[c.id] for c in model.criteria} == pytest.approx(
        file_weights(model)
    )
    assert sum(result.weights.global_[i] for i in result.weights.leaves) == pytest.approx(1.0)
    # The default model's weights predict alliance formation; the note says what they favour.
    (note,) = [d for d in result.diagnostics if d.startswith("weights:")]
    assert "the default model's were chosen to predict which states form alliances" in note
    assert "near neighbours far above distant powers" in note


def test_a_copy_of_the_default_model_with_other_weights_is_not_called_the_default(files):
    # init copies default.toml with its id: what the note says of the shipped weights must not
    # follow a copy whose weights an analyst changed.
    text = default_criteria().read_text(encoding="utf-8")
    assert text.count("weight = 0.50") == 1
    write(files, "mine.toml", text.replace("weight = 0.50", "weight = 0.10"))
    path = profile(
        files,
        ("[weights]\n" + WEIGHTS + "\n", ""),
        ('criteria = "small.toml"', 'criteria = "mine.toml"'),
        ("topsis = {}", "vikor = {}"),
    )
    result = score(path)
    assert result.criteria.id == "default"
    (note,) = [d for d in result.diagnostics if d.startswith("weights:")]
    assert note.startswith("weights: the profile has no [weights], so the criteria file's own ")
    assert "default model" not in note


def test_a_note_names_the_top_level_weights_the_profile_replaces(files, capsys):
    path = profile(files)  # power 0.5, closeness 0.5 against the file's 0.6 and 0.4
    code, out, err = run(capsys, "score", str(path))
    assert code == 0, err
    note = (
        "weights: the profile's [weights] replace the criteria file's for "
        "power (0.60 -> 0.50), closeness (0.40 -> 0.50)"
    )
    assert f"note: {note}" in out
    assert note in score(path).diagnostics
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and f"note: {note}" in out


def test_the_note_names_only_the_weights_that_differ(files):
    criteria = CRITERIA + textwrap.dedent("""
        [[criteria]]
        id = "third"
        label = "Third"
        weight = 0.5
        rationale = "A third criterion."

          [[criteria.indicators]]
          id = "nuclear"
          label = "Nuclear"
          measure = "nuclear_status"
          direction = "benefit"
          weight = 1
          rationale = "Status."
        """)
    write(files, "small.toml", criteria)  # file: 0.6 / 0.4 / 0.5 of 1.5
    path = profile(
        files, ("{ power = 0.5, closeness = 0.5 }", "{ power = 6, closeness = 3, third = 6 }")
    )
    notes = [d for d in score(path).diagnostics if d.startswith("weights:")]
    # power is 0.4 in both (6 of 15 and 0.6 of 1.5): not named.
    assert notes == [
        "weights: the profile's [weights] replace the criteria file's for "
        "closeness (0.27 -> 0.20), third (0.33 -> 0.40)"
    ]


@pytest.mark.parametrize(
    "values", ["{ power = 0.6, closeness = 0.4 }", "{ power = 6, closeness = 4 }"]
)
def test_no_note_when_the_profile_agrees_with_the_criteria_file(files, values):
    path = profile(files, ("{ power = 0.5, closeness = 0.5 }", values))
    assert not any(d.startswith("weights:") for d in score(path).diagnostics)


def test_scheme_criteria_file_keeps_local_weights_and_refuses_values(files, capsys):
    path = profile(
        files,
        (WEIGHTS, 'scheme = "criteria_file"\nlocal = { distance = 3 }'),
    )
    result = score(path)
    assert result.weights.local["distance"] == pytest.approx(3 / 3.5)  # beside ties = 0.5
    assert not any(d.startswith("weights:") for d in result.diagnostics)
    path = profile(files, ('scheme = "direct"', 'scheme = "criteria_file"'))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert 'weights.values: expected nothing with scheme = "criteria_file"' in err


# ---------------------------------------------------------------- weight intervals

LOWER_OVER_ONE = (
    "p.toml: weights.intervals: expected lower bounds summing to at most 1 (the top-level "
    "weights sum to one), found power 0.7 + closeness 0.5 = 1.2. No weights summing to one fit "
    "these intervals, so sensitivity's intervals sampler could draw none: lower some lower bounds"
)


def test_intervals_no_weights_fit_are_refused_by_validate_and_score(files, capsys):
    """Accepted before, then refused by sensitivity and report without a file or key."""
    intervals = "\nintervals = { power = [0.7, 0.9], closeness = [0.5, 0.6] }"
    path = profile(files, (WEIGHTS, WEIGHTS + intervals))
    code, _, validated = run(capsys, "validate", str(path))
    assert code == 2 and LOWER_OVER_ONE in validated, validated
    code, out, scored = run(capsys, "score", str(path))
    assert (code, out, scored) == (2, "", validated)


def test_upper_bounds_below_one_are_refused_when_every_criterion_has_one(files, capsys):
    path = profile(
        files, (WEIGHTS, WEIGHTS + "\nintervals = { power = [0.1, 0.3], closeness = [0.2, 0.4] }")
    )
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert (
        "weights.intervals: expected upper bounds summing to at least 1 (the top-level weights "
        "sum to one), found power 0.3 + closeness 0.4 = 0.7. No weights summing to one fit these "
        "intervals, so sensitivity's intervals sampler could draw none: raise some upper bounds"
    ) in err, err
    # One criterion without an interval may take up the rest: no such problem.
    path = profile(files, (WEIGHTS, WEIGHTS + "\nintervals = { power = [0.1, 0.3] }"))
    assert check_profile(path).profile.weights.intervals == {"power": (0.1, 0.3)}


OUTSIDE = (
    "weights: the profile's weights lie outside weights.intervals for power (0.500, interval "
    "[0.6, 0.8]), closeness (0.500, interval [0.2, 0.4]): sensitivity's intervals sampler draws "
    "only inside the intervals, so its rank acceptabilities describe other weights than those "
    "score ranks by"
)


def test_weights_outside_their_own_intervals_are_said_by_validate_score_and_sensitivity(
    files, capsys
):
    """Valid (an analyst may test other weights on purpose), but not silently: the intervals
    sampler never draws the weights score ranks by."""
    intervals = "\nintervals = { power = [0.6, 0.8], closeness = [0.2, 0.4] }"
    path = profile(files, (WEIGHTS, WEIGHTS + intervals))
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and f"  note: {OUTSIDE}\n" in out, out
    result = score(path)
    assert OUTSIDE in result.diagnostics
    code, out, err = run(capsys, "sensitivity", str(path), "--samples", "200")
    assert code == 0, err
    assert OUTSIDE not in out  # the Dirichlet draws around the profile's weights
    code, out, err = run(
        capsys, "sensitivity", str(path), "--samples", "200", "--sampler", "intervals"
    )
    assert code == 0, err
    assert f"\nnote: {OUTSIDE}\n" in out, out


def test_no_such_note_for_weights_inside_their_intervals(files, capsys):
    intervals = "\nintervals = { power = [0.4, 0.5], closeness = [0.5, 0.6] }"
    code, out, _ = run(capsys, "validate", str(profile(files, (WEIGHTS, WEIGHTS + intervals))))
    assert code == 0 and "weights.intervals" not in out, out


# ---------------------------------------------------------------- AHP fractions


def ahp_profile(files, matrix: str):
    return profile(
        files, (WEIGHTS, f'scheme = "ahp"\ncriteria = ["power", "closeness"]\nmatrix = {matrix}')
    )


@pytest.mark.parametrize(
    "matrix",
    [
        '[[1, "3"], ["1/3", 1]]',
        '[[1, 3], [" 1 / 3 ", 1]]',
        '[["1", "6/2"], ["2/6", "1/1"]]',
        '[[1, "3.0"], ["1e0/3", 1]]',
    ],
)
def test_ahp_judgments_may_be_quoted_fractions(files, matrix):
    spec = load_profile(ahp_profile(files, matrix)).weights
    np.testing.assert_allclose(spec.ahp_matrix, [[1.0, 3.0], [1 / 3, 1.0]], rtol=1e-15)
    result = score(ahp_profile(files, matrix))
    assert result.weights.local["power"] == pytest.approx(0.75)
    assert result.weights.local["closeness"] == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("cell", "found"),
    [
        ('"half"', "'half'"),
        ('"1/0"', "'1/0'"),
        ('"-1/3"', "'-1/3'"),
        ('"1/3/2"', "'1/3/2'"),
        ('"0/3"', "'0/3'"),
        ("true", "true"),  # as written, not Python's True
        ("[3]", "a list of 1"),
    ],
)
def test_a_bad_ahp_cell_is_named_with_the_fraction_hint(files, capsys, cell, found):
    path = ahp_profile(files, f"[[1, 3], [{cell}, 1]]")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert (
        f"weights.matrix[1, 0]: expected a positive number, or a fraction of two in quotes such "
        f'as "1/2", found {found}. Write 1/2 as "1/2" (quoted) or 0.5'
    ) in err, err


def test_every_bad_ahp_cell_is_reported(files, capsys):
    path = ahp_profile(files, '[["one", 3], ["1:3", 1]]')
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and "2 problems:" in err
    # one form for a cell, as the reciprocity check's (weights.matrix[1, 0]), not [1][0]
    assert "weights.matrix[0, 0]" in err and "weights.matrix[1, 0]" in err


def test_an_unquoted_fraction_gets_a_hint_from_the_toml_error(files, capsys):
    path = ahp_profile(files, "[[1, 3], [1/3, 1]]")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert "expected valid TOML" in err
    assert 'A fraction must be quoted ("1/2") or written as a decimal (0.5)' in err


def test_other_toml_errors_get_no_fraction_hint(files, capsys):
    """The hint follows the error's position, not a fraction elsewhere in the file."""
    text = ahp_profile(files, '[[1, 3], ["1/3", 1]] # not 1/3').read_text()
    path = write(files, "p.toml", text.replace('focal = "JPN"', "focal = JPN"))
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2 and "expected valid TOML" in err
    assert "fraction" not in err
