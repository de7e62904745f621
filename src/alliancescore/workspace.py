"""``alliancescore init DIR``: a work folder for an analyst, from what the package ships.

It writes editable copies of the default criteria model and the demo profiles::

    DIR/criteria/default.toml
    DIR/profiles/<profile>.toml      (each names ../criteria/default.toml and ../facts/ties.toml)
    DIR/facts/ties.toml              (the sourced ties the demo profiles share)
    DIR/studies/g20.toml             (the demo study and its profile template: run with
    DIR/studies/g20_template.toml     alliancescore study studies/g20.toml --out DIR2)
    DIR/schemas/profile.schema.json  (JSON Schemas for editors: each copied file names its
    DIR/schemas/criteria.schema.json  own in a first-line ``#:schema ../schemas/...`` comment)
    DIR/schemas/study.schema.json

so that ``cd DIR && alliancescore score profiles/japan.toml`` works at once, an edit to
``criteria/default.toml`` applies to every copied profile, and an editor with a TOML schema
extension (Taplo, "Even Better TOML") completes and checks the keys as the analyst types.
Nothing is ever overwritten: if any of those files already exists, nothing is written and the
error names them.
"""

from __future__ import annotations

import os
from pathlib import Path

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.present.writing import check_path_length, write_atomic
from alliancescore.shipped import default_criteria, demo_profiles, demo_study, facts, schemas

__all__ = ["init_workspace"]


def init_workspace(folder: str | Path) -> list[Path]:
    """Copy the default criteria, the demo profiles and their facts files, the demo study and
    the format schemas into ``folder``; return the new files.

    Raises :class:`AllianceScoreError` (writing nothing) when ``folder`` is a file, when any
    destination file exists already or when this user cannot create or write in ``folder``
    (a path under a file, a read-only folder or file system).
    """
    root = Path(folder)
    copies = _copies(root)
    for target in copies:  # before anything is looked up, which a path too long would fail
        check_path_length(Path(os.path.abspath(target)), "DIR")
    if root.exists() and not root.is_dir():
        raise AllianceScoreError(
            Problem("DIR", "a folder (new or existing)", f"{root} is a file", "Name a folder")
        )
    existing = [str(target) for target in copies if target.exists()]
    if existing:
        raise AllianceScoreError(
            Problem(
                "DIR",
                "a folder without the files init writes (nothing is overwritten)",
                f"{len(existing)} of them already there: {', '.join(existing)}",
                "Choose another folder, or move those files away first",
            )
        )
    _writable(root)
    try:
        for target, source in copies.items():
            # write_atomic makes the missing folders, from the top down (no recursion).
            write_atomic(target, source.read_text(encoding="utf-8"))
    except OSError as error:  # what the check cannot see: a read-only file system, /proc
        raise _not_writable(root, error.strerror or str(error)) from None
    return list(copies)


def _copies(root: Path) -> dict[Path, Path]:
    """Each file ``init`` writes under ``root``, with the shipped file it copies."""
    copies = {root / "criteria" / "default.toml": default_criteria()}
    copies.update({root / "profiles" / source.name: source for source in demo_profiles()})
    shared = sorted(facts().glob("*.toml"))
    copies.update({root / "facts" / source.name: source for source in shared})
    studies = sorted(demo_study().parent.glob("*.toml"))
    copies.update({root / "studies" / source.name: source for source in studies})
    copies.update({root / "schemas" / s.name: s for s in sorted(schemas().glob("*.schema.json"))})
    return copies


def _writable(root: Path) -> None:
    """``root`` is a folder, or can be made one, that this user can write in: its nearest
    existing ancestor is a folder with write permission."""
    ancestor = root
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise _not_writable(root, f"{ancestor} is a file")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise _not_writable(root, f"{ancestor} is not writable")


def _not_writable(root: Path, reason: str) -> AllianceScoreError:
    return AllianceScoreError(
        Problem(
            "DIR",
            "a folder this user can create and write in",
            f"{root}: {reason}",
            "Name a folder of your own, e.g. alliancescore init ~/alliancescore-work",
        )
    )
