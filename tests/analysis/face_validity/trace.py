"""Trace every known face-validity failure to the indicators and data values behind it.

For each expectation in ``KNOWN_FAILURES`` (``tests/analysis/test_face_validity.py``) and each
method under which it fails, this finds who outranks whom against the expectation and prints
:func:`alliancescore.analysis.versus.versus`'s breakdown of that pair: the three largest
parts with both sides' raw values, values and sources. The pairs:

- ``top`` (X within k): the last state within the first k against X (the place X needs);
- ``not_top`` (X below k): X against the first state after place k (the one X should be
  below);
- ``top_half``: the last state in the top half (places 1 to floor(n/2)) against X;
- ``bottom_half``: X against the first state in the bottom half, the median state;
- ``above`` (X above Y): the best-placed Y at or above X against X.

"State" is "alternative" where the expectation counts coalitions (``among = "all"``), and
never one of the expectation's own codes (two Spratly claimants are not traced against each
other).

Run from a checkout (nothing is written; the output is the material of ``TRACE.md``)::

    python tests/analysis/face_validity/trace.py [EXPECTATION_ID ...]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _face_validity() -> Any:
    """The test module: its expectations, ``KNOWN_FAILURES``, ``places`` and ``holds``."""
    spec = importlib.util.spec_from_file_location(
        "test_face_validity", HERE.parent / "test_face_validity.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def order(place: dict[str, int], position: dict[str, int]) -> list[str]:
    """The alternatives by place (ties in the result's order), so ``order[k - 1]`` is the
    one at place k."""
    return sorted(place, key=lambda alt: (place[alt], position[alt]))


def offenders(expectation: dict, place: dict[str, int], ordered: list[str]) -> list[tuple]:
    """``(ahead, behind)`` pairs where ``ahead`` ranks above ``behind`` against the
    expectation, one per code in ``who`` that breaks it. The other side is never one of
    ``who``: for a cut at place c it is the last other alternative within the first c (the
    one X must pass), or the first other alternative after them (the one X should be below)."""
    kind, n = expectation["kind"], len(ordered)
    who_all = _as_list(expectation["who"])
    others = [alt for alt in ordered if alt not in who_all]
    cut = {
        "top": expectation.get("within"),
        "not_top": expectation.get("within"),
        "top_half": n // 2,
        "bottom_half": n // 2,
    }.get(kind)
    pairs = []
    for who in who_all:
        if who not in place:
            continue
        at = place[who]
        if kind in ("top", "top_half") and at > cut:
            inside = [alt for alt in others if place[alt] <= cut]
            if inside:
                pairs.append((inside[-1], who))
        elif kind in ("not_top", "bottom_half") and at <= cut:
            outside = [alt for alt in others if place[alt] > cut]
            if outside:
                pairs.append((who, outside[0]))
        elif kind == "above":
            over = [o for o in _as_list(expectation["over"]) if o in place]
            best = min(over, key=place.__getitem__, default=None)
            if best is not None and place[best] <= at:
                pairs.append((best, who))
    return pairs


def _fmt(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number != number:
        return "missing"
    return f"{number:.4g}"


def _data_lines(v: Any, indicators: list[str]) -> list[str]:
    rows = v.indicators
    lines = []
    for ind in indicators:
        if ind not in rows.index:
            continue
        row = rows.loc[ind]
        filled_a = f" filled:{row['filled_a']}" if row["filled_a"] else ""
        filled_b = f" filled:{row['filled_b']}" if row["filled_b"] else ""
        lines.append(
            f"        {ind} (w {row['weight']:.4f}): {v.a} raw {_fmt(row['raw_a'])} -> "
            f"{row['value_a']:.3f}{filled_a} [{row['source_a']}] | {v.b} raw "
            f"{_fmt(row['raw_b'])} -> {row['value_b']:.3f}{filled_b} [{row['source_b']}]"
        )
    return lines


def _parts(parts: Any) -> str:
    return ", ".join(f"{name} {value:+.4f}" for name, value in parts.items())


def trace_pair(result: Any, method: str, ahead: str, behind: str) -> list[str]:
    """Lines: why ``ahead`` is above ``behind`` under ``method``, the three largest parts
    of the method's breakdown (the additive value's for a method without one), with data."""
    from alliancescore.analysis.versus import versus

    v = versus(result, ahead, behind)
    mv = next(m for m in v.methods if m.method == method)
    lines = [
        f"    {ahead} above {behind} under {method} (ranks {mv.rank_a} and {mv.rank_b} of "
        f"{v.n} with coalitions): "
        f"{mv.score_a:.4f} vs {mv.score_b:.4f}, {mv.advantage:+.4f} for {ahead}"
    ]
    shown: list[str] = []
    breakdowns = [b for b in mv.breakdowns if b.parts.index.isin(v.indicators.index).all()]
    if method == "vikor":
        terms = mv.breakdowns[0]
        lines.append(f"      Q terms: {_parts(terms.parts)}")
        lines += [f"      {note}" for note in mv.notes]
    if not breakdowns:
        top = v.indicators["difference"].iloc[:3]
        lines.append(
            f"      additive value (weight x value difference, total {v.total:+.4f}): {_parts(top)}"
        )
        shown += list(top.index)
    for breakdown in breakdowns:
        top = breakdown.top(3)
        lines.append(f"      {breakdown.of}, total {breakdown.total:+.4f}: {_parts(top)}")
        shown += [i for i in top.index if i not in shown]
    if method != "weighted_sum" and breakdowns:
        top = v.indicators["difference"].iloc[:3]
        lines.append(f"      (additive value, total {v.total:+.4f}: {_parts(top)})")
    lines += _data_lines(v, shown)
    return lines


def trace(ids: list[str] | None = None) -> str:
    """The trace of every known failure (or of ``ids``) as text."""
    from alliancescore.analysis.scoring import score
    from alliancescore.data import load
    from alliancescore.shipped import package_root

    fv = _face_validity()
    data = load()
    wanted = set(ids or fv.KNOWN_FAILURES)
    lines: list[str] = []
    for profile, entry in fv.EXPECTATIONS["profiles"].items():
        chosen = [e for e in entry["expect"] if e["id"] in wanted]
        if not chosen:
            continue
        result = score(package_root() / "profiles" / f"{profile}.toml", data=data)
        position = {alt: k for k, alt in enumerate(result.scores.index)}
        for expectation in chosen:
            among = expectation.get("among", "states")
            lines.append(f"== {expectation['id']} ({expectation['kind']}, among {among})")
            lines.append(f"   expects: {expectation['reason']}")
            if "tension" in expectation:
                lines.append(f"   tension: {expectation['tension']}")
            for method in result.methods:
                place = fv.places(result, method, among)
                ok, shown = fv.holds(expectation, place, result.matrix.screened)
                if ok:
                    continue
                lines.append(f"  {method}: {shown} (n = {len(place)})")
                for ahead, behind in offenders(expectation, place, order(place, position)):
                    lines += trace_pair(result, method, ahead, behind)
            lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(trace(sys.argv[1:] or None))
