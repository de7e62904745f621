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

from pathlib import Path

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.present.writing import write_atomic
from alliancescore.shipped import default_criteria, demo_profiles, demo_study, facts, schemas

__all__ = ["init_workspace"]


def init_workspace(folder: str | Path) -> list[Path]:
    """Copy the default criteria, the demo profiles and their facts files, the demo study and
    the format schemas into ``folder``; return the new files.

    Raises :class:`AllianceScoreError` (writing nothing) when ``folder`` is a file or when any
    destination file exists already.
    """
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise AllianceScoreError(
            Problem("DIR", "a folder (new or existing)", f"{root} is a file", "Name a folder")
        )
    copies = {root / "criteria" / "default.toml": default_criteria()}
    copies.update({root / "profiles" / source.name: source for source in demo_profiles()})
    shared = sorted(facts().glob("*.toml"))
    copies.update({root / "facts" / source.name: source for source in shared})
    studies = sorted(demo_study().parent.glob("*.toml"))
    copies.update({root / "studies" / source.name: source for source in studies})
    copies.update({root / "schemas" / s.name: s for s in sorted(schemas().glob("*.schema.json"))})
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
    for target, source in copies.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, source.read_text(encoding="utf-8"))
    return list(copies)
