"""Baselines the model's partner scores are compared with.

* ``random``: every candidate tied. With ties handled as in :mod:`.metrics` this is exactly
  the expectation of a random ordering: ROC AUC 0.5 and precision at k equal to each focal
  state's share of candidates that formed a new pact.
* ``distance``: nearer is better, ``-km`` between capitals at the end of Y (the registered
  measure ``distance_to_focal``). Proximity is among the strongest predictors of alliance
  formation (Gibler & Wolford 2006; Lai & Reiter 2000).
* ``un_voting``: closer foreign-policy preferences are better, ``-|x_focal - x_candidate|``
  with ``x`` the UN General Assembly ideal point at or before Y (the registered measure
  ``un_distance_to_focal``; Bailey, Strezhnev & Voeten 2017).

Each baseline uses the registered measure with its defaults, so it uses nothing after Y for
the same reasons the model does. A candidate a baseline cannot score (no capital, no ideal
point) gets ``-inf``: it ranks last, tied with the others it cannot score.

Two more baselines score pairs rather than one measure per focal state (:data:`PAIR_BASELINES`,
added by :func:`~.run.run_backtest`):

* ``same_region``: 1 if the focal state and the candidate lie in the same UN M49 *region*
  (Africa, Americas, Asia, Europe, Oceania; the crosswalk's ``region``, from countrycode's
  M49 table), else 0; the many ties are ties (half credit in the AUC, shared at random in
  precision at k). The region, not the sub-region, was chosen before looking at any window,
  for the treaties of the period: the Rio Treaty joins Northern America to Latin America, and
  NATO and its enlargements span all four European sub-regions and Northern America; the
  sub-regions split both, and split the Arab League no less than the regions do. Regions are
  the project's reference table, not dated: a state's region is today's.
* ``literature``: the linear predictor of the logistic model of :mod:`.literature`, fitted on
  1950-1980 and applied unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from alliancescore.data import Dataset

__all__ = ["BASELINES", "PAIR_BASELINES", "Baseline", "same_region"]


@dataclass(frozen=True)
class Baseline:
    """A one-indicator ranking: ``measure`` (a registered measure, its defaults) negated, or
    ``None`` for the all-tied random baseline."""

    name: str
    measure: str | None
    description: str

    def scores(self, values: np.ndarray | None, n: int) -> np.ndarray:
        """Higher = more likely partner; ``values`` are the measure's raw values (a cost)."""
        if self.measure is None or values is None:
            return np.zeros(n)
        values = np.asarray(values, dtype=np.float64)
        return np.where(np.isnan(values), -np.inf, -values)


BASELINES: dict[str, Baseline] = {
    b.name: b
    for b in (
        Baseline("random", None, "every candidate tied (the expectation of a random order)"),
        Baseline("distance", "distance_to_focal", "nearest capital first"),
        Baseline("un_voting", "un_distance_to_focal", "closest UN ideal point first"),
    )
}
"""The baselines by name."""

PAIR_BASELINES: dict[str, str] = {
    "same_region": "same UN M49 region first (1 or 0, ties as ties)",
    "literature": "logistic model of alliance formation fitted on 1950-1980 (linear predictor)",
}
"""The pair baselines by name, with what they rank by."""


def same_region(data: Dataset, focal: Sequence[str], candidates: Sequence[str]) -> np.ndarray:
    """1.0 where ``focal[i]`` and ``candidates[i]`` share a UN M49 region, else 0.0; ``-inf``
    where either has no region in the crosswalk (ranks last)."""
    codes = sorted(set(focal) | set(candidates))
    region = {c: data.nation(c).region or None for c in codes}
    out = np.empty(len(focal))
    for i, (f, c) in enumerate(zip(focal, candidates, strict=True)):
        rf, rc = region[f], region[c]
        out[i] = -np.inf if rf is None or rc is None else float(rf == rc)
    return out
