"""Deterrence value: what a candidate brings in material and nuclear capability.

Walt (1987) lists aggregate power, proximity and offensive capability among the sources of
threat (and so of deterrent value to an ally); Boulding (1962) discounts power by the distance
over which it must be projected.
"""

from __future__ import annotations

import numpy as np

from alliancescore.data import TABLES
from alliancescore.data.provenance import Provenance, Use, combine, scoped
from alliancescore.params import Real

from ._common import (
    capital_distances,
    capitals_use,
    finish,
    positive_number,
    threat_summary,
    unique,
)
from .base import MeasureContext, MeasureResult, monadic, register_measure

__all__ = [
    "capability",
    "military_expenditure",
    "nuclear_status",
    "nuclear_warheads",
    "projected_capability",
]


def _latest_note(table: str, column: str, year: int) -> str:
    return (
        f"{table} {column}, latest value at or before {year} (stale after "
        f"{TABLES[table].max_staleness_years} years); value overrides applied"
    )


@register_measure(
    "capability",
    unit="share of world capabilities (0-1)",
    direction="benefit",
    aggregation="sum",
    description="COW Composite Index of National Capability (CINC)",
    tables=("nmc",),
)
def capability(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """The candidate's share of world material capabilities.

    Formula: COW CINC, the mean of the state's shares of the system totals of military
    expenditure, military personnel, iron and steel production, primary energy consumption,
    total and urban population, in the latest year at or before ``Y``.

    Unit: share of the system total, 0-1 (all states sum to 1). Direction: benefit.
    Coalition aggregation: sum (shares of one total add up).

    Tables: ``nmc`` (COW NMC 7.0, to 2022; stale after 3 years). CINC rewards population and
    heavy industry: it rates China above the United States from the mid-1990s on, and says
    nothing about technology or reach.

    Source: Singer, Bremer & Stuckey (1972); Walt (1987) (aggregate power).
    """
    cands = unique(candidates)
    cinc = monadic(ctx, "nmc", "cinc", cands)
    return finish(
        cands, cinc.values, cinc.provenance, cinc.stale, _latest_note("nmc", "cinc", ctx.year)
    )


_NO_THEATRE = "no theatre states or threat actors in the profile"


@register_measure(
    "projected_capability",
    unit="share of world capabilities, distance-discounted",
    direction="benefit",
    aggregation="sum",
    description="CINC discounted by the distance from the candidate's capital to the threat "
    "theatre (loss-of-strength gradient)",
    tables=("nmc", "capitals"),
    params={"half_distance_km": Real(0.0, low_open=True, what="a distance in km")},
)
def projected_capability(
    ctx: MeasureContext, candidates: list[str], *, half_distance_km: float = 5000.0
) -> MeasureResult:
    """Capability the candidate can bring to bear in the threat theatre.

    Formula: ``cinc_c / (1 + d_c / h)``, where ``d_c = sum_k w_k * D(c, k) / sum_k w_k`` is
    the weighted mean great-circle distance (km) from the candidate's capital to the capitals
    of the theatre states ``k`` (``ctx.theatre_states``: the profile's theatre, or else the
    threat actors) at ``Y``, ``w_k`` the state's threat severity when it is a threat actor and
    1 otherwise, and ``h = half_distance_km`` (default 5000 km) the distance at which half
    the capability remains. A state in the theatre keeps its capability in full only at
    distance 0 (its own capital is one of the theatre's).

    Unit: CINC share, discounted. Direction: benefit. Coalition aggregation: sum.

    Tables: ``nmc`` (cinc, stale after 3 years) and ``capitals`` (dated capitals, distances
    from the capital in force at the end of ``Y``). The hyperbolic gradient is one choice
    among several (Boulding's own is linear to a point of zero strength; Bueno de Mesquita
    1981 uses a logarithmic one); capitals stand in for where forces are based, which
    overstates the distance of states with forward bases or overseas territories.

    Source: Boulding (1962), *Conflict and Defense* (the loss-of-strength gradient); Walt
    (1987) (proximity).
    """
    h = positive_number("projected_capability", "half_distance_km", half_distance_km)
    cands = unique(candidates)
    theatre = unique(ctx.theatre_states)
    severity = {t.actor: t.severity for t in ctx.threats}
    weights = np.array([severity.get(k, 1.0) for k in theatre], dtype=np.float64)
    cinc = monadic(ctx, "nmc", "cinc", cands)
    km, no_capital, theatre_missing = capital_distances(ctx, cands, theatre)
    if len(theatre) and weights.sum() > 0:
        distance = (km * weights[None, :]).sum(axis=1) / weights.sum()
    else:
        distance = np.full(len(cands), np.nan)
    values = cinc.values.to_numpy(dtype=np.float64) / (1.0 + distance / h)
    place: list[Use] | Use | Provenance
    if not theatre:
        place = Use(
            None, role="theatre", reason="no theatre states or threat actors in the profile"
        )
    elif theatre_missing.any():
        missing = [k for k, m in zip(theatre, theatre_missing, strict=True) if m]
        place = scoped("theatre", missing, [Provenance((Use("capitals"),))] * len(missing))
    else:
        found, none = capitals_use(ctx.year), Use("capitals", reason="no capital for the candidate")
        place = [none if m else found for m in no_capital]
    records = combine(cinc.provenance.reindex(cands).tolist(), place)
    theatre_text = ", ".join(f"{k} ({w:g})" for k, w in zip(theatre, weights, strict=True))
    note = (
        f"{_latest_note('nmc', 'cinc', ctx.year)}; divided by 1 + d / {h:g} km, d the "
        f"weighted mean distance from the candidate's capital to the theatre capitals at "
        f"{ctx.year}: {theatre_text or 'none'} (threat actors {threat_summary(ctx)})"
    )
    return finish(cands, values, records, cinc.stale, note)


@register_measure(
    "military_expenditure",
    unit="thousands of current US$",
    direction="benefit",
    aggregation="sum",
    description="COW NMC military expenditure (thousands of current US$)",
    tables=("nmc",),
)
def military_expenditure(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """The candidate's military expenditure.

    Formula: COW NMC ``milex`` in the latest year at or before ``Y``.

    Unit: thousands of current US$ (not deflated: compare states within a year, not across
    years). Direction: benefit. Coalition aggregation: sum.

    Tables: ``nmc`` (COW NMC 7.0, to 2022; stale after 3 years). Missing for some states in
    recent years (North Korea from 2002, Syria, Cuba): missing stays missing, and an older
    figure is used only within the staleness limit. SIPRI's constant-dollar series
    (``sipri_milex``, 2020-2024) is not mixed in.

    Source: Singer, Bremer & Stuckey (1972) NMC; Walt (1987) (aggregate power).
    """
    cands = unique(candidates)
    milex = monadic(ctx, "nmc", "milex", cands)
    return finish(
        cands,
        milex.values,
        milex.provenance,
        milex.stale,
        _latest_note("nmc", "milex", ctx.year) + "; thousands of current US$",
    )


@register_measure(
    "nuclear_status",
    unit="category 0-3",
    direction="benefit",
    aggregation="max",
    description="nuclear weapons status: 0 not considering, 1 considering, 2 pursuing, "
    "3 possessing (Bleek / OWID)",
    tables=("nuclear",),
)
def nuclear_status(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """The candidate's nuclear weapons status.

    Formula: the OWID coding of Bleek (2017): 0 no consideration, 1 considering, 2 pursuing,
    3 possessing nuclear weapons, in the latest year at or before ``Y``.

    Unit: ordinal category 0-3. Direction: benefit (an ally's nuclear weapons add deterrence;
    a criteria file may map 1-2 differently, since pursuit also brings risk). Coalition
    aggregation: max (one nuclear-armed member makes a nuclear-armed coalition).

    Tables: ``nuclear`` (1946-2022, stale after 5 years; only years in which the nation was a
    state). Extended deterrence (weapons hosted or promised) is not counted.

    Source: Bleek (2017), "When did (and didn't) states proliferate?"; Walt (1987)
    (offensive capability).
    """
    cands = unique(candidates)
    status = monadic(ctx, "nuclear", "status", cands)
    return finish(
        cands,
        status.values,
        status.provenance,
        status.stale,
        _latest_note("nuclear", "status", ctx.year),
    )


@register_measure(
    "nuclear_warheads",
    unit="warheads",
    direction="benefit",
    aggregation="sum",
    description="estimated nuclear warhead stockpile (FAS); 0 for states FAS never lists",
    tables=("warheads",),
)
def nuclear_warheads(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """The candidate's estimated nuclear warhead stockpile.

    Formula: the FAS stockpile estimate in the latest year at or before ``Y``; **0** for a
    state with no row in the table at or before ``Y``.

    Why that zero is a true zero: the FAS series (Kristensen, Korda & Norris, via OWID) lists
    every state it estimates ever to have held a stockpile (the nine nuclear-armed states and
    South Africa), each with a row for every year from 1946 or its independence, zeros
    included (China 1946-1963, South Africa from 1990). A state with no row has never been
    estimated to hold a warhead. Only while the table is current (``Y`` no later than its
    last year plus its staleness limit, 2023 + 5): later, every value is missing.

    Unit: warheads. Direction: benefit. Coalition aggregation: sum.

    Tables: ``warheads`` (1946-2023, stale after 5 years). Soviet warheads left in Belarus,
    Kazakhstan and Ukraine in 1991-1996 are counted under Russia, as FAS does; weapons
    deployed on an ally's soil count for the owner.

    Source: Kristensen, Korda & Norris, FAS Status of World Nuclear Forces; Walt (1987).
    """
    cands = unique(candidates)
    stock = monadic(ctx, "warheads", "stockpile", cands)
    spec = TABLES["warheads"]
    current = spec.first_year <= ctx.year <= spec.last_year + spec.max_staleness_years
    # NaN without staleness means no row at or before Y (the column has no empty cells)
    unlisted = (stock.values.isna() & ~stock.stale).to_numpy(bool)
    values, stale = stock.values.copy(), stock.stale.copy()
    records = stock.provenance.tolist()
    if current:
        values[unlisted] = 0.0
        zero = Use("warheads", "stockpile", ctx.year, inferred="not on the FAS list (0)")
        records = [Provenance((zero,)) if u else r for u, r in zip(unlisted, records, strict=True)]
    elif ctx.year > spec.last_year:
        old = Use(
            "warheads",
            "stockpile",
            spec.last_year,
            stale=True,
            reason="the FAS list may have grown",
        )
        records = [Provenance((old,)) if u else r for u, r in zip(unlisted, records, strict=True)]
        stale[unlisted] = True
    return finish(
        cands,
        values,
        records,
        stale,
        _latest_note("warheads", "stockpile", ctx.year) + "; 0 for states FAS never lists",
    )
