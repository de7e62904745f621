"""The criteria file format (``criteria/*.toml``), declared once.

Read by :func:`alliancescore.model.criteria.load_criteria`; its checks, messages, unknown-key
lists and JSON Schema come from this declaration (:mod:`alliancescore.model.declare`).
Measures and coalition aggregations are the measures package's registries, value functions
:data:`~alliancescore.model.value_functions.VALUE_FUNCTIONS`.
"""

from __future__ import annotations

from alliancescore.measures import AGGREGATIONS, MEASURES

from .declare import Format, Table
from .kinds import Date, Integer, Number, Section, Sections, String, Strings
from .kinds_registered import Params
from .value_functions import VALUE_FUNCTION

__all__ = ["ANALYST_TABLE", "CRITERIA", "MISSING_POLICIES", "TABLES_KEY"]

MISSING_POLICIES = ("exclude", "worst", "neutral", "neutral_if_absent", "error")
"""What a missing raw value becomes: ``exclude`` drops the alternative, ``worst`` gives 0,
``neutral`` 0.5, ``neutral_if_absent`` 0.5 where the data are structurally absent (the state
is outside the source's universe: Taiwan in the UN votes, a microstate V-Dem does not code)
and 0 otherwise, ``error`` stops (:mod:`alliancescore.analysis.pipeline`)."""


MISSING_HINT = (
    "The policies: exclude drops the alternative from the ranking; worst gives the value 0, "
    "the bottom of the indicator's 0-1 value scale after its value function (the worst for a "
    "benefit and a cost alike, not a raw 0); neutral gives 0.5; neutral_if_absent gives 0.5 "
    "where the state is outside the source (e.g. not a UN member), else 0; error stops the "
    "run"
)
"""The hint for a ``missing`` that is no policy: what each one does."""


def _node_keys() -> tuple:
    """The keys every node (criterion or indicator) starts with."""
    return (
        String(
            "id", "Names the node, unique in the file (profiles set weights by id).", required=True
        ),
        String("label", "The node's name in tables and reports.", required=True),
    )


ANALYST_TABLE = Table(
    "analyst_table",
    "An analyst's own table of values by nation (and year), read by indicators with "
    'measure = "table" (params = { table = <id>, column = <column> }).',
    (
        String(
            "id",
            "Names the table for indicators (unique among the tables of the criteria file and "
            "the profile; not a data set table's name).",
            required=True,
            pattern=r"[A-Za-z][A-Za-z0-9_-]*",
            pattern_expected="a letter, then letters, digits, '_' or '-'",
            pattern_hint='e.g. id = "readiness"',
        ),
        String(
            "file",
            "A .csv or .xlsx file, relative to this file: a header row, an 'iso3' column of "
            "ISO 3166 alpha-3 codes, an optional 'year' column, numeric value columns.",
            required=True,
        ),
        String("source", "Where the values come from (who assessed them, how).", required=True),
        Date("date", "The date the values were assessed.", required=True),
        String("sheet", "The sheet of an .xlsx file (default: its first sheet)."),
        Strings(
            "columns",
            "The value columns to read (default: every column besides iso3 and year; others "
            "are ignored).",
        ),
        Integer(
            "max_staleness_years",
            "With a 'year' column: a value older than this many years before the reference "
            "year counts as missing (stale), as in the shipped tables (default: no limit).",
            minimum=0,
        ),
    ),
    header="[[tables]]",
)
"""One ``[[tables]]`` entry; criteria files and profiles declare them alike
(:mod:`alliancescore.model.analyst_tables` reads the files)."""

TABLES_KEY = Sections(
    "tables",
    'The analyst\'s own tables of values (CSV or XLSX), for indicators with measure = "table".',
    table="analyst_table",
)
"""The document key holding the ``[[tables]]`` entries (in both formats)."""

_WEIGHT = Number(
    "weight", "Local weight among its siblings (rescaled to sum 1).", required=True, minimum=0.0
)
_RATIONALE = String("rationale", "Why it belongs in the model.", required=True)

CRITERIA = Format(
    "criteria",
    "alliancescore criteria file",
    (
        Table(
            "document",
            "A criteria file: a goal, criteria, optional sub-criteria, and indicators.",
            (
                Section("model", "What the model is.", table="model", required=True),
                Sections(
                    "criteria",
                    "The criteria under the goal.",
                    table="criterion",
                    required=True,
                    nonempty=True,
                ),
                TABLES_KEY,
            ),
        ),
        Table(
            "model",
            "The model's name, version and rationale.",
            (
                String("id", "Short name of the model.", required=True),
                String("label", "The model's title.", required=True),
                String("version", "A version the analyst keeps.", default=""),
                String("rationale", "What the model judges, and why.", required=True),
            ),
            header="[model]",
        ),
        Table(
            "criterion",
            "A criterion: sub-criteria, indicators or both.",
            (
                *_node_keys(),
                _WEIGHT,
                _RATIONALE,
                Sections("criteria", "Sub-criteria, nested the same way.", table="criterion"),
                Sections("indicators", "The indicators measuring it.", table="indicator"),
            ),
            header="[[criteria]]",
        ),
        Table(
            "indicator",
            "A measurable indicator of a criterion.",
            (
                *_node_keys(),
                String(
                    "measure",
                    "The registered measure giving its raw values.",
                    required=True,
                    choices=lambda: list(MEASURES),
                ),
                String(
                    "direction",
                    "Whether more is better (benefit) or worse (cost).",
                    required=True,
                    choices=("benefit", "cost"),
                ),
                _WEIGHT,
                _RATIONALE,
                VALUE_FUNCTION,
                String(
                    "missing",
                    "What a missing raw value becomes: exclude (drop the alternative), worst "
                    "(0), neutral (0.5), neutral_if_absent (0.5 where the state is outside the "
                    "source, e.g. not a UN member; else 0) or error.",
                    choices=MISSING_POLICIES,
                    default="worst",
                    choices_hint=MISSING_HINT,
                ),
                String(
                    "aggregation",
                    "How coalition members' values combine (default: the measure's).",
                    choices=lambda: list(AGGREGATIONS),
                ),
                Params(
                    "params",
                    "The measure's parameters (default: its own).",
                    registry=lambda: MEASURES,
                    selector="measure",
                    same_kind=True,
                    check_domains=True,
                    default={},
                ),
            ),
            header="[[criteria.indicators]]",
        ),
        ANALYST_TABLE,
    ),
)
"""The criteria file format: tables ``document`` (the file), ``model``, ``criterion``,
``indicator``, ``analyst_table``."""
