"""Facts files (``[profile] facts``): sourced overrides several profiles share, read before the
profile's own, every problem located in the file that holds it, the file's hash recorded.

The tie used is real: the Japan-Australia Joint Declaration on Security Cooperation (13 March
2007), a security partnership ATOP 5.1 lacks (it has only the TAC's non-aggression tie)."""

from __future__ import annotations

import json

import pytest

from alliancescore.analysis.scoring import score
from alliancescore.cli import main
from alliancescore.errors import AllianceScoreError
from alliancescore.model.profile import load_profile
from alliancescore.shipped import default_criteria, demo_profiles, facts, package_root

JAPAN = (package_root() / "profiles" / "japan.toml").read_text(encoding="utf-8")
SHIPPED_FACTS = 'facts = ["../facts/ties.toml"]'
DECLARATION = """
[[overrides.ties]]
kind = "security_partnership"
parties = ["JPN"]
others = ["AUS"]
from = 2007
source = "Japan-Australia Joint Declaration on Security Cooperation, Tokyo, 13 March 2007"
"""


def write(tmp_path, facts_text: str | None, *, listed: str = '["shared/ties.toml"]',
          own: str = "") -> object:  # fmt: skip
    """A copy of the Japan profile in ``tmp_path/profiles`` listing ``listed`` (relative to
    it), with the facts file ``tmp_path/profiles/shared/ties.toml`` holding ``facts_text``."""
    folder = tmp_path / "profiles"
    (folder / "shared").mkdir(parents=True, exist_ok=True)
    if facts_text is not None:
        (folder / "shared" / "ties.toml").write_text(facts_text, encoding="utf-8")
    text = JAPAN.replace('"../criteria/default.toml"', json.dumps(str(default_criteria())))
    assert SHIPPED_FACTS in text
    text = text.replace(SHIPPED_FACTS, f"facts = {listed}") + own
    path = folder / "japan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_profile_shares_the_shipped_facts_and_keeps_no_ties_of_its_own():
    for path in demo_profiles():
        profile = load_profile(path)
        assert [f.path for f in profile.facts] == [str(facts() / "ties.toml")]
        own = [t for t in profile.overrides.ties if not t.where.startswith(profile.facts[0].path)]
        assert own == [], path.stem
    assert (facts() / "ties.toml").is_file()


def test_a_facts_files_overrides_come_first_and_are_recorded(tmp_path, dataset):
    path = write(tmp_path, DECLARATION)
    profile = load_profile(path, dataset)
    (tie,) = profile.overrides.ties
    assert tie.where == f"{tmp_path / 'profiles' / 'shared' / 'ties.toml'}: overrides.ties[0]"
    result = score(path, data=dataset)
    (entry,) = [i for i in result.record["inputs"] if i["role"] == "facts"]
    assert entry["path"].endswith("shared/ties.toml") and len(entry["sha256"]) == 64
    # the declaration makes Australia a security partner of Japan (level 2 of ATOP's scale)
    assert (
        "override (security_partnership, from 2007)"
        in result.matrix.sources.at["AUS", "defence_ties"]
    )


def test_the_profiles_own_value_wins_over_its_facts_file(tmp_path, dataset):
    value = """
[[overrides.values]]
table = "nmc"
column = "milex"
nation = "PRK"
year = 2018
value = {value}
source = "{source}"
"""
    path = write(
        tmp_path,
        "[overrides]\n" + value.format(value=4000000, source="facts file"),
        own=value.format(value=5000000, source="profile"),
    )
    profile = load_profile(path, dataset)
    chosen = profile.overrides.value("nmc", "milex", "PRK", 2018)
    assert (chosen.value, chosen.source) == (5000000, "profile")


def test_a_missing_facts_file_is_named_where_the_profile_lists_it(tmp_path, capsys):
    path = write(tmp_path, None, listed='["shared/tie.toml"]')
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: profile.facts[0]" in err
    assert "a facts file (TOML), relative to the profile's folder" in err
    assert "'shared/tie.toml': no such file" in err
    # a typo beside an existing facts file: did you mean
    path = write(tmp_path, DECLARATION, listed='["shared/tie.toml"]')
    assert main(["validate", str(path)]) == 2
    assert "Did you mean 'ties.toml'?" in capsys.readouterr().err


def test_a_problem_inside_a_facts_file_is_located_there(tmp_path, dataset):
    facts_path = tmp_path / "profiles" / "shared" / "ties.toml"
    bad = DECLARATION.replace('kind = "security_partnership"', 'kind = "security_partnershp"')
    bad = bad.replace('others = ["AUS"]', 'others = ["AUZ"]') + '\n[facts]\nlable = "x"\n'
    with pytest.raises(AllianceScoreError) as caught:
        load_profile(write(tmp_path, bad), dataset)
    message = str(caught.value)
    assert f"{facts_path}: overrides.ties[0].kind" in message
    assert "security_partnership" in message  # the did-you-mean
    assert f"{facts_path}: facts.lable" in message and "Did you mean 'label'" in message
    # a usable entry is checked against the data set in the facts file too
    with pytest.raises(AllianceScoreError) as caught:
        load_profile(write(tmp_path, DECLARATION.replace('["AUS"]', '["AUZ"]')), dataset)
    assert f"{facts_path}: overrides.ties[0].others[0]" in str(caught.value)
    assert "AUS" in str(caught.value)  # did you mean


def test_a_facts_file_listed_twice_is_refused(tmp_path):
    path = write(tmp_path, DECLARATION, listed='["shared/ties.toml", "shared/../shared/ties.toml"]')
    with pytest.raises(AllianceScoreError) as caught:
        load_profile(path)
    assert "profile.facts[1]" in str(caught.value)
    assert "a facts file listed once" in str(caught.value)


def test_a_profiles_weaker_tie_does_not_hide_a_stronger_one_of_its_facts(tmp_path, dataset):
    dialogue = DECLARATION.replace('"security_partnership"', '"dialogue"').replace(
        "13 March 2007", "13 March 2007 (a weaker reading)"
    )
    profile = load_profile(write(tmp_path, DECLARATION, own=dialogue), dataset)
    assert profile.overrides.tie("JPN", "AUS", 2018).kind == "security_partnership"
    # one that replaces ATOP's value wins over what is listed before it, whatever its level
    replacing = dialogue + "replaces = true\n"
    profile = load_profile(write(tmp_path, DECLARATION, own=replacing), dataset)
    assert profile.overrides.tie("JPN", "AUS", 2018).kind == "dialogue"


def test_a_facts_file_validates_alone_and_a_profile_is_no_facts_file(tmp_path, capsys):
    assert main(["validate", str(facts() / "ties.toml")]) == 0
    assert "valid facts file" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text(DECLARATION.replace('["AUS"]', '["AUZ"]'), encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    assert f"{bad}: overrides.ties[0].others[0]" in capsys.readouterr().err
    # a profile listed as a facts file, a folder, a symlink loop: one message each
    loop = tmp_path / "profiles" / "loop.toml"
    path = write(tmp_path, DECLARATION, listed='["../japan.toml", "shared", "loop.toml"]')
    (tmp_path / "japan.toml").write_text(JAPAN, encoding="utf-8")
    loop.symlink_to(loop)
    with pytest.raises(AllianceScoreError) as caught:
        load_profile(path)
    message = str(caught.value)
    assert "a [profile] table: this is a profile" in message
    assert "'shared': a folder, not a file" in message
    assert "profile.facts[2]" in message and "Traceback" not in message


def test_score_never_writes_over_a_facts_file(tmp_path, capsys):
    path = write(tmp_path, DECLARATION)
    facts_file = tmp_path / "profiles" / "shared" / "ties.toml"
    before = facts_file.read_bytes()
    assert main(["score", str(path), "--out", str(facts_file)]) == 2
    assert "not one of the inputs" in capsys.readouterr().err
    assert facts_file.read_bytes() == before


def test_facts_of_the_wrong_kind_get_a_path_as_the_example(tmp_path):
    path = write(tmp_path, DECLARATION, listed="[3]")
    with pytest.raises(AllianceScoreError) as caught:
        load_profile(path)
    assert 'profile.facts: expected a list of strings, e.g. ["../facts/ties.toml"]' in str(
        caught.value
    )
