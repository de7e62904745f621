"""The record types of the sources the data set is built from (:mod:`alliancescore.data.sources`
lists them), and the citation texts several of them share."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["COW_TERMS", "ISARD", "PEACESCIENCER", "Source", "SourceFile"]


@dataclass(frozen=True)
class SourceFile:
    """One file in the shared source directory and the SHA-256 the build expects."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Source:
    """An original data set: what it is, how to cite it, and its terms.

    ``terms`` is the statement of use and redistribution terms as far as they could be
    established; ``licence`` is a short label (an SPDX id where one applies); ``credit`` is the
    line that must accompany redistributed or derived values, where the source asks for one.
    """

    id: str
    title: str
    version: str
    files: tuple[SourceFile, ...]
    citation: str
    terms: str
    licence: str
    credit: str = ""
    url: str = ""
    via: str = ""


COW_TERMS = (
    'Correlates of War data are "available free for public and academic use with proper '
    'citation" (COW project statement). Cite the data set version and its article of record.'
)
PEACESCIENCER = (
    'Miller, Steven V. (2022) "{peacesciencer}: An R Package for Quantitative Peace Science '
    'Research", Conflict Management and Peace Science 39(6):755-779 (package: GPL-2)'
)
ISARD = "{isard} R package by Steven V. Miller (GPL-2)"
