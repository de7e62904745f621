"""A study whose template screens out candidates without diplomatic relations (issue 14):
each task records whom it left out and why (``screened.parquet``), and the study report and
its tables show them."""

from __future__ import annotations

import json

import pytest

from alliancescore.data import load
from alliancescore.model.study import load_study
from alliancescore.study import run_study
from alliancescore.study.parquet import read_part
from alliancescore.study.report import write_study_report
from alliancescore.study.results import read_study_folder
from alliancescore.study.run import SCREENED

pytest.importorskip("pyarrow")

CANDIDATES = ["USA", "GBR", "FRA", "DEU", "EGY", "SAU", "ISR", "ARE", "JOR"]
TEMPLATE = f"""
[profile]
id = "screened_template"
label = "Study template: a relations screen"
focal = "ISR"
year = 2018

[[threats]]
actor = "IRN"
severity = 1.0

[methods]
weighted_sum = {{}}

[candidates]
include = {json.dumps(CANDIDATES)}
require_relations = true
"""
STUDY = """
[study]
id = "screened"
template = "template.toml"
focal = ["ISR", "SAU", "GBR"]
years = [2018]
threats = "template"
samples = 0
stability = false
seed = 3
"""


@pytest.fixture(scope="module")
def ran(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screened")
    (folder / "template.toml").write_text(TEMPLATE)
    (folder / "study.toml").write_text(STUDY)
    out = folder / "out"
    run_study(load_study(folder / "study.toml", load()), out, jobs=1)
    return out


def test_each_task_records_whom_the_screen_left_out(ran):
    israel = read_part(ran / "focal=ISR/year=2018" / SCREENED)
    assert list(israel.columns) == ["focal", "year", "alternative", "reason"]
    assert set(israel["alternative"]) == {"SAU", "ARE"}  # Egypt and Jordan kept
    assert israel["reason"].str.contains("diplomatic_relations, spell from").all()
    part = read_part(ran / "focal=ISR/year=2018" / "part.parquet")
    assert not {"SAU", "ARE"} & set(part["alternative"])
    saudi = read_part(ran / "focal=SAU/year=2018" / SCREENED)
    assert list(saudi["alternative"]) == ["ISR"]
    # a task that screens out nobody writes no file
    assert not (ran / "focal=GBR/year=2018" / SCREENED).exists()


def test_the_report_and_its_tables_show_them(ran):
    folder = read_study_folder(ran)
    pairs = zip(folder.screened["focal"], folder.screened["alternative"], strict=True)
    assert sorted(pairs) == [
        ("ISR", "ARE"), ("ISR", "SAU"), ("SAU", "ISR"),
    ]  # fmt: skip
    report = write_study_report(ran)
    table = report.frames["screened"]
    assert list(table.columns) == ["focal", "year", "alternative", "name", "reason"]
    assert list(table["focal"]) == ["ISR", "ISR", "SAU"]  # the study's order
    assert "Saudi Arabia" in set(table["name"])
    html = report.html.read_text(encoding="utf-8")
    assert "Candidates screened out" in html and "3 candidates left out" in html
    assert (report.tables["screened"]).read_text(encoding="utf-8").count("\n") == 4
