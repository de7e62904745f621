"""Value functions: map an indicator's raw values onto a 0-1 value scale (1 = best).

Each is registered with its keys declared (:class:`ValueFunctionKind`: unknown keys, required
keys and number types are checked from that declaration, which the criteria format's JSON Schema
also shows) and a builder ``(keys, checker, key, direction) -> ValueFunction`` for the checks
that need several keys at once. The resulting function maps raw values of all alternatives at
once (the default linear function needs them all: its bounds are the alternatives' minimum
and maximum). NaN stays NaN: the indicator's missing-data policy handles it afterwards.

- ``linear``: ``(x - lower) / (upper - lower)`` for a benefit, ``(upper - x) / (upper - lower)``
  for a cost, clipped to [0, 1]; bounds default to the alternatives' min and max. Without
  spread (all equal, or lower = upper) every alternative gets 0.5: no information either way.
- ``over`` (``linear`` and ``log``): where the bounds left out come from. ``"alternatives"``
  (the default): the values the function is applied to, so adding a candidate can move the
  others' values. ``"states"``: every state that could be a candidate of the profile (all
  states of the year but the focal nation and its threat actors, under its screens), which
  the matrix builder measures and fixes with :meth:`ValueFunction.scaled_over`; a coalition
  beyond them is clipped to the scale's end. A candidate's value then does not depend on the
  others listed (min-max against a fixed reference set, as composite indicators do: OECD/JRC,
  *Handbook on Constructing Composite Indicators*, 2008); for a profile of every state without
  coalitions the two coincide.
- ``piecewise``: linear interpolation through ``points = [[x, v], ...]`` (x increasing, v in
  [0, 1]), constant beyond the end points. The v's say what is better and must agree with
  the direction: never falling for a benefit, never rising for a cost.
- ``step``: ``thresholds = [t1, ..., tk]`` increasing and ``values = [v0, ..., vk]``: v0 below
  t1, v_i from t_i up to t_(i+1); the values must agree with the direction, as above.
- ``log``: log-linear between two positive bounds, ``(ln x - ln lower) / (ln upper - ln
  lower)`` for a benefit (one minus that for a cost), clipped to [0, 1]; bounds default to
  the alternatives' smallest positive value and their maximum; a value of 0 or below sits
  below every positive bound (0 for a benefit). Equal ratios count equally: a share of world
  military spending of 3% sits as far above 0.3% as 30% above 3%, so one superpower no longer
  presses every middle power to near 0 as min-max scaling does.
- ``rank``: the alternative's empirical rank among the alternatives with a value,
  ``(r - 1) / (n - 1)`` for a benefit with ``r`` its rank from the lowest (1) to the highest
  (``n``), ties sharing their mean rank (one minus that for a cost; 0.5 when ``n = 1``).
  Only the order counts, never the distances; the values depend on which alternatives are
  scored (adding one can move the others), as for the default linear bounds.
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

from .declare import Key, Reader, Table
from .kinds import Number, Raw, String
from .kinds_registered import Variant
from .schema import Checker

__all__ = [
    "VALUE_FUNCTION",
    "VALUE_FUNCTIONS",
    "ValueFunction",
    "ValueFunctionKind",
    "build_value_function",
    "category_label",
    "mid_ranks",
]


@dataclass(frozen=True)
class ValueFunction:
    """A checked value function: ``apply(raw (n,)) -> values (n,)`` in [0, 1], NaN kept.

    ``over``: where bounds left to the data come from: ``"alternatives"`` (the raw values
    it is applied to) or ``"states"`` (every state of the reference year a candidate could
    be: the caller measures them and fixes the bounds with :meth:`scaled_over`)."""

    kind: str
    params: Mapping[str, Any]
    description: str
    apply: Callable[[np.ndarray], np.ndarray] = field(repr=False, compare=False)
    over: str = "alternatives"
    rebuild: Callable[[dict[str, Any], str], ValueFunction] | None = field(
        default=None, repr=False, compare=False
    )

    def scaled_over(self, reference: np.ndarray, whose: str) -> ValueFunction:
        """This function with the bounds it leaves to the data taken from ``reference``
        (the raw values of the states of ``over = "states"``, NaN ignored) instead of from
        the values it is applied to; ``whose`` names them in the description ("every state
        in 2023 but the focal nation and its threat actors"). Bounds the file sets stay."""
        if self.rebuild is None:
            return self
        finite = reference[np.isfinite(reference)]
        if self.kind == "log":
            finite = finite[finite > 0]
        if not finite.size:  # no state has a value: the alternatives' own, as without
            return self
        params = dict(self.params)
        if params.get("lower") is None:
            params["lower"] = float(finite.min())
        if params.get("upper") is None:
            params["upper"] = float(finite.max())
        if params["upper"] <= params["lower"]:  # no spread among the states either
            return self
        return self.rebuild(params, whose)


Builder = Callable[[dict, Checker, str, str], "ValueFunction | None"]


@dataclass(frozen=True)
class ValueFunctionKind:
    """A registered value function: its keys besides ``type`` (declared, so the checks and
    the JSON Schema follow them) and ``build(values, checker, key, direction)``, given the
    keys as checked."""

    keys: Table
    build: Builder


VALUE_FUNCTIONS: Registry[ValueFunctionKind] = Registry("value function")


def _value_function(name: str, doc: str, *keys: Key) -> Callable[[Builder], Builder]:
    """Register a builder as the value function ``name`` with its declared ``keys``."""

    def decorate(build: Builder) -> Builder:
        VALUE_FUNCTIONS.add(name, ValueFunctionKind(Table(name, doc, keys), build))
        return build

    return decorate


def _build(check: Checker, key: str, kind: str, values: dict, siblings: dict) -> Any:
    direction = siblings.get("direction") or "benefit"
    return VALUE_FUNCTIONS[kind].build(values, check, key, direction)


VALUE_FUNCTION = Variant(
    "value_function",
    "Maps the raw values onto a 0-1 value scale (1 = best); default: linear over the alternatives.",
    selector="type",
    variants=lambda: {name: VALUE_FUNCTIONS[name].keys for name in VALUE_FUNCTIONS},
    build=_build,
    default={"type": "linear"},
    expected='a table such as { type = "linear" }',
)
"""The ``value_function`` key of an indicator, declared once for the criteria format and for
:func:`build_value_function`."""

_NUMBER_PAIRS = {
    "type": "array",
    "minItems": 2,
    "items": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "number"}},
}
_NUMBERS = {"type": "array", "minItems": 1, "items": {"type": "number"}}
_UNIT_NUMBERS = {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1}}


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


_OVER = String(
    "over",
    'Where the bounds left out come from: "alternatives" (the scored alternatives\' '
    'values: adding a candidate can move the others\') or "states" (every state of the '
    "reference year that could be a candidate, under the profile's screens: a candidate's "
    "value does not depend on which others are listed).",
    choices=("alternatives", "states"),
    default="alternatives",
)


@_value_function(
    "linear",
    "Linear between two bounds, clipped to [0, 1].",
    Number("lower", "The raw value worth 0 (a benefit) or 1 (a cost); default: the minimum."),
    Number("upper", "The raw value worth 1 (a benefit) or 0 (a cost); default: the maximum."),
    _OVER,
)
def _linear(spec: dict, check: Checker, key: str, direction: str) -> ValueFunction | None:
    lower, upper = spec["lower"], spec["upper"]
    if lower is not None and upper is not None and upper <= lower:
        check.add(f"{key}.upper", f"a number above lower = {lower:g}", repr(upper))
        return None
    return _linear_function(lower, upper, direction, spec.get("over") or "alternatives")


def _linear_function(
    lower: float | None, upper: float | None, direction: str, over: str, whose: str = ""
) -> ValueFunction:
    """The linear function between ``lower`` and ``upper`` (``None``: the data's min or
    max); ``whose``: the states the bounds were taken from, when :meth:`scaled_over` did."""

    def apply(x: np.ndarray) -> np.ndarray:
        finite = x[np.isfinite(x)]
        lo = lower if lower is not None else (finite.min() if finite.size else 0.0)
        hi = upper if upper is not None else (finite.max() if finite.size else 0.0)
        if hi <= lo:
            return np.where(np.isnan(x), np.nan, 0.5)
        v = np.clip((x - lo) / (hi - lo), 0.0, 1.0)
        return v if direction == "benefit" else 1.0 - v

    bounds = _bounds_text(lower, upper, over, whose, ("min", "min"))
    return _bounded("linear", "linear", lower, upper, direction, over, bounds, apply)


@_value_function(
    "log",
    "Log-linear between two positive bounds, clipped to [0, 1].",
    Number(
        "lower",
        "The raw value worth 0 (a benefit) or 1 (a cost), above 0; default: the smallest "
        "positive value.",
        positive=True,
    ),
    Number(
        "upper",
        "The raw value worth 1 (a benefit) or 0 (a cost), above 0; default: the maximum.",
        positive=True,
    ),
    _OVER,
)
def _log(spec: dict, check: Checker, key: str, direction: str) -> ValueFunction | None:
    lower, upper = spec["lower"], spec["upper"]
    if lower is not None and upper is not None and upper <= lower:
        check.add(f"{key}.upper", f"a number above lower = {lower:g}", repr(upper))
        return None
    return _log_function(lower, upper, direction, spec.get("over") or "alternatives")


def _log_function(
    lower: float | None, upper: float | None, direction: str, over: str, whose: str = ""
) -> ValueFunction:
    """The log-linear function between ``lower`` and ``upper`` (``None``: the data's
    smallest positive value or max); ``whose`` as for :func:`_linear_function`."""

    def apply(x: np.ndarray) -> np.ndarray:
        positive = x[np.isfinite(x) & (x > 0)]
        lo = lower if lower is not None else (positive.min() if positive.size else 0.0)
        finite = x[np.isfinite(x)]
        hi = upper if upper is not None else (finite.max() if finite.size else 0.0)
        if lo <= 0 or hi <= lo:
            return np.where(np.isnan(x), np.nan, 0.5)
        with np.errstate(divide="ignore", invalid="ignore"):
            logged = np.where(x > 0, np.log(np.where(x > 0, x, 1.0)), -np.inf)
        v = np.clip((logged - np.log(lo)) / (np.log(hi) - np.log(lo)), 0.0, 1.0)
        v = np.where(np.isnan(x), np.nan, v)
        return v if direction == "benefit" else 1.0 - v

    bounds = _bounds_text(lower, upper, over, whose, ("smallest positive value", "min > 0"))
    return _bounded("log", "log-linear", lower, upper, direction, over, bounds, apply)


def _bounds_text(
    lower: float | None, upper: float | None, over: str, whose: str, low: tuple[str, str]
) -> str:
    """How a linear or log function's bounds read: fixed from ``whose`` states, left to
    the data (``low``: the lower bound's name in full and short), or as the file sets them."""
    if whose:
        return f"between {lower:.4g} and {upper:.4g} (bounds from {whose})"
    if lower is None and upper is None:
        if over == "states":
            return f"between the {low[0]} and max of every state that could be a candidate"
        return f"between the alternatives' {low[0]} and max"
    text = (
        f"between {lower if lower is not None else low[1]} and "
        f"{upper if upper is not None else 'max'}"
    )
    return text + (
        " (bounds left out: every state that could be a candidate)" if over == "states" else ""
    )


def _bounded(
    kind: str,
    words: str,
    lower: float | None,
    upper: float | None,
    direction: str,
    over: str,
    bounds: str,
    apply: Callable[[np.ndarray], np.ndarray],
) -> ValueFunction:
    """A linear or log :class:`ValueFunction`; with ``over = "states"`` it can be remade with
    the bounds the matrix builder fixes (:meth:`ValueFunction.scaled_over`)."""
    remake = {"linear": _linear_function, "log": _log_function}[kind]
    return ValueFunction(
        kind,
        {"lower": lower, "upper": upper, **({"over": over} if over == "states" else {})},
        f"{words} {bounds} ({direction})",
        apply,
        over,
        (lambda params, whose: remake(params["lower"], params["upper"], direction, over, whose))
        if over == "states"
        else None,
    )


def mid_ranks(x: np.ndarray) -> np.ndarray:
    """Ranks of the finite entries of ``x`` from 1 (lowest), ties sharing their mean rank;
    NaN stays NaN."""
    out = np.full(x.shape, np.nan)
    finite = np.isfinite(x)
    if not finite.any():
        return out
    _, inverse, counts = np.unique(x[finite], return_inverse=True, return_counts=True)
    starts = np.cumsum(counts) - counts  # ranks below each distinct value
    out[finite] = (starts + (counts + 1) / 2.0)[inverse]
    return out


@_value_function("rank", "The empirical rank among the alternatives, ties sharing their mean.")
def _rank(spec: dict, check: Checker, key: str, direction: str) -> ValueFunction | None:
    def apply(x: np.ndarray) -> np.ndarray:
        ranks = mid_ranks(np.asarray(x, dtype=np.float64))
        n = int(np.isfinite(ranks).sum())
        if n <= 1:
            return np.where(np.isnan(ranks), np.nan, 0.5)
        v = (ranks - 1.0) / (n - 1.0)
        return v if direction == "benefit" else 1.0 - v

    return ValueFunction(
        "rank", {}, f"rank among the alternatives, ties at their mean ({direction})", apply
    )


@_value_function(
    "piecewise",
    "Linear interpolation through points, constant beyond the end points.",
    Raw(
        "points",
        "[[x, value], ...]: x strictly increasing, values in [0, 1] agreeing with the direction.",
        required=True,
        json=_NUMBER_PAIRS,
        words="list of [x, value] pairs",
    ),
)
def _piecewise(spec: dict, check: Checker, key: str, direction: str) -> ValueFunction | None:
    points = spec["points"]
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


@_value_function(
    "step",
    "Constant between thresholds: values[0] below thresholds[0], values[i] from thresholds[i].",
    Raw(
        "thresholds",
        "[t1, ..., tk], strictly increasing.",
        required=True,
        json=_NUMBERS,
        words="list of numbers",
    ),
    Raw(
        "values",
        "[v0, ..., vk], one more than thresholds, in [0, 1], agreeing with the direction.",
        required=True,
        json=_UNIT_NUMBERS,
        words="list of numbers in [0, 1]",
    ),
)
def _step(spec: dict, check: Checker, key: str, direction: str) -> ValueFunction | None:
    thresholds, values = spec["thresholds"], spec["values"]
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


@_value_function(
    "categorical",
    "A value per category (the raw value as written, whole numbers without '.0').",
    Raw(
        "map",
        'Category -> value in [0, 1], e.g. { "0" = 0, "1" = 1 }.',
        required=True,
        json={
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1},
        },
        words="table of values in [0, 1] by category",
    ),
)
def _categorical(spec: dict, check: Checker, key: str, direction: str) -> ValueFunction | None:
    mapping = spec["map"]
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
    """The value function described by ``spec`` (``None``: linear over the alternatives),
    checked against its declared keys; problems go to ``check`` under ``key``."""
    reader = Reader(check)
    if spec is None:
        return VALUE_FUNCTION.read_value(reader, key, {"type": "linear"}, {"direction": direction})
    return VALUE_FUNCTION.read_value(reader, key, spec, {"direction": direction})
