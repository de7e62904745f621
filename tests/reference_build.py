"""Build one hand-kept reference table from CSV text, as the data build would (for the tests
of a builder's input checks)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from alliancescore.data.builders_common import BuildContext
from alliancescore.data.csvio import parse_table
from alliancescore.data.schema import REFERENCE


def build_reference(
    ds,
    name: str,
    text: str,
    builder: Callable[[BuildContext], pd.DataFrame],
    states: Iterable[str],
) -> pd.DataFrame:
    """``builder`` over ``text`` parsed as ``reference/<name>.csv``, with only ``states``
    existing, each in 1946-2029."""
    rows = parse_table(text.encode(), REFERENCE[name], f"{name}.csv", ds.crosswalk.iso3_codes)
    existence = pd.DataFrame(
        [(iso, y) for iso in states for y in range(1946, 2030)], columns=["iso3", "year"]
    )
    ctx = BuildContext(
        source_dir=None,  # type: ignore[arg-type]
        crosswalk=ds.crosswalk,
        existence=existence,
        reference={name: rows},
    )
    return builder(ctx)
