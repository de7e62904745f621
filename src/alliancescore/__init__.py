"""alliancescore: multi-criteria decision support for judging military partnerships."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("alliancescore")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
