"""The front door to the data: :func:`load` returns a :class:`Dataset` with typed lookups.

>>> from alliancescore.data import load
>>> ds = load()
>>> ds.value("nmc", "cinc", "JPN", 2018).value        # doctest: +SKIP
0.028301
>>> ds.values("nmc", ["cinc", "milex"], ["JPN", "CHN"], 2018)   # doctest: +SKIP
>>> ds.alliance("USA", "NZL", 1990).defense           # doctest: +SKIP
0
>>> ds.distance_km("DEU", "FRA", 1989)                 # Bonn-Paris  # doctest: +SKIP

Single lookups return small records (:mod:`alliancescore.data.records`); the plural forms take
many nations at once and return DataFrames indexed by ISO3, for scoring ~190 candidates or all
pairs of a year without a Python loop per pair.

Tables are read on first use and validated then (header, types, value domains, keys, ISO3
codes known to the crosswalk, and the file's SHA-256 against ``MANIFEST.json``); errors name
the file and line. The manifest's shape and every reference file's SHA-256 are checked when
the data set is loaded.
"""

from __future__ import annotations

from pathlib import Path

from alliancescore.data.depth import DepthQueries
from alliancescore.data.dyadic import DyadicQueries
from alliancescore.data.events import EventQueries
from alliancescore.data.forces import ForcesQueries
from alliancescore.data.paths import data_dir
from alliancescore.data.relations import RelationsQueries

__all__ = ["Dataset", "load"]


class Dataset(DyadicQueries, EventQueries, DepthQueries, RelationsQueries, ForcesQueries):
    """The built data set in one folder: crosswalk, metadata and lookups.

    Create with :func:`load`. ``verify`` checks every file's SHA-256 against the manifest, so a
    hand-edited or half-rebuilt file is refused instead of silently used. The lookups come in
    three families: nation-year values and states (:mod:`alliancescore.data.base`), pairs of
    states (:mod:`alliancescore.data.dyadic`, with the depth of defence ties in
    :mod:`alliancescore.data.depth` and diplomatic relations in
    :mod:`alliancescore.data.relations`), states without armed forces
    (:mod:`alliancescore.data.forces`) and events in windows of years
    (:mod:`alliancescore.data.events`).
    """


_CACHE: dict[tuple[Path, bool], Dataset] = {}


def load(path: str | Path | None = None, *, verify: bool = True, cache: bool = True) -> Dataset:
    """The data set in ``path`` (default: ``$ALLIANCESCORE_DATA_DIR`` or ``<repo>/data``).

    Loaded data sets are cached per folder; pass ``cache=False`` for a fresh read.
    """
    root = Path(path) if path is not None else data_dir()
    key = (root.resolve(), verify)
    if cache and key in _CACHE:
        return _CACHE[key]
    dataset = Dataset(root, verify=verify)
    if cache:
        _CACHE[key] = dataset
    return dataset
