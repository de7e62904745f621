"""MANIFEST.json as the loader reads it (issue 15): a malformed manifest (not JSON, keys
missing, values of the wrong type) and a reference file that is not the one the data were built
with each give one message naming the file and the key, never a KeyError."""

from __future__ import annotations

import json
import shutil

import pytest

from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.data.paths import DATA_ENV, data_dir
from alliancescore.data.schema import REFERENCE
from alliancescore.errors import AllianceScoreError, DataSetError
from alliancescore.shipped import package_root

REBUILD = "Rebuild with `python -m alliancescore.data.build`, or restore the committed file"


@pytest.fixture()
def copy(tmp_path):
    """A private copy of the shipped manifest and reference files (no tables) to break."""
    target = tmp_path / "data"
    shutil.copytree(data_dir() / "reference", target / "reference")
    shutil.copy(data_dir() / "MANIFEST.json", target / "MANIFEST.json")
    (target / "tables").mkdir()
    return target


def rewrite(data, change, *, replace: bool = False) -> str:
    """Apply ``change`` to the parsed manifest (in place, or ``replace`` it by what ``change``
    returns) and write it back; returns the manifest's path."""
    path = data / "MANIFEST.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    result = change(manifest)
    manifest = result if replace else manifest
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return str(path)


def problems(data) -> list[str]:
    with pytest.raises(DataSetError) as info:
        load(data, cache=False)
    return [str(p) for p in info.value.problems]


def test_the_shipped_manifest_passes():
    load(cache=False)


def test_not_json(copy):
    (copy / "MANIFEST.json").write_text('{"format": "alliancescore-data/1",', encoding="utf-8")
    (message,) = problems(copy)
    path = copy / "MANIFEST.json"
    assert message.startswith(f"{path}: expected valid JSON, found unreadable (Expecting")
    assert message.endswith(REBUILD)


def test_not_an_object(copy):
    path = rewrite(copy, lambda m: [m], replace=True)
    (message,) = problems(copy)
    assert message.startswith(f"{path}: expected a JSON object (the data set manifest), found [")
    assert message.endswith("(a list). " + REBUILD)


def test_a_missing_format(copy):
    path = rewrite(copy, lambda m: m.pop("format"))
    assert problems(copy) == [
        f"{path}: format: expected 'alliancescore-data/1', found missing. "
        "Rebuild with `python -m alliancescore.data.build`"
    ]


def test_a_missing_section_with_a_typo(copy):
    path = rewrite(copy, lambda m: m.update(tabels=m.pop("tables")))
    assert problems(copy) == [
        f"{path}: tables: expected an object, found missing. Found 'tabels': did you mean "
        f"'tables'? {REBUILD}"
    ]


def test_a_missing_table_entry_with_a_typo(copy):
    path = rewrite(copy, lambda m: m["tables"].update(nmcc=m["tables"].pop("nmc")))
    assert problems(copy) == [
        f"{path}: tables.nmc: expected the entry of the 'nmc' file, found missing. Found 'nmcc': "
        f"did you mean 'nmc'? {REBUILD}"
    ]


def test_keys_missing_or_of_the_wrong_type_are_listed_by_key_path(copy):
    def change(m):
        del m["tables"]["nmc"]["sha256"]
        m["tables"]["vdem"]["rows"] = "12"
        m["tables"]["unga"]["coverage"]["first_year"] = None
        m["reference"]["codes"]["sha256"] = "not a digest"
        m["tables"]["uds"] = []

    path = rewrite(copy, change)
    assert problems(copy) == [
        f"{path}: reference.codes.sha256: expected a SHA-256 (64 lowercase hex digits), found "
        f'"not a digest" (a string). {REBUILD}',
        f"{path}: tables.nmc.sha256: expected a SHA-256 (64 lowercase hex digits), found "
        f"missing. {REBUILD}",
        f"{path}: tables.unga.coverage.first_year: expected an integer, found null (null). "
        f"{REBUILD}",
        f"{path}: tables.vdem.rows: expected an integer, found " + '"12" (a string). ' + REBUILD,
        f"{path}: tables.uds: expected an object, found [] (a list). {REBUILD}",
    ]


def test_a_boolean_is_not_an_integer(copy):
    path = rewrite(copy, lambda m: m["tables"]["nmc"].update(rows=True))
    assert problems(copy) == [
        f"{path}: tables.nmc.rows: expected an integer, found true (a boolean). {REBUILD}"
    ]


def test_a_wholly_wrong_manifest_is_summarised(copy):
    path = rewrite(copy, lambda m: m.update(tables={name: {} for name in m["tables"]}))
    listed = problems(copy)
    assert len(listed) == 21
    assert listed[-1].startswith(f"{path}: expected no further problems, found ")


def test_a_changed_reference_file_names_both_digests(copy):
    path = copy / "reference" / "errata.csv"  # read only by the build, checked all the same
    path.write_bytes(path.read_bytes() + b"\n")
    recorded = json.loads((copy / "MANIFEST.json").read_text())["reference"]["errata"]["sha256"]
    (message,) = problems(copy)
    assert message.startswith(
        f"{path}: expected the file recorded in MANIFEST.json (SHA-256 {recorded[:12]}...), "
        "found a changed file (SHA-256 "
    )
    assert message.endswith(
        "Rebuild with `python -m alliancescore.data.build` after editing "
        "the crosswalk, or restore the committed file"
    )


def test_a_missing_reference_file_is_named(copy):
    (copy / "reference" / "capital_checks.csv").unlink()
    (message,) = problems(copy)
    assert message.startswith(
        f"{copy / 'reference' / 'capital_checks.csv'}: expected the reference file listed in "
        "MANIFEST.json, found no such file"
    )


def test_every_reference_file_is_hashed(copy):
    for spec in REFERENCE.values():
        path = copy / spec.file
        original = path.read_bytes()
        path.write_bytes(original.replace(b"\n", b"\r\n", 1))
        with pytest.raises(AllianceScoreError, match=spec.file.replace(".", r"\.")):
            load(copy, cache=False)
        path.write_bytes(original)
    load(copy, cache=False)


def test_unverified_loading_still_needs_a_well_formed_manifest(copy):
    rewrite(copy, lambda m: m["tables"]["nmc"].pop("coverage"))
    with pytest.raises(DataSetError, match=r"tables\.nmc\.coverage: expected an object"):
        load(copy, verify=False, cache=False)


def test_the_command_line_exits_2_without_a_traceback(copy, capsys, monkeypatch):
    monkeypatch.setenv(DATA_ENV, str(copy))  # restored after the test (main sets it too)
    rewrite(copy, lambda m: m["tables"]["nmc"].pop("sha256"))
    code = main(["validate", str(package_root() / "profiles" / "japan.toml"), "--data", str(copy)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and "KeyError" not in err
    assert "MANIFEST.json: tables.nmc.sha256: expected a SHA-256" in err
