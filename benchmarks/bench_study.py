"""A study at scale: CPU seconds per focal-year, the speed-up of two workers, and the whole COW
panel 1950-2018 estimated from a measured subset (issue 18).

The study is the one the issue names: the default model as it is (the default criteria file
and its weights), every state of the year a candidate, four methods (weighted sum, TOPSIS,
VIKOR, PROMETHEE II), each focal state's threats by the backtest's rule, SMAA weight draws
until every rank acceptability's standard error is under ``--target-se`` (0.005; at most
1,000,000 draws), and the top choice's stability intervals per top-level criterion. The panel
is every state of the data set in every year 1950-2018: 10,625 focal-years (the study file
lists 201 states x 69 years; a state that did not exist in a year is skipped at once).

Measured on ``--tasks`` focal-years drawn at random from the panel (``--seed``):

- ``cpu``: each task in this process on one thread, as a worker runs it (``task_rows`` and the
  writing of its two Parquet files), in CPU seconds, split by phase (the backtest's threats,
  the profile check, scoring, SMAA, stability intervals, writing), with the weight draws SMAA
  made (every run of the target loop) and kept;
- ``wall``: ``run_study`` on the same tasks with 1 and with 2 worker processes (each loads the
  data set once), and whether the two give identical files;
- ``dask``: the same tasks on a 2-worker Dask ``LocalCluster`` (``dask_wall``), its wall
  time beside the local pool's, and whether its files are identical.

The estimate: panel wall time on 2 cores = 10,625 x mean CPU seconds per task / the measured
speed-up of 2 workers, with the sample's standard error, against the issue's 2-hour budget;
the floor the ratios are taken against is the panel's budget, as ``peak/budget`` is in
``bench_memory.py``. The machine is shared: wall times move by 20-30% between sessions, CPU
seconds less. ``--panel-dir`` gets the panel's study file and template for the full run,
whose command is printed.

Run: ``make bench-study`` or ``.venv/bin/python benchmarks/bench_study.py [--tasks 20]``.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"  # one BLAS thread, as in a worker; before numpy is imported

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import filecmp  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from alliancescore import __version__  # noqa: E402
from alliancescore import sensitivity as sa  # noqa: E402
from alliancescore.analysis.robustness import TARGET_BLOCK  # noqa: E402
from alliancescore.data import Dataset, load  # noqa: E402
from alliancescore.model.study import Study, Task, load_study  # noqa: E402
from alliancescore.study import run as study_run  # noqa: E402
from alliancescore.study import run_study  # noqa: E402

FIRST, LAST = 1950, 2018
BUDGET_SECONDS = 2 * 3600  # the whole panel on 2 cores (issue 18)
WORKERS = 2
METHODS = ("weighted_sum", "topsis", "vikor", "promethee_ii")
TEMPLATE = f"""# Every state of the year as a candidate, the default model as it is, four methods.
[profile]
id = "panel_template"
label = "Panel study template: every state a candidate"
focal = "USA"
year = 2000

[methods]
{chr(10).join(f"{m} = {{}}" for m in METHODS)}

[candidates]
all_states = true
"""
PHASES = {  # phase -> the name task_rows calls it by in alliancescore.study.run
    "threats": "derive_threats",
    "profile": "read_profile_document",
    "score": "score",
    "smaa": "first_rank_acceptability",
    "stability": "top_choice_stability",
}


def panel_tasks(data: Dataset) -> list[Task]:
    """Every state of the data set in every year of the panel (10,625 focal-years)."""
    return [Task(f, y) for y in range(FIRST, LAST + 1) for f in data.states(y)]


def study_text(focal: list[str], years: str, target_se: float) -> str:
    return (
        "[study]\n"
        'id = "cow_panel"\n'
        'template = "template.toml"\n'
        f"focal = {json.dumps(focal)}\n"
        f"years = {years}\n"
        'threats = "backtest"\n'
        f"target_se = {target_se}\n"
        "seed = 1\n"
    )


@dataclasses.dataclass(frozen=True)
class SampledStudy(Study):
    """The study with only the sampled tasks (a study file lists a product of focal states
    and years)."""

    sample: tuple[Task, ...] = ()

    @property
    def tasks(self) -> tuple[Task, ...]:
        return self.sample


class Phases:
    """CPU seconds per phase and SMAA draws, gathered by wrapping what ``task_rows`` calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.draws = 0
        self._saved: list[tuple[object, str, object]] = []

    def _wrap(self, owner: object, attr: str, phase: str | None) -> None:
        inner = getattr(owner, attr)
        self._saved.append((owner, attr, inner))

        def timed(*args, **kwargs):
            if phase is None:  # count the draws of every SMAA run
                self.draws += kwargs["n_samples"]
                return inner(*args, **kwargs)
            start = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[phase] += time.process_time() - start

        setattr(owner, attr, timed)

    def __enter__(self) -> Phases:
        for phase, attr in PHASES.items():
            self._wrap(study_run, attr, phase)
        self._wrap(sa, "smaa", None)
        return self

    def __exit__(self, *exc) -> None:
        for owner, attr, inner in reversed(self._saved):
            setattr(owner, attr, inner)


def measure_cpu(study: Study, tasks: list[Task], data: Dataset, out: Path) -> list[dict]:
    """Each task in this process, one thread: CPU seconds by phase, draws spent and kept."""
    rows = []
    for task in tasks:
        with Phases() as phases:
            start = time.process_time()
            tables = study_run.task_rows(study, task, data, threads=1)
            middle = time.process_time()
            study_run.write_task(out / task.key, tables)
            end = time.process_time()
        kept = tables.part.groupby("method")["samples"].first()
        rows.append(
            {
                "task": task.key,
                "n": int(tables.part["alternative"].nunique()),
                "cpu": end - start,
                "write": end - middle,
                **phases.seconds,
                "draws": phases.draws,
                "kept": int(kept.sum()),
                "met": bool(tables.part["target_met"].all()),
            }
        )
        print(
            f"  {task.key:<22} n={rows[-1]['n']:>3}  {rows[-1]['cpu']:6.2f} s  draws "
            f"{phases.draws:>7,} (kept {rows[-1]['kept']:,})",
            flush=True,
        )
    return rows


def measure_wall(study: Study, data: Dataset, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds of ``run_study`` and the CPU seconds of its worker processes (reaped when
    the pool closes; loading the data set included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run_study(study, out, jobs=jobs, data=data)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def dask_wall(
    study: Study, tasks: list[Task], data: Dataset, out: Path
) -> tuple[float, float] | None:
    """Wall seconds of the same tasks on a 2-worker Dask ``LocalCluster`` (one thread each,
    on 127.0.0.1) through the study's Dask dispatch, and the workers' CPU seconds (reaped when
    the cluster closes; loading the data set included, the cluster's start not in the wall
    time). None without ``distributed`` (the extra ``study``)."""
    try:
        import distributed
    except ImportError:
        return None
    from alliancescore.study.cluster import dask_tasks
    from alliancescore.study.run import _inputs

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with distributed.LocalCluster(
        n_workers=WORKERS,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:
        start = time.perf_counter()
        for _ in dask_tasks(
            study, tasks, out, data, _inputs(study, data), cluster.scheduler_address
        ):
            pass
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def identical(a: Path, b: Path, tasks: list[Task]) -> bool:
    names = ("part.parquet", "stability.parquet")
    return all(
        filecmp.cmp(a / t.key / f, b / t.key / f, shallow=False) for t in tasks for f in names
    )


def write_panel(folder: Path, data: Dataset, target_se: float) -> Path:
    """The full panel's study file and template in ``folder``; the study file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    focal = sorted({t.focal for t in panel_tasks(data)})
    (folder / "template.toml").write_text(TEMPLATE, encoding="utf-8")
    path = folder / "panel.toml"
    years = f"{{ from = {FIRST}, to = {LAST} }}"
    path.write_text(study_text(focal, years, target_se), encoding="utf-8")
    load_study(path, data)  # it is a valid study file
    return path


def _report(rows: list[dict], walls: dict[str, float | None], args, panel: int) -> None:
    n_tasks = len(rows)
    cpu = [r["cpu"] for r in rows]
    mean, spread = statistics.fmean(cpu), statistics.stdev(cpu)
    print(
        f"\nper focal-year (CPU s, one thread; mean of {n_tasks}, range "
        f"{min(cpu):.2f}-{max(cpu):.2f})"
    )
    header = f"{'phase':<12}{'seconds':>9}{'share':>8}"
    print(header)
    print("-" * len(header))
    for phase in [*PHASES, "write"]:
        seconds = statistics.fmean(r.get(phase, 0.0) for r in rows)
        print(f"{phase:<12}{seconds:>9.3f}{seconds / mean:>8.0%}")
    rest = mean - statistics.fmean(sum(r.get(p, 0.0) for p in [*PHASES, "write"]) for r in rows)
    print(f"{'other':<12}{rest:>9.3f}{rest / mean:>8.0%}")
    print(f"{'total':<12}{mean:>9.3f}{1:>8.0%}")

    spent = statistics.fmean(r["draws"] for r in rows) / len(METHODS)
    kept = statistics.fmean(r["kept"] for r in rows) / len(METHODS)
    bound = math.ceil((0.5 / args.target_se) ** 2 / TARGET_BLOCK) * TARGET_BLOCK
    smaa = statistics.fmean(r["smaa"] for r in rows)
    met = sum(r["met"] for r in rows)
    print(
        f"\nSMAA draws per method and task: {spent:,.0f} drawn in all runs, {kept:,.0f} kept; "
        f"the independent-draws bound for {args.target_se} is {bound:,}; target met in "
        f"{met} of {n_tasks} tasks"
    )
    if spent > bound:
        print(
            f"SMAA at the bound alone (one run of {bound:,} draws per method) would cost about "
            f"{smaa * bound / spent:.3f} s per task instead of {smaa:.3f} s"
        )

    one, two = walls["1 worker"][0], walls["2 workers"][0]
    speedup = one / two
    print(
        f"\nrun_study on the {n_tasks} tasks (each worker loads the data once; load average "
        f"{args.load[0]:.1f} before, {args.load[1]:.1f} after, on {os.cpu_count()} cores)"
    )
    header = f"{'run':<24}{'wall (s)':>10}{'speed-up':>10}{'CPU (s)':>10}{'CPU/wall':>10}"
    print(header)
    print("-" * len(header))
    for name, found in walls.items():
        if found is None:
            print(f"{name:<24}{'(not yet)':>10}")
            continue
        wall, cpu = found
        print(f"{name:<24}{wall:>10.1f}{one / wall:>10.2f}{cpu:>10.1f}{cpu / wall:>10.2f}")
    error = panel * spread / math.sqrt(n_tasks)
    print(f"\nwhole COW panel {FIRST}-{LAST}, {panel:,} focal-years x {mean:.2f} CPU s:")
    for label, rate in (
        (f"the measured speed-up {speedup:.2f}", speedup),
        (f"{WORKERS} workers always busy", WORKERS),
    ):
        total = panel * mean / rate
        print(
            f"  with {label:<30} {total / 3600:5.2f} h +- {error / rate / 3600:.2f} h; "
            f"estimate/budget {total / BUDGET_SECONDS:.2f} (budget {BUDGET_SECONDS / 3600:.0f} h)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=20, help="focal-years measured")
    parser.add_argument("--seed", type=int, default=20261202, help="which focal-years")
    parser.add_argument("--target-se", type=float, default=0.005)
    parser.add_argument(
        "--panel-dir",
        default="reports/out/cow_panel",
        help="where the full panel's study file and template are written",
    )
    args = parser.parse_args()
    data = load()
    every = panel_tasks(data)
    rng = np.random.default_rng(args.seed)
    picked = sorted(
        (every[i] for i in rng.choice(len(every), size=args.tasks, replace=False)),
        key=lambda t: (t.year, t.focal),
    )
    print(
        f"alliancescore {__version__}, numpy {np.__version__}, Python "
        f"{platform.python_version()}; {platform.machine()}, {os.cpu_count()} cores"
    )
    print(
        f"{args.tasks} of the {len(every):,} focal-years {FIRST}-{LAST} (seed {args.seed}); "
        f"default model, every state a candidate, {', '.join(METHODS)}; --target-se "
        f"{args.target_se}; stability intervals per top-level criterion"
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "template.toml").write_text(TEMPLATE, encoding="utf-8")
        path = folder / "sample.toml"
        focal = sorted({t.focal for t in picked})
        years = f"[{', '.join(str(y) for y in sorted({t.year for t in picked}))}]"
        path.write_text(study_text(focal, years, args.target_se), encoding="utf-8")
        study = load_study(path, data)
        sampled = SampledStudy(**dataclasses.asdict(study), sample=tuple(picked))
        # Warm up (tables read on first use, code paths compiled): one task not timed.
        study_run.task_rows(study, Task("USA", 1960), data, threads=1)
        print("\nper task (in this process, one thread):")
        rows = measure_cpu(study, picked, data, folder / "cpu")
        load_before = os.getloadavg()[0]
        walls: dict[str, tuple[float, float] | None] = {}
        walls["1 worker"] = measure_wall(sampled, data, folder / "one", 1)
        walls["2 workers"] = measure_wall(sampled, data, folder / "two", WORKERS)
        walls["Dask LocalCluster, 2"] = dask_wall(study, picked, data, folder / "dask")
        args.load = (load_before, os.getloadavg()[0])
        same = identical(folder / "one", folder / "two", picked)
        print(f"\n1 and 2 workers give identical files: {'yes' if same else 'NO'}")
        if walls["Dask LocalCluster, 2"] is not None:
            same = identical(folder / "one", folder / "dask", picked)
            print(
                "local processes and the Dask cluster give identical files: "
                + ("yes" if same else "NO")
            )
    _report(rows, walls, args, len(every))
    panel = write_panel(Path(args.panel_dir), data, args.target_se)
    listed = len(load_study(panel, data).tasks)
    print(
        f"\nthe full run ({panel} lists every state and year: {listed:,} tasks, of which the "
        f"{listed - len(every):,} of states that did not exist that year are skipped):\n"
        f"  alliancescore study {panel} --out {panel.parent / 'out'} --jobs {WORKERS} "
        f"--target-se {args.target_se} [--resume]"
    )


if __name__ == "__main__":
    main()
