"""The elicitation page (issue 17): one offline HTML file that asks one analyst for weights.

``alliancescore elicit CRITERIA --out FILE.html`` writes a page that walks the criteria tree
(the goal's criteria, then each criterion's children) and, at every node with at least two
children, asks for either

- AHP pairwise judgments on Saaty's 1-9 scale with reciprocals, one select per pair; the page
  computes the principal eigenvector by power iteration (to 1e-12), the consistency ratio
  ``CR = CI / RI(n)``, ``CI = (lambda_max - n) / (n - 1)``, with the random-index table of
  :data:`alliancescore.mcda.weighting.ahp.RANDOM_INDEX_TABLES` embedded from Python (Saaty
  1980), and points at the most inconsistent triad: the ``i < j < k`` maximising
  ``|ln(a_ij a_jk / a_ik)|``, which is also the triad of largest Koczkodaj (1993) index
  ``1 - exp(-|ln(a_ij a_jk / a_ik)|)``; or
- swing weights: points in (0, 100], the most important child = 100, weights = points / sum
  (von Winterfeldt & Edwards 1986, *Decision Analysis and Behavioral Research*).

Its export button writes the ``[[analysts]]`` block of a profile (top level in
``[analysts.weights]``, each deeper node in ``[analysts.nodes.<id>]``; AHP cells as numbers
and quoted fractions such as ``"1/3"``) into a text area and a downloadable ``.toml`` file.
Nothing leaves the page: no request, no external script, style or font.

This module builds the page's context (plain data; :func:`elicitation_context`) and renders
it with the reports' sandboxed, autoescaping Jinja environment
(:func:`alliancescore.present.reports.render.environment`); labels and ids reach the page
only through autoescaped markup and ``tojson``.

References: Saaty (1980), *The Analytic Hierarchy Process*, McGraw-Hill; Koczkodaj (1993),
"A new definition of consistency of pairwise comparisons", Math. Comput. Modelling 18(7),
79-84; von Winterfeldt & Edwards (1986), Cambridge University Press.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from alliancescore import __version__
from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.mcda.weighting.ahp import RANDOM_INDEX_TABLES
from alliancescore.model.criteria import CriteriaModel, Criterion, load_criteria
from alliancescore.model.profile import Profile, load_profile
from alliancescore.model.weights import resolve_weights
from alliancescore.present.writing import check_destination, write_atomic

__all__ = [
    "ANALYST_ID",
    "SCALE",
    "elicitation_context",
    "render_elicitation",
    "scale_text",
    "write_elicitation",
]

ANALYST_ID = re.compile(r"[a-z0-9_]+")
"""An analyst's id in a profile's ``[[analysts]]`` (lowercase letters, digits, ``_``)."""

# Saaty's fundamental scale (1980, Table 1.1): odd values named, even ones in between.
_VERBAL = {3: "moderately", 5: "strongly", 7: "very strongly", 9: "extremely"}
SCALE: tuple[Fraction, ...] = tuple(
    [Fraction(1, k) for k in range(9, 1, -1)] + [Fraction(k) for k in range(1, 10)]
)
"""The 17 judgments a pair can take, 1/9 .. 9 (``a_ij``: how much more important i is)."""

DEFAULT_THRESHOLD = 0.10
DEFAULT_RI_TABLE = "saaty1980"


def scale_text(value: Fraction) -> str:
    """A judgment as the profile format writes it: ``"3"``, ``"1"`` or ``"1/3"``."""
    return str(value.numerator) if value.denominator == 1 else f"1/{value.denominator}"


def _snap(value: float) -> Fraction:
    """The judgment of :data:`SCALE` nearest ``value`` on a log scale (2.5 -> 3, 0.33 -> 1/3)."""
    return min(SCALE, key=lambda s: abs(math.log(float(s)) - math.log(value)))


def _options(left: str, right: str) -> list[dict[str, str]]:
    """The select's options for the pair (left, right): left 9x more important first."""
    options = []
    for value in reversed(SCALE):
        strength = value if value >= 1 else 1 / value
        k = int(strength)
        who = left if value > 1 else right
        if k == 1:
            text = "equally important (1)"
        elif k in _VERBAL:
            text = f"{who}: {k} ({_VERBAL[k]} more important)"
        else:
            text = f"{who}: {k} (between {_VERBAL.get(k - 1, 'equally')} and {_VERBAL[k + 1]})"
        options.append({"value": scale_text(value), "text": text})
    return options


def _points(shares: Sequence[float]) -> list[float]:
    """Swing points for these shares: the largest 100, none below 0.1 (one decimal)."""
    top = max(shares)
    if top <= 0:
        return [100.0] * len(shares)
    return [max(0.1, round(100.0 * s / top, 1)) for s in shares]


def _walk(model: CriteriaModel) -> list[tuple[Criterion, tuple[str, ...]]]:
    """The nodes to judge, goal first, then depth first in the file's order: every criterion
    with at least two children, with the labels of the nodes above it."""
    found: list[tuple[Criterion, tuple[str, ...]]] = [(model.goal, ())]

    def visit(node: Criterion, above: tuple[str, ...]) -> None:
        for child in node.children:
            if isinstance(child, Criterion):
                if len(child.children) >= 2:
                    found.append((child, above))
                visit(child, (*above, child.label))

    visit(model.goal, ())
    return found


def _profile_starts(
    model: CriteriaModel, profile: Profile
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Starting judgments by node id (``goal`` for the top level) from the profile's weights,
    and notes on what was prefilled: its AHP matrix (snapped to the scale) at the top level,
    else its resolved top-level weights as swing points; swing points for nodes it sets
    ``local`` weights under."""
    spec = profile.weights
    name = Path(profile.path).name
    starts: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    top_ids = [c.id for c in model.criteria]
    if spec.scheme == "ahp" and sorted(spec.ahp_criteria) == sorted(top_ids):
        at = {k: i for i, k in enumerate(spec.ahp_criteria)}
        snapped, judgments = False, {}
        for i, a in enumerate(top_ids):
            for j in range(i + 1, len(top_ids)):
                given = spec.ahp_matrix[at[a]][at[top_ids[j]]]
                judgments[(i, j)] = _snap(given)
                snapped |= not math.isclose(float(judgments[(i, j)]), given, rel_tol=0.02)
        starts["goal"] = {"scheme": "ahp", "judgments": judgments}
        notes.append(
            f"The top level starts from the AHP judgments of {name}"
            + (" (judgments off the 1-9 scale rounded to the nearest step)." if snapped else ".")
        )
    try:
        resolved = resolve_weights(model, spec)
    except AllianceScoreError as error:
        notes.append(f"The weights of {name} could not be read, so none are prefilled: {error}")
        return starts, notes
    if "goal" not in starts and spec.scheme != "criteria_file" and not resolved.provisional:
        shares = [resolved.local[i] for i in top_ids]
        starts["goal"] = {"scheme": "swing", "points": _points(shares)}
        notes.append(
            f"The top level starts from the {spec.scheme} weights of {name} as swing points."
        )
    for node, _ in _walk(model)[1:]:
        if any(c.id in spec.local for c in node.children):
            shares = [resolved.local[c.id] for c in node.children]
            starts[node.id] = {"scheme": "swing", "points": _points(shares)}
            notes.append(f"{node.id}: starts from the local weights of {name} as swing points.")
    return starts, notes


def _node(
    index: int, node: Criterion, above: tuple[str, ...], start: Mapping[str, Any] | None
) -> dict[str, Any]:
    children = [
        {"id": c.id, "label": c.label, "kind": "criterion" if isinstance(c, Criterion) else "leaf"}
        for c in node.children
    ]
    start = start or {}
    judgments = start.get("judgments", {})
    pairs = [
        {
            "i": i,
            "j": j,
            "left": children[i]["label"],
            "right": children[j]["label"],
            "start": scale_text(judgments.get((i, j), Fraction(1))),
            "options": _options(children[i]["label"], children[j]["label"]),
        }
        for i in range(len(children))
        for j in range(i + 1, len(children))
    ]
    points = start.get("points") or [100.0] * len(children)
    for child, p in zip(children, points, strict=True):
        child["points"] = p
    return {
        "index": index,
        "id": node.id,
        "top": index == 0,
        "label": node.label if index else "The top-level criteria",
        "above": list(above),
        "children": children,
        "pairs": pairs,
        "scheme": start.get("scheme", "ahp"),
        "prefilled": bool(start),
    }


def elicitation_context(
    model: CriteriaModel,
    profile: Profile | None = None,
    *,
    analyst_id: str = "analyst",
) -> dict[str, Any]:
    """The page's data: the nodes to judge (goal first), their children and pairs, the
    random-index table, the analyst's defaults, and what was prefilled from ``profile``.

    Without a profile every node starts at AHP with all pairs equal (no anchoring on anyone's
    weights); with one, from its weights where they say something (:func:`_profile_starts`).
    The random-index table and the CR threshold are the profile's (``ri_table``, ``max_cr``),
    else Saaty's 1980 table and 0.10, the defaults of the profile format.
    """
    if not ANALYST_ID.fullmatch(analyst_id):
        raise AllianceScoreError(
            Problem(
                "--analyst-id",
                "an id of lowercase letters, digits and '_' (as [[analysts]] id)",
                repr(analyst_id),
                "Use e.g. --analyst-id regional_desk",
            )
        )
    starts: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    ri_table, threshold = DEFAULT_RI_TABLE, DEFAULT_THRESHOLD
    if profile is not None:
        starts, notes = _profile_starts(model, profile)
        ri_table, threshold = profile.weights.ri_table, profile.weights.max_cr
    nodes = [
        _node(k, node, above, starts.get(node.id)) for k, (node, above) in enumerate(_walk(model))
    ]
    title = f"Weights for {profile.label if profile is not None else model.label or model.id}"
    return {
        "title": title,
        "record": {"version": __version__},
        "criteria": {
            "id": model.id,
            "label": model.label,
            "version": model.version,
            "file": Path(model.path).name,
            "sha256": model.sha256,
        },
        "profile": (
            {"id": profile.id, "label": profile.label, "file": Path(profile.path).name}
            if profile is not None
            else None
        ),
        "notes": notes,
        "nodes": nodes,
        "scale": [scale_text(s) for s in SCALE],
        "analyst": {"id": analyst_id, "label": analyst_id.replace("_", " "), "weight": 1.0},
        # What the script needs, as JSON (labels stay in the markup, escaped there).
        "page": {
            "version": __version__,
            "criteria_sha256": model.sha256,
            "ri_table": ri_table,
            "random_index": {str(n): ri for n, ri in RANDOM_INDEX_TABLES[ri_table].items()},
            "threshold": threshold,
            "nodes": [
                {"id": n["id"], "top": n["top"], "children": [c["id"] for c in n["children"]]}
                for n in nodes
            ],
        },
    }


def render_elicitation(context: Mapping[str, Any]) -> str:
    """The page as one HTML document (the package's ``elicit.html.j2``)."""
    from alliancescore.present.reports.render import _render, environment

    return _render(environment(), "elicit.html.j2", dict(context))


def write_elicitation(
    criteria: str | Path | None,
    out: str | Path,
    *,
    profile: str | Path | None = None,
    analyst_id: str = "analyst",
    data_dir: Path | None = None,
) -> Path:
    """Write the elicitation page for ``criteria`` (default: the ``profile``'s criteria file,
    else the default model) to ``out`` atomically; returns its path. Refuses a destination
    that is an input (the criteria file, the profile) or inside the data folder
    (``data_dir``, default the data set's)."""
    from alliancescore.shipped import default_criteria

    read = load_profile(profile) if profile is not None else None
    path = criteria or (read.criteria_path if read is not None else None) or default_criteria()
    if data_dir is None:
        from alliancescore.data import load

        data_dir = load().root
    target = check_destination(out, [str(path), *([str(profile)] if profile else [])], data_dir)
    model = load_criteria(path)
    html = render_elicitation(elicitation_context(model, read, analyst_id=analyst_id))
    write_atomic(target, html)
    return target
