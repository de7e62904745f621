"""What the table builders share: the build context and the mapping and spell helpers.

The builders themselves are in :mod:`alliancescore.data.builders_nations` and
:mod:`alliancescore.data.builders_pairs`; :data:`alliancescore.data.builders.BUILDERS` lists them.

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
from alliancescore.data.schema import FIRST_YEAR
from alliancescore.errors import AllianceScoreError, Problem

__all__ = [
    "BuildContext",
    "expand_years",
    "keep_states",
    "line_numbers",
    "map_code_column",
    "map_name_column",
    "monadic_from_cow",
    "overlapping_spans",
    "resolve_collisions",
    "split_spells",
    "states_missing",
    "undirected",
    "unmatched_error",
    "year_runs",
]


@dataclass
class BuildContext:
    """What a builder needs: the source folder, the crosswalk and somewhere to count drops."""

    source_dir: Path
    crosswalk: Crosswalk
    stats: dict[str, dict[str, int]] = field(default_factory=dict)
    existence: pd.DataFrame | None = None
    max_year: int = 2100  # open membership spells count as running until this year

    errata: pd.DataFrame | None = None
    # the hand-kept reference files the build reads (schema_reference.BUILD_INPUTS), by name
    reference: dict[str, pd.DataFrame] = field(default_factory=dict)

    def reference_frame(self, name: str) -> pd.DataFrame:
        """A hand-kept reference file read for the build (``reference/<name>.csv``)."""
        if name not in self.reference:
            raise AllianceScoreError(
                Problem(
                    f"data/files/reference/{name}.csv",
                    "the reference file, read by the build",
                    "not loaded",
                    "Build through alliancescore.data.build.build_outputs",
                )
            )
        return self.reference[name]

    def read(self, name: str) -> pd.DataFrame:
        """A source CSV with empty cells as missing (and nothing else, e.g. 'NA' stays text).

        Corrections listed in ``data/files/reference/errata.csv`` for this file are applied;
        each must find the value it expects (a number compared as a number), or the build
        fails. An empty correction sets the cell missing.
        """
        frame = pd.read_csv(
            self.source_dir / name, keep_default_na=False, na_values=[""], encoding="utf-8"
        )
        if self.errata is None:
            return frame
        for erratum in self.errata[self.errata["file"] == name].itertuples(index=False):
            row = int(erratum.line) - 2
            found = frame.at[row, erratum.column] if 0 <= row < len(frame) else None
            if not _same_cell(found, erratum.found):
                raise AllianceScoreError(
                    Problem(
                        f"{name}: line {erratum.line}",
                        f"{erratum.found!r} in column {erratum.column!r} "
                        "(data/files/reference/errata.csv)",
                        repr(found),
                        "The source changed: review the erratum",
                    )
                )
            if pd.isna(erratum.corrected):
                value = None if isinstance(found, str) else np.nan
            elif isinstance(found, str):
                value = erratum.corrected
            else:
                value = type(found)(erratum.corrected)
            frame.at[row, erratum.column] = value
        return frame

    def count(self, table: str, reason: str, n: int) -> None:
        if n:
            self.stats.setdefault(table, {})
            self.stats[table][reason] = self.stats[table].get(reason, 0) + int(n)


def _same_cell(found: object, expected: str) -> bool:
    """Whether a source cell holds an erratum's ``found`` value: text as written, a number as
    a number (a column with empty cells reads 3547000 as 3547000.0)."""
    if found is None or isinstance(found, str):
        return found == expected
    try:
        return float(expected) == float(found)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------- mapping helpers
def line_numbers(frame: pd.DataFrame) -> np.ndarray:
    """Source line of each row (header is line 1), taken from the original index."""
    return frame.index.to_numpy() + 2


def unmatched_error(
    file: str, kind: str, frame: pd.DataFrame, label_col: str, year_col: str, hint: str
) -> AllianceScoreError:
    problems = []
    lines = line_numbers(frame)
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
        raise unmatched_error(
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
    *,
    count: bool = True,
) -> pd.Series:
    """ISO3 for a name column of ``source``; set-aside names give ``None``; others must map.

    ``count=False`` leaves the count of set-aside rows to the caller (a table with two name
    columns counts a row once)."""
    iso = ctx.crosswalk.map_names(source, frame[name_col], frame[year_col])
    unmatched = pd.isna(iso)
    aside = ctx.crosswalk.set_aside_mask(source, frame[name_col], frame[year_col])
    bad = unmatched & ~aside
    if bad.any():
        raise unmatched_error(
            file,
            "name",
            frame.loc[bad],
            name_col,
            year_col,
            f"Add the spelling to data/files/reference/names.csv (source {source!r}) or set it "
            "aside with a reason in set_aside.csv",
        )
    if count:
        ctx.count(table, f"rows with a set-aside {source} name", int(unmatched.sum()))
    return pd.Series(iso, index=frame.index, dtype=object)


def keep_states(ctx: BuildContext, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose (iso3, year) is a state-year in the COW or GW list."""
    assert ctx.existence is not None, "build 'states' first"
    merged = frame.merge(ctx.existence, on=["iso3", "year"], how="left", indicator=True)
    keep = (merged["_merge"] == "both").to_numpy()
    ctx.count(table, "rows for years the nation was not a state (COW/GW lists)", int((~keep).sum()))
    return frame.loc[keep]


def resolve_collisions(
    ctx: BuildContext, table: str, frame: pd.DataFrame, key: list[str], priority: str = "_priority"
) -> pd.DataFrame:
    """Keep the highest-priority row where several source rows map to one key, and fill its
    empty cells from the next row that has them.

    The higher-priority code speaks for the key; a cell it leaves empty is taken from the
    other code's row rather than lost (V-Dem scores Germany's 1990 under West Germany's COW
    260, leaving 255's row empty: without the fill a lookup read 1989).
    """
    ordered = frame.sort_values(priority, ascending=False, kind="mergesort")
    out = ordered.drop_duplicates(key, keep="first")
    ctx.count(
        table,
        "rows dropped because two codes mapped to one nation-year (higher-priority code kept)",
        len(frame) - len(out),
    )
    clash = ordered[ordered.duplicated(key, keep=False)]
    if clash.empty:
        return out
    # groupby.first takes each column's first non-empty value, in priority order
    best = clash.groupby(key, sort=False).first()
    values = [c for c in out.columns if c not in key and c != priority]
    kept = pd.MultiIndex.from_frame(out[key])
    hit = kept.isin(best.index)
    cells = out.loc[hit, values]
    fill = best.reindex(kept[hit])[values].set_axis(cells.index)
    gaps = cells.isna() & fill.notna()
    filled = int(gaps.to_numpy().sum())
    if filled:
        out = out.copy()
        for column in gaps.columns[gaps.any()]:
            rows = gaps.index[gaps[column]]
            out.loc[rows, column] = fill.loc[rows, column]
        ctx.count(
            table,
            "empty cells of the kept code's row filled from the other code's row",
            filled,
        )
    return out


def monadic_from_cow(
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
    out = keep_states(ctx, table, out)
    return resolve_collisions(ctx, table, out, ["iso3", "year"]).drop(columns="_priority")


def year_runs(
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


def expand_years(frame: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """One row per year of each spell [first, last] (integer columns), original index kept."""
    lengths = (frame[last] - frame[first] + 1).clip(lower=0).to_numpy(dtype="int64")
    repeated = frame.loc[frame.index.repeat(lengths)].copy()
    offsets = np.concatenate([np.arange(n) for n in lengths]) if len(lengths) else np.array([])
    repeated["year"] = repeated[first].to_numpy(dtype="int64") + offsets.astype("int64")
    return repeated


def undirected(frame: pd.DataFrame, a: str = "iso_a", b: str = "iso_b") -> pd.DataFrame:
    low = np.where(frame[a] < frame[b], frame[a], frame[b])
    high = np.where(frame[a] < frame[b], frame[b], frame[a])
    return frame.assign(**{a: low, b: high})


def split_spells(
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
    for line, row in zip(line_numbers(frame), frame.itertuples(index=False), strict=True):
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


def overlapping_spans(
    rows: pd.DataFrame,
    keys: list[str],
    where: Callable[[int], str],
    expected: Callable[[pd.Series], str],
) -> list[Problem]:
    """Problems for spans (``first_year``, ``last_year``, empty = open) of one key (the
    ``keys`` columns) that overlap, each located by ``where(row index)`` and saying
    ``expected(row)``. A span that ends before it starts is refused when the file is read
    (``TableSpec.spans``), before this check."""
    problems = []
    previous = None
    for i, row in rows.sort_values([*keys, "first_year"]).iterrows():
        same = previous is not None and all(previous[k] == row[k] for k in keys)
        if same and (pd.isna(previous["last_year"]) or row["first_year"] <= previous["last_year"]):
            problems.append(
                Problem(
                    where(i),
                    expected(row),
                    f"a span from {row['first_year']} overlapping the one from "
                    f"{previous['first_year']}",
                )
            )
        previous = row
    return problems


def states_missing(
    ctx: BuildContext, rows: pd.DataFrame, columns: list[str], where: Callable[[int], str]
) -> list[Problem]:
    """Problems for the nations of ``columns`` that were no state (COW or Gleditsch-Ward list)
    in their row's ``first_year``, each located by ``where(row index)``."""
    assert ctx.existence is not None, "build 'states' first"
    states = set(zip(ctx.existence["iso3"], ctx.existence["year"], strict=True))
    return [
        Problem(
            where(i),
            f"a state in {row['first_year']} (COW or Gleditsch-Ward list)",
            f"{row[column]} was not",
        )
        for i, row in rows.iterrows()
        for column in columns
        if (row[column], int(row["first_year"])) not in states
    ]
