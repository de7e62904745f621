"""Peak memory and time of sensitivity analysis at 1,000 alternatives x 12 criteria.

Issue 15 asks for sensitivity analysis within 1 GiB at 1,000 alternatives. Each case runs in
a child process of its own and reports its wall time and its peak resident set (``VmHWM``:
the whole process, Python and numpy included; the resident set right after setup is printed
as ``base``), with the ratio of the peak to the 1 GiB budget:

- ``stability-<method>``: :func:`alliancescore.sensitivity.stability_intervals`, every single
  criterion, top 1, top 3 and full ranking (closed form for weighted sum and PROMETHEE II,
  grid and an Illinois iteration for TOPSIS and VIKOR);
- ``smaa-topsis``: SMAA-2 rank acceptability (:func:`~alliancescore.sensitivity.smaa`),
  uniform weights, ``--smaa-samples`` draws, all cores;
- ``sweeps-topsis``: a weight sweep per criterion, trajectories only, as the robustness
  analysis draws them (:func:`~alliancescore.sensitivity.sweep` with ``switches=False``);
- ``sweeps-weighted_sum``: a sweep per criterion with every switch point (closed form);
- ``switches-topsis``: every switch point of one criterion's sweep for TOPSIS (grid, then
  bisection of each crossing pair to 1e-9: CPU-bound, some 250,000 crossings at 1,000
  alternatives);
- ``importance-topsis``: Sobol indices of the weights for the top 3 (``n=1024``);
- ``profile-sensitivity``: the whole analyst path on a real profile with about 1,000
  alternatives: the shipped United States profile (every state a candidate, about 190) with
  coalitions added until there are ``--alternatives`` (seeded pairs and triples of states), scored
  from the shipped data and analysed by :func:`alliancescore.analysis.robustness.analyse` with
  ``--profile-samples`` weight draws (20,000, issue 15) for the profile's four methods: rank
  acceptability, confidence, stability intervals, sweeps, importance.

The kernel cases' matrix is synthetic (seeded uniform values, a quarter of the criteria costs):
only its shape matters. ``--src`` runs the children on another source tree (say an older commit's
``src`` exported with ``git archive``) to compare before and after.

Run: ``.venv/bin/python benchmarks/bench_memory.py [--alternatives 1000] [--cases ...]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

BUDGET_BYTES = 2**30  # 1 GiB (issue 15)
N_CRITERIA = 12


def problem(n: int, m: int, seed: int = 20261124) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A seeded ``(n, m)`` matrix of values in [1, 100], its benefit mask and weights."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(1.0, 100.0, size=(n, m))
    w = rng.uniform(0.5, 1.5, size=m)
    return X, np.arange(m) % 4 != 3, w / w.sum()


def _stability(method: str) -> Callable[..., object]:
    def run(X, benefit, w, args):
        from alliancescore.sensitivity import stability_intervals

        return stability_intervals(method, X, w, benefit, k=3)

    return run


def _smaa(X, benefit, w, args):
    from alliancescore.sensitivity import smaa, uniform_simplex

    sampler = uniform_simplex(X.shape[1])
    return smaa("topsis", X, benefit, sampler=sampler, n_samples=args.smaa_samples, seed=1)


def _sweeps(method: str, switches: bool) -> Callable[..., object]:
    def run(X, benefit, w, args):
        from alliancescore.mcda import prepare
        from alliancescore.sensitivity import sweep

        prepared = prepare(method, X, benefit)
        return [
            sweep(method, X, w, benefit, group=j, prepared=prepared, switches=switches)
            for j in range(X.shape[1])
        ]

    return run


def _switches(X, benefit, w, args):
    from alliancescore.sensitivity import sweep

    return sweep("topsis", X, w, benefit, group=0)


def _importance(X, benefit, w, args):
    from alliancescore.sensitivity import weight_importance

    return weight_importance("topsis", X, benefit, around=w, k=3, n=1024, seed=1)


def _profile_sensitivity(X, benefit, w, args):
    import tempfile
    from pathlib import Path

    from alliancescore.analysis.robustness import analyse
    from alliancescore.analysis.scoring import score
    from alliancescore.data import load
    from alliancescore.shipped import package_root

    text = (package_root() / "profiles" / "united_states.toml").read_text(encoding="utf-8")
    # the copy lives in a temporary folder: its paths relative to the shipped profiles'
    # folder (the criteria file, the facts files) are made absolute
    text = text.replace('"../', f'"{package_root().as_posix()}/')
    data = load()
    states = [s for s in data.states(2018) if s not in ("USA", "CHN", "RUS", "PRK", "IRN")]
    rng = np.random.default_rng(15)
    extra = max(0, args.alternatives - len(states) - 2)
    blocks = []
    for i in range(extra):
        members = rng.choice(states, size=2 + i % 2, replace=False)
        listed = ", ".join(f'"{m}"' for m in members)
        blocks.append(f'[[coalitions]]\nid = "c{i:04d}"\nlabel = "C{i}"\nmembers = [{listed}]\n')
    head, tail = text.split("[sensitivity]", 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "many.toml"
        path.write_text(head + "\n".join(blocks) + "\n[sensitivity]" + tail, encoding="utf-8")
        result = score(path, data=data)
        print(f"{len(result.scores)} alternatives scored", file=sys.stderr)
        return analyse(result, samples=args.profile_samples, seed=1)


CASES: dict[str, Callable[..., object]] = {
    "stability-weighted_sum": _stability("weighted_sum"),
    "stability-promethee_ii": _stability("promethee_ii"),
    "stability-topsis": _stability("topsis"),
    "stability-vikor": _stability("vikor"),
    "smaa-topsis": _smaa,
    "sweeps-topsis": _sweeps("topsis", switches=False),
    "sweeps-weighted_sum": _sweeps("weighted_sum", switches=True),
    "switches-topsis": _switches,
    "importance-topsis": _importance,
    "profile-sensitivity": _profile_sensitivity,
}


def _status_kib(field: str) -> int:
    """A ``/proc/self/status`` figure (KiB): ``VmHWM`` (peak) or ``VmRSS`` (now).

    They belong to the process's own address space, which exec starts afresh; ru_maxrss
    would also count the parent's memory at fork time, inherited across exec on Linux.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(args: argparse.Namespace) -> None:
    """Run one case in this process and print its figures as JSON."""
    from alliancescore._allocator import keep_freed_memory

    keep_freed_memory()  # as the command line does
    import alliancescore.sensitivity  # noqa: F401  (imports count in the base, not the case)

    X, benefit, w = problem(args.alternatives, N_CRITERIA)
    base = _status_kib("VmRSS")
    start = time.perf_counter()
    CASES[args.child](X, benefit, w, args)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_kib": _status_kib("VmHWM"), "base_kib": base}))


def run_case(name: str, args: argparse.Namespace) -> dict[str, float]:
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [args.src, env.get("PYTHONPATH")]))
    command = [sys.executable, __file__, "--child", name]
    command += ["--alternatives", str(args.alternatives)]
    command += ["--smaa-samples", str(args.smaa_samples)]
    command += ["--profile-samples", str(args.profile_samples)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alternatives", type=int, default=1000)
    parser.add_argument("--smaa-samples", type=int, default=100_000)
    parser.add_argument("--profile-samples", type=int, default=20_000)
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    parser.add_argument("--src", help="run the children on this source tree (PYTHONPATH)")
    parser.add_argument("--child", choices=list(CASES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    from alliancescore import __version__

    print(
        f"alliancescore {__version__}, numpy {np.__version__}, Python {platform.python_version()}"
        f"; {platform.machine()}, {os.cpu_count()} cores"
    )
    print(
        f"{args.alternatives:,} alternatives x {N_CRITERIA} criteria; SMAA "
        f"{args.smaa_samples:,} samples; profile {args.profile_samples:,} draws; "
        f"budget {BUDGET_BYTES / 2**20:,.0f} MiB" + (f"; source {args.src}" if args.src else "")
    )
    header = f"{'case':<24}{'time (s)':>10}{'peak (MiB)':>12}{'base (MiB)':>12}{'peak/budget':>13}"
    print(header)
    print("-" * len(header))
    over = []
    for name in args.cases:
        found = run_case(name, args)
        peak = found["peak_kib"] * 1024
        ratio = peak / BUDGET_BYTES
        if ratio > 1:
            over.append(name)
        print(
            f"{name:<24}{found['seconds']:>10.2f}{peak / 2**20:>12,.0f}"
            f"{found['base_kib'] / 1024:>12,.0f}{ratio:>13.2f}"
        )
    print(f"\nover budget: {', '.join(over)}" if over else "\nall within budget")


if __name__ == "__main__":
    main()
