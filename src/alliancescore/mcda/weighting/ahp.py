"""AHP weights from a pairwise comparison matrix, with consistency diagnostics (Saaty)."""

from __future__ import annotations

from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Anything, Options, Real, Text

from .base import WeightResult, register_weighting

__all__ = ["AHP_METHODS", "RANDOM_INDEX_TABLES", "check_pairwise_matrix"]

AHP_METHODS = ("eigenvector", "geometric_mean")

# Mean consistency index of random reciprocal matrices of order n (judgments on Saaty's 1-9
# scale). Orders 1 and 2 are always consistent (RI = 0).
RANDOM_INDEX_TABLES = MappingProxyType(
    {
        # Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill: n = 1..10.
        "saaty1980": MappingProxyType(
            {
                1: 0.0,
                2: 0.0,
                3: 0.58,
                4: 0.90,
                5: 1.12,
                6: 1.24,
                7: 1.32,
                8: 1.41,
                9: 1.45,
                10: 1.49,
            }
        ),
        # Alonso & Lamata (2006), "Consistency in the analytic hierarchy process: a new
        # approach", Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4), 445-459:
        # 100,000 random matrices per order, n = 1..15.
        "alonso_lamata2006": MappingProxyType(
            {
                1: 0.0,
                2: 0.0,
                3: 0.5245,
                4: 0.8815,
                5: 1.1086,
                6: 1.2479,
                7: 1.3417,
                8: 1.4056,
                9: 1.4499,
                10: 1.4854,
                11: 1.5141,
                12: 1.5365,
                13: 1.5551,
                14: 1.5713,
                15: 1.5838,
            }
        ),
    }
)

# Judgments typed with two decimals (0.33 for 1/3, 0.14 for 1/7) are accepted as reciprocal.
RECIPROCAL_RTOL = 0.02

# Aguarón & Moreno-Jiménez (2003) thresholds for the geometric consistency index.
_GCI_THRESHOLDS = {3: 0.31, 4: 0.35}
_GCI_THRESHOLD_LARGE = 0.37


def check_pairwise_matrix(matrix: ArrayLike, name: str = "pairwise matrix") -> np.ndarray:
    """A positive reciprocal matrix, square, with ones on the diagonal.

    The upper triangle holds the judgments; the lower triangle must be their reciprocals within
    2% and is then replaced by the exact reciprocals. Every violation is reported at once.
    """
    A = np.asarray(matrix, dtype=np.float64)
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.shape[0] == 0:
        raise AllianceScoreError(
            Problem(name, "a square matrix (criteria x criteria)", f"shape {A.shape}")
        )
    problems = []
    bad = ~np.isfinite(A) | (A <= 0)
    for i, j in np.argwhere(bad)[:5]:
        problems.append(
            Problem(
                f"{name}[{i}, {j}]", "a positive judgment (1/9 .. 9 on Saaty's scale)", f"{A[i, j]}"
            )
        )
    if problems:
        raise AllianceScoreError(problems)
    for i in np.flatnonzero(np.abs(np.diag(A) - 1.0) > 1e-12)[:5]:
        problems.append(
            Problem(
                f"{name}[{i}, {i}]", "1 on the diagonal (a criterion equals itself)", f"{A[i, i]}"
            )
        )
    n = A.shape[0]
    upper = np.triu_indices(n, k=1)
    product = A[upper] * A.T[upper]
    for k in np.flatnonzero(np.abs(product - 1.0) > RECIPROCAL_RTOL)[:5]:
        i, j = upper[0][k], upper[1][k]
        problems.append(
            Problem(
                f"{name}[{j}, {i}]",
                f"the reciprocal of {name}[{i}, {j}] = {A[i, j]:g}, i.e. {1 / A[i, j]:.4g}",
                f"{A[j, i]:g}",
                "A pairwise matrix must satisfy a[j, i] = 1 / a[i, j]",
            )
        )
    if problems:
        raise AllianceScoreError(problems)
    exact = np.ones_like(A)
    exact[upper] = A[upper]
    exact.T[upper] = 1.0 / A[upper]
    return exact


def _random_index(n: int, table: str) -> float:
    values = RANDOM_INDEX_TABLES[table]
    if n not in values:
        raise AllianceScoreError(
            Problem(
                "ri_table",
                f"a random-index table covering order {n}",
                f"{table!r}, which covers orders 1..{max(values)}",
                "Use ri_table='alonso_lamata2006' (orders up to 15), or split the criteria "
                "into a hierarchy of smaller groups",
            )
        )
    return values[n]


@register_weighting(
    "ahp",
    {
        "matrix": Anything("a reciprocal pairwise comparison matrix (n, n)"),
        "method": Options(AHP_METHODS),
        "ri_table": Options(RANDOM_INDEX_TABLES),
        "threshold": Real(0.0, what="a consistency-ratio threshold"),
        "name": Text(),
    },
)
def ahp(
    matrix: ArrayLike,
    method: str = "eigenvector",
    ri_table: str = "saaty1980",
    threshold: float = 0.10,
    name: str = "pairwise matrix",
) -> WeightResult:
    """AHP priority weights from a reciprocal pairwise comparison matrix ``A (n, n)``.

    ``A[i, j]`` says how much more important criterion i is than j (Saaty's 1-9 scale).

    Methods:

    - ``"eigenvector"`` (Saaty 1980): w is the principal right eigenvector of A, normalised to
      sum to one; ``lambda_max`` its eigenvalue.
    - ``"geometric_mean"`` (row geometric mean; Crawford & Williams 1985): ``w_i`` proportional
      to ``(prod_j a_ij)^(1/n)``; ``lambda_max`` is estimated as ``mean_i (A w)_i / w_i``.
      Diagnostics also give the geometric consistency index
      ``GCI = 2 / ((n-1)(n-2)) sum_{i<j} ln^2(a_ij w_j / w_i)`` with the thresholds of
      Aguarón & Moreno-Jiménez (2003): 0.31 (n = 3), 0.35 (n = 4), 0.37 (n > 4).

    Consistency: ``CI = (lambda_max - n) / (n - 1)``, ``CR = CI / RI(n)`` with RI from the
    named table (default Saaty 1980; ``"alonso_lamata2006"`` for orders up to 15). Saaty's rule
    accepts ``CR <= 0.10`` (``threshold``); orders 1 and 2 are always consistent (CR = 0).
    Refusing inconsistent judgments is left to the caller (a profile can allow them): the
    diagnostics say ``consistent`` True or False.

    References: Saaty (1980), *The Analytic Hierarchy Process*, McGraw-Hill; Saaty (2008),
    "Decision making with the analytic hierarchy process", Int. J. Services Sciences 1(1);
    Crawford & Williams (1985), J. Math. Psychology 29(4); Aguarón & Moreno-Jiménez (2003),
    EJOR 147(1), 137-145.
    """
    A = check_pairwise_matrix(matrix, name)
    n = A.shape[0]
    ri = _random_index(n, ri_table)
    diagnostics: dict[str, object] = {"method": method, "ri_table": ri_table, "ri": ri}
    if method == "eigenvector":
        eigenvalues, eigenvectors = np.linalg.eig(A)
        k = int(np.argmax(eigenvalues.real))
        lambda_max = float(eigenvalues[k].real)
        w = np.abs(eigenvectors[:, k].real)
        w = w / w.sum()
    else:  # "geometric_mean" (the only other of AHP_METHODS, checked before this runs)
        w = np.exp(np.log(A).mean(axis=1))
        w = w / w.sum()
        lambda_max = float(np.mean((A @ w) / w))
        if n > 2:
            upper = np.triu_indices(n, k=1)
            log_err = np.log(A[upper] * w[upper[1]] / w[upper[0]])
            gci = 2.0 / ((n - 1) * (n - 2)) * float(np.sum(log_err**2))
            diagnostics["gci"] = gci
            diagnostics["gci_threshold"] = _GCI_THRESHOLDS.get(n, _GCI_THRESHOLD_LARGE)
        else:
            diagnostics["gci"] = 0.0
    # A consistent matrix has lambda_max = n exactly; round-off must not read as inconsistency.
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 2 else 0.0
    cr = ci / ri if ri > 0 else 0.0
    diagnostics.update(
        lambda_max=lambda_max, ci=ci, cr=cr, threshold=threshold, consistent=cr <= threshold
    )
    return WeightResult("ahp", w, diagnostics)
