"""Sensitivity analysis of a scored profile: how far its ranking can be trusted.

The pandas layer over :mod:`alliancescore.sensitivity`: it takes a :class:`Result`, draws
weights that respect the criteria tree, and returns DataFrames keyed by alternative ids and
criterion ids.

The settings (samples, seed, sampler, ...) are one :class:`~alliancescore.settings.
SensitivitySpec`, from the profile's ``[sensitivity]`` table and the caller's overrides.

- **SMAA-2** per method over the profile's weight uncertainty (``sampler``, a name in
  :data:`~alliancescore.settings.SAMPLERS` that profiles may use):
  ``dirichlet`` (default) draws every node's local weights from a Dirichlet around the
  profile's (total concentration ``concentration`` per node); ``uniform`` draws every node's
  local weights uniformly; ``intervals`` draws the top-level weights uniformly within
  ``[weights] intervals`` (deeper weights fixed); ``ordinal`` draws top-level weights uniformly
  under their importance order (the profile's ranking, or the order of its weights).
  Optional data uncertainty (``data_error``): a relative normal error on the raw values of
  every non-categorical indicator, value functions re-applied per draw (nested design).
- **Stability intervals** and the most critical criterion, per top-level criterion (a tree
  node: its leaves move together, keeping their local shares) and per indicator.
- **Weight sweeps** per top-level criterion, for charts.
- **Variance-based importance** (Sobol) of each top-level weight for the leaders' ranks.
- **Outranking relations**: the share of weight draws (the same sampler, at most
  :data:`RELATION_DRAWS` of them, the same seed) in which a outranks b and in which a is in the
  kernel, where that is vectorised (PROMETHEE I: pairs and kernel; ELECTRE I: pairs);
  ELECTRE III's distillations are not, and its record says so
  (:mod:`alliancescore.sensitivity.outranking`). Data uncertainty does not enter these shares.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from alliancescore import sensitivity as sa
from alliancescore.analysis.matrix import absent_cells, alternative_layout, pipeline_rules
from alliancescore.analysis.pipeline import run_pipeline
from alliancescore.analysis.result import Result
from alliancescore.analysis.sensitivity_report import SensitivityReport
from alliancescore.analysis.stability import criterion_groups, stability_table
from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.model.criteria import CriteriaModel, Criterion
from alliancescore.model.profile_format import RANK_SCHEMES
from alliancescore.model.weights import interval_note, missing_intervals
from alliancescore.sensitivity.smaa import BLOCK as SMAA_BLOCK
from alliancescore.settings import SensitivitySpec

__all__ = [
    "RELATION_DRAWS",
    "TARGET_BLOCK",
    "TARGET_MAX_SAMPLES",
    "FirstRank",
    "SensitivityReport",
    "SensitivitySpec",
    "analyse",
    "first_rank_acceptability",
    "profile_sampler",
    "sample_to_target",
]

TARGET_BLOCK = SMAA_BLOCK
"""Draws are added in whole blocks of this many (SMAA's block) when sampling to a target
standard error (:func:`sample_to_target`)."""

TARGET_MAX_SAMPLES = 1_000_000
"""The default cap on the draws per method when sampling to a target standard error."""

RELATION_DRAWS = 10_000
"""At most this many weight draws per outranking relation (a share's Monte Carlo standard
error is then at most 0.005); each draw compares n x n pairs, so all of SMAA's draws would
cost n times more than they add in precision."""


def _tree(model: CriteriaModel, leaves: Sequence[str]) -> list:
    """The criteria tree as nested lists of leaf positions (for the hierarchical sampler)."""
    position = {leaf: i for i, leaf in enumerate(leaves)}

    def build(node: Criterion) -> list:
        return [build(c) if isinstance(c, Criterion) else position[c.id] for c in node.children]

    return [build(c) if isinstance(c, Criterion) else position[c.id] for c in model.criteria]


def _node_children(model: CriteriaModel) -> dict[tuple[int, ...], list[str]]:
    """Path (as in the hierarchical sampler) -> ids of that node's children."""
    out: dict[tuple[int, ...], list[str]] = {(): [c.id for c in model.criteria]}

    def walk(node: Criterion, path: tuple[int, ...]) -> None:
        out[path] = [c.id for c in node.children]
        for k, child in enumerate(node.children):
            if isinstance(child, Criterion):
                walk(child, (*path, k))

    for k, child in enumerate(model.criteria):
        if isinstance(child, Criterion):
            walk(child, (k,))
    return out


def _within_intervals(
    path: str, spec: Mapping[str, tuple[float, float]], top_ids: list[str]
) -> sa.WeightSampler:
    """The intervals sampler on the profile's ``weights.intervals``; its errors (``weight
    interval 2``, ``weight intervals``) located at the file and key the analyst wrote, for
    intervals that reach it unchecked (a profile built in code, not read and validated)."""

    def where(inside: str) -> str:
        named = re.sub(
            r"^weight interval (\d+)$", lambda m: f"weights.intervals.{top_ids[int(m[1])]}", inside
        )
        return f"{path}: {named.replace('weight intervals', 'weights.intervals')}"

    try:
        return sa.within_intervals([spec[i][0] for i in top_ids], [spec[i][1] for i in top_ids])
    except AllianceScoreError as error:
        raise error.relocated(where) from None


def profile_sampler(result: Result, name: str, concentration: float) -> sa.WeightSampler:
    """The weight sampler ``name`` of the module docstring for ``result``'s weights and
    criteria tree (the Dirichlet around ``result.weights`` at every node, ...)."""
    model, weights = result.criteria, result.weights
    leaves = list(weights.leaves)
    tree = _tree(model, leaves)
    children = _node_children(model)
    local = weights.local
    if name in ("dirichlet", "uniform"):

        def local_sampler(k: int, path: tuple[int, ...]) -> sa.WeightSampler:
            if name == "uniform":
                return sa.uniform_simplex(k)
            return sa.dirichlet_around([local[c] for c in children[path]], concentration)

        sampler = sa.hierarchical(tree, local_sampler)
        how = (
            f"Dirichlet around the profile's local weights at every node, concentration "
            f"{concentration:g}"
            if name == "dirichlet"
            else "uniform local weights at every node of the criteria tree"
        )
        return sa.WeightSampler(
            sampler.n_criteria,
            sampler.draw,
            how,
            weights.leaf_weights if name == "dirichlet" else None,
        )
    top_ids = [c.id for c in model.criteria]
    if name == "intervals":
        missing = missing_intervals(result.profile.weights, top_ids, result.profile.path)
        if missing is not None:
            raise AllianceScoreError(missing)
        top = _within_intervals(result.profile.path, result.profile.weights.intervals, top_ids)
    elif name == "ordinal":
        if result.profile.weights.scheme in RANK_SCHEMES:
            ranks = [result.profile.weights.values[i] for i in top_ids]
        else:
            ranks = list(pd.Series([-local[i] for i in top_ids]).rank(method="min").astype(int))
        top = sa.ordinal(ranks)
    else:  # a sampler declared for profiles without an implementation here: a bug
        raise TypeError(f"no profile analysis for the declared sampler {name!r}")
    # Deeper weights fixed: a leaf's weight is its top-level criterion's weight times its
    # global share within that criterion.
    paths = model.paths()
    expand = np.zeros((len(top_ids), len(leaves)))
    for j, leaf in enumerate(leaves):
        group = top_ids.index(paths[leaf][0])
        expand[group, j] = weights.global_[leaf] / weights.global_[top_ids[group]]

    def draw(rng: np.random.Generator, size: int) -> np.ndarray:
        return top.draw(rng, size) @ expand

    return sa.WeightSampler(len(leaves), draw, f"{top.description}; deeper weights fixed")


def _data_uncertainty(result: Result, relative: float) -> sa.DataUncertainty:
    """Relative normal error on every measured state's raw values, then the matrix's own
    pipeline (:func:`alliancescore.analysis.pipeline.run_pipeline`) over the nominal kept
    alternatives: coalitions re-aggregated from their perturbed members, value functions
    re-applied; categorical indicators keep their raw values (categories have no relative
    error) and cells filled by a missing-data policy keep their fill."""
    if relative < 0:
        raise AllianceScoreError(
            Problem("data error", "a relative error of at least 0", repr(relative))
        )
    matrix, profile, model = result.matrix, result.profile, result.criteria
    kept = list(matrix.values.index)
    ids = [i.id for i in model.indicators]
    states = matrix.state_raw[ids]
    base = states.to_numpy(dtype=float)
    layout = alternative_layout(profile, model, kept, list(states.index), matrix.unarmed)
    rules = pipeline_rules(model, matrix.value_functions)  # states-scaled bounds stay nominal
    absent = absent_cells(matrix.state_provenance[ids])
    # 1 where a raw value gets an error, 0 for categorical indicators.
    noisy = np.array([not rule.categorical for rule in rules], dtype=float)

    def draw(rng: np.random.Generator, V: np.ndarray) -> np.ndarray:
        perturbed = base * (1.0 + relative * rng.standard_normal(base.shape) * noisy)
        # The perturbation keeps the missing cells missing, so no alternative is excluded
        # and the fills are the nominal ones.
        return run_pipeline(perturbed, layout, rules, absent=absent).values

    return sa.DataUncertainty(
        draw,
        f"relative normal error {relative:g} on the raw values of non-categorical indicators "
        "of every state (coalitions re-aggregated from their members), value functions "
        "re-applied, missing-data fills kept",
    )


def _settings(
    result: Result,
    spec: SensitivitySpec | None,
    methods: Sequence[str] | None,
    given: dict[str, Any],
) -> tuple[SensitivitySpec, list[str]]:
    """The analysis's settings and methods. Every bad value is reported at once, named as the
    caller wrote it: the parameter (``samples``) for an argument, the file and key for a
    profile value (the command line renames parameters to its flags)."""
    problems: list[Problem] = []
    resolved = None
    try:
        if spec is None:
            resolved = SensitivitySpec.for_profile(result.profile, **given)
        else:
            resolved = spec.replace(**given)
    except AllianceScoreError as error:
        problems += error.problems
    chosen: list[str] = []
    if isinstance(methods, str):
        problems.append(
            Problem(
                "methods", "a list of method names", repr(methods), f"Write methods=[{methods!r}]"
            )
        )
    else:
        chosen = list(methods or [*result.methods, *result.relations])
        unknown = [m for m in chosen if m not in result.methods and m not in result.relations]
        if unknown:
            problems.append(
                Problem(
                    "methods",
                    f"methods of this result ({', '.join([*result.methods, *result.relations])})",
                    ", ".join(map(repr, unknown)),
                    "Score the profile with them first (scoring.score(..., methods=...))",
                )
            )
    if problems:
        raise AllianceScoreError(problems)
    assert resolved is not None  # a problem was recorded otherwise
    return resolved, chosen


def analyse(
    result: Result,
    spec: SensitivitySpec | None = None,
    *,
    methods: Sequence[str] | None = None,
    samples: int | None = None,
    seed: int | None = None,
    sampler: str | None = None,
    concentration: float | None = None,
    data_error: float | None = None,
    k: int | None = None,
    importance: bool | None = None,
    progress: Callable[[int], None] | None = None,
    threads: int | None = None,
) -> SensitivityReport:
    """Sensitivity analysis of a scored profile.

    spec : the settings (:class:`~alliancescore.settings.SensitivitySpec`); by default the
    profile's ``[sensitivity]`` table over the declared defaults. The keywords override single
    settings of either (``None`` = not given): samples : weight draws per method; seed : any
    non-negative integer; sampler : a name in :data:`~alliancescore.settings.PROFILE_SAMPLERS`
    (module docstring); concentration : the Dirichlet's, per tree node; data_error : relative
    error on the raw indicator values (``0.1`` = 10 %; none by default); k : the top-k set
    whose stability is reported; importance : compute Sobol indices. methods : methods of
    ``result`` to analyse (default all). threads : worker threads of the SMAA kernel
    (default: the kernel's choice; the numbers do not depend on it). A bad value raises one
    :class:`AllianceScoreError` naming every bad parameter.
    """
    given = {
        "samples": samples,
        "seed": seed,
        "sampler": sampler,
        "concentration": concentration,
        "data_error": data_error,
        "k": k,
        "importance": importance,
    }
    spec, methods = _settings(result, spec, methods, given)
    outranking = [m for m in methods if m in result.relations]
    methods = [m for m in methods if m in result.methods]
    samples, seed, k = spec.samples, spec.seed, spec.k
    weight_sampler = profile_sampler(result, spec.sampler, spec.concentration)
    data = _data_uncertainty(result, float(spec.data_error)) if spec.data_error else None
    V = result.matrix.values[list(result.weights.leaves)].to_numpy(dtype=float)
    w0 = result.weights.leaf_weights
    alts = list(result.matrix.values.index)
    top_ids = [c.id for c in result.criteria.criteria]
    groups = criterion_groups(result)
    levels = ["criterion" if name in top_ids else "indicator" for name in groups]

    acceptability, se, central, winning, stability, sweeps = {}, {}, {}, {}, {}, {}
    confidence = pd.DataFrame(index=alts)
    data_draws = 0
    done = [0]

    def step(count: int) -> None:
        if progress is not None:
            progress(done[0] + count)

    for method in methods:
        params = dict(result.methods[method])
        smaa = sa.smaa(
            method,
            V,
            None,
            sampler=weight_sampler,
            n_samples=samples,
            seed=seed,
            data=data,
            params=params,
            progress=step,
            threads=threads,
        )
        done[0] += samples
        acceptability[method] = pd.DataFrame(
            smaa.acceptability, index=alts, columns=range(1, len(alts) + 1)
        )
        se[method] = smaa.max_standard_error
        leaf_central = pd.DataFrame(
            smaa.central_weights, index=alts, columns=list(result.weights.leaves)
        )
        central[method] = pd.DataFrame(
            {c: leaf_central.iloc[:, groups[c]].sum(axis=1, min_count=1) for c in top_ids}
        )
        confidence[method] = smaa.confidence
        labels = [alts[i] for i in smaa.winning_alternatives]
        winning[method] = pd.DataFrame(smaa.winning, index=labels, columns=labels)
        found = sa.stability_intervals(
            method, V, w0, None, groups=list(groups.values()), k=k, params=params
        )
        stability[method] = stability_table(found, list(groups), levels)
        sweeps[method] = {
            c: _sweep_frame(
                sa.sweep(method, V, w0, None, group=groups[c], params=params, switches=False),
                alts,
            )
            for c in top_ids
        }
        data_draws = smaa.n_data_draws
    importance_frame, importance_inputs = None, ""
    if spec.importance and len(top_ids) >= 2:
        importance_frame, importance_inputs = _importance(
            result, V, methods[0], seed, groups, top_ids, spec.sampler, spec.concentration
        )
    notes = [
        f"{m}: largest Monte Carlo standard error of a rank acceptability {se[m]:.4f}"
        for m in methods
    ]
    # Draws from intervals that leave out the ranking's own weights: said first.
    outside = interval_note(result.profile.weights, result.weights)
    notes[:0] = [outside] if outside and spec.sampler == "intervals" else []
    relations = {
        m: sa.relation_frequencies(
            result.relations[m], V, weight_sampler, min(samples, RELATION_DRAWS), seed
        )
        for m in outranking
    }
    notes += [
        f"{m}: how often its relation holds under the weight draws: {f.coverage}"
        + (
            f"; {f.draws:,} draws, largest Monte Carlo SE {f.max_standard_error:.4f}"
            if f.draws
            else ""
        )
        for m, f in relations.items()
    ]
    return SensitivityReport(
        result=result,
        samples=samples,
        seed=seed,
        sampler=weight_sampler.description,
        data=data.description if data else None,
        data_draws=int(data_draws),
        acceptability=acceptability,
        acceptability_se=se,
        central_weights=central,
        confidence=confidence,
        winning=winning,
        stability=stability,
        sweeps=sweeps,
        importance=importance_frame,
        importance_inputs=importance_inputs,
        notes=tuple(notes),
        spec=spec,
        relations=relations,
    )


@dataclass(frozen=True)
class FirstRank:
    """One method's rank-1 acceptability from SMAA (:func:`first_rank_acceptability`).

    acceptability, standard_error : ``(alternatives,)``, the share of draws ranking each
        alternative first and its Monte Carlo standard error, in the order of
        ``result.matrix.values``.
    samples : the weight draws used.
    max_standard_error : the largest standard error over all alternatives and ranks
        (:attr:`~alliancescore.sensitivity.SMAAResult.max_standard_error`).
    target_met : with a target, whether ``max_standard_error < target_se``; else None.
    """

    acceptability: np.ndarray
    standard_error: np.ndarray
    samples: int
    max_standard_error: float
    target_met: bool | None = None


def _whole_blocks(draws: float) -> int:
    """``draws`` rounded up to whole SMAA blocks (:data:`TARGET_BLOCK`), at least one."""
    if not np.isfinite(draws):
        raise OverflowError("not a finite number of draws")
    return TARGET_BLOCK * max(1, int(np.ceil(draws / TARGET_BLOCK)))


def sample_to_target(
    run: Callable[[int], sa.SMAAResult], target_se: float, max_samples: int
) -> tuple[sa.SMAAResult, bool]:
    """Run SMAA (``run(n_samples)``) with more draws until the largest Monte Carlo standard
    error of a rank acceptability, over all alternatives and ranks
    (:attr:`~alliancescore.sensitivity.SMAAResult.max_standard_error`), is under
    ``target_se``, or ``max_samples`` draws are reached; returns the last run and whether the
    target was met.

    The rule. Draws come in blocks of :data:`TARGET_BLOCK` (4,096, SMAA's own block: block
    ``b`` is drawn from ``SeedSequence(seed, spawn_key=(0, b))``, so a larger run repeats a
    smaller one's draws and adds blocks). The first run has the draws that bound every
    standard error of a share by the target when the draws are independent,
    ``(0.5 / target_se)^2`` (a share's variance ``p (1 - p) / N`` is at most ``1 / (4 N)``),
    in whole blocks: 12,288 draws for 0.005, 65,536 for 0.002. While the estimate is not under
    the target, the next run has the draws the estimate asks for,
    ``N (se / target_se)^2`` (the error falls as ``1 / sqrt(N)``), in whole blocks, but at
    least twice and at most four times as many as before (the runs repeated then cost less
    than the last one, and one noisy estimate cannot ask for far too many), never more than
    ``max_samples``; the cap is taken as it is, a whole number of blocks or not.

    Each run is one ordinary SMAA run on the same seed, so the answer is exactly SMAA's with
    the number of draws recorded (``alliancescore sensitivity --samples N`` with that seed
    gives the same numbers) and does not depend on threads, processes or order. Why whole
    runs and not blocks added one by one: SMAA's standard error is that of the whole run (the
    binomial error of its ``N`` independent weight draws or, with data uncertainty, the
    spread between its data draws). Weights only, the largest binomial error is at most
    ``0.5 / sqrt(N + 4)``, so the first run always meets the target. With data uncertainty the
    error need not fall as ``1 / sqrt(N)`` (part of it comes from the 100 or more data draws),
    which the doubling and the cap cover.
    """
    if not target_se > 0:  # NaN too
        raise AllianceScoreError(Problem("target_se", "a number > 0", repr(target_se)))
    if max_samples < 1:
        raise AllianceScoreError(Problem("max_samples", "at least 1", repr(max_samples)))
    samples = min(max_samples, _whole_blocks((0.5 / target_se) ** 2))
    while True:
        found = run(samples)
        se = found.max_standard_error
        if se < target_se:
            return found, True
        if samples >= max_samples:
            return found, False
        try:
            wanted = _whole_blocks(samples * (se / target_se) ** 2)
        except OverflowError:  # a NaN estimate: double
            wanted = 0
        samples = min(max_samples, 4 * samples, max(2 * samples, wanted))


def first_rank_acceptability(
    result: Result,
    *,
    seed: int,
    samples: int | None = None,
    target_se: float | None = None,
    max_samples: int = TARGET_MAX_SAMPLES,
    threads: int | None = None,
) -> dict[str, FirstRank]:
    """The rank-1 acceptability of every alternative and its Monte Carlo standard error, per
    score method of ``result``, with ``samples`` draws or, with ``target_se``, as many as
    :func:`sample_to_target` needs (at most ``max_samples``), each method on its own. The
    draws are those of :func:`analyse` with the same profile settings, samples and seed (its
    ``acceptability[method][1]``), without the stability intervals, sweeps and importance
    that a study at scale does not keep."""
    if (samples is None) == (target_se is None):
        raise TypeError("give either samples or target_se")
    spec, methods = _settings(result, None, None, {"samples": samples, "seed": seed})
    sampler = profile_sampler(result, spec.sampler, spec.concentration)
    data = _data_uncertainty(result, float(spec.data_error)) if spec.data_error else None
    V = result.matrix.values[list(result.weights.leaves)].to_numpy(dtype=float)
    out = {}
    for method in [m for m in methods if m in result.methods]:

        def run(n: int, method: str = method) -> sa.SMAAResult:
            return sa.smaa(
                method,
                V,
                None,
                sampler=sampler,
                n_samples=n,
                seed=spec.seed,
                data=data,
                params=dict(result.methods[method]),
                threads=threads,
            )

        met = None
        if target_se is None:
            found = run(spec.samples)
        else:
            found, met = sample_to_target(run, target_se, max_samples)
        out[method] = FirstRank(
            acceptability=found.acceptability[:, 0].copy(),
            standard_error=found.acceptability_se[:, 0].copy(),
            samples=found.n_samples,
            max_standard_error=found.max_standard_error,
            target_met=met,
        )
    return out


def _sweep_frame(found: sa.Sweep, alternatives: list[str]) -> pd.DataFrame:
    """A weight sweep as a DataFrame: the group's weight down, (score | rank, alternative)
    across."""
    columns = pd.MultiIndex.from_product(
        [["score", "rank"], alternatives], names=["quantity", "alternative"]
    )
    return pd.DataFrame(
        np.hstack([found.scores, found.ranks]),
        index=pd.Index(found.t, name="weight"),
        columns=columns,
    ).astype({("rank", a): int for a in alternatives})


def _importance(
    result: Result,
    V: np.ndarray,
    method: str,
    seed: int,
    groups: dict,
    top_ids: list[str],
    sampler: str,
    concentration: float,
) -> tuple[pd.DataFrame, str]:
    """Sobol indices of the top-level weights (deeper weights fixed) for the leaders' ranks,
    over the analysis's own weight distribution where Sobol's independent inputs allow it:
    uniform stays uniform, Dirichlet keeps its concentration; an importance order or
    intervals (constraints that tie the inputs together) fall back to a Dirichlet around the
    profile's weights, and the description says so."""
    weights = result.weights
    expand = np.zeros((len(top_ids), V.shape[1]))
    for g, c in enumerate(top_ids):
        for j in groups[c]:
            expand[g, j] = weights.global_[weights.leaves[j]] / weights.global_[c]
    around = None if sampler == "uniform" else [weights.global_[c] for c in top_ids]
    found = sa.weight_importance(
        method,
        V,
        None,
        around=around,
        concentration=concentration,
        expand=expand,
        params=dict(result.methods[method]),
        seed=seed,
        n=8192,
    )
    inputs = f"{method}; top-level weights {found.inputs}"
    if sampler in ("ordinal", "intervals"):
        inputs += f" (the {sampler} constraints cannot be Sobol inputs: this replaces them)"
    alts = list(result.matrix.values.index)
    rows = []
    for a, leader in enumerate(found.alternatives):
        for g, c in enumerate(top_ids):
            rows.append(
                {
                    "leader": alts[leader],
                    "criterion": c,
                    "first order": found.first_order[a, g],
                    "total": found.total[a, g],
                }
            )
    return pd.DataFrame(rows).set_index(["leader", "criterion"]), inputs
