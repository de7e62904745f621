"""The ``alliancescore`` command line.

Every input problem ends in one message on stderr (file, key path, what was expected, what was
found, how to fix it) and a non-zero exit, never a traceback. Exit codes: 0 success, 2 bad
input (including a file ``validate`` finds invalid), 1 a check that ran and failed (``demo``
not reproducing its published example).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from alliancescore import __version__
from alliancescore._allocator import keep_freed_memory
from alliancescore.data.paths import DATA_ENV
from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.present.terminal import terminal_safe
from alliancescore.settings import PROFILE_SAMPLERS, SETTINGS, default_text

if TYPE_CHECKING:  # the data layer is imported only by the commands that need it
    from alliancescore.data import Dataset

__all__ = ["main"]


def _bounded(kind: type, low: float, label: str):
    """An argparse type: ``kind`` values of at least ``low`` (argparse reports the rest)."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {label}, found {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"expected {label}, found {text!r}")
        return value

    return parse


POSITIVE = _bounded(int, 1, "a whole number of at least 1")
NON_NEGATIVE = _bounded(int, 0, "a whole number of at least 0")
POSITIVE_REAL = _bounded(float, 1e-300, "a positive number")
NON_NEGATIVE_REAL = _bounded(float, 0.0, "a number of at least 0")


class _HelpWithDefaults(argparse.HelpFormatter):
    """Help that states each option's default when it has one and the text does not say it."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if (
            "default" not in text
            and default not in (None, False, argparse.SUPPRESS)
            and action.option_strings
        ):
            text += " (default: %(default)s)"
        return text


def _build_parser() -> argparse.ArgumentParser:
    # Options every command takes (after the command name too).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        metavar="DIR",
        default=argparse.SUPPRESS,  # so a subcommand does not reset a value given before it
        help="data set folder (default: $ALLIANCESCORE_DATA_DIR, else the data shipped in the "
        "package)",
    )
    parser = argparse.ArgumentParser(
        prog="alliancescore",
        description="Rank candidate military partners and coalitions with multi-criteria methods.",
        formatter_class=_HelpWithDefaults,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"alliancescore {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add = _command_adder(commands, common)

    init = add(
        "init",
        help="start a work folder: editable copies of the default criteria and demo profiles",
    )
    init.add_argument("folder", metavar="DIR", help="folder to write (created if missing)")
    init.set_defaults(run=_run_init)

    validate = add("validate", help="check criteria files and profiles")
    validate.add_argument("files", nargs="+", metavar="FILE", help="profiles and criteria files")
    validate.set_defaults(run=_run_validate)

    score = add("score", help="score a profile's candidates and coalitions")
    score.add_argument("profile", metavar="PROFILE", help="the profile (.toml) to score")
    score.add_argument(
        "--criteria",
        metavar="FILE",
        help="criteria file (default: the profile's criteria entry, else the default model)",
    )
    score.add_argument(
        "--method",
        action="append",
        metavar="NAME",
        help="a method to run instead of the profile's (repeatable)",
    )
    score.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="output format"
    )
    score.add_argument("--out", metavar="PATH", help="write here instead of stdout")
    score.add_argument("--top", type=POSITIVE, metavar="N", help="table: show the first N only")
    score.set_defaults(run=_run_score)

    explain = add("explain", help="trace every number behind one candidate")
    explain.add_argument("profile", metavar="PROFILE", help="the profile (.toml)")
    explain.add_argument("candidate", metavar="CANDIDATE", help="ISO3 code or coalition id")
    explain.add_argument(
        "--criteria",
        metavar="FILE",
        help="criteria file (default: the profile's criteria entry, else the default model)",
    )
    explain.set_defaults(run=_run_explain)

    sens = add("sensitivity", help="how far a profile's ranking can be trusted")
    sens.add_argument("profile", metavar="PROFILE", help="the profile (.toml) to analyse")
    sens.add_argument(
        "--criteria",
        metavar="FILE",
        help="criteria file (default: the profile's criteria entry, else the default model)",
    )
    sens.add_argument(
        "--method",
        action="append",
        metavar="NAME",
        help="a method to analyse (repeatable; default: the profile's)",
    )
    sens.add_argument(
        "--samples",
        type=POSITIVE,
        metavar="N",
        help=f"{SETTINGS['samples'].doc} (default: the profile's [sensitivity] samples, else "
        f"{default_text('samples')})",
    )
    sens.add_argument(
        "--seed",
        type=NON_NEGATIVE,
        metavar="S",
        help=f"{SETTINGS['seed'].doc} (default: the profile's, else {default_text('seed')})",
    )
    sens.add_argument(
        "--sampler",
        choices=PROFILE_SAMPLERS,
        help=f"{SETTINGS['sampler'].doc} (default: the profile's, else {default_text('sampler')})",
    )
    sens.add_argument(
        "--concentration",
        type=POSITIVE_REAL,
        metavar="C",
        help="Dirichlet concentration per tree node, larger = closer to the weights "
        f"(default: the profile's, else {default_text('concentration')})",
    )
    sens.add_argument(
        "--data-error",
        type=NON_NEGATIVE_REAL,
        metavar="R",
        help="relative error on raw indicator values, e.g. 0.1 (default: the profile's, else "
        f"{default_text('data_error')})",
    )
    sens.add_argument("--format", choices=["table", "json"], default="table", help="output format")
    sens.add_argument("--out", metavar="PATH", help="write here instead of stdout")
    sens.set_defaults(run=_run_sensitivity)

    demo = add("demo", help="run the shipped demonstration")
    demo.add_argument(
        "--engine",
        action="store_true",
        help="only the engine check against a published worked example",
    )
    demo.add_argument(
        "--out",
        metavar="DIR",
        default="reports/out",
        help="where results are written",
    )
    demo.set_defaults(run=_run_demo)

    backtest = add(
        "backtest", help="compare partner scores at a year with the defence pacts formed after it"
    )
    backtest.add_argument("--criteria", metavar="FILE", help="criteria file (default: default)")
    backtest.add_argument("--year", type=int, default=2000, help="reference year")
    backtest.add_argument(
        "--horizon", type=int, default=10, help="years after it in which new pacts count"
    )
    backtest.add_argument("--focal", nargs="+", metavar="ISO3", help="focal states (default all)")
    backtest.add_argument("--method", action="append", metavar="NAME", help="also this method")
    backtest.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="output format"
    )
    backtest.add_argument("--out", metavar="PATH", help="write here instead of stdout")
    backtest.set_defaults(run=_run_backtest)

    report = add("report", help="write HTML reports: one self-contained offline file per analysis")
    report.add_argument("profiles", nargs="+", metavar="PROFILE", help="profiles (.toml)")
    report.add_argument(
        "--compare",
        action="store_true",
        help="one report with every analysis side by side instead of one per profile "
        "(implied by more than one --criteria)",
    )
    report.add_argument(
        "--criteria",
        action="append",
        metavar="FILE",
        help="criteria file (default: the profile's; repeat to compare criteria side by side)",
    )
    report.add_argument("--out", metavar="DIR", default="reports/out", help="output folder")
    report.add_argument(
        "--templates",
        metavar="DIR",
        help="a folder of templates overriding the package's, by file name (default: none)",
    )
    report.add_argument(
        "--backtest",
        metavar="DIR",
        help="backtest figures to include (default: the default model's, shipped in the package)",
    )
    report.add_argument(
        "--samples",
        type=POSITIVE,
        metavar="N",
        help=f"sensitivity: weight draws per method (default: the profile's, else "
        f"{default_text('samples')})",
    )
    report.add_argument(
        "--seed",
        type=NON_NEGATIVE,
        metavar="S",
        help=f"sensitivity: random seed (default: the profile's, else {default_text('seed')})",
    )
    report.set_defaults(run=_run_report)
    return parser


def _command_adder(commands, common: argparse.ArgumentParser):
    def add(name: str, **kwargs) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, parents=[common], formatter_class=_HelpWithDefaults, **kwargs
        )

    return add


def _destination(out: str | None, inputs: Sequence[str | None]) -> Path | None:
    """The checked ``--out`` file (None: standard output), before the work is done."""
    if out is None:
        return None
    from alliancescore.data import load
    from alliancescore.present.writing import check_destination

    return check_destination(out, [i for i in inputs if i], load().root)


def _emit(text: str, target: Path | None) -> None:
    if target is None:
        sys.stdout.write(text)
        return
    from alliancescore.present.writing import write_atomic

    write_atomic(target, text)
    print(f"wrote {target}", file=sys.stderr)


def _run_validate(args: argparse.Namespace) -> int:
    """Check each file through every layer it has (see :mod:`alliancescore.analysis.validation`) and
    print all its problems; a problem already printed for an earlier file (a criteria file named
    beside the profiles using it) is counted, not repeated."""
    from alliancescore.data import load

    data = load()
    printed: set[Problem] = set()
    failed = 0
    for path in args.files:
        try:
            kind, notes = _validate_one(path, data)
        except AllianceScoreError as error:
            failed += 1
            message = terminal_safe(str(_unprinted(error, printed)))
            print(f"alliancescore: error: {message}", file=sys.stderr)
            printed.update(error.problems)
            continue
        print(terminal_safe(f"{path}: valid {kind}"))
        for note in notes:
            print(terminal_safe(f"  note: {note}"))
    return 2 if failed else 0


def _validate_one(path: str, data: Dataset) -> tuple[str, tuple[str, ...]]:
    """The kind of file at ``path`` and the notes of its checks; raises its problems."""
    from alliancescore.analysis.validation import check_profile
    from alliancescore.model.criteria import load_criteria
    from alliancescore.model.schema import read_toml

    document, _ = read_toml(path)
    if "profile" in document:
        return "profile", check_profile(path, data=data).notes
    if "model" in document:
        load_criteria(path)
        return "criteria file", ()
    raise AllianceScoreError(
        Problem(
            path,
            "a profile ([profile] table) or a criteria file ([model] table)",
            f"top-level keys {sorted(document)}",
        )
    )


def _unprinted(error: AllianceScoreError, printed: set[Problem]) -> AllianceScoreError | str:
    """``error`` without the problems already printed, and a line saying where they were."""
    fresh = [p for p in error.problems if p not in printed]
    repeated = [p for p in error.problems if p in printed]
    if not repeated:
        return error
    files = sorted({p.where.split(": ", 1)[0] for p in repeated})
    line = f"{len(repeated)} problem(s) of {', '.join(files)}, printed above, not repeated"
    if not fresh:
        return "\n  ".join([line, *error.skipped])
    return AllianceScoreError(fresh, [line, *error.skipped])


def _run_score(args: argparse.Namespace) -> int:
    from alliancescore.analysis.scoring import score
    from alliancescore.present.output import result_json, result_table

    result = score(
        args.profile, args.criteria, methods=args.method, command=["alliancescore", *sys.argv[1:]]
    )
    target = _destination(args.out, [args.profile, result.criteria.path])
    if args.format == "json":
        text = result_json(result)
    elif args.format == "csv":
        text = result.summary().to_csv(float_format="%.6g")
    else:
        text = terminal_safe(result_table(result, args.top))
    _emit(text, target)
    return 0


def _run_sensitivity(args: argparse.Namespace) -> int:
    from alliancescore.analysis.robustness import SensitivitySpec, analyse
    from alliancescore.analysis.scoring import score
    from alliancescore.present.output import sensitivity_json, sensitivity_table

    result = score(
        args.profile, args.criteria, methods=args.method, command=["alliancescore", *sys.argv[1:]]
    )
    target = _destination(args.out, [args.profile, result.criteria.path])  # before the long run
    spec = SensitivitySpec.for_profile(
        result.profile,
        samples=args.samples,
        seed=args.seed,
        sampler=args.sampler,
        concentration=args.concentration,
        data_error=args.data_error,
    )
    with _progress_bar(len(result.methods) * spec.samples) as tick:
        report = analyse(result, spec, progress=tick)
    if args.format == "json":
        text = sensitivity_json(report)
    else:
        text = terminal_safe(sensitivity_table(report))
    _emit(text, target)
    return 0


def _terminal_width() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        return 0


class _progress_bar:
    """A tqdm bar on stderr for long runs (only when stderr is a terminal)."""

    def __init__(self, total: int):
        self.total, self.bar = total, None

    def __enter__(self):
        if sys.stderr.isatty():
            from tqdm import tqdm

            # A terminal that reports a size of 0 x 0 (script(1), some CI shells) would get no
            # bar at all from tqdm: fall back to $COLUMNS/$LINES or 80 x 24 then.
            size = shutil.get_terminal_size() if _terminal_width() == 0 else None
            self.bar = tqdm(
                total=self.total or None,
                unit="draws",
                unit_scale=True,
                file=sys.stderr,
                leave=False,
                ncols=size.columns if size else None,
                nrows=size.lines if size else None,
            )

        def tick(done: int) -> None:
            if self.bar is not None:
                self.bar.update(max(0, done - self.bar.n))

        return tick

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _run_explain(args: argparse.Namespace) -> int:
    from alliancescore.analysis.scoring import score
    from alliancescore.present.explain import explain_text

    result = score(args.profile, args.criteria, command=["alliancescore", *sys.argv[1:]])
    alternatives = list(result.matrix.alternatives.index)
    if args.candidate not in alternatives:
        raise AllianceScoreError(
            Problem(
                "CANDIDATE",
                f"a candidate or coalition of {Path(args.profile).name}",
                repr(args.candidate),
                did_you_mean(args.candidate, alternatives),
            )
        )
    sys.stdout.write(terminal_safe(explain_text(result, args.candidate)))
    return 0


def _run_init(args: argparse.Namespace) -> int:
    from alliancescore.workspace import init_workspace

    written = init_workspace(args.folder)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    profile = next(p for p in written if p.parent.name == "profiles")
    print(
        f"next: cd {args.folder} && alliancescore score profiles/{profile.name}",
        file=sys.stderr,
    )
    return 0


def _run_demo(args: argparse.Namespace) -> int:
    from alliancescore.data import load
    from alliancescore.demo import run_demo
    from alliancescore.present.writing import check_output_folder

    check_output_folder(args.out, load().root)
    return run_demo(sys.stdout, engine_only=args.engine, out_dir=Path(args.out))


def _run_backtest(args: argparse.Namespace) -> int:
    from alliancescore.backtest import run_backtest
    from alliancescore.backtest.report import backtest_csv, backtest_json, backtest_table

    target = _destination(args.out, [args.criteria])  # before the long run
    result = run_backtest(
        args.year,
        args.horizon,
        criteria=args.criteria,
        focal=args.focal,
        methods=args.method or (),
        command=["alliancescore", *sys.argv[1:]],
    )
    render = {"json": backtest_json, "csv": backtest_csv, "table": backtest_table}[args.format]
    text = render(result)
    _emit(terminal_safe(text) if args.format == "table" else text, target)
    return 0


def _run_report(args: argparse.Namespace) -> int:
    from alliancescore.analysis.robustness import SensitivitySpec, analyse
    from alliancescore.analysis.scoring import score
    from alliancescore.data import load
    from alliancescore.present.reports import (
        check_templates,
        report_inputs,
        write_comparison_report,
        write_profile_report,
    )
    from alliancescore.present.writing import check_destination, check_output_folder
    from alliancescore.shipped import backtest_results

    out = check_output_folder(args.out, load().root)
    # Override templates only from a folder the analyst names: a reports/templates folder
    # that happens to be in the working folder is not picked up.
    templates = args.templates
    check_templates(templates)  # a missing folder or a broken template, before any work
    backtest = args.backtest if args.backtest is not None else backtest_results()
    data = load()
    command = ["alliancescore", *sys.argv[1:]]
    criteria = args.criteria or [None]
    results = [
        score(profile, file, data=data, command=command)
        for profile in args.profiles
        for file in criteria
    ]
    if args.compare or len(criteria) > 1:
        if len(results) < 2:
            raise AllianceScoreError(
                Problem(
                    "--compare",
                    "at least two analyses (profiles or --criteria files)",
                    "one",
                    "Name another profile or repeat --criteria",
                )
            )
        path = write_comparison_report(results, out, templates, data=data)
        print(f"wrote {path}", file=sys.stderr)
        return 0
    ids = [result.profile.id for result in results]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise AllianceScoreError(
            Problem(
                "PROFILE",
                "profiles with distinct ids (each names its report file)",
                f"the id {', '.join(map(repr, repeated))} more than once",
            )
        )
    for result in results:  # refuse a bad destination before the long sensitivity runs
        check_destination(
            out / f"{result.profile.id}.html", report_inputs([result], templates), data.root
        )
    for result in results:
        spec = SensitivitySpec.for_profile(result.profile, samples=args.samples, seed=args.seed)
        with _progress_bar(len(result.methods) * spec.samples) as tick:
            analysis = analyse(result, spec, progress=tick)
        path = write_profile_report(result, analysis, out, templates, data=data, backtest=backtest)
        print(f"wrote {path}", file=sys.stderr)
    return 0


# The Python API names its parameters in errors; the command line names its flags instead.
_FLAG_OF_PARAMETER = {
    "methods": "--method",
    "samples": "--samples",
    "seed": "--seed",
    "sampler": "--sampler",
    "concentration": "--concentration",
    "data_error": "--data-error",
}


class _Terminated(BaseException):
    """A termination signal, raised in the main thread so that ``finally`` and ``except
    BaseException`` blocks run (a half-written temporary file is removed)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, _frame: object) -> None:
    raise _Terminated(signum)


def _stop_cleanly_on_signals() -> None:
    """SIGTERM and SIGHUP end the command like Ctrl-C does, not abruptly (only the main
    thread of the command line sets handlers; a library caller keeps its own)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _raise_terminated)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "data", None) is not None:
        # The one switch every layer reads (and any worker process inherits).
        os.environ[DATA_ENV] = args.data
    keep_freed_memory()  # Monte Carlo temporaries reused, not page-faulted in (see _allocator)
    if argv is None:  # the command line itself, not a caller passing arguments
        _stop_cleanly_on_signals()
    try:
        return args.run(args)
    except AllianceScoreError as error:
        error = error.relocated(lambda where: _FLAG_OF_PARAMETER.get(where, where))
        print(f"alliancescore: error: {terminal_safe(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("alliancescore: interrupted", file=sys.stderr)
        return 130
    except _Terminated as stop:
        print(f"alliancescore: stopped by signal {stop.signum}", file=sys.stderr)
        return 128 + stop.signum
