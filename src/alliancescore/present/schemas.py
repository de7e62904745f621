"""The JSON Schemas of the file formats, as the package ships them for editors.

``alliancescore/schemas/profile.schema.json``, ``criteria.schema.json``,
``study.schema.json`` and ``facts.schema.json`` are
:func:`alliancescore.model.declare.json_schema` of the declared formats
(:data:`~alliancescore.model.profile_format.PROFILE`,
:data:`~alliancescore.model.criteria_format.CRITERIA`,
:data:`~alliancescore.model.study_format.STUDY`,
:data:`~alliancescore.model.facts_format.FACTS`), rendered as indented JSON: generated, never
edited. Regenerate them after changing a declaration (or registering a method, measure,
value function or tie kind, whose names the schemas list)::

    python -m alliancescore.present.schemas          # rewrite the shipped files
    python -m alliancescore.present.schemas --check  # exit 1 and name the stale ones

``tests/present/test_schemas.py`` fails when the shipped files differ from what this produces.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from alliancescore.model.criteria_format import CRITERIA
from alliancescore.model.declare import Format, json_schema
from alliancescore.model.facts_format import FACTS
from alliancescore.model.profile_format import PROFILE
from alliancescore.model.study_format import STUDY
from alliancescore.shipped import schemas

from .writing import write_atomic

__all__ = ["FORMATS", "main", "render", "rendered", "stale"]

FORMATS: dict[str, Format] = {
    "profile.schema.json": PROFILE,
    "criteria.schema.json": CRITERIA,
    "study.schema.json": STUDY,
    "facts.schema.json": FACTS,
}
"""The shipped schema files, by file name, with the format each one states."""

GENERATED = (
    "Generated from the format declared in alliancescore.model.{name}_format by "
    "`python -m alliancescore.present.schemas`; do not edit. Checks that need several keys "
    "at once or the data set are only in `alliancescore validate`."
)


def render(fmt: Format) -> str:
    """The JSON Schema of ``fmt`` as the shipped file holds it: a ``$comment`` saying where it
    comes from, two-space indentation, keys in declaration order, a final newline."""
    schema = json_schema(fmt)
    comment = {"$comment": GENERATED.format(name=fmt.name)}
    ordered = {"$schema": schema.pop("$schema"), **comment, **schema}
    return json.dumps(ordered, indent=2, ensure_ascii=False) + "\n"


def rendered() -> dict[str, str]:
    """Every shipped schema file's expected text, by file name."""
    return {name: render(fmt) for name, fmt in FORMATS.items()}


def stale(folder: Path) -> list[str]:
    """The schema files in ``folder`` that are missing or differ from :func:`rendered`."""
    out = []
    for name, text in rendered().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out.append(name)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m alliancescore.present.schemas",
        description="Write the JSON Schemas of the profile, criteria and study formats.",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder to write them to (default: the package's own schemas folder)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a file is missing or differs from the declaration",
    )
    args = parser.parse_args(argv)
    folder = args.out if args.out is not None else schemas()
    if args.check:
        found = stale(folder)
        for name in found:
            print(f"{folder / name}: stale; run python -m alliancescore.present.schemas")
        return 1 if found else 0
    for name, text in rendered().items():
        write_atomic(folder / name, text)
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
