"""A task's rows as one Parquet file (pyarrow, the optional extra ``study``).

Columns: ``focal``, ``year`` (int64), ``alternative``, ``kind``, ``method``, ``score``,
``rank`` (int64, 1 = best), and with a sensitivity analysis ``rank1_acceptability`` (the share
of weight draws ranking the alternative first) and ``rank1_se`` (its Monte Carlo standard
error); one row per alternative and score method.
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
