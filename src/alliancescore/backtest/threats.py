"""The stated rule that gives every focal state its perceived threats in year Y.

A backtest cannot ask each government whom it feared, so the threats come from one rule
applied to every state alike, using nothing after Y:

* **strategic rivals**: every state the focal was in a strategic rivalry with in Y
  (``rivalry_tss``, Thompson, Sakuwa & Suhas 2021; a spell counts when it began at or before
  Y and had not ended before Y), severity ``rival_severity`` (default 1.0);
* **recent dispute opponents**: every other state the focal met in a militarized interstate
  dispute with a dispute-year in ``[Y - window_years + 1, Y]`` (``mid_cow``, COW MID 5.0,
  any hostility level; default window 10 years), severity ``dispute_severity`` (default 0.5)
  unless it is also a rival.

Only states existing in Y count as threat actors. The spell and window rules are the data
layer's (:meth:`~alliancescore.data.Dataset.spell_pairs`,
:meth:`~alliancescore.data.Dataset.event_window`,
:meth:`~alliancescore.data.Dataset.dispute_pairs`): a rivalry table past its staleness limit
gives no rivals, the window is cut to the years the MID table covers (it ends in 2014), and
a stale or uncovered window gives no dispute opponents.

Why this rule: Walt (1987) has states align against those whose power, proximity and
intentions threaten them; enduring rivalries and recent militarized disputes are the two
standard observable traces of such threats in the alliance-formation literature (e.g. Lai &
Reiter 2000 control for shared disputes; Gibler & Wolford 2006 for external threat). The
rivalry coding itself is retrospective (researchers dated rivalries after the fact): the rule
uses only spells begun by Y, but the judgement that a rivalry existed is hindsight the
analysts of Y did not have.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from alliancescore.data import TABLES, Dataset
from alliancescore.data.lookups import window_state
from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.measures import Threat

__all__ = ["ThreatRule", "derive_threats"]


@dataclass(frozen=True)
class ThreatRule:
    """Parameters of the threat rule (see the module docstring)."""

    window_years: int = 10
    rival_severity: float = 1.0
    dispute_severity: float = 0.5
    rivalry_table: str = "rivalry_tss"
    mid_table: str = "mid_cow"

    def __post_init__(self) -> None:
        problems = []
        if isinstance(self.window_years, bool) or not isinstance(self.window_years, int):
            problems.append(
                Problem("threat rule: window_years", "a whole number", repr(self.window_years))
            )
        elif self.window_years < 1:
            problems.append(
                Problem("threat rule: window_years", "at least 1", repr(self.window_years))
            )
        for name in ("rival_severity", "dispute_severity"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or not value > 0:
                problems.append(Problem(f"threat rule: {name}", "a positive number", repr(value)))
        if self.rivalry_table not in ("rivalry_tss", "rivalry_td"):
            problems.append(
                Problem(
                    "threat rule: rivalry_table",
                    "rivalry_tss or rivalry_td",
                    repr(self.rivalry_table),
                )
            )
        if self.mid_table not in ("mid_cow", "mid_gml"):
            problems.append(
                Problem("threat rule: mid_table", "mid_cow or mid_gml", repr(self.mid_table))
            )
        if problems:
            raise AllianceScoreError(problems)

    def describe(self, year: int) -> str:
        first = year - self.window_years + 1
        spec = TABLES[self.mid_table]
        covered, _ = window_state(
            first, year, spec.first_year, spec.last_year, spec.max_staleness_years
        )
        cover = f"{covered[0]}-{covered[1]}" if covered else "none of it"
        return (
            f"threat actors of a focal state in {year}: its strategic rivals active in {year} "
            f"({self.rivalry_table}; severity {self.rival_severity:g}) and the other states it "
            f"met in a militarized dispute with a dispute-year in {first}-{year} "
            f"({self.mid_table}, any hostility level, covering {cover}; severity "
            f"{self.dispute_severity:g} unless also a rival); states existing in {year} only"
        )


def _pairs(directed: pd.DataFrame) -> pd.DataFrame:
    """The data layer's directed pair rows (state, other) as distinct (focal, actor) pairs."""
    pairs = directed[["state", "other"]].set_axis(["focal", "actor"], axis=1)
    return pairs.drop_duplicates(ignore_index=True)


def derive_threats(
    data: Dataset,
    year: int,
    focal: Sequence[str],
    states: Sequence[str],
    rule: ThreatRule | None = None,
) -> tuple[dict[str, tuple[Threat, ...]], pd.DataFrame]:
    """Threat actors of each focal state in ``year`` under ``rule``.

    Returns ``{focal: (Threat, ...)}`` (actors in alphabetical order) and a long frame with
    one row per (focal, actor): ``focal``, ``actor``, ``severity``, ``basis`` ("rival",
    "dispute" or "rival; dispute").
    """
    rule = rule or ThreatRule()
    existing = set(states)
    rivals = _pairs(data.spell_pairs(rule.rivalry_table, year).pairs).assign(rival=True)
    window = data.event_window(rule.mid_table, year, rule.window_years)
    disputes = _pairs(data.dispute_pairs(window.first, window.last, rule.mid_table))
    if not window.usable:  # as the measures: a stale or uncovered window gives none
        disputes = disputes.iloc[0:0]
    disputes = disputes.assign(dispute=True)

    pairs = rivals.merge(disputes, on=["focal", "actor"], how="outer")
    pairs = pairs[
        pairs["focal"].isin(list(focal))
        & pairs["actor"].isin(existing)
        & (pairs["focal"] != pairs["actor"])
    ]
    rival = pairs["rival"].astype("boolean").fillna(False).to_numpy(bool)
    dispute = pairs["dispute"].astype("boolean").fillna(False).to_numpy(bool)
    table = pd.DataFrame(
        {
            "focal": pairs["focal"].to_numpy(),
            "actor": pairs["actor"].to_numpy(),
            "severity": [rule.rival_severity if r else rule.dispute_severity for r in rival],
            "basis": [
                "rival; dispute" if r and d else "rival" if r else "dispute"
                for r, d in zip(rival, dispute, strict=True)
            ],
        }
    ).sort_values(["focal", "actor"], ignore_index=True)
    threats: dict[str, tuple[Threat, ...]] = {f: () for f in focal}
    for name, part in table.groupby("focal", sort=True):
        threats[str(name)] = tuple(
            Threat(str(a), float(s)) for a, s in zip(part["actor"], part["severity"], strict=True)
        )
    return threats, table
