"""What each command does: read, run the analysis, write (the parser dispatches here)."""

from __future__ import annotations

import argparse
import dataclasses
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.present.terminal import terminal_safe

from .progress import progress_bar

__all__ = [
    "run_backtest",
    "run_demo",
    "run_elicit",
    "run_explain",
    "run_init",
    "run_report",
    "run_score",
    "run_sensitivity",
    "run_study",
    "run_study_report",
    "run_validate",
]

if TYPE_CHECKING:  # the data layer is imported only by the commands that need it
    from alliancescore.data import Dataset


def _destination(out: str | None, inputs: Sequence[str | None]) -> Path | None:
    """The checked ``--out`` file (None: standard output), before the work is done."""
    if out is None:
        return None
    from alliancescore.data import load
    from alliancescore.present.writing import check_destination

    return check_destination(out, [i for i in inputs if i], load().root)


def _inputs(result: Any) -> list[str]:
    """Every file a result read (the profile, its facts files, the criteria file, the
    analysts' tables: its record's inputs), which ``--out`` may never name."""
    return [str(entry["path"]) for entry in result.record["inputs"] if entry.get("path")]


def _file_output(args: argparse.Namespace) -> None:
    """Refuse, before any work, a file-only format with no ``--out`` (a workbook is binary
    and a set of CSV tables is a folder: neither goes to standard output), and a workbook
    without openpyxl."""
    if args.format == "xlsx":
        if args.out is None:
            raise AllianceScoreError(
                Problem(
                    "--out",
                    "a file for --format xlsx (a workbook is binary: it is never written to "
                    "standard output)",
                    "no --out",
                    "Add e.g. --out results.xlsx",
                )
            )
        from alliancescore.present.sheets.workbook import require_openpyxl

        require_openpyxl()
    elif args.format == "csv" and args.command == "sensitivity" and args.out is None:
        raise AllianceScoreError(
            Problem(
                "--out",
                "a folder for sensitivity --format csv (one CSV file per table)",
                "no --out",
                "Add e.g. --out sensitivity-csv",
            )
        )


def _emit_sheets(sheets: list, target: Path, fmt: str, inputs: Sequence[str | None]) -> None:
    """Write ``sheets`` as one workbook at ``target`` (``xlsx``) or one CSV file per sheet in
    the folder ``target`` (``csv``)."""
    if fmt == "xlsx":
        from alliancescore.present.sheets.workbook import write_workbook

        write_workbook(sheets, target)
        print(f"wrote {target}", file=sys.stderr)
        return
    from alliancescore.data import load
    from alliancescore.present.sheets.csv_folder import write_csv_folder

    written = write_csv_folder(sheets, target, [i for i in inputs if i], load().root)
    print(f"wrote {len(written)} tables to {target}", file=sys.stderr)


def _emit(text: str, target: Path | None) -> None:
    if target is None:
        # CSV and JSON go to a pipe or a file as they are; on a terminal a label's escape or
        # bidirectional characters would act on the terminal, so they are shown escaped, as
        # the text tables always are.
        sys.stdout.write(terminal_safe(text) if sys.stdout.isatty() else text)
        return
    from alliancescore.present.writing import write_atomic

    write_atomic(target, text)
    print(f"wrote {target}", file=sys.stderr)


def run_validate(args: argparse.Namespace) -> int:
    """Check each file through every layer it has (see :mod:`alliancescore.analysis.validation`) and
    print all its problems; a problem already printed for an earlier file (a criteria file named
    beside the profiles using it) is counted, not repeated."""
    from alliancescore.data import load
    from alliancescore.present.prose import wrap_prose

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
        # on a terminal each note wraps with a hanging indent, as score's do; piped, whole
        for line in wrap_prose([f"  note: {note}" for note in notes], _terminal_width()):
            print(terminal_safe(line))
    return 2 if failed else 0


def _validate_one(path: str, data: Dataset) -> tuple[str, tuple[str, ...]]:
    """The kind of file at ``path`` and the notes of its checks; raises its problems."""
    from alliancescore.model.file_kinds import kind_of, kinds_expected, refuse_empty
    from alliancescore.model.schema import read_toml

    document, _ = read_toml(path)
    refuse_empty(document, path)  # the message score gives it too
    kind = kind_of(document)
    if kind is None:
        raise AllianceScoreError(
            Problem(path, kinds_expected(), f"top-level keys {sorted(document)}")
        )
    return kind.name, _VALIDATORS[kind.name](path, data)


def _validate_profile(path: str, data: Dataset) -> tuple[str, ...]:
    """A profile's checks, every layer (:mod:`alliancescore.analysis.validation`), and first
    the tables that have ended at its year (:mod:`alliancescore.analysis.staleness`)."""
    from alliancescore.analysis.staleness import profile_warnings
    from alliancescore.analysis.validation import check_profile

    checked = check_profile(path, data=data)
    # a table that has ended at the profile's year, as score says it (first: a warning)
    ended = profile_warnings(checked.profile, checked.criteria, data)
    return (*ended, *checked.notes)


def _validate_criteria(path: str, data: Dataset) -> tuple[str, ...]:
    """A criteria file's checks; the notes name the tables its indicators read that it does
    not declare (each profile using it must); raises its problems."""
    from alliancescore.model.analyst_tables import check_references, referenced_tables
    from alliancescore.model.criteria import load_criteria

    model = load_criteria(path, data)
    problems = check_references(model.indicators, {t.id: t for t in model.tables}, unknown_ok=True)
    if problems:
        raise AllianceScoreError(problems)
    declared = {t.id for t in model.tables}
    elsewhere = sorted(set(referenced_tables(model.indicators).values()) - declared)
    return tuple(
        f"indicators read table {name!r}, which the file does not declare: each profile "
        "using it must ([[tables]])"
        for name in elsewhere
    )


def _validate_facts(path: str, data: Dataset) -> tuple[str, ...]:
    """Check a facts file alone, as a profile listing it would (its format, then its codes,
    tables and values against the data set); raises its problems."""
    from alliancescore.model.facts import check_facts

    facts = check_facts(path, data)
    return (f"{len(facts.overrides)} overrides, each with its source",)


def _validate_study(path: str, data: Dataset) -> tuple[str, ...]:
    """A study file's checks (``load_study``), then its template's as a profile, as a run
    checks it (``check_template``); the notes say how many tasks it makes and carry the
    template's."""
    from alliancescore.model.study import load_study
    from alliancescore.study.run import check_template

    study = load_study(path, data)
    template = check_template(study, data)
    return (
        f"{len(study.tasks)} task(s); template {study.template}: valid profile "
        "(each task's focal state, year and threats are checked when it runs)",
        *(f"template: {note}" for note in template.notes),
    )


# The checks of each kind of file, by its name in model.file_kinds.FILE_KINDS (a test checks
# that every kind there has one).
_VALIDATORS: dict[str, Callable[[str, Dataset], tuple[str, ...]]] = {
    "profile": _validate_profile,
    "criteria file": _validate_criteria,
    "study file": _validate_study,
    "facts file": _validate_facts,
}


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


def run_score(args: argparse.Namespace) -> int:
    from alliancescore.analysis.scoring import score
    from alliancescore.present.output import result_json, result_table

    _file_output(args)
    result = score(
        args.profile,
        args.criteria,
        methods=args.method,
        command=["alliancescore", *sys.argv[1:]],
        analyst=args.analyst,
    )
    target = _destination(args.out, _inputs(result))
    if args.format == "xlsx":
        from alliancescore.present.sheets import score_sheets

        _emit_sheets(score_sheets(result), target, "xlsx", [])
        return 0
    group = _group(result, args.analyst)
    if args.format == "json":
        text = result_json(result, group)
    elif args.format == "csv":
        from alliancescore.present.sheets.csv_folder import formula_safe

        text = formula_safe(result.summary()).to_csv(float_format="%.6g")
    else:
        width = _terminal_width() if target is None else None
        text = terminal_safe(result_table(result, args.top, group, width))
    _emit(text, target)
    return 0


def _terminal_width() -> int | None:
    """The width of the terminal standard output is, or ``None`` for a pipe or a file (which
    get the table unwrapped, as scripts and the README's examples read it)."""
    if not sys.stdout.isatty():
        return None
    import shutil

    # $COLUMNS first, then the terminal's own size; 80 where it reports none (script(1)).
    return shutil.get_terminal_size().columns


def _group(result, analyst: str | None):
    """The analysts' disagreement when the profile has analysts and the group is scored."""
    if result.group is None or analyst is not None:
        return None
    from alliancescore.analysis.group import analyse_group

    return analyse_group(result)


def run_sensitivity(args: argparse.Namespace) -> int:
    from alliancescore.analysis.robustness import SensitivitySpec, analyse
    from alliancescore.analysis.scoring import score
    from alliancescore.present.output import sensitivity_json, sensitivity_table

    _file_output(args)
    result = score(
        args.profile,
        args.criteria,
        methods=args.method,
        command=["alliancescore", *sys.argv[1:]],
        analyst=args.analyst,
    )
    inputs = _inputs(result)
    if args.format == "csv":  # a folder of tables; each file checked again before writing
        from alliancescore.data import load
        from alliancescore.present.writing import check_output_folder

        target = check_output_folder(args.out, load().root)
    else:
        target = _destination(args.out, inputs)  # before the long run
    spec = SensitivitySpec.for_profile(
        result.profile,
        samples=args.samples,
        seed=args.seed,
        sampler=args.sampler,
        concentration=args.concentration,
        data_error=args.data_error,
    )
    with progress_bar(len(result.methods) * spec.samples) as tick:
        report = analyse(result, spec, progress=tick)
    if args.format in ("xlsx", "csv"):
        from alliancescore.present.sheets import sensitivity_sheets

        _emit_sheets(sensitivity_sheets(report), target, args.format, inputs)
        return 0
    group = _group(result, args.analyst)
    team = None
    if group is not None:
        from alliancescore.analysis.group import team_smaa

        team = team_smaa(
            group,
            result,
            samples=spec.samples,
            seed=spec.seed,
            concentration=spec.concentration,
        )
    if args.format == "json":
        text = sensitivity_json(report)
        if group is not None:
            from alliancescore.present.group import with_group

            text = with_group(text, group, team)
    else:
        width = _terminal_width() if target is None else None
        text = sensitivity_table(report, width=width)
        if group is not None and team is not None:
            from alliancescore.present.group import group_lines, team_lines
            from alliancescore.present.prose import wrap_prose

            leaders = list(result.ranks[result.primary_method].sort_values().index[:6])
            extra = [
                "",
                *wrap_prose(group_lines(group), width),
                "",
                *team_lines(team, leaders, width=width),
            ]
            text = text + "\n".join(extra) + "\n"
        text = terminal_safe(text)
    _emit(text, target)
    return 0


def run_explain(args: argparse.Namespace) -> int:
    from alliancescore.analysis.scoring import score
    from alliancescore.analysis.versus import check_alternative

    if args.format == "json" and args.versus is None:
        raise AllianceScoreError(
            Problem(
                "--format",
                "table for one candidate (json is written for a comparison)",
                "json without --versus",
                "Add --versus OTHER, or use `alliancescore score PROFILE --format json` for "
                "every number of every alternative",
            )
        )
    result = score(args.profile, args.criteria, command=["alliancescore", *sys.argv[1:]])
    of = Path(args.profile).name
    check_alternative(result, args.candidate, "CANDIDATE", of, ranked=False)
    if args.versus is None:
        from alliancescore.present.explain import explain_text

        sys.stdout.write(terminal_safe(explain_text(result, args.candidate, _terminal_width())))
        return 0
    from alliancescore.analysis.versus import versus
    from alliancescore.present.versus import versus_json, versus_text

    comparison = versus(result, args.candidate, args.versus, names=("CANDIDATE", "--versus"), of=of)
    if args.format == "json":
        sys.stdout.write(versus_json(result, comparison))
    else:
        sys.stdout.write(terminal_safe(versus_text(result, comparison, _terminal_width())))
    return 0


def run_init(args: argparse.Namespace) -> int:
    from alliancescore.workspace import init_workspace

    written = init_workspace(args.folder)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    profile = next(p for p in written if p.parent.name == "profiles")
    command = f"alliancescore score profiles/{profile.name}"
    here = Path(args.folder).resolve() == Path.cwd().resolve()
    # the hint is pasted into a shell: quote a folder with spaces, skip "cd ." for this one
    print(
        f"next: {command if here else f'cd {shlex.quote(str(args.folder))} && {command}'}",
        file=sys.stderr,
    )
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from alliancescore.data import load
    from alliancescore.demo import run_demo
    from alliancescore.present.writing import DEFAULT_FOLDER, check_output_folder

    if args.engine and args.out is not None:  # an option it would ignore is refused
        raise AllianceScoreError(
            Problem(
                "--out",
                "no --out with demo --engine (the engine check writes nothing: it prints the "
                "worked example)",
                f"--out {args.out}",
                "Leave it out, or drop --engine for the whole demo, which writes its results there",
            )
        )
    out = args.out or DEFAULT_FOLDER
    if not args.engine:  # the engine check writes nothing: its folder is not checked
        check_output_folder(out, load().root, default=args.out is None)
    return run_demo(sys.stdout, engine_only=args.engine, out_dir=Path(out), width=_terminal_width())


def run_backtest(args: argparse.Namespace) -> int:
    from alliancescore.backtest import run_backtest
    from alliancescore.backtest.report import backtest_csv, backtest_json, backtest_table

    _file_output(args)
    target = _destination(args.out, [args.criteria])  # before the long run
    result = run_backtest(
        args.year,
        args.horizon,
        criteria=args.criteria,
        focal=args.focal,
        methods=args.method or (),
        command=["alliancescore", *sys.argv[1:]],
    )
    if args.format == "xlsx":
        from alliancescore.present.sheets import backtest_sheets

        _emit_sheets(backtest_sheets(result), target, "xlsx", [])
        return 0
    render = {"json": backtest_json, "csv": backtest_csv, "table": backtest_table}[args.format]
    text = render(result)
    _emit(terminal_safe(text) if args.format == "table" else text, target)
    return 0


def run_study(args: argparse.Namespace) -> int:
    """Run a study file's tasks into ``--out`` (:mod:`alliancescore.study`)."""
    from alliancescore.data import load
    from alliancescore.model.study import load_study
    from alliancescore.present.prose import wrap_prose
    from alliancescore.present.writing import check_output_folder
    from alliancescore.study import run_study
    from alliancescore.study.parquet import require_pyarrow

    require_pyarrow()
    if args.scheduler is not None:
        from alliancescore.study.cluster import require_distributed

        require_distributed()
    data = load()
    out = check_output_folder(args.out, data.root)
    study = load_study(args.study, data)
    if args.target_se is not None:
        study = dataclasses.replace(study, target_se=args.target_se, samples=0)
    done = run_study(
        study, out, jobs=args.jobs, resume=args.resume, scheduler=args.scheduler, data=data
    )
    for key, message in done.skipped.items():
        print(terminal_safe(f"skipped {key}: {message}"), file=sys.stderr)
    notes = [f"note: {f'variant {v}: ' if v else ''}{n}" for v, n in done.unstated_weights.items()]
    for line in wrap_prose(notes, _terminal_width()):  # wrapped on a terminal, as score's
        print(terminal_safe(line), file=sys.stderr)
    print(
        terminal_safe(
            f"wrote {len(done.written)} tasks, kept {len(done.kept)}, skipped "
            f"{len(done.skipped)} of {len(study.tasks)} to {out}"
        )
    )
    if done.skipped and not done.written and not done.kept:
        raise AllianceScoreError(
            Problem(
                args.study,
                "a study with at least one task that runs",
                f"all {len(done.skipped)} task(s) skipped for the errors printed above",
                "Fix the study file or its template; no report was written",
            )
        )
    if not args.no_report:
        from alliancescore.study.report import write_study_reports

        command = ["alliancescore", *sys.argv[1:]]
        for written in write_study_reports(out, data=data, command=command):
            print(terminal_safe(f"wrote {written.html}"), file=sys.stderr)
    from alliancescore.study.run import earlier_outputs

    left = earlier_outputs(out, study)
    if left:
        note = (
            f"note: {out} holds outputs that are not this study's (an earlier run's, read by "
            f"no report of this one), left as they are: {', '.join(left)}. Delete them if they "
            "are not needed"
        )
        for line in wrap_prose([note], _terminal_width()):
            print(terminal_safe(line), file=sys.stderr)
    return 0


def run_study_report(args: argparse.Namespace) -> int:
    """Write the report of a study output folder (:mod:`alliancescore.study.report`)."""
    from alliancescore.study.report import write_study_reports

    reports = write_study_reports(
        args.folder,
        args.out,
        variant=args.variant,
        top=args.top,
        method=args.method,
        templates=args.templates,
        command=["alliancescore", *sys.argv[1:]],
    )
    for written in reports:
        print(
            terminal_safe(
                f"wrote {written.html} and {len(written.tables)} tables to "
                f"{next(iter(written.tables.values())).parent}"
            ),
            file=sys.stderr,
        )
    return 0


def run_report(args: argparse.Namespace) -> int:
    from alliancescore.analysis.robustness import SensitivitySpec, analyse
    from alliancescore.analysis.scoring import score
    from alliancescore.data import load
    from alliancescore.present.reports import (
        check_templates,
        comparison_name,
        report_inputs,
        write_comparison_report,
        write_profile_report,
    )
    from alliancescore.present.writing import (
        DEFAULT_FOLDER,
        check_destination,
        check_output_folder,
    )
    from alliancescore.shipped import backtest_results

    folder = args.out or DEFAULT_FOLDER
    out = check_output_folder(folder, load().root, default=args.out is None)
    # Override templates only from a folder the analyst names: a reports/templates folder
    # that happens to be in the working folder is not picked up.
    templates = args.templates
    check_templates(templates)  # a missing folder or a broken template, before any work
    backtest = args.backtest if args.backtest is not None else backtest_results()
    data = load()
    command = ["alliancescore", *sys.argv[1:]]
    criteria = args.criteria or [None]
    if args.compare or len(criteria) > 1:
        given = {
            flag: value
            for flag, value in (("--samples", args.samples), ("--seed", args.seed))
            if value is not None
        }
        if given:  # a comparison draws nothing: an option it would ignore is refused
            raise AllianceScoreError(
                Problem(
                    next(iter(given)),
                    "no --samples or --seed with a comparison report (it runs no sensitivity "
                    "analysis)",
                    " and ".join(f"{flag} {value}" for flag, value in given.items()),
                    "Leave them out, or drop --compare for one report per profile with its "
                    "sensitivity analysis",
                )
            )
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
        check_destination(  # the name report chose: named as given (or the default)
            Path(folder) / comparison_name(results),
            report_inputs(results, templates),
            data.root,
            default=args.out is None,
            named="Compare fewer analyses, or shorten the profiles' ids (each [profile] id) "
            "or the criteria files' names: the comparison is named after them",
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
            Path(folder) / f"{result.profile.id}.html",  # named as given (or the default)
            report_inputs([result], templates),
            data.root,
            default=args.out is None,
            named=f"Shorten the profile's id ([profile] id in {result.profile.path}): the "
            "report is named after it",
        )
    for result in results:
        spec = SensitivitySpec.for_profile(result.profile, samples=args.samples, seed=args.seed)
        with progress_bar(len(result.methods) * spec.samples) as tick:
            analysis = analyse(result, spec, progress=tick)
        group, team = _group(result, None), None
        if group is not None:  # the team's rank acceptability, as `sensitivity` gives it
            from alliancescore.analysis.group import team_smaa

            team = team_smaa(
                group,
                result,
                samples=spec.samples,
                seed=spec.seed,
                concentration=spec.concentration,
            )
        path = write_profile_report(
            result, analysis, out, templates, data=data, backtest=backtest, group=group, team=team
        )
        print(f"wrote {path}", file=sys.stderr)
    return 0


def run_elicit(args: argparse.Namespace) -> int:
    from alliancescore.present.elicitation import write_elicitation

    path = write_elicitation(
        args.criteria, args.out, profile=args.profile, analyst_id=args.analyst_id
    )
    print(f"wrote {path}", file=sys.stderr)
    return 0
