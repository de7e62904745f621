"""alliancescore: multi-criteria decision support for judging military partnerships."""

# The one place the version is written: pyproject.toml reads it from here (a metadata lookup at
# import would cost every command about 0.1 s of start-up).
__version__ = "0.1.0"

__all__ = ["__version__"]
