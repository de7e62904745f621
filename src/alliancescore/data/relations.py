"""Whether two states had diplomatic relations in a year.

The hand-kept table ``diplomatic_relations`` (``reference/diplomatic_relations.csv``, every row
sourced) lists spells in which a pair had *no* diplomatic relations: never established (Saudi
Arabia and Israel), broken (the United States and Iran from 1980) or broken and restored (the
Qatar boycott, 2017-2020). A pair is read at 31 December of the year. The table is not
exhaustive (its notes say what it covers): a pair it does not list is read as having
relations, and the answer says so (``listed`` False).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from alliancescore.data.base import TableStore, _year

__all__ = ["RelationsQueries"]


class RelationsQueries(TableStore):
    """The diplomatic-relations query (see the module docstring)."""

    def diplomatic_relations(self, focal: str, others: Iterable[str], year: int) -> pd.DataFrame:
        """Whether ``focal`` had diplomatic relations with each of ``others`` at the end of
        ``year``.

        Returns a frame indexed by ``others`` with ``relations`` (bool), ``listed`` (whether a
        spell of the table decided: False means "not listed, read as relations"), ``dates``
        and ``source`` (the deciding row's, else None) and ``first_year`` / ``last_year`` of
        that spell (``last_year`` missing while it runs).
        """
        (focal,) = self._nations(focal, "focal")
        others = self._nations(others, "others")
        year = _year(year)
        key = ("diplomatic_relations", year)
        if key not in self._memo:
            table = self.frame("diplomatic_relations")
            running = table[
                (table["first_year"] <= year)
                & (table["last_year"].isna() | (table["last_year"] >= year))
            ]
            spells: dict[frozenset[str], dict] = {}
            for row in running.to_dict("records"):
                spells[frozenset((row["state_a"], row["state_b"]))] = row
            self._memo[key] = spells
        spells = self._memo[key]
        assert isinstance(spells, dict)
        rows = []
        for other in others:
            row = spells.get(frozenset((focal, other))) if other != focal else None
            if row is None:
                rows.append((True, False, None, None, pd.NA, pd.NA))
            else:
                last = row["last_year"]
                rows.append(
                    (False, True, row["dates"], row["source"], int(row["first_year"]),
                     pd.NA if pd.isna(last) else int(last))
                )  # fmt: skip
        out = pd.DataFrame(
            rows,
            index=pd.Index(others, name="iso3"),
            columns=["relations", "listed", "dates", "source", "first_year", "last_year"],
        )
        out["relations"] = out["relations"].astype(bool)
        out["listed"] = out["listed"].astype(bool)
        out["first_year"] = out["first_year"].astype("Int64")
        out["last_year"] = out["last_year"].astype("Int64")
        return out
