"""What the backtest is scored against: defence pacts newly formed after the reference year.

**Outcome rule.** An undirected pair of states {a, b}, both existing in the reference year Y,
is a *positive* when ATOP 5.1 records a defence obligation between them, in either direction
("either side takes on a defence obligation"), in some year of ``[Y + 1, Y + H]``, and none in
Y. Pairs already defence-allied in Y are not evaluated at all (neither positive nor
negative): the question is whether the scores foresee *new* pacts. A pair whose pact had
lapsed before Y and that pledges defence again in the window counts as new. The *onset* of a
positive is the first year of the window in which the obligation holds. ATOP ends in 2018,
so a window must end by then (:func:`check_window`).

This is the only place in the backtest that reads data after Y, and it reads only the ATOP
table, to label pairs: scores, indicators and threats never see it.

**Multilateral rule.** ATOP's dyad file here has no alliance ids (data/files/README.md, "Known
gaps"), so a treaty with many members shows up as many positive pairs with one onset year.
Positives are grouped into *clusters*: the connected components of the graph whose nodes are
states and whose edges are the positives with the same onset year. A cluster with three or
more states is *multilateral* (a new multilateral treaty, an enlargement, or several pacts
signed in one year by a shared member, which this rule cannot tell apart); a cluster of two
states is one bilateral pact. The backtest reports its metrics with every positive, without
the multilateral ones, and with each cluster's positives weighted to count as one.

Context: Leeds, Ritter, Mitchell & Long (2002) ATOP; Gibler & Wolford (2006) and Lai & Reiter
(2000) model alliance formation on dyads in the same way (new alliances among non-allied
dyads).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from alliancescore.data import TABLES, Dataset
from alliancescore.data.lookups import active_spells
from alliancescore.errors import AllianceScoreError, Problem

__all__ = ["check_window", "defence_pairs_at", "new_defence_pacts"]

_COLUMNS = ["a", "b", "onset", "cluster", "cluster_states", "cluster_pairs", "multilateral"]


def _whole(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise AllianceScoreError(Problem(name, "a whole number", repr(value)))
    return int(value)


def check_window(year: int, horizon: int) -> tuple[int, int]:
    """(year, horizon) if the labels ``Y+1..Y+H`` lie within ATOP's coverage, else the error."""
    year, horizon = _whole(year, "--year"), _whole(horizon, "--horizon")
    spec = TABLES["atop"]
    problems = []
    if horizon < 1:
        problems.append(Problem("--horizon", "at least 1 year", str(horizon)))
    if spec.first_year is not None and year < spec.first_year:
        problems.append(
            Problem("--year", f"{spec.first_year} or later (ATOP here starts then)", str(year))
        )
    if spec.last_year is not None and year + max(horizon, 1) > spec.last_year:
        problems.append(
            Problem(
                "--year/--horizon",
                f"a window ending by {spec.last_year}, the last year ATOP covers",
                f"{year} + {horizon} = {year + horizon}",
                f"Choose year + horizon <= {spec.last_year}",
            )
        )
    if problems:
        raise AllianceScoreError(problems)
    return year, horizon


def _undirected(frame: pd.DataFrame) -> pd.DataFrame:
    a = np.minimum(frame["iso_a"].to_numpy(dtype=object), frame["iso_b"].to_numpy(dtype=object))
    b = np.maximum(frame["iso_a"].to_numpy(dtype=object), frame["iso_b"].to_numpy(dtype=object))
    return frame.assign(a=a, b=b)


def _defence_rows(data: Dataset) -> pd.DataFrame:
    atop = data.frame("atop")
    return atop[(atop["defense"] == 1).fillna(False).to_numpy(bool)]


def defence_pairs_at(data: Dataset, year: int) -> pd.DataFrame:
    """Undirected pairs (``a`` < ``b``) with a defence obligation either way in ``year``."""
    rows = _undirected(active_spells(_defence_rows(data), year))
    return rows[["a", "b"]].drop_duplicates().sort_values(["a", "b"], ignore_index=True)


def new_defence_pacts(
    data: Dataset,
    year: int,
    horizon: int,
    states: Sequence[str],
    allied: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Pairs of ``states`` with a defence pact in ``[year+1, year+horizon]`` and none in ``year``.

    Columns: ``a`` < ``b``, ``onset`` (first window year with the obligation), ``cluster`` (id
    of its same-onset component), ``cluster_states``, ``cluster_pairs``, ``multilateral``
    (cluster of 3+ states). See the module docstring for the rules. ``allied``: the result of
    :func:`defence_pairs_at` for ``year`` when the caller has it already.
    """
    year, horizon = check_window(year, horizon)
    first, last = year + 1, year + horizon
    rows = _defence_rows(data)
    ends = rows["last_year"].astype("Float64").fillna(np.inf)
    rows = rows[(rows["first_year"] <= last) & (ends >= first)]
    rows = _undirected(rows)
    rows = rows.assign(onset=np.maximum(rows["first_year"].astype(np.int64).to_numpy(), first))
    known = set(states)
    rows = rows[rows["a"].isin(known) & rows["b"].isin(known) & (rows["a"] != rows["b"])]
    pacts = rows.groupby(["a", "b"], as_index=False)["onset"].min()
    before = defence_pairs_at(data, year) if allied is None else allied
    known_allied = pd.MultiIndex.from_frame(before[["a", "b"]])
    pacts = pacts[~pd.MultiIndex.from_frame(pacts[["a", "b"]]).isin(known_allied)]
    pacts = pacts.sort_values(["onset", "a", "b"], ignore_index=True)
    if pacts.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in _COLUMNS}).astype(
            {
                "onset": np.int64,
                "cluster": np.int64,
                "cluster_states": np.int64,
                "cluster_pairs": np.int64,
                "multilateral": bool,
            }
        )
    # nodes are (onset, state); edges the positives; components are the clusters
    node_a = pacts["onset"].astype(str) + ":" + pacts["a"]
    node_b = pacts["onset"].astype(str) + ":" + pacts["b"]
    nodes, inverse = np.unique(np.concatenate([node_a, node_b]), return_inverse=True)
    ia, ib = inverse[: len(pacts)], inverse[len(pacts) :]
    graph = coo_matrix((np.ones(len(pacts)), (ia, ib)), shape=(nodes.size, nodes.size))
    _, component = connected_components(graph, directed=False)
    # number clusters by first appearance (onset, then codes) so ids are stable
    _, cluster = np.unique(component[ia], return_inverse=True)
    order = pd.unique(pd.Series(cluster))
    renumber = {int(c): i for i, c in enumerate(order)}
    cluster = np.array([renumber[int(c)] for c in cluster], dtype=np.int64)
    states_per = np.bincount(component, minlength=component.max() + 1)[component[ia]]
    pacts["cluster"] = cluster
    pacts["cluster_states"] = states_per.astype(np.int64)
    pacts["cluster_pairs"] = pacts.groupby("cluster")["a"].transform("size").astype(np.int64)
    pacts["multilateral"] = pacts["cluster_states"] >= 3
    return pacts[_COLUMNS]
