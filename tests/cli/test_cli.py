"""The command line: exit codes and one-line errors, never a traceback."""

from __future__ import annotations

import json
import os
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


def test_a_malformed_source_date_epoch_is_one_message_not_a_traceback(tmp_path):
    """numpy stops with a traceback on such a value when scipy loads it (f2py reads it): the
    command line names the variable first, and writes nothing."""
    import os

    out = tmp_path / "japan.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "alliancescore", "score", str(PROFILES / "japan.toml"), "--out",
         str(out)],
        capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "yesterday"},
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith(
        "alliancescore: error: SOURCE_DATE_EPOCH (environment variable): expected whole seconds"
    )
    assert "'yesterday'" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def _run_into_a_closed_pipe(args: list[str], stream: str) -> subprocess.CompletedProcess:
    """``alliancescore *args`` with standard ``stream`` ("stdout" or "stderr") a pipe whose
    reader has gone (``| head -0``), the other one captured."""
    read, write = os.pipe()
    os.close(read)
    other = "stderr" if stream == "stdout" else "stdout"
    try:
        return subprocess.run(
            [sys.executable, "-m", "alliancescore", *args],
            **{stream: write, other: subprocess.PIPE},
            text=True,
            timeout=300,
        )
    finally:
        os.close(write)


def test_a_reader_gone_from_a_pipe_leaves_the_exit_code_and_no_traceback(tmp_path):
    """``validate bad.toml 2>&1 | head -0`` exited 1 (a BrokenPipeError while printing the
    error), and a valid file's ``| head -0`` 1 with a traceback: the exit code is the
    command's own, whoever reads the output."""
    bad = tmp_path / "bad.toml"
    bad.write_text("garbage = \n")
    done = _run_into_a_closed_pipe(["validate", str(bad)], "stderr")
    assert (done.returncode, done.stdout) == (2, "")
    done = _run_into_a_closed_pipe(["validate", str(PROFILES / "japan.toml")], "stdout")
    assert (done.returncode, done.stderr) == (0, "")
    done = _run_into_a_closed_pipe(["validate", str(PROFILES / "japan.toml"), str(bad)], "stdout")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"alliancescore: error: {bad}: expected valid TOML")


def test_a_closed_standard_error_keeps_the_error_out_of_standard_output(tmp_path):
    """With ``2>&-`` Python has no sys.stderr and print(file=None) wrote the error message to
    standard output, among the results (``validate ... > results.txt 2>&-``)."""
    bad = tmp_path / "bad.toml"
    bad.write_text("garbage = \n")
    done = subprocess.run(
        ["sh", "-c", '"$0" -m alliancescore validate "$1" 2>&-', sys.executable, str(bad)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (done.returncode, done.stdout) == (2, "")


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


def test_explain_versus_shows_the_difference_by_indicator_and_each_method(capsys):
    assert main(["explain", str(PROFILES / "japan.toml"), "USA", "--versus", "KOR"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("United States (USA) versus South Korea (KOR)\n")
    assert "weighted_sum score: USA minus KOR = +0.1411" in out
    lines = out.splitlines()
    first = lines[lines.index(next(line for line in lines if line.startswith("indicator"))) + 2]
    # the largest part: the US-Japan Guidelines (6) against Korea's TAC pledge, no tie (0)
    assert first.split()[0] == "defence_ties" and first.endswith("+0.0676")
    assert "rests on the Treaty of Amity and Cooperation in Southeast Asia (tac_code)" in out
    assert any(line.startswith("total") and line.endswith("+0.1411") for line in lines)
    assert any(line.startswith("promethee_ii") and "+0.0727" in line for line in lines)
    assert "largest: un_alignment -0.1077, defence_ties +0.0899, proximity -0.0858" in out


def test_explain_versus_as_json(capsys):
    args = ["explain", str(PROFILES / "japan.toml"), "quad", "--versus", "GBR", "--format", "json"]
    assert main(args) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["a"]["id"], document["b"]["id"]) == ("quad", "GBR")
    rows = document["additive"]["indicators"]
    assert abs(sum(r["difference"] for r in rows) - document["additive"]["difference"]) < 1e-12
    assert document["methods"]["vikor"]["higher_is_better"] is False
    assert rows[0]["b"]["source"] and "raw" in rows[0]["a"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["USA", "--versus", "KRO"],
            "--versus: expected a candidate or coalition of japan.toml, found 'KRO'. "
            "Did you mean 'KOR'? Known: 31 names",
        ),
        (
            ["USZ", "--versus", "KOR"],
            "CANDIDATE: expected a candidate or coalition of japan.toml, found 'USZ'. "
            "Did you mean 'USA' or 'AUS'? Known: 31 names",
        ),
        (
            ["USA", "--format", "json"],
            "--format: expected table for one candidate (json is written for a comparison), "
            "found json without --versus. Add --versus OTHER, or use `alliancescore score "
            "PROFILE --format json` for every number of every alternative",
        ),
    ],
)
def test_explain_versus_refuses_bad_ids_with_one_message(capsys, args, message):
    assert main(["explain", str(PROFILES / "japan.toml"), *args]) == 2
    assert capsys.readouterr().err == f"alliancescore: error: {message}\n"


def test_the_readme_offers_explains_json_only_with_versus(capsys):
    # the command table showed [--versus OTHER] [--format table|json], which one candidate refuses
    readme = (package_root().parents[1] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `alliancescore explain"))
    assert "[--versus OTHER [--format table\\|json]]" in row, row
    profile = str(PROFILES / "japan.toml")
    assert main(["explain", profile, "USA", "--format", "json"]) == 2
    assert main(["explain", profile, "USA", "--versus", "KOR", "--format", "json"]) == 0
    capsys.readouterr()


def test_validate_checks_a_study_file_and_its_template(capsys, tmp_path):
    from alliancescore.shipped import demo_study

    assert main(["validate", str(demo_study())]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{demo_study()}: valid study file"
    assert out[1].startswith("  note: 152 task(s); template ")
    assert any(line.startswith("  note: template: weights:") for line in out)
    # the study's own problems, all at once, and the template's as a profile's
    (tmp_path / "template.toml").write_text('[profile]\nid = "t"\n', encoding="utf-8")
    bad = tmp_path / "study.toml"
    bad.write_text(
        '[study]\nid = "x"\ntemplate = "nope.toml"\nfocal = ["POLL"]\nyears = [2000]\n',
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "study.focal[0]: expected an ISO 3166 alpha-3 code known to the data set" in err
    assert "Did you mean 'POL'?" in err and "study.template: expected a profile file" in err
    bad.write_text(
        '[study]\nid = "x"\ntemplate = "template.toml"\nfocal = ["POL"]\nyears = [2000]\n',
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 2
    assert "template.toml" in capsys.readouterr().err  # the template's problems name it
    other = tmp_path / "other.toml"
    other.write_text("[foo]\n", encoding="utf-8")
    assert main(["validate", str(other)]) == 2
    assert (
        "a study file ([study] table) or a facts file ([overrides] tables), "
        "found top-level keys ['foo']"
    ) in capsys.readouterr().err


def test_init_names_the_next_command_as_a_shell_line(tmp_path, monkeypatch, capsys):
    """The hint is pasted into a shell: no "cd ." for the current folder, a quoted path with
    spaces."""
    monkeypatch.chdir(tmp_path)
    assert main(["init", "."]) == 0
    assert capsys.readouterr().err.splitlines()[-1].startswith("next: alliancescore score ")
    assert main(["init", "my work"]) == 0
    hint = capsys.readouterr().err.splitlines()[-1]
    assert hint.startswith("next: cd 'my work' && alliancescore score profiles/")


INIT_REFUSED = "DIR: expected a folder this user can create and write in, found "
INIT_HINT = ". Name a folder of your own, e.g. alliancescore init ~/alliancescore-work"


def test_init_under_a_file_is_one_message(tmp_path, capsys):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    assert main(["init", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err
    assert f"{INIT_REFUSED}{blocker / 'sub'}: {blocker} is a file{INIT_HINT}" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only folder")
def test_init_in_a_read_only_folder_is_one_message_and_writes_nothing(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["init", str(locked / "work")]) == 2
    finally:
        locked.chmod(0o700)
    err = capsys.readouterr().err
    assert f"{INIT_REFUSED}{locked / 'work'}: {locked} is not writable{INIT_HINT}" in err
    assert "Traceback" not in err and not list(locked.iterdir())


def test_init_on_a_read_only_file_system_is_one_message(tmp_path, capsys, monkeypatch):
    # What permissions do not show (a read-only mount, /proc): the failing write is reported.
    import errno

    import alliancescore.workspace as workspace

    def refused(path, text):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(workspace, "write_atomic", refused)
    assert main(["init", str(tmp_path / "work")]) == 2
    err = capsys.readouterr().err
    assert f"{INIT_REFUSED}{tmp_path / 'work'}: Read-only file system{INIT_HINT}" in err
    assert "Traceback" not in err


def test_explain_says_when_an_indicator_ranks_no_one(capsys):
    """No Israel candidate bought arms from Iran or Syria: the cost is the same 0.5 for all."""
    assert main(["explain", str(PROFILES / "israel.toml"), "TUR"]) == 0
    lines = capsys.readouterr().out.splitlines()
    described = {
        lines[i].split()[0]: lines[i + 1]
        for i in range(len(lines) - 1)
        if lines[i + 1].startswith(" " * 26)
    }
    assert described["arms_from_threats"].endswith(
        "; the same value for every alternative: it ranks no one"
    )
    assert "ranks no one" not in described["rival_of_threats"]


def test_explain_shows_the_fill_legend_only_where_a_value_was_filled(capsys):
    assert main(["explain", str(PROFILES / "israel.toml"), "TUR"]) == 0
    assert "* filled by" not in capsys.readouterr().out  # every Turkish value is observed
    # Taiwan has no UN seat: its UN indicators are filled (neutral) and marked
    assert main(["explain", str(PROFILES / "united_states.toml"), "TWN"]) == 0
    out = capsys.readouterr().out
    assert "0.500*" in out and "\n* filled by the indicator's missing-data policy" in out


def test_explain_versus_shows_the_fill_legend_only_where_a_value_was_filled(capsys):
    # it printed the legend under every comparison, with no * in the table
    versus = ["explain", str(PROFILES / "united_states.toml")]
    assert main([*versus, "JPN", "--versus", "GBR"]) == 0
    out = capsys.readouterr().out
    assert "*" not in out.split("total")[0] and "* filled by" not in out
    assert main([*versus, "TWN", "--versus", "JPN"]) == 0
    out = capsys.readouterr().out
    assert "0.500*" in out and "\n* filled by the indicator's missing-data policy" in out


def test_demo_wraps_each_ranking_to_the_terminal_as_score_does(
    tmp_path, capsys, monkeypatch, demo_result
):
    # One profile, a short sensitivity analysis and no study: the demo's printing, not its work.
    import alliancescore.analysis.robustness as robustness
    import alliancescore.demo as demo
    from alliancescore.cli import commands
    from alliancescore.present.output import result_table

    analyse = robustness.analyse
    monkeypatch.setattr(robustness, "analyse", lambda result: analyse(result, samples=200))
    monkeypatch.setattr(demo, "demo_profiles", lambda: [PROFILES / "japan.toml"])
    monkeypatch.setattr(demo, "run_demo_study", lambda *args: 0)
    monkeypatch.setattr(commands, "_terminal_width", lambda: 80)  # as on an 80-column terminal
    assert main(["demo", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    ranking = result_table(demo_result("japan"), 10, width=80)
    assert max(map(len, ranking.split("\n"))) <= 80
    assert f"\n{'=' * 80}\n{ranking}\nsensitivity (" in out  # score's wrapping, the rule too
    written = (tmp_path / "japan.txt").read_text(encoding="utf-8")  # the file: unwrapped
    assert written == result_table(demo_result("japan"))


def test_demo_fits_an_80_column_terminal_its_engine_table_in_blocks(tmp_path, capsys, monkeypatch):
    # One profile, a short sensitivity analysis and a tiny study: the demo's printing, not its
    # work. Every line of prose (the sensitivity summary, the most critical weight, the paths
    # written, the study's lines) wraps; the engine check's table of every method (258
    # columns piped) comes in blocks of methods that fit.
    pytest.importorskip("pyarrow")
    import alliancescore.analysis.robustness as robustness
    import alliancescore.demo as demo
    from alliancescore import mcda
    from alliancescore.cli import commands
    from study_folders import tiny_study

    analyse = robustness.analyse
    monkeypatch.setattr(robustness, "analyse", lambda result: analyse(result, samples=200))
    monkeypatch.setattr(demo, "demo_profiles", lambda: [PROFILES / "japan.toml"])
    (tmp_path / "study").mkdir()
    monkeypatch.setattr(demo, "demo_study", lambda: tiny_study(tmp_path / "study", samples=50))
    monkeypatch.setattr(demo, "STUDY_JOBS", 1)
    monkeypatch.chdir(tmp_path)
    names = list(mcda.METHODS)
    one_block = f"  {'':4}" + "".join(f"{n:>18}" for n in names)
    assert main(["demo", "--engine"]) == 0  # piped: the table in one block, as it was
    assert one_block in capsys.readouterr().out.split("\n")
    monkeypatch.setattr(commands, "_terminal_width", lambda: 80)  # as on an 80-column terminal
    assert main(["demo", "--out", "out"]) == 0
    lines = capsys.readouterr().out.split("\n")
    wide = [line for line in lines if len(line) > 80]  # only a path longer than the width
    assert all(line.startswith("    /") and len(line.split()) == 1 for line in wide), wide
    start = lines.index("Every registered method on weight set W1 (ranks, 1 = best):") + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Defaults:")) - 1  # blank
    blocks = [block.split("\n") for block in "\n".join(lines[start:end]).split("\n\n")]
    assert len(blocks) > 1 and all(len(block) == 7 for block in blocks)  # names, A1-A6
    assert [name for block in blocks for name in block[0].split()] == names
    assert any(line.startswith("most critical weight") for line in lines)
    assert any(line.startswith("Study: ") for line in lines)
    assert sum(line.startswith("    ") and line[4] != " " for line in lines) > 5  # continued


@pytest.mark.slow
def test_the_demo_in_worker_processes_prints_and_writes_what_one_process_does(
    tmp_path, capsys, monkeypatch
):
    # Two profiles and the comparison in a pool of two, then in this process: the same lines
    # in the same order, the same files byte for byte (the HTML reports differ only in the
    # time and folder they record).
    import alliancescore.demo as demo

    profiles = [PROFILES / "japan.toml", PROFILES / "israel.toml", PROFILES / "india.toml"]
    monkeypatch.setattr(demo, "demo_profiles", lambda: profiles)
    monkeypatch.setattr(demo, "run_demo_study", lambda *args: 0)
    printed, written = {}, {}
    for jobs in (2, 1):
        monkeypatch.setattr(demo, "DEMO_JOBS", jobs)
        folder = tmp_path / f"jobs{jobs}"
        assert main(["demo", "--out", str(folder)]) == 0
        printed[jobs] = capsys.readouterr().out.replace(str(folder), "OUT")
        written[jobs] = {
            p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix != ".html"
        }
    assert printed[2] == printed[1]
    assert written[2] == written[1] and len(written[1]) == 15  # 3 x (txt, csv, json, 2 sens.)
    lines = printed[1].split("\n")
    reports = [line for line in lines if line.startswith("HTML report: ")]
    assert [r.rsplit("/", 1)[1] for r in reports] == ["japan.html", "israel.html", "india.html"]
    assert "HTML comparison of japan, india: OUT/" in printed[1]
