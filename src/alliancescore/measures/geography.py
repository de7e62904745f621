"""Regional stability (geography): how close the candidate lies to the focal nation.

Proximity is among the strongest predictors of alliance formation (Gibler & Wolford 2006;
Lai & Reiter 2000) and a neighbour can reinforce quickly; Walt (1987) counts proximity among
the sources of threat, so the criteria file decides whether nearness is a benefit or a risk.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alliancescore.data import TABLES
from alliancescore.data.provenance import Use
from alliancescore.params import Options

from ._common import capital_distances, capitals_use, check_codes, finish, unique
from .base import MeasureContext, MeasureResult, register_measure

__all__ = ["contiguity_with_focal", "distance_to_focal", "same_region"]


@register_measure(
    "contiguity_with_focal",
    unit="COW contiguity type (category 0-5)",
    direction="benefit",
    aggregation="max",
    description="COW direct contiguity with the focal: 1 land or river, 2-5 separated by at "
    "most 12, 24, 150, 400 miles of water, 0 none",
    tables=("contiguity",),
    categories=range(6),
)
def contiguity_with_focal(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """The closest COW direct-contiguity type between the focal nation and the candidate.

    Formula: the smallest ``conttype`` among COW direct-contiguity spells of the pair in
    force in ``Y``: 1 land or river border, 2 separated by at most 12 miles of water, 3 by
    at most 24, 4 by at most 150, 5 by at most 400; 0 when not directly contiguous.

    Unit: category (a code, not a quantity: lower non-zero codes are closer, 0 is farthest).
    Direction: benefit in the sense that the criteria file maps the categories to values
    (categorical value function). Coalition aggregation: max, which is meaningful only on
    mapped values that rise with closeness: on the raw codes the max of a land neighbour (1)
    and a sea neighbour (5) is 5.

    Tables: ``contiguity`` (COW Direct Contiguity 3.2). Every COW spell still in force ends
    in 2016, the data's end: the 2016 state is carried forward (sources say so) and goes
    stale after 15 years. Borders that changed after 2016 are not seen.

    Source: Stinnett et al. (2002) COW Direct Contiguity v3; Gibler & Wolford (2006)
    (contiguity and alliance formation).
    """
    cands = unique(candidates)
    frame = ctx.data.contiguities(ctx.focal, cands, ctx.year)
    year_used = frame["year_used"].iloc[0] if len(frame) else pd.NA
    stale = bool(frame["stale"].any())
    carried = bool(frame["carried_forward"].any())
    if pd.isna(year_used):
        use = Use("contiguity", reason=f"before {TABLES['contiguity'].first_year}")
    else:
        use = Use("contiguity", years=int(year_used), stale=stale, carried_forward=carried)
    note = (
        f"closest COW direct contiguity with {ctx.focal} at {ctx.year} (COW data end "
        f"{TABLES['contiguity'].last_year}: carried forward, stale after "
        f"{TABLES['contiguity'].max_staleness_years} years); 1 land ... 5 sea 400 mi, 0 none"
    )
    return finish(cands, frame["conttype"], use, frame["stale"], note)


@register_measure(
    "distance_to_focal",
    unit="km",
    direction="cost",
    aggregation="min",
    description="great-circle distance between the focal's and the candidate's capitals",
    tables=("capitals",),
)
def distance_to_focal(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """Great-circle distance between the capitals of the focal nation and the candidate.

    Formula: haversine distance on a sphere of radius 6371.0088 km between the capitals in
    force at the end of ``Y`` (as :meth:`alliancescore.data.Dataset.distances_km`).

    Unit: km. Direction: cost (a distant partner is slower to reinforce). Coalition
    aggregation: min (the nearest member).

    Tables: ``capitals`` (dated capitals, OSM coordinates; the 2024 capitals are carried
    forward). Capitals stand in for the states; for large states (Russia, the United
    States) the distance between the nearest territories is much smaller. Missing when
    either state had no capital in ``Y`` (not a state that year).

    Source: Gleditsch & Ward (2001) (distance between capitals); Boulding (1962).
    """
    cands = unique(candidates)
    km, no_capital, focal_missing = capital_distances(ctx, cands, [ctx.focal])
    records: Use | list[Use]
    if focal_missing[0]:
        records = Use("capitals", reason=f"no capital for {ctx.focal}")
    else:
        found, none = capitals_use(ctx.year), Use("capitals", reason="no capital for the candidate")
        records = [none if m else found for m in no_capital]
    return finish(
        cands,
        km[:, 0],
        records,
        False,
        f"great-circle km between capitals at the end of {ctx.year}",
    )


@register_measure(
    "same_region",
    unit="1 same region, 0 not",
    direction="benefit",
    aggregation="mean",
    description="whether the candidate lies in the focal's UN M49 sub-region (or region)",
    tables=("nations",),
    params={"level": Options(("subregion", "region"))},
    categories=(0, 1),
)
def same_region(
    ctx: MeasureContext, candidates: list[str], *, level: str = "subregion"
) -> MeasureResult:
    """Whether the candidate belongs to the focal nation's UN M49 sub-region (or region).

    Formula: 1 when the candidate's ``level`` (``subregion`` by default: "Eastern Europe",
    "Western Asia", ...; or ``region``: "Europe", "Asia", ...) equals the focal nation's, else
    0.

    Unit: 0/1. Direction: benefit: regional partners share the stake in the region's order and
    form most alliances (Gibler & Wolford 2006: most new pacts join neighbours in regional
    organisations), while distance measures only how far the capitals are. Coalition
    aggregation: mean (the share of members in the region).

    Tables: the crosswalk (``reference/nations.csv``: UN M49 via countrycode; states without an
    M49 entry, e.g. Taiwan and Kosovo, carry a documented project assignment). Regions are
    today's, not dated.

    Source: United Nations Statistics Division, Standard country or area codes for
    statistical use (M49); Gibler & Wolford (2006), "Alliances, then democracy", JCR 50(1).
    """
    cands = unique(candidates)
    check_codes(ctx, cands)
    nations = ctx.data.crosswalk.nations.set_index("iso3")[level]
    focal = nations.get(ctx.focal)
    if focal:
        values = np.array([float(nations.get(c) == focal) for c in cands])
        use = Use("nations", column=level, undated=True, reason="today's UN M49 regions")
    else:
        values = np.full(len(cands), np.nan)
        use = Use("nations", column=level, reason=f"no UN M49 {level} for {ctx.focal}")
    note = f"UN M49 {level} of {ctx.focal}: {focal or 'unknown'}"
    return finish(cands, values, use, False, note)
