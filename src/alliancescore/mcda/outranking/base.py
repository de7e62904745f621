"""Outranking methods: a second result kind, relations with incomparabilities instead of scores.

An outranking method is one small registered function
``build(X (n, m), w (m,), benefit (m,), **params) -> Outranking`` returning a crisp relation
``outranks (n, n)`` and its intermediate tables. :func:`outrank` checks the inputs, runs it, and
wraps the answer in a :class:`Relation`, which derives the same views for every method:
preference, indifference, incomparability, the classes and cycles of the relation, its kernel,
and a final partial preorder given as levels. Incomparable alternatives stay incomparable: no
view turns a relation into scores.

Conventions (the same for every method):

- ``outranks[a, b]`` means "a outranks b": a is at least as good as b. The relation is
  **reflexive**: the diagonal is always True (every alternative is at least as good as itself,
  as in Roy's definition of S). Preference, indifference and incomparability are about distinct
  pairs only, so their diagonals are False.
- A P b iff a S b and not b S a; a I b iff a S b and b S a (a != b); a R b iff neither.
- ``outranks`` is the method's own final crisp relation: the PROMETHEE I partial preorder, the
  ELECTRE I outranking relation, the ELECTRE III final partial preorder (intersection of the
  two distillations). Valued relations (credibility, preference indices) are in ``tables``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Constraint, Param, check_params, declared_params
from alliancescore.registry import Registry

from .._checks import as_benefit, as_matrix, as_weights
from ..tables import TableSpec, check_declared, declare_tables

__all__ = [
    "OUTRANKING_METHODS",
    "Outranking",
    "OutrankingMethod",
    "Relation",
    "outrank",
    "register_outranking",
]


class Outranking(NamedTuple):
    """What an outranking method returns: its crisp relation and its intermediate tables."""

    outranks: np.ndarray
    tables: dict[str, np.ndarray]


@dataclass(frozen=True)
class OutrankingMethod:
    """A registered outranking method: its declared parameters (checked before it runs) and
    tables (axes, caption), and the contract claims it opts out of (with reasons)."""

    name: str
    build: Callable[..., Outranking]
    summary: str
    contract_opt_outs: Mapping[str, str]
    params: Mapping[str, Param]
    tables: Mapping[str, TableSpec]

    @property
    def defaults(self) -> Mapping[str, Any]:
        """The parameters that have a default, with it."""
        return MappingProxyType(
            {name: p.default for name, p in self.params.items() if not p.required}
        )

    @property
    def doc(self) -> str:
        """The method's docstring: formulas, conventions, source paper."""
        return inspect.getdoc(self.build) or ""


OUTRANKING_METHODS: Registry[OutrankingMethod] = Registry("outranking method")


def register_outranking(
    name: str,
    *,
    summary: str,
    params: Mapping[str, Constraint] | None = None,
    tables: Iterable[TableSpec] = (),
    contract_opt_outs: Mapping[str, str] | None = None,
) -> Callable[[Callable[..., Outranking]], Callable[..., Outranking]]:
    """Register ``build(X, w, benefit, **params) -> Outranking`` as the method ``name``.

    Parameters after ``X, w, benefit`` must be keyword-only, each with one constraint in
    ``params`` and its default in the signature; ``tables`` declare every table it returns
    (as in :func:`~alliancescore.mcda.method.register_method`).
    """

    def decorate(build: Callable[..., Outranking]) -> Callable[..., Outranking]:
        positional = [
            p
            for p in inspect.signature(build).parameters.values()
            if p.kind is not inspect.Parameter.KEYWORD_ONLY
        ]
        if len(positional) != 3:
            raise TypeError(
                f"outranking method {name!r}: parameters after X, w, benefit must be keyword-only"
            )
        OUTRANKING_METHODS.add(
            name,
            OutrankingMethod(
                name=name,
                build=build,
                summary=summary,
                contract_opt_outs=MappingProxyType(dict(contract_opt_outs or {})),
                params=MappingProxyType(
                    declared_params(f"outranking method {name!r}", build, params or {}, skip=3)
                ),
                tables=declare_tables(f"outranking method {name!r}", tables),
            ),
        )
        return build

    return decorate


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.array(array, copy=True)
    array.setflags(write=False)
    return array


def _transitive_closure(relation: np.ndarray) -> np.ndarray:
    """Reflexive-transitive closure by Warshall's algorithm, one vectorised step per vertex."""
    closure = relation.copy()
    np.fill_diagonal(closure, True)
    for k in range(closure.shape[0]):
        closure |= closure[:, k, np.newaxis] & closure[np.newaxis, k, :]
    return closure


@dataclass(frozen=True, eq=False)
class Relation:
    """The crisp outranking relation of one method on n alternatives, and its derived views.

    method : the registered name.
    outranks : ``(n, n)`` bool, ``outranks[a, b]`` = "a outranks b" (a is at least as good as
        b); reflexive (diagonal True) for every method.
    weights : ``(m,)`` the weights used, rescaled to sum to one.
    params : the method's parameters, defaults filled in.
    tables : intermediate tables (concordance, discordance, credibility, flows, distillations);
        see the method's docstring (``OUTRANKING_METHODS[method].doc``).

    Derived views (computed on first use): :attr:`preference`, :attr:`indifference`,
    :attr:`incomparability`; :attr:`classes` and :attr:`cycles`; :attr:`final` (the partial
    preorder) and :attr:`levels`; :attr:`kernel`. Arrays are read-only.
    """

    method: str
    outranks: np.ndarray
    weights: np.ndarray
    params: Mapping[str, Any]
    tables: Mapping[str, np.ndarray] = field(repr=False)

    @property
    def n_alternatives(self) -> int:
        return self.outranks.shape[0]

    @cached_property
    def preference(self) -> np.ndarray:
        """``(n, n)`` bool: a P b, a strictly preferred to b (a S b and not b S a)."""
        return _frozen(self.outranks & ~self.outranks.T)

    @cached_property
    def indifference(self) -> np.ndarray:
        """``(n, n)`` bool, symmetric: a I b (a S b and b S a), for a != b only."""
        both = self.outranks & self.outranks.T
        np.fill_diagonal(both, False)
        return _frozen(both)

    @cached_property
    def incomparability(self) -> np.ndarray:
        """``(n, n)`` bool, symmetric: a R b, neither outranks the other (never on the diagonal).

        Together with :attr:`preference` (both directions) and :attr:`indifference` it
        partitions the distinct pairs: each pair is in exactly one of P, P^-1, I, R.
        """
        return _frozen(~self.outranks & ~self.outranks.T)

    @cached_property
    def final(self) -> np.ndarray:
        """``(n, n)`` bool: the final partial preorder, "a is ranked at least as well as b".

        It is the reflexive-transitive closure of :attr:`outranks`. For PROMETHEE I and ELECTRE
        III, whose relations are already partial preorders, it equals :attr:`outranks`. For
        ELECTRE I, whose relation need not be transitive, alternatives on a cycle become
        equivalent (Roy's reduction of circuits) and the closure adds the implied pairs; the
        kernel is that method's answer, the preorder is shown for comparison only.
        """
        return _frozen(_transitive_closure(self.outranks))

    @cached_property
    def _class_of(self) -> np.ndarray:
        # Equivalence classes of the closure = strongly connected components of the relation;
        # each alternative is labelled by the lowest index in its class.
        equivalent = self.final & self.final.T
        return np.argmax(equivalent, axis=1)

    @cached_property
    def classes(self) -> tuple[tuple[int, ...], ...]:
        """The equivalence classes of :attr:`final` (alternatives that outrank one another
        directly or along a cycle), best level first, then by lowest index."""
        labels = self._class_of
        order = sorted(set(labels.tolist()), key=lambda c: (self.levels[c], c))
        return tuple(tuple(np.flatnonzero(labels == c).tolist()) for c in order)

    @cached_property
    def cycles(self) -> tuple[tuple[int, ...], ...]:
        """Classes held together by a cycle of the relation rather than by indifference: some
        two members are not indifferent in :attr:`outranks`. Empty for transitive relations
        (PROMETHEE I, ELECTRE III); for ELECTRE I each is a circuit Roy reduces to one vertex."""
        found = []
        for members in self.classes:
            block = self.outranks[np.ix_(members, members)]
            if not (block & block.T).all():
                found.append(members)
        return tuple(found)

    @cached_property
    def levels(self) -> np.ndarray:
        """``(n,)`` int, 1 = top: the partial preorder as levels with incomparabilities.

        Level 1 holds the alternatives nothing is strictly above in :attr:`final`; level k + 1
        those whose strict superiors all sit at levels <= k (so a level is one more than the
        longest chain of strictly better classes above). Alternatives on one level are
        indifferent or incomparable, never strictly ordered; a lower level does *not* mean
        "better" unless :attr:`final` says so, which is how incomparabilities are kept.
        """
        strictly_above = self.final.T & ~self.final  # [a, b]: b is strictly above a
        level = np.zeros(self.n_alternatives, dtype=np.int64)
        remaining = np.ones(self.n_alternatives, dtype=bool)
        current = 0
        while remaining.any():
            current += 1
            top = remaining & ~(strictly_above & remaining[np.newaxis, :]).any(axis=1)
            level[top] = current
            remaining &= ~top
        return _frozen(level)

    @cached_property
    def kernel(self) -> np.ndarray:
        """``(n,)`` bool: the kernel of the relation after reducing its classes to single
        vertices (Roy 1968's treatment of circuits; indifferent alternatives form one class).

        On that acyclic graph the kernel exists and is unique: a set of classes none of which
        outranks another (internal stability) such that every other class is outranked by one
        of them (external stability). It is found class by class in level order: a class joins
        the kernel unless a class already in it outranks it. Members of a class are all in or
        all out; :attr:`cycles` says when a class is a circuit rather than an indifference.
        """
        in_kernel = np.zeros(self.n_alternatives, dtype=bool)
        for members in self.classes:  # level order is a topological order of the reduction
            if not self.outranks[np.ix_(in_kernel, members)].any():
                in_kernel[list(members)] = True
        return _frozen(in_kernel)

    def __repr__(self) -> str:
        n = self.n_alternatives
        pairs = n * (n - 1) // 2
        lines = [
            f"Relation(method={self.method!r}, {n} alternatives, params={dict(self.params)})",
            f"  pairs: {int(self.preference.sum())} P, {int(self.indifference.sum()) // 2} I, "
            f"{int(self.incomparability.sum()) // 2} R of {pairs}",
            "  levels (1 = top; ', ' separates incomparable classes, '~' joins equivalent ones):",
        ]
        for k in range(1, int(self.levels.max(initial=0)) + 1):
            groups = [
                "~".join(str(a) for a in members)
                for members in self.classes
                if self.levels[members[0]] == k
            ]
            lines.append(f"    {k}: {', '.join(groups)}")
        lines.append(f"  kernel: {np.flatnonzero(self.kernel).tolist()}")
        if self.cycles:
            lines.append(f"  cycles reduced: {[list(c) for c in self.cycles]}")
        lines.append(f"  tables: {sorted(self.tables)}")
        return "\n".join(lines)


def outrank(
    method: str,
    X: ArrayLike,
    weights: ArrayLike,
    benefit: ArrayLike | None = None,
    **params: Any,
) -> Relation:
    """Build the crisp outranking relation of a registered method.

    Parameters
    ----------
    method : a name in :data:`OUTRANKING_METHODS` (``"promethee_i"``, ``"electre_i"``,
        ``"electre_iii"``).
    X : ``(n_alternatives, n_criteria)`` decision matrix in natural units; every cell finite.
    weights : one weight vector ``(n_criteria,)``, non-negative, rescaled to sum to one (a
        :class:`~alliancescore.mcda.weighting.base.WeightResult` is accepted). Outranking
        methods are not batched: relations are not averaged over weight samples.
    benefit : ``(n_criteria,)`` bool, True = benefit (more is better), False = cost.
    params : the method's parameters (``OUTRANKING_METHODS[method].params``), checked before
        it runs.

    Returns
    -------
    :class:`Relation`.
    """
    spec = OUTRANKING_METHODS[method]
    resolved = check_params(spec.name, spec.params, params)
    matrix = as_matrix(X)
    mask = as_benefit(benefit, matrix.shape[1])
    raw = getattr(weights, "weights", weights)
    W, single = as_weights(raw, matrix.shape[1])
    if not single:
        raise AllianceScoreError(
            Problem(
                "weights",
                f"one weight vector of shape ({matrix.shape[1]},)",
                f"a batch of shape {W.shape}",
                "Outranking relations are built for one weight vector at a time; loop over "
                "samples and summarise the relations yourself",
            )
        )
    w = W[0]
    result = spec.build(matrix, w, mask, **resolved)
    check_declared(f"outranking method {method!r}", spec.tables, result.tables, weighted=False)
    outranks = np.array(result.outranks, dtype=bool)
    np.fill_diagonal(outranks, True)  # the reflexivity convention, whatever the method computed
    tables = {name: _frozen(table) for name, table in result.tables.items()}
    return Relation(
        method=method,
        outranks=_frozen(outranks),
        weights=_frozen(w),
        params=MappingProxyType(resolved),
        tables=MappingProxyType(tables),
    )
