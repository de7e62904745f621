"""The data layer's fast all-candidates queries (the ones measures and the backtest use),
against hand-computed values: on small made-up tables for the rules, then on the real data
where the values are known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from alliancescore.data import lookups
from alliancescore.data.geo import great_circle_km
from alliancescore.errors import AllianceScoreError

# ----------------------------------------------------------------------------- the rules


def test_window_state_covers_cuts_and_goes_stale():
    # MID-like table covering 1946-2014, stale 5 years after its last covered year
    assert lookups.window_state(2009, 2018, 1946, 2014, 5) == ((2009, 2014), False)
    assert lookups.window_state(2011, 2020, 1946, 2014, 5) == ((2011, 2014), True)
    assert lookups.window_state(2010, 2019, 1946, 2014, 5) == ((2010, 2014), False)
    assert lookups.window_state(1930, 1940, 1946, 2014, 5) == (None, False)
    assert lookups.window_state(1940, 1950, 1946, 2014, None) == ((1946, 1950), False)


def test_window_rows_are_inclusive():
    events = pd.DataFrame({"year": [1999, 2000, 2005, 2010, 2011], "x": range(5)})
    assert lookups.window_rows(events, 2000, 2010)["x"].tolist() == [1, 2, 3]


def test_both_ways_lists_each_pair_from_both_sides():
    rows = pd.DataFrame({"iso_a": ["AAA", "BBB"], "iso_b": ["CCC", "AAA"], "n": [1, 2]})
    out = lookups.both_ways(rows, ("n",))
    assert out.values.tolist() == [
        ["AAA", "CCC", 1],
        ["BBB", "AAA", 2],
        ["CCC", "AAA", 1],
        ["AAA", "BBB", 2],
    ]


def test_pair_counts_by_hand():
    pairs = pd.DataFrame(
        {"state": ["AAA", "AAA", "AAA", "BBB", "CCC"], "other": ["BBB", "BBB", "CCC", "AAA", "AAA"]}
    )
    counts = lookups.pair_counts(pairs, ["AAA", "BBB", "DDD"], ["BBB", "AAA", "BBB"])
    np.testing.assert_array_equal(counts, [[2, 0, 2], [0, 1, 0], [0, 0, 0]])


def test_alliance_levels_by_hand():
    frame = pd.DataFrame(
        {
            "defense": [1, 0, 0, 0, 0],
            "offense": [1, 1, 0, 0, 0],
            "neutral": [0, 0, 0, 1, 0],
            "nonagg": [1, 1, 1, 1, 0],
            "consul": [0, 0, 0, 0, 0],
        },
        dtype="Int64",
    )
    assert lookups.alliance_levels(frame).tolist() == [3.0, 2.0, 1.0, 2.0, 0.0]


def test_capital_distances_by_hand():
    capitals = pd.DataFrame(
        {"lat": [0.0, 0.0, np.nan], "lng": [0.0, 90.0, np.nan]},
        index=pd.Index(["AAA", "BBB", "CCC"], name="iso3"),
    )
    km, rows_missing, columns_missing = lookups.capital_distances(
        capitals, ["AAA", "CCC"], ["BBB", "AAA"]
    )
    quarter = np.pi / 2 * 6371.0088  # a quarter of the equator
    np.testing.assert_allclose(km[0], [quarter, 0.0])
    assert np.isnan(km[1]).all()
    assert rows_missing.tolist() == [False, True] and columns_missing.tolist() == [False, False]
    assert great_circle_km(0.0, 0.0, 0.0, 90.0) == pytest.approx(quarter)


# ----------------------------------------------------------------------------- real data


def test_spell_pairs_of_the_rivalries(dataset):
    spells = dataset.spell_pairs("rivalry_tss", 2018)
    assert (spells.year_used, spells.carried_forward, spells.stale) == (2018, False, False)
    china = spells.pairs.loc[spells.pairs["state"] == "CHN", "other"]
    assert sorted(china) == ["IND", "JPN", "TWN", "USA"] == dataset.rivals("CHN", 2018)
    assert len(spells.pairs) % 2 == 0  # every pair from both sides
    later = dataset.spell_pairs("rivalry_tss", 2022)
    assert (later.year_used, later.carried_forward, later.stale) == (2020, True, False)
    stale = dataset.spell_pairs("rivalry_tss", 2026)
    assert (stale.year_used, stale.carried_forward, stale.stale) == (2020, True, True)
    assert stale.pairs.empty
    assert dataset.spell_pairs("rivalry_tss", 2018) is spells  # asked once, shared
    with pytest.raises(AllianceScoreError, match="a dyadic spell table"):
        dataset.spell_pairs("nmc", 2018)


def test_event_windows(dataset):
    window = dataset.event_window("mid_cow", 2018, 10)
    assert (window.first, window.last, window.covered, window.stale) == (
        2009,
        2018,
        (2009, 2014),
        False,
    )
    assert window.usable and window.years == 10
    assert dataset.event_window("mid_cow", 2020, 10).stale
    assert dataset.event_window("mid_cow", 1940, 3).covered is None
    assert not dataset.event_window("mid_cow", 1940, 3).usable
    assert dataset.event_window("ucdp", 2024, 5).covered == (2020, 2024)
    with pytest.raises(AllianceScoreError, match="an event table"):
        dataset.event_window("atop", 2018, 10)
    with pytest.raises(AllianceScoreError, match="whole number of years"):
        dataset.event_window("mid_cow", 2018, 0)


def test_dispute_pairs_count_disputes_as_the_pair_lookup_does(dataset):
    pairs = dataset.dispute_pairs(2009, 2018)
    assert not pairs.duplicated().any()
    others = ["RUS", "CHN", "PRK", "IRN"]
    counts = lookups.pair_counts(pairs, ["USA"], others)[0]
    assert counts.tolist() == [3.0, 4.0, 2.0, 3.0]
    expected = dataset.disputes("USA", others, 2009, 2018)["disputes"]
    assert counts.tolist() == expected.astype(float).tolist()


def test_dispute_pairs_by_hostility_level(dataset):
    # cow_mid5_ddy.csv line 2971: dispute 4678, Germany (255)-Russia (365), 2014, hostlev 3
    # (a display of force); line 4652: 4682, Russia-Ukraine, 2014, hostlev 4 (use of force).
    every = dataset.dispute_pairs(2014, 2014)
    force = dataset.dispute_pairs(2014, 2014, min_hostility=4)
    russia = set(every.loc[every["state"] == "RUS", "other"])
    assert {"DEU", "UKR"} <= russia
    assert set(force.itertuples(index=False)) <= set(every.itertuples(index=False))
    assert "UKR" in set(force.loc[force["state"] == "RUS", "other"])
    assert "DEU" not in set(force.loc[force["state"] == "RUS", "other"])
    assert dataset.dispute_pairs(2014, 2014, min_hostility=1) is every  # memoised
    with pytest.raises(AllianceScoreError, match="a MID hostility level 1-5"):
        dataset.dispute_pairs(2014, 2014, min_hostility=6)


def test_conflict_pairs_same_and_opposite_sides(dataset):
    # ucdp_acd_conflict_years.csv lines 3204-3205 (conflict 299, 2015): side A Syria with
    # Russia and Iran as secondary parties; line 633 (13243, 2022): Russia v Ukraine.
    same = dataset.conflict_pairs(2015, 2015, same_side=True)
    syria = same[same["conflict_id"] == 299]
    assert set(zip(syria["state"], syria["other"], strict=True)) == {
        (a, b) for a in ("SYR", "RUS", "IRN") for b in ("SYR", "RUS", "IRN") if a != b
    }
    assert not same.duplicated().any()
    # a side of three is left out under a limit of two; a side Syria fought on, apart from it
    assert 299 not in set(
        dataset.conflict_pairs(2015, 2015, same_side=True, max_side_states=2)["conflict_id"]
    )
    assert 299 not in set(
        dataset.conflict_pairs(2015, 2015, same_side=True, apart_from="SYR")["conflict_id"]
    )
    opposite = dataset.conflict_pairs(2022, 2022, same_side=False, types=["interstate"])
    war = opposite[opposite["conflict_id"] == 13243]
    assert sorted(zip(war["state"], war["other"], strict=True)) == [("RUS", "UKR"), ("UKR", "RUS")]
    assert dataset.conflict_pairs(1900, 1910, same_side=False).empty  # before UCDP
    with pytest.raises(AllianceScoreError, match="a whole number >= 2 or None"):
        dataset.conflict_pairs(2015, 2015, same_side=True, max_side_states=1)
    with pytest.raises(AllianceScoreError, match="Did you mean"):
        dataset.conflict_pairs(2015, 2015, same_side=True, apart_from="SYRR")


def test_alliance_levels_of_known_ties(dataset):
    frame = dataset.alliance_levels("USA", ["JPN", "AUS", "NZL"], 2018)
    # New Zealand: ATOP's non-aggression only, from 2009: the Treaty of Amity and Cooperation
    # (the US acceded 23 July 2009), a code of conduct, so no dialogue (data.depth)
    assert frame["level"].tolist() == [3.0, 3.0, 0.0]
    assert frame["code"].tolist() == [None, None, "tac_code"]
    assert "(tac_code): both parties from 2009" in frame.at["NZL", "code_basis"]
    # a non-aggression run older than the code is a dialogue: the 1992 Korean-Russian treaty
    assert dataset.alliance_levels("RUS", ["KOR"], 2018)["level"].tolist() == [1.0]
    # ANZUS: the United States suspended its obligations to New Zealand in 1986
    assert dataset.alliance_levels("USA", ["NZL", "JPN"], 1990)["level"].tolist() == [0.0, 3.0]
    later = dataset.alliance_levels("USA", ["JPN"], 2020)
    assert later[["level", "year_used", "carried_forward", "stale"]].iloc[0].tolist() == [
        3.0,
        2018,
        True,
        False,
    ]
    # treaty spells carried forward through 2025 (TABLES["atop"].horizon), stale later
    carried = dataset.alliance_levels("USA", ["JPN"], 2025)
    assert carried[["level", "carried_forward", "stale"]].iloc[0].tolist() == [3.0, True, False]
    stale = dataset.alliance_levels("USA", ["JPN"], 2026)
    assert np.isnan(stale["level"].iloc[0]) and bool(stale["stale"].iloc[0])
    tie = dataset.alliance("USA", "JPN", 2018)
    assert tie.defense == 1


def test_year_totals_sum_the_values_of_a_year():
    frame = pd.DataFrame(
        {"iso3": ["AAA", "BBB", "CCC", "AAA"], "year": [2000, 2000, 2000, 2001],
         "x": [1.0, np.nan, 3.0, 5.0]}
    )  # fmt: skip
    totals = lookups.year_totals(frame, "x")
    assert totals.to_dict("index") == {
        2000: {"total": 4.0, "count": 2},
        2001: {"total": 5.0, "count": 1},
    }


def test_listed_sees_rows_even_with_empty_cells():
    frame = pd.DataFrame({"iso3": ["AAA", "BBB"], "year": [2000, 2003], "x": [np.nan, 1.0]})
    assert lookups.listed(frame, ["AAA", "BBB", "CCC"], 2000, 2002).tolist() == [True, False, False]


def test_states_outside_the_un_votes_are_absent(dataset):
    # unga.csv: Taiwan's rows end in 1971, Kosovo has none, Switzerland's begin in 2002
    absent = dataset.absent("unga", ["TWN", "XKX", "CHE", "USA"], 2018)
    assert absent.tolist() == [True, True, False, False]
    assert dataset.absent("unga", ["CHE", "TWN"], 1995).tolist() == [True, True]
    assert dataset.absent("unga", ["CHE", "TWN"], 1970).tolist() == [True, False]
    # past the table's end and its staleness (2024 + 3) nobody is listed: not absence
    assert not dataset.absent("unga", ["TWN", "USA"], 2030).any()
    # a table without the declaration: a missing row says nothing (NMC's North Korea)
    assert not dataset.absent("nmc", ["PRK", "TWN"], 2018).any()
    assert dataset.absent("vdem", ["AND", "FIN"], 2023).tolist() == [True, False]


def test_year_totals_of_the_military_spending_tables(dataset):
    nmc = dataset.year_totals("nmc", "milex")
    # 173 states less three set missing by errata (Ukraine, Ethiopia, Kosovo: 3547000 + 430000 + 0)
    assert nmc.loc[2022].tolist() == [2_013_993_000.0, 170]
    sipri = dataset.year_totals("sipri_milex", "milex_usd2023m")
    assert list(sipri.index) == [2020, 2021, 2022, 2023, 2024]
    assert sipri.loc[2023, "count"] == 153


# The contested-seat rule (``reference/contested_un_seats.csv``, issue 14). Real rows of
# unga_idealpoints_july2025.csv: Cambodia's ideal point is -0.868 in 1978 (Democratic
# Kampuchea in power), about 0 in 1979-1989 (the Khmer Rouge envoys, ousted in January 1979)
# and -0.501 in 1991 (the Supreme National Council); no Cambodian row for 1990. Myanmar's is
# -0.937 in 2020 and -0.096 in 2023 (the envoy of the government the coup ousted).


def test_a_contested_seat_is_not_read_nor_carried_across(dataset):
    def point(nation: str, year: int) -> tuple[float | None, int | None]:
        row = dataset.values("unga", ["idealpointfp"], [nation], year).iloc[0]
        value, used = row["idealpointfp"], row["idealpointfp_year"]
        return (None if pd.isna(value) else round(float(value), 3)), (
            None if pd.isna(used) else int(used)
        )

    assert point("KHM", 1978) == (-0.865, 1978)
    # inside the spell: neither the spell's votes nor Democratic Kampuchea's 1978 ones
    assert point("KHM", 1979) == (None, None)
    # the seat was vacant in 1990 (no row): nothing is carried across the spell
    assert point("KHM", 1990) == (None, None)
    assert point("KHM", 1991) == (-0.501, 1991)
    assert point("MMR", 2020) == (-0.937, 2020)
    assert point("MMR", 2023) == (None, None)  # not 2020 carried forward (3 years: fresh)
    assert point("AFG", 1995) == (-0.717, 1995)
    assert point("AFG", 1998) == (None, None)
    assert point("AFG", 2001) == (-0.866, 2001)
    # other states are untouched
    assert point("VNM", 1985) == (-1.553, 1985)


def test_no_lookup_reads_a_year_inside_or_before_a_contested_spell(dataset):
    # A property over the shipped table: a lookup at any year from a spell's start to three
    # years past its end (the staleness limit) never uses a year up to the spell's end.
    spells = dataset.frame("contested_un_seats")
    assert len(spells) >= 6
    for spell in spells.itertuples(index=False):
        last = 2024 if pd.isna(spell.last_year) else int(spell.last_year)
        for year in range(int(spell.first_year), last + 4):
            used = dataset.values("unga", ["idealpointfp"], [spell.iso3], year)
            used = used["idealpointfp_year"].iloc[0]
            assert pd.isna(used) or used > last, (spell.iso3, year, used)


def test_a_contested_seat_reads_as_outside_the_un_with_its_reason(dataset):
    reasons = dataset.absence_reasons("unga", ["MMR", "AFG", "TWN", "USA", "KHM"], 2023)
    assert reasons["MMR"].startswith(
        "UN votes cast by envoys of a government not in control from 2021 (checked to 2024): "
        "seat held by Ambassador Kyaw Moe Tun"
    )
    assert "governing: the military" in reasons["MMR"]
    assert reasons["MMR"].endswith("(contested_un_seats, spell from 2021)")
    # Afghanistan's later spell decides, not its 1996-2000 one
    assert reasons["AFG"].startswith(
        "UN votes cast by envoys of a government not in control from 2021"
    )
    assert reasons["TWN"] == "not listed 2020-2023: not a UN member"
    assert reasons["USA"] == reasons["KHM"] == ""
    assert dataset.absent("unga", ["KHM", "VNM"], 1985).tolist() == [True, False]
    assert (
        "1979-1989: seat held by Democratic Kampuchea"
        in dataset.absence_reasons("unga", ["KHM"], 1985)["KHM"]
    )
    # after a spell, until the state's next row (Cambodia's seat was vacant in 1990): still
    # outside the votes, saying so, not "not a UN member" and not a gap filled as worst
    after = dataset.absence_reasons("unga", ["KHM"], 1990)["KHM"]
    assert after.startswith("no votes recorded since; UN votes cast by envoys")
    assert "1979-1989" in after
    assert "in 2009:" in dataset.absence_reasons("unga", ["HND"], 2009)["HND"]
    assert not dataset.absent("unga", ["KHM", "HTI", "HND"], 1994).any()
    # past the table's end and its staleness nobody is absent, an open spell neither
    assert not dataset.absent("unga", ["MMR", "AFG"], 2030).any()
    # a table that declares no contested spells: Myanmar is simply listed in V-Dem
    assert not dataset.absent("vdem", ["MMR"], 2023).any()


def test_the_contested_seat_table_refuses_overlapping_spells_and_non_states():
    # the builder's checks (data/builders_forces.py), on rows written by hand
    from alliancescore.data.builders_forces import build_contested_un_seats

    rows = pd.DataFrame(
        {
            "iso3": ["MMR", "MMR", "XKX"],
            "first_year": [2021, 2023, 1990],
            "last_year": [pd.NA, pd.NA, pd.NA],
            "seat_held_by": ["a", "b", "c"],
            "in_control": ["x", "y", "z"],
            "source": ["s", "s", "s"],
        }
    )

    class Context:
        existence = pd.DataFrame({"iso3": ["MMR", "MMR", "MMR"], "year": [2021, 2022, 2023]})

        def reference_frame(self, name):
            assert name == "contested_un_seats"
            return rows

    with pytest.raises(AllianceScoreError) as caught:
        build_contested_un_seats(Context())
    message = str(caught.value)
    assert "contested_un_seats.csv: line 3" in message and "one span at a time for MMR" in message
    assert "line 4" in message and "XKX was not" in message
