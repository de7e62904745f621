"""Ctrl-C in a local pool's workers (``data.worker.init_pool_worker``).

Ctrl-C reaches every process of the terminal's group. A worker of the demo's or the study's
pool used to die of KeyboardInterrupt while idle, and multiprocessing printed its traceback
among the analyst's lines before the parent's "interrupted" (seen under a pseudo-terminal,
2026-12-04). The pools' workers now end on SIGINT with SystemExit: quietly when idle, and a
running task still stops at once with its ``finally`` blocks run.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

SCRIPT = """
import os, signal, sys, time
from concurrent.futures import ProcessPoolExecutor
from alliancescore.data import worker
from alliancescore.shipped import data_files

def pid():
    return os.getpid()

def nap(flag):
    try:
        time.sleep(60)
    finally:
        open(flag, "w").close()  # a running task's cleanup still runs

if __name__ == "__main__":
    init = getattr(worker, sys.argv[1])
    root = str(data_files())
    with ProcessPoolExecutor(1, initializer=init, initargs=(root,)) as pool:
        os.kill(pool.submit(pid).result(), signal.SIGINT)  # an idle worker
        time.sleep(1.5)
    with ProcessPoolExecutor(1, initializer=init, initargs=(root,)) as pool:
        worker_pid = pool.submit(pid).result()
        running = pool.submit(nap, sys.argv[2])
        time.sleep(1.0)
        os.kill(worker_pid, signal.SIGINT)  # a worker running a task
        print(type(running.exception(timeout=30)).__name__, flush=True)
    print("cleaned" if os.path.exists(sys.argv[2]) else "not cleaned")
"""


def _run(tmp_path, initializer: str) -> subprocess.CompletedProcess:
    script = tmp_path / "pool.py"
    script.write_text(SCRIPT, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), initializer, str(tmp_path / "flag")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_pool_worker_ends_quietly_on_ctrl_c(tmp_path):
    done = _run(tmp_path, "init_pool_worker")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr
    assert done.stdout.split() == ["SystemExit", "cleaned"]


def test_the_plain_initializer_would_print_the_workers_traceback(tmp_path):
    # why the local pools use init_pool_worker (Dask's workers keep init_worker: stopping
    # them is the cluster's business, not checked here)
    done = _run(tmp_path, "init_worker")
    assert "Traceback" in done.stderr and "KeyboardInterrupt" in done.stderr
