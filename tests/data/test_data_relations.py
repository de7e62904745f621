"""Diplomatic relations (issue 14): the hand-kept table of spells without relations and the
profile screen built on it.

Hand-checked rows: reference/diplomatic_relations.csv (Saudi Arabia has never had relations
with Israel; the UAE and Bahrain from the Abraham Accords, 15 September 2020; Egypt from
February 1980; the Saudi-Soviet restoration of 17 September 1990 (AP); Mauritania's embassy
closed in March 2009; the Qatar boycott 5 June 2017 - 5 January 2021; Pakistan has not
recognised Armenia).
"""

from __future__ import annotations

import pandas as pd
import pytest

from alliancescore.data.builders_relations import build_diplomatic_relations
from alliancescore.errors import AllianceScoreError
from reference_build import build_reference


def relations(ds, focal, others, year):
    return ds.diplomatic_relations(focal, others, year)["relations"].to_dict()


def test_israel_in_2018(dataset):
    got = dataset.diplomatic_relations("ISR", ["SAU", "ARE", "EGY", "JOR", "USA", "IRQ"], 2018)
    assert got["relations"].to_dict() == {
        "SAU": False,  # never
        "ARE": False,  # before the Abraham Accords (2020)
        "EGY": True,  # since 1980, not listed after
        "JOR": True,
        "USA": True,  # not listed: read as relations
        "IRQ": False,
    }
    assert got["listed"].to_dict() == {
        "SAU": True, "ARE": True, "EGY": False, "JOR": False, "USA": False, "IRQ": True,
    }  # fmt: skip
    assert "Abraham Accords" in got.at["ARE", "dates"]
    assert got.at["ARE", "last_year"] == 2019 and pd.isna(got.at["SAU", "last_year"])


@pytest.mark.parametrize(
    ("focal", "other", "year", "expected"),
    [
        ("ISR", "ARE", 2019, False),
        ("ISR", "ARE", 2020, True),  # read at 31 December: the Accords of September 2020
        ("ISR", "EGY", 1979, False),
        ("ISR", "EGY", 1980, True),
        ("RUS", "SAU", 1989, False),  # the pair is unordered
        ("SAU", "RUS", 1990, True),  # restored on 17 September 1990
        ("ISR", "MRT", 2005, True),
        ("ISR", "MRT", 2009, False),
        ("SAU", "QAT", 2016, True),
        ("SAU", "QAT", 2017, False),
        ("SAU", "QAT", 2021, True),
        ("PAK", "ARM", 2018, False),
        ("AUS", "AFG", 2020, True),
        ("AUS", "AFG", 2021, False),  # embassy closed 28 May 2021; the Taliban not recognised
    ],
)
def test_spells_are_read_at_the_end_of_the_year(dataset, focal, other, year, expected):
    assert relations(dataset, focal, [other], year) == {other: expected}


def test_taiwan_has_relations_only_where_a_state_has_not_recognised_beijing(dataset):
    # Each state's recognition of the People's Republic ends its relations with the Republic
    # of China (Japan: the Joint Communique of 29 September 1972; South Korea: 24 August 1992;
    # South Africa: from 1 January 1998). The United States is not listed: the Taiwan
    # Relations Act (1979) carries the relationship in statute, with a security clause.
    got = dataset.diplomatic_relations("TWN", ["JPN", "KOR", "IND", "ZAF", "USA"], 2018)
    assert got["relations"].to_dict() == {
        "JPN": False, "KOR": False, "IND": False, "ZAF": False, "USA": True,
    }  # fmt: skip
    assert not got.at["USA", "listed"]
    assert "Joint Communique" in got.at["JPN", "dates"]
    assert relations(dataset, "JPN", ["TWN"], 1971) == {"TWN": True}
    assert relations(dataset, "KOR", ["TWN"], 1991) == {"TWN": True}
    assert relations(dataset, "ZAF", ["TWN"], 1997) == {"TWN": True}
    assert relations(dataset, "ZAF", ["TWN"], 1998) == {"TWN": False}


def test_the_screen_leaves_taiwan_out_for_japan_not_for_the_united_states(demo_result):
    japan, usa = demo_result("japan"), demo_result("united_states")
    assert "TWN" in japan.matrix.screened and "TWN" not in japan.scores.index
    assert "TWN" not in usa.matrix.screened and "TWN" in usa.scores.index


def test_the_focal_nation_and_bad_arguments(dataset):
    assert relations(dataset, "ISR", ["ISR"], 2018) == {"ISR": True}
    with pytest.raises(AllianceScoreError, match="ISX"):
        dataset.diplomatic_relations("ISX", ["USA"], 2018)


# ------------------------------------------------------------------------- the input checks
HEADER = "state_a,state_b,first_year,last_year,dates,source\n"


def build_from(ds, text: str):
    return build_reference(
        ds, "diplomatic_relations", text, build_diplomatic_relations, ("USA", "IRN", "CUB")
    )


def test_the_input_is_checked(dataset):
    ok = HEADER + "IRN,USA,1980,,d,s\nCUB,USA,1961,2014,d,s\n"
    assert list(build_from(dataset, ok)["state_a"]) == ["CUB", "IRN"]  # sorted
    with pytest.raises(AllianceScoreError, match="state_a before state_b in alphabetical"):
        build_from(dataset, HEADER + "USA,IRN,1980,,d,s\n")
    with pytest.raises(AllianceScoreError, match="one span at a time for IRN-USA"):
        build_from(dataset, ok + "IRN,USA,1990,2000,d,s\n")
    with pytest.raises(AllianceScoreError, match="at or after first_year = 1961"):
        build_from(dataset, HEADER + "CUB,USA,1961,1950,d,s\n")
    with pytest.raises(AllianceScoreError, match=r"a state in 1950 .* GBR was not"):
        build_from(dataset, HEADER + "GBR,USA,1950,,d,s\n")


def test_every_row_names_its_event_and_source(dataset):
    table = dataset.frame("diplomatic_relations")
    assert len(table) >= 70
    assert table["dates"].str.len().min() > 10 and table["source"].str.len().min() > 10
