"""Results as named tables for spreadsheets: one :class:`Sheet` per table, written as the
sheets of one ``.xlsx`` workbook (:mod:`.workbook`) or as one CSV file per table
(:mod:`.csv_folder`).

The builders (:func:`score_sheets`, :func:`sensitivity_sheets`, :func:`backtest_sheets`) read
:class:`~alliancescore.analysis.result.Result`, the
:class:`~alliancescore.analysis.sensitivity_report.SensitivityReport` and the
:class:`~alliancescore.backtest.run.BacktestResult`; they compute nothing new, so the numbers
are those of ``--format json``, unrounded. How a cell is shown is the writer's: each sheet
names the *kind* of its numeric columns (:data:`NUMBER_FORMATS`).
"""

from __future__ import annotations

from .backtest import backtest_sheets
from .base import NUMBER_FORMATS, Sheet, cell_value, record_sheet
from .score import score_sheets
from .sensitivity import sensitivity_sheets

__all__ = [
    "NUMBER_FORMATS",
    "Sheet",
    "backtest_sheets",
    "cell_value",
    "record_sheet",
    "score_sheets",
    "sensitivity_sheets",
]
