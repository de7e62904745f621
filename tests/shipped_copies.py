"""Copies of the shipped profiles written elsewhere (a temporary folder) read the same files:
their relative ``facts`` path made absolute (the criteria path each test sets itself)."""

from __future__ import annotations

import json

from alliancescore.shipped import facts

RELATIVE_FACTS = 'facts = ["../facts/ties.toml"]'
ABSOLUTE_FACTS = f"facts = [{json.dumps(str(facts() / 'ties.toml'))}]"


QUAD_OVERRIDE = """
[[overrides.ties]]
kind = "dialogue"
parties = ["JPN"]
others = ["USA", "IND", "AUS"]
from = 2017
source = "Australia-India-Japan-U.S. consultations on the Indo-Pacific, Manila, 12 November 2017"
"""
"""A tie override of Japan's own (the Quad, which the shared facts file holds too), appended
to a copy of its profile for tests that change ``[[overrides.ties]]`` entries."""


def portable(text: str) -> str:
    """A shipped profile's text whose facts file is named by its absolute path."""
    return text.replace(RELATIVE_FACTS, ABSOLUTE_FACTS)
