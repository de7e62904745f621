"""Writing files: atomic writes to destinations that never replace an input.

Every output is written to a temporary file in the destination folder and moved into place
with ``os.replace``, so a reader never sees half a file and an interrupted run leaves the old
file intact. A destination that is one of the run's inputs (the profile, the criteria file,
anything in the data folder) is refused before anything is written. This module imports
nothing heavy, so commands that only write files start fast.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from alliancescore.errors import AllianceScoreError, Problem

__all__ = ["check_destination", "check_output_folder", "write_atomic"]


def check_destination(out: str | Path, inputs: Iterable[str | Path], data_dir: Path) -> Path:
    """The resolved output path, or an error if it would overwrite an input."""
    target = Path(out).resolve()
    for given in inputs:
        if given and Path(given).resolve() == target:
            raise AllianceScoreError(
                Problem(
                    "--out",
                    "a path that is not one of the inputs",
                    str(out),
                    "Choose another file name; inputs are never overwritten",
                )
            )
    if target.suffix == ".toml" and target.exists():
        raise AllianceScoreError(
            Problem(
                "--out",
                "a path that is not an existing profile or criteria file",
                str(out),
                "Analysts' TOML files are never overwritten: choose another name",
            )
        )
    data_root = data_dir.resolve()
    if target == data_root or data_root in target.parents:
        raise AllianceScoreError(
            Problem(
                "--out",
                "a path outside the data folder",
                str(out),
                "Write results under reports/out/ or another folder of your own",
            )
        )
    if target.is_dir():
        raise AllianceScoreError(
            Problem("--out", "a file path", f"{out} is a folder", "Add a file name")
        )
    return target


def check_output_folder(out: str | Path, data_dir: Path) -> Path:
    """A folder for generated files: not a file, not inside the data folder."""
    target = Path(out).resolve()
    data_root = data_dir.resolve()
    if target == data_root or data_root in target.parents:
        raise AllianceScoreError(
            Problem(
                "--out",
                "a folder outside the data folder",
                str(out),
                "Write results under reports/out/ or another folder of your own",
            )
        )
    if target.exists() and not target.is_dir():
        raise AllianceScoreError(Problem("--out", "a folder", f"{out} is a file"))
    return target


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (temporary file + rename in the same folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        # mkstemp creates the file private (0600); give it the usual permissions instead.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
