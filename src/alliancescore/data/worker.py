"""Worker processes: one BLAS/numpy thread each and the data set loaded once per process.

Shared by the study's local pool and Dask workers (:mod:`alliancescore.study`) and the demo's
profiles (:mod:`alliancescore.demo`). A worker runs one BLAS thread because the pool already
uses every core; more threads per worker would only contend for them.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from . import Dataset, load

__all__ = ["THREAD_VARIABLES", "init_pool_worker", "init_worker", "worker_data"]

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

_WORKER: dict[str, Any] = {}


def init_worker(data_root: str) -> None:
    """A pool's initializer: one numpy/BLAS thread, the data set at ``data_root`` loaded."""
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    try:
        from threadpoolctl import threadpool_limits

        _WORKER["limits"] = threadpool_limits(1)
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    _WORKER["data"] = load(data_root)


def _interrupted(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def init_pool_worker(data_root: str) -> None:
    """:func:`init_worker` for a local process pool whose parent handles Ctrl-C.

    Ctrl-C reaches every process of the terminal's group, the pool's workers too. A worker
    raising KeyboardInterrupt while idle dies with a traceback that
    :mod:`multiprocessing` prints among the analyst's lines, after which the parent says
    "interrupted". Raised as SystemExit instead, an idle worker ends quietly and a running
    task still stops at once, its ``finally`` blocks (temporary files) run, and the pool
    hands the exit back to the parent, which is stopping anyway."""
    signal.signal(signal.SIGINT, _interrupted)
    init_worker(data_root)


def worker_data() -> Dataset:
    """The data set :func:`init_worker` loaded in this process (the package's own without
    it)."""
    data = _WORKER.get("data")
    if data is None:
        data = _WORKER["data"] = load()
    return data
