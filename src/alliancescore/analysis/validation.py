"""The one path that decides whether a profile can be scored, with every problem at once.

Layers, each run whenever what it needs checked out:

1. the profile file: TOML, then its schema (declared once in
   :data:`~alliancescore.model.profile_format.PROFILE`, read by
   :func:`~alliancescore.model.profile.read_profile`) and the checks across its keys;
2. its nations, year and data tables against the data set (the same call, given the data);
3. the criteria file it names, or the one given instead: its own problems, located in it;
   the analyst's tables of both files (``[[tables]]``): their ISO3 codes against the data set,
   their ids across the two files, and the table and column each ``table`` indicator names;
4. the profile's weights against that criteria tree;
5. each method's parameters, on a small stand-in value matrix (a dry run; with equal weights
   when the profile's weights have errors, since a method's parameters do not depend on them).

A layer skips only what an earlier problem makes meaningless and says so in one line of the
error (``methods not checked: the criteria file has errors``). A file that is no profile at all
(missing, not TOML, empty, or a criteria, study or facts file) is its one problem, the message
``validate`` gives it: nothing else is said to be unchecked. ``score`` and ``validate`` both
come through :func:`check_profile`, so they accept and refuse the same files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from alliancescore import mcda
from alliancescore.analysis.matrix import select_candidates
from alliancescore.data import Dataset
from alliancescore.data.analyst import AnalystTable
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.model.analyst_tables import check_codes, check_references, merged_tables
from alliancescore.model.criteria import CriteriaModel, load_criteria
from alliancescore.model.group_weights import GroupWeights, resolve_group
from alliancescore.model.paths import file_kind, toml_beside_hint
from alliancescore.model.profile import Profile, ProfileReading, read_profile
from alliancescore.model.weights import (
    ResolvedWeights,
    missing_intervals,
    replaced_weights,
    resolve_weights,
)
from alliancescore.shipped import default_criteria

__all__ = [
    "CheckedProfile",
    "analyst_params",
    "check_profile",
    "evaluate_method",
    "outrank_method",
    "weight_notes",
]


@dataclass(frozen=True)
class CheckedProfile:
    """A profile that passed every layer, with what the checks built on the way.

    ``methods`` are the score methods to run (the profile's, or those asked for instead) with
    the profile's parameters, ``outranking`` the outranking methods likewise; ``notes`` are
    facts the analyst should see beside the result (top-level weights of the criteria file that
    the profile replaces, how objective weights are computed, one-member coalitions);
    ``tables`` the analyst's tables of the criteria file and the profile by id.
    """

    profile: Profile
    criteria: CriteriaModel
    weights: ResolvedWeights
    methods: Mapping[str, Mapping[str, Any]]
    notes: tuple[str, ...] = ()
    tables: Mapping[str, AnalystTable] = field(default_factory=dict)
    outranking: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    group: GroupWeights | None = None
    """Several analysts (``[[analysts]]``): each one's weights and the group's, which
    ``weights`` then holds; ``None`` for a profile without analysts."""


def analyst_params(name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """A method's parameters on the analyst path: the value functions already put every
    indicator on a 0-1 value scale (1 = best), so a method that normalises takes the values as
    they are (``normalisation = "identity"``) unless the profile names another."""
    if "normalisation" in mcda.METHODS[name].defaults and "normalisation" not in params:
        return {"normalisation": "identity", **params}
    return dict(params)


def evaluate_method(
    profile: Profile, name: str, params: Mapping[str, Any], V: np.ndarray, w: np.ndarray
) -> mcda.Evaluation:
    """Run one method on the value matrix; its errors are located in the profile file."""
    try:
        return mcda.evaluate(name, V, w, None, **analyst_params(name, params))
    except AllianceScoreError as error:
        raise error.relocated(lambda where: f"{profile.path}: methods.{name} ({where})") from None


def _criterion_names(leaves: Sequence[str]) -> Any:
    """Replace ``criterion 3`` in a kernel's message by ``criterion 3 (capability)``: on the
    analyst path the criteria are the indicators, in the criteria file's order."""

    def rename(where: str) -> str:
        return re.sub(
            r"\bcriterion (\d+)\b",
            lambda m: (
                f"criterion {m.group(1)} ({leaves[int(m.group(1))]})"
                if int(m.group(1)) < len(leaves)
                else m.group(0)
            ),
            where,
        )

    return rename


def outrank_method(
    profile: Profile,
    name: str,
    params: Mapping[str, Any],
    V: np.ndarray,
    w: np.ndarray,
    leaves: Sequence[str],
) -> mcda.Relation:
    """Build one outranking relation on the value matrix (0 = worst, 1 = best per indicator,
    so every criterion is a benefit and thresholds are in value units); its errors are located
    in the profile file, criteria named by their indicator ids."""
    rename = _criterion_names(leaves)
    try:
        return mcda.outrank(name, V, w, None, **params)
    except AllianceScoreError as error:
        raise error.relocated(
            lambda where: f"{profile.path}: methods.{name} ({rename(where)})"
        ) from None


def check_profile(
    profile: Profile | ProfileReading | str | Path,
    criteria: CriteriaModel | str | Path | None = None,
    *,
    methods: Sequence[str] | None = None,
    data: Dataset | None = None,
    analyst: str | None = None,
) -> CheckedProfile:
    """Run every layer on ``profile`` and raise one error listing every problem found.

    ``profile`` is a path (layers 1-5; layer 2 only with ``data``), a reading of a document
    (:func:`~alliancescore.model.profile.read_profile_document`, e.g. a study template as its
    tasks read it: as a path, its problems reported with the rest) or a loaded profile (layers
    3-5). ``criteria`` replaces the profile's own criteria entry (default: the shipped default
    model). ``methods`` (e.g. from ``--method``) replaces the profile's methods, keeping its
    parameters for them. With ``[[analysts]]`` every analyst's judgments are checked and the
    weights are the group's (:func:`~alliancescore.model.group_weights.resolve_group`);
    ``analyst`` (e.g. from ``--analyst``) scores that analyst alone.
    """
    if isinstance(profile, Profile):
        reading = ProfileReading(profile, (), frozenset())
    elif isinstance(profile, ProfileReading):
        reading = profile
    else:
        reading = read_profile(profile, data)  # a file that is no profile: its one problem
    problems, skipped = list(reading.problems), list(reading.skipped)
    chosen = _chosen_methods(reading, methods, problems)
    outranking = {k: v for k, v in chosen.items() if k in mcda.OUTRANKING_METHODS}
    chosen = {k: v for k, v in chosen.items() if k not in outranking}
    if outranking and not chosen and "methods" not in reading.failed:
        path = reading.profile.path
        problems.append(
            Problem(
                f"{path}: methods" if path else "methods",
                "at least one score method beside the outranking methods (the ranking, the "
                "contributions and the sensitivity analysis use it)",
                ", ".join(outranking),
                "Add a score method, e.g. weighted_sum = {}",
            )
        )
    model = _criteria(reading, criteria, problems, skipped, data)
    weights, tables, group = None, {}, None
    if model is not None:
        given = isinstance(profile, Profile) or isinstance(criteria, CriteriaModel)
        tables = _tables(reading, model, data if given else None, problems, skipped)
        weights = _weights(reading, model, problems, skipped)
        group = _group(reading, model, analyst, problems, skipped)
        weights = group.weights if group is not None else weights
        problems += _dry_run(reading, model, weights, {**chosen, **outranking})
    if data is not None:
        problems += _candidates(reading, data, skipped)
    if problems:
        raise AllianceScoreError(problems, skipped)
    assert model is not None and weights is not None  # a problem was recorded otherwise
    return CheckedProfile(
        reading.profile,
        model,
        weights,
        MappingProxyType(chosen),
        _coalition_notes(reading.profile) + _notes(model, weights),
        MappingProxyType(tables),
        MappingProxyType(outranking),
        group,
    )


def _chosen_methods(
    reading: ProfileReading, methods: Sequence[str] | None, problems: list[Problem]
) -> dict[str, Mapping[str, Any]]:
    profile = reading.profile
    if isinstance(methods, str):
        problems.append(
            Problem(
                "methods", "a list of method names", repr(methods), f"Write methods=[{methods!r}]"
            )
        )
        return dict(profile.methods)
    if not methods:
        return dict(profile.methods)
    known = [*mcda.METHODS, *mcda.OUTRANKING_METHODS]
    unknown = [m for m in methods if m not in known]
    # Named as the API's parameter; the command line renames it to its --method flag.
    problems += [
        Problem(
            "methods",
            "a registered method (score or outranking)",
            repr(m),
            did_you_mean(m, known),
        )
        for m in unknown
    ]
    # A method named on the command line keeps the profile's parameters for it, if any.
    return {m: profile.methods.get(m, {}) for m in methods if m not in unknown}


def _criteria(
    reading: ProfileReading,
    criteria: CriteriaModel | str | Path | None,
    problems: list[Problem],
    skipped: list[str],
    data: Dataset | None = None,
) -> CriteriaModel | None:
    if isinstance(criteria, CriteriaModel):
        return criteria
    if criteria is None and "profile.criteria" in reading.failed:
        skipped.append(
            "criteria file, weights and methods not checked: profile.criteria has errors"
        )
        return None
    missing = None if criteria is not None else _missing_criteria_file(reading)
    if missing is not None:
        problems.append(missing)
        skipped.append(
            "criteria file, weights and methods not checked: profile.criteria has errors"
        )
        return None
    try:
        path = criteria or reading.profile.criteria_path or default_criteria()
        return load_criteria(path, data)
    except AllianceScoreError as error:  # located in the criteria file already
        problems += error.problems
        skipped.append("weights and methods not checked: the criteria file has errors")
        return None


def _missing_criteria_file(reading: ProfileReading) -> Problem | None:
    """The profile's ``criteria`` path when it names no file, located at ``profile.criteria``
    with a did-you-mean among the TOML files of that folder (checked only when the criteria
    file is to be read: ``--criteria`` replaces it)."""
    named = reading.profile.criteria_path
    if named is None:
        return None
    located = Path(named)
    try:  # a symlink loop or an over-long name fails here, not in a traceback
        kind = file_kind(located)
    except (OSError, RuntimeError) as error:
        kind = str(error)
    if kind == "file":
        return None
    return Problem(
        f"{reading.profile.path}: profile.criteria",
        "a criteria file (TOML), relative to the profile's folder",
        f"{kind} ({located})",
        toml_beside_hint(
            located, "Check the path, or leave the key out for the default", reading.profile.path
        ),
    )


def _tables(
    reading: ProfileReading,
    model: CriteriaModel,
    data: Dataset | None,
    problems: list[Problem],
    skipped: list[str],
) -> dict[str, AnalystTable]:
    """The analyst's tables of the criteria file and the profile by id: ids declared once
    across both, and the table and column each ``table`` indicator names. With ``data`` (a
    profile or criteria model given loaded, perhaps without the data set), their ISO3 codes;
    files read here were checked against the data set as they were read."""
    if data is not None:
        problems += check_codes((*model.tables, *reading.profile.tables), data)
    tables, clashes = merged_tables(model.tables, reading.profile.tables)
    problems += clashes
    if "tables" in reading.failed:
        skipped.append("indicators reading analyst tables not checked: [[tables]] has errors")
    else:
        problems += check_references(model.indicators, tables)
    return tables


def _weights(
    reading: ProfileReading, model: CriteriaModel, problems: list[Problem], skipped: list[str]
) -> ResolvedWeights | None:
    if "weights" in reading.failed:
        skipped.append("weights not checked against the criteria file: [weights] has errors")
        return None
    try:
        weights = resolve_weights(model, reading.profile.weights)
    except AllianceScoreError as error:
        problems += error.problems
        return None
    profile = reading.profile
    if profile.sensitivity.get("sampler") == "intervals":  # refused by sensitivity otherwise
        missing = missing_intervals(profile.weights, [c.id for c in model.criteria], profile.path)
        problems += [missing] if missing is not None else []
    return weights


def _group(
    reading: ProfileReading,
    model: CriteriaModel,
    analyst: str | None,
    problems: list[Problem],
    skipped: list[str],
) -> GroupWeights | None:
    """The analysts' weights (every analyst's judgments checked), or ``None`` without
    analysts or when ``[[analysts]]`` or ``[weights]`` has errors (said in ``skipped``)."""
    profile = reading.profile
    if "analysts" in reading.failed:
        skipped.append(
            "analysts' judgments not checked against the criteria file: [[analysts]] or "
            "[group] has errors"
        )
        return None
    if "weights" in reading.failed and profile.analysts:
        skipped.append("analysts' weights not resolved: [weights] has errors")
        return None
    try:
        return resolve_group(model, profile, only=analyst)
    except AllianceScoreError as error:
        problems += error.problems
        return None


def _candidates(reading: ProfileReading, data: Dataset, skipped: list[str]) -> list[Problem]:
    """The candidate selection run on the data set (an exclusion removing every candidate is
    found here, not at scoring), once the profile it depends on read without problems. It
    reads the profile alone: a criteria file's problems, or a method named on the command
    line, do not stop it (it was said to be skipped for "the profile's errors" then)."""
    if reading.problems:
        skipped.append("candidate selection not tried: the profile has errors")
        return []
    try:
        select_candidates(reading.profile, data)
    except AllianceScoreError as error:
        return list(error.problems)
    return []


def _dry_run(
    reading: ProfileReading,
    model: CriteriaModel,
    weights: ResolvedWeights | None,
    chosen: Mapping[str, Mapping[str, Any]],
) -> list[Problem]:
    """Each method's parameters tried on a small stand-in value matrix (3 alternatives)."""
    if "methods" in reading.failed:  # the [methods] table itself is unusable
        return []
    m = len(model.indicators)
    # On the analyst path values run from 0 (worst) to 1 (best): the stand-in holds both, so a
    # method that cannot take a zero (the weighted product) is refused here, not at scoring.
    stand_in = np.linspace(0.0, 1.0, 3 * m).reshape(3, m)
    w = weights.leaf_weights if weights is not None else np.full(m, 1.0 / m)
    problems: list[Problem] = []
    for name, params in chosen.items():
        if f"methods.{name}" in reading.failed:  # its own problems are reported already
            continue
        try:
            if name in mcda.OUTRANKING_METHODS:
                leaves = [ind.id for ind in model.indicators]
                outrank_method(reading.profile, name, params, stand_in, w, leaves)
            else:
                evaluate_method(reading.profile, name, params, stand_in, w)
        except AllianceScoreError as error:
            problems += error.problems
    return problems


def _coalition_notes(profile: Profile) -> tuple[str, ...]:
    """A warning per coalition with a single member besides the focal nation: it is valid,
    but it scores as that one state, not as a group (coalitions without any partner are
    refused by the profile's checks)."""
    notes = []
    for coalition in profile.coalitions:
        partners = [m for m in coalition.members if m != profile.focal]
        if len(partners) == 1:
            key = coalition.where.split(": ", 1)[-1]
            notes.append(
                f"WARNING: coalition {coalition.id} ({key}) has one member besides the focal "
                f"nation, {partners[0]}: it scores as that state alone, not as a group. Add "
                f"its other members, or list {partners[0]} as a candidate instead"
            )
    return tuple(notes)


def _notes(model: CriteriaModel, weights: ResolvedWeights) -> tuple[str, ...]:
    """The weights' notes, first that the profile states none when it does not."""
    unstated = (weights.unstated,) if weights.unstated else ()
    return (*unstated, *weights.notes, *weight_notes(model, weights))


def weight_notes(model: CriteriaModel, weights: ResolvedWeights) -> tuple[str, ...]:
    """The note naming the criteria file's top-level weights the profile replaces (none
    while objective weights are provisional: they are known only when scoring)."""
    if weights.provisional:
        return ()
    replaced = replaced_weights(model, weights)
    if not replaced:
        return ()
    listed = ", ".join(f"{k} ({_pair(old, new)})" for k, old, new in replaced)
    return (f"weights: {weights.source} replace the criteria file's for {listed}",)


def _pair(old: float, new: float) -> str:
    """``old -> new`` with the fewest decimals (at least 2) that tell them apart."""
    for decimals in range(2, 7):
        if f"{old:.{decimals}f}" != f"{new:.{decimals}f}":
            break
    return f"{old:.{decimals}f} -> {new:.{decimals}f}"
