"""Backtest: do the model's partner scores foresee the defence pacts states went on to form?

For every state existing in a year Y as focal, score all other states of Y with the criteria
model from data available at Y (threats from a stated rule, :mod:`.threats`), then compare
with the defence pacts newly formed in Y+1..Y+H (ATOP, :mod:`.outcomes`) using ROC AUC,
per-focal AUC, precision at k and pact rates by score decile (:mod:`.metrics`), beside
baselines (:mod:`.baselines`). :func:`run_backtest` returns a :class:`BacktestResult` of
DataFrames; :mod:`.report` writes it as text, CSV or JSON, and :mod:`.figures` reads the JSON
back for the reports.

Context: Walt (1987) on balancing threats; Lai & Reiter (2000) and Gibler & Wolford (2006)
on what predicts alliance formation; Leeds et al. (2002) ATOP.
"""

from .baselines import BASELINES, Baseline
from .metrics import decile_table, group_auc, midranks, precision_at_k, roc_auc, roc_curve
from .outcomes import check_window, defence_pairs_at, new_defence_pacts
from .panel import Panel, score_panel
from .run import VARIANTS, BacktestResult, evaluate_panel, run_backtest
from .threats import ThreatRule, derive_threats

__all__ = [
    "BASELINES",
    "VARIANTS",
    "BacktestResult",
    "Baseline",
    "Panel",
    "ThreatRule",
    "check_window",
    "decile_table",
    "defence_pairs_at",
    "derive_threats",
    "evaluate_panel",
    "group_auc",
    "midranks",
    "new_defence_pacts",
    "precision_at_k",
    "roc_auc",
    "roc_curve",
    "run_backtest",
    "score_panel",
]
