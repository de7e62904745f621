"""The study file format (``alliancescore study STUDY.toml``), declared once.

A study runs one profile template over many focal states and years::

    [study]
    id = "asia"
    template = "template.toml"         # a profile; its focal, year (and threats) are replaced
    focal = ["JPN", "KOR", "AUS"]      # ISO 3166 alpha-3 codes
    years = [2000, 2010]               # a list, or { from = 1990, to = 2010, step = 5 }
    threats = "backtest"               # backtest (the backtest's stated rule) | template
    samples = 2000                     # weight draws per method and task (0 = scores only)
    # target_se = 0.005                # or: draw until every rank acceptability's standard
    # max_samples = 1000000            #     error is under this, at most max_samples draws
    seed = 1
    stability = true                   # the top choice's stability intervals per criterion

Read by :func:`alliancescore.model.study.load_study`; its checks and messages come from this
declaration (:mod:`alliancescore.model.declare`).
"""

from __future__ import annotations

from typing import Any

from alliancescore.settings import MAX_SAMPLES

from .declare import Format, Table
from .kinds import Boolean, Integer, Number, Raw, Section, String, Strings
from .schema import Checker, shown

__all__ = ["DEFAULT_MAX_SAMPLES", "STUDY", "THREAT_RULES"]

THREAT_RULES = ("backtest", "template")
"""``backtest``: each focal state's threat actors in each year by the backtest's stated rule
(:func:`alliancescore.backtest.threats.derive_threats`); ``template``: the template's own."""

MAX_YEARS = 1000
DEFAULT_MAX_SAMPLES = 1_000_000
"""The cap on the draws per method and task when sampling to ``target_se``."""


def _years(check: Checker, key: str, value: Any) -> list[int] | None:
    """The years of ``years = [...]`` or ``years = { from, to, step }``, or ``None`` after
    recording the problem."""
    if isinstance(value, dict):
        table = {k: value[k] for k in value}
        check.keys(key, table, ["from", "to", "step"])
        first = check.integer(key, table, "from")
        last = check.integer(key, table, "to")
        step = check.integer(key, table, "step", required=False, minimum=1, default=1)
        if first is None or last is None or step is None:
            return None
        if last < first:
            check.add(f"{key}.to", f"a year >= from ({first})", repr(last))
            return None
        value = list(range(first, last + 1, step))
    elif (
        isinstance(value, list)
        and value
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        if len(set(value)) != len(value):
            check.add(key, "distinct years", shown(value), "Remove the repeated years")
            return None
    else:
        check.add(
            key,
            "a non-empty list of years or a table { from, to, step }",
            shown(value),
            "e.g. years = [2000, 2010] or years = { from = 1990, to = 2010, step = 5 }",
        )
        return None
    if len(value) > MAX_YEARS:
        check.add(key, f"at most {MAX_YEARS} years", f"{len(value)} years")
        return None
    return sorted(value)


STUDY = Format(
    "study",
    "alliancescore study file",
    (
        Table(
            "document",
            "A study: one profile template scored for many focal states and years.",
            (Section("study", "What the study runs.", table="study", required=True),),
        ),
        Table(
            "study",
            "The template, the focal states, the years, the threat rule and the sampling.",
            (
                String("id", "Short name of the study.", required=True),
                String(
                    "template",
                    "A profile file, relative to this file; its focal, year (and threats) "
                    "are replaced per task.",
                    required=True,
                ),
                Strings("focal", "The focal states (ISO 3166 alpha-3 codes).", required=True),
                Raw(
                    "years",
                    "The years: a list of years, or a table { from, to, step } (step 1 "
                    "unless given).",
                    required=True,
                    check=_years,
                    words="list of years or table {from, to, step}",
                    json={
                        "oneOf": [
                            {"type": "array", "items": {"type": "integer"}},
                            {
                                "type": "object",
                                "properties": {
                                    "from": {"type": "integer"},
                                    "to": {"type": "integer"},
                                    "step": {"type": "integer", "minimum": 1},
                                },
                                "required": ["from", "to"],
                                "additionalProperties": False,
                            },
                        ]
                    },
                ),
                String(
                    "threats",
                    "Where each task's threats come from: backtest (the backtest's stated "
                    "rule at that year) or template (the template's own threats).",
                    choices=THREAT_RULES,
                    default="backtest",
                ),
                Integer(
                    "samples",
                    "Weight draws of the sensitivity analysis per task (0 = scores only).",
                    minimum=0,
                    maximum=100_000_000,
                    default=0,
                ),
                Number(
                    "target_se",
                    "Instead of samples: draw weights in blocks until the largest Monte Carlo "
                    "standard error of a rank acceptability (over all alternatives and ranks) "
                    "is under this, per method and task (--target-se overrides it).",
                    positive=True,
                    maximum=0.5,
                ),
                Integer(
                    "max_samples",
                    "With target_se: at most this many weight draws per method and task.",
                    minimum=1,
                    maximum=MAX_SAMPLES,
                    default=DEFAULT_MAX_SAMPLES,
                ),
                Integer(
                    "seed",
                    "The study's seed; each task's seed is derived from it and the task.",
                    minimum=0,
                    default=0,
                ),
                Boolean(
                    "stability",
                    "Write each task's stability intervals of the top choice per top-level "
                    "criterion and method (stability.parquet).",
                    default=True,
                ),
            ),
            header="[study]",
        ),
    ),
)
"""The study file format: tables ``document`` (the file) and ``study``."""
