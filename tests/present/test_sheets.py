"""Spreadsheets out (issue 16): workbooks and CSV tables read back to the numbers of
``--format json``; text never becomes a formula; no workbook on standard output; one message
when openpyxl is missing."""

from __future__ import annotations

import builtins
import csv
import io
import json
import shlex
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from alliancescore import cli
from alliancescore.errors import AllianceScoreError
from alliancescore.present.sheets import Sheet
from alliancescore.present.sheets.csv_folder import csv_name, csv_text
from alliancescore.present.sheets.workbook import sheet_title, workbook_bytes
from alliancescore.shipped import package_root
from shipped_copies import portable

JAPAN = package_root() / "profiles" / "japan.toml"
SENSITIVITY = ["--samples", "500", "--seed", "7"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def rows(sheet) -> list[dict]:
    """A worksheet as dicts keyed by its header row."""
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def by_first(sheet) -> dict:
    """A worksheet's rows keyed by their first column."""
    return {row[next(iter(row))]: row for row in rows(sheet)}


# ------------------------------------------------------------------------------- score
@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("score")
    assert cli.main(["score", str(JAPAN), "--format", "json", "--out", str(folder / "r.json")]) == 0
    assert cli.main(["score", str(JAPAN), "--format", "xlsx", "--out", str(folder / "r.xlsx")]) == 0
    # written atomically: no temporary file is left beside the workbook
    assert sorted(p.name for p in folder.iterdir()) == ["r.json", "r.xlsx"]
    document = json.loads((folder / "r.json").read_text(encoding="utf-8"))
    return document, openpyxl.load_workbook(folder / "r.xlsx"), folder / "r.xlsx"


def test_score_workbook_has_the_named_sheets(scored):
    _, book, _ = scored
    assert book.sheetnames == [
        "ranking", "contributions", "raw matrix", "value matrix", "sources", "weights",
        "methods", "overrides", "notes", "record",
    ]  # fmt: skip


def test_score_workbook_reads_back_to_the_json_numbers(scored):
    document, book, _ = scored
    ranking = by_first(book["ranking"])
    raw, value = by_first(book["raw matrix"]), by_first(book["value matrix"])
    sources = by_first(book["sources"])
    contributions = by_first(book["contributions"])
    alternatives = document["alternatives"]
    assert len(alternatives) == 31 and set(ranking) == {a["id"] for a in alternatives}
    # rows in the first method's ranking order
    assert [r["alternative"] for r in rows(book["ranking"])][:2] == ["us_jpn_kor", "USA"]
    cells = 0
    for alt in alternatives:
        row = ranking[alt["id"]]
        assert row["label"] == alt["label"] and row["kind"] == alt["kind"]
        for method, score in alt["scores"].items():
            assert row[f"{method} score"] == score  # exact: the full double
            assert row[f"{method} rank"] == alt["ranks"][method]
        for method, regret in alt["regrets"].items():  # VIKOR's regret and its indicators
            assert row[f"{method} regret"] == regret["regret"]
            assert row[f"{method} regret on"] == (", ".join(regret["indicators"]) or "none")
        for indicator, cell in alt["indicators"].items():
            assert raw[alt["id"]][indicator] == cell["raw"]
            assert value[alt["id"]][indicator] == cell["value"]
            assert sources[alt["id"]][indicator] == cell["source"]
            cells += 1
        for criterion, share in alt["contributions"].items():
            assert contributions[alt["id"]][criterion] == share
        assert contributions[alt["id"]]["total"] == pytest.approx(alt["scores"]["weighted_sum"])
    assert cells == 31 * 17
    assert ranking["PAK"]["vikor regret on"] == "rival_of_threats, alliance_with_threats"


def test_score_workbook_formats_and_frozen_headers(scored):
    _, book, _ = scored
    ranking = book["ranking"]
    assert ranking.freeze_panes == "B2"  # the header row and the alternative's id
    header = [c.value for c in ranking[1]]
    second = dict(zip(header, ranking[2], strict=True))
    assert second["topsis score"].number_format == "0.0000"
    assert second["topsis rank"].number_format == "0"
    assert second["label"].number_format == "General"
    assert ranking[1][0].font.b
    assert ranking.column_dimensions["B"].width > len("US-Japan-South Korea trilateral")
    assert book["value matrix"]["C2"].number_format == "0.0000"
    km = [c.value for c in book["raw matrix"][1]].index("proximity")  # distance_to_focal
    assert book["raw matrix"].cell(row=2, column=km + 1).number_format == "0"
    assert book["notes"].freeze_panes == "A2"


def test_score_workbook_overrides_notes_and_record(scored):
    document, book, _ = scored
    # every override of the shared facts file (the profile has none of its own), declared
    # where it is written
    listed = rows(book["overrides"])
    assert len(listed) == len(document["overrides"]) > 20
    quad = [r for r in listed if r["source"].startswith("Australia-India-Japan-U.S.")]
    assert [(r["parties"], r["others"]) for r in quad] == [
        ("USA", "AUS, IND, JPN"), ("JPN", "AUS, IND"), ("IND", "AUS")
    ]  # fmt: skip
    assert all(r["type"] == "tie" and r["in force"] is True and r["from"] == 2017 for r in quad)
    assert quad[0]["declared"].endswith("ties.toml: overrides.ties[1]")
    (declaration,) = [r for r in listed if r["source"].startswith("Japan-Australia Joint")]
    assert declaration["others"] == "JPN" and declaration["from"] == 2007
    assert [r["note"] for r in rows(book["notes"])] == document["diagnostics"]
    record = by_first(book["record"])
    assert record["version"]["value"] == document["record"]["version"]
    assert record["command"]["value"] == shlex.join(document["record"]["command"])
    for entry in document["record"]["inputs"]:
        row = record[f"input: {entry['role']}"]
        assert (row["value"], row["sha256"]) == (entry["path"], entry["sha256"])


# ------------------------------------------------------------------------- sensitivity
@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sensitivity")
    for fmt, out in (("json", "s.json"), ("xlsx", "s.xlsx"), ("csv", "tables")):
        argv = ["sensitivity", str(JAPAN), *SENSITIVITY, "--format", fmt]
        assert cli.main([*argv, "--out", str(folder / out)]) == 0
    document = json.loads((folder / "s.json").read_text(encoding="utf-8"))
    return document, openpyxl.load_workbook(folder / "s.xlsx"), folder / "tables"


def _csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["alternative"]: row for row in csv.DictReader(handle)}


def test_sensitivity_workbook_and_csv_read_back_to_the_json_acceptability(analysed):
    document, book, folder = analysed
    methods = ["weighted_sum", "topsis", "vikor", "promethee_ii"]
    assert list(document["acceptability"]) == methods
    compared = 0
    for method in methods:
        sheet = by_first(book[f"acceptability {method}"])
        table = _csv(folder / f"acceptability-{method}.csv")
        assert book[f"acceptability {method}"]["C2"].number_format == "0.0%"
        for alt, shares in document["acceptability"][method].items():
            for rank, share in shares.items():
                assert sheet[alt][f"rank {rank}"] == share
                assert float(table[alt][f"rank {rank}"]) == share
                compared += 1
            confidence = document["confidence"][alt][method]
            assert sheet[alt]["confidence"] == confidence
    assert compared == 4 * 31 * 31
    confidence = by_first(book["confidence"])
    assert confidence["USA"]["topsis"] == document["confidence"]["USA"]["topsis"]
    # an alternative never ranked first has no confidence factor: NaN, empty, as JSON's null
    never_first = [a for a, c in document["confidence"].items() if c["weighted_sum"] is None]
    assert never_first and all(confidence[a]["weighted_sum"] is None for a in never_first)
    error = by_first(book["monte carlo error"])
    for method, se in document["acceptability_max_se"].items():
        assert error[method]["largest standard error"] == se
        assert error[method]["weight draws"] == 500


def test_sensitivity_workbook_stability_settings_and_record(analysed):
    document, book, _ = analysed
    stability = rows(book["stability intervals"])
    topsis = {r["group"]: r for r in stability if r["method"] == "topsis"}
    for group, interval in document["stability"]["topsis"].items():
        assert topsis[group]["weight"] == interval["weight"]
        assert topsis[group]["top1 high"] == interval["top1 high"]
        assert topsis[group]["topk low"] == interval["top3 low"]
        assert topsis[group]["top1 change"] == interval["top1 change"]
    critical = by_first(book["most critical"])
    assert set(critical) == set(document["stability"])
    settings = by_first(book["settings"])
    assert settings["samples"]["value"] == 500 and settings["seed"]["value"] == 7
    assert settings["weights"]["value"] == document["weights"]
    record = by_first(book["record"])
    assert record["seed"]["value"] == 7 and record["samples"]["value"] == 500
    assert record["command"]["value"] == shlex.join(document["record"]["command"])


def test_sensitivity_csv_folder_holds_the_workbooks_tables(analysed):
    _, book, folder = analysed
    assert sorted(p.name for p in folder.iterdir()) == sorted(csv_name(s) for s in book.sheetnames)
    with (folder / "record.csv").open(encoding="utf-8", newline="") as handle:
        record = {row["field"]: row for row in csv.DictReader(handle)}
    assert record["seed"]["value"] == "7"


# ---------------------------------------------------------------------------- backtest
@pytest.fixture(scope="module")
def backtested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("backtest")
    # as tests/backtest keeps it fast: a few focal states
    argv = ["backtest", "--year", "1990", "--horizon", "10", "--focal", "POL", "HUN"]
    assert cli.main([*argv, "--format", "json", "--out", str(folder / "b.json")]) == 0
    assert cli.main([*argv, "--format", "xlsx", "--out", str(folder / "b.xlsx")]) == 0
    document = json.loads((folder / "b.json").read_text(encoding="utf-8"))
    return document, openpyxl.load_workbook(folder / "b.xlsx")


def test_backtest_workbook_reads_back_to_the_json(backtested):
    document, book = backtested
    assert book.sheetnames == [
        "metrics", "comparisons", "deciles", "focal AUC", "indicators", "clusters", "threats",
        "window", "record",
    ]  # fmt: skip
    metrics = {(r["scorer"], r["variant"]): r for r in rows(book["metrics"])}
    assert len(metrics) == len(document["metrics"])
    for expected in document["metrics"]:  # the JSON rounds to six decimals
        got = metrics[(expected["scorer"], expected["variant"])]
        for key, value in expected.items():
            assert got[key] == (value if value is None else pytest.approx(value, abs=5e-7)), key
    focal = by_first(book["focal AUC"])
    for expected in document["focal_auc"]:
        assert focal[expected["focal"]]["model"] == pytest.approx(expected["model"], abs=5e-7)
    comparisons = rows(book["comparisons"])
    assert len(comparisons) == len(document["comparisons"])
    assert comparisons[0]["difference"] == pytest.approx(
        document["comparisons"][0]["difference"], abs=5e-7
    )
    assert len(rows(book["deciles"])) == len(document["deciles"])
    assert set(by_first(book["indicators"])) == {i["indicator"] for i in document["indicators"]}
    header = [c.value for c in book["metrics"][1]]
    second = dict(zip(header, book["metrics"][2], strict=True))
    assert second["pooled_auc"].number_format == "0.0000"
    assert second["top_decile_rate"].number_format == "0.0%"
    assert second["rows"].number_format == "0"
    record = by_first(book["record"])
    assert record["seed"]["value"] == document["record"]["seed"]
    assert record["replicates"]["value"] == document["record"]["replicates"]
    assert record["input: criteria"]["sha256"] == document["record"]["inputs"][0]["sha256"]


# ------------------------------------------------------------------- hostile text
HOSTILE = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "-2+3", "@SUM(A1)", "#N/A"]


def test_a_label_that_looks_like_a_formula_is_stored_as_text(tmp_path, capsys):
    profile = tmp_path / "p.toml"
    text = portable(JAPAN.read_text(encoding="utf-8"))
    text = text.replace(
        'label = "The Quad (US, Japan, India, Australia)"', f"label = {json.dumps(HOSTILE[0])}"
    )
    text = text.replace('criteria = "../criteria/default.toml"', "")
    profile.write_text(text, encoding="utf-8")
    out = tmp_path / "r.xlsx"
    code, _, err = run(capsys, "score", str(profile), "--format", "xlsx", "--out", str(out))
    assert code == 0, err
    cell = next(c for c in openpyxl.load_workbook(out)["ranking"]["B"] if c.value == HOSTILE[0])
    assert cell.data_type == "s" and cell.quotePrefix
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)


def test_a_label_that_looks_like_a_formula_is_text_in_the_score_csv(tmp_path, capsys):
    import csv
    import io

    profile = tmp_path / "p.toml"
    text = portable(JAPAN.read_text(encoding="utf-8"))
    old = 'label = "The Quad (US, Japan, India, Australia)"'
    assert old in text
    text = text.replace(old, f"label = {json.dumps(HOSTILE[0])}")
    text = text.replace('criteria = "../criteria/default.toml"', "")
    profile.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "score", str(profile), "--format", "csv")
    assert code == 0, err
    rows = {r["alternative"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["quad"]["label"] == "'" + HOSTILE[0]
    assert rows["USA"]["label"] == "United States"  # ordinary text untouched
    assert float(rows["USA"]["weighted_sum score"]) > 0  # numbers stay numbers


def test_every_formula_trigger_stays_text_in_workbook_and_csv():
    frame = pd.DataFrame({"label": [*HOSTILE, "plain", "a=b"], "n": [-1.5, 2, 3, 4, 5, 6, 7]})
    sheet = Sheet(HOSTILE[0], frame, default="score")
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes([sheet])))
    (ws,) = book.worksheets
    assert ws.title == '=HYPERLINK("http___example.inva'  # 31 characters, no '/' or ':'
    cells = [c for c in ws["A"]][1:]
    assert [c.value for c in cells] == [*HOSTILE, "plain", "a=b"]
    assert all(c.data_type == "s" for c in cells)
    assert [c.quotePrefix for c in cells] == [True, True, True, True, False, False, False]
    assert ws["B2"].value == -1.5 and ws["B2"].data_type == "n"  # numbers stay numbers
    read = list(csv.reader(csv_text(sheet).splitlines()))
    assert [r[0] for r in read[1:]] == [*("'" + h for h in HOSTILE[:4]), "#N/A", "plain", "a=b"]
    assert read[1][1] == "-1.5"


def test_sheet_titles_are_valid_and_unique():
    taken: set[str] = set()
    long = "acceptability a_very_long_method_name"
    assert sheet_title(long, taken) == long[:31]
    assert sheet_title(long, taken) == long[:29] + "~2"
    assert sheet_title("a[b]:c*d?e/f\\g", taken) == "a_b__c_d_e_f_g"
    assert sheet_title("History", taken) == "History~2"
    assert all(len(t) <= 31 for t in taken)


# ----------------------------------------------------------------- refusals and extras
@pytest.mark.parametrize(
    "argv",
    [
        ["score", str(JAPAN), "--format", "xlsx"],
        ["sensitivity", str(JAPAN), "--format", "xlsx"],
        ["backtest", "--year", "1990", "--focal", "POL", "--format", "xlsx"],
    ],
    ids=["score", "sensitivity", "backtest"],
)
def test_a_workbook_is_never_written_to_standard_output(capsys, monkeypatch, argv):
    import alliancescore.analysis.scoring as scoring

    monkeypatch.setattr(scoring, "score", lambda *a, **k: pytest.fail("scored before refusing"))
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err == (
        "alliancescore: error: --out: expected a file for --format xlsx (a workbook is binary: "
        "it is never written to standard output), found no --out. Add e.g. --out results.xlsx\n"
    )


def test_sensitivity_csv_needs_a_folder(capsys):
    code, out, err = run(capsys, "sensitivity", str(JAPAN), "--format", "csv")
    assert code == 2 and out == ""
    assert "--out: expected a folder for sensitivity --format csv" in err


def test_missing_openpyxl_is_one_message_naming_the_extra(tmp_path, capsys, monkeypatch):
    real_import = builtins.__import__

    def no_openpyxl(name, *args, **kwargs):
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    out = tmp_path / "r.xlsx"
    code, stdout, err = run(capsys, "score", str(JAPAN), "--format", "xlsx", "--out", str(out))
    assert code == 2 and stdout == "" and not out.exists()
    assert err == (
        "alliancescore: error: --format xlsx: expected the openpyxl package (the optional extra "
        "'xlsx') to write a workbook, found it is not installed. Install it with: "
        "pip install 'alliancescore[xlsx]'\n"
    )
    assert "Traceback" not in err


def test_the_same_sheets_give_the_same_workbook_bytes(monkeypatch):
    """No clock in the file: zip members and the document's times are one fixed instant."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    sheet = Sheet("ranking", pd.DataFrame({"alternative": ["USA", "GBR"], "score": [0.7, 0.6]}))
    raw = workbook_bytes([sheet])
    members = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    assert {m.date_time for m in members} == {(1980, 1, 1, 0, 0, 0)}
    props = openpyxl.load_workbook(io.BytesIO(raw)).properties
    assert str(props.created) == str(props.modified) == "1980-01-01 00:00:00"
    assert workbook_bytes([sheet]) == raw
    # the reproducible-builds convention names the instant when the analyst sets it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02T00:00:00Z
    dated = openpyxl.load_workbook(io.BytesIO(workbook_bytes([sheet])))
    assert str(dated.properties.modified) == "2025-12-02 00:00:00"
    assert dated["ranking"]["B2"].value == 0.7  # the data are untouched


@pytest.mark.parametrize("epoch", ["2025-12-02", "-5", "1.5e9", "9" * 30])
def test_a_malformed_source_date_epoch_is_refused_not_replaced(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    sheet = Sheet("ranking", pd.DataFrame({"alternative": ["USA"], "score": [0.7]}))
    with pytest.raises(AllianceScoreError) as caught:
        workbook_bytes([sheet])
    message = str(caught.value)
    assert "SOURCE_DATE_EPOCH (environment variable): expected whole seconds" in message
    assert repr(epoch) in message and "unset it" in message
