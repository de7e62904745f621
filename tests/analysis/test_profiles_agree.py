"""The shipped profiles agree on the facts they add to the data.

A sourced tie override (``[[overrides.ties]]``) states a fact about two states, not a view of
the focal nation: the Australian-Philippine visiting-forces agreement is as true for Australia
as for the Philippines. A review of every profile found ties that one profile recorded and
another, where the same pair mattered, did not (the Philippines ranked below Nauru for
Australia). This test says where that happens: a pair matters in a profile when one state is
its focal nation and the other a ranked state, or one is a ranked state and the other a threat
actor; it is missing when no override of the same kind covers the pair in that profile's year
and the override would change something (it replaces ATOP, or ATOP's own level is lower).

Since the shipped profiles read their ties from one facts file (``facts/ties.toml``), they
agree by construction on those; the test guards the ties a profile records on its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from alliancescore.data.overrides import Overrides
from alliancescore.shipped import demo_profiles


class Shipped(NamedTuple):
    name: str
    profile: object  # alliancescore.model.profile.Profile
    states: frozenset[str]  # ranked states (screened ones are no partners)


def _matters(profile, states: frozenset[str], a: str, b: str) -> bool:
    threats = {t.actor for t in profile.threats}
    return (
        (profile.focal == a and b in states)
        or (profile.focal == b and a in states)
        or (a in states and b in threats)
        or (b in states and a in threats)
    )


def missing_ties(shipped: Iterable[Shipped], dataset) -> Iterator[str]:
    """One line per (override, pair, other profile) the other profile lacks."""
    shipped = list(shipped)
    for source in shipped:
        for tie in source.profile.overrides.ties:
            for a in tie.parties:
                for b in tie.others:
                    for other in shipped:
                        year = other.profile.year
                        if other is source or not tie.active(year):
                            continue
                        if not _matters(other.profile, other.states, a, b):
                            continue
                        kinds = {
                            t.kind
                            for t in other.profile.overrides.ties
                            if t.covers(a, b) and t.active(year)
                        }
                        if tie.kind in kinds:
                            continue
                        level = dataset.alliance_levels(a, [b], year)["level"].iloc[0]
                        if tie.replaces or not level >= tie.level:
                            yield (
                                f"{other.name} ({year}) lacks {tie.kind} {a}-{b} from "
                                f"{tie.first_year}, which {source.name} records ({tie.source})"
                            )


def _shipped(demo_result) -> list[Shipped]:
    out = []
    for path in demo_profiles():
        result = demo_result(path.stem)
        kinds = result.matrix.alternatives["kind"]
        states = frozenset(kinds.index[kinds == "state"])
        out.append(Shipped(path.stem, result.profile, states))
    return out


def test_every_shipped_profile_records_the_ties_the_others_record(demo_result, dataset):
    shipped = _shipped(demo_result)
    checked = sum(len(s.profile.overrides.ties) for s in shipped)
    assert checked > 40  # the check has something to check
    assert list(missing_ties(shipped, dataset)) == []


def test_a_tie_left_out_of_one_profile_is_named(demo_result, dataset):
    # India's profile without its overrides: the India-Bhutan treaty and the India-Bangladesh
    # memorandum, which Pakistan's records, and the Quad, which others record, go missing
    shipped = [
        s._replace(profile=dataclasses.replace(s.profile, overrides=Overrides()))
        if s.name == "india"
        else s
        for s in _shipped(demo_result)
    ]
    missing = list(missing_ties(shipped, dataset))
    assert any(
        line.startswith("india (2018) lacks security_partnership IND-BTN from 2007, which "
                        "pakistan records (India-Bhutan Friendship Treaty")
        for line in missing
    ), missing  # fmt: skip
    assert any(
        line.startswith("india (2018) lacks security_partnership IND-BGD") for line in missing
    )
    assert all(line.startswith("india (2018)") for line in missing)
