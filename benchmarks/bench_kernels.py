"""Time the batched kernels: 1,000,000 weight vectors on a 190 x 12 decision matrix.

For each registered score method this prints, in one process:

- ``ours``: ``mcda.prepare(...)`` once, then ``score(W)`` for all weight vectors
  (scores only; ranking is timed separately as ``rank_scores``);
- ``floor``: a bare numpy ``W @ X.T`` of the same shapes, the least any weighted method can cost;
- ``pymcdm``: the peer library called once per weight vector in a Python loop, timed on a
  smaller sample and extrapolated linearly to the full count.

Times are medians of ``--repeats`` runs; ratios are ours/floor and pymcdm/ours. The data are
a fixed synthetic positive matrix (seeded), since only shapes matter for speed.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_kernels.py [--samples N]``.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

import numpy as np

from alliancescore import __version__, mcda

N_ALTERNATIVES, N_CRITERIA = 190, 12


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pymcdm_methods():
    """Peer implementations with the conventions matched as closely as the peer allows."""
    try:
        from pymcdm import methods as pm
        from pymcdm import normalizations as pn
    except ImportError:
        return {}
    return {
        "weighted_sum": pm.WSM(normalization_function=pn.minmax_normalization),
        "weighted_product": pm.WPM(normalization_function=pn.max_normalization),
        "topsis": pm.TOPSIS(normalization_function=pn.vector_normalization),
        "vikor": pm.VIKOR(v=0.5),
        "promethee_ii": pm.PROMETHEE_II("usual"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--peer-samples", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument(
        "--methods",
        nargs="+",
        default=["weighted_sum", "weighted_product", "topsis", "vikor", "promethee_ii"],
        help="registered methods to time (default: the engine-core slice)",
    )
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    X = rng.uniform(1.0, 100.0, size=(N_ALTERNATIVES, N_CRITERIA))
    benefit = np.arange(N_CRITERIA) % 4 != 3  # every fourth criterion is a cost
    W = rng.dirichlet(np.ones(N_CRITERIA), size=args.samples)
    types = np.where(benefit, 1, -1)
    peers = _pymcdm_methods()

    print(
        f"alliancescore {__version__}, numpy {np.__version__}, Python {platform.python_version()}"
    )
    print(
        f"{platform.machine()}, {__import__('os').cpu_count()} cores; matrix "
        f"{N_ALTERNATIVES} x {N_CRITERIA}; {args.samples:,} weight vectors; "
        f"median of {args.repeats}"
    )
    floor = _median_time(lambda: W @ X.T, args.repeats)
    print(f"\nfloor (bare numpy W @ X.T): {floor:.3f} s")
    header = f"{'method':<18}{'ours (s)':>10}{'ours/floor':>12}{'pymcdm (s, extrap.)':>22}"
    header += f"{'pymcdm/ours':>13}"
    print(header)
    print("-" * len(header))
    for name in args.methods:
        prepared = mcda.prepare(name, X, benefit)
        ours = _median_time(lambda p=prepared: p.score(W), args.repeats)
        peer_text, ratio_text = "n/a", "n/a"
        if name in peers:
            peer = peers[name]
            k = args.peer_samples
            start = time.perf_counter()
            for w in W[:k]:
                peer(X, w, types, validation=False)
            peer_time = (time.perf_counter() - start) * args.samples / k
            peer_text, ratio_text = f"{peer_time:,.0f}", f"{peer_time / ours:,.0f}x"
        print(f"{name:<18}{ours:>10.3f}{ours / floor:>12.1f}{peer_text:>22}{ratio_text:>13}")
    scores = mcda.prepare("topsis", X, benefit).score(W)
    ranking = _median_time(lambda: mcda.rank_scores(scores), args.repeats)
    print(
        f"\nrank_scores on the {args.samples:,} x {N_ALTERNATIVES} TOPSIS scores: {ranking:.3f} s"
    )


if __name__ == "__main__":
    main()
