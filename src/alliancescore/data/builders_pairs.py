"""Builders of the tables about pairs of nations and events: alliances, contiguity, rivalries,
disputes, conflicts and arms-supplier shares (rules shared in
:mod:`alliancescore.data.builders_common`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from alliancescore.data.builders_common import (
    BuildContext,
    expand_years,
    line_numbers,
    map_code_column,
    map_name_column,
    resolve_collisions,
    undirected,
    year_runs,
)
from alliancescore.data.schema import ARMS_WINDOW_YEARS, FIRST_YEAR, TABLES
from alliancescore.errors import AllianceScoreError, Problem

__all__ = [
    "build_arms_shares",
    "build_atop",
    "build_contiguity",
    "build_mid_cow",
    "build_mid_gml",
    "build_rivalry_td",
    "build_rivalry_tss",
    "build_ucdp",
]


def build_atop(ctx: BuildContext) -> pd.DataFrame:
    file = "atop_v5_1_ddyr.csv"
    raw = ctx.read(file)
    raw = raw[raw["year"] >= FIRST_YEAR]
    kinds = ["defense", "offense", "neutral", "nonagg", "consul"]
    raw = raw[raw[[f"atop_{k}" for k in kinds]].sum(axis=1) > 0]
    iso_a, p_a = map_code_column(ctx, "atop", file, raw, "cow", "ccode1", "year")
    iso_b, p_b = map_code_column(ctx, "atop", file, raw, "cow", "ccode2", "year")
    frame = pd.DataFrame(
        {
            "iso_a": iso_a,
            "iso_b": iso_b,
            "year": raw["year"],
            "_priority": p_a + p_b,
            **{k: raw[f"atop_{k}"].astype("int64") for k in kinds},
        }
    )
    frame = frame[frame["iso_a"].notna() & frame["iso_b"].notna()]
    frame = resolve_collisions(ctx, "atop", frame, ["iso_a", "iso_b", "year"])
    return year_runs(frame, ["iso_a", "iso_b"], kinds)


def build_contiguity(ctx: BuildContext) -> pd.DataFrame:
    file = "cow_contdir_v3_2.csv"
    raw = ctx.read(file)
    ctx.count(
        "contiguity",
        "conttype 0 spells (added by peacesciencer) dropped",
        int((raw["conttype"] == 0).sum()),
    )
    raw = raw[raw["conttype"] > 0]
    end_year = raw["enddate"].str[:4].astype(int)
    odd = raw[(end_year == 2016) & (raw["enddate"] != "2016-12-01")]
    if not odd.empty:
        raise AllianceScoreError(
            Problem(
                f"{file}: line {line_numbers(odd)[0]}",
                "spells in force at the data's end to end on 2016-12-01",
                repr(odd["enddate"].iloc[0]),
            )
        )
    raw = raw.assign(
        _first=raw["stdate"].str[:4].astype(int).clip(lower=FIRST_YEAR), _last=end_year
    )
    raw = raw[raw["_last"] >= FIRST_YEAR]
    years = expand_years(raw, "_first", "_last")
    iso_a, _ = map_code_column(ctx, "contiguity", file, years, "cow", "ccode1", "year")
    iso_b, _ = map_code_column(ctx, "contiguity", file, years, "cow", "ccode2", "year")
    frame = pd.DataFrame(
        {
            "iso_a": iso_a,
            "iso_b": iso_b,
            "year": years["year"],
            "conttype": years["conttype"].astype("int64"),
        }
    )
    frame = frame[
        frame["iso_a"].notna() & frame["iso_b"].notna() & (frame["iso_a"] != frame["iso_b"])
    ]
    frame = undirected(frame)
    frame = frame.groupby(["iso_a", "iso_b", "year"], as_index=False)["conttype"].min()
    runs = year_runs(frame, ["iso_a", "iso_b"], ["conttype"])
    runs["last_year"] = runs["last_year"].astype("Int64")
    runs.loc[runs["last_year"] == 2016, "last_year"] = pd.NA
    return runs


def _rivalries(
    ctx: BuildContext,
    table: str,
    file: str,
    raw: pd.DataFrame,
    start: str,
    end: str,
    ongoing: int,
    values: list[str],
) -> pd.DataFrame:
    raw = raw[raw[end] >= FIRST_YEAR]
    raw = raw.assign(_first=raw[start].clip(lower=FIRST_YEAR), _last=raw[end])
    years = expand_years(raw, "_first", "_last")
    iso_a, _ = map_code_column(ctx, table, file, years, "cow", "ccode1", "year")
    iso_b, _ = map_code_column(ctx, table, file, years, "cow", "ccode2", "year")
    frame = years.assign(iso_a=iso_a, iso_b=iso_b)
    frame = undirected(frame[frame["iso_a"].notna() & frame["iso_b"].notna()])
    frame = frame.assign(_start=frame[start], _end=frame[end])
    runs = year_runs(
        frame, ["rivalry_id", "iso_a", "iso_b"], ["rivalry", "_start", "_end", *values]
    )
    runs["first_year"] = np.where(
        runs["first_year"] == runs["_start"].clip(lower=FIRST_YEAR),
        runs["_start"],
        runs["first_year"],
    )
    runs["last_year"] = runs["last_year"].astype("Int64")
    runs.loc[(runs["last_year"] == ongoing) & (runs["_end"] == ongoing), "last_year"] = pd.NA
    return runs.drop(columns=["_start", "_end"])


def build_rivalry_tss(ctx: BuildContext) -> pd.DataFrame:
    file = "rivalries_thompson_sakuwa_suhas_2021.csv"
    raw = ctx.read(file)
    flags = ["positional", "spatial", "ideological", "interventionary", "principal", "aprin"]
    raw = raw.rename(columns={"tssr_id": "rivalry_id"})
    for flag in flags:  # the source marks a type with 1 and leaves it empty otherwise
        raw[flag] = raw[flag].fillna(0).astype("int64")
    return _rivalries(ctx, "rivalry_tss", file, raw, "start", "end", 2020, flags)


def build_rivalry_td(ctx: BuildContext) -> pd.DataFrame:
    file = "rivalries_thompson_dreyer_2012.csv"
    raw = ctx.read(file)
    raw = raw.rename(columns={"rivalryno": "rivalry_id", "rivalryname": "rivalry"})
    types = raw[["type1", "type2", "type3"]].apply(
        lambda row: ";".join(str(t) for t in row if isinstance(t, str) and t), axis=1
    )
    raw = raw.assign(types=types.where(types != "", None))
    return _rivalries(ctx, "rivalry_td", file, raw, "styear", "endyear", 2010, ["types"])


def _dyad_fatality(first: pd.Series, second: pd.Series, dispute: pd.Series) -> pd.Series:
    """A dyad's fatality level from its two participants' own (MID ``fatality1``/``2``): the
    higher known level; where neither is known, or the one known is 0, the dispute's own
    level if that is 0 (no deaths in the whole dispute), else -9 (unknown)."""
    known = pd.concat([first, second], axis=1).where(lambda f: f != -9)
    level = known.max(axis=1)
    unknown = level.isna() | ((level == 0) & known.isna().any(axis=1))
    level = level.where(~unknown, np.where(dispute == 0, 0, -9))
    return level.astype("int64")


def _mids(ctx: BuildContext, table: str, file: str, onset: str) -> pd.DataFrame:
    """A MID dyad-year table. The sources' ``hostlev`` and ``fatality`` are the whole
    dispute's (one value per dispute: the highest any participant reached); the dyad's are
    taken from its two participants' own levels (``hostlev1``/``2``, ``fatality1``/``2``), so
    a state that only showed force in a dispute where others fought is not read as using
    force (Russia against the United States in MID 4691, 2013: 3, not 4)."""
    raw = ctx.read(file)
    raw = raw[raw["year"] >= FIRST_YEAR]
    iso_a, _ = map_code_column(ctx, table, file, raw, "cow", "ccode1", "year")
    iso_b, _ = map_code_column(ctx, table, file, raw, "cow", "ccode2", "year")
    frame = pd.DataFrame(
        {
            "dispnum": raw["dispnum"],
            "iso_a": iso_a,
            "iso_b": iso_b,
            "year": raw["year"],
            "hostlev": raw[["hostlev1", "hostlev2"]].max(axis=1),
            "fatality": _dyad_fatality(raw["fatality1"], raw["fatality2"], raw["fatality"]),
            "onset": raw[onset],
        }
    )
    frame = undirected(frame[frame["iso_a"].notna() & frame["iso_b"].notna()])
    before = len(frame)
    frame = frame.groupby(["dispnum", "iso_a", "iso_b", "year"], as_index=False).agg(
        hostlev=("hostlev", "max"), fatality=("fatality", "max"), onset=("onset", "max")
    )
    ctx.count(
        table,
        "rows merged: the source lists each undirected dyad in both orders",
        before - len(frame),
    )
    return frame


def build_mid_cow(ctx: BuildContext) -> pd.DataFrame:
    return _mids(ctx, "mid_cow", "cow_mid5_ddy.csv", "cowmidonset")


def build_mid_gml(ctx: BuildContext) -> pd.DataFrame:
    return _mids(ctx, "mid_gml", "gml_mid_2_2_1_ddy.csv", "gmlmidonset")


_UCDP_TYPES = {
    "extrasystemic": "extrasystemic",
    "interstate": "interstate",
    "intrastate": "intrastate",
    "II": "internationalized",
}


def build_ucdp(ctx: BuildContext) -> pd.DataFrame:
    file = "ucdp_acd_conflict_years.csv"
    raw = ctx.read(file)
    raw = raw[raw["year"] >= FIRST_YEAR]
    unknown = sorted(set(raw["type_of_conflict"]) - set(_UCDP_TYPES))
    if unknown:
        raise AllianceScoreError(
            Problem(file, f"conflict types {sorted(_UCDP_TYPES)}", repr(unknown))
        )
    parts = []
    for column, side, role in (
        ("gwno_a", "A", "primary"),
        ("gwno_a_2nd", "A", "secondary"),
        ("gwno_b", "B", "primary"),
        ("gwno_b_2nd", "B", "secondary"),
    ):
        cells = raw[column].dropna().astype(str).str.split(",").explode().str.strip()
        cells = cells[cells != ""]
        part = raw.loc[
            cells.index,
            ["conflict_id", "year", "type_of_conflict", "intensity_level", "incompatibility"],
        ].copy()
        part["code"] = pd.to_numeric(cells).astype("int64").to_numpy()
        part["side"], part["role"] = side, role
        parts.append(part)
    long = _read_capital_holders(ctx, pd.concat(parts))
    iso, _ = map_code_column(ctx, "ucdp", file, long, "gw", "code", "year")
    long = long.assign(iso3=iso.to_numpy())
    long = long[long["iso3"].notna()]
    frame = pd.DataFrame(
        {
            "conflict_id": long["conflict_id"],
            "year": long["year"],
            "iso3": long["iso3"],
            "side": long["side"],
            "role": long["role"],
            "type": long["type_of_conflict"].map(_UCDP_TYPES),
            "intensity": long["intensity_level"],
            "incompatibility": long["incompatibility"],
        }
    )
    before = len(frame)
    frame = frame.drop_duplicates(["conflict_id", "year", "iso3", "side", "role"])
    ctx.count(
        "ucdp",
        "duplicate participations (source has one row per secondary party)",
        before - len(frame),
    )
    return frame


def _read_capital_holders(ctx: BuildContext, long: pd.DataFrame) -> pd.DataFrame:
    """UCDP's government party read as the state only where it is the recognised government.

    UCDP's government of a state is the party holding its capital; every other table reads
    the state as its recognised government (UN seat, treaties, arms imports). Where the two
    part, ``reference/ucdp_capital_holders.csv`` lists the conflicts in which the code is
    the capital holder's (Yemen from 2015: the Houthi authorities in Sanaa), since both
    share one code. In a listed conflict the holder's participations are not the state's.
    In its war over the government (``war_over_government``) the recognised government is
    the primary party UCDP puts on side B (Yemen's "Forces of Hadi", for whom the Saudi-led
    coalition fights): it is added as the state, and the sides are swapped so that side A
    stays the government side the measures read (``Dataset.wars_at_home``).
    """
    holders = ctx.reference_frame("ucdp_capital_holders")
    for holder in holders.itertuples(index=False):
        last = ctx.max_year if pd.isna(holder.last_year) else int(holder.last_year)
        listed = (
            long["year"].between(int(holder.first_year), last)
            & (long["conflict_id"] == int(holder.conflict_id))
        ).to_numpy()
        held = listed & (long["code"] == int(holder.gw)).to_numpy()
        added = long.iloc[0:0]
        if holder.reading == "war_over_government":
            # the holder's side-A rows, kept on side A, stand for the recognised government
            primary_a = ((long["side"] == "A") & (long["role"] == "primary")).to_numpy()
            added = long[held & primary_a]
            swapped = long["side"].map({"A": "B", "B": "A"})
            long = long.assign(side=np.where(listed, swapped, long["side"]))
        long = pd.concat([long[~held], added], ignore_index=True)
        ctx.count(
            "ucdp",
            f"participations of the capital holder read as not {holder.iso3} "
            "(reference/ucdp_capital_holders.csv)",
            int(held.sum()) - len(added),
        )
    return long


def build_arms_shares(ctx: BuildContext) -> pd.DataFrame:
    file = "sipri_arms_transfers_dyad_order_year_1950_2024.csv"
    raw = ctx.read(file)
    supplier = map_name_column(
        ctx, "arms_shares", file, raw, "sipri_arms", "supplier", "order_year", count=False
    )
    recipient = map_name_column(
        ctx, "arms_shares", file, raw, "sipri_arms", "recipient", "order_year", count=False
    )
    # a row with both parties set aside counts once
    aside = int((pd.isna(supplier) | pd.isna(recipient)).sum())
    ctx.count("arms_shares", "rows with a set-aside sipri_arms name", aside)
    frame = pd.DataFrame(
        {
            "recipient": recipient,
            "supplier": supplier,
            "order_year": raw["order_year"],
            "tiv": raw["tiv_order"],
        }
    )
    frame = frame[frame["recipient"].notna() & frame["supplier"].notna()]
    frame = frame.groupby(["recipient", "supplier", "order_year"], as_index=False)["tiv"].sum()
    last = int(frame["order_year"].max())
    windows = []
    for lag in range(ARMS_WINDOW_YEARS):
        windows.append(frame.assign(end_year=frame["order_year"] + lag))
    stacked = pd.concat(windows)
    stacked = stacked[
        (stacked["end_year"] <= last) & (stacked["end_year"] >= TABLES["arms_shares"].first_year)
    ]
    sums = stacked.groupby(["recipient", "end_year", "supplier"], as_index=False)["tiv"].sum()
    totals = sums.groupby(["recipient", "end_year"])["tiv"].transform("sum")
    sums = sums[totals > 0].assign(share=sums["tiv"] / totals)
    kept = sums[sums["share"] >= 0.00005]
    ctx.count("arms_shares", "supplier shares below 0.00005 dropped", len(sums) - len(kept))
    return kept[["recipient", "supplier", "end_year", "share"]]
