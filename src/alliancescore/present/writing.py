"""Writing files: atomic writes to destinations that never replace an input.

Every output is written to a temporary file in the destination folder and moved into place
with ``os.replace``, so a reader never sees half a file and an interrupted run leaves the old
file intact. A destination that is one of the run's inputs (the profile, the criteria file,
anything in the data folder) is refused before anything is written. This module imports
nothing heavy, so commands that only write files start fast.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from alliancescore.errors import AllianceScoreError, Problem

__all__ = [
    "DEFAULT_FOLDER",
    "NAME_MAX",
    "check_destination",
    "check_output_folder",
    "write_atomic",
]


# Longest file name most file systems take (bytes); checked before a long computation.
NAME_MAX = 255

# Where report and demo write when no --out is given (relative to the working folder).
DEFAULT_FOLDER = "reports/out"


def _problem(flag: str, expected: str, found: str, hint: str = "") -> AllianceScoreError:
    return AllianceScoreError(Problem(flag, expected, found, hint))


def _outside_data(target: Path, out: str | Path, data_dir: Path, flag: str, what: str) -> None:
    data_root = data_dir.resolve()
    if target == data_root or data_root in target.parents:
        raise _problem(
            flag,
            f"{what} outside the data folder",
            str(out),
            "Write results under reports/out/ or another folder of your own",
        )


def _creatable(target: Path, out: str | Path, flag: str) -> None:
    """``target`` can be made: its name fits, every existing ancestor is a folder, and the
    nearest existing one is writable. Checked before the work, so a run of minutes does not end
    in an error about its destination."""
    if len(target.name.encode("utf-8")) > NAME_MAX:
        raise _problem(
            flag,
            f"a file name of at most {NAME_MAX} bytes",
            f"{len(target.name.encode('utf-8'))} bytes ({target.name[:40]}...)",
            "Use a shorter name (a report is named after the profile's id)",
        )
    ancestor = target.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise _problem(
            flag, "a path under a folder", f"{out}: {ancestor} is a file", "Choose another path"
        )
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise _problem(
            flag,
            "a folder this user can write in",
            f"{ancestor} is not writable",
            "Choose a folder of your own",
        )


def _special(out: str | Path) -> bool:
    """``out``, as given (following links), is an existing device, pipe or socket. Checked
    before resolving: ``/dev/stdout`` on a pipe resolves to ``/proc/PID/fd/pipe:[N]``, a name
    that exists nowhere, so the resolved path would look like a new file."""
    try:
        mode = os.stat(out).st_mode
    except (OSError, ValueError):  # missing, unreachable, or a name the system refuses
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _device(flag: str, out: str | Path) -> AllianceScoreError:
    # A device, pipe or socket would be replaced by a regular file (as root: /dev/null).
    return _problem(
        flag,
        "a regular file or a new path",
        f"{out} is a device, pipe or socket",
        "Write to a file and copy it where it is needed",
    )


def _as_default(error: AllianceScoreError, where: str, flag: str) -> AllianceScoreError:
    """``error``'s problems located at ``where`` (a path of the command's default output
    folder, no ``flag`` given) with how to choose another folder, rather than blaming ``flag``,
    which the analyst did not pass."""
    return AllianceScoreError(
        Problem(where, problem.expected, problem.found, f"Choose another folder with {flag} DIR")
        for problem in error.problems
    )


def check_destination(
    out: str | Path,
    inputs: Iterable[str | Path],
    data_dir: Path,
    flag: str = "--out",
    *,
    default: bool = False,
) -> Path:
    """The resolved output path, or an error if it would overwrite an input, is not a regular
    file (a device, a pipe, a folder) or cannot be written.

    ``default``: ``out`` is a file of the command's default output folder (a report named
    after its profile, no ``flag`` given): a problem names it so, as
    :func:`check_output_folder` does the folder."""
    try:
        return _checked_destination(out, inputs, data_dir, flag)
    except AllianceScoreError as error:
        if not default:
            raise
        where = f"{out} (in the default output folder; no {flag} given)"
        raise _as_default(error, where, flag) from None


def _checked_destination(
    out: str | Path, inputs: Iterable[str | Path], data_dir: Path, flag: str
) -> Path:
    if _special(out):
        raise _device(flag, out)
    target = Path(out).resolve()
    for given in inputs:
        if given and Path(given).resolve() == target:
            raise _problem(
                flag,
                "a path that is not one of the inputs",
                str(out),
                "Choose another file name; inputs are never overwritten",
            )
    if target.suffix == ".toml" and target.exists():
        raise _problem(
            flag,
            "a path that is not an existing profile, criteria, facts or study file",
            str(out),
            "Analysts' TOML files are never overwritten: choose another name",
        )
    _outside_data(target, out, data_dir, flag, "a path")
    if target.is_dir():
        raise _problem(flag, "a file path", f"{out} is a folder", "Add a file name")
    if target.exists() and not target.is_file():
        raise _device(flag, out)
    _creatable(target, out, flag)
    return target


def check_output_folder(
    out: str | Path, data_dir: Path, flag: str = "--out", *, default: bool = False
) -> Path:
    """A folder for generated files: not a file, not inside the data folder, writable.

    ``default``: ``out`` is the command's default, not given: a problem then names the folder
    as the default and says how to choose another, rather than blaming ``flag``, which the
    analyst did not pass."""
    try:
        return _checked_folder(out, data_dir, flag)
    except AllianceScoreError as error:
        if not default:
            raise
        where = f"{out} (the default output folder; no {flag} given)"
        raise _as_default(error, where, flag) from None


def _checked_folder(out: str | Path, data_dir: Path, flag: str) -> Path:
    if _special(out):
        raise _problem(flag, "a folder", f"{out} is a device, pipe or socket")
    target = Path(out).resolve()
    _outside_data(target, out, data_dir, flag, "a folder")
    if target.exists() and not target.is_dir():
        raise _problem(flag, "a folder", f"{out} is a file")
    if target.exists():
        if not os.access(target, os.W_OK | os.X_OK):
            raise _problem(
                flag,
                "a folder this user can write in",
                f"{out} is not writable",
                "Choose a folder of your own",
            )
    else:
        _creatable(target, out, flag)
    return target


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` to ``path`` atomically (temporary file + rename in the same folder):
    a ``str`` as UTF-8 with its newlines as given, ``bytes`` (a workbook) as they are.

    The temporary file is removed on every exit the process can see (errors, Ctrl-C, and the
    termination signals the command line turns into exceptions); only a kill leaves it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # A short prefix: a long destination name must not make the temporary name too long.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        # mkstemp creates the file private (0600); give it the usual permissions instead.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
