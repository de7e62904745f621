"""Current years: ATOP's treaty spells carried forward to a stated horizon, the changes after
ATOP's end recorded in the shipped facts file, and a table that has ended said in one line.

ATOP 5.1 ends in 2018. Its obligations are treaty spells, not annual measurements: one in
force in 2018 is read as in force until a recorded end, through 2025
(``TABLES["atop"].horizon``), marked as carried forward in every value it gives; later it is
stale. Before, it went stale after five years, and a profile of 2024 lost NATO's extended
deterrence and every alliance with the threats in silence (a user's report: the United States
fell from 3rd to 6th for Germany between 2023 and 2024).
"""

from __future__ import annotations

import json
import math
from dataclasses import replace

import pytest

from alliancescore.analysis.scoring import score
from alliancescore.cli import main
from alliancescore.data import TABLES, load
from alliancescore.data.overrides import Overrides
from alliancescore.data.provenance import table_years
from alliancescore.measures import MEASURES, MeasureContext, Threat
from alliancescore.model.facts import check_facts
from alliancescore.shipped import default_criteria, facts, package_root

FACTS = facts() / "ties.toml"

# The user's profile (Germany after the Zeitenwende), with the shipped facts file.
GERMANY = """
[profile]
id = "germany"
label = "Germany: partners against Russia"
focal = "DEU"
year = {year}
facts = [{facts}]

[[threats]]
actor = "RUS"
severity = 1.0

[[threats]]
actor = "BLR"
severity = 0.4

[weights]
scheme = "ahp"
criteria = ["shared_threats", "interoperability", "deterrence", "regional_stability"]
matrix = [
  [1,     "1/2", 1,     3],
  [2,     1,     2,     4],
  [1,     "1/2", 1,     3],
  ["1/3", "1/4", "1/3", 1],
]

[methods]
weighted_sum = {{}}

[candidates]
include = ["USA", "GBR", "FRA", "POL", "NLD", "ITA", "ESP", "NOR", "SWE", "FIN", "DNK", "CZE",
           "EST", "LTU", "LVA", "TUR", "CAN", "UKR", "AUT", "CHE", "HUN", "JPN"]
require_relations = true
require_armed_forces = true

[[coalitions]]
id = "nato"
label = "NATO (31 members, April 2023)"
members = ["ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
           "HUN", "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "MKD", "NLD", "NOR", "POL", "PRT",
           "ROU", "SVK", "SVN", "ESP", "TUR", "GBR", "USA"]
"""


@pytest.fixture(scope="module")
def ds():
    return load()


@pytest.fixture(scope="module")
def shared(ds):
    """The overrides of the shipped facts file."""
    return check_facts(FACTS, ds).overrides


def germany(tmp_path, year: int):
    path = tmp_path / f"germany{year}.toml"
    path.write_text(GERMANY.format(year=year, facts=json.dumps(str(FACTS))), encoding="utf-8")
    return path


def measure(ds, overrides, name, candidates, *, focal, year, threats):
    overrides = overrides or Overrides()
    ctx = MeasureContext(ds, focal, year, tuple(Threat(*t) for t in threats), overrides=overrides)
    return MEASURES[name](ctx, candidates)


# ----------------------------------------------------------------------------- the policy
def test_atop_is_carried_forward_through_a_stated_horizon():
    spec = TABLES["atop"]
    assert (spec.last_year, spec.horizon) == (2018, 2025)
    assert any("through 2025" in note for note in spec.notes)
    # the annual measures keep their limits
    assert (TABLES["nmc"].horizon, TABLES["unga"].horizon, TABLES["nuclear"].horizon) == (
        2025,
        2027,
        2027,
    )


def test_germany_2024_keeps_extended_deterrence_and_nato_depth_marked_as_carried(tmp_path, ds):
    result = score(germany(tmp_path, 2024), data=ds)
    matrix = result.matrix
    # the United States: NATO's integrated command (7) and its nuclear umbrella (3)
    assert matrix.raw.at["USA", "defence_ties"] == 7
    assert matrix.raw.at["USA", "nuclear"] == 3
    assert matrix.raw.at["USA", "alliance_with_threats"] == 0
    for indicator in ("defence_ties", "nuclear", "alliance_with_threats"):
        assert "atop 2018 (carried forward)" in matrix.sources.at["USA", indicator]
        used = table_years(matrix.provenance.at["USA", indicator], ["atop"])
        assert used[0] == ("atop", "2018", "carried forward")
    # nothing is stale, nothing is filled for alliance_with_threats, no warning
    assert not matrix.stale.loc[matrix.values.index].to_numpy().any()
    assert not any("WARNING" in d for d in result.diagnostics)
    assert not any("came from a stale table" in d for d in result.diagnostics)
    # the same United States as in 2023, third behind NATO and the E3-less coalition
    assert result.ranks["weighted_sum"]["USA"] <= 3


def test_beyond_the_horizon_atop_is_stale_again(ds):
    threats = [("RUS", 1.0)]
    for year, flag in ((2025, "carried forward"), (2026, "stale")):
        deterrence = measure(
            ds, None, "extended_deterrence", ["USA"], focal="DEU", year=year, threats=threats
        )
        assert deterrence.sources["USA"] == f"nuclear 2022; atop 2018 ({flag})"
    assert math.isnan(deterrence.values["USA"]) and deterrence.stale["USA"]
    ties = measure(ds, None, "defence_ties", ["USA"], focal="DEU", year=2026, threats=threats)
    assert math.isnan(ties.values["USA"]) and ties.sources["USA"] == "atop 2018 (stale)"
    levels = ds.alliance_levels("DEU", ["USA"], 2025)
    assert levels[["level", "carried_forward", "stale"]].iloc[0].tolist() == [3.0, True, False]


# ----------------------------------------------------------------------------- the overrides
def test_the_russian_north_korean_treaty_is_a_defence_pact_from_2024(ds, shared):
    threats = [("PRK", 1.0)]
    years = {}
    for year in (2023, 2024, 2025):
        got = measure(
            ds, shared, "threat_alliance_depth", ["RUS"], focal="JPN", year=year, threats=threats
        )
        years[year] = got.values["RUS"]
        if year >= 2024:
            assert "override (defence_pact, from 2024)" in got.sources["RUS"]
            assert "Comprehensive Strategic Partnership" in got.sources["RUS"]
    # 2023: the 2000 treaty's consultation (ATOP, carried forward); from 2024: Article 4
    assert years == {2023: 0.5, 2024: 1.0, 2025: 1.0}


def test_iran_and_belarus_join_the_sco_in_their_years(ds, shared):
    def depth(focal, threat, candidates, year):
        got = measure(
            ds,
            shared,
            "threat_alliance_depth",
            candidates,
            focal=focal,
            year=year,
            threats=[(threat, 1.0)],
        )
        return got.values.tolist()

    # Iran: a full member from the New Delhi summit, 4 July 2023
    assert depth("SAU", "IRN", ["PAK", "IND", "CHN"], 2022) == [0.0, 0.0, 0.0]
    assert depth("SAU", "IRN", ["PAK", "IND", "CHN"], 2023) == [0.5, 0.5, 0.5]
    # Belarus: from the Astana summit, 4 July 2024 (ATOP: non-aggression with China from 2015)
    assert depth("LTU", "BLR", ["CHN"], 2023) == [0.25]
    assert depth("LTU", "BLR", ["CHN"], 2024) == [0.5]


def test_the_sahel_states_alliance_and_their_ecowas_exit(ds, shared):
    others = ["NGA", "CIV", "SLE", "BEN", "MLI", "BFA"]

    def ties(year):
        return measure(
            ds, shared, "defence_ties", others, focal="NER", year=year, threats=[("FRA", 1.0)]
        )

    # in ECOWAS (its 1981 defence protocol, ATOP carried forward) and the AU's defence pact
    assert ties(2024).values.tolist() == [3.0, 3.0, 3.0, 3.0, 3.0, 3.0]
    # out of ECOWAS from 29 January 2025: the AU's non-aggression only with the states that
    # are not parties to the AU's defence pact; the Alliance of Sahel States holds
    later = ties(2025)
    assert later.values.tolist() == [1.0, 1.0, 1.0, 3.0, 3.0, 3.0]
    assert "override (dialogue, from 2025): ECOWAS Authority" in later.sources["NGA"]
    assert later.sources["BEN"] == "atop 2018 (carried forward)"
    assert ties(2024).sources["NGA"] == "atop 2018 (carried forward)"
    # the Alliance of Sahel States from its charter (16 September 2023), not before; it
    # decides where ATOP says nothing (past the horizon), beside ATOP's own pledges before
    assert shared.tie("NER", "MLI", 2022) is None
    assert shared.tie("NER", "MLI", 2023).kind == "defence_pact"
    assert shared.tie("BFA", "NER", 2023).kind == "defence_pact"
    past = ties(2026)
    assert math.isnan(past.values["BEN"]) and past.values[["MLI", "BFA"]].tolist() == [3.0, 3.0]
    assert "override (defence_pact, from 2023): Liptako-Gourma Charter" in past.sources["MLI"]
    # Mali had no ECOWAS defence pledge in ATOP: its pairs do not change
    mali = measure(ds, shared, "defence_ties", ["NGA"], focal="MLI", year=2025, threats=[])
    assert mali.values["NGA"] == 1.0 and mali.sources["NGA"] == "atop 2018 (carried forward)"


def test_ukraine_is_not_aligned_with_belarus_from_2022(ds, shared, tmp_path):
    threats = [("RUS", 1.0), ("BLR", 0.4)]

    def aligned(year):
        return measure(
            ds, shared, "threat_alliance_depth", ["UKR"], focal="DEU", year=year, threats=threats
        )

    # the 1995 treaty's consultation (0.5) times Belarus's relative severity (0.4)
    assert aligned(2021).values["UKR"] == pytest.approx(0.2)
    later = aligned(2022)
    assert later.values["UKR"] == 0.0
    assert (
        "override (none, from 2022): UN General Assembly resolution ES-11/1"
        in (later.sources["UKR"])
    )
    # the user's profile: Germany 2023
    result = score(germany(tmp_path, 2023), data=ds)
    assert result.matrix.raw.at["UKR", "alliance_with_threats"] == 0.0


# ----------------------------------------------------------------------------- the warning
def _rivalry_td_profile(tmp_path):
    """India's shipped profile, whose criteria read the older rivalry table (Thompson and
    Dreyer, to 2010, stale after 2015) for rival_of_threats."""
    criteria = default_criteria().read_text(encoding="utf-8")
    line = '  measure = "threat_rivalry"\n'
    assert criteria.count(line) == 1
    criteria = criteria.replace(line, line + '  params = { table = "rivalry_td" }\n')
    (tmp_path / "td.toml").write_text(criteria, encoding="utf-8")
    text = (package_root() / "profiles" / "india.toml").read_text(encoding="utf-8")
    text = text.replace('criteria = "../criteria/default.toml"', 'criteria = "td.toml"')
    text = text.replace('facts = ["../facts/ties.toml"]', f"facts = [{json.dumps(str(FACTS))}]")
    path = tmp_path / "india_td.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_that_has_ended_is_one_warning_line_in_score_and_validate(tmp_path, ds, capsys):
    path = _rivalry_td_profile(tmp_path)
    result = score(path, data=ds)
    total = len(result.matrix.values.index)
    lines = [d for d in result.diagnostics if d.startswith("WARNING: rivalry_td")]
    assert lines == [
        "WARNING: rivalry_td ends in 2010 (its spells carried forward through 2015), so in 2018 "
        f"it leaves rival_of_threats missing for {total - 1} of {total} alternatives (filled by "
        "the missing-data policy); score 2015 or earlier, or give rival_of_threats no weight"
    ]
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"  note: {lines[0]}\n" in out
    # the shipped profile, whose tables have not ended, gets no such line
    assert main(["validate", str(package_root() / "profiles" / "india.toml")]) == 0
    assert "ends in" not in capsys.readouterr().out


def test_atop_past_its_horizon_names_what_it_knocked_out_and_what_to_do(tmp_path, monkeypatch):
    # as the data set was: ATOP stale after five years, Germany 2024 lost three indicators
    monkeypatch.setitem(TABLES, "atop", replace(TABLES["atop"], max_staleness_years=5))
    result = score(germany(tmp_path, 2024), data=load(cache=False))
    lines = [d for d in result.diagnostics if d.startswith("WARNING: atop")]
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith(
        "WARNING: atop ends in 2018 (its spells carried forward through 2023), so in 2024 it "
        "leaves alliance_with_threats missing for "
    )
    assert "defence_ties for 3" in line and "nuclear for 3" in line
    assert line.endswith(
        "score 2023 or earlier, or record the ties in force in 2024 as sourced "
        "[[overrides.ties]] (in a facts file or the profile)"
    )
