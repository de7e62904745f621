"""Whole-process start-up: how long an analyst waits for ``validate`` and ``score``.

Each command runs as a fresh process (``alliancescore validate PROFILE``, ``alliancescore score
PROFILE``, ``alliancescore --help``), beside ``python -c "import pandas"`` on the same machine,
the least a pandas-based command can cost. Runs are interleaved (one of each per round), so a
slow spell of a shared machine hits them alike, and the median of ``--repeats`` rounds is
printed with the ratio to the pandas import. The data cache is warmed first (one untimed run),
as it is for an analyst after the first command; ``--cold`` times the first run too, with an
empty cache folder. Bytecode is written and reused as in a normal environment (pip compiles it
at install): ``PYTHONDONTWRITEBYTECODE``, if set here, is removed for the timed processes, and
the warm-up run writes the ``.pyc`` files.

Run: ``make bench-startup`` or ``.venv/bin/python benchmarks/bench_startup.py [--repeats N]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from alliancescore import __version__
from alliancescore.shipped import package_root

PROFILE = str(package_root() / "profiles" / "japan.toml")
SCRIPT = Path(sys.executable).with_name("alliancescore")
CLI = [str(SCRIPT)] if SCRIPT.is_file() else [sys.executable, "-m", "alliancescore"]
COMMANDS = {
    'python -c "import pandas"': [sys.executable, "-c", "import pandas"],
    "alliancescore --help": [*CLI, "--help"],
    "alliancescore validate japan.toml": [*CLI, "validate", PROFILE],
    "alliancescore score japan.toml": [*CLI, "score", PROFILE],
}


def _time(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11, help="rounds (default 11)")
    parser.add_argument("--cold", action="store_true", help="also time one empty-cache run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "ALLIANCESCORE_CACHE_DIR": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if args.cold:
            cold = _time(COMMANDS["alliancescore score japan.toml"], env)
        for command in COMMANDS.values():  # warm the data cache and the OS's file cache
            _time(command, env)
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.repeats):
            for name, command in COMMANDS.items():
                times[name].append(_time(command, env))
    print(
        f"alliancescore {__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores; median of {args.repeats} interleaved runs"
    )
    floor = statistics.median(times['python -c "import pandas"'])
    print(f"{'command':40}{'seconds':>9}{'x pandas import':>17}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:40}{median:9.3f}{median / floor:17.2f}")
    if args.cold:
        print(f"{'score, first run (empty cache)':40}{cold:9.3f}{cold / floor:17.2f}")


if __name__ == "__main__":
    main()
