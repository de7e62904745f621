"""The ``[overrides]`` section, as a profile or a facts file writes it: ties, rivalries and
values the data set lacks, each with its source, read into
:class:`~alliancescore.data.overrides.Overrides` (the format: ``tie``, ``rivalry_override``
and ``value_override`` in :mod:`~alliancescore.model.profile_format`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from alliancescore.data.overrides import Overrides, RivalryOverride, TieOverride, ValueOverride

from .schema import Checker

__all__ = ["merge_overrides", "read_overrides"]


def read_overrides(check: Checker, section: Mapping[str, Any] | None) -> Overrides:
    """The usable entries of a read ``overrides`` section (``None`` when absent or not a
    table); problems go to ``check``, each entry's ``where`` names ``check``'s file."""
    section = section or {}
    return Overrides(
        tuple(_ties(check, section.get("ties", []))),
        tuple(_values(check, section.get("values", []))),
        tuple(_rivalries(check, section.get("rivalries", []))),
    )


def merge_overrides(*parts: Overrides) -> Overrides:
    """One :class:`Overrides` of ``parts`` in order: where two disagree on a cell, a pair's
    rivalry or a value, the later one wins (a profile lists its facts files' first, then its
    own)."""
    return Overrides(
        tuple(o for part in parts for o in part.ties),
        tuple(o for part in parts for o in part.values),
        tuple(o for part in parts for o in part.rivalries),
    )


def _pair_sides(check: Checker, key: str, spec: dict[str, Any], what: str) -> bool:
    """Check an override's years and sides (shared by ties and rivalries); whether it can be
    built."""
    first, last = spec["from"], spec["until"]
    if first is not None and last is not None and last < first:
        check.add(f"{key}.until", f"a year at or after from = {first}", repr(last))
    for side in ("parties", "others"):
        if spec[side] is not None and not spec[side]:
            check.add(
                f"{key}.{side}",
                "at least one state",
                "an empty list",
                f"Name the states, or remove the {what} override",
            )
    both = sorted(set(spec["parties"] or ()) & set(spec["others"] or ()))
    if both:
        check.add(
            f"{key}.others",
            f"states other than the parties (a {what} joins two states)",
            f"{', '.join(both)} on both sides",
            f"A state has no {what} with itself: remove it from one side",
        )
    usable = None not in (spec["kind"], first, spec["source"])
    return bool(usable and spec["parties"] and spec["others"])


def _pair_overrides(
    check: Checker,
    entries: list[dict[str, Any] | None],
    section: str,
    what: str,
    make: Callable[..., Any],
) -> list[Any]:
    """The usable entries of ``overrides.<section>``, each built by ``make`` from the common
    fields (and, for ties, ``replaces``)."""
    out = []
    for i, spec in enumerate(entries):
        if spec is None:
            continue
        key = f"overrides.{section}[{i}]"
        if _pair_sides(check, key, spec, what):
            extra = (spec["replaces"],) if "replaces" in spec else ()
            out.append(
                make(
                    spec["kind"],
                    tuple(spec["parties"]),
                    tuple(spec["others"]),
                    spec["from"],
                    spec["until"],
                    spec["source"],
                    spec["note"],
                    check.where(key),
                    *extra,
                )
            )
    return out


def _ties(check: Checker, entries: list[dict[str, Any] | None]) -> list[TieOverride]:
    return _pair_overrides(check, entries, "ties", "tie", TieOverride)


def _rivalries(check: Checker, entries: list[dict[str, Any] | None]) -> list[RivalryOverride]:
    return _pair_overrides(check, entries, "rivalries", "rivalry", RivalryOverride)


_VALUE_FIELDS = ("table", "column", "nation", "year", "value", "source", "note")


def _values(check: Checker, entries: list[dict[str, Any] | None]) -> list[ValueOverride]:
    return [
        ValueOverride(*(spec[k] for k in _VALUE_FIELDS), check.where(f"overrides.values[{i}]"))
        for i, spec in enumerate(entries)
        if spec is not None and None not in (spec[k] for k in _VALUE_FIELDS)
    ]
