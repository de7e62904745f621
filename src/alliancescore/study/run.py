"""Run a study: every (focal, year) task scored (and analysed), one Parquet file each.

Each task replaces the template's ``profile.focal`` and ``profile.year`` and its
``[[threats]]``: the focal state's entry of ``[study.threats_by_focal]``, else with
``threats = "backtest"`` the backtest's stated rule at that year
(:func:`~alliancescore.backtest.threats.derive_threats`), else the template's own. It drops
the focal state and its threat actors from ``candidates.include``; with a variant it uses the
variant's criteria file and ``[weights]`` (where given) instead of the template's. It checks
the profile as ``validate`` does and scores it; with
``samples > 0`` it draws ``samples`` weight vectors per method with the task's own seed
(:func:`~alliancescore.model.study.task_seed`), or with ``target_se`` as many as that standard
error needs (:func:`~alliancescore.analysis.robustness.sample_to_target`); with ``stability``
it computes the top choice's stability intervals per top-level criterion and method
(:func:`~alliancescore.analysis.stability.top_choice_stability`). The template is checked
once as a profile (:func:`check_template`, as ``validate`` does) before any task runs: a
template the checks refuse stops the run with its one message. A task whose focal state did
not exist that year, or whose profile the checks refuse, is recorded as skipped with the
message.

Output folder::

    DIR/focal=JPN/year=2010/stability.parquet  with stability: written first
    DIR/focal=JPN/year=2010/screened.parquet   the candidates the template's screens
                                               left out (focal, year, alternative, reason),
                                               when it left out any
    DIR/focal=JPN/year=2010/part.parquet       one per finished task, written last: the
                                               task's completion marker (--resume)
    DIR/manifest.json                          study file hash, version, data manifest hash,
                                               target_se, tasks, finished and skipped tasks,
                                               and when the template states no [weights],
                                               the note that says so (unstated_weights, by
                                               variant id, "" without variants)

Each file is written atomically (temporary file + rename), so a killed run leaves whole files
or none.

With ``[[study.variants]]`` each variant has a folder of its own,
``DIR/variant=ID/focal=JPN/year=2010/``, the rows of both files a ``variant`` column first,
and the manifest lists the variants with their criteria files' SHA-256. The manifest's
``input_files`` hold the SHA-256 of every other file a task reads (:mod:`.inputs`).

Tasks run in a local process pool (``jobs`` workers, one BLAS/numpy thread each, the data set
loaded once per worker, each writing its tasks' part files) or on a Dask cluster
(``scheduler``, :mod:`alliancescore.study.cluster`: the workers return the rows and this
process writes them); either yields each task as it finishes and the manifest is rewritten
then. A task's numbers depend only on the study and the task, so any ``jobs``, the cluster
and any resume give the same files.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alliancescore import __version__
from alliancescore.analysis.robustness import first_rank_acceptability
from alliancescore.analysis.scoring import score
from alliancescore.analysis.stability import top_choice_stability
from alliancescore.analysis.validation import CheckedProfile, check_profile
from alliancescore.backtest.threats import derive_threats
from alliancescore.data import Dataset, load
from alliancescore.data.worker import init_pool_worker, worker_data
from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.model.profile import read_profile_document
from alliancescore.model.schema import read_toml
from alliancescore.model.study import Study, Task, task_seed
from alliancescore.present.writing import write_atomic
from alliancescore.settings import SensitivitySpec

from .inputs import changed, input_files, recorded_path
from .parquet import require_pyarrow, write_part

__all__ = [
    "PART",
    "STABILITY",
    "StudyRun",
    "TaskTables",
    "check_template",
    "run_study",
    "task_rows",
    "write_task",
]

PART = "part.parquet"
STABILITY = "stability.parquet"
SCREENED = "screened.parquet"
# Seconds to reach a Dask scheduler, and then to find one of its workers, before giving up.
CONNECT_TIMEOUT = 10.0


@dataclass
class StudyRun:
    """What a run did: tasks ``written`` now, ``kept`` (found done by ``--resume``) and
    ``skipped`` with their messages."""

    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    unstated_weights: dict[str, str] = field(default_factory=dict)
    """The note that no ``[weights]`` are stated, by variant id (``""``: the study without
    variants), for each that scores with the criteria file's own weights."""


def _task_document(
    document: Mapping[str, Any], study: Study, task: Task, data: Dataset
) -> dict[str, Any]:
    """The template with the task's focal, year, threats (and its variant's weights) put
    in."""
    doc = copy.deepcopy(dict(document))
    head = doc.get("profile")
    if isinstance(head, dict):
        head["focal"], head["year"] = task.focal, task.year
    threats = {str(t.get("actor")) for t in doc.get("threats", []) if isinstance(t, dict)}
    variant = study.variant(task.variant)
    if variant is not None and variant.weights is not None:
        doc["weights"] = copy.deepcopy(variant.weights)
    explicit = study.explicit_threats(task.focal)
    if explicit is not None:
        doc["threats"] = [{"actor": actor, "severity": severity} for actor, severity in explicit]
        threats = {actor for actor, _ in explicit}
    elif study.threats == "backtest":
        found, _ = derive_threats(data, task.year, [task.focal], data.states(task.year))
        doc["threats"] = [{"actor": t.actor, "severity": t.severity} for t in found[task.focal]]
        threats = {t.actor for t in found[task.focal]}
    _drop_candidates(doc, threats | {task.focal})
    return doc


def _drop_candidates(doc: dict[str, Any], drop: set[str]) -> None:
    """Remove ``drop`` (the focal state, its threat actors) from ``candidates.include``
    (entries that are not text are left for the profile's checks to name)."""
    candidates = doc.get("candidates")
    if isinstance(candidates, dict) and isinstance(candidates.get("include"), list):
        include = candidates["include"]
        candidates["include"] = [c for c in include if not (isinstance(c, str) and c in drop)]


def check_template(study: Study, data: Dataset) -> CheckedProfile:
    """The study's template checked once as a profile of its own, as ``validate`` checks a
    profile and as each task reads it (its own focal state and threat actors dropped from
    ``candidates.include``); raises :class:`AllianceScoreError` with every problem. Its
    problems would be every task's, so a run stops on them before any task starts."""
    document, digest = read_toml(study.template)
    doc = copy.deepcopy(dict(document))
    head = doc.get("profile")
    named = [head.get("focal")] if isinstance(head, dict) else []
    threats = doc.get("threats")
    if isinstance(threats, list):
        named += [t.get("actor") for t in threats if isinstance(t, dict)]
    elif threats is None and study.threats == "backtest":
        # every task's threats come from the rule: the template need not name any
        doc["threats"] = []
    _drop_candidates(doc, {n for n in named if isinstance(n, str)})
    return check_profile(read_profile_document(doc, digest, study.template, data), data=data)


@dataclass(frozen=True)
class TaskTables:
    """One task's tables: ``part`` (``part.parquet``: a row per alternative and score method,
    :mod:`.parquet`) and, with the study's ``stability``, ``stability`` (``stability.parquet``:
    a row per score method and top-level criterion, columns ``focal``, ``year`` and
    :data:`~alliancescore.analysis.stability.STABILITY_COLUMNS`)."""

    part: pd.DataFrame
    stability: pd.DataFrame | None = None
    # the candidates the screens (relations, armed forces) left out (``screened.parquet``), when any
    screened: pd.DataFrame | None = None

    def files(self) -> list[tuple[str, pd.DataFrame]]:
        """``(file name, table)`` in the order they are written: ``part.parquet``, the
        completion marker that ``--resume`` looks for, last."""
        first = [(STABILITY, self.stability)] if self.stability is not None else []
        if self.screened is not None:
            first.append((SCREENED, self.screened))
        return [*first, (PART, self.part)]


def write_task(folder: Path, tables: TaskTables) -> None:
    """Write a task's files into its ``folder``, each atomically, ``part.parquet`` last."""
    for name, frame in tables.files():
        write_part(frame, folder / name)


def _check_explicit_threats(study: Study, task: Task, data: Dataset) -> None:
    """The focal state's explicit threat actors existed in the task's year, else one error
    located in the study file (the template's checks would name the template)."""
    for i, (actor, _) in enumerate(study.explicit_threats(task.focal) or ()):
        if not data.exists(actor, task.year):
            raise AllianceScoreError(
                Problem(
                    f"{study.path}: study.threats_by_focal.{task.focal}[{i}].actor",
                    f"a state that existed in {task.year}",
                    repr(actor),
                )
            )


def _sampling(study: Study, result, task: Task, threads: int | None) -> dict:
    """Per score method, its :class:`~alliancescore.analysis.robustness.FirstRank` (none
    without sampling)."""
    if study.target_se is None and not study.samples:
        return {}
    return first_rank_acceptability(
        result,
        seed=task_seed(study.seed, task),
        samples=study.samples if study.target_se is None else None,
        target_se=study.target_se,
        max_samples=study.max_samples,
        threads=threads,
    )


def task_rows(study: Study, task: Task, data: Dataset, threads: int | None = None) -> TaskTables:
    """The tables of one task (module docstring); raises :class:`AllianceScoreError` when the
    focal state did not exist that year or the profile checks refuse the task. Its message
    does not name the task: every skip is recorded and printed under the task's key."""
    if not data.exists(task.focal, task.year):
        raise AllianceScoreError(
            Problem("focal", f"a state that existed in {task.year}", repr(task.focal))
        )
    _check_explicit_threats(study, task, data)
    document, digest = read_toml(study.template)
    doc = _task_document(document, study, task, data)
    reading = read_profile_document(doc, digest, study.template, data)
    if reading.problems:
        raise AllianceScoreError(reading.problems, reading.skipped)
    variant = study.variant(task.variant)
    criteria = variant.criteria if variant is not None else None
    result = score(reading.profile, criteria, data=data)
    labels = result.matrix.alternatives.loc[result.scores.index, "kind"]
    frames = []
    analysed = _sampling(study, result, task, threads)
    for method in result.methods:
        frame = pd.DataFrame(
            {
                "focal": task.focal,
                "year": task.year,
                "alternative": list(result.scores.index),
                "kind": labels.to_numpy(dtype=str),
                "method": method,
                "score": result.scores[method].to_numpy(dtype=float),
                "rank": result.ranks[method].to_numpy(dtype="int64"),
            }
        )
        if analysed:
            found = analysed[method]
            frame["rank1_acceptability"] = found.acceptability
            frame["rank1_se"] = found.standard_error
            frame["samples"] = np.int64(found.samples)
            frame["max_se"] = found.max_standard_error
            if found.target_met is not None:
                frame["target_met"] = bool(found.target_met)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype("int64")
    if task.variant is not None:
        out.insert(0, "variant", task.variant)
    stability = None
    if study.stability:
        k = SensitivitySpec.for_profile(result.profile).k
        stability = top_choice_stability(result, k=k)
        stability.insert(0, "focal", task.focal)
        stability.insert(1, "year", np.int64(task.year))
        stability["year"] = stability["year"].astype("int64")
        if task.variant is not None:
            stability.insert(0, "variant", task.variant)
    return TaskTables(out, stability, _screened(result, task))


def _screened(result, task: Task) -> pd.DataFrame | None:
    """The candidates the template's screens (relations, armed forces) left out, with the
    reason (none when the screens are off or left out nobody)."""
    screened = result.matrix.screened
    if not screened:
        return None
    frame = pd.DataFrame(
        {
            "focal": task.focal,
            "year": np.int64(task.year),
            "alternative": list(screened),
            "reason": list(screened.values()),
        }
    )
    frame["year"] = frame["year"].astype("int64")
    if task.variant is not None:
        frame.insert(0, "variant", task.variant)
    return frame


def _run_task(study: Study, task: Task, out: str) -> tuple[str, str | None]:
    """Run one task in a worker; returns (task key, skip message or ``None``)."""
    data = worker_data()
    try:
        tables = task_rows(study, task, data, threads=1)
    except AllianceScoreError as error:
        return task.key, str(error)
    write_task(Path(out) / task.key, tables)
    return task.key, None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _inputs(study: Study, data: Dataset) -> dict[str, Any]:
    """What a task's numbers depend on besides the task: the hashes of the inputs, the
    version."""
    return {
        "study_sha256": study.sha256,
        "template_sha256": _sha256(Path(study.template)),
        "version": __version__,
        "data_manifest_sha256": _sha256(data.root / "MANIFEST.json"),
        # --target-se can override the file: a resumed run must sample to the same target
        "target_se": study.target_se,
        "input_files": input_files(study),
    }


def _check_resumable(out: Path, inputs: Mapping[str, Any]) -> None:
    """With ``--resume``: the parts in ``out`` come from the same inputs, else one error."""
    path = out / "manifest.json"
    if not path.is_file():
        return
    try:
        before = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = {}
    before = before if isinstance(before, dict) else {}
    differ = [k for k, v in inputs.items() if before.get(k) != v]
    if "input_files" in differ:
        files = changed(before.get("input_files"), inputs["input_files"])
        differ[differ.index("input_files")] = f"input_files ({', '.join(files)})"
    if differ:
        raise AllianceScoreError(
            Problem(
                "--resume",
                f"an output folder made from the same inputs ({', '.join(inputs)})",
                f"{path} differs in {', '.join(differ)}",
                "Run without --resume to redo every task, or choose another --out",
            )
        )


def _study_keys(study: Study) -> dict[str, Any]:
    """The manifest's entries for the focal selector, the explicit threats and the variants,
    each only when the study has it (a study without them keeps the manifest it had)."""
    out: dict[str, Any] = {}
    if study.focal_selector is not None:
        out["focal_selector"] = study.focal_selector
    if study.threats_by_focal:
        out["threats_by_focal"] = {
            focal: [{"actor": a, "severity": s} for a, s in threats]
            for focal, threats in study.threats_by_focal
        }
    if study.variants:
        out["variants"] = [
            {
                "id": v.id,
                "criteria": recorded_path(v.criteria, study) if v.criteria else None,
                "criteria_sha256": v.sha256,
                "weights": v.weights,
            }
            for v in study.variants
        ]
    return out


def _unstated_weights(study: Study, template: CheckedProfile, data: Dataset) -> dict[str, str]:
    """The note that the profile states no ``[weights]``, for the study (key ``""``) or
    each variant (its id) whose tasks score with their criteria file's own weights: the
    template states none and the variant adds none. A variant's own criteria file says its
    own note (whether it is the shipped default's)."""
    if not template.weights.unstated:
        return {}
    if not study.variants:
        return {"": template.weights.unstated}
    from alliancescore.model.criteria import load_criteria
    from alliancescore.model.weights import unstated_weights_note

    return {
        v.id: unstated_weights_note(load_criteria(v.criteria, data))
        if v.criteria
        else template.weights.unstated
        for v in study.variants
        if v.weights is None
    }


def _write_manifest(out: Path, study: Study, inputs, done: StudyRun, order) -> None:
    finished = sorted({*done.written, *done.kept}, key=order.index)
    manifest = {
        "study": study.path,
        **inputs,
        "samples": study.samples,
        "max_samples": study.max_samples,
        "seed": study.seed,
        "stability": study.stability,
        "threats": study.threats,
        **_study_keys(study),
        "tasks": order,
        "finished": finished,
        "skipped": {k: done.skipped[k] for k in order if k in done.skipped},
        # only when some tasks score with weights nobody stated (older manifests lack it)
        **({"unstated_weights": done.unstated_weights} if done.unstated_weights else {}),
    }
    write_atomic(out / "manifest.json", json.dumps(manifest, indent=2) + "\n")


def _local_pool(
    study: Study, todo: Sequence[Task], out: Path, data: Dataset, jobs: int
) -> Iterator[tuple[str, str | None]]:
    """Run ``todo`` in ``jobs`` local worker processes, each writing its tasks' part files;
    yields (task key, skip message or ``None``) as tasks finish. On an error (or Ctrl-C)
    the tasks not started are cancelled."""
    pool = ProcessPoolExecutor(
        max_workers=max(1, jobs), initializer=init_pool_worker, initargs=(str(data.root),)
    )
    try:
        futures = [pool.submit(_run_task, study, task, str(out)) for task in todo]
        for future in as_completed(futures):
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _clean_temporaries(out: Path, study: Study) -> None:
    """Remove the temporary files a killed run left (``write_atomic`` names them
    ``.<name>.<random>.tmp`` beside their destination): in each task's folder and beside the
    manifest. A part file under its final name is always complete (written by a rename)."""
    places = [(out, "manifest.json")]
    places += [(out / t.key, name) for t in study.tasks for name in (STABILITY, SCREENED, PART)]
    for folder, name in places:
        if folder.is_dir():
            for left in folder.glob(f".{name}.*.tmp"):
                left.unlink(missing_ok=True)


def _clear_previous_run(out: Path, todo: Sequence[Task]) -> None:
    """Remove the files an earlier run wrote for the tasks about to run (their part,
    stability and screened files, under the names this module gives them in each task's
    folder; nothing else): a rerun writes a stability or screened file only when it has
    one, and a skipped task writes no part, so a file left from before would be read as
    this run's (the stability intervals of a study that no longer computes them, a part for
    a task now skipped)."""
    for task in todo:
        for name in (STABILITY, SCREENED, PART):
            (out / task.key / name).unlink(missing_ok=True)


def earlier_outputs(out: str | Path, study: Study) -> list[str]:
    """What an earlier run left in ``out`` that is not this study's, relative to ``out``: a
    task folder with a part file for a task the study no longer has, a variant's folder
    for a variant it no longer has, and a study report under its default name for such a
    variant (or the one report of a study without variants, once it has them, and the
    reverse). They are never read as this study's (:mod:`.results` reads only the
    manifest's tasks), nor deleted (they may be kept on purpose): the command says so."""
    out = Path(out)
    tasks = {t.key for t in study.tasks}
    found = []
    for part in sorted(out.glob("focal=*/year=*/" + PART)) + sorted(
        out.glob("variant=*/focal=*/year=*/" + PART)
    ):
        key = part.parent.relative_to(out).as_posix()
        if key not in tasks and not key.startswith("variant="):
            found.append(key)
        elif key.startswith("variant=") and key not in tasks:
            variant = key.split("/", 1)[0]
            if any(t.startswith(variant + "/") for t in tasks):
                found.append(key)
    variants = {v.id for v in study.variants}
    for folder in sorted(out.glob("variant=*")):
        if folder.is_dir() and folder.name.removeprefix("variant=") not in variants:
            found.append(folder.name + "/")
    reports = {f"report_{v}" for v in variants} if variants else {"report"}
    for path in sorted(out.glob("report*.html")):
        if path.stem not in reports and (path.stem == "report" or path.stem.startswith("report_")):
            found.append(path.name)
            if (out / f"{path.stem}_tables").is_dir():
                found.append(f"{path.stem}_tables/")
    return found


def run_study(
    study: Study,
    out: str | Path,
    *,
    jobs: int = 1,
    resume: bool = False,
    scheduler: str | None = None,
    connect_timeout: float = CONNECT_TIMEOUT,
    data: Dataset | None = None,
    progress: Callable[[str], None] | None = None,
) -> StudyRun:
    """Run every task of ``study`` into the folder ``out``: in ``jobs`` local worker
    processes, or with ``scheduler`` (a Dask scheduler's address, ``tcp://host:8786``) on
    that cluster's workers (:mod:`alliancescore.study.cluster`; ``connect_timeout`` seconds
    to reach it and find a worker). With ``resume``, tasks whose part file exists are kept,
    not rerun. Any ``jobs``, cluster or resume gives the same part files. Raises
    :class:`AllianceScoreError` before any task when the template is not a valid profile."""
    require_pyarrow()  # before any work
    if scheduler is not None:
        from .cluster import require_distributed

        require_distributed("scheduler")
        if jobs != 1:
            raise AllianceScoreError(
                Problem(
                    "jobs",
                    "1 with a scheduler (the cluster's workers run the tasks)",
                    repr(jobs),
                    "Leave out jobs, or the scheduler to run on local processes",
                )
            )
    data = data or load()
    template = check_template(study, data)  # once: its problems would skip every task alike
    out = Path(out)
    inputs = _inputs(study, data)
    if resume:
        _check_resumable(out, inputs)
    _clean_temporaries(out, study)
    order = [t.key for t in study.tasks]
    done = StudyRun(unstated_weights=_unstated_weights(study, template, data))
    todo = []
    for task in study.tasks:
        if resume and (out / task.key / PART).is_file():
            done.kept.append(task.key)
        else:
            todo.append(task)
    _clear_previous_run(out, todo)
    if scheduler is None or not todo:  # (no worker starts for no task)
        finishing = _local_pool(study, todo, out, data, jobs)
    else:
        from .cluster import dask_tasks

        finishing = dask_tasks(study, todo, out, data, inputs, scheduler, connect_timeout)
    with closing(finishing):  # an error here stops the workers too
        for key, message in finishing:
            if message is None:
                done.written.append(key)
            else:
                done.skipped[key] = message
            if progress is not None:
                progress(key)
            _write_manifest(out, study, inputs, done, order)
    done.written.sort(key=order.index)
    done.skipped = {k: done.skipped[k] for k in order if k in done.skipped}
    _write_manifest(out, study, inputs, done, order)
    return done
