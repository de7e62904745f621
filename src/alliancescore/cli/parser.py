"""The command line's arguments: commands, options, their types and help (defaults stated)."""

from __future__ import annotations

import argparse
from pathlib import Path

from alliancescore import __version__
from alliancescore.params import Nullable
from alliancescore.present.writing import DEFAULT_FOLDER
from alliancescore.settings import PROFILE_SAMPLERS, SETTINGS, default_text

from .commands import (
    run_backtest,
    run_demo,
    run_elicit,
    run_explain,
    run_init,
    run_report,
    run_score,
    run_sensitivity,
    run_study,
    run_study_report,
    run_validate,
)

__all__ = ["build_parser"]


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


def _target_se(text: str) -> float:
    """An argparse type: a standard error in (0, 0.5]."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 0.5:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 0.5], found {text!r}")
    return value


def _setting(name: str, kind: type):
    """An argparse type for the sensitivity setting ``name``: the value parsed as ``kind`` and
    checked against the setting's declared constraint (the same check as a profile's
    ``[sensitivity]`` table and the API: finite numbers, bounds, the cap on draws)."""
    constraint = SETTINGS[name].constraint
    if isinstance(constraint, Nullable):  # "none" is the option left out, not a value typed
        constraint = constraint.inner

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not constraint.accepts(value):
            hint = constraint.hint(value) if value is not None else ""
            message = f"expected {constraint.expected()}, found {text!r}"
            raise argparse.ArgumentTypeError(f"{message}. {hint}" if hint else message)
        return value

    return parse


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


def build_parser() -> argparse.ArgumentParser:
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
        help="start a work folder: editable copies of the default criteria, the demo profiles "
        "and the facts file they share",
    )
    init.add_argument("folder", metavar="DIR", help="folder to write (created if missing)")
    init.set_defaults(run=run_init)

    validate = add("validate", help="check criteria files and profiles")
    validate.add_argument("files", nargs="+", metavar="FILE", help="profiles and criteria files")
    validate.set_defaults(run=run_validate)

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
        "--format",
        choices=["table", "csv", "json", "xlsx"],
        default=None,
        help="output format, by default from --out's suffix (.csv, .json, .xlsx), else table "
        "(xlsx: one workbook, needs --out)",
    )
    score.add_argument("--out", metavar="PATH", help="write here instead of stdout")
    score.add_argument("--top", type=POSITIVE, metavar="N", help="table: show the first N only")
    score.add_argument(
        "--analyst",
        metavar="ID",
        help="with [[analysts]]: score this analyst's judgments alone (default: the group's)",
    )
    score.set_defaults(run=run_score)

    explain = add("explain", help="trace every number behind one candidate")
    explain.add_argument("profile", metavar="PROFILE", help="the profile (.toml)")
    explain.add_argument("candidate", metavar="CANDIDATE", help="ISO3 code or coalition id")
    explain.add_argument(
        "--criteria",
        metavar="FILE",
        help="criteria file (default: the profile's criteria entry, else the default model)",
    )
    explain.add_argument(
        "--versus",
        metavar="OTHER",
        help="why CANDIDATE ranks where it does against OTHER: the difference by indicator, "
        "each method's scores and ranks",
    )
    explain.add_argument(
        "--format",
        choices=["table", "json"],
        default="table",
        help="output format (json: with --versus only)",
    )
    explain.set_defaults(run=run_explain)

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
        type=_setting("samples", int),
        metavar="N",
        help=f"{SETTINGS['samples'].doc} (default: the profile's [sensitivity] samples, else "
        f"{default_text('samples')})",
    )
    sens.add_argument(
        "--seed",
        type=_setting("seed", int),
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
        type=_setting("concentration", float),
        metavar="C",
        help="Dirichlet concentration per tree node, larger = closer to the weights "
        f"(default: the profile's, else {default_text('concentration')})",
    )
    sens.add_argument(
        "--data-error",
        type=_setting("data_error", float),
        metavar="R",
        help="relative error on raw indicator values, e.g. 0.1 (default: the profile's, else "
        f"{default_text('data_error')})",
    )
    sens.add_argument(
        "--format",
        choices=["table", "json", "csv", "xlsx"],
        default=None,
        help="output format, by default from --out's suffix (.json, .xlsx), else table "
        "(xlsx: one workbook, needs --out; csv: one file per table in the "
        "folder --out)",
    )
    sens.add_argument("--out", metavar="PATH", help="write here instead of stdout (csv: a folder)")
    sens.add_argument(
        "--analyst",
        metavar="ID",
        help="with [[analysts]]: analyse this analyst's judgments alone (default: the group's, "
        "and the rank acceptability over the whole team)",
    )
    # csv writes a folder of tables: a name ending in .csv does not ask for it
    sens.set_defaults(run=run_sensitivity, out_suffixes=(".json", ".xlsx"))

    demo = add("demo", help="run the shipped demonstration")
    demo.add_argument(
        "--engine",
        action="store_true",
        help="only the engine check against a published worked example",
    )
    demo.add_argument(
        "--out",
        metavar="DIR",
        help=f"where results are written (default: {DEFAULT_FOLDER}; not with --engine, "
        "which writes nothing)",
    )
    demo.set_defaults(run=run_demo)

    backtest = add(
        "backtest", help="compare partner scores at a year with the defence pacts formed after it"
    )
    backtest.add_argument("--criteria", metavar="FILE", help="criteria file (default: default)")
    backtest.add_argument("--year", type=int, default=2000, help="reference year")
    backtest.add_argument(
        "--horizon", type=int, default=10, help="years after it in which new pacts count"
    )
    backtest.add_argument(
        "--focal",
        nargs="+",
        action="extend",
        metavar="ISO3",
        help="focal states (repeatable: --focal DEU IDN or --focal DEU --focal IDN; default all)",
    )
    backtest.add_argument("--method", action="append", metavar="NAME", help="also this method")
    backtest.add_argument(
        "--format",
        choices=["table", "csv", "json", "xlsx"],
        default=None,
        help="output format, by default from --out's suffix (.csv, .json, .xlsx), else table "
        "(csv: the metrics; xlsx: one workbook of every table, needs --out)",
    )
    backtest.add_argument("--out", metavar="PATH", help="write here instead of stdout")
    backtest.set_defaults(run=run_backtest)

    study = add(
        "study",
        help="score a profile template for many focal states and years, one Parquet file each "
        "(needs the extra 'study')",
    )
    study.add_argument("study", metavar="STUDY", help="study file (.toml)")
    study.add_argument("--out", metavar="DIR", required=True, help="the output folder")
    where = study.add_mutually_exclusive_group()
    where.add_argument("--jobs", type=POSITIVE, default=1, help="local worker processes")
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="run the tasks on the workers of the Dask scheduler at ADDRESS (e.g. "
        "tcp://127.0.0.1:8786; 10 s to connect; default: none, local processes). The workers "
        "need the same alliancescore and the study's input files at the same paths; the part "
        "files are written by this command, so DIR need not be shared with them",
    )
    study.add_argument(
        "--resume", action="store_true", help="keep the tasks whose part file exists"
    )
    study.add_argument(
        "--target-se",
        type=_target_se,
        metavar="SE",
        help="draw weights until every rank acceptability's Monte Carlo standard error is "
        "under SE, e.g. 0.005 (default: the study file's target_se or samples; this "
        "replaces both)",
    )
    study.add_argument(
        "--no-report",
        action="store_true",
        help="do not write the study report (DIR/report.html and DIR/report_tables/; with "
        "criteria variants one per variant, DIR/report_ID.html) at the end",
    )
    study.set_defaults(run=run_study)

    study_report = add(
        "study-report",
        help="write the HTML report of a study's output folder, with its tables as CSV "
        "(needs the extra 'study')",
    )
    study_report.add_argument(
        "folder", metavar="DIR", help="the study's output folder (alliancescore study --out DIR)"
    )
    study_report.add_argument(
        "--out",
        metavar="FILE",
        help="the HTML file (default: DIR/report.html); its tables go to a folder beside it "
        "named after it (report.html: report_tables/); with criteria variants, one report "
        "per variant named after it (report_ID.html)",
    )
    study_report.add_argument(
        "--variant",
        metavar="ID",
        help="a study with criteria variants: this variant's report alone (default: one per "
        "variant)",
    )
    study_report.add_argument(
        "--top", type=POSITIVE, default=5, metavar="N", help="partners shown per year"
    )
    study_report.add_argument(
        "--method",
        metavar="NAME",
        help="the method of the charts and per-state tables (default: the study's first)",
    )
    study_report.add_argument(
        "--templates",
        metavar="DIR",
        help="a folder of templates overriding the package's, by file name (default: none)",
    )
    study_report.set_defaults(run=run_study_report)

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
    report.add_argument("--out", metavar="DIR", help=f"output folder (default: {DEFAULT_FOLDER})")
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
        type=_setting("samples", int),
        metavar="N",
        help=f"sensitivity (not with --compare, which draws none): weight draws per method "
        f"(default: the profile's, else {default_text('samples')})",
    )
    report.add_argument(
        "--seed",
        type=_setting("seed", int),
        metavar="S",
        help=f"sensitivity (not with --compare): random seed (default: the profile's, else "
        f"{default_text('seed')})",
    )
    report.set_defaults(run=run_report)

    elicit = add(
        "elicit",
        help="write an offline HTML page that asks one analyst for weights (AHP or swing) "
        "and exports them as a profile's [[analysts]] block",
    )
    elicit.add_argument(
        "criteria",
        nargs="?",
        metavar="CRITERIA",
        help="criteria file (default: the --profile's criteria entry, else the default model)",
    )
    elicit.add_argument(
        "--profile",
        metavar="P",
        help="a profile: its label titles the page, its criteria file is the default, and its "
        "weights prefill the judgments (default: none, every node starts at equal)",
    )
    elicit.add_argument(
        "--analyst-id",
        metavar="ID",
        default="analyst",
        help="the [[analysts]] id the page starts with (lowercase letters, digits, _)",
    )
    elicit.add_argument("--out", metavar="FILE", required=True, help="the HTML file to write")
    elicit.set_defaults(run=run_elicit)
    return parser


def _command_adder(commands, common: argparse.ArgumentParser):
    def add(name: str, **kwargs) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, parents=[common], formatter_class=_HelpWithDefaults, **kwargs
        )

    return add


SUFFIX_FORMATS = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}


def resolve_format(args: argparse.Namespace) -> None:
    """A command's ``--format`` when not given: the one ``--out``'s suffix names (a workbook
    written as ``r.xlsx`` must be a workbook, not text), else ``table``."""
    if not hasattr(args, "format") or args.format is not None:
        return
    out = getattr(args, "out", None)
    suffix = Path(out).suffix.lower() if out else ""
    known = getattr(args, "out_suffixes", tuple(SUFFIX_FORMATS))
    args.format = SUFFIX_FORMATS[suffix] if suffix in known else "table"
