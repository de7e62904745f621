"""Study files: one profile template over many focal states, years and criteria variants
(issue 18).

The format is :data:`~alliancescore.model.study_format.STUDY`. A study's tasks are its
(focal, year) pairs, focal states in the order written (a selector's in code order), years
ascending; with ``[[study.variants]]`` each variant runs every pair, variants in the order
written. A selector (``focal = "all"`` or ``{ regions, ... }``) makes a task only for the
states that existed in each year. Each task's seed is :func:`task_seed` of the study seed and
the task, so a task's numbers do not depend on which other tasks (or variants) run, in which
order or in which process.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from alliancescore.data import Dataset
from alliancescore.errors import AllianceScoreError, did_you_mean
from alliancescore.shipped import default_criteria

from .criteria import CriteriaModel, load_criteria
from .declare import Reader
from .paths import beside
from .profile import Profile, _weights, read_profile_document
from .profile_data import _Nations, data_years
from .schema import Checker, read_toml
from .study_format import ALL_STATES, DEFAULT_MAX_SAMPLES, STUDY, VARIANT
from .weights import resolve_weights

__all__ = ["Study", "Task", "Variant", "load_study", "task_seed"]


@dataclass(frozen=True)
class Task:
    """One focal state in one year (of one criteria variant, ``None`` without variants)."""

    focal: str
    year: int
    variant: str | None = None

    @property
    def key(self) -> str:
        """The task's name and folder: ``focal=JPN/year=2010``, with a variant
        ``variant=ID/focal=JPN/year=2010``."""
        head = f"variant={self.variant}/" if self.variant is not None else ""
        return f"{head}focal={self.focal}/year={self.year}"


@dataclass(frozen=True)
class Variant:
    """One ``[[study.variants]]`` entry: ``criteria`` its criteria file's path (resolved
    against the study file's folder; ``None``: the template's own) with its SHA-256;
    ``weights`` the ``[weights]`` table as written (``None``: the template's)."""

    id: str
    criteria: str | None = None
    sha256: str | None = None
    weights: dict[str, Any] | None = None


Threats = tuple[tuple[str, float], ...]
"""Threat actors with their severities: ``(("RUS", 1.0), ...)``."""


@dataclass(frozen=True)
class Study:
    """A checked study file. ``template`` is the profile template's path (resolved against
    the study file's folder); ``sha256`` is the study file's. Weight draws per method and
    task: ``samples``, or with ``target_se`` as many as that standard error needs, at most
    ``max_samples`` (``samples`` is then 0); ``stability``: keep the top choice's stability
    intervals.

    ``focal`` holds the codes written, or with a selector (``focal_selector``: ``"all"`` or
    the ``{ regions, subregions, members, exclude }`` table as read) every code it picks in
    some year, sorted; ``focal_years`` then holds the states picked in each year.
    ``threats_by_focal``: explicit threats by focal state (the others follow ``threats``).
    ``variants``: the criteria variants (none: one run of the template)."""

    id: str
    path: str
    sha256: str
    template: str
    focal: tuple[str, ...]
    years: tuple[int, ...]
    threats: str
    samples: int
    seed: int
    target_se: float | None = None
    max_samples: int = DEFAULT_MAX_SAMPLES
    stability: bool = True
    focal_selector: str | dict[str, list[str]] | None = None
    focal_years: tuple[tuple[int, frozenset[str]], ...] = ()
    threats_by_focal: tuple[tuple[str, Threats], ...] = ()
    variants: tuple[Variant, ...] = ()

    @property
    def tasks(self) -> tuple[Task, ...]:
        """Every (variant, focal, year): variants in the order written, focal states in the
        order written (a selector's sorted), years ascending; with a selector only the
        states it picks in each year."""
        picked = dict(self.focal_years) if self.focal_selector is not None else None
        pairs = [(f, y) for f in self.focal for y in self.years if picked is None or f in picked[y]]
        variants = [v.id for v in self.variants] or [None]
        return tuple(Task(f, y, v) for v in variants for f, y in pairs)

    def explicit_threats(self, focal: str) -> Threats | None:
        """``focal``'s threats from ``threats_by_focal``, or ``None`` when it is not listed."""
        return dict(self.threats_by_focal).get(focal)

    def variant(self, name: str | None) -> Variant | None:
        """The variant called ``name`` (``None`` for a task of a study without variants)."""
        return next((v for v in self.variants if v.id == name), None)


def task_seed(seed: int, task: Task) -> int:
    """The seed of one task: a SHA-256 of (study seed, focal, year), with a variant of (study
    seed, variant, focal, year), as entropy of a :class:`numpy.random.SeedSequence`, whose
    first 63-bit word is returned. Deterministic, independent of the task's order, of the
    process that runs it and of the other variants (adding one changes no other task's
    seed); a study without variants keeps the seeds it had before variants existed."""
    variant = () if task.variant is None else (task.variant,)
    parts = (seed, *variant, task.focal, task.year)
    digest = hashlib.sha256("\x00".join(map(str, parts)).encode()).digest()
    sequence = np.random.SeedSequence(int.from_bytes(digest[:16], "little"))
    return int(sequence.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))


# ---------------------------------------------------------------- the focal states
def _members(
    check: Checker, data: Dataset, commitments: Sequence[str], years: Sequence[int]
) -> dict[int, set[str]]:
    """The members in each year of ``commitments`` (ids of the data set's ``alliance_depth``
    reference table, a span from ``first_year`` to ``last_year`` inclusive, open when it has
    none); unknown ids are recorded with did-you-mean."""
    table = data.frame("alliance_depth")
    known = sorted(set(table["commitment"]))
    for i, name in enumerate(commitments):
        if name not in known:
            longer = [k for k in known if k.startswith(name)]  # "nato" for "nato_integrated"
            hint = did_you_mean(name, known)
            if longer and not hint.startswith("Did you mean"):
                hint = f"Did you mean {' or '.join(map(repr, longer))}? {hint}"
            check.add(
                f"study.focal.members[{i}]",
                "a commitment of the data set's alliance_depth table",
                repr(name),
                hint,
            )
    rows = table[table["commitment"].isin(commitments)]
    out = {}
    for year in years:
        open_ended = rows["last_year"].isna() | (rows["last_year"] >= year)
        out[year] = set(rows.loc[(rows["first_year"] <= year) & open_ended, "member"])
    return out


def _picked(
    check: Checker, nation: _Nations, selector: Any, years: Sequence[int]
) -> tuple[tuple[int, frozenset[str]], ...] | None:
    """The states a selector picks in each year (states of the data set's COW system
    membership that year), or ``None`` after recording a problem."""
    data = nation.data
    if selector == ALL_STATES:
        return tuple((y, frozenset(data.states(y))) for y in years)
    crosswalk = data.crosswalk
    places = {}
    for name, level, what in (
        ("regions", "region", "a UN M49 region"),
        ("subregions", "subregion", "a UN M49 sub-region or intermediate region"),
    ):
        known = crosswalk.place_names(level)
        for i, wanted in enumerate(selector.get(name, ())):
            if wanted not in known:
                hint = crosswalk.place_hint(level, wanted)
                check.add(f"study.focal.{name}[{i}]", what, repr(wanted), hint)
        places[level] = set(selector.get(name, ()))
    members = _members(check, data, selector.get("members", ()), years)
    exclude = set(selector.get("exclude", ()))
    nation.each("study.focal.exclude", list(selector.get("exclude", ())))
    if check.has_problem("study.focal", below=True):
        return None
    inside = crosswalk.in_places("region", places["region"])
    inside |= crosswalk.in_places("subregion", places["subregion"])
    codes = set(crosswalk.nations.loc[inside, "iso3"])
    return tuple(
        (y, frozenset((codes | members[y]).intersection(data.states(y)) - exclude)) for y in years
    )


def _focal_states(
    check: Checker, nation: _Nations, written: Any, years: Sequence[int]
) -> tuple[tuple[str, ...], tuple[tuple[int, frozenset[str]], ...]]:
    """The study's focal codes and, with a selector, the states it picks in each year."""
    if isinstance(written, list):
        nation.each("study.focal", written)
        repeated = sorted({c for c in written if written.count(c) > 1}, key=str)
        if repeated:
            check.add(
                "study.focal",
                "distinct codes",
                f"{', '.join(map(str, repeated))} repeated",
                "Keep one entry of each, or correct a code typed for another",
            )
        return tuple(written), ()
    if written is None or not years:
        return (), ()
    picked = _picked(check, nation, written, years)
    if picked is None:
        return (), ()
    codes = tuple(sorted(set().union(*(states for _, states in picked))))
    if not codes:
        check.add(
            "study.focal",
            f"a selector that picks at least one state in {years[0]}..{years[-1]}",
            "none",
            "Name other regions, sub-regions or commitments, or exclude fewer states",
        )
    return codes, picked


def _explicit_threats(
    check: Checker, nation: _Nations, written: Mapping[str, Any] | None, focal: Sequence[str]
) -> tuple[tuple[str, Threats], ...]:
    """``[study.threats_by_focal]`` checked: each key a focal state of the study, each actor
    a known code other than that focal state, listed once."""
    out = []
    for code, entries in (written or {}).items():
        key = f"study.threats_by_focal.{code}"
        if code not in nation.known:
            nation(key, code)
            continue
        if focal and code not in focal:
            check.add(
                key,
                "a focal state of this study",
                repr(code),
                did_you_mean(code, focal) + ". Add it to focal, or remove its threats",
            )
            continue
        threats: dict[str, float] = {}
        for i, threat in enumerate(entries or ()):
            if threat is None or threat["actor"] is None or threat["severity"] is None:
                continue
            actor, where = threat["actor"], f"{key}[{i}].actor"
            if actor == code:
                check.add(where, "a threat actor other than the focal state", repr(actor))
            elif actor in threats:
                check.add(where, "each threat actor once", f"{actor!r} again")
            elif actor not in nation.known:
                nation(where, actor)
            else:
                threats[actor] = float(threat["severity"])
        out.append((code, tuple(threats.items())))
    return tuple(out)


# ---------------------------------------------------------------- the variants
def _template_profile(template: str) -> Profile | None:
    """The template as read without the data set, or ``None`` when it has problems (the
    tasks report them)."""
    try:
        document, digest = read_toml(template)
    except AllianceScoreError:
        return None
    reading = read_profile_document(document, digest, template)
    return None if reading.problems else reading.profile


def _criteria(check: Checker, key: str, path: str, data: Dataset) -> CriteriaModel | None:
    """A variant's criteria file loaded, or ``None`` after recording why not (its own
    problems are located in that file)."""
    if not Path(path).is_file():
        check.add(key, "a criteria file (relative to the study)", repr(path))
        return None
    try:
        return load_criteria(path, data)
    except AllianceScoreError as error:
        for problem in error.problems:
            check.add_problem(problem, key)
        return None


def _fits(check: Checker, key: str, model: CriteriaModel, spec: Any, own: bool) -> None:
    """Weights ``spec`` resolve on ``model``; ``own``: the variant's (else the template's)."""
    try:
        resolve_weights(model, spec)
    except AllianceScoreError as error:
        if own:
            for problem in error.problems:
                check.add_problem(problem, key)
            return
        check.add(
            key,
            "a criteria file the template's [weights] fits",
            f"{model.path}, where {error.problems[0]}",
            f"Give the variant its own weights table ({key.rsplit('.', 1)[0]}.weights)",
        )


def _template_criteria(profile: Profile | None, data: Dataset) -> CriteriaModel | None:
    """The criteria the template names (or the default), or ``None`` when it does not load
    (the tasks report it)."""
    if profile is None:
        return None
    try:
        return load_criteria(profile.criteria_path or default_criteria(), data)
    except AllianceScoreError:
        return None


def _variants(
    check: Checker,
    path: str | Path,
    read: Sequence[Any],
    written: Sequence[Any],
    template: str | None,
    data: Dataset,
) -> tuple[Variant, ...]:
    """``[[study.variants]]`` checked: ids used once, each criteria file readable, and each
    variant's weights (or the template's, under a variant's own criteria) resolving on its
    criteria file."""
    out, first = [], {}
    base = _template_profile(template) if read and template is not None else None
    for i, spec in enumerate(read):
        key = f"study.variants[{i}]"
        if spec is None or spec["id"] is None:
            continue
        if spec["id"] in first:
            check.add(
                f"{key}.id",
                "a variant id used once in the file",
                f"{spec['id']!r} again (first at study.variants[{first[spec['id']]}])",
            )
            continue
        first[spec["id"]] = i
        criteria = None if spec["criteria"] is None else str(beside(path, spec["criteria"]))
        model = _criteria(check, f"{key}.criteria", criteria, data) if criteria else None
        raw = written[i].get("weights") if isinstance(written[i], dict) else None
        if criteria is None and spec["weights"] is not None:
            model = _template_criteria(base, data)
        if model is not None and not check.has_problem(key, below=True):
            if spec["weights"] is not None:
                own = _weights(check, spec["weights"], f"{key}.weights")
                if not check.has_problem(f"{key}.weights", below=True):
                    _fits(check, f"{key}.weights", model, own, own=True)
            elif base is not None:
                _fits(check, f"{key}.criteria", model, base.weights, own=False)
        sha = model.sha256 if criteria is not None and model is not None else None
        out.append(Variant(spec["id"], criteria, sha, copy.deepcopy(raw) if raw else None))
    return tuple(out)


def _misplaced(check: Checker, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` without the keys of ``[study]`` written after a ``[study.threats_by_focal]``
    or ``[[study.variants]]`` header (TOML puts them in that table), each recorded with the
    fix: one message, instead of the declared table's."""
    head = document.get("study")
    if not isinstance(head, dict):
        return document
    head = dict(head)
    tables = []
    if isinstance(head.get("threats_by_focal"), dict):
        head["threats_by_focal"] = table = dict(head["threats_by_focal"])
        tables.append(("study.threats_by_focal", "a focal state's ISO 3166 alpha-3 code", table))
    if isinstance(head.get("variants"), list):
        head["variants"] = [dict(v) if isinstance(v, dict) else v for v in head["variants"]]
        expected = f"one of the keys {', '.join(VARIANT.names)}"
        tables += [
            (f"study.variants[{i}]", expected, v)
            for i, v in enumerate(head["variants"])
            if isinstance(v, dict)
        ]
    names = set(STUDY.table("study").names) - set(VARIANT.names)
    for key, expected, table in tables:
        header = f"[{key.split('[')[0]}]" if "variants" not in key else "[[study.variants]]"
        for name in [k for k in table if k in names]:
            del table[name]
            check.add(
                f"{key}.{name}",
                expected,
                f"{name!r}, a key of [study]",
                f"Move it above {header}: a key after a table's header belongs to that table",
            )
    return {**document, "study": head}


def load_study(path: str | Path, data: Dataset) -> Study:
    """Read and check a study file: the declared keys, the focal codes (or the selector's
    region names) against the data set, the years against the data's span, the template's
    existence, the explicit threats, each variant's criteria file and weights. Every problem
    is raised at once in one :class:`~alliancescore.errors.AllianceScoreError`."""
    document, digest = read_toml(path)
    check = Checker(path)
    document = _misplaced(check, document)
    read = Reader(check, STUDY).document(document)
    head = read["study"] or {}
    written = document.get("study") if isinstance(document.get("study"), dict) else {}
    years = head.get("years") or []
    first, last = data_years()
    for year in years:
        if not first <= year <= last:
            check.add("study.years", f"years the data cover, {first}..{last}", repr(year))
            years = []
            break
    nation = _Nations(check, data, first)
    focal, picked = _focal_states(check, nation, head.get("focal"), years)
    threats = _explicit_threats(check, nation, head.get("threats_by_focal"), focal)
    both = "samples" in written and "target_se" in written
    if both and not check.has_problem("study.samples") and not check.has_problem("study.target_se"):
        check.add(
            "study.target_se",
            "either samples (a fixed number of draws) or target_se, not both",
            f"samples = {written['samples']} and target_se = {written['target_se']}",
            "Remove samples to draw until the target, or target_se to draw a fixed number",
        )
    template = head.get("template")
    if template is not None:
        template = str(beside(path, template))
        if not Path(template).is_file():
            check.add("study.template", "a profile file (relative to the study)", repr(template))
            template = None
    variants = _variants(
        check, path, head.get("variants") or [], written.get("variants") or [], template, data
    )
    if check.problems:
        raise AllianceScoreError(check.problems)
    selector = head["focal"] if not isinstance(head["focal"], list) else None
    return Study(
        id=head["id"],
        path=str(path),
        sha256=digest,
        template=str(template),
        focal=focal,
        years=tuple(years),
        threats=head["threats"],
        samples=head["samples"],
        seed=head["seed"],
        target_se=head.get("target_se"),
        max_samples=head["max_samples"],
        stability=head["stability"],
        focal_selector=selector,
        focal_years=picked,
        threats_by_focal=threats,
        variants=variants,
    )
