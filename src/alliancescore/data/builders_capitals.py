"""The capitals table: dated capital spells, corrected by hand and cross-checked against CEPII.

Steps (each failure stops the build with the file and line to look at):

1. Gleditsch-Ward capital spells where a nation has them, COW spells otherwise, each code's
   spells clipped to the years the code maps to the nation; single-cell source errors are
   corrected on read by ``reference/errata.csv`` (Brasilia, Riyadh and Tunis sit at their
   countries' centroids in both source files).
2. Spells the sources lack are added from ``reference/capital_additions.csv`` (Dar es Salaam
   before Dodoma).
3. Overlapping spells of one capital are merged; overlapping spells of two capitals fail.
4. Every spell is compared with CEPII's capital for the nation (``cepii_geo_cepii.csv``, the
   row with ``cap`` = 1; CEPII's old codes ROM, ZAR and TMP through ``names.csv``, source
   ``cepii_geo``). A spell more than :data:`CHECK_KM` km from it, or without a CEPII row, must
   have a row in ``reference/capital_checks.csv`` with the distance found (to 1 km), a
   verdict and a reason; a row for a spell that now agrees, or for no spell, fails too.

CEPII's file is undated (its capitals are those of the 2000s) and has errors of its own
(Wellington, Apia, Bogota, Conakry; its Tanzania capital row names Dar es Salaam with Dodoma's
coordinates), so neither source is taken as right by rule: each disagreement is decided by
hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alliancescore.data.builders_common import BuildContext, split_spells
from alliancescore.data.geo import great_circle_km
from alliancescore.data.schema import FIRST_YEAR
from alliancescore.errors import AllianceScoreError, Problem

__all__ = ["CEPII_FILE", "CHECK_KM", "build_capitals", "cepii_capitals", "cross_check"]

CHECK_KM = 25.0
"""A capital more than this far from CEPII's needs a decision by hand."""

CEPII_FILE = "cepii_geo_cepii.csv"
_CHECKS = "data/files/reference/capital_checks.csv"


def build_capitals(ctx: BuildContext) -> pd.DataFrame:
    parts = {}
    for system, file, code_col in (
        ("gw", "gw_capitals.csv", "gwcode"),
        ("cow", "cow_capitals.csv", "ccode"),
    ):
        raw = ctx.read(file)
        raw = raw[raw["enddate"] >= f"{FIRST_YEAR}-01-01"]
        spells = split_spells(ctx, "capitals", file, raw, system, code_col, "stdate", "enddate")
        source_rows = ctx.read(file).iloc[spells["_line"].to_numpy() - 2]
        spells["capital"] = source_rows["capital"].to_numpy()
        spells["lat"] = source_rows["lat"].to_numpy()
        spells["lng"] = source_rows["lng"].to_numpy()
        parts[system] = spells
    gw = parts["gw"]
    cow = parts["cow"][~parts["cow"]["iso3"].isin(set(gw["iso3"]))]
    ctx.count(
        "capitals",
        "COW capital spells not used (nation has Gleditsch-Ward spells)",
        len(parts["cow"]) - len(cow),
    )
    added = ctx.reference_frame("capital_additions")
    added = added.assign(_line=-(np.arange(len(added)) + 2))  # negative: not a source line
    capitals = pd.concat(
        [gw, cow, added[["iso3", "capital", "start", "end", "lat", "lng", "_line"]]],
        ignore_index=True,
    )
    capitals = capitals[capitals["end"].fillna("9999-12-31") >= f"{FIRST_YEAR}-01-01"]
    capitals.loc[capitals["end"] == "2024-12-31", "end"] = None
    merged = _merge_capital_spells(capitals.sort_values(["iso3", "start", "_line"]))
    cross_check(merged, cepii_capitals(ctx), ctx.reference_frame("capital_checks"))
    return merged


def _merge_capital_spells(capitals: pd.DataFrame) -> pd.DataFrame:
    """One spell per nation and period: overlapping spells of the same capital are merged.

    The same capital can reach a nation through two codes (Serbia's Belgrade via GW 340 and, in
    UCDP's usage, GW 345); the earlier spell's coordinates are kept. Overlapping spells of two
    different capitals are an error.
    """
    merged: list[dict[str, object]] = []
    problems = []
    for row in capitals.to_dict("records"):
        row["end"] = None if pd.isna(row["end"]) else row["end"]
        last = merged[-1] if merged else None
        if (
            last is not None
            and last["iso3"] == row["iso3"]
            and (last["end"] is None or row["start"] <= last["end"])
        ):
            if last["capital"] != row["capital"]:
                problems.append(
                    Problem(
                        "capitals",
                        f"one capital at a time for {row['iso3']}",
                        f"{last['capital']} and {row['capital']} overlapping",
                    )
                )
                continue
            if last["end"] is not None and (row["end"] is None or row["end"] > last["end"]):
                last["end"] = row["end"]
            continue
        merged.append(dict(row))
    if problems:
        raise AllianceScoreError(problems)
    frame = pd.DataFrame(merged)
    return frame[["iso3", "capital", "start", "end", "lat", "lng"]]


def cepii_capitals(ctx: BuildContext) -> pd.DataFrame:
    """CEPII's capital per nation (the ``cap`` = 1 row), indexed by the data set's ISO3.

    CEPII's codes are ISO3 except a few old ones, mapped by ``names.csv`` (source
    ``cepii_geo``); codes the data set does not know (territories) are left out, as only the
    data set's nations are looked up.
    """
    raw = ctx.read(CEPII_FILE)
    caps = raw[raw["cap"] == 1]
    names = ctx.crosswalk.names
    renamed = dict(
        zip(
            names.loc[names["source"] == "cepii_geo", "name"],
            names.loc[names["source"] == "cepii_geo", "iso3"],
            strict=True,
        )
    )
    iso = caps["iso3"].map(lambda code: renamed.get(code, code))
    out = pd.DataFrame(
        {
            "city": caps["city_en"].to_numpy(),
            "lat": caps["lat"].astype(float).to_numpy(),
            "lng": caps["lon"].astype(float).to_numpy(),
            "line": caps.index.to_numpy() + 2,
        },
        index=pd.Index(iso.to_numpy(), name="iso3"),
    )
    out = out[out.index.isin(ctx.crosswalk.iso3_codes)]
    if out.index.has_duplicates:
        dup = out.index[out.index.duplicated()][0]
        raise AllianceScoreError(
            Problem(CEPII_FILE, "one capital (cap = 1) per nation", f"several for {dup}")
        )
    return out


def _check_problem(row: dict, expected: str, found: str, hint: str) -> Problem:
    return Problem(
        f"capitals: {row['iso3']} {row['capital']} from {row['start']}", expected, found, hint
    )


def cross_check(capitals: pd.DataFrame, cepii: pd.DataFrame, checks: pd.DataFrame) -> None:
    """Fail unless every spell agrees with CEPII's capital within :data:`CHECK_KM` km or is
    decided in ``reference/capital_checks.csv`` (see the module docstring)."""
    decided = {(r["iso3"], r["start"]): r for r in checks.to_dict("records")}
    used: set[tuple[str, str]] = set()
    problems = []
    for row in capitals.to_dict("records"):
        key = (row["iso3"], row["start"])
        check = decided.get(key)
        if check is not None:
            used.add(key)
        problem = _check_spell(row, cepii, check)
        if problem is not None:
            problems.append(problem)
    for key in sorted(set(decided) - used):
        problems.append(
            Problem(
                _CHECKS,
                "a row for a capital spell of the data set",
                f"{key[0]} from {key[1]}: no such spell",
                "Remove the row or correct its iso3 and start",
            )
        )
    if problems:
        raise AllianceScoreError(problems)


def _check_spell(row: dict, cepii: pd.DataFrame, check: dict | None) -> Problem | None:
    if row["iso3"] not in cepii.index:
        if check is None or check["verdict"] != "no_cepii_row":
            return _check_problem(
                row,
                "a CEPII capital to check against, or a no_cepii_row decision",
                "no CEPII row",
                f"Add a row with verdict no_cepii_row and the reason to {_CHECKS}",
            )
        return None
    ref = cepii.loc[row["iso3"]]
    km = float(great_circle_km(row["lat"], row["lng"], ref["lat"], ref["lng"]))
    found = f"{km:.0f} km from CEPII's {ref['city']} ({CEPII_FILE} line {ref['line']})"
    if km <= CHECK_KM:
        if check is not None:
            return _check_problem(
                row,
                f"no decision for a spell within {CHECK_KM:.0f} km of CEPII's capital",
                f"a decision, but the spell is {found}",
                f"Remove the row from {_CHECKS}",
            )
        return None
    if check is None:
        return _check_problem(
            row,
            f"within {CHECK_KM:.0f} km of CEPII's capital, or a decision by hand",
            found,
            f"Decide which is right: correct the source in errata.csv, or add a row to "
            f"{_CHECKS} (cepii_city {ref['city']!r}, cepii_km {km:.0f}) with the reason",
        )
    recorded = check["cepii_km"]
    if (
        check["verdict"] == "no_cepii_row"
        or pd.isna(recorded)
        or abs(int(recorded) - km) > 1.0
        or check["cepii_city"] != ref["city"]
    ):
        return _check_problem(
            row,
            f"the decision's CEPII city and distance ({check['cepii_city']!r}, "
            f"{recorded} km, verdict {check['verdict']})",
            found,
            "The coordinates changed since the decision: review it",
        )
    return None
