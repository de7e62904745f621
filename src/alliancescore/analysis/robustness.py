"""Sensitivity analysis of a scored profile: how far its ranking can be trusted.

The pandas layer over :mod:`alliancescore.sensitivity`: it takes a :class:`Result`, draws
weights that respect the criteria tree, and returns DataFrames keyed by alternative ids and
criterion ids.

- **SMAA-2** per method over the profile's weight uncertainty (``sampler``):
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
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from alliancescore import sensitivity as sa
from alliancescore.analysis.matrix import alternative_layout, pipeline_rules
from alliancescore.analysis.pipeline import run_pipeline
from alliancescore.analysis.result import Result, summary_html
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.mcda._checks import is_finite_number
from alliancescore.model.criteria import CriteriaModel, Criterion
from alliancescore.model.profile import SAMPLER_NAMES
from alliancescore.settings import (
    DEFAULT_CONCENTRATION,
    DEFAULT_K,
    DEFAULT_SAMPLER,
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
)

__all__ = ["DEFAULT_SAMPLES", "SensitivityReport", "analyse"]


@dataclass(frozen=True, repr=False)
class SensitivityReport:
    """Everything the sensitivity analysis found, as DataFrames (alternatives by id) and plain
    Python numbers.

    sweeps : method -> top-level criterion -> DataFrame indexed by the criterion's total weight
        (``weight``, 0 to 1, the others rescaled in proportion) with columns
        ``("score", alternative)`` and ``("rank", alternative)``; the profile's own weight is
        ``stability[method].loc[criterion, "weight"]``.
    data_draws : data matrices drawn per method (0 without data uncertainty); the standard
        errors include the spread between them (:mod:`alliancescore.sensitivity.smaa`).
    """

    result: Result
    samples: int
    seed: int
    sampler: str
    data: str | None
    data_draws: int
    acceptability: dict[str, pd.DataFrame]  # method -> alternatives x ranks (1..n)
    acceptability_se: dict[str, float]  # method -> largest Monte Carlo standard error
    central_weights: dict[str, pd.DataFrame]  # method -> alternatives x top-level criteria
    confidence: pd.DataFrame  # alternatives x methods
    winning: dict[str, pd.DataFrame]  # method -> alternatives x alternatives (top k)
    stability: dict[str, pd.DataFrame]  # method -> groups x interval columns
    sweeps: dict[str, dict[str, pd.DataFrame]]  # method -> criterion -> weight x (score/rank)
    importance: pd.DataFrame | None = None  # (leader, criterion) x first/total
    importance_inputs: str = ""  # the method and weight distribution the indices refer to
    notes: tuple[str, ...] = ()

    def most_critical(self, method: str) -> pd.Series | None:
        """The group whose smallest weight change flips the top choice (absolute change)."""
        table = self.stability[method]
        finite = table[np.isfinite(table["top1 change"])]
        if finite.empty:
            return None
        return finite.sort_values("top1 change").iloc[0]

    def leaders(self) -> pd.DataFrame:
        """Per method: the alternative most often ranked first, its label, that share, the
        largest Monte Carlo standard error and the leader's confidence factor."""
        labels = self.result.matrix.alternatives["label"]
        rows = []
        for method, table in self.acceptability.items():
            leader = table[1].idxmax()
            rows.append(
                {
                    "method": method,
                    "leader": leader,
                    "label": labels.get(leader, leader),
                    "rank 1 share": float(table.loc[leader, 1]),
                    "largest SE": self.acceptability_se[method],
                    "confidence": float(self.confidence.loc[leader, method]),
                }
            )
        return pd.DataFrame(rows).set_index("method")

    def _heading(self, short: bool) -> tuple[str, str]:
        p = self.result.profile
        data = "nominal data"
        if self.data:
            how = textwrap.shorten(self.data, 50, placeholder=" ...") if short else self.data
            data = f"{self.data_draws:,} data draws ({how})"
        return (
            f"{p.id} ({p.label}; {p.focal}, {p.year})",
            f"{self.samples:,} draws per method, seed {self.seed}; {data}",
        )

    def __repr__(self) -> str:
        title, run = self._heading(short=True)
        lines = [f"SensitivityReport: {title}", f"  {run}"]
        for method, row in self.leaders().iterrows():
            lines.append(
                f"  {method}: {row['leader']} ({row['label']}) first in "
                f"{row['rank 1 share']:.1%} of draws (SE <= {row['largest SE']:.4f})"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        title, run = self._heading(short=False)
        columns = ["method", "leader", "label", "rank 1 share", "largest SE", "confidence"]
        body = [
            [
                method,
                row["leader"],
                row["label"],
                f"{row['rank 1 share']:.1%}",
                f"{row['largest SE']:.4f}",
                "n/a" if row["confidence"] != row["confidence"] else f"{row['confidence']:.2f}",
            ]
            for method, row in self.leaders().iterrows()
        ]
        return summary_html(f"Sensitivity: {title}", run, columns, body)


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


def _sampler(result: Result, name: str, concentration: float) -> sa.WeightSampler:
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
        spec = result.profile.weights.intervals
        missing = [i for i in top_ids if i not in spec]
        if missing:
            raise AllianceScoreError(
                Problem(
                    f"{result.profile.path}: weights.intervals",
                    "an interval for every top-level criterion",
                    f"none for {', '.join(missing)}",
                    "Add e.g. intervals = { deterrence = [0.2, 0.4], ... }",
                )
            )
        top = sa.within_intervals([spec[i][0] for i in top_ids], [spec[i][1] for i in top_ids])
    elif name == "ordinal":
        if result.profile.weights.scheme == "ranking":
            ranks = [result.profile.weights.values[i] for i in top_ids]
        else:
            ranks = list(pd.Series([-local[i] for i in top_ids]).rank(method="min").astype(int))
        top = sa.ordinal(ranks)
    else:
        raise AllianceScoreError(
            Problem("sampler", "uniform, dirichlet, intervals or ordinal", repr(name))
        )
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
    layout = alternative_layout(profile, model, kept, list(states.index))
    rules = pipeline_rules(model)
    # 1 where a raw value gets an error, 0 for categorical indicators.
    noisy = np.array([not rule.categorical for rule in rules], dtype=float)

    def draw(rng: np.random.Generator, V: np.ndarray) -> np.ndarray:
        perturbed = base * (1.0 + relative * rng.standard_normal(base.shape) * noisy)
        # The perturbation keeps the missing cells missing, so no alternative is excluded
        # and the fills are the nominal ones.
        return run_pipeline(perturbed, layout, rules).values

    return sa.DataUncertainty(
        draw,
        f"relative normal error {relative:g} on the raw values of non-categorical indicators "
        "of every state (coalitions re-aggregated from their members), value functions "
        "re-applied, missing-data fills kept",
    )


def _options(result: Result, given: dict[str, Any]) -> dict[str, Any]:
    """The analysis options: each argument given, else the profile's ``[sensitivity]`` value,
    else the default. Every bad value is reported at once, named as the caller wrote it: the
    parameter (``samples``) for an argument, the file and key for a profile value (the command
    line renames parameters to its flags)."""
    profile = result.profile
    config = dict(profile.sensitivity)
    defaults = {
        "samples": DEFAULT_SAMPLES,
        "seed": DEFAULT_SEED,
        "sampler": DEFAULT_SAMPLER,
        "concentration": DEFAULT_CONCENTRATION,
        "data_error": None,
        "k": DEFAULT_K,
    }
    values, where = {}, {}
    for name, default in defaults.items():
        if given[name] is not None:
            values[name], where[name] = given[name], name
        else:
            values[name] = config.get(name, default)
            where[name] = f"{profile.path}: sensitivity.{name}"
    problems = []

    def whole(name: str, minimum: int) -> None:
        value = values[name]
        if not isinstance(value, int | np.integer) or isinstance(value, bool) or value < minimum:
            problems.append(
                Problem(where[name], f"a whole number of at least {minimum}", repr(value))
            )
        else:
            values[name] = int(value)

    def number(name: str, what: str, ok: Callable[[float], bool]) -> None:
        value = values[name]
        if not is_finite_number(value) or not ok(float(value)):
            problems.append(Problem(where[name], what, repr(value)))
        else:
            values[name] = float(value)

    whole("samples", 1)
    whole("seed", 0)
    whole("k", 1)
    if values["sampler"] not in SAMPLER_NAMES:
        problems.append(
            Problem(
                where["sampler"],
                f"one of {', '.join(SAMPLER_NAMES)}",
                repr(values["sampler"]),
                did_you_mean(str(values["sampler"]), SAMPLER_NAMES),
            )
        )
    number("concentration", "a positive number", lambda c: c > 0)
    if values["data_error"] is not None:
        number("data_error", "a relative error of at least 0 (0.1 = 10 %)", lambda e: e >= 0)
    methods = given["methods"]
    if isinstance(methods, str):
        problems.append(
            Problem(
                "methods",
                "a list of method names",
                repr(methods),
                f"Write methods=[{methods!r}]",
            )
        )
    else:
        methods = list(methods or result.methods)
        unknown = [m for m in methods if m not in result.methods]
        if unknown:
            problems.append(
                Problem(
                    "methods",
                    f"methods of this result ({', '.join(result.methods)})",
                    ", ".join(map(repr, unknown)),
                    "Score the profile with them first (scoring.score(..., methods=...))",
                )
            )
    if problems:
        raise AllianceScoreError(problems)
    values["methods"] = methods
    return values


def analyse(
    result: Result,
    *,
    methods: Sequence[str] | None = None,
    samples: int | None = None,
    seed: int | None = None,
    sampler: str | None = None,
    concentration: float | None = None,
    data_error: float | None = None,
    k: int | None = None,
    importance: bool = True,
    progress: Callable[[int], None] | None = None,
) -> SensitivityReport:
    """Sensitivity analysis of a scored profile; unset options come from its [sensitivity].

    methods : methods of ``result`` to analyse (default all); samples : weight draws per
    method; seed : any non-negative integer; sampler : ``dirichlet``, ``uniform``,
    ``intervals`` or ``ordinal`` (module docstring); concentration : the Dirichlet's, per tree
    node; data_error : relative error on the raw indicator values (``0.1`` = 10 %; none by
    default); k : the top-k set whose stability is reported. A bad value raises one
    :class:`AllianceScoreError` naming every bad parameter.
    """
    options = _options(
        result,
        {
            "methods": methods,
            "samples": samples,
            "seed": seed,
            "sampler": sampler,
            "concentration": concentration,
            "data_error": data_error,
            "k": k,
        },
    )
    methods = options["methods"]
    samples, seed, k = options["samples"], options["seed"], options["k"]
    sampler_name, concentration = options["sampler"], options["concentration"]
    data_error = options["data_error"]
    weight_sampler = _sampler(result, sampler_name, concentration)
    data = _data_uncertainty(result, float(data_error)) if data_error else None
    V = result.matrix.values[list(result.weights.leaves)].to_numpy(dtype=float)
    w0 = result.weights.leaf_weights
    alts = list(result.matrix.values.index)
    top_ids = [c.id for c in result.criteria.criteria]
    paths = result.criteria.paths()
    groups = {
        c: [j for j, leaf in enumerate(result.weights.leaves) if paths[leaf][0] == c]
        for c in top_ids
    }
    groups.update({leaf: [j] for j, leaf in enumerate(result.weights.leaves)})

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
        stab = sa.stability_intervals(
            method, V, w0, None, groups=list(groups.values()), k=k, params=params
        )
        rows = []
        for name, interval in zip(groups, stab.intervals, strict=True):
            rows.append(
                {
                    "group": name,
                    "level": "criterion" if name in top_ids else "indicator",
                    "weight": interval.t0,
                    "top1 low": interval.top1[0],
                    "top1 high": interval.top1[1],
                    f"top{k} low": interval.topk[0],
                    f"top{k} high": interval.topk[1],
                    "full low": interval.full[0],
                    "full high": interval.full[1],
                    "top1 change": interval.top1_change,
                    "top1 relative change": interval.top1_relative_change,
                }
            )
        stability[method] = pd.DataFrame(rows).set_index("group")
        sweeps[method] = {
            c: _sweep_frame(
                sa.sweep(method, V, w0, None, group=groups[c], params=params, switches=False),
                alts,
            )
            for c in top_ids
        }
        data_draws = smaa.n_data_draws
    importance_frame, importance_inputs = None, ""
    if importance and len(top_ids) >= 2:
        importance_frame, importance_inputs = _importance(
            result, V, methods[0], seed, groups, top_ids, sampler_name, concentration
        )
    notes = [
        f"{m}: largest Monte Carlo standard error of a rank acceptability {se[m]:.4f}"
        for m in methods
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
    )


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
