"""The shipped demonstration: ``alliancescore demo`` (``make demo``).

1. The engine check: a published worked example, our numbers beside the printed ones
   (Opricovic & Tzeng 2007, "Extended VIKOR method in comparison with outranking methods",
   EJOR 178(2), 514-529, sec. 5: six hydro-power alternatives, eight criteria, four weight
   sets; also checked to the printed precision in ``tests/published/test_vikor.py``).
2. The main job: every demo profile shipped in the package (``alliancescore/profiles``)
   scored on the real data with the methods it names, then its sensitivity analysis (SMAA-2,
   stability intervals, importance) with the profile's own settings; rankings and summaries
   are printed and everything is written to
   ``reports/out/`` under the working folder (text, CSV, JSON, HTML).
3. The demo study (``alliancescore/studies/g20.toml``): the G20's member states, 1990-2018
   every four years, on two worker processes into ``reports/out/study-g20/`` (one Parquet
   file per task, the study report ``report.html`` and its tables as CSV); skipped with a
   line saying how to install it when the optional extra ``study`` (pyarrow) is missing.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import TextIO

import numpy as np

from alliancescore import __version__, mcda
from alliancescore.present.prose import wrap_prose
from alliancescore.shipped import backtest_results, demo_profiles, demo_study

__all__ = ["run_demo", "run_demo_study", "run_engine_demo"]

STUDY_JOBS = 2  # worker processes of the demo study (make demo's budget: 2 cores)
DEMO_JOBS = 2  # worker processes of the demo profiles, likewise
COMPARED = ("japan", "australia", "india")  # the demo profiles its comparison report shows
RULE = 100  # the width of the line between sections (narrower on a narrower terminal)
COLUMN = 18  # the width of each method's column in the engine check's table of every method

ALTERNATIVES = ["A1", "A2", "A3", "A4", "A5", "A6"]
CRITERIA = [
    ("profit", True),
    ("investment cost", False),
    ("energy", True),
    ("peak energy", True),
    ("homes relocated", False),
    ("reservoir area", False),
    ("villages", False),
    ("environment grade", True),
]
X = np.array(
    [
        [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
        [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
        [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
        [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
        [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
        [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
    ]
)
BENEFIT = np.array([benefit for _, benefit in CRITERIA])
# Printed in the paper (3 decimals): weights as relative importances, then Q and the
# compromise set, for v = 0.5.
PUBLISHED = {
    "W1 (equal)": ([1] * 8, [0.991, 1.000, 0.473, 0.670, 0.000, 0.578], {"A5"}),
    "W2 (economy x2)": (
        [2, 2, 2, 2, 1, 1, 1, 1],
        [1.000, 0.533, 0.552, 0.563, 0.000, 0.686],
        {"A5"},
    ),
    "W3 (environment x2)": (
        [1, 1, 1, 1, 2, 2, 2, 2],
        [0.684, 1.000, 0.147, 0.554, 0.041, 0.191],
        {"A3", "A5", "A6"},
    ),
    "W4 (environment x3.2)": (
        [1, 1, 1, 1, 3.2, 3.2, 3.2, 3.2],
        [0.668, 1.000, 0.051, 0.588, 0.058, 0.078],
        {"A3", "A5", "A6"},
    ),
}


def _say(out: TextIO, text: str, width: int | None) -> None:
    """Print ``text`` (lines of prose) wrapped to ``width`` with score's hanging indent
    (:mod:`alliancescore.present.prose`); as it is without a width."""
    print("\n".join(wrap_prose([text], width)), file=out)


def _every_method(ranks: dict[str, np.ndarray], width: int | None) -> str:
    """The engine check's table of every method's ranks: one block, or, given ``width`` (a
    terminal's) narrower than the table, blocks of as many methods as fit it, each headed by
    their names, as score's ranking is wrapped."""
    names = list(ranks)
    fit = len(names) if width is None else max(1, (width - 6) // COLUMN)
    blocks = []
    for start in range(0, len(names), fit):
        part = names[start : start + fit]
        block = [f"  {'':4}" + "".join(f"{n:>{COLUMN}}" for n in part)]
        for i, alt in enumerate(ALTERNATIVES):
            block.append(f"  {alt:4}" + "".join(f"{ranks[n][i]:>{COLUMN}d}" for n in part))
        blocks.append("\n".join(block))
    return "\n\n".join(blocks)


def run_engine_demo(out: TextIO, width: int | None = None) -> int:
    """Print the worked example, ours beside the published figures. Returns the exit code.
    ``width`` (a terminal's) wraps the lines of prose and puts the table of every method in
    blocks that fit it."""
    _say(out, f"alliancescore {__version__}: engine demo on a published worked example", width)
    _say(out, "Opricovic & Tzeng (2007), EJOR 178(2) 514-529, sec. 5: VIKOR, v = 0.5", width)
    print("(lower Q is better; rank 1 = best)\n", file=out)
    agree = True
    for label, (weights, q_printed, compromise_printed) in PUBLISHED.items():
        result = mcda.evaluate("vikor", X, weights, BENEFIT, v=0.5)
        _say(out, f"{label}: weights {np.round(result.weights, 3).tolist()}", width)
        print(f"  {'':4}{'Q ours':>9}{'Q paper':>9}{'rank':>6}", file=out)
        for i, name in enumerate(ALTERNATIVES):
            print(
                f"  {name:4}{result.scores[i]:9.3f}{q_printed[i]:9.3f}{result.ranks[i]:6d}",
                file=out,
            )
        ours = {ALTERNATIVES[i] for i in np.flatnonzero(result.tables["compromise"])}
        same = np.allclose(np.round(result.scores, 3), q_printed, atol=5e-4)
        same = same and ours == compromise_printed
        agree = agree and same
        _say(
            out,
            f"  compromise set ours {sorted(ours)}, paper {sorted(compromise_printed)}: "
            f"{'agrees' if same else 'DIFFERS'}\n",
            width,
        )

    _say(out, "Every registered method on weight set W1 (ranks, 1 = best):", width)
    names = list(mcda.METHODS)
    ranks = {n: mcda.evaluate(n, X, PUBLISHED["W1 (equal)"][0], BENEFIT).ranks for n in names}
    print(_every_method(ranks, width), file=out)
    _say(
        out,
        "\nDefaults: weighted_sum min-max, weighted_product max (costs min/x), topsis vector "
        "(ideal = min for costs), promethee_ii usual criterion, flows / (n - 1).",
        width,
    )
    print("All published figures reproduced." if agree else "MISMATCH with the paper.", file=out)
    return 0 if agree else 1


def _rule(width: int | None) -> str:
    """The line between the demo's sections, no wider than the terminal."""
    return "=" * min(RULE, width or RULE)


def _profile_block(path: Path, out_dir: Path, width: int | None) -> str:
    """Score one demo profile, analyse its sensitivity and write its files and HTML report
    to ``out_dir``; returns the lines the demo prints for it. Runs in a worker process (the
    data set from :func:`~alliancescore.data.worker.worker_data`) or in this one."""
    from alliancescore.analysis.group import analyse_group
    from alliancescore.analysis.robustness import analyse
    from alliancescore.analysis.scoring import score
    from alliancescore.data.worker import worker_data
    from alliancescore.present.output import (
        percent,
        result_json,
        result_table,
        sensitivity_json,
        sensitivity_table,
        write_atomic,
    )
    from alliancescore.present.reports import write_profile_report

    data = worker_data()
    out = io.StringIO()
    result = score(path, data=data, command=["alliancescore", "demo"])
    group = analyse_group(result)  # None without [[analysts]]
    print("\n" + _rule(width), file=out)
    print(result_table(result, limit=10, group=group, width=width), file=out, end="")
    stem = out_dir / result.profile.id
    write_atomic(stem.with_suffix(".txt"), result_table(result, group=group))
    write_atomic(stem.with_suffix(".csv"), result.summary().to_csv(float_format="%.6g"))
    write_atomic(stem.with_suffix(".json"), result_json(result, group))
    report = analyse(result)
    write_atomic(out_dir / f"{result.profile.id}-sensitivity.txt", sensitivity_table(report))
    write_atomic(out_dir / f"{result.profile.id}-sensitivity.json", sensitivity_json(report))
    first = result.primary_method
    leader = result.ranks[first].idxmin()
    share = report.acceptability[first].loc[leader, 1]
    critical = report.most_critical(first)
    _say(
        out,
        f"\nsensitivity ({report.samples:,} draws per method, {report.sampler}): "
        f"{leader} ranks first in {percent(share)} of draws ({first})",
        width,
    )
    if critical is not None:
        _say(
            out,
            f"most critical weight ({first}): {critical.group}, a change of "
            f"{critical.top1.change:.3f} from {critical.weight:.3f} changes the "
            f"top choice",
            width,
        )
    html = write_profile_report(
        result, report, out_dir, None, data=data, backtest=backtest_results(), group=group
    )
    _say(out, f"HTML report: {html}", width)
    return out.getvalue()


def _comparison_block(paths: list[Path], out_dir: Path, width: int | None) -> str:
    """Score the profiles at ``paths`` and write their HTML comparison to ``out_dir``; returns
    the line the demo prints for it."""
    from alliancescore.analysis.scoring import score
    from alliancescore.data.worker import worker_data
    from alliancescore.present.reports import write_comparison_report

    data = worker_data()
    results = [score(p, data=data, command=["alliancescore", "demo"]) for p in paths]
    html = write_comparison_report(results, out_dir, None, data=data)
    out = io.StringIO()
    ids = ", ".join(r.profile.id for r in results)
    _say(out, f"\nHTML comparison of {ids}: {html}", width)
    return out.getvalue()


def _blocks(jobs: list[tuple[Callable[..., str], tuple]], data_root: Path) -> Iterator[str]:
    """Each job's printed lines, in the order given, as soon as it and those before it are
    done: in ``DEMO_JOBS`` worker processes (each job's numbers depend only on its inputs, so
    they match a run in this process), or here with one job or ``DEMO_JOBS = 1``.

    No more jobs are handed to the pool than it has workers: a job already queued would run
    to its end after Ctrl-C (a profile takes about ten seconds), where a running one stops
    with the interrupt its worker receives too."""
    from alliancescore.data.worker import init_pool_worker

    workers = min(DEMO_JOBS, len(jobs))
    if workers <= 1:
        yield from (job(*args) for job, args in jobs)
        return
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=init_pool_worker, initargs=(str(data_root),)
    )
    try:
        waiting = iter(jobs)
        running = deque(pool.submit(job, *args) for job, args in islice(waiting, workers))
        while running:
            block = running.popleft().result()
            for job, args in islice(waiting, 1):
                running.append(pool.submit(job, *args))
            yield block
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_demo(
    out: TextIO,
    *,
    engine_only: bool = False,
    out_dir: Path | None = None,
    width: int | None = None,
) -> int:
    """The engine check, then every demo profile scored and written out (in ``DEMO_JOBS``
    worker processes, printed in the profiles' order), then the demo study. ``width`` (a
    terminal's) wraps each printed ranking and the lines around it as ``score`` does, and the
    demo's own lines of prose (the sensitivity summaries, the paths written, the study's
    lines) and the engine check's table (:func:`run_engine_demo`) to fit it; the files written
    are never wrapped."""
    status = run_engine_demo(out, width)
    if engine_only or status != 0:
        return status
    from alliancescore.data import load

    out_dir = out_dir or Path("reports") / "out"
    data = load()
    profiles = demo_profiles()
    _say(out, f"\nScoring {len(profiles)} demo profiles on real data -> {out_dir}", width)
    jobs: list[tuple[Callable[..., str], tuple]] = [
        (_profile_block, (path, out_dir, width)) for path in profiles
    ]
    by_id = {path.stem: path for path in profiles}  # a shipped profile's id is its file's name
    trio = [by_id[p] for p in COMPARED if p in by_id]
    if len(trio) > 1:
        jobs.append((_comparison_block, (trio, out_dir, width)))
    for block in _blocks(jobs, data.root):
        print(block, file=out, end="")
        out.flush()
    _say(
        out,
        f"\nWrote results and sensitivity analyses of {len(profiles)} profiles to {out_dir}",
        width,
    )
    return run_demo_study(out, out_dir, data, width)


def run_demo_study(out: TextIO, out_dir: Path, data, width: int | None = None) -> int:
    """Run the demo study into ``out_dir/study-<id>`` and write its report; print each focal
    state's top choice in the first and last year, the lines wrapped to ``width`` when given.
    Returns the exit code."""
    from alliancescore.errors import AllianceScoreError
    from alliancescore.model.study import load_study
    from alliancescore.study import run_study
    from alliancescore.study.parquet import require_pyarrow
    from alliancescore.study.report import write_study_report

    try:
        require_pyarrow("demo study")
    except AllianceScoreError as error:
        _say(out, f"\nDemo study skipped: {error}", width)
        return 0
    study = load_study(demo_study(), data)
    folder = out_dir / f"study-{study.id}"
    print("\n" + _rule(width), file=out)
    _say(
        out,
        f"Demo study {study.id}: {len(study.focal)} focal states x {len(study.years)} years "
        f"({study.years[0]}-{study.years[-1]}), threats by the {study.threats} rule, "
        f"{study.samples:,} weight draws per task and method, {STUDY_JOBS} worker processes "
        f"-> {folder}",
        width,
    )
    done = run_study(study, folder, jobs=STUDY_JOBS, data=data)
    for key, message in done.skipped.items():
        _say(out, f"skipped {key}: {message}", width)
    report = write_study_report(folder, data=data, command=["alliancescore", "demo"])
    choice = report.frames["top_choice_stability"]
    method = choice["method"].iloc[0] if len(choice) else None
    mine = choice[choice["method"] == method].drop_duplicates(["focal", "year"])
    _say(out, f"\nTop choice by {method} (share of weight draws ranking it first):", width)
    for focal, rows in mine.groupby("focal", sort=False):
        first, last = rows.iloc[0], rows.iloc[-1]
        changes = int((rows["alternative"] != rows["alternative"].shift()).sum() - 1)
        _say(
            out,
            f"  {focal}  {first['year']} {first['alternative']} "
            f"({first['rank1_acceptability']:.0%})  ->  {last['year']} {last['alternative']} "
            f"({last['rank1_acceptability']:.0%}); top choice changed {changes} time(s)",
            width,
        )
    _say(
        out,
        f"\nStudy: {len(done.written)} tasks written, {len(done.skipped)} skipped; "
        f"HTML study report: {report.html}; tables: {report.tables['top_partners'].parent}",
        width,
    )
    return 0
