"""Backtest figures read back from the JSON files :func:`~.report.backtest_json` writes
(``alliancescore backtest --format json``; the default model's ship in ``backtest/results/``,
whose README lists every key).

Only what a report shows is read, as typed records: per window (:class:`WindowFigures`), its
role in the design discipline (design window or held out), the metrics of each scorer over all
pairs (variant ``all``) with their bootstrap intervals where the file has them, the ROC curves
of the model and the baselines over all pairs, and the model's decile table. Numbers are kept
as the file gives them (an int stays an int) after checking that they are numbers or null. A
file that cannot be read (not JSON, not a backtest file, a field of the wrong type) comes back
as :class:`Unread` with the reason, never as an exception: a report lists it and goes on.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CURVE_SCORERS",
    "VARIANT",
    "DecileRow",
    "RocCurve",
    "ScorerMetrics",
    "Unread",
    "WindowFigures",
    "read_figures",
    "read_window",
]

VARIANT = "all"  # the variant read: every pair (not cluster-weighted, multilateral kept)
# the curves read, in this order
CURVE_SCORERS = ("model", "distance", "un_voting", "same_region", "literature", "random")
INTERVAL_METRICS = ("pooled_auc", "mean_focal_auc", "precision_at_10", "top_decile_rate")

Number = int | float | None


@dataclass(frozen=True)
class ScorerMetrics:
    """One scorer's metrics over all pairs (``None`` where the file has none)."""

    scorer: str
    pooled_auc: Number  # ROC AUC over every focal-candidate pair
    mean_focal_auc: Number  # mean of the per-focal-state AUCs
    precision_at_5: Number
    precision_at_10: Number
    base_rate: Number  # share of pairs that formed a new pact
    top_decile_rate: Number = None  # new-pact rate of the 10% best-scored pairs
    # metric -> (low, high) of its bootstrap interval, for the metrics the file gives one
    intervals: dict[str, tuple[Number, Number]] = field(default_factory=dict)


@dataclass(frozen=True)
class RocCurve:
    """One scorer's ROC curve over all pairs (thinned by the writer; both ends kept)."""

    scorer: str
    fpr: tuple[int | float, ...]
    tpr: tuple[int | float, ...]
    auc: Number  # the scorer's pooled AUC from its metrics (``None`` without one)


@dataclass(frozen=True)
class DecileRow:
    """The model's pairs in one score decile (10 = highest scores)."""

    decile: Number
    pairs: Number
    positives: Number  # pairs that formed a new pact
    rate: Number  # positives / pairs
    lift: Number  # rate / base rate


@dataclass(frozen=True)
class WindowFigures:
    """One backtest window: scores at ``year``, new pacts from ``first`` to ``last``."""

    file: str  # the file's name
    year: Any  # the reference year ("?" when the file does not say)
    first: Any  # first and last year of the outcome window ("?" when not given)
    last: Any
    criteria_id: str | None
    criteria_version: str
    pairs: Number  # focal-candidate pairs evaluated
    new_pacts: Number
    rules: dict[str, str]  # rule name -> the rule as applied, in words
    metrics: tuple[ScorerMetrics, ...]
    curves: tuple[RocCurve, ...]  # the scorers of CURVE_SCORERS with a drawable curve
    deciles: tuple[DecileRow, ...]  # the model's, lowest decile first as in the file
    command: tuple[str, ...] | str  # the command that wrote the file
    role: str | None = None  # "design", "held out" or "not designated" (None: not given)


@dataclass(frozen=True)
class Unread:
    """A file in the folder that is not a readable backtest file, and why."""

    file: str
    reason: str


def _mapping(parent: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = parent.get(key, {})
    if not isinstance(value, Mapping):
        raise ValueError(f"{key!r} is not an object")
    return value


def _rows(parent: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = parent.get(key, [])
    if not isinstance(value, list) or not all(isinstance(r, Mapping) for r in value):
        raise ValueError(f"{key!r} is not a list of objects")
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(row: Mapping[str, Any], key: str, where: str) -> Number:
    value = row.get(key)
    if value is None or _is_number(value):
        return value
    raise ValueError(f"{where}: {key} is not a number ({value!r})")


def _metrics(doc: Mapping[str, Any]) -> tuple[ScorerMetrics, ...]:
    out = []
    for m in _rows(doc, "metrics"):
        if m.get("variant") != VARIANT:
            continue
        scorer = m.get("scorer")
        if not isinstance(scorer, str):
            raise ValueError(f"metrics: a scorer is not a name ({scorer!r})")
        where = f"metrics of {scorer}"
        intervals = {
            name: (_number(m, f"{name}_lo", where), _number(m, f"{name}_hi", where))
            for name in INTERVAL_METRICS
            if m.get(f"{name}_lo") is not None and m.get(f"{name}_hi") is not None
        }
        out.append(
            ScorerMetrics(
                scorer,
                *[
                    _number(m, key, where)
                    for key in (
                        "pooled_auc",
                        "mean_focal_auc",
                        "precision_at_5",
                        "precision_at_10",
                        "base_rate",
                        "top_decile_rate",
                    )
                ],
                intervals=intervals,
            )
        )
    return tuple(out)


def _curve(doc: Mapping[str, Any], scorer: str, auc: Number) -> RocCurve | None:
    """``scorer``'s curve over all pairs; ``None`` when there is none to draw (no curve, no
    points, unequal lengths, or null rates: a scorer without positives)."""
    curve = _mapping(_mapping(doc, "roc"), scorer).get(VARIANT)
    if not curve:
        return None
    if not isinstance(curve, Mapping):
        raise ValueError(f"roc of {scorer}: not an object")
    fpr, tpr = curve.get("fpr") or [], curve.get("tpr") or []
    if not isinstance(fpr, list) or not isinstance(tpr, list):
        raise ValueError(f"roc of {scorer}: fpr and tpr are not lists")
    if not fpr or len(fpr) != len(tpr) or any(v is None for v in [*fpr, *tpr]):
        return None
    bad = [v for v in [*fpr, *tpr] if not _is_number(v)]
    if bad:
        raise ValueError(f"roc of {scorer}: a rate is not a number ({bad[0]!r})")
    return RocCurve(scorer, tuple(fpr), tuple(tpr), auc)


def _deciles(doc: Mapping[str, Any]) -> tuple[DecileRow, ...]:
    rows = [
        r
        for r in _rows(doc, "deciles")
        if r.get("scorer") == "model" and r.get("variant") == VARIANT
    ]
    keys = ("decile", "n", "positives", "rate", "lift")
    return tuple(DecileRow(*[_number(r, k, "deciles of model") for k in keys]) for r in rows)


def _command(doc: Mapping[str, Any]) -> tuple[str, ...] | str:
    words = _mapping(doc, "record").get("command") or ()
    return words if isinstance(words, str) else tuple(str(w) for w in words)


def _window(doc: Mapping[str, Any], name: str) -> WindowFigures:
    window = _mapping(doc, "window")
    labels = window.get("labels") or ["?", "?"]
    criteria = _mapping(doc, "criteria")
    counts = _mapping(doc, "counts")
    metrics = _metrics(doc)
    auc = {m.scorer: m.pooled_auc for m in metrics}
    curves = [_curve(doc, scorer, auc.get(scorer)) for scorer in CURVE_SCORERS]
    return WindowFigures(
        file=name,
        year=window.get("year", "?"),
        first=labels[0],
        last=labels[-1],
        criteria_id=None if criteria.get("id") is None else str(criteria["id"]),
        criteria_version=str(criteria.get("version", "")),
        pairs=_number(counts, "pairs_evaluated", "counts"),
        new_pacts=_number(counts, "new_pacts", "counts"),
        rules={str(k): str(v) for k, v in _mapping(doc, "rules").items()},
        metrics=metrics,
        curves=tuple(c for c in curves if c is not None),
        deciles=_deciles(doc),
        command=_command(doc),
        role=None if window.get("role") is None else str(window["role"]),
    )


def read_window(path: str | Path) -> WindowFigures:
    """One backtest file; ``ValueError`` (or ``OSError``) says why it cannot be read."""
    path = Path(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or "window" not in doc:
        raise ValueError("not a backtest file (no 'window')")
    try:
        return _window(doc, path.name)
    except (TypeError, KeyError, IndexError) as error:  # e.g. labels that are not a list
        raise ValueError(str(error)) from error


def read_figures(
    folder: str | Path | None, criteria_id: str | None = None
) -> list[WindowFigures | Unread]:
    """Every ``folder/*.json`` by file name, read; with ``criteria_id``, only the windows
    that backtested that criteria model (a file that cannot be read is listed whatever its
    model). No folder, or a folder that does not exist, gives an empty list."""
    if folder is None or not Path(folder).is_dir():
        return []
    out: list[WindowFigures | Unread] = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            window = read_window(path)
        except (OSError, ValueError) as error:
            out.append(Unread(path.name, str(error)))
            continue
        if criteria_id is None or window.criteria_id == criteria_id:
            out.append(window)
    return out
