"""Real data about states: built tables, the project's crosswalk, provenance and lookups.

>>> from alliancescore.data import load
>>> ds = load()                                     # doctest: +SKIP
>>> ds.value("nmc", "cinc", "JPN", 2018)            # doctest: +SKIP

Everything is keyed by ISO 3166 alpha-3 (see ``data/files/reference/nations.csv``); lookups take the
latest year at or before a reference year, report the year used and whether it is stale, and
never fill a missing value. ``python -m alliancescore.data.build`` rebuilds the data set from the
shared source folder (``--check`` proves the committed files are what it builds).
"""

from alliancescore.data.crosswalk import Crosswalk, Nation
from alliancescore.data.dataset import Dataset, load
from alliancescore.data.records import (
    AllianceTie,
    Capital,
    Contiguity,
    Observation,
    Rivalry,
    Shares,
    TableMeta,
)
from alliancescore.data.schema import TABLES

__all__ = [
    "TABLES",
    "AllianceTie",
    "Capital",
    "Contiguity",
    "Crosswalk",
    "Dataset",
    "Nation",
    "Observation",
    "Rivalry",
    "Shares",
    "TableMeta",
    "load",
]
