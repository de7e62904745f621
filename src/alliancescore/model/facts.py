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

from alliancescore.data.overrides import Overrides
from alliancescore.errors import AllianceScoreError

from .declare import Reader
from .facts_format import FACTS
from .overrides_read import read_overrides
from .schema import Checker, read_toml

__all__ = ["FactsFile", "read_facts"]


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
        path = Path(declared_in).parent / name
        resolved = path.resolve()
        if resolved in seen:
            check.add(
                key,
                "a facts file listed once",
                f"{name!r} again (first at profile.facts[{seen[resolved]}])",
                "Remove the second entry",
            )
            continue
        seen[resolved] = i
        if not path.is_file():  # named where the profile lists it, with the folder it read
            check.add(
                key,
                "a facts file (TOML), relative to the profile's folder",
                f"{name!r}: no such file ({path})",
                "Check the path; `alliancescore init` copies the shipped facts/ folder",
            )
            continue
        try:
            document, digest = read_toml(path)
        except AllianceScoreError as error:
            for problem in error.problems:
                check.add_problem(problem, key)
            continue
        inner = Checker(path)
        read = Reader(inner, FACTS).document(document)
        overrides = read_overrides(inner, read["overrides"])
        for problem in inner.problems:
            check.add_problem(problem, key)
        head = read["facts"] or {}
        out.append(FactsFile(str(path), digest, head.get("label") or "", overrides))
    return tuple(out)
