"""Shared threats: how far a candidate is opposed to the focal nation's threat actors.

Walt (1987), *The Origins of Alliances*: states balance against threats (power, proximity,
offensive capability, perceived intentions), so a partner that already opposes the focal
nation's threat actors has its own reasons to stand by the focal nation. The three measures
read that opposition from strategic rivalries, militarized disputes and UN voting.

Threat actors and severities come from the profile (``ctx.threats``). A candidate that is
itself a threat actor is compared with the *other* threat actors only (its weight on itself
is 0); with no other threat actor its value is missing (source ``threats none``).

**Coalitions holding a threat actor** (``threat_floor = 0``): a coalition that holds one of
the focal nation's threat actors takes 0 on all three, the scales' worst, whatever its other
members' rivalries, disputes and votes: a body that acts by consensus cannot be turned
against its own member (the SCO for Pakistan while it holds India; for India while it holds
China and Pakistan). The alignment costs of :mod:`alliancescore.measures.alignment` already
carry the threat actor's own values; these benefits could still count China's rivalry with
India for the SCO.

**Rivals of the focal nation** are missing on all three (the record says why; the criteria
file's policy fills them, worst in the default model; a coalition leaves such a member out
and names it): a candidate in a strategic rivalry with the focal nation (``rivalry_tss`` in
``Y``), or with three or more militarized disputes or armed conflicts with it in the ten
years to ``Y`` and no defence pledge between them (a rival by dispute density, adapted from
Diehl & Goertz 2000), is one of its threats, not a partner against the others, whatever
rivalries, disputes and votes it shares with them (Turkey for Saudi Arabia in 2018, a rival
of both Saudi Arabia and Iran; Iran for Pakistan, four MIDs in 2009-2014). This holds for a
threat actor as candidate too (China for Japan), not for one that is not the focal nation's
rival. Its hostility to the focal nation is a cost of its own (``hostility_to_focal``).
``exclude_focal_rivals = false`` (a measure parameter in the criteria file) turns the rule
off, as in the default model before 2026.12.2.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from alliancescore.data import TABLES
from alliancescore.data.lookups import pair_counts
from alliancescore.data.provenance import Provenance, Use, combine, scoped
from alliancescore.params import Flag, Options

from ._common import (
    IDEAL_POINTS,
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
    threat_weights,
    unique,
    weighted_mean,
)
from ._events import AFTER_MID, HOSTILITY, hostile_events
from .base import MeasureContext, MeasureResult, monadic, register_measure

__all__ = ["threat_disputes", "threat_rivalry", "threat_un_distance"]

_NO_THREATS = Provenance(
    (Use(None, role="threats", reason="no other threat actor in the profile"),)
)


def _unless_no_threat(no_threat: np.ndarray, record: Provenance) -> list[Provenance]:
    return [_NO_THREATS if none else record for none in no_threat]


# A rival by dispute density: this many distinct disputes (MIDs of any level; UCDP conflicts
# on opposite sides after the MID data end) with the focal nation in the ten years to Y,
# between states with no ATOP defence pledge to each other. Adapted from the lower bound of
# a proto-rivalry in Diehl & Goertz (2000, ch. 2: three to five disputes; one or two are
# isolated conflict), who link disputes by the time between them rather than a window.
DISPUTE_RIVALRY = 3
DISPUTE_WINDOW = 10


def _with_reason(record: Provenance, reasoned: Use, extra: tuple[Use, ...] = ()) -> Provenance:
    """``record`` with ``reasoned`` in place of the same use without its reason (appended if
    the record has none), and ``extra`` uses it lacks appended."""
    plain = replace(reasoned, reason="")
    uses = list(record.uses)
    uses += [u for u in extra if u not in uses and u != plain]
    if plain in uses:
        uses[uses.index(plain)] = reasoned
    else:
        uses.append(reasoned)
    return replace(record, uses=tuple(uses))


def _void_for_focal_rivals(
    ctx: MeasureContext,
    cands: list[str],
    values: np.ndarray,
    records: list[Provenance],
) -> None:
    """Make missing (in place) the value of a candidate that is the focal nation's rival,
    its record saying why: a rival of the focal nation is one of its threats, not a partner
    against the others, whatever it shares with them (Walt 1987: intentions make the
    threat). Missing, not 0: the criteria file's missing-data policy fills it (``worst`` in
    the default model), so the rival does not stretch the scale the others are read on, and
    a coalition's aggregation leaves the member out and names it.

    A rival is a strategic rival (``rivalry_tss`` in ``Y``: Turkey for Saudi Arabia from
    2013, itself Iran's rival) or a rival by dispute density (``DISPUTE_RIVALRY`` disputes
    or conflicts with the focal nation in the ten years to ``Y`` and no ATOP defence pledge
    between them: Iran for Pakistan, four MIDs in 2009-2014; a single tanker seizure does not
    make Iran India's rival, nor three Gibraltar incidents make Spain Britain's). A stale
    source voids nothing. The rule reads ``rivalry_tss`` and the MID-then-UCDP events
    whatever the measure's own ``table`` or window parameters. A rivalry override of the
    profile decides for its pairs: ``rivalry`` makes the candidate a rival, ``none`` makes it
    no rival (by dispute density either), and the record names the override."""
    added: dict[int, tuple[Use, tuple[Use, ...]]] = {}
    rivals = rivalries(ctx, STRATEGIC_RIVALRY)  # a stale table: no pairs, no overrides
    focal = ctx.focal
    if not (rivals.spells.stale or rivals.spells.year_used is None):
        reason = f"a strategic rival of {focal}: shares none of its threats"
        use = replace(spell_use(rivals.spells), reason=reason)
        for i in np.flatnonzero(pair_counts(rivals.pairs, cands, [focal])[:, 0] > 0):
            by_override = rivals.uses(cands[i], [focal])
            added[int(i)] = (replace(by_override[0], reason=reason) if by_override else use, ())
    # pairs an override holds not rivals: the dispute-density rule does not apply to them
    kept_apart = [(o := rivals.override(c, focal)) is not None and o.kind == "none" for c in cands]
    noted: set[int] = set()
    events = hostile_events(ctx, DISPUTE_WINDOW, "mid_cow", "ucdp")
    if events.usable:
        counts = pair_counts(events.pairs, cands, [focal])[:, 0]
        pledged = ctx.data.alliances(focal, cands, ctx.year)["defense"]
        allied = pledged.fillna(0).to_numpy(dtype=np.float64) > 0
        *head, last = events.uses
        for i in np.flatnonzero((counts >= DISPUTE_RIVALRY) & ~allied):
            if kept_apart[i]:
                # the record says why the rule did not apply
                ended = replace(
                    rivals.use(cands[i], focal),
                    reason=f"{int(counts[i])} disputes or conflicts with {focal}, but not rivals",
                )
                records[i] = replace(records[i], uses=(*records[i].uses, ended))
                noted.add(int(i))
                continue
            reason = (
                f"{int(counts[i])} disputes (MID) or armed conflicts (UCDP) with {focal} "
                "in the window: a rival by dispute density, shares none of its threats"
            )
            added.setdefault(int(i), (replace(last, reason=reason), tuple(head)))
    for i, (reasoned, extra) in added.items():
        if not np.isnan(values[i]):
            values[i] = np.nan
            records[i] = _with_reason(records[i], reasoned, extra)
    for i, c in enumerate(cands):
        if i not in added and i not in noted and rivals.changed(c, focal):
            # an override ended a coded rivalry: the record says why the rule did not apply
            ended = replace(rivals.use(c, focal), reason=f"not a rival of {focal}")
            records[i] = replace(records[i], uses=(*records[i].uses, ended))


@register_measure(
    "threat_rivalry",
    unit="share of threat severity (0-1)",
    direction="benefit",
    aggregation="max",
    description="severity-weighted share of the focal's threat actors the candidate is a "
    "strategic rival of",
    tables=("rivalry_tss", "rivalry_td", "mid_cow", "ucdp", "atop"),
    params={"table": Options(RIVALRY_TABLES), "exclude_focal_rivals": Flag()},
    threat_floor=0.0,
)
def threat_rivalry(
    ctx: MeasureContext,
    candidates: list[str],
    *,
    table: str = "rivalry_tss",
    exclude_focal_rivals: bool = True,
) -> MeasureResult:
    """Severity-weighted share of the threat actors the candidate is a strategic rival of.

    Formula: ``sum_t s_t * rival(c, t, Y) / sum_t s_t`` over threat actors ``t`` other than
    ``c``, with ``rival`` = 1 when a strategic rivalry between ``c`` and ``t`` is active in
    year ``Y`` (0 otherwise) and ``s_t`` the threat's severity.

    Unit: share of the total threat severity, 0-1. Direction: benefit (a rival of the
    focal's threats shares its threats). Coalition aggregation: max (the coalition's most
    committed member; shares of different members are not additive).

    Tables: ``rivalry_tss`` (Thompson, Sakuwa & Suhas 2021, to 2020: primary) or, with
    ``table="rivalry_td"``, Thompson & Dreyer (2012, to 2010). Past the source's end the
    last state is carried forward (sources say so) until it goes stale (5 years), then
    missing. Rivalries are a short list of enduring, named antagonisms: most pairs of states
    are not rivals, so most values are 0, and hostility short of a recorded rivalry counts
    for nothing (the United States and North Korea are not rivals in TSS).

    Source of the idea: Walt (1987) balance of threat.
    """
    cands = unique(candidates)
    actors = ctx.threat_actors
    check_codes(ctx, [*cands, *actors])
    rivals = rivalries(ctx, table)
    stale = rivals.spells.stale
    rival = np.minimum(pair_counts(rivals.pairs, cands, actors), 1.0)
    if stale:
        rival[:] = np.nan
    weights = threat_weights(ctx, cands)
    values = weighted_mean(weights, rival)
    no_threat = weights.sum(axis=1) == 0
    base = spell_use(rivals.spells)
    records = [
        _NO_THREATS if none else Provenance((base, *rivals.uses(c, actors)))
        for c, none in zip(cands, no_threat, strict=True)
    ]
    if exclude_focal_rivals:
        _void_for_focal_rivals(ctx, cands, values, records)
    note = (
        f"active strategic rivalries in {table} at {ctx.year}; threat actors "
        f"{threat_summary(ctx)}; share of the threat severity, the candidate itself excluded"
        + rivalry_overrides_note(ctx)
    )
    return finish(cands, values, records, np.full(len(cands), stale) & ~no_threat, note)


@register_measure(
    "threat_disputes",
    unit="severity-weighted count of disputes",
    direction="benefit",
    aggregation="sum",
    description="severity-weighted number of distinct militarized disputes between the "
    "candidate and the threat actors in a trailing window (after the MID data end, "
    "optionally UCDP conflicts on opposite sides)",
    tables=("mid_cow", "mid_gml", "ucdp", "rivalry_tss", "atop"),
    params={
        "window_years": YEARS,
        "table": Options(MID_TABLES),
        "after_mid": AFTER_MID,
        "min_hostility": HOSTILITY,
        "exclude_focal_rivals": Flag(),
    },
    threat_floor=0.0,
)
def threat_disputes(
    ctx: MeasureContext,
    candidates: list[str],
    *,
    window_years: int = 10,
    table: str = "mid_cow",
    after_mid: str = "none",
    min_hostility: int = 1,
    exclude_focal_rivals: bool = True,
) -> MeasureResult:
    """Severity-weighted count of militarized disputes with the threat actors, in a window.

    Formula: ``sum_t s_t * n(c, t)``, where ``n(c, t)`` is the number of distinct militarized
    interstate disputes (dispute numbers, not dispute-years) with a dyad-year between ``c``
    and threat actor ``t`` in the window ``[Y - window_years + 1, Y]`` (default 10 years
    ending at the reference year). A multilateral dispute in which the candidate faced two
    threat actors counts once for each, with each one's severity. Not normalised: the value
    grows with the number and severity of threats. ``min_hostility`` (default 1: all) counts
    only dyad-years at or above a MID hostility level (4 = use of force).

    Unit: disputes weighted by severity. Direction: benefit (a state that has come to blows
    with the focal's threats shares them). Coalition aggregation: sum.

    Tables: ``mid_cow`` (COW MID 5.0, 1946-2014) or ``mid_gml`` (Gibler-Miller-Little 2.2.1,
    to 2010). The note says which years of the window the table covered: MID data end in
    2014, so a 2018 window (2009-2018) covers 2009-2014 only; the window is stale (missing)
    once its last covered year is more than 5 years before the reference year (mid_cow from
    2020), and missing when the table covers none of it.

    Current years (``after_mid = "ucdp"``): the years of the window after the MID table ends
    count the distinct UCDP armed conflicts (``ucdp``, to 2024) in which the candidate and a
    threat actor fought on opposite sides, so the measure has values to 2027 (the rule and
    its caveats: :mod:`alliancescore.measures._events`; UCDP sees only conflicts with 25
    battle deaths a year, so the successor counts fewer events than MID did, and
    ``min_hostility = 4`` makes the two parts closer). The note names the source of each
    part of the window: "ucdp conflicts ... (replacing mid_cow, which ends in 2014)".

    Source of the idea: Walt (1987) balance of threat (hostile intentions shown in action).
    """
    cands = unique(candidates)
    actors = ctx.threat_actors
    check_codes(ctx, [*cands, *actors])
    events = hostile_events(ctx, window_years, table, after_mid, min_hostility)
    counts = pair_counts(events.pairs, cands, actors)
    weights = threat_weights(ctx, cands)
    used = weights > 0
    values = np.where(used, weights * counts, 0.0).sum(axis=1)
    no_threat = ~used.any(axis=1)
    values[no_threat] = np.nan
    if not events.usable:
        values[:] = np.nan
    records = _unless_no_threat(no_threat, Provenance(events.uses))
    if exclude_focal_rivals:
        _void_for_focal_rivals(ctx, cands, values, records)
    what = "disputes" if after_mid == "none" else "disputes and conflicts"
    note = (
        f"distinct {what} in {events.note}; threat actors {threat_summary(ctx)}, "
        "weighted by severity" + (rivalry_overrides_note(ctx) if exclude_focal_rivals else "")
    )
    return finish(cands, values, records, np.full(len(cands), events.stale) & ~no_threat, note)


@register_measure(
    "threat_un_distance",
    unit="ideal-point distance (latent UN voting scale)",
    direction="benefit",
    aggregation="mean",
    description="severity-weighted mean absolute distance between the candidate's and the "
    "threat actors' UN General Assembly ideal points",
    tables=("unga", "rivalry_tss", "mid_cow", "ucdp", "atop"),
    params={
        "column": Options(IDEAL_POINTS),
        "skip_missing_threats": Flag(),
        "exclude_focal_rivals": Flag(),
    },
    threat_floor=0.0,
)
def threat_un_distance(
    ctx: MeasureContext,
    candidates: list[str],
    *,
    column: str = "idealpointfp",
    skip_missing_threats: bool = False,
    exclude_focal_rivals: bool = True,
) -> MeasureResult:
    """Severity-weighted mean distance in UN voting between the candidate and the threats.

    Formula: ``sum_t s_t * |x_c - x_t| / sum_t s_t`` over threat actors ``t`` other than
    ``c``, with ``x`` the Bailey-Strezhnev-Voeten ideal point (``idealpointfp``: estimated
    from full-plenary votes, available to 2024; ``column = "idealpointall"`` for all votes,
    to 2023) in the latest year at or before ``Y``. The default because it reaches 2024 and,
    in recent years, stays near the release's legacy series (``idealpointlegacy``, the
    estimates of Bailey, Strezhnev & Voeten 2017), where ``idealpointall`` parts from it
    (Russia 2018: fp -0.04, legacy 0.09, all -0.50; 2023: -0.41, -0.53, -1.27); the choice
    reorders some top tens, so it belongs with a model version.

    Unit: distance on the latent ideal-point scale (about -3 to 3; roughly, the US position
    is high, Russia's and China's low). Direction: benefit (a state whose foreign-policy
    preferences are far from the threats' is unlikely to side with them). Coalition
    aggregation: mean.

    Tables: ``unga`` (stale after 3 years; value overrides apply). A threat actor without an
    ideal point (not a UN member: Taiwan; North Korea before 1991) makes the value missing
    for every candidate, unless ``skip_missing_threats = true``, which averages over the
    threat actors that have one (the note and sources say which had none). Small states miss
    some years.

    Source of the idea: Walt (1987) (perceived intentions); Bailey, Strezhnev & Voeten
    (2017), "Estimating dynamic state preferences from United Nations voting data", JCR
    61(2) (the ideal points).
    """
    cands = unique(candidates)
    actors = ctx.threat_actors
    points = monadic(ctx, "unga", column, unique([*cands, *actors]))
    mine = points.values.reindex(cands).to_numpy(dtype=np.float64)
    theirs = points.values.reindex(actors).to_numpy(dtype=np.float64)
    weights = threat_weights(ctx, cands)
    missing_threat = np.isnan(theirs)
    if skip_missing_threats:
        weights[:, missing_threat] = 0.0
    values = weighted_mean(weights, np.abs(mine[:, None] - theirs[None, :]))
    no_threat = weights.sum(axis=1) == 0
    threat_stale = points.stale.reindex(actors).to_numpy(dtype=bool)
    stale = points.stale.reindex(cands).to_numpy(dtype=bool) | (
        (weights > 0) & threat_stale[None, :]
    ).any(axis=1)
    threat_part = (
        scoped("threats", actors, points.provenance.reindex(actors).tolist())
        if actors
        else _NO_THREATS
    )
    joined = combine(points.provenance.reindex(cands).tolist(), threat_part)
    records = [_NO_THREATS if none else r for none, r in zip(no_threat, joined, strict=True)]
    stale &= ~no_threat
    if exclude_focal_rivals:
        _void_for_focal_rivals(ctx, cands, values, records)
    skipped = [a for a, m in zip(actors, missing_threat, strict=True) if m]
    note = (
        f"unga {column}, latest at or before {ctx.year} (stale after "
        f"{TABLES['unga'].max_staleness_years} years); threat actors {threat_summary(ctx)}"
        + (rivalry_overrides_note(ctx) if exclude_focal_rivals else "")
    )
    if skip_missing_threats and skipped:
        note += f"; threat actors without an ideal point left out: {', '.join(skipped)}"
    return finish(cands, values, records, stale, note)
