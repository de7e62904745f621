"""Test configuration: Hypothesis runs are deterministic by default.

CI and every developer see the same examples, so a run that passes once passes again
(reproducibility is a promise of this project). Set ``HYPOTHESIS_PROFILE=explore`` to search
new random examples, and add any failure it finds as an explicit regression test.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


def pytest_configure(config) -> None:
    """Parsed data are cached in a folder of the test session's own, never the user's."""
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="alliancescore-cache-")
    os.environ["ALLIANCESCORE_CACHE_DIR"] = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.fixture(scope="session")
def dataset():
    """The shipped data set, loaded once for the session (tables are read on first use)."""
    from alliancescore.data import load

    return load()


@pytest.fixture(scope="session")
def demo_result(dataset):
    """``demo_result("japan")``: a shipped demo profile scored with its own methods, once per
    session (results are shared: do not modify them)."""
    from alliancescore.analysis.scoring import score
    from alliancescore.shipped import package_root

    results = {}

    def get(name: str):
        if name not in results:
            path = package_root() / "profiles" / f"{name}.toml"
            results[name] = score(path, data=dataset)
        return results[name]

    return get
