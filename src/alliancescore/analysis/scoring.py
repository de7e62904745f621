"""Score a profile: data -> decision matrix -> weights -> every method -> :class:`Result`."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from alliancescore import __version__
from alliancescore.analysis.matrix import build_matrix
from alliancescore.analysis.result import Result
from alliancescore.analysis.staleness import stale_warnings

# analyst_params lived here first; it stays importable from here.
from alliancescore.analysis.validation import (
    analyst_params,
    check_profile,
    evaluate_method,
    outrank_method,
    weight_notes,
)
from alliancescore.data import Dataset, load
from alliancescore.data.manifest import sha256_of
from alliancescore.model.criteria import CriteriaModel
from alliancescore.model.group_weights import resolve_group
from alliancescore.model.profile import Profile
from alliancescore.model.weights import ResolvedWeights, resolve_weights
from alliancescore.shipped import default_criteria

__all__ = ["DEFAULT_CRITERIA", "analyst_params", "rescore", "run_methods", "score"]

DEFAULT_CRITERIA = default_criteria()
"""The criteria model a profile without a ``criteria`` entry uses (shipped in the package)."""


def _contributions(criteria: CriteriaModel, weights, values: pd.DataFrame) -> pd.DataFrame:
    paths = criteria.paths()
    out = pd.DataFrame(0.0, index=values.index, columns=[c.id for c in criteria.criteria])
    for ind in criteria.indicators:
        out[paths[ind.id][0]] += weights.global_[ind.id] * values[ind.id]
    return out


def _input_record(profile: Profile, criteria: CriteriaModel, data: Dataset) -> list[dict]:
    """Every file the result depends on, with its SHA-256: the profile, the facts files it
    lists, the criteria file, the data set's manifest and each analyst's table
    (``[[tables]]``) either declares."""
    manifest = data.root / "MANIFEST.json"
    return [
        {"role": "profile", "path": profile.path, "sha256": profile.sha256},
        *({"role": "facts", "path": f.path, "sha256": f.sha256} for f in profile.facts),
        {"role": "criteria", "path": criteria.path, "sha256": criteria.sha256},
        {
            "role": "data manifest",
            "path": str(manifest),
            "sha256": sha256_of(manifest.read_bytes()),
        },
        *(
            {"role": "analyst table", "path": t.path, "sha256": t.sha256, "table": t.id}
            for t in (*criteria.tables, *profile.tables)
        ),
    ]


def score(
    profile: Profile | str | Path,
    criteria: CriteriaModel | str | Path | None = None,
    *,
    methods: Sequence[str] | None = None,
    data: Dataset | None = None,
    command: Sequence[str] | None = None,
    analyst: str | None = None,
) -> Result:
    """Score a profile's candidates and coalitions with every method it names.

    Score methods fill ``scores`` and ``ranks``; outranking methods (PROMETHEE I, ELECTRE I,
    ELECTRE III) fill ``relations`` with one :class:`~alliancescore.mcda.Relation` each, built
    on the same value matrix (0 = worst, 1 = best per indicator, every indicator a benefit, so
    thresholds are in value units) and weights; they are never turned into scores.

    ``profile`` and ``criteria`` are paths or loaded objects; ``criteria`` defaults to the
    profile's own ``criteria`` entry, else ``criteria/default.toml``. ``methods`` (e.g. from
    ``--method``) overrides the profile's list. Inputs are checked by
    :func:`~alliancescore.analysis.validation.check_profile` (as ``validate`` checks them): every
    problem is raised at once.

    With several analysts (``[[analysts]]``) the weights are the group's
    (:mod:`alliancescore.model.group_weights`) and ``Result.group`` holds every analyst's;
    ``analyst`` (``--analyst``) scores that analyst's judgments alone.
    """
    data = data or load()
    checked = check_profile(profile, criteria, methods=methods, data=data, analyst=analyst)
    profile, model, weights = checked.profile, checked.criteria, checked.weights
    group = checked.group
    matrix = build_matrix(profile, model, data)
    notes = list(checked.notes)
    if weights.provisional:  # objective weights: computed on this value matrix
        columns = {leaf: matrix.values[leaf].to_numpy(dtype=float) for leaf in weights.leaves}
        if group is not None:
            group = resolve_group(model, profile, columns, only=analyst)
            assert group is not None
            weights = group.weights
        else:
            weights = resolve_weights(model, profile.weights, columns)
        notes = [*weights.notes, *weight_notes(model, weights)]
    V = matrix.values[list(weights.leaves)].to_numpy(dtype=float)
    scored = run_methods(profile, checked.methods, checked.outranking, V, weights)
    scores, ranks, tables, resolved, direction, relations = scored
    index = matrix.values.index
    diagnostics = list(matrix.notes)
    for alt, reason in matrix.excluded.items():
        diagnostics.append(f"excluded {alt}: {reason}")
    filled = (matrix.policy_applied != "").sum()
    warnings = []
    for ind_id, count in filled.items():
        if not count:
            continue
        applied = matrix.policy_applied[ind_id][matrix.policy_applied[ind_id] != ""]
        # one line per fill (a state's 'neutral' beside a coalition's 'worst (weakest link)')
        for fill, cells in applied.groupby(applied, sort=False):
            diagnostics.append(
                f"{ind_id}: {len(cells)} missing value(s) filled by policy {fill!r}: "
                + _listed(list(cells.index))
            )
        policy = applied.iloc[0]
        if count == len(index):
            warnings.append(
                f"WARNING: {ind_id} has no data for any alternative (see its sources), so it "
                f"adds the same to everyone: its weight {weights.global_[ind_id]:.3f} is "
                "effectively lost"
            )
        elif count > len(index) / 2:
            warnings.append(
                f"WARNING: {ind_id} is missing for {count} of {len(index)} alternatives and "
                f"filled by policy {policy!r}"
            )
    # a table that has ended at the year: which indicators it knocked out, and what to do
    warnings += stale_warnings(matrix, model, profile.year)
    # Warnings first: the profile's checks' (a one-member coalition), then the data's; then,
    # for a profile that states no weights, that the criteria file's apply (it reads the
    # whole ranking differently, so it is not left among the measures' notes).
    unstated = [weights.unstated] if weights.unstated else []
    diagnostics[:0] = [n for n in checked.notes if n.startswith("WARNING")] + warnings + unstated
    stale_cells = matrix.stale.loc[index].to_numpy().sum()
    if stale_cells:
        diagnostics.append(f"{stale_cells} value(s) came from a stale table and count as missing")
    if "cr" in weights.diagnostics:
        diagnostics.append(
            f"AHP consistency ratio {weights.diagnostics['cr']:.3f} "
            f"(random index {weights.diagnostics['ri_table']})"
        )
    if "consistency_ratio" in weights.diagnostics:
        d = weights.diagnostics
        diagnostics.append(
            f"BWM consistency ratio {d['consistency_ratio']:.3f} (xi* = {d['xi_nonlinear']:.3f}, "
            f"consistency index {d['consistency_index']:.2f} for a_BW = {d['a_bw']:g}; "
            f"{d['model']} model)"
        )
    diagnostics += [n for n in notes if not n.startswith("WARNING") and n not in unstated]
    dominated = _dominated(matrix.values.to_numpy(dtype=float))
    if dominated:
        pairs = [f"{index[i]} (by {index[j]})" for i, j in dominated]
        diagnostics.append(
            f"{len(dominated)} alternative(s) dominated on every indicator: {_listed(pairs)}"
        )
    record = {
        "version": __version__,
        "command": list(command) if command is not None else list(sys.argv),
        "inputs": _input_record(profile, model, data),
        "seed": None,
    }
    return Result(
        profile=profile,
        criteria=model,
        matrix=matrix,
        weights=weights,
        methods=MappingProxyType(resolved),
        scores=pd.DataFrame(scores, index=index),
        ranks=pd.DataFrame(ranks, index=index),
        higher_is_better=MappingProxyType(direction),
        contributions=_contributions(model, weights, matrix.values),
        tables=MappingProxyType(tables),
        diagnostics=tuple(diagnostics),
        record=MappingProxyType(record),
        relations=MappingProxyType(relations),
        group=group,
    )


def run_methods(
    profile: Profile,
    methods: Mapping[str, Mapping[str, Any]],
    outranking: Mapping[str, Mapping[str, Any]],
    V: np.ndarray,
    weights: ResolvedWeights,
) -> tuple[dict, dict, dict, dict, dict, dict]:
    """Every method on the value matrix ``V (alternatives, indicators)`` under ``weights``:
    scores, ranks, tables, resolved parameters and direction by score method, and the
    relation of each outranking method. The one scoring step of :func:`score` and
    :func:`rescore`."""
    w = weights.leaf_weights
    scores, ranks, tables, resolved, direction = {}, {}, {}, {}, {}
    for name, params in methods.items():
        evaluation = evaluate_method(profile, name, params, V, w)
        scores[name] = evaluation.scores
        ranks[name] = evaluation.ranks
        tables[name] = MappingProxyType(dict(evaluation.tables))
        resolved[name] = MappingProxyType(dict(evaluation.params))
        direction[name] = evaluation.higher_is_better
    relations = {
        name: outrank_method(profile, name, params, V, w, weights.leaves)
        for name, params in outranking.items()
    }
    return scores, ranks, tables, resolved, direction, relations


def rescore(result: Result, weights: ResolvedWeights) -> Result:
    """``result`` scored anew under other ``weights`` of the same criteria tree (one analyst's
    own weights): the same value matrix, methods and parameters, through :func:`run_methods`;
    scores, ranks, tables, contributions and relations replaced, the rest kept."""
    V = result.matrix.values[list(weights.leaves)].to_numpy(dtype=float)
    outranking = {m: dict(result.relations[m].params) for m in result.relations}
    scores, ranks, tables, resolved, direction, relations = run_methods(
        result.profile, result.methods, outranking, V, weights
    )
    index = result.scores.index
    return replace(
        result,
        weights=weights,
        methods=MappingProxyType(resolved),
        scores=pd.DataFrame(scores, index=index),
        ranks=pd.DataFrame(ranks, index=index),
        higher_is_better=MappingProxyType(direction),
        contributions=_contributions(result.criteria, weights, result.matrix.values),
        tables=MappingProxyType(tables),
        relations=MappingProxyType(relations),
    )


def _listed(names: list[str], limit: int = 10) -> str:
    """``names`` joined, the first ``limit`` of them and how many more."""
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _dominated(V: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i, j) where j is at least as good as i everywhere and better somewhere."""
    ge = np.all(V[np.newaxis, :, :] >= V[:, np.newaxis, :], axis=2)  # [i, j]: j >= i
    gt = np.any(V[np.newaxis, :, :] > V[:, np.newaxis, :], axis=2)
    i, j = np.nonzero(ge & gt)
    first = {}
    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        first.setdefault(a, b)
    return sorted(first.items())
