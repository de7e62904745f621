"""What the sensitivity analysis of one scored profile found (:class:`SensitivityReport`)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import pandas as pd

from alliancescore.analysis.result import Result, summary_html
from alliancescore.analysis.stability import GroupStability, StabilityTable
from alliancescore.sensitivity import RelationFrequencies
from alliancescore.settings import SensitivitySpec

__all__ = ["SensitivityReport"]


@dataclass(frozen=True, repr=False)
class SensitivityReport:
    """Everything the sensitivity analysis found, as DataFrames (alternatives by id), typed
    records and plain Python numbers.

    stability : method -> :class:`~alliancescore.analysis.stability.StabilityTable`, one record
        per group (top-level criterion or indicator) with the interval of each property (top
        choice, top k, full ranking); ``.frame()`` is the flat table.
    sweeps : method -> top-level criterion -> DataFrame indexed by the criterion's total weight
        (``weight``, 0 to 1, the others rescaled in proportion) with columns
        ``("score", alternative)`` and ``("rank", alternative)``; the profile's own weight is
        ``stability[method][criterion].weight``.
    data_draws : data matrices drawn per method (0 without data uncertainty); the standard
        errors include the spread between them (:mod:`alliancescore.sensitivity.smaa`).
    """

    result: Result
    samples: int
    seed: int
    sampler: str
    data: str | None
    data_draws: int
    acceptability: dict[str, pd.DataFrame]  # method -> alternatives x ranks (1..n)
    acceptability_se: dict[str, float]  # method -> largest Monte Carlo standard error
    central_weights: dict[str, pd.DataFrame]  # method -> alternatives x top-level criteria
    confidence: pd.DataFrame  # alternatives x methods
    winning: dict[str, pd.DataFrame]  # method -> alternatives x alternatives (top k)
    stability: dict[str, StabilityTable]  # method -> one record per group
    sweeps: dict[str, dict[str, pd.DataFrame]]  # method -> criterion -> weight x (score/rank)
    importance: pd.DataFrame | None = None  # (leader, criterion) x first/total
    importance_inputs: str = ""  # the method and weight distribution the indices refer to
    notes: tuple[str, ...] = ()
    spec: SensitivitySpec | None = None  # the settings the analysis ran with
    # outranking method -> how often its relation holds under the weight draws (shares of
    # draws: a outranks b, a in the kernel), or why not (RelationFrequencies.coverage)
    relations: dict[str, RelationFrequencies] = field(default_factory=dict)

    def most_critical(self, method: str) -> GroupStability | None:
        """The group whose smallest weight change flips the top choice (absolute change)."""
        return self.stability[method].most_critical

    def leaders(self) -> pd.DataFrame:
        """Per method: the alternative most often ranked first, its label, that share, the
        largest Monte Carlo standard error and the leader's confidence factor."""
        labels = self.result.matrix.alternatives["label"]
        rows = []
        for method, table in self.acceptability.items():
            leader = table[1].idxmax()
            rows.append(
                {
                    "method": method,
                    "leader": leader,
                    "label": labels.get(leader, leader),
                    "rank 1 share": float(table.loc[leader, 1]),
                    "largest SE": self.acceptability_se[method],
                    "confidence": float(self.confidence.loc[leader, method]),
                }
            )
        return pd.DataFrame(rows).set_index("method")

    def _heading(self, short: bool) -> tuple[str, str]:
        p = self.result.profile
        data = "nominal data"
        if self.data:
            how = textwrap.shorten(self.data, 50, placeholder=" ...") if short else self.data
            data = f"{self.data_draws:,} data draws ({how})"
        return (
            f"{p.id} ({p.label}; {p.focal}, {p.year})",
            f"{self.samples:,} draws per method, seed {self.seed}; {data}",
        )

    def __repr__(self) -> str:
        title, run = self._heading(short=True)
        lines = [f"SensitivityReport: {title}", f"  {run}"]
        for method, row in self.leaders().iterrows():
            lines.append(
                f"  {method}: {row['leader']} ({row['label']}) first in "
                f"{row['rank 1 share']:.1%} of draws (SE <= {row['largest SE']:.4f})"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        title, run = self._heading(short=False)
        columns = ["method", "leader", "label", "rank 1 share", "largest SE", "confidence"]
        body = [
            [
                method,
                row["leader"],
                row["label"],
                f"{row['rank 1 share']:.1%}",
                f"{row['largest SE']:.4f}",
                "n/a" if row["confidence"] != row["confidence"] else f"{row['confidence']:.2f}",
            ]
            for method, row in self.leaders().iterrows()
        ]
        return summary_html(f"Sensitivity: {title}", run, columns, body)
