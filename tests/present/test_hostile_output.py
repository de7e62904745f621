"""Hostile destinations, templates and labels (issue 15): one message and exit 2, checked
before the long work; nothing replaced that is not a regular file; nothing raw reaches the
terminal. Device destinations are FIFOs made in a temporary folder, never the system's /dev
(CI runs as root)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from alliancescore import cli
from alliancescore.present.terminal import terminal_safe
from alliancescore.shipped import package_root
from shipped_copies import portable

JAPAN = package_root() / "profiles" / "japan.toml"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def never_analysed(monkeypatch):
    """Make the long step fail loudly: a destination check must come before it."""
    import alliancescore.analysis.robustness as robustness

    def boom(*args, **kwargs):
        raise AssertionError("the analysis ran before the destination was checked")

    monkeypatch.setattr(robustness, "analyse", boom)


# ------------------------------------------------------------------------- destinations
def test_a_fifo_destination_is_refused_and_left_alone(tmp_path, capsys, monkeypatch):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    never_analysed(monkeypatch)
    code, _, err = run(capsys, "sensitivity", str(JAPAN), "--out", str(fifo))
    assert code == 2 and "a regular file or a new path" in err
    assert fifo.is_fifo()


@pytest.fixture
def pipe_path():
    """A path naming the write end of a pipe, as ``/dev/stdout`` does under ``| cat``: it
    resolves to ``/proc/PID/fd/pipe:[N]``, a name that exists nowhere."""
    folder = Path("/dev/fd")
    if not folder.is_dir():
        pytest.skip("no /dev/fd on this system")
    read, write = os.pipe()
    try:
        yield folder / str(write)
    finally:
        os.close(read)
        os.close(write)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("score", "expected a regular file or a new path"),
        ("sensitivity", "expected a regular file or a new path"),
        ("report", "expected a folder"),
    ],
)
def test_a_pipe_named_through_dev_fd_is_refused_before_the_work(
    capsys, monkeypatch, pipe_path, command, expected
):
    never_analysed(monkeypatch)
    code, out, err = run(capsys, command, str(JAPAN), "--out", str(pipe_path))
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"--out: {expected}, found {pipe_path} is a device, pipe or socket" in err


def test_a_path_under_a_file_is_refused_before_the_work(tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    never_analysed(monkeypatch)
    code, _, err = run(capsys, "sensitivity", str(JAPAN), "--out", str(blocker / "s.txt"))
    assert code == 2 and "is a file" in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["report", "study"])
def test_a_file_name_given_for_a_new_output_folder_is_refused(
    tmp_path, capsys, monkeypatch, command
):
    """`--out australia.html` used to make a folder named australia.html, the report inside."""
    never_analysed(monkeypatch)
    target = tmp_path / "australia.html"
    code, out, err = run(capsys, command, str(JAPAN), "--out", str(target))
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"--out: expected a folder (the files are written inside it), found {target}" in err
    assert f"Give the folder, e.g. --out {tmp_path}" in err
    assert not target.exists()


def test_an_existing_folder_named_like_a_file_is_still_a_folder(tmp_path):
    from alliancescore.present.writing import check_output_folder

    folder = tmp_path / "results.json"
    folder.mkdir()
    assert check_output_folder(folder, tmp_path / "data") == folder.resolve()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_a_read_only_folder_is_refused_before_the_work(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    never_analysed(monkeypatch)
    try:
        code, _, err = run(capsys, "sensitivity", str(JAPAN), "--out", str(folder / "s.txt"))
    finally:
        folder.chmod(0o700)
    assert code == 2 and "not writable" in err


DEFAULT_REFUSED = "reports/out (the default output folder; no --out given): expected "
CHOOSE = ". Choose another folder with --out DIR\n"


@pytest.mark.parametrize("command", [["report", str(JAPAN)], ["demo"]])
def test_a_default_folder_under_a_file_names_the_default_not_out(
    tmp_path, capsys, monkeypatch, command
):
    # No --out given: the message names the default folder and how to choose another.
    (tmp_path / "reports").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    never_analysed(monkeypatch)
    code, out, err = run(capsys, *command)
    assert code == 2 and out == "" and "Traceback" not in err
    assert err == (
        f"alliancescore: error: {DEFAULT_REFUSED}a path under a folder, found reports/out: "
        f"{tmp_path / 'reports'} is a file{CHOOSE}"
    )


def test_the_engine_demo_writes_nothing_and_checks_no_folder(tmp_path, capsys, monkeypatch):
    (tmp_path / "reports").write_text("x", encoding="utf-8")  # no folder could be made there
    monkeypatch.chdir(tmp_path)
    code, printed, err = run(capsys, "demo", "--engine")
    assert code == 0 and err == ""
    assert printed.endswith("All published figures reproduced.\n")
    assert [p.name for p in tmp_path.iterdir()] == ["reports"]


@pytest.mark.parametrize("out", ["reports/out", "elsewhere"])
def test_the_engine_demo_refuses_an_out_it_would_ignore(tmp_path, capsys, monkeypatch, out):
    # As report --compare refuses --samples: one message naming the option and why, exit 2,
    # before the engine check runs; nothing written.
    monkeypatch.chdir(tmp_path)
    code, printed, err = run(capsys, "demo", "--engine", "--out", out)
    assert code == 2 and printed == ""
    assert err == (
        "alliancescore: error: --out: expected no --out with demo --engine (the engine check "
        f"writes nothing: it prints the worked example), found --out {out}. Leave it out, or "
        "drop --engine for the whole demo, which writes its results there\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_default_folder_names_the_default_not_out(tmp_path, capsys, monkeypatch):
    # (As root a read-only folder is writable: the refusal is simulated.)
    import alliancescore.present.writing as writing

    monkeypatch.setattr(writing.os, "access", lambda *args: False)
    monkeypatch.chdir(tmp_path)
    never_analysed(monkeypatch)
    code, _, err = run(capsys, "report", str(JAPAN))
    assert code == 2
    assert err == (
        f"alliancescore: error: {DEFAULT_REFUSED}a folder this user can write in, found "
        f"{tmp_path} is not writable{CHOOSE}"
    )
    code, _, err = run(capsys, "report", str(JAPAN), "--out", "mine")  # given: --out it is
    assert code == 2 and err.startswith("alliancescore: error: --out: expected a folder this")


def test_a_default_report_file_that_cannot_be_written_names_the_default_not_out(
    tmp_path, capsys, monkeypatch
):
    # The folder passes its check, the report file in it does not (it is a folder).
    (tmp_path / "reports" / "out" / "japan.html").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    never_analysed(monkeypatch)
    code, out, err = run(capsys, "report", str(JAPAN))
    assert code == 2 and out == "" and "Traceback" not in err
    # report names the file itself: "Add a file name" would not help, another folder does
    elsewhere = "Remove or rename that folder, or choose another folder with --out DIR\n"
    assert err == (
        "alliancescore: error: reports/out/japan.html (in the default output folder; no --out "
        f"given): expected a file path, found reports/out/japan.html is a folder. {elsewhere}"
    )
    code, _, err = run(capsys, "report", str(JAPAN), "--out", "reports/out")  # given: --out
    assert code == 2 and err == (
        "alliancescore: error: --out: expected a file path, found reports/out/japan.html is a "
        f"folder. {elsewhere}"
    )


def test_a_default_comparison_file_that_cannot_be_written_names_the_default_not_out(
    tmp_path, capsys, monkeypatch
):
    (tmp_path / "reports" / "out" / "compare-japan-australia.html").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    australia = JAPAN.with_name("australia.toml")
    code, out, err = run(capsys, "report", str(JAPAN), str(australia), "--compare")
    assert code == 2 and out == "" and "Traceback" not in err
    assert err == (
        "alliancescore: error: reports/out/compare-japan-australia.html (in the default output "
        "folder; no --out given): expected a file path, found "
        "reports/out/compare-japan-australia.html is a folder. Remove or rename that folder, or "
        "choose another folder with --out DIR\n"
    )


def test_a_report_over_an_input_says_to_choose_another_folder(tmp_path, capsys, monkeypatch):
    # An override templates folder given as --out too: report would name its file after a
    # template; another file name is not the analyst's to choose, another folder is.
    templates = tmp_path / "templates"
    write_template(templates, "japan.html", "<p>not a template the report uses</p>\n")
    never_analysed(monkeypatch)
    code, _, err = run(
        capsys, "report", str(JAPAN), "--templates", str(templates), "--out", str(templates)
    )
    assert code == 2 and err == (
        "alliancescore: error: --out: expected a path that is not one of the inputs, found "
        f"{templates / 'japan.html'}. Choose another folder with --out DIR; inputs are never "
        "overwritten\n"
    )


@pytest.fixture
def long_profile(tmp_path) -> Path:
    """Japan's profile with an id of 300 bytes: its report's file name is too long."""
    profile = tmp_path / "long.toml"
    text = portable(JAPAN.read_text(encoding="utf-8")).replace(
        'id = "japan"', f'id = "{"j" * 300}"'
    )
    text = text.replace('criteria = "../criteria/default.toml"', "")
    profile.write_text(text, encoding="utf-8")
    return profile


LONG_ID = (
    "expected a file name of at most 255 bytes, found 305 bytes ("
    + "j" * 40
    + "...). Shorten the profile's id ([profile] id in {profile}): the report is named after it\n"
)


def test_a_report_name_too_long_is_refused_before_the_work(
    tmp_path, capsys, monkeypatch, long_profile
):
    never_analysed(monkeypatch)
    code, _, err = run(capsys, "report", str(long_profile), "--out", str(tmp_path / "out"))
    # the name is the profile's id: shorten it (a shorter --out would not help)
    assert code == 2 and err == "alliancescore: error: --out: " + LONG_ID.format(
        profile=long_profile
    )
    assert not list((tmp_path).glob("out/*"))


def test_a_default_report_name_too_long_says_to_shorten_the_id_not_to_choose_a_folder(
    tmp_path, capsys, monkeypatch, long_profile
):
    monkeypatch.chdir(tmp_path)
    never_analysed(monkeypatch)
    code, _, err = run(capsys, "report", str(long_profile))
    where = f"reports/out/{'j' * 300}.html (in the default output folder; no --out given): "
    assert code == 2 and err == (
        f"alliancescore: error: {where}" + LONG_ID.format(profile=long_profile)
    )
    assert "Choose another folder" not in err


@pytest.mark.parametrize(
    ("command", "out", "expected"),
    [
        # a file the analyst names, in a folder that exists (was a traceback: the system
        # refused to look the name up) or one to be made
        (["score"], "{long}.txt", "a file name of at most 255 bytes, found 304 bytes"),
        (["sensitivity"], "new/{long}.txt", "a file name of at most 255 bytes, found 304 bytes"),
        (["score"], "{long}/s.txt", "a folder name of at most 255 bytes, found 300 bytes"),
        (["report"], "{long}", "a folder name of at most 255 bytes, found 300 bytes"),
        (["sensitivity", "--format", "csv"], "{long}", "a folder name of at most 255 bytes"),
    ],
    ids=["score-file", "sensitivity-new-folder", "folder-on-the-way", "report-folder", "csv"],
)
def test_a_name_too_long_is_one_message_fit_for_the_file_or_folder(
    tmp_path, capsys, monkeypatch, command, out, expected
):
    monkeypatch.chdir(tmp_path)
    never_analysed(monkeypatch)
    code, printed, err = run(
        capsys, command[0], str(JAPAN), *command[1:], "--out", out.format(long="s" * 300)
    )
    assert code == 2 and printed == "" and "Traceback" not in err
    kind = expected.split()[1]  # file or folder
    assert err.startswith(f"alliancescore: error: --out: expected {expected}")
    assert err.endswith(f". Use a shorter {kind} name\n") and "report" not in err
    assert list(tmp_path.iterdir()) == []


PATH_HINT = ". Choose a folder with a shorter path (fewer or shorter folder names)\n"


@pytest.mark.parametrize(
    "command",
    [["score"], ["sensitivity"], ["sensitivity", "--format", "csv"], ["report"]],
    ids=["score", "sensitivity", "csv", "report"],
)
def test_a_path_too_long_of_short_names_is_one_message(tmp_path, capsys, monkeypatch, command):
    # every name short, the whole path over the system's limit: was a traceback (OSError:
    # File name too long) when the path was first looked at
    monkeypatch.chdir(tmp_path)
    never_analysed(monkeypatch)
    out = "a/" * 2100 + "x.json"
    code, printed, err = run(capsys, command[0], str(JAPAN), *command[1:], "--out", out)
    assert code == 2 and printed == "" and "Traceback" not in err
    size = len(str(tmp_path / out).encode())
    assert err.startswith(
        f"alliancescore: error: --out: expected a path of at most 4095 bytes from the root, "
        f"found {size} bytes ({str(tmp_path)[:40]}"
    )
    assert err.endswith(PATH_HINT) and list(tmp_path.iterdir()) == []


def test_a_path_whose_temporary_file_would_be_too_long_is_refused_before_the_work(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    never_analysed(monkeypatch)
    room = 4095 - len(str(tmp_path).encode()) - 1  # what is left under tmp_path
    out = "a/" * ((room - 10) // 2) + "x.json"  # fits, but not ".x.json.XXXXXXXX.tmp"
    assert len(str(tmp_path / out).encode()) < 4096
    code, printed, err = run(capsys, "sensitivity", str(JAPAN), "--out", out)
    assert code == 2 and printed == "" and "Traceback" not in err
    assert "bytes for the temporary file written beside it (" in err and err.endswith(PATH_HINT)
    assert list(tmp_path.iterdir()) == []


def test_a_thousand_new_folders_are_made_without_recursion(tmp_path):
    # Path.mkdir(parents=True) recursed once per missing folder: a RecursionError past about
    # a thousand, after the work, on a path that fits the system's limit
    from alliancescore.present.writing import write_atomic

    target = tmp_path.joinpath(*["a"] * 1200, "x.txt")
    write_atomic(target, "text")
    assert target.read_text(encoding="utf-8") == "text"
    folder = target.parent  # removed from the bottom up (rmtree recurses too)
    target.unlink()
    while folder != tmp_path:
        folder.rmdir()
        folder = folder.parent


def test_init_into_a_path_too_long_is_one_message(tmp_path, capsys):
    folder = tmp_path / ("a/" * 2100 + "w")
    code, printed, err = run(capsys, "init", str(folder))
    assert code == 2 and printed == "" and "Traceback" not in err
    assert err.startswith("alliancescore: error: DIR: expected a path of at most 4095 bytes")
    assert err.endswith(PATH_HINT) and list(tmp_path.iterdir()) == []


def test_init_under_a_thousand_new_folders_writes_without_recursion(tmp_path, capsys):
    # init made each file's folder with Path.mkdir(parents=True): a RecursionError past about
    # a thousand new folders, on a path that fits the system's limit
    folder = tmp_path.joinpath(*["a"] * 1200)
    code, _, err = run(capsys, "init", str(folder))
    assert code == 0, err
    assert (folder / "criteria" / "default.toml").is_file()
    assert (folder / "schemas" / "study.schema.json").is_file()
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    while folder != tmp_path:  # removed from the bottom up (rmtree recurses too)
        folder.rmdir()
        folder = folder.parent


def test_a_long_destination_name_gets_a_short_temporary_file(tmp_path):
    from alliancescore.present.writing import write_atomic

    target = tmp_path / ("r" * 250 + ".txt")
    write_atomic(target, "text")
    assert target.read_text(encoding="utf-8") == "text"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_termination_stops_cleanly_and_writes_nothing(tmp_path):
    # A real child process: SIGTERM while the analysis runs ends with 128 + 15 and a line,
    # not a traceback, and leaves no file (temporary or final) behind.
    out = tmp_path / "out"
    out.mkdir()
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "alliancescore",
            "sensitivity",
            str(JAPAN),
            "--samples",
            "5000000",
            "--out",
            str(out / "s.txt"),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3.0)  # scoring and the start of the sampling
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 128 + signal.SIGTERM, err
    assert "stopped by signal 15" in err and "Traceback" not in err
    assert not list(out.iterdir())


# ------------------------------------------------------------------------- templates
def write_template(folder: Path, name: str, text: str | bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<p>{% if %}</p>\n", "line 1"),
        (b"\xff\xfe\x00binary", "a UTF-8 text template"),
    ],
    ids=["syntax", "binary"],
)
def test_a_broken_template_is_refused_before_the_work(
    tmp_path, capsys, monkeypatch, content, expected
):
    templates = tmp_path / "templates"
    write_template(templates, "_ranking.html.j2", content)
    never_analysed(monkeypatch)
    code, _, err = run(
        capsys, "report", str(JAPAN), "--templates", str(templates), "--out", str(tmp_path / "o")
    )
    assert code == 2 and expected in err and "_ranking.html.j2" in err


def _report_with_ranking_template(tmp_path, capsys, content: str) -> tuple[int, str]:
    """Run `report` on Japan with an override `_ranking.html.j2`; the exit code and stderr."""
    write_template(tmp_path / "templates", "_ranking.html.j2", content)
    code, _, err = run(
        capsys,
        "report",
        str(JAPAN),
        "--templates",
        str(tmp_path / "templates"),
        "--samples",
        "200",
        "--out",
        str(tmp_path / "o"),
    )
    return code, err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<p>{{ no_such_variable }}</p>\n", "no_such_variable"),
        ('{% include "_ranking.html.j2" %}\n', "includes or extends itself"),
        ("{{ ''.__class__.__mro__ }}\n", "SecurityError"),
    ],
    ids=["undefined", "self-include", "sandbox"],
)
def test_a_template_failing_at_render_is_one_message(tmp_path, capsys, content, expected):
    code, err = _report_with_ranking_template(tmp_path, capsys, content)
    assert code == 2 and expected in err and "Traceback" not in err
    assert "_ranking.html.j2" in err
    assert not (tmp_path / "o" / "japan.html").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<p>\n{{ 1/0 }}</p>\n", "ZeroDivisionError: division by zero"),
        ('<p>\n{{ "a" + 1 }}</p>\n', "TypeError: can only concatenate str"),
        ("<p>\n{% for i in range(10**9) %}{{ i }}{% endfor %}</p>\n", "OverflowError: Range"),
    ],
    ids=["division", "type", "range"],
)
def test_a_template_raising_at_render_is_one_message_with_its_line(
    tmp_path, capsys, content, expected
):
    # Errors of the template's own code (not Jinja's), e.g. arithmetic: the same one message
    # as an undefined name, naming the override file and the line, exit 2.
    templates = tmp_path / "templates"
    code, err = _report_with_ranking_template(tmp_path, capsys, content)
    assert code == 2 and "Traceback" not in err
    assert f"{templates / '_ranking.html.j2'}: line 2: expected a template that renders" in err
    assert expected in err and "Fix or remove the override template (--templates)" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o" / "japan.html").exists()


def test_a_templates_folder_in_the_working_folder_is_not_used_unasked(
    tmp_path, capsys, monkeypatch
):
    write_template(tmp_path / "reports" / "templates", "_ranking.html.j2", "<p>PLANTED</p>\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "report", str(JAPAN), "--samples", "200", "--out", "o")
    assert code == 0, err
    assert "PLANTED" not in (tmp_path / "o" / "japan.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------------- terminal
def test_control_and_bidi_characters_never_reach_the_terminal(tmp_path, capsys):
    profile = tmp_path / "p.toml"
    text = portable(JAPAN.read_text(encoding="utf-8"))
    text = text.replace(
        'label = "The Quad (US, Japan, India, Australia)"',
        'label = "Quad\\u001b[2J\\u0007\\u202eevil"',
    )
    text = text.replace('criteria = "../criteria/default.toml"', "")
    profile.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "score", str(profile))
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "Quad\\u001b[2J\\u0007\\u202eevil" in out


def test_a_label_in_a_script_the_chart_font_lacks_raises_no_warning(tmp_path, capsys, recwarn):
    # The SVG keeps text as text (the browser picks a font that has the glyphs): matplotlib's
    # "Glyph ... missing from font(s)" warnings, one per glyph and chart, are not shown.
    profile = tmp_path / "p.toml"
    text = portable(JAPAN.read_text(encoding="utf-8"))
    text = text.replace(
        'label = "The Quad (US, Japan, India, Australia)"', 'label = "日米豪印 クアッド"'
    )
    text = text.replace('criteria = "../criteria/default.toml"', "")
    profile.write_text(text, encoding="utf-8")
    code, _, err = run(
        capsys, "report", str(profile), "--samples", "200", "--out", str(tmp_path / "o")
    )
    assert code == 0, err
    assert err == f"wrote {tmp_path / 'o' / 'japan.html'}\n"
    assert [str(w.message) for w in recwarn] == []
    assert "日米豪印 クアッド" in (tmp_path / "o" / "japan.html").read_text(encoding="utf-8")


def test_a_chart_still_shows_other_warnings(recwarn):
    # Only the missing-glyph message is filtered, not every UserWarning raised while saving.
    import warnings

    from matplotlib.artist import Artist
    from matplotlib.figure import Figure

    from alliancescore.present.reports.charts import svg

    class Warns(Artist):
        def draw(self, renderer):
            warnings.warn("something else while drawing", UserWarning, stacklevel=1)

    fig = Figure()
    fig.add_artist(Warns())
    svg(fig, "t")
    assert [str(w.message) for w in recwarn] == ["something else while drawing"]


def test_terminal_safe_keeps_layout_and_ordinary_text():
    text = "name\tscore\nCôte d'Ivoire  0.5\nالعراق\n"
    assert terminal_safe(text) == text
    assert terminal_safe("\x00\x7f\x9b\u2066") == "\\u0000\\u007f\\u009b\\u2066"


# ------------------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--data-error", "nan"], "a relative error from 0 to 1"),
        (["--data-error", "inf"], "a relative error from 0 to 1"),
        (["--data-error", "-0.1"], "a relative error from 0 to 1"),
        # a percentage typed for the share ran as a 5000 % error
        (
            ["--data-error", "50"],
            "expected a relative error from 0 to 1 (0.1 = 10 %), found '50'. A relative error is "
            "a share: 0.1 is 10 %, 1 is 100 %; for 50 % write 0.5",
        ),
        (["--data-error", "1.5"], "found '1.5'. A relative error is a share: 0.1 is 10 %, 1 is"),
        (["--samples", "1000000000000"], "a whole number from 1 to 100,000,000"),
        (["--concentration", "0"], "a positive number"),
        (["--concentration", "nan"], "a positive number"),
        (["--seed", "-1"], "a whole number of at least 0"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_command_line_numbers_outside_their_domain_exit_two(capsys, argv, expected):
    with pytest.raises(SystemExit) as stop:
        cli.main(["sensitivity", str(JAPAN), *argv])
    assert stop.value.code == 2
    assert expected in capsys.readouterr().err


def test_one_draw_never_reports_a_standard_error_of_zero(dataset, demo_result):
    from alliancescore.analysis.robustness import analyse

    report = analyse(demo_result("japan"), samples=1, seed=1, methods=["weighted_sum"])
    assert report.acceptability_se["weighted_sum"] > 0.1  # one draw says almost nothing
