"""Provenance records: every form of source string they render, the facts readers take from
them, and the round trip to the strings the demo profiles have always shown."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from alliancescore.data.provenance import (
    EMPTY,
    Provenance,
    Use,
    combine,
    render,
    render_use,
    scoped,
    table_years,
    year_labels,
)
from alliancescore.shipped import demo_profiles

SOURCES = Path(__file__).parents[1] / "analysis" / "golden" / "sources"

FORMS = [
    (Use("nmc", "cinc", 2018), "nmc 2018"),
    (Use("nmc", "milex", 2001, stale=True), "nmc 2001 (stale)"),
    (Use("unga", "idealpointfp"), "unga none"),
    (Use("mid_cow", years=(2009, 2014)), "mid_cow 2009-2014"),
    (Use("mid_cow", years=(2014, 2014), stale=True), "mid_cow 2014-2014 (stale)"),
    (Use("mid_cow", reason="window 2009-2018 not covered"),
     "mid_cow none (window 2009-2018 not covered)"),
    (Use("rivalry_tss", years=2020, carried_forward=True), "rivalry_tss 2020 (carried forward)"),
    (Use("rivalry_tss", years=2020, carried_forward=True, stale=True), "rivalry_tss 2020 (stale)"),
    (Use("contiguity", reason="before 1946"), "contiguity none (before 1946)"),
    (Use("capitals", reason="no capital for the candidate"),
     "capitals none (no capital for the candidate)"),
    (Use("nmc", "milex", 2021, override="test estimate"), "override 2021: test estimate"),
    (Use("nmc", "milex", 2010, stale=True, override="old estimate"),
     "override 2010: old estimate (stale)"),
    (Use("atop", years=2021, override="AUKUS", tie_kind="security_partnership"),
     "override (security_partnership, from 2021): AUKUS"),
    (Use("warheads", "stockpile", 2018, inferred="not on the FAS list (0)"),
     "warheads 2018: not on the FAS list (0)"),
    (Use("warheads", "stockpile", 2023, stale=True, reason="the FAS list may have grown"),
     "warheads 2023 (stale: the FAS list may have grown)"),
    (Use("arms_shares", years=(2009, 2018), reason="none: no orders by KIR in the window"),
     "arms_shares 2009-2018 (none: no orders by KIR in the window)"),
    (Use(None, role="threats", reason="no other threat actor in the profile"),
     "threats none (no other threat actor in the profile)"),
    (Use("unga", "idealpointfp", 2018, role="threats", nations=("CHN", "RUS")),
     "threats CHN, RUS: unga 2018"),
    (Use("capitals", role="theatre", nations=("KOR",)), "theatre KOR: capitals none"),
]  # fmt: skip


@pytest.mark.parametrize(("use", "text"), FORMS, ids=[t for _, t in FORMS])
def test_every_form_of_source_string(use, text):
    assert render_use(use) == text
    assert render(Provenance((use,))) == text


def test_cells_coalitions_and_free_text():
    cell = Provenance((Use("nmc", "cinc", 2018), Use("capitals", years=2018)))
    assert render(cell) == "nmc 2018; capitals 2018"
    coalition = Provenance(aggregation="mean", members=("USA", "IND", "AUS"))
    assert render(coalition) == "mean over USA, IND, AUS"
    assert render(Provenance(text="my own source")) == "my own source"
    assert render(EMPTY) == ""
    # the policy is part of the record, not of the text
    assert render(Provenance(cell.uses, policy="worst")) == render(cell)


def test_combine_joins_per_candidate_and_scoped_groups_equal_records():
    a, b = Provenance((Use("unga", years=2018),)), Provenance((Use("unga"),))
    joined = combine([a, b, a], Use("capitals", years=2018))
    assert [render(r) for r in joined] == [
        "unga 2018; capitals 2018",
        "unga none; capitals 2018",
        "unga 2018; capitals 2018",
    ]
    assert joined[0] is joined[2]  # one record per distinct combination
    assert combine([a], a)[0].uses == a.uses  # a repeated use is listed once
    threats = scoped("threats", ["CHN", "PRK", "RUS"], [a, b, a])
    assert render(threats) == "threats CHN, RUS: unga 2018; threats PRK: unga none"


def test_readers_take_facts_not_text():
    cell = Provenance(
        (
            Use("rivalry_tss", years=2020, carried_forward=True),
            Use("mid_cow", years=(2014, 2014), stale=True),
            Use("nmc", "milex", 2021, override="a 2021 estimate: nmc 2020 revised"),
            Use("capitals", reason="no capital for the candidate"),
            Use(None, role="theatre", reason="no theatre states"),
            Use("unga", years=2018, role="focal", nations=("JPN",)),
        )
    )
    tables = ["rivalry_tss", "mid_cow", "nmc", "capitals", "unga"]
    assert table_years(cell, tables) == [
        ("rivalry_tss", "2020", "carried forward"),
        ("mid_cow", "2014-2014", "stale"),
        ("capitals", "none", "no capital for the candidate"),
        ("unga", "2018", ""),
    ]
    assert table_years(cell, ["unga"]) == [("unga", "2018", "")]
    # an override's note is never read as a table use, whatever its text says
    assert year_labels(cell, tables) == ["rivalry_tss 2020", "mid_cow 2014-2014", "unga 2018"]


# ----------------------------------------------------------------------------- demo round trip
@pytest.mark.parametrize("profile", [p.stem for p in demo_profiles()])
def test_records_render_the_demo_sources_as_they_always_were(profile, demo_result):
    """``golden/sources/<profile>.csv``: the demo matrices' source strings before the records
    (as the string-based code wrote them). A commit that changes the data or a measure on
    purpose regenerates them (``result.matrix.sources.rename_axis("alternative").to_csv``)
    and says why."""
    expected = pd.read_csv(
        SOURCES / f"{profile}.csv", index_col=0, dtype=str, keep_default_na=False
    )
    matrix = demo_result(profile).matrix
    got = matrix.provenance.map(render)
    assert list(got.index) == list(expected.index)
    assert list(got.columns) == list(expected.columns)
    assert (got.to_numpy() == expected.to_numpy()).all()
    assert (matrix.sources.to_numpy() == expected.to_numpy()).all()


# How the report read the strings before the records (kept here only as the oracle that the
# records give the report the same facts).
# The reason group also accepts the records' "not listed 2015-2018: not a UN member" (a state
# outside the source) and a state followed by a remark, "carried forward: with threat actor
# RUS: strategic rivals, ..." (render_use's form for a flagged use with a reason), which the
# old strings never carried.
_OLD_REPORT = re.compile(
    r"\b([a-z][a-z0-9_]*) (\d{4}(?:-\d{4})?|none)"
    r"(?: \(((?:carried forward|stale)(?=: [^()]+\))|[a-z ]+(?=\))|not listed [^()]+(?=\)))"
    r"(?:: [^()]+)?\))?"
)
_OLD_BACKTEST = re.compile(r"\b([a-z_]+) (\d{4}(?:-\d{4})?)\b")


@pytest.mark.parametrize("profile", [p.stem for p in demo_profiles()])
def test_records_give_readers_what_the_old_parsers_read(profile, demo_result, dataset):
    matrix = demo_result(profile).matrix
    tables = list(dataset.manifest["tables"])
    old, new = Counter(), Counter()
    old_labels, new_labels = Counter(), Counter()
    for alt, cells in matrix.provenance.iterrows():
        for ind, record in cells.items():
            text = matrix.sources.loc[alt, ind]
            old.update((t, y, f) for t, y, f in _OLD_REPORT.findall(text) if t in tables)
            new.update(table_years(record, tables))
            old_labels.update(
                list(
                    dict.fromkeys(
                        " ".join(m) for m in _OLD_BACKTEST.findall(text) if m[0] in tables
                    )
                )
            )
            new_labels.update(year_labels(record, tables))
    assert new == old and new
    assert new_labels == old_labels


def test_the_matrix_lists_its_records_as_a_tidy_table(demo_result):
    matrix = demo_result("japan").matrix
    uses = matrix.uses()
    assert {"alternative", "indicator", "table", "years", "stale", "policy"} <= set(uses)
    usa = uses[(uses["alternative"] == "USA") & (uses["indicator"] == "capability")]
    assert usa[["table", "column", "years"]].values.tolist() == [["nmc", "milex", 2018]]
    # coalition cells record their aggregation and partners, not table uses
    quad = matrix.provenance.loc["quad", "capability"]
    assert quad.aggregation == "sum" and quad.members == ("USA", "IND", "AUS")
    assert "quad" not in set(uses["alternative"])
    # the policy applied is part of each filled cell's record
    for alt, cells in matrix.policy_applied.iterrows():
        for ind, policy in cells.items():
            assert matrix.provenance.loc[alt, ind].policy == policy
