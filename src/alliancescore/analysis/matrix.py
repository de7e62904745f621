"""The decision matrix of one profile: candidates and coalitions x indicators, on real data.

Steps, each stated in the result:

1. candidates: the profile's explicit list plus its selectors (regions, sub-regions, all
   states), restricted to states existing in the reference year; selectors leave out the
   focal nation and its threat actors; exclusions apply last;
2. raw values: every indicator's measure for every candidate and every coalition member,
   with a provenance record per value (:mod:`alliancescore.data.provenance`: table, column,
   years used, stale, carried forward, override);
3. to 5. the array pipeline (:func:`alliancescore.analysis.pipeline.run_pipeline`, shared
   with the backtest panel and the data-uncertainty draws): coalitions aggregate their
   partners' values per indicator (the measure's default aggregation or the criteria file's,
   overridable per coalition; the focal nation and threat actors left out, except that the
   alignment and hostility costs, whose measures are registered with ``threat_members``,
   count a threat actor inside a coalition too (:func:`coalition_partners`)) over the
   partners with a value, naming the ones left out in the cell's record and in a note; with
   no partner's value, or a partner missing under a weakest link (``min`` of a benefit,
   ``max`` of a cost), the coalition's value is missing; missing values follow the indicator's
   policy (``exclude`` drops the alternative, listed; ``error`` stops with a message naming
   them; ``worst`` gives 0, ``neutral`` 0.5, ``neutral_if_absent`` 0.5 where the record says
   the state is outside the source (:attr:`~alliancescore.data.provenance.Use.absent`) and
   0 otherwise, after the value functions; a weakest-link coalition missing a partner's
   value gets 0); value functions map raw values onto [0, 1] (1 = best) over the kept
   alternatives at once; categories are not averaged: for a categorical value function a
   coalition aggregates its partners' values instead.

Each cell's record says where its value came from; a coalition's records its aggregation,
partners and the partners without data, and every record the missing-data policy applied to
it. The source strings (``matrix.sources``) are rendered from the records.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import pandas as pd

from alliancescore.data import TABLES, Dataset
from alliancescore.data.provenance import THREAT_FLOOR, Provenance, render
from alliancescore.errors import AllianceScoreError, DataSetError, Problem, did_you_mean
from alliancescore.measures import AGGREGATIONS, MEASURES, MeasureContext, Threat
from alliancescore.model.analyst_tables import merged_tables
from alliancescore.model.criteria import CriteriaModel
from alliancescore.model.profile import Profile, partners
from alliancescore.model.value_functions import ValueFunction

from .pipeline import FILLS, NEUTRAL_VALUE, Layout, Rule, run_pipeline

__all__ = [
    "NEUTRAL_VALUE",
    "NO_ARMED_FORCES",
    "CandidateSelection",
    "DecisionMatrix",
    "absent_cells",
    "alternative_layout",
    "build_matrix",
    "measure_context",
    "pipeline_rules",
    "reference_states",
    "scaled_value_functions",
    "screen_armed_forces",
    "screen_of",
    "screen_relations",
    "select_candidates",
]

NO_ARMED_FORCES = "no armed forces"
"""The head of a reason the armed-forces screen gives (``"no armed forces: <what>, ..."``)."""
_FORCES_TABLE = "no_armed_forces"
# Tables of arms transfers: a state without armed forces orders no major arms, so it has no
# share in them to count (a coalition's partners without forces are left out of them).
_ARMS_TABLES = frozenset({"arms_shares"})

_USE_COLUMNS = [
    "alternative",
    "indicator",
    "role",
    "nations",
    "table",
    "column",
    "years",
    "stale",
    "carried_forward",
    "override",
    "policy",
]


@dataclass(frozen=True)
class DecisionMatrix:
    """Alternatives x indicators. Frames share the index (alternative ids) and columns
    (indicator ids); ``values`` holds only the alternatives kept after missing-data policies.

    ``provenance`` holds each cell's :class:`~alliancescore.data.provenance.Provenance`
    record; ``sources`` is its text (rendered on first use) and :meth:`uses` its tidy table.
    """

    alternatives: pd.DataFrame  # label, kind ("state" | "coalition"), members
    raw: pd.DataFrame
    provenance: pd.DataFrame
    stale: pd.DataFrame
    values: pd.DataFrame
    # per cell where a policy filled it: "", "worst", "neutral", "neutral (absent)" or
    # "worst (weakest link)" (alliancescore.analysis.pipeline.FILLS)
    policy_applied: pd.DataFrame
    excluded: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # candidates the profile's screens (relations, armed forces) left out before scoring:
    # state -> reason (screen_of tells which screen)
    screened: dict[str, str] = field(default_factory=dict)
    # Raw values of every state measured (candidates and coalition members) x indicators,
    # and their records.
    state_raw: pd.DataFrame | None = None
    state_provenance: pd.DataFrame | None = None
    # The value function applied per indicator id: the criteria file's, with the bounds of
    # one that scales over every state (over = "states") fixed from those states' values.
    value_functions: Mapping[str, ValueFunction] = field(default_factory=dict)
    # Coalition members without armed forces of their own, left out of the coalitions'
    # arms-transfer indicators (alternative_layout).
    unarmed: tuple[str, ...] = ()

    @cached_property
    def sources(self) -> pd.DataFrame:
        """The cells' records as text: ``"nmc 2018"``, ``"mean over USA, IND, AUS"``."""
        return self.provenance.map(render).astype(object)

    def uses(self, alternatives: list[str] | None = None) -> pd.DataFrame:
        """The records as a tidy table: one row per table use behind a cell (``alternative``,
        ``indicator``, ``role``, ``nations``, ``table``, ``column``, ``years`` (an int, a
        (first, last) window or None), ``stale``, ``carried_forward``, ``override``,
        ``policy``), for ``alternatives`` (default all) in the matrix's order."""
        frame = self.provenance if alternatives is None else self.provenance.loc[alternatives]
        rows = [
            (alt, ind, u.role, u.nations, u.table, u.column, u.years, u.stale,
             u.carried_forward, u.override, record.policy)
            for alt, cells in frame.iterrows()
            for ind, record in cells.items()
            for u in record.uses
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=_USE_COLUMNS)


class CandidateSelection(NamedTuple):
    """The profile's candidate states, notes on what the selectors left out, and the states
    the screens (relations, armed forces) left out with the reason (state -> text, see
    :func:`screen_of`)."""

    states: list[str]
    notes: list[str]
    screened: dict[str, str]


def select_candidates(profile: Profile, data: Dataset) -> CandidateSelection:
    """The profile's candidate states and notes on what the selectors left out; with
    ``require_relations``, the candidates without diplomatic relations with the focal nation
    at the end of the year are screened out (:func:`screen_relations`), and with
    ``require_armed_forces`` those without armed forces of their own
    (:func:`screen_armed_forces`)."""
    spec, year = profile.candidates, profile.year
    existing = set(data.states(year))
    notes = []
    chosen = list(spec.include)
    not_states = [c for c in chosen if c not in existing]
    if not_states:
        raise AllianceScoreError(
            Problem(
                f"{profile.path}: candidates.include",
                f"states existing in {year}",
                ", ".join(not_states),
                "Remove them or change the reference year",
            )
        )
    selected: list[str] = []
    if spec.all_states:
        selected += sorted(existing)
    empty = []
    for selector, level, names in (
        ("regions", "region", spec.regions),
        ("subregions", "subregion", spec.subregions),
    ):
        for name in names:
            picked = data.nations(**{level: name}, year=year)
            selected += picked
            empty += [] if picked else [f"{selector} {name!r}"]
    if empty:
        # A place with no state that year (Micronesia in 1960) is no error, but it is said.
        notes.append(f"candidates: no state in {year} in {', '.join(empty)}")
    left_out = {profile.focal, *(t.actor for t in profile.threats)}
    dropped = sorted({c for c in selected if c in left_out})
    if dropped:
        notes.append(f"selectors left out the focal nation and threat actors: {', '.join(dropped)}")
    chosen += [c for c in selected if c not in left_out]
    excluded = set(spec.exclude)
    chosen = [c for c in dict.fromkeys(chosen) if c not in excluded]
    screened: dict[str, str] = {}
    if spec.require_relations and chosen:
        chosen, screened = screen_relations(profile, data, chosen)
        if screened:
            notes.append(
                f"candidates.require_relations: screened out {len(screened)} without diplomatic "
                f"relations with {profile.focal} at the end of {year}: {', '.join(screened)}"
            )
        if not chosen:
            raise AllianceScoreError(
                Problem(
                    f"{profile.path}: candidates.require_relations",
                    "at least one candidate with diplomatic relations with "
                    f"{profile.focal} in {year}",
                    f"all {len(screened)} candidates screened out ({', '.join(screened)})",
                    "Add candidates, or set require_relations = false to score them anyway",
                )
            )
        notes += _coalitions_without_relations(profile, data)
    if spec.require_armed_forces and chosen:
        chosen, without = screen_armed_forces(data, chosen, year)
        screened.update(without)
        if without:
            notes.append(
                f"candidates.require_armed_forces: screened out {len(without)} without armed "
                f"forces of their own at the end of {year}: {', '.join(without)}"
            )
        if not chosen:
            raise AllianceScoreError(
                Problem(
                    f"{profile.path}: candidates.require_armed_forces",
                    f"at least one candidate with armed forces of its own in {year}",
                    f"every candidate the other rules left screened out ({', '.join(without)})",
                    "Add candidates, or set require_armed_forces = false to score them anyway",
                )
            )
        notes += _coalitions_without_forces(profile, data)
    if not chosen:
        raise AllianceScoreError(
            Problem(f"{profile.path}: candidates", "at least one candidate state", "none left")
        )
    return CandidateSelection(chosen, notes, screened)


def _coalitions_without_relations(profile: Profile, data: Dataset) -> list[str]:
    """A note per coalition holding a member without diplomatic relations with the focal
    nation: the screen keeps the coalition (an organisation the focal belongs to, such as the
    GCC for Saudi Arabia during the Qatar boycott) but says so."""
    return _coalition_notes(
        profile,
        lambda members: data.diplomatic_relations(profile.focal, members, profile.year)[
            "relations"
        ],
        "require_relations",
        f"had no diplomatic relations with {profile.focal}",
    )


def _coalitions_without_forces(profile: Profile, data: Dataset) -> list[str]:
    """A note per coalition holding a member without armed forces of its own: the screen
    keeps the coalition (NATO holds Iceland) and its members' values, but says so."""
    return _coalition_notes(
        profile,
        lambda members: data.armed_forces(members, profile.year)["forces"],
        "require_armed_forces",
        "had no armed forces of its own",
    )


def _coalition_notes(
    profile: Profile, passes: Callable[[list[str]], pd.Series], key: str, what: str
) -> list[str]:
    """``candidates.<key>: coalition <id> kept, though <members> <what> at the end of <year>``
    for each coalition with members that ``passes`` (a bool Series by member) rejects."""
    notes = []
    for coalition in profile.coalitions:
        members = [m for m in coalition.members if m != profile.focal]
        if not members:
            continue
        kept = passes(members)
        without = [m for m in members if not kept[m]]
        if without:
            notes.append(
                f"candidates.{key}: coalition {coalition.id} kept, though "
                f"{', '.join(without)} {what} at the end of {profile.year}"
            )
    return notes


def screen_relations(
    profile: Profile, data: Dataset, candidates: list[str]
) -> tuple[list[str], dict[str, str]]:
    """``candidates`` split into those with diplomatic relations with the focal nation at the
    end of the profile's year and those without (state -> the table's event and the start
    of the spell, e.g. ``"... (diplomatic_relations, spell from 1948)"``: its row, which
    carries the source). The row's text tells the spell's whole story, which may reach past
    the profile's year; the decision uses only the year.

    A conjunctive screen, not a weight: a state without relations is no partner whatever its
    scores, and a compensatory method cannot say so (a large weight on relations still left
    Saudi Arabia in Israel's top five for 2018). Unlisted pairs count as relations (the
    table is not exhaustive; its notes say what it covers)."""
    frame = data.diplomatic_relations(profile.focal, candidates, profile.year)
    # one dict, not a pandas lookup per candidate (a study screens every task twice)
    relations = dict(zip(frame.index, frame["relations"].tolist(), strict=True))
    screened = {}
    for c in candidates:
        if relations[c]:
            continue
        # the spell's start only: its end may lie after the profile's year
        first = frame.at[c, "first_year"]
        screened[c] = f"{frame.at[c, 'dates']} (diplomatic_relations, spell from {first})"
    return [c for c in candidates if c not in screened], screened


def screen_armed_forces(
    data: Dataset, candidates: list[str], year: int
) -> tuple[list[str], dict[str, str]]:
    """``candidates`` split into those with regular armed forces of their own at the end of
    ``year`` and those without (state -> ``"no armed forces: <what it has instead>
    (no_armed_forces, spell from <year>)"``: the table's row, which carries the source).

    A conjunctive screen, as for relations: a state with police or a coast guard only is no
    military partner, and a compensatory method cannot say so (Micronesia and the Marshall
    Islands ranked in Australia's top half on their UN votes). An unlisted state counts as
    having forces (the table's notes say what it covers)."""
    frame = data.armed_forces(candidates, year)
    start = TABLES["no_armed_forces"].first_year
    forces = dict(zip(frame.index, frame["forces"].tolist(), strict=True))  # as for relations
    screened = {}
    for c in candidates:
        if forces[c]:
            continue
        first = int(frame.at[c, "first_year"])
        since = f"{first} or earlier" if first == start else str(first)
        screened[c] = (
            f"{NO_ARMED_FORCES}: {frame.at[c, 'what']} ({_FORCES_TABLE}, spell from {since})"
        )
    return [c for c in candidates if c not in screened], screened


def screen_of(reason: str) -> tuple[str, str, str]:
    """Which screen left a candidate out, from its reason: the profile key, a label and the
    reason without the label (``("require_armed_forces", "no armed forces", "Police only
    ...")`` or ``("require_relations", "no diplomatic relations", reason)``). Each screen's
    reason ends with its table's row, ``(<table>, spell from <year>)``: that decides."""
    head = f"{NO_ARMED_FORCES}: "
    if f"({_FORCES_TABLE}, spell from " in reason and reason.startswith(head):
        return "require_armed_forces", NO_ARMED_FORCES, reason[len(head) :]
    return "require_relations", "no diplomatic relations", reason


def measure_context(
    profile: Profile, data: Dataset, model: CriteriaModel | None = None
) -> MeasureContext:
    """What the measures see of ``profile``; with ``model``, the analyst's tables of the
    criteria file and the profile (``[[tables]]``) by id."""
    tables, _ = merged_tables(model.tables if model is not None else (), profile.tables)
    return MeasureContext(
        data=data,
        focal=profile.focal,
        year=profile.year,
        threats=tuple(Threat(t.actor, t.severity) for t in profile.threats),
        theatre=profile.theatre,
        overrides=profile.overrides,
        tables=MappingProxyType(tables),
    )


def coalition_partners(profile: Profile, coalition, *, threat_members: bool = False) -> list[str]:
    """The members whose values a coalition aggregates: neither the focal nation nor any of
    its threat actors (an adversary inside a coalition is not a partner, and counting it would
    credit the coalition with deterring itself).

    With ``threat_members`` (an indicator whose measure is registered with
    ``threat_members``: the alignment and hostility costs of
    :mod:`alliancescore.measures.alignment`), the threat actors are aggregated too: the
    measure gives a threat actor its own alignment with the threat (maximal) and hostility
    to the focal nation, which a coalition holding it must carry (the SCO holding India, for
    Pakistan). Only the focal nation is left out then. The profile's reading refuses a
    coalition with no partner (:func:`alliancescore.model.profile.partners`)."""
    actors = () if threat_members else [t.actor for t in profile.threats]
    return partners(coalition.members, profile.focal, actors)


def _counts_threats(model: CriteriaModel) -> tuple[bool, ...]:
    """Per indicator: whether a coalition aggregates its threat actors too."""
    return tuple(MEASURES[i.measure].threat_members for i in model.indicators)


def _threat_floors(model: CriteriaModel) -> tuple[float | None, ...]:
    """Per indicator: the raw value a coalition holding a threat actor takes, or None."""
    return tuple(MEASURES[i.measure].threat_floor for i in model.indicators)


# Value functions that scale the alternatives' raw values, whatever their range (a coalition's
# sum among them is on the same footing); the others give values from fixed points or maps.
_RAW_SCALED = ("linear", "log", "rank")


def _coalition_aggregations(profile: Profile, model: CriteriaModel) -> None:
    ids = [ind.id for ind in model.indicators]
    by_id = {ind.id: ind for ind in model.indicators}
    problems = []
    for coalition in profile.coalitions:
        for indicator, how in coalition.aggregation.items():
            if indicator not in ids:
                problems.append(
                    Problem(
                        f"{coalition.where}.aggregation.{indicator}",
                        "an indicator id of the criteria file",
                        repr(indicator),
                        did_you_mean(indicator, ids),
                    )
                )
            elif how not in AGGREGATIONS:
                problems.append(
                    Problem(
                        f"{coalition.where}.aggregation.{indicator}",
                        f"one of {', '.join(AGGREGATIONS)}",
                        repr(how),
                        did_you_mean(str(how), AGGREGATIONS),
                    )
                )
            elif how == "sum" and by_id[indicator].value_function.kind not in _RAW_SCALED:
                problems.append(
                    Problem(
                        f"{coalition.where}.aggregation.{indicator}",
                        "mean, min or max for an indicator whose value function gives values "
                        f"directly ({by_id[indicator].value_function.kind})",
                        "'sum'",
                        "A sum of 0-1 values can leave the value scale",
                    )
                )
    if problems:
        raise AllianceScoreError(problems)


def _measure(ind, ctx, states: list[str]):
    """Run an indicator's measure; its input errors are located at the indicator in the file.

    The measure's parameters are checked against its declarations before it runs; anything
    else it raises is a bug in the measure and stays a traceback."""
    try:
        return MEASURES[ind.measure](ctx, states, **ind.params)
    except DataSetError:  # a broken data file, named as it is: not the indicator's fault
        raise
    except AllianceScoreError as error:
        raise error.relocated(lambda where: f"{ind.where}.params ({where})") from None


def absent_cells(records: pd.DataFrame | np.ndarray) -> np.ndarray:
    """(s, m) bool from a frame or array of :class:`~alliancescore.data.provenance.Provenance`
    records: True where a record marks its value as structurally absent (a use with
    :attr:`~alliancescore.data.provenance.Use.absent`: the state is outside the source's
    universe), for the ``neutral_if_absent`` policy."""
    cells = records.to_numpy(dtype=object) if isinstance(records, pd.DataFrame) else records
    flags = np.zeros(cells.shape, dtype=bool)
    for index, record in np.ndenumerate(cells):
        flags[index] = isinstance(record, Provenance) and any(u.absent for u in record.uses)
    return flags


def pipeline_rules(
    model: CriteriaModel, value_functions: Mapping[str, ValueFunction] | None = None
) -> list[Rule]:
    """The pipeline's view of each indicator (value function, categorical, policy,
    direction); ``value_functions`` (a matrix's, by indicator id) replace the file's."""
    chosen = value_functions or {}
    return [
        Rule(
            chosen.get(i.id, i.value_function).apply,
            i.value_function.kind == "categorical",
            i.missing,
            i.direction,
        )
        for i in model.indicators
    ]


def reference_states(profile: Profile, data: Dataset) -> list[str]:
    """Every state of the profile's year that could be one of its candidates: all states
    but the focal nation and its threat actors, under the profile's screens (relations,
    armed forces), whatever the profile lists. A value function with ``over = "states"``
    takes its bounds from them, so that a candidate's value does not depend on which other
    candidates the analyst listed (and a profile of every state scales as before)."""
    spec = replace(
        profile.candidates, include=(), regions=(), subregions=(), exclude=(), all_states=True
    )
    return select_candidates(replace(profile, candidates=spec), data).states


def scaled_value_functions(
    profile: Profile, model: CriteriaModel, data: Dataset
) -> dict[str, ValueFunction]:
    """The value function of each indicator whose function scales over every state that
    could be a candidate (``over = "states"``), its bounds fixed from those states' raw
    values (:func:`reference_states`); empty when none does."""
    scaled = [i for i in model.indicators if i.value_function.over == "states"]
    if not scaled:
        return {}
    states = reference_states(profile, data)
    ctx = measure_context(profile, data, model)
    whose = (
        f"the {len(states)} states of {profile.year} that could be candidates of {profile.focal}"
    )
    out = {}
    for ind in scaled:
        values = _measure(ind, ctx, states).values.to_numpy(dtype=np.float64)
        out[ind.id] = ind.value_function.scaled_over(values, whose)
    return out


def armed_only(model: CriteriaModel) -> tuple[bool, ...]:
    """Per indicator: whether its measure reads arms transfers (:data:`_ARMS_TABLES`), so
    that a coalition's partners without armed forces are left out of it."""
    return tuple(bool(set(MEASURES[i.measure].tables) & _ARMS_TABLES) for i in model.indicators)


def alternative_layout(
    profile: Profile,
    model: CriteriaModel,
    alternatives: list[str],
    states: list[str],
    unarmed: Collection[str] = (),
) -> Layout:
    """How ``alternatives`` (candidate codes and coalition ids of ``profile``) are formed
    from the rows ``states`` of the measured states (see
    :class:`~alliancescore.analysis.pipeline.Layout`); ``unarmed``: the states without
    armed forces of their own, left out of a coalition's arms-transfer indicators."""
    coalitions = {c.id: c for c in profile.coalitions}
    row_of = {state: r for r, state in enumerate(states)}
    threats = {t.actor for t in profile.threats}
    none = np.empty(0, dtype=int)
    rows, members, aggregations, adversaries, without_forces = [], [], [], [], []
    for alt in alternatives:
        coalition = coalitions.get(alt)
        if coalition is None:
            rows.append(row_of[alt])
            members.append(none)
            aggregations.append(())
            adversaries.append(none)
            without_forces.append(none)
            continue
        rows.append(-1)
        partners = coalition_partners(profile, coalition)
        members.append(np.array([row_of[m] for m in partners]))
        without_forces.append(np.array([row_of[m] for m in partners if m in unarmed], dtype=int))
        aggregations.append(
            tuple(coalition.aggregation.get(i.id, i.aggregation) for i in model.indicators)
        )
        inside = [row_of[m] for m in coalition.members if m in threats and m != profile.focal]
        adversaries.append(np.array(inside, dtype=int))
    return Layout(
        np.array(rows, dtype=int),
        tuple(members),
        tuple(aggregations),
        tuple(adversaries),
        _counts_threats(model),
        _threat_floors(model),
        tuple(without_forces),
        armed_only(model),
    )


def _coalition_warnings(profile: Profile, model: CriteriaModel) -> list[str]:
    threats = {t.actor for t in profile.threats}
    counted = [
        i.id for i, flag in zip(model.indicators, _counts_threats(model), strict=True) if flag
    ]
    floored = [
        i.id
        for i, floor in zip(model.indicators, _threat_floors(model), strict=True)
        if floor is not None
    ]
    notes = []
    for coalition in profile.coalitions:
        adversaries = [m for m in coalition.members if m in threats]
        if adversaries:
            notes.insert(
                0,
                f"WARNING: coalition {coalition.id} includes threat actor(s) "
                f"{', '.join(adversaries)}: left out of its values, which count the "
                "other members only"
                + (
                    f", except on {', '.join(counted)}, which count the threat actors' own "
                    "alignment with the threat and hostility to the focal nation"
                    if counted
                    else ""
                )
                + (
                    f"; on {', '.join(floored)} it shares none of the threat: it cannot be "
                    "turned against its own member"
                    if floored
                    else ""
                ),
            )
    return notes


@dataclass(frozen=True)
class _Measured:
    """Every indicator's measure over the states: raw values, records, stale flags."""

    raw: pd.DataFrame  # states x indicators
    provenance: pd.DataFrame  # states x indicators
    stale: pd.DataFrame  # states x indicators
    notes: list[str]


def _measure_states(
    profile: Profile, model: CriteriaModel, data: Dataset, states: list[str]
) -> _Measured:
    ctx = measure_context(profile, data, model)
    raw, provenance, stale, notes = {}, {}, {}, []
    for ind in model.indicators:
        result = _measure(ind, ctx, states)
        raw[ind.id] = result.values
        provenance[ind.id] = result.provenance
        stale[ind.id] = result.stale
        if result.note:
            notes.append(f"{ind.id}: {result.note}")
    return _Measured(
        pd.DataFrame(raw).reindex(states),
        pd.DataFrame(provenance).reindex(states),
        pd.DataFrame(stale).reindex(states),
        notes,
    )


def _alternative_ids(profile: Profile, candidates: list[str]) -> list[str]:
    clash = sorted(set(candidates) & {c.id for c in profile.coalitions})
    if clash:
        raise AllianceScoreError(
            Problem(
                f"{profile.path}: coalitions", "ids that are not candidate codes", ", ".join(clash)
            )
        )
    return candidates + [c.id for c in profile.coalitions]


def _cell_records(
    profile: Profile,
    model: CriteriaModel,
    measured: _Measured,
    alt_ids: list[str],
    unarmed: Collection[str] = (),
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Records and stale flags per alternative and indicator (coalitions: aggregation and
    partners, stale when a partner's value is; :func:`_coalition_gaps` then corrects both
    for the partners without data)."""
    ids = [ind.id for ind in model.indicators]
    candidates = [a for a in alt_ids if a not in {c.id for c in profile.coalitions}]
    records = measured.provenance.loc[candidates, ids].reindex(alt_ids).rename_axis(None)
    stale = measured.stale.loc[candidates, ids].reindex(alt_ids).rename_axis(None)
    threats = {t.actor for t in profile.threats}
    flags = zip(
        model.indicators,
        _counts_threats(model),
        _threat_floors(model),
        armed_only(model),
        strict=True,
    )
    for ind, with_threats, floor, arms in flags:
        for coalition in profile.coalitions:
            inside = tuple(m for m in coalition.members if m in threats)
            if floor is not None and inside:
                # the pipeline gives the floor (Layout.floor): no member's value is used
                records.loc[coalition.id, ind.id] = Provenance(
                    aggregation=THREAT_FLOOR, members=inside
                )
                stale.loc[coalition.id, ind.id] = False
                continue
            partners = coalition_partners(profile, coalition, threat_members=with_threats)
            if arms:  # as alternative_layout aggregates them
                partners = [m for m in partners if m not in unarmed]
            how = coalition.aggregation.get(ind.id, ind.aggregation)
            records.loc[coalition.id, ind.id] = Provenance(aggregation=how, members=tuple(partners))
            stale.loc[coalition.id, ind.id] = bool(measured.stale.loc[partners, ind.id].any())
    return records, stale.astype(bool)


def build_matrix(profile: Profile, model: CriteriaModel, data: Dataset) -> DecisionMatrix:
    """Compute every indicator for every alternative of ``profile`` under ``model``."""
    _coalition_aggregations(profile, model)
    candidates, notes, screened = select_candidates(profile, data)
    notes = _coalition_warnings(profile, model) + notes
    members = sorted({m for c in profile.coalitions for m in c.members if m != profile.focal})
    states = list(dict.fromkeys(candidates + members))
    alt_ids = _alternative_ids(profile, candidates)
    measured = _measure_states(profile, model, data, states)
    notes += measured.notes
    indicators = model.indicators
    ids = [ind.id for ind in indicators]
    unarmed = _unarmed_members(profile, model, data, members)
    notes += _unarmed_notes(profile, model, unarmed)
    records, stale = _cell_records(profile, model, measured, alt_ids, unarmed)

    def problem(j: int, missing: np.ndarray) -> Problem:
        ind = indicators[j]
        return Problem(
            ind.where,
            f"a value for every alternative ({ind.measure})",
            f"missing for {', '.join(np.array(alt_ids, dtype=object)[missing])}",
            "Choose another missing-data policy or add sourced overrides",
        )

    value_functions = scaled_value_functions(profile, model, data)
    run = run_pipeline(
        measured.raw[ids].to_numpy(dtype=np.float64),
        alternative_layout(profile, model, alt_ids, states, unarmed),
        pipeline_rules(model, value_functions),
        problem,
        absent_cells(measured.provenance[ids]),
    )
    notes += _coalition_gaps(run, records, stale, alt_ids, ids, states)
    excluded = {
        alt: f"missing {ids[j]} ({render(records.loc[alt, ids[j]])})"
        for alt, j in zip(alt_ids, run.excluded_by, strict=True)
        if j >= 0
    }
    kept = [a for a, k in zip(alt_ids, run.kept, strict=True) if k]
    if not kept:
        raise AllianceScoreError(
            Problem(
                profile.path,
                "at least one alternative with data",
                "every alternative excluded for missing data",
            )
        )
    missing = np.array([ind.missing for ind in indicators], dtype=object)
    policy = pd.DataFrame(
        np.array(FILLS, dtype=object)[run.fills], index=kept, columns=ids, dtype=object
    )
    _record_policies(records, policy, run.raw, missing)
    return DecisionMatrix(
        alternatives=_alternatives_frame(profile, data, candidates, alt_ids),
        raw=pd.DataFrame(run.raw, index=alt_ids, columns=ids),
        provenance=records,
        stale=stale,
        values=pd.DataFrame(run.values, index=kept, columns=ids),
        policy_applied=policy,
        excluded=excluded,
        notes=tuple(notes),
        screened=screened,
        state_raw=measured.raw,
        state_provenance=measured.provenance,
        value_functions={i.id: value_functions.get(i.id, i.value_function) for i in indicators},
        unarmed=unarmed,
    )


def _unarmed_members(
    profile: Profile, model: CriteriaModel, data: Dataset, members: list[str]
) -> tuple[str, ...]:
    """The coalition members without armed forces of their own at the end of the year
    (the data set's no_armed_forces table), when an indicator reads arms transfers."""
    if not members or not any(armed_only(model)):
        return ()
    forces = data.armed_forces(members, profile.year)["forces"]
    return tuple(m for m in members if not forces[m])


def _unarmed_notes(profile: Profile, model: CriteriaModel, unarmed: tuple[str, ...]) -> list[str]:
    """A note per coalition with partners left out of its arms-transfer indicators."""
    arms = [i.id for i, flag in zip(model.indicators, armed_only(model), strict=True) if flag]
    notes = []
    for coalition in profile.coalitions:
        out = [m for m in coalition_partners(profile, coalition) if m in unarmed]
        if out:
            notes.append(
                f"coalition {coalition.id}: {', '.join(arms)} over its members with armed "
                f"forces of their own; left out: {', '.join(out)} (no armed forces, so no "
                f"major arms orders to count: {_FORCES_TABLE})"
            )
    return notes


def _coalition_gaps(
    run,
    records: pd.DataFrame,
    stale: pd.DataFrame,
    alt_ids: list[str],
    ids: list[str],
    states: list[str],
) -> list[str]:
    """Name each coalition cell's partners without data in its record (left out of the
    aggregation, or why the value is missing); a coalition cell is stale only when its value
    is missing and a partner's was stale. Returns a note per coalition with partners left
    out."""
    coalitions = np.array([r.aggregation is not None for r in records.iloc[:, 0]], dtype=bool)
    flags = stale.to_numpy(dtype=bool, copy=True)
    flags[coalitions] &= np.isnan(run.raw[coalitions])
    stale.loc[:, :] = flags
    left_out: dict[str, dict[str, list[str]]] = {}
    for (r, c), rows in sorted(run.without_data.items()):
        names = tuple(states[i] for i in rows)
        missing = bool(np.isnan(run.raw[r, c]))
        records.iat[r, c] = replace(records.iat[r, c], without_data=names, missing=missing)
        kind = "missing" if missing else "left out"
        left_out.setdefault((alt_ids[r], kind), {}).setdefault(", ".join(names), []).append(ids[c])
    return [
        f"coalition {alt}: {', '.join(indicators)} aggregated over the members with data; "
        f"left out (no data): {names}"
        if kind == "left out"
        else f"coalition {alt}: {', '.join(indicators)} missing: its weakest member is unknown "
        f"while {names} {'has' if ', ' not in names else 'have'} no data (filled by the "
        "'worst (weakest link)' rule)"
        for (alt, kind), groups in left_out.items()
        for names, indicators in groups.items()
    ]


def _record_policies(
    records: pd.DataFrame, policy: pd.DataFrame, raw: np.ndarray, missing: np.ndarray
) -> None:
    """Each record gets the policy applied to its cell: the fill (worst, neutral) of a kept
    alternative's cell, ``exclude`` on a missing value that dropped an alternative."""
    dropped = np.isnan(raw) & (missing[None, :] == "exclude")
    for r, c in zip(*np.nonzero(dropped), strict=True):
        records.iat[r, c] = replace(records.iat[r, c], policy="exclude")
    # the filled cells found in one array, not a pandas row per alternative (iterrows)
    rows = records.index.get_indexer(policy.index)
    fills = policy.to_numpy(dtype=object)
    filled = np.array([[bool(f) for f in row] for row in fills], dtype=bool).reshape(fills.shape)
    for p, c in zip(*np.nonzero(filled), strict=True):
        records.iat[int(rows[p]), c] = replace(records.iat[int(rows[p]), c], policy=fills[p, c])


def _alternatives_frame(
    profile: Profile, data: Dataset, candidates: list[str], alt_ids: list[str]
) -> pd.DataFrame:
    names = dict(data.crosswalk.nations[["iso3", "name"]].itertuples(index=False))
    return pd.DataFrame(
        {
            "label": [names.get(c, c) for c in candidates] + [c.label for c in profile.coalitions],
            "kind": ["state"] * len(candidates) + ["coalition"] * len(profile.coalitions),
            "members": [c for c in candidates] + [", ".join(c.members) for c in profile.coalitions],
        },
        index=pd.Index(alt_ids, name="alternative"),
    )
