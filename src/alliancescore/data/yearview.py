"""A view of the data set for many analyses of one year (the backtest's focal states).

The all-pairs queries memoise themselves in :class:`~alliancescore.data.Dataset`; the
per-nation lookups take the nations asked for, so a run that asks for nearly the same states
many times answers them from one lookup over all of them here.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from alliancescore.data.dataset import Dataset

__all__ = ["YearView"]


class YearView:
    """A :class:`~alliancescore.data.Dataset` that remembers two per-nation lookups of one
    year over a set of states.

    ``values`` (latest nation-year values) and ``capitals`` treat every nation on its own, so
    the rows for any subset of the states are the rows of one lookup over all of them; a
    backtest asks the same question for every focal state with nearly the same candidates.
    Anything else, and any other year or nation, goes to the data set itself.
    """

    def __init__(self, data: Dataset, year: int, states: Sequence[str]):
        self._data, self._year = data, int(year)
        self._states = list(dict.fromkeys(states))
        self._known = set(self._states)
        self._cache: dict[tuple, pd.DataFrame] = {}

    def __getattr__(self, name: str) -> object:
        return getattr(self._data, name)

    def _subset(self, nations: object) -> list[str] | None:
        listed = [nations] if isinstance(nations, str) else list(nations)  # type: ignore[call-overload]
        return listed if set(listed) <= self._known else None

    def values(self, table: str, columns: object, nations: object, year: int) -> pd.DataFrame:
        listed = self._subset(nations)
        if listed is None or year != self._year:
            return self._data.values(table, columns, nations, year)  # type: ignore[arg-type]
        cols = (columns,) if isinstance(columns, str) else tuple(columns)  # type: ignore[arg-type]
        key = ("values", table, cols)
        if key not in self._cache:
            self._cache[key] = self._data.values(table, list(cols), self._states, year)
        return self._cache[key].loc[list(dict.fromkeys(listed))].copy()

    def capitals(self, nations: object, year: int) -> pd.DataFrame:
        listed = self._subset(nations)
        if listed is None or year != self._year:
            return self._data.capitals(nations, year)  # type: ignore[arg-type]
        if ("capitals",) not in self._cache:
            self._cache[("capitals",)] = self._data.capitals(self._states, year)
        return self._cache[("capitals",)].loc[list(dict.fromkeys(listed))].copy()
