"""A fuzz suite of our own (issue 15): Hypothesis mutates the shipped profiles and the default
criteria file (types, ranges, duplicates, missing and unknown keys, emptied tables, nesting) and
asserts, for each mutant, the one promise of the command line: either ``validate`` refuses it
with exit 2 and a message (never a traceback), or it is valid and then really scores and
analyses (exit 0, finite scores) — "valid" never means "fails later".

``make test`` runs a deterministic slice (the examples below, the same on every machine);
``make fuzz`` explores (``HYPOTHESIS_PROFILE=explore``, ``FUZZ_EXAMPLES``; default 500 per
test). The README's reliability section gives the counts run and what they found.
"""

from __future__ import annotations

import copy
import math
import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from toml_writer import dumps

from alliancescore.analysis.robustness import analyse
from alliancescore.analysis.scoring import score
from alliancescore.cli import main
from alliancescore.errors import AllianceScoreError
from alliancescore.shipped import default_criteria, demo_profiles
from shipped_copies import portable

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0")) or (
    500 if os.environ.get("HYPOTHESIS_PROFILE") == "explore" else 25
)
PROFILES = {p.stem: tomllib.loads(portable(p.read_text(encoding="utf-8"))) for p in demo_profiles()}
CRITERIA = tomllib.loads(default_criteria().read_text(encoding="utf-8"))

# Values a careless or hostile edit puts where another was.
ODD_VALUES = st.sampled_from(
    [
        None,
        "",
        " ",
        "JPX",
        "1/0",
        "<script>alert(1)</script>",
        "\x1b[2J\u202e",
        0,
        -1,
        1,
        10**12,
        0.0,
        -0.5,
        1e308,
        -1e308,
        math.inf,
        -math.inf,
        math.nan,
        True,
        False,
        [],
        [1, "a"],
        {},
        {"x": 1},
        "a" * 300,
    ]
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value in a parsed document (keys and list indices)."""
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def _parent(document: Any, path: tuple) -> Any:
    node = document
    for step in path[:-1]:
        node = node[step]
    return node


@st.composite
def mutants(draw: st.DrawFn, original: dict) -> dict:
    """``original`` with one to three edits: replace a value, delete a key or entry, duplicate
    a list entry, add an unknown key, empty a table, or nest a value deeper."""
    document = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, last = _parent(document, path), path[-1]
        edit = draw(st.sampled_from(["replace", "delete", "duplicate", "unknown", "empty", "nest"]))
        if edit == "replace":
            value = draw(ODD_VALUES)
            if value is None:  # TOML has no null: a None stands for "delete"
                del parent[last]
            else:
                parent[last] = value
        elif edit == "delete":
            del parent[last]
        elif edit == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif edit == "unknown" and isinstance(parent, dict):
            parent[f"{last}x"] = draw(ODD_VALUES.filter(lambda v: v is not None))
        elif edit == "empty" and isinstance(parent[last], dict | list):
            parent[last] = type(parent[last])()
        elif edit == "nest":
            parent[last] = {"value": parent[last]}
    return document


def _write(folder, document: dict, name: str):
    path = folder / name
    path.write_text(dumps(document), encoding="utf-8")
    return path


def _fresh(tmp_path):
    """A folder of this example's own: Hypothesis runs every example with the one function-
    scoped ``tmp_path``, and files an earlier example left must not meet the next."""
    return Path(tempfile.mkdtemp(dir=tmp_path))


def _keeps_the_promise(path, capsys) -> str:
    """Validate ``path``; if valid, it must score and analyse. Returns what happened."""
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("alliancescore: error: ")
        event("refused with a message")
        return "refused"
    assert code == 0, err
    if "[profile]" not in path.read_text(encoding="utf-8"):
        event("valid criteria file")
        return "valid criteria file"
    try:
        result = score(path)
    except AllianceScoreError as error:  # valid must mean it scores
        pytest.fail(f"validate accepted a file score refuses: {error}")
    assert np.isfinite(result.scores.to_numpy(float)).all()
    method = next(iter(result.methods))
    report = analyse(result, samples=256, seed=1, methods=[method], importance=False)
    assert np.allclose(report.acceptability[method].sum(axis=1), 1.0)
    event("valid, scored and analysed")
    return "scored"


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ_SETTINGS
@given(data=st.data())
def test_mutated_profiles_are_refused_or_score(tmp_path, capsys, data):
    name = data.draw(st.sampled_from(sorted(PROFILES)))
    document = data.draw(mutants(PROFILES[name]))
    document.setdefault("profile", {})
    if isinstance(document["profile"], dict):  # keep the mutant's criteria reachable
        document["profile"]["criteria"] = str(default_criteria())
    _keeps_the_promise(_write(_fresh(tmp_path), document, f"{name}.toml"), capsys)


@FUZZ_SETTINGS
@given(document=mutants(CRITERIA))
def test_mutated_criteria_files_are_refused_or_valid(tmp_path, capsys, document):
    folder = _fresh(tmp_path)
    path = _write(folder, document, "criteria.toml")
    if _keeps_the_promise(path, capsys) == "refused":
        return
    profile = copy.deepcopy(PROFILES["japan"])
    profile["profile"]["criteria"] = str(path)
    _keeps_the_promise(_write(folder, profile, "japan.toml"), capsys)


def test_the_writer_round_trips_every_shipped_file():
    for document in [*PROFILES.values(), CRITERIA]:
        assert tomllib.loads(dumps(document)) == document
