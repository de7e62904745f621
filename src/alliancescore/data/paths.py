"""Where the data set and the shared source material live.

* The data set: the folder named by ``--data`` on the command line or by the environment
  variable ``ALLIANCESCORE_DATA_DIR``, else the one shipped in the package
  (``alliancescore/data/files``, see :mod:`alliancescore.shipped`).
* The source material the build reads: the build's ``--source`` option, else
  ``ALLIANCESCORE_SOURCE_DIR``, else ``<checkout>/../shared/data`` when the package runs from a
  source checkout (an installed package has no default: the sources are not shipped).

Nothing is ever downloaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from alliancescore.shipped import data_files

__all__ = ["DATA_ENV", "SOURCE_ENV", "data_dir", "repo_root", "source_dir"]

DATA_ENV = "ALLIANCESCORE_DATA_DIR"
SOURCE_ENV = "ALLIANCESCORE_SOURCE_DIR"


def repo_root() -> Path | None:
    """The source checkout this module sits in (``src/alliancescore/data/`` three levels up),
    or None when the package is installed outside one."""
    root = Path(__file__).resolve().parents[3]
    return root if (root / "pyproject.toml").is_file() and (root / "src").is_dir() else None


def data_dir() -> Path:
    """The data set folder: ``$ALLIANCESCORE_DATA_DIR`` or the package's own."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else data_files()


def source_dir() -> Path | None:
    """The shared source folder: ``$ALLIANCESCORE_SOURCE_DIR``, else ``../shared/data`` beside
    a source checkout, else None."""
    override = os.environ.get(SOURCE_ENV)
    if override:
        return Path(override)
    root = repo_root()
    return root.parent / "shared" / "data" if root is not None else None
