"""The ``alliancescore`` command line.

Every input problem ends in one message on stderr (file, key path, what was expected, what was
found, how to fix it) and a non-zero exit, never a traceback. Exit codes: 0 success, 2 bad
input (including a file ``validate`` finds invalid), 1 a check that ran and failed (``demo``
not reproducing its published example).
"""

from alliancescore.cli.app import main

__all__ = ["main"]
