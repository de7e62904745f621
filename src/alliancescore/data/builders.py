"""One function per built table: read the shared source files, map to ISO3, keep what is needed.

Each ``build_<table>(ctx)`` returns a DataFrame with the columns of
:data:`alliancescore.data.schema.TABLES` ``[<table>]``. Rules shared by all of them:

* codes and names are mapped through the project crosswalk, year by year; a code or name that
  is neither mapped nor set aside in ``data/files/reference/set_aside.csv`` stops the build with an
  error naming the source file and line;
* only years from 1946 are kept (a spell that began earlier keeps its true start);
* nation-year tables keep only years in which the nation was a state (COW or Gleditsch-Ward
  list), which drops back-projections such as World Bank Russia before 1992;
* when two source codes map to one nation in one year (COW 260 and 255 for Germany in 1990),
  the row of the code with the higher crosswalk priority is kept;
* missing values stay missing; counts of everything dropped are recorded in ``ctx.stats``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from alliancescore.data.crosswalk import Crosswalk
from alliancescore.data.schema import ARMS_WINDOW_YEARS, FIRST_YEAR, TABLES
from alliancescore.errors import AllianceScoreError, Problem

__all__ = ["BUILDERS", "BuildContext"]


@dataclass
class BuildContext:
    """What a builder needs: the source folder, the crosswalk and somewhere to count drops."""

    source_dir: Path
    crosswalk: Crosswalk
    stats: dict[str, dict[str, int]] = field(default_factory=dict)
    existence: pd.DataFrame | None = None
    max_year: int = 2100  # open membership spells count as running until this year

    errata: pd.DataFrame | None = None

    def read(self, name: str) -> pd.DataFrame:
        """A source CSV with empty cells as missing (and nothing else, e.g. 'NA' stays text).

        Corrections listed in ``data/files/reference/errata.csv`` for this file are applied;
        each must find the value it expects, or the build fails.
        """
        frame = pd.read_csv(
            self.source_dir / name, keep_default_na=False, na_values=[""], encoding="utf-8"
        )
        if self.errata is None:
            return frame
        for erratum in self.errata[self.errata["file"] == name].itertuples(index=False):
            row = int(erratum.line) - 2
            found = frame.at[row, erratum.column] if 0 <= row < len(frame) else None
            if str(found) != erratum.found:
                raise AllianceScoreError(
                    Problem(
                        f"{name}: line {erratum.line}",
                        f"{erratum.found!r} in column {erratum.column!r} "
                        "(data/files/reference/errata.csv)",
                        repr(found),
                        "The source changed: review the erratum",
                    )
                )
            value = (
                type(found)(erratum.corrected) if not isinstance(found, str) else erratum.corrected
            )
            frame.at[row, erratum.column] = value
        return frame

    def count(self, table: str, reason: str, n: int) -> None:
        if n:
            self.stats.setdefault(table, {})
            self.stats[table][reason] = self.stats[table].get(reason, 0) + int(n)


# ---------------------------------------------------------------------------- mapping helpers
def _line_numbers(frame: pd.DataFrame) -> np.ndarray:
    """Source line of each row (header is line 1), taken from the original index."""
    return frame.index.to_numpy() + 2


def _unmatched_error(
    file: str, kind: str, frame: pd.DataFrame, label_col: str, year_col: str, hint: str
) -> AllianceScoreError:
    problems = []
    lines = _line_numbers(frame)
    seen: dict[str, tuple[int, int, int]] = {}
    for label, year, line in zip(frame[label_col].astype(str), frame[year_col], lines, strict=True):
        low, high, first = seen.get(label, (int(year), int(year), int(line)))
        seen[label] = (min(low, int(year)), max(high, int(year)), min(first, int(line)))
    for label, (low, high, line) in sorted(seen.items()):
        years = f"{low}" if low == high else f"{low}-{high}"
        problems.append(
            Problem(
                f"{file}: line {line}",
                f"a {kind} the crosswalk maps",
                f"{label!r} (years {years})",
                hint,
            )
        )
    return AllianceScoreError(problems)


def map_code_column(
    ctx: BuildContext,
    table: str,
    file: str,
    frame: pd.DataFrame,
    system: str,
    code_col: str,
    year_col: str,
) -> tuple[pd.Series, pd.Series]:
    """ISO3 and priority for a code column; set-aside codes give ``None``; others must map."""
    codes = frame[code_col]
    iso, priority = ctx.crosswalk.map_codes(system, codes.astype("Int64"), frame[year_col])
    unmatched = pd.isna(iso)
    aside = ctx.crosswalk.set_aside_mask(system, codes.astype("Int64").astype(str), frame[year_col])
    bad = unmatched & ~aside
    if bad.any():
        raise _unmatched_error(
            file,
            f"{system.upper()} code",
            frame.loc[bad],
            code_col,
            year_col,
            f"Add the code to data/files/reference/codes.csv or list it in set_aside.csv "
            f"(source {system!r})",
        )
    ctx.count(table, f"rows with a set-aside {system.upper()} code", int(unmatched.sum()))
    return (pd.Series(iso, index=frame.index, dtype=object), pd.Series(priority, index=frame.index))


def map_name_column(
    ctx: BuildContext,
    table: str,
    file: str,
    frame: pd.DataFrame,
    source: str,
    name_col: str,
    year_col: str,
) -> pd.Series:
    """ISO3 for a name column of ``source``; set-aside names give ``None``; others must map."""
    iso = ctx.crosswalk.map_names(source, frame[name_col], frame[year_col])
    unmatched = pd.isna(iso)
    aside = ctx.crosswalk.set_aside_mask(source, frame[name_col], frame[year_col])
    bad = unmatched & ~aside
    if bad.any():
        raise _unmatched_error(
            file,
            "name",
            frame.loc[bad],
            name_col,
            year_col,
            f"Add the spelling to data/files/reference/names.csv (source {source!r}) or set it "
            "aside with a reason in set_aside.csv",
        )
    ctx.count(table, f"rows with a set-aside {source} name", int(unmatched.sum()))
    return pd.Series(iso, index=frame.index, dtype=object)


def _keep_states(ctx: BuildContext, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose (iso3, year) is a state-year in the COW or GW list."""
    assert ctx.existence is not None, "build 'states' first"
    merged = frame.merge(ctx.existence, on=["iso3", "year"], how="left", indicator=True)
    keep = (merged["_merge"] == "both").to_numpy()
    ctx.count(table, "rows for years the nation was not a state (COW/GW lists)", int((~keep).sum()))
    return frame.loc[keep]


def _resolve_collisions(
    ctx: BuildContext, table: str, frame: pd.DataFrame, key: list[str], priority: str = "_priority"
) -> pd.DataFrame:
    """Keep the highest-priority row where several source rows map to one key."""
    ordered = frame.sort_values(priority, ascending=False, kind="mergesort")
    out = ordered.drop_duplicates(key, keep="first")
    ctx.count(
        table,
        "rows dropped because two codes mapped to one nation-year (higher-priority code kept)",
        len(frame) - len(out),
    )
    return out


def _monadic_from_cow(
    ctx: BuildContext,
    table: str,
    file: str,
    columns: dict[str, str],
    frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    raw = ctx.read(file) if frame is None else frame
    raw = raw[raw["year"] >= FIRST_YEAR]
    iso, priority = map_code_column(ctx, table, file, raw, "cow", "ccode", "year")
    out = pd.DataFrame({"iso3": iso, "year": raw["year"].astype("int64"), "_priority": priority})
    for new, old in columns.items():
        out[new] = raw[old]
    out = out[out["iso3"].notna()]
    out = _keep_states(ctx, table, out)
    return _resolve_collisions(ctx, table, out, ["iso3", "year"]).drop(columns="_priority")


def _runs(
    frame: pd.DataFrame, group: list[str], values: list[str], year: str = "year"
) -> pd.DataFrame:
    """Compress consecutive years with identical values into runs (first_year, last_year)."""
    frame = frame.sort_values([*group, year], kind="mergesort").reset_index(drop=True)
    same_group = np.ones(len(frame), dtype=bool)
    for column in [*group, *values]:
        col = frame[column]
        same_group &= (col == col.shift()).to_numpy() | (col.isna() & col.shift().isna()).to_numpy()
    consecutive = (frame[year] - frame[year].shift() == 1).to_numpy()
    new_run = ~(same_group & consecutive)
    run_id = np.cumsum(new_run)
    agg = frame.groupby(run_id, sort=False).agg(
        **{c: (c, "first") for c in [*group, *values]},
        first_year=(year, "min"),
        last_year=(year, "max"),
    )
    return agg.reset_index(drop=True)


def _expand_years(frame: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """One row per year of each spell [first, last] (integer columns), original index kept."""
    lengths = (frame[last] - frame[first] + 1).clip(lower=0).to_numpy(dtype="int64")
    repeated = frame.loc[frame.index.repeat(lengths)].copy()
    offsets = np.concatenate([np.arange(n) for n in lengths]) if len(lengths) else np.array([])
    repeated["year"] = repeated[first].to_numpy(dtype="int64") + offsets.astype("int64")
    return repeated


def _undirected(frame: pd.DataFrame, a: str = "iso_a", b: str = "iso_b") -> pd.DataFrame:
    low = np.where(frame[a] < frame[b], frame[a], frame[b])
    high = np.where(frame[a] < frame[b], frame[b], frame[a])
    return frame.assign(**{a: low, b: high})


def _split_spells(
    ctx: BuildContext,
    table: str,
    file: str,
    frame: pd.DataFrame,
    system: str,
    code_col: str,
    start_col: str,
    end_col: str,
) -> pd.DataFrame:
    """Map dated spells of a code to ISO3, splitting a spell where the code's meaning changes.

    Each piece is clipped to the years its mapping holds. Returns iso3, code, start, end
    (ISO date strings) and the original row's line number.
    """
    codes = ctx.crosswalk.codes[ctx.crosswalk.codes["system"] == system]
    pieces = []
    problems = []
    for line, row in zip(_line_numbers(frame), frame.itertuples(index=False), strict=True):
        code = int(getattr(row, code_col))
        start, end = str(getattr(row, start_col)), str(getattr(row, end_col))
        options = codes[codes["code"] == code]
        if options.empty:
            if ctx.crosswalk.set_aside_reason(system, str(code)) is not None:
                ctx.count(table, f"spells with a set-aside {system.upper()} code", 1)
                continue
            problems.append(
                Problem(
                    f"{file}: line {line}",
                    f"a {system.upper()} code the crosswalk maps",
                    f"{code} ({start} to {end})",
                    "Add it to data/files/reference/codes.csv or set it aside",
                )
            )
            continue
        for option in options.itertuples(index=False):
            low = f"{int(option.from_year):04d}-01-01" if pd.notna(option.from_year) else ""
            high = f"{int(option.to_year):04d}-12-31" if pd.notna(option.to_year) else "9999"
            piece_start, piece_end = max(start, low), min(end, high)
            if piece_start <= piece_end:
                pieces.append((option.iso3, code, piece_start, piece_end, line))
    if problems:
        raise AllianceScoreError(problems)
    return pd.DataFrame(pieces, columns=["iso3", "code", "start", "end", "_line"])


# ---------------------------------------------------------------------------- builders
def build_states(ctx: BuildContext) -> pd.DataFrame:
    """COW and GW membership spells; also sets ``ctx.existence`` (iso3, year) for filtering."""
    parts = []
    for system, file, code_col, list_end in (
        ("cow", "cow_system_2016.csv", "ccode", "2016-12-31"),
        ("gw", "gw_system.csv", "gwcode", "2020-12-31"),
    ):
        raw = ctx.read(file)
        raw = raw[raw["end"] >= f"{FIRST_YEAR}-01-01"]
        spells = _split_spells(ctx, "states", file, raw, system, code_col, "start", "end")
        spells["system"] = system
        spells.loc[spells["end"] == list_end, "end"] = None
        parts.append(spells)
    states = pd.concat(parts, ignore_index=True)
    first = states["start"].str[:4].astype(int).clip(lower=FIRST_YEAR)
    last = states["end"].fillna(f"{ctx.max_year}-12-31").str[:4].astype(int)
    years = _expand_years(states.assign(_first=first, _last=last), "_first", "_last")
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
    spells = _split_spells(ctx, "majors", file, raw, "cow", "ccode", "start", "end")
    spells.loc[spells["end"] == "2016-12-31", "end"] = None
    return spells[["iso3", "start", "end"]]


def build_capitals(ctx: BuildContext) -> pd.DataFrame:
    parts = {}
    for system, file, code_col in (
        ("gw", "gw_capitals.csv", "gwcode"),
        ("cow", "cow_capitals.csv", "ccode"),
    ):
        raw = ctx.read(file)
        raw = raw[raw["enddate"] >= f"{FIRST_YEAR}-01-01"]
        spells = _split_spells(ctx, "capitals", file, raw, system, code_col, "stdate", "enddate")
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
    capitals = pd.concat([gw, cow], ignore_index=True)
    capitals = capitals[capitals["end"] >= f"{FIRST_YEAR}-01-01"]
    capitals.loc[capitals["end"] == "2024-12-31", "end"] = None
    return _merge_capital_spells(capitals.sort_values(["iso3", "start", "_line"]))


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


def build_nmc(ctx: BuildContext) -> pd.DataFrame:
    return _monadic_from_cow(
        ctx,
        "nmc",
        "cow_nmc_v7_0.csv",
        {"milex": "milex", "milper": "milper", "tpop": "tpop", "cinc": "cinc"},
    )


def build_unga(ctx: BuildContext) -> pd.DataFrame:
    return _monadic_from_cow(
        ctx,
        "unga",
        "unga_idealpoints_july2025.csv",
        {"idealpointfp": "idealpointfp", "idealpointall": "idealpointall", "nvotesfp": "nvotesfp"},
    )


def build_vdem(ctx: BuildContext) -> pd.DataFrame:
    out = _monadic_from_cow(
        ctx, "vdem", "democracy_cow_states.csv", {"v2x_polyarchy": "v2x_polyarchy"}
    )
    return out[out["v2x_polyarchy"].notna()]


def build_uds(ctx: BuildContext) -> pd.DataFrame:
    out = _monadic_from_cow(
        ctx, "uds", "democracy_cow_states.csv", {"euds": "euds", "aeuds": "aeuds"}
    )
    return out[out["euds"].notna() | out["aeuds"].notna()]


def build_gdp_sdp(ctx: BuildContext) -> pd.DataFrame:
    out = _monadic_from_cow(
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
    out = _keep_states(ctx, table, out)
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
        line = int(_line_numbers(aside_values)[0])
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
    out = _keep_states(ctx, "sipri_milex", out)
    return out


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
    frame = _resolve_collisions(ctx, "atop", frame, ["iso_a", "iso_b", "year"])
    return _runs(frame, ["iso_a", "iso_b"], kinds)


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
                f"{file}: line {_line_numbers(odd)[0]}",
                "spells in force at the data's end to end on 2016-12-01",
                repr(odd["enddate"].iloc[0]),
            )
        )
    raw = raw.assign(
        _first=raw["stdate"].str[:4].astype(int).clip(lower=FIRST_YEAR), _last=end_year
    )
    raw = raw[raw["_last"] >= FIRST_YEAR]
    years = _expand_years(raw, "_first", "_last")
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
    frame = _undirected(frame)
    frame = frame.groupby(["iso_a", "iso_b", "year"], as_index=False)["conttype"].min()
    runs = _runs(frame, ["iso_a", "iso_b"], ["conttype"])
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
    years = _expand_years(raw, "_first", "_last")
    iso_a, _ = map_code_column(ctx, table, file, years, "cow", "ccode1", "year")
    iso_b, _ = map_code_column(ctx, table, file, years, "cow", "ccode2", "year")
    frame = years.assign(iso_a=iso_a, iso_b=iso_b)
    frame = _undirected(frame[frame["iso_a"].notna() & frame["iso_b"].notna()])
    frame = frame.assign(_start=frame[start], _end=frame[end])
    runs = _runs(frame, ["rivalry_id", "iso_a", "iso_b"], ["rivalry", "_start", "_end", *values])
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


def _mids(ctx: BuildContext, table: str, file: str, onset: str) -> pd.DataFrame:
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
            "hostlev": raw["hostlev"],
            "fatality": raw["fatality"],
            "onset": raw[onset],
        }
    )
    frame = _undirected(frame[frame["iso_a"].notna() & frame["iso_b"].notna()])
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
    long = pd.concat(parts)
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


def build_arms_shares(ctx: BuildContext) -> pd.DataFrame:
    file = "sipri_arms_transfers_dyad_order_year_1950_2024.csv"
    raw = ctx.read(file)
    supplier = map_name_column(
        ctx, "arms_shares", file, raw, "sipri_arms", "supplier", "order_year"
    )
    recipient = map_name_column(
        ctx, "arms_shares", file, raw, "sipri_arms", "recipient", "order_year"
    )
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


BUILDERS: dict[str, Callable[[BuildContext], pd.DataFrame]] = {
    "states": build_states,  # first: it defines which nation-years are state-years
    "majors": build_majors,
    "capitals": build_capitals,
    "nmc": build_nmc,
    "sipri_milex": build_sipri_milex,
    "unga": build_unga,
    "vdem": build_vdem,
    "uds": build_uds,
    "gdp_wb": build_gdp_wb,
    "gdp_sdp": build_gdp_sdp,
    "nuclear": build_nuclear,
    "warheads": build_warheads,
    "atop": build_atop,
    "contiguity": build_contiguity,
    "rivalry_tss": build_rivalry_tss,
    "rivalry_td": build_rivalry_td,
    "mid_cow": build_mid_cow,
    "mid_gml": build_mid_gml,
    "ucdp": build_ucdp,
    "arms_shares": build_arms_shares,
}
"""Table name -> builder, in build order."""
