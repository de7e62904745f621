"""The method registry, the two-phase kernel protocol, and the one entry point ``evaluate``.

A score method is one small registered function ``prepare(X, benefit, **params) -> Kernel``
that declares its parameters (:mod:`alliancescore.params`) and its intermediate tables
(:mod:`.tables`) where it is registered. It computes everything that does not depend on the
weights once (normalised matrix, ideal points, per-criterion flows) and returns a
:class:`Kernel` whose ``score`` maps a batch of weight vectors ``W (n_samples, n_criteria)``
(rows summing to one) to scores ``(n_samples, n_alternatives)`` with array operations, never a
Python loop over samples.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.params import Constraint, Param, check_params, declared_params
from alliancescore.registry import Registry

from ._checks import as_benefit, as_matrix, as_weights
from .ranking import rank_scores
from .tables import Axis, TableSpec, check_declared, declare_tables

__all__ = [
    "METHODS",
    "Evaluation",
    "Kernel",
    "Method",
    "Prepared",
    "evaluate",
    "prepare",
    "register_method",
]

# Scratch memory a kernel may use per chunk of weight vectors. Small enough that a chunk's
# temporaries stay in cache (measured 1.5-2x faster than 64 MiB chunks on TOPSIS and VIKOR),
# large enough that per-chunk Python overhead is negligible.
CHUNK_BYTES = 4 * 2**20
# Weight-dependent intermediate tables are computed only for this many weight vectors or fewer.
DETAIL_LIMIT = 1000


@dataclass(frozen=True)
class Kernel:
    """What a method computed once for one decision matrix.

    score : ``W (s, m) -> (s, n)`` scores, W rows non-negative and summing to one.
    tables : weight-independent intermediate tables (normalised matrix, ideal points, ...),
        each declared where the method is registered (axes, caption: :mod:`.tables`).
    detail : ``W (s, m) -> dict`` of weight-dependent intermediate tables, each with a leading
        sample axis and declared with ``per_weights``; called for small batches only.
    bytes_per_sample : scratch memory one weight vector needs inside ``score``, for chunking.
    linear : ``(n, m)`` matrix ``A`` when scores are exactly ``W @ A.T`` (weighted sum,
        PROMETHEE II net flows), else None. Sensitivity analysis uses it for closed-form
        switch points and stability intervals (Mareschal 1988).
    rank_key : optional ``W (s, m) -> (s, n)`` giving keys in [0, 1] in the order of the
        scores with **lower = better**, cheaper to compute than the scores; Monte Carlo
        ranking uses it where only ranks are needed (TOPSIS without its square roots, sorted
        directly as bits).
    """

    score: Callable[[np.ndarray], np.ndarray]
    tables: Mapping[str, np.ndarray]
    detail: Callable[[np.ndarray], dict[str, np.ndarray]]
    bytes_per_sample: int
    linear: np.ndarray | None = None
    rank_key: Callable[[np.ndarray], np.ndarray] | None = None


@dataclass(frozen=True)
class Method:
    """A registered score method: its kernel, declared parameters and tables, and the claims
    the contract suite checks.

    ``params`` are the method's parameters (name, constraint, default), checked by
    :func:`prepare` before the kernel runs; ``tables`` declare the kernel's intermediate tables
    (axes and caption). ``contract_opt_outs`` maps a contract property (``"scale_invariance"``,
    ``"dominance"``) to the reason the method does not claim it.
    """

    name: str
    prepare: Callable[..., Kernel]
    higher_is_better: bool
    summary: str
    contract_opt_outs: Mapping[str, str]
    params: Mapping[str, Param]
    tables: Mapping[str, TableSpec]

    @property
    def defaults(self) -> Mapping[str, Any]:
        """The parameters that have a default, with it (a required one has none)."""
        return MappingProxyType(
            {name: p.default for name, p in self.params.items() if not p.required}
        )

    @property
    def doc(self) -> str:
        """The kernel's docstring: formulas, conventions, source paper."""
        return inspect.getdoc(self.prepare) or ""


METHODS: Registry[Method] = Registry("method")


def register_method(
    name: str,
    *,
    higher_is_better: bool,
    summary: str,
    params: Mapping[str, Constraint] | None = None,
    tables: Iterable[TableSpec] = (),
    contract_opt_outs: Mapping[str, str] | None = None,
) -> Callable[[Callable[..., Kernel]], Callable[..., Kernel]]:
    """Register ``prepare(X, benefit, **params) -> Kernel`` as the method ``name``.

    Parameters after ``X, benefit`` must be keyword-only; each needs one constraint in
    ``params`` (:mod:`alliancescore.params`) and takes its default from the signature (one
    without a default is required). ``tables`` declare every table the kernel returns
    (:mod:`.tables`). A mismatch is a registration bug: ``TypeError`` at import.
    """

    def decorate(prepare_fn: Callable[..., Kernel]) -> Callable[..., Kernel]:
        positional = [
            p
            for p in inspect.signature(prepare_fn).parameters.values()
            if p.kind is not inspect.Parameter.KEYWORD_ONLY
        ]
        if len(positional) != 2:
            raise TypeError(f"method {name!r}: parameters after X, benefit must be keyword-only")
        METHODS.add(
            name,
            Method(
                name=name,
                prepare=prepare_fn,
                higher_is_better=higher_is_better,
                summary=summary,
                contract_opt_outs=MappingProxyType(dict(contract_opt_outs or {})),
                params=MappingProxyType(
                    declared_params(f"method {name!r}", prepare_fn, params or {}, skip=2)
                ),
                tables=declare_tables(f"method {name!r}", tables),
            ),
        )
        return prepare_fn

    return decorate


@dataclass(frozen=True)
class Prepared:
    """A method bound to one decision matrix: score any number of weight vectors against it."""

    method: Method
    kernel: Kernel
    params: Mapping[str, Any]
    n_alternatives: int
    n_criteria: int

    @property
    def higher_is_better(self) -> bool:
        return self.method.higher_is_better

    @property
    def tables(self) -> Mapping[str, np.ndarray]:
        return self.kernel.tables

    def chunk_size(self) -> int:
        """Weight vectors scored per chunk so scratch memory stays near ``CHUNK_BYTES``."""
        per_sample = max(self.kernel.bytes_per_sample, 8 * self.n_alternatives)
        return max(1, CHUNK_BYTES // per_sample)

    def iter_scores(
        self, W: np.ndarray, chunk_size: int | None = None
    ) -> Iterator[tuple[slice, np.ndarray]]:
        """Yield ``(rows, scores)`` chunk by chunk for normalised weights ``W (s, m)``.

        For consumers that reduce each chunk (rank counts in SMAA) and never need all scores.
        """
        step = chunk_size or self.chunk_size()
        for start in range(0, W.shape[0], step):
            rows = slice(start, min(start + step, W.shape[0]))
            yield rows, self.kernel.score(W[rows])

    def iter_rank_keys(
        self, W: np.ndarray, chunk_size: int | None = None
    ) -> Iterator[tuple[slice, np.ndarray, bool]]:
        """Like :meth:`iter_scores` for consumers that only rank: yields ``(rows, values,
        unit_keys)``, the kernel's ``rank_key`` (``unit_keys`` True: in [0, 1], lower is
        better) where it has one, else its scores (``unit_keys`` False)."""
        if self.kernel.rank_key is None:
            for rows, scores in self.iter_scores(W, chunk_size):
                yield rows, scores, False
            return
        step = chunk_size or self.chunk_size()
        for start in range(0, W.shape[0], step):
            rows = slice(start, min(start + step, W.shape[0]))
            yield rows, self.kernel.rank_key(W[rows]), True

    def score(self, weights: ArrayLike, chunk_size: int | None = None) -> np.ndarray:
        """Scores for one weight vector ``(m,)`` -> ``(n,)`` or a batch ``(s, m)`` -> ``(s, n)``.

        Weights are checked and each row rescaled to sum to one.
        """
        W, single = as_weights(weights, self.n_criteria)
        out = np.empty((W.shape[0], self.n_alternatives))
        for rows, chunk in self.iter_scores(W, chunk_size):
            out[rows] = chunk
        return out[0] if single else out


def prepare(method: str, X: ArrayLike, benefit: ArrayLike | None = None, **params: Any) -> Prepared:
    """Check the inputs and run the weight-independent part of ``method`` once.

    ``X`` is ``(n_alternatives, n_criteria)``; ``benefit`` is a bool mask (True = benefit,
    False = cost; ``None`` = all benefit). ``params`` are the method's keyword parameters,
    checked against its declarations (:attr:`Method.params`) before the kernel runs. Whatever
    the kernel raises is its own: an input problem it finds in the data is an
    :class:`AllianceScoreError`, anything else a bug, left with its traceback.
    """
    spec = METHODS[method]
    resolved = check_params(spec.name, spec.params, params)
    matrix = as_matrix(X)
    mask = as_benefit(benefit, matrix.shape[1])
    kernel = spec.prepare(matrix, mask, **resolved)
    check_declared(f"method {spec.name!r}", spec.tables, kernel.tables, weighted=False)
    return Prepared(spec, kernel, MappingProxyType(resolved), *matrix.shape)


@dataclass(frozen=True)
class Evaluation:
    """Scores and ranks of one method for one or many weight vectors.

    scores : ``(n,)`` for one weight vector or ``(s, n)`` for a batch, in the method's own
        direction (``higher_is_better`` says which).
    ranks : same shape, int, 1 = best whatever the direction; ties share the best rank.
    weights : the weights used, normalised to sum to one per row, in the caller's shape.
    tables : intermediate tables; weight-dependent ones carry the caller's sample shape and are
        present only for batches of at most ``DETAIL_LIMIT`` weight vectors. :meth:`axes` and
        :meth:`caption` say what each is (declared by the method, :mod:`.tables`).
    """

    method: str
    scores: np.ndarray
    ranks: np.ndarray
    higher_is_better: bool
    weights: np.ndarray
    params: Mapping[str, Any]
    tables: Mapping[str, np.ndarray] = field(repr=False)

    def axes(self, name: str) -> tuple[str | Axis, ...]:
        """What each axis of table ``name`` runs over (``"alternatives"``, ``"criteria"``,
        ``"samples"`` or an :class:`~.tables.Axis` of fixed labels), as evaluated here."""
        return METHODS[self.method].tables[name].axes_for(batch=self.scores.ndim == 2)

    def caption(self, name: str) -> str:
        """One line saying what table ``name`` holds."""
        return METHODS[self.method].tables[name].caption

    def __repr__(self) -> str:
        direction = "higher is better" if self.higher_is_better else "lower is better"
        return (
            f"Evaluation(method={self.method!r}, scores shape {self.scores.shape} "
            f"({direction}), params={dict(self.params)}, tables={sorted(self.tables)})"
        )


def evaluate(
    method: str,
    X: ArrayLike,
    weights: ArrayLike,
    benefit: ArrayLike | None = None,
    *,
    chunk_size: int | None = None,
    **params: Any,
) -> Evaluation:
    """Score and rank alternatives with a registered method.

    Parameters
    ----------
    method : a name in :data:`METHODS` (``"weighted_sum"``, ``"topsis"``, ``"vikor"``, ...).
    X : ``(n_alternatives, n_criteria)`` decision matrix in natural units.
    weights : ``(n_criteria,)`` or ``(n_samples, n_criteria)``, non-negative; each row is
        rescaled to sum to one. A :class:`~alliancescore.mcda.weights.WeightResult` is accepted.
    benefit : ``(n_criteria,)`` bool, True = benefit (more is better), False = cost.
    chunk_size : weight vectors per chunk; default bounds scratch memory near 4 MiB.
    params : the method's parameters (see ``METHODS[method].params`` and its docstring).

    Returns
    -------
    :class:`Evaluation` with scores, ranks (1 = best), normalised weights and tables.
    """
    prepared = prepare(method, X, benefit, **params)
    raw = getattr(weights, "weights", weights)
    W, single = as_weights(raw, prepared.n_criteria)
    scores = np.empty((W.shape[0], prepared.n_alternatives))
    for rows, chunk in prepared.iter_scores(W, chunk_size):
        scores[rows] = chunk
    ranks = rank_scores(scores, prepared.higher_is_better)
    tables: dict[str, np.ndarray] = dict(prepared.tables)
    if W.shape[0] <= DETAIL_LIMIT:
        detail = prepared.kernel.detail(W)
        check_declared(f"method {method!r}", prepared.method.tables, detail, weighted=True)
        tables.update({k: v[0] if single else v for k, v in detail.items()})
    if single:
        return Evaluation(
            method,
            scores[0],
            ranks[0],
            prepared.higher_is_better,
            W[0],
            prepared.params,
            MappingProxyType(tables),
        )
    return Evaluation(
        method,
        scores,
        ranks,
        prepared.higher_is_better,
        W,
        prepared.params,
        MappingProxyType(tables),
    )
