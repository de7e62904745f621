"""``over = "states"``: a linear or log value function whose bounds are left to the data takes
them from every state that could be a candidate of the profile (all states of the year but
the focal nation and its threat actors, under the profile's screens), not from the
alternatives listed, so a candidate's value does not depend on which others the analyst
listed (the default, ``over = "alternatives"``, lets adding a candidate move the others').

Found on an analyst's Germany 2023 profile of 21 Europeans and the United States: the United
States is the farthest from Germany in UN votes of those listed (ideal-point distance 1.08),
so min-max over them gives it 0 on UN alignment, where among every state it is about 0.6."""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore.analysis.matrix import reference_states
from alliancescore.analysis.scoring import score
from alliancescore.data import load
from alliancescore.errors import AllianceScoreError
from alliancescore.model.criteria import load_criteria
from alliancescore.model.profile import load_profile
from small_model import CRITERIA, PROFILE, write

OVER = (
    '  rationale = "Near partners."\n',
    '  rationale = "Near partners."\n  value_function = { type = "linear", over = "states" }\n',
)
LOG_OVER = (
    '  rationale = "Composite index of national capability."\n',
    '  rationale = "Composite index of national capability."\n'
    '  value_function = { type = "log", over = "states" }\n',
)


@pytest.fixture()
def files(tmp_path):
    criteria = CRITERIA
    for old, new in (OVER, LOG_OVER):
        assert old in criteria
        criteria = criteria.replace(old, new)
    write(tmp_path, "small.toml", CRITERIA.replace(*LOG_OVER).replace(', over = "states"', ""))
    write(tmp_path, "states.toml", criteria)
    return tmp_path


def _profile(
    files,
    include: list[str],
    criteria: str = "states.toml",
    name: str = "p.toml",
    coalitions: bool = True,
):
    text = PROFILE if coalitions else PROFILE.split("[[coalitions]]")[0]
    text = text.replace('criteria = "small.toml"', f'criteria = "{criteria}"')
    text = text.replace('include = ["USA", "KOR", "AUS", "IND"]', f"include = {include!r}")
    return write(files, name, text.replace("'", '"'))


def test_a_candidates_value_does_not_depend_on_the_others_listed(files):
    few = score(_profile(files, ["USA", "KOR", "AUS"]))
    many = score(_profile(files, ["USA", "KOR", "AUS", "IND", "BRA", "NZL"], name="q.toml"))
    for ind in ("distance", "cinc"):
        for state in ("USA", "KOR", "AUS"):
            assert few.matrix.values.loc[state, ind] == many.matrix.values.loc[state, ind]
    # With the bounds left to the alternatives Brazil (the farthest) moves the others.
    few = score(_profile(files, ["USA", "KOR", "AUS"], "small.toml"))
    many = score(_profile(files, ["USA", "KOR", "AUS", "BRA"], "small.toml", name="q.toml"))
    assert few.matrix.values.loc["AUS", "distance"] != many.matrix.values.loc["AUS", "distance"]


def test_the_bounds_are_the_min_and_max_over_every_state_that_could_be_a_candidate(files):
    data = load()
    path = _profile(files, ["USA", "KOR", "AUS"])
    result = score(path, data=data)
    states = reference_states(load_profile(path, data), data)
    # every state of 2018 but Japan (the focal nation) and China (its threat)
    assert set(states) == set(data.states(2018)) - {"JPN", "CHN"}
    everyone = score(
        _profile(files, sorted(states), "small.toml", name="all.toml"), data=data
    ).matrix.raw
    lo, hi = everyone["distance"].min(), everyone["distance"].max()
    raw = result.matrix.raw.loc[["USA", "KOR", "AUS"], "distance"].to_numpy()
    expected = 1 - (raw - lo) / (hi - lo)  # a cost
    np.testing.assert_allclose(
        result.matrix.values.loc[["USA", "KOR", "AUS"], "distance"], expected
    )
    described = result.value_function("distance").description
    assert described == (
        f"linear between {lo:.4g} and {hi:.4g} (bounds from the {len(states)} states of 2018 "
        "that could be candidates of JPN) (cost)"
    )
    # A coalition beyond the states' bounds is clipped to the scale's end.
    assert result.matrix.values.loc["quad"].between(0, 1).all()


def test_a_profile_of_every_state_scales_as_before(files):
    # (without coalitions: a coalition's sum beyond every state moved the alternatives' max)
    data = load()
    states = sorted(reference_states(load_profile(_profile(files, ["USA"]), data), data))
    over = score(_profile(files, states, name="a.toml", coalitions=False), data=data)
    before = score(_profile(files, states, "small.toml", "b.toml", coalitions=False), data=data)
    over = over.matrix.values
    np.testing.assert_allclose(over.to_numpy(), before.matrix.values.to_numpy(), atol=1e-12)


def test_a_bound_the_file_sets_stays(files):
    text = (
        (files / "states.toml")
        .read_text()
        .replace('type = "linear", over = "states"', 'type = "linear", over = "states", lower = 0')
    )
    write(files, "states.toml", text)
    result = score(_profile(files, ["USA", "KOR", "AUS"]))
    assert result.value_function("distance").params["lower"] == 0
    assert result.value_function("distance").description.startswith("linear between 0 and ")


def test_over_takes_alternatives_or_states(files):
    text = (files / "states.toml").read_text().replace('over = "states" }', 'over = "world" }', 1)
    write(files, "bad.toml", text)
    with pytest.raises(AllianceScoreError) as error:
        load_criteria(files / "bad.toml")
    assert "value_function.over: expected one of 'alternatives', 'states', found 'world'" in str(
        error.value
    )
