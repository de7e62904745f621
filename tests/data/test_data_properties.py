"""Properties of the lookup rules and of the geometry, and agreement of the all-pairs matrices
with the pair-by-pair lookups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alliancescore.data import load
from alliancescore.data.geo import great_circle_km
from alliancescore.data.lookups import latest_values, spell_year

latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)


@given(latitudes, longitudes, latitudes, longitudes)
def test_great_circle_is_a_symmetric_bounded_distance(lat1, lng1, lat2, lng2):
    d12 = great_circle_km(lat1, lng1, lat2, lng2)
    d21 = great_circle_km(lat2, lng2, lat1, lng1)
    assert d12 == pytest.approx(d21, abs=1e-6)
    assert 0 <= d12 <= np.pi * 6371.0088 + 1e-6
    assert great_circle_km(lat1, lng1, lat1, lng1) == pytest.approx(0, abs=1e-6)


@given(latitudes, longitudes, latitudes, longitudes, latitudes, longitudes)
def test_great_circle_triangle_inequality(la, na, lb, nb, lc, nc):
    ab, bc, ac = (
        great_circle_km(la, na, lb, nb),
        great_circle_km(lb, nb, lc, nc),
        great_circle_km(la, na, lc, nc),
    )
    assert ac <= ab + bc + 1e-6


def test_great_circle_known_values():
    # a quarter of the equator, and pole to pole
    assert great_circle_km(0, 0, 0, 90) == pytest.approx(np.pi / 2 * 6371.0088)
    assert great_circle_km(90, 0, -90, 0) == pytest.approx(np.pi * 6371.0088)


panels = st.lists(
    st.tuples(
        st.sampled_from(["AAA", "BBB", "CCC"]),
        st.integers(1990, 2020),
        st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)),
    ),
    min_size=0,
    max_size=40,
    unique_by=lambda row: (row[0], row[1]),
)


@settings(max_examples=60, deadline=None)
@given(panels, st.integers(1985, 2025), st.integers(0, 5))
def test_latest_values_never_look_ahead_and_flag_staleness(rows, year, max_staleness):
    frame = pd.DataFrame(rows, columns=["iso3", "year", "x"]).astype(
        {"iso3": object, "year": "int64", "x": "float64"}
    )
    out = latest_values(frame, ["x"], ["AAA", "BBB", "CCC"], year, max_staleness)
    for nation in ("AAA", "BBB", "CCC"):
        seen = frame[(frame.iso3 == nation) & (frame.year <= year) & frame.x.notna()]
        used = out.loc[nation, "x_year"]
        if seen.empty:
            assert pd.isna(used) and pd.isna(out.loc[nation, "x"])
            assert not out.loc[nation, "x_stale"]
            continue
        latest = seen.sort_values("year").iloc[-1]
        assert used == latest.year <= year
        assert out.loc[nation, "x_observed"] == latest.x
        stale = year - latest.year > max_staleness
        assert bool(out.loc[nation, "x_stale"]) == stale
        assert pd.isna(out.loc[nation, "x"]) == stale


@given(st.integers(1900, 2100))
def test_spell_year_rule(year):
    used, carried, stale = spell_year(year, 1946, 2018, 5)
    if year < 1946:
        assert used is None and not carried and not stale
    elif year <= 2018:
        assert used == year and not carried and not stale
    else:
        assert used == 2018 and carried and stale == (year - 2018 > 5)


@pytest.fixture(scope="module")
def ds():
    return load()


@pytest.mark.parametrize("year", [1975, 1995, 2018])
def test_all_pairs_matrices_agree_with_pair_lookups(ds, year):
    nations = [
        "USA",
        "JPN",
        "KOR",
        "PRK",
        "CHN",
        "RUS",
        "GBR",
        "FRA",
        "DEU",
        "IND",
        "PAK",
        "AUS",
        "NZL",
        "CAN",
        "MEX",
        "ISR",
        "EGY",
    ]
    nations = [n for n in nations if n in ds.states(year)]
    alliances = ds.alliance_matrix(nations, year)
    contiguity = ds.contiguity_matrix(nations, year)
    rivalry = ds.rivalry_matrix(nations, year)
    distance = ds.distance_matrix(nations, year)
    disputes = ds.dispute_matrix(nations, year - 10, year - 1)
    for focal in nations:
        others = [n for n in nations if n != focal]
        pairs = ds.alliances(focal, others, year)
        assert (alliances.loc[focal, others] == pairs["defense"]).all()
        cont = ds.contiguities(focal, others, year)["conttype"]
        assert (contiguity.loc[focal, others] == cont).all()
        rivals = ds.rivalries(focal, others, year)["rival"]
        assert (rivalry.loc[focal, others] == rivals).all()
        km = ds.distances_km(focal, others, year)
        assert np.allclose(
            distance.loc[focal, others].to_numpy(float), km.to_numpy(float), equal_nan=True
        )
        mids = ds.disputes(focal, others, year - 10, year - 1)["disputes"]
        assert (disputes.loc[focal, others] == mids).all()
    assert (alliances == alliances.T).all().all()
