"""A study's tasks on an existing Dask distributed cluster (``--scheduler ADDRESS``).

The client connects with :class:`distributed.Client` (no scheduler of our own), submits one
Dask task per study task and, as each finishes, writes its part file itself: the workers
return the task's rows (a small DataFrame, one row per alternative and method), so the output
folder needs to exist on the client's machine only. The workers do need the study's inputs:
the same alliancescore version, the template (and any criteria file or analyst table it
or a variant names) at the same path, and the data set (the package's own, or ``--data`` at the same
path). Every task's result carries its worker's version and the SHA-256 of its template,
data manifest and every other file a task reads (:mod:`alliancescore.study.inputs`: the
criteria files, a variant's too, and analysts' tables); a worker that differs from the client
stops the run with one message, so a study never mixes numbers from other inputs.

Each worker process sets one BLAS thread (threadpoolctl) and loads the data set once (cached
per data folder); tasks run with ``threads=1``. A task's seed depends on the study and the
task only (:func:`~alliancescore.model.study.task_seed`), so a cluster gives the same numbers,
and the same part files, as the local pool.

Needs the extra ``study`` (dask, distributed), imported only here and only when used.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

import pandas as pd

from alliancescore import __version__
from alliancescore.data import Dataset
from alliancescore.data.worker import init_worker, worker_data
from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.model.study import Study, Task
from alliancescore.shipped import data_files

from .inputs import changed, input_files
from .parquet import INSTALL_HINT
from .run import CONNECT_TIMEOUT, task_rows, write_task

__all__ = ["dask_tasks", "require_distributed"]

EXAMPLE = "tcp://127.0.0.1:8786"
START_HINT = (
    "Start one with `dask scheduler` and its workers with `dask worker ADDRESS --nthreads 1`, "
    "or run on this computer's processes with --jobs N instead"
)
# What a worker's inputs must equal on the client (the keys of run._inputs).
CHECKED = ("version", "template_sha256", "data_manifest_sha256", "input_files")


def require_distributed(where: str = "--scheduler") -> Any:
    """The ``distributed`` module, or one error naming the extra that installs it."""
    try:
        import distributed
    except ImportError:
        raise AllianceScoreError(
            Problem(
                where,
                "the dask and distributed packages (the optional extra 'study') to run on a "
                "Dask cluster",
                "they are not installed",
                f"Install them with: {INSTALL_HINT}",
            )
        ) from None
    return distributed


def _bad_address(address: str, found: str) -> AllianceScoreError:
    return AllianceScoreError(
        Problem(
            "scheduler",
            f"the address of a running Dask scheduler, scheme://host:port (e.g. {EXAMPLE})",
            found,
            START_HINT,
        )
    )


def _check_address(address: str) -> None:
    """A scheduler address distributed can parse, with a host and a port (checked before
    connecting: a client made from an unparsable address, once refused, spends seconds and a
    traceback closing itself when it is collected)."""
    from distributed.comm import parse_address, parse_host_port
    from distributed.comm.registry import get_backend

    try:
        scheme, location = parse_address(address)
        get_backend(scheme)
        host, port = parse_host_port(location)
    except (ValueError, TypeError) as error:
        raise _bad_address(address, f"{address!r} ({error})") from None
    if not host or not 0 < int(port) < 65536:
        raise _bad_address(address, f"{address!r} (a host and a port 1-65535 are needed)")


def _handshake(address: str, timeout: float) -> BaseException | None:
    """Open one connection to ``address`` and exchange distributed's handshake, within
    ``timeout`` seconds to connect and one more to answer; the error, or ``None``.

    :class:`distributed.Client` waits without end for the handshake of a server that accepts
    connections but does not speak Dask's protocol (a dashboard's port, say), so the client
    is made only after this check; it runs in a thread of its own with its own event loop,
    so a caller that has one running (a notebook) is not disturbed."""
    from distributed.comm import connect
    from distributed.security import Security

    arguments = Security().get_connection_args("client")  # what the Client itself uses

    async def exchange() -> None:
        comm = await asyncio.wait_for(connect(address, timeout=timeout, **arguments), timeout + 1)
        await comm.close()

    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            asyncio.run(exchange())
        except BaseException as error:  # handed to the caller
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, name="alliancescore-scheduler-check", daemon=True)
    thread.start()
    thread.join(timeout + 2)
    return outcome[0] if outcome else TimeoutError()


def _connect(address: str, timeout: float) -> Any:
    """A client of the scheduler at ``address`` with at least one worker, or one error
    within about ``timeout`` seconds to connect (and as long again to find a worker)."""
    distributed = require_distributed()
    _check_address(address)
    error = _handshake(address, timeout)
    if isinstance(error, (TimeoutError, asyncio.TimeoutError)):
        raise _bad_address(
            address,
            f"a server at {address!r} that gave no Dask handshake within {timeout + 1:g} s "
            "(a dashboard's port? a scheduler's is 8786 unless set)",
        )
    if error is not None:  # distributed retries a refused connection until its timeout
        raise _bad_address(
            address,
            f"no scheduler answering at {address!r} within {timeout:g} s ({error})"
            if str(error).startswith("Timed out")
            else f"a failed connection to {address!r} ({type(error).__name__}: {error})",
        )
    try:
        client = distributed.Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise _bad_address(
            address, f"no scheduler answering at {address!r} within {timeout:g} s ({error})"
        ) from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        client.close()
        raise AllianceScoreError(
            Problem(
                "scheduler",
                f"a Dask scheduler with at least one worker (e.g. at {EXAMPLE})",
                f"the scheduler at {address!r} has no worker after {timeout:g} s",
                f"Start workers with `dask worker {address} --nthreads 1`",
            )
        ) from None
    return client


_LOCK = threading.Lock()
_LOADED: dict[str | None, tuple[Dataset, str]] = {}


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        return f"unreadable here ({error.strerror}: {path})"


def _worker_data(root: str | None) -> tuple[Dataset, str]:
    """This worker's data set (``None``: the package's own) and its manifest's SHA-256,
    loaded once per process and folder; the first call also sets one BLAS thread."""
    with _LOCK:  # a worker started with --nthreads > 1 runs tasks in threads
        if root not in _LOADED:
            init_worker(root if root is not None else str(data_files()))
            data = worker_data()
            _LOADED[root] = (data, _sha256(data.root / "MANIFEST.json"))
        return _LOADED[root]


_FILES: dict[tuple[str, str], list[dict[str, str]]] = {}


def _worker_files(study: Study, template_sha256: str) -> list[dict[str, str]]:
    """:func:`~alliancescore.study.inputs.input_files` on this worker, once per study file
    and template (reading the criteria files costs about as much as a tenth of a task)."""
    key = (study.sha256, template_sha256)
    with _LOCK:
        if key not in _FILES:
            _FILES[key] = input_files(study)
        return _FILES[key]


def _dask_task(
    task: Task, *, study: Study, root: str | None
) -> tuple[str, pd.DataFrame | None, str | None, dict[str, str]]:
    """Run one task on a worker: (task key, rows or ``None``, skip message or ``None``, the
    worker's inputs: address, version, template and data manifest SHA-256)."""
    from distributed import get_worker

    data, manifest = _worker_data(root)
    template = _sha256(Path(study.template))
    inputs = {
        "worker": get_worker().address,
        "version": __version__,
        "template_sha256": template,
        "data_manifest_sha256": manifest,
        "input_files": _worker_files(study, template),
    }
    if any(str(inputs[k]).startswith("unreadable") for k in CHECKED):
        return task.key, None, None, inputs
    try:
        rows = task_rows(study, task, data, threads=1)
    except AllianceScoreError as error:
        return task.key, None, str(error), inputs
    return task.key, rows, None, inputs


def _check_worker(found: Mapping[str, str], inputs: Mapping[str, str]) -> None:
    """The worker's inputs equal the client's, else one error naming what differs."""
    differ = [
        f"input_files ({', '.join(changed(inputs[k], found[k]))})"
        if k == "input_files"
        else f"{k} {found[k]} (here {inputs[k]})"
        for k in CHECKED
        if found[k] != inputs[k]
    ]
    if differ:
        raise AllianceScoreError(
            Problem(
                "scheduler",
                f"workers with this computer's inputs (alliancescore {inputs['version']}, the same "
                "template and data set), so that the numbers are the same",
                f"worker {found['worker']} differs in {'; '.join(differ)}",
                "Install the same version on the workers and give them the study's files "
                "(template, criteria, --data) at the same paths",
            )
        )


def dask_tasks(
    study: Study,
    todo: Sequence[Task],
    out: Path,
    data: Dataset,
    inputs: Mapping[str, str],
    address: str,
    timeout: float = CONNECT_TIMEOUT,
) -> Iterator[tuple[str, str | None]]:
    """Run ``todo`` on the cluster at ``address``; yields (task key, skip message or
    ``None``) as tasks finish, each finished task's part file already written in ``out``.
    ``inputs`` are the client's (:func:`alliancescore.study.run._inputs`)."""
    distributed = require_distributed()
    client = _connect(address, timeout)
    # The package's own data set is sent as None: a worker installed elsewhere uses its own
    # copy (the manifest's SHA-256 proves it is the same); --data must be at the same path.
    root = None if data.root.resolve() == data_files().resolve() else str(data.root.resolve())
    try:
        futures = client.map(_dask_task, list(todo), study=study, root=root, pure=False)
        for future in distributed.as_completed(futures, loop=client.loop):
            key, rows, message, found = future.result()
            _check_worker(found, inputs)
            if rows is not None:  # a task's tables, part.parquet last (write_task)
                write_task(out / key, rows)
            future.release()
            yield key, message
    except CancelledError as error:  # distributed's FutureCancelledError: the scheduler is gone
        raise AllianceScoreError(
            Problem(
                "scheduler",
                f"a scheduler at {address!r} that stays up until the study ends",
                f"a task cancelled ({getattr(error, 'reason', None) or error})",
                "Start it again and rerun with --resume: the finished tasks are kept",
            )
        ) from None
    except distributed.KilledWorker as error:
        raise AllianceScoreError(
            Problem(
                "scheduler",
                "workers that stay up until their tasks finish",
                f"a task's workers died ({error})",
                "Check the workers' logs (memory limits); --resume keeps the finished tasks",
            )
        ) from None
    finally:
        client.close()
