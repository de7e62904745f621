"""Interoperability: existing defence ties, shared arms suppliers, aligned foreign policy.

A partner already bound to the focal nation, equipped from the same suppliers and voting with
it at the UN costs less to work with and is more predictable (Leeds 2003 on alliance
reliability; Lai & Reiter 2000 and Gibler & Wolford 2006 on what predicts alliance formation).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from alliancescore.data import TABLES
from alliancescore.data.provenance import Provenance, Use, combine, scoped
from alliancescore.params import Options

from ._common import IDEAL_POINTS, finish, unique
from .base import MeasureContext, MeasureResult, monadic, register_measure, tie_levels

__all__ = [
    "arms_supplier_overlap",
    "arms_supply_to_focal",
    "defence_depth",
    "defence_ties",
    "diplomatic_relations",
    "un_distance_to_focal",
]


@register_measure(
    "defence_ties",
    unit="tie level 0-3",
    direction="benefit",
    aggregation="mean",
    description="strongest tie with the focal: 3 defence pact, 2 security partnership, "
    "1 dialogue / non-aggression, 0 none or a code of conduct (ATOP, with the profile's "
    "overrides)",
    tables=("atop", "alliance_depth"),
    categories=range(4),
)
def defence_ties(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """The strongest formal tie between the focal nation and the candidate in year ``Y``.

    Formula: the level of :func:`alliancescore.measures.base.tie_levels`: 3 when either state
    holds an ATOP defence obligation towards the other, 2 for an offence, neutrality or
    consultation obligation (a security partnership), 1 for non-aggression only (a
    dialogue), 0 for none or a non-aggression pledge that rests on a region-wide code of
    conduct (the Treaty of Amity and Cooperation, the Helsinki Final Act:
    :meth:`alliancescore.data.Dataset.nonaggression_codes`); a tie override in the profile
    raises the level (AUKUS as a security partnership does not lower ANZUS's defence pact)
    or, with ``replaces`` or kind ``none``, replaces it.

    Unit: ordinal level 0-3. Direction: benefit. Coalition aggregation: mean (how tied the
    coalition as a whole is to the focal nation).

    Tables: ``atop`` (ATOP 5.1, ends in 2018; its treaty spells are carried forward through
    2025, then stale, when only overrides count). Agreements after 2018 (Finland's and
    Sweden's NATO accession, AUKUS) are absent unless a facts file or the profile adds them.

    Source: Leeds, Ritter, Mitchell & Long (2002) ATOP; Snyder (1984) on commitment levels.
    """
    cands = unique(candidates)
    levels = tie_levels(ctx, ctx.focal, cands)
    note = (
        f"strongest ATOP obligation between {ctx.focal} and the candidate at {ctx.year} "
        f"({_atop_carried()}), tie overrides applied "
        f"({len(ctx.overrides.ties)} in the profile and its facts files)"
    )
    return finish(cands, levels.values, levels.provenance, levels.stale, note)


def _atop_carried() -> str:
    spec = TABLES["atop"]
    return f"ATOP ends {spec.last_year}: its treaty spells carried forward through " + (
        f"{spec.horizon}, stale later"
    )


# The commitment scale of defence_depth: ATOP's lesser obligations below, the depth of a
# defence pledge above (data/depth.py), hemispheric instruments below a plain pledge.
_FROM_TIES = {0: 0, 1: 1, 2: 3, 3: 5}  # tie_levels' none, dialogue, partnership, defence
_FROM_DEPTH = {"charter": 2, "regional": 4, "pledge": 5, "coordinated": 6, "integrated": 7}


@register_measure(
    "defence_depth",
    unit="commitment level 0-7",
    direction="benefit",
    aggregation="mean",
    description="how deep the focal's tie with the candidate runs: 7 integrated command, 6 "
    "coordinated defence treaty, 5 defence pledge, 4 region-wide treaty (Rio, Arab League), 3 "
    "security partnership, 2 "
    "OAS Charter only, 1 dialogue, 0 none (ATOP, alliance depth, the profile's overrides)",
    tables=("atop", "alliance_depth"),
    categories=range(8),
)
def defence_depth(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """The depth of the commitment between the focal nation and the candidate in ``Y``.

    Formula: the tie level of :func:`alliancescore.measures.base.tie_levels` (ATOP with the
    profile's tie overrides) on one scale with the depth of a defence pledge
    (:meth:`alliancescore.data.Dataset.alliance_depth`):

    ==  =====================================================================================
     7  both in an integrated command in peacetime (NATO's military structure, ROK-US CFC)
     6  a coordinated defence treaty: standing bilateral planning, stationed forces (US-Japan,
        US-Australia from 2014)
     5  a defence pledge of no recorded depth (ANZUS, the GCC's, ...)
     4  a defence pledge resting on a region-wide treaty with no standing forces: the Rio
        Treaty, the Arab League's Joint Defence Treaty (outside the GCC)
     3  a security partnership: an ATOP offence, neutrality or consultation obligation
     2  a pledge resting on the OAS Charter alone (which defers to the special treaties)
     1  a dialogue: non-aggression only, not resting on a code of conduct
     0  none, a non-aggression pledge resting on a code of conduct (TAC, Helsinki Final Act),
        or a hemispheric pledge one of the pair has left
    ==  =====================================================================================

    Integrated and coordinated commitments count whatever ATOP says (Finland in NATO from
    2023). A profile's tie override is the analyst's sourced statement and is never lowered by
    the depth table (a ``defence_pact`` override gives at least 5). Levels 4 and 2 replace
    ATOP's defence pledge where the depth table says the pledge rests on a region-wide
    instrument: the Rio Treaty, the Arab League's treaty and the OAS Charter are not NATO
    (issue 14: Bolivia ranked above Saudi Arabia for the United States, Iraq near the top
    for Saudi Arabia).

    Unit: ordinal level 0-7 (the criteria file maps levels to values). Direction: benefit.
    Coalition aggregation: mean.

    Tables: ``atop`` (to 2018, carried forward through 2025) and ``alliance_depth`` (the
    project's sourced table of integrated commitments and hemispheric memberships).

    Source: Leeds & Anac (2005), "Alliance institutionalization and alliance performance",
    International Interactions 31(3), 183-202; Leeds, Ritter, Mitchell & Long (2002) ATOP.
    """
    cands = unique(candidates)
    ties = tie_levels(ctx, ctx.focal, cands)
    depth = ctx.data.alliance_depth(ctx.focal, cands, ctx.year)
    mapped = ties.values.map(lambda level: np.nan if pd.isna(level) else _FROM_TIES[int(level)])
    records = ties.provenance.copy()
    # positions in plain arrays, not a pandas lookup per candidate and column (depth,
    # ties and records are all indexed by cands)
    levels = mapped.to_numpy(dtype=np.float64, copy=True)
    labels, pledged = depth["label"].tolist(), depth["atop_defense"].tolist()
    for i, nation in enumerate(cands):
        label = labels[i]
        if label is None:
            continue
        overridden = ctx.overrides.tie(ctx.focal, nation, ctx.year) is not None
        level = _depth_level(label, pledged[i], levels[i], overridden)
        if level != levels[i]:
            levels[i] = level
            use = Use("alliance_depth", years=ctx.year, reason=str(depth.at[nation, "basis"]))
            records[nation] = Provenance((*records[nation].uses, use))
    values = pd.Series(levels, index=mapped.index)
    note = (
        f"depth of the tie between {ctx.focal} and the candidate at {ctx.year}: ATOP "
        f"obligations ({_atop_carried()}) and tie overrides, "
        "deepened or capped by the alliance_depth table; 7 integrated ... 0 none"
    )
    # stale only where no value came: an integrated or coordinated commitment speaks for
    # years ATOP does not (Finland and Sweden in NATO), so the value is not missing there
    return finish(cands, values, records, ties.stale & values.isna(), note)


def _depth_level(label: str, atop_defense: object, level: float, overridden: bool) -> float:
    """The scale level once the depth table's ``label`` for the pair is taken into account."""
    if label in ("coordinated", "integrated"):
        return max(level, _FROM_DEPTH[label]) if not np.isnan(level) else _FROM_DEPTH[label]
    if overridden:
        return level
    if label in ("charter", "regional"):
        return float(_FROM_DEPTH[label])
    if label == "none" and atop_defense == 1:  # a hemispheric pledge the pair has left
        return 0.0
    return level


@dataclass(frozen=True)
class _ArmsWindow:
    """Supplier shares of the focal and the candidates over one window, with provenance."""

    matrix: pd.DataFrame  # recipients x suppliers; a row of NaN = no orders in the window
    use: Use
    stale: bool
    usable: bool  # False when stale or before the register starts
    note: str


def _arms(ctx: MeasureContext, cands: list[str]) -> _ArmsWindow:
    shares = ctx.data.arms_shares(unique([ctx.focal, *cands]), ctx.year)
    if shares.window is None:
        first = TABLES["arms_shares"].first_year
        return _ArmsWindow(
            shares.matrix,
            Use("arms_shares", reason=f"register from {first}"),
            False,
            False,
            f"no arms-shares window ends at or before {ctx.year}",
        )
    first, last = shares.window
    stale = bool(shares.stale)
    carried = last < ctx.year  # past the register's end: its last window carried forward
    note = f"SIPRI order years {first}-{last} (TIV-weighted supplier shares)"
    if stale:
        note += ", stale"
    elif carried:
        note += f", carried forward to {ctx.year}"
    use = Use("arms_shares", years=(first, last), stale=stale, carried_forward=carried)
    return _ArmsWindow(shares.matrix, use, stale, not stale, note)


_IDLE = "none: no orders by the candidate in the window"


@register_measure(
    "arms_supplier_overlap",
    unit="share overlap (0-1)",
    direction="benefit",
    aggregation="mean",
    description="overlap of the focal's and the candidate's arms-supplier shares: "
    "sum over suppliers of min(share_focal, share_candidate)",
    tables=("arms_shares",),
)
def arms_supplier_overlap(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """How far the focal nation and the candidate buy their arms from the same suppliers.

    Formula: ``sum_s min(p_F,s, p_c,s)`` over suppliers ``s``, with ``p_X,s`` the share of
    supplier ``s`` in recipient ``X``'s major-arms orders (SIPRI trend-indicator values) over
    the data layer's trailing window of 10 order years ending at ``Y``. 1 means identical
    supplier mixes, 0 none in common (the histogram intersection of the two mixes).

    Unit: 0-1. Direction: benefit (common equipment, training and logistics).
    Coalition aggregation: mean.

    Tables: ``arms_shares`` (derived from the SIPRI trade register; past 2024 the 2024 window
    is used, stale after 2029). Missing when the focal or the candidate ordered nothing in the
    window (shares undefined). Caveats: a state's own production is not in the register, so
    a major producer (the United States, Russia) overlaps little with its customers even
    though they use its equipment: see ``arms_supply_to_focal`` for that. Deliveries of
    orders placed before the window do not count.

    Source of the idea: interoperability as in Paul et al. (2013) RAND TL-112 (shared
    equipment constructs).
    """
    cands = unique(candidates)
    arms = _arms(ctx, cands)
    matrix, use = arms.matrix, arms.use
    shares = matrix.to_numpy(dtype=np.float64)
    focal = matrix.index.get_loc(ctx.focal)
    rows = matrix.index.get_indexer(cands)
    known = ~np.isnan(shares).all(axis=1) & (shares.shape[1] > 0)  # no orders: row of NaN
    values = np.minimum(shares[rows], shares[focal][None, :]).sum(axis=1)
    values[~known[rows] | ~known[focal]] = np.nan
    records: list[Provenance] | Use = use
    if arms.usable:
        if not known[focal]:
            records = replace(use, reason=f"none: no orders by {ctx.focal} in the window")
        else:
            idle = Provenance((replace(use, reason=_IDLE),))
            records = [idle if i else Provenance((use,)) for i in ~known[rows]]
    return finish(
        cands,
        values,
        records,
        np.full(len(cands), arms.stale),
        f"{arms.note}; sum over suppliers of min(share of {ctx.focal}, share of candidate)",
    )


@register_measure(
    "arms_supply_to_focal",
    unit="share of the focal's arms orders (0-1)",
    direction="benefit",
    aggregation="sum",
    description="the candidate's share of the focal's major-arms orders in the trailing window",
    tables=("arms_shares",),
)
def arms_supply_to_focal(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """The candidate's share of the focal nation's arms orders.

    Formula: ``p_F,c``: the share of candidate ``c`` as supplier in the focal nation's
    major-arms orders (SIPRI trend-indicator values) over the trailing window of 10 order
    years ending at ``Y``. A candidate the focal ordered nothing from in the window has a
    true 0 (the focal did order, from others).

    Unit: 0-1. Direction: benefit (a supplier's equipment makes the forces interoperable
    and the supplier invested in the focal's defence). Coalition aggregation: sum (the
    members' shares add up, at most 1).

    Tables: ``arms_shares`` (SIPRI trade register, derived). Missing for every candidate when
    the focal nation ordered nothing in the window; stale past 2029. Only major conventional
    arms (SIPRI lists licensed production under the licensor).

    Source of the idea: Paul et al. (2013) RAND TL-112 (arms-transfer ties as a propensity
    input).
    """
    cands = unique(candidates)
    arms = _arms(ctx, cands)
    matrix, use = arms.matrix, arms.use
    if matrix.shape[1] == 0 or matrix.loc[ctx.focal].isna().all():
        values = np.full(len(cands), np.nan)
        if arms.usable:
            use = replace(use, reason=f"none: no orders by {ctx.focal} in the window")
    else:
        values = matrix.loc[ctx.focal].reindex(cands).fillna(0.0).to_numpy(dtype=np.float64)
    return finish(
        cands,
        values,
        use,
        np.full(len(cands), arms.stale),
        f"{arms.note}; the candidate's share of {ctx.focal}'s orders",
    )


@register_measure(
    "diplomatic_relations",
    unit="1 relations, 0 none",
    direction="benefit",
    aggregation="min",
    description="whether the candidate had diplomatic relations with the focal at the end of "
    "the year (the project's sourced table of spells without relations; unlisted pairs read "
    "as relations)",
    tables=("diplomatic_relations",),
    categories=(0, 1),
)
def diplomatic_relations(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """Whether the focal nation and the candidate had diplomatic relations in ``Y``.

    Formula: 0 when the ``diplomatic_relations`` table has a spell without relations for the
    pair running at 31 December of ``Y`` (never established, broken, recognition withheld),
    else 1. The table is not exhaustive (its notes say what it covers): an unlisted pair is
    read as having relations, and its record says "not listed".

    Unit: 0/1. Direction: benefit (without relations there is no embassy, no defence
    attache, no agreement to sign: a partner in name only). Coalition aggregation: min (a
    coalition holding a state without relations cannot act with the focal as a whole).

    Its main use is the profile's screen (``[candidates] require_relations``), which leaves
    such candidates out before any method weighs them: a compensatory weight cannot say
    "not a partner" (Saudi Arabia stayed in Israel's top five for 2018 with this indicator at
    60% of interoperability).

    Tables: ``diplomatic_relations`` (hand-kept, sourced, to 2024).

    Source: the events named in each row (recognitions, breaks, restorations).
    """
    cands = unique(candidates)
    frame = ctx.data.diplomatic_relations(ctx.focal, cands, ctx.year)
    values = frame["relations"].astype(np.float64).to_numpy()
    records = []
    for nation in cands:
        if frame.at[nation, "listed"]:
            reason = f"no relations: {frame.at[nation, 'dates']}"
        else:
            reason = "not listed: read as relations"
        records.append(Provenance((Use("diplomatic_relations", years=ctx.year, reason=reason),)))
    note = (
        f"diplomatic relations of {ctx.focal} at the end of {ctx.year}: the table lists spells "
        "without relations (not exhaustive; unlisted pairs read as relations)"
    )
    return finish(cands, values, records, False, note)


@register_measure(
    "un_distance_to_focal",
    unit="ideal-point distance (latent UN voting scale)",
    direction="cost",
    aggregation="mean",
    description="absolute distance between the focal's and the candidate's UN General "
    "Assembly ideal points",
    tables=("unga",),
    params={"column": Options(IDEAL_POINTS)},
)
def un_distance_to_focal(
    ctx: MeasureContext, candidates: list[str], *, column: str = "idealpointfp"
) -> MeasureResult:
    """Distance between the foreign-policy preferences of the focal nation and the candidate.

    Formula: ``|x_F - x_c|`` with ``x`` the Bailey-Strezhnev-Voeten UN General Assembly ideal
    point (``idealpointfp``, or ``idealpointall`` with ``column``; latest at or before ``Y``).

    Unit: distance on the latent ideal-point scale. Direction: cost (far apart in UN votes,
    less likely to act together). Coalition aggregation: mean.

    Tables: ``unga`` (1946-2024, stale after 3 years; value overrides apply). Missing when
    either state has no ideal point (non-members: Taiwan; small states in some years).

    Source: Bailey, Strezhnev & Voeten (2017), JCR 61(2); Gibler & Wolford (2006) and Lai &
    Reiter (2000) on similar states allying.
    """
    cands = unique(candidates)
    points = monadic(ctx, "unga", column, unique([ctx.focal, *cands]))
    values = (points.values.reindex(cands) - points.values[ctx.focal]).abs()
    focal = scoped("focal", [ctx.focal], [points.provenance[ctx.focal]])
    records = combine(points.provenance.reindex(cands).tolist(), focal)
    stale = points.stale.reindex(cands) | bool(points.stale[ctx.focal])
    note = (
        f"unga {column}, latest at or before {ctx.year} (stale after "
        f"{TABLES['unga'].max_staleness_years} years); |{ctx.focal} - candidate|"
    )
    return finish(cands, values, records, stale, note)
