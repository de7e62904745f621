"""What the package ships besides code, found through :mod:`importlib.resources`.

* ``data/files/``: the built data set (tables, crosswalk, ``MANIFEST.json``, ``TERMS.md``);
  its terms differ from the code's licence, table by table (see ``TERMS.md``).
* ``criteria/default.toml``: the default criteria model.
* ``profiles/*.toml``: the demo profiles (each names ``../criteria/default.toml``, so a copy
  made by ``alliancescore init`` uses the copied criteria file).
* ``backtest/results/``: the default model's backtest figures, for the reports.

The package must be installed as files (a normal ``pip install``, editable or not), not
imported from a zip archive: the data are read with ordinary file paths. This module imports
nothing else from the package, so every layer may use it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = [
    "backtest_results",
    "data_files",
    "default_criteria",
    "demo_profiles",
    "package_root",
]


def package_root() -> Path:
    """The installed ``alliancescore`` folder."""
    root = resources.files("alliancescore")
    if not isinstance(root, Path):  # a zip import: the data need real files
        raise RuntimeError(
            "alliancescore must be installed as files (pip install), not imported from a zip"
        )
    return root


def data_files() -> Path:
    """The data set shipped in the package (``alliancescore/data/files``)."""
    return package_root() / "data" / "files"


def default_criteria() -> Path:
    """The default criteria model (``alliancescore/criteria/default.toml``)."""
    return package_root() / "criteria" / "default.toml"


def demo_profiles() -> list[Path]:
    """The demo profiles, sorted by file name."""
    return sorted((package_root() / "profiles").glob("*.toml"))


def backtest_results() -> Path:
    """The default model's backtest figures (``alliancescore/backtest/results``)."""
    return package_root() / "backtest" / "results"
