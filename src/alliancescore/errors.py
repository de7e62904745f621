"""One error shape for everything an analyst or a caller can get wrong.

Every problem names where it was found (a file and a key path, or an argument), what was
expected, what was found, and, where possible, how to fix it. Validators collect problems and
raise them together as one :class:`AllianceScoreError`, so an analyst sees every mistake in a file
at once instead of fixing them one run at a time.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["AllianceScoreError", "Problem", "did_you_mean"]


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
    """An input problem, with every problem found listed in one message."""

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        if not self.problems:
            raise ValueError("AllianceScoreError needs at least one problem")
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """A hint naming the closest known names to ``name``, or listing them all.

    >>> did_you_mean("topsys", ["topsis", "vikor"])
    "Did you mean 'topsis'? Known: 'topsis', 'vikor'"
    """
    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    listing = ", ".join(repr(k) for k in known)
    if close:
        return f"Did you mean {' or '.join(repr(c) for c in close)}? Known: {listing}"
    return f"Known: {listing}"
