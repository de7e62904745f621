"""Value functions: map an indicator's raw values onto a 0-1 value scale (1 = best).

Each is a registered builder ``(spec, checker, key, direction) -> ValueFunction`` that checks
its own parameters from the criteria file; the resulting function maps raw values of all
alternatives at once (the default linear function needs them all: its bounds are the
alternatives' minimum and maximum). NaN stays NaN: the indicator's missing-data policy
handles it afterwards.

- ``linear``: ``(x - lower) / (upper - lower)`` for a benefit, ``(upper - x) / (upper - lower)``
  for a cost, clipped to [0, 1]; bounds default to the alternatives' min and max. Without
  spread (all equal, or lower = upper) every alternative gets 0.5: no information either way.
- ``piecewise``: linear interpolation through ``points = [[x, v], ...]`` (x increasing, v in
  [0, 1]), constant beyond the end points. The v's say what is better and must agree with
  the direction: never falling for a benefit, never rising for a cost.
- ``step``: ``thresholds = [t1, ..., tk]`` increasing and ``values = [v0, ..., vk]``: v0 below
  t1, v_i from t_i up to t_(i+1); the values must agree with the direction, as above.
- ``categorical``: ``map = {"0" = 0.0, "1" = 0.5, "3" = 1.0}`` from category (the raw value as
  written, whole numbers without ".0") to value; a value outside the map is an error naming
  the indicator and the value. Categories have no order, so the map alone says what is
  better; the direction is recorded but cannot be checked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.registry import Registry

from .schema import Checker

__all__ = ["VALUE_FUNCTIONS", "ValueFunction", "category_label"]


@dataclass(frozen=True)
class ValueFunction:
    """A checked value function: ``apply(raw (n,)) -> values (n,)`` in [0, 1], NaN kept."""

    kind: str
    params: Mapping[str, Any]
    description: str
    apply: Callable[[np.ndarray], np.ndarray] = field(repr=False, compare=False)


VALUE_FUNCTIONS: Registry[Callable[[dict, Checker, str, str], ValueFunction | None]] = Registry(
    "value function"
)


_DIRECTION_EXPECTED = {
    "benefit": "values that never fall as the raw value rises (direction = benefit)",
    "cost": "values that never rise as the raw value rises (direction = cost)",
}


def _agrees_with_direction(values: np.ndarray, direction: str) -> bool:
    steps = np.diff(values)
    return bool(np.all(steps >= 0)) if direction == "benefit" else bool(np.all(steps <= 0))


def category_label(x: float) -> str:
    """How a raw value is written as a category key: ``3.0`` -> ``"3"``, ``0.5`` -> ``"0.5"``."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


@VALUE_FUNCTIONS.register("linear")
def _linear(spec: dict, check: Checker, key: str, direction: str) -> ValueFunction | None:
    check.keys(key, spec, ["type", "lower", "upper"])
    lower = check.number(key, spec, "lower", required=False)
    upper = check.number(key, spec, "upper", required=False)
    if lower is not None and upper is not None and upper <= lower:
        check.add(f"{key}.upper", f"a number above lower = {lower:g}", repr(upper))
        return None

    def apply(x: np.ndarray) -> np.ndarray:
        finite = x[np.isfinite(x)]
        lo = lower if lower is not None else (finite.min() if finite.size else 0.0)
        hi = upper if upper is not None else (finite.max() if finite.size else 0.0)
        if hi <= lo:
            return np.where(np.isnan(x), np.nan, 0.5)
        v = np.clip((x - lo) / (hi - lo), 0.0, 1.0)
        return v if direction == "benefit" else 1.0 - v

    bounds = (
        "between the alternatives' min and max"
        if lower is None and upper is None
        else f"between {lower if lower is not None else 'min'} and "
        f"{upper if upper is not None else 'max'}"
    )
    return ValueFunction(
        "linear", {"lower": lower, "upper": upper}, f"linear {bounds} ({direction})", apply
    )


@VALUE_FUNCTIONS.register("piecewise")
def _piecewise(spec: dict, check: Checker, key: str, direction: str) -> ValueFunction | None:
    check.keys(key, spec, ["type", "points"], ["points"])
    points = spec.get("points")
    ok = (
        isinstance(points, list)
        and len(points) >= 2
        and all(
            isinstance(p, list)
            and len(p) == 2
            and all(isinstance(c, int | float) and not isinstance(c, bool) for c in p)
            for p in points
        )
    )
    if not ok:
        check.add(
            f"{key}.points", "at least two [x, value] pairs, e.g. [[0, 0], [10, 1]]", repr(points)
        )
        return None
    xs = np.array([p[0] for p in points], dtype=float)
    vs = np.array([p[1] for p in points], dtype=float)
    if np.any(np.diff(xs) <= 0):
        check.add(f"{key}.points", "x values strictly increasing", f"{xs.tolist()}")
        return None
    if np.any((vs < 0) | (vs > 1)):
        check.add(f"{key}.points", "values between 0 and 1", f"{vs.tolist()}")
        return None
    if not _agrees_with_direction(vs, direction):
        check.add(
            f"{key}.points",
            _DIRECTION_EXPECTED[direction],
            f"values {vs.tolist()}",
            "The values say what is better: make them agree with the indicator's direction",
        )
        return None
    return ValueFunction(
        "piecewise",
        {"points": points},
        f"piecewise linear through {points}",
        lambda x: np.where(np.isnan(x), np.nan, np.interp(x, xs, vs)),
    )


@VALUE_FUNCTIONS.register("step")
def _step(spec: dict, check: Checker, key: str, direction: str) -> ValueFunction | None:
    check.keys(key, spec, ["type", "thresholds", "values"], ["thresholds", "values"])
    thresholds, values = spec.get("thresholds"), spec.get("values")
    numeric = (
        isinstance(thresholds, list)
        and isinstance(values, list)
        and all(isinstance(t, int | float) and not isinstance(t, bool) for t in thresholds)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    )
    if not numeric or len(values) != len(thresholds) + 1 or not thresholds:
        check.add(
            key,
            "thresholds = [t1, ..., tk] and values = [v0, ..., vk] (one more value "
            "than thresholds)",
            f"thresholds {thresholds!r}, values {values!r}",
        )
        return None
    ts, vs = np.array(thresholds, float), np.array(values, float)
    if np.any(np.diff(ts) <= 0) or np.any((vs < 0) | (vs > 1)):
        check.add(
            key,
            "increasing thresholds and values between 0 and 1",
            f"thresholds {ts.tolist()}, values {vs.tolist()}",
        )
        return None
    if not _agrees_with_direction(vs, direction):
        check.add(
            f"{key}.values",
            _DIRECTION_EXPECTED[direction],
            f"{vs.tolist()}",
            "The values say what is better: make them agree with the indicator's direction",
        )
        return None

    return ValueFunction(
        "step",
        {"thresholds": thresholds, "values": values},
        f"step at {thresholds} to {values}",
        lambda x: np.where(np.isnan(x), np.nan, vs[np.searchsorted(ts, x, side="right")]),
    )


@VALUE_FUNCTIONS.register("categorical")
def _categorical(spec: dict, check: Checker, key: str, direction: str) -> ValueFunction | None:
    check.keys(key, spec, ["type", "map"], ["map"])
    mapping = spec.get("map")
    if not isinstance(mapping, dict) or not mapping:
        check.add(
            f"{key}.map", 'a table from category to value, e.g. {"0" = 0, "1" = 1}', repr(mapping)
        )
        return None
    table: dict[str, float] = {}
    for category, value in mapping.items():
        v = check.number_value(f"{key}.map.{category}", value, minimum=0.0, maximum=1.0)
        if v is not None:
            table[str(category)] = v
    where = check.where(key)

    def apply(x: np.ndarray) -> np.ndarray:
        out = np.full(x.shape, np.nan)
        unknown = []
        for i, raw in enumerate(x):
            if np.isnan(raw):
                continue
            label = category_label(raw)
            if label in table:
                out[i] = table[label]
            else:
                unknown.append(label)
        if unknown:
            raise AllianceScoreError(
                Problem(
                    where,
                    f"a category in the map ({', '.join(table)})",
                    f"the value {unknown[0]!r}",
                    "Add it to the map",
                )
            )
        return out

    return ValueFunction("categorical", {"map": dict(table)}, f"categories {table}", apply)


def build_value_function(
    spec: Any, check: Checker, key: str, direction: str
) -> ValueFunction | None:
    """The value function described by ``spec`` (default: linear over the alternatives)."""
    if spec is None:
        spec = {"type": "linear"}
    if not isinstance(spec, dict):
        check.add(key, 'a table such as { type = "linear" }', repr(spec))
        return None
    kind = check.string(key, spec, "type", choices=list(VALUE_FUNCTIONS))
    if kind is None:
        return None
    return VALUE_FUNCTIONS[kind](spec, check, key, direction)
