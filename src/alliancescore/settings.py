"""What an analyst sets for the sensitivity analysis, declared once: the weight samplers and
:class:`SensitivitySpec`.

- :data:`SAMPLERS` is the one list of weight samplers: its names are the command line's
  ``--sampler`` choices, the values a profile's ``[sensitivity] sampler`` may take and the
  kernels :mod:`alliancescore.sensitivity.samplers` implements (each binds itself to its entry
  here, with the parameters declared here checked before it runs).
- :data:`SETTINGS` declares every setting of the analysis (constraint, default, one line of
  documentation). :class:`SensitivitySpec` is the typed, frozen set of them;
  :meth:`SensitivitySpec.resolve` builds one from a profile's ``[sensitivity]`` table and the
  caller's overrides (command line or API), the one place where the three meet.

This module imports nothing heavy: the command line's ``--help`` states these defaults and
choices, and must stay fast.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from alliancescore.errors import AllianceScoreError, Problem, did_you_mean
from alliancescore.params import (
    Anything,
    Array,
    Constraint,
    Flag,
    Nullable,
    Options,
    Param,
    Real,
    Whole,
    check_params,
    declared_params,
)
from alliancescore.registry import Registry

__all__ = [
    "MAX_SAMPLES",
    "PROFILE_SAMPLERS",
    "SAMPLERS",
    "SETTINGS",
    "SamplerSpec",
    "SensitivitySpec",
    "default_text",
]

MAX_SAMPLES = 100_000_000
"""Weight draws per method at most: about 100 s per method on one core, a Monte Carlo standard
error of rank acceptability below 0.00005; a larger request is almost surely a typo."""

# Where the sampler kernels live; imported on the first build, never by the command line.
_KERNELS = "alliancescore.sensitivity.samplers"


class SamplerSpec:
    """One weight sampler: its name, what it draws, its declared parameters, and whether a
    profile's analysis can choose it (``for_profiles``; ``hierarchical`` combines the others
    over a criteria tree and is used by the analysis, not chosen).

    The kernel that builds it (``(...) -> WeightSampler``) binds itself with
    :meth:`implemented_by`, which checks that its signature matches the declared parameters and
    wraps it so that every call checks them first.
    """

    def __init__(
        self, name: str, summary: str, constraints: Mapping[str, Constraint], for_profiles: bool
    ):
        self.name, self.summary, self.for_profiles = name, summary, for_profiles
        self.constraints = dict(constraints)
        self.params: dict[str, Param] = {}
        self._function: Callable[..., Any] | None = None

    def implemented_by(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """Decorator for the kernel: bind it to this entry; calls to it are checked first."""
        if self._function is not None:
            raise TypeError(f"weight sampler {self.name!r} is implemented twice")
        owner = f"{self.name} sampler"
        self.params = declared_params(owner, function, self.constraints)
        signature = inspect.signature(function)

        @functools.wraps(function)
        def checked(*args: Any, **kwargs: Any) -> Any:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as error:
                raise AllianceScoreError(
                    Problem(owner, f"arguments {signature}", str(error))
                ) from None
            check_params(owner, self.params, bound.arguments)
            return function(*args, **kwargs)

        self._function = checked
        return checked

    @property
    def function(self) -> Callable[..., Any]:
        if self._function is None:
            importlib.import_module(_KERNELS)  # the kernels bind themselves on import
        if self._function is None:
            raise TypeError(f"weight sampler {self.name!r} is declared but not implemented")
        return self._function

    def build(self, *args: Any, **kwargs: Any) -> Any:
        """The sampler, from its (checked) parameters: a ``WeightSampler``."""
        return self.function(*args, **kwargs)

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.function) or ""

    def __repr__(self) -> str:
        return f"SamplerSpec({self.name!r}, params={list(self.constraints)})"


SAMPLERS: Registry[SamplerSpec] = Registry("weight sampler", ordered=True)


def _sampler(name: str, summary: str, for_profiles: bool, **constraints: Constraint) -> None:
    SAMPLERS.add(name, SamplerSpec(name, summary, constraints, for_profiles))


# The concentration is both a setting and the Dirichlet sampler's parameter: one declaration.
_CONCENTRATION = Param(
    "concentration",
    Real(0.0, low_open=True),
    50.0,
    "Dirichlet concentration per tree node (larger = draws closer to the profile's weights)",
)


class _RelativeError(Real):
    """The data error: a share in [0, 1]. The draws are ``x (1 + r e)``, ``e`` standard normal
    (:func:`alliancescore.analysis.robustness._data_uncertainty`), which turns a value's sign
    with probability ``Phi(-1 / r)``: 16 % at ``r = 1``, 49 % at 50 (a percentage typed for a
    share). Past 1 the draws no longer describe an error in the data."""

    def __init__(self):
        super().__init__(0.0, 1.0, text="a relative error from 0 to 1 (0.1 = 10 %)")

    def hint(self, value: Any) -> str:
        text = "A relative error is a share: 0.1 is 10 %, 1 is 100 %"
        if isinstance(value, int | float) and 1 < value <= 100 and float(value).is_integer():
            return f"{text}; for {value:g} % write {value / 100:g}"
        return text


# Order matters: it is the order of the command line's choices and of the messages.
_sampler(
    "uniform",
    "uniform local weights at every node of the criteria tree (no preference information)",
    True,
    n_criteria=Whole(1),
)
_sampler(
    "dirichlet",
    "Dirichlet around the profile's local weights at every node (total concentration per node)",
    True,
    weights=Array("a flat list of finite numbers, one per criterion"),
    concentration=_CONCENTRATION.constraint,
)
_sampler(
    "intervals",
    "top-level weights uniform within the profile's [weights] intervals, deeper weights fixed",
    True,
    lower=Array("a flat list of finite numbers, one per criterion"),
    upper=Array("a flat list of finite numbers, one per criterion"),
    min_acceptance=Real(0.0, 1.0, low_open=True),
    thinning=Whole(0),
)
_sampler(
    "ordinal",
    "top-level weights uniform under their importance order, deeper weights fixed",
    True,
    ranking=Array("a flat list of ranks, one per criterion (1 = most important)"),
)
_sampler(
    "hierarchical",
    "one sampler per node of a criteria tree, local weights multiplied down the tree",
    False,
    tree=Anything("nested lists of criterion indices"),
    local=Anything("a function (n_children, path) -> WeightSampler, or None for uniform"),
)

PROFILE_SAMPLERS: tuple[str, ...] = tuple(n for n, s in SAMPLERS.items() if s.for_profiles)
"""The samplers a profile's analysis can use: ``--sampler`` choices, ``[sensitivity] sampler``."""

SETTINGS: dict[str, Param] = {
    p.name: p
    for p in (
        Param(
            "samples",
            Whole(1, MAX_SAMPLES),
            100_000,
            "weight draws per method",
        ),
        Param("seed", Whole(0), 0, "random seed; same seed, same numbers"),
        Param(
            "sampler", Options(PROFILE_SAMPLERS, quoted=False), "dirichlet", "how weights are drawn"
        ),
        _CONCENTRATION,
        Param(
            "data_error",
            Nullable(_RelativeError(), "for no data uncertainty"),
            None,
            "relative error on the raw indicator values (0.1 = 10 %)",
        ),
        Param("k", Whole(1), 3, "the top-k set whose stability is reported"),
        Param("importance", Flag(), True, "variance-based (Sobol) importance of the weights"),
    )
}
"""Every setting of the sensitivity analysis: its constraint, default and meaning. The only
place a default is written; :class:`SensitivitySpec`, the profile reader and ``--help`` read it.
"""

_API_ONLY = frozenset({"importance"})  # not a key of a profile's [sensitivity] table


def default_text(name: str) -> str:
    """A setting's default as ``--help`` shows it (``100,000``, ``50``, ``none``)."""
    value = SETTINGS[name].default
    if value is None:
        return "none"
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:g}"


class _Unset:
    def __repr__(self) -> str:
        return "<declared default>"


_UNSET: Any = _Unset()


def _normalised(param: Param, value: Any) -> Any:
    """A checked value in its plain Python type (numpy integers and floats become int and
    float, so a spec compares, prints and serialises the same whatever the caller passed)."""
    if value is None or isinstance(value, bool | str):
        return value
    constraint = param.constraint
    inner = constraint.inner if isinstance(constraint, Nullable) else constraint
    return int(value) if isinstance(inner, Whole) else float(value)


@dataclass(frozen=True)
class SensitivitySpec:
    """The settings of one sensitivity analysis, checked and typed; unset fields take the
    defaults declared in :data:`SETTINGS`.

    samples : weight draws per method (>= 1). seed : any integer >= 0. sampler : a name in
    :data:`PROFILE_SAMPLERS`. concentration : the Dirichlet's, per tree node (> 0).
    data_error : relative error on the raw indicator values, or None (no data uncertainty).
    k : the top-k set whose stability is reported. importance : compute Sobol indices.

    A bad value raises one :class:`AllianceScoreError` naming every bad field.
    """

    samples: int = _UNSET
    seed: int = _UNSET
    sampler: str = _UNSET
    concentration: float = _UNSET
    data_error: float | None = _UNSET
    k: int = _UNSET
    importance: bool = _UNSET

    def __post_init__(self) -> None:
        given = {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if getattr(self, f.name) is not _UNSET
        }
        values = _checked(given, {name: name for name in given})
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @staticmethod
    def profile_keys() -> tuple[str, ...]:
        """The keys a profile's ``[sensitivity]`` table may hold."""
        return tuple(name for name in SETTINGS if name not in _API_ONLY)

    @classmethod
    def resolve(
        cls, table: Mapping[str, Any] | None = None, where: str = "sensitivity", **given: Any
    ) -> SensitivitySpec:
        """The spec from a profile's ``[sensitivity]`` ``table`` and the caller's ``given``
        values (``None`` = not given): each field from ``given``, else the table, else its
        declared default. Every bad value is reported at once, named as the caller wrote it:
        the parameter (``samples``) for a given value, ``<where>.<key>`` for a table value
        (``where`` is e.g. ``"profiles/japan.toml: sensitivity"``).
        """
        unknown = [key for key in given if key not in SETTINGS]
        if unknown:
            raise AllianceScoreError(
                [
                    Problem(
                        key,
                        "a setting of the sensitivity analysis",
                        "an unknown name",
                        did_you_mean(key, SETTINGS),
                    )
                    for key in unknown
                ]
            )
        values, located = {}, {}
        for name in SETTINGS:
            if given.get(name) is not None:
                values[name], located[name] = given[name], name
            elif table and name in table and name not in _API_ONLY:
                values[name], located[name] = table[name], f"{where}.{name}"
        return cls(**_checked(values, located))

    @classmethod
    def for_profile(cls, profile: Any, **given: Any) -> SensitivitySpec:
        """:meth:`resolve` for a loaded profile: its ``[sensitivity]`` table, errors located
        in its file."""
        return cls.resolve(profile.sensitivity, f"{profile.path}: sensitivity", **given)

    @staticmethod
    def table_problems(table: Mapping[str, Any]) -> list[Problem]:
        """Problems with the values of a ``[sensitivity]`` table, each at
        ``sensitivity.<key>`` (the profile reader adds the file); unknown keys are the
        reader's to report."""
        problems = []
        for name in SensitivitySpec.profile_keys():
            if name in table:
                problems += SETTINGS[name].constraint.problems(table[name], f"sensitivity.{name}")
        return problems

    def replace(self, **changes: Any) -> SensitivitySpec:
        """A copy with ``changes`` (checked); ``None`` values leave a field as it is."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _checked(values: Mapping[str, Any], located: Mapping[str, str]) -> dict[str, Any]:
    """``values`` checked against :data:`SETTINGS` (problems at ``located[name]``), in plain
    types, with every missing setting at its declared default."""
    problems = []
    for name, value in values.items():
        problems += SETTINGS[name].constraint.problems(value, located[name])
    if problems:
        raise AllianceScoreError(problems)
    return {
        name: _normalised(param, values[name]) if name in values else param.default
        for name, param in SETTINGS.items()
    }
