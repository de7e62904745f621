"""alliancescore: multi-criteria decision support for judging military partnerships.

>>> import alliancescore as asc
>>> result = asc.score("profiles/japan.toml")       # doctest: +SKIP
>>> report = asc.analyse(result)                     # doctest: +SKIP

The layers, each importing only those before it: ``data`` -> ``measures`` -> ``model`` ->
``mcda`` / ``sensitivity`` (numeric kernels) -> ``analysis`` -> ``present`` -> ``cli``; see
ARCHITECTURE.md.
"""

from __future__ import annotations

import importlib
from typing import Any

# The one place the version is written: pyproject.toml reads it from here (a metadata lookup at
# import would cost every command about 0.1 s of start-up).
__version__ = "0.1.0"

__all__ = ["__version__", "analyse", "score"]

# Loaded on first use (PEP 562), so ``import alliancescore`` and ``--help`` stay fast.
_LAZY = {
    "score": "alliancescore.analysis.scoring",
    "analyse": "alliancescore.analysis.robustness",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'alliancescore' has no attribute {name!r}")
