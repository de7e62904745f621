"""A study's output folder read back: the manifest, the leading rows of every part, the
stability intervals, and what is missing (for the study report, :mod:`.report`).

The folder is what :func:`~alliancescore.study.run.run_study` writes::

    DIR/manifest.json                          tasks, finished, skipped (with messages), inputs
    DIR/focal=XXX/year=YYYY/part.parquet       one row per alternative and score method
    DIR/focal=XXX/year=YYYY/stability.parquet  per score method and top-level criterion: the
                                               stability interval of the top choice (when the
                                               study computes them)

A study with criteria variants has a folder per variant, ``DIR/variant=ID/focal=XXX/...``, its
task keys that prefix: a folder is then read one variant at a time (``variant``), as a study of
its own.

Only the tasks the manifest lists are read, in its order; a part file of another task (left
by an earlier study written to the same folder) is counted, never read. Every absence (no
part, an unreadable part, no stability file, no rank-1 acceptability because the study drew
no weights, no ``samples`` column in parts written before it existed) becomes a note: a
folder is read as far as it goes, never refused for what it lacks. Only a folder without a
readable manifest is refused.

Columns read from a part (``samples``, ``target_met``, ``rank1_acceptability`` and
``rank1_se`` when present; the others are required)::

    focal, year, alternative, kind, method, score, rank,
    rank1_acceptability, rank1_se, samples, target_met

and from a stability file::

    focal, year, method, criterion, t0, top1_low, top1_high, top1_change,
    top1_relative_change, most_critical, exact
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from alliancescore.analysis.stability import STABILITY_COLUMNS as TOP_CHOICE_COLUMNS
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean

from .parquet import require_pyarrow

__all__ = [
    "MANIFEST",
    "PART",
    "PART_COLUMNS",
    "REQUIRED_PART_COLUMNS",
    "STABILITY",
    "STABILITY_COLUMNS",
    "StudyFolder",
    "read_manifest",
    "read_study_folder",
    "task_of",
    "variant_of",
    "variants_of",
]

MANIFEST = "manifest.json"
PART = "part.parquet"
STABILITY = "stability.parquet"
SCREENED = "screened.parquet"
SCREENED_COLUMNS = ("focal", "year", "alternative", "reason")
REQUIRED_PART_COLUMNS = ("focal", "year", "alternative", "kind", "method", "score", "rank")
PART_COLUMNS = (
    *REQUIRED_PART_COLUMNS,
    "rank1_acceptability",
    "rank1_se",
    "samples",
    "target_met",
)
STABILITY_COLUMNS = ("focal", "year", *TOP_CHOICE_COLUMNS)  # what a study's task writes
_TASK = re.compile(r"(?:variant=(?P<variant>[^/]+)/)?focal=(?P<focal>[^/]+)/year=(?P<year>-?\d+)")
WHERE = "alliancescore study-report"


def task_of(key: str) -> tuple[str, int] | None:
    """``("JPN", 2010)`` of the task key ``focal=JPN/year=2010`` (or
    ``variant=ID/focal=JPN/year=2010``); ``None`` for another text."""
    match = _TASK.fullmatch(key)
    return (match["focal"], int(match["year"])) if match else None


def variant_of(key: str) -> str | None:
    """``"ID"`` of the task key ``variant=ID/focal=JPN/year=2010``; ``None`` without one."""
    match = _TASK.fullmatch(key)
    return match["variant"] if match else None


def variants_of(manifest: dict[str, Any]) -> list[str]:
    """The variant ids of a study's manifest, in its task order (none without variants)."""
    return list(dict.fromkeys(v for v in map(variant_of, manifest.get("tasks") or []) if v))


@dataclass
class StudyFolder:
    """A study output folder as read (see the module docstring).

    rows : the parts' rows of rank at most ``keep`` (every column of :data:`PART_COLUMNS`,
        missing ones empty), in task order. stability : every stability row of the tasks that
        have a stability file (columns :data:`STABILITY_COLUMNS`), or ``None`` when none has.
    columns : the columns the parts hold. tasks : the manifest's task keys; ``read`` those
        whose part was read; ``skipped`` the manifest's skipped tasks with their messages;
        ``unfinished`` those with neither; ``unreadable`` task -> why its part was not read;
        ``stray`` part files of tasks the manifest does not list; ``without_stability`` read
        tasks without a stability file. notes : one line per absence, for the report.
    """

    root: Path
    manifest: dict[str, Any]
    rows: pd.DataFrame
    stability: pd.DataFrame | None
    keep: int
    # the candidates the screens (relations, armed forces) left out, per read task (columns
    # SCREENED_COLUMNS); empty when no task screened anyone
    screened: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SCREENED_COLUMNS))
    variant: str | None = None
    columns: set[str] = field(default_factory=set)
    tasks: list[str] = field(default_factory=list)
    read: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    unfinished: list[str] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)
    stray: list[str] = field(default_factory=list)
    without_stability: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def methods(self) -> list[str]:
        """The score methods, in the order of the first part that names them."""
        return list(dict.fromkeys(self.rows["method"].astype(str)))

    @property
    def focal(self) -> list[str]:
        """The focal states, in the manifest's task order."""
        return list(dict.fromkeys(t[0] for t in map(task_of, self.tasks) if t))

    @property
    def years(self) -> list[int]:
        """The years of the tasks, ascending."""
        return sorted({t[1] for t in map(task_of, self.tasks) if t})

    @property
    def sampled(self) -> bool:
        """Whether the parts hold rank-1 acceptabilities (the study drew weights)."""
        return "rank1_acceptability" in self.columns


def _manifest(root: Path) -> dict[str, Any]:
    path = root / MANIFEST
    if not root.is_dir():
        raise AllianceScoreError(
            Problem(
                "DIR",
                "a study output folder (written by alliancescore study --out DIR)",
                f"{root.resolve()} is not a folder",
            )
        )
    if not path.is_file():
        raise AllianceScoreError(
            Problem(
                "DIR",
                f"a study output folder with the {MANIFEST} that alliancescore study writes",
                f"no {MANIFEST} in {root.resolve()}",
                "Run alliancescore study STUDY.toml --out DIR first, or name its --out folder",
            )
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise AllianceScoreError(
            Problem(str(path), "the JSON manifest alliancescore study writes", f"{error}")
        ) from None
    tasks = manifest.get("tasks") if isinstance(manifest, dict) else None
    if not isinstance(tasks, list) or not all(isinstance(t, str) for t in tasks):
        raise AllianceScoreError(
            Problem(
                f"{path}: tasks",
                "a list of task keys such as 'focal=JPN/year=2010'",
                repr(tasks)[:80],
                "The file is not a study manifest: run alliancescore study again into this folder",
            )
        )
    return manifest


def read_manifest(root: str | Path) -> dict[str, Any]:
    """The manifest of the study output folder ``root``, or one error saying why not."""
    return _manifest(Path(root))


def _pyarrow() -> Any:
    """pyarrow.parquet (or the error naming the extra ``study``)."""
    return require_pyarrow(WHERE, "to read Parquet files")


def _schema(path: Path, required: tuple[str, ...]) -> tuple[Any, str | None]:
    """The Parquet schema of ``path`` and ``None``, or ``None`` and why it cannot be used."""
    try:
        schema = _pyarrow().read_schema(path)
    except (OSError, ValueError) as error:  # pyarrow's errors derive from these
        return None, f"not a readable Parquet file ({type(error).__name__})"
    lacking = [c for c in required if c not in schema.names]
    if lacking:
        return None, f"no column {', '.join(lacking)}"
    return schema, None


def _read_many(paths: list[Path], schemas: list[Any], keep: int | None) -> pd.DataFrame:
    """The files as one frame (rows of ``rank <= keep`` when given), in the files' order: one
    scan of a pyarrow dataset over all of them, their schemas unified (a column missing in
    some files is empty there); file by file when the schemas cannot be unified."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    keep_rows = ds.field("rank") <= keep if keep is not None else None
    try:
        schema = pa.unify_schemas(schemas)
        dataset = ds.dataset([str(p) for p in paths], format="parquet", schema=schema)
        return dataset.to_table(filter=keep_rows, use_threads=False).to_pandas()
    except (OSError, ValueError, TypeError):  # e.g. a column of another type in one file
        frames = []
        for path in paths:
            frame = _pyarrow().read_table(path).to_pandas()
            frames.append(frame[frame["rank"] <= keep] if keep is not None else frame)
        return pd.concat(frames, ignore_index=True)


def _stray_parts(root: Path, tasks: set[str], variant: str | None) -> list[str]:
    found = []
    prefix = f"variant={variant}/" if variant is not None else ""
    for path in sorted(root.glob(f"{prefix}focal=*/year=*/{PART}")):
        key = path.parent.relative_to(root).as_posix()
        if key not in tasks:
            found.append(key)
    return found


def _tidy(frames: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
    """The frames as one, with every column of ``columns`` (missing ones empty) in order."""
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    for name in columns:
        if name not in frame.columns:
            frame[name] = pd.Series(dtype="float64" if name != "target_met" else "object")
    frame = frame[list(columns)].copy()
    frame["focal"] = frame["focal"].astype(str)
    if "method" in frame.columns:
        frame["method"] = frame["method"].astype(str)
    frame["year"] = frame["year"].astype("int64")
    return frame


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _listed(keys: list[str], limit: int = 6) -> str:
    shown = ", ".join(keys[:limit])
    return shown + (f" and {len(keys) - limit} more" if len(keys) > limit else "")


def _notes(folder: StudyFolder) -> list[str]:
    """One line per absence (see the module docstring)."""
    notes = []
    if folder.unfinished:
        notes.append(
            f"{_plural(len(folder.unfinished), 'task')} of the manifest have neither a part "
            f"file nor a skip message (the run did not finish them; rerun with --resume): "
            f"{_listed(folder.unfinished)}."
        )
    for key, why in folder.unreadable.items():
        notes.append(f"{key}: left out, {why}.")
    if folder.stray:
        notes.append(
            f"{_plural(len(folder.stray), 'part file')} in the folder belong to no task of "
            f"the manifest (an earlier study written to the same folder?) and are not read: "
            f"{_listed(folder.stray)}."
        )
    if folder.read and not folder.sampled:
        notes.append(
            "The parts hold no rank-1 acceptability: the study drew no weights (samples = 0), "
            "so the report gives no share of draws for the top choice."
        )
    if folder.read and folder.sampled and "samples" not in folder.columns:
        notes.append(
            "The parts do not record the draws used per task (written before the samples "
            "column existed): the study's fixed samples from the manifest are shown, and "
            "whether a target standard error was met is unknown."
        )
    if folder.read and folder.stability is None:
        notes.append(
            "No task has a stability file (stability.parquet): the study computed no "
            "stability intervals, so the report shows no most critical criterion."
        )
    elif folder.without_stability:
        notes.append(
            f"{_plural(len(folder.without_stability), 'task')} of {len(folder.read)} have no "
            "stability file: no most critical criterion there "
            f"({_listed(folder.without_stability)})."
        )
    if not folder.read:
        notes.append("No task's part file could be read: the report has no results to show.")
    return notes


def _variant(manifest: dict[str, Any], variant: str | None) -> None:
    """``variant`` is one of the study's variants, or ``None`` for a study without them."""
    known = variants_of(manifest)
    if variant is None and known:
        raise AllianceScoreError(
            Problem(
                "--variant",
                f"one of the study's criteria variants ({', '.join(known)}): its report is "
                "one variant's",
                "none",
                "Name one with --variant ID, or leave it out to write every variant's report",
            )
        )
    if variant is not None and variant not in known:
        raise AllianceScoreError(
            Problem(
                "--variant",
                f"one of the study's criteria variants ({', '.join(known) or 'it has none'})",
                repr(variant),
                did_you_mean(variant, known) if known else "Leave out --variant",
            )
        )


def read_study_folder(root: str | Path, keep: int = 5, variant: str | None = None) -> StudyFolder:
    """Read the study output folder ``root`` (module docstring), keeping each part's rows of
    rank at most ``keep`` (at least 2, so that the runner-up is known); with criteria
    variants, the tasks of ``variant`` only (required then). Raises
    :class:`~alliancescore.errors.AllianceScoreError` only for a folder without a readable
    manifest, a variant the study does not have (or none for a study with variants), or
    without pyarrow (naming the extra ``study``)."""
    root = Path(root)
    manifest = _manifest(root)
    _variant(manifest, variant)
    _pyarrow()
    skipped = manifest.get("skipped") if isinstance(manifest.get("skipped"), dict) else {}
    folder = StudyFolder(
        root=root,
        manifest=manifest,
        rows=pd.DataFrame(),
        stability=None,
        keep=max(2, int(keep)),
        variant=variant,
        tasks=[t for t in manifest["tasks"] if variant_of(t) == variant],
    )
    parts: list[tuple[Path, Any]] = []
    stability: list[tuple[Path, Any]] = []
    screened: list[tuple[Path, Any]] = []
    for key in folder.tasks:
        path = root / key / PART
        if key in skipped and not path.is_file():
            folder.skipped[key] = str(skipped[key])
            continue
        if task_of(key) is None or not path.is_file():
            folder.unfinished.append(key)
            continue
        schema, why = _schema(path, REQUIRED_PART_COLUMNS)
        if why is not None:
            folder.unreadable[key] = why
            continue
        folder.read.append(key)
        folder.columns.update(schema.names)
        parts.append((path, schema))
        found = root / key / STABILITY
        schema, why = _schema(found, STABILITY_COLUMNS) if found.is_file() else (None, None)
        if why is not None:
            folder.unreadable[f"{key}/{STABILITY}"] = why
        if schema is None:
            folder.without_stability.append(key)
        else:
            stability.append((found, schema))
        found = root / key / SCREENED
        if found.is_file():
            schema, why = _schema(found, SCREENED_COLUMNS)
            if why is not None:
                folder.unreadable[f"{key}/{SCREENED}"] = why
            else:
                screened.append((found, schema))
    frames = (
        [_read_many([p for p, _ in parts], [s for _, s in parts], folder.keep)] if parts else []
    )
    folder.rows = _tidy(frames, PART_COLUMNS)
    if stability:
        rows = _read_many([p for p, _ in stability], [s for _, s in stability], None)
        folder.stability = _tidy([rows], STABILITY_COLUMNS)
    if screened:
        rows = _read_many([p for p, _ in screened], [s for _, s in screened], None)
        folder.screened = _tidy([rows], SCREENED_COLUMNS)
    folder.stray = _stray_parts(root, set(folder.tasks), variant)
    folder.notes = _notes(folder)
    return folder
