"""A user-level cache of parsed, validated data files, keyed on what they contain.

Reading a table means parsing CSV text and checking every cell against its spec; validating the
crosswalk means cross-checking four reference files. Both give the same answer for the same
bytes, so their results are kept in the user's cache folder and reused while nothing they depend
on changes. The key of an entry is the SHA-256 of

* the file's content (the loader computes it anyway, to compare with ``MANIFEST.json``),
* what the parse depends on besides the file: the table's spec and, for nation codes, the codes
  the crosswalk knows,
* the source of the modules that parse and validate (``csvio``, ``schema``, ``crosswalk``), so
  a changed check never reuses an old answer.

Entries are ``.npz`` files read with ``allow_pickle=False`` (no code runs from the cache) and
written atomically. The cache folder is ``$ALLIANCESCORE_CACHE_DIR`` or the platform's user cache
folder (``~/.cache/alliancescore`` on Linux), never inside the installed package, which may be
read-only; ``ALLIANCESCORE_CACHE_DIR=off`` turns it off. A cache that cannot be read or written
is ignored: the data are then parsed as if it were empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Collection
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "CACHE_ENV",
    "cache_dir",
    "cached_frame",
    "content_key",
    "is_validated",
    "mark_validated",
]

CACHE_ENV = "ALLIANCESCORE_CACHE_DIR"
_FORMAT = "1"
MAX_ENTRIES = 200
"""Entries kept (about ten versions of the data set's tables); older ones are removed."""
_MODULES = ("csvio.py", "schema.py", "spec.py", "crosswalk.py", "cache.py")
# What a damaged or foreign cache entry can raise when read; it is then parsed afresh.
_UNREADABLE = (OSError, ValueError, KeyError, TypeError, EOFError)


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return None if override.strip().lower() in ("", "off", "0", "none") else Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("alliancescore", appauthor=False)) / "data"


@cache
def _code_fingerprint() -> bytes:
    """The source of the modules whose checks an entry records (read once per process)."""
    digest = hashlib.sha256(_FORMAT.encode())
    here = Path(__file__).parent
    for name in _MODULES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:  # installed without sources: fall back to the package version
            from alliancescore import __version__

            digest.update(__version__.encode())
    return digest.digest()


def content_key(*parts: bytes | str) -> str:
    """The cache key of an entry made from ``parts`` (contents, digests, specs)."""
    digest = hashlib.sha256(_code_fingerprint())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def codes_key(codes: Collection[str] | None) -> str:
    """A stable text for a set of known nation codes (or their absence)."""
    return "-" if codes is None else ",".join(sorted(codes))


def cached_frame(key: str, parse: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The frame stored under ``key``, or ``parse()`` stored there for next time.

    ``parse`` raising (a file with problems) stores nothing, so the error is raised afresh on
    every load until the file is fixed.
    """
    folder = cache_dir()
    path = folder / f"{key}.npz" if folder is not None else None
    if path is not None and path.is_file():
        try:
            return _read(path)
        except _UNREADABLE:
            pass
    frame = parse()
    if path is not None:
        with contextlib.suppress(OSError):  # a read-only or full cache folder only costs speed
            _write(path, frame)
            _prune(path.parent)
    return frame


def is_validated(key: str) -> bool:
    """Whether a check recorded under ``key`` passed before."""
    folder = cache_dir()
    return folder is not None and (folder / f"{key}.ok").is_file()


def mark_validated(key: str) -> None:
    """Record that the check under ``key`` passed."""
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{key}.ok").touch()


def _prune(folder: Path) -> None:
    """Remove the least recently written entries beyond :data:`MAX_ENTRIES` (tables of data
    sets that changed since)."""
    keep = MAX_ENTRIES
    entries = list(folder.glob("*.npz"))
    if len(entries) <= keep:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime)
    for entry in entries[: len(entries) - keep]:
        entry.unlink(missing_ok=True)


def _write(path: Path, frame: pd.DataFrame) -> None:
    arrays: dict[str, np.ndarray] = {}
    kinds = []
    for i, name in enumerate(frame.columns):
        column = frame[name]
        missing = column.isna().to_numpy()
        if isinstance(column.dtype, pd.Int64Dtype):
            kinds.append("Int64")
            arrays[f"v{i}"] = column.to_numpy(dtype="int64", na_value=0)
        elif column.dtype == np.float64:
            kinds.append("float64")
            arrays[f"v{i}"] = column.to_numpy()
        elif column.dtype == object:
            kinds.append("object")
            arrays[f"v{i}"] = np.array(
                ["" if m else str(v) for v, m in zip(column, missing, strict=True)], dtype=str
            )
        else:
            raise OSError(
                f"column {name!r} has dtype {column.dtype}, which the cache does not keep"
            )
        arrays[f"m{i}"] = missing
    meta = {"columns": [str(c) for c in frame.columns], "kinds": kinds, "rows": len(frame)}
    arrays["meta"] = np.array(json.dumps(meta))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> pd.DataFrame:
    with np.load(path, allow_pickle=False) as stored:
        meta = json.loads(str(stored["meta"]))
        columns: dict[str, object] = {}
        for i, (name, kind) in enumerate(zip(meta["columns"], meta["kinds"], strict=True)):
            values, missing = stored[f"v{i}"], stored[f"m{i}"]
            if len(values) != meta["rows"] or len(missing) != meta["rows"]:
                raise ValueError("truncated entry")
            if kind == "Int64":
                columns[name] = pd.arrays.IntegerArray(values.astype("int64"), missing.astype(bool))
            elif kind == "float64":
                columns[name] = values.astype("float64")
            elif kind == "object":
                column = values.astype(object)
                column[missing] = None
                # as the parser makes them: object dtype (pandas would infer a string dtype)
                columns[name] = pd.Series(column, dtype=object)
            else:
                raise ValueError(f"unknown column kind {kind!r}")
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(meta["rows"])
    return frame
