"""Score every focal state's candidates in year Y: the criteria model and the baselines.

For each focal state this does what :func:`alliancescore.analysis.matrix.build_matrix` does for a
profile whose candidates are all other states existing in Y and which has no coalitions
(``tests/backtest/test_backtest.py::test_the_panel_equals_the_analyst_paths_decision_matrix``
checks the values are identical), without what a backtest does not need (labels, coalitions),
so that ~160 focal states take seconds rather than minutes:

1. one :class:`~alliancescore.measures.MeasureContext` per focal state (its threats from
   :mod:`.threats`), one call of each indicator's registered measure over all candidates;
2. the analyst path's own array pipeline
   (:func:`alliancescore.analysis.pipeline.run_pipeline`): missing-data policies
   (``exclude`` drops a candidate, which then ranks last for the model; ``error`` stops;
   ``worst`` gives 0, ``neutral`` 0.5, ``neutral_if_absent`` 0.5 where the measure's record
   says the state is outside the source, after the value functions) and the indicators'
   value functions over the candidates kept;
3. the model's score is the additive value ``sum_j w_j v_ij`` with the global weights of the
   criteria file (its own weights, unchanged: the analysts' choice, not fitted); each
   top-level criterion's part of that sum is kept as well, and optional MCDA methods are
   run on the same value matrix.

**No leakage**: every number here comes from a registered measure at ``ctx.year = Y``, and
each measure reads only data at or before its context's year (the measures' contract,
tested in ``tests/measures/test_measures.py``), and from threats derived by a rule that reads only
data at or before Y. Nothing here reads the outcome table after Y; the backtest tests that
a data set truncated after Y gives identical scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from alliancescore import mcda
from alliancescore.analysis.matrix import absent_cells, pipeline_rules
from alliancescore.analysis.pipeline import NEUTRAL_VALUE, Layout, run_pipeline
from alliancescore.data import Dataset
from alliancescore.data.provenance import render
from alliancescore.data.yearview import YearView
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.measures import MEASURES, MeasureContext, Threat
from alliancescore.model.criteria import CriteriaModel
from alliancescore.model.profile import WeightSpec
from alliancescore.model.weights import ResolvedWeights, resolve_weights

from .baselines import BASELINES

__all__ = ["NEUTRAL_VALUE", "Panel", "model_weights", "score_panel"]


@dataclass(frozen=True)
class Panel:
    """Scores of every (focal, candidate) pair in one year.

    scores : one row per pair, columns ``focal``, ``candidate`` and one per scorer
        (``model``, ``criterion:<id>``, ``method:<name>``, then the baselines); higher is
        better for every scorer; ``-inf`` = could not be scored (ranks last).
    raw, values : pairs x indicators (raw measure values, NaN = missing; values after
        policies and value functions, NaN where the candidate was excluded).
    provenance : pairs x indicators, the measures' provenance records
        (:class:`~alliancescore.data.provenance.Provenance`); ``sources`` is their text.
    filled : pairs x indicators, True where a missing-data policy filled the value.
    notes : per indicator, the measure's note for the first focal state (windows, tables).
    """

    year: int
    scores: pd.DataFrame
    raw: pd.DataFrame
    values: pd.DataFrame
    provenance: pd.DataFrame
    filled: pd.DataFrame
    notes: Mapping[str, str]

    @cached_property
    def sources(self) -> pd.DataFrame:
        """The records as text (``"unga 1990"``), rendered on first use."""
        return self.provenance.map(render).astype(object)


def model_weights(model: CriteriaModel) -> ResolvedWeights:
    """The criteria file's own weights as global indicator weights (no profile changes)."""
    spec = WeightSpec(
        scheme="direct",
        values={c.id: c.weight for c in model.criteria},
        where=f"{model.path}: criteria weights",
    )
    return resolve_weights(model, spec)


def _focal_rows(
    ctx: MeasureContext,
    candidates: list[str],
    model: CriteriaModel,
    weights: ResolvedWeights,
    methods: Sequence[str],
) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str]]:
    indicators = model.indicators
    n, m = len(candidates), len(indicators)
    raw = np.empty((n, m))
    records = np.empty((n, m), dtype=object)
    notes = []
    measured: dict[str, np.ndarray] = {}  # measure -> raw values at its default parameters
    for j, ind in enumerate(indicators):
        result = MEASURES[ind.measure](ctx, candidates, **ind.params)
        raw[:, j] = result.values.to_numpy(dtype=np.float64)
        if all(MEASURES[ind.measure].defaults.get(k) == v for k, v in ind.params.items()):
            measured[ind.measure] = raw[:, j]
        records[:, j] = result.provenance.to_numpy(dtype=object)
        notes.append(result.note)

    def problem(j: int, missing: np.ndarray) -> Problem:
        ind = indicators[j]
        who = ", ".join(np.asarray(candidates, dtype=object)[missing][:10])
        raise AllianceScoreError(
            Problem(
                ind.where,
                f"a value for every candidate of focal {ctx.focal} in {ctx.year} ({ind.measure})",
                f"missing for {who}",
                "Choose another missing-data policy for the backtest",
            )
        )

    run = run_pipeline(
        raw, Layout.of_states(n), pipeline_rules(model), problem, absent_cells(records)
    )
    kept = run.kept
    values = np.full((n, m), np.nan)
    filled = np.zeros((n, m), dtype=bool)
    values[kept] = run.values
    filled[kept] = run.filled
    leaf = {ind_id: i for i, ind_id in enumerate(weights.leaves)}
    order = [leaf[ind.id] for ind in indicators]
    w = weights.leaf_weights[order]
    scores: dict[str, np.ndarray] = {}
    total = np.full(n, -np.inf)
    total[kept] = values[kept] @ w
    scores["model"] = total
    paths = model.paths()
    for criterion in model.criteria:
        part = np.full(n, -np.inf)
        cols = [j for j, ind in enumerate(indicators) if paths[ind.id][0] == criterion.id]
        part[kept] = values[np.ix_(kept, cols)] @ w[cols]
        scores[f"criterion:{criterion.id}"] = part
    for name in methods:
        column = np.full(n, -np.inf)
        if kept.any():
            evaluation = mcda.evaluate(name, values[kept], w, None)
            sign = 1.0 if evaluation.higher_is_better else -1.0
            column[kept] = sign * evaluation.scores
        scores[f"method:{name}"] = column
    for name, baseline in BASELINES.items():
        values_b = None
        if baseline.measure is not None:
            values_b = measured.get(baseline.measure)
            if values_b is None:
                values_b = MEASURES[baseline.measure](ctx, candidates).values.to_numpy(
                    dtype=np.float64
                )
        scores[name] = baseline.scores(values_b, n)
    return scores, raw, values, records, filled, notes


def score_panel(
    data: Dataset,
    year: int,
    focal: Sequence[str],
    states: Sequence[str],
    model: CriteriaModel,
    threats: Mapping[str, tuple[Threat, ...]],
    methods: Sequence[str] = (),
) -> Panel:
    """Score, for each focal state, every other state of ``states`` in ``year``."""
    unknown = [m for m in methods if m not in mcda.METHODS]
    if unknown:
        raise AllianceScoreError(
            [
                Problem(
                    "--method", "a registered score method", repr(m), did_you_mean(m, mcda.METHODS)
                )
                for m in unknown
            ]
        )
    weights = model_weights(model)
    ids = [ind.id for ind in model.indicators]
    parts: dict[str, list] = {"scores": [], "raw": [], "values": [], "records": [], "filled": []}
    focal_col, cand_col = [], []
    notes: dict[str, str] = {}
    memo = YearView(data, year, states)
    for f in focal:
        candidates = [s for s in states if s != f]
        ctx = MeasureContext(
            data=memo,
            focal=f,  # type: ignore[arg-type]
            year=year,
            threats=tuple(threats.get(f, ())),
            tables={t.id: t for t in model.tables},  # a criteria file's own [[tables]]
        )
        scores, raw, values, records, filled, measure_notes = _focal_rows(
            ctx, candidates, model, weights, methods
        )
        for ind_id, note in zip(ids, measure_notes, strict=True):
            notes.setdefault(ind_id, note)
        focal_col += [f] * len(candidates)
        cand_col += candidates
        parts["scores"].append(scores)
        parts["raw"].append(raw)
        parts["values"].append(values)
        parts["records"].append(records)
        parts["filled"].append(filled)
    index = pd.MultiIndex.from_arrays([focal_col, cand_col], names=["focal", "candidate"])
    names = list(parts["scores"][0]) if parts["scores"] else ["model", *BASELINES]
    scores = pd.DataFrame(
        {
            name: np.concatenate([s[name] for s in parts["scores"]]) if parts["scores"] else []
            for name in names
        },
        index=index,
    )

    def stack(key: str, dtype: object) -> pd.DataFrame:
        blocks = parts[key]
        array = np.vstack(blocks) if blocks else np.empty((0, len(ids)), dtype=dtype)
        return pd.DataFrame(array, index=index, columns=ids)

    return Panel(
        year=int(year),
        scores=scores.reset_index(),
        raw=stack("raw", float),
        values=stack("values", float),
        provenance=stack("records", object),
        filled=stack("filled", bool),
        notes=notes,
    )
