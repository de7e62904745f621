"""ARCHITECTURE.md's recipes work: a new method and a new measure, each one registered
function, run end to end from a criteria file and a profile (issue 13).

The example method and measure are registered here exactly as a new module would register
them (the recipe's "one file"), used through ``validate``, ``score``, ``explain`` and the
sensitivity analysis, then removed from the registries again.
"""

from __future__ import annotations

import numpy as np
import pytest

from alliancescore import mcda
from alliancescore.analysis.robustness import analyse
from alliancescore.analysis.scoring import score
from alliancescore.cli import main
from alliancescore.mcda.method import Kernel, register_method
from alliancescore.mcda.tables import ALTERNATIVES, CRITERIA, table
from alliancescore.measures import MEASURES
from alliancescore.measures.base import MeasureContext, MeasureResult, monadic, register_measure
from alliancescore.params import Real
from alliancescore.present.explain import explain_text
from alliancescore.shipped import default_criteria, package_root
from shipped_copies import portable


@pytest.fixture
def registered():
    """The example method and measure, registered for one test."""

    @register_method(
        "example_weakest_link",
        higher_is_better=True,
        summary="Example: the weighted worst criterion (a pessimistic score)",
        params={"floor": Real(0.0, 1.0)},
        tables=[table("clipped", ALTERNATIVES, CRITERIA, caption="values below the floor")],
    )
    def example_weakest_link(X, benefit, *, floor: float = 0.0) -> Kernel:
        """score_i = min_j (w_j m x_ij) with x clipped below at ``floor`` (m criteria)."""
        R = np.where(benefit, X, X.max(axis=0) - X).clip(min=floor)

        def score_fn(W: np.ndarray) -> np.ndarray:
            m = W.shape[1]
            return (W[:, np.newaxis, :] * m * R[np.newaxis, :, :]).min(axis=2)

        return Kernel(score_fn, {"clipped": R}, lambda W: {}, bytes_per_sample=8 * R.size)

    @register_measure(
        "example_population",
        unit="thousands of people",
        direction="benefit",
        aggregation="sum",
        description="Example: COW NMC total population",
        tables=("nmc",),
        params={"scale": Real(0.0, low_open=True)},
    )
    def example_population(
        ctx: MeasureContext, candidates: list[str], *, scale: float = 1.0
    ) -> MeasureResult:
        """The candidate's population (COW NMC ``tpop``), times ``scale``."""
        found = monadic(ctx, "nmc", "tpop", candidates)
        return MeasureResult(found.values * scale, found.provenance, found.stale)

    yield
    mcda.METHODS.remove("example_weakest_link")
    MEASURES.remove("example_population")


@pytest.fixture
def files(tmp_path):
    criteria = default_criteria().read_text(encoding="utf-8")
    measure = '  measure = "extended_deterrence"'
    value_function = (
        'value_function = { type = "categorical", map = { "0" = 0.0, "1" = 0.0, "2" = 0.25, '
        '"3" = 1.0 } }'
    )
    assert measure in criteria and value_function in criteria  # both really replaced
    criteria = criteria.replace(
        measure, '  measure = "example_population"\n  params = { scale = 0.001 }', 1
    ).replace(value_function, "", 1)
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "default.toml").write_text(criteria, encoding="utf-8")
    profile = portable((package_root() / "profiles" / "japan.toml").read_text("utf-8"))
    profile = profile.replace(
        "[methods]\n", "[methods]\nexample_weakest_link = { floor = 0.05 }\n", 1
    ).replace("samples = 200000", "samples = 2000")
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "japan.toml").write_text(profile, encoding="utf-8")
    return tmp_path / "profiles" / "japan.toml"


def test_a_new_method_and_measure_run_end_to_end(registered, files, capsys):
    assert main(["validate", str(files)]) == 0, capsys.readouterr().err
    result = score(files)
    assert "example_weakest_link" in result.methods
    nuclear = result.matrix.raw["nuclear"]  # the indicator now measured by the example
    assert nuclear["IND"] > nuclear["AUS"] > 0  # population, in millions
    assert "nmc" in result.matrix.sources.loc["IND", "nuclear"]
    ranks = result.ranks["example_weakest_link"]
    assert sorted(ranks.unique())[0] == 1 and ranks.notna().all()
    assert "example_weakest_link" in explain_text(result, "IND")
    report = analyse(result, samples=2000, seed=1, methods=["example_weakest_link"])
    shares = report.acceptability["example_weakest_link"]
    assert np.allclose(shares.sum(axis=1), 1.0)


def test_the_new_entries_get_the_usual_messages(registered, files, capsys):
    text = files.read_text(encoding="utf-8").replace("floor = 0.05", "floor = 2")
    files.write_text(text, encoding="utf-8")
    assert main(["validate", str(files)]) == 2
    err = capsys.readouterr().err
    assert "floor" in err and "a number in [0, 1]" in err
    criteria = files.parent.parent / "criteria" / "default.toml"
    criteria.write_text(
        criteria.read_text(encoding="utf-8").replace("scale = 0.001", "scale = -1"),
        encoding="utf-8",
    )
    assert main(["validate", str(criteria)]) == 2
    assert "params.scale" in capsys.readouterr().err
