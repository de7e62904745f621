"""ELECTRE I: concordance and discordance tests, and the kernel of the outranking graph."""

from __future__ import annotations

import numpy as np

from alliancescore.params import Options, Real

from ..tables import ALTERNATIVES, CRITERIA, table
from .base import Outranking, register_outranking

__all__ = ["DISCORDANCE_SCALES", "electre_i"]

# How a criterion's shortfall is made comparable across criteria (see the docstring).
DISCORDANCE_SCALES = ("criterion", "global")

# Concordance indices are sums of weights; a sum that should equal the threshold exactly
# (0.25 + 0.25 + 0.2 against 0.7) may miss it in the last bit, so thresholds get this slack.
_ROUND_OFF = 1e-12


@register_outranking(
    "electre_i",
    summary="Concordance-discordance outranking and its kernel (Roy 1968)",
    contract_opt_outs={
        "transitivity": "each pair passes or fails the concordance and discordance tests on "
        "its own, so a S b and b S c do not imply a S c, and circuits occur (Relation reduces "
        "them for the kernel and the final preorder)"
    },
    params={
        "c_hat": Real(0.0, 1.0, low_open=True, what="a concordance threshold"),
        "d_hat": Real(0.0, 1.0, what="a discordance threshold"),
        "discordance": Options(DISCORDANCE_SCALES),
    },
    tables=[
        table("concordance", ALTERNATIVES, ALTERNATIVES, caption="C(a, b), row a over column b"),
        table("discordance", ALTERNATIVES, ALTERNATIVES, caption="D(a, b), row a over column b"),
        table("discordance_scale", CRITERIA, caption="delta_j: each criterion's scale"),
    ],
)
def electre_i(
    X: np.ndarray,
    w: np.ndarray,
    benefit: np.ndarray,
    *,
    c_hat: float = 0.7,
    d_hat: float = 0.3,
    discordance: str = "criterion",
) -> Outranking:
    """ELECTRE I (Roy 1968): a outranks b iff enough weight agrees and no criterion objects much.

    With ``g_j`` oriented so that more is better (cost criteria negated) and weights summing
    to one:

    - concordance ``C(a, b) = sum of w_j over criteria with g_j(a) >= g_j(b)`` (ties count for
      a, so ``C(a, b) + C(b, a) >= 1``);
    - discordance ``D(a, b) = max_j max(g_j(b) - g_j(a), 0) / delta_j``, 0 if a is nowhere
      worse;
    - ``a S b`` iff ``C(a, b) >= c_hat`` and ``D(a, b) <= d_hat`` (both with a 1e-12 allowance
      for round-off in the sums). The relation is reflexive (C = 1, D = 0 on the diagonal).

    On the analyst path (a profile's ``[methods]``) the matrix is the value-function outputs,
    0 = worst and 1 = best per indicator, every indicator a benefit: the shortfalls behind
    d_hat are then in value units (0.1 = a tenth of the indicator's range of value), not in
    the data's natural units.

    Discordance scale ``delta_j`` (``discordance=``):

    - ``"criterion"`` (default): the range of criterion j over the alternatives,
      ``max g_j - min g_j``, so each shortfall is a fraction of what the criterion spans and the
      relation does not depend on the criteria's units (indicators here come in dollars,
      kilometres and votes). This is the usual modern reading of Roy's per-criterion scales.
    - ``"global"``: one scale for all criteria, the largest range of any criterion, as in
      Roy (1968) and Benayoun, Roy & Sussmann (1966), where every criterion is graded on the
      same scale. Only meaningful when the criteria share units (e.g. after the caller has
      normalised the matrix, as Cebrián & Porcar 2009 do with sum normalisation).

    A criterion without spread (or, for ``"global"``, a matrix without any) contributes no
    discordance (its differences are all zero) but its weight counts in every concordance,
    both ways, as in Roy's definition: it makes every pair more concordant.

    Thresholds: ``c_hat = 0.7`` and ``d_hat = 0.3`` are defaults chosen here, not values any
    paper fixes: published applications use c_hat from about 0.6 to 1 and d_hat from 0 to
    about 0.4 (Roy 1968 leaves both to the analyst). State yours in reports.

    Result: ELECTRE I is a choice method. Its answer is the kernel of the outranking graph
    (``Relation.kernel``): a set of alternatives none of which outranks another and such that
    every other alternative is outranked by one of them. It exists and is unique when the
    graph has no circuits; circuits (and indifferent pairs) are reduced to single vertices
    first, as Roy (1968) does, and reported in ``Relation.cycles``. ``Relation.final`` and
    ``levels`` (the transitive closure) are shown for comparison; ELECTRE I does not rank.

    Dominance: an alternative at least as good everywhere has C = 1 and D = 0 against the one
    it dominates, so it outranks it for any thresholds.

    References: Roy (1968), "Classement et choix en présence de points de vue multiples (la
    méthode ELECTRE)", RIRO 2(8), 57-75; Benayoun, Roy & Sussmann (1966), "ELECTRE: une
    méthode pour guider le choix en présence de points de vue multiples", SEMA note 49;
    Figueira, Mousseau & Roy (2005), "ELECTRE methods", in *Multiple Criteria Decision
    Analysis: State of the Art Surveys*, Springer, 133-162.

    Tables: ``concordance (n, n)``, ``discordance (n, n)``, ``discordance_scale (m,)`` (the
    delta_j used).
    """
    G = np.where(benefit, X, -X)  # oriented: more is better on every criterion
    # shortfall[a, b, j] = how much b beats a on criterion j (0 where a is at least as good)
    diff = G[np.newaxis, :, :] - G[:, np.newaxis, :]
    at_least_as_good = diff <= 0
    concordance = at_least_as_good.astype(np.float64) @ w
    spread = G.max(axis=0) - G.min(axis=0)
    scale = spread if discordance == "criterion" else np.full_like(spread, spread.max())
    ratio = np.divide(np.maximum(diff, 0.0), scale, out=np.zeros_like(diff), where=scale > 0)
    discordance_index = ratio.max(axis=2)
    outranks = (concordance >= c_hat - _ROUND_OFF) & (discordance_index <= d_hat + _ROUND_OFF)
    return Outranking(
        outranks,
        {
            "concordance": concordance,
            "discordance": discordance_index,
            "discordance_scale": scale,
        },
    )
