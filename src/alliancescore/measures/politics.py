"""Regional stability (politics): similarity of the focal's and the candidate's regimes.

Lai & Reiter (2000): states with similar regimes, democracies in particular, are more likely
to ally, and such alliances tend to hold.
"""

from __future__ import annotations

from alliancescore.data import TABLES
from alliancescore.data.provenance import combine, scoped

from ._common import finish, unique
from .base import MeasureContext, MeasureResult, monadic, register_measure

__all__ = ["regime_similarity"]


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
