"""HTML reports: one self-contained, offline file per analysis.

compute (:class:`~alliancescore.analysis.result.Result`, :class:`~alliancescore.analysis.robustness.
SensitivityReport`) -> structure (:mod:`.sections`, one module per section, assembled by
:mod:`.context`: plain data and inline SVG charts) ->
render (:mod:`.render`: Jinja with autoescape, package templates overridable from a folder).

>>> from alliancescore.present.reports import write_profile_report      # doctest: +SKIP
>>> write_profile_report(result, analyse(result), "reports/out")  # doctest: +SKIP
PosixPath('reports/out/japan.html')
"""

from .context import Limits, comparison_context, load_backtest, profile_context, whatif_data
from .render import (
    check_templates,
    comparison_name,
    environment,
    render_comparison,
    render_profile,
    report_inputs,
    write_comparison_report,
    write_profile_report,
)

__all__ = [
    "Limits",
    "check_templates",
    "comparison_context",
    "comparison_name",
    "environment",
    "load_backtest",
    "profile_context",
    "render_comparison",
    "render_profile",
    "report_inputs",
    "whatif_data",
    "write_comparison_report",
    "write_profile_report",
]
