"""The command line: exit codes and one-line errors, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from alliancescore.cli import main
from alliancescore.shipped import package_root

PROFILES = package_root() / "profiles"


def test_demo_reproduces_the_published_example_and_exits_zero(capsys):
    assert main(["demo", "--engine"]) == 0
    out = capsys.readouterr().out
    assert "Opricovic & Tzeng (2007)" in out
    assert "All published figures reproduced." in out
    assert "DIFFERS" not in out


def test_python_dash_m_runs_the_cli():
    done = subprocess.run(
        [sys.executable, "-m", "alliancescore", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.startswith("alliancescore ")


def test_unknown_command_exits_non_zero(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["sore"])
    assert stop.value.code != 0
    err = capsys.readouterr().err
    assert "invalid choice: 'sore'" in err


@pytest.mark.parametrize(
    ("suffix", "check"),
    [
        (".json", lambda path: json.loads(path.read_text(encoding="utf-8"))["profile"]["id"]),
        (".csv", lambda path: path.read_text(encoding="utf-8").startswith("alternative,")),
        (".xlsx", lambda path: path.read_bytes()[:2] == b"PK"),  # a zip: a workbook
        (".txt", lambda path: "weighted_sum" in path.read_text(encoding="utf-8")),
    ],
)
def test_the_format_follows_the_out_suffix_unless_given(tmp_path, capsys, suffix, check):
    """`--out r.xlsx` without --format writes a workbook, not text named .xlsx."""
    out = tmp_path / f"r{suffix}"
    assert main(["score", str(PROFILES / "japan.toml"), "--out", str(out)]) == 0
    assert check(out)
    # an explicit --format wins over the suffix
    assert main(["score", str(PROFILES / "japan.toml"), "--format", "csv", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("alternative,")
