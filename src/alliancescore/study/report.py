"""The study report: one self-contained HTML file and its tables as CSV, from a study's
output folder (``alliancescore study-report DIR``; ``alliancescore study`` writes it at the end).

What it shows, per focal state: its top partners over time (a chart of the partners ranked 1
to N in each year, and the rank-1 acceptability of each year's top choice with a 95% interval),
the top choice by every method, the stability of the top choice per year (its rank-1
acceptability with the Monte Carlo standard error, and the stability interval of the most
critical criterion) and how often each criterion is the most critical; then the tasks without
results with their messages, the study's settings, the tables for notebooks and the
reproducibility record. Whatever the folder lacks (stability intervals, rank-1
acceptabilities, draws per task) is said in a note, never guessed.

Files::

    <out>                       report.html (default DIR/report.html)
    <out stem>_tables/*.csv     top_partners, top_choice_stability, most_critical, skipped
                                (columns: :data:`alliancescore.study.tables.COLUMNS`)

A study with criteria variants gets one report per variant (:func:`write_study_reports`),
each the report of that variant's tasks as a study of its own, its settings naming the
variant's criteria file and weights: ``<out stem>_<ID>.html`` (default
``DIR/report_<ID>.html``) and ``<out stem>_<ID>_tables/``.

Both are written atomically after every destination was checked (never an input of the
report: the manifest, a part or stability file, a template). The HTML follows the reports'
rules (:mod:`alliancescore.present.reports.render`): package templates ``study.html.j2`` and
``_study_*.html.j2``, overridable from a ``--templates`` folder, rendered in Jinja's sandbox
with autoescaping, charts as inline SVG, no request to any address.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd

from alliancescore import __version__
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.model.paths import beside
from alliancescore.present.reports.render import (
    check_templates,
    environment,
    render_page,
    template_overrides,
)
from alliancescore.present.reports.sections.shared import nation_name
from alliancescore.present.sheets.csv_folder import formula_safe
from alliancescore.present.writing import check_destination, write_atomic

from .report_sections import (
    Indexed,
    StudyLimits,
    anchor,
    overview,
    screened_section,
    skipped_section,
    state_sections,
)
from .results import (
    MANIFEST,
    PART,
    STABILITY,
    StudyFolder,
    read_manifest,
    read_study_folder,
    task_of,
    variants_of,
)
from .tables import COLUMNS, study_tables

__all__ = [
    "StudyReport",
    "render_study_report",
    "study_context",
    "write_study_report",
    "write_study_reports",
]

DEFAULT_TOP = 5
# Shown elsewhere: the task lists in the summary, the input files in the record, the variants
# and the explicit threats in their own rows.
SETTINGS_HIDDEN = (
    "tasks",
    "finished",
    "skipped",
    "input_files",
    "variants",
    "threats_by_focal",
    "unstated_weights",  # among the notes
)


@dataclass(frozen=True)
class StudyReport:
    """What :func:`write_study_report` wrote: the HTML file, each table's CSV file, and the
    tables themselves (``frames``, by name, as written)."""

    html: Path
    tables: dict[str, Path]
    frames: dict[str, pd.DataFrame]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unchanged(path: Any, sha256: Any) -> dict[str, Any] | None:
    """The TOML document at ``path`` when it is there with the SHA-256 the manifest
    recorded; else ``None``."""
    from alliancescore.model.schema import read_toml

    if not isinstance(path, str) or not Path(path).is_file():
        return None
    try:
        document, digest = read_toml(path)
    except AllianceScoreError:
        return None
    return document if digest == sha256 else None


def _study_file(manifest: Mapping[str, Any]) -> dict[str, Any] | None:
    """The study file's ``[study]`` table when the file recorded in the manifest is still
    there with the same SHA-256; else ``None``."""
    document = _unchanged(manifest.get("study"), manifest.get("study_sha256"))
    head = (document or {}).get("study")
    return dict(head) if isinstance(head, dict) else None


def _template_settings(
    manifest: Mapping[str, Any], study: Mapping[str, Any] | None
) -> list[dict[str, str]]:
    """What the profile template asks (criteria file, weights, methods, candidates), when it
    is there unchanged since the run."""
    if study is None or not isinstance(study.get("template"), str):
        return []
    path = str(beside(str(manifest.get("study")), study["template"]))
    document = _unchanged(path, manifest.get("template_sha256"))
    if document is None:
        return []
    profile = document.get("profile") if isinstance(document.get("profile"), dict) else {}
    weights = document.get("weights") if isinstance(document.get("weights"), dict) else None
    shown = {
        "label": profile.get("label", ""),
        "criteria": profile.get("criteria", "the shipped default model"),
        "weights": _text(weights) if weights else "the criteria file's own",
        "methods": ", ".join(document.get("methods") or {}) or "the default methods",
        "candidates": _text(document.get("candidates") or {}),
        "coalitions": ", ".join(
            str(c.get("id")) for c in document.get("coalitions") or [] if isinstance(c, dict)
        )
        or "none",
    }
    return [{"key": k, "value": str(v)} for k, v in shown.items()]


def _unstated_weights(folder: StudyFolder) -> list[str]:
    """The run's note that the folder's tasks score with weights nobody stated (the
    manifest's ``unstated_weights`` for the folder's variant), when it has one."""
    notes = folder.manifest.get("unstated_weights")
    note = notes.get(folder.variant or "") if isinstance(notes, dict) else None
    return [f"{note}."] if isinstance(note, str) else []


def _variant_entry(folder: StudyFolder) -> dict[str, Any] | None:
    """The manifest's entry of the folder's variant (``None`` without one)."""
    entries = folder.manifest.get("variants")
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("id") == folder.variant:
            return entry
    return None


def _explicit_threats(manifest: Mapping[str, Any]) -> dict[str, list[SimpleNamespace]]:
    """``[study.threats_by_focal]`` as the manifest records it: focal -> its threats."""
    written = manifest.get("threats_by_focal")
    return {
        str(focal): [
            SimpleNamespace(actor=str(t.get("actor")), severity=float(t.get("severity", 1.0)))
            for t in threats
            if isinstance(t, dict)
        ]
        for focal, threats in (written.items() if isinstance(written, dict) else [])
        if isinstance(threats, list)
    }


def _settings(folder: StudyFolder, study: Mapping[str, Any] | None) -> dict[str, Any]:
    """The study's settings: the study file's ``[study]`` table as written and what its
    template asks (when unchanged since the run), the variant's criteria file and weights,
    the explicit threats, and the manifest's entries other than the task lists."""
    shown = {k: v for k, v in folder.manifest.items() if k not in SETTINGS_HIDDEN}
    entry = _variant_entry(folder)
    variant = []
    if folder.variant is not None:
        criteria = (entry or {}).get("criteria")
        weights = (entry or {}).get("weights")
        variant = [
            {"key": "id", "value": folder.variant},
            {"key": "criteria", "value": criteria or "the template's"},
            {"key": "criteria sha256", "value": (entry or {}).get("criteria_sha256") or ""},
            {"key": "weights", "value": _text(weights) if weights else "the template's"},
        ]
    explicit = _explicit_threats(folder.manifest)
    return {
        "file": [
            {"key": k, "value": _text(v)}
            for k, v in (study or {}).items()
            if k not in ("variants", "threats_by_focal")
        ],
        "template": _template_settings(folder.manifest, study),
        "variant": [v for v in variant if v["value"]],
        "explicit": [
            {"key": focal, "value": _threat_text(threats)} for focal, threats in explicit.items()
        ],
        "manifest": [{"key": k, "value": _text(v)} for k, v in shown.items()],
        "threats": folder.manifest.get("threats"),
    }


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{k} = {v}" for k, v in value.items())
    return str(value)


def _names(folder: StudyFolder, data: Any) -> dict[str, str]:
    """State code -> name from the data set, for the focal states and the states ranked; a
    coalition keeps its id."""
    rows = folder.rows
    codes = set(folder.focal) | set(rows.loc[rows["kind"] == "state", "alternative"].astype(str))
    return {code: nation_name(data, code) for code in sorted(codes)}


def _data_note(folder: StudyFolder, data: Any) -> list[str]:
    """A note when the data set the names come from is not the study's."""
    if data is None:
        return ["No data set: states are shown by their codes."]
    recorded = folder.manifest.get("data_manifest_sha256")
    try:
        current = _sha256((Path(data.root) / "MANIFEST.json").read_bytes())
    except OSError:
        current = None
    if recorded and current != recorded:
        return [
            "The data set read for the states' names is not the one the study used (its "
            "manifest's SHA-256 differs): names may differ, the numbers do not (they are the "
            "parts')."
        ]
    return []


def _threat_text(threats: Sequence[Any], shown: int = 6) -> str:
    """``UKR 1, USA 1, BEL 0.5 and 22 more``: the threat actors, most severe first."""
    ordered = sorted(threats, key=lambda t: (-t.severity, t.actor))
    text = ", ".join(f"{t.actor} {t.severity:g}" for t in ordered[:shown])
    more = len(ordered) - shown
    return (text + (f" and {more} more" if more > 0 else "")) or "none"


def _task_threats(folder: StudyFolder, data: Any) -> tuple[dict[tuple[str, int], str], str]:
    """Each task's threat actors and a note: the study's explicit threats for the focal
    states it lists them for; for the others the backtest's rule, derived again, only when
    the study used that rule on this data set (same SHA-256) with this version, so that they
    are the threats its tasks used (else none, and a note saying why)."""
    from alliancescore.backtest.threats import derive_threats

    m = folder.manifest
    explicit = _explicit_threats(m)
    keys = [(f, y) for f, y in (task_of(k) for k in folder.read) if f]
    out = {(f, y): _threat_text(explicit[f]) for f, y in keys if f in explicit}
    keys = [(f, y) for f, y in keys if f not in explicit]
    if m.get("threats") != "backtest" or data is None or not keys:
        return out, ""
    try:
        current = _sha256((Path(data.root) / "MANIFEST.json").read_bytes())
    except OSError:
        current = None
    if current != m.get("data_manifest_sha256") or m.get("version") != __version__:
        return out, (
            "Each task's threat actors (the backtest's rule) are not shown: the study ran on "
            "another data set or version, so deriving them again here could differ."
        )
    for year in sorted({y for _, y in keys}):
        focal = sorted({f for f, y in keys if y == year})
        found, _ = derive_threats(data, year, focal, data.states(year))
        out.update({(f, year): _threat_text(found.get(f, ())) for f in focal})
    return out, ""


def _chart_method(folder: StudyFolder, method: str | None) -> str | None:
    methods = folder.methods
    if method is None:
        return methods[0] if methods else None
    if method not in methods:
        raise AllianceScoreError(
            Problem(
                "--method",
                f"one of the study's methods ({', '.join(methods) or 'none: no results'})",
                repr(method),
                did_you_mean(method, methods),
            )
        )
    return method


def _record(
    folder: StudyFolder,
    study: Mapping[str, Any] | None,
    command: Sequence[str] | None,
    templates: Mapping[str, Any] | None,
    written: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """Commands, versions, seed and draws, and every input with its SHA-256 (from the
    manifest: the study file, the template, the data set's manifest; and the output folder's
    manifest itself)."""
    import matplotlib

    m = folder.manifest
    template = None
    if study is not None and isinstance(study.get("template"), str):
        template = str(beside(str(m.get("study")), study["template"]))
    manifest_path = folder.root / MANIFEST
    inputs = [
        {"role": "study file", "path": m.get("study", ""), "sha256": m.get("study_sha256", "")},
        {"role": "profile template", "path": template or "", "sha256": m.get("template_sha256")},
        {
            "role": "data set manifest",
            "path": "MANIFEST.json of the data set",
            "sha256": m.get("data_manifest_sha256", ""),
        },
        *(
            {"role": str(f.get("role")), "path": str(f.get("path")), "sha256": f.get("sha256")}
            for f in (m.get("input_files") if isinstance(m.get("input_files"), list) else [])
            if isinstance(f, dict)
        ),
        {
            "role": "study output manifest",
            "path": str(manifest_path),
            "sha256": _sha256(manifest_path.read_bytes()),
        },
    ]
    try:
        import pyarrow

        arrow = f"; pyarrow {pyarrow.__version__}"
    except ImportError:  # pragma: no cover - the folder was read with it
        arrow = ""
    return {
        "command": " ".join(command) if command else "(Python API: write_study_report)",
        "study_command": _text(m["command"]) if "command" in m else None,
        "version": str(m.get("version", "")),
        "software": f"alliancescore {__version__}; matplotlib {matplotlib.__version__}{arrow}",
        "seed": m.get("seed"),
        "variant": folder.variant,
        "samples": m.get("samples"),
        "inputs": [i for i in inputs if i["sha256"]],
        "outputs": list(written),
        "templates": templates,
    }


def _tables_section(
    tables: Mapping[str, pd.DataFrame], files: Mapping[str, Path], html: Path | None
) -> list[dict[str, Any]]:
    """Each CSV file: where it is (relative to the HTML), its rows and documented columns."""
    out = []
    for name, frame in tables.items():
        path = files.get(name)
        shown = path.name if path is None or html is None else _relative(path, html.parent)
        out.append(
            {
                "name": name,
                "file": shown,
                "rows": len(frame),
                "columns": [{"name": c, "doc": d} for c, d in COLUMNS[name]],
            }
        )
    return out


def _relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


def study_context(
    folder: StudyFolder,
    *,
    top: int = DEFAULT_TOP,
    method: str | None = None,
    data: Any = None,
    command: Sequence[str] | None = None,
    templates: Mapping[str, Any] | None = None,
    files: Mapping[str, Path] | None = None,
    html: Path | None = None,
    written: Sequence[Mapping[str, Any]] = (),
    limits: StudyLimits | None = None,
) -> dict[str, Any]:
    """Everything the study report shows, as plain data (module docstring)."""
    limits = limits or StudyLimits()
    chart_method = _chart_method(folder, method)
    names = _names(folder, data)
    tables = study_tables(folder, top, names)
    index = Indexed.of(tables)
    threats, threat_note = _task_threats(folder, data)
    study = _study_file(folder.manifest)
    focal, years, methods = folder.focal, folder.years, folder.methods
    used: set[str] = set()
    anchors = {code: anchor(code, used) for code in focal}
    title_id = (study or {}).get("id") or folder.root.name
    variant = f", variant {folder.variant}" if folder.variant is not None else ""
    return {
        "kind": "study",
        "title": f"Study {title_id}{variant}: partners over time",
        "summary": {
            "tasks": len(folder.tasks),
            "read": len(folder.read),
            "skipped": len(folder.skipped),
            "missing": len(folder.unfinished) + len(folder.unreadable),
            "focal": len(focal),
            "years": years,
            "methods": methods,
            "sampled": folder.sampled,
            "stability": folder.stability is not None,
        },
        "method": chart_method,
        "top": top,
        "overview": overview(index, focal, years, chart_method, methods, names, anchors)
        if chart_method
        else None,
        "states": state_sections(
            index,
            focal,
            years,
            chart_method,
            methods,
            top,
            names,
            anchors,
            limits,
            threats,
            target="target_met" in folder.columns,
        )
        if chart_method
        else [],
        "skipped": skipped_section(tables["skipped"]),
        "screened": screened_section(tables["screened"]),
        "notes": [
            *_unstated_weights(folder),
            *folder.notes,
            *_data_note(folder, data),
            *([threat_note] if threat_note else []),
        ],
        "threats_shown": bool(threats),
        "settings": _settings(folder, study),
        "tables": _tables_section(tables, files or {}, html),
        "record": _record(folder, study, command, templates, written),
        "limits": limits,
        "_frames": tables,
    }


def render_study_report(context: Mapping[str, Any], templates: str | Path | None = None) -> str:
    """The study report's HTML (template ``study.html.j2``)."""
    shown = {k: v for k, v in context.items() if not k.startswith("_")}
    return render_page(environment(templates), "study.html.j2", shown)


def _csv(frame: pd.DataFrame) -> str:
    """A table as CSV: numbers in full (reading it back gives the parts' doubles), ``inf``
    as ``inf``, missing values empty, text that a spreadsheet would read as a formula
    prefixed with ``'``."""
    return formula_safe(frame).to_csv(index=False, lineterminator="\n")


def _inputs(folder: StudyFolder, templates: str | Path | None) -> list[Path]:
    """The report's inputs, which it never writes over."""
    found = [folder.root / MANIFEST]
    for key in folder.tasks:
        found += [folder.root / key / PART, folder.root / key / STABILITY]
    if templates is not None and Path(templates).is_dir():
        found += [p for p in Path(templates).rglob("*") if p.is_file()]
    return found


def write_study_report(
    root: str | Path,
    out: str | Path | None = None,
    *,
    top: int = DEFAULT_TOP,
    method: str | None = None,
    templates: str | Path | None = None,
    data: Any = None,
    command: Sequence[str] | None = None,
    limits: StudyLimits | None = None,
    variant: str | None = None,
) -> StudyReport:
    """Read the study output folder ``root`` and write its report to ``out`` (default
    ``root/report.html``, with a ``variant`` ``root/report_<variant>.html``) and its tables
    to ``<out stem>_tables/`` (module docstring). ``top``: partners per year (at least 1);
    ``method``: the method of the charts and per-state tables (default: the study's first);
    ``templates``: a folder of override templates; ``command``: the command line to record;
    ``variant``: the criteria variant reported (required for a study with variants)."""
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise AllianceScoreError(Problem("--top", "a whole number of at least 1", repr(top)))
    if data is None:
        from alliancescore.data import load

        data = load()
    folder = read_study_folder(root, keep=top, variant=variant)
    check_templates(templates)  # a missing folder or a broken template, before any writing
    default = "report.html" if variant is None else f"report_{variant}.html"
    html = Path(out) if out is not None else Path(root) / default
    tables_dir = html.parent / f"{html.stem}_tables"
    inputs = _inputs(folder, templates)
    html = check_destination(html, inputs, data.root)
    files = {
        name: check_destination(tables_dir / f"{name}.csv", inputs, data.root) for name in COLUMNS
    }
    context = study_context(
        folder, top=top, method=method, data=data, command=command, html=html, files=files
    )
    written = []
    for name, frame in context["_frames"].items():
        text = _csv(frame)
        write_atomic(files[name], text)
        written.append(
            {
                "path": _relative(files[name], html.parent),
                "sha256": _sha256(text.encode("utf-8")),
                "rows": len(frame),
            }
        )
    context["record"]["outputs"] = written
    context["record"]["templates"] = template_overrides(templates)
    write_atomic(html, render_study_report(context, templates))
    return StudyReport(html=html, tables=dict(files), frames=dict(context["_frames"]))


def write_study_reports(
    root: str | Path,
    out: str | Path | None = None,
    *,
    variant: str | None = None,
    **options: Any,
) -> list[StudyReport]:
    """The study report of ``root`` (:func:`write_study_report`, ``options`` its keywords):
    one for a study without criteria variants; with variants, ``variant``'s alone (to
    ``out``, default ``root/report_<variant>.html``), or without it one per variant, to
    ``<out stem>_<ID>.html`` (default ``root/report_<ID>.html``)."""
    if variant is not None:
        return [write_study_report(root, out, variant=variant, **options)]
    known = variants_of(read_manifest(root))
    if not known:
        return [write_study_report(root, out, **options)]
    base = Path(out) if out is not None else None
    return [
        write_study_report(
            root,
            None if base is None else base.with_name(f"{base.stem}_{v}{base.suffix}"),
            variant=v,
            **options,
        )
        for v in known
    ]
