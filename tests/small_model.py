"""A small criteria model and a Japan profile on it, with the helpers that write them and run
the command line: shared by the tests of the analyst path's messages, of validate's layers and
of the formats."""

from __future__ import annotations

import textwrap
from pathlib import Path

from alliancescore.cli import main

CRITERIA = """
[model]
id = "small"
label = "Small test model"
rationale = "Two criteria, three indicators."

[[criteria]]
id = "power"
label = "Power"
weight = 0.6
rationale = "Capability."

  [[criteria.indicators]]
  id = "cinc"
  label = "CINC"
  measure = "capability"
  direction = "benefit"
  weight = 1.0
  rationale = "Composite index of national capability."

[[criteria]]
id = "closeness"
label = "Closeness"
weight = 0.4
rationale = "Distance and ties."

  [[criteria.indicators]]
  id = "distance"
  label = "Distance"
  measure = "distance_to_focal"
  direction = "cost"
  weight = 0.5
  rationale = "Near partners."

  [[criteria.indicators]]
  id = "ties"
  label = "Ties"
  measure = "defence_ties"
  direction = "benefit"
  weight = 0.5
  rationale = "Existing obligations."
  value_function = { type = "categorical", map = { "0" = 0, "1" = 0.3, "2" = 0.6, "3" = 1 } }
"""

PROFILE = """
[profile]
id = "test"
label = "Test profile"
focal = "JPN"
year = 2018
criteria = "small.toml"

[[threats]]
actor = "CHN"
severity = 1.0

[weights]
scheme = "direct"
values = { power = 0.5, closeness = 0.5 }

[methods]
weighted_sum = {}
topsis = {}

[candidates]
include = ["USA", "KOR", "AUS", "IND"]

[[coalitions]]
id = "quad"
label = "Quad"
members = ["USA", "JPN", "IND", "AUS"]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err
