"""The weighting registry, its result type and the entry point ``weights``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from alliancescore.registry import Registry

__all__ = ["WEIGHTINGS", "WeightResult", "weights"]


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


WEIGHTINGS: Registry[Callable[..., WeightResult]] = Registry("weighting scheme")


def weights(scheme: str, *args: Any, **kwargs: Any) -> WeightResult:
    """Derive criterion weights with a registered scheme.

    ``weights("direct", [3, 2, 1])``, ``weights("ahp", matrix, method="eigenvector")``,
    ``weights("roc", ranking)``. See each scheme's docstring (``WEIGHTINGS[name].__doc__``).
    """
    return WEIGHTINGS[scheme](*args, **kwargs)
