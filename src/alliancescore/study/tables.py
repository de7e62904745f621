"""The study report's tables, as DataFrames (and as the CSV files beside the report).

Each table is read from a :class:`~alliancescore.study.results.StudyFolder`, never
recomputed: ranks, scores, rank-1 acceptabilities and stability intervals are the parts' own
numbers. Rows follow the study's order (focal states as the manifest lists their tasks, years
ascending, methods in the parts' order). The columns of every table, with what each holds,
are declared once in :data:`COLUMNS` (the report's "Tables for notebooks" section and the
README list them from there).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .results import StudyFolder, task_of

__all__ = [
    "COLUMNS",
    "critical_choices",
    "most_critical",
    "screened",
    "skipped",
    "study_tables",
    "top_choice_stability",
    "top_partners",
]

_FOCAL = ("focal", "the focal state (ISO 3166 alpha-3 code)")
_YEAR = ("year", "the task's reference year")
_METHOD = ("method", "the score method")
_ALTERNATIVE = ("alternative", "a state's ISO 3166 alpha-3 code or a coalition's id")
_NAME = ("name", "the state's name in the data set (a coalition: its id)")
_KIND = ("kind", "state or coalition")
_SCORE = ("score", "the method's score (VIKOR's Q and SPOTIS: lower is better)")
_B1 = (
    "rank1_acceptability",
    "share of the task's weight draws that rank the alternative first (empty: the study "
    "drew no weights)",
)
_SE = ("rank1_se", "the Monte Carlo standard error of rank1_acceptability")

COLUMNS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "top_partners": (
        _FOCAL,
        _YEAR,
        _METHOD,
        (
            "rank",
            "the alternative's rank (1 = best; tied alternatives share the best rank, so a "
            "year may list more than N rows)",
        ),
        _ALTERNATIVE,
        _NAME,
        _KIND,
        _SCORE,
        _B1,
        _SE,
    ),
    "top_choice_stability": (
        _FOCAL,
        _YEAR,
        _METHOD,
        ("alternative", "the top choice (rank 1); alternatives tied at rank 1 get a row each"),
        _NAME,
        _KIND,
        _SCORE,
        ("tied", "how many alternatives share rank 1"),
        _B1,
        _SE,
        ("runner_up", "the next-ranked alternative (several: space-separated)"),
        ("runner_up_rank1_acceptability", "the runner-up's rank1_acceptability (the largest)"),
        (
            "most_often_first",
            "among the task's top N (top_partners), the alternative with the largest "
            "rank1_acceptability (several when equal: space-separated; empty without draws): "
            "when it is not the top choice, another alternative comes first in more weight draws",
        ),
        ("most_often_first_rank1_acceptability", "its rank1_acceptability"),
        (
            "samples",
            "weight draws used for the task (from the manifest when the parts do not "
            "record them); 0: none",
        ),
        (
            "target_met",
            "whether the draws reached the study's target standard error (empty: not recorded)",
        ),
        (
            "criterion",
            "the most critical top-level criterion: the one whose smallest weight change "
            "alters the top choice (empty with top1_relative_change inf: no single "
            "criterion's change alters it; empty with the columns after it: no stability "
            "intervals for the task)",
        ),
        ("t0", "the criterion's weight in the task's profile"),
        ("top1_low", "the lowest weight of the criterion at which the top choice stays"),
        ("top1_high", "the highest weight at which it stays (the other weights rescaled)"),
        ("top1_change", "the smallest change of the criterion's weight that alters it"),
        ("top1_relative_change", "top1_change / t0 (inf: nothing alters the top choice)"),
        ("exact", "true: closed-form crossings (linear methods); false: found numerically"),
    ),
    "most_critical": (
        _FOCAL,
        _METHOD,
        (
            "criterion",
            "a top-level criterion (empty: the years in which no single criterion's weight "
            "change alters the top choice)",
        ),
        ("years", "in how many of the focal state's years it is the most critical"),
        ("of_years", "the focal state's years with stability intervals for the method"),
        ("share", "years / of_years"),
        ("which_years", "those years, space-separated"),
    ),
    "screened": (
        _FOCAL,
        _YEAR,
        ("alternative", "a candidate the template's screens left out of the task"),
        _NAME,
        (
            "reason",
            "why: the diplomatic_relations table's event and the start of the spell without "
            "relations (candidates.require_relations), or 'no armed forces: ' and the "
            "no_armed_forces table's row (candidates.require_armed_forces)",
        ),
    ),
    "skipped": (
        ("task", "the task's key, focal=XXX/year=YYYY"),
        _FOCAL,
        _YEAR,
        (
            "status",
            "skipped (the study refused the task, with its message), not finished (no part "
            "file and no skip message: an interrupted run) or unreadable (a part file that "
            "could not be read)",
        ),
        ("message", "why"),
    ),
}
"""Table name -> its columns, each ``(name, what it holds)``; the CSV file is
``<name>.csv``."""

_KEYS = ["focal", "year", "method"]


def _ordered(frame: pd.DataFrame, folder: StudyFolder, extra: list[str]) -> pd.DataFrame:
    """``frame`` in the study's order: focal states as listed, years, methods, then
    ``extra``."""
    focal = {f: i for i, f in enumerate(folder.focal)}
    methods = {m: i for i, m in enumerate(folder.methods)}
    keyed = frame.assign(
        _f=frame["focal"].map(lambda f: focal.get(f, len(focal))),
        _m=frame["method"].map(lambda m: methods.get(m, len(methods))),
    )
    by = ["_f", "focal", "year", "_m", "method", *extra]
    return keyed.sort_values(by, kind="stable").drop(columns=["_f", "_m"]).reset_index(drop=True)


def _names(frame: pd.DataFrame, names: Mapping[str, str]) -> pd.Series:
    return frame["alternative"].map(lambda a: names.get(str(a), str(a)))


def top_partners(folder: StudyFolder, top: int, names: Mapping[str, str]) -> pd.DataFrame:
    """Per task and method, the alternatives ranked at most ``top`` (ties included)."""
    rows = folder.rows[folder.rows["rank"] <= top].copy()
    rows["name"] = _names(rows, names)
    columns = [c for c, _ in COLUMNS["top_partners"]]
    return _ordered(rows, folder, ["rank", "alternative"])[columns]


def _most_often_first(rows: pd.DataFrame) -> pd.DataFrame:
    """Per (focal, year, method): the alternatives of ``rows`` with the largest rank-1
    acceptability (none when no row has one)."""
    known = rows[rows["rank1_acceptability"].notna()]
    best = known.groupby(_KEYS)["rank1_acceptability"].transform("max")
    top = known[known["rank1_acceptability"] == best].sort_values([*_KEYS, "alternative"])
    return top.groupby(_KEYS, as_index=False).agg(
        most_often_first=("alternative", lambda s: " ".join(map(str, s))),
        most_often_first_rank1_acceptability=("rank1_acceptability", "max"),
    )


def _runner_up(rows: pd.DataFrame) -> pd.DataFrame:
    """Per (focal, year, method): the best-ranked alternatives after rank 1."""
    after = rows[rows["rank"] > 1]
    after = after[after["rank"] == after.groupby(_KEYS)["rank"].transform("min")]
    return after.groupby(_KEYS, as_index=False).agg(
        runner_up=("alternative", lambda s: " ".join(map(str, s))),
        runner_up_rank1_acceptability=("rank1_acceptability", "max"),
    )


def critical_choices(folder: StudyFolder) -> pd.DataFrame:
    """Per (focal, year, method) with stability intervals: the most critical criterion's row
    (the first flagged one; when none is flagged, an empty criterion and an infinite relative
    change: nothing alters the top choice)."""
    stability = folder.stability
    columns = ["criterion", "t0", "top1_low", "top1_high", "top1_change", "top1_relative_change"]
    if stability is None or stability.empty:
        return pd.DataFrame(columns=[*_KEYS, *columns, "exact"])
    flagged = stability[stability["most_critical"].astype(bool)]
    first = flagged.drop_duplicates(_KEYS)[[*_KEYS, *columns]]
    exact = stability.groupby(_KEYS, as_index=False)["exact"].first()
    out = exact.merge(first, on=_KEYS, how="left")
    none = out["criterion"].isna()
    out.loc[none, "criterion"] = ""
    out.loc[none, "top1_relative_change"] = np.inf
    return out[[*_KEYS, *columns, "exact"]]


def _draws(folder: StudyFolder, leaders: pd.DataFrame) -> pd.DataFrame:
    """``samples`` and ``target_met`` per leader row: the parts' own, else the manifest's
    fixed samples and an unknown target."""
    if "samples" not in folder.columns:
        fixed = folder.manifest.get("samples")
        ok = isinstance(fixed, int) and not isinstance(fixed, bool)
        leaders["samples"] = fixed if ok else np.nan
    if "target_met" not in folder.columns:
        leaders["target_met"] = None
    return leaders


def top_choice_stability(folder: StudyFolder, names: Mapping[str, str], top: int) -> pd.DataFrame:
    """Per task and method, the top choice: its rank-1 acceptability with its standard
    error, the runner-up, the alternative most often first among the ``top``, the draws, and
    the stability interval of the most critical criterion (see :data:`COLUMNS`)."""
    rows = folder.rows
    leaders = rows[rows["rank"] == 1].copy()
    leaders["tied"] = leaders.groupby(_KEYS)["alternative"].transform("size").astype("int64")
    leaders["name"] = _names(leaders, names)
    leaders = _draws(folder, leaders)
    leaders = leaders.merge(_runner_up(rows), on=_KEYS, how="left")
    leaders = leaders.merge(_most_often_first(rows[rows["rank"] <= top]), on=_KEYS, how="left")
    leaders = leaders.merge(critical_choices(folder), on=_KEYS, how="left")
    columns = [c for c, _ in COLUMNS["top_choice_stability"]]
    return _ordered(leaders, folder, ["alternative"])[columns]


def most_critical(folder: StudyFolder) -> pd.DataFrame:
    """Per focal state and method, how often each top-level criterion is the most critical
    across the years with stability intervals."""
    columns = [c for c, _ in COLUMNS["most_critical"]]
    chosen = critical_choices(folder)
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    grouped = chosen.groupby(["focal", "method", "criterion"], as_index=False).agg(
        years=("year", "size"),
        which_years=("year", lambda s: " ".join(str(y) for y in sorted(s))),
    )
    of = chosen.groupby(["focal", "method"])["year"].size().rename("of_years").reset_index()
    out = grouped.merge(of, on=["focal", "method"])
    out["share"] = out["years"] / out["of_years"]
    out["year"] = 0  # _ordered sorts by year; one value here
    out["_years"] = -out["years"]
    out = _ordered(out, folder, ["_years", "criterion"])
    return out[columns]


def skipped(folder: StudyFolder) -> pd.DataFrame:
    """The tasks without results: skipped by the study (its message), not finished, or with
    a part that could not be read."""
    rows = []
    for key in folder.tasks:
        if key in folder.skipped:
            status, message = "skipped", folder.skipped[key]
        elif key in folder.unfinished:
            status, message = "not finished", "no part file and no skip message"
        elif key in folder.unreadable:
            status, message = "unreadable", folder.unreadable[key]
        else:
            continue
        focal, year = task_of(key) or ("", None)
        rows.append((key, focal, year, status, message))
    columns = [c for c, _ in COLUMNS["skipped"]]
    frame = pd.DataFrame(rows, columns=columns)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def screened(folder: StudyFolder, names: Mapping[str, str]) -> pd.DataFrame:
    """The candidates the template's screens (relations, armed forces) left out, per task."""
    columns = [c for c, _ in COLUMNS["screened"]]
    rows = folder.screened.copy()
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows["name"] = _names(rows, names)
    rows["method"] = ""  # _ordered sorts by method too; one value here
    return _ordered(rows, folder, ["alternative"])[columns]


def study_tables(
    folder: StudyFolder, top: int, names: Mapping[str, str]
) -> dict[str, pd.DataFrame]:
    """Every table of :data:`COLUMNS`, by name."""
    return {
        "top_partners": top_partners(folder, top, names),
        "top_choice_stability": top_choice_stability(folder, names, top),
        "most_critical": most_critical(folder),
        "screened": screened(folder, names),
        "skipped": skipped(folder),
    }
