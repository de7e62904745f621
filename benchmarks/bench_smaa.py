"""SMAA-2 rank acceptability, weights only: 1,000,000 samples on a 190 x 12 matrix.

Prints, from one process, for weighted sum, TOPSIS and PROMETHEE II:

- ``ours``: :func:`alliancescore.sensitivity.smaa` (uniform weights on the simplex, rank
  acceptability and central weights; pairwise winning indices off, as in the reference), all
  cores;
- ``reference``: bare numpy in the same process: float64 Dirichlet(1, ..., 1) samples, one
  matrix product ``W @ X.T``, ``argsort`` per row, ``bincount`` of (alternative, rank);
- ``pymcdm``: the peer library called once per weight vector plus an argsort, timed on
  ``--peer-samples`` vectors and extrapolated.

Times are medians of ``--repeats`` interleaved runs (reference, then each method, repeated).
Peak memory (max resident set) of a separate ``smaa`` run with ``--memory-samples`` draws is
measured in a child process. The matrix is synthetic (seeded): only its shape matters.

Run: ``make bench-smaa`` or ``.venv/bin/python benchmarks/bench_smaa.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

import numpy as np

from alliancescore import __version__
from alliancescore._allocator import keep_freed_memory
from alliancescore.sensitivity import smaa, uniform_simplex

N, M = 190, 12
METHODS = ["weighted_sum", "topsis", "promethee_ii"]


def problem(seed: int = 20261124) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(1.0, 100.0, size=(N, M)), np.arange(M) % 4 != 3


def reference(X: np.ndarray, samples: int, seed: int) -> np.ndarray:
    """The bare-numpy floor for weighted-sum rank acceptability."""
    rng = np.random.default_rng(seed)
    W = rng.dirichlet(np.ones(M), size=samples)
    order = np.argsort(-(W @ X.T), axis=1)
    ranks_at = np.broadcast_to(np.arange(N), order.shape)
    return np.bincount((order * N + ranks_at).ravel(), minlength=N * N).reshape(N, N)


def peer_loop(X: np.ndarray, benefit: np.ndarray, method: str, samples: int) -> float:
    from pymcdm import methods as pm
    from pymcdm import normalizations as pn

    peer = {
        "weighted_sum": pm.WSM(normalization_function=pn.minmax_normalization),
        "topsis": pm.TOPSIS(normalization_function=pn.vector_normalization),
        "promethee_ii": pm.PROMETHEE_II("usual"),
    }[method]
    types = np.where(benefit, 1, -1)
    W = np.random.default_rng(1).dirichlet(np.ones(M), size=samples)
    counts = np.zeros((N, N), dtype=np.int64)
    start = time.perf_counter()
    for w in W:
        order = np.argsort(-peer(X, w, types, validation=False))
        counts[order, np.arange(N)] += 1
    return time.perf_counter() - start


def peak_rss_kib() -> int:
    """This process's peak resident set (KiB).

    VmHWM belongs to the process's own address space, which exec starts afresh; ru_maxrss
    would also count the parent's memory at fork time, inherited across exec on Linux.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_child(samples: int) -> None:
    X, benefit = problem()
    smaa("topsis", X, benefit, sampler=uniform_simplex(M), n_samples=samples, seed=1)
    print(peak_rss_kib())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--peer-samples", type=int, default=1000)
    parser.add_argument("--memory-samples", type=int, default=10_000_000)
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    keep_freed_memory()  # as the command line does
    if args.memory_child:
        memory_child(args.memory_child)
        return

    X, benefit = problem()
    sampler = uniform_simplex(M)
    print(
        f"alliancescore {__version__}, numpy {np.__version__}, Python {platform.python_version()}"
    )
    print(
        f"{platform.machine()}, {os.cpu_count()} cores; SMAA-2 weights only; {N} x {M}; "
        f"{args.samples:,} samples; median of {args.repeats} interleaved runs"
    )
    times: dict[str, list[float]] = {"reference": [], **{m: [] for m in METHODS}}
    for r in range(args.repeats):
        start = time.perf_counter()
        reference(X, args.samples, r)
        times["reference"].append(time.perf_counter() - start)
        for method in METHODS:
            start = time.perf_counter()
            smaa(method, X, benefit, sampler=sampler, n_samples=args.samples, seed=r, pairwise=0)
            times[method].append(time.perf_counter() - start)
    ref = statistics.median(times["reference"])
    print(f"\nreference (Dirichlet + W @ X.T + argsort + bincount): {ref:.2f} s")
    header = f"{'method':<14}{'ours (s)':>10}{'ref/ours':>10}{'pymcdm (s, extrap.)':>21}"
    header += f"{'pymcdm/ours':>13}"
    print(header)
    print("-" * len(header))
    for method in METHODS:
        ours = statistics.median(times[method])
        peer = peer_loop(X, benefit, method, args.peer_samples) * args.samples / args.peer_samples
        print(f"{method:<14}{ours:>10.2f}{ref / ours:>10.1f}{peer:>21,.0f}{peer / ours:>12,.0f}x")
    child = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(args.memory_samples)],
        capture_output=True,
        text=True,
        check=True,
    )
    peak_mib = int(child.stdout.split()[-1]) / 1024
    print(f"\npeak memory, TOPSIS SMAA with {args.memory_samples:,} samples: {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
