"""Builders of the tables about single nations: state lists, capitals and nation-year values
(see :mod:`alliancescore.data.builders_common` for the rules they share)."""

from __future__ import annotations

import pandas as pd

from alliancescore.data.builders_common import (
    BuildContext,
    expand_years,
    keep_states,
    line_numbers,
    map_name_column,
    monadic_from_cow,
    split_spells,
)
from alliancescore.data.schema import FIRST_YEAR
from alliancescore.errors import AllianceScoreError, Problem

__all__ = [
    "build_gdp_sdp",
    "build_gdp_wb",
    "build_majors",
    "build_nmc",
    "build_nuclear",
    "build_sipri_milex",
    "build_states",
    "build_uds",
    "build_unga",
    "build_vdem",
    "build_warheads",
]


def build_states(ctx: BuildContext) -> pd.DataFrame:
    """COW and GW membership spells; also sets ``ctx.existence`` (iso3, year) for filtering."""
    parts = []
    for system, file, code_col, list_end in (
        ("cow", "cow_system_2016.csv", "ccode", "2016-12-31"),
        ("gw", "gw_system.csv", "gwcode", "2020-12-31"),
    ):
        raw = ctx.read(file)
        raw = raw[raw["end"] >= f"{FIRST_YEAR}-01-01"]
        spells = split_spells(ctx, "states", file, raw, system, code_col, "start", "end")
        spells["system"] = system
        spells.loc[spells["end"] == list_end, "end"] = None
        parts.append(spells)
    states = pd.concat(parts, ignore_index=True)
    first = states["start"].str[:4].astype(int).clip(lower=FIRST_YEAR)
    last = states["end"].fillna(f"{ctx.max_year}-12-31").str[:4].astype(int)
    years = expand_years(states.assign(_first=first, _last=last), "_first", "_last")
    ctx.existence = years[["iso3", "year"]].drop_duplicates().reset_index(drop=True)
    return states[["iso3", "system", "code", "start", "end"]]


def build_majors(ctx: BuildContext) -> pd.DataFrame:
    file = "cow_majors_2016.csv"
    raw = ctx.read(file)
    raw = raw.assign(
        start=[
            f"{y:04d}-{m:02d}-{d:02d}"
            for y, m, d in zip(raw.styear, raw.stmonth, raw.stday, strict=True)
        ],
        end=[
            f"{y:04d}-{m:02d}-{d:02d}"
            for y, m, d in zip(raw.endyear, raw.endmonth, raw.endday, strict=True)
        ],
    )
    raw = raw[raw["end"] >= f"{FIRST_YEAR}-01-01"]
    spells = split_spells(ctx, "majors", file, raw, "cow", "ccode", "start", "end")
    spells.loc[spells["end"] == "2016-12-31", "end"] = None
    return spells[["iso3", "start", "end"]]


def build_nmc(ctx: BuildContext) -> pd.DataFrame:
    return monadic_from_cow(
        ctx,
        "nmc",
        "cow_nmc_v7_0.csv",
        {"milex": "milex", "milper": "milper", "tpop": "tpop", "cinc": "cinc"},
    )


def build_unga(ctx: BuildContext) -> pd.DataFrame:
    return monadic_from_cow(
        ctx,
        "unga",
        "unga_idealpoints_july2025.csv",
        {"idealpointfp": "idealpointfp", "idealpointall": "idealpointall", "nvotesfp": "nvotesfp"},
    )


def build_vdem(ctx: BuildContext) -> pd.DataFrame:
    out = monadic_from_cow(
        ctx, "vdem", "democracy_cow_states.csv", {"v2x_polyarchy": "v2x_polyarchy"}
    )
    return out[out["v2x_polyarchy"].notna()]


def build_uds(ctx: BuildContext) -> pd.DataFrame:
    out = monadic_from_cow(
        ctx, "uds", "democracy_cow_states.csv", {"euds": "euds", "aeuds": "aeuds"}
    )
    return out[out["euds"].notna() | out["aeuds"].notna()]


def build_gdp_sdp(ctx: BuildContext) -> pd.DataFrame:
    out = monadic_from_cow(
        ctx,
        "gdp_sdp",
        "gdppop_sdp_cow_states.csv",
        {"pwtrgdp": "pwtrgdp", "pwtpop": "pwtpop", "mrgdppc": "mrgdppc"},
    )
    return out[out[["pwtrgdp", "pwtpop", "mrgdppc"]].notna().any(axis=1)]


def _monadic_from_names(
    ctx: BuildContext,
    table: str,
    file: str,
    source: str,
    name_col: str,
    year_col: str,
    columns: dict[str, str],
) -> pd.DataFrame:
    raw = ctx.read(file)
    raw = raw[raw[year_col] >= FIRST_YEAR]
    iso = map_name_column(ctx, table, file, raw, source, name_col, year_col)
    out = pd.DataFrame({"iso3": iso, "year": raw[year_col].astype("int64")})
    for new, old in columns.items():
        out[new] = raw[old]
    out = out[out["iso3"].notna()]
    out = keep_states(ctx, table, out)
    dup = out.duplicated(["iso3", "year"], keep=False)
    if dup.any():
        first = out[dup].iloc[0]
        raise AllianceScoreError(
            Problem(
                f"{file}",
                "one row per nation and year after name matching",
                f"several rows for {first['iso3']} {first['year']}",
                "Bound the names' years in data/files/reference/names.csv",
            )
        )
    return out


def build_gdp_wb(ctx: BuildContext) -> pd.DataFrame:
    out = _monadic_from_names(
        ctx,
        "gdp_wb",
        "worldbank_gdp_current_usd.csv",
        "worldbank",
        "Country Code",
        "Year",
        {"gdp_usd": "Value"},
    )
    return out[out["gdp_usd"].notna()]


def build_nuclear(ctx: BuildContext) -> pd.DataFrame:
    return _monadic_from_names(
        ctx,
        "nuclear",
        "nuclear_weapons_status_bleek_owid.csv",
        "owid_nuclear_status",
        "country_name",
        "year",
        {"status": "nuclear_weapons_status"},
    )


def build_warheads(ctx: BuildContext) -> pd.DataFrame:
    return _monadic_from_names(
        ctx,
        "warheads",
        "nuclear_warhead_stockpiles_fas.csv",
        "fas_stockpiles",
        "country_name",
        "year",
        {"stockpile": "nuclear_weapons_stockpile"},
    )


def build_sipri_milex(ctx: BuildContext) -> pd.DataFrame:
    file = "sipri_milex_2020_2024_subset.csv"
    raw = ctx.read(file)
    iso = map_name_column(ctx, "sipri_milex", file, raw, "sipri_milex", "country", "year")
    aside_values = raw[iso.isna() & raw["value"].notna()]
    if not aside_values.empty:
        line = int(line_numbers(aside_values)[0])
        raise AllianceScoreError(
            Problem(
                f"{file}: line {line}",
                "no values for a set-aside name",
                repr(aside_values["country"].iloc[0]),
            )
        )
    has_iso, has_value = iso.notna(), raw["value"].notna()
    ctx.count(
        "sipri_milex",
        "rows without a value (SIPRI: unavailable)",
        int((has_iso & ~has_value).sum()),
    )
    raw = raw.assign(iso3=iso)[has_iso & has_value]
    flag = raw["flag"].where(raw["flag"].notna(), None)
    wide = []
    for measure, column in (
        ("constant_2023_usd_m", "milex_usd2023m"),
        ("share_of_gdp", "milex_gdp_share"),
    ):
        part = raw[raw["measure"] == measure]
        wide.append(
            pd.DataFrame(
                {
                    "iso3": part["iso3"],
                    "year": part["year"].astype("int64"),
                    column: part["value"].astype(float),
                    f"{column}_flag": flag[part.index],
                }
            ).set_index(["iso3", "year"])
        )
    out = pd.concat(wide, axis=1).reset_index()
    out = keep_states(ctx, "sipri_milex", out)
    return out
