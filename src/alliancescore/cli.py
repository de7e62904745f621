"""The ``alliancescore`` command line.

Every input problem ends in one message on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from alliancescore import __version__
from alliancescore.errors import AllianceScoreError

__all__ = ["main"]


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alliancescore",
        description="Rank candidate military partners and coalitions with multi-criteria methods.",
    )
    parser.add_argument("--version", action="version", version=f"alliancescore {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="run the shipped demonstration")
    demo.set_defaults(run=_run_demo)
    return parser


def _run_demo(args: argparse.Namespace) -> int:
    from alliancescore.demo import run_demo

    return run_demo(sys.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except AllianceScoreError as error:
        print(f"alliancescore: error: {error}", file=sys.stderr)
        return 2
