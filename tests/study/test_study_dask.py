"""``alliancescore study --scheduler``: the tiny study of test_study.py on a Dask LocalCluster of
two worker processes (one thread each, every port on 127.0.0.1) gives the same part
files, byte for byte, and the same manifest as ``--jobs 1``.

Byte equality is the stronger check and holds: the workers return the same rows (same seed
per task, one BLAS thread, threads=1), and this process writes them with the same pyarrow
call as a local worker does; a Parquet file written by pyarrow carries no time stamp or host,
so equal frames with equal dtypes give equal bytes.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import sys

import pytest
from test_study import DONE, _write

import alliancescore
import alliancescore.study.run as run_module
from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.errors import AllianceScoreError
from alliancescore.model.study import load_study
from alliancescore.study import run_study
from alliancescore.study.cluster import require_distributed

pytest.importorskip("pyarrow")

PART = "part.parquet"


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster: 2 worker processes of 1 thread, on 127.0.0.1 only. Its
    HTTP server takes a free port: with ``dashboard_address=None`` the scheduler still serves
    HTTP on 8787 (a warning and another port when that is taken)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """The tiny study run with --jobs 1: (study file, output folder)."""
    folder = tmp_path_factory.mktemp("study")
    path = _write(folder)
    run_study(load_study(path, load()), folder / "local", jobs=1)
    return path, folder / "local"


def _refusal(path, out, address) -> str:
    """The message of a run on ``address`` with a 1 s timeout to connect."""
    with pytest.raises(AllianceScoreError) as error:
        run_study(load_study(path, load()), out, scheduler=address, connect_timeout=1)
    return str(error.value)


def _closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound by the system, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_cluster_writes_the_same_files_as_the_local_pool(local, scheduler, tmp_path, capsys):
    path, reference = local
    out = tmp_path / "dask"
    command = ["study", str(path), "--out", str(out), "--scheduler", scheduler, "--no-report"]
    assert main(command) == 0
    assert f"wrote 3 tasks, kept 0, skipped 1 of 4 to {out}" in capsys.readouterr().out
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(reference) for p in reference.rglob("*") if p.is_file())
    assert {p.name for p in files} == {PART, "stability.parquet", "manifest.json"}
    for name in files:  # every part and stability table, byte for byte
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    # Nothing in the manifest depends on where the tasks ran.
    assert (out / "manifest.json").read_text() == (reference / "manifest.json").read_text()


def test_resume_on_the_cluster_reruns_only_the_missing_task(local, scheduler, tmp_path):
    path, reference = local
    out = tmp_path / "dask"
    shutil.copytree(reference, out)
    (out / DONE[2] / PART).unlink()
    run = run_study(load_study(path, load()), out, resume=True, scheduler=scheduler)
    assert run.written == [DONE[2]] and run.kept == DONE[:2]
    assert (out / DONE[2] / PART).read_bytes() == (reference / DONE[2] / PART).read_bytes()
    assert json.loads((out / "manifest.json").read_text())["finished"] == DONE


def test_a_scheduler_lost_mid_run_is_one_message_and_resume_finishes(local, tmp_path):
    distributed = pytest.importorskip("distributed")
    path, reference = local
    study = load_study(path, load())
    out = tmp_path / "lost"
    cluster = distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    )
    address = cluster.scheduler_address
    stop = lambda _key: cluster.close()  # noqa: E731 - the scheduler stops at the first task done
    with cluster, pytest.raises(AllianceScoreError) as error:
        run_study(study, out, scheduler=address, connect_timeout=1, progress=stop)
    assert str(error.value) == (
        f"scheduler: expected a scheduler at '{address}' that stays up until the study ends, "
        "found a task cancelled (scheduler-connection-lost). Start it again and rerun with "
        "--resume: the finished tasks are kept"
    )
    finished = json.loads((out / "manifest.json").read_text())["finished"]
    assert 1 <= len(finished) < len(DONE)
    run = run_study(study, out, resume=True)
    assert run.kept == finished and not (set(run.written) & set(finished))
    for key in DONE:
        assert (out / key / PART).read_bytes() == (reference / key / PART).read_bytes(), key


def test_a_worker_of_other_inputs_stops_the_run(local, scheduler, tmp_path, monkeypatch):
    # The client believes it runs version 0.0.0; the workers run the real one.
    path, _ = local
    monkeypatch.setattr(run_module, "__version__", "0.0.0")
    with pytest.raises(AllianceScoreError) as error:
        run_study(load_study(path, load()), tmp_path / "dask", scheduler=scheduler)
    assert re.fullmatch(
        re.escape(
            "scheduler: expected workers with this computer's inputs (alliancescore 0.0.0, the "
            "same template and data set), so that the numbers are the same, found worker "
            "tcp://127.0.0.1:"
        )
        + r"\d+"
        + re.escape(
            f" differs in version {alliancescore.__version__} (here 0.0.0). Install the same "
            "version on the workers and give them the study's files (template, criteria, "
            "--data) at the same paths"
        ),
        str(error.value),
    )
    assert not list((tmp_path / "dask").rglob(PART))


def test_an_unreachable_scheduler_is_one_message_within_the_timeout(local, tmp_path):
    pytest.importorskip("distributed")
    path, _ = local
    address = f"tcp://127.0.0.1:{_closed_port()}"
    assert _refusal(path, tmp_path / "o", address) == (
        "scheduler: expected the address of a running Dask scheduler, scheme://host:port (e.g. "
        f"tcp://127.0.0.1:8786), found no scheduler answering at '{address}' within 1 s "
        f"(Timed out trying to connect to {address} after 1 s). Start one with `dask "
        "scheduler` and its workers with `dask worker ADDRESS --nthreads 1`, or run on this "
        "computer's processes with --jobs N instead"
    )


def test_a_server_that_is_not_a_scheduler_is_one_message_within_the_timeout(local, tmp_path):
    # It accepts connections (the system completes them) and never answers, as a dashboard's
    # port would answer nothing a Dask client understands: distributed alone waits forever.
    pytest.importorskip("distributed")
    path, _ = local
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        message = _refusal(path, tmp_path / "o", address)
    assert message.startswith(
        "scheduler: expected the address of a running Dask scheduler, scheme://host:port (e.g. "
        f"tcp://127.0.0.1:8786), found a server at '{address}' that gave no Dask handshake "
        "within 2 s (a dashboard's port? a scheduler's is 8786 unless set). Start one with"
    )


def test_a_scheduler_without_workers_is_one_message(local, tmp_path):
    distributed = pytest.importorskip("distributed")
    path, _ = local
    with distributed.LocalCluster(
        n_workers=0, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as empty:
        address = empty.scheduler_address
        message = _refusal(path, tmp_path / "o", address)
    assert message == (
        "scheduler: expected a Dask scheduler with at least one worker (e.g. at "
        f"tcp://127.0.0.1:8786), found the scheduler at '{address}' has no worker after 1 s. "
        f"Start workers with `dask worker {address} --nthreads 1`"
    )


def test_a_malformed_address_is_refused_before_connecting(local, tmp_path, capsys):
    pytest.importorskip("distributed")
    path, _ = local
    args = ["study", str(path), "--out", str(tmp_path / "o"), "--scheduler", "localhost"]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "alliancescore: error: --scheduler: expected the address of a running Dask scheduler, "
        "scheme://host:port (e.g. tcp://127.0.0.1:8786), found 'localhost' (missing port "
        "number in address 'localhost'). Start one with `dask scheduler` and its workers with "
        "`dask worker ADDRESS --nthreads 1`, or run on this computer's processes with --jobs N "
        "instead\n"
    )
    assert not (tmp_path / "o").exists()


def test_jobs_and_scheduler_exclude_each_other(local, tmp_path, capsys):
    path, _ = local
    args = ["study", str(path), "--out", str(tmp_path), "--jobs", "2", "--scheduler", "h:1"]
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 2
    assert "argument --scheduler: not allowed with argument --jobs" in capsys.readouterr().err


def test_without_distributed_the_message_names_the_extra(local, tmp_path, monkeypatch, capsys):
    path, _ = local
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(AllianceScoreError, match=r"pip install 'alliancescore\[study\]'"):
        require_distributed()
    args = ["study", str(path), "--out", str(tmp_path / "o"), "--scheduler", "h:1"]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "alliancescore: error: --scheduler: expected the dask and distributed packages (the "
        "optional extra 'study') to run on a Dask cluster, found they are not installed. "
        "Install them with: pip install 'alliancescore[study]'\n"
    )
