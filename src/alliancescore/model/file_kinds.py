"""Which kind of alliancescore file a TOML document is, told by its top-level keys.

One table for every place that tells the kinds apart: ``validate`` checks a file as the kind
it is, and a profile refuses a file of another kind with one message saying what it is and
how to use it (instead of the unknown and missing keys of the profile format). Kept here, not
in each, so that a new kind or marker key cannot be known to one and not the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alliancescore.errors import AllianceScoreError, Problem

__all__ = [
    "CRITERIA_KIND",
    "FILE_KINDS",
    "PROFILE_KIND",
    "FileKind",
    "kind_of",
    "kinds_expected",
    "refuse_empty",
    "refuse_other_kinds",
]


@dataclass(frozen=True)
class FileKind:
    """One kind of file: ``name`` as ``validate`` reports it (``valid criteria file``),
    ``keys`` the top-level keys that mark it (any one does), ``shown`` how messages name
    it, ``as_profile`` and ``as_criteria`` how to use such a file when it is given where a
    profile, or a criteria file, belongs."""

    name: str
    keys: tuple[str, ...]
    shown: str
    as_profile: str = ""
    as_criteria: str = ""


PROFILE_KIND = FileKind(
    "profile",
    ("profile",),
    "a profile ([profile] table)",
    as_criteria="Give the profile as the command's first argument, and a criteria file "
    "(such as criteria/default.toml) here",
)
CRITERIA_KIND = FileKind(
    "criteria file",
    ("model",),
    "a criteria file ([model] table)",
    "Name a profile, and pass this file with --criteria",
)

# In the order they are told apart: a document with keys of two kinds is the first's.
FILE_KINDS: tuple[FileKind, ...] = (
    PROFILE_KIND,
    CRITERIA_KIND,
    FileKind(
        "study file",
        ("study",),
        "a study file ([study] table)",
        "Run it with `alliancescore study`, or name a profile",
        "Run it with `alliancescore study`, and give a criteria file here",
    ),
    FileKind(
        "facts file",
        # [facts] alone is a facts file missing its overrides, which its own checks report
        ("overrides", "facts"),
        "a facts file ([overrides] tables)",
        "Name a profile, and list this file in its [profile] facts",
        "List it in a profile's [profile] facts, and give a criteria file here",
    ),
)


def kind_of(document: Mapping[str, Any]) -> FileKind | None:
    """The kind of a parsed TOML document, or ``None`` when no kind's key is in it."""
    return next((k for k in FILE_KINDS if any(key in document for key in k.keys)), None)


def kinds_expected() -> str:
    """Every kind as messages name them: ``a profile (...), ... or a facts file (...)``."""
    shown = [k.shown for k in FILE_KINDS]
    return f"{', '.join(shown[:-1])} or {shown[-1]}"


def refuse_empty(
    document: Mapping[str, Any], path: str | Path, kind: FileKind | None = None
) -> None:
    """One message for a file with no keys at all (empty, or only comments), the same from
    ``validate`` and from the commands that read a profile: the file is empty, not a profile
    missing its tables one by one. ``kind``: the one kind the file must be (a criteria file,
    read as one), named as what was expected; without it, every kind (validate cannot tell)."""
    if document:
        return
    raise AllianceScoreError(
        Problem(
            str(path),
            kind.shown if kind is not None else kinds_expected(),
            "an empty file (no tables or keys, only blank lines or comments)",
            "Start from a shipped example: `alliancescore init DIR` writes editable profiles, "
            "criteria, study and facts files",
        )
    )


def refuse_other_kinds(document: Mapping[str, Any], path: str | Path, expected: FileKind) -> None:
    """One problem, not a list of unknown and missing keys, for an empty file or a file of
    another kind (the kinds ``validate`` tells apart) given where ``expected`` belongs: what
    the file is and how to use it. A profile is refused an empty file with every kind named
    (as ``validate`` does); a criteria file with its own."""
    refuse_empty(document, path, None if expected is PROFILE_KIND else expected)
    kind = kind_of(document)
    if kind is not None and kind is not expected:
        fix = kind.as_profile if expected is PROFILE_KIND else kind.as_criteria
        raise AllianceScoreError(Problem(str(path), expected.shown, kind.shown, fix))
