"""Trace every number behind one alternative: raw value, table, year, source, value-function
output, weight and contribution, then its score and rank under every method; and each method's
intermediate tables, labelled by the axes the method declares."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from alliancescore.analysis.result import Result
from alliancescore.present.output import overrides_listing
from alliancescore.present.prose import wrap_prose, wrap_row

__all__ = ["explain_text", "method_tables"]

# Where the line under each indicator's row starts (its measure and scale), and so where the
# row's source continues, HANG beyond it, when it wraps on a terminal.
_DESCRIBED = 26


def _axis_index(result: Result, axis: Any) -> pd.Index:
    """Row or column labels of one declared axis: the alternatives' ids, the indicators' ids
    (the value matrix's columns, in the weights' leaf order) or an axis's fixed labels."""
    from alliancescore import mcda

    if axis == mcda.ALTERNATIVES:
        return pd.Index(result.matrix.values.index, name="alternative")
    if axis == mcda.CRITERIA:
        return pd.Index(list(result.weights.leaves), name="indicator")
    return pd.Index(list(axis.labels), name=axis.name)


def method_tables(result: Result, method: str) -> dict[str, Any]:
    """The intermediate tables of ``method`` at the profile's weights, labelled by their
    declared axes (:mod:`alliancescore.mcda.tables`): a number, a Series (one axis) or a
    DataFrame (two axes); a table of more axes stays an array. Each pandas object carries its
    caption in ``.attrs["caption"]``."""
    from alliancescore import mcda

    declared = mcda.METHODS[method].tables
    out: dict[str, Any] = {}
    for name, value in result.tables[method].items():
        spec, array = declared[name], np.asarray(value)
        index = [_axis_index(result, axis) for axis in spec.axes]
        if not index:
            out[name] = array.item()
            continue
        if len(index) == 1:
            table: Any = pd.Series(array, index=index[0], name=name)
        elif len(index) == 2:
            table = pd.DataFrame(array, index=index[0], columns=index[1])
        else:
            out[name] = array
            continue
        table.attrs["caption"] = spec.caption
        out[name] = table
    return out


def _fmt(value: float) -> str:
    if value != value:  # NaN
        return "missing"
    if abs(value) >= 1e4 or (0 < abs(value) < 1e-3):
        return f"{value:.4g}"
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"


def _regret_line(result: Result, method: str, alternative: str) -> str:
    """The explain line under a method with a regret term; empty otherwise."""
    frame = result.regrets(method)
    if frame is None or alternative not in frame.index:
        return ""
    return (
        f"{'':<18} regret {frame.at[alternative, 'regret']:.4f}, its worst weighted gap to "
        f"the best: {frame.at[alternative, 'indicator']} (the alternatives' regrets run "
        f"{frame['regret'].min():.4f}-{frame['regret'].max():.4f})"
    )


def explain_text(result: Result, alternative: str, width: int | None = None) -> str:
    """A plain-text explanation of ``alternative`` (a candidate ISO3 or a coalition id).

    Given ``width`` (a terminal's), the lines of prose and each indicator's source wrap to it
    with a hanging indent (:mod:`alliancescore.present.prose`), the table's aligned columns
    kept whole, and a header wider than ``width`` puts its last title over two lines; without,
    every line is as long as it is."""
    m = result.matrix
    p = result.profile
    row = m.alternatives.loc[alternative]
    lines: list[str] = []

    def prose(*texts: str) -> None:
        lines.extend(wrap_prose(texts, width))

    prose(
        f"{row['label']} ({alternative}), {row['kind']}"
        + (f" of {row['members']}" if row["kind"] == "coalition" else ""),
        f"for {p.focal} in {p.year}; profile {p.path}; criteria {result.criteria.path}",
        *([f"note: {result.weights.unstated}"] if result.weights.unstated else []),
        "",
    )
    if alternative in m.excluded:
        prose(f"EXCLUDED from the ranking: {m.excluded[alternative]}", "")
    paths = result.criteria.paths()
    cells = f"{'indicator':<26}{'raw':>12}  {'value':>6}  {'weight':>7}  {'contrib':>7}  "
    header = [cells + "source (table year)"]
    if width is not None and len(header[0]) > width:  # the last title over two lines
        header = [" " * len(cells) + "source", cells + "(table year)"]
    lines += header
    lines.append("-" * max(map(len, header)))
    total = 0.0
    any_filled = False
    for ind in result.criteria.indicators:
        raw = m.raw.loc[alternative, ind.id]
        weight = result.weights.global_[ind.id]
        if alternative in m.values.index:
            value = float(m.values.loc[alternative, ind.id])
            filled = m.policy_applied.loc[alternative, ind.id]
            any_filled = any_filled or bool(filled)
            contribution = weight * value
            total += contribution
            value_text = f"{value:.3f}" + ("*" if filled else "")
            contribution_text = f"{contribution:.4f}"
        else:
            value_text, contribution_text = "-", "-"
        source = m.sources.loc[alternative, ind.id] or "-"
        columns = (
            f"{ind.id:<26}{_fmt(raw):>12}  {value_text:>6}  {weight:>7.4f}  "
            f"{contribution_text:>7}  "
        )
        lines += wrap_row(columns, source, width, _DESCRIBED)
        same = m.values[ind.id].nunique(dropna=False) == 1 and len(m.values) > 1
        prose(
            f"{'':<{_DESCRIBED}}{ind.measure}, {ind.direction}; "
            f"{result.value_function(ind.id).description}; missing -> {ind.missing}; "
            f"under {' > '.join(paths[ind.id][:-1])}"
            # all equal: the scale has no spread (linear gives 0.5), so it tells no one apart
            + ("; the same value for every alternative: it ranks no one" if same else "")
        )
    lines.append("")
    if any_filled:  # the legend only where a value carries the mark
        prose(
            "* filled by the indicator's missing-data policy (worst = 0, neutral = 0.5; "
            "neutral_if_absent: 0.5 where the state is outside the source, else 0; a "
            "weakest-link coalition missing a member's value: 0)"
        )
    if alternative in result.scores.index:
        prose(f"additive value (weighted sum of values): {total:.4f}", "")
        n = len(result.scores)
        for method in result.methods:
            direction = "higher" if result.higher_is_better[method] else "lower"
            prose(
                f"{method:<18} score {result.scores.loc[alternative, method]:.4f} "
                f"({direction} is better), rank {int(result.ranks.loc[alternative, method])}"
                f" of {n}"
            )
            regret = _regret_line(result, method, alternative)
            if regret:
                prose(regret)
    active = [o for o in overrides_listing(result) if o["active"]]
    # the states the alternative stands for (a coalition's members but the focal nation)
    states = {s.strip() for s in str(row["members"]).split(",")} - {p.focal}
    # a tie counts for this profile only between the alternative and the focal nation or a
    # threat actor (a facts file holds ties between others); a rivalry or a value, whenever
    # it names the alternative (its own rivalries are its entrapment)
    partners = {p.focal, *(t.actor for t in p.threats)}
    touching = [o for o in active if _touches(o, states, partners)]
    if touching:
        whom = f"a member of {alternative}" if row["kind"] == "coalition" else alternative
        prose("", f"overrides in force that name {whom}:")
        for o in touching:
            if o["type"] == "rivalry":
                kind = "rivalry" if o["kind"] == "rivalry" else "no rivalry"
                pair = f"{'/'.join(o['parties'])}-{'/'.join(o['others'])}"
                prose(f"  rivalry: {kind} {pair} from {o['from']}; {o['source']}")
            else:
                prose(f"  {o['type']}: {o.get('kind', o.get('column'))}; {o['source']}")
    if len(active) > len(touching):
        others = len(active) - len(touching)
        prose(
            "",
            f"{others} other override{'s' if others != 1 else ''} in force in the profile and "
            "its facts files (`alliancescore score --format json` lists every one)",
        )
    return "\n".join(lines) + "\n"


def _touches(override: dict[str, Any], states: set[str], partners: set[str]) -> bool:
    """Whether an override listing entry bears on ``states`` in this profile: a tie between
    one of them and one of ``partners`` (the focal nation, the threat actors), a rivalry or a
    value that names one of them."""
    if override["type"] != "tie":
        return bool(states & _override_states(override))
    return any(
        (a in states and b in partners) or (b in states and a in partners)
        for a in override["parties"]
        for b in override["others"]
    )


def _override_states(override: dict[str, Any]) -> set[str]:
    """The states an override listing entry names: a tie's or a rivalry's parties and
    others, a value's nation."""
    if override["type"] in ("tie", "rivalry"):
        return {*override["parties"], *override["others"]}
    return {override["nation"]}
