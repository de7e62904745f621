"""One error shape for everything an analyst or a caller can get wrong.

Every problem names where it was found (a file and a key path, or an argument), what was
expected, what was found, and, where possible, how to fix it. Validators collect problems and
raise them together as one :class:`AllianceScoreError`, so an analyst sees every mistake in a file
at once instead of fixing them one run at a time.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "AllianceScoreError",
    "DataSetError",
    "Problem",
    "closest",
    "did_you_mean",
    "literal",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input.

    ``where`` is a file path, an argument name or both (``profiles/japan.toml: weights.direct``);
    ``expected`` and ``found`` are short phrases; ``hint`` says how to fix it.
    """

    where: str
    expected: str
    found: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.where}: expected {self.expected}, found {self.found}"
        if self.hint:
            text += f". {self.hint}"
        return text


class AllianceScoreError(ValueError):
    """An input problem, with every problem found listed in one message.

    ``skipped`` lines say which checks did not run because of these problems (``"methods not
    checked: the criteria file has errors"``), so an analyst knows more may follow the fix.
    """

    def __init__(self, problems: Problem | Iterable[Problem], skipped: Iterable[str] = ()):
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        self.skipped: tuple[str, ...] = tuple(skipped)
        if not self.problems:
            raise ValueError("AllianceScoreError needs at least one problem")
        super().__init__(self._message())

    def relocated(self, where: Callable[[str], str]) -> AllianceScoreError:
        """The same problems with each location rewritten by ``where`` (e.g. to prefix the
        file and key an inner error came from), for re-raising at an outer layer."""
        return type(self)(
            (Problem(where(p.where), p.expected, p.found, p.hint) for p in self.problems),
            self.skipped,
        )

    def _message(self) -> str:
        if len(self.problems) == 1:
            lines = [str(self.problems[0])]
        else:
            lines = [f"{len(self.problems)} problems:"]
            lines += [f"  - {problem}" for problem in self.problems]
        lines += [f"  {line}" for line in self.skipped]
        return "\n".join(lines)


class DataSetError(AllianceScoreError):
    """A problem with the files of the data set (a table, a reference file, the manifest), not
    with the input that happened to read them: an indicator whose measure reads a broken table
    is not at fault, so the error is passed on as it is, naming the data file."""


def literal(value: Any) -> str:
    """A value found in an input as a message shows it: as :func:`repr`, but a boolean as TOML
    spells it (``true``, ``false``: what the analyst wrote, where Python's ``True`` is no TOML
    and no JSON), inside lists and tables too.

    >>> literal([1.5, True, "x"])
    "[1.5, true, 'x']"
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return f"[{', '.join(literal(v) for v in value)}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name :func:`did_you_mean` suggests first for ``name``, or ``None``."""
    return next(iter(_close(name, sorted(set(known)))), None)


def _close(name: str, known: list[str]) -> list[str]:
    """Up to three of ``known`` close to ``name``, closest first (see :func:`did_you_mean`)."""
    target = str(name)

    def closeness(candidate: str) -> tuple[float, int]:
        ratio = difflib.SequenceMatcher(None, target.lower(), candidate.lower()).ratio()
        prefix = next(
            (
                i
                for i, (a, b) in enumerate(zip(target.lower(), candidate.lower(), strict=False))
                if a != b
            ),
            min(len(target), len(candidate)),
        )
        return ratio, prefix

    scored = sorted(((closeness(k), k) for k in known), key=lambda item: item[0], reverse=True)
    return [k for (ratio, _), k in scored if ratio >= 0.6][:3]


def did_you_mean(name: str, known: Iterable[str], *, listing: bool = True) -> str:
    """A hint naming the closest known names to ``name``, and the known names if few (not
    with ``listing=False``, for a message whose expectation lists them already).

    Closeness is difflib's similarity ratio, ties broken by the length of the common prefix
    (so ``'AUZ'`` suggests ``'AUS'`` first). Up to 30 known names are listed; beyond that only
    the count, so a message about nation codes stays readable.

    >>> did_you_mean("topsys", ["topsis", "vikor"])
    "Did you mean 'topsis'? Known: 'topsis', 'vikor'"
    """
    known = sorted(set(known))
    close = _close(name, known)
    if not listing:
        if close:
            return f"Did you mean {' or '.join(repr(c) for c in close)}?"
        return "Remove it, or use one of those"
    names = ", ".join(repr(k) for k in known) if len(known) <= 30 else f"{len(known)} names"
    if close:
        return f"Did you mean {' or '.join(repr(c) for c in close)}? Known: {names}"
    return f"Known: {names}"
