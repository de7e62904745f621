"""A study killed mid-run and resumed gives the same files as an uninterrupted run (issue 18).

The kill is real: ``python -m alliancescore study ... --jobs 2`` in its own session, SIGKILL
to its whole process group (the command and its worker processes) once a part file exists.
A part file is written to a temporary file and renamed, so a file under the part's name is
always whole; the temporary files a kill leaves are removed by the next run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_study import DONE, STUDY, _write

from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.model.study import load_study
from alliancescore.present.writing import write_atomic
from alliancescore.study import run_study

pytest.importorskip("pyarrow")

PART = "part.parquet"
STABILITY = "stability.parquet"
# 2 focal states x 4 years: 8 tasks of about 0.3 s of CPU each, so a run is mid-way for
# seconds, far longer than the 10 ms between two looks at the output folder.
MANY = STUDY.replace('["POL", "SVK"]', '["POL", "CZE"]').replace(
    "[1990, 2000]", "{ from = 1995, to = 1998 }"
)
TASKS = 8


def _parts(out):
    return sorted(str(p.parent.relative_to(out)) for p in out.rglob(PART))


def _kill_when_a_part_exists(command, out):
    """Start ``command`` in a session of its own; once one part file is in ``out``, SIGKILL
    the whole process group. Returns the parts written before the kill."""
    process = subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 300  # a guard against a hung test, not a measurement
    while not _parts(out) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    _, err = process.communicate()
    assert process.returncode == -signal.SIGKILL, err.decode()
    for _ in range(500):  # the workers, reparented, are gone (up to 5 s)
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.01)
    return _parts(out)


@pytest.mark.slow
def test_a_killed_study_resumed_equals_an_uninterrupted_run(tmp_path, capsys):
    path = _write(tmp_path, MANY)
    study = load_study(path, load())
    assert len(study.tasks) == TASKS
    run_study(study, tmp_path / "whole", jobs=1)
    whole = _parts(tmp_path / "whole")
    assert len(whole) == TASKS

    out = tmp_path / "killed"
    command = [sys.executable, "-m", "alliancescore", "study", str(path), "--out", str(out)]
    before = _kill_when_a_part_exists([*command, "--jobs", "2"], out)
    assert 0 < len(before) < TASKS  # killed mid-run

    assert main(["study", str(path), "--out", str(out), "--jobs", "2", "--resume"]) == 0
    kept = len(before)
    assert (
        f"wrote {TASKS - kept} tasks, kept {kept}, skipped 0 of {TASKS} to {out}"
        in capsys.readouterr().out
    )
    assert _parts(out) == whole
    for key in whole:
        for name in (PART, STABILITY):
            assert (out / key / name).read_bytes() == (tmp_path / "whole" / key / name).read_bytes()
    assert (out / "manifest.json").read_text() == (tmp_path / "whole/manifest.json").read_text()
    assert not list(out.rglob("*.tmp"))


def test_a_half_written_part_is_never_taken_for_a_finished_one(tmp_path, monkeypatch):
    path = _write(tmp_path)
    study = load_study(path, load())
    out = tmp_path / "out"
    run_study(study, out, jobs=1)
    target = out / DONE[1] / PART
    finished = target.read_bytes()
    target.unlink()
    # What a kill between writing and renaming leaves: write_atomic's own temporary file
    # (captured as the rename is refused), here cut to half its length.
    left = {}

    def killed(source, _destination):
        left[source] = Path(source).read_bytes()
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, finished)
    monkeypatch.undo()
    [(temporary, whole)] = left.items()
    Path(temporary).write_bytes(whole[: len(whole) // 2])
    assert not target.exists() and Path(temporary).parent == target.parent

    run = run_study(study, out, jobs=1, resume=True)
    assert run.written == [DONE[1]] and run.kept == [DONE[0], DONE[2]]
    assert target.read_bytes() == finished
    assert not Path(temporary).exists()
    # the task's stability table is rewritten beside it (part.parquet is written last)
    assert sorted(p.name for p in target.parent.iterdir()) == [PART, STABILITY]
