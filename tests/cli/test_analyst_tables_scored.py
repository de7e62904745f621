"""An analyst's own table scored end to end (issue 16): its values move the ranking as they
say, a positive rescaling of a linear benefit indicator does not, and the file's hash, source
and date reach the record, ``explain``, the JSON output and the HTML report."""

from __future__ import annotations

import hashlib
import json
import textwrap
from pathlib import Path

import numpy as np
import pytest

from alliancescore.analysis.scoring import score
from alliancescore.cli import main
from alliancescore.present.reports.render import render_profile
from readiness_model import READINESS_MODEL

CRITERIA = READINESS_MODEL

PROFILE = """
[profile]
id = "test"
label = "Test profile"
focal = "JPN"
year = 2018
criteria = "ready.toml"

[[threats]]
actor = "CHN"

[methods]
weighted_sum = {}
topsis = {}

[candidates]
include = ["USA", "KOR", "AUS", "IND", "GBR", "FRA"]

[[coalitions]]
id = "quad"
label = "Quad"
members = ["USA", "JPN", "IND", "AUS"]

[[tables]]
id = "readiness"
file = "analyst/readiness.FORMAT"
source = "Agency X readiness review 2024"
date = 2025-03-01
"""

SCORES = {"USA": 40.0, "KOR": 30.0, "AUS": 20.0, "IND": 10.0, "GBR": 25.0, "FRA": 15.0}


def write_table(folder: Path, fmt: str, scores: dict[str, float]) -> Path:
    path = folder / "analyst" / f"readiness.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        lines = ["iso3,score"] + [f"{code},{value!r}" for code, value in scores.items()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.active.append(["iso3", "score"])
    for code, value in scores.items():
        book.active.append([code, value])
    book.save(path)
    return path


def folder_for(tmp_path: Path, fmt: str, scores: dict[str, float]) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "ready.toml").write_text(textwrap.dedent(CRITERIA), encoding="utf-8")
    profile = textwrap.dedent(PROFILE).replace("FORMAT", fmt)
    (tmp_path / "p.toml").write_text(profile, encoding="utf-8")
    write_table(tmp_path, fmt, scores)
    return tmp_path / "p.toml"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_far_higher_value_on_a_heavy_indicator_moves_a_candidate_up(tmp_path, dataset, fmt):
    before = score(folder_for(tmp_path / "a", fmt, SCORES), data=dataset)
    raised = {**SCORES, "IND": 400.0}
    after = score(folder_for(tmp_path / "b", fmt, raised), data=dataset)
    for method in ("weighted_sum", "topsis"):
        assert before.ranks.loc["IND", method] > 1
        assert after.ranks.loc["IND", method] == 1
    # the values read are the file's, per candidate, and the quad averages its partners'
    raw = after.matrix.raw["readiness"]
    assert raw[list(raised)].to_dict() == raised
    assert raw["quad"] == pytest.approx(np.mean([raised["USA"], raised["IND"], raised["AUS"]]))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("seed", [1, 2])
def test_doubling_a_linear_benefit_indicator_leaves_the_ranking_as_it_was(
    tmp_path, dataset, fmt, seed
):
    rng = np.random.default_rng(seed)
    values = rng.uniform(0.5, 100, len(SCORES))
    scores = {code: float(v) for code, v in zip(SCORES, values, strict=True)}
    once = score(folder_for(tmp_path / "a", fmt, scores), data=dataset)
    doubled = score(
        folder_for(tmp_path / "b", fmt, {k: 2 * v for k, v in scores.items()}), data=dataset
    )
    np.testing.assert_allclose(
        doubled.matrix.raw["readiness"], 2 * once.matrix.raw["readiness"], rtol=1e-12
    )
    np.testing.assert_allclose(doubled.matrix.values, once.matrix.values, rtol=1e-12)
    assert doubled.ranks.equals(once.ranks)


def test_the_record_holds_the_files_hash_and_the_outputs_name_its_source(
    tmp_path, dataset, capsys, monkeypatch
):
    profile = folder_for(tmp_path, "xlsx", SCORES)
    table = tmp_path / "analyst" / "readiness.xlsx"
    monkeypatch.chdir(tmp_path)
    result = score("p.toml", data=dataset)
    digest = hashlib.sha256(table.read_bytes()).hexdigest()
    assert {
        "role": "analyst table",
        "path": "analyst/readiness.xlsx",
        "sha256": digest,
        "table": "readiness",
    } in result.record["inputs"]
    source = (
        "readiness as of 2025-03-01 (analyst table analyst/readiness.xlsx, sheet 'Sheet1': "
        "Agency X readiness review 2024)"
    )
    assert result.matrix.sources.loc["KOR", "readiness"] == source

    assert main(["explain", "p.toml", "KOR"]) == 0
    assert source in capsys.readouterr().out
    assert main(["score", "p.toml", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    kor = next(a for a in document["alternatives"] if a["id"] == "KOR")
    assert kor["indicators"]["readiness"]["source"] == source
    assert document["analyst_tables"][0]["sha256"] == digest
    assert document["analyst_tables"][0]["source"] == "Agency X readiness review 2024"

    html = render_profile(result, data=dataset)
    assert "Agency X readiness review 2024" in html and digest in html
    assert "<code>readiness</code></td><td>as of 2025-03-01</td>" in html  # years used

    # a changed file is a changed input: another hash
    write_table(tmp_path, "xlsx", {**SCORES, "KOR": 31.0})
    again = score(profile, data=dataset)
    hashes = {i["sha256"] for i in again.record["inputs"] if i["role"] == "analyst table"}
    assert hashes and digest not in hashes


def test_a_table_keyed_by_year_is_read_with_its_staleness_limit(tmp_path, dataset):
    profile = folder_for(tmp_path, "csv", SCORES)
    rows = ["iso3,year,score", "USA,2010,40", "USA,2016,35", "KOR,2012,30", "AUS,2020,90"]
    rows += ["AUS,2017,20", "IND,2018,10", "GBR,2018,25", "FRA,2018,15"]
    (tmp_path / "analyst" / "readiness.csv").write_text("\n".join(rows) + "\n")
    text = profile.read_text().replace(
        "date = 2025-03-01", "date = 2025-03-01\nmax_staleness_years = 4"
    )
    profile.write_text(text)
    result = score(profile, data=dataset)
    raw = result.matrix.raw["readiness"]
    # USA: 2016 (not 2010); AUS: 2017 (not 2020, after 2018); KOR: 2012 is 6 > 4 years old
    assert raw[["USA", "AUS", "IND"]].tolist() == [35.0, 20.0, 10.0]
    assert np.isnan(raw["KOR"]) and bool(result.matrix.stale.loc["KOR", "readiness"])
    assert result.matrix.sources.loc["KOR", "readiness"].startswith("readiness 2012 (stale; ")
    assert result.matrix.policy_applied.loc["KOR", "readiness"] == "worst"
    assert any("1 value(s) came from a stale table" in d for d in result.diagnostics)
