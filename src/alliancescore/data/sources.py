"""The public sources the data set is built from: files, versions, citations and terms.

One :class:`Source` per original data set. Each names the file(s) it was read from in the shared
source directory (with the SHA-256 the build checks before reading), how to cite it, and the
terms under which anything derived from it may be redistributed. The build copies these records
into the data set's ``MANIFEST.json`` and renders its ``TERMS.md`` from them, so the records
(declared by source family in :mod:`~alliancescore.data.sources_conflict` and
:mod:`~alliancescore.data.sources_indicators`) are the one place to correct a citation or a
licence statement.

A source whose terms could not be stated is not used (see :data:`EXCLUDED`).
"""

from __future__ import annotations

from alliancescore.data.source_records import Source, SourceFile
from alliancescore.data.sources_conflict import CONFLICT_SOURCES
from alliancescore.data.sources_indicators import INDICATOR_SOURCES

__all__ = ["EXCLUDED", "SOURCES", "Source", "SourceFile"]

SOURCES: dict[str, Source] = {
    source.id: source for source in (*CONFLICT_SOURCES, *INDICATOR_SOURCES)
}
"""Every source the build reads, by id."""

EXCLUDED: dict[str, str] = {
    "polity2 (Polity5, democracy_cow_states.csv)": (
        'Left out: the Center for Systemic Peace publishes Polity5 "as a service to the research '
        'community" but no statement of redistribution terms could be found, so the column is '
        "not shipped. Democracy is covered by V-Dem v2x_polyarchy and the extended UDS."
    ),
    "COW Formal Alliances v4.1": (
        "Not in the source material: its maintainer asked for it not to be redistributed. ATOP "
        "is used for alliance ties."
    ),
    "capdist_gleditsch.csv, cepii_dist_cepii.csv": (
        "Not used to build: distances are computed from the dated capital coordinates instead "
        "(the static tables place Germany at Bonn and miss several states). The Gleditsch table "
        "serves only as an independent check in the tests; CEPII's country file "
        "(cepii_geo_cepii.csv) is used to cross-check the capitals."
    ),
    "cow_igo_v3_shared_memberships_2014.csv": "Not used: one year (2014) only.",
}
"""Material in the shared source directory that is deliberately not shipped, and why."""
