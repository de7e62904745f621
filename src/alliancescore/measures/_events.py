"""Hostile events between states in a trailing window: MID disputes, then UCDP conflicts.

Private to :mod:`alliancescore.measures`: the one rule by which the dispute measures
(``threat_disputes``, ``entrapment_risk``, ``hostility_to_focal``) read events past the end of
the militarized-dispute data, so that they cannot drift apart.

**The rule (MID, then UCDP).** The window is ``W = [Y - window_years + 1, Y]``.

* Years of ``W`` up to the MID table's last year (COW MID 5.0: 2014; GML: 2010): distinct
  militarized interstate disputes with a dyad-year in those years (optionally only dyad-years
  at or above a hostility level: 2 threat, 3 display, 4 use of force, 5 war).
* With ``after_mid = "ucdp"``, years of ``W`` after that: distinct UCDP/PRIO armed conflicts
  in which the two states fought on opposite sides in the same year (each as a primary or a
  secondary, supporting party; any conflict type: interstate, or a civil war in which one
  state backs the government and the other the rebels).

The two sources are not the same event: a MID includes threats and displays of force and
needs no deaths, a UCDP conflict needs 25 battle deaths in a year. The successor therefore
sees fewer events than MID did (UCDP holds about eight interstate conflicts after 2014), and
counts across the switch are not comparable: a measure using the successor says so in its
note, which names the source and years of each part. ``min_hostility = 4`` (use of force)
brings the MID part closer to UCDP's threshold. Nothing is spliced silently: every value's
record lists both uses with their years.

**Staleness.** With the successor the window's last covered year is UCDP's (to 2024, stale
after 3 years); without it MID's (stale 5 years after 2014, i.e. from 2020, as before).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from alliancescore.data import TABLES
from alliancescore.data.provenance import Use
from alliancescore.params import Options, Whole

from ._common import window_note, window_use
from .base import MeasureContext

__all__ = ["AFTER_MID", "HOSTILITY", "Events", "hostile_events"]

AFTER_MID = Options(("none", "ucdp"))
HOSTILITY = Whole(1, 5, text="a MID hostility level 1-5 (2 threat, 3 display, 4 use of force)")


@dataclass(frozen=True)
class Events:
    """Hostile events of a window as directed pairs, with their records.

    pairs : directed rows (``state``, ``other``, ``event``), one per pair, direction and
        event; ``event`` is ``"<table>:<id>"`` (a MID dispute number or a UCDP conflict id),
        so events of both sources count apart.
    uses : the records of the parts read (MID years, UCDP years), or why none.
    stale, usable : the window is stale (values missing) / has data and is not stale.
    note : the window and the source of each part, for the measure's note (without the MID
        successor, :func:`~alliancescore.measures._common.window_note` as before).
    """

    pairs: pd.DataFrame
    uses: tuple[Use, ...]
    stale: bool
    usable: bool
    note: str


def _mid_part(ctx: MeasureContext, table: str, first: int, last: int, level: int) -> pd.DataFrame:
    rows = ctx.data.dispute_pairs(first, last, table, level)
    return pd.DataFrame(
        {
            "state": rows["state"],
            "other": rows["other"],
            "event": f"{table}:" + rows["dispnum"].astype(str),
        }
    )


def _ucdp_part(ctx: MeasureContext, first: int, last: int) -> pd.DataFrame:
    rows = ctx.data.conflict_pairs(first, last, same_side=False)
    return pd.DataFrame(
        {
            "state": rows["state"],
            "other": rows["other"],
            "event": "ucdp:" + rows["conflict_id"].astype(str),
        }
    )


def hostile_events(
    ctx: MeasureContext,
    window_years: int,
    mid_table: str,
    after_mid: str = "none",
    min_hostility: int = 1,
) -> Events:
    """The hostile events of the trailing window ending at ``ctx.year`` (module docstring)."""
    mid = ctx.data.event_window(mid_table, ctx.year, window_years)
    level = f" (hostility level >= {min_hostility})" if min_hostility > 1 else ""
    mid_last = TABLES[mid_table].last_year
    empty = pd.DataFrame({"state": [], "other": [], "event": []}, dtype=object)
    if after_mid == "none" or ctx.year <= mid_last:
        pairs = (
            empty if mid.covered is None else _mid_part(ctx, mid_table, *mid.covered, min_hostility)
        )
        note = window_note(mid) + (f"; MID{level}" if level else "")
        return Events(pairs, (window_use(mid),), mid.stale, mid.usable, note)
    start = max(mid.first, mid_last + 1)
    ucdp = ctx.data.event_window("ucdp", ctx.year, ctx.year - start + 1)
    parts, uses = [], []
    head = f"window {mid.first}-{mid.last} ({mid.years} years ending at {mid.last})"
    texts = []
    if mid.covered is not None:
        parts.append(_mid_part(ctx, mid_table, *mid.covered, min_hostility))
        uses.append(Use(mid_table, years=mid.covered))
        texts.append(f"{mid_table} disputes{level} {mid.covered[0]}-{mid.covered[1]}")
    if ucdp.covered is not None:
        parts.append(_ucdp_part(ctx, *ucdp.covered))
        texts.append(
            f"ucdp conflicts on opposite sides {ucdp.covered[0]}-{ucdp.covered[1]} "
            f"(replacing {mid_table}, which ends in {mid_last})"
        )
    else:
        texts.append(f"ucdp covers none of {start}-{ctx.year}")
    uses.append(window_use(ucdp))
    pairs = pd.concat(parts, ignore_index=True) if parts else empty
    note = f"{head}: " + "; ".join(texts) + (", stale" if ucdp.stale else "")
    return Events(pairs, tuple(uses), ucdp.stale, ucdp.usable, note)
