"""Every subcommand run as analysts run it: in a (pseudo-)terminal, from a folder of their own.

Tests usually see pipes, so code that only runs when stderr is a terminal (progress bars,
colour) escaped them: a missing dependency of the progress bar once broke ``sensitivity`` and
``report`` in every real terminal (issue 12). Here each command runs in a child process whose
standard streams are a pseudo-terminal (Python's :mod:`pty`), from a work folder made by
``alliancescore init``; any traceback fails the test.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

_SCRIPT = Path(sys.executable).with_name("alliancescore")
COMMAND = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "alliancescore"]


def in_terminal(
    args: list[str], cwd: Path, timeout: float = 300.0, size: tuple[int, int] = (40, 120)
) -> tuple[int, str]:
    """Run ``alliancescore *args`` with a pseudo-terminal as stdin, stdout and stderr, of
    ``size`` (rows, columns; (0, 0) as script(1) leaves it); return the exit code and
    everything it wrote (terminal control sequences included)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
    rows, columns = size
    # $COLUMNS and $LINES say the size too (a shell exports them); 120 x 40 when unsized
    env = {**os.environ, "TERM": "xterm", "COLUMNS": str(columns or 120), "LINES": str(rows or 40)}
    child = subprocess.Popen(
        [*COMMAND, *args], stdin=follower, stdout=follower, stderr=follower, cwd=cwd, env=env
    )
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1.0)
            if not ready:
                if child.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        else:
            child.kill()
            pytest.fail(f"alliancescore {' '.join(args)} still running after {timeout} s")
        code = child.wait(timeout=30)
    finally:
        os.close(leader)
    return code, b"".join(chunks).decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("terminal") / "work"
    code, text = in_terminal(["init", str(folder)], folder.parent)
    assert code == 0 and "Traceback" not in text, text
    return folder


def ok(args: list[str], cwd: Path) -> str:
    """The output of a command that must succeed without a traceback."""
    code, text = in_terminal(args, cwd)
    assert "Traceback" not in text, text
    assert code == 0, text
    return text


def test_init_writes_a_work_folder(work):
    assert (work / "criteria" / "default.toml").is_file()
    assert (work / "profiles" / "japan.toml").is_file()
    # the schemas each copied file names in its #:schema comment, for editors
    assert (work / "schemas" / "profile.schema.json").is_file()
    assert (work / "schemas" / "criteria.schema.json").is_file()
    assert (work / "schemas" / "study.schema.json").is_file()
    assert (work / "schemas" / "facts.schema.json").is_file()
    # the facts file every copied profile lists, beside profiles/
    assert (work / "facts" / "ties.toml").is_file()
    assert 'facts = ["../facts/ties.toml"]' in (work / "profiles" / "japan.toml").read_text("utf-8")
    assert (work / "studies" / "g20.toml").is_file()  # the demo study and its template
    assert (work / "studies" / "g20_template.toml").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["validate", "profiles/japan.toml", "criteria/default.toml"],
        ["validate", "studies/g20_template.toml"],
        ["score", "profiles/japan.toml", "--top", "5"],
        ["explain", "profiles/japan.toml", "quad"],
        ["explain", "profiles/japan.toml", "USA", "--versus", "KOR"],
        ["demo", "--engine"],
        ["backtest", "--year", "2000", "--horizon", "5", "--focal", "POL", "CZE"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_command_runs_in_a_terminal(work, args):
    ok(args, work)


@pytest.mark.parametrize(
    "command",
    [
        "init",
        "validate",
        "score",
        "explain",
        "sensitivity",
        "demo",
        "backtest",
        "report",
        "study",
        "study-report",
    ],
)
def test_help_of_every_command_in_a_terminal(work, command):
    assert "usage: alliancescore" in ok([command, "--help"], work)


@pytest.mark.parametrize("size", [(40, 120), (0, 0)], ids=["sized", "unsized"])
def test_sensitivity_shows_a_progress_bar_in_a_terminal(work, size):
    # (0, 0): what script(1) and some CI shells report, where tqdm alone draws nothing
    code, text = in_terminal(
        ["sensitivity", "profiles/japan.toml", "--samples", "20000"], work, size=size
    )
    assert code == 0 and "Traceback" not in text, text
    assert "draws" in text and "%|" in text  # tqdm's bar, drawn because stderr is a terminal
    assert "rank acceptability" in text


def test_report_shows_a_progress_bar_and_writes_the_file(work):
    text = ok(["report", "profiles/japan.toml", "--samples", "20000", "--out", "out"], work)
    assert "%|" in text
    assert (work / "out" / "japan.html").is_file()


def test_study_report_writes_the_report_in_a_terminal(work):
    pytest.importorskip("pyarrow")
    from study_folders import write_study_folder

    write_study_folder(work / "study-out")
    text = ok(["study-report", "study-out", "--top", "3"], work)
    assert "wrote" in text and "5 tables" in text
    assert (work / "study-out" / "report.html").is_file()
    assert (work / "study-out" / "report_tables" / "top_choice_stability.csv").is_file()


def test_a_bad_input_is_one_message_in_a_terminal(work):
    bad = work / "profiles" / "bad.toml"
    text = (work / "profiles" / "japan.toml").read_text(encoding="utf-8")
    bad.write_text(text.replace('focal = "JPN"', 'focal = "JPX"'), encoding="utf-8")
    try:
        code, out = in_terminal(["score", "profiles/bad.toml"], work)
    finally:
        bad.unlink()
    assert code == 2 and "Traceback" not in out
    assert "profile.focal" in out and "JPN" in out  # where, and the did-you-mean


def test_csv_to_a_terminal_shows_a_label_s_control_characters_escaped(work):
    # A coalition label carrying an escape sequence and a right-to-left override: on a
    # terminal the CSV shows them as \u escapes (a pipe or --out gets the label as written).
    odd = work / "profiles" / "odd.toml"
    text = (work / "profiles" / "japan.toml").read_text(encoding="utf-8")
    label = 'label = "The Quad (US, Japan, India, Australia)"'
    assert label in text
    odd.write_text(text.replace(label, 'label = "Quad\\u001b[31m\\u202e"'), encoding="utf-8")
    try:
        out = ok(["score", "profiles/odd.toml", "--format", "csv"], work)
    finally:
        odd.unlink()
    assert "Quad\\u001b[31m\\u202e" in out
    assert "\x1b[31m" not in out and "\u202e" not in out


def test_init_never_overwrites(work):
    code, text = in_terminal(["init", str(work)], work.parent)
    assert code == 2 and "Traceback" not in text and "nothing is overwritten" in text


@pytest.mark.parametrize("profile", ["japan", "poland"])
def test_score_fits_an_80_column_terminal(work, profile):
    # One column group per method, wrapped into blocks of the terminal's width; the lines of
    # prose around it (the criteria and methods, screened candidates, facts, notes) wrapped
    # to it with a hanging indent.
    args = ["score", f"profiles/{profile}.toml", "--top", "8"]
    code, text = in_terminal(args, work, size=(40, 80))
    assert code == 0 and "Traceback" not in text, text
    lines = text.replace("\r\n", "\n").split("\n")
    assert max(map(len, lines)) <= 80, text
    assert any(line.startswith("    ") for line in lines[: lines.index("")])  # criteria: ...
    start = lines.index("") + 1
    end = next(i for i, line in enumerate(lines) if line.startswith(("screened", "note:")))
    table = lines[start:end]
    titles = [
        w
        for line in table
        for w in line.split()
        if w in {"weighted_sum", "topsis", "vikor", "promethee_ii"}
    ]
    assert titles == ["weighted_sum", "topsis", "vikor", "promethee_ii"]
    assert "alternative" not in table
    if profile == "japan":
        assert "The Quad (US, Japan, India, Australia)" in text


@pytest.mark.parametrize("args", [["USA"], ["USA", "--versus", "KOR"]], ids=["one", "versus"])
def test_explain_s_prose_and_sources_fit_an_80_column_terminal(work, args):
    # The sources (one of some 600 characters) and the notes wrap with a hanging indent;
    # explain's aligned rows fit, --versus's tables (88 columns) come in blocks of columns.
    code, text = in_terminal(["explain", "profiles/japan.toml", *args], work, size=(40, 80))
    assert code == 0 and "Traceback" not in text, text
    lines = text.replace("\r\n", "\n").split("\n")
    assert max(map(len, lines)) <= 80, text
    assert sum(line.startswith(" " * 30) and line[30] != " " for line in lines) > 10  # sources
    if "--versus" in args:  # each table in two blocks, each with the indicators or methods
        assert sum(line.startswith("indicator ") for line in lines) == 2, text
        assert sum(line.startswith("method ") for line in lines) == 2, text


def test_sensitivity_s_prose_and_tables_fit_an_80_column_terminal(work):
    # The headings, the most critical weights and the notes wrap with a hanging indent; the
    # tables wider than the terminal (the stability intervals: 124 columns) come in blocks of
    # columns, each with the rows' labels.
    args = ["sensitivity", "profiles/japan.toml", "--samples", "20000"]
    code, text = in_terminal(args, work, size=(40, 80))
    assert code == 0 and "Traceback" not in text, text
    # what the terminal shows: the progress bar's frames, on stderr, cleared by the last \r
    lines = [line.rsplit("\r", 1)[-1] for line in text.replace("\r\n", "\n").split("\n")]
    assert lines[0].startswith("Sensitivity:"), text
    assert max(map(len, lines)) <= 80, text
    assert any(line.startswith("most critical") for line in lines)
    assert sum(line.startswith("    ") and line[4] != " " for line in lines) >= 5
    # the stability intervals' rows, repeated per block (the Sobol table's are indented)
    stability = sum(line.startswith("shared_threats ") for line in lines)
    assert stability >= 2 * 4, text  # four methods, two blocks or more each
    assert not any(line.startswith("group ") for line in lines)  # no index name line


def test_the_engine_check_fits_an_80_column_terminal(work):
    # Its table of every method (258 columns piped) in blocks of methods; its prose wrapped.
    code, text = in_terminal(["demo", "--engine"], work, size=(40, 80))
    assert code == 0 and "Traceback" not in text, text
    lines = text.replace("\r\n", "\n").split("\n")
    assert max(map(len, lines)) <= 80, text
    start = lines.index("Every registered method on weight set W1 (ranks, 1 = best):")
    table = lines[start + 1 : next(i for i in range(start, len(lines)) if "Defaults" in lines[i])]
    assert table.count("") > 2  # blocks of methods, a blank line after each
    assert lines[-2] == "All published figures reproduced."
