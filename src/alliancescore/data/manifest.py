"""The data set's metadata: ``MANIFEST.json`` (machine-readable) and ``TERMS.md``.

The manifest lists, per table: file, kind, key, columns with units, sources, citation, terms,
licence, credit line, coverage years, ``max_staleness_years``, row count and SHA-256 of the
file, plus what the build dropped and why. It also records the SHA-256 of every reference file
and source file, so a stale or hand-edited file is detected when the data set is loaded.
Both files are rendered deterministically (no timestamps) so that ``--check`` can compare bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from alliancescore.data.schema import REFERENCE, TABLES, TableSpec
from alliancescore.data.sources import EXCLUDED, SOURCES
from alliancescore.errors import AllianceScoreError, Problem

__all__ = [
    "FORMAT",
    "coverage_of",
    "make_manifest",
    "read_manifest",
    "render_manifest",
    "render_terms",
    "sha256_of",
]

FORMAT = "alliancescore-data/1"


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def coverage_of(frame: pd.DataFrame, spec: TableSpec) -> dict[str, int | None]:
    """First and last year present in a built table, and the last year its source covers."""
    open_ended = False
    if "year" in frame.columns:
        first, last = frame["year"].min(), frame["year"].max()
    elif "end_year" in frame.columns:
        first, last = frame["end_year"].min(), frame["end_year"].max()
    elif "first_year" in frame.columns:
        first, last = frame["first_year"].min(), frame["last_year"].max()
        open_ended = bool(frame["last_year"].isna().any())
    else:
        first = frame["start"].str[:4].astype(int).min()
        last = frame["end"].dropna().str[:4].astype(int).max()
        open_ended = bool(frame["end"].isna().any())
    if open_ended and spec.last_year is not None:
        last = spec.last_year if pd.isna(last) else max(int(last), spec.last_year)
    return {"first_year": int(first), "last_year": int(last), "source_last_year": spec.last_year}


def _join(values: list[str]) -> str:
    unique = list(dict.fromkeys(v for v in values if v))
    return " | ".join(unique)


def make_manifest(
    tables: Mapping[str, tuple[pd.DataFrame, bytes]],
    reference: Mapping[str, bytes],
    stats: Mapping[str, Mapping[str, int]],
) -> dict[str, Any]:
    """The manifest for built ``tables`` (name -> (frame, file bytes)) and ``reference`` files."""
    out: dict[str, Any] = {
        "format": FORMAT,
        "built_by": "python -m alliancescore.data.build",
        "rebuild": "python -m alliancescore.data.build --source ../shared/data",
        "conventions": {
            "nation_code": "ISO 3166 alpha-3 per data/files/reference/nations.csv",
            "first_year": min(spec.first_year or 9999 for spec in TABLES.values()),
            "missing": "empty cell; never filled or interpolated",
            "open_end": "empty end of a spell = still running at the source's end; carried "
            "forward by the lookups, which report it",
            "lookup": "latest observed year at or before the reference year; stale when "
            "reference_year - year_used > max_staleness_years, and a stale value "
            "counts as missing",
        },
        "sources": {
            sid: {k: v for k, v in asdict(src).items() if k != "id"}
            for sid, src in sorted(SOURCES.items())
        },
        "excluded": dict(sorted(EXCLUDED.items())),
        "reference": {},
        "tables": {},
    }
    for name, content in reference.items():
        spec = REFERENCE[name]
        out["reference"][name] = {
            "file": spec.file,
            "description": spec.description,
            "rows": content.count(b"\n") - 1,
            "sha256": sha256_of(content),
        }
    for name, (frame, content) in tables.items():
        spec = TABLES[name]
        sources = [SOURCES[s] for s in spec.sources]
        out["tables"][name] = {
            "file": spec.file,
            "kind": spec.kind,
            "description": spec.description,
            "key": list(spec.key),
            "columns": [
                {
                    "name": c.name,
                    "type": c.kind,
                    "unit": c.unit,
                    "description": c.description,
                    "nullable": c.nullable,
                }
                for c in spec.columns
            ],
            "sources": list(spec.sources),
            "citation": _join([s.citation for s in sources]),
            "terms": _join([s.terms for s in sources]),
            "licence": _join([s.licence for s in sources]),
            "credit": _join([s.credit for s in sources]),
            "coverage": coverage_of(frame, spec),
            "max_staleness_years": spec.max_staleness_years,
            "rows": len(frame),
            "bytes": len(content),
            "sha256": sha256_of(content),
            "notes": list(spec.notes),
            "build": {"dropped": dict(sorted(stats.get(name, {}).items()))},
        }
    return out


def render_manifest(manifest: Mapping[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode(
        "utf-8"
    )


def read_manifest(data_dir: Path) -> dict[str, Any]:
    """The parsed manifest of the data set in ``data_dir``, or a clear error."""
    path = data_dir / "MANIFEST.json"
    if not path.is_file():
        raise AllianceScoreError(
            Problem(
                where=str(path),
                expected="the data set manifest",
                found="no such file",
                hint="--data or ALLIANCESCORE_DATA_DIR must name a data set folder (MANIFEST.json, "
                "tables/, reference/, as `python -m alliancescore.data.build --data DIR` writes); "
                "leave both unset to use the data shipped in the package",
            )
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise AllianceScoreError(Problem(str(path), "valid JSON", f"unreadable ({exc})")) from None
    if manifest.get("format") != FORMAT:
        raise AllianceScoreError(
            Problem(
                str(path),
                f"format {FORMAT!r}",
                repr(manifest.get("format")),
                "Rebuild with `python -m alliancescore.data.build`",
            )
        )
    return manifest


def _cell(text: str) -> str:
    """A table cell: the sources' join separator would split a Markdown table row."""
    return text.replace(" | ", "; ")


def render_terms(manifest: Mapping[str, Any]) -> bytes:
    """``data/files/TERMS.md``: the terms and credit lines of every table, from the manifest."""
    lines = [
        "# Terms of use of the data set shipped with alliancescore",
        "",
        "<!-- Generated by `python -m alliancescore.data.build` from "
        "src/alliancescore/data/sources.py; do not edit by hand. -->",
        "",
        "The code of alliancescore is MIT-licensed (see `LICENSE`). The data in this folder "
        "(`alliancescore/data/files/` in the package) are "
        "not: each table carries the terms of the source it derives from, listed below. When "
        "you redistribute a table, or values derived from it, keep its credit line and "
        "citation and respect its terms. In short:",
        "",
        "- **SIPRI** tables (`sipri_milex.csv`, `arms_shares.csv`): non-commercial use only, "
        "with the SIPRI credit line; the arms shares are calculations by alliancescore, not by "
        "SIPRI, and only derived shares are shipped (no TIV values or deal lists).",
        "- **V-Dem** (`vdem.csv`): CC BY-SA 4.0 -- share-alike reaches anything derived from it.",
        "- **OpenStreetMap**-derived coordinates (`capitals.csv`): ODbL 1.0, "
        '"(c) OpenStreetMap contributors"; the coordinates corrected by hand come from CEPII\'s '
        "GeoDist country file (free use with citation), named line by line in "
        "`reference/errata.csv` and `reference/capital_additions.csv`.",
        "- **World Bank** (`gdp_wb.csv`), **UCDP** (`ucdp.csv`) and **Our World in Data** "
        "(`nuclear.csv`, `warheads.csv`): CC BY 4.0, with credit.",
        "- **COW** and **ATOP** and the other academic data sets: free for public and academic "
        "use with the citation given below.",
        "- The crosswalk in `reference/` is the project's own, drafted from the countrycode code "
        "list (Arel-Bundock, Enevoldsen and Yetman 2018; GPL-3.0-or-later package, codes are "
        "facts) and the COW and Gleditsch-Ward state lists.",
        "",
        "| table | licence / terms | credit line |",
        "|---|---|---|",
    ]
    tables = manifest["tables"]
    for name in sorted(tables):
        entry = tables[name]
        licence, credit = (_cell(entry["licence"]), _cell(entry["credit"]) or "-")
        lines.append(f"| `{entry['file']}` | {licence} | {credit} |")
    lines.append("")
    for name in sorted(tables):
        entry = tables[name]
        cov = entry["coverage"]
        lines += [
            f"## `{entry['file']}`",
            "",
            entry["description"],
            "",
            f"- Coverage: {cov['first_year']}-{cov['last_year']} (source ends "
            f"{cov['source_last_year']}); "
            + (
                f"values older than {entry['max_staleness_years']} years count as missing."
                if entry["max_staleness_years"] is not None
                else "spells still running at the source's end are carried forward without a "
                "staleness limit."
            ),
            f"- Licence: {entry['licence']}",
            f"- Terms: {entry['terms']}",
        ]
        if entry["credit"]:
            lines.append(f"- Credit line: {entry['credit']}")
        lines += [f"- Cite: {entry['citation']}", ""]
        for sid in entry["sources"]:
            source = manifest["sources"][sid]
            if source.get("via"):
                lines += [f"  Obtained via {source['via']}.", ""]
                break
    lines += ["## Left out on purpose", ""]
    for what, why in manifest["excluded"].items():
        lines.append(f"- **{what}**: {why}")
    lines.append("")
    return "\n".join(lines).encode("utf-8")
