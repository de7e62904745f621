"""Declared parameters: what a method, weighting scheme, sampler or setting accepts, stated once.

Each registered callable declares its parameters as :class:`Param` records (a name, a
constraint, a default); :func:`check_params` checks what a caller gave against them *before*
anything runs and reports every problem at once in the analyst's shape::

    vikor parameter 'v': expected a number in [0, 1], found 1.5. 0.5 is consensus
    topsis parameter 'normalisation': expected one of 'identity', 'max', ..., found 'min-max'.
        Did you mean 'minmax'? ...

Constraints (scikit-learn's ``_param_validation`` idea, reduced to what is needed here):
:class:`Real` (an interval), :class:`Whole`, :class:`Options`, :class:`Flag`, :class:`Text`,
:class:`Array` (shape checked later against the data), :class:`Anything`, and the wrappers
:class:`Nullable` and :class:`PerCriterion` (one value or one per criterion). A module may
define its own constraint (PROMETHEE's preference functions) by subclassing
:class:`Constraint`.

Checks are about the value a caller wrote; checks that need the data (a threshold against a
criterion's range, a list's length against the number of criteria) stay in the kernel, which
raises the same error shape. A bug inside a kernel is never turned into one of these messages.

This module imports neither numpy nor anything heavy: the command line reads the sampler and
setting declarations before any command runs.
"""

from __future__ import annotations

import inspect
import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from alliancescore.errors import AllianceScoreError, Problem, did_you_mean, literal

__all__ = [
    "REQUIRED",
    "Anything",
    "Array",
    "Constraint",
    "Flag",
    "Nullable",
    "Options",
    "Param",
    "PerCriterion",
    "Real",
    "Subset",
    "Text",
    "Whole",
    "check_params",
    "declared_params",
]


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
"""The default of a parameter that has none: the caller must give it."""


def _is_real(value: object) -> bool:
    # numbers.Real covers int, float and numpy's scalars; bool is an int but never a number here.
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_sequence(value: object) -> bool:
    """A list, tuple or array of values (not a string, a mapping or a 0-d array)."""
    if isinstance(value, str | bytes | Mapping):
        return False
    try:
        len(value)  # type: ignore[arg-type]
    except TypeError:
        return False
    return hasattr(value, "__iter__")


class Constraint:
    """What one parameter accepts. Subclasses define :meth:`accepts` and :meth:`expected`."""

    def __init__(self, *, hint: str = ""):
        self._hint = hint

    def accepts(self, value: Any) -> bool:
        raise NotImplementedError

    def expected(self) -> str:
        raise NotImplementedError

    def hint(self, value: Any) -> str:
        return self._hint

    def problems(self, value: Any, where: str) -> list[Problem]:
        """Every problem with ``value`` (none when it is accepted), located at ``where``."""
        if self.accepts(value):
            return []
        return [Problem(where, self.expected(), literal(value), self.hint(value))]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.expected()!r})"


class Real(Constraint):
    """A finite real number (not a bool), optionally within an interval.

    ``low``/``high`` bound it (``None`` = unbounded), ``low_open``/``high_open`` exclude the
    bound. ``what`` names the quantity in the message ("a concordance threshold"); ``text``
    replaces the whole expected phrase.
    """

    def __init__(
        self,
        low: float | None = None,
        high: float | None = None,
        *,
        low_open: bool = False,
        high_open: bool = False,
        what: str = "a number",
        text: str = "",
        hint: str = "",
    ):
        super().__init__(hint=hint)
        self.low, self.high = low, high
        self.low_open, self.high_open = low_open, high_open
        self.what, self.text = what, text

    def accepts(self, value: Any) -> bool:
        if not _is_real(value) or not math.isfinite(float(value)):
            return False
        x = float(value)
        if self.low is not None and (x <= self.low if self.low_open else x < self.low):
            return False
        return self.high is None or (x < self.high if self.high_open else x <= self.high)

    def expected(self) -> str:
        if self.text:
            return self.text
        low, high = self.low, self.high
        if low is not None and high is not None:
            left, right = "(" if self.low_open else "[", ")" if self.high_open else "]"
            return f"{self.what} in {left}{low:g}, {high:g}{right}"
        if low is not None:
            if low == 0 and self.low_open and self.what == "a number":
                return "a positive number"
            return f"{self.what} {'>' if self.low_open else '>='} {low:g}"
        if high is not None:
            return f"{self.what} {'<' if self.high_open else '<='} {high:g}"
        return "a finite number" if self.what == "a number" else self.what


class Whole(Constraint):
    """A whole number (an int or numpy integer, not a bool) of at least ``minimum`` and at most
    ``maximum`` (a bound on what a run may cost, e.g. the number of draws)."""

    def __init__(
        self,
        minimum: int | None = None,
        maximum: int | None = None,
        *,
        text: str = "",
        hint: str = "",
    ):
        super().__init__(hint=hint)
        self.minimum, self.maximum, self.text = minimum, maximum, text

    def accepts(self, value: Any) -> bool:
        if not isinstance(value, numbers.Integral) or isinstance(value, bool):
            return False
        if self.minimum is not None and int(value) < self.minimum:
            return False
        return self.maximum is None or int(value) <= self.maximum

    def expected(self) -> str:
        if self.text:
            return self.text
        if self.maximum is not None:
            low = self.minimum if self.minimum is not None else "any"
            return f"a whole number from {low} to {self.maximum:,}"
        if self.minimum is None:
            return "a whole number"
        return f"a whole number of at least {self.minimum}"


class Options(Constraint):
    """One of a list of names. ``choices`` may be a live mapping (a registry): the names are
    read when checking, so a name registered later is accepted. Unknown names get a
    did-you-mean hint; ``quoted=False`` lists the names bare (``one of uniform, dirichlet``);
    ``text`` replaces the expected phrase."""

    def __init__(
        self,
        choices: Iterable[str] | Mapping[str, Any],
        *,
        quoted: bool = True,
        text: str = "",
        hint: str = "",
    ):
        super().__init__(hint=hint)
        self._choices = choices if isinstance(choices, Mapping) else tuple(choices)
        self.quoted, self.text = quoted, text

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self._choices)

    def accepts(self, value: Any) -> bool:
        return isinstance(value, str) and value in self.choices

    def expected(self) -> str:
        if self.text:
            return self.text
        names = [repr(c) if self.quoted else str(c) for c in self.choices]
        if len(names) == 2:
            return f"{names[0]} or {names[1]}"
        return f"one of {', '.join(names)}"

    def hint(self, value: Any) -> str:
        if isinstance(value, str):
            # The expectation lists the choices already (describe above).
            return did_you_mean(value, self.choices, listing=False)
        return self._hint


class Subset(Constraint):
    """A non-empty list of distinct names, each one of ``choices`` (``roles = ["primary"]``)."""

    def __init__(self, choices: Iterable[str], *, hint: str = ""):
        super().__init__(hint=hint)
        self.choices = tuple(choices)

    def accepts(self, value: Any) -> bool:
        if not _is_sequence(value) or isinstance(value, str) or not len(value):
            return False
        names = list(value)
        return len(set(names)) == len(names) and all(
            isinstance(n, str) and n in self.choices for n in names
        )

    def expected(self) -> str:
        return "a list of distinct names from " + ", ".join(map(repr, self.choices))


class Flag(Constraint):
    """True or False (a bool, not a number)."""

    def accepts(self, value: Any) -> bool:
        return isinstance(value, bool)

    def expected(self) -> str:
        return "true or false"


class Text(Constraint):
    """A non-empty string (a label used in messages, a file key)."""

    def accepts(self, value: Any) -> bool:
        return isinstance(value, str) and bool(value.strip())

    def expected(self) -> str:
        return "a non-empty string"


class Array(Constraint):
    """A list or array of values whose shape only the data can check (bounds, an order).

    ``text`` says what it holds; the callable checks shape and contents against the data.
    """

    def __init__(self, text: str, *, hint: str = ""):
        super().__init__(hint=hint)
        self.text = text

    def accepts(self, value: Any) -> bool:
        return _is_sequence(value)

    def expected(self) -> str:
        return self.text


class Anything(Constraint):
    """Any value: for data arguments the callable checks itself (a decision matrix, a tree,
    a function), declared so that every parameter is listed in one place."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def accepts(self, value: Any) -> bool:
        return True

    def expected(self) -> str:
        return self.text


class Nullable(Constraint):
    """``None`` or what ``inner`` accepts; ``meaning`` says what None stands for.

    For a parameter or setting whose default is ``None``: its expectation says the value may
    be *left out*, which is what an analyst does in a TOML file or on the command line (they
    have no None) and the same as None for a caller of the API. An entry of a list
    (:class:`PerCriterion`), which only a caller can make None, says None."""

    def __init__(self, inner: Constraint, meaning: str = ""):
        super().__init__()
        self.inner, self.meaning = inner, meaning

    def accepts(self, value: Any) -> bool:
        return value is None or self.inner.accepts(value)

    def expected(self) -> str:
        return f"{self.inner.expected()}, or left out" + (
            f" {self.meaning}" if self.meaning else ""
        )

    def entry_expected(self) -> str:
        """:meth:`expected` of an entry of a list, which cannot be left out, only None."""
        return f"{self.inner.expected()}, or None" + (f" {self.meaning}" if self.meaning else "")

    def entry_problems(self, value: Any, where: str) -> list[Problem]:
        """:meth:`problems` of an entry of a list (see :meth:`entry_expected`)."""
        if self.accepts(value):
            return []
        return [Problem(where, self.entry_expected(), literal(value), self.hint(value))]

    def hint(self, value: Any) -> str:
        return self.inner.hint(value)


class PerCriterion(Constraint):
    """One value for every criterion or a list of one per criterion, each accepted by
    ``inner``. A bad entry of a list is named with its position (``'q[2]'``); the length is
    checked by the callable, which knows the number of criteria."""

    def __init__(self, inner: Constraint):
        super().__init__()
        self.inner = inner

    def accepts(self, value: Any) -> bool:
        if _is_sequence(value):
            return all(self.inner.accepts(item) for item in value)
        return self.inner.accepts(value)

    def expected(self) -> str:
        return f"{self.inner.expected()}, or a list of one per criterion"

    def problems(self, value: Any, where: str) -> list[Problem]:
        if not _is_sequence(value):
            return self.inner.problems(value, where)
        quoted = where.endswith("'")
        found = []
        for j, item in enumerate(value):
            at = f"{where[:-1]}[{j}]'" if quoted else f"{where}[{j}]"
            if isinstance(self.inner, Nullable):
                found += self.inner.entry_problems(item, at)
            else:
                found += self.inner.problems(item, at)
        return found


@dataclass(frozen=True)
class Param:
    """One declared parameter: its name, what it accepts, its default (``REQUIRED`` if none)
    and a line of documentation."""

    name: str
    constraint: Constraint
    default: Any = REQUIRED
    doc: str = ""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


def declared_params(
    owner: str,
    function: Callable[..., Any],
    constraints: Mapping[str, Constraint],
    *,
    skip: int = 0,
) -> dict[str, Param]:
    """The parameters of ``function`` after its first ``skip`` (the data arguments), each with
    its declared constraint and the default its signature gives.

    Raises ``TypeError`` (a registration bug, at import) when a parameter has no constraint,
    a constraint names no parameter, or a default breaks its own constraint.
    """
    parameters = list(inspect.signature(function).parameters.values())[skip:]
    names = [p.name for p in parameters if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    undeclared = [n for n in names if n not in constraints]
    unknown = [n for n in constraints if n not in names]
    if undeclared or unknown:
        raise TypeError(
            f"{owner}: every parameter needs one declared constraint "
            f"(undeclared: {undeclared}, declared but not in the signature: {unknown})"
        )
    out = {}
    for p in parameters:
        if p.name not in constraints:
            continue
        default = REQUIRED if p.default is inspect.Parameter.empty else p.default
        constraint = constraints[p.name]
        if default is not REQUIRED and not constraint.accepts(default):
            raise TypeError(
                f"{owner}: the default of {p.name!r}, {default!r}, breaks its own constraint "
                f"({constraint.expected()})"
            )
        out[p.name] = Param(p.name, constraint, default)
    return out


def check_params(
    owner: str, declared: Mapping[str, Param], given: Mapping[str, Any]
) -> dict[str, Any]:
    """Check ``given`` against ``declared`` and return every parameter with defaults filled in.

    Unknown names (with did-you-mean), missing required parameters and values their
    constraint refuses are reported together as one :class:`AllianceScoreError`, each at
    ``"<owner> parameter '<name>'"``. Values are returned as given (checked, not converted),
    so what a result records is what the caller wrote.
    """
    problems = [
        Problem(
            f"{owner} parameter {key!r}",
            f"a parameter of {owner}",
            "an unknown name",
            did_you_mean(key, declared) if declared else f"{owner} takes no parameters",
        )
        for key in given
        if key not in declared
    ]
    for name, param in declared.items():
        where = f"{owner} parameter {name!r}"
        if name in given:
            problems += param.constraint.problems(given[name], where)
        elif param.required:
            problems.append(
                Problem(where, f"{param.constraint.expected()} (it has no default)", "nothing")
            )
    if problems:
        raise AllianceScoreError(problems)
    resolved = {name: param.default for name, param in declared.items() if not param.required}
    resolved.update((k, v) for k, v in given.items() if k in declared)
    return resolved
