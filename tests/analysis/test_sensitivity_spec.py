"""The sensitivity analysis's settings: declared once, one sampler registry (issue 13).

A setting's default is written in one place (``settings.SETTINGS``); the command line's help,
a profile without a ``[sensitivity]`` value and the Python API all read it. The samplers a
profile may name are the registry's, and the command line offers exactly those.
"""

from __future__ import annotations

import argparse
import dataclasses

import numpy as np
import pandas as pd
import pytest

from alliancescore.analysis import robustness
from alliancescore.analysis.robustness import analyse
from alliancescore.cli import main
from alliancescore.cli.parser import build_parser as _build_parser
from alliancescore.errors import AllianceScoreError
from alliancescore.model.profile import read_profile
from alliancescore.settings import PROFILE_SAMPLERS, SAMPLERS, SETTINGS, SensitivitySpec
from alliancescore.shipped import package_root
from shipped_copies import portable

PROFILES = package_root() / "profiles"


@pytest.fixture(scope="module")
def japan(demo_result):
    return demo_result("japan")


def without_table(result):
    """The result as if its profile had no [sensitivity] table: defaults apply."""
    return dataclasses.replace(result, profile=dataclasses.replace(result.profile, sensitivity={}))


def help_text(capsys, command: str) -> str:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_a_default_changed_in_one_place_changes_help_profile_and_api(japan, monkeypatch, capsys):
    for name, value in {"samples": 321, "seed": 7, "importance": False}.items():
        monkeypatch.setitem(SETTINGS, name, dataclasses.replace(SETTINGS[name], default=value))
    # the command line's help
    text = help_text(capsys, "sensitivity")
    assert "[sensitivity] samples, else 321)" in text and "profile's, else 7)" in text
    assert "else 321)" in help_text(capsys, "report")
    # a profile that does not set them
    result = without_table(japan)
    spec = SensitivitySpec.for_profile(result.profile)
    assert (spec.samples, spec.seed, spec.importance) == (321, 7, False)
    assert SensitivitySpec() == spec
    # the Python API
    report = analyse(result, methods=["weighted_sum"])
    assert (report.samples, report.seed, report.importance) == (321, 7, None)
    assert report.spec == spec


def test_the_shipped_defaults():
    spec = SensitivitySpec()
    assert (spec.samples, spec.seed, spec.sampler, spec.concentration) == (
        100_000,
        0,
        "dirichlet",
        50.0,
    )
    assert (spec.data_error, spec.k, spec.importance) == (None, 3, True)


def test_profile_values_and_overrides_resolve_in_one_place(japan):
    spec = SensitivitySpec.for_profile(japan.profile)
    assert (spec.samples, spec.seed, spec.concentration) == (200_000, 20181, 40.0)
    spec = SensitivitySpec.for_profile(japan.profile, samples=500, concentration=None)
    assert (spec.samples, spec.concentration) == (500, 40.0)
    with pytest.raises(AllianceScoreError, match=r"japan\.toml: sensitivity\.seed: expected"):
        SensitivitySpec.resolve({"seed": -1}, f"{japan.profile.path}: sensitivity")
    with pytest.raises(AllianceScoreError, match=r"samplr: expected a setting .*'sampler'"):
        SensitivitySpec.resolve(samplr="uniform")


def test_the_spec_is_typed_and_frozen():
    spec = SensitivitySpec(samples=np.int64(5), concentration=np.float32(2.5), data_error=0)
    assert type(spec.samples) is int and type(spec.concentration) is float
    assert spec.data_error == 0.0 and type(spec.data_error) is float
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.samples = 6  # type: ignore[misc]
    assert spec.replace(seed=4, k=None).seed == 4 and spec.replace(k=None).k == spec.k
    with pytest.raises(AllianceScoreError, match=r"^importance: expected true or false"):
        SensitivitySpec(importance="yes")


def test_analyse_takes_a_spec_or_keywords_alike(japan):
    # A spec is complete: the profile's [sensitivity] (concentration 40) is read into it.
    spec = SensitivitySpec.for_profile(japan.profile, samples=2000, seed=5, importance=False)
    by_spec = analyse(japan, spec, methods=["topsis"])
    by_keywords = analyse(japan, methods=["topsis"], samples=2000, seed=5, importance=False)
    pd.testing.assert_frame_equal(
        by_spec.acceptability["topsis"], by_keywords.acceptability["topsis"]
    )
    # keywords override a given spec
    assert analyse(japan, spec, methods=["topsis"], samples=1000).samples == 1000


def sampler_choices() -> list[str]:
    parser = _build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    action = next(
        a for a in commands.choices["sensitivity"]._actions if "--sampler" in a.option_strings
    )
    return list(action.choices)


def test_registry_names_are_the_command_line_choices():
    assert sampler_choices() == list(PROFILE_SAMPLERS)
    assert list(PROFILE_SAMPLERS) == [n for n, s in SAMPLERS.items() if s.for_profiles]
    assert set(SAMPLERS) - set(PROFILE_SAMPLERS) == {"hierarchical"}


def test_the_profile_reader_accepts_exactly_the_registry_names(tmp_path):
    for name in SAMPLERS:
        problems = SensitivitySpec.table_problems({"sampler": name})
        assert (not problems) == (name in PROFILE_SAMPLERS), name
    text = portable((PROFILES / "japan.toml").read_text(encoding="utf-8"))
    assert "samples = 200000" in text and 'sampler = "dirichlet"' in text
    bad = text.replace("samples = 200000", "samples = 0").replace(
        'sampler = "dirichlet"', 'sampler = "hierarchical"'
    )
    path = tmp_path / "japan.toml"
    path.write_text(bad, encoding="utf-8")
    shown = [str(p) for p in read_profile(path).problems]
    assert (
        f"{path}: sensitivity.samples: expected a whole number from 1 to 100,000,000, found 0"
        in shown
    )
    assert any(p.startswith(f"{path}: sensitivity.sampler: expected one of uniform") for p in shown)


def test_every_profile_sampler_has_an_analysis(japan):
    top = [c.id for c in japan.criteria.criteria]
    weights = dataclasses.replace(japan.profile.weights, intervals={c: (0.0, 1.0) for c in top})
    result = dataclasses.replace(japan, profile=dataclasses.replace(japan.profile, weights=weights))
    for name in PROFILE_SAMPLERS:
        sampler = robustness.profile_sampler(result, name, 50.0)
        draws = sampler.draw(np.random.default_rng(0), 10)
        assert draws.shape == (10, len(japan.weights.leaves))
        np.testing.assert_allclose(draws.sum(axis=1), 1.0)
