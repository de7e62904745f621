"""The user cache of parsed data files (issue 12): the same frames as a fresh parse, keyed on
content, never trusted when damaged, and never hiding a bad file."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from alliancescore.data import cache
from alliancescore.data.crosswalk import load_crosswalk
from alliancescore.data.csvio import parse_table
from alliancescore.data.dataset import Dataset
from alliancescore.data.paths import data_dir
from alliancescore.data.schema import REFERENCE, TABLES
from alliancescore.data.schema_reference import BUILD_INPUTS
from alliancescore.errors import AllianceScoreError


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def test_every_cached_table_equals_a_fresh_parse(cache_folder):
    first = Dataset(data_dir())
    first.load_all()  # parses and stores
    crosswalk_files = len(REFERENCE) - len(BUILD_INPUTS)  # errata.csv & co: build only
    assert len(list(cache_folder.glob("*.npz"))) == len(TABLES) + crosswalk_files
    second = Dataset(data_dir())  # reads back
    known = second.crosswalk.iso3_codes
    for name, spec in TABLES.items():
        path = data_dir() / spec.file
        fresh = parse_table(path.read_bytes(), spec, str(path), known)
        pd.testing.assert_frame_equal(second.frame(name), fresh, check_exact=True)
        assert list(second.frame(name).dtypes) == list(fresh.dtypes), name


def test_the_crosswalk_read_back_equals_a_fresh_one(cache_folder, monkeypatch):
    cached = load_crosswalk(data_dir() / "reference")
    cached = load_crosswalk(data_dir() / "reference")  # from the cache, validation skipped
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    fresh = load_crosswalk(data_dir() / "reference")
    for part in ("nations", "codes", "names", "set_aside"):
        pd.testing.assert_frame_equal(getattr(cached, part), getattr(fresh, part))


def test_a_changed_file_is_parsed_again_and_its_problems_reported(cache_folder, data_copy):
    Dataset(data_copy, verify=False).frame("majors")
    path = data_copy / "tables" / "majors.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("JPN", "JPX"), encoding="utf-8")
    with pytest.raises(AllianceScoreError, match="JPX"):
        Dataset(data_copy, verify=False).frame("majors")
    with pytest.raises(AllianceScoreError, match="JPX"):  # a bad file is never stored
        Dataset(data_copy, verify=False).frame("majors")


def test_a_crosswalk_with_a_problem_is_not_marked_valid(cache_folder, data_copy):
    codes = data_copy / "reference" / "codes.csv"
    lines = codes.read_text(encoding="utf-8").splitlines(keepends=True)
    codes.write_text(lines[0] + lines[1] + lines[1:][0] + "".join(lines[2:]), encoding="utf-8")
    for _ in range(2):  # the second time too: the failure was not cached as a pass
        with pytest.raises(AllianceScoreError):
            load_crosswalk(data_copy / "reference")
    assert not list(cache_folder.glob("*.ok"))


def test_a_damaged_entry_is_ignored(cache_folder):
    Dataset(data_dir()).frame("majors")
    for entry in cache_folder.glob("*.npz"):
        entry.write_bytes(b"not a zip file")
    frame = Dataset(data_dir()).frame("majors")
    assert len(frame) > 0 and frame["iso3"].notna().all()


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.cache_dir() is None
    monkeypatch.chdir(tmp_path)
    Dataset(data_dir()).frame("majors")
    assert not list(tmp_path.iterdir())


def test_an_unwritable_cache_folder_costs_only_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))  # cannot be created
    assert len(Dataset(data_dir()).frame("majors")) > 0


def test_old_entries_are_pruned(cache_folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    Dataset(data_dir()).load_all()
    assert len(list(cache_folder.glob("*.npz"))) <= 3


def test_the_key_depends_on_content_spec_and_known_codes():
    spec = repr(TABLES["majors"])
    base = cache.content_key(b"abc", spec, cache.codes_key({"JPN"}))
    assert base == cache.content_key(b"abc", spec, cache.codes_key({"JPN"}))
    assert base != cache.content_key(b"abd", spec, cache.codes_key({"JPN"}))
    assert base != cache.content_key(b"abc", repr(TABLES["states"]), cache.codes_key({"JPN"}))
    assert base != cache.content_key(b"abc", spec, cache.codes_key({"JPN", "KOR"}))
    assert base != cache.content_key(b"ab", "c" + spec, cache.codes_key({"JPN"}))  # no run-on
