"""``explain PROFILE A --versus B`` as text and JSON: why A ranks where it does against B.

The numbers come from :func:`alliancescore.analysis.versus.versus`; this module only lays
them out. Signs are in A's favour throughout.
"""

from __future__ import annotations

import json
from typing import Any

from alliancescore.analysis.result import Result
from alliancescore.analysis.versus import Versus
from alliancescore.present.blocks import Column, column_blocks, column_line
from alliancescore.present.explain import _fmt as format_raw
from alliancescore.present.output import _plain
from alliancescore.present.prose import wrap_prose

__all__ = ["versus_document", "versus_json", "versus_text"]


def _parts(parts, k: int = 3) -> str:
    return ", ".join(f"{name} {value:+.4f}" for name, value in parts.iloc[:k].items())


def _indicator_lines(v: Versus, width: int | None) -> list[str]:
    """The table by indicator, the sources under each wrapped to ``width`` (when given). Wider
    than ``width``, it comes in blocks of columns, each with the indicators
    (:mod:`alliancescore.present.blocks`): the sources under the first block's rows (the raw
    values they are the sources of come first), the total under the differences, last."""
    a, b = v.a, v.b
    columns = (
        Column("indicator", 26, left=True, gap=""),
        Column("weight", 7, gap=""),
        Column(f"raw {a}", 12),
        Column("value", 6, joined=True),  # a side's value never apart from its raw value
        Column(f"raw {b}", 12),
        Column("value", 6, joined=True),
        Column("w x diff", 9),
    )
    rows: list[tuple[str, ...]] = []
    sources: list[list[str]] = []
    for ind, row in v.indicators.iterrows():
        value_a = f"{row['value_a']:.3f}" + ("*" if row["filled_a"] else "")
        value_b = f"{row['value_b']:.3f}" + ("*" if row["filled_b"] else "")
        rows.append(
            (
                str(ind),
                f"{row['weight']:.4f}",
                format_raw(row["raw_a"]),
                value_a,
                format_raw(row["raw_b"]),
                value_b,
                f"{row['difference']:+.4f}",
            )
        )
        source_a, source_b = row["source_a"] or "-", row["source_b"] or "-"
        if source_a == source_b:
            under = f"{'':<26}source (both): {source_a}"
        else:
            under = f"{'':<26}{a}: {source_a}; {b}: {source_b}"
        sources.append(wrap_prose([under], width))
    header = tuple(c.header for c in columns)
    total = ("total", *[""] * (len(columns) - 2), f"{v.total:+.4f}")
    blocks = column_blocks(columns, [header, *rows, total], width)
    lines: list[str] = []
    for n, block in enumerate(blocks):
        head = column_line(columns, header, block)
        lines += [""] if n else []
        lines += [head, "-" * len(head)]
        for cells, under in zip(rows, sources, strict=True):
            lines.append(column_line(columns, cells, block))
            lines += under if n == 0 else []
        if block[-1] == len(columns) - 1:  # the differences: their total under them
            lines += ["-" * len(head), column_line(columns, total, block)]
    return lines


def _method_lines(v: Versus, width: int | None) -> list[str]:
    """Each method's scores and ranks of both sides, in blocks of columns that fit ``width``
    (each with the methods) when it is given and the table is wider."""
    a, b = v.a, v.b
    columns = (
        Column("method", 16, left=True, gap=""),
        Column(f"{a} score", 14, gap=""),
        Column("rank", 5, gap=" ", joined=True),  # a rank never apart from its score
        Column(f"{b} score", 14),
        Column("rank", 5, gap=" ", joined=True),
        Column(f"for {a}", 10),
        Column("direction", 16, left=True),
    )
    rows = [tuple(c.header for c in columns)]
    for mv in v.methods:
        direction = "higher is better" if mv.higher_is_better else "lower is better"
        rows.append(
            (
                mv.method,
                f"{mv.score_a:.4f}",
                str(mv.rank_a),
                f"{mv.score_b:.4f}",
                str(mv.rank_b),
                f"{mv.advantage:+.4f}",
                direction,
            )
        )
    lines: list[str] = []
    for n, block in enumerate(column_blocks(columns, rows, width)):
        lines += [""] if n else []
        lines += [column_line(columns, row, block) for row in rows]
    return lines


def versus_text(result: Result, v: Versus, width: int | None = None) -> str:
    """Plain text: the additive value's difference by indicator (every indicator, largest
    first, raw values and sources of both), each method's scores and ranks, and the
    breakdowns that exist for TOPSIS, VIKOR and PROMETHEE II.

    Given ``width`` (a terminal's), the lines of prose (the sources under each indicator
    among them) wrap to it with a hanging indent (:mod:`alliancescore.present.prose`), and the
    tables (88 columns) come in blocks of columns that fit it, each with the indicators or the
    methods (:mod:`alliancescore.present.blocks`). Without, every line is as long as it is."""
    p = result.profile
    a, b = v.a, v.b
    lines = wrap_prose(
        [
            f"{v.labels[0]} ({a}) versus {v.labels[1]} ({b})",
            f"for {p.focal} in {p.year}; profile {p.path}; criteria {result.criteria.path}",
            *([f"note: {result.weights.unstated}"] if result.weights.unstated else []),
            f"A = {a}, B = {b}; every difference is in {a}'s favour (positive helps {a}); "
            f"ranks of {v.n}",
            "",
            f"{v.basis}: {a} minus {b} = {v.total:+.4f}, by indicator (weight x (value {a} - "
            f"value {b}), largest first):",
        ],
        width,
    )
    lines += _indicator_lines(v, width)
    legend = [
        "* filled by the indicator's missing-data policy (see `alliancescore explain` for the "
        "rules)"
    ]
    # the legend only where a value carries the mark, as plain explain
    filled = v.indicators[["filled_a", "filled_b"]].to_numpy(dtype=bool).any()
    lines += wrap_prose([*(legend if filled else []), ""], width)
    lines += _method_lines(v, width)
    notes: list[str] = []
    for method, rel in v.relations.items():
        how = rel["relation"].replace("a outranks b", f"{a} outranks {b}")
        how = how.replace("b outranks a", f"{b} outranks {a}")
        notes.append(
            f"{method:<16}{how}; levels {a} {rel['level_a']}, {b} {rel['level_b']} (1 = top)"
        )
    for mv in v.methods:
        if not (mv.breakdowns or mv.notes):
            continue
        notes.append("")
        notes.append(f"{mv.method}:")
        for breakdown in mv.breakdowns:
            notes.append(f"  {breakdown.of} = {breakdown.total:+.4f}")
            notes.append(f"    largest: {_parts(breakdown.parts)}")
        for note in mv.notes:
            notes.append(f"  {note}")
    return "\n".join([*lines, *wrap_prose(notes, width)]) + "\n"


def versus_document(v: Versus) -> dict[str, Any]:
    """The comparison as plain data (what ``--format json`` writes)."""
    indicators = []
    for ind, row in v.indicators.iterrows():
        indicators.append(
            {
                "indicator": ind,
                "weight": row["weight"],
                "difference": row["difference"],
                "a": {
                    "raw": row["raw_a"],
                    "value": row["value_a"],
                    "source": row["source_a"],
                    "filled_by_policy": row["filled_a"] or None,
                },
                "b": {
                    "raw": row["raw_b"],
                    "value": row["value_b"],
                    "source": row["source_b"],
                    "filled_by_policy": row["filled_b"] or None,
                },
            }
        )
    return {
        "a": {"id": v.a, "label": v.labels[0]},
        "b": {"id": v.b, "label": v.labels[1]},
        "alternatives_ranked": v.n,
        "signs": "in a's favour: positive helps a against b",
        "additive": {"of": v.basis, "difference": v.total, "indicators": indicators},
        "methods": {
            mv.method: {
                "higher_is_better": mv.higher_is_better,
                "score_a": mv.score_a,
                "score_b": mv.score_b,
                "rank_a": mv.rank_a,
                "rank_b": mv.rank_b,
                "advantage": mv.advantage,
                "breakdowns": [
                    {"of": bd.of, "total": bd.total, "parts": dict(bd.parts.items())}
                    for bd in mv.breakdowns
                ],
                "notes": list(mv.notes),
            }
            for mv in v.methods
        },
        "relations": v.relations,
    }


def versus_json(result: Result, v: Versus) -> str:
    """The comparison as JSON, with the profile's id, focal nation and year, and
    ``weights_note``: the note that the profile states no ``[weights]`` (``null`` when it
    does)."""
    p = result.profile
    document = {
        "profile": {"id": p.id, "focal": p.focal, "year": p.year, "path": str(p.path)},
        "criteria": {"id": result.criteria.id, "version": result.criteria.version},
        # Said when the profile states no [weights] (null when it does), as the text says it.
        "weights_note": result.weights.unstated or None,
        **versus_document(v),
    }
    return json.dumps(_plain(document), indent=2, ensure_ascii=False) + "\n"
