"""Focal selectors (``focal = "all"``, ``focal = { regions, subregions, exclude }``) and
explicit threats per focal state (``[study.threats_by_focal]``) of a study file (issue 18)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pytest
from test_study import CANDIDATES, TEMPLATE

from alliancescore.analysis.scoring import score
from alliancescore.backtest.threats import derive_threats
from alliancescore.data import load
from alliancescore.errors import AllianceScoreError
from alliancescore.model.study import Task, load_study
from alliancescore.study import run_study
from alliancescore.study.parquet import read_part
from alliancescore.study.report import _task_threats
from alliancescore.study.run import _task_document, task_rows

pytest.importorskip("pyarrow")

HEAD = """
[study]
id = "selectors"
template = "template.toml"
"""


def _study(folder, body):
    (folder / "template.toml").write_text(TEMPLATE)
    (folder / "study.toml").write_text(HEAD + body)
    return folder / "study.toml"


def test_all_makes_a_task_for_each_state_of_each_year_only(tmp_path):
    data = load()
    study = load_study(_study(tmp_path, 'focal = "all"\nyears = [1990, 1992]'), data)
    states = {year: set(data.states(year)) for year in (1990, 1992)}
    codes = sorted(states[1990] | states[1992])
    assert study.focal == tuple(codes)
    assert study.tasks == tuple(Task(f, y) for f in codes for y in (1990, 1992) if f in states[y])
    assert len(study.tasks) == len(states[1990]) + len(states[1992])
    years = {f: [t.year for t in study.tasks if t.focal == f] for f in ("DDR", "UKR", "POL")}
    assert years == {"DDR": [1990], "UKR": [1992], "POL": [1990, 1992]}


def test_a_region_selector_picks_the_states_of_each_year_less_exclude(tmp_path):
    body = (
        'focal = { subregions = ["Melanesia", "Australia and New Zealand"], exclude = ["NZL"] }\n'
        "years = [1975, 1990]"
    )
    study = load_study(_study(tmp_path, body), load())
    assert [t.key for t in study.tasks] == [
        "focal=AUS/year=1975",
        "focal=AUS/year=1990",
        "focal=FJI/year=1975",
        "focal=FJI/year=1990",
        "focal=PNG/year=1975",
        "focal=PNG/year=1990",
        "focal=SLB/year=1990",  # Solomon Islands: a state from 1978
        "focal=VUT/year=1990",  # Vanuatu: from 1980
    ]


def test_regions_and_subregions_add_up(tmp_path):
    body = 'focal = { regions = ["Oceania"], subregions = ["Northern America"] }\nyears = [2000]'
    study = load_study(_study(tmp_path, body), load())
    nations = load().crosswalk.nations.set_index("iso3")
    places = {(nations.at[f, "region"], nations.at[f, "subregion"]) for f in study.focal}
    assert {"CAN", "USA", "AUS", "NZL", "FJI"} <= set(study.focal)
    assert all(r == "Oceania" or s == "Northern America" for r, s in places)


def test_an_intermediate_region_selects_focal_states(tmp_path):
    body = 'focal = { subregions = ["Southern Africa"] }\nyears = [1985, 2000]'
    study = load_study(_study(tmp_path, body), load())
    picked = dict(study.focal_years)
    # M49's Southern Africa: Botswana, Eswatini, Lesotho, Namibia (a state from 1990), South Africa
    assert picked[1985] == {"BWA", "LSO", "SWZ", "ZAF"}
    assert picked[2000] == {"BWA", "LSO", "NAM", "SWZ", "ZAF"}


def test_a_misspelt_intermediate_region_gets_did_you_mean(tmp_path):
    body = 'focal = { subregions = ["Western Afrika"] }\nyears = [2000]'
    with pytest.raises(AllianceScoreError) as caught:
        load_study(_study(tmp_path, body), load())
    message = str(caught.value)
    assert "study.focal.subregions[0]: expected a UN M49 sub-region or intermediate region" in (
        message
    )
    assert "Did you mean 'Western Africa'" in message


def test_members_follow_the_commitment_year_by_year(tmp_path):
    # France left NATO's integrated military structure in 1966 and returned in 2009; Spain
    # joined it in 1999 (the data set's alliance_depth reference table, with sources).
    body = (
        'focal = { members = ["nato_integrated"], exclude = ["USA"] }\nyears = [1960, 1990, 2010]'
    )
    study = load_study(_study(tmp_path, body), load())
    picked = dict(study.focal_years)
    assert "FRA" in picked[1960] and "FRA" not in picked[1990] and "FRA" in picked[2010]
    assert "ESP" not in picked[1990] and "ESP" in picked[2010]
    assert "POL" in picked[2010] and "POL" not in picked[1990]
    assert not any("USA" in states for states in picked.values())
    assert len(picked[1990]) == 13 and len(picked[2010]) == 27


def test_a_selector_run_has_no_skipped_tasks_and_records_the_selector(tmp_path):
    body = 'focal = { subregions = ["Melanesia"] }\nyears = [1975, 1990]'
    study = load_study(_study(tmp_path, body), load())
    run = run_study(study, tmp_path / "out")
    assert not run.skipped and run.written == [t.key for t in study.tasks]
    assert len(run.written) == 6  # FJI, PNG in 1975; FJI, PNG, SLB, VUT in 1990
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["focal_selector"] == {"subregions": ["Melanesia"]}
    assert manifest["skipped"] == {}


@pytest.mark.parametrize(
    ("focal", "message"),
    [
        (
            '"al"',
            'study.focal: expected a list of ISO 3166 alpha-3 codes, "all", or a table '
            "{ regions, subregions, members, exclude }, found 'al'. Did you mean 'all'?",
        ),
        (
            '"POL"',
            'study.focal: expected a list of ISO 3166 alpha-3 codes, "all", or a table '
            "{ regions, subregions, members, exclude }, found 'POL'. A single state is a list too: "
            'focal = ["POL"]',
        ),
        (
            '{ regions = ["Eruope"] }',
            "study.focal.regions[0]: expected a UN M49 region, found 'Eruope'. Did you mean "
            "'Europe'? Known: 'Africa', 'Americas', 'Asia', 'Europe', 'Oceania'",
        ),
        (
            '{ subregions = ["Western Europ"] }',
            "study.focal.subregions[0]: expected a UN M49 sub-region or intermediate region, "
            "found 'Western Europ'. Did you mean 'Western Europe'",
        ),
        (
            '{ regions = ["Europe"], exclude = ["RSU"] }',
            "study.focal.exclude[0]: expected an ISO 3166 alpha-3 code known to the data set, "
            "found 'RSU'. Did you mean 'ROU' or 'RUS'",
        ),
        (
            '{ regions = "Europe" }',
            "study.focal.regions: expected a non-empty list of UN M49 region names, found "
            '\'Europe\'. e.g. regions = ["Europe", "Asia"]',
        ),
        (
            '{ exclude = ["RUS"] }',
            "study.focal: expected a table with regions, subregions or members (any of them), "
            'found a table of exclude. e.g. focal = { regions = ["Europe"], exclude = ["RUS"] }',
        ),
        (
            '{ regions = ["Europe"], region = ["Asia"] }',
            "study.focal.region: expected one of the keys regions, subregions, members, exclude, "
            "found "
            "an unknown key. Did you mean 'regions' or 'subregions'?",
        ),
        (
            '{ members = ["nato"] }',
            "study.focal.members[0]: expected a commitment of the data set's alliance_depth "
            "table, found 'nato'. Did you mean 'nato_integrated'? Known: 'arab_league_defence', "
            "'csce_final_act', 'eu_mutual_assistance', 'fin_swe_operational_support', "
            "'gcc_defence', 'nato_integrated', "
            "'oas_charter', 'rio_treaty', 'rok_us_combined_forces', 'tac_code', "
            "'us_australia_force_posture', 'us_japan_guidelines'",
        ),
        (
            '{ subregions = ["Micronesia"] }',
            "study.focal: expected a selector that picks at least one state in 1950..1960, "
            "found none. Name other regions, sub-regions or commitments, or exclude fewer states",
        ),
        (
            "[]",
            "study.focal: expected at least one ISO 3166 alpha-3 code, found an empty list",
        ),
        ("3", 'study.focal: expected a list of ISO 3166 alpha-3 codes, "all", or a table'),
    ],
)
def test_a_bad_focal_gets_one_message(tmp_path, focal, message):
    path = _study(tmp_path, f"focal = {focal}\nyears = [1950, 1960]")
    with pytest.raises(AllianceScoreError) as error:
        load_study(path, load())
    assert len(error.value.problems) == 1
    assert str(error.value).startswith(f"{path}: {message}"), str(error.value)


# ---------------------------------------------------------------- explicit threats
EXPLICIT = """focal = ["POL", "CZE"]
years = [2000]
threats = "template"

[study.threats_by_focal]
POL = [{ actor = "DEU", severity = 2.0 }, { actor = "BLR" }]
"""


def test_explicit_threats_replace_the_rule_for_the_focal_states_listed(tmp_path):
    data = load()
    study = load_study(_study(tmp_path, EXPLICIT), data)
    assert study.explicit_threats("POL") == (("DEU", 2.0), ("BLR", 1.0))
    assert study.explicit_threats("CZE") is None
    document = {
        "threats": [{"actor": "RUS", "severity": 1.0}],
        "candidates": {"include": CANDIDATES},
    }
    pol = _task_document(document, study, Task("POL", 2000), data)
    assert pol["threats"] == [{"actor": "DEU", "severity": 2.0}, {"actor": "BLR", "severity": 1.0}]
    assert "DEU" not in pol["candidates"]["include"] and "USA" in pol["candidates"]["include"]
    cze = _task_document(document, study, Task("CZE", 2000), data)
    assert cze["threats"] == [{"actor": "RUS", "severity": 1.0}]  # threats = "template"
    backtest = load_study(_study(tmp_path, EXPLICIT.replace('"template"', '"backtest"')), data)
    found, _ = derive_threats(data, 2000, ["CZE"], data.states(2000))
    cze = _task_document(document, backtest, Task("CZE", 2000), data)
    assert cze["threats"] == [{"actor": t.actor, "severity": t.severity} for t in found["CZE"]]


def test_a_task_with_explicit_threats_equals_its_profile(tmp_path):
    data = load()
    study = load_study(_study(tmp_path, "samples = 0\n" + EXPLICIT), data)
    rows = task_rows(study, Task("POL", 2000), data).part
    threats = (
        '[[threats]]\nactor = "DEU"\nseverity = 2.0\n\n[[threats]]\nactor = "BLR"\nseverity = 1.0'
    )
    text = TEMPLATE.replace('[[threats]]\nactor = "RUS"\nseverity = 1.0', threats)
    text = text.replace(json.dumps(CANDIDATES), json.dumps([c for c in CANDIDATES if c != "DEU"]))
    (tmp_path / "p.toml").write_text(text)
    result = score(tmp_path / "p.toml", data=data)
    for method in ("weighted_sum", "topsis"):
        part = rows[rows["method"] == method].set_index("alternative")
        np.testing.assert_array_equal(part["score"], result.scores.loc[part.index, method])


def test_an_explicit_actor_that_did_not_exist_that_year_skips_the_task(tmp_path):
    body = (
        'focal = ["POL"]\nyears = [1990, 2000]\n[study.threats_by_focal]\nPOL = [{ actor = "SVK" }]'
    )
    study = load_study(_study(tmp_path, body), load())
    run = run_study(study, tmp_path / "out")
    assert run.written == ["focal=POL/year=2000"]
    assert run.skipped == {
        "focal=POL/year=1990": f"{study.path}: "
        "study.threats_by_focal.POL[0].actor: expected a state that existed in 1990, found 'SVK'"
    }
    part = read_part(tmp_path / "out" / "focal=POL/year=2000" / "part.parquet")
    assert "SVK" not in set(part["alternative"])


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            'PLO = [{ actor = "RUS" }]',
            "study.threats_by_focal.PLO: expected an ISO 3166 alpha-3 code known to the data "
            "set, found 'PLO'. Did you mean",
        ),
        (
            'JPN = [{ actor = "RUS" }]',
            "study.threats_by_focal.JPN: expected a focal state of this study, found 'JPN'. "
            "Known: 'CZE', 'POL'. Add it to focal, or remove its threats",
        ),
        (
            'POL = [{ actor = "POL" }]',
            "study.threats_by_focal.POL[0].actor: expected a threat actor other than the focal "
            "state, found 'POL'",
        ),
        (
            'POL = [{ actor = "RSU" }]',
            "study.threats_by_focal.POL[0].actor: expected an ISO 3166 alpha-3 code known to "
            "the data set, found 'RSU'. Did you mean 'ROU' or 'RUS'",
        ),
        (
            'POL = [{ actor = "RUS" }, { actor = "RUS", severity = 2 }]',
            "study.threats_by_focal.POL[1].actor: expected each threat actor once, found 'RUS' "
            "again",
        ),
        (
            'POL = [{ actor = "RUS", severity = 0 }]',
            "study.threats_by_focal.POL[0].severity: expected a positive number, found 0",
        ),
        (
            'POL = [{ actor = "RUS", sevrity = 2 }]',
            "study.threats_by_focal.POL[0].sevrity: expected one of the keys actor, severity, "
            "note, found an unknown key. Did you mean 'severity'?",
        ),
        (
            "POL = []",
            "study.threats_by_focal.POL: expected at least one "
            "[[study.threats_by_focal.POL]] entry, found none",
        ),
        (
            'POL = [{ actor = "RUS" }]\nsamples = 10',
            "study.threats_by_focal.samples: expected a focal state's ISO 3166 alpha-3 code, "
            "found 'samples', a key of [study]. Move it above [study.threats_by_focal]: a key "
            "after a table's header belongs to that table",
        ),
        (
            'POL = "RUS"',
            "study.threats_by_focal.POL: expected an array of tables "
            "([[study.threats_by_focal.POL]]), found 'RUS'",
        ),
    ],
)
def test_bad_explicit_threats_get_one_message(tmp_path, table, message):
    body = 'focal = ["POL", "CZE"]\nyears = [2000]\n[study.threats_by_focal]\n' + table
    path = _study(tmp_path, body)
    with pytest.raises(AllianceScoreError) as error:
        load_study(path, load())
    assert len(error.value.problems) == 1, str(error.value)
    assert str(error.value).startswith(f"{path}: {message}"), str(error.value)


def test_the_report_shows_a_focal_state_s_explicit_threats():
    manifest = {
        "threats": "template",
        "threats_by_focal": {"POL": [{"actor": "BLR", "severity": 0.5}, {"actor": "RUS"}]},
    }
    folder = SimpleNamespace(manifest=manifest, read=["focal=POL/year=2000", "focal=CZE/year=2000"])
    assert _task_threats(folder, load()) == ({("POL", 2000): "RUS 1, BLR 0.5"}, "")


@pytest.mark.parametrize(
    ("focal", "expected"),
    [
        (
            '{ subregions = ["Melanesia", "Melanesia"] }',
            "study.focal.subregions: expected distinct names, found Melanesia repeated",
        ),
        ('["POL", "CZE", "POL"]', "study.focal: expected distinct codes, found POL repeated"),
        ('[["POL"], ["POL"]]', "study.focal"),
    ],
)
def test_a_focal_entry_written_twice_is_named(tmp_path, focal, expected):
    """A repeat was refused as "found a list of 2" or the whole list: the message names it."""
    with pytest.raises(AllianceScoreError) as caught:
        load_study(_study(tmp_path, f"focal = {focal}\nyears = [2000]"), load())
    assert expected in str(caught.value)
