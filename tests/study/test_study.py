"""``alliancescore study``: a tiny study of 2 focal states x 2 years (issue 18, first slice)."""

from __future__ import annotations

import json
import shutil
import sys

import numpy as np
import pandas as pd
import pytest

from alliancescore.analysis.robustness import analyse
from alliancescore.analysis.scoring import score
from alliancescore.backtest.threats import derive_threats
from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.errors import AllianceScoreError
from alliancescore.model.study import Task, load_study, task_seed
from alliancescore.study import run_study
from alliancescore.study.parquet import read_part, require_pyarrow

pytest.importorskip("pyarrow")

CANDIDATES = ["USA", "GBR", "FRA", "DEU", "CAN", "ITA", "ESP", "NLD", "TUR", "JPN"]
TEMPLATE = f"""
[profile]
id = "study_template"
label = "Study template: ten candidates"
focal = "POL"
year = 2000

[[threats]]
actor = "RUS"
severity = 1.0

[methods]
weighted_sum = {{}}
topsis = {{}}

[candidates]
include = {json.dumps(CANDIDATES)}
"""
STUDY = """
[study]
id = "tiny"
template = "template.toml"
focal = ["POL", "SVK"]
years = [1990, 2000]
threats = "backtest"
samples = 200
seed = 7
"""
DONE = ["focal=POL/year=1990", "focal=POL/year=2000", "focal=SVK/year=2000"]


def _write(folder, study=STUDY):
    (folder / "template.toml").write_text(TEMPLATE)
    (folder / "study.toml").write_text(study)
    return folder / "study.toml"


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    folder = tmp_path_factory.mktemp("study")
    study = load_study(_write(folder), load())
    out = folder / "out"
    run = run_study(study, out, jobs=1)
    return study, out, run


def _parts(out):
    return {key: read_part(out / key / "part.parquet") for key in DONE}


def test_rows_read_back_with_the_expected_columns(ran):
    _, out, run = ran
    assert run.written == DONE and not run.kept
    parts = _parts(out)
    for key, frame in parts.items():
        assert list(frame.columns) == [
            "focal",
            "year",
            "alternative",
            "kind",
            "method",
            "score",
            "rank",
            "rank1_acceptability",
            "rank1_se",
        ]
        focal, year = key.split("/")[0][6:], int(key.split("/")[1][5:])
        assert set(frame["focal"]) == {focal} and set(frame["year"]) == {year}
        assert set(frame["method"]) == {"weighted_sum", "topsis"}
        assert set(frame["alternative"]) <= set(CANDIDATES)
        for _, rows in frame.groupby("method"):
            assert sorted(rows["rank"]) == list(range(1, len(rows) + 1))
            assert rows["rank1_acceptability"].sum() == pytest.approx(1.0)
            assert (rows["rank1_se"] > 0).all()


def test_a_task_equals_score_and_analyse_of_the_same_profile(ran, tmp_path):
    # POL in 2000 with the backtest's threats, written out as an ordinary profile.
    _, out, _ = ran
    data = load()
    found, _ = derive_threats(data, 2000, ["POL"], data.states(2000))
    threats = "".join(
        f'\n[[threats]]\nactor = "{t.actor}"\nseverity = {t.severity}\n' for t in found["POL"]
    )
    kept = [c for c in CANDIDATES if c not in {t.actor for t in found["POL"]}]
    text = TEMPLATE.split("[[threats]]")[0] + threats + TEMPLATE.split("severity = 1.0")[1]
    text = text.replace(json.dumps(CANDIDATES), json.dumps(kept))
    (tmp_path / "p.toml").write_text(text)
    result = score(tmp_path / "p.toml", data=data)
    seed = task_seed(7, Task("POL", 2000))
    report = analyse(result, samples=200, seed=seed, importance=False)
    part = read_part(out / "focal=POL/year=2000/part.parquet")
    for method in ("weighted_sum", "topsis"):
        rows = part[part["method"] == method].set_index("alternative")
        np.testing.assert_array_equal(rows["score"], result.scores.loc[rows.index, method])
        np.testing.assert_array_equal(rows["rank"], result.ranks.loc[rows.index, method])
        np.testing.assert_array_equal(
            rows["rank1_acceptability"], report.acceptability[method].loc[rows.index, 1]
        )


def test_two_jobs_give_the_same_numbers(ran, tmp_path):
    study, out, _ = ran
    run_study(study, tmp_path / "two", jobs=2)
    for key, frame in _parts(out).items():
        pd.testing.assert_frame_equal(read_part(tmp_path / "two" / key / "part.parquet"), frame)


def test_resume_recreates_a_deleted_part_and_leaves_the_others(ran, tmp_path):
    study, out, _ = ran
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    before = _parts(copy)
    mtimes = {key: (copy / key / "part.parquet").stat().st_mtime_ns for key in DONE}
    (copy / DONE[1] / "part.parquet").unlink()
    run = run_study(study, copy, jobs=1, resume=True)
    assert run.written == [DONE[1]] and run.kept == [DONE[0], DONE[2]]
    pd.testing.assert_frame_equal(read_part(copy / DONE[1] / "part.parquet"), before[DONE[1]])
    for key in (DONE[0], DONE[2]):
        assert (copy / key / "part.parquet").stat().st_mtime_ns == mtimes[key]
    manifest = json.loads((copy / "manifest.json").read_text())
    assert manifest["finished"] == DONE


def test_resume_refuses_a_folder_of_other_inputs(ran, tmp_path):
    study, out, _ = ran
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    (copy / "manifest.json").write_text(json.dumps({**manifest, "study_sha256": "0" * 64}))
    with pytest.raises(AllianceScoreError, match=r"differs in study_sha256\. Run without --resume"):
        run_study(study, copy, resume=True)


def test_a_state_that_did_not_exist_is_skipped_with_the_message(ran):
    study, out, run = ran
    message = "focal=SVK/year=1990: focal: expected a state that existed in 1990, found 'SVK'"
    assert run.skipped == {"focal=SVK/year=1990": message}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["skipped"] == {"focal=SVK/year=1990": message}
    assert manifest["tasks"] == [t.key for t in study.tasks]
    assert manifest["study_sha256"] == study.sha256 and len(manifest["data_manifest_sha256"]) == 64
    assert not (out / "focal=SVK/year=1990").exists()


def test_task_seeds_depend_on_the_task_only():
    assert task_seed(7, Task("POL", 2000)) == task_seed(7, Task("POL", 2000))
    seeds = {task_seed(s, Task(f, y)) for s in (7, 8) for f in ("POL", "SVK") for y in (1, 2)}
    assert len(seeds) == 8


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("samples = 200", "sampels = 200"),
            "study.toml: study.sampels: expected one of the keys id, template, focal, years, "
            "threats, samples, seed, threats_by_focal, variants, found an unknown key. Did you "
            "mean 'samples'?",
        ),
        (
            ('["POL", "SVK"]', '["POL", "PLO"]'),
            "study.toml: study.focal[1]: expected an ISO 3166 alpha-3 code known to the data "
            "set, found 'PLO'",
        ),
        (
            ("years = [1990, 2000]", "years = { from = 2000, to = 1990 }"),
            "study.toml: study.years.to: expected a year >= from (2000), found 1990",
        ),
        (
            ('threats = "backtest"', 'threats = "backtst"'),
            "study.toml: study.threats: expected one of 'backtest', 'template', found "
            "'backtst'. Did you mean 'backtest'?",
        ),
    ],
)
def test_a_bad_study_file_gets_one_message(tmp_path, change, message):
    path = _write(tmp_path, STUDY.replace(*change))
    with pytest.raises(AllianceScoreError) as error:
        load_study(path, load())
    assert len(error.value.problems) == 1
    assert str(error.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_the_command_writes_and_refuses(tmp_path, capsys):
    path = _write(tmp_path, STUDY.replace('["POL", "SVK"]', '["POL"]').replace("[1990, ", "["))
    assert main(["study", str(path), "--out", str(tmp_path / "out")]) == 0
    assert f"wrote 1 tasks, kept 0, skipped 0 of 1 to {tmp_path / 'out'}" in capsys.readouterr().out
    bad = _write(tmp_path, STUDY.replace("seed = 7", "seed = -1"))
    assert main(["study", str(bad), "--out", str(tmp_path / "out")]) == 2
    assert "study.seed: expected" in capsys.readouterr().err


def test_without_pyarrow_the_message_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(AllianceScoreError, match=r"pip install 'alliancescore\[study\]'"):
        require_pyarrow()
