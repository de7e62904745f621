"""Run one backtest window: threats -> scores at Y -> new pacts in Y+1..Y+H -> metrics.

>>> from alliancescore.backtest import run_backtest
>>> result = run_backtest(1990, 10)                       # doctest: +SKIP
>>> result.metrics.loc[("model", "all")]                  # doctest: +SKIP
>>> result.roc.query("scorer == 'model' and variant == 'all'")   # doctest: +SKIP

Every (focal, candidate) pair of states existing in Y is scored from the focal state's point
of view (:mod:`.panel`), so an undirected pair is usually evaluated twice, once from each
side; both rows carry the pair's label. Pairs already defence-allied in Y are left out of the
metrics. Metrics (:mod:`.metrics`) are computed for each scorer in three variants:

* ``all``: every new pact counts;
* ``no_multilateral``: positives in multilateral clusters (:mod:`.outcomes`) are left out
  (not turned into negatives), so only bilateral new pacts remain;
* ``cluster_weighted``: every positive row is weighted ``1 / (positive rows of its cluster)``,
  so each cluster (one treaty event, roughly) counts once; negatives weigh 1. Only the AUCs
  are reported for this variant.

Pooled ROC AUC pools every row; the mean per-focal AUC averages the AUC of each focal state
with at least one positive; precision at k is each such focal state's share of new partners
among its k best-scored candidates, averaged; the top-decile rate is the share of new pacts
among the pairs in the scorer's highest score decile. Each comes with a cluster bootstrap
interval (:mod:`.bootstrap`: treaty events and focal states resampled, fixed seed), and the
model's differences from the baselines with intervals of their own.

**Design discipline.** The default model may be designed on the window
:data:`DESIGN_WINDOWS` (1990 -> 1991-2000) at most; :data:`HELD_OUT_WINDOWS` (2000 ->
2001-2010 and 2008 -> 2009-2018) are held out: run once the model is settled, never used to
choose it. Every result says which its window is (:func:`window_role`).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from alliancescore import __version__
from alliancescore.analysis.scoring import DEFAULT_CRITERIA
from alliancescore.data import TABLES, Dataset, load
from alliancescore.data.manifest import sha256_of
from alliancescore.data.provenance import Provenance, year_labels
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.measures import MEASURES
from alliancescore.model.criteria import CriteriaModel, load_criteria

from . import bootstrap, metrics
from .baselines import PAIR_BASELINES, same_region
from .literature import FIT_LAST_YEAR, LiteratureModel, literature_model, pair_covariates
from .outcomes import check_window, defence_pairs_at, new_defence_pacts
from .panel import Panel, score_panel
from .threats import ThreatRule, derive_threats

__all__ = [
    "DEFAULT_CRITERIA",
    "DESIGN_WINDOWS",
    "HELD_OUT_WINDOWS",
    "VARIANTS",
    "BacktestResult",
    "evaluate_panel",
    "interval_tables",
    "run_backtest",
    "window_role",
]

VARIANTS = ("all", "no_multilateral", "cluster_weighted")

DESIGN_WINDOWS = ((1990, 10),)
"""(year, horizon) of the windows the default model may be designed on (issue 14)."""
HELD_OUT_WINDOWS = ((2000, 10), (2008, 10))
"""(year, horizon) of the windows held out from the design: run once the model is settled."""

COMPARED = ("distance", "un_voting", "same_region", "literature")
"""The baselines the model is compared with, replicate by replicate."""

OUTCOME_RULE = (
    "a pair of states existing in {year} is a positive when ATOP 5.1 records a defence "
    "obligation between them (either direction) in some year of {first}-{last} and none in "
    "{year}; pairs defence-allied in {year} are left out"
)
MULTILATERAL_RULE = (
    "clusters are the connected components of the graph of positives with the same onset "
    "year; a cluster of 3 or more states is multilateral (ATOP's dyad file has no alliance "
    "ids)"
)
INTERVAL_RULE = (
    "95% percentile intervals from {replicates} cluster bootstrap replicates (seed {seed}): "
    "each replicate draws the clusters of new pacts (treaty events) and the focal states "
    "with replacement, independently, and weighs a positive row by the product of its "
    "cluster's and its focal state's multiplicities, a negative row by its focal state's "
    "(Field & Welsh 2007; Cameron, Gelbach & Miller 2008; Owen 2007); few clusters make "
    "the intervals too narrow rather than too wide"
)
DESIGN_RULE = (
    "role of this window: {role}; the default model may be designed on 1990 -> 1991-2000 "
    "at most; 2000 -> 2001-2010 and 2008 -> 2009-2018 are held out (run once the model is "
    "settled)"
)
LEAKAGE_RULE = (
    "indicators come from the registered measures at Y (each reads only data at or before "
    "its year), threats from a rule that reads only data at or before Y; only the labels read "
    "ATOP after Y. Tested: a data set truncated after Y gives identical threats and scores"
)


def window_role(year: int, horizon: int) -> str:
    """``"design"``, ``"held out"`` or ``"not designated"`` (any other window: neither used
    for the design nor protected from it)."""
    if (year, horizon) in DESIGN_WINDOWS:
        return "design"
    if (year, horizon) in HELD_OUT_WINDOWS:
        return "held out"
    return "not designated"


def literature_role(year: int) -> str:
    """Whether the literature baseline's fit saw this window: ``"out of sample"`` when its
    labels start after the fit's last label year (1980), else ``"overlaps its fit"``."""
    return "out of sample" if year >= FIT_LAST_YEAR else "overlaps its fit"


@dataclass(frozen=True)
class BacktestResult:
    """One window's backtest, as DataFrames (ready for a report layer to chart).

    pairs : one row per evaluated (focal, candidate): the scorers' scores (higher = more
        likely partner; ``-inf`` = could not score), ``positive``, ``onset``, ``cluster``,
        ``multilateral``, ``weight`` (cluster-weighted variant).
    metrics : indexed by (scorer, variant): ``pooled_auc``, ``mean_focal_auc``,
        ``focal_with_positive``, ``precision_at_<k>``, ``top_decile_rate``, ``rows``,
        ``positive_rows``, ``base_rate``, and for each of the four metrics ``<metric>_lo``
        and ``<metric>_hi``: its cluster bootstrap interval (NaN without replicates).
    comparisons : the model minus each baseline of :data:`COMPARED`, per variant (``all``,
        ``cluster_weighted``) and metric (pooled and mean per-focal AUC): ``difference``,
        ``lo``, ``hi`` (bootstrap interval of the difference) and ``share_higher`` (share
        of replicates in which the model scored higher).
    focal_auc : per focal state with a positive: rows, positives and each scorer's AUC
        (variant ``all``).
    roc : long: ``scorer``, ``variant``, ``fpr``, ``tpr``, ``threshold`` (full curves).
    deciles : long: ``scorer``, ``variant`` (``all``, ``no_multilateral``), ``decile``
        (10 = highest scores), ``n``, ``positives``, ``rate``, ``lift``, ``score_min``,
        ``score_max``.
    outcomes : the new pacts (``a``, ``b``, ``onset``, ``cluster``, ...) among states of Y.
    clusters : one row per cluster: onset, states, pairs, multilateral, positive rows
        evaluated, members, and ``auc:<scorer>``: the AUC of the cluster's positive rows
        against every negative row.
    threats : one row per (focal, threat actor): severity and basis.
    literature : the fitted literature baseline (``None`` when not run).
    role : :func:`window_role` of the window.
    indicators : per indicator: measure, the tables its values came from (with their
        coverage), share of cells with a value, share filled by policy, focal states for
        which it had any value and for which it varied, and ``years_used``: the data years
        behind the values (``"unga 1990 (97%)"``: the share of cells with a value whose
        source names them; a source may name several, e.g. the candidate's and the focal's;
        at most three, most common first).
    """

    year: int
    horizon: int
    focal: tuple[str, ...]
    criteria: CriteriaModel
    scorers: tuple[str, ...]
    pairs: pd.DataFrame
    metrics: pd.DataFrame
    focal_auc: pd.DataFrame
    roc: pd.DataFrame
    deciles: pd.DataFrame
    outcomes: pd.DataFrame
    clusters: pd.DataFrame
    threats: pd.DataFrame
    indicators: pd.DataFrame
    comparisons: pd.DataFrame = field(default_factory=pd.DataFrame)
    literature: LiteratureModel | None = None
    role: str = "not designated"
    rules: Mapping[str, str] = field(default_factory=dict)
    counts: Mapping[str, Any] = field(default_factory=dict)
    record: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label_years(self) -> tuple[int, int]:
        return self.year + 1, self.year + self.horizon


def _variant_rows(pairs: pd.DataFrame, variant: str) -> tuple[pd.DataFrame, np.ndarray | None]:
    if variant == "no_multilateral":
        return pairs[~(pairs["positive"] & pairs["multilateral"])], None
    if variant == "cluster_weighted":
        return pairs, pairs["weight"].to_numpy(dtype=np.float64)
    return pairs, None


def evaluate_panel(
    pairs: pd.DataFrame, scorers: Sequence[str], ks: Sequence[int] = (5, 10)
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Metrics, per-focal AUCs, ROC curves and decile tables of labelled pairs.

    ``pairs`` needs ``focal``, ``positive``, ``multilateral``, ``weight`` and one column per
    scorer; it holds the evaluated rows only (pairs allied at Y already removed).
    """
    rows, roc_parts, decile_parts = [], [], []
    focal_auc = None
    for variant in VARIANTS:
        part, weights = _variant_rows(pairs, variant)
        y = part["positive"].to_numpy(dtype=bool)
        groups = part["focal"].to_numpy(dtype=object)
        with_positive = sorted(set(groups[y]))
        in_focal = np.isin(groups, with_positive)
        for scorer in scorers:
            s = part[scorer].to_numpy(dtype=np.float64)
            row: dict[str, Any] = {"scorer": scorer, "variant": variant}
            row["pooled_auc"] = metrics.roc_auc(s, y, weights)
            names, aucs = metrics.group_auc(
                groups[in_focal], s[in_focal], y[in_focal],
                None if weights is None else weights[in_focal],
            )  # fmt: skip
            row["mean_focal_auc"] = float(np.nanmean(aucs)) if np.isfinite(aucs).any() else np.nan
            row["focal_with_positive"] = int(np.isfinite(aucs).sum())
            for k in ks:
                if weights is None and in_focal.any():
                    _, prec = metrics.precision_at_k(groups[in_focal], s[in_focal], y[in_focal], k)
                    row[f"precision_at_{k}"] = float(prec.mean())
                else:
                    row[f"precision_at_{k}"] = np.nan
            dec = metrics.decile_table(s, y) if weights is None and y.size else None
            row["top_decile_rate"] = np.nan if dec is None else float(dec["rate"][-1])
            row["rows"] = int(y.size)
            row["positive_rows"] = int(y.sum())
            row["base_rate"] = float(y.mean()) if y.size else np.nan
            rows.append(row)
            if variant == "all":
                frame = pd.DataFrame({"focal": names, scorer: aucs}).set_index("focal")
                focal_auc = frame if focal_auc is None else focal_auc.join(frame)
            if y.size:
                fpr, tpr, thr = metrics.roc_curve(s, y, weights)
                roc_parts.append(
                    pd.DataFrame(
                        {"scorer": scorer, "variant": variant, "fpr": fpr, "tpr": tpr,
                         "threshold": thr}
                    )
                )  # fmt: skip
            if dec is not None and scorer != "random":
                decile_parts.append(
                    pd.DataFrame({"scorer": scorer, "variant": variant, **dec}).rename(
                        columns={"bin": "decile"}
                    )
                )
    table = pd.DataFrame(rows).set_index(["scorer", "variant"])
    if focal_auc is None:
        focal_auc = pd.DataFrame(columns=list(scorers))
    counts = pairs.groupby("focal").agg(rows=("positive", "size"), positives=("positive", "sum"))
    focal_auc = counts.join(focal_auc, how="inner")
    roc = pd.concat(roc_parts, ignore_index=True) if roc_parts else pd.DataFrame()
    deciles = pd.concat(decile_parts, ignore_index=True) if decile_parts else pd.DataFrame()
    return table, focal_auc, roc, deciles


INTERVAL_METRICS = ("pooled_auc", "mean_focal_auc", "precision_at_10", "top_decile_rate")
"""The metrics that get a bootstrap interval (precision at 10 when 10 is among the ks)."""


def interval_tables(
    pairs: pd.DataFrame,
    scorers: Sequence[str],
    ks: Sequence[int] = (5, 10),
    replicates: int = bootstrap.REPLICATES,
    seed: int = bootstrap.SEED,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cluster bootstrap intervals of :func:`evaluate_panel`'s metrics, and of the model's
    differences from the baselines (:mod:`.bootstrap`).

    ``pairs`` as for :func:`evaluate_panel`, with ``cluster``. Returns the interval columns
    (``<metric>_lo``, ``<metric>_hi``) indexed by (scorer, variant), and the comparisons
    (see :class:`BacktestResult`). All scorers and variants share one set of draws.
    """
    ks_named = {f"precision_at_{k}" for k in ks}
    interval_ks = tuple(int(m.rsplit("_", 1)[1]) for m in INTERVAL_METRICS if m in ks_named)
    positive = pairs["positive"].to_numpy(bool)
    # focal states as their positions in sorted order: the same draws as by name, faster
    codes, _ = pd.factorize(pairs["focal"], sort=True)
    pairs = pairs.assign(focal_code=codes)
    draws = bootstrap.draw(
        codes, pairs.loc[positive, "cluster"].to_numpy(np.float64), replicates, seed
    )
    names = [m for m in INTERVAL_METRICS if not m.startswith("precision_at_") or m in ks_named]
    variants = {}
    for variant in VARIANTS:
        part, weights = _variant_rows(pairs, variant)
        keep = pairs.index.isin(part.index)
        variants[variant] = (None if keep.all() else keep, weights)
    replicated: dict[tuple[str, str], dict[str, np.ndarray]] = {}
    for scorer in scorers:
        by_variant = bootstrap.replicate_variants(
            draws,
            pairs["focal_code"].to_numpy(np.int64),
            pairs[scorer].to_numpy(np.float64),
            positive,
            pairs["cluster"].to_numpy(np.float64),
            variants,
            ks=interval_ks,
        )
        for variant, values in by_variant.items():
            replicated[(scorer, variant)] = values
    rows = []
    for variant in VARIANTS:
        for scorer in scorers:
            row: dict[str, Any] = {"scorer": scorer, "variant": variant}
            values = replicated[(scorer, variant)]
            for name in names:
                lo, hi = bootstrap.percentile_interval(values.get(name, np.array([np.nan])))
                row[f"{name}_lo"], row[f"{name}_hi"] = lo, hi
            rows.append(row)
    intervals = pd.DataFrame(rows).set_index(["scorer", "variant"])
    return intervals, _comparisons(replicated)


def _comparisons(
    replicated: Mapping[tuple[str, str], Mapping[str, np.ndarray]],
) -> pd.DataFrame:
    rows = []
    for variant in ("all", "cluster_weighted"):
        model = replicated.get(("model", variant))
        for other in COMPARED:
            if model is None or (other, variant) not in replicated:
                continue
            for metric in ("pooled_auc", "mean_focal_auc"):
                diff = model[metric] - replicated[(other, variant)][metric]
                defined = diff[np.isfinite(diff)]
                lo, hi = bootstrap.percentile_interval(defined)
                rows.append(
                    {
                        "scorer": "model",
                        "baseline": other,
                        "variant": variant,
                        "metric": metric,
                        "lo": lo,
                        "hi": hi,
                        "share_higher": float((defined > 0).mean()) if defined.size else np.nan,
                    }
                )
    columns = ["scorer", "baseline", "variant", "metric", "lo", "hi", "share_higher"]
    return pd.DataFrame(rows, columns=columns)


def _with_intervals(
    table: pd.DataFrame,
    pairs: pd.DataFrame,
    scorers: Sequence[str],
    ks: Sequence[int],
    replicates: int,
    seed: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The metrics table with its interval columns, and the comparisons with their point
    differences (NaN intervals when ``replicates`` is 0)."""
    if replicates:
        intervals, comparisons = interval_tables(pairs, scorers, ks, replicates, seed)
    else:
        metrics_ = [m for m in INTERVAL_METRICS if m in table.columns]
        intervals = pd.DataFrame(
            np.nan,
            index=table.index,
            columns=[f"{m}_{end}" for m in metrics_ for end in ("lo", "hi")],
        )
        comparisons = pd.DataFrame(
            columns=["scorer", "baseline", "variant", "metric", "lo", "hi", "share_higher"]
        )
    ordered = []
    for column in table.columns:
        ordered.append(column)
        ordered += [f"{column}_{end}" for end in ("lo", "hi") if f"{column}_lo" in intervals]
    table = table.join(intervals)[ordered]
    point = [
        table.loc[("model", v), m] - table.loc[(b, v), m]
        for b, v, m in zip(
            comparisons["baseline"], comparisons["variant"], comparisons["metric"], strict=True
        )
    ]
    comparisons.insert(4, "difference", np.asarray(point, dtype=np.float64))
    return table, comparisons


def _coverage(table: str) -> str:
    spec = TABLES[table]
    if spec.first_year is None:
        return f"{table} to {spec.last_year}"
    return f"{table} {spec.first_year}-{spec.last_year}"


def _years_used(records: Sequence[Provenance], tables: Sequence[str]) -> dict[str, float]:
    """Share of the cells with a value whose record used each table and years of ``tables``
    (as ``"<table> <years>"``: ``"unga 1990"``, ``"mid_cow 1981-1990"``), most common first;
    a cell may use several (the candidate's year and the focal's)."""
    # Cells share a handful of record objects: count those, then read each once.
    per_record = Counter(map(id, records))
    record_of = {id(r): r for r in records}
    found: Counter[str] = Counter()
    for key, n in per_record.items():
        for label in year_labels(record_of[key], tables):
            found[label] += n
    total = float(len(records))
    return {
        label: n / total for label, n in sorted(found.items(), key=lambda item: (-item[1], item[0]))
    }


def _indicator_activity(panel: Panel, model: CriteriaModel) -> pd.DataFrame:
    rows = []
    focal = panel.scores["focal"].to_numpy(dtype=object)
    for ind in model.indicators:
        raw = panel.raw[ind.id].to_numpy(dtype=np.float64)
        values = panel.values[ind.id].to_numpy(dtype=np.float64)
        frame = pd.DataFrame({"focal": focal, "has": ~np.isnan(raw), "value": values})
        grouped = frame.groupby("focal")
        records = panel.provenance[ind.id].to_numpy(dtype=object)[~np.isnan(raw)]
        years = _years_used(list(records), MEASURES[ind.measure].tables)
        used = sorted({label.split(" ")[0] for label in years})
        rows.append(
            {
                "indicator": ind.id,
                "measure": ind.measure,
                "tables": ", ".join(_coverage(t) for t in used),
                "share_with_value": float(np.mean(~np.isnan(raw))) if raw.size else np.nan,
                "share_filled": float(panel.filled[ind.id].to_numpy(bool).mean())
                if raw.size
                else np.nan,
                "focal_with_values": int(grouped["has"].any().sum()),
                "focal_varying": int((grouped["value"].nunique() > 1).sum()),
                "focal_states": int(frame["focal"].nunique()),
                "years_used": ", ".join(
                    f"{label} ({share:.0%})" for label, share in list(years.items())[:3]
                ),
                "note": panel.notes.get(ind.id, ""),
            }
        )
    return pd.DataFrame(rows).set_index("indicator")


def _clusters(
    outcomes: pd.DataFrame, evaluated: pd.DataFrame, scorers: Sequence[str]
) -> pd.DataFrame:
    """One row per cluster, with each scorer's AUC of the cluster's positives against every
    negative (which treaty events did a scorer foresee?)."""
    columns = ["onset", "states", "pairs", "multilateral", "positive_rows", "members"]
    if outcomes.empty:
        return pd.DataFrame(columns=columns + [f"auc:{s}" for s in scorers]).rename_axis("cluster")
    negative = ~evaluated["positive"].to_numpy(bool)
    cluster_of = evaluated["cluster"].to_numpy(dtype=np.float64)
    rows = []
    for cluster, part in outcomes.groupby("cluster", sort=True):
        members = sorted(set(part["a"]) | set(part["b"]))
        rows.append(
            {
                "cluster": int(cluster),
                "onset": int(part["onset"].iloc[0]),
                "states": len(members),
                "pairs": len(part),
                "multilateral": bool(part["multilateral"].iloc[0]),
                "positive_rows": int((cluster_of == cluster).sum()),
                "members": " ".join(members),
            }
        )
        mine = cluster_of == cluster
        keep = negative | mine
        for scorer in scorers:
            rows[-1][f"auc:{scorer}"] = (
                metrics.roc_auc(evaluated[scorer].to_numpy(np.float64)[keep], mine[keep])
                if mine.any()
                else np.nan
            )
    return pd.DataFrame(rows).set_index("cluster")


def _focal_list(
    focal: Sequence[str] | None, states: list[str], data: Dataset, year: int
) -> list[str]:
    if not focal:
        return states
    listed = list(dict.fromkeys(focal))
    data.crosswalk.check_iso3(listed, "--focal")
    absent = [f for f in listed if f not in states]
    if absent:
        raise AllianceScoreError(
            [
                Problem("--focal", f"a state existing in {year}", repr(f), did_you_mean(f, states))
                for f in absent
            ]
        )
    return listed


def run_backtest(
    year: int,
    horizon: int = 10,
    *,
    criteria: CriteriaModel | str | Path | None = None,
    focal: Sequence[str] | None = None,
    data: Dataset | None = None,
    methods: Sequence[str] = (),
    ks: Sequence[int] = (5, 10),
    rule: ThreatRule | None = None,
    command: Sequence[str] | None = None,
    replicates: int = bootstrap.REPLICATES,
    seed: int = bootstrap.SEED,
    literature: LiteratureModel | bool = True,
) -> BacktestResult:
    """Backtest the criteria model's partner scores at ``year`` against new defence pacts in
    ``year + 1 .. year + horizon``.

    ``focal``: the focal states (default: every state existing in ``year``); candidates are
    always all other states existing in ``year``. ``criteria`` defaults to
    ``criteria/default.toml``, scored with the file's own weights; ``methods`` adds MCDA
    methods run on the same value matrix (``method:<name>`` scorers). ``replicates`` and
    ``seed``: the cluster bootstrap (``replicates=0``: no intervals). ``literature``: the
    literature baseline fitted on ``data`` (``True``, once per process), a fitted
    :class:`~.literature.LiteratureModel`, or ``False`` to leave it out.
    """
    year, horizon = check_window(year, horizon)
    data = data or load()
    rule = rule or ThreatRule()
    model = (
        criteria
        if isinstance(criteria, CriteriaModel)
        else load_criteria(criteria or DEFAULT_CRITERIA, data)
    )
    states = data.states(year)
    focal_states = _focal_list(focal, states, data, year)
    threats, threat_table = derive_threats(data, year, focal_states, states, rule)
    panel = score_panel(data, year, focal_states, states, model, threats, methods)

    allied = defence_pairs_at(data, year)
    outcomes = new_defence_pacts(data, year, horizon, states, allied)
    pairs = panel.scores.copy()
    key_a = np.minimum(pairs["focal"].to_numpy(object), pairs["candidate"].to_numpy(object))
    key_b = np.maximum(pairs["focal"].to_numpy(object), pairs["candidate"].to_numpy(object))
    pairs["same_region"] = same_region(data, pairs["focal"], pairs["candidate"])
    lit = literature_model(data, rule) if literature is True else literature or None
    filled = 0
    if lit is not None:
        covariates = pair_covariates(data, year, states, rule)
        filled = int(covariates[list(lit.means)].isna().any(axis=1).sum())
        score = pd.Series(
            lit.predictor(covariates), index=pd.MultiIndex.from_frame(covariates[["a", "b"]])
        )
        pairs["literature"] = score.reindex(pd.MultiIndex.from_arrays([key_a, key_b])).to_numpy()
    pairs["a"], pairs["b"] = key_a, key_b
    allied_keys = pd.MultiIndex.from_frame(allied[["a", "b"]])
    pairs["allied_at_year"] = pd.MultiIndex.from_arrays([key_a, key_b]).isin(allied_keys)
    pairs = pairs.merge(
        outcomes[["a", "b", "onset", "cluster", "multilateral"]], on=["a", "b"], how="left"
    )
    pairs["positive"] = pairs["onset"].notna()
    pairs["multilateral"] = pairs["multilateral"].astype("boolean").fillna(False).astype(bool)
    evaluated = pairs[~pairs["allied_at_year"]].reset_index(drop=True)
    per_cluster = evaluated.loc[evaluated["positive"], "cluster"].value_counts()
    weight = np.ones(len(evaluated))
    pos = evaluated["positive"].to_numpy(bool)
    weight[pos] = 1.0 / per_cluster.reindex(evaluated.loc[pos, "cluster"]).to_numpy(float)
    evaluated["weight"] = weight
    scorers = [c for c in panel.scores.columns if c not in ("focal", "candidate")]
    scorers += [name for name in PAIR_BASELINES if name in pairs.columns]
    table, focal_auc, roc, deciles = evaluate_panel(evaluated, scorers, ks)
    table, comparisons = _with_intervals(table, evaluated, scorers, ks, replicates, seed)

    n_threats = threat_table.groupby("focal").size().reindex(focal_states).fillna(0)
    positives = evaluated[evaluated["positive"]]
    counts = {
        "states": len(states),
        "focal_states": len(focal_states),
        "pairs_scored": len(pairs),
        "pairs_allied_at_year": int(pairs["allied_at_year"].sum()),
        "pairs_evaluated": len(evaluated),
        "positive_rows": int(positives.shape[0]),
        "positive_rows_multilateral": int(positives["multilateral"].sum()),
        "new_pacts": len(outcomes),
        "new_pacts_multilateral": int(outcomes["multilateral"].sum()),
        "clusters": int(outcomes["cluster"].nunique()),
        "clusters_multilateral": int(outcomes.loc[outcomes["multilateral"], "cluster"].nunique()),
        "focal_without_threats": int((n_threats == 0).sum()),
        "mean_threat_actors": float(n_threats.mean()) if len(n_threats) else 0.0,
        "candidates_excluded_by_policy": int(np.isinf(panel.scores["model"]).sum()),
        "literature_pairs_filled": filled,
    }
    first, last = year + 1, year + horizon
    rules = {
        "threats": rule.describe(year),
        "outcomes": OUTCOME_RULE.format(year=year, first=first, last=last),
        "multilateral": MULTILATERAL_RULE,
        "leakage": LEAKAGE_RULE,
        "scores": "model = additive value sum_j w_j v_ij with the criteria file's own weights "
        "(not fitted); criterion:<id> = that criterion's part of it; baselines: random (all "
        "tied), distance (nearest capital first), un_voting (closest UN ideal point first), "
        "same_region (same UN M49 region first, ties as ties), literature (logistic model of "
        "alliance formation fitted on the windows 1950-1970 -> 1980, applied unchanged)",
        "intervals": INTERVAL_RULE.format(replicates=replicates, seed=seed)
        if replicates
        else "no bootstrap (replicates = 0)",
        "design": DESIGN_RULE.format(role=window_role(year, horizon)),
    }
    if lit is not None:
        rules["literature"] = (
            f"fitted on {lit.fit.n} pair-windows (Y = {lit.years[0]}-{lit.years[-1]}, new "
            f"pacts to {lit.years[-1] + lit.horizon}, {lit.fit.positives} positives); this "
            f"window is {literature_role(year)}; {filled} pairs had a covariate filled by "
            "its fitting mean"
        )
    manifest = data.root / "MANIFEST.json"
    record = {
        "version": __version__,
        "command": list(command) if command is not None else list(sys.argv),
        "inputs": [
            {"role": "criteria", "path": model.path, "sha256": model.sha256},
            {
                "role": "data manifest",
                "path": str(manifest),
                "sha256": sha256_of(manifest.read_bytes()),
            },
        ],
        "seed": seed if replicates else None,
        "replicates": replicates,
    }
    return BacktestResult(
        year=year,
        horizon=horizon,
        focal=tuple(focal_states),
        criteria=model,
        scorers=tuple(scorers),
        pairs=evaluated,
        metrics=table,
        focal_auc=focal_auc,
        roc=roc,
        deciles=deciles,
        outcomes=outcomes,
        clusters=_clusters(outcomes, evaluated, scorers),
        threats=threat_table,
        indicators=_indicator_activity(panel, model),
        comparisons=comparisons,
        literature=lit,
        role=window_role(year, horizon),
        rules=MappingProxyType(rules),
        counts=MappingProxyType(counts),
        record=MappingProxyType(record),
    )
