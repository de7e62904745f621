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
from alliancescore.study import run as study_run
from alliancescore.study import run_study
from alliancescore.study.parquet import read_part, require_pyarrow
from alliancescore.study.results import read_study_folder
from alliancescore.study.run import STABILITY, TaskTables, write_task

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
            "samples",
            "max_se",
        ]
        focal, year = key.split("/")[0][6:], int(key.split("/")[1][5:])
        assert set(frame["focal"]) == {focal} and set(frame["year"]) == {year}
        assert set(frame["method"]) == {"weighted_sum", "topsis"}
        assert set(frame["alternative"]) <= set(CANDIDATES)
        for _, rows in frame.groupby("method"):
            assert sorted(rows["rank"]) == list(range(1, len(rows) + 1))
            assert rows["rank1_acceptability"].sum() == pytest.approx(1.0)
            assert (rows["rank1_se"] > 0).all()
            assert (rows["samples"] == 200).all() and frame["samples"].dtype == "int64"
            assert (rows["max_se"] >= rows["rank1_se"]).all()


def _pol_2000(folder):
    """POL in 2000 with the backtest's threats, written out as an ordinary profile and
    scored."""
    data = load()
    found, _ = derive_threats(data, 2000, ["POL"], data.states(2000))
    threats = "".join(
        f'\n[[threats]]\nactor = "{t.actor}"\nseverity = {t.severity}\n' for t in found["POL"]
    )
    kept = [c for c in CANDIDATES if c not in {t.actor for t in found["POL"]}]
    text = TEMPLATE.split("[[threats]]")[0] + threats + TEMPLATE.split("severity = 1.0")[1]
    text = text.replace(json.dumps(CANDIDATES), json.dumps(kept))
    (folder / "p.toml").write_text(text)
    return score(folder / "p.toml", data=data)


def test_a_task_equals_score_and_analyse_of_the_same_profile(ran, tmp_path):
    _, out, _ = ran
    result = _pol_2000(tmp_path)
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
        pd.testing.assert_frame_equal(
            read_part(tmp_path / "two" / key / STABILITY), read_part(out / key / STABILITY)
        )


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
    message = "focal: expected a state that existed in 1990, found 'SVK'"
    assert run.skipped == {"focal=SVK/year=1990": message}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["skipped"] == {"focal=SVK/year=1990": message}
    assert manifest["tasks"] == [t.key for t in study.tasks]
    assert manifest["study_sha256"] == study.sha256 and len(manifest["data_manifest_sha256"]) == 64
    assert not (out / "focal=SVK/year=1990").exists()


def test_a_rerun_into_the_same_folder_leaves_no_file_of_the_earlier_run_to_be_read(ran, tmp_path):
    """A rerun without stability wrote parts only and left each task's stability file of the
    first run, which the report then read as this study's most critical criteria; a part left
    in the folder of a task now skipped was read as its result. Only the files the run writes,
    for the tasks it runs, are removed: an analyst's file beside them stays."""
    _, out, _ = ran
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    skipped = copy / "focal=SVK/year=1990"
    skipped.mkdir(parents=True)
    shutil.copy(copy / DONE[2] / "part.parquet", skipped / "part.parquet")
    (copy / DONE[0] / "notes.txt").write_text("the analyst's own")
    text = STUDY.replace("samples = 200", "samples = 0").replace(
        "seed = 7", "seed = 7\nstability = false"
    )
    study = load_study(_write(tmp_path, text), load())
    run = run_study(study, copy, jobs=1)
    assert run.written == DONE and list(run.skipped) == ["focal=SVK/year=1990"]
    for key in DONE:
        assert not (copy / key / STABILITY).exists()
    assert (copy / DONE[0] / "notes.txt").read_text() == "the analyst's own"
    assert not (skipped / "part.parquet").exists()
    folder = read_study_folder(copy)
    assert folder.stability is None and folder.read == DONE
    assert folder.skipped == {"focal=SVK/year=1990": run.skipped["focal=SVK/year=1990"]}


def test_a_rerun_names_the_outputs_of_an_earlier_run_it_leaves(tmp_path, capsys):
    """A focal state or a variant no longer in the study left its folders and reports in
    --out, unnamed: the command names them (never deleting them: they may be kept on
    purpose), and only them."""
    small = STUDY.replace("samples = 200", "samples = 0\nstability = false").replace(
        "years = [1990, 2000]", "years = [2000]"
    )
    out = tmp_path / "out"
    assert main(["study", str(_write(tmp_path, small)), "--out", str(out), "--no-report"]) == 0
    (out / "report_old.html").write_text("an earlier variant's report")
    (out / "variant=old").mkdir()
    (out / "notes.txt").write_text("the analyst's own")
    capsys.readouterr()
    pol_only = small.replace('["POL", "SVK"]', '["POL"]')
    assert main(["study", str(_write(tmp_path, pol_only)), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert (
        f"note: {out} holds outputs that are not this study's (an earlier run's, read by no "
        "report of this one), left as they are: focal=SVK/year=2000, variant=old/, "
        "report_old.html. Delete them if they are not needed"
    ) in " ".join(err.split())
    assert (out / "focal=SVK/year=2000" / "part.parquet").is_file()
    assert (out / "report_old.html").is_file() and (out / "notes.txt").is_file()


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
            "threats, samples, target_se, max_samples, seed, stability, threats_by_focal, "
            "variants, found an unknown key. Did you mean 'samples' or 'max_samples'?",
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


def test_an_invalid_template_is_one_message_before_any_task(tmp_path, capsys):
    # A typo'd weight key: every task would be refused alike, so the template is checked once
    # (as validate does) and the run stops there: exit 2, one message, nothing written.
    path = _write(tmp_path)
    (tmp_path / "template.toml").write_text(
        TEMPLATE.replace(
            "[methods]",
            '[weights]\nscheme = "direct"\nvalues = { shared_threatz = 0.5, '
            "interoperability = 0.5 }\n\n[methods]",
        )
    )
    assert main(["validate", str(path)]) == 2
    expected = capsys.readouterr().err
    assert main(["study", str(path), "--out", str(tmp_path / "out")]) == 2
    out, err = capsys.readouterr()
    assert err == expected and err.count("weights.values.shared_threatz") == 1
    assert "Did you mean 'shared_threats'?" in err
    assert "skipped" not in err and "wrote" not in out + err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_validate_checks_the_template_as_the_run_does(tmp_path, capsys):
    # Each task drops its focal state from candidates.include, so a template listing its own
    # focal state among them runs, and validate (the same check) accepts it.
    path = _write(tmp_path)
    (tmp_path / "template.toml").write_text(TEMPLATE.replace('"USA", ', '"USA", "POL", '))
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err


def test_a_template_may_leave_threats_to_the_studys_rule(tmp_path, capsys):
    # With threats = "backtest" every task's threats come from the rule, so a template
    # without [[threats]] runs (the check before the tasks used to refuse it as a profile
    # missing a required table; the benchmark's panel template is one). Without the rule
    # the template's own threats are every task's, and leaving them out is still refused.
    path = _write(tmp_path, STUDY.replace('["POL", "SVK"]', '["POL"]').replace("[1990, ", "["))
    no_threats = TEMPLATE.replace('[[threats]]\nactor = "RUS"\nseverity = 1.0\n', "")
    assert "[[threats]]" not in no_threats
    (tmp_path / "template.toml").write_text(no_threats)
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
    assert main(["study", str(path), "--out", str(tmp_path / "out"), "--no-report"]) == 0
    assert "skipped 0 of 1" in capsys.readouterr().out
    ruled = read_part(tmp_path / "out" / "focal=POL" / "year=2000" / "part.parquet")
    assert len(ruled) > 0
    (tmp_path / "own").mkdir()
    own = _write(tmp_path / "own", STUDY.replace('threats = "backtest"', 'threats = "template"'))
    (own.parent / "template.toml").write_text(no_threats)
    assert main(["study", str(own), "--out", str(tmp_path / "out2")]) == 2
    assert "Add [[threats]] entries" in capsys.readouterr().err
    assert not (tmp_path / "out2").exists()


def test_a_run_whose_every_task_is_skipped_exits_two_without_a_report(tmp_path, capsys):
    path = _write(tmp_path, STUDY.replace('["POL", "SVK"]', '["SVK"]').replace(", 2000]", "]"))
    assert main(["study", str(path), "--out", str(tmp_path / "out")]) == 2
    out, err = capsys.readouterr()
    assert "wrote 0 tasks, kept 0, skipped 1 of 1" in out
    # the task's key once, then the message (which does not name the task again)
    line = "skipped focal=SVK/year=1990: focal: expected a state that existed in 1990, found 'SVK'"
    assert f"{line}\n" in err and err.count("focal=SVK/year=1990") == 1, err
    assert "Traceback" not in err
    assert (
        f"{path}: expected a study with at least one task that runs, found all 1 task(s) "
        "skipped for the errors printed above. Fix the study file or its template; no report "
        "was written"
    ) in err
    assert not (tmp_path / "out" / "report.html").exists()


def test_without_pyarrow_the_message_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(AllianceScoreError, match=r"pip install 'alliancescore\[study\]'"):
        require_pyarrow()


# --- stability intervals of the top choice (stability.parquet) -----------------------------

STABILITY_COLUMNS = [
    "focal",
    "year",
    "method",
    "criterion",
    "t0",
    "top1_low",
    "top1_high",
    "top1_change",
    "top1_relative_change",
    "most_critical",
    "exact",
]


def test_stability_files_hold_the_top_choice_intervals_of_each_criterion(ran, tmp_path):
    _, out, _ = ran
    for key in DONE:
        frame = read_part(out / key / STABILITY)
        assert list(frame.columns) == STABILITY_COLUMNS
        assert frame["year"].dtype == "int64"
        assert frame["most_critical"].dtype == bool and frame["exact"].dtype == bool
        assert list(frame["method"]) == ["weighted_sum"] * 4 + ["topsis"] * 4
        assert list(frame["exact"]) == [True] * 4 + [False] * 4
        assert (frame.groupby("method")["most_critical"].sum() <= 1).all()
    # POL 2000 against the full analysis of the same profile (its criterion-level rows).
    frame = read_part(out / "focal=POL/year=2000" / STABILITY)
    assert set(frame["focal"]) == {"POL"} and set(frame["year"]) == {2000}
    report = analyse(_pol_2000(tmp_path), samples=100, seed=1, importance=False)
    for row in frame.itertuples():
        group = report.stability[row.method][row.criterion]
        assert group.level == "criterion"
        assert (row.t0, row.top1_low, row.top1_high) == (
            group.weight,
            group.top1.low,
            group.top1.high,
        )
        assert (row.top1_change, row.top1_relative_change) == (
            group.top1.change,
            group.top1.relative_change,
        )
    changes = frame[frame["method"] == "topsis"].set_index("criterion")["top1_change"]
    critical = frame[(frame["method"] == "topsis") & frame["most_critical"]]
    assert np.isfinite(changes.min()) and critical["criterion"].tolist() == [changes.idxmin()]


def test_the_stability_file_is_written_before_the_part(monkeypatch, tmp_path):
    written = []
    monkeypatch.setattr(study_run, "write_part", lambda frame, path: written.append(path.name))
    write_task(tmp_path, TaskTables(pd.DataFrame({"a": [1]}), pd.DataFrame({"b": [2]})))
    assert written == ["stability.parquet", "part.parquet"]
    written.clear()
    write_task(tmp_path, TaskTables(pd.DataFrame({"a": [1]})))
    assert written == ["part.parquet"]


def test_stability_false_writes_parts_only(tmp_path):
    text = STUDY.replace('["POL", "SVK"]', '["POL"]').replace(
        "seed = 7", "seed = 7\nstability = false"
    )
    study = load_study(_write(tmp_path, text), load())
    assert study.stability is False
    run_study(study, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out" / "focal=POL/year=2000").iterdir()) == [
        "part.parquet"
    ]


# --- sampling to a target standard error ----------------------------------------------------

TARGETED = STUDY.replace('["POL", "SVK"]', '["POL"]').replace(
    "samples = 200", "target_se = 0.004\nmax_samples = 100000"
)


@pytest.fixture(scope="module")
def targeted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("targeted")
    study = load_study(_write(folder, TARGETED), load())
    run_study(study, folder / "out")
    return study, folder / "out"


def test_a_target_records_the_draws_used_and_whether_it_was_met(targeted, tmp_path):
    study, out = targeted
    assert (study.target_se, study.max_samples, study.samples) == (0.004, 100_000, 0)
    part = read_part(out / "focal=POL/year=2000" / "part.parquet")
    assert list(part.columns)[-4:] == ["rank1_se", "samples", "max_se", "target_met"]
    assert part["samples"].dtype == "int64" and part["target_met"].dtype == bool
    result = _pol_2000(tmp_path)
    for method, rows in part.groupby("method"):
        n = int(rows["samples"].iloc[0])
        assert rows["target_met"].all() and (rows["max_se"] < 0.004).all()
        assert n % 4096 == 0 and n >= 16_384  # at least the bound's 15,625 draws
        # The numbers are those of one SMAA run with that many draws and the task's seed.
        report = analyse(
            result,
            samples=n,
            seed=task_seed(7, Task("POL", 2000)),
            methods=[method],
            importance=False,
        )
        rows = rows.set_index("alternative")
        np.testing.assert_array_equal(
            rows["rank1_acceptability"], report.acceptability[method].loc[rows.index, 1]
        )
        assert rows["max_se"].iloc[0] == report.acceptability_se[method]
    manifest = json.loads((out / "manifest.json").read_text())
    assert (manifest["target_se"], manifest["max_samples"], manifest["stability"]) == (
        0.004,
        100_000,
        True,
    )


def test_the_cap_is_respected_and_a_missed_target_recorded(tmp_path):
    text = TARGETED.replace("0.004", "0.0005").replace("100000", "5000")
    run_study(load_study(_write(tmp_path, text), load()), tmp_path / "out")
    part = read_part(tmp_path / "out" / "focal=POL/year=2000" / "part.parquet")
    assert (part["samples"] == 5000).all() and not part["target_met"].any()
    assert (part["max_se"] >= 0.0005).all()


def test_the_command_line_target_replaces_the_file_samples_and_guards_resume(tmp_path, capsys):
    path = _write(tmp_path, STUDY.replace('["POL", "SVK"]', '["POL"]').replace("[1990, ", "["))
    out = str(tmp_path / "out")
    assert main(["study", str(path), "--out", out, "--target-se", "0.02"]) == 0
    part = read_part(tmp_path / "out" / "focal=POL/year=2000" / "part.parquet")
    assert part["target_met"].all() and (part["samples"] >= 4096).all()
    capsys.readouterr()
    assert main(["study", str(path), "--out", out, "--target-se", "0.03", "--resume"]) == 2
    assert "differs in target_se. Run without --resume" in capsys.readouterr().err
    assert main(["study", str(path), "--out", out, "--target-se", "0.02", "--resume"]) == 0
    assert "wrote 0 tasks, kept 1" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:  # argparse's own exit
        main(["study", str(path), "--out", out, "--target-se", "0.7"])
    assert stop.value.code == 2
    assert "--target-se: expected a number in (0, 0.5], found '0.7'" in capsys.readouterr().err


def test_samples_and_a_target_together_get_one_message(tmp_path):
    path = _write(tmp_path, STUDY.replace("seed = 7", "seed = 7\ntarget_se = 0.01"))
    with pytest.raises(AllianceScoreError) as error:
        load_study(path, load())
    assert len(error.value.problems) == 1
    assert (
        str(error.value)
        .replace(str(tmp_path) + "/", "")
        .startswith(
            "study.toml: study.target_se: expected either samples (a fixed number of draws) or "
            "target_se, not both, found samples = 200 and target_se = 0.01. Remove samples to "
            "draw until the target, or target_se to draw a fixed number"
        )
    )
