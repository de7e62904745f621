"""Studies: one profile template scored for many focal states, years and criteria variants
(issue 18). :func:`~alliancescore.study.run.run_study` runs the tasks of a study file
(:mod:`alliancescore.model.study`) in a local process pool or on a Dask cluster
(:mod:`alliancescore.study.cluster`) and writes one Parquet file per task
(:mod:`alliancescore.study.parquet`) and a manifest that hashes every file the tasks read
(:mod:`alliancescore.study.inputs`)."""

from __future__ import annotations

from .run import StudyRun, run_study

__all__ = ["StudyRun", "run_study"]
