"""Test configuration: Hypothesis runs are deterministic by default.

CI and every developer see the same examples, so a run that passes once passes again
(reproducibility is a promise of this project). Set ``HYPOTHESIS_PROFILE=explore`` to search
new random examples, and add any failure it finds as an explicit regression test.
"""

from __future__ import annotations

import os

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
