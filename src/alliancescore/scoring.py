"""Score a profile: data -> decision matrix -> weights -> every method -> :class:`Result`."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from alliancescore import __version__, mcda
from alliancescore.data import Dataset, load
from alliancescore.data.manifest import sha256_of
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.matrix import build_matrix
from alliancescore.model.criteria import CriteriaModel, load_criteria
from alliancescore.model.profile import Profile, load_profile
from alliancescore.model.weights import resolve_weights
from alliancescore.result import Result
from alliancescore.shipped import default_criteria

__all__ = ["DEFAULT_CRITERIA", "score"]

DEFAULT_CRITERIA = default_criteria()
"""The criteria model a profile without a ``criteria`` entry uses (shipped in the package)."""


def _criteria_for(profile: Profile, criteria: CriteriaModel | str | Path | None) -> CriteriaModel:
    if isinstance(criteria, CriteriaModel):
        return criteria
    if criteria is not None:
        return load_criteria(criteria)
    return load_criteria(profile.criteria_path or DEFAULT_CRITERIA)


def _methods(profile: Profile, methods: Sequence[str] | None) -> dict[str, Mapping[str, Any]]:
    if isinstance(methods, str):
        raise AllianceScoreError(
            Problem(
                "methods", "a list of method names", repr(methods), f"Write methods=[{methods!r}]"
            )
        )
    if not methods:
        return dict(profile.methods)
    unknown = [m for m in methods if m not in mcda.METHODS]
    if unknown:
        # Named as the API's parameter; the command line renames it to its --method flag.
        raise AllianceScoreError(
            [
                Problem(
                    "methods", "a registered score method", repr(m), did_you_mean(m, mcda.METHODS)
                )
                for m in unknown
            ]
        )
    # A method named on the command line keeps the profile's parameters for it, if any.
    return {m: profile.methods.get(m, {}) for m in methods}


def _contributions(criteria: CriteriaModel, weights, values: pd.DataFrame) -> pd.DataFrame:
    paths = criteria.paths()
    out = pd.DataFrame(0.0, index=values.index, columns=[c.id for c in criteria.criteria])
    for ind in criteria.indicators:
        out[paths[ind.id][0]] += weights.global_[ind.id] * values[ind.id]
    return out


def _input_record(profile: Profile, criteria: CriteriaModel, data: Dataset) -> list[dict]:
    manifest = data.root / "MANIFEST.json"
    return [
        {"role": "profile", "path": profile.path, "sha256": profile.sha256},
        {"role": "criteria", "path": criteria.path, "sha256": criteria.sha256},
        {
            "role": "data manifest",
            "path": str(manifest),
            "sha256": sha256_of(manifest.read_bytes()),
        },
    ]


def score(
    profile: Profile | str | Path,
    criteria: CriteriaModel | str | Path | None = None,
    *,
    methods: Sequence[str] | None = None,
    data: Dataset | None = None,
    command: Sequence[str] | None = None,
) -> Result:
    """Score a profile's candidates and coalitions with every method it names.

    ``profile`` and ``criteria`` are paths or loaded objects; ``criteria`` defaults to the
    profile's own ``criteria`` entry, else ``criteria/default.toml``. ``methods`` (e.g. from
    ``--method``) overrides the profile's list.
    """
    data = data or load()
    if not isinstance(profile, Profile):
        profile = load_profile(profile, data)
    model = _criteria_for(profile, criteria)
    chosen = _methods(profile, methods)
    weights = resolve_weights(model, profile.weights)
    matrix = build_matrix(profile, model, data)
    V = matrix.values[list(weights.leaves)].to_numpy(dtype=float)
    w = weights.leaf_weights
    scores, ranks, tables, resolved, direction = {}, {}, {}, {}, {}
    for name, params in chosen.items():
        evaluation = _evaluate(profile, name, params, V, w)
        scores[name] = evaluation.scores
        ranks[name] = evaluation.ranks
        tables[name] = MappingProxyType(dict(evaluation.tables))
        resolved[name] = MappingProxyType(dict(evaluation.params))
        direction[name] = evaluation.higher_is_better
    index = matrix.values.index
    diagnostics = list(matrix.notes)
    for alt, reason in matrix.excluded.items():
        diagnostics.append(f"excluded {alt}: {reason}")
    filled = (matrix.policy_applied != "").sum()
    warnings = []
    for ind_id, count in filled.items():
        if not count:
            continue
        policy = matrix.policy_applied[ind_id][matrix.policy_applied[ind_id] != ""].iloc[0]
        diagnostics.append(f"{ind_id}: {count} missing value(s) filled by policy {policy!r}")
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
    diagnostics[:0] = warnings
    stale_cells = matrix.stale.loc[index].to_numpy().sum()
    if stale_cells:
        diagnostics.append(f"{stale_cells} value(s) came from a stale table and count as missing")
    if "cr" in weights.diagnostics:
        diagnostics.append(
            f"AHP consistency ratio {weights.diagnostics['cr']:.3f} "
            f"(random index {weights.diagnostics['ri_table']})"
        )
    dominated = _dominated(matrix.values.to_numpy(dtype=float))
    if dominated:
        listed = ", ".join(f"{index[i]} (by {index[j]})" for i, j in dominated[:10])
        more = f" and {len(dominated) - 10} more" if len(dominated) > 10 else ""
        diagnostics.append(
            f"{len(dominated)} alternative(s) dominated on every indicator: {listed}{more}"
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
    )


def analyst_params(name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """A method's parameters on the analyst path: the value functions already put every
    indicator on a 0-1 value scale (1 = best), so a method that normalises takes the values as
    they are (``normalisation = "identity"``) unless the profile names another."""
    if "normalisation" in mcda.METHODS[name].defaults and "normalisation" not in params:
        return {"normalisation": "identity", **params}
    return dict(params)


def _evaluate(
    profile: Profile, name: str, params: Mapping[str, Any], V: np.ndarray, w: np.ndarray
) -> mcda.Evaluation:
    """Run one method on the value matrix; its errors are located in the profile file."""
    try:
        return mcda.evaluate(name, V, w, None, **analyst_params(name, params))
    except AllianceScoreError as error:
        raise error.relocated(lambda where: f"{profile.path}: methods.{name} ({where})") from None


def _dominated(V: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i, j) where j is at least as good as i everywhere and better somewhere."""
    ge = np.all(V[np.newaxis, :, :] >= V[:, np.newaxis, :], axis=2)  # [i, j]: j >= i
    gt = np.any(V[np.newaxis, :, :] > V[:, np.newaxis, :], axis=2)
    i, j = np.nonzero(ge & gt)
    first = {}
    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        first.setdefault(a, b)
    return sorted(first.items())
