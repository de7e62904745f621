"""A backtest result as text (a plain report), CSV (the metrics) or JSON (everything a chart
needs: metrics with their bootstrap intervals, the model's differences from the baselines,
ROC curve points, decile tables, clusters, indicator coverage, threats, the literature
baseline's coefficients, and whether the window is the design window or held out).

The JSON keeps at most about :data:`ROC_POINTS` points per ROC curve, spread evenly along the
curve with both ends kept; the AUCs are computed on the full curves
(:attr:`BacktestResult.roc <alliancescore.backtest.run.BacktestResult>` holds them whole).
Nothing here depends on the time of the run, so the same inputs give the same file; paths
inside the repository are written relative to its root.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alliancescore.shipped import package_root

from .bootstrap import LEVEL
from .run import BacktestResult, literature_role

__all__ = [
    "ROC_POINTS",
    "backtest_csv",
    "backtest_json",
    "backtest_table",
    "shown_path",
    "thin_curve",
]

ROC_POINTS = 200
_BASELINES_SHOWN = ("model", "random", "distance", "un_voting", "same_region", "literature")


def thin_curve(fpr: np.ndarray, tpr: np.ndarray, n: int = ROC_POINTS) -> np.ndarray:
    """Indices of at most about ``n`` points of a curve, spread evenly along its length, the
    first and last kept."""
    fpr, tpr = np.asarray(fpr, dtype=float), np.asarray(tpr, dtype=float)
    if fpr.size <= n:
        return np.arange(fpr.size)
    length = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(fpr), np.diff(tpr)))])
    targets = np.linspace(0.0, length[-1], n)
    keep = np.searchsorted(length, targets).clip(0, fpr.size - 1)
    return np.unique(np.concatenate([[0], keep, [fpr.size - 1]]))


def shown_path(path: str) -> str:
    """A path inside the installed package relative to it (so a shipped file does not name
    the machine it was made on); any other path as given."""
    if not path:
        return path
    root = package_root().resolve()
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return path


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if not np.isfinite(value):
            return None
        return round(value, 6)
    if value is pd.NA:
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [_plain(r) for r in frame.to_dict(orient="records")]


def backtest_json(result: BacktestResult) -> str:
    """The whole result as JSON (ROC curves thinned for charts; -inf and NaN as null)."""
    curves: dict[str, dict[str, dict[str, list]]] = {}
    for (scorer, variant), part in result.roc.groupby(["scorer", "variant"], sort=False):
        keep = thin_curve(part["fpr"].to_numpy(), part["tpr"].to_numpy())
        curves.setdefault(str(scorer), {})[str(variant)] = {
            "fpr": part["fpr"].to_numpy()[keep],
            "tpr": part["tpr"].to_numpy()[keep],
            "threshold": part["threshold"].to_numpy()[keep],
            "points_full_curve": len(part),
        }
    first, last = result.label_years
    literature = None
    if result.literature is not None:
        literature = {
            **result.literature.summary(),
            "terms": _records(result.literature.table()),
        }
    document = {
        "window": {
            "year": result.year,
            "horizon": result.horizon,
            "labels": [first, last],
            "role": result.role,
            "literature_fit": literature_role(result.year) if literature else None,
        },
        "criteria": {
            "id": result.criteria.id,
            "version": result.criteria.version,
            "path": shown_path(result.criteria.path),
        },
        "rules": dict(result.rules),
        "counts": dict(result.counts),
        "scorers": list(result.scorers),
        "metrics": _records(result.metrics.reset_index()),
        "comparisons": _records(result.comparisons),
        "bootstrap": {
            "replicates": result.record.get("replicates"),
            "seed": result.record.get("seed"),
            "level": LEVEL,
        },
        "literature_model": literature,
        "roc": curves,
        "deciles": _records(result.deciles),
        "clusters": _records(result.clusters.reset_index()),
        "focal_auc": _records(result.focal_auc.reset_index()),
        "indicators": _records(result.indicators.reset_index()),
        "threats": _records(result.threats),
        "focal": list(result.focal),
        "record": {
            **dict(result.record),
            "inputs": [
                {**entry, "path": shown_path(entry["path"])} for entry in result.record["inputs"]
            ],
        },
    }
    return json.dumps(_plain(document), indent=1, ensure_ascii=False) + "\n"


def backtest_csv(result: BacktestResult) -> str:
    """The metrics table as CSV, one row per (scorer, variant), with the window."""
    table = result.metrics.reset_index()
    table.insert(0, "horizon", result.horizon)
    table.insert(0, "year", result.year)
    return table.to_csv(index=False, float_format="%.6g")


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _interval(row: pd.Series, metric: str, digits: int = 3) -> str:
    """``0.747 [0.645, 0.853]`` (the point alone without an interval)."""
    point = _fmt(row.get(metric), digits)
    lo, hi = row.get(f"{metric}_lo"), row.get(f"{metric}_hi")
    if lo is None or hi is None or not (np.isfinite(lo) and np.isfinite(hi)):
        return point
    return f"{point} [{lo:.{digits}f}, {hi:.{digits}f}]"


def _metric_lines(result: BacktestResult) -> list[str]:
    m = result.metrics
    ks = [c for c in m.columns if c.startswith("precision_at_") and not c.endswith(("_lo", "_hi"))]
    wide = 21
    head = (
        f"{'scorer':<30} {'AUC':<{wide}} {'focal AUC':<{wide}} "
        + " ".join(f"{'P@' + c.rsplit('_', 1)[1]:<{wide if c + '_lo' in m else 6}}" for c in ks)
        + f" {'top-decile rate':<{wide}}"
    )
    lines = [head.rstrip(), "-" * len(head.rstrip())]
    for scorer in result.scorers:
        a = m.loc[(scorer, "all")]
        cells = [f"{scorer:<30}", f"{_interval(a, 'pooled_auc'):<{wide}}"]
        cells.append(f"{_interval(a, 'mean_focal_auc'):<{wide}}")
        cells += [
            f"{_interval(a, c):<{wide}}" if c + "_lo" in m else f"{_fmt(a[c]):<6}" for c in ks
        ]
        cells.append(_interval(a, "top_decile_rate"))
        lines.append(" ".join(cells).rstrip())
    lines += [
        "",
        "Variants (cw = each cluster weighted as one; bil = bilateral positives only), with "
        "intervals",
    ]
    head = f"{'scorer':<30} {'AUC cw':<{wide}} {'focal AUC cw':<{wide}} {'AUC bil':<{wide}}"
    lines += [head.rstrip(), "-" * len(head.rstrip())]
    for scorer in result.scorers:
        cw = m.loc[(scorer, "cluster_weighted")]
        bil = m.loc[(scorer, "no_multilateral")]
        lines.append(
            f"{scorer:<30} {_interval(cw, 'pooled_auc'):<{wide}} "
            f"{_interval(cw, 'mean_focal_auc'):<{wide}} {_interval(bil, 'pooled_auc')}".rstrip()
        )
    return lines


def _no_positives_line(result: BacktestResult) -> str:
    """Why every AUC and precision below is ``-``: no evaluated pair formed a new pact."""
    c = result.counts
    first, last = result.label_years
    focal = list(result.focal)
    who = (
        f"the focal state{'s' if len(focal) > 1 else ''} {', '.join(focal)}"
        if 0 < len(focal) <= 10
        else f"the {c['focal_states']} focal states"
    )
    if c["new_pacts"] == 0:
        why, fix = f"no new defence pact was formed in {first}-{last}", "Choose"
    else:
        why = (
            f"the one new defence pact of {first}-{last} does not involve {who}"
            if c["new_pacts"] == 1
            else f"none of the {c['new_pacts']} new defence pacts of {first}-{last} involves {who}"
        )
        fix = "Choose focal states that formed one (the clusters below list them), or"
    return (
        f"No positive rows: {why}, so AUC, focal AUC and P@k are undefined (-), every rate is "
        f"0 and the model is not compared with the baselines. {fix} another --year or "
        "--horizon"
    )


def _comparison_lines(result: BacktestResult) -> list[str]:
    c = result.comparisons
    if c.empty:
        return []
    lines = [
        "",
        "The model minus each baseline (the same replicates): difference [interval], share of "
        "replicates in which the model scored higher",
    ]
    for (variant, metric), part in c.groupby(["variant", "metric"], sort=False):
        cells = [
            f"{row.baseline} {row.difference:+.3f} [{row.lo:+.3f}, {row.hi:+.3f}] "
            f"{row.share_higher:.0%}"
            for row in part.itertuples()
        ]
        lines.append(f"  {metric} ({variant}): " + "; ".join(cells))
    return lines


def _literature_lines(result: BacktestResult) -> list[str]:
    lit = result.literature
    if lit is None:
        return []
    s = lit.summary()
    lines = [
        "",
        f"Literature baseline: logistic model fitted on {s['pair_windows']} pair-windows "
        f"(Y = {s['fit_years'][0]}-{s['fit_years'][1]}, new pacts in Y+1..Y+{s['horizon']}, "
        f"to {s['labels_until']}; {s['positives']} positives; McFadden R2 "
        f"{s['mcfadden_r2']:.3f}); this window is {literature_role(result.year)}",
        f"  {'term':<22} {'per unit':>9} {'standardised':>13} {'(s.e.)':>8}  what",
    ]
    for row in lit.table().itertuples():
        lines.append(
            f"  {row.term:<22} {row.coef:>9.3f} {row.std_coef:>13.3f} {row.std_err:>8.3f}  "
            f"{row.description}"
        )
    return lines


MEMBERS_SHOWN = 12
"""Members of a cluster the text table lists before counting the rest (the JSON has all)."""


def _members_shown(members: str) -> str:
    """A cluster's members, the first :data:`MEMBERS_SHOWN` and how many more."""
    codes = members.split()
    more = len(codes) - MEMBERS_SHOWN
    return " ".join(codes[:MEMBERS_SHOWN]) + (f" +{more} more" if more > 0 else "")


def backtest_table(result: BacktestResult) -> str:
    """A plain-text report of one window."""
    c = result.counts
    first, last = result.label_years
    crit = result.criteria
    lines = [
        f"Backtest of criteria model {crit.id!r} ({crit.version}) with its own weights: "
        f"scores from data at {result.year}, new defence pacts {first}-{last} (ATOP 5.1)",
        f"focal states {c['focal_states']} of {c['states']} states; pairs evaluated "
        f"{c['pairs_evaluated']} ({c['pairs_allied_at_year']} already defence-allied in "
        f"{result.year} left out)",
        f"new pacts {c['new_pacts']} in {c['clusters']} clusters ({c['clusters_multilateral']} "
        f"multilateral, holding {c['new_pacts_multilateral']}); positive rows "
        f"{c['positive_rows']} ({c['positive_rows_multilateral']} multilateral)",
        f"threats: mean {c['mean_threat_actors']:.1f} actors per focal state; "
        f"{c['focal_without_threats']} focal states without any",
        f"window: {result.role} (design discipline: the default model may be designed on "
        "1990 -> 1991-2000 at most; 2000 -> 2001-2010 and 2008 -> 2009-2018 are held out)",
        "",
        "Rules",
    ]
    lines += [f"  {name}: {text}" for name, text in result.rules.items()]
    replicates = result.record.get("replicates")
    lines += [
        "",
        "Metrics over all pairs (AUC = pooled ROC AUC; focal AUC = mean per-focal AUC over "
        "focal states with a new pact; P@k = precision at k; top-decile rate = new-pact rate "
        "of the 10% best-scored pairs)"
        + (
            f", with {LEVEL:.0%} cluster bootstrap intervals ({replicates} replicates, seed "
            f"{result.record.get('seed')})"
            if replicates
            else ""
        ),
    ]
    if c["positive_rows"] == 0:  # every AUC and precision undefined: say why, once
        lines.append(_no_positives_line(result))
    lines += _metric_lines(result)
    if c["positive_rows"]:  # else every difference is NaN
        lines += _comparison_lines(result)
    lines += _literature_lines(result)
    if not result.deciles.empty:
        shown = [s for s in _BASELINES_SHOWN if s in set(result.deciles["scorer"])]
        table = result.deciles[result.deciles["variant"] == "all"].pivot(
            index="decile", columns="scorer", values="rate"
        )[shown]
        lines += ["", "New-pact rate by score decile (10 = highest scores; variant all)"]
        table = table.sort_index(ascending=False).reset_index()
        table.columns.name = None  # one header line, not pandas' "scorer" line above it
        lines += table.to_string(index=False, float_format="%.4f", na_rep="-").splitlines()
        if table[shown].isna().to_numpy().any():
            lines.append(
                "  (-: no pair in that decile: deciles come from midranks, so pairs tied on "
                "one score share a decile and the deciles their run spans stay empty)"
            )
    if not result.clusters.empty:
        lines += [
            "",
            "Clusters of new pacts (AUC of each cluster's positive rows, those with a focal "
            "state evaluated, against every negative)",
        ]
        shown = [f"auc:{s}" for s in _BASELINES_SHOWN if s != "random"]
        shown = [s for s in shown if s in result.clusters.columns]
        columns = ["onset", "states", "pairs", "positive_rows", "multilateral", *shown]
        table = result.clusters[columns].rename(columns={"positive_rows": "rows"})
        table["members"] = result.clusters["members"].map(_members_shown)
        table = table.reset_index()
        width = int(table["members"].str.len().max())
        lines += [
            line.rstrip()
            for line in table.to_string(
                index=False,
                float_format="%.3f",
                na_rep="-",
                formatters={"members": lambda text: f"{text:<{width}}"},  # read from the left
            ).splitlines()
        ]
        unseen = int((result.clusters["positive_rows"] == 0).sum())
        if unseen:
            lines.append(
                f"  ({unseen} cluster(s) with no row: none of their pairs has a focal state "
                "evaluated here, so no AUC)"
            )
    lines += ["", f"Indicators at {result.year} (share of pairs with a value; focal states where "
              "the indicator varied)"]  # fmt: skip
    ind = result.indicators
    for name, row in ind.iterrows():
        lines.append(
            f"  {name:<26} {row['share_with_value']:6.1%} with value, varied for "
            f"{row['focal_varying']:>3}/{row['focal_states']} focal; "
            f"{row['tables'] or 'no data table (reference files only)'}; "
            f"years used: {row['years_used'] or 'none'}"
        )
    return "\n".join(lines) + "\n"
