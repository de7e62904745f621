"""Profiles that use the engine beyond the demo profiles' defaults: outranking methods and
the weighting schemes other than direct, AHP and ranking (issue 16). Written into a test's
folder; the criteria file is the shipped default model."""

from __future__ import annotations

from pathlib import Path

CANDIDATES = '["USA", "KOR", "AUS", "GBR", "FRA", "IND", "DEU", "PHL", "VNM", "TWN", "CAN", "ITA"]'

HEAD = """[profile]
id = "{id}"
label = "Japan 2018: {label}"
focal = "JPN"
year = 2018

[[threats]]
actor = "CHN"
severity = 1.0

[[threats]]
actor = "PRK"
severity = 0.8
"""

BWM = """
[weights]
scheme = "bwm"
best = "shared_threats"
worst = "regional_stability"
best_to_others = { interoperability = 2, deterrence = 3, regional_stability = 8 }
others_to_worst = { shared_threats = 8, interoperability = 5, deterrence = 3 }
"""

ELECTRE_METHODS = """
[methods]
weighted_sum = {}
electre_iii = { q = 0.05, p = 0.2, v = 0.8 }
promethee_i = { preference = "linear", q = 0.05, p = 0.3 }
"""

TAIL = f"""
[candidates]
include = {CANDIDATES}

[sensitivity]
samples = 2000
seed = 7
"""


def electre_bwm(folder: Path) -> Path:
    """A profile with BWM weights and ELECTRE III, PROMETHEE I and the weighted sum."""
    text = HEAD.format(id="jp_electre_bwm", label="BWM weights, ELECTRE III") + BWM
    return write(folder, "electre_bwm.toml", text + ELECTRE_METHODS + TAIL)


def with_weights(folder: Path, weights: str, name: str = "p.toml", methods: str = "") -> Path:
    """A profile whose ``[weights]`` table is ``weights`` (and ``[methods]``, if given)."""
    text = HEAD.format(id="jp_weights", label="weights") + weights + methods + TAIL
    return write(folder, name, text)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
