"""The facts-file format (``facts/*.toml``), declared once.

A facts file holds ``[overrides]`` that several profiles share (ties, rivalries and values the
data set lacks, each with its source): a profile lists it under ``[profile] facts``, and reads
its overrides before its own. Its override tables are the profile format's
(:data:`~alliancescore.model.profile_format.OVERRIDE_TABLES`), so an entry moves between a
profile and a facts file unchanged. Read by :func:`alliancescore.model.facts.read_facts`.
"""

from __future__ import annotations

from .declare import Format, Table
from .kinds import Section, String, Text
from .profile_format import OVERRIDE_TABLES

__all__ = ["FACTS"]

FACTS = Format(
    "facts",
    "alliancescore facts file",
    (
        Table(
            "document",
            "Facts about states that the data set lacks, each with its source, shared by the "
            "profiles that list this file under [profile] facts.",
            (
                Section("facts", "What the file holds.", table="facts"),
                Section(
                    "overrides",
                    "Facts the data set lacks, each with its source.",
                    table="overrides",
                    required=True,
                ),
            ),
        ),
        Table(
            "facts",
            "What the file holds.",
            (
                String("label", "A line saying what the file holds."),
                Text("notes", "Free text."),
            ),
            header="[facts]",
        ),
        *OVERRIDE_TABLES,
    ),
)
"""The facts-file format: tables ``document`` (the file), ``facts``, and the profile's
``overrides``, ``tie``, ``value_override`` and ``rivalry_override``."""
