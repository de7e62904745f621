"""The study file format (``alliancescore study STUDY.toml``), declared once.

A study runs one profile template over many focal states and years::

    [study]
    id = "asia"
    template = "template.toml"         # a profile; its focal, year (and threats) are replaced
    focal = ["JPN", "KOR", "AUS"]      # ISO 3166 alpha-3 codes; or "all" (every state of
                                       # each year), or { regions = [...], subregions = [...],
                                       # members = [...], exclude = [...] }
    years = [2000, 2010]               # a list, or { from = 1990, to = 2010, step = 5 }
    threats = "backtest"               # backtest (the backtest's stated rule) | template
    samples = 2000                     # weight draws per method and task (0 = scores only)
    # target_se = 0.005                # or: draw until every rank acceptability's standard
    # max_samples = 1000000            #     error is under this, at most max_samples draws
    seed = 1
    stability = true                   # the top choice's stability intervals per criterion

    [study.threats_by_focal]           # explicit threat actors of some focal states (the
    JPN = [{ actor = "CHN" }, { actor = "PRK", severity = 0.5 }]  # others: the threats rule)

    [[study.variants]]                 # criteria-file variants: each (variant, focal, year)
    id = "baseline"                    # is a task; no variants: one run of the template
    [[study.variants]]
    id = "deterrence_heavy"
    criteria = "deterrence_heavy.toml" # relative to this file (default: the template's)
    weights = { scheme = "direct", values = { deterrence = 3, shared_threats = 1 } }

Read by :func:`alliancescore.model.study.load_study`; its checks and messages come from this
declaration (:mod:`alliancescore.model.declare`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from alliancescore.errors import did_you_mean, literal
from alliancescore.settings import MAX_SAMPLES

from .declare import Format, Table
from .kinds import Boolean, Integer, Map, Number, Raw, Section, Sections, String
from .profile_format import PROFILE, WEIGHTS
from .schema import Checker, shown

__all__ = [
    "ALL_STATES",
    "DEFAULT_MAX_SAMPLES",
    "FOCAL_SELECTORS",
    "STUDY",
    "THREAT_RULES",
    "VARIANT",
]

ALL_STATES = "all"
"""``focal = "all"``: every state of the data set's (Correlates of War) system membership in
each year of the study."""
FOCAL_SELECTORS = ("regions", "subregions", "members", "exclude")
"""The keys of ``focal = { ... }``: in each year of the study, the states of these UN M49
regions or sub-regions, or taking part that year in these commitments of the data set's
``alliance_depth`` reference table (``nato_integrated``, ``rio_treaty``, ...; any of the
three, together), less the ``exclude`` codes."""
PICKING = FOCAL_SELECTORS[:3]
"""The selector keys that pick states (``exclude`` only leaves some out)."""

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


FOCAL_WORDS = (
    'a list of ISO 3166 alpha-3 codes, "all", or a table { regions, subregions, members, exclude }'
)


def _codes(check: Checker, key: str, value: Any, what: str, example: str) -> list[str] | None:
    """A non-empty list of distinct strings, or ``None`` after recording the problem."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
        check.add(key, f"a non-empty list of {what}", shown(value), f"e.g. {example}")
        return None
    repeated = sorted({v for v in value if value.count(v) > 1})
    if repeated:
        check.add(
            key,
            "distinct names",
            f"{', '.join(repeated)} repeated",
            "Keep one entry of each, or correct a name typed for another",
        )
        return None
    return list(value)


def _focal(check: Checker, key: str, value: Any) -> list[str] | str | dict[str, list] | None:
    """The focal states as written: a list of codes, ``"all"``, or a selector table whose
    region names and codes :func:`~alliancescore.model.study.load_study` checks against the
    data set; ``None`` after recording the problem."""
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            check.add(key, 'a list of strings, e.g. ["USA", "AUS"]', shown(value))
            return None
        if not value:
            check.add(key, "at least one ISO 3166 alpha-3 code", "an empty list")
            return None
        return list(value)
    if isinstance(value, str):
        if value == ALL_STATES:
            return value
        hint = (
            f'A single state is a list too: focal = ["{value}"]'
            if re.fullmatch(r"[A-Za-z]{3}", value)
            else did_you_mean(value, [ALL_STATES])
        )
        check.add(key, FOCAL_WORDS, literal(value), hint)
        return None
    if isinstance(value, dict):
        check.keys(key, value, FOCAL_SELECTORS)
        if not set(PICKING) & set(value):
            check.add(
                key,
                "a table with regions, subregions or members (any of them)",
                f"a table of {', '.join(value) or 'no keys'}",
                'e.g. focal = { regions = ["Europe"], exclude = ["RUS"] }',
            )
            return None
        out: dict[str, list] = {}
        for name, what, example in (
            ("regions", "UN M49 region names", 'regions = ["Europe", "Asia"]'),
            (
                "subregions",
                "UN M49 sub-region or intermediate region names",
                'subregions = ["Western Europe", "South America"]',
            ),
            ("members", "commitment ids", 'members = ["nato_integrated"]'),
            ("exclude", "ISO 3166 alpha-3 codes", 'exclude = ["RUS"]'),
        ):
            if name in value:
                out[name] = _codes(check, f"{key}.{name}", value[name], what, example)
        return None if any(v is None for v in out.values()) else out
    check.add(key, FOCAL_WORDS, shown(value), 'e.g. focal = ["POL", "CZE"] or focal = "all"')
    return None


_NAMES = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}
_FOCAL_SCHEMA = {
    "oneOf": [
        {"type": "array", "items": {"type": "string"}, "minItems": 1},
        {"const": ALL_STATES},
        {
            "type": "object",
            "properties": {
                "regions": {**_NAMES, "description": "UN M49 regions (e.g. Europe)."},
                "subregions": {
                    **_NAMES,
                    "description": (
                        "UN M49 sub-regions or intermediate regions (Western Europe, South "
                        "America)."
                    ),
                },
                "members": {
                    **_NAMES,
                    "description": "Commitments of the alliance_depth table (nato_integrated).",
                },
                "exclude": {**_NAMES, "description": "ISO 3166 alpha-3 codes left out."},
            },
            "anyOf": [{"required": [name]} for name in PICKING],
            "additionalProperties": False,
        },
    ]
}

VARIANT = Table(
    "variant",
    "A criteria-file variant: every focal state and year is run once per variant.",
    (
        String(
            "id",
            "Short name; names the variant's folder (variant=ID) and its rows' variant column.",
            required=True,
            pattern=r"[A-Za-z0-9_-]+",
            pattern_expected="letters, digits, '_' or '-' (it names a folder)",
            pattern_hint='e.g. id = "deterrence_heavy"',
        ),
        String(
            "criteria",
            "A criteria file, relative to this file, used instead of the template's (default: "
            "the template's own).",
        ),
        Section(
            "weights",
            "A [weights] table used instead of the template's, as a profile writes it "
            "(default: the template's).",
            table=WEIGHTS,
        ),
    ),
    header="[[study.variants]]",
)

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
                Raw(
                    "focal",
                    "The focal states: a list of ISO 3166 alpha-3 codes (a task per code and "
                    'year), "all" (every state of the Correlates of War system in each year), '
                    "or { regions, subregions, members, exclude } (in each year the states of "
                    "these UN M49 regions or sub-regions, or members that year of these "
                    "commitments of the data set's alliance_depth table, less exclude). A "
                    "selector makes a task only for the states that existed in each year.",
                    required=True,
                    check=_focal,
                    words=FOCAL_WORDS,
                    json=_FOCAL_SCHEMA,
                ),
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
                    "Where each task's threats come from (for the focal states "
                    "threats_by_focal does not list): backtest (the backtest's stated rule at "
                    "that year) or template (the template's own threats).",
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
                Map(
                    "threats_by_focal",
                    "Explicit threat actors by focal state (ISO 3166 alpha-3 code = [{ actor, "
                    "severity }, ...]), in every year of the study; the focal states not "
                    "listed take the threats rule.",
                    entry=Sections(
                        "threats", "One focal state's threats.", table="threat", nonempty=True
                    ),
                ),
                Sections(
                    "variants",
                    "Criteria-file variants: each (variant, focal, year) is a task. Without "
                    "variants each (focal, year) is one, with the template's criteria.",
                    table="variant",
                    nonempty=True,
                ),
            ),
            header="[study]",
        ),
        replace(PROFILE.table("threat"), header="[study.threats_by_focal] XXX = [{ ... }]"),
        VARIANT,
    ),
)
"""The study file format: tables ``document`` (the file) and ``study``."""
