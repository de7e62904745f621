"""The analysis layer: a profile's decision matrix, its scores and how far they can be trusted.

``matrix`` (candidates and coalitions x indicators, from the measures), ``scoring`` (every
method on the value matrix -> :class:`~alliancescore.analysis.result.Result`), ``validation``
(the one path that decides whether a profile can be scored), ``robustness`` (the sensitivity
analysis of a result, as DataFrames), ``versus`` (why one alternative ranks where it does
against another, by indicator). It uses the model, measures and kernels below it and
knows nothing of files written, tables printed or reports.
"""
