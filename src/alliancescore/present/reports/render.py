"""Render report contexts to one self-contained HTML file each.

Templates ship in ``alliancescore/present/reports/templates``; a folder of the analyst's own
(``--templates DIR``, never picked up unasked) is searched first, so any template, partial,
style sheet or script of the package can be replaced by a file of the same name. Templates run
in Jinja's immutable sandbox (a template cannot reach Python internals or change the data it is
given), autoescaping is on for everything, undefined names are errors, and the page's data
travel as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped
so that no string can close the script element. A broken override template (bad syntax, not
text, an undefined name, including itself) ends in one message naming the template and line:
syntax and encoding are checked before any analysis runs (:func:`check_templates`), the rest
when the page is rendered.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment

from alliancescore.analysis.group import GroupAnalysis, TeamSMAA
from alliancescore.analysis.result import Result
from alliancescore.analysis.robustness import SensitivityReport
from alliancescore.errors import AllianceScoreError, Problem
from alliancescore.present.writing import check_destination, write_atomic

from .context import Limits, comparison_context, profile_context
from .format import FILTERS

__all__ = [
    "check_templates",
    "environment",
    "render_comparison",
    "render_page",
    "render_profile",
    "report_inputs",
    "template_overrides",
    "write_comparison_report",
    "write_profile_report",
]


def environment(templates: str | Path | None = None) -> Environment:
    """The Jinja environment: the override folder (if any) first, then the package's."""
    loaders = []
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise AllianceScoreError(
                Problem(
                    "--templates",
                    "a folder of templates",
                    str(templates),
                    "Give an existing folder, e.g. reports/templates",
                )
            )
        loaders.append(FileSystemLoader(str(folder)))
    loaders.append(PackageLoader("alliancescore.present.reports", "templates"))
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals["zip"] = zip
    return env


def check_templates(templates: str | Path | None) -> Environment:
    """The environment, after every override template in ``templates`` compiled: a missing
    folder, a syntax error or a file that is not UTF-8 text is refused here, before any work."""
    env = environment(templates)
    if templates is None:
        return env
    problems = []
    folder = Path(templates)
    for path in sorted(p for p in folder.rglob("*.j2") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        try:
            env.get_template(name)
        except TemplateSyntaxError as error:
            problems.append(
                Problem(f"{path}: line {error.lineno}", "a valid Jinja template", error.message)
            )
        except UnicodeDecodeError as error:
            problems.append(
                Problem(str(path), "a UTF-8 text template", f"undecodable bytes ({error.reason})")
            )
    if problems:
        raise AllianceScoreError(problems)
    return env


def _render(env: Environment, name: str, context: dict[str, Any]) -> str:
    """Render ``name``; a failure inside a template becomes one message naming where.

    Jinja's own errors (an undefined name, the sandbox, a missing include) and any other
    ``Exception`` raised from a template's code (``{{ 1/0 }}``, ``{{ "a" + 1 }}``, a range
    past the sandbox's limit) are reported with the template and line; an error raised outside
    every template is a bug of the package and is not disguised as the template's.
    """
    try:
        return env.get_template(name).render(**context)
    except AllianceScoreError:
        raise
    except Exception as error:
        frames = traceback.extract_tb(error.__traceback__)
        template_frames = [f for f in frames if f.filename.endswith(".j2")]
        jinja_error = isinstance(error, TemplateError | RecursionError | UnicodeDecodeError)
        if not jinja_error and not template_frames:
            raise
        where = name
        if template_frames:
            frame = template_frames[-1]
            where = f"{frame.filename}: line {frame.lineno}"
        if isinstance(error, RecursionError):
            found = "a template that includes or extends itself without end"
        else:
            detail = (getattr(error, "message", None) or str(error)).rstrip(".")
            found = f"{type(error).__name__}: {detail}" if detail else type(error).__name__
        raise AllianceScoreError(
            Problem(
                where,
                "a template that renders with the report's data",
                found,
                "Fix or remove the override template (--templates); the package's own "
                "templates name every variable they use",
            )
        ) from None


def render_page(env: Environment, name: str, context: dict[str, Any]) -> str:
    """Render the template ``name`` of ``env`` (from :func:`environment`) with ``context``: a
    page other than the profile and comparison reports (the study report); a failure inside a
    template is one message naming where."""
    return _render(env, name, context)


def template_overrides(templates: str | Path | None) -> dict[str, Any] | None:
    """The override folder and which of the package's templates it replaces (for a record)."""
    return _overrides(templates)


def _overrides(templates: str | Path | None) -> dict[str, Any] | None:
    """The override folder and which of the package's templates it replaces."""
    if templates is None:
        return None
    package = set(PackageLoader("alliancescore.present.reports", "templates").list_templates())
    folder = Path(templates)
    replaced = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    return {"folder": str(templates), "replaced": [n for n in replaced if n in package]}


def render_profile(
    result: Result,
    report: SensitivityReport | None = None,
    *,
    templates: str | Path | None = None,
    data: Any = None,
    limits: Limits | None = None,
    backtest: str | Path | None = None,
    group: GroupAnalysis | None = None,
    team: TeamSMAA | None = None,
) -> str:
    """The profile report as one HTML document (``group``, ``team``: see
    :func:`~.context.profile_context`)."""
    if data is None:
        from alliancescore.data import load

        data = load()
    env = environment(templates)
    context = profile_context(
        result,
        report,
        data=data,
        limits=limits,
        backtest=backtest,
        templates=_overrides(templates),
        group=group,
        team=team,
    )
    return _render(env, "profile.html.j2", context)


def render_comparison(
    results: Sequence[Result],
    *,
    method: str | None = None,
    templates: str | Path | None = None,
    data: Any = None,
    limits: Limits | None = None,
) -> str:
    """Several analyses side by side as one HTML document."""
    if data is None:
        from alliancescore.data import load

        data = load()
    env = environment(templates)
    context = comparison_context(
        results,
        method=method,
        data=data,
        limits=limits,
        templates=_overrides(templates),
    )
    return _render(env, "compare.html.j2", context)


def report_inputs(results: Iterable[Result], templates: str | Path | None = None) -> list[str]:
    """Every input file of the results (profiles, criteria files, the data manifest) and
    of the templates folder: a report is never written over one of them."""
    inputs: list[str] = []
    for r in results:
        inputs += [r.profile.path, r.criteria.path]
        inputs += [str(i.get("path")) for i in r.record.get("inputs", []) if i.get("path")]
    if templates is not None and Path(templates).is_dir():
        inputs += [str(p) for p in Path(templates).rglob("*") if p.is_file()]
    return [i for i in dict.fromkeys(inputs) if i]


def _destination(out: Path, results: Sequence[Result], templates: str | Path | None) -> Path:
    from alliancescore.data import load

    return check_destination(out, report_inputs(results, templates), load().root)


def write_profile_report(
    result: Result,
    report: SensitivityReport | None,
    out_dir: str | Path,
    templates: str | Path | None = None,
    *,
    name: str | None = None,
    data: Any = None,
    limits: Limits | None = None,
    backtest: str | Path | None = None,
    group: GroupAnalysis | None = None,
    team: TeamSMAA | None = None,
) -> Path:
    """Write ``<out_dir>/<profile id>.html`` (or ``name``) atomically; returns its path.

    Refuses a destination that is an input (profile, criteria file, data, a template).
    """
    target = _destination(
        Path(out_dir) / (name or f"{result.profile.id}.html"), [result], templates
    )
    html = render_profile(
        result,
        report,
        templates=templates,
        data=data,
        limits=limits,
        backtest=backtest,
        group=group,
        team=team,
    )
    write_atomic(target, html)
    return target


def comparison_name(results: Sequence[Result]) -> str:
    """The comparison report's file name: ``compare-<ids>.html``, each id the profile's, with
    its criteria file's name when the criteria files differ."""
    ids = [r.profile.id for r in results]
    if len({r.criteria.path for r in results}) > 1:
        ids = [f"{r.profile.id}_{Path(r.criteria.path).stem}" for r in results]
    return "compare-" + "-".join(dict.fromkeys(ids)) + ".html"


def write_comparison_report(
    results: Sequence[Result],
    out_dir: str | Path,
    templates: str | Path | None = None,
    *,
    name: str | None = None,
    method: str | None = None,
    data: Any = None,
    limits: Limits | None = None,
) -> Path:
    """Write ``<out_dir>/compare-<ids>.html`` (or ``name``) atomically; returns its path."""
    target = _destination(Path(out_dir) / (name or comparison_name(results)), results, templates)
    html = render_comparison(results, method=method, templates=templates, data=data, limits=limits)
    write_atomic(target, html)
    return target
