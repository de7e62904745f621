"""Paths one file names relative to another (a profile's criteria file, its facts files, a
study's template): joined, and shown without the ``..`` the joining collects; when one names
no file, what it names instead and the TOML files beside it (for a did-you-mean)."""

from __future__ import annotations

import os
from pathlib import Path

from alliancescore.errors import did_you_mean

__all__ = ["beside", "file_kind", "toml_beside_hint"]


def beside(declared_in: str | Path, name: str | Path) -> Path:
    """``name`` relative to the folder of the file ``declared_in`` (an absolute ``name`` as
    it is).

    ``profiles/../criteria/default.toml`` becomes ``criteria/default.toml`` when both reach
    the same file: a ``..`` after a symlinked folder climbs out of the link's target, not out
    of the link's own folder, so the shortened path is kept only when both resolve to one
    real path; otherwise the joined path is returned as it is (it is the one the operating
    system opens).
    """
    joined = Path(declared_in).parent / name
    short = Path(os.path.normpath(joined))
    try:
        same = os.path.realpath(short) == os.path.realpath(joined)
    except (OSError, ValueError):  # a symlink loop or a bad name: the reader says so
        same = False
    return short if same else joined


def file_kind(path: Path) -> str:
    """``"file"`` for a regular file, else what the path is, as a message says it."""
    if path.is_file():
        return "file"
    if path.is_dir():
        return "a folder, not a file"
    return "no such file" if not path.exists() else "not a regular file"


def toml_beside_hint(path: Path, fix: str, naming: str | Path | None = None) -> str:
    """A did-you-mean among the TOML files in the folder of ``path`` (not ``naming``, the
    file that names it), then ``fix``."""
    skip = os.path.realpath(naming) if naming is not None else None
    try:
        others = sorted(
            p.name
            for p in path.parent.glob("*.toml")
            if p.is_file() and os.path.realpath(p) != skip
        )
    except (OSError, ValueError):
        others = []
    return f"{did_you_mean(path.name, others)} (in {path.parent}). {fix}" if others else fix
