"""The study report (issue 18): one offline HTML file and its tables as CSV, from a study's
output folder (``alliancescore study-report DIR``; ``alliancescore study`` writes it at the
end). Folders are built by hand with the study's exact columns (``tests/study_folders.py``)
and, once, by ``run_study`` on a tiny study."""

from __future__ import annotations

import json
import math
import re
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_reports import SCRIPT, tags

from alliancescore.cli import main
from alliancescore.data import load
from alliancescore.errors import AllianceScoreError
from alliancescore.model.study import load_study
from alliancescore.study import run_study
from alliancescore.study.parquet import read_part
from alliancescore.study.report import write_study_report
from alliancescore.study.tables import COLUMNS
from study_folders import (
    HOSTILE_ID,
    HOSTILE_MESSAGE,
    PARTS,
    TASKS,
    tiny_study,
    write_study_folder,
)

pytest.importorskip("pyarrow")

TABLES = ["top_partners", "top_choice_stability", "most_critical", "screened", "skipped"]


@pytest.fixture(scope="module")
def data():
    return load()


@pytest.fixture(scope="module")
def hand(tmp_path_factory, data):
    """The hand-built folder with stability files and draws, its report written."""
    root = write_study_folder(tmp_path_factory.mktemp("hand") / "out")
    report = write_study_report(root, data=data, command=["alliancescore", "study-report", "x"])
    return root, report, report.html.read_text(encoding="utf-8")


def read_csv(report, name: str) -> pd.DataFrame:
    return pd.read_csv(report.tables[name], keep_default_na=True)


# ----------------------------------------------------------------------- files and offline
def test_the_report_and_its_tables_are_written_beside_each_other(hand):
    root, report, html = hand
    assert report.html == (root / "report.html").resolve()
    assert sorted(p.name for p in (root / "report_tables").iterdir()) == [
        f"{n}.csv" for n in sorted(TABLES)
    ]
    assert not [p for p in root.rglob(".*.tmp")]  # written atomically: no temporary left
    for name in TABLES:
        assert list(read_csv(report, name).columns) == [c for c, _ in COLUMNS[name]]
        assert f"report_tables/{name}.csv" in html  # listed with its columns and hash


def test_the_html_is_one_offline_file(hand):
    _, _, html = hand
    assert html.startswith("<!DOCTYPE html>")
    for tag, attrs in tags(html):
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
        if tag == "script":
            assert "src" not in attrs
        for name in ("src", "href", "action", "poster", "data"):
            value = (attrs.get(name) or "").strip()
            assert not re.match(r"(?i)(https?:|//|ftp:|file:)", value), (tag, name, value)
            if name == "href" and name in attrs:
                inline = tag == "image" and value.startswith("data:image/png;base64,")
                assert value.startswith("#") or inline, (tag, value)
    assert not re.search(r"""(?i)=\s*["']?\s*(https?:)?//""", html)
    assert not re.search(r"(?i)url\(\s*['\"]?(?!#)", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count("<svg") == 2  # one chart per focal state with results


# ---------------------------------------------------------------------------- the numbers
def test_top_partners_are_the_parts_rows_ranked_within_the_top(tmp_path, data):
    root = write_study_folder(tmp_path / "out")
    report = write_study_report(root, top=2, data=data)
    table = read_csv(report, "top_partners")
    expected = [
        (f, y, m, r[2], r[0], r[1], r[3], r[4])
        for (f, y, m), rows in PARTS.items()
        for r in sorted(rows, key=lambda r: (r[2], r[0]))  # ties by id
        if r[2] <= 2
    ]
    got = table[["focal", "year", "method", "rank", "alternative", "score", "rank1_acceptability"]]
    assert len(got) == len(expected) == 12  # POL 2010 topsis: USA and GBR tie at rank 1
    for row, exp in zip(got.itertuples(index=False), expected, strict=True):
        alternative = exp[4] if not exp[4].startswith("=") else "'" + exp[4]
        assert tuple(row) == (*exp[:4], alternative, exp[5], exp[6])
    names = dict(zip(table["alternative"], table["name"], strict=False))
    assert names["DEU"] == "Germany" and names["FRA"] == "France"


def test_top_choice_stability_reads_the_flagged_criterion(hand):
    _, report, _ = hand
    table = read_csv(report, "top_choice_stability").set_index(["focal", "year", "method"])
    first = table.loc[("POL", 2000, "weighted_sum")]
    assert (first["alternative"], first["rank1_acceptability"], first["rank1_se"]) == (
        "DEU",
        0.70,
        0.010,
    )
    assert (first["runner_up"], first["runner_up_rank1_acceptability"]) == ("FRA", 0.25)
    assert (first["samples"], bool(first["target_met"])) == (2000, True)
    assert (first["criterion"], first["t0"], first["top1_low"], first["top1_high"]) == (
        "shared_threats",
        0.3,
        0.1,
        0.45,
    )
    assert first["top1_change"] == 0.15 and bool(first["exact"]) is True
    topsis = table.loc[("POL", 2000, "topsis")]
    assert topsis["criterion"] == "deterrence" and topsis["top1_change"] == 0.01
    assert (topsis["samples"], bool(topsis["target_met"])) == (4000, False)
    # A tie at rank 1 lists both, each with its own numbers, and "tied" says so.
    tie = table.loc[("POL", 2010, "topsis")]
    assert list(tie["alternative"]) == ["GBR", "USA"] and list(tie["tied"]) == [2, 2]
    assert list(tie["runner_up"]) == ["DEU", "DEU"]
    # Nothing alters the top choice: no criterion, an infinite relative change.
    assert tie["criterion"].isna().all() and (tie["top1_relative_change"] == math.inf).all()
    assert "focal=SVK/year=2000" not in table.index.map(lambda k: f"focal={k[0]}/year={k[1]}")


def test_an_alternative_first_in_more_draws_than_the_top_choice_is_named(hand, data, tmp_path):
    root, report, _ = hand
    table = read_csv(report, "top_choice_stability").set_index(["focal", "year", "method"])
    svk = table.loc[("SVK", 2010, "topsis")]
    assert (svk["alternative"], svk["most_often_first"]) == ("DEU", "CZE")
    assert svk["most_often_first_rank1_acceptability"] == 0.6
    tie = table.loc[("POL", 2010, "topsis")]  # equal shares: both, space-separated
    assert list(tie["most_often_first"]) == ["GBR USA", "GBR USA"]
    assert table.loc[("POL", 2000, "weighted_sum"), "most_often_first"] == "DEU"
    html = write_study_report(root, tmp_path / "t.html", method="topsis", data=data).html
    text = html.read_text(encoding="utf-8")
    assert "DEU&nbsp;&dagger;" in text and text.count("&nbsp;&dagger;") == 1
    slovakia = text[text.index('id="focal-SVK"') : text.index('id="skipped"')]
    assert "<td>CZE 60.0%</td>" in slovakia


def test_most_critical_counts_each_criterion_over_the_years(hand):
    _, report, html = hand
    table = read_csv(report, "most_critical")
    rows = {
        (r.focal, r.method, r.criterion if isinstance(r.criterion, str) else ""): (
            r.years,
            r.of_years,
            r.share,
            str(r.which_years),
        )
        for r in table.itertuples()
    }
    assert rows == {
        ("POL", "weighted_sum", "shared_threats"): (2, 2, 1.0, "2000 2010"),
        ("POL", "topsis", "deterrence"): (1, 2, 0.5, "2000"),
        ("POL", "topsis", ""): (1, 2, 0.5, "2010"),
        ("SVK", "weighted_sum", "deterrence"): (1, 1, 1.0, "2010"),
        ("SVK", "topsis", "deterrence"): (1, 1, 1.0, "2010"),
    }
    assert "shared_threats is most often the most critical: 2 of 2 years (weighted_sum)" in html


def test_the_csv_numbers_round_trip_to_the_parts_and_stability_files(hand):
    root, report, _ = hand
    partners = read_csv(report, "top_partners")
    choice = read_csv(report, "top_choice_stability")
    for key in TASKS[:2] + TASKS[3:]:
        part = read_part(root / key / "part.parquet")
        focal, year = part["focal"].iloc[0], part["year"].iloc[0]
        mine = partners[(partners["focal"] == focal) & (partners["year"] == year)].copy()
        mine["alternative"] = mine["alternative"].str.removeprefix("'")  # formula-safe text
        merged = mine.merge(part, on=["method", "alternative"], suffixes=("", "_part"))
        assert len(merged) == len(mine) == len(part)  # top 5 of 4 alternatives: every row
        for name in ("score", "rank", "rank1_acceptability", "rank1_se"):
            np.testing.assert_array_equal(merged[name], merged[f"{name}_part"])
        stability = read_part(root / key / "stability.parquet")
        flagged = stability[stability["most_critical"]]
        chosen = choice[(choice["focal"] == focal) & (choice["year"] == year)]
        for row in flagged.itertuples():
            got = chosen[chosen["method"] == row.method].iloc[0]
            assert got["criterion"] == row.criterion
            for name in ("t0", "top1_low", "top1_high", "top1_change", "top1_relative_change"):
                assert got[name] == getattr(row, name)  # exact doubles


def test_skipped_tasks_are_listed_with_their_messages(hand):
    _, report, html = hand
    table = read_csv(report, "skipped")
    assert table.to_dict("records") == [
        {
            "task": "focal=SVK/year=2000",
            "focal": "SVK",
            "year": 2000,
            "status": "skipped",
            "message": f"focal=SVK/year=2000: {HOSTILE_MESSAGE}",
        }
    ]
    assert "1 task of 4" in html


# --------------------------------------------------------------------------- what the HTML says
def test_each_focal_state_has_its_top_partners_and_stability(hand):
    _, _, html = hand
    overview = html[html.index('id="overview"') : html.index('id="states"')]
    first = r'<a href="#focal-POL">Poland</a>.*?>DEU <span class="muted">70.0%'
    assert re.search(first, overview, re.S)
    assert "USA <span" in overview  # POL 2010 by weighted_sum
    poland = html[html.index('id="focal-POL"') : html.index('id="focal-SVK"')]
    assert "Germany (DEU)" in poland and "United States (USA)" in poland
    assert "GBR = USA" in poland  # the topsis tie of 2010
    assert "none: no single weight change alters it" in poland
    assert "n/a" in poland  # the infinite relative change
    assert ">target met</th>" in poland  # the parts record it
    # Another data set than the study's: the threats are not derived again, and a note says so.
    assert "threat actors</th>" not in html
    assert "Each task&#39;s threat actors (the backtest&#39;s rule) are not shown" in html
    slovakia = html[html.index('id="focal-SVK"') : html.index('id="skipped"')]
    assert "Germany (DEU)" in slovakia and "95.0%" in slovakia


def test_hostile_ids_and_messages_are_escaped(hand):
    _, report, html = hand
    assert SCRIPT not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert [t for t, _ in tags(html) if t == "script"] == ["script"]  # only the page's own
    # In the CSV a text a spreadsheet would evaluate starts with a quote.
    text = report.tables["top_partners"].read_text(encoding="utf-8")
    assert "'" + HOSTILE_ID.split(",")[0][:10] in text
    assert "\n" + "=cmd" not in text and ",=cmd" not in text


def test_a_folder_without_stability_or_draws_says_so(tmp_path, data):
    root = write_study_folder(tmp_path / "out", stability=False, draws=False)
    report = write_study_report(root, data=data)
    html = report.html.read_text(encoding="utf-8")
    assert "No task has a stability file (stability.parquet)" in html
    assert "do not record the draws used per task" in html
    assert "No stability intervals for this focal state" in html
    assert ">target met</th>" not in html
    choice = read_csv(report, "top_choice_stability")
    assert (choice["samples"] == 2000).all()  # the manifest's fixed samples
    assert choice["target_met"].isna().all() and choice["criterion"].isna().all()
    assert read_csv(report, "most_critical").empty


def test_a_folder_of_a_study_without_samples_says_so(tmp_path, data):
    root = write_study_folder(tmp_path / "out", stability=False, sampled=False)
    report = write_study_report(root, data=data)
    html = report.html.read_text(encoding="utf-8")
    assert "the study drew no weights (samples = 0)" in html
    choice = read_csv(report, "top_choice_stability")
    assert choice["rank1_acceptability"].isna().all() and (choice["samples"] == 0).all()
    assert html.count("<svg") == 2  # the rank grid without the acceptability panel
    assert "first in" in html


def test_unfinished_unreadable_and_stray_tasks_are_notes_not_errors(tmp_path, data):
    root = write_study_folder(tmp_path / "out")
    (root / TASKS[1] / "part.parquet").unlink()  # a task killed before it finished
    (root / TASKS[1] / "stability.parquet").unlink()
    (root / TASKS[3] / "part.parquet").write_bytes(b"not parquet")
    shutil.copytree(root / TASKS[0], root / "focal=CZE/year=2000")  # an earlier study's
    report = write_study_report(root, data=data)
    html = report.html.read_text(encoding="utf-8")
    assert "1 task of the manifest have neither a part file nor a skip message" in html
    assert "focal=SVK/year=2010: left out, not a readable Parquet file" in html
    assert "1 part file in the folder belong to no task of the manifest" in html
    statuses = read_csv(report, "skipped").set_index("task")["status"].to_dict()
    assert statuses == {
        TASKS[1]: "not finished",
        TASKS[2]: "skipped",
        TASKS[3]: "unreadable",
    }
    assert set(read_csv(report, "top_partners")["year"]) == {2000}


# ------------------------------------------------------------------------ a real tiny study
def test_the_report_of_a_tiny_study_run(tmp_path, data):
    study = load_study(tiny_study(tmp_path), data)
    run_study(study, tmp_path / "out", data=data)
    report = write_study_report(tmp_path / "out", top=3, data=data)
    part = read_part(tmp_path / "out" / "focal=POL/year=2000" / "part.parquet")
    table = read_csv(report, "top_partners")
    table = table[table["year"] == 2000].set_index(["method", "alternative"])
    top3 = part[part["rank"] <= 3].set_index(["method", "alternative"])
    assert sorted(table.index) == sorted(top3.index)
    for name in ("score", "rank", "rank1_acceptability", "rank1_se"):
        np.testing.assert_array_equal(table.loc[top3.index, name], top3[name])
    html = report.html.read_text(encoding="utf-8")
    leader = part[(part["rank"] == 1) & (part["method"] == "weighted_sum")]["alternative"]
    assert f"{leader.iloc[0]} <span" in html
    # The same data set and version: each year's threat actors by the backtest's rule, beside
    # the partners (POL 2000: Russia, and Yugoslavia for the Kosovo war's disputes).
    assert '<th scope="col" title="the backtest&#39;s rule; never candidates">threat actors' in html
    assert "<td>RUS 0.5, YUG 0.5</td>" in html
    settings = html[html.index('id="settings"') : html.index('id="tables"')]
    assert "The study file (<code>[study]</code>, unchanged since the run)" in settings
    assert "weighted_sum, topsis" in settings  # the template's methods


# ------------------------------------------------------------------------- refusals and CLI
def test_a_folder_without_a_manifest_is_refused_with_one_message(tmp_path, data):
    with pytest.raises(AllianceScoreError) as error:
        write_study_report(tmp_path, data=data)
    assert str(error.value) == (
        f"DIR: expected a study output folder with the manifest.json that alliancescore study "
        f"writes, found no manifest.json in {tmp_path}. Run alliancescore study STUDY.toml "
        "--out DIR first, or name its --out folder"
    )


def test_an_unknown_method_gets_a_did_you_mean(hand, data):
    root, _, _ = hand
    with pytest.raises(AllianceScoreError) as error:
        write_study_report(root, root.parent / "other.html", method="topsys", data=data)
    assert str(error.value).startswith(
        "--method: expected one of the study's methods (weighted_sum, topsis), found 'topsys'. "
        "Did you mean 'topsis'"
    )


def test_the_report_never_overwrites_an_input(hand, data):
    root, _, _ = hand
    with pytest.raises(AllianceScoreError, match=r"a path that is not one of the inputs"):
        write_study_report(root, root / "manifest.json", data=data)
    target = root / TASKS[0] / "part.parquet"
    before = target.read_bytes()
    with pytest.raises(AllianceScoreError, match=r"a path that is not one of the inputs"):
        write_study_report(root, target, data=data)
    assert target.read_bytes() == before


def test_override_templates_apply_and_stay_escaped(hand, data, tmp_path):
    root, _, _ = hand
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "_study_overview.html.j2").write_text(
        '<section id="overview"><p class="mine">{{ notes|length }} notes; '
        "{{ overview.rows[1].cells[1].top }}; {{ skipped.rows[0][2] }}</p></section>\n"
    )
    report = write_study_report(root, tmp_path / "r.html", templates=folder, data=data)
    html = report.html.read_text(encoding="utf-8")
    # two notes (the data set's hash differs; so the threats are not shown); the hostile
    # skip message escaped in the analyst's own template too
    assert '<p class="mine">2 notes; DEU; focal=SVK/year=2000: focal: expected a state, ' in html
    assert "found &#34;&lt;img src=x onerror=alert(1)&gt;&#34;</p>" in html
    assert "replaces <code>_study_overview.html.j2</code>" in html
    assert (tmp_path / "r_tables" / "top_partners.csv").is_file()


def test_the_command_writes_the_report(hand, tmp_path, capsys, monkeypatch):
    root, _, _ = hand
    out = tmp_path / "g.html"
    args = ["study-report", str(root), "--out", str(out), "--top", "2"]
    monkeypatch.setattr(sys, "argv", ["alliancescore", *args])  # what the record shows
    assert main(args) == 0
    err = capsys.readouterr().err
    assert err == f"wrote {out.resolve()} and 5 tables to {(tmp_path / 'g_tables').resolve()}\n"
    html = out.read_text(encoding="utf-8")
    assert f"alliancescore study-report {root} --out {out} --top 2" in html
    assert "the top 2 partners per year" in html


def test_the_command_refuses_bad_options(hand, capsys):
    root, _, _ = hand
    out = str(root.parent / "z.html")
    with pytest.raises(SystemExit) as stop:
        main(["study-report", str(root), "--out", out, "--top", "0"])
    assert stop.value.code == 2
    assert "argument --top: expected a whole number of at least 1, found '0'" in (
        capsys.readouterr().err
    )
    assert main(["study-report", str(root), "--out", out, "--method", "vikorr"]) == 2
    assert "--method: expected one of the study's methods" in capsys.readouterr().err
    assert not Path(out).exists()


def test_study_writes_the_report_at_the_end_unless_told_not_to(tmp_path, capsys):
    study = tiny_study(tmp_path, samples=50)
    study.write_text(study.read_text().replace("[1990, ", "["))
    assert main(["study", str(study), "--out", str(tmp_path / "a")]) == 0
    assert f"wrote {(tmp_path / 'a' / 'report.html').resolve()}" in capsys.readouterr().err
    assert (tmp_path / "a" / "report_tables" / "top_partners.csv").is_file()
    args = ["study", str(study), "--out", str(tmp_path / "b"), "--no-report"]
    assert main(args) == 0
    assert not (tmp_path / "b" / "report.html").exists()
    assert "report" not in capsys.readouterr().err


def test_without_pyarrow_the_report_names_the_extra(hand, monkeypatch):
    root, _, _ = hand
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(AllianceScoreError) as error:
        write_study_report(root, root.parent / "n.html")
    assert str(error.value) == (
        "alliancescore study-report: expected the pyarrow package (the optional extra "
        "'study') to read Parquet files, found it is not installed. Install it with: "
        "pip install 'alliancescore[study]'"
    )


def test_the_manifest_settings_are_shown(hand):
    _, _, html = hand
    settings = html[html.index('id="settings"') : html.index('id="tables"')]
    assert "has changed since the run" in settings  # studies/hand.toml does not exist
    assert '<th scope="row">seed</th><td><code>7</code>' in settings
    record = html[html.index('id="record"') :]
    assert "alliancescore study-report x" in record and "1" * 64 in record
    assert json.dumps("3" * 64)[1:-1] in record


def test_the_readme_lists_every_column_of_every_table_in_order():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name, columns in COLUMNS.items():
        start = readme.index(f"- `{name}.csv`: ")
        end = readme.find("\n- `", start + 1)
        end = min(e for e in (end, readme.index("\n\n", start)) if e != -1)
        named = [c for c in re.findall(r"`([a-z0-9_]+)`", readme[start:end]) if c in dict(columns)]
        assert list(dict.fromkeys(named)) == [c for c, _ in columns], name
