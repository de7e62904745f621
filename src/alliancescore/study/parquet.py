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

A study with variants puts a ``variant`` column first in both files.

The parts of a study's output folder form one Hive-partitioned data set (``variant=ID/``,
``focal=XXX/``, ``year=YYYY/`` folders): :func:`read_parts` reads it (or the stability
files, ``name="stability.parquet"``), or with pandas alone
``pd.read_parquet(DIR, partitioning=pyarrow.dataset.partitioning(SCHEMA, flavor="hive"),
ignore_prefixes=["manifest", "report", "stability"])`` where ``SCHEMA`` types the folder keys
as the columns are (``large_string``, ``int64`` for the year): pyarrow's own guess
(``partitioning="hive"``) types them otherwise and refuses to merge them with the columns of
the same names.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.present.writing import write_atomic

__all__ = [
    "INSTALL_HINT",
    "partitioning",
    "read_part",
    "read_parts",
    "require_pyarrow",
    "write_part",
]

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


_FOLDERS = re.compile(r"(?:variant=[^/]+/)?focal=[^/]+/year=-?\d+")


def partitioning(part: Path) -> Any:
    """The Hive partitioning of a study's folders, the keys typed as the columns of the part
    file ``part`` (a ``variant``, ``focal`` and ``year`` column each): pass it to pandas or
    pyarrow as ``partitioning=``."""
    require_pyarrow()
    import pyarrow as pa
    import pyarrow.dataset as ds

    schema = require_pyarrow().read_schema(part)
    names = [n for n in ("variant", "focal", "year") if n in schema.names]
    return ds.partitioning(pa.schema([schema.field(n) for n in names]), flavor="hive")


def read_parts(
    out: str | Path, name: str = "part.parquet", filters: Sequence[Any] | None = None
) -> pd.DataFrame:
    """Every ``name`` file of the study output folder ``out`` (``variant=ID/`` (with
    variants) ``focal=XXX/year=YYYY/NAME``) as one DataFrame, in folder order, read as one
    partitioned pyarrow data set: ``filters`` (pandas' form, ``[("variant", "=", "heavy")]``)
    on the folder keys skip the other folders' files unopened."""
    require_pyarrow()
    import pyarrow.dataset as ds

    root = Path(out)
    files = sorted(
        p for p in root.rglob(name) if _FOLDERS.fullmatch(p.parent.relative_to(root).as_posix())
    )
    if not files:
        raise AllianceScoreError(
            Problem(
                str(root),
                f"a study's output folder with {name} files (focal=XXX/year=YYYY/{name})",
                "none",
                "Run `alliancescore study STUDY.toml --out DIR` first, and name its DIR",
            )
        )
    dataset = ds.dataset(
        [str(p) for p in files],
        format="parquet",
        partitioning=partitioning(files[0]),
        partition_base_dir=str(root),
    )
    expression = require_pyarrow().filters_to_expression(filters) if filters else None
    return dataset.to_table(filter=expression).to_pandas()
