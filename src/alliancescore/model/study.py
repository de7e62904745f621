"""Study files: one profile template over many focal states and years (issue 18).

The format is :data:`~alliancescore.model.study_format.STUDY`. A study's tasks are its
(focal, year) pairs, focal states in the order written, years ascending; each task's seed is
:func:`task_seed` of the study seed and the task, so a task's numbers do not depend on which
other tasks run, in which order or in which process.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from alliancescore.data import Dataset
from alliancescore.errors import AllianceScoreError

from .declare import Reader
from .profile_data import _Nations, data_years
from .schema import Checker, read_toml
from .study_format import DEFAULT_MAX_SAMPLES, STUDY

__all__ = ["Study", "Task", "load_study", "task_seed"]


@dataclass(frozen=True)
class Task:
    """One focal state in one year."""

    focal: str
    year: int

    @property
    def key(self) -> str:
        """The task's name and folder: ``focal=JPN/year=2010``."""
        return f"focal={self.focal}/year={self.year}"


@dataclass(frozen=True)
class Study:
    """A checked study file. ``template`` is the profile template's path (resolved against
    the study file's folder); ``sha256`` is the study file's. Weight draws per method and
    task: ``samples``, or with ``target_se`` as many as that standard error needs, at most
    ``max_samples`` (``samples`` is then 0); ``stability``: keep the top choice's stability
    intervals."""

    id: str
    path: str
    sha256: str
    template: str
    focal: tuple[str, ...]
    years: tuple[int, ...]
    threats: str
    samples: int
    seed: int
    target_se: float | None = None
    max_samples: int = DEFAULT_MAX_SAMPLES
    stability: bool = True

    @property
    def tasks(self) -> tuple[Task, ...]:
        """Every (focal, year), focal states in the order written, years ascending."""
        return tuple(Task(f, y) for f in self.focal for y in self.years)


def task_seed(seed: int, task: Task) -> int:
    """The seed of one task: a SHA-256 of (study seed, focal, year) as entropy of a
    :class:`numpy.random.SeedSequence`, whose first 63-bit word is returned. Deterministic,
    independent of the task's order and of the process that runs it."""
    digest = hashlib.sha256(f"{seed}\x00{task.focal}\x00{task.year}".encode()).digest()
    sequence = np.random.SeedSequence(int.from_bytes(digest[:16], "little"))
    return int(sequence.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


def load_study(path: str | Path, data: Dataset) -> Study:
    """Read and check a study file: the declared keys, the focal codes against the data set,
    the years against the data's span, the template's existence. Every problem is raised at
    once in one :class:`~alliancescore.errors.AllianceScoreError`."""
    document, digest = read_toml(path)
    check = Checker(path)
    read = Reader(check, STUDY).document(document)
    head = read["study"] or {}
    years = head.get("years") or []
    first, last = data_years()
    for year in years:
        if not first <= year <= last:
            check.add("study.years", f"years the data cover, {first}..{last}", repr(year))
            break
    focal = list(head.get("focal") or [])
    if "focal" in document.get("study", {}) and not focal and not check.has_problem("study.focal"):
        check.add("study.focal", "at least one ISO 3166 alpha-3 code", "an empty list")
    nation = _Nations(check, data, first)
    nation.each("study.focal", focal)
    if len(set(focal)) != len(focal):
        check.add("study.focal", "distinct codes", repr(focal), "Remove the repeated codes")
    raw = document.get("study") if isinstance(document.get("study"), dict) else {}
    both = "samples" in raw and "target_se" in raw
    if both and not check.has_problem("study.samples") and not check.has_problem("study.target_se"):
        check.add(
            "study.target_se",
            "either samples (a fixed number of draws) or target_se, not both",
            f"samples = {raw['samples']} and target_se = {raw['target_se']}",
            "Remove samples to draw until the target, or target_se to draw a fixed number",
        )
    template = head.get("template")
    if template is not None:
        template = str(Path(path).parent / template)
        if not Path(template).is_file():
            check.add("study.template", "a profile file (relative to the study)", repr(template))
    if check.problems:
        raise AllianceScoreError(check.problems)
    return Study(
        id=head["id"],
        path=str(path),
        sha256=digest,
        template=str(template),
        focal=tuple(focal),
        years=tuple(years),
        threats=head["threats"],
        samples=head["samples"],
        seed=head["seed"],
        target_se=head.get("target_se"),
        max_samples=head["max_samples"],
        stability=head["stability"],
    )
