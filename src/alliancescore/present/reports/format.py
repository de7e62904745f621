"""Jinja filters that turn the report context's raw numbers into text.

The context holds plain numbers; every number a reader sees passes through one of these, so
a share never rounds to a false "0.0%" or "100.0%" (it reads "< 0.1%" or "> 99.9%"), a
missing value reads "n/a", and an exact zero stays "0".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from alliancescore.present.output import percent

__all__ = ["FILTERS", "fixed", "number", "pct", "rank", "signed"]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def pct(value: Any) -> str:
    """A share in [0, 1] as a percentage that never rounds to a false 0% or 100%."""
    if _missing(value):
        return "n/a"
    return percent(float(value))


def fixed(value: Any, digits: int = 3) -> str:
    """A score or weight with a fixed number of decimals; a non-zero value that would print
    as zero reads "< 0.001" (or "> -0.001") instead."""
    if _missing(value):
        return "n/a"
    x = float(value)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{x:.{digits}f}"
    if x != 0 and float(text) == 0:
        tiny = f"{10**-digits:.{digits}f}"
        return f"< {tiny}" if x > 0 else f"> −{tiny}"
    return text.replace("-", "−") if x < 0 else text


def signed(value: Any, digits: int = 3) -> str:
    """A change with its sign (``+0.050``, ``−0.020``, ``0``)."""
    if _missing(value):
        return "n/a"
    x = float(value)
    if x == 0:
        return "0"
    text = fixed(x, digits)
    return text if x < 0 else f"+{text}"


def number(value: Any, significant: int = 4) -> str:
    """A raw value in its own units: thousands separated, else ``significant`` digits."""
    if _missing(value):
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    x = float(value)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    if float(x).is_integer() and abs(x) < 1e15:
        text = f"{int(x):,}"
    elif abs(x) >= 10 ** (significant - 1):
        text = f"{x:,.0f}"
    elif abs(x) >= 1e-4:
        text = f"{x:.{significant}g}"
        if "e" in text:  # e.g. 1e+03 for 999.95 rounded up
            text = f"{x:,.0f}"
    else:
        text = f"{x:.{max(1, significant - 1)}e}"
    return text.replace("-", "−")


def rank(value: Any) -> str:
    """A rank (1 = best); missing ranks read "–"."""
    if _missing(value):
        return "–"
    return str(int(value))


def rank_change(before: Any, after: Any) -> str:
    """Movement from one rank to another: ``▲ 2`` (up, better), ``▼ 3``, ``=``."""
    if _missing(before) or _missing(after):
        return ""
    moved = int(before) - int(after)
    if moved == 0:
        return "="
    return f"▲ {moved}" if moved > 0 else f"▼ {-moved}"


FILTERS: dict[str, Callable[..., str]] = {
    "pct": pct,
    "fixed": fixed,
    "signed": signed,
    "number": number,
    "rank": rank,
    "rank_change": rank_change,
}
