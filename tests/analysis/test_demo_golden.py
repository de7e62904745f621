"""The demo profiles' rankings, pinned: a refactoring must leave every score and rank as it was.

``golden/<profile>.csv`` is what ``alliancescore demo`` writes for each shipped profile
(``Result.summary()``, scores to 6 significant digits). A commit that changes the model, the
data or a method on purpose regenerates them and says why in its message::

    .venv/bin/alliancescore demo --out /tmp/demo && cp /tmp/demo/*.csv tests/analysis/golden/
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alliancescore.shipped import demo_profiles

GOLDEN = Path(__file__).with_name("golden")


@pytest.mark.parametrize("profile", [p.stem for p in demo_profiles()])
def test_demo_scores_and_ranks_are_unchanged(profile, demo_result):
    expected = (GOLDEN / f"{profile}.csv").read_text(encoding="utf-8")
    assert demo_result(profile).summary().to_csv(float_format="%.6g") == expected


def test_every_demo_profile_has_a_golden_file():
    assert sorted(p.stem for p in demo_profiles()) == sorted(p.stem for p in GOLDEN.glob("*.csv"))
