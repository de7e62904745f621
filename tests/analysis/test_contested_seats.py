"""A UN seat held by envoys of a government not in control (``contested_un_seats``, issue 14)
in a scored profile: the state reads as outside the UN votes, so the criteria file's
``missing = "neutral_if_absent"`` gives it 0.5 on both UN indicators, with the row named; a
profile's own value override wins.

Real rows: Myanmar's seat from 2021 (the UNGA Credentials Committee's deferrals); its 2023
ideal point in unga_idealpoints_july2025.csv is -0.0961, its 2020 one -0.9372 (the value the
shipped Australia profile gives instead).
"""

from __future__ import annotations

import json

import pytest

from alliancescore.analysis.scoring import score
from alliancescore.shipped import default_criteria, package_root
from shipped_copies import portable

AUSTRALIA = package_root() / "profiles" / "australia.toml"
UN_INDICATORS = ("un_alignment", "un_distance_from_threats")


@pytest.fixture(scope="module")
def without_override(tmp_path_factory, dataset):
    text = portable(AUSTRALIA.read_text(encoding="utf-8"))
    text = text.replace('"../criteria/default.toml"', json.dumps(str(default_criteria())))
    start = text.index('[[overrides.values]]\ntable = "unga"')
    end = text.index("[sensitivity]")
    path = tmp_path_factory.mktemp("seats") / "australia.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return score(path, data=dataset)


def test_a_contested_seat_is_neutral_on_the_un_indicators_and_says_why(without_override):
    values, sources = without_override.matrix.values, without_override.matrix.sources
    for indicator in UN_INDICATORS:
        assert values.at["MMR", indicator] == 0.5
        assert "(contested_un_seats, spell from 2021)" in sources.at["MMR", indicator]
        assert values.at["THA", indicator] != 0.5  # a neighbour with its own votes


def test_the_profiles_own_value_wins_over_the_rule(demo_result):
    result = demo_result("australia")
    for indicator in UN_INDICATORS:
        assert result.matrix.values.at["MMR", indicator] != 0.5
        assert result.matrix.sources.at["MMR", indicator].startswith("override 2023")
