"""Regional stability (risk): conflicts a partner might drag the focal nation into.

Snyder (1984), "The security dilemma in alliance politics", World Politics 36(4): an ally
brings the risk of *entrapment*, being dragged into its conflicts over interests one does not
share. A partner whose enemies are the focal's own shares its conflicts; one with enemies of
its own imports them.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from alliancescore.data.provenance import Provenance, Use
from alliancescore.params import Flag, Options, Subset

from ._common import (
    MID_TABLES,
    RIVALRY_TABLES,
    YEARS,
    check_codes,
    finish,
    rivalries,
    rivalry_overrides_note,
    spell_use,
    unique,
    window_note,
    window_use,
)
from ._events import AFTER_MID, HOSTILITY, hostile_events
from .base import MeasureContext, MeasureResult, register_measure

__all__ = ["conflict_involvement", "entrapment_risk", "war_at_home"]


@register_measure(
    "entrapment_risk",
    unit="count of unshared rivals and disputes",
    direction="cost",
    aggregation="sum",
    description="the candidate's strategic rivals and recent militarized disputes with "
    "states that are not the focal's threat actors, rivals or recent dispute opponents",
    tables=("rivalry_tss", "rivalry_td", "mid_cow", "mid_gml", "ucdp"),
    params={
        "window_years": YEARS,
        "rivalry_table": Options(RIVALRY_TABLES),
        "mid_table": Options(MID_TABLES),
        "include_disputes": Flag(),
        "after_mid": AFTER_MID,
        "min_hostility": HOSTILITY,
    },
)
def entrapment_risk(
    ctx: MeasureContext,
    candidates: list[str],
    *,
    window_years: int = 10,
    rivalry_table: str = "rivalry_tss",
    mid_table: str = "mid_cow",
    include_disputes: bool = True,
    after_mid: str = "none",
    min_hostility: int = 1,
) -> MeasureResult:
    """The candidate's own conflicts that the focal nation does not share.

    Formula. Let ``S`` be the focal nation's *shared opponents*: the focal ``F`` itself, its
    threat actors ``T``, its strategic rivals at ``Y`` (``R_F``) and the states it had a militarized
    dispute with in the window ``W = [Y - window_years + 1, Y]`` (``D_F``). Then

        ``entrapment_risk(c) = |R_c minus S| + |{d : c had a dispute-year of d in W against
        a state not in S}|``

    where ``R_c`` is the set of the candidate's strategic rivals at ``Y`` and ``d`` ranges
    over distinct militarized disputes (dispute numbers, counted once however many unshared
    opponents the candidate faced in it). With ``include_disputes = false`` only the first
    term is counted (the rivalry-only fallback: rivalries to 2020, carried forward to 2025).

    (Issue 5's wording excludes threat actors and the focal's rivals from the first term
    and the focal's dispute opponents from the second; here one set ``S`` is excluded from
    both, because a dispute with a declared threat or a rival of the focal is a shared
    conflict, not entrapment; and a dispute or rivalry with the focal itself is hostility,
    not entrapment.)

    Unit: count. Direction: cost. Coalition aggregation: sum (each member brings its own).

    Tables: ``rivalry_tss`` (to 2020, carried forward, stale after 5 years; or
    ``rivalry_td``) and ``mid_cow`` (COW MID 5.0, to 2014; or ``mid_gml`` to 2010). The
    note says which years of the window the MID table covered; a window whose last covered
    year is more than 5 years old is stale (missing), as is one the table does not cover.
    Rivalries are few and enduring; disputes include low-level ones (threats, displays;
    ``min_hostility = 4`` keeps uses of force only).

    Current years (``after_mid = "ucdp"``): the years of the window after the MID table ends
    count the distinct UCDP armed conflicts (``ucdp``, to 2024) in which the candidate fought
    a state on the other side (``D_F`` then includes the states the focal fought there), so
    the dispute term has values to 2027 (the rule and its caveats:
    :mod:`alliancescore.measures._events`: UCDP needs 25 battle deaths a year, so it sees
    fewer events than MID). The note says so: "ucdp conflicts ... (replacing mid_cow, which
    ends in 2014)".

    Source: Snyder (1984) entrapment and abandonment.
    """
    cands = unique(candidates)
    focal, actors = ctx.focal, ctx.threat_actors
    check_codes(ctx, [*cands, focal, *actors])
    found = rivalries(ctx, rivalry_table)
    spells = found.spells
    rivals, rivalry_stale = found.pairs, spells.stale
    shared = {focal, *actors, *rivals.loc[rivals["state"] == focal, "other"]}
    if include_disputes:
        events = hostile_events(ctx, window_years, mid_table, after_mid, min_hostility)
        disputes = events.pairs
        shared |= set(disputes.loc[disputes["state"] == focal, "other"])
    shared_list = list(shared)
    mine = rivals[rivals["state"].isin(cands) & ~rivals["other"].isin(shared_list)]
    # a copy: with no rows the frame's array can be read-only, and a stale table writes NaN
    values = mine.groupby("state").size().reindex(cands).fillna(0).to_numpy(np.float64, copy=True)
    if rivalry_stale:
        values[:] = np.nan
    uses, stale = [spell_use(spells)], rivalry_stale
    if include_disputes:
        mine = disputes[disputes["state"].isin(cands) & ~disputes["other"].isin(shared_list)]
        counts = mine.groupby("state")["event"].nunique().reindex(cands).fillna(0)
        values = values + counts.to_numpy(np.float64)
        if not events.usable:
            values[:] = np.nan
        uses.extend(events.uses)
        stale = stale or events.stale
    what = f"{mid_table} disputes" if after_mid == "none" else "disputes and conflicts"
    note = (
        f"unshared opponents: not {focal}, its threat actors "
        f"({', '.join(actors) or 'none'}), its {rivalry_table} rivals at {ctx.year}"
        + (
            f" or its dispute opponents in the window; strategic rivals at {ctx.year} plus "
            f"distinct {what} in {events.note}"
            if include_disputes
            else f"; strategic rivals at {ctx.year} only (disputes left out)"
        )
        + rivalry_overrides_note(ctx)
    )
    # the overrides that decided a rivalry counted here: one of the candidate's with a state
    # outside the shared opponents, or one of the focal's that put a rival of the candidate's
    # among them (not one that left it there: a threat actor or dispute opponent anyway)
    always = {
        focal,
        *actors,
        *(disputes.loc[disputes["state"] == focal, "other"] if include_disputes else ()),
    }
    # one pass over the rivalry pairs, not a filter of them per candidate
    rival_sets: dict[str, set[str]] = {c: set() for c in cands}
    for state, other in zip(rivals["state"], rivals["other"], strict=True):
        if state in rival_sets:
            rival_sets[state].add(other)
    records = [
        Provenance(
            (
                *uses,
                *found.uses(c, sorted(found.partners(c) - shared)),
                *found.uses(focal, sorted((found.partners(focal) & rival_sets[c]) - always)),
            )
        )
        for c in cands
    ]
    return finish(cands, values, records, np.full(len(cands), stale), note)


@register_measure(
    "conflict_involvement",
    unit="count of conflicts",
    direction="cost",
    aggregation="sum",
    description="distinct UCDP interstate and internationalized armed conflicts the candidate "
    "took part in over a trailing window",
    tables=("ucdp",),
    params={
        "window_years": YEARS,
        "types": Subset(("interstate", "internationalized", "intrastate", "extrasystemic")),
        "roles": Subset(("primary", "secondary")),
    },
)
def conflict_involvement(
    ctx: MeasureContext,
    candidates: list[str],
    *,
    window_years: int = 10,
    types: Iterable[str] = ("interstate", "internationalized"),
    roles: Iterable[str] = ("primary", "secondary"),
) -> MeasureResult:
    """Armed conflicts the candidate has fought in, recently.

    Formula: the number of distinct UCDP/PRIO armed conflicts (conflict ids, not
    conflict-years or rows) of the given ``types`` (default interstate and internationalized
    intrastate) with a year in ``[Y - window_years + 1, Y]`` (default 10 years) in which
    the candidate was a party in one of the given ``roles`` (default primary or secondary:
    a state sending troops to support a side counts).

    Unit: count. Direction: cost (a partner at war may draw the focal in: Snyder 1984).
    Coalition aggregation: sum.

    Tables: ``ucdp`` (UCDP/PRIO ACD 25.1, 1946-2024; a window is stale when its last covered
    year is more than 3 years before ``Y``). Conflicts need 25 battle deaths a year: coercion
    below that (see ``entrapment_risk``'s disputes) is not here. Coalition operations
    (e.g. the anti-IS coalition in Iraq and Syria) make many Western states secondary
    parties to internationalized conflicts.

    Source: Gleditsch et al. (2002) "Armed Conflict 1946-2001: A New Dataset", JPR 39(5);
    Snyder (1984).
    """
    types, roles = tuple(types), tuple(roles)
    cands = unique(candidates)
    window = ctx.data.event_window("ucdp", ctx.year, window_years)
    counts = ctx.data.conflicts(cands, window.first, window.last, types=types, roles=roles)
    values = counts["conflicts"].to_numpy(dtype=np.float64, na_value=np.nan)
    if not window.usable:
        values[:] = np.nan
    note = (
        f"distinct UCDP conflicts ({', '.join(types)}; as {' or '.join(roles)} party) "
        f"in {window_note(window)}"
    )
    return finish(cands, values, window_use(window), np.full(len(cands), window.stale), note)


@register_measure(
    "war_at_home",
    unit="share of years (0-1)",
    direction="cost",
    aggregation="max",
    description="share of the covered years of a trailing window in which the candidate's "
    "government fought a war over its government or territory (UCDP intrastate or "
    "internationalized conflict, 1,000+ battle deaths)",
    tables=("ucdp",),
    params={"window_years": YEARS},
)
def war_at_home(
    ctx: MeasureContext, candidates: list[str], *, window_years: int = 3
) -> MeasureResult:
    """How much of the recent past the candidate spent fighting a war at home.

    Formula: of the years in ``[Y - window_years + 1, Y]`` (default 3) that UCDP covers, the
    share in which the candidate was the government side (UCDP side A, primary party) of an
    intrastate or internationalized armed conflict at war intensity, at least 1,000
    battle-related deaths in the year (:meth:`alliancescore.data.Dataset.wars_at_home`, which
    says what the definition catches and misses: the table has no location, and interstate
    wars are left out, where the threat and hostility measures count who fought whom). A
    share of the covered years, so that a window reaching past UCDP's last year (2024) is
    neither read as peace nor extrapolated.

    Why a cost: a state consumed by a war over its government or territory has its forces
    tied down and needs security more than it can give, and a partner in it risks being
    drawn into that war (entrapment, Snyder 1984): Afghanistan, Somalia, Syria and Yemen in
    every year 2016-2018, Iraq in 2016-2017.

    Unit: share of years, 0-1. Direction: cost. Coalition aggregation: max (the coalition
    carries its most war-torn member's risk).

    Tables: ``ucdp`` (UCDP/PRIO ACD 25.1, 1946-2024; a window is stale when its last covered
    year is more than 3 years before ``Y``, and missing when none of it is covered). The
    record names the years and UCDP conflict ids of each candidate at war.

    Source: Gleditsch et al. (2002), "Armed Conflict 1946-2001: A New Dataset", JPR 39(5)
    (war intensity: 1,000 battle-related deaths in a year); Snyder (1984), "The security
    dilemma in alliance politics", World Politics 36(4).
    """
    cands = unique(candidates)
    window = ctx.data.event_window("ucdp", ctx.year, window_years)
    wars = ctx.data.wars_at_home(cands, window.first, window.last)
    covered = int(wars["years_covered"].iloc[0]) if len(wars) else 0
    values = wars["years"].to_numpy(dtype=np.float64, na_value=np.nan)
    if not window.usable or covered == 0:
        values[:] = np.nan
    else:
        values /= covered
    base = window_use(window)
    records = []
    for i, nation in enumerate(cands):
        last = wars.at[nation, "last"]
        if np.isnan(values[i]) or pd.isna(last):
            records.append(Provenance((base,)))
            continue
        reason = (
            f"at war at home in {int(wars.at[nation, 'years'])} of the {covered} covered "
            f"years, the latest {int(last)} "
            f"(UCDP conflict {wars.at[nation, 'conflicts'].replace(',', ', ')})"
        )
        records.append(
            Provenance((Use("ucdp", years=base.years, stale=base.stale, reason=reason),))
        )
    note = (
        "share of the covered years with a war over the candidate's government or territory "
        "(UCDP intrastate or internationalized conflict, the candidate its government side, "
        f"1,000+ battle deaths) in {window_note(window)}"
    )
    return finish(cands, values, records, np.full(len(cands), window.stale), note)
