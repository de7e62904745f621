"""The command line: exit codes and one-line errors, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from alliancescore.cli import main


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
