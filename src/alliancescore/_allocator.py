"""Keep freed memory in the process for Monte Carlo loops (glibc only).

Monte Carlo sensitivity analysis allocates and frees the same few arrays of a megabyte or so
thousands of times. By default glibc serves such allocations with ``mmap`` and returns them to
the system when freed (or trims the heap), so every new array is page-faulted in again: on this
project's benchmark that was most of the cost of a TOPSIS kernel call. Raising the mmap and
trim thresholds keeps the memory for reuse. Process-wide and idempotent; a no-op elsewhere than
glibc, and skipped when ``ALLIANCESCORE_NO_MALLOPT`` is set. The command line and the benchmarks
opt in; the library never changes it on its own.
"""

from __future__ import annotations

import ctypes
import os

__all__ = ["keep_freed_memory"]

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_DONE = False


def _mallopt():
    """glibc's ``mallopt``, or None. The running process's own symbols first (no search: a
    library search runs ``ldconfig``, which costs every command start-up time), then libc by
    name."""
    try:
        return ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        pass
    from ctypes.util import find_library  # here: it imports subprocess, for a rare fallback

    name = find_library("c")
    try:
        return ctypes.CDLL(name).mallopt if name else None
    except (OSError, AttributeError):
        return None


def keep_freed_memory(threshold_bytes: int = 64 * 2**20) -> bool:
    """Ask glibc to mmap only allocations above ``threshold_bytes`` and to trim the heap only
    above twice that. Returns True when the setting took effect (now or before)."""
    global _DONE
    if _DONE:
        return True
    if os.environ.get("ALLIANCESCORE_NO_MALLOPT"):
        return False
    mallopt = _mallopt()
    if mallopt is None:
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    done = mallopt(_M_MMAP_THRESHOLD, threshold_bytes) == 1
    done = mallopt(_M_TRIM_THRESHOLD, 2 * threshold_bytes) == 1 and done
    _DONE = done
    return done
