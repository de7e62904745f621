"""Declared intermediate tables: what each axis of a method's table runs over, and a caption.

A method registers the tables its kernel returns (pymcdm's idea of returning intermediate
results, with their meaning stated where they are made), so that a report or a notebook labels
rows and columns by construction rather than by guessing from array shapes, which fails when
there are as many alternatives as criteria.

Axis names: :data:`ALTERNATIVES` (``n``, in the order of the decision matrix's rows),
:data:`CRITERIA` (``m``, its columns), :data:`SAMPLES` (one per weight vector of a batch); an
:class:`Axis` with fixed ``labels`` runs over those (``("q", "p", "v")``). A table that depends
on the weights (``weighted=True``) gains a leading :data:`SAMPLES` axis when a batch of weight
vectors is evaluated, and has its declared axes for one weight vector.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "ALTERNATIVES",
    "CRITERIA",
    "SAMPLES",
    "Axis",
    "TableSpec",
    "check_declared",
    "declare_tables",
    "per_weights",
    "table",
]

ALTERNATIVES = "alternatives"
CRITERIA = "criteria"
SAMPLES = "samples"


@dataclass(frozen=True)
class Axis:
    """An axis over fixed labels (the rows of a threshold table, the ends of a bound)."""

    name: str
    labels: tuple[str, ...]


AxisLike = str | Axis


def axis_name(axis: AxisLike) -> str:
    return axis if isinstance(axis, str) else axis.name


@dataclass(frozen=True)
class TableSpec:
    """One intermediate table: its name, the meaning of each axis, a caption.

    ``axes`` are the axes for one weight vector (``()`` for a number); ``weighted`` says the
    table depends on the weights (computed by the kernel's ``detail`` per weight vector).
    """

    name: str
    axes: tuple[AxisLike, ...]
    caption: str
    weighted: bool = False

    def axes_for(self, batch: bool) -> tuple[AxisLike, ...]:
        """The axes of the table as evaluated: a leading :data:`SAMPLES` axis for a weighted
        table of a batch."""
        return (SAMPLES, *self.axes) if batch and self.weighted else self.axes

    def shape(self, n: int, m: int, s: int | None = None) -> tuple[int, ...]:
        """The shape the table must have for ``n`` alternatives, ``m`` criteria and, for a
        batch, ``s`` weight vectors."""
        sizes = {ALTERNATIVES: n, CRITERIA: m, SAMPLES: s}
        return tuple(
            sizes[a] if isinstance(a, str) else len(a.labels)  # type: ignore[misc]
            for a in self.axes_for(s is not None)
        )


def table(name: str, *axes: AxisLike, caption: str) -> TableSpec:
    """A table computed once per decision matrix (independent of the weights)."""
    return TableSpec(name, tuple(axes), caption)


def per_weights(name: str, *axes: AxisLike, caption: str) -> TableSpec:
    """A table computed per weight vector (its ``detail``)."""
    return TableSpec(name, tuple(axes), caption, weighted=True)


def declare_tables(owner: str, specs: Iterable[TableSpec]) -> Mapping[str, TableSpec]:
    """The declarations by name; a name declared twice is a registration bug (``TypeError``)."""
    out: dict[str, TableSpec] = {}
    for spec in specs:
        if spec.name in out:
            raise TypeError(f"{owner}: table {spec.name!r} is declared twice")
        for axis in spec.axes:
            if isinstance(axis, str) and axis not in (ALTERNATIVES, CRITERIA):
                raise TypeError(f"{owner}: table {spec.name!r} has an unknown axis {axis!r}")
        out[spec.name] = spec
    return MappingProxyType(out)


def check_declared(
    owner: str, declared: Mapping[str, TableSpec], names: Iterable[str], weighted: bool
) -> None:
    """Raise ``TypeError`` (a bug in the method, not an input problem) when a kernel returns a
    table it did not declare, or declared with the other dependence on the weights."""
    for name in names:
        spec = declared.get(name)
        if spec is None or spec.weighted != weighted:
            kind = "weight-dependent" if weighted else "weight-independent"
            raise TypeError(f"{owner} returned an undeclared {kind} table {name!r}")
