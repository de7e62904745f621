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
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["BASELINES", "Baseline"]


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
