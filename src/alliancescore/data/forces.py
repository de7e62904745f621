"""Whether a state had armed forces of its own in a year.

The hand-kept table ``no_armed_forces`` (``reference/no_armed_forces.csv``, every row sourced)
lists spells in which a state had *no* regular armed forces: police or a coast guard only,
its defence left to another state (Micronesia, the Marshall Islands and Palau to the United
States under the Compacts of Free Association; Monaco to France) or to none (Costa Rica since
1949). A state is read at 31 December of the year. A state the table does not list is read as
having armed forces, however small, and the answer says so (``listed`` False).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from alliancescore.data.base import TableStore, _year

__all__ = ["ForcesQueries"]


class ForcesQueries(TableStore):
    """The armed-forces query (see the module docstring)."""

    def armed_forces(self, nations: Iterable[str], year: int) -> pd.DataFrame:
        """Whether each of ``nations`` had regular armed forces at the end of ``year``.

        Returns a frame indexed by ``nations`` with ``forces`` (bool), ``listed`` (whether a
        spell of the table decided: False means "not listed, read as having forces"),
        ``what`` (what the state has instead) and ``source`` of the deciding row (else None),
        and ``first_year`` of that spell.
        """
        nations = self._nations(nations, "nations")
        year = _year(year)
        table = self.frame("no_armed_forces")
        running = table[
            (table["first_year"] <= year)
            & (table["last_year"].isna() | (table["last_year"] >= year))
        ].set_index("iso3")
        rows = []
        for nation in nations:
            if nation in running.index:
                row = running.loc[nation]
                rows.append((False, True, row["instead"], row["source"], int(row["first_year"])))
            else:
                rows.append((True, False, None, None, pd.NA))
        out = pd.DataFrame(
            rows,
            index=pd.Index(nations, name="iso3"),
            columns=["forces", "listed", "what", "source", "first_year"],
        )
        out["forces"] = out["forces"].astype(bool)
        out["listed"] = out["listed"].astype(bool)
        out["first_year"] = out["first_year"].astype("Int64")
        return out
