"""Facts files: sourced overrides that several profiles share (``[profile] facts``).

A tie, a rivalry or a value the data set lacks is a fact about states, not a view of one
focal nation: the Australian-Philippine visiting-forces agreement holds for Australia's
profile as for the Philippines'. A facts file states it once (format:
:data:`~alliancescore.model.facts_format.FACTS`); each profile that lists it reads its
overrides first, then its own (:func:`~alliancescore.model.overrides_read.merge_overrides`:
the profile's own win where the two disagree on a value or a rivalry). Every problem in a
facts file is located in that file; the file's SHA-256 is recorded with the result's inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from alliancescore.data import Dataset
from alliancescore.data.overrides import Overrides
from alliancescore.errors import AllianceScoreError, Problem

from .declare import Reader
from .facts_format import FACTS
from .overrides_read import read_overrides
from .paths import beside, file_kind, toml_beside_hint
from .profile_data import check_overrides
from .schema import Checker, read_toml

__all__ = ["FactsFile", "check_facts", "read_facts"]


@dataclass(frozen=True)
class FactsFile:
    """One facts file a profile lists: where it is, its SHA-256, its label and its overrides
    (each override's ``where`` names this file)."""

    path: str
    sha256: str
    label: str
    overrides: Overrides


def read_facts(
    check: Checker, names: Sequence[str] | None, declared_in: str | Path
) -> tuple[FactsFile, ...]:
    """The facts files ``names`` (``[profile] facts``, paths relative to the folder of
    ``declared_in``), read and checked. A file that cannot be read is a problem at
    ``profile.facts[i]`` of ``check``'s file; a problem inside a file is located in it (and
    counted at ``profile.facts[i]``); a file listed twice is read once."""
    out: list[FactsFile] = []
    seen: dict[Path, int] = {}
    for i, name in enumerate(names or ()):
        key = f"profile.facts[{i}]"
        path = beside(declared_in, name)
        try:  # a symlink loop or an over-long name fails here, not in a traceback
            resolved, kind = path.resolve(), file_kind(path)
        except (OSError, RuntimeError) as error:
            check.add(key, _EXPECTED, f"{name!r}: {error}", "Check the path")
            continue
        if resolved in seen:
            check.add(
                key,
                "a facts file listed once",
                f"{name!r} again (first at profile.facts[{seen[resolved]}])",
                "Remove the second entry",
            )
            continue
        seen[resolved] = i
        if kind != "file":  # named where the profile lists it, with the folder it read
            check.add(key, _EXPECTED, f"{name!r}: {kind} ({path})", _hint(path))
            continue
        facts, problems = _read_one(path)
        for problem in problems:
            check.add_problem(problem, key)
        if facts is not None:
            out.append(facts)
    return tuple(out)


def check_facts(path: str | Path, data: Dataset) -> FactsFile:
    """One facts file checked alone, as a profile listing it would check it (its format, then
    its nation codes, tables and values against ``data``); raises every problem at once."""
    facts, problems = _read_one(Path(path))
    if facts is not None:
        inner = Checker(path)
        check_overrides(inner, data, facts.overrides)
        problems = [*problems, *inner.problems]
    if problems:
        raise AllianceScoreError(problems)
    assert facts is not None
    return facts


_EXPECTED = "a facts file (TOML), relative to the profile's folder"


def _hint(path: Path) -> str:
    """Did-you-mean among the TOML files beside the one named, else where facts come from."""
    return toml_beside_hint(
        path, "Check the path; `alliancescore init` copies the shipped facts/ folder"
    )


def _read_one(path: Path) -> tuple[FactsFile | None, list[Problem]]:
    """A facts file read and checked against its format (not the data set): the file and its
    problems, each located in it (the file is ``None`` when it cannot be read)."""
    try:
        document, digest = read_toml(path)
    except AllianceScoreError as error:
        return None, list(error.problems)
    inner = Checker(path)
    if "profile" in document:
        inner.add(
            "profile",
            "a facts file ([facts] and [[overrides...]] tables only)",
            "a [profile] table: this is a profile",
            "List facts files under [profile] facts, not profiles",
        )
        return None, inner.problems
    read = Reader(inner, FACTS).document(document)
    overrides = read_overrides(inner, read["overrides"])
    head = read["facts"] or {}
    return FactsFile(str(path), digest, head.get("label") or "", overrides), inner.problems
