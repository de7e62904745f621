"""The weighting registry, its result type and the entry point ``weights``."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.params import Constraint, Param, check_params, declared_params
from alliancescore.registry import Registry

__all__ = ["WEIGHTINGS", "WeightResult", "WeightingScheme", "register_weighting", "weights"]


@dataclass(frozen=True)
class WeightResult:
    """Criterion weights ``(n_criteria,)`` summing to one, with the scheme's diagnostics.

    ``diagnostics`` holds what an analyst should see beside the weights (AHP: lambda_max,
    consistency index and ratio, the random-index table used).
    """

    scheme: str
    weights: np.ndarray
    diagnostics: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "diagnostics", MappingProxyType(dict(self.diagnostics)))


@dataclass(frozen=True)
class WeightingScheme:
    """A registered weighting scheme: its function and declared parameters.

    Calling it checks the arguments against ``params`` (the data arguments' constraints say
    what they hold; the scheme checks their contents and shapes), then runs the function.
    """

    name: str
    function: Callable[..., WeightResult]
    params: Mapping[str, Param]

    def __call__(self, *args: Any, **kwargs: Any) -> WeightResult:
        try:
            bound = inspect.signature(self.function).bind(*args, **kwargs)
        except TypeError as error:
            unknown = [k for k in kwargs if k not in self.params]
            if unknown:  # reported with did-you-mean by check_params
                check_params(self.name, self.params, kwargs)
            raise AllianceScoreError(
                Problem(
                    f"{self.name} weights",
                    f"arguments {inspect.signature(self.function)}",
                    str(error),
                )
            ) from None
        check_params(self.name, self.params, bound.arguments)
        return self.function(*args, **kwargs)

    @property
    def doc(self) -> str:
        """The scheme's docstring: formulas, conventions, source paper."""
        return inspect.getdoc(self.function) or ""


WEIGHTINGS: Registry[WeightingScheme] = Registry("weighting scheme")


def register_weighting(
    name: str, params: Mapping[str, Constraint]
) -> Callable[[Callable[..., WeightResult]], Callable[..., WeightResult]]:
    """Register ``function(*data, **options) -> WeightResult`` as the scheme ``name``; every
    parameter has one constraint in ``params`` and its default in the signature."""

    def decorate(function: Callable[..., WeightResult]) -> Callable[..., WeightResult]:
        declared = declared_params(f"weighting scheme {name!r}", function, params)
        WEIGHTINGS.add(name, WeightingScheme(name, function, MappingProxyType(declared)))
        return function

    return decorate


def weights(scheme: str, *args: Any, **kwargs: Any) -> WeightResult:
    """Derive criterion weights with a registered scheme.

    ``weights("direct", [3, 2, 1])``, ``weights("ahp", matrix, method="eigenvector")``,
    ``weights("roc", ranking)``. See each scheme's docstring (``WEIGHTINGS[name].doc``).
    """
    return WEIGHTINGS[scheme](*args, **kwargs)
