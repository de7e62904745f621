"""The data set's metadata: ``MANIFEST.json`` (machine-readable) and ``TERMS.md``.

The manifest lists, per table: file, kind, key, columns with units, sources, citation, terms,
licence, credit line, coverage years, ``max_staleness_years``, row count and SHA-256 of the
file, plus what the build dropped and why. It also records the SHA-256 of every reference file
and source file, so a stale or hand-edited file is detected when the data set is loaded.
Both files are rendered deterministically (no timestamps) so that ``--check`` can compare bytes.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from alliancescore.data.schema import REFERENCE, TABLES, TableSpec
from alliancescore.data.sources import EXCLUDED, SOURCES
from alliancescore.errors import DataSetError, Problem

__all__ = [
    "FORMAT",
    "check_manifest",
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
    """The parsed manifest of the data set in ``data_dir``, or a clear error.

    Besides being JSON of the right format, the manifest must have every key the loader reads,
    of the right type (:func:`check_manifest`): a hand-edited or truncated manifest is named
    with its key path, never a ``KeyError`` later.
    """
    path = data_dir / "MANIFEST.json"
    if not path.is_file():
        raise DataSetError(
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
        manifest = json.loads(path.read_bytes().decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError, OSError) as exc:
        found = "JSON nested too deep" if isinstance(exc, RecursionError) else f"unreadable ({exc})"
        raise DataSetError(Problem(str(path), "valid JSON", found, _REBUILD)) from None
    check_manifest(manifest, str(path))
    return manifest


_REBUILD = "Rebuild with `python -m alliancescore.data.build`, or restore the committed file"

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class _Kind:
    """One JSON type a manifest key must have, and how a message names it."""

    def __init__(self, words: str, types: tuple[type, ...], pattern: re.Pattern | None = None):
        self.words, self.types, self.pattern = words, types, pattern

    def admits(self, value: object) -> bool:
        if isinstance(value, bool) and bool not in self.types:
            return False
        if not isinstance(value, self.types):
            return False
        return self.pattern is None or bool(self.pattern.match(value))  # type: ignore[arg-type]


_TEXT = _Kind("a string", (str,))
_INT = _Kind("an integer", (int,))
_YEAR_OR_NULL = _Kind("an integer or null", (int, type(None)))
_LIST = _Kind("a list", (list,))
_OBJECT = _Kind("an object", (dict,))
_DIGEST = _Kind("a SHA-256 (64 lowercase hex digits)", (str,), _SHA256)

_REFERENCE_ENTRY = {"file": _TEXT, "sha256": _DIGEST}
_TABLE_ENTRY = {
    "file": _TEXT,
    "kind": _TEXT,
    "description": _TEXT,
    "sources": _LIST,
    "citation": _TEXT,
    "terms": _TEXT,
    "licence": _TEXT,
    "credit": _TEXT,
    "coverage": _OBJECT,
    "max_staleness_years": _YEAR_OR_NULL,
    "rows": _INT,
    "sha256": _DIGEST,
    "notes": _LIST,
}
_COVERAGE = {"first_year": _INT, "last_year": _INT, "source_last_year": _YEAR_OR_NULL}
_MAX_MANIFEST_PROBLEMS = 20


def _shown(value: object) -> str:
    kind = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "null" if value is None else "a number"
    )
    text = json.dumps(value, ensure_ascii=False)
    return f"{text[:40]}{'...' if len(text) > 40 else ''} ({kind})"


def _keys(entry: Mapping[str, Any], kinds: Mapping[str, _Kind], at: str) -> list[Problem]:
    """Problems with the keys ``kinds`` declares in ``entry``, each located at ``at`` followed
    by the key (``"MANIFEST.json: tables.nmc."``)."""
    problems = []
    extra = [k for k in entry if k not in kinds]
    for key, kind in kinds.items():
        if key not in entry:
            close = difflib.get_close_matches(key, extra, n=1)
            hint = f"Found {close[0]!r}: did you mean {key!r}? " if close else ""
            problems.append(Problem(f"{at}{key}", kind.words, "missing", hint + _REBUILD))
        elif not kind.admits(entry[key]):
            problems.append(Problem(f"{at}{key}", kind.words, _shown(entry[key]), _REBUILD))
    return problems


def _entries(
    manifest: Mapping[str, Any],
    section: str,
    names: Collection[str],
    kinds: Mapping[str, _Kind],
    where: str,
) -> list[Problem]:
    """Problems with ``manifest[section]``: an object with an entry per name in ``names``."""
    entries = manifest[section]
    problems = []
    extra = [k for k in entries if k not in names]
    for name in names:
        at = f"{where}: {section}.{name}"
        if name not in entries:
            close = difflib.get_close_matches(name, extra, n=1)
            hint = f"Found {close[0]!r}: did you mean {name!r}? " if close else ""
            problems.append(
                Problem(at, f"the entry of the {name!r} file", "missing", hint + _REBUILD)
            )
            continue
        entry = entries[name]
        if not isinstance(entry, dict):
            problems.append(Problem(at, "an object", _shown(entry), _REBUILD))
            continue
        problems += _keys(entry, kinds, f"{at}.")
        coverage = entry.get("coverage")
        if section == "tables" and isinstance(coverage, dict):
            problems += _keys(coverage, _COVERAGE, f"{at}.coverage.")
    return problems


def check_manifest(manifest: object, where: str) -> None:
    """Raise one :class:`~alliancescore.errors.DataSetError` naming every key of a parsed
    manifest that is missing or of the wrong type, by key path
    (``MANIFEST.json: tables.nmc.sha256: expected a SHA-256 ..., found missing``): the format,
    and for every table and reference file of :mod:`~alliancescore.data.schema` the keys the
    loader reads."""
    if not isinstance(manifest, dict):
        raise DataSetError(
            Problem(where, "a JSON object (the data set manifest)", _shown(manifest), _REBUILD)
        )
    if manifest.get("format") != FORMAT:
        raise DataSetError(
            Problem(
                f"{where}: format",
                f"{FORMAT!r}",
                _shown(manifest["format"]) if "format" in manifest else "missing",
                "Rebuild with `python -m alliancescore.data.build`",
            )
        )
    problems = _keys(manifest, {"reference": _OBJECT, "tables": _OBJECT}, f"{where}: ")
    if not problems:
        problems += _entries(manifest, "reference", REFERENCE, _REFERENCE_ENTRY, where)
        problems += _entries(manifest, "tables", TABLES, _TABLE_ENTRY, where)
    if len(problems) > _MAX_MANIFEST_PROBLEMS:
        extra = len(problems) - _MAX_MANIFEST_PROBLEMS
        problems = problems[:_MAX_MANIFEST_PROBLEMS]
        problems.append(Problem(where, "no further problems", f"{extra} more not shown"))
    if problems:
        raise DataSetError(problems)


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
            f"{cov['source_last_year']}); " + _staleness_terms(entry),
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


def _staleness_terms(entry: Mapping[str, Any]) -> str:
    """How old a table's values may get, as TERMS.md says it: a spell table's spells are
    carried forward to a stated year, an annual table's values count for so many years."""
    limit, cov = entry["max_staleness_years"], entry["coverage"]
    if limit is None:
        return (
            "spells still running at the source's end are carried forward without a "
            "staleness limit."
        )
    if entry["kind"] in ("spell", "dyadic_spell") and cov["source_last_year"] is not None:
        through = cov["source_last_year"] + limit
        return (
            f"spells in force at the source's end are carried forward through {through} "
            f"({limit} years) and marked as carried; later years count as missing."
        )
    return f"values older than {limit} years count as missing."
