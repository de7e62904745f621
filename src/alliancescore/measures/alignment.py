"""Alignment against the focal nation: ties to its threat actors, hostility towards it.

Costs the benefit measures of :mod:`alliancescore.measures.threats` cannot see. Walt (1987),
*The Origins of Alliances*: states balance against threats or bandwagon with them, so a
candidate already aligned with the focal nation's threat actors (bound to them by treaty,
armed by them, fighting on their side) is unlikely to stand by the focal nation against them,
and one hostile to the focal nation itself (a strategic rival, a recent adversary) is not a
partner. Snyder (1984), "The security dilemma in alliance politics", World Politics 36(4): a
partner with commitments to the adversary is an abandonment risk.

**Three alignment measures, not one.** The candidate's treaty obligations to the threat actors
(``threat_alliance_depth``), its dependence on them for arms (``threat_arms_share``) and its
fighting on their side (``threat_cobelligerence``) are kept apart: they come from three sources
with different coverage (ATOP to 2018, carried forward through 2025; SIPRI order years to 2024;
UCDP to 2024), different units (a depth of obligation, a share of orders, a fact of
co-belligerence) and different failure modes (a paper tie; a supplier's client; a shared
non-state enemy), so a fixed combination would hide which one spoke. A criteria file weighs
them as indicators (e.g. under one "alignment with the threat" node), and the sensitivity
analysis can vary those weights. All three are 0-1 and 0 for a state with no tie of the kind.

**Severity.** A threat actor ``t`` with severity ``s_t`` counts with its *relative* severity
``r_t = s_t / max_u s_u`` (the main threat 1): a candidate's alignment with a minor threat
counts for less than the same alignment with the main one.

**Threat actors themselves (coalitions).** Each measure gives a value to a threat actor as
to any other state (computed over the *other* threat actors), then raises it to at least
``r_t`` times the scale's top (1 for the alignment measures, 2 for hostility): a threat actor
is maximally aligned with itself and, by the profile's own declaration, hostile to the focal
nation. The record says so (``threats <code>``). These measures are registered with
``threat_members = True``: a coalition that holds a threat actor aggregates that member too
(:func:`alliancescore.analysis.matrix.coalition_partners`), so a coalition holding the main
threat carries the maximum on these costs (the SCO for Pakistan, holding India), while every
other indicator still leaves the threat actor out. Their coalition aggregation is ``max``: a
coalition that acts by consensus is as compromised as its most threat-aligned or most hostile
member.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from alliancescore.data import TABLES
from alliancescore.data.lookups import pair_counts, spell_year
from alliancescore.data.provenance import Provenance, Use
from alliancescore.params import Flag, Options, Whole

from ._common import (
    MID_TABLES,
    RIVALRY_TABLES,
    STRATEGIC_RIVALRY,
    YEARS,
    check_codes,
    finish,
    rivalries,
    rivalry_overrides_note,
    spell_use,
    threat_summary,
    unique,
    window_note,
    window_use,
)
from ._events import AFTER_MID, HOSTILITY, hostile_events
from .base import MeasureContext, MeasureResult, register_measure

__all__ = [
    "ATOP_DEPTH",
    "OVERRIDE_DEPTH",
    "hostility_to_focal",
    "threat_alliance_depth",
    "threat_arms_share",
    "threat_cobelligerence",
]

# Depth of an ATOP obligation (either direction), strongest first: a defence pledge commits
# to fight for the partner, an offence pledge to join its wars; a neutrality pledge not to aid
# its attackers and a consultation pledge to confer in a crisis; non-aggression only not to
# attack it. Docstring of threat_alliance_depth.
ATOP_DEPTH = {"defense": 1.0, "offense": 0.75, "neutral": 0.5, "consul": 0.5, "nonagg": 0.25}
# The same scale for a profile's tie overrides (data.overrides.TIE_KINDS): a security
# partnership has no defence clause (consultation-like), a dialogue is the weakest tie.
OVERRIDE_DEPTH = {"defence_pact": 1.0, "security_partnership": 0.5, "dialogue": 0.25, "none": 0.0}


_NO_THREATS = Provenance(
    (Use(None, role="threats", reason="no other threat actor in the profile"),)
)


# ----------------------------------------------------------------------------- helpers
def _relative(ctx: MeasureContext, cands: list[str]) -> np.ndarray:
    """(candidates, threat actors) relative severities ``s_t / max s``, 0 where the
    candidate is the threat actor (a state is compared with the *other* threat actors)."""
    actors = ctx.threat_actors
    if not actors:
        return np.zeros((len(cands), 0))
    rel = ctx.severities / ctx.severities.max()
    weights = np.broadcast_to(rel, (len(cands), len(actors))).copy()
    weights[np.asarray(cands, dtype=object)[:, None] == np.array(actors, dtype=object)] = 0.0
    return weights


def _threat_floor(
    ctx: MeasureContext,
    cands: list[str],
    values: np.ndarray,
    records: list[Provenance],
    stale: np.ndarray,
    top: float,
) -> None:
    """Raise a threat actor's value to at least ``top * s_t / max s`` (in place)."""
    if not ctx.threats:
        return
    biggest = float(ctx.severities.max())
    severity = {t.actor: t.severity for t in ctx.threats}
    for i, code in enumerate(cands):
        if code not in severity:
            continue
        floor = top * severity[code] / biggest
        computed = values[i]
        values[i] = floor if np.isnan(computed) else max(computed, floor)
        stale[i] = False
        mark = Use(
            None,
            role="threats",
            nations=(code,),
            reason=f"a threat actor of {ctx.focal}: at least {top:g} x severity "
            f"{severity[code]:g} / {biggest:g}",
        )
        kept = () if records[i] is _NO_THREATS else records[i].uses
        records[i] = Provenance((mark, *kept))


def _weighted_max(weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Row-wise ``max_t w_t * v_t`` over entries with ``w > 0``; NaN where a weighted entry
    is NaN or no weight is positive."""
    used = weights > 0
    products = np.where(used, weights * np.where(used, values, 0.0), 0.0)
    out = products.max(axis=1, initial=0.0)
    out[(used & np.isnan(values)).any(axis=1) | ~used.any(axis=1)] = np.nan
    return out


def _records(use: Provenance, no_threat: np.ndarray) -> list[Provenance]:
    return [_NO_THREATS if none else use for none in no_threat]


# ----------------------------------------------------------------------------- ties
def _tie_overrides(ctx: MeasureContext, cands: list[str], depth: np.ndarray) -> list[list[Use]]:
    """Apply the profile's tie overrides between threat actors and candidates to ``depth``
    (in place), as :func:`~alliancescore.measures.base.tie_levels` does for ties with the
    focal: an override raises the depth, or with ``replaces`` or kind ``none`` (or where ATOP
    says nothing) replaces it. Returns the override uses per candidate."""
    extra: list[list[Use]] = [[] for _ in cands]
    if not ctx.overrides.ties:
        return extra
    for j, actor in enumerate(ctx.threat_actors):
        for i, code in enumerate(cands):
            override = ctx.overrides.tie(actor, code, ctx.year)
            if override is None:
                continue
            level = OVERRIDE_DEPTH[override.kind]
            replaces = override.replaces or override.kind == "none" or np.isnan(depth[i, j])
            if not (replaces or level > depth[i, j]):
                continue
            depth[i, j] = level
            extra[i].append(
                Use(
                    "atop",
                    years=override.first_year,
                    override=override.source,
                    tie_kind=override.kind,
                )
            )
    return extra


def _clear_rivals(
    ctx: MeasureContext, cands: list[str], depth: np.ndarray, coded: list[list[Use]]
) -> None:
    """Set to 0 the ATOP depth of a candidate with a threat actor it is a strategic rival of
    (``rivalry_tss`` in ``Y``), and record why: a treaty two rivals both belong to aligns
    neither with the other (India and China in the SCO, Greece and Turkey in NATO)."""
    rivals = rivalries(ctx, STRATEGIC_RIVALRY)
    if rivals.spells.stale or rivals.spells.year_used is None:
        return
    actors = list(ctx.threat_actors)
    cleared = (pair_counts(rivals.pairs, cands, actors) > 0) & (depth > 0)
    use = spell_use(rivals.spells)
    for i, j in zip(*np.nonzero(cleared), strict=True):
        reason = (
            f"with threat actor {actors[j]}: strategic rivals, so the ATOP tie between them "
            "aligns neither with the other"
        )
        by_override = rivals.uses(cands[i], [actors[j]])
        coded[i].append(replace(by_override[0] if by_override else use, reason=reason))
    # a tie the rule would have cleared but for an override that ended the rivalry
    for i, j in zip(*np.nonzero((depth > 0) & ~cleared), strict=True):
        for ended in rivals.uses(cands[i], [actors[j]]):
            reason = f"with threat actor {actors[j]}: no rivalry, so the ATOP tie counts"
            coded[i].append(replace(ended, reason=reason))
    depth[cleared] = 0.0


def _depths(ctx: MeasureContext, cands: list[str]) -> tuple[np.ndarray, list[list[Use]], Use]:
    """(candidates, threats) ATOP depth with tie overrides, per candidate the override uses,
    and the ATOP use."""
    actors = ctx.threat_actors
    spec = TABLES["atop"]
    used, carried, stale = spell_year(
        ctx.year, spec.first_year, spec.last_year, spec.max_staleness_years
    )
    depth = np.zeros((len(cands), len(actors)))
    coded: list[list[Use]] = [[] for _ in cands]
    for j, actor in enumerate(actors):
        frame = ctx.data.alliances(actor, cands, ctx.year)
        levels = ctx.data.alliance_levels(actor, cands, ctx.year)
        on_code = levels["code"].notna().to_numpy(bool)
        # a pledge resting on an instrument one of the pair has left (the EU clause after
        # Brexit, the OAS after an exit) aligns no one: data.depth, rule 3 and 5
        left = levels["left_basis"].notna().to_numpy(bool)
        for kind, weight in ATOP_DEPTH.items():
            has = (frame[kind].to_numpy(dtype=np.float64, na_value=np.nan) == 1) & ~left
            if kind == "nonagg":  # a pledge resting on a code of conduct is no alignment
                has &= ~on_code
            depth[:, j] = np.maximum(depth[:, j], np.where(has, weight, 0.0))
        # each column read once, not a pandas lookup per candidate
        code_basis, left_basis = levels["code_basis"].tolist(), levels["left_basis"].tolist()
        for i in np.flatnonzero(on_code):
            basis = f"with threat actor {actor}: {code_basis[i]}"
            coded[i].append(Use("alliance_depth", years=used, reason=basis))
        for i in np.flatnonzero(left):
            basis = f"with threat actor {actor}: {left_basis[i]}"
            coded[i].append(Use("alliance_depth", years=ctx.year, reason=basis))
        if used is None or stale:
            depth[:, j] = np.nan
    _clear_rivals(ctx, cands, depth, coded)
    extra = _tie_overrides(ctx, cands, depth)
    extra = [[*c, *e] for c, e in zip(coded, extra, strict=True)]
    if used is None:
        atop = Use("atop", reason=f"before {spec.first_year}")
    else:
        atop = Use("atop", years=used, stale=stale, carried_forward=carried)
    return depth, extra, atop


@register_measure(
    "threat_alliance_depth",
    unit="depth of obligation 0-1, by relative threat severity",
    direction="cost",
    aggregation="max",
    description="deepest ATOP obligation between the candidate and the focal's threat actors "
    "(1 defence, 0.75 offence, 0.5 neutrality or consultation, 0.25 non-aggression not "
    "resting on a code of conduct), weighted by relative threat severity",
    tables=("atop", "alliance_depth", STRATEGIC_RIVALRY),
    threat_members=True,
)
def threat_alliance_depth(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """How deeply the candidate is bound by treaty to the focal nation's threat actors.

    Formula: ``max_t r_t * depth(c, t)`` over threat actors ``t`` other than ``c``, with
    ``r_t = s_t / max_u s_u`` the relative severity and ``depth`` the deepest ATOP obligation
    in force between ``c`` and ``t`` in year ``Y``, in either direction (``c`` pledged to
    ``t`` or ``t`` to ``c``: a protege is as aligned as a protector):

    ==================================  =====
    obligation (ATOP pledge)            depth
    ==================================  =====
    defence                             1
    offence                             0.75
    neutrality or consultation          0.5
    non-aggression only                 0.25
    none                                0
    ==================================  =====

    The order is the depth of commitment among ATOP's obligation types (Leeds et al. 2002):
    defence and offence pledges promise military support (fighting for the partner, or
    joining its wars); neutrality (not aiding a state at war with the partner) and
    consultation (conferring in a crisis) promise no force, and neutrality sits with
    consultation rather than with offence because ATOP's neutrality pledges are mostly the
    post-1990 friendship treaties' promise not to aid an aggressor against the partner
    (Russia's with Germany, Poland, Canada, Finland, Greece, Turkey, Bulgaria, Iran), which
    binds nothing when the threat is itself the aggressor; non-aggression, the weakest,
    promises only not to attack. The steps are even (quarters): an ordinal scale, not a
    measured distance. The maximum over the threat actors,
    not a mean: a defence ally of the main threat is fully aligned with it whatever its ties
    to minor ones. A tie override of the profile between a threat actor and a candidate counts
    as for ``defence_ties`` (defence pact 1, security partnership 0.5, dialogue 0.25; it
    raises the depth, or with ``replaces`` or kind ``none`` replaces it). A threat actor: at
    least ``r_t`` (module docstring).

    A non-aggression pledge that rests on a region-wide code of conduct counts 0, not 0.25
    (:meth:`alliancescore.data.Dataset.nonaggression_codes`): the Treaty of Amity and
    Cooperation in Southeast Asia and the Helsinki Final Act, which ATOP codes as
    non-aggression pacts among all their parties, are held by the threat and by most of its
    region alike (the United States, Australia and South Korea with China; every CSCE state
    with Russia), so they say nothing about alignment. A non-aggression run that began before both
    joined the code is an instrument of its own and counts (the 1978 Sino-Japanese treaty).
    A pledge that rests on an instrument one of the pair has left counts 0 too, as for
    ``defence_depth`` (:meth:`alliancescore.data.Dataset.alliance_levels`, ``left_basis``):
    the EU's mutual assistance clause after Brexit (Sweden is not aligned with Britain from
    2020), the OAS instruments after an exit (Venezuela with the United States from 2019).

    A tie between the candidate and a threat actor it is a strategic rival of in ``Y``
    (``rivalry_tss``, Thompson, Sakuwa & Suhas 2021) counts 0 too: a treaty two rivals both
    belong to aligns neither with the other. India's consultation tie with China from its
    SCO accession (ATOP, 2015) made it as "aligned" with China as Pakistan for Japan, Vietnam
    and South Korea; Greece's NATO pledge with Turkey would make it Turkey's ally for Cyprus.
    A profile's tie override still counts (the analyst's sourced statement).

    Examples (ATOP 5.1, 2018, threat China): North Korea 1 (1961 treaty, defence), Pakistan
    0.5 (consultation), Malaysia and the Philippines 0.25 (their 1974-1975 communiques with
    China), Laos, Cambodia and the United States 0 (the Treaty of Amity and Cooperation
    only). Non-aggression ties to the threat are common and weak, hence 0.25.

    Unit: 0-1. Direction: cost (an ally of the threat may abandon the focal nation or side
    against it). Coalition aggregation: max (module docstring).

    Tables: ``atop`` (ATOP 5.1, to 2018; its treaty spells are carried forward, flagged,
    through 2025, and stale, hence missing, later). Agreements after 2018 are absent unless a
    facts file or the profile adds them as tie overrides. ATOP as shipped has no alliance
    ids: a multilateral pact counts as its dyads (the Arab League, the CSTO). Missing for
    every candidate when ATOP is stale, and with no threat actor other than the candidate
    (``threats none``).

    Source: Leeds, Ritter, Mitchell & Long (2002), "Alliance Treaty Obligations and
    Provisions, 1815-1944", International Interactions 28(3) (the obligation types); Walt
    (1987) balance of threat; Snyder (1984) abandonment.
    """
    cands = unique(candidates)
    actors = ctx.threat_actors
    check_codes(ctx, [*cands, *actors])
    depth, extra, atop = _depths(ctx, cands)
    weights = _relative(ctx, cands)
    values = _weighted_max(weights, depth)
    no_threat = ~(weights > 0).any(axis=1)
    base = Provenance((atop,))
    records = [
        _NO_THREATS if none else Provenance((atop, *more)) if more else base
        for none, more in zip(no_threat, extra, strict=True)
    ]
    stale = atop.stale & np.isnan(values) & ~no_threat
    _threat_floor(ctx, cands, values, records, stale, 1.0)
    note = (
        f"deepest ATOP obligation with a threat actor at {ctx.year} (defence 1, offence 0.75, "
        "neutrality or consultation 0.5, non-aggression 0.25, none resting on a code of "
        "conduct: the TAC, the Helsinki Final Act) times its relative severity; "
        f"threat actors {threat_summary(ctx)}; ATOP ends {TABLES['atop'].last_year} (carried "
        f"forward through {TABLES['atop'].horizon}, stale later); tie overrides "
        f"applied ({len(ctx.overrides.ties)} in the profile and its facts files)"
        + rivalry_overrides_note(ctx)
    )
    return finish(cands, values, records, stale, note)


# ----------------------------------------------------------------------------- arms
@register_measure(
    "threat_arms_share",
    unit="share of the candidate's arms orders (0-1), by relative threat severity",
    direction="cost",
    aggregation="max",
    description="share of the candidate's major-arms orders placed with the focal's threat "
    "actors in the trailing window, weighted by relative threat severity",
    tables=("arms_shares",),
    threat_members=True,
)
def threat_arms_share(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """How far the candidate is armed by the focal nation's threat actors.

    Formula: ``sum_t r_t * p_c,t`` over threat actors ``t`` other than ``c``, with ``p_c,t``
    the share of supplier ``t`` in the candidate's major-arms orders (SIPRI trend-indicator
    values) over the trailing window of 10 order years ending at ``Y`` (the window of
    ``arms_supplier_overlap`` and ``arms_supply_to_focal``) and ``r_t = s_t / max_u s_u``. A
    sum, not a maximum: shares of different suppliers add up (at most 1). A threat actor: at
    least ``r_t`` (module docstring; its own production is not in the register).

    Examples (2009-18 order years): Pakistan's orders from China, North Korea's (none
    recorded: missing), India's from Russia (for a profile threatened by Russia).

    Unit: 0-1. Direction: cost (a client depends on the threat for spares, ammunition and
    upgrades, and the supplier can withhold them: dependence constrains alignment).
    Coalition aggregation: max.

    Tables: ``arms_shares`` (derived from the SIPRI trade register, order years to 2024; past
    2024 the 2024 window is used, stale after 2029). Missing for a candidate with no orders
    in the window (shares undefined; the record says so). Only major conventional arms;
    licensed production is listed under the licensor.

    Source: Walt (1987) on arms transfers as instruments of alignment; Paul et al. (2013)
    RAND TL-112 (arms-transfer ties as a propensity input).
    """
    cands = unique(candidates)
    actors = ctx.threat_actors
    check_codes(ctx, [*cands, *actors])
    shares = ctx.data.arms_shares(cands, ctx.year)
    matrix = shares.matrix
    if shares.window is None:
        use = Use("arms_shares", reason=f"register from {TABLES['arms_shares'].first_year}")
    else:
        use = Use("arms_shares", years=shares.window, stale=bool(shares.stale))
    p = (
        matrix.reindex(columns=actors).fillna(0.0).to_numpy(dtype=np.float64, copy=True)
        if matrix.shape[1]
        else np.zeros((len(cands), len(actors)))
    )
    idle = matrix.isna().all(axis=1).to_numpy() if matrix.shape[1] else np.ones(len(cands), bool)
    p[idle] = np.nan
    weights = _relative(ctx, cands)
    used = weights > 0
    values = np.where(used, weights * np.where(used, p, 0.0), 0.0).sum(axis=1)
    values[(used & np.isnan(p)).any(axis=1)] = np.nan
    no_threat = ~used.any(axis=1)
    values[no_threat] = np.nan
    no_orders = Provenance((replace(use, reason="none: no orders by the candidate"),))
    usable = shares.window is not None and not shares.stale
    records = [
        _NO_THREATS if none else no_orders if (usable and i) else Provenance((use,))
        for none, i in zip(no_threat, idle, strict=True)
    ]
    stale = np.full(len(cands), bool(shares.stale)) & ~no_threat
    _threat_floor(ctx, cands, values, records, stale, 1.0)
    window = "none" if shares.window is None else f"{shares.window[0]}-{shares.window[1]}"
    note = (
        f"SIPRI order years {window} (TIV-weighted supplier shares); share of the candidate's "
        f"orders from threat actors {threat_summary(ctx)}, each times its relative severity"
    )
    return finish(cands, values, records, stale, note)


# ----------------------------------------------------------------------------- war
@register_measure(
    "threat_cobelligerence",
    unit="co-belligerent 0-1, by relative threat severity",
    direction="cost",
    aggregation="max",
    description="whether the candidate fought on a threat actor's side of a UCDP armed "
    "conflict (as a primary or supporting party) in a trailing window, weighted by relative "
    "threat severity; multilateral sides and sides the focal fought on left out",
    tables=("ucdp",),
    params={"window_years": YEARS, "max_side_states": Whole(2, text="a whole number >= 2")},
    threat_members=True,
)
def threat_cobelligerence(
    ctx: MeasureContext,
    candidates: list[str],
    *,
    window_years: int = 10,
    max_side_states: int = 5,
) -> MeasureResult:
    """Whether the candidate has fought on the side of the focal nation's threat actors.

    Formula: ``max_t r_t * b(c, t)`` over threat actors ``t`` other than ``c``, with
    ``b(c, t) = 1`` when in some year of ``[Y - window_years + 1, Y]`` (default 10 years) ``c``
    and ``t`` were on the same side of a UCDP/PRIO armed conflict (any type), each as a
    primary party or a secondary one (a state sending troops to support a side), else 0; and
    ``r_t = s_t / max_u s_u``. Two kinds of shared side are left out:

    * sides of more than ``max_side_states`` states (default 5) in the year: multilateral
      operations (UN missions such as MINUSMA in Mali, with 60 contributors including China;
      ISAF; the anti-IS coalition), whose members fight a common enemy without aligning with
      one another; below that, sides are bilateral or regional interventions (Russia and Iran
      for the Syrian government, 2015-);
    * sides on which the focal nation itself fought that year (fighting beside the threat in
      the focal's own coalition is not alignment against the focal).

    A binary fact per threat actor, not a count: co-belligerence is rare, and its number of
    UCDP conflict ids reflects how UCDP splits a war (Syria is two). A threat actor: 1 x
    ``r_t`` at least (module docstring).

    Examples (2009-2018): Iran and Syria fought on Russia's side (Syria, conflicts 299 and
    13604, 2015-2018); nobody shares a side with China once MINUSMA is left out. Caveat:
    shared wars against non-state enemies still count when the side is small (the United
    States and Pakistan for the Afghan government, 2015-2018): co-belligerence is alignment
    in deeds, not necessarily against the focal nation.

    Unit: 0-1. Direction: cost. Coalition aggregation: max.

    Tables: ``ucdp`` (UCDP/PRIO ACD 25.1, 1946-2024, one row per state, side and role; a
    window is stale when its last covered year is more than 3 years before ``Y``). Only
    conflicts with 25 battle deaths a year; arms, money and advisers below troop support are
    not coded as secondary participation.

    Source: Gleditsch et al. (2002) JPR 39(5) and Davies et al. (2025) JPR 62(4) (UCDP/PRIO
    ACD, secondary warring parties); Walt (1987).
    """
    cands = unique(candidates)
    actors = ctx.threat_actors
    check_codes(ctx, [*cands, *actors])
    window = ctx.data.event_window("ucdp", ctx.year, window_years)
    weights = _relative(ctx, cands)
    if window.covered is None:
        together = np.zeros((len(cands), len(actors)))
    else:
        pairs = ctx.data.conflict_pairs(
            *window.covered, same_side=True, max_side_states=max_side_states, apart_from=ctx.focal
        )
        together = (pair_counts(pairs, cands, actors) > 0).astype(np.float64)
    values = _weighted_max(weights, together)
    if not window.usable:
        values[:] = np.nan
    no_threat = ~(weights > 0).any(axis=1)
    records = _records(Provenance((window_use(window),)), no_threat)
    stale = np.full(len(cands), window.stale) & ~no_threat
    _threat_floor(ctx, cands, values, records, stale, 1.0)
    note = (
        f"same side as a threat actor in a UCDP conflict-year, {window_note(window)}; sides of "
        f"more than {max_side_states} states and sides {ctx.focal} fought on left out; threat "
        f"actors {threat_summary(ctx)}, by relative severity"
    )
    return finish(cands, values, records, stale, note)


# ----------------------------------------------------------------------------- hostility
@register_measure(
    "hostility_to_focal",
    unit="hostility level 0-2 (rivalry + armed hostility)",
    direction="cost",
    aggregation="max",
    description="strategic rivalry with the focal nation (1) plus a militarized dispute "
    "(to 2014) or an armed conflict on opposite sides (UCDP, after) with it in a trailing "
    "window (1)",
    tables=("rivalry_tss", "rivalry_td", "mid_cow", "mid_gml", "ucdp"),
    params={
        "window_years": YEARS,
        "rivalry_table": Options(RIVALRY_TABLES),
        "mid_table": Options(MID_TABLES),
        "after_mid": AFTER_MID,
        "min_hostility": HOSTILITY,
        "include_events": Flag(),
    },
    threat_members=True,
    categories=(0, 1, 2),
)
def hostility_to_focal(
    ctx: MeasureContext,
    candidates: list[str],
    *,
    window_years: int = 10,
    rivalry_table: str = "rivalry_tss",
    mid_table: str = "mid_cow",
    after_mid: str = "ucdp",
    min_hostility: int = 4,
    include_events: bool = True,
) -> MeasureResult:
    """How hostile the candidate has been to the focal nation itself.

    Formula: ``rival(c, F) + clash(c, F)``, where ``rival = 1`` when a strategic rivalry
    between ``c`` and the focal nation ``F`` is active in ``Y`` (0 otherwise) and ``clash = 1``
    when the two came to blows in the window ``W = [Y - window_years + 1, Y]`` (default 10
    years), by the MID-then-UCDP rule (:mod:`alliancescore.measures._events`):

    * years of ``W`` up to the MID table's end (``mid_cow``: 2014): a militarized interstate
      dispute between them with a dyad-year at hostility level ``min_hostility`` or higher
      (default 4, use of force: the MID level closest to UCDP's armed conflict; 2 counts
      threats too);
    * later years (``after_mid = "ucdp"``, the default): a UCDP armed conflict in which the two
      fought on opposite sides (primary or supporting parties).

    Binary per part, so that the switch of source changes what counts as a clash as little as
    possible (a count of MIDs, threats and displays included, is not comparable with a count
    of UCDP conflicts); the note says which source covered which years ("mid_cow disputes
    (hostility level >= 4) 2009-2014; ucdp conflicts on opposite sides 2015-2018 (replacing
    mid_cow, which ends in 2014)"). With ``include_events = false`` only the rivalry
    counts (0-1). A threat actor: at least ``2 r_t`` (``r_t`` with ``include_events = false``),
    whatever the data say (module docstring): the profile declares it hostile.

    Examples (2018, focal Saudi Arabia): Qatar 1 (TSS rivalry 208, from 1995), Iraq 1
    (rivalry 160), Turkey 1 (rivalry 261, from 2013), Yemen 1 (no rivalry; UCDP codes the
    Sana'a authorities as Yemen's government from 2015, so Saudi Arabia is on the opposite
    side of conflict 230), the United States 0.

    Unit: level 0-2. Direction: cost. Coalition aggregation: max (module docstring).

    Tables: ``rivalry_tss`` (Thompson, Sakuwa & Suhas 2021, to 2020; carried forward, stale and
    missing after 2025; or ``rivalry_td`` to 2010); ``mid_cow`` (COW MID 5.0, to 2014; or
    ``mid_gml`` to 2010); ``ucdp`` (UCDP/PRIO ACD 25.1, to 2024, stale after 3 years). Missing
    when the rivalry table is stale or the window has no usable source. Rivalries are few:
    hostility short of a recorded rivalry and of force (Turkey-Israel after 2010, the Gulf
    boycott of Qatar) counts only through a MID of the chosen level.

    Source: Walt (1987) (aggressive intentions); Thompson (2001) "Identifying rivals and
    rivalries in world politics", ISQ 45(4) (strategic rivalry); Jones, Bremer & Singer (1996)
    and Palmer et al. (2022) (MID); Gleditsch et al. (2002) (UCDP/PRIO ACD).
    """
    cands = unique(candidates)
    focal = ctx.focal
    check_codes(ctx, [*cands, focal, *ctx.threat_actors])
    rivals = rivalries(ctx, rivalry_table)
    spells = rivals.spells
    values = (pair_counts(rivals.pairs, cands, [focal])[:, 0] > 0).astype(np.float64)
    if spells.stale or spells.year_used is None:
        values[:] = np.nan
    uses, stale = [spell_use(spells)], spells.stale
    window = "rivalry only"
    if include_events:
        events = hostile_events(ctx, window_years, mid_table, after_mid, min_hostility)
        clash = (pair_counts(events.pairs, cands, [focal])[:, 0] > 0).astype(np.float64)
        values = values + clash
        if not events.usable:
            values[:] = np.nan
        uses.extend(events.uses)
        stale = stale or events.stale
        window = f"armed hostility in {events.note}"
    records = [Provenance((*uses, *rivals.uses(c, [focal]))) for c in cands]
    stale_flags = np.full(len(cands), stale)
    _threat_floor(ctx, cands, values, records, stale_flags, 2.0 if include_events else 1.0)
    note = (
        f"{rivalry_table} rivalry with {focal} at {ctx.year} (1) plus {window} (1); threat "
        f"actors {threat_summary(ctx)} count at least 2 x relative severity"
        if include_events
        else f"{rivalry_table} rivalry with {focal} at {ctx.year} only (0-1); threat actors "
        f"{threat_summary(ctx)} count at least their relative severity"
    ) + rivalry_overrides_note(ctx)
    return finish(cands, values, records, stale_flags, note)
