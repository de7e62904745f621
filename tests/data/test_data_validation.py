"""Load validation: every broken file is refused with an error naming the file and line."""

from __future__ import annotations

import json
import shutil

import pytest

from alliancescore.data import load
from alliancescore.data.csvio import parse_table, render_table
from alliancescore.data.manifest import sha256_of
from alliancescore.data.paths import data_dir
from alliancescore.data.schema import REFERENCE, TABLES
from alliancescore.errors import AllianceScoreError


@pytest.fixture()
def copy(tmp_path):
    """A private copy of data/ (manifest and crosswalk; tables copied on demand) to break."""
    target = tmp_path / "data"
    shutil.copytree(data_dir() / "reference", target / "reference")
    shutil.copy(data_dir() / "MANIFEST.json", target / "MANIFEST.json")
    (target / "tables").mkdir()
    return target


def _edit(path, old: str, new: str, *, rehash: bool = True) -> None:
    """Copy a table into the private data folder and replace text in it; by default also
    update the manifest's hash so that the content checks (not the hash check) are tested."""
    shutil.copy(data_dir() / "tables" / path.name, path)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if rehash:
        manifest_path = path.parents[1] / "MANIFEST.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for entry in manifest["tables"].values():
            if entry["file"] == f"tables/{path.name}":
                entry["sha256"] = sha256_of(path.read_bytes())
        manifest_path.write_text(json.dumps(manifest), encoding="utf-8")


def _line_of(path, prefix: str) -> int:
    source = data_dir() / "tables" / path.name
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(prefix)


@pytest.fixture(scope="module")
def fresh():
    """The committed data set read afresh (not from the cache), every table validated."""
    ds = load(cache=False)
    ds.load_all()
    return ds


def test_the_committed_data_load_and_validate(fresh):
    for name in TABLES:
        assert len(fresh.frame(name)) == fresh.meta(name).rows


def test_a_hand_edited_file_is_refused_by_its_hash(copy):
    _edit(copy / "tables" / "nmc.csv", "JPN,2018,47011000", "JPN,2018,47011001", rehash=False)
    ds = load(copy, cache=False)
    with pytest.raises(AllianceScoreError, match=r"nmc\.csv.*MANIFEST\.json"):
        ds.value("nmc", "cinc", "JPN", 2018)


def test_a_changed_crosswalk_is_refused_until_rebuilt(copy):
    path = copy / "reference" / "nations.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("XXA,Test,project,Asia,Eastern Asia,Asia,test\n")
    with pytest.raises(AllianceScoreError, match=r"nations\.csv.*Rebuild"):
        load(copy, cache=False)


def test_a_bad_number_names_file_and_line(copy):
    path = copy / "tables" / "nmc.csv"
    line = _line_of(path, "JPN,2018,")
    _edit(path, "JPN,2018,47011000", "JPN,2018,lots")
    with pytest.raises(AllianceScoreError) as info:
        load(copy, cache=False).frame("nmc")
    assert f"nmc.csv: line {line}" in str(info.value)
    assert "'milex'" in str(info.value) and "'lots'" in str(info.value)


def test_an_unknown_nation_code_names_file_line_and_suggestion(copy):
    path = copy / "tables" / "unga.csv"
    line = _line_of(path, "JPN,2018,")
    _edit(path, "JPN,2018,", "JAP,2018,")
    with pytest.raises(AllianceScoreError) as info:
        load(copy, cache=False).frame("unga")
    message = str(info.value)
    assert f"unga.csv: line {line}" in message and "'JAP'" in message and "'JPN'" in message


def test_a_duplicate_key_names_both_lines(copy):
    path = copy / "tables" / "vdem.csv"
    first = _line_of(path, "JPN,2017,")
    _edit(path, "JPN,2018,", "JPN,2017,")
    with pytest.raises(AllianceScoreError) as info:
        load(copy, cache=False).frame("vdem")
    message = str(info.value)
    assert f"line {first + 1}" in message and f"first at line {first}" in message


def test_an_empty_required_cell_and_a_wrong_header(copy):
    path = copy / "tables" / "warheads.csv"
    _edit(path, "iso3,year,stockpile", "iso3,year,warheads")
    with pytest.raises(AllianceScoreError, match=r"warheads\.csv: line 1.*iso3, year, stockpile"):
        load(copy, cache=False).frame("warheads")


def test_a_missing_file_is_named(copy):
    assert not (copy / "tables" / "atop.csv").exists()
    with pytest.raises(AllianceScoreError, match=r"atop\.csv.*no such file"):
        load(copy, cache=False).alliance("USA", "JPN", 2000)


def test_a_missing_data_folder_is_explained(tmp_path):
    with pytest.raises(AllianceScoreError, match="ALLIANCESCORE_DATA_DIR"):
        load(tmp_path / "nowhere", cache=False)


def test_a_value_outside_the_listed_choices(copy):
    path = copy / "tables" / "contiguity.csv"
    _edit(path, "CAN,USA,1,", "CAN,USA,7,")
    with pytest.raises(AllianceScoreError, match=r"contiguity\.csv: line \d+.*one of 1, 2, 3"):
        load(copy, cache=False).frame("contiguity")


def test_render_then_parse_round_trips_every_table(fresh):
    for name, spec in TABLES.items():
        frame = fresh.frame(name)
        assert render_table(frame, spec) == (data_dir() / spec.file).read_bytes(), name


def test_parse_reports_several_problems_at_once():
    spec = TABLES["warheads"]
    content = b"iso3,year,stockpile\nJPN,2018,x\nJAP,2018,1\nUSA,,5\n"
    with pytest.raises(AllianceScoreError) as info:
        parse_table(content, spec, "w.csv", load().crosswalk.iso3_codes)
    message = str(info.value)
    assert "3 problems" in message or "4 problems" in message
    assert "w.csv: line 2" in message and "w.csv: line 3" in message
    assert "w.csv: line 4" in message


def test_reference_files_validate_on_their_own():
    ds = load()
    for name in REFERENCE:
        assert name in ds.manifest["reference"]
    codes = ds.crosswalk.codes
    assert set(codes["system"]) == {"cow", "gw"}
    assert set(codes["iso3"]) <= ds.crosswalk.iso3_codes
