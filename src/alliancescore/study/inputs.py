"""The files a study's tasks read besides the data set, each with its SHA-256 (the
manifest's ``input_files``).

They are the facts files the template lists (``[profile] facts``), the criteria file it
names (or the shipped default), each variant's criteria file, and every analyst's table
(``[[tables]]``) the template or those criteria files declare; the study file and the
template have keys of their own (``study_sha256``, ``template_sha256``). Paths are relative
to the study file's folder (``/`` separated), so a study folder moved as a whole keeps them;
the package's own files are written ``alliancescore:criteria/default.toml``. ``--resume``
refuses an output folder whose manifest lists other files or hashes (:func:`changed`), and a
Dask worker whose files differ from the client's stops the run
(:mod:`alliancescore.study.cluster`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from alliancescore.data.analyst import AnalystTable
from alliancescore.errors import AllianceScoreError
from alliancescore.model.criteria import load_criteria
from alliancescore.model.profile import read_profile_document
from alliancescore.model.schema import read_toml
from alliancescore.model.study import Study
from alliancescore.shipped import default_criteria, package_root

__all__ = ["changed", "input_files", "recorded_path"]


def _sha256(path: str | Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as error:
        return f"unreadable here ({error.strerror}: {path})"


def recorded_path(path: str | Path, study: Study) -> str:
    """``path`` as the manifest records it (module docstring)."""
    full = Path(os.path.abspath(path))
    shipped = Path(os.path.abspath(package_root()))
    if full.is_relative_to(shipped):
        return f"alliancescore:{full.relative_to(shipped).as_posix()}"
    return Path(os.path.relpath(full, os.path.abspath(Path(study.path).parent))).as_posix()


def _criteria_files(study: Study, template_criteria: str | None) -> list[tuple[str, str]]:
    """(role, path) of every criteria file a task reads: the template's (when a task uses
    it) and each variant's."""
    out = []
    if not study.variants or any(v.criteria is None for v in study.variants):
        out.append(("criteria", template_criteria or str(default_criteria())))
    out += [(f"criteria of variant {v.id}", v.criteria) for v in study.variants if v.criteria]
    return out


def _table(role: str, table: AnalystTable, study: Study) -> dict[str, str]:
    return {"role": role, "path": recorded_path(table.path, study), "sha256": table.sha256}


def input_files(study: Study) -> list[dict[str, str]]:
    """Every file a task of ``study`` reads besides the data set, the study file and the
    template: ``{"role", "path", "sha256"}`` each, in a fixed order (module docstring). A
    template or criteria file that does not read is listed alone (its tasks report why)."""
    try:
        document, digest = read_toml(study.template)
    except AllianceScoreError:
        return []
    profile = read_profile_document(document, digest, study.template).profile
    out = [
        {"role": "facts of the template", "path": recorded_path(f.path, study), "sha256": f.sha256}
        for f in profile.facts
    ]
    for role, path in _criteria_files(study, profile.criteria_path):
        out.append({"role": role, "path": recorded_path(path, study), "sha256": _sha256(path)})
        try:
            tables = load_criteria(path).tables
        except AllianceScoreError:
            continue
        out += [_table(f"analyst table of {role}", t, study) for t in tables]
    out += [_table("analyst table of the template", t, study) for t in profile.tables]
    return out


def changed(before: object, now: Sequence[dict[str, str]]) -> list[str]:
    """The paths whose file differs between the manifest's ``before`` and ``now``: a new
    hash, a file added or left out."""
    was = {
        (e.get("role"), e.get("path")): e.get("sha256")
        for e in (before if isinstance(before, list) else [])
        if isinstance(e, dict)
    }
    is_now = {(e["role"], e["path"]): e["sha256"] for e in now}
    return [
        path
        for role, path in sorted({*was, *is_now}, key=lambda k: (str(k[1]), str(k[0])))
        if was.get((role, path)) != is_now.get((role, path))
    ]
