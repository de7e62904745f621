"""Every benchmark script runs to its end on tiny sizes (no timing is asserted).

The benchmarks are not part of CI's timed runs, so two of them broke unnoticed when the
package changed around them (2026-12-04): the study benchmark's template without
``[[threats]]`` was refused by the study's up-front template check, and the memory
benchmark's copy of the United States profile lost its relative facts path. These runs
catch that; the README's figures come from the full-size runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

pytestmark = pytest.mark.slow

RUNS = {
    "bench_kernels.py": (
        ["--samples", "2000", "--peer-samples", "5", "--repeats", "1"],
        ["floor (bare numpy W @ X.T)", "promethee_ii"],
    ),
    "bench_smaa.py": (
        ["--samples", "2000", "--repeats", "1", "--peer-samples", "5", "--memory-samples", "2000"],
        ["reference (Dirichlet", "peak memory, TOPSIS SMAA with 2,000 samples"],
    ),
    "bench_memory.py": (
        ["--alternatives", "30", "--smaa-samples", "2000", "--profile-samples", "200"],
        ["profile-sensitivity", "all within budget"],
    ),
    "bench_study.py": (
        ["--tasks", "2", "--target-se", "0.05"],
        [
            "1 and 2 workers give identical files: yes",
            "local processes and the Dask cluster give identical files: yes",
        ],
    ),
    "bench_startup.py": (["--repeats", "1"], ["alliancescore score japan.toml"]),
}


@pytest.mark.parametrize("script", sorted(RUNS))
def test_the_benchmark_runs_to_its_end(script, tmp_path):
    if script == "bench_study.py":
        pytest.importorskip("pyarrow")
        pytest.importorskip("distributed")
    args, expected = RUNS[script]
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    for text in expected:
        assert text in done.stdout, (text, done.stdout[-2000:])


def test_every_benchmark_script_is_run_here():
    assert {p.name for p in BENCHMARKS.glob("bench_*.py")} == set(RUNS)
