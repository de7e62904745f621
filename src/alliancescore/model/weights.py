"""From a profile's weight statement and a criteria tree to one global weight per indicator.

The profile weighs the top-level criteria with a scheme (``[weights] scheme``, each running a
registered weighting of :data:`alliancescore.mcda.WEIGHTINGS`, see
:data:`~alliancescore.model.profile_format.WEIGHTING_OF`), or leaves them to the criteria
file's own ``weight`` fields (no ``[weights]``, or ``scheme = "criteria_file"``):

- judgments from the profile: ``direct`` values; ``ahp`` pairwise judgments (consistency ratio
  checked against ``max_cr``); a ranking (``values``, 1 = most important) turned into
  rank-order centroid (``ranking``), rank-sum or rank-reciprocal weights; ``swara`` (an
  ``order`` and comparative importances); ``bwm`` (``best``, ``worst``, ``best_to_others``,
  ``others_to_worst`` by criterion id; ``bwm_max_cr`` optional, since Rezaei 2015 states no
  threshold);
- objective schemes computed on the value matrix (``entropy``, ``critic``,
  ``standard_deviation``, ``merec``): at the top level on the criteria's aggregated values
  (each criterion's indicators under their local weights, 0 = worst, 1 = best), and for any
  criterion named in ``local_schemes`` on its children's values. MEREC takes ratios and
  logarithms, which a value of 0 (the worst) does not allow: it runs on ``1 + value``, and
  its note says so. Each objective computation adds a note (``weights: entropy over the 32
  alternatives' values of the top-level criteria ...``).

Deeper nodes keep the criteria file's local weights unless the profile's ``[weights] local``
table overrides them by id or ``local_schemes`` derives them. Local weights are rescaled to
sum to one among siblings, and an indicator's global weight is the product of the local
weights on its path from the goal.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from alliancescore import mcda
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean

from .criteria import CriteriaModel, Criterion, Indicator
from .profile import WeightSpec
from .profile_format import OBJECTIVE_SCHEMES, RANK_SCHEMES, WEIGHTING_OF

__all__ = [
    "UNSTATED_WEIGHTS",
    "Level",
    "ResolvedWeights",
    "file_weights",
    "interval_note",
    "judged_shares",
    "missing_intervals",
    "replaced_weights",
    "resolve_weights",
    "unstated_weights_note",
]


@dataclass(frozen=True)
class ResolvedWeights:
    """Weights of every node: ``local`` among siblings, ``global_`` from the goal down."""

    scheme: str
    local: Mapping[str, float]
    global_: Mapping[str, float]
    leaves: tuple[str, ...]
    diagnostics: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    """What the analyst should read beside the weights (how objective weights were computed)."""
    provisional: bool = False
    """Objective weights stood in as equal shares (no value matrix was given): score anew."""
    source: str = "the profile's [weights]"
    """Who set the top-level weights, in words (notes say it: several analysts' judgments
    name the aggregation)."""
    unstated: str = ""
    """The note said when the profile states no ``[weights]`` (the criteria file's apply);
    empty when it states them. Every output that ranks says it (score first among its notes,
    sensitivity's header, explain, a study run); it is not among ``notes``."""

    @property
    def leaf_weights(self) -> np.ndarray:
        return np.array([self.global_[i] for i in self.leaves])


def _scheme(spec: WeightSpec, scheme: str, *args: object, **kwargs: object) -> mcda.WeightResult:
    """``mcda.weights`` with its errors located in the profile file."""
    file = spec.where.rsplit(": ", 1)[0]
    try:
        return mcda.weights(scheme, *args, **kwargs)
    except AllianceScoreError as error:
        raise error.relocated(lambda where: f"{file}: {where}") from None


UNSTATED_WEIGHTS = "weights: the profile has no [weights]"
"""How :attr:`ResolvedWeights.unstated` begins."""


@functools.cache
def _shipped_default_sha256() -> str:
    """SHA-256 of the shipped default criteria file's bytes (as :func:`read_toml` records)."""
    from alliancescore.shipped import default_criteria

    return hashlib.sha256(default_criteria().read_bytes()).hexdigest()


def unstated_weights_note(model: CriteriaModel) -> str:
    """Said when a profile has no ``[weights]``: the default model's top-level weights were
    chosen to predict which states ally (the backtest's design window), which puts near
    neighbours first; they state no nation's priorities. Said of the shipped file as it is
    (its bytes), not of a copy that kept its id and changed its weights."""
    why = (
        ": the default model's were chosen to predict which states form alliances (its "
        "backtest), which puts near neighbours far above distant powers"
        if model.sha256 == _shipped_default_sha256()
        else ""
    )
    return (
        f"{UNSTATED_WEIGHTS}, so the criteria file's own apply{why}. State "
        "the focal nation's priorities in [weights] (direct values, AHP judgments, a ranking "
        "or BWM)"
    )


def file_weights(model: CriteriaModel) -> dict[str, float]:
    """The criteria file's own top-level weights, rescaled to sum to one."""
    raw = {c.id: c.weight for c in model.criteria}
    total = sum(raw.values())  # positive: load_criteria refuses all-zero siblings
    return {k: v / total for k, v in raw.items()}


def replaced_weights(
    model: CriteriaModel, weights: ResolvedWeights
) -> list[tuple[str, float, float]]:
    """Top-level criteria whose resolved weight differs from the criteria file's own:
    ``(id, file weight, resolved weight)``, both rescaled to sum to one, in the file's order.
    Empty when the criteria file's weights apply."""
    if weights.scheme == "criteria_file":
        return []
    own = file_weights(model)
    return [
        (k, own[k], weights.local[k])
        for k in own
        # Differences below this are float noise from rescaling, not a choice anyone made.
        if not np.isclose(own[k], weights.local[k], rtol=1e-9, atol=1e-12)
    ]


@dataclass(frozen=True)
class Level:
    """The children one weight statement weighs: the top-level criteria (``node = ""``) or the
    children of the criterion ``node``, with the words messages use for them."""

    ids: list[str]
    node: str = ""

    @property
    def an_id(self) -> str:
        return "a top-level criterion id" if not self.node else f"the id of a child of {self.node}"

    @property
    def ids_of(self) -> str:
        return (
            "the top-level criteria ids"
            if not self.node
            else f"the ids of the children of {self.node}"
        )

    @property
    def every(self) -> str:
        return "every top-level criterion" if not self.node else f"every child of {self.node}"


def _key(spec: WeightSpec) -> str:
    """The key path of ``spec`` in its file (``weights``, ``analysts[0].nodes.deterrence``)."""
    return spec.where.rsplit(": ", 1)[-1]


def _by_id(
    spec: WeightSpec,
    key: str,
    given: Mapping[str, float],
    ids: list[str],
    level: Level | None = None,
) -> list[Problem]:
    """Problems of a table by criterion id: unknown ids (with did-you-mean) and missing ones."""
    level = level or Level(ids)
    where = f"{spec.where}.{key}"
    problems = [
        Problem(
            f"{where}.{name}",
            f"{level.an_id} ({', '.join(ids)})",
            repr(name),
            did_you_mean(name, ids, listing=False),
        )
        for name in given
        if name not in ids
    ]
    missing = [i for i in ids if i not in given]
    if missing:
        problems.append(
            Problem(where, f"a value for {level.every}", f"none for {', '.join(missing)}")
        )
    return problems


_TIMES = {2: "twice", 3: "three times"}


def _listed_once(where: str, names: tuple[str, ...], level: Level, role: str) -> Problem | None:
    """The problem of a list that must name every id of ``level`` once (AHP's ``criteria``,
    SWARA's ``order``), or ``None``: an id listed again, at its positions, and the ids
    missing. A repeated id must be refused even when none is missing, since its weight would
    be counted once and the others would no longer sum to one. ``role`` says what a position
    means (the hint's parenthesis)."""
    repeated = {n: [i for i, m in enumerate(names) if m == n] for n in dict.fromkeys(names)}
    repeated = {n: at for n, at in repeated.items() if len(at) > 1}
    missing = [i for i in level.ids if i not in names]
    if not repeated and not missing:
        return None
    key = where.rsplit(".", 1)[-1]
    found = []
    for name, at in repeated.items():
        places = [f"{key}[{i}]" for i in at]
        listing = f"{', '.join(places[:-1])} and {places[-1]}"
        found.append(f"{name} {_TIMES.get(len(at), f'{len(at)} times')}, at {listing}")
    found += [f"{', '.join(missing)} missing"] if missing else []
    if not repeated:
        return Problem(where, f"{level.every} once", "; ".join(found))
    if len(repeated) == 1 and len(missing) == 1:
        fix = f"Replace one {next(iter(repeated))} by {missing[0]}"
    elif missing:
        fix = f"Keep one entry of each repeated id and add {', '.join(missing)}"
    else:
        fix = "Remove the extra entries"
    return Problem(where, f"{level.every} once", "; ".join(found), f"{fix} ({role})")


def _ahp(spec: WeightSpec, level: Level) -> tuple[dict[str, float], dict]:
    where, ids = spec.where, level.ids
    problems = [
        Problem(
            f"{where}.criteria",
            f"{level.ids_of} ({', '.join(ids)})",
            repr(name),
            did_you_mean(name, ids),
        )
        for name in spec.ahp_criteria
        if name not in ids
    ]
    listed = _listed_once(
        f"{where}.criteria",
        spec.ahp_criteria,
        level,
        "each entry names the matrix row and column at its position",
    )
    problems += [listed] if listed else []
    if problems:
        raise AllianceScoreError(problems)
    result = _scheme(
        spec,
        "ahp",
        spec.ahp_matrix,
        ri_table=spec.ri_table,
        threshold=spec.max_cr,
        name=f"{_key(spec)}.matrix",
    )
    cr = result.diagnostics["cr"]
    if cr > spec.max_cr and not spec.allow_inconsistent:
        raise AllianceScoreError(
            Problem(
                f"{where}.matrix",
                f"judgments with a consistency ratio of at most {spec.max_cr:g}",
                f"CR = {cr:.3f} (random index table {spec.ri_table})",
                "Revise the judgments, or set allow_inconsistent = true to proceed anyway",
            )
        )
    diagnostics = dict(result.diagnostics)
    diagnostics["matrix"] = [list(row) for row in spec.ahp_matrix]
    diagnostics["criteria"] = list(spec.ahp_criteria)
    return dict(zip(spec.ahp_criteria, result.weights, strict=True)), diagnostics


def _swara(spec: WeightSpec, level: Level) -> tuple[dict[str, float], dict]:
    where, ids = spec.where, level.ids
    problems = [
        Problem(
            f"{where}.order",
            f"{level.an_id} ({', '.join(ids)})",
            repr(name),
            did_you_mean(name, ids),
        )
        for name in spec.order
        if name not in ids
    ]
    listed = _listed_once(
        f"{where}.order", spec.order, level, "order runs from the most important to the least"
    )
    problems += [listed] if listed else []
    if problems:
        raise AllianceScoreError(problems)
    rest = list(spec.order[1:])
    given = spec.comparative_importance
    problems = [
        Problem(
            f"{where}.comparative_importance.{name}",
            f"a criterion of order after the first ({', '.join(rest)})",
            repr(name),
            f"The first of order ({spec.order[0]!r}) has no comparative importance"
            if name == spec.order[0]
            else did_you_mean(name, rest),
        )
        for name in given
        if name not in rest
    ]
    lacking = [k for k in rest if k not in given]
    if lacking:
        problems.append(
            Problem(
                f"{where}.comparative_importance",
                "a value for every criterion of order after the first",
                f"none for {', '.join(lacking)}",
            )
        )
    if problems:
        raise AllianceScoreError(problems)
    order = [ids.index(k) for k in spec.order]
    result = _scheme(
        spec,
        "swara",
        [given[k] for k in rest],
        order=order,
        name=f"{_key(spec)}.comparative_importance",
    )
    return dict(zip(ids, result.weights, strict=True)), {"order": list(spec.order)}


def _bwm(spec: WeightSpec, level: Level) -> tuple[dict[str, float], dict]:
    """Best-worst weights; ``best``'s own ``best_to_others`` entry and ``worst``'s own
    ``others_to_worst`` entry may be left out (they are 1 by definition)."""
    where, ids = spec.where, level.ids
    problems = [
        Problem(
            f"{where}.{key}",
            f"{level.an_id} ({', '.join(ids)})",
            repr(name),
            did_you_mean(str(name), ids),
        )
        for key, name in (("best", spec.best), ("worst", spec.worst))
        if name not in ids
    ]
    if problems:
        raise AllianceScoreError(problems)
    assert spec.best is not None and spec.worst is not None
    to_others = {spec.best: 1.0, **spec.best_to_others}
    to_worst = {spec.worst: 1.0, **spec.others_to_worst}
    problems = _by_id(spec, "best_to_others", to_others, ids, level)
    problems += _by_id(spec, "others_to_worst", to_worst, ids, level)
    if problems:
        raise AllianceScoreError(problems)

    def by_id(where_in_mcda: str) -> str:
        # mcda names entries by index (best_to_others[2]); the analyst wrote ids.
        return re.sub(
            r"\b(best_to_others|others_to_worst)\[(\d+)\]",
            lambda m: f"{_key(spec)}.{m.group(1)}.{ids[int(m.group(2))]}",
            where_in_mcda,
        )

    file = spec.where.rsplit(": ", 1)[0]
    try:
        result = mcda.weights(
            "bwm",
            [to_others[i] for i in ids],
            [to_worst[i] for i in ids],
            best=ids.index(spec.best),
            worst=ids.index(spec.worst),
            model=spec.bwm_model,
        )
    except AllianceScoreError as error:
        raise error.relocated(lambda w: f"{file}: {by_id(w)}") from None
    diagnostics = dict(result.diagnostics)
    ratio = diagnostics["consistency_ratio"]
    if spec.bwm_max_cr is not None and ratio > spec.bwm_max_cr and not spec.allow_inconsistent:
        raise AllianceScoreError(
            Problem(
                f"{where}.best_to_others",
                f"comparisons with a consistency ratio (xi*/CI, Rezaei 2015) of at most "
                f"{spec.bwm_max_cr:g} (bwm_max_cr)",
                f"{ratio:.3f} (xi* = {diagnostics['xi_nonlinear']:.3f}, CI = "
                f"{diagnostics['consistency_index']:.2f} for a_BW = {diagnostics['a_bw']:g})",
                "Revise the comparisons, or set allow_inconsistent = true to proceed anyway",
            )
        )
    diagnostics.update(best=spec.best, worst=spec.worst)
    return dict(zip(ids, result.weights, strict=True)), diagnostics


def judged_shares(spec: WeightSpec, level: Level) -> tuple[dict[str, float], dict]:
    """The shares of ``level``'s children (summing to one) from the judgments of ``spec``
    (any scheme but the objective ones and ``criteria_file``), with the scheme's diagnostics;
    an AHP consistency ratio above ``max_cr`` is refused unless ``allow_inconsistent``."""
    ids = level.ids
    if spec.scheme == "ahp":
        return _ahp(spec, level)
    if spec.scheme == "swara":
        return _swara(spec, level)
    if spec.scheme == "bwm":
        return _bwm(spec, level)
    values = dict(spec.values)
    problems = _by_id(spec, "values", values, ids, level)
    if problems:
        raise AllianceScoreError(problems)
    ordered = [values[i] for i in ids]
    scheme = WEIGHTING_OF[spec.scheme]
    key = _key(spec)
    if spec.scheme in RANK_SCHEMES:
        ordered = [int(v) for v in ordered]
    file = spec.where.rsplit(": ", 1)[0]
    try:
        result = mcda.weights(scheme, ordered, name=f"{key}.values")
    except AllianceScoreError as error:
        # mcda names entries by index (values[2]); the analyst wrote ids.
        def by_id(where: str) -> str:
            return re.sub(r"\.values\[(\d+)\]", lambda m: f".values.{ids[int(m.group(1))]}", where)

        raise error.relocated(lambda where: f"{file}: {by_id(where)}") from None
    return dict(zip(ids, result.weights, strict=True)), dict(result.diagnostics)


def _top_level(
    model: CriteriaModel, spec: WeightSpec, objective: _Objective
) -> tuple[dict[str, float], dict]:
    ids = [c.id for c in model.criteria]
    if spec.scheme == "criteria_file":
        return file_weights(model), {}
    if spec.scheme in OBJECTIVE_SCHEMES:
        shares = objective.shares(spec.scheme, "", list(model.criteria))
        return dict(zip(ids, shares, strict=True)), {}
    return judged_shares(spec, Level(ids))


class _Objective:
    """Objective weights (entropy, CRITIC, standard deviation, MEREC) of a node's children,
    computed on their values over the alternatives: an indicator's column of the value
    matrix, a criterion's indicators aggregated under the local weights below it (its
    sub-score, 0 to 1). Without ``values`` (``validate``, which builds no matrix) the shares
    are provisional equal ones, and :attr:`provisional` says so."""

    def __init__(self, spec: WeightSpec, values: Mapping[str, np.ndarray] | None):
        self.spec = spec
        self.values = values
        self.local: dict[str, float] = {}
        self.notes: list[str] = []
        self.details: dict[str, dict[str, Any]] = {}
        self.provisional = False

    def aggregate(self, node: Criterion | Indicator) -> np.ndarray:
        assert self.values is not None
        if not isinstance(node, Criterion):
            return np.asarray(self.values[node.id], dtype=float)
        return sum(self.local[c.id] * self.aggregate(c) for c in node.children)  # type: ignore[return-value]

    def shares(self, scheme: str, node: str, children: list) -> np.ndarray:
        """Shares of ``children`` (summing to one) by the objective ``scheme``; ``node`` is the
        parent's id ("" for the top level)."""
        ids = [c.id for c in children]
        whose = f"the children of {node} ({', '.join(ids)})" if node else "the top-level criteria"
        key = f"{self.spec.where}.local_schemes.{node}" if node else f"{self.spec.where}.scheme"
        if self.values is None:
            self.provisional = True
            self.notes.append(
                f"weights: {scheme} over the alternatives' values of {whose} is computed when "
                "scoring (validate builds no value matrix; equal weights stand in for it here)"
            )
            return np.full(len(children), 1.0 / len(children))
        X = np.column_stack([self.aggregate(c) for c in children])
        shifted = ""
        if scheme == "merec":  # ratios and logarithms: the 0-1 values shifted onto [1, 2]
            X = 1.0 + X
            shifted = " (shifted to 1 + value: MEREC takes ratios and logarithms)"
        try:
            result = mcda.weights(WEIGHTING_OF[scheme], X, None, name=key)
        except AllianceScoreError as error:
            raise error.relocated(
                lambda where: f"{where} ({scheme} over the values of {whose})"
            ) from None
        aggregated = (
            " (each criterion's indicators aggregated under their local weights)"
            if any(isinstance(c, Criterion) for c in children)
            else ""
        )
        self.notes.append(
            f"weights: {scheme} over the {X.shape[0]} alternatives' values of {whose}"
            f"{aggregated}{shifted}: "
            + ", ".join(f"{i} {w:.3f}" for i, w in zip(ids, result.weights, strict=True))
        )
        self.details[node or "(top level)"] = {
            "scheme": scheme,
            "alternatives": int(X.shape[0]),
            "children": ids,
            "weights": result.weights,
        }
        return result.weights


def _check_local_schemes(model: CriteriaModel, spec: WeightSpec) -> None:
    """Each ``local_schemes`` id names a criterion with children, and none of those children
    has a ``local`` weight of its own (the scheme derives them)."""
    problems = []
    for node, scheme in spec.local_schemes.items():
        where = f"{spec.where}.local_schemes.{node}"
        found = model.nodes.get(node)
        if found is None:
            problems.append(
                Problem(
                    where,
                    "the id of a criterion in the criteria file",
                    repr(node),
                    did_you_mean(
                        node, [k for k, v in model.nodes.items() if isinstance(v, Criterion)]
                    ),
                )
            )
            continue
        if not isinstance(found, Criterion):
            problems.append(
                Problem(
                    where,
                    "a criterion (a node with children)",
                    f"the indicator {node!r}",
                    "An indicator has no children to weigh: name its criterion",
                )
            )
            continue
        clashing = [c.id for c in found.children if c.id in spec.local]
        problems += [
            Problem(
                f"{spec.where}.local.{c}",
                f"no local weight for a child of {node} (local_schemes.{node} = "
                f"{scheme!r} derives its children's weights)",
                repr(spec.local[c]),
                "Remove one of the two",
            )
            for c in clashing
        ]
    if problems:
        raise AllianceScoreError(problems)


def _infeasible_intervals(spec: WeightSpec, top_ids: list[str]) -> list[Problem]:
    """The problem of ``intervals`` that no top-level weights summing to one fit (the intervals
    sampler draws such weights, and would refuse them only at ``sensitivity``): lower bounds
    summing to more than one, or, with every top-level criterion bounded, upper bounds to less
    (a criterion left out may take up the rest, though the sampler wants them all). Only the
    top-level criteria have intervals, so they are the one sibling group to check."""
    given = [k for k in top_ids if k in spec.intervals]
    for side, index in (("lower", 0), ("upper", 1)):
        bounds = [spec.intervals[k][index] for k in given]
        total = sum(bounds)
        if side == "lower" and total <= 1 + 1e-12:
            continue
        if side == "upper" and (total >= 1 - 1e-12 or len(given) < len(top_ids)):
            continue
        terms = " + ".join(f"{k} {b:g}" for k, b in zip(given, bounds, strict=True))
        at_least = "at most" if side == "lower" else "at least"
        change = "lower some lower bounds" if side == "lower" else "raise some upper bounds"
        return [
            Problem(
                f"{spec.where}.intervals",
                f"{side} bounds summing to {at_least} 1 (the top-level weights sum to one)",
                f"{terms} = {total:g}",
                f"No weights summing to one fit these intervals, so sensitivity's intervals "
                f"sampler could draw none: {change}",
            )
        ]
    return []


def missing_intervals(spec: WeightSpec, top_ids: Sequence[str], path: str) -> Problem | None:
    """The problem of ``intervals`` that leave a top-level criterion unbounded, for the
    intervals sampler, which draws every top-level weight within its interval (``None`` when
    each has one). The one message: sensitivity refuses with it, and validate with it when
    the profile's ``[sensitivity] sampler`` is ``"intervals"``; ``path`` is the profile's file
    (empty for a profile built in code)."""
    missing = [i for i in top_ids if i not in spec.intervals]
    if not missing:
        return None
    return Problem(
        f"{path}: weights.intervals" if path else "weights.intervals",
        "an interval for every top-level criterion (the intervals sampler bounds each "
        "top-level weight)",
        f"none for {', '.join(missing)}",
        "Add e.g. intervals = { deterrence = [0.2, 0.4], ... }, or choose another sampler",
    )


def interval_note(spec: WeightSpec, weights: ResolvedWeights) -> str:
    """The note that the resolved top-level weights lie outside the profile's own
    ``intervals`` (empty when inside, or without intervals). A note, not a refusal: an analyst
    may bound sensitivity's draws elsewhere on purpose, to test other weights; but the
    intervals sampler then never draws the weights score ranks by, and its acceptabilities
    (nato first in 7.5% of draws) would read as if they described that ranking. Said by
    validate and score (the weights' notes) and by sensitivity with that sampler."""
    outside = [
        (k, weights.local[k], lower, upper)
        for k, (lower, upper) in spec.intervals.items()
        if k in weights.local and not lower - 1e-9 <= weights.local[k] <= upper + 1e-9
    ]
    if not outside:
        return ""
    listed = ", ".join(f"{k} ({w:.3f}, interval [{lo:g}, {hi:g}])" for k, w, lo, hi in outside)
    return (
        f"weights: the profile's weights lie outside weights.intervals for {listed}: "
        "sensitivity's intervals sampler draws only inside the intervals, so its rank "
        "acceptabilities describe other weights than those score ranks by"
    )


def _check_spec(model: CriteriaModel, spec: WeightSpec) -> None:
    """Ids of ``intervals`` and ``local`` against the tree, and the intervals' feasibility,
    before any weight is computed."""
    top_ids = [c.id for c in model.criteria]
    strays = [k for k in spec.intervals if k not in top_ids]
    problems = [  # an interval the sampler would silently ignore
        Problem(
            f"{spec.where}.intervals.{k}",
            "a top-level criterion id (intervals bound top-level weights)",
            repr(k),
            did_you_mean(k, top_ids),
        )
        for k in strays
    ]
    problems += _infeasible_intervals(spec, top_ids)
    if problems:
        raise AllianceScoreError(problems)
    unknown = [k for k in spec.local if k not in model.nodes]
    if unknown:
        raise AllianceScoreError(
            [
                Problem(
                    f"{spec.where}.local.{k}",
                    "the id of a node in the criteria file",
                    repr(k),
                    did_you_mean(k, model.nodes),
                )
                for k in unknown
            ]
        )
    on_top = [k for k in spec.local if k in top_ids]
    if on_top:
        raise AllianceScoreError(
            [
                Problem(
                    f"{spec.where}.local.{k}",
                    "a node below the top level",
                    f"the top-level criterion {k!r}",
                    (
                        "Top-level weights come from the criteria file: change them there"
                        if spec.scheme == "criteria_file"
                        else f"Top-level weights come from the {spec.scheme} scheme: set it there"
                    ),
                )
                for k in on_top
            ]
        )


def _local_shares(spec: WeightSpec, node: Criterion) -> np.ndarray:
    """The shares of ``node``'s children from the profile's ``local`` or the criteria file."""
    raw = np.array([spec.local.get(c.id, c.weight) for c in node.children], dtype=float)
    raw = raw / raw.max() if raw.max() > 0 else raw  # relative: no overflow in the sum
    if raw.sum() <= 0:
        raise AllianceScoreError(
            Problem(
                f"{spec.where}.local",
                f"a positive weight among the children of {node.id!r}",
                "all zero",
            )
        )
    return raw / raw.sum()


def _node_shares(
    spec: WeightSpec,
    node: Criterion,
    judged: Mapping[str, Mapping[str, float]],
    objective: _Objective,
) -> np.ndarray:
    """Shares of ``node``'s children: the analysts' judgments, else the profile's
    ``local_schemes`` or ``local``, else the criteria file's weights."""
    if node.id in judged:
        return np.array([judged[node.id][c.id] for c in node.children], dtype=float)
    if node.id in spec.local_schemes:
        return objective.shares(spec.local_schemes[node.id], node.id, list(node.children))
    return _local_shares(spec, node)


def resolve_weights(
    model: CriteriaModel,
    spec: WeightSpec,
    values: Mapping[str, np.ndarray] | None = None,
    *,
    judged: Mapping[str, Mapping[str, float]] | None = None,
    scheme: str | None = None,
    notes: tuple[str, ...] = (),
    source: str | None = None,
) -> ResolvedWeights:
    """Global indicator weights for ``model`` under the profile's ``spec``.

    ``values`` maps each indicator id to its column of the value matrix (0 = worst, 1 = best,
    one entry per alternative); objective schemes (``scheme`` or ``local_schemes``) are
    computed on it. Without it they stand in as equal weights and the result is
    ``provisional`` (``validate``; ``score`` resolves again with the matrix).

    ``judged`` (several analysts, :mod:`alliancescore.model.group_weights`): shares of a
    node's children by node id (``""`` = the top-level criteria) that take precedence over
    ``spec`` and the criteria file at those nodes; ``scheme`` then names the result's scheme,
    ``source`` who set the top-level weights, and ``notes`` are added to its notes.
    """
    judged = judged or {}
    _check_spec(model, spec)
    _check_local_schemes(model, spec)
    objective = _Objective(spec, values)
    local = objective.local

    def child_shares(node: Criterion) -> None:
        """Local shares of ``node``'s children, deepest nodes first (an objective scheme
        aggregates its children's values under the shares below them)."""
        for child in node.children:
            if isinstance(child, Criterion):
                child_shares(child)
        shares = _node_shares(spec, node, judged, objective)
        for child, share in zip(node.children, shares, strict=True):
            local[child.id] = float(share)

    for criterion in model.criteria:
        if isinstance(criterion, Criterion):
            child_shares(criterion)
    unstated = ""
    if "" in judged:
        top, diagnostics = dict(judged[""]), {}
    else:
        top, diagnostics = _top_level(model, spec, objective)
        if not spec.stated:
            unstated = unstated_weights_note(model)
    global_: dict[str, float] = {}

    def descend(node: Criterion, weight_of_node: float) -> None:
        for child in node.children:
            global_[child.id] = float(weight_of_node * local[child.id])
            if isinstance(child, Criterion):
                descend(child, global_[child.id])

    for criterion in model.criteria:
        local[criterion.id] = float(top[criterion.id])
        global_[criterion.id] = float(top[criterion.id])
        if isinstance(criterion, Criterion):
            descend(criterion, global_[criterion.id])
    if objective.details:
        diagnostics["objective"] = objective.details
    leaves = tuple(ind.id for ind in model.indicators)
    resolved = ResolvedWeights(
        scheme or spec.scheme,
        dict(local),
        global_,
        leaves,
        diagnostics,
        notes=(*notes, *objective.notes),
        provisional=objective.provisional,
        source=source or "the profile's [weights]",
        unstated=unstated,
    )
    # Provisional objective weights are equal stand-ins: nothing to compare with the intervals.
    outside = "" if objective.provisional else interval_note(spec, resolved)
    return replace(resolved, notes=(*resolved.notes, outside)) if outside else resolved
