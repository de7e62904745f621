"""PROMETHEE I: the partial preorder of the leaving and entering flows."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from alliancescore.errors import AllianceScoreError

from ..method import prepare
from ..methods.promethee import PARAMS
from ..ranking import rank_scores
from ..tables import ALTERNATIVES, CRITERIA, table
from .base import Outranking, register_outranking

__all__ = ["promethee_i"]


def _as_promethee_i(error: AllianceScoreError) -> AllianceScoreError:
    # The flows come from PROMETHEE II's kernel, whose messages name promethee_ii; the caller
    # asked for promethee_i, so the problems are re-addressed, not re-worded.
    return error.relocated(lambda where: where.replace("promethee_ii", "promethee_i"))


@register_outranking(
    "promethee_i",
    summary="Partial preorder of the leaving and entering flows (Brans & Vincke 1985)",
    params=PARAMS,
    tables=[
        table("phi_plus", ALTERNATIVES, caption="phi+: leaving flow"),
        table("phi_minus", ALTERNATIVES, caption="phi-: entering flow"),
        table("phi", ALTERNATIVES, caption="net flow phi+ - phi- (PROMETHEE II's score)"),
        table("phi_plus_group", ALTERNATIVES, caption="tie group of phi+ compared (1 = best)"),
        table("phi_minus_group", ALTERNATIVES, caption="tie group of phi- compared (1 = best)"),
        table(
            "single_criterion_phi_plus",
            ALTERNATIVES,
            CRITERIA,
            caption="phi+_j: leaving flow on each criterion alone",
        ),
        table(
            "single_criterion_phi_minus",
            ALTERNATIVES,
            CRITERIA,
            caption="phi-_j: entering flow on each criterion alone",
        ),
        table("preference_functions", CRITERIA, caption="each criterion's preference function"),
        table("pi", ALTERNATIVES, ALTERNATIVES, caption="pi(a, b): preference of row a over b"),
    ],
)
def promethee_i(
    X: np.ndarray,
    w: np.ndarray,
    benefit: np.ndarray,
    *,
    preference: str | int | Sequence[str | int] = "usual",
    q: float | Sequence[float | None] | None = None,
    p: float | Sequence[float | None] | None = None,
    s: float | Sequence[float | None] | None = None,
    flows: str = "mean",
) -> Outranking:
    """PROMETHEE I: a outranks b iff it leaves at least as strongly and enters no more strongly.

    The flows are PROMETHEE II's (the same preference functions, thresholds and parameters;
    see ``METHODS["promethee_ii"].doc``): per criterion ``P_j(a, b) = F_j(d_j(a, b))`` with
    ``d_j(a, b) = x_aj - x_bj`` (reversed for cost criteria), ``pi(a, b) = sum_j w_j P_j(a, b)``,
    leaving flow ``phi+(a) = sum_b pi(a, b)`` and entering flow ``phi-(a) = sum_b pi(b, a)``,
    both divided by ``n - 1`` unless ``flows="sum"`` (the convention of Brans, Vincke &
    Mareschal 1986). The relation does not depend on that scaling.

    On the analyst path (a profile's ``[methods]``) the matrix is the value-function outputs,
    0 = worst and 1 = best per indicator, every indicator a benefit: the thresholds q, p, s
    are then in value units (0.1 = a tenth of the indicator's range of value), not in the
    data's natural units.

    Relation (Brans & Vincke 1985): with the two complete preorders "phi+ at least as large"
    and "phi- at least as small", their intersection is

    - a P b iff (phi+(a) > phi+(b) and phi-(a) <= phi-(b)) or
      (phi+(a) >= phi+(b) and phi-(a) < phi-(b));
    - a I b iff phi+(a) = phi+(b) and phi-(a) = phi-(b);
    - a R b otherwise (one flow says a, the other says b).

    so ``outranks[a, b]`` iff phi+(a) >= phi+(b) and phi-(a) <= phi-(b); it is reflexive and
    transitive (a partial preorder), so ``Relation.final`` equals it.

    Equal flows: flows computed along different sums differ in the last bits, so each flow is
    first grouped with the tie rule of score ranks (``rank_scores``: values within
    ``ranking.TIE_RTOL`` = 1e-10 times the largest flow magnitude, never less than 1e-10, are
    tied, ties chained) and the preorders compare those groups, which keeps the relation
    transitive.

    Dominance: every preference function is non-decreasing in the difference, so an
    alternative at least as good on every criterion has phi+ at least as large and phi- at
    least as small: it outranks the dominated one.

    Degenerate input: one alternative outranks itself only; a criterion without spread
    contributes nothing to either flow; all-equal alternatives are all indifferent.

    References: Brans & Vincke (1985), "A preference ranking organisation method",
    Management Science 31(6), 647-656; Brans, Vincke & Mareschal (1986), "How to select and
    how to rank projects: The PROMETHEE method", EJOR 24(2), 228-238.

    Tables: ``phi_plus``, ``phi_minus``, ``phi`` (net flow, PROMETHEE II's score) ``(n,)``;
    ``phi_plus_group``, ``phi_minus_group`` ``(n,)`` int, the tie groups compared (1 = best);
    ``pi (n, n)`` (for up to 4 million pairwise cells); ``single_criterion_phi_plus``,
    ``single_criterion_phi_minus (n, m)``; ``preference_functions (m,)``.
    """
    try:
        # The parameters were checked against the same declarations (PARAMS) before this
        # runs; the kernel's own checks against the data name promethee_ii and are re-addressed.
        params = dict(preference=preference, q=q, p=p, s=s, flows=flows)
        kernel = prepare("promethee_ii", X, benefit, **params).kernel
    except AllianceScoreError as error:
        raise _as_promethee_i(error) from error
    phi_plus = kernel.tables["single_criterion_phi_plus"] @ w
    phi_minus = kernel.tables["single_criterion_phi_minus"] @ w
    plus_group = rank_scores(phi_plus, higher_is_better=True)
    minus_group = rank_scores(phi_minus, higher_is_better=False)
    outranks = (plus_group[:, np.newaxis] <= plus_group[np.newaxis, :]) & (
        minus_group[:, np.newaxis] <= minus_group[np.newaxis, :]
    )
    tables = {
        "phi_plus": phi_plus,
        "phi_minus": phi_minus,
        "phi": phi_plus - phi_minus,
        "phi_plus_group": plus_group,
        "phi_minus_group": minus_group,
        "single_criterion_phi_plus": kernel.tables["single_criterion_phi_plus"],
        "single_criterion_phi_minus": kernel.tables["single_criterion_phi_minus"],
        "preference_functions": kernel.tables["preference_functions"],
    }
    detail = kernel.detail(w[np.newaxis, :])
    if "pi" in detail:
        tables["pi"] = detail["pi"][0]
    return Outranking(outranks, tables)
