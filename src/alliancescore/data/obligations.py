"""One year's directed ATOP obligations indexed by state, built once per year.

:func:`~alliancescore.data.lookups.alliance_frame` reads one focal state's rows; scanning the
~7,600 rows in force in a year for them, once per threat actor of every task in a study, cost
more than the rest of the lookup. The index holds the year's rows as arrays and, per state,
the positions of its rows on either side, in the table's order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import NamedTuple

import numpy as np
import pandas as pd

__all__ = ["ObligationIndex", "obligation_index"]


class ObligationIndex(NamedTuple):
    """Directed obligation rows (``iso_a`` obliged to ``iso_b``) of one year."""

    iso_a: np.ndarray  # (rows,) object: the obliged state of each row
    iso_b: np.ndarray  # (rows,) object: the state it is obliged to
    kinds: np.ndarray  # (rows, kinds) int64: each kind's 0/1, missing read as 0
    by_a: Mapping[str, np.ndarray]  # state -> positions of its rows as iso_a, ascending
    by_b: Mapping[str, np.ndarray]  # state -> positions of its rows as iso_b, ascending


def _positions(codes: np.ndarray) -> dict[str, np.ndarray]:
    """Per code, the ascending positions where it occurs in ``codes``."""
    order = np.argsort(codes, kind="stable")  # stable: positions stay ascending per code
    ordered = codes[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(codes) else []
    bounds = [*starts, len(codes)]
    return {str(ordered[start]): order[start:end] for start, end in pairwise(bounds)}


def obligation_index(rows: pd.DataFrame, kinds: Sequence[str]) -> ObligationIndex:
    """The index of ``rows`` (one year's obligation spells: ``iso_a``, ``iso_b`` and a 0/1
    column per kind in ``kinds``)."""
    iso_a = rows["iso_a"].to_numpy(dtype=object)
    iso_b = rows["iso_b"].to_numpy(dtype=object)
    values = np.zeros((len(rows), len(kinds)), dtype=np.int64)
    for k, kind in enumerate(kinds):
        values[:, k] = rows[kind].to_numpy(dtype=np.int64, na_value=0)
    return ObligationIndex(iso_a, iso_b, values, _positions(iso_a), _positions(iso_b))
