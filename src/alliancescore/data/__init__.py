"""Real data about states: built tables, the project's crosswalk, provenance and lookups.

>>> from alliancescore.data import load
>>> ds = load()                                     # doctest: +SKIP
>>> ds.value("nmc", "cinc", "JPN", 2018)            # doctest: +SKIP

Everything is keyed by ISO 3166 alpha-3 (see ``data/files/reference/nations.csv``); lookups take the
latest year at or before a reference year, report the year used and whether it is stale, and
never fill a missing value. ``python -m alliancescore.data.build`` rebuilds the data set from the
shared source folder (``--check`` proves the committed files are what it builds).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names load on first use (PEP 562), so a command that only needs ``alliancescore.data.paths``
# (the CLI's start-up, ``--help``) does not pay for pandas and the crosswalk.
_HOME = {
    "Crosswalk": "crosswalk",
    "Nation": "crosswalk",
    "Dataset": "dataset",
    "load": "dataset",
    "AllianceTie": "records",
    "Capital": "records",
    "Contiguity": "records",
    "EventWindow": "records",
    "Observation": "records",
    "Provenance": "provenance",
    "Rivalry": "records",
    "Shares": "records",
    "SpellPairs": "records",
    "TableMeta": "records",
    "TABLES": "schema",
    "Use": "provenance",
}

if TYPE_CHECKING:
    from alliancescore.data.crosswalk import Crosswalk, Nation
    from alliancescore.data.dataset import Dataset, load
    from alliancescore.data.provenance import Provenance, Use
    from alliancescore.data.records import (
        AllianceTie,
        Capital,
        Contiguity,
        EventWindow,
        Observation,
        Rivalry,
        Shares,
        SpellPairs,
        TableMeta,
    )
    from alliancescore.data.schema import TABLES


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"alliancescore.data.{_HOME[name]}"), name)
    raise AttributeError(f"module 'alliancescore.data' has no attribute {name!r}")


__all__ = [
    "TABLES",
    "AllianceTie",
    "Capital",
    "Contiguity",
    "Crosswalk",
    "Dataset",
    "EventWindow",
    "Nation",
    "Observation",
    "Provenance",
    "Rivalry",
    "Shares",
    "SpellPairs",
    "TableMeta",
    "Use",
    "load",
]
