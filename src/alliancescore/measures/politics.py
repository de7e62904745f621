"""Regional stability (politics): the focal's and the candidate's regimes.

Lai & Reiter (2000): states with similar regimes, democracies in particular, are more likely
to ally, and such alliances tend to hold. ``regime_similarity`` counts any likeness (two
autocracies alike); ``joint_democracy`` counts how democratic the pair is.
"""

from __future__ import annotations

import numpy as np

from alliancescore.data import TABLES
from alliancescore.data.provenance import combine, scoped
from alliancescore.params import Options

from ._common import finish, unique
from .base import MeasureContext, MeasureResult, monadic, register_measure

__all__ = ["joint_democracy", "regime_similarity"]


@register_measure(
    "regime_similarity",
    unit="similarity (0-1)",
    direction="benefit",
    aggregation="mean",
    description="1 - |V-Dem electoral democracy index of the focal - of the candidate|",
    tables=("vdem",),
)
def regime_similarity(ctx: MeasureContext, candidates: list[str]) -> MeasureResult:
    """How similar the focal nation's and the candidate's political regimes are.

    Formula: ``1 - |p_F - p_c|`` with ``p`` the V-Dem electoral democracy index
    (``v2x_polyarchy``, 0-1) in the latest year at or before ``Y``.

    Unit: 0-1 (1 = identical scores). Direction: benefit. Coalition aggregation: mean.

    Tables: ``vdem`` (V-Dem, to 2025; stale after 3 years; value overrides apply). Missing
    for some small states V-Dem does not cover. Two autocracies score as similar as two
    democracies: the measure is about similarity, not about democracy.

    Source: Lai & Reiter (2000), "Democracy, political similarity, and international
    alliances, 1816-1992", JCR 44(2); Coppedge et al., V-Dem (the index).
    """
    cands = unique(candidates)
    scores = monadic(ctx, "vdem", "v2x_polyarchy", unique([ctx.focal, *cands]))
    values = 1.0 - (scores.values.reindex(cands) - scores.values[ctx.focal]).abs()
    focal = scoped("focal", [ctx.focal], [scores.provenance[ctx.focal]])
    records = combine(scores.provenance.reindex(cands).tolist(), focal)
    stale = scores.stale.reindex(cands) | bool(scores.stale[ctx.focal])
    note = (
        f"vdem v2x_polyarchy, latest at or before {ctx.year} (stale after "
        f"{TABLES['vdem'].max_staleness_years} years); 1 - |{ctx.focal} - candidate|"
    )
    return finish(cands, values, records, stale, note)


_FORMS = {
    "min": ("min({focal}, candidate)", np.minimum),
    "product": ("{focal} x candidate", np.multiply),
}


@register_measure(
    "joint_democracy",
    unit="electoral democracy index of the pair (0-1)",
    direction="benefit",
    aggregation="mean",
    description="how democratic the focal and the candidate are together: the lower of "
    "their V-Dem electoral democracy indices (weak link), or their product",
    tables=("vdem",),
    params={"form": Options(tuple(_FORMS))},
)
def joint_democracy(
    ctx: MeasureContext, candidates: list[str], *, form: str = "min"
) -> MeasureResult:
    """How democratic the focal nation and the candidate are together.

    Formula: ``min(p_F, p_c)`` (``form = "min"``, the default) with ``p`` the V-Dem electoral
    democracy index (``v2x_polyarchy``, 0-1) in the latest year at or before ``Y``: the
    weak-link reading of joint democracy, the pair being as democratic as its less
    democratic member (Dixon 1994, APSR 88(1); Oneal & Russett 1997, ISQ 41(2)), on the
    continuous index. ``form = "product"``: ``p_F * p_c``, the interaction form, in which a
    partner more democratic than the focal nation still adds.

    Unlike ``regime_similarity`` (``1 - |p_F - p_c|``) both are direction-aware: a candidate
    more democratic than the focal nation is never worse than one exactly as democratic, and
    two autocracies score low, not alike. Under ``min`` every candidate at least as
    democratic as the focal nation ties at the focal's own score: for Poland 2023 (0.598)
    Finland (0.853), Norway (0.890) and Montenegro (0.610) all score 0.598, Albania (0.505)
    0.505; only ``product`` (or ``regime_similarity``'s opposite) separates Finland from
    Montenegro there (0.510 and 0.365).

    Unit: 0-1. Direction: benefit. Coalition aggregation: mean (the mean over members of the
    pair's score; ``min`` makes the coalition as democratic as its least democratic member).

    Tables: ``vdem`` (V-Dem, to 2025; stale after 3 years; value overrides apply). Missing
    for states V-Dem does not code (most microstates; their records say so, so
    ``missing = "neutral_if_absent"`` can tell them from gaps).

    Source: Lai & Reiter (2000), "Democracy, political similarity, and international
    alliances, 1816-1992", JCR 44(2) (joint democracy and alliance); Coppedge et al., V-Dem.
    """
    text, combine_scores = _FORMS[form]
    cands = unique(candidates)
    scores = monadic(ctx, "vdem", "v2x_polyarchy", unique([ctx.focal, *cands]))
    values = combine_scores(
        scores.values.reindex(cands).to_numpy(dtype=np.float64), scores.values[ctx.focal]
    )
    focal = scoped("focal", [ctx.focal], [scores.provenance[ctx.focal]])
    records = combine(scores.provenance.reindex(cands).tolist(), focal)
    stale = scores.stale.reindex(cands) | bool(scores.stale[ctx.focal])
    note = (
        f"vdem v2x_polyarchy, latest at or before {ctx.year} (stale after "
        f"{TABLES['vdem'].max_staleness_years} years); {text.format(focal=ctx.focal)}"
    )
    return finish(cands, values, records, stale, note)
