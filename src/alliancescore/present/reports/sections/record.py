"""The reproducibility record: the command, version, seed, inputs with their hashes, the data
tables' files and hashes, the software and any override templates (``templates/_record.html.j2``
and the record section of ``templates/compare.html.j2``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from alliancescore import __version__
from alliancescore.analysis.result import Result
from alliancescore.analysis.robustness import SensitivityReport

from .shared import command

__all__ = ["comparison_record", "record"]


def record(
    result: Result,
    report: SensitivityReport | None,
    data: Any = None,
    templates: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One analysis's record (the draws' seed and count from ``report`` when there is one)."""
    import matplotlib  # its version only; imported by the charts anyway

    rec = dict(result.record)
    tables = []
    if data is not None:
        for name, entry in sorted(data.manifest["tables"].items()):
            tables.append({"table": name, "file": entry["file"], "sha256": entry["sha256"]})
    return {
        "command": command(rec),
        "version": str(rec.get("version", __version__)),
        "seed": report.seed if report is not None else rec.get("seed"),
        "samples": report.samples if report is not None else None,
        "inputs": [dict(i) for i in rec.get("inputs", [])],
        "tables": tables,
        "software": f"alliancescore {__version__}; matplotlib {matplotlib.__version__}",
        "templates": templates,
    }


def comparison_record(
    results: Sequence[Result],
    names: Sequence[str],
    templates: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Several analyses' record: their distinct commands and every input, tagged with the
    analysis's short name (``names``)."""
    inputs = [
        {"analysis": short, **dict(i)}
        for short, r in zip(names, results, strict=True)
        for i in r.record.get("inputs", [])
    ]
    return {
        "version": __version__,
        "commands": sorted({command(r.record) for r in results}),
        "inputs": inputs,
        "templates": templates,
    }
