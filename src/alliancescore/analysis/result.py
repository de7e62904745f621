"""The immutable result of scoring one profile, as pandas DataFrames.

Everything a report or an analyst needs is here and nothing here knows how it will be shown:
scores and ranks per method, per-criterion contributions, the decision matrix with raw values,
value-function outputs and provenance, weights, diagnostics (missing and stale data,
exclusions, consistency, overrides) and a reproducibility record.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from alliancescore.analysis.matrix import DecisionMatrix
from alliancescore.mcda import Relation
from alliancescore.model.criteria import CriteriaModel
from alliancescore.model.group_weights import GroupWeights
from alliancescore.model.profile import Profile
from alliancescore.model.value_functions import ValueFunction
from alliancescore.model.weights import ResolvedWeights

__all__ = ["Result"]


@dataclass(frozen=True)
class Result:
    """Scores of one profile's alternatives under one criteria model.

    scores, ranks : alternatives x methods (ranks: 1 = best whatever the method's direction).
    contributions : alternatives x top-level criteria: ``sum(global weight x value)`` over the
        criterion's indicators (the additive value decomposition; the weighted sum's score is
        their total).
    relations : outranking method -> its :class:`~alliancescore.mcda.Relation` over the
        alternatives (in the order of ``scores.index``): crisp relation, kernel, partial
        preorder as levels, incomparabilities. Not scores: :meth:`relation_table` and
        :meth:`incomparable_pairs` show them per alternative and per pair.
    """

    profile: Profile
    criteria: CriteriaModel
    matrix: DecisionMatrix
    weights: ResolvedWeights
    methods: Mapping[str, Mapping[str, Any]]
    scores: pd.DataFrame
    ranks: pd.DataFrame
    higher_is_better: Mapping[str, bool]
    contributions: pd.DataFrame
    tables: Mapping[str, Mapping[str, np.ndarray]] = field(repr=False)
    diagnostics: tuple[str, ...] = ()
    record: Mapping[str, Any] = field(default_factory=dict)
    relations: Mapping[str, Relation] = field(default_factory=dict, repr=False)
    group: GroupWeights | None = field(default=None, repr=False)
    """Several analysts (``[[analysts]]``): each analyst's weights and the group's (which
    ``weights`` holds); ``None`` without analysts."""

    @property
    def primary_method(self) -> str:
        return next(iter(self.methods))

    def summary(self) -> pd.DataFrame:
        """One row per alternative, best first by the first method: label, kind, each
        method's rank and score."""
        first = self.primary_method
        alts = self.matrix.alternatives.loc[self.scores.index, ["label", "kind"]]
        columns = {}
        for method in self.methods:
            columns[f"{method} rank"] = self.ranks[method]
            columns[f"{method} score"] = self.scores[method]
        for method in self.relations:
            relation = self.relation_table(method)
            columns[f"{method} level"] = relation["level"]
            columns[f"{method} kernel"] = relation["kernel"]
        table = alts.join(pd.DataFrame(columns))
        return table.sort_values([f"{first} rank", "label"])

    def relation_table(self, method: str) -> pd.DataFrame:
        """One outranking method's relation per alternative: ``level`` in the final partial
        preorder (1 = top; alternatives on one level are indifferent or incomparable, never
        ordered), ``kernel`` (True = in the kernel), and how many alternatives it is strictly
        ``preferred`` to, ``preferred by``, ``indifferent`` to and ``incomparable`` with."""
        relation = self.relations[method]
        return pd.DataFrame(
            {
                "level": relation.levels,
                "kernel": relation.kernel,
                "preferred to": relation.preference.sum(axis=1),
                "preferred by": relation.preference.sum(axis=0),
                "indifferent": relation.indifference.sum(axis=1),
                "incomparable": relation.incomparability.sum(axis=1),
            },
            index=self.scores.index,
        )

    def incomparable_pairs(self, method: str) -> list[tuple[str, str]]:
        """The pairs an outranking method leaves incomparable (neither outranks the other),
        each once, ordered by the first method's ranking of their better-ranked member."""
        relation = self.relations[method]
        index = list(self.scores.index)
        order = {
            alt: k for k, alt in enumerate(self.ranks[self.primary_method].sort_values().index)
        }
        pairs = []
        for i, j in zip(*np.nonzero(np.triu(relation.incomparability, 1)), strict=True):
            a, b = sorted((index[i], index[j]), key=order.__getitem__)
            pairs.append((a, b))
        return sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))

    def regrets(self, method: str) -> pd.DataFrame | None:
        """For a method with a regret term (VIKOR's ``R_i = max_j w_j d_ij``, its tables
        ``d`` and ``R``), each alternative's regret at the profile's weights and the
        indicator that sets it.

        Returns a frame indexed by alternative with ``regret`` and ``indicator`` (every
        indicator whose weighted gap equals the regret, comma-separated, as ties are common:
        equal weights, full gaps; ``"none"`` when the regret is 0), or ``None`` for a method
        without one. VIKOR ranks by this single worst weighted gap as much as by the sum of
        gaps, which is why it can rank a state far from where the compensatory methods do.
        """
        tables = self.tables.get(method, {})
        if "d" not in tables or "R" not in tables:
            return None
        leaves = list(self.weights.leaves)
        weights = np.array([self.weights.global_[leaf] for leaf in leaves])
        weighted = np.asarray(tables["d"], dtype=np.float64) * weights  # (alternatives, leaves)
        regret = weighted.max(axis=1)
        at_max = (weighted >= regret[:, None] * (1 - 1e-9)) & (regret[:, None] > 0)
        names = [
            ", ".join(leaf for leaf, hit in zip(leaves, row, strict=True) if hit) or "none"
            for row in at_max
        ]
        return pd.DataFrame({"regret": regret, "indicator": names}, index=self.matrix.values.index)

    def rank_correlations(self, statistic: str = "spearman") -> pd.DataFrame:
        """Methods x methods: Spearman's rho or Kendall's tau-b between their rankings
        (fractional ranks for ties; see :mod:`alliancescore.mcda.rankstats`)."""
        from alliancescore.mcda import kendall_tau, spearman

        if statistic not in ("spearman", "kendall"):
            raise ValueError("statistic must be 'spearman' or 'kendall'")
        fn = spearman if statistic == "spearman" else kendall_tau
        names = list(self.methods)
        out = pd.DataFrame(1.0, index=names, columns=names)
        if len(self.scores) < 2:
            return out
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                try:
                    value = float(fn(self.ranks[a].to_numpy(), self.ranks[b].to_numpy()))
                except ValueError:  # a ranking that ties everything has no correlation
                    value = float("nan")
                out.loc[a, b] = out.loc[b, a] = value
        return out

    def consensus(self) -> pd.DataFrame:
        """Borda and Copeland consensus of the methods' rankings (1 = best)."""
        from alliancescore.mcda import borda, copeland

        index = self.scores.index
        if len(self.methods) < 2:
            only = self.ranks[self.primary_method]
            return pd.DataFrame({"borda rank": only, "copeland rank": only}, index=index)
        R = self.ranks[list(self.methods)].to_numpy().T
        b, c = borda(R), copeland(R)
        return pd.DataFrame(
            {
                "borda points": b.scores,
                "borda rank": b.ranks,
                "copeland score": c.scores,
                "copeland rank": c.ranks,
            },
            index=index,
        )

    def value_function(self, indicator: str) -> ValueFunction:
        """The value function applied to ``indicator``: the criteria file's, with bounds
        fixed from every state that could be a candidate where it scales over them."""
        applied = self.matrix.value_functions.get(indicator)
        if applied is not None:
            return applied
        return next(i for i in self.criteria.indicators if i.id == indicator).value_function

    def indicator_table(self) -> pd.DataFrame:
        """Per indicator: criterion path, measure, direction, value function, missing-data
        policy, coalition aggregation, local and global weight."""
        paths = self.criteria.paths()
        rows = []
        for ind in self.criteria.indicators:
            rows.append(
                {
                    "indicator": ind.id,
                    "label": ind.label,
                    "criterion": " > ".join(paths[ind.id][:-1]),
                    "measure": ind.measure,
                    "direction": ind.direction,
                    "value function": self.value_function(ind.id).description,
                    "missing": ind.missing,
                    "aggregation": ind.aggregation,
                    "local weight": self.weights.local[ind.id],
                    "global weight": self.weights.global_[ind.id],
                }
            )
        return pd.DataFrame(rows).set_index("indicator")

    def leaders(self) -> pd.DataFrame:
        """Per method: the alternative ranked first (ties: the first in the matrix), its
        label and score."""
        labels = self.matrix.alternatives["label"]
        rows = []
        for method in self.methods:
            leader = self.ranks[method].idxmin()
            rows.append(
                {
                    "method": method,
                    "leader": leader,
                    "label": labels.get(leader, leader),
                    "score": float(self.scores.loc[leader, method]),
                }
            )
        return pd.DataFrame(rows, columns=["method", "leader", "label", "score"]).set_index(
            "method"
        )

    def _heading(self) -> tuple[str, str]:
        p = self.profile
        return (
            f"{p.id} ({p.label}; {p.focal}, {p.year})",
            f"{len(self.scores)} alternatives; criteria {self.criteria.id}; "
            f"weights {self.weights.scheme}",
        )

    def __repr__(self) -> str:
        title, detail = self._heading()
        lines = [f"Result: {title}", f"  {detail}"]
        for method, row in self.leaders().iterrows():
            lines.append(
                f"  {method}: {row['leader']} ({row['label']}) first, score {row['score']:.4f}"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        title, detail = self._heading()
        rows = [
            [method, row["leader"], row["label"], f"{row['score']:.4f}"]
            for method, row in self.leaders().iterrows()
        ]
        return summary_html(
            f"Result: {title}", detail, ["method", "leader", "label", "score"], rows
        )


def summary_html(title: str, subtitle: str, columns: list[str], rows: list[list[Any]]) -> str:
    """A small HTML summary for notebooks: a heading and a table, every text escaped with
    :func:`html.escape` (labels come from analysts' files)."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return (
        f"<p><b>{html.escape(title)}</b><br>{html.escape(subtitle)}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
