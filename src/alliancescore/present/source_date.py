"""The fixed instant written files carry: ``SOURCE_DATE_EPOCH`` when set, else 1980-01-01.

``SOURCE_DATE_EPOCH`` is the reproducible-builds convention (reproducible-builds.org,
"SOURCE_DATE_EPOCH" specification): whole seconds since 1970-01-01 UTC. A malformed value is
refused, as the specification asks, never replaced by another instant; the command line checks
it before anything else runs, since numpy itself stops with a traceback on one (f2py reads it
on import).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from alliancescore.errors import AllianceScoreError, Problem

__all__ = ["ZIP_EPOCH", "source_date"]

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
"""The earliest time a zip member can carry."""


def source_date() -> datetime:
    """``SOURCE_DATE_EPOCH`` as a UTC instant (never before :data:`ZIP_EPOCH`), else
    :data:`ZIP_EPOCH`; raises :class:`AllianceScoreError` on a malformed value."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return ZIP_EPOCH
    try:
        if not epoch.isdigit():
            raise ValueError(epoch)
        return max(datetime.fromtimestamp(int(epoch), tz=UTC), ZIP_EPOCH)
    except (ValueError, OverflowError, OSError):
        raise AllianceScoreError(
            Problem(
                "SOURCE_DATE_EPOCH (environment variable)",
                "whole seconds since 1970-01-01 UTC, e.g. 1764633600 for 2025-12-02",
                repr(epoch),
                "Set it to such a number (date -d 2025-12-02 +%s) or unset it to date "
                "written files 1980-01-01",
            )
        ) from None
