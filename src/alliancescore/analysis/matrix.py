"""The decision matrix of one profile: candidates and coalitions x indicators, on real data.

Steps, each stated in the result:

1. candidates: the profile's explicit list plus its selectors (regions, sub-regions, all
   states), restricted to states existing in the reference year; selectors leave out the
   focal nation and its threat actors; exclusions apply last;
2. raw values: every indicator's measure for every candidate and every coalition member,
   with provenance (table, year used, staleness);
3. coalitions: each indicator's aggregation (the measure's default or the criteria file's,
   overridable per coalition) over the members other than the focal nation; a member with a
   missing value makes the coalition's value missing; categories are not averaged: for a
   categorical value function the members' values are aggregated instead;
4. value functions map raw values onto [0, 1] (1 = best) over all alternatives at once;
5. missing values follow the indicator's policy: ``exclude`` drops the alternative (listed),
   ``worst`` gives 0, ``neutral`` gives 0.5, ``error`` stops with a message naming them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from alliancescore.data import Dataset
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.measures import AGGREGATIONS, MEASURES, MeasureContext, Threat
from alliancescore.model.criteria import CriteriaModel
from alliancescore.model.profile import Profile

__all__ = ["DecisionMatrix", "build_matrix", "measure_context", "select_candidates"]

NEUTRAL_VALUE = 0.5


@dataclass(frozen=True)
class DecisionMatrix:
    """Alternatives x indicators. Frames share the index (alternative ids) and columns
    (indicator ids); ``values`` holds only the alternatives kept after missing-data policies.
    """

    alternatives: pd.DataFrame  # label, kind ("state" | "coalition"), members
    raw: pd.DataFrame
    sources: pd.DataFrame
    stale: pd.DataFrame
    values: pd.DataFrame
    policy_applied: pd.DataFrame  # "", "worst", "neutral" per cell where a policy filled it
    excluded: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # Raw values of every state measured (candidates and coalition members) x indicators.
    state_raw: pd.DataFrame | None = None


def select_candidates(profile: Profile, data: Dataset) -> tuple[list[str], list[str]]:
    """The profile's candidate states and notes on what the selectors left out."""
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
    for region in spec.regions:
        selected += data.nations(region=region, year=year)
    for sub in spec.subregions:
        selected += data.nations(subregion=sub, year=year)
    left_out = {profile.focal, *(t.actor for t in profile.threats)}
    dropped = sorted({c for c in selected if c in left_out})
    if dropped:
        notes.append(f"selectors left out the focal nation and threat actors: {', '.join(dropped)}")
    chosen += [c for c in selected if c not in left_out]
    excluded = set(spec.exclude)
    chosen = [c for c in dict.fromkeys(chosen) if c not in excluded]
    if not chosen:
        raise AllianceScoreError(
            Problem(f"{profile.path}: candidates", "at least one candidate state", "none left")
        )
    return chosen, notes


def measure_context(profile: Profile, data: Dataset) -> MeasureContext:
    return MeasureContext(
        data=data,
        focal=profile.focal,
        year=profile.year,
        threats=tuple(Threat(t.actor, t.severity) for t in profile.threats),
        theatre=profile.theatre,
        overrides=profile.overrides,
    )


def coalition_partners(profile: Profile, coalition) -> list[str]:
    """The members whose values a coalition aggregates: neither the focal nation nor any of
    its threat actors (an adversary inside a coalition is not a partner, and counting it would
    credit the coalition with deterring itself)."""
    left_out = {profile.focal, *(t.actor for t in profile.threats)}
    return [m for m in coalition.members if m not in left_out]


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
            elif how == "sum" and by_id[indicator].value_function.kind != "linear":
                problems.append(
                    Problem(
                        f"{coalition.where}.aggregation.{indicator}",
                        "mean, min or max for an indicator whose value function gives values "
                        f"directly ({by_id[indicator].value_function.kind})",
                        "'sum'",
                        "A sum of 0-1 values can leave the value scale",
                    )
                )
        if not coalition_partners(profile, coalition):
            problems.append(
                Problem(
                    f"{coalition.where}.members",
                    "at least one member other than the focal nation and its threat actors",
                    ", ".join(coalition.members),
                )
            )
    if problems:
        raise AllianceScoreError(problems)


def _values_for(
    ind, raw: pd.Series, coalitions: dict, member_raw: pd.Series, profile: Profile
) -> np.ndarray:
    """Value-function outputs for the kept alternatives of one indicator.

    Categories cannot be averaged, so for a categorical value function a coalition's value is
    the aggregation of its members' *values*; otherwise the function maps the coalition's
    aggregated raw value like any other.
    """
    if ind.value_function.kind != "categorical":
        return ind.value_function.apply(raw.to_numpy(dtype=float))
    out = np.full(len(raw), np.nan)
    states = [i for i, alt in enumerate(raw.index) if alt not in coalitions]
    out[states] = ind.value_function.apply(raw.iloc[states].to_numpy(dtype=float))
    for i, alt in enumerate(raw.index):
        if alt in coalitions:
            partners = coalition_partners(profile, coalitions[alt])
            how = coalitions[alt].aggregation.get(ind.id, ind.aggregation)
            member_values = ind.value_function.apply(member_raw[partners].to_numpy(float))
            if not np.isnan(member_values).any():
                out[i] = AGGREGATIONS[how](member_values)
    return out


def _measure(ind, ctx, states: list[str]):
    """Run an indicator's measure; its errors are located at the indicator in the file."""
    try:
        return MEASURES[ind.measure](ctx, states, **ind.params)
    except AllianceScoreError as error:
        raise error.relocated(lambda where: f"{ind.where}.params ({where})") from None
    except (TypeError, ValueError) as error:
        raise AllianceScoreError(
            Problem(
                f"{ind.where}.params",
                f"parameters measure {ind.measure} accepts",
                f"{dict(ind.params)}, which fails with: {error}",
            )
        ) from None


def build_matrix(profile: Profile, model: CriteriaModel, data: Dataset) -> DecisionMatrix:
    """Compute every indicator for every alternative of ``profile`` under ``model``."""
    _coalition_aggregations(profile, model)
    candidates, notes = select_candidates(profile, data)
    threats = {t.actor for t in profile.threats}
    for coalition in profile.coalitions:
        adversaries = [m for m in coalition.members if m in threats]
        if adversaries:
            notes.insert(
                0,
                f"WARNING: coalition {coalition.id} includes threat actor(s) "
                f"{', '.join(adversaries)}: left out of its values, which count the "
                "other members only",
            )
    members = sorted({m for c in profile.coalitions for m in c.members if m != profile.focal})
    states = list(dict.fromkeys(candidates + members))
    ctx = measure_context(profile, data)
    indicators = model.indicators
    ids = [ind.id for ind in indicators]
    alt_ids = candidates + [c.id for c in profile.coalitions]
    clash = sorted(set(candidates) & {c.id for c in profile.coalitions})
    if clash:
        raise AllianceScoreError(
            Problem(
                f"{profile.path}: coalitions", "ids that are not candidate codes", ", ".join(clash)
            )
        )
    raw = pd.DataFrame(np.nan, index=alt_ids, columns=ids)
    sources = pd.DataFrame("", index=alt_ids, columns=ids, dtype=object)
    stale = pd.DataFrame(False, index=alt_ids, columns=ids)
    member_raw: dict[str, pd.Series] = {}
    for ind in indicators:
        result = _measure(ind, ctx, states)
        member_raw[ind.id] = result.values
        raw.loc[candidates, ind.id] = result.values[candidates].to_numpy()
        sources.loc[candidates, ind.id] = result.sources[candidates].to_numpy()
        stale.loc[candidates, ind.id] = result.stale[candidates].to_numpy()
        if result.note:
            notes.append(f"{ind.id}: {result.note}")
        for coalition in profile.coalitions:
            partners = coalition_partners(profile, coalition)
            how = coalition.aggregation.get(ind.id, ind.aggregation)
            member_values = result.values[partners].to_numpy()
            raw.loc[coalition.id, ind.id] = (
                np.nan if np.isnan(member_values).any() else AGGREGATIONS[how](member_values)
            )
            sources.loc[coalition.id, ind.id] = f"{how} over {', '.join(partners)}"
            stale.loc[coalition.id, ind.id] = bool(result.stale[partners].any())

    # Policies first, so value functions scale over the alternatives actually compared.
    excluded: dict[str, str] = {}
    errors = []
    for ind in indicators:
        who = list(raw.index[raw[ind.id].isna()])
        if not who:
            continue
        if ind.missing == "error":
            errors.append(
                Problem(
                    ind.where,
                    f"a value for every alternative ({ind.measure})",
                    f"missing for {', '.join(who)}",
                    "Choose another missing-data policy or add sourced overrides",
                )
            )
        elif ind.missing == "exclude":
            for alt in who:
                excluded.setdefault(alt, f"missing {ind.id} ({sources.loc[alt, ind.id]})")
    if errors:
        raise AllianceScoreError(errors)
    kept = [a for a in alt_ids if a not in excluded]
    if not kept:
        raise AllianceScoreError(
            Problem(
                profile.path,
                "at least one alternative with data",
                "every alternative excluded for missing data",
            )
        )
    values = pd.DataFrame(np.nan, index=kept, columns=ids)
    policy = pd.DataFrame("", index=kept, columns=ids, dtype=object)
    coalitions = {c.id: c for c in profile.coalitions}
    for ind in indicators:
        column = _values_for(ind, raw.loc[kept, ind.id], coalitions, member_raw[ind.id], profile)
        missing = np.isnan(column)
        if missing.any():
            column[missing] = 0.0 if ind.missing == "worst" else NEUTRAL_VALUE
            policy.loc[np.array(kept)[missing], ind.id] = ind.missing
        values[ind.id] = column
    names = dict(data.crosswalk.nations[["iso3", "name"]].itertuples(index=False))
    alternatives = pd.DataFrame(
        {
            "label": [names.get(c, c) for c in candidates] + [c.label for c in profile.coalitions],
            "kind": ["state"] * len(candidates) + ["coalition"] * len(profile.coalitions),
            "members": [c for c in candidates] + [", ".join(c.members) for c in profile.coalitions],
        },
        index=pd.Index(alt_ids, name="alternative"),
    )
    return DecisionMatrix(
        alternatives=alternatives,
        raw=raw,
        sources=sources,
        stale=stale,
        values=values,
        policy_applied=policy,
        excluded=excluded,
        notes=tuple(notes),
        state_raw=pd.DataFrame(member_raw).reindex(states),
    )
