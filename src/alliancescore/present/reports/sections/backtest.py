"""The backtest section: per backtest window of the profile's criteria model, the scorers'
metrics, the ROC curves and the model's decile table and chart (``templates/_backtest.html.j2``).

The files are read by :mod:`alliancescore.backtest.figures`; this module only turns its
records into the section's tables, charts and text. A file that could not be read becomes
``{"name", "error"}``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alliancescore.backtest.figures import Unread, WindowFigures, read_figures

from .. import charts
from .shared import column, command, table

__all__ = ["backtest", "load_backtest"]


def _metrics(w: WindowFigures) -> dict[str, Any]:
    return table(
        [
            column("scorer"),
            column("pooled AUC", "fixed", "ROC AUC over every focal-candidate pair"),
            column("mean focal AUC", "fixed", "mean of the per-focal-state AUCs"),
            column("precision at 5", "share"),
            column("precision at 10", "share"),
            column("base rate", "share", "share of pairs that formed a new pact"),
        ],
        [
            [
                m.scorer,
                m.pooled_auc,
                m.mean_focal_auc,
                m.precision_at_5,
                m.precision_at_10,
                m.base_rate,
            ]
            for m in w.metrics
        ],
    )


def _roc(w: WindowFigures, title: str) -> Any | None:
    curves = [
        {
            "label": c.scorer if c.auc is None else f"{c.scorer} (AUC {c.auc:.3f})",
            "fpr": list(c.fpr),
            "tpr": list(c.tpr),
        }
        for c in w.curves
    ]
    return charts.roc_curves(curves, f"ROC curves, {title}") if curves else None


def _deciles(w: WindowFigures, title: str) -> dict[str, Any] | None:
    if not w.deciles:
        return None
    return {
        "table": table(
            [
                column("decile", "int", "10 = highest scores"),
                column("pairs", "int"),
                column("new pacts", "int"),
                column("rate", "share"),
                column("lift", "fixed", "rate / base rate"),
            ],
            [[d.decile, d.pairs, d.positives, d.rate, d.lift] for d in w.deciles],
        ),
        "chart": charts.decile_bars(
            [d.decile for d in w.deciles],
            [d.rate for d in w.deciles],
            f"New-pact rate by model-score decile, {title}",
        ),
    }


# A window's part by the repr of its figures (complete and deterministic for these frozen
# records): every profile's report shows the same shipped files, and drawing one window's two
# charts costs about half a second, so the demo's sixteen reports draw them once per process.
_DRAWN: dict[str, dict[str, Any]] = {}
_DRAWN_LIMIT = 64


def _window(w: WindowFigures) -> dict[str, Any]:
    key = repr(w)
    if key not in _DRAWN:
        if len(_DRAWN) >= _DRAWN_LIMIT:
            _DRAWN.clear()
        _DRAWN[key] = _draw_window(w)
    return dict(_DRAWN[key])


def _draw_window(w: WindowFigures) -> dict[str, Any]:
    title = f"{w.year}: new pacts {w.first}-{w.last}"
    criteria_id = "?" if w.criteria_id is None else w.criteria_id
    return {
        "name": w.file,
        "title": title,
        "criteria": f"{criteria_id} {w.criteria_version}".strip(),
        "criteria_id": w.criteria_id,
        "pairs": w.pairs,
        "new_pacts": w.new_pacts,
        "rules": dict(w.rules),
        "metrics": _metrics(w),
        "roc": _roc(w, title),
        "deciles": _deciles(w, title),
        "command": command({"command": w.command}),
    }


def backtest(windows: list[WindowFigures | Unread]) -> list[dict[str, Any]]:
    """One part per window, in the order given; an unread file as its name and reason."""
    return [
        {"name": w.file, "error": w.reason} if isinstance(w, Unread) else _window(w)
        for w in windows
    ]


def load_backtest(
    folder: str | Path | None, criteria_id: str | None = None
) -> list[dict[str, Any]]:
    """The backtest section from ``folder/*.json`` (see
    :func:`alliancescore.backtest.figures.read_figures`): with ``criteria_id``, only windows
    that backtested that criteria model."""
    return backtest(read_figures(folder, criteria_id))
