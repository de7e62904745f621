"""Nation profiles: who is asking, when, against which threats, with which weights.

File format (``profiles/*.toml``)::

    [profile]
    id = "japan"
    label = "Japan: partners against China, North Korea and Russia"
    focal = "JPN"                      # ISO 3166 alpha-3
    year = 2018                        # reference year: no data after it is used
    criteria = "../criteria/default.toml"   # optional, relative to this file
    theatre = ["CHN", "PRK"]           # optional: where deterrence must reach (default: threats)
    facts = ["../facts/ties.toml"]     # optional: facts files, [overrides] several profiles
                                       # share (read first; this file's own win a conflict)
    notes = "..."

    [[threats]]
    actor = "CHN"
    severity = 1.0                     # > 0; relative importance of this threat
    note = "..."

    [weights]                          # optional: weights of the top-level criteria
    scheme = "direct"                  # direct | ahp | ranking | rank_sum | rank_reciprocal
                                       # | swara | bwm | entropy | critic | standard_deviation
                                       # | merec | criteria_file
    values = { shared_threats = 0.35, interoperability = 0.2, deterrence = 0.3,
               regional_stability = 0.15 }          # direct: any positive scale
    # ahp:     criteria = [ids...], matrix = [[1, 3], ["1/3", 1]], max_cr = 0.10,
    #          allow_inconsistent = false, ri_table = "saaty1980"
    # ranking, rank_sum, rank_reciprocal: values = { id = rank, ... } (1 = most important)
    #          -> rank-order centroid, rank-sum or rank-reciprocal weights
    # swara:   order = [ids, most important first],
    #          comparative_importance = { id = s, ... } (every id of order but the first)
    # bwm:     best = "id", worst = "id", best_to_others = { id = 1..9, ... },
    #          others_to_worst = { id = 1..9, ... }, bwm_model = "linear" | "nonlinear",
    #          bwm_max_cr = 0.3 (optional; no threshold unless set)
    # entropy, critic, standard_deviation, merec: computed on the alternatives' values of the
    #          top-level criteria (each criterion's indicators under their local weights)
    # criteria_file: the criteria file's own weights (no values)
    local = { capability = 0.6 }       # optional: local weight of any deeper node by id
    local_schemes = { interoperability = "critic" }   # optional: a criterion's children
                                       # weighed by an objective scheme on their values
    intervals = { deterrence = [0.2, 0.4] }   # optional: for sensitivity analysis

    [methods]                          # methods and their parameters (default: weighted_sum,
                                       # topsis, vikor, promethee_ii)
    weighted_sum = {}
    topsis = {}
    vikor = { v = 0.5 }
    electre_iii = { q = 0.05, p = 0.2, v = 0.8 }   # outranking methods too (promethee_i,
                                       # electre_i, electre_iii): relations, not scores;
                                       # thresholds in value units (0 = worst, 1 = best)

    [candidates]
    include = ["USA", "AUS"]           # explicit candidates
    regions = ["Asia"]                 # and/or selectors: regions, subregions, all_states
    subregions = ["Southern Asia"]
    all_states = false
    exclude = ["CHN"]
    require_relations = true           # screen out states without diplomatic relations
    require_armed_forces = true        # and states without armed forces of their own

    [[coalitions]]
    id = "quad"
    label = "The Quad"
    members = ["USA", "JPN", "IND", "AUS"]   # the focal nation is left out of the aggregation
    aggregation = { capability = "sum" }      # optional per-indicator override
    note = "..."

    [[overrides.ties]]
    kind = "security_partnership"      # defence_pact | security_partnership | dialogue | none
    parties = ["AUS"]
    others = ["GBR", "USA"]
    from = 2021
    until = 2030                       # optional
    source = "AUKUS joint leaders' statement, 15 September 2021"   # required
    replaces = false                   # optional: replace ATOP's value instead of adding
    note = "..."

    [[overrides.rivalries]]
    kind = "rivalry"                   # rivalry (one the tables miss) | none (one held ended)
    parties = ["GEO"]
    others = ["RUS"]
    from = 2008
    until = 2030                       # optional
    source = "..."                     # required
    note = "..."

    [[overrides.values]]
    table = "nmc"
    column = "milex"
    nation = "PRK"
    year = 2018
    value = 4000000
    source = "..."                     # required
    note = "..."

    [sensitivity]                      # optional defaults for `alliancescore sensitivity`
    samples = 100000
    seed = 1
    sampler = "dirichlet"              # uniform | dirichlet | intervals | ordinal
    concentration = 50
    data_error = 0.1                   # optional: relative error of the raw values
    k = 3                              # the top-k set whose stability is reported

    [[tables]]                         # optional: the analyst's own table of values, as in a
    id = "readiness"                   # criteria file (alliancescore.model.analyst_tables)
    file = "analyst/readiness.csv"     # .csv or .xlsx, relative to this file
    source = "..."                     # required
    date = 2025-03-01                  # required: when the values were assessed
    sheet = "Scores"                   # optional, .xlsx only
    columns = ["score"]                # optional: the value columns to read
    max_staleness_years = 5            # optional, with a 'year' column

    [group]                            # optional, with several analysts
    aggregation = "aij"                # aij | aip_geometric | aip_arithmetic

    [[analysts]]                       # optional: several analysts' judgments
    id = "regional_desk"               # unique; lowercase letters, digits, '_'
    label = "Regional desk"            # optional (default: the id)
    weight = 1.0                       # voting power, > 0
    note = "..."                       # optional: the analyst's rationale

    [analysts.weights]                 # the top level: the judged keys of [weights]
    scheme = "ahp"                     # direct | ahp | ranking | rank_sum | rank_reciprocal
                                       # | swing | swara | bwm
    criteria = ["shared_threats", "interoperability", "deterrence", "regional_stability"]
    matrix = [[1, 3, 2, 5], ["1/3", 1, "1/2", 2], ["1/2", 2, 1, 3], ["1/5", "1/2", "1/3", 1]]

    [analysts.nodes.deterrence]        # optional: judgments on one criterion's children
    scheme = "swing"                   # swing: points in (0, 100], the top swing at 100
    values = { capability = 60, capability_at_theatre = 100, nuclear = 40 }

Every key above, with its type, domain, default and a line on it, is declared once in
:data:`alliancescore.model.profile_format.PROFILE`: the schema checks and their messages come
from there, :func:`alliancescore.model.declare.reference` lists the keys and
:func:`alliancescore.model.declare.json_schema` gives a JSON Schema for editors.

Without ``[weights]`` the criteria file's own ``weight`` fields apply (as with ``scheme =
"criteria_file"``). A profile's top-level weights that differ from the criteria file's replace
them, and the result's notes say which (``weights: the profile's [weights] replace the criteria
file's for deterrence (0.25 -> 0.30)``).

An AHP judgment is a number or a quoted fraction: ``"1/3"`` (TOML has no fractions, so an
unquoted ``1/3`` does not parse; ``0.333`` also works, as a decimal).

Several analysts (``[[analysts]]``, issue 17): per node of the criteria tree the analysts'
judgments aggregated by ``[group] aggregation`` apply where at least one analyst judges that
node (an analyst who does not is left out there, and a note says so); else the profile's
``[weights]`` (top level) or ``local`` / ``local_schemes``; else the criteria file's weights
(:mod:`alliancescore.model.group_weights`). Each analyst's judgments are checked as
``[weights]`` is (ids, the AHP consistency ratio against the analyst's ``max_cr``).

Candidates from selectors leave out the focal nation and its threat actors; naming the focal
nation in ``include`` is an error. Nation codes, the year and the coalition members are
checked against the data set when one is given (``load_profile(path, data)``). The criteria
file, the weights against it and the methods' parameters are checked by
:func:`alliancescore.analysis.validation.check_profile`, which ``validate`` and ``score`` share.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from alliancescore.data import Dataset
from alliancescore.data.analyst import AnalystTable
from alliancescore.data.overrides import Overrides
from alliancescore.errors import AllianceScoreError, Problem

from . import profile_format as _format
from .analyst_tables import read_tables
from .declare import Reader, Table
from .facts import FactsFile, read_facts
from .file_kinds import PROFILE_KIND, refuse_other_kinds
from .overrides_read import merge_overrides, read_overrides
from .paths import beside
from .profile_data import check_against_data, data_years
from .profile_format import DEFAULT_METHODS, RANK_SCHEMES, SAMPLER_NAMES, WEIGHT_SCHEMES
from .schema import Checker, read_toml

__all__ = [
    "SAMPLER_NAMES",
    "WEIGHT_SCHEMES",
    "Analyst",
    "CandidateSpec",
    "Coalition",
    "Profile",
    "ProfileReading",
    "WeightSpec",
    "data_years",
    "load_profile",
    "partners",
    "read_profile",
    "read_profile_document",
]


@dataclass(frozen=True)
class WeightSpec:
    """The ``[weights]`` table as read (keys of the schemes not chosen are left empty); see
    :data:`~alliancescore.model.profile_format.WEIGHTS` for each key and
    :func:`~alliancescore.model.weights.resolve_weights` for how each scheme is computed."""

    scheme: str
    values: Mapping[str, float] = field(default_factory=dict)
    stated: bool = True
    """False when the profile has no ``[weights]`` at all (the criteria file's apply)."""
    ahp_criteria: tuple[str, ...] = ()
    ahp_matrix: tuple[tuple[float, ...], ...] = ()
    max_cr: float = 0.10
    allow_inconsistent: bool = False
    ri_table: str = "saaty1980"
    local: Mapping[str, float] = field(default_factory=dict)
    intervals: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    where: str = ""
    order: tuple[str, ...] = ()
    comparative_importance: Mapping[str, float] = field(default_factory=dict)
    best: str | None = None
    worst: str | None = None
    best_to_others: Mapping[str, float] = field(default_factory=dict)
    others_to_worst: Mapping[str, float] = field(default_factory=dict)
    bwm_model: str = "linear"
    bwm_max_cr: float | None = None
    local_schemes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Analyst:
    """One ``[[analysts]]`` entry as read: ``weights`` the judgments on the top-level criteria
    (``None``: none given), ``nodes`` the judgments on a deeper criterion's children by its
    id, ``weight`` the voting power (> 0)."""

    id: str
    label: str
    weight: float
    weights: WeightSpec | None
    nodes: Mapping[str, WeightSpec] = field(default_factory=dict)
    note: str = ""
    where: str = ""

    @property
    def judged(self) -> tuple[str, ...]:
        """The nodes this analyst judges: ``""`` for the top level, then criterion ids."""
        return (*([""] if self.weights is not None else []), *self.nodes)


@dataclass(frozen=True)
class CandidateSpec:
    include: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    subregions: tuple[str, ...] = ()
    all_states: bool = False
    exclude: tuple[str, ...] = ()
    # Leave out candidates without diplomatic relations with the focal nation in the year
    # (the data set's diplomatic_relations table): a screen before any method weighs them.
    require_relations: bool = False
    # Leave out candidates without regular armed forces of their own in the year (the data
    # set's no_armed_forces table): no military partner, whatever their other values.
    require_armed_forces: bool = False


@dataclass(frozen=True)
class Coalition:
    id: str
    label: str
    members: tuple[str, ...]
    aggregation: Mapping[str, str] = field(default_factory=dict)
    note: str = ""
    where: str = ""


@dataclass(frozen=True)
class Threat:
    actor: str
    severity: float
    note: str = ""


@dataclass(frozen=True)
class Profile:
    id: str
    label: str
    focal: str
    year: int
    threats: tuple[Threat, ...]
    weights: WeightSpec
    methods: Mapping[str, Mapping[str, Any]]
    candidates: CandidateSpec
    coalitions: tuple[Coalition, ...]
    overrides: Overrides
    criteria_path: str | None = None
    theatre: tuple[str, ...] = ()
    notes: str = ""
    sensitivity: Mapping[str, Any] = field(default_factory=dict)
    path: str = ""
    sha256: str = ""
    tables: tuple[AnalystTable, ...] = ()
    """The analyst's own tables the profile declares (``[[tables]]``), read and checked."""
    analysts: tuple[Analyst, ...] = ()
    """The analysts (``[[analysts]]``), each with their judgments; empty for one analyst."""
    group_aggregation: str = "aij"
    """How the analysts' judgments combine (``[group] aggregation``)."""
    facts: tuple[FactsFile, ...] = ()
    """The facts files the profile lists (``[profile] facts``); their overrides are in
    ``overrides`` already, before the profile's own."""
    document: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Every key of the declared format as read (defaults filled in): a key or table added to
    :data:`~alliancescore.model.profile_format.PROFILE` reaches its consumer here before a
    field above carries it."""


@dataclass(frozen=True)
class ProfileReading:
    """A profile file as far as it could be checked, for checks that go on past its problems.

    ``profile`` holds what was read; a field whose check failed is ``None`` or empty, so use
    it only for the parts not in ``failed``. ``failed`` names the parts of the file with
    problems (``"profile.criteria"``, ``"weights"``, ``"analysts"``, ``"methods.topsis"``,
    ...); ``skipped``
    has one line per check that could not run because of them.
    """

    profile: Profile
    problems: tuple[Problem, ...]
    failed: frozenset[str]
    skipped: tuple[str, ...] = ()


_VALUES_SCHEMES = ("direct", *RANK_SCHEMES, "swing")
"""The schemes whose judgments are ``[weights.values]`` (profile_format's cases)."""


def _weights_at_top(check: Checker, document: Mapping[str, Any]) -> Mapping[str, Any]:
    """``document`` with criterion weights written straight under ``[weights]`` (``[weights]
    shared_threats = 0.4``, the commonest slip), or under an analyst's ``[analysts.weights]``
    or ``[analysts.nodes.<id>]``, moved to that table's ``values``, where a scheme that reads
    values wants them, and recorded as one problem with the fix, instead of an unknown-key
    message per criterion and a missing ``values``."""
    out = dict(document)
    if "weights" in document:
        out["weights"] = _stray_weights(check, document["weights"], "weights", _format.WEIGHTS)
    analysts = document.get("analysts")
    if isinstance(analysts, list):
        out["analysts"] = [dict(a) if isinstance(a, dict) else a for a in analysts]
        for i, analyst in enumerate(out["analysts"]):
            if not isinstance(analyst, dict):
                continue
            key, table = f"analysts[{i}]", _format.ANALYST_WEIGHTS
            analyst["weights"] = _stray_weights(
                check, analyst.get("weights"), f"{key}.weights", table
            )
            if isinstance(analyst.get("nodes"), dict):
                analyst["nodes"] = {
                    node: _stray_weights(check, spec, f"{key}.nodes.{node}", table)
                    for node, spec in analyst["nodes"].items()
                }
    return out


def _misspelt(name: str, declared: list[str]) -> bool:
    """Whether ``name`` reads as a misspelling of a declared key (``max_crr``, ``schem``): one
    or two letters off, not merely alike (``power`` and ``order``)."""
    return any(difflib.SequenceMatcher(None, name, key).ratio() >= 0.8 for key in declared)


def _stray_weights(check: Checker, spec: Any, key: str, table: Table) -> Any:
    """``spec`` (a weights table at ``key``) with its stray keys moved under ``values`` when
    one of them is a number: see :func:`_weights_at_top`. A stray key close to a declared one
    (``max_crr``) is a misspelling, left for the declared table's did-you-mean."""
    if not isinstance(spec, dict) or "values" in spec:
        return spec
    if spec.get("scheme", "direct") not in _VALUES_SCHEMES:
        return spec
    declared = table.names
    stray = {k: v for k, v in spec.items() if k not in declared and not _misspelt(k, declared)}
    numbers = [
        k for k, v in stray.items() if isinstance(v, int | float) and not isinstance(v, bool)
    ]
    if not numbers:
        return spec
    first = numbers[0]
    table_name = re.sub(r"\[\d+\]", "", key)  # analysts[0].weights -> analysts.weights
    header = f"[{table_name}.values]"
    check.add(
        key,
        f"the criteria's weights under {header}",
        f"{', '.join(stray)} written directly under [{table_name}]",
        f"Put a {header} header above them, or write values = {{ {first} = "
        f"{stray[first]}, ... }} under [{table_name}]",
    )
    rest = {k: v for k, v in spec.items() if k not in stray}
    return {**rest, "values": stray}


def _weights(check: Checker, spec: dict[str, Any] | None, key: str = "weights") -> WeightSpec:
    """The ``[weights]`` table (or an analyst's judgments at ``key``) as read; ``None`` (left
    out) means the criteria file's weights. Checked here: ranks of a ranking, the AHP matrix's
    size against its criteria, BWM's best and worst."""
    if spec is None:  # no [weights]: the criteria file's own weights apply
        return WeightSpec(scheme="criteria_file", where=check.where(key), stated=False)
    scheme = spec["scheme"]
    # The keys of the schemes not chosen are refused and left unread (profile_format's cases).
    values = dict(spec["values"] or {})
    if scheme in RANK_SCHEMES:
        for name, rank in values.items():
            if rank < 1 or rank != int(rank):
                check.add(f"{key}.values.{name}", "a whole-number rank >= 1", repr(rank))
    best, worst = spec["best"], spec["worst"]
    if scheme == "bwm" and best is not None and best == worst:
        check.add(
            f"{key}.worst",
            "a criterion other than best (BWM compares the most and the least important)",
            f"{worst!r}, also best",
            "Name the least important criterion as worst",
        )
    criteria = tuple(spec["criteria"] or ())
    matrix = _ahp_matrix(check, spec["matrix"], len(criteria), key)
    return WeightSpec(
        scheme=scheme or "direct",
        values=MappingProxyType(values),
        ahp_criteria=criteria,
        ahp_matrix=matrix,
        max_cr=spec["max_cr"] or 0.10,
        allow_inconsistent=spec["allow_inconsistent"],
        ri_table=spec["ri_table"] or "saaty1980",
        local=MappingProxyType(dict(spec.get("local") or {})),
        intervals=MappingProxyType(dict(spec.get("intervals") or {})),
        where=check.where(key),
        order=tuple(spec["order"] or ()),
        comparative_importance=MappingProxyType(dict(spec["comparative_importance"] or {})),
        best=best,
        worst=worst,
        best_to_others=MappingProxyType(dict(spec["best_to_others"] or {})),
        others_to_worst=MappingProxyType(dict(spec["others_to_worst"] or {})),
        bwm_model=spec["bwm_model"] or "linear",
        bwm_max_cr=spec["bwm_max_cr"],
        local_schemes=MappingProxyType(dict(spec.get("local_schemes") or {})),
    )


def _ahp_matrix(
    check: Checker, cells: list[list[float | None]] | None, size: int, key: str = "weights"
) -> tuple[tuple[float, ...], ...]:
    """The judgments (each cell checked as read) as a ``size`` x ``size`` matrix, or ``()``."""
    if cells is None:
        return ()
    if len(cells) != size or any(len(row) != size for row in cells):
        check.add(
            f"{key}.matrix",
            f"a {size} x {size} matrix (one row and column per entry of {key}.criteria)",
            f"{len(cells)} rows of lengths {[len(row) for row in cells]}",
        )
        return ()
    if any(v is None for row in cells for v in row):
        return ()
    return tuple(tuple(row) for row in cells)  # type: ignore[arg-type]


def _analysts(check: Checker, entries: list[dict[str, Any] | None]) -> list[Analyst]:
    """The analysts as read: ids used once, each judging at least one node."""
    out = []
    first: dict[str, int] = {}
    for i, spec in enumerate(entries):
        if spec is None or spec["id"] is None:
            continue
        key = f"analysts[{i}]"
        aid = spec["id"]
        if aid in first:
            check.add(
                f"{key}.id",
                "an analyst id used once",
                f"{aid!r} again (first at analysts[{first[aid]}])",
                "Give each analyst a distinct id",
            )
            continue
        first[aid] = i
        nodes = spec["nodes"] or {}
        if spec["weights"] is None and not nodes:
            check.add(
                key,
                "judgments: [analysts.weights] (the top-level criteria) or "
                "[analysts.nodes.<criterion id>]",
                "neither",
                "Add the analyst's judgments, or remove the analyst",
            )
            continue
        top = _weights(check, spec["weights"], f"{key}.weights") if spec["weights"] else None
        out.append(
            Analyst(
                id=aid,
                label=spec["label"] or aid,
                weight=spec["weight"] if spec["weight"] is not None else 1.0,
                weights=top,
                nodes=MappingProxyType(
                    {
                        node: _weights(check, table, f"{key}.nodes.{node}")
                        for node, table in nodes.items()
                    }
                ),
                note=spec["note"] or "",
                where=check.where(key),
            )
        )
    return out


def _threats(check: Checker, entries: list[dict[str, Any] | None]) -> list[Threat]:
    """The threats as read; an actor listed twice is refused (its severity would count twice)."""
    out: list[Threat] = []
    first: dict[str, int] = {}
    for i, spec in enumerate(entries):
        if spec is None or spec["actor"] is None or spec["severity"] is None:
            continue
        actor = spec["actor"]
        if actor in first:
            check.add(
                f"threats[{i}].actor",
                "each threat actor once",
                f"{actor!r} again (first at threats[{first[actor]}])",
                "Give one entry per actor, with its severity",
            )
            continue
        first[actor] = i
        out.append(Threat(actor, spec["severity"], spec["note"]))
    return out


# What each selector list holds, and an example: said when one is written empty.
_SELECTORS = {
    "include": ("the candidates' ISO 3166 alpha-3 codes", 'include = ["USA", "GBR"]'),
    "regions": ("UN M49 regions", 'regions = ["Europe"]'),
    "subregions": (
        "UN M49 sub-regions or intermediate regions",
        'subregions = ["Eastern Asia", "South America"]',
    ),
}


def _candidates(
    check: Checker,
    spec: dict[str, Any] | None,
    written: Mapping[str, Any],
    focal: str | None,
    threats: list[Threat],
) -> CandidateSpec:
    """The ``[candidates]`` table as read; ``written``: the file's table as written."""
    spec = spec or {}
    candidates = CandidateSpec(
        include=tuple(spec.get("include", ())),
        regions=tuple(spec.get("regions", ())),
        subregions=tuple(spec.get("subregions", ())),
        all_states=bool(spec.get("all_states", False)),
        exclude=tuple(spec.get("exclude", ())),
        require_relations=bool(spec.get("require_relations", False)),
        require_armed_forces=bool(spec.get("require_armed_forces", False)),
    )
    chooses = (
        candidates.include or candidates.regions or candidates.subregions or candidates.all_states
    )
    empty = [key for key in _SELECTORS if written.get(key) == []]
    if written and not chooses and empty:  # the list is there: say it is empty, not missing
        check.add(
            f"candidates.{empty[0]}" if len(empty) == 1 else "candidates",
            "at least one candidate (include, regions, subregions or all_states = true)",
            "an empty list" if len(empty) == 1 else f"empty lists: {', '.join(empty)}",
            "Put "
            + " or ".join(
                f"{_SELECTORS[key][0]} in {key} (e.g. {_SELECTORS[key][1]})" for key in empty
            )
            + ", or set all_states = true",
        )
    elif written and not chooses:
        check.add(
            "candidates",
            "include, regions, subregions or all_states = true",
            "no way to choose candidates",
        )
    if focal is not None and focal in candidates.include:
        check.add(
            "candidates.include",
            f"candidates other than the focal nation {focal}",
            f"{focal} among them",
            "A nation cannot be its own partner: remove it",
        )
    _listed_twice(check, candidates)
    actors = {t.actor for t in threats}
    for i, code in enumerate(candidates.include):
        if code in actors:
            check.add(
                f"candidates.include[{i}]",
                "candidates other than the threat actors",
                repr(code),
                "A threat actor is not a partner against itself: remove it from include, or "
                "from [[threats]] if it is not a threat",
            )
    return candidates


def partners(members: Iterable[str], focal: str | None, actors: Iterable[str]) -> list[str]:
    """The members whose values a coalition aggregates: neither the focal nation nor any of
    ``actors`` (its threat actors: an adversary inside a coalition is not a partner, and
    counting it would credit the coalition with deterring itself). The one definition: the
    profile's check that a coalition has a partner and the matrix's aggregation
    (:func:`alliancescore.analysis.matrix.coalition_partners`) both use it."""
    left_out = {focal, *actors}
    return [m for m in members if m not in left_out]


def _listed_twice(check: Checker, candidates: CandidateSpec) -> None:
    """Entries repeated in ``include``, ``exclude``, ``regions`` or ``subregions`` (one message
    per list, as for a coalition's members) and codes both included and excluded (one per
    code): both were resolved silently (deduplicated; left out), which hides a slip, such as a
    code typed for another."""
    include = candidates.include
    at = {code: [i for i, c in enumerate(include) if c == code] for code in dict.fromkeys(include)}
    for key, each, effect in (
        ("include", "each candidate once", "a code typed for another: a candidate is scored"),
        ("exclude", "each code once", "a code typed for another: a code is left out"),
        ("regions", "each region once", "a region typed for another: its states are chosen"),
        (
            "subregions",
            "each sub-region once",
            "a sub-region typed for another: its states are chosen",
        ),
    ):
        _repeated_entries(check, key, getattr(candidates, key), each, effect)
    for j, code in enumerate(candidates.exclude):
        if code in at:
            check.add(
                f"candidates.exclude[{j}]",
                "a code not also in candidates.include (exclude leaves out what the selectors "
                "choose)",
                f"{code!r}, also at include[{at[code][0]}]",
                f"Remove {code} from include to leave it out, or from exclude to score it",
            )


def _repeated_entries(
    check: Checker, key: str, entries: tuple[str, ...], each: str, effect: str
) -> None:
    """One message naming every entry of ``candidates.<key>`` written more than once, with the
    places of each."""
    at = {name: [i for i, n in enumerate(entries) if n == name] for name in dict.fromkeys(entries)}
    repeated = {name: places for name, places in at.items() if len(places) > 1}
    if not repeated:
        return
    where = "; ".join(
        f"{name} at {' and '.join(f'{key}[{i}]' for i in places)}"
        for name, places in sorted(repeated.items())
    )
    check.add(
        f"candidates.{key}",
        each,
        f"{', '.join(sorted(repeated))} repeated",
        f"Keep one entry of each ({where}), or correct {effect} once, however often it is listed",
    )


def _coalitions(
    check: Checker, entries: list[dict[str, Any] | None], focal: str | None, threats: list[Threat]
) -> list[Coalition]:
    """The coalitions as read; ids used once, members once, a partner besides the focal nation
    and its threat actors (checked here, not when scoring, so that validate refuses it too)."""
    actors = [t.actor for t in threats]
    out = []
    seen_ids: set[str] = set()
    for i, spec in enumerate(entries):
        if spec is None:
            continue
        key = f"coalitions[{i}]"
        cid, members = spec["id"], list(spec["members"])
        if cid in seen_ids:
            check.add(f"{key}.id", "a coalition id used once", repr(cid))
        seen_ids.add(cid or "")
        repeated = sorted({m for m in members if members.count(m) > 1})
        if repeated:
            check.add(
                f"{key}.members",
                "each member once",
                f"{', '.join(repeated)} repeated",
                "A repeated member would be counted twice",
            )
        if not partners(members, focal, actors):
            check.add(
                f"{key}.members",
                "at least one member other than the focal nation and its threat actors",
                ", ".join(members) if members else "an empty list",
                "A coalition scores its partners' values, and the focal nation and the threat "
                "actors are none: add its partners, or remove the coalition",
            )
        if cid is not None and spec["label"] is not None and members:
            aggregation = MappingProxyType(dict(spec["aggregation"] or {}))
            out.append(
                Coalition(
                    cid, spec["label"], tuple(members), aggregation, spec["note"], check.where(key)
                )
            )
    return out


def _failed(check: Checker, document: Mapping[str, Any], read: Mapping[str, Any]) -> frozenset:
    """The parts of the file with problems that later layers skip (see
    :class:`ProfileReading`): ``profile.criteria``, ``weights`` (anything in it), ``methods``
    (not a table) and ``methods.<name>`` (that method's parameters)."""
    failed = {part for part in ("profile.criteria",) if check.has_problem(part)}
    if check.has_problem("weights", below=True):
        failed.add("weights")
    if check.has_problem("tables", below=True):
        failed.add("tables")
    if check.has_problem("analysts", below=True) or check.has_problem("group", below=True):
        failed.add("analysts")
    methods = document.get("methods")
    if "methods" in document and read["methods"] is None:
        failed.add("methods")
    for name in methods if isinstance(methods, dict) else ():
        if check.has_problem(f"methods.{name}", below=True):
            failed.add(f"methods.{name}")
    return frozenset(failed)


def load_profile(path: str | Path, data: Dataset | None = None) -> Profile:
    """Read and check a profile; with ``data``, also check nations, year and data tables.

    Every problem is raised in one :class:`~alliancescore.errors.AllianceScoreError`.
    """
    reading = read_profile(path, data)
    if reading.problems:
        raise AllianceScoreError(reading.problems, reading.skipped)
    return reading.profile


def read_profile(path: str | Path, data: Dataset | None = None) -> ProfileReading:
    """Check a profile as far as it goes, without raising for its problems (see
    :class:`ProfileReading`); a file that is not TOML still raises. The file is read against
    :data:`~alliancescore.model.profile_format.PROFILE`, then the checks across keys run;
    with ``data``, nations, the year and data tables are checked against the data set too."""
    document, digest = read_toml(path)
    refuse_other_kinds(document, path, PROFILE_KIND)
    return read_profile_document(document, digest, path, data)


def read_profile_document(
    document: Mapping[str, Any], digest: str, path: str | Path, data: Dataset | None = None
) -> ProfileReading:
    """:func:`read_profile` on an already parsed document (a template with its focal, year or
    threats replaced, as a study does); ``path`` locates messages and relative paths, ``digest``
    is the SHA-256 recorded for the inputs."""
    check = Checker(path)
    document = _weights_at_top(check, document)
    read = Reader(check, _format.PROFILE).document(document)
    head = read["profile"] or {}
    focal, year = head.get("focal"), head.get("year")
    threats = _threats(check, read["threats"])
    weights = _weights(check, read["weights"])
    table = document.get("candidates")
    written = table if isinstance(table, dict) else {}
    candidates = _candidates(check, read["candidates"], written, focal, threats)
    coalitions = _coalitions(check, read["coalitions"], focal, threats)
    own = read_overrides(check, read["overrides"])
    facts = read_facts(check, head.get("facts"), path)
    overrides = merge_overrides(*(f.overrides for f in facts), own)
    theatre = tuple(head.get("theatre", ()))
    tables = read_tables(check, read["tables"], path, data)
    analysts = _analysts(check, read["analysts"])
    group = read["group"] or {}
    skipped = []
    if data is not None:
        not_checked = check_against_data(
            check, data, focal, year, threats, theatre, candidates, coalitions, overrides
        )
        skipped += [not_checked] if not_checked else []
    criteria_path = head.get("criteria")
    sensitivity = document.get("sensitivity")
    methods = read["methods"] if read["methods"] is not None else DEFAULT_METHODS
    profile = Profile(
        id=head.get("id"),
        label=head.get("label"),
        focal=focal,
        year=year,
        threats=tuple(threats),
        weights=weights,
        methods=MappingProxyType({k: dict(v) for k, v in methods.items()}),
        candidates=candidates,
        coalitions=tuple(coalitions),
        overrides=overrides,
        criteria_path=(str(beside(path, criteria_path)) if criteria_path else None),
        theatre=theatre,
        notes=head.get("notes", ""),
        sensitivity=MappingProxyType(dict(sensitivity) if isinstance(sensitivity, dict) else {}),
        path=str(path),
        sha256=digest,
        tables=tables,
        analysts=tuple(analysts),
        group_aggregation=group.get("aggregation") or "aij",
        facts=facts,
        document=MappingProxyType(read),
    )
    failed = _failed(check, document, read)
    return ProfileReading(profile, tuple(check.problems), failed, tuple(skipped))
