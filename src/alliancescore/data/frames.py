"""Building the pair queries' result frames from plain Python columns, quickly.

The per-pair queries (:mod:`alliancescore.data.depth`, :mod:`alliancescore.data.dyadic`) run
once per threat actor and task in a study; building their frames column by column with pandas
operations (``astype``, ``where``, ``map``) cost more than the rules themselves. These helpers
make each column once, in the dtype the queries document.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

__all__ = ["text_column"]


def _missing(value: object) -> bool:
    """Whether ``value`` is a missing cell (None, pandas' NA or a float NaN)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def text_column(values: Sequence[object], index: pd.Index) -> pd.Series:
    """``values`` as an object column over ``index`` with None for every missing cell, as
    the tables' text columns read (an explicit object dtype: pandas would infer ``str``)."""
    return pd.Series([None if _missing(v) else v for v in values], index=index, dtype=object)
