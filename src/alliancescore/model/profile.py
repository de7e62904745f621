"""Nation profiles: who is asking, when, against which threats, with which weights.

File format (``profiles/*.toml``)::

    [profile]
    id = "japan"
    label = "Japan: partners against China, North Korea and Russia"
    focal = "JPN"                      # ISO 3166 alpha-3
    year = 2018                        # reference year: no data after it is used
    criteria = "../criteria/default.toml"   # optional, relative to this file
    theatre = ["CHN", "PRK"]           # optional: where deterrence must reach (default: threats)
    notes = "..."

    [[threats]]
    actor = "CHN"
    severity = 1.0                     # > 0; relative importance of this threat
    note = "..."

    [weights]                          # optional: weights of the top-level criteria
    scheme = "direct"                  # direct | ahp | ranking | criteria_file
    values = { shared_threats = 0.35, interoperability = 0.2, deterrence = 0.3,
               regional_stability = 0.15 }          # direct: any positive scale
    # ahp:     criteria = [ids...], matrix = [[1, 3], ["1/3", 1]], max_cr = 0.10,
    #          allow_inconsistent = false
    # ranking: values = { id = rank, ... } (1 = most important) -> rank-order centroid weights
    # criteria_file: the criteria file's own weights (no values)
    local = { capability = 0.6 }       # optional: local weight of any deeper node by id
    intervals = { deterrence = [0.2, 0.4] }   # optional: for sensitivity analysis

    [methods]                          # methods and their parameters
    weighted_sum = {}
    topsis = {}
    vikor = { v = 0.5 }

    [candidates]
    include = ["USA", "AUS"]           # explicit candidates
    regions = ["Asia"]                 # and/or selectors: regions, subregions, all_states
    all_states = false
    exclude = ["CHN"]

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

    [[overrides.values]]
    table = "nmc"
    column = "milex"
    nation = "PRK"
    year = 2018
    value = 4000000
    source = "..."                     # required

    [sensitivity]                      # optional defaults for `alliancescore sensitivity`
    samples = 100000
    seed = 1
    sampler = "dirichlet"              # alliancescore.settings.PROFILE_SAMPLERS
    concentration = 50

Without ``[weights]`` the criteria file's own ``weight`` fields apply (as with ``scheme =
"criteria_file"``). A profile's top-level weights that differ from the criteria file's replace
them, and the result's notes say which (``weights: the profile's [weights] replace the criteria
file's for deterrence (0.25 -> 0.30)``).

An AHP judgment is a number or a quoted fraction: ``"1/3"`` (TOML has no fractions, so an
unquoted ``1/3`` does not parse; ``0.333`` also works, as a decimal).

Candidates from selectors leave out the focal nation and its threat actors; naming the focal
nation in ``include`` is an error. Nation codes, the year and the coalition members are
checked against the data set when one is given (``load_profile(path, data)``). The criteria
file, the weights against it and the methods' parameters are checked by
:func:`alliancescore.analysis.validation.check_profile`, which ``validate`` and ``score`` share.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from alliancescore.data import TABLES, Dataset
from alliancescore.data.overrides import TIE_KINDS, Overrides, TieOverride, ValueOverride
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.mcda import METHODS
from alliancescore.settings import SensitivitySpec

from .schema import Checker, read_toml, shown

__all__ = [
    "WEIGHT_SCHEMES",
    "CandidateSpec",
    "Coalition",
    "Profile",
    "ProfileReading",
    "WeightSpec",
    "load_profile",
    "read_profile",
]

WEIGHT_SCHEMES = ("direct", "ahp", "ranking", "criteria_file")
_ID = re.compile(r"[A-Za-z0-9_-]+")
_TOP_KEYS = [
    "profile",
    "threats",
    "weights",
    "methods",
    "candidates",
    "coalitions",
    "overrides",
    "sensitivity",
]
_PROFILE_KEYS = ["id", "label", "focal", "year", "criteria", "theatre", "notes"]
_WEIGHT_KEYS = [
    "scheme",
    "values",
    "criteria",
    "matrix",
    "max_cr",
    "allow_inconsistent",
    "ri_table",
    "local",
    "intervals",
]
_CANDIDATE_KEYS = ["include", "regions", "subregions", "all_states", "exclude"]
_COALITION_KEYS = ["id", "label", "members", "aggregation", "note"]
_TIE_KEYS = ["kind", "parties", "others", "from", "until", "source", "note", "replaces"]
_VALUE_KEYS = ["table", "column", "nation", "year", "value", "source", "note"]


@dataclass(frozen=True)
class WeightSpec:
    scheme: str
    values: Mapping[str, float] = field(default_factory=dict)
    ahp_criteria: tuple[str, ...] = ()
    ahp_matrix: tuple[tuple[float, ...], ...] = ()
    max_cr: float = 0.10
    allow_inconsistent: bool = False
    ri_table: str = "saaty1980"
    local: Mapping[str, float] = field(default_factory=dict)
    intervals: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    where: str = ""


@dataclass(frozen=True)
class CandidateSpec:
    include: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    subregions: tuple[str, ...] = ()
    all_states: bool = False
    exclude: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class ProfileReading:
    """A profile file as far as it could be checked, for checks that go on past its problems.

    ``profile`` holds what was read; a field whose check failed is ``None`` or empty, so use
    it only for the parts not in ``failed``. ``failed`` names the parts of the file with
    problems (``"profile.criteria"``, ``"weights"``, ``"methods.topsis"``, ...); ``skipped``
    has one line per check that could not run because of them.
    """

    profile: Profile
    problems: tuple[Problem, ...]
    failed: frozenset[str]
    skipped: tuple[str, ...] = ()


def _pair_list(check: Checker, key: str, table: dict) -> dict[str, tuple[float, float]]:
    out = {}
    for name, value in table.items():
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        )
        if not ok or not 0 <= value[0] <= value[1] <= 1:
            check.add(f"{key}.{name}", "[lower, upper] with 0 <= lower <= upper <= 1", repr(value))
            continue
        out[name] = (float(value[0]), float(value[1]))
    return out


def _number_table(check: Checker, key: str, value: Any, *, positive: bool) -> dict[str, float]:
    table = check.table(key, value, required=False) or {}
    out = {}
    for name, raw in table.items():
        number = check.number_value(f"{key}.{name}", raw, minimum=0.0)
        if number is not None:
            out[name] = number
    return out


_NUMBER_TEXT = r"\s*((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*"
_JUDGMENT_TEXT = re.compile(f"{_NUMBER_TEXT}(?:/{_NUMBER_TEXT})?")


def _judgment(check: Checker, key: str, value: Any) -> float | None:
    """One AHP judgment: a number, or a string of a positive number or a fraction ``"a/b"``
    of two (TOML has no fractions, and ``1/2`` unquoted does not parse)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)  # out-of-scale numbers are the pairwise check's to report
    found = _JUDGMENT_TEXT.fullmatch(value) if isinstance(value, str) else None
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


def _ahp_matrix(check: Checker, raw: Any, size: int) -> tuple[tuple[float, ...], ...]:
    """The pairwise judgments of ``weights.matrix``, each cell checked where it stands."""
    if not (isinstance(raw, list) and all(isinstance(row, list) for row in raw)):
        check.add("weights.matrix", "a square list of lists of judgments", shown(raw))
        return ()
    cells = [
        [_judgment(check, f"weights.matrix[{i}][{j}]", v) for j, v in enumerate(row)]
        for i, row in enumerate(raw)
    ]
    if len(cells) != size or any(len(row) != size for row in cells):
        check.add(
            "weights.matrix",
            f"a {size} x {size} matrix (one row and column per entry of weights.criteria)",
            f"{len(cells)} rows of lengths {[len(row) for row in cells]}",
        )
        return ()
    if any(v is None for row in cells for v in row):
        return ()
    return tuple(tuple(row) for row in cells)


def _weights(check: Checker, spec: dict | None) -> WeightSpec:
    """The ``[weights]`` table; ``None`` (left out) means the criteria file's weights."""
    if spec is None:  # no [weights]: the criteria file's own weights apply
        return WeightSpec(scheme="criteria_file", where=check.where("weights"))
    check.keys("weights", spec, _WEIGHT_KEYS, ["scheme"])
    scheme = check.string("weights", spec, "scheme", choices=WEIGHT_SCHEMES, default="direct")
    values: dict[str, float] = {}
    criteria: tuple[str, ...] = ()
    matrix: tuple[tuple[float, ...], ...] = ()
    if scheme == "criteria_file":
        for name in ("values", "criteria", "matrix"):
            if name in spec:
                check.add(
                    f"weights.{name}",
                    'nothing with scheme = "criteria_file" (the criteria file\'s weights apply)',
                    shown(spec[name]),
                    "Remove it, or choose the scheme it belongs to",
                )
    if scheme in ("direct", "ranking"):
        if "values" not in spec:
            check.add(
                "weights.values",
                f"a table of {scheme} values by criterion id",
                "nothing (required for this scheme)",
            )
        values = _number_table(check, "weights.values", spec.get("values"), positive=False)
        if scheme == "ranking":
            for name, rank in values.items():
                if rank < 1 or rank != int(rank):
                    check.add(f"weights.values.{name}", "a whole-number rank >= 1", repr(rank))
    if scheme == "ahp":
        criteria = tuple(check.strings("weights", spec, "criteria"))
        matrix = _ahp_matrix(check, spec.get("matrix"), len(criteria))
    max_cr = check.number("weights", spec, "max_cr", required=False, minimum=0.0, default=0.10)
    allow = check.boolean("weights", spec, "allow_inconsistent")
    ri_table = check.string("weights", spec, "ri_table", required=False, default="saaty1980")
    local = _number_table(check, "weights.local", spec.get("local"), positive=False)
    intervals_table = check.table("weights.intervals", spec.get("intervals"), required=False)
    intervals = _pair_list(check, "weights.intervals", intervals_table or {})
    return WeightSpec(
        scheme=scheme or "direct",
        values=MappingProxyType(values),
        ahp_criteria=criteria,
        ahp_matrix=matrix,
        max_cr=max_cr or 0.10,
        allow_inconsistent=allow,
        ri_table=ri_table or "saaty1980",
        local=MappingProxyType(local),
        intervals=MappingProxyType(intervals),
        where=check.where("weights"),
    )


def _methods(check: Checker, spec: dict | None) -> dict[str, dict[str, Any]]:
    if spec is None:
        return {"weighted_sum": {}, "topsis": {}, "vikor": {}, "promethee_ii": {}}
    out = {}
    for name, params in spec.items():
        if name not in METHODS:
            check.add(
                f"methods.{name}", "a registered method", repr(name), did_you_mean(name, METHODS)
            )
            continue
        with check.section(f"methods.{name}"):
            params = check.table(f"methods.{name}", params)
            if params is None:
                continue
            check.keys(f"methods.{name}", params, list(METHODS[name].params))
        out[name] = dict(params)
    if not spec:
        check.add("methods", "at least one method", "an empty table")
    return out


def _ties(check: Checker, specs: list[dict]) -> list[TieOverride]:
    out = []
    for i, spec in enumerate(specs):
        key = f"overrides.ties[{i}]"
        check.keys(key, spec, _TIE_KEYS, ["kind", "parties", "others", "from", "source"])
        kind = check.string(key, spec, "kind", choices=list(TIE_KINDS))
        parties = check.strings(key, spec, "parties")
        others = check.strings(key, spec, "others")
        first = check.integer(key, spec, "from", minimum=1816)
        last = check.integer(key, spec, "until", required=False)
        source = check.string(key, spec, "source")
        if first is not None and last is not None and last < first:
            check.add(f"{key}.until", f"a year at or after from = {first}", repr(last))
        if None not in (kind, first, source) and parties and others:
            out.append(
                TieOverride(
                    kind,
                    tuple(parties),
                    tuple(others),
                    first,
                    last,
                    source,
                    spec.get("note", ""),
                    check.where(key),
                    check.boolean(key, spec, "replaces"),
                )
            )
    return out


def _values(check: Checker, specs: list[dict]) -> list[ValueOverride]:
    out = []
    for i, spec in enumerate(specs):
        key = f"overrides.values[{i}]"
        check.keys(key, spec, _VALUE_KEYS, ["table", "column", "nation", "year", "value", "source"])
        table = check.string(key, spec, "table")
        column = check.string(key, spec, "column")
        nation = check.string(key, spec, "nation")
        year = check.integer(key, spec, "year", minimum=1816)
        value = check.number(key, spec, "value")
        source = check.string(key, spec, "source")
        if None not in (table, column, nation, year, value, source):
            out.append(
                ValueOverride(
                    table,
                    column,
                    nation,
                    year,
                    value,
                    source,
                    spec.get("note", ""),
                    check.where(key),
                )
            )
    return out


def data_years() -> tuple[int, int]:
    """The years a profile may use: from the earliest table start to the latest table end."""
    firsts = [spec.first_year for spec in TABLES.values() if spec.first_year is not None]
    lasts = [spec.last_year for spec in TABLES.values() if spec.last_year is not None]
    return min(firsts), max(lasts)


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
    :class:`ProfileReading`); a file that is not TOML still raises. With ``data``, nations,
    the year and data tables are checked against the data set too."""
    document, digest = read_toml(path)
    check = Checker(path)
    check.keys("", document, _TOP_KEYS, ["profile", "threats", "candidates"])
    head = check.table("profile", document.get("profile")) or {}
    check.keys("profile", head, _PROFILE_KEYS, ["id", "label", "focal", "year"])
    profile_id = check.string("profile", head, "id")
    if profile_id is not None and not _ID.fullmatch(profile_id):
        check.add(
            "profile.id",
            "letters, digits, '_' or '-' (it names output files)",
            repr(profile_id),
            'e.g. id = "japan_2018"',
        )
        profile_id = None
    label = check.string("profile", head, "label")
    focal = check.string("profile", head, "focal")
    year = check.integer("profile", head, "year")
    with check.section("profile.criteria"):
        criteria_path = check.string("profile", head, "criteria", required=False)
    theatre = tuple(check.strings("profile", head, "theatre", required=False))
    notes = head.get("notes", "")

    threats = []
    for i, spec in enumerate(check.tables("threats", document.get("threats"))):
        check.keys(f"threats[{i}]", spec, ["actor", "severity", "note"], ["actor"])
        actor = check.string(f"threats[{i}]", spec, "actor")
        severity = check.number(
            f"threats[{i}]", spec, "severity", required=False, positive=True, default=1.0
        )
        if actor is not None and severity is not None:
            threats.append(Threat(actor, severity, str(spec.get("note", ""))))

    with check.section("weights"):
        weights = _weights(check, check.table("weights", document.get("weights"), False))
    with check.section("methods"):
        methods_table = check.table("methods", document.get("methods"), required=False)
    methods = _methods(check, methods_table)

    cand = check.table("candidates", document.get("candidates")) or {}
    check.keys("candidates", cand, _CANDIDATE_KEYS)
    candidates = CandidateSpec(
        include=tuple(check.strings("candidates", cand, "include", required=False)),
        regions=tuple(check.strings("candidates", cand, "regions", required=False)),
        subregions=tuple(check.strings("candidates", cand, "subregions", required=False)),
        all_states=check.boolean("candidates", cand, "all_states"),
        exclude=tuple(check.strings("candidates", cand, "exclude", required=False)),
    )
    if (
        not (
            candidates.include
            or candidates.regions
            or candidates.subregions
            or candidates.all_states
        )
        and cand
    ):
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

    coalitions = []
    seen_ids: set[str] = set()
    for i, spec in enumerate(check.tables("coalitions", document.get("coalitions"), False)):
        key = f"coalitions[{i}]"
        check.keys(key, spec, _COALITION_KEYS, ["id", "label", "members"])
        cid = check.string(key, spec, "id")
        clabel = check.string(key, spec, "label")
        members = check.strings(key, spec, "members")
        aggregation = check.table(f"{key}.aggregation", spec.get("aggregation"), False) or {}
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
        partners = [m for m in members if m != focal]
        if members and len(partners) < 1:
            check.add(
                f"{key}.members", "at least one member besides the focal nation", repr(members)
            )
        if cid is not None and clabel is not None and members:
            coalitions.append(
                Coalition(
                    cid,
                    clabel,
                    tuple(members),
                    MappingProxyType(dict(aggregation)),
                    str(spec.get("note", "")),
                    check.where(key),
                )
            )

    overrides_spec = check.table("overrides", document.get("overrides"), required=False) or {}
    check.keys("overrides", overrides_spec, ["ties", "values"])
    overrides = Overrides(
        tuple(_ties(check, check.tables("overrides.ties", overrides_spec.get("ties"), False))),
        tuple(
            _values(check, check.tables("overrides.values", overrides_spec.get("values"), False))
        ),
    )
    sensitivity = check.table("sensitivity", document.get("sensitivity"), False) or {}
    check.keys("sensitivity", sensitivity, list(SensitivitySpec.profile_keys()))
    for problem in SensitivitySpec.table_problems(sensitivity):  # the declared constraints
        check.add(problem.where, problem.expected, problem.found, problem.hint)

    skipped = []
    if data is not None:
        not_checked = _check_against_data(
            check, data, focal, year, threats, theatre, candidates, coalitions, overrides
        )
        skipped += [not_checked] if not_checked else []
    profile = Profile(
        id=profile_id,
        label=label,
        focal=focal,
        year=year,
        threats=tuple(threats),
        weights=weights,
        methods=MappingProxyType(methods),
        candidates=candidates,
        coalitions=tuple(coalitions),
        overrides=overrides,
        criteria_path=(str(Path(path).parent / criteria_path) if criteria_path else None),
        theatre=theatre,
        notes=str(notes),
        sensitivity=MappingProxyType(dict(sensitivity)),
        path=str(path),
        sha256=digest,
    )
    return ProfileReading(profile, tuple(check.problems), frozenset(check.failed), tuple(skipped))


def _check_against_data(
    check: Checker,
    data: Dataset,
    focal: str | None,
    year: int | None,
    threats: list[Threat],
    theatre: tuple[str, ...],
    candidates: CandidateSpec,
    coalitions: list[Coalition],
    overrides: Overrides,
) -> str | None:
    """Check nation codes, regions and override tables against the data set; returns a line
    saying what could not be checked (without a usable year), else ``None``."""
    if year is None:
        return "nation codes not checked against the data set: profile.year has errors"
    known = set(data.nations())
    names = {n.casefold(): iso for iso, n in data.crosswalk.nations[["iso3", "name"]].values}

    def nation(key: str, code: str, exists: bool = False) -> None:
        """A known code; with ``exists``, also a state in the reference year."""
        if code in known:
            if exists and not data.exists(code, year):
                check.add(
                    key,
                    f"a state that existed in {year}",
                    repr(code),
                    "Remove it or change the reference year",
                )
            return
        by_name = names.get(code.casefold())
        hint = (
            f"{code!r} is the name of {by_name}: use the code {by_name!r}"
            if by_name
            else did_you_mean(code.upper(), known)
        )
        check.add(key, "an ISO 3166 alpha-3 code known to the data set", repr(code), hint)

    first, last = data_years()
    if not first <= year <= last:
        check.add(
            "profile.year",
            f"a year the data cover, {first}..{last}",
            repr(year),
            "Tables past their end are used with staleness flags, up to the last year",
        )
        return "nation codes not checked against the data set: profile.year is outside the data"
    if focal is not None:
        nation("profile.focal", focal)
        if focal in known and not data.exists(focal, year):
            check.add("profile.focal", f"a state that existed in {year}", repr(focal))
    for i, threat in enumerate(threats):
        nation(f"threats[{i}].actor", threat.actor, exists=True)
        if focal is not None and threat.actor == focal:
            check.add(
                f"threats[{i}].actor", "a threat actor other than the focal nation", repr(focal)
            )
    for i, code in enumerate(theatre):
        nation(f"profile.theatre[{i}]", code, exists=True)
    for field_name in ("include", "exclude"):
        for i, code in enumerate(getattr(candidates, field_name)):
            nation(f"candidates.{field_name}[{i}]", code)
    regions = set(data.crosswalk.nations["region"].dropna())
    for i, region in enumerate(candidates.regions):
        if region not in regions:
            check.add(
                f"candidates.regions[{i}]",
                "a UN M49 region",
                repr(region),
                did_you_mean(region, regions),
            )
    subregions = set(data.crosswalk.nations["subregion"].dropna())
    for i, sub in enumerate(candidates.subregions):
        if sub not in subregions:
            check.add(
                f"candidates.subregions[{i}]",
                "a UN M49 sub-region",
                repr(sub),
                did_you_mean(sub, subregions),
            )
    for coalition in coalitions:
        key = coalition.where.split(": ", 1)[-1]
        for j, member in enumerate(coalition.members):
            nation(f"{key}.members[{j}]", member, exists=True)
    for override in overrides.ties:
        key = override.where.split(": ", 1)[-1]
        for group in ("parties", "others"):
            for j, code in enumerate(getattr(override, group)):
                nation(f"{key}.{group}[{j}]", code)
    for override in overrides.values:
        key = override.where.split(": ", 1)[-1]
        nation(f"{key}.nation", override.nation)
        monadic = [t for t in data.table_names if TABLES[t].kind == "monadic"]
        if override.table not in monadic:
            check.add(
                f"{key}.table",
                "a nation-year table of the data set",
                repr(override.table),
                did_you_mean(override.table, monadic),
            )
            continue
        columns = list(TABLES[override.table].value_columns)
        if override.column not in columns:
            check.add(
                f"{key}.column",
                f"a value column of {override.table}",
                repr(override.column),
                did_you_mean(override.column, columns),
            )
    return None
