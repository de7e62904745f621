"""Real data about states for alliancescore: built tables, crosswalk, provenance and lookups."""
