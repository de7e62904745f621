"""The presentation layer: results turned into text, files and reports.

``output`` (terminal tables and JSON), ``explain`` (every number behind one alternative),
``versus`` (``explain A --versus B`` as text and JSON),
``writing`` (atomic writes that never replace an input), ``sheets`` (named tables as an
``.xlsx`` workbook or one CSV file each) and ``reports`` (self-contained HTML
from Jinja templates). It reads :class:`~alliancescore.analysis.result.Result` and the
sensitivity report; it never computes a score.
"""
