"""Where the built data set and the shared source material live.

* The data set: ``<repo>/data`` (the folder holding ``MANIFEST.json``), or the folder named by
  the environment variable ``ALLIANCESCORE_DATA_DIR``.
* The source material the build reads: ``<repo>/../shared/data``, or the folder named by
  ``ALLIANCESCORE_SOURCE_DIR`` (or the build's ``--source`` option).

Nothing is ever downloaded.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DATA_ENV", "SOURCE_ENV", "data_dir", "repo_root", "source_dir"]

DATA_ENV = "ALLIANCESCORE_DATA_DIR"
SOURCE_ENV = "ALLIANCESCORE_SOURCE_DIR"


def repo_root() -> Path:
    """The source checkout this module sits in (``src/alliancescore/data/`` three levels up)."""
    return Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """The data set folder: ``$ALLIANCESCORE_DATA_DIR`` or ``<repo>/data``."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else repo_root() / "data"


def source_dir() -> Path:
    """The shared source folder: ``$ALLIANCESCORE_SOURCE_DIR`` or ``<repo>/../shared/data``."""
    override = os.environ.get(SOURCE_ENV)
    return Path(override) if override else repo_root().parent / "shared" / "data"
