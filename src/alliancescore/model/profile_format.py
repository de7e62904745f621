"""The profile format (``profiles/*.toml``), declared once.

Read by :func:`alliancescore.model.profile.read_profile`; its checks, messages, unknown-key
lists and JSON Schema come from this declaration (:mod:`alliancescore.model.declare`). What
needs several keys at once or the data set stays code in :mod:`~alliancescore.model.profile`
and :mod:`~alliancescore.model.profile_data`. Methods and their parameters are the mcda
registry's, tie kinds the data layer's.
"""

from __future__ import annotations

import math
import re
from typing import Any

from alliancescore.data.overrides import RIVALRY_KINDS, TIE_KINDS
from alliancescore.errors import literal
from alliancescore.mcda import GROUP_AGGREGATIONS, METHODS, OUTRANKING_METHODS
from alliancescore.mcda.weighting.bwm import BWM_MODELS
from alliancescore.measures import AGGREGATIONS
from alliancescore.settings import PROFILE_SAMPLERS

from .criteria_format import ANALYST_TABLE, TABLES_KEY
from .declare import Case, Format, Table
from .kinds import (
    Boolean,
    Integer,
    Map,
    Number,
    Raw,
    Section,
    Sections,
    String,
    Strings,
    Text,
)
from .kinds_registered import Params, settings_table
from .schema import Checker, shown

__all__ = [
    "DEFAULT_METHODS",
    "JUDGED_SCHEMES",
    "OBJECTIVE_SCHEMES",
    "OVERRIDE_TABLES",
    "PROFILE",
    "RANK_SCHEMES",
    "SAMPLER_NAMES",
    "WEIGHTING_OF",
    "WEIGHT_SCHEMES",
    "all_methods",
]

SAMPLER_NAMES = PROFILE_SAMPLERS
"""The samplers a profile may name (the one list is the registry in alliancescore.settings)."""
DEFAULT_METHODS = {"weighted_sum": {}, "topsis": {}, "vikor": {}, "promethee_ii": {}}


def all_methods() -> dict[str, Any]:
    """Every method a profile may name: the score methods (``mcda.METHODS``) and the outranking
    methods (``mcda.OUTRANKING_METHODS``), read when a file is checked so that methods
    registered later count."""
    return {**dict(METHODS.items()), **dict(OUTRANKING_METHODS.items())}


"""The methods of a profile without ``[methods]``."""
FIRST_OVERRIDE_YEAR = 1816  # the first year of the Correlates of War state system

# ---------------------------------------------------------------- [weights]
# Each scheme, with the keys it reads (a new scheme is one more entry here, its registered
# weighting in WEIGHTING_OF, and its inputs in model/weights.py); a key only other schemes
# read is refused, with a hint naming them (declare.Case).
RANK_SCHEMES = ("ranking", "rank_sum", "rank_reciprocal")
"""Schemes that turn a ranking of the top-level criteria (``values``: 1 = most important) into
surrogate weights: rank-order centroid, rank sum, rank reciprocal."""
OBJECTIVE_SCHEMES = ("entropy", "critic", "standard_deviation", "merec")
"""Schemes computed from the value matrix (the alternatives' values), not from judgments."""
WEIGHTING_OF = {
    "direct": "direct",
    "ahp": "ahp",
    "ranking": "roc",
    "rank_sum": "rank_sum",
    "rank_reciprocal": "rank_reciprocal",
    "swara": "swara",
    "swing": "swing",
    "bwm": "bwm",
    **{name: name for name in OBJECTIVE_SCHEMES},
}
"""A profile's ``[weights] scheme`` -> the registered weighting (``mcda.WEIGHTINGS``) it runs."""


def _judged(name: str, needs: tuple[str, ...], takes: tuple[str, ...] = ()) -> Case:
    """A scheme whose weights come from the judgments in ``needs``."""
    listed = f"{', '.join(needs[:-1])} and {needs[-1]}" if len(needs) > 1 else needs[0]
    return Case("scheme", name, needs=needs, takes=takes, why=f"its weights come from {listed}")


_SCHEMES = (
    _judged("direct", ("values",)),
    _judged("ahp", ("criteria", "matrix"), takes=("max_cr", "allow_inconsistent", "ri_table")),
    *(_judged(name, ("values",)) for name in RANK_SCHEMES),
    _judged("swing", ("values",)),
    _judged("swara", ("order", "comparative_importance")),
    _judged(
        "bwm",
        ("best", "worst", "best_to_others", "others_to_worst"),
        takes=("bwm_model", "bwm_max_cr", "allow_inconsistent"),
    ),
    *(
        Case("scheme", name, why="objective weights come from the alternatives' values")
        for name in OBJECTIVE_SCHEMES
    ),
    Case("scheme", "criteria_file", why="the criteria file's weights apply"),
)
WEIGHT_SCHEMES = tuple(case.value for case in _SCHEMES)

_NUMBER_TEXT = r"\s*((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*"
_JUDGMENT_TEXT = f"{_NUMBER_TEXT}(?:/{_NUMBER_TEXT})?"
_JUDGMENT = re.compile(_JUDGMENT_TEXT)


def _judgment(check: Checker, key: str, value: Any) -> float | None:
    """One AHP judgment: a number, or a string of a positive number or a fraction ``"a/b"``
    of two (TOML has no fractions, and ``1/2`` unquoted does not parse)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)  # out-of-scale numbers are the pairwise check's to report
    found = _JUDGMENT.fullmatch(value) if isinstance(value, str) else None
    if found is not None:
        numerator = float(found.group(1))
        denominator = float(found.group(2)) if found.group(2) is not None else 1.0
        ratio = numerator / denominator if denominator > 0 else 0.0
        if numerator > 0 and math.isfinite(ratio) and ratio > 0:
            return ratio
    check.add(
        key,
        'a positive number, or a fraction of two in quotes such as "1/2"',
        shown(value),
        'Write 1/2 as "1/2" (quoted) or 0.5',
    )
    return None


def _judgments(check: Checker, key: str, raw: Any) -> list[list[float | None]] | None:
    """The pairwise judgments of ``weights.matrix``, each cell checked where it stands (the
    matrix's size against ``weights.criteria`` is checked with the scheme)."""
    if not (isinstance(raw, list) and all(isinstance(row, list) for row in raw)):
        check.add(key, "a square list of lists of judgments", shown(raw))
        return None
    return [
        [_judgment(check, f"{key}[{i}, {j}]", v) for j, v in enumerate(row)]  # as AHP's
        for i, row in enumerate(raw)
    ]


def _interval(check: Checker, key: str, value: Any) -> tuple[float, float] | None:
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    )
    if not ok or not 0 <= value[0] <= value[1] <= 1:
        check.add(key, "[lower, upper] with 0 <= lower <= upper <= 1", literal(value))
        return None
    return float(value[0]), float(value[1])


MAX_RELATIVE = 1e6
"""The largest severity or weight a profile may write: they are relative, and sums of values
near the float limit overflow (1e308 made an indicator look as if it had no data)."""
_WEIGHT = Number("weight", "A weight or rank (>= 0).", minimum=0.0, maximum=MAX_RELATIVE)
_JUDGMENT_SCHEMA = {
    "anyOf": [
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "string", "pattern": f"^{_JUDGMENT_TEXT}$"},
    ]
}
_UNIT = {"type": "number", "minimum": 0, "maximum": 1}
_COMPARISON = Number("comparison", "A comparison on the 1..9 scale.", minimum=1.0, maximum=9.0)

WEIGHTS = Table(
    "weights",
    "Weights of the top-level criteria; without it the criteria file's own apply.",
    (
        String(
            "scheme", "How the top-level weights are stated.", required=True, choices=WEIGHT_SCHEMES
        ),
        Map(
            "values",
            "direct: a weight per top-level criterion id (any positive scale); ranking, "
            "rank_sum, rank_reciprocal: a rank (1 = most important), turned into rank-order "
            "centroid, rank-sum or rank-reciprocal weights; swing: swing points in (0, 100], "
            "the most important swing at 100 (von Winterfeldt & Edwards 1986).",
            entry=_WEIGHT,
            what="a table of values by criterion id",
        ),
        Strings(
            "criteria",
            "ahp: the top-level criterion ids, in the matrix's order.",
            what="a list of criterion ids",
        ),
        Raw(
            "matrix",
            'ahp: pairwise judgments, row over column: numbers or quoted fractions ("1/3").',
            check=_judgments,
            json={"type": "array", "items": {"type": "array", "items": _JUDGMENT_SCHEMA}},
            words="square list of lists of judgments",
            what="a square list of lists of judgments",
        ),
        Strings(
            "order",
            "swara: every top-level criterion id once, most important first.",
            what="a list of criterion ids, most important first",
        ),
        Map(
            "comparative_importance",
            "swara: s_j by criterion id, for every criterion of order but the first: how much "
            "more important the criterion just above it is (0.2 = 20% more; 0 = as important).",
            entry=Number("s", "A comparative importance (>= 0).", minimum=0.0, maximum=100.0),
            what="a table of comparative importances by criterion id",
        ),
        String("best", "bwm: the most important top-level criterion.", what="a criterion id"),
        String("worst", "bwm: the least important top-level criterion.", what="a criterion id"),
        Map(
            "best_to_others",
            "bwm: a_Bj by criterion id, how much more important best is than each (1 to 9; "
            "best's own entry is 1 and may be left out).",
            entry=_COMPARISON,
            what="a table of comparisons 1..9 by criterion id",
        ),
        Map(
            "others_to_worst",
            "bwm: a_jW by criterion id, how much more important each is than worst (1 to 9; "
            "worst's own entry is 1 and may be left out).",
            entry=_COMPARISON,
            what="a table of comparisons 1..9 by criterion id",
        ),
        String(
            "bwm_model",
            "bwm: Rezaei's linear (2016) or non-linear (2015) model.",
            choices=BWM_MODELS,
            default="linear",
        ),
        Number(
            "bwm_max_cr",
            "bwm: the largest consistency ratio xi*/CI accepted (Rezaei 2015 gives no "
            "threshold, so none applies unless set; allow_inconsistent proceeds past it).",
            minimum=0.0,
        ),
        Number("max_cr", "ahp: the largest consistency ratio accepted.", minimum=0.0, default=0.10),
        Boolean(
            "allow_inconsistent",
            "ahp, bwm: proceed past max_cr or bwm_max_cr (the ratio is reported).",
        ),
        String(
            "ri_table", "ahp: the random index table of the consistency ratio.", default="saaty1980"
        ),
        Map("local", "Local weight of any deeper node by id (among its siblings).", entry=_WEIGHT),
        Map(
            "local_schemes",
            "An objective scheme by criterion id: that criterion's children are weighed by it, "
            "computed on their values over the alternatives (an indicator's values, or a "
            "sub-criterion's values aggregated under its local weights).",
            entry=String("scheme", "An objective weighting scheme.", choices=OBJECTIVE_SCHEMES),
        ),
        Map(
            "intervals",
            "[lower, upper] of a top-level weight, for sensitivity analysis.",
            entry=Raw(
                "interval",
                "[lower, upper] with 0 <= lower <= upper <= 1.",
                check=_interval,
                json={"type": "array", "minItems": 2, "maxItems": 2, "items": _UNIT},
                words="[lower, upper] in [0, 1]",
            ),
        ),
    ),
    cases=_SCHEMES,
    header="[weights]",
)

# ---------------------------------------------------------------- [group], [[analysts]]
JUDGED_SCHEMES = tuple(
    name for name in WEIGHT_SCHEMES if name not in OBJECTIVE_SCHEMES and name != "criteria_file"
)
"""The schemes an analyst's judgments may use: every scheme of ``[weights]`` that states a
judgment (objective schemes are computed from the data, not judged)."""
_PROFILE_ONLY = ("scheme", "local", "local_schemes", "intervals")
ANALYST_WEIGHTS = Table(
    "analyst_weights",
    "One analyst's judgments on the children of one node of the criteria tree (the top-level "
    "criteria in [analysts.weights], a criterion's children in [analysts.nodes.<id>]): the "
    "keys of [weights] that state a judgment.",
    (
        String(
            "scheme",
            "How the judgments are stated.",
            required=True,
            choices=JUDGED_SCHEMES,
        ),
        *(key for key in WEIGHTS.keys if key.name not in _PROFILE_ONLY),
    ),
    cases=tuple(case for case in _SCHEMES if case.value in JUDGED_SCHEMES),
    header="[analysts.weights]",
)
GROUP = Table(
    "group",
    "How several analysts' judgments become one set of weights.",
    (
        String(
            "aggregation",
            "aij: weighted geometric mean of the analysts' AHP judgments, then the "
            "eigenvector (the group acts as one individual); aip_geometric, aip_arithmetic: "
            "weighted geometric or arithmetic mean of each analyst's priorities, any scheme "
            "(the analysts act in their own right) (Forman & Peniwati 1998).",
            choices=lambda: list(GROUP_AGGREGATIONS),
            default="aij",
        ),
    ),
    header="[group]",
)
ANALYST = Table(
    "analyst",
    "One analyst: who, with which voting power, and their judgments.",
    (
        String(
            "id",
            "Short name of the analyst, unique in the file.",
            required=True,
            pattern=r"[a-z0-9_]+",
            pattern_expected="lowercase letters, digits or '_'",
            pattern_hint='e.g. id = "regional_desk"',
        ),
        String("label", "The analyst's name in tables and reports (default: the id)."),
        Number(
            "weight",
            "Voting power (> 0), relative to the other analysts'.",
            positive=True,
            maximum=MAX_RELATIVE,
            default=1.0,
        ),
        Section(
            "weights",
            "The analyst's judgments on the top-level criteria.",
            table="analyst_weights",
        ),
        Map(
            "nodes",
            "The analyst's judgments on the children of deeper nodes, by criterion id.",
            entry=Section("node", "Judgments on one node's children.", table="analyst_weights"),
            default={},
        ),
        Text("note", "Free text: the analyst's rationale."),
    ),
    header="[[analysts]]",
)

# ---------------------------------------------------------------- the other tables
_NOTE = Text("note", "Free text, shown beside it.")
_CODES = "ISO 3166 alpha-3 codes"

OVERRIDE_TABLES = (
    Table(
        "overrides",
        "Facts the data set lacks or gets wrong.",
        (
            Sections("ties", "Defence ties to add or replace.", table="tie"),
            Sections("values", "Nation-year values to set.", table="value_override"),
            Sections(
                "rivalries",
                "Strategic rivalries to add or to end.",
                table="rivalry_override",
            ),
        ),
    ),
    Table(
        "tie",
        "A defence tie between two groups of states, with its source.",
        (
            String("kind", "The tie's kind.", required=True, choices=lambda: list(TIE_KINDS)),
            Strings("parties", f"One side, as {_CODES}.", required=True),
            Strings("others", f"The other side, as {_CODES}.", required=True),
            Integer("from", "First year of the tie.", required=True, minimum=FIRST_OVERRIDE_YEAR),
            Integer("until", "Last year of the tie (default: open)."),
            String("source", "Where the fact comes from.", required=True),
            _NOTE,
            Boolean("replaces", "Replace ATOP's value instead of adding to it."),
        ),
        header="[[overrides.ties]]",
    ),
    Table(
        "value_override",
        "One nation-year value of a data table, with its source.",
        (
            String("table", "A nation-year table of the data set.", required=True),
            String("column", "A value column of that table.", required=True),
            String("nation", "The nation, an ISO 3166 alpha-3 code.", required=True),
            Integer("year", "The year of the value.", required=True, minimum=FIRST_OVERRIDE_YEAR),
            Number("value", "The value.", required=True),
            String("source", "Where the value comes from.", required=True),
            _NOTE,
        ),
        header="[[overrides.values]]",
    ),
    Table(
        "rivalry_override",
        "A strategic rivalry between two groups of states that the rivalry tables miss, "
        "or (kind none) that the analyst holds ended, with its source.",
        (
            String(
                "kind",
                "rivalry (add one) or none (end a coded one).",
                required=True,
                choices=lambda: list(RIVALRY_KINDS),
            ),
            Strings("parties", f"One side, as {_CODES}.", required=True),
            Strings("others", f"The other side, as {_CODES}.", required=True),
            Integer("from", "First year it holds.", required=True, minimum=FIRST_OVERRIDE_YEAR),
            Integer("until", "Last year it holds (default: open)."),
            String("source", "Where the judgement comes from.", required=True),
            _NOTE,
        ),
        header="[[overrides.rivalries]]",
    ),
)
"""The tables of an ``[overrides]`` section (``overrides``, ``tie``, ``value_override``,
``rivalry_override``), in a profile and in a facts file
(:data:`~alliancescore.model.facts_format.FACTS`) alike."""

PROFILE = Format(
    "profile",
    "alliancescore profile",
    (
        Table(
            "document",
            "A nation profile: who is asking, when, against which threats, with which weights.",
            (
                Section("profile", "Who is asking, and when.", table="profile", required=True),
                Sections(
                    "threats",
                    "The threats partners are judged against.",
                    table="threat",
                    required=True,
                ),
                Section("weights", WEIGHTS.doc, table="weights"),
                Map(
                    "methods",
                    "The methods to run, each with its parameters (method = { ... }): score "
                    "methods and outranking methods (at least one score method).",
                    names=lambda: list(all_methods()),
                    names_expected="a registered method (score or outranking)",
                    entry=Params("method", "A method's parameters.", registry=all_methods),
                    nonempty="at least one method",
                    default=DEFAULT_METHODS,
                ),
                Section("candidates", "Who may be a partner.", table="candidates", required=True),
                Sections("coalitions", "Groups scored as one alternative.", table="coalition"),
                Section(
                    "overrides",
                    "Facts the data set lacks, each with its source.",
                    table="overrides",
                ),
                Section(
                    "sensitivity", "Defaults for `alliancescore sensitivity`.", table="sensitivity"
                ),
                TABLES_KEY,
                Section("group", GROUP.doc, table="group"),
                Sections("analysts", "Several analysts' judgments (issue 17).", table="analyst"),
            ),
        ),
        Table(
            "profile",
            "Who is asking, when, and with which criteria file.",
            (
                String(
                    "id",
                    "Short name; names the output files.",
                    required=True,
                    pattern=r"[A-Za-z0-9_-]+",
                    pattern_expected="letters, digits, '_' or '-' (it names output files)",
                    pattern_hint='e.g. id = "japan_2018"',
                ),
                String("label", "A line saying who asks and against whom.", required=True),
                String("focal", "The nation asking: an ISO 3166 alpha-3 code.", required=True),
                Integer("year", "Reference year: no data after it is used.", required=True),
                String(
                    "criteria", "Criteria file, relative to this file (default: the shipped model)."
                ),
                Strings(
                    "theatre", f"Where deterrence must reach, as {_CODES} (default: the threats)."
                ),
                Strings(
                    "facts",
                    "Facts files, relative to this file: [overrides] that several profiles "
                    "share, each with its source; read before this file's own [overrides], "
                    "which win where the two disagree on a value or a rivalry.",
                    example='["../facts/ties.toml"]',
                ),
                Text("notes", "Free text."),
            ),
            header="[profile]",
        ),
        Table(
            "threat",
            "One threat actor.",
            (
                String("actor", "The threat: an ISO 3166 alpha-3 code.", required=True),
                Number(
                    "severity",
                    "Relative importance of this threat.",
                    positive=True,
                    maximum=MAX_RELATIVE,
                    default=1.0,
                ),
                _NOTE,
            ),
            header="[[threats]]",
        ),
        WEIGHTS,
        Table(
            "candidates",
            "Explicit candidates and selectors (which leave out the focal nation and its threats).",
            (
                Strings("include", f"Candidates by name, as {_CODES}."),
                Strings("regions", "Every state of these UN M49 regions.", example='["Europe"]'),
                Strings(
                    "subregions",
                    "Every state of these UN M49 sub-regions or intermediate regions (South "
                    "America, Western Africa: M49 splits Latin America and the Caribbean and "
                    "Sub-Saharan Africa into them).",
                    example='["Eastern Asia"]',
                ),
                Boolean("all_states", "Every state of the reference year."),
                Strings("exclude", f"Left out whatever selects them, as {_CODES}."),
                Boolean(
                    "require_relations",
                    "Leave out every candidate without diplomatic relations with the focal "
                    "nation at the end of the year (the data set's diplomatic_relations "
                    "table; unlisted pairs count as relations), before any method weighs them.",
                ),
                Boolean(
                    "require_armed_forces",
                    "Leave out every candidate without regular armed forces of its own at the "
                    "end of the year (the data set's no_armed_forces table: police or a coast "
                    "guard only; unlisted states count as having forces), before any method "
                    "weighs them.",
                ),
            ),
            header="[candidates]",
        ),
        Table(
            "coalition",
            "A group scored as one alternative (the focal nation is left out of its values).",
            (
                String("id", "Short name of the coalition.", required=True),
                String("label", "The coalition's name in tables and reports.", required=True),
                Strings("members", f"The members, as {_CODES}.", required=True),
                Map(
                    "aggregation",
                    "How members' values combine, by indicator id (default: the criteria "
                    "file's); checked against the criteria file when scoring.",
                    entry=Raw(
                        "aggregation",
                        "An aggregation.",
                        json={"enum": list(AGGREGATIONS)},
                        words="one of " + ", ".join(map(repr, AGGREGATIONS)),
                    ),
                    default={},
                ),
                _NOTE,
            ),
            header="[[coalitions]]",
        ),
        *OVERRIDE_TABLES,
        settings_table(
            "sensitivity",
            "Defaults for `alliancescore sensitivity` (its options override them).",
            header="[sensitivity]",
        ),
        ANALYST_TABLE,
        GROUP,
        ANALYST,
        ANALYST_WEIGHTS,
    ),
)
"""The profile format: tables ``document`` (the file), ``profile``, ``threat``, ``weights``,
``candidates``, ``coalition``, ``overrides``, ``tie``, ``value_override``,
``rivalry_override``, ``sensitivity``,
``analyst_table``, ``group``, ``analyst``, ``analyst_weights``."""
