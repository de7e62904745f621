"""A task's tables as Parquet files (pyarrow, the optional extra ``study``).

``part.parquet``, one row per alternative and score method: ``focal``, ``year`` (int64),
``alternative``, ``kind``, ``method``, ``score``, ``rank`` (int64, 1 = best), and with
sampling ``rank1_acceptability`` (the share of weight draws ranking the alternative first),
``rank1_se`` (its Monte Carlo standard error), ``samples`` (int64, the method's weight draws),
``max_se`` (the largest standard error of the method's rank acceptabilities, over all
alternatives and ranks) and, with a target standard error, ``target_met`` (bool: ``max_se``
under the target).

``stability.parquet``, one row per score method and top-level criterion: ``focal``, ``year``
(int64), ``method``, ``criterion``, ``t0``, ``top1_low``, ``top1_high``, ``top1_change``,
``top1_relative_change`` (float, ``inf`` where nothing changes the top choice),
``most_critical``, ``exact`` (bool); see
:func:`alliancescore.analysis.stability.top_choice_stability`.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.present.writing import write_atomic

__all__ = ["INSTALL_HINT", "read_part", "require_pyarrow", "write_part"]

INSTALL_HINT = "pip install 'alliancescore[study]'"


def require_pyarrow(
    where: str = "alliancescore study", purpose: str = "to write Parquet files"
) -> Any:
    """The pyarrow.parquet module, or one error naming the extra that installs it."""
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        raise AllianceScoreError(
            Problem(
                where,
                f"the pyarrow package (the optional extra 'study') {purpose}",
                "it is not installed",
                f"Install it with: {INSTALL_HINT}",
            )
        ) from None
    return parquet


def write_part(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` as Parquet to ``path`` atomically (temporary file + rename)."""
    parquet = require_pyarrow()
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    buffer = io.BytesIO()
    parquet.write_table(table, buffer)
    write_atomic(path, buffer.getvalue())


def read_part(path: Path) -> pd.DataFrame:
    """A part file back as a DataFrame."""
    return require_pyarrow().read_table(path).to_pandas()
