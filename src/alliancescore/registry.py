"""A small named registry: one file adds one entry, an unknown name lists the known ones."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Generic, TypeVar

from alliancescore.errors import AllianceScoreError, Problem, did_you_mean

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Mapping[str, T], Generic[T]):
    """A mapping from names to entries of one kind (methods, normalisations, weightings, ...).

    Lookup of an unknown name raises :class:`AllianceScoreError` with a did-you-mean hint and the
    list of known names. Names iterate in sorted order, or in the order they were added with
    ``ordered=True`` (where that order is meaningful, as the samplers' in messages and help).
    """

    def __init__(self, kind: str, *, ordered: bool = False):
        self.kind = kind
        self.ordered = ordered
        self._entries: dict[str, T] = {}

    def add(self, name: str, entry: T) -> T:
        if name in self._entries:
            raise ValueError(f"{self.kind} {name!r} is registered twice")
        self._entries[name] = entry
        return entry

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator form of :meth:`add`."""

        def decorate(entry: T) -> T:
            return self.add(name, entry)

        return decorate

    def remove(self, name: str) -> T:
        """Take ``name`` out again (for tests that register an example entry)."""
        return self._entries.pop(name)

    def __getitem__(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            raise AllianceScoreError(
                Problem(
                    where=self.kind,
                    expected=f"a known {self.kind} name",
                    found=repr(name),
                    hint=did_you_mean(str(name), self._entries),
                )
            ) from None

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries if self.ordered else sorted(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}, {list(self)})"
