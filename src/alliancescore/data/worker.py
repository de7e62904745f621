"""Worker processes: one BLAS/numpy thread each and the data set loaded once per process.

Shared by the study's local pool and Dask workers (:mod:`alliancescore.study`) and the demo's
profiles (:mod:`alliancescore.demo`). A worker runs one BLAS thread because the pool already
uses every core; more threads per worker would only contend for them.
"""

from __future__ import annotations

import os
from typing import Any

from . import Dataset, load

__all__ = ["THREAD_VARIABLES", "init_worker", "worker_data"]

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


def worker_data() -> Dataset:
    """The data set :func:`init_worker` loaded in this process (the package's own without
    it)."""
    data = _WORKER.get("data")
    if data is None:
        data = _WORKER["data"] = load()
    return data
