"""The face-validity trace (``face_validity/trace.py``): who it compares against whom."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "face_validity_trace", Path(__file__).with_name("face_validity") / "trace.py"
)
trace = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trace)

PLACE = {"USA": 1, "KOR": 2, "GBR": 3, "AUS": 4, "PAK": 5, "LAO": 6}
ORDER = list(PLACE)


def test_each_kind_picks_the_alternative_on_the_other_side_of_the_cut():
    assert trace.offenders({"kind": "top", "who": "AUS", "within": 2}, PLACE, ORDER) == [
        ("KOR", "AUS")
    ]
    assert trace.offenders({"kind": "not_top", "who": "KOR", "within": 3}, PLACE, ORDER) == [
        ("KOR", "AUS")
    ]
    # n = 6, half = 3: PAK should be below the first other state of the bottom half (AUS)
    assert trace.offenders({"kind": "bottom_half", "who": ["GBR", "LAO"]}, PLACE, ORDER) == [
        ("GBR", "AUS")
    ]
    assert trace.offenders(
        {"kind": "above", "who": "PAK", "over": ["LAO", "KOR"]}, PLACE, ORDER
    ) == [("KOR", "PAK")]


def test_the_other_side_is_never_one_of_the_expectations_own_codes():
    # GBR at place 3 is in `who` itself: PAK must pass KOR, the last other state in the top half
    pairs = trace.offenders({"kind": "top_half", "who": ["GBR", "PAK"]}, PLACE, ORDER)
    assert pairs == [("KOR", "PAK")]


def test_a_met_expectation_has_no_offenders():
    assert trace.offenders({"kind": "top", "who": "USA", "within": 1}, PLACE, ORDER) == []
    assert trace.offenders({"kind": "bottom_half", "who": "LAO"}, PLACE, ORDER) == []


def test_the_trace_of_a_known_failure_names_its_pair_and_data():
    text = trace.trace(["israel-turkey-not-top5"])
    assert "== israel-turkey-not-top5" in text
    assert "TUR above FRA under weighted_sum" in text
    assert "rival_of_threats (w 0.0750): TUR raw 1 -> 1.000 [rivalry_tss 2018]" in text
    # Finland's United States misses the top three under VIKOR only: only that method is
    # traced
    usa = trace.trace(["finland-usa-top3"])
    assert "  vikor: USA 21 (n = 39)" in usa
    assert "weighted_sum:" not in usa and "topsis:" not in usa and "promethee_ii:" not in usa
