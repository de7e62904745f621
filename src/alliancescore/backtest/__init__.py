"""Backtest: do the model's partner scores foresee the defence pacts states went on to form?

For every state existing in a year Y as focal, score all other states of Y with the criteria
model from data available at Y (threats from a stated rule, :mod:`.threats`), then compare
with the defence pacts newly formed in Y+1..Y+H (ATOP, :mod:`.outcomes`) using ROC AUC,
per-focal AUC, precision at k and pact rates by score decile (:mod:`.metrics`), each with a
cluster bootstrap interval (:mod:`.bootstrap`), beside baselines (:mod:`.baselines`: distance,
UN voting, same UN region, and a logistic model of alliance formation fitted on 1950-1980,
:mod:`.literature`). Each window says whether the default model may be designed on it or it
is held out (:data:`DESIGN_WINDOWS`, :data:`HELD_OUT_WINDOWS`). :func:`run_backtest` returns a
:class:`BacktestResult` of DataFrames; :mod:`.report` writes it as text, CSV or JSON, and
:mod:`.figures` reads the JSON back for the reports.

Context: Walt (1987) on balancing threats; Lai & Reiter (2000) and Gibler & Wolford (2006)
on what predicts alliance formation; Leeds et al. (2002) ATOP.
"""

from __future__ import annotations

import importlib
from typing import Any

# Names load on first use (PEP 562): the reports read backtest figures (.figures) without
# paying for the scoring machinery and scipy the other modules import.
_HOME = {
    "BASELINES": "baselines",
    "PAIR_BASELINES": "baselines",
    "Baseline": "baselines",
    "same_region": "baselines",
    "LiteratureModel": "literature",
    "fit_literature_model": "literature",
    "literature_model": "literature",
    "DESIGN_WINDOWS": "run",
    "HELD_OUT_WINDOWS": "run",
    "window_role": "run",
    "decile_table": "metrics",
    "group_auc": "metrics",
    "midranks": "metrics",
    "precision_at_k": "metrics",
    "roc_auc": "metrics",
    "roc_curve": "metrics",
    "check_window": "outcomes",
    "defence_pairs_at": "outcomes",
    "new_defence_pacts": "outcomes",
    "Panel": "panel",
    "score_panel": "panel",
    "VARIANTS": "run",
    "BacktestResult": "run",
    "evaluate_panel": "run",
    "run_backtest": "run",
    "ThreatRule": "threats",
    "derive_threats": "threats",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BASELINES",
    "DESIGN_WINDOWS",
    "HELD_OUT_WINDOWS",
    "PAIR_BASELINES",
    "VARIANTS",
    "BacktestResult",
    "Baseline",
    "LiteratureModel",
    "Panel",
    "ThreatRule",
    "check_window",
    "decile_table",
    "defence_pairs_at",
    "derive_threats",
    "evaluate_panel",
    "fit_literature_model",
    "group_auc",
    "literature_model",
    "midranks",
    "new_defence_pacts",
    "precision_at_k",
    "roc_auc",
    "roc_curve",
    "run_backtest",
    "same_region",
    "score_panel",
    "window_role",
]
