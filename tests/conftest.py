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
