"""Rebuild the data set from the shared source material, or check that it is what a rebuild
gives.

Usage::

    python -m alliancescore.data.build                 # rebuild tables, MANIFEST, TERMS
    python -m alliancescore.data.build --check         # exit 1 if a rebuild would differ
    python -m alliancescore.data.build --source DIR --data DIR

The data set written is the package's own (``src/alliancescore/data/files`` in a checkout) or
``--data`` / ``$ALLIANCESCORE_DATA_DIR``. The source folder defaults to
``<checkout>/../shared/data`` (or ``$ALLIANCESCORE_SOURCE_DIR``). When there is no source
folder the command says so and exits 2 without touching anything (``--check`` included: a
check that compared nothing has not passed); nothing is downloaded. Before reading, every
source file's SHA-256 is checked against :mod:`alliancescore.data.sources`, so a changed input
cannot slip in silently.

The hand-maintained crosswalk in the data set's ``reference/`` is an input of the build, not
an output.
Outputs are byte-deterministic: sorted rows, fixed number formats, no timestamps.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from alliancescore.data.builders import BUILDERS, BuildContext
from alliancescore.data.crosswalk import load_crosswalk
from alliancescore.data.csvio import parse_table, read_table, render_table
from alliancescore.data.manifest import make_manifest, render_manifest, render_terms, sha256_of
from alliancescore.data.paths import data_dir, source_dir
from alliancescore.data.schema import REFERENCE, TABLES
from alliancescore.data.schema_reference import BUILD_INPUTS
from alliancescore.data.sources import SOURCES
from alliancescore.errors import AllianceScoreError, Problem

__all__ = [
    "BuildResult",
    "build_outputs",
    "check",
    "main",
    "missing_source_reason",
    "verify_sources",
]


@dataclass(frozen=True)
class BuildResult:
    """Every output file of a build (path relative to the data folder -> bytes)."""

    files: dict[str, bytes]


def missing_source_reason(source: Path | None) -> str | None:
    """Why the build cannot run against ``source`` (``None`` if it can)."""
    if source is None:
        return (
            "no source folder: the package is not running from a source checkout with "
            "../shared/data beside it; pass --source DIR or set ALLIANCESCORE_SOURCE_DIR"
        )
    if not source.is_dir():
        return (
            f"source folder {source} not found; pass --source DIR or set "
            "ALLIANCESCORE_SOURCE_DIR to the folder holding the shared source files"
        )
    return None


def verify_sources(source: Path) -> None:
    """Raise if a source file is missing or its SHA-256 differs from the recorded one."""
    problems = []
    seen: set[str] = set()
    for src in SOURCES.values():
        for file in src.files:
            if file.name in seen:
                continue
            seen.add(file.name)
            path = source / file.name
            if not path.is_file():
                problems.append(Problem(str(path), f"the {src.title} source file", "no such file"))
                continue
            digest = sha256_of(path.read_bytes())
            if digest != file.sha256:
                problems.append(
                    Problem(
                        str(path),
                        f"SHA-256 {file.sha256}",
                        digest,
                        "The source changed: review it, then update alliancescore/data/sources.py",
                    )
                )
    if problems:
        raise AllianceScoreError(problems)


def build_outputs(source: Path, data: Path) -> BuildResult:
    """Build every table, the manifest and the terms from ``source`` and ``data/reference``."""
    verify_sources(source)
    crosswalk = load_crosswalk(data / "reference")
    known = crosswalk.iso3_codes
    inputs = {
        name: read_table(data / REFERENCE[name].file, REFERENCE[name], known)
        for name in BUILD_INPUTS
    }
    ctx = BuildContext(
        source_dir=source, crosswalk=crosswalk, errata=inputs["errata"], reference=inputs
    )
    built = {}
    for name, builder in BUILDERS.items():
        spec = TABLES[name]
        frame = builder(ctx)
        content = render_table(frame, spec)
        # what we write must load: re-parse with the loader's checks
        parsed = parse_table(content, spec, f"(built) {spec.file}", known)
        built[name] = (parsed, content)
    reference = {name: (data / spec.file).read_bytes() for name, spec in REFERENCE.items()}
    manifest = make_manifest(built, reference, ctx.stats)
    files = {
        spec_file: content
        for spec_file, content in (
            (TABLES[name].file, content) for name, (_, content) in built.items()
        )
    }
    files["MANIFEST.json"] = render_manifest(manifest)
    files["TERMS.md"] = render_terms(manifest)
    return BuildResult(files)


def check(result: BuildResult, data: Path) -> list[str]:
    """Differences between a build and the files in ``data`` (empty when identical)."""
    differences = []
    for relative, content in sorted(result.files.items()):
        path = data / relative
        if not path.is_file():
            differences.append(f"{relative}: missing")
        elif path.read_bytes() != content:
            differences.append(f"{relative}: differs from a rebuild")
    built_tables = {Path(f).name for f in result.files if f.startswith("tables/")}
    tables_dir = data / "tables"
    if tables_dir.is_dir():
        for extra in sorted(p.name for p in tables_dir.glob("*.csv")):
            if extra not in built_tables:
                differences.append(f"tables/{extra}: not produced by the build")
    return differences


def _write(result: BuildResult, data: Path) -> list[str]:
    written = []
    for relative, content in sorted(result.files.items()):
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != content:
            path.write_bytes(content)
            written.append(relative)
    built_tables = {Path(f).name for f in result.files if f.startswith("tables/")}
    for extra in sorted((data / "tables").glob("*.csv")):
        if extra.name not in built_tables:
            extra.unlink()
            written.append(f"tables/{extra.name} (removed)")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m alliancescore.data.build",
        description="Rebuild data/ from the shared source folder, or check it (--check).",
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="shared source folder (default: $ALLIANCESCORE_SOURCE_DIR, else ../shared/data "
        "beside the source checkout)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder to write or check (default: $ALLIANCESCORE_DATA_DIR, else the "
        "package's src/alliancescore/data/files)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the committed files differ from a rebuild",
    )
    args = parser.parse_args(argv)
    source = args.source or source_dir()
    data = args.data or data_dir()
    reason = missing_source_reason(source)
    if reason:
        # Exit non-zero: a "--check" that could not compare anything has not passed.
        print(f"alliancescore.data.build: error: {reason}", file=sys.stderr)
        return 2
    try:
        result = build_outputs(source, data)
    except AllianceScoreError as exc:
        print(f"build failed:\n{exc}", file=sys.stderr)
        return 2
    if args.check:
        differences = check(result, data)
        if differences:
            print(f"{data} is not what the build produces:")
            for line in differences:
                print(f"  - {line}")
            print("Rebuild with `python -m alliancescore.data.build` and commit the result.")
            return 1
        print(f"ok: {len(result.files)} files in {data} match a rebuild from {source}")
        return 0
    written = _write(result, data)
    total = sum(len(c) for c in result.files.values())
    print(
        f"built {len(result.files)} files ({total / 1e6:.2f} MB) in {data}; {len(written)} changed"
    )
    for line in written:
        print(f"  - {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
