"""Deterrence value: what a candidate brings in material and nuclear capability.

Walt (1987) lists aggregate power, proximity and offensive capability among the sources of
threat (and so of deterrent value to an ally); Boulding (1962) discounts power by the distance
over which it must be projected. Besides CINC, two measures of power analysts use today: a
state's share of world military expenditure (``milex_share``) and Beckley's (2018) net
resources, GDP times GDP per capita (``net_resources``); and the nuclear deterrence a
candidate extends to the focal nation (``extended_deterrence``), not merely holds.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from alliancescore.data import TABLES
from alliancescore.data.provenance import Provenance, Use, combine, scoped
from alliancescore.params import Options, Real

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
    "extended_deterrence",
    "milex_share",
    "military_expenditure",
    "net_resources",
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
    description="CINC (or the share of world military spending) discounted by the distance "
    "from the candidate's capital to the threat theatre (loss-of-strength gradient)",
    tables=("nmc", "sipri_milex", "capitals"),
    params={
        "half_distance_km": Real(0.0, low_open=True, what="a distance in km"),
        "power": Options(("cinc", "milex_share")),
    },
)
def projected_capability(
    ctx: MeasureContext,
    candidates: list[str],
    *,
    half_distance_km: float = 5000.0,
    power: str = "cinc",
) -> MeasureResult:
    """Capability the candidate can bring to bear in the threat theatre.

    Formula: ``p_c / (1 + d_c / h)``, with ``p_c`` the candidate's CINC (``power = "cinc"``,
    the default) or its share of world military spending (``power = "milex_share"``: the
    ``milex_share`` measure, NMC and SIPRI joined), and ``d_c = sum_k w_k * D(c, k) /
    sum_k w_k`` the weighted mean great-circle distance (km) from the candidate's capital to
    the capitals of the theatre states ``k`` (``ctx.theatre_states``: the profile's theatre,
    or else the threat actors) at ``Y``, ``w_k`` the state's threat severity when it is a
    threat actor and 1 otherwise, and ``h = half_distance_km`` (default 5000 km) the
    distance at which half the capability remains. A state in the theatre keeps its
    capability in full only at distance 0 (its own capital is one of the theatre's).

    Unit: CINC share or military-spending share, discounted. Direction: benefit. Coalition
    aggregation: sum.

    Tables: ``nmc`` (cinc, stale after 3 years; or, with ``milex_share``, ``nmc`` milex and
    ``sipri_milex`` as that measure reads them) and ``capitals`` (dated capitals, distances
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
    if power == "cinc":
        base = monadic(ctx, "nmc", "cinc", cands)
        base_note = _latest_note("nmc", "cinc", ctx.year)
    else:
        base = milex_share(ctx, cands)
        base_note = f"milex_share ({base.note})"
    km, no_capital, theatre_missing = capital_distances(ctx, cands, theatre)
    if len(theatre) and weights.sum() > 0:
        distance = (km * weights[None, :]).sum(axis=1) / weights.sum()
    else:
        distance = np.full(len(cands), np.nan)
    values = base.values.to_numpy(dtype=np.float64) / (1.0 + distance / h)
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
    records = combine(base.provenance.reindex(cands).tolist(), place)
    theatre_text = ", ".join(f"{k} ({w:g})" for k, w in zip(theatre, weights, strict=True))
    note = (
        f"{base_note}; divided by 1 + d / {h:g} km, d the "
        f"weighted mean distance from the candidate's capital to the theatre capitals at "
        f"{ctx.year}: {theatre_text or 'none'} (threat actors {threat_summary(ctx)})"
    )
    return finish(cands, values, records, base.stale, note)


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
    categories=range(4),
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


# ----------------------------------------------------------------------------- power
# The two military-expenditure series: (table, column, unit) by the name a criteria file uses.
_MILEX = {
    "nmc": ("nmc", "milex", "thousands of current US$"),
    "sipri": ("sipri_milex", "milex_usd2023m", "millions of constant 2023 US$"),
}


def _year_used(record: Provenance) -> int | None:
    """The year of a :func:`monadic` record's one use (``None`` when nothing was used)."""
    years = record.uses[0].years if record.uses else None
    return years if isinstance(years, int) else None


def _source_shares(ctx: MeasureContext, cands: list[str], source: str):
    """One source's shares of its own world total, with years, records, stale flags and the
    totals used (``{year: (total, states)}``)."""
    table, column, _ = _MILEX[source]
    got = monadic(ctx, table, column, cands)
    years = [_year_used(r) for r in got.provenance]
    totals = ctx.data.year_totals(table, column)
    world = totals["total"].reindex([y if y is not None else -1 for y in years]).to_numpy()
    shares = got.values.to_numpy(dtype=np.float64) / world
    seen = {int(y) for y, v in zip(years, shares, strict=True) if y is not None and np.isfinite(v)}
    used = {y: (float(totals.at[y, "total"]), int(totals.at[y, "count"])) for y in seen}
    year_array = np.array([np.nan if y is None else y for y in years], dtype=np.float64)
    year_array[~np.isfinite(shares)] = np.nan
    return shares, year_array, got.provenance.tolist(), got.stale.to_numpy(bool), used


def _totals_text(source: str, used: dict[int, tuple[float, int]]) -> str:
    table, _, unit = _MILEX[source]
    if not used:
        return f"{table}: none"
    return ", ".join(
        f"{table} {y}: {total:,.0f} ({unit}) over {n} states"
        for y, (total, n) in sorted(used.items())
    )


def _join(first, second) -> tuple[np.ndarray, list[Provenance], np.ndarray]:
    """``milex_share``'s rule: per candidate the share of the more recent year, the first
    source's on a tie; where neither has one, both records say why."""
    a, year_a, records_a, stale_a, _ = first
    b, year_b, records_b, stale_b, _ = second
    take_b = np.isfinite(b) & ~(year_a >= year_b)  # a NaN year never wins
    values = np.where(take_b, b, a)
    neither = ~np.isfinite(values)
    both = combine(records_a, records_b)
    records = [
        rb if tb else both_r if none else ra
        for ra, rb, both_r, tb, none in zip(
            records_a, records_b, both, take_b, neither, strict=True
        )
    ]
    stale = neither & (stale_a | stale_b)
    return values, records, stale


@register_measure(
    "milex_share",
    unit="share of world military expenditure (0-1)",
    direction="benefit",
    aggregation="sum",
    description="the candidate's share of world military expenditure in the latest year "
    "(COW NMC to 2022, SIPRI 2020-2024; each source's share of its own world total)",
    tables=("nmc", "sipri_milex", "gdp_wb"),
    params={"source": Options(("joined", *_MILEX)), "proxy": Options(("burden", "none"))},
)
def milex_share(
    ctx: MeasureContext, candidates: list[str], *, source: str = "joined", proxy: str = "burden"
) -> MeasureResult:
    """The candidate's share of world military expenditure.

    Formula: ``m_c,y / sum_s m_s,y``: the candidate's military expenditure in year ``y``
    divided by the sum over every state with a value in the same source and year (the
    source's own world total; a state the source lacks that year is not in it). ``y`` is the
    latest year at or before ``Y`` with a value for the candidate, within the source's
    staleness limit. With ``source = "joined"`` (the default) the two series are joined by
    this rule: each gives its own share, and the candidate takes the share of the more recent
    year; where both have the same year (2020-2022) COW NMC's, whose world total counts more
    states (170 against SIPRI's 154 in 2022) and which is the series used back to 1946 (nine
    NMC cells that SIPRI and, but for Kosovo, NMC's own personnel series contradict, Ukraine 2022
    among them,
    are set missing by ``reference/errata.csv``, so those years read SIPRI). So a
    reference year to 2019 reads NMC only; 2020-2022 NMC, SIPRI only for a state NMC lacks;
    2023-2024 SIPRI, with NMC's 2022 share for a state SIPRI lacks (Vietnam, the United Arab
    Emirates) until NMC goes stale (after 2025). ``source = "nmc"`` or ``"sipri"`` reads one.

    Unit: share of the world total, 0-1. Currency units and deflators cancel within a source
    and year, so shares from the two sources (current US$ and constant 2023 US$) sit on one
    scale. Direction: benefit. Coalition aggregation: sum (shares of one total add up; a
    coalition whose members took their shares from different sources or years adds shares of
    slightly different totals, which the records show).

    Tables: ``nmc`` (``milex``, thousands of current US$, 1946-2022, stale after 3 years) and
    ``sipri_milex`` (``milex_usd2023m``, millions of constant 2023 US$, 2020-2024, stale
    after 2 years). Caveats: each world total is a sum over the states with a value, not
    SIPRI's published world estimate, so states without one (NMC 2018: 26 of 195 states,
    among them the United Arab Emirates, Qatar, North Korea and Syria; SIPRI 2022: 41, among
    them Vietnam, the United Arab Emirates and North Korea; those NMC has a 2022 figure for
    held 1.3% of its 2022 total) are in neither the numerator nor the denominator: everyone
    else's share is slightly overstated. A state whose latest figure is older than ``Y``
    (Qatar 2018: NMC 2016) takes its share of that year's total. A state with no current
    figure in either source whose last NMC figure is at most ten years old takes, with
    ``proxy = "burden"`` (the default), that figure scaled by its GDP growth since (World Bank
    GDP, both years observed): its defence burden held at the last observed level, over NMC's
    world total of the latest year at or before ``Y`` (the United Arab Emirates 2012-2019,
    which NMC leaves empty, from its 2011 figure); the record says ``inferred`` and how.
    Otherwise it is missing, never 0; ``proxy = "none"`` leaves every gap missing. The two
    series differ in level (NMC 2022 gives the United States 41.6% and China 10.9%, SIPRI
    39.8% and 12.4%), so a switch of source between two years moves shares a little.

    Why not CINC: its population, steel and energy terms count gross resources, which rate
    India (0.098 in 2018) far above the United Kingdom (0.013) though they spend alike (3.4%
    and 3.3% of the world's military spending); Beckley (2018), "The Power of Nations",
    International Security 43(2), shows how such gross measures mislead.

    Source: Singer, Bremer & Stuckey (1972) NMC; SIPRI Military Expenditure Database 2025;
    Walt (1987) (aggregate power).
    """
    cands = unique(candidates)
    sources = ["nmc", "sipri"] if source == "joined" else [source]
    if source == "joined" and ctx.year < TABLES["sipri_milex"].first_year:
        sources = ["nmc"]
    parts = [_source_shares(ctx, cands, s) for s in sources]
    values, _, records, stale, _ = parts[0]
    if len(parts) == 2:
        values, records, stale = _join(parts[0], parts[1])
    note = (
        "share of the source's world total (the sum over the states with a value that year): "
        + "; ".join(_totals_text(s, p[4]) for s, p in zip(sources, parts, strict=True))
    )
    if len(sources) > 1:
        note = "the share of the more recent year of NMC and SIPRI (NMC on a tie); " + note
    if proxy == "burden" and "nmc" in sources:
        values, records, stale, filled = _burden_proxy(ctx, cands, values, records, stale)
        if filled:
            note += (
                f"; {', '.join(filled)}: no current figure, its last NMC defence burden "
                f"(within {BURDEN_YEARS} years) times its GDP (gdp_wb)"
            )
    return finish(cands, values, records, stale, note)


BURDEN_YEARS = 10
"""How old a state's last NMC spending figure may be for :func:`_burden_proxy` to use it."""


def _burden_proxy(
    ctx: MeasureContext,
    cands: list[str],
    values: np.ndarray,
    records: list[Provenance],
    stale: np.ndarray,
) -> tuple[np.ndarray, list[Provenance], np.ndarray, list[str]]:
    """Fill a missing share from the candidate's last observed defence burden.

    For a candidate with no current figure in either series, whose last NMC figure ``m0`` (year
    ``y0``) is at most :data:`BURDEN_YEARS` old: ``y1`` is the latest year at or before ``Y``
    with an NMC world total, and its spending is estimated as ``m0 * G(y1) / G(y0)`` (World Bank
    GDP, both years observed): the burden (spending over GDP) held at its last observed level.
    The share is that over NMC's world total of ``y1``. Each such value's record is marked
    ``inferred``; a candidate without both GDP figures stays missing.
    """
    values, stale = values.copy(), stale.copy()
    records = list(records)
    todo = [i for i, v in enumerate(values) if not np.isfinite(v)]
    if not todo:
        return values, records, stale, []
    totals = ctx.data.year_totals("nmc", "milex")
    years_with_total = totals.index[totals.index <= ctx.year]
    if len(years_with_total) == 0:
        return values, records, stale, []
    y1 = int(years_with_total.max())
    nations = [cands[i] for i in todo]
    last = ctx.data.values("nmc", ["milex"], nations, ctx.year)
    frame = ctx.data.frame("gdp_wb")  # observed GDP of these nations, by (nation, year)
    rows = frame[frame["iso3"].isin(nations) & frame["year"].between(y1 - BURDEN_YEARS, y1)]
    gdp = {
        (n, int(y)): float(v)
        for n, y, v in zip(rows["iso3"], rows["year"], rows["gdp_usd"], strict=True)
        if pd.notna(v)
    }
    filled = []
    for i, nation in zip(todo, nations, strict=True):
        m0, y0 = last.at[nation, "milex_observed"], last.at[nation, "milex_year"]
        if pd.isna(m0) or pd.isna(y0) or ctx.year - int(y0) > BURDEN_YEARS or int(y0) >= y1:
            continue
        y0 = int(y0)
        g0v, g1v = gdp.get((nation, y0)), gdp.get((nation, y1))
        if g0v is None or g1v is None:
            continue
        values[i] = float(m0) * g1v / g0v / float(totals.at[y1, "total"])
        stale[i] = False
        how = f"its {y0} defence burden held to {y1}"
        records[i] = Provenance(
            (
                Use("nmc", "milex", y0, inferred=how),
                Use("gdp_wb", "gdp_usd", (y0, y1)),
            )
        )
        filled.append(nation)
    return values, records, stale, filled


# GDP and population by source: (GDP table, column, to US$), (population table, column, to
# persons), the currency.
_GDP = {
    "wb": (("gdp_wb", "gdp_usd", 1.0), ("nmc", "tpop", 1e3), "current US$"),
    "sdp": (("gdp_sdp", "pwtrgdp", 1e6), ("gdp_sdp", "pwtpop", 1e6), "2017 international $"),
}


@register_measure(
    "net_resources",
    unit="GDP x GDP per capita (US$ trillion x US$ thousand per person)",
    direction="benefit",
    aggregation="sum",
    description="Beckley's net resources: GDP times GDP per capita (World Bank GDP and COW "
    "population, or the SDP's PPP-anchored GDP and population)",
    tables=("gdp_wb", "nmc", "gdp_sdp"),
    params={"source": Options(tuple(_GDP))},
)
def net_resources(
    ctx: MeasureContext, candidates: list[str], *, source: str = "wb"
) -> MeasureResult:
    """The candidate's net resources: gross domestic product times GDP per capita.

    Formula: ``G_c * (G_c / P_c) = G_c^2 / P_c``, with ``G`` the GDP in the latest year ``g``
    at or before ``Y`` and ``P`` the population in the latest year at or before ``g`` (never
    after the GDP's year), GDP in US$ trillion and GDP per capita in US$ thousand per person.
    ``source = "wb"`` (the default): World Bank GDP in current US$ (``gdp_wb``, to 2023)
    and COW NMC total population (``nmc`` ``tpop``, to 2022); ``"sdp"``: the SDP's real GDP
    in 2017 international dollars (PPP) and its population (``gdp_sdp``, to 2019), one
    source for both.

    Why: GDP alone counts a populous poor state's output as power, though most of it goes to
    feeding, policing and governing its people; multiplying by GDP per capita discounts those
    costs, and ranks the great powers of the last two centuries the way historians do where
    CINC and GDP do not (Beckley 2018).

    Unit: US$ trillion x US$ thousand per person (current US$ with ``wb``: compare states
    within a year, not across years; value functions over the alternatives, ``log`` or
    ``rank``, suit its skew: the United States is about 9 times China in 2018 with ``wb``).
    Direction: benefit. Coalition aggregation: sum (net resources add up).

    Tables: ``gdp_wb`` (stale after 3 years) and ``nmc`` (``tpop``, stale 3 years after the
    GDP's year), or ``gdp_sdp`` (stale after 3 years: missing from 2023). Caveats: the World
    Bank publishes no GDP for Taiwan, and none recently for North Korea, Cuba, Syria,
    Venezuela, Yemen, Lebanon, Eritrea or Afghanistan: their value is missing, never
    guessed (``sdp`` has Taiwan to 2019). Market exchange rates understate the output of
    poorer states, PPP overstates what it buys in arms; both are offered, neither is
    Beckley's exact series.

    Source: Beckley (2018), "The Power of Nations: Measuring What Matters", International
    Security 43(2), 7-44; World Bank WDI (NY.GDP.MKTP.CD); Fariss et al. (2022), SDP; Singer,
    Bremer & Stuckey (1972) NMC.
    """
    (gdp_table, gdp_column, to_usd), (pop_table, pop_column, to_people), currency = _GDP[source]
    cands = unique(candidates)
    gdp = monadic(ctx, gdp_table, gdp_column, cands)
    usd = gdp.values.to_numpy(dtype=np.float64) * to_usd
    people = np.full(len(cands), np.nan)
    records = gdp.provenance.tolist()
    stale = gdp.stale.to_numpy(bool).copy()
    years = [_year_used(r) if np.isfinite(v) else None for r, v in zip(records, usd, strict=True)]
    for year in sorted({y for y in years if y is not None}):
        at = [i for i, y in enumerate(years) if y == year]
        pop = monadic(replace(ctx, year=year), pop_table, pop_column, [cands[i] for i in at])
        people[at] = pop.values.to_numpy(dtype=np.float64) * to_people
        stale[at] = pop.stale.to_numpy(bool)
        joined = combine([records[i] for i in at], pop.provenance.tolist())
        for i, record in zip(at, joined, strict=True):
            records[i] = record
    values = (usd / 1e12) * (usd / people / 1e3)
    note = (
        f"{gdp_table} {gdp_column} ({currency}, latest at or before {ctx.year}) squared over "
        f"{pop_table} {pop_column} (latest at or before the GDP's year): GDP in US$ trillion "
        "x GDP per capita in US$ thousand"
    )
    return finish(cands, values, records, stale, note)


# ----------------------------------------------------------------------------- extended
def _commitments(ctx: MeasureContext, cands: list[str]) -> tuple[np.ndarray, list[Use]]:
    """1 where the candidate is bound to defend the focal nation at ``Y`` (its ATOP defence
    obligation towards the focal, or a tie override of kind ``defence_pact``), 0 where not,
    NaN where ATOP is stale or not yet covering ``Y`` and no override says."""
    frame = ctx.data.alliances(ctx.focal, cands, ctx.year)
    used = frame["year_used"].iloc[0] if len(frame) else pd.NA
    stale = bool(frame["stale"].any()) if len(frame) else False
    carried = not stale and not pd.isna(used) and int(used) < ctx.year  # past ATOP's end
    commit = frame["defense_by_other"].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)
    atop = Use(
        "atop",
        "defense",
        None if pd.isna(used) else int(used),
        stale=stale,
        carried_forward=carried,
    )
    uses = [atop] * len(cands)
    # a pledge the depth table reads as none (a hemispheric or EU instrument one of the pair
    # has left, data.depth) binds no one to defend the focal nation
    depth = ctx.data.alliance_depth(ctx.focal, cands, ctx.year)
    for i, other in enumerate(cands):
        if commit[i] == 1 and depth.at[other, "label"] == "none":
            commit[i] = 0.0
            reason = str(depth.at[other, "basis"])
            uses[i] = Use("alliance_depth", years=ctx.year, reason=reason)
    for i, other in enumerate(cands):
        override = ctx.overrides.tie(ctx.focal, other, ctx.year)
        if override is None:
            continue
        pact = 1.0 if override.kind == "defence_pact" else 0.0
        decides = override.replaces or override.kind == "none" or np.isnan(commit[i])
        if not (decides or pact > commit[i]):
            continue  # ATOP's obligation decides (a dialogue cannot lower it): cite ATOP
        commit[i] = pact
        uses[i] = Use(
            "atop", years=override.first_year, override=override.source, tie_kind=override.kind
        )
    return commit, uses


@register_measure(
    "extended_deterrence",
    unit="category 0-3",
    direction="benefit",
    aggregation="max",
    description="nuclear status (0-3) of a candidate bound to defend the focal nation (ATOP "
    "defence obligation or a defence_pact override), 0 for one that is not",
    tables=("nuclear", "atop", "alliance_depth"),
    categories=range(4),
)
def extended_deterrence(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """The nuclear deterrence the candidate extends to the focal nation.

    Formula: ``status_c * commit_c``, with ``status`` the candidate's nuclear weapons status
    (the ``nuclear_status`` measure: 0 none, 1 considering, 2 pursuing, 3 possessing) and
    ``commit`` = 1 when the candidate is bound to defend the focal nation in year ``Y``:
    an ATOP defence obligation of the candidate towards the focal (directed: the
    candidate's own pledge, ``defense`` in ATOP's row from the candidate to the focal), or
    a tie override of kind ``defence_pact`` between the two in the profile (an override with
    ``replaces`` or of kind ``none`` replaces ATOP's answer, as for ``defence_ties``). An ATOP
    pledge the ``alliance_depth`` rules read as ``none`` commits no one: one resting on the
    OAS instruments or the EU's mutual assistance clause that one of the pair has left
    (:meth:`alliancescore.data.Dataset.alliance_depth`; the United Kingdom to Sweden from 2020).
    A non-nuclear candidate extends nothing, committed or not (0 even where ATOP is stale).

    Unit: the status category, 0-3 (a criteria file maps it to values, as for
    ``nuclear_status``). Direction: benefit. Coalition aggregation: max (a coalition extends
    deterrence when one of its members both holds the weapons and is bound to the focal
    nation; members are measured one by one, so a coalition of a committed non-nuclear state
    and an uncommitted nuclear one extends none).

    Tables: ``nuclear`` (1946-2022, stale after 5 years) and ``atop`` (ATOP 5.1 to 2018,
    carried forward through 2025: later, a nuclear candidate's value is missing unless
    an override states the commitment). Caveats: a pledge is not a guarantee (Leeds 2003 on
    reliability); consultation pacts and unwritten commitments (the Taiwan Relations Act)
    count for nothing; weapons hosted under NATO nuclear sharing are the owner's.

    Source: Huth (1988), *Extended Deterrence and the Prevention of War*; Snyder (1984)
    (commitment); Leeds et al. (2002) ATOP; Bleek (2017) (status).
    """
    cands = unique(candidates)
    status = monadic(ctx, "nuclear", "status", cands)
    commit, uses = _commitments(ctx, cands)
    s = status.values.to_numpy(dtype=np.float64)
    values = np.where(s == 0, 0.0, s * commit)
    records = combine(status.provenance.tolist(), [Provenance((u,)) for u in uses])
    atop_stale = np.array([u.stale for u in uses], dtype=bool)
    stale = status.stale.to_numpy(bool) | (atop_stale & (s != 0))
    note = (
        f"{_latest_note('nuclear', 'status', ctx.year)}; times 1 if the candidate holds an ATOP "
        f"defence obligation towards {ctx.focal} at {ctx.year} (ATOP ends "
        f"{TABLES['atop'].last_year}: treaty spells carried forward through "
        f"{TABLES['atop'].horizon}, stale later) or a defence_pact tie override, else 0"
    )
    return finish(cands, values, records, stale, note)
