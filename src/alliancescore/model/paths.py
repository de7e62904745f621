"""Paths one file names relative to another (a profile's criteria file, its facts files, a
study's template): joined, and shown without the ``..`` the joining collects."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["beside"]


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
