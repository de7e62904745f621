"""The entry point: parse, run one command, turn every input problem into one message."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from alliancescore._allocator import keep_freed_memory
from alliancescore.data.paths import DATA_ENV
from alliancescore.errors import AllianceScoreError
from alliancescore.present.source_date import source_date
from alliancescore.present.terminal import terminal_safe

from .parser import build_parser, resolve_format

__all__ = ["main"]


# The Python API names its parameters in errors; the command line names its flags instead.
_FLAG_OF_PARAMETER = {
    "methods": "--method",
    "samples": "--samples",
    "seed": "--seed",
    "sampler": "--sampler",
    "concentration": "--concentration",
    "data_error": "--data-error",
    "scheduler": "--scheduler",
    "jobs": "--jobs",
}


class _Terminated(BaseException):
    """A termination signal, raised in the main thread so that ``finally`` and ``except
    BaseException`` blocks run (a half-written temporary file is removed)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, _frame: object) -> None:
    raise _Terminated(signum)


def _stop_cleanly_on_signals() -> None:
    """SIGTERM and SIGHUP end the command like Ctrl-C does, not abruptly (only the main
    thread of the command line sets handlers; a library caller keeps its own)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _raise_terminated)


class _ReaderMayLeave:
    """A standard stream whose reader may go away (``| head -1``, ``2>&1 | head -0``): a write
    or flush that finds the pipe broken sends the rest of the output to the null device
    instead of raising. The command then finishes as it would have and exits with its own
    code (2 for a file validate refuses), not 1 after a ``BrokenPipeError`` traceback."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._discard()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._discard()

    def _discard(self) -> None:
        """The stream's descriptor on the null device, so that the buffered rest and every
        later write (including the interpreter's flush at exit) succeed unseen."""
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, self._stream.fileno())
        finally:
            os.close(null)


def _guard_standard_streams() -> None:
    """Standard output and error that a reader closes mid-run, or that are closed from the
    start (``2>&-``: Python then has no ``sys.stderr``, and ``print(file=None)`` would put
    the error message into standard output, among the results), are written to the null
    device instead (the command line only; a library caller keeps its own streams)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (open for the run)
        if not isinstance(stream, _ReaderMayLeave):
            setattr(sys, name, _ReaderMayLeave(stream))


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the command line itself (argparse's own errors and --version too)
        _guard_standard_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    resolve_format(args)
    if getattr(args, "data", None) is not None:
        # The one switch every layer reads (and any worker process inherits).
        os.environ[DATA_ENV] = args.data
    keep_freed_memory()  # Monte Carlo temporaries reused, not page-faulted in (see _allocator)
    if argv is None:  # the command line itself, not a caller passing arguments
        _stop_cleanly_on_signals()
    try:
        source_date()  # a malformed SOURCE_DATE_EPOCH: one message, not numpy's traceback
        code = args.run(args)
        sys.stdout.flush()  # a reader gone is found here, before the exit code is decided
        return code
    except AllianceScoreError as error:
        error = error.relocated(lambda where: _FLAG_OF_PARAMETER.get(where, where))
        print(f"alliancescore: error: {terminal_safe(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("alliancescore: interrupted", file=sys.stderr)
        return 130
    except _Terminated as stop:
        print(f"alliancescore: stopped by signal {stop.signum}", file=sys.stderr)
        return 128 + stop.signum
