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
    "PATH_MAX",
    "check_destination",
    "check_output_folder",
    "check_path_length",
    "write_atomic",
]


# Longest file name most file systems take (bytes); checked before a long computation.
NAME_MAX = 255

# Longest path the system looks up (bytes, with its terminating NUL: Linux's PATH_MAX): a
# longer one is refused (ENAMETOOLONG) however short each name along it.
PATH_MAX = 4096

# What tempfile adds to write_atomic's prefix: 8 random characters, then the suffix.
_TEMPORARY_END = "XXXXXXXX.tmp"

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


def _names_fit(target: Path, flag: str, what: str, hint: str) -> None:
    """Every name along ``target`` fits (``what`` its last: a file or a folder, ``hint`` how to
    shorten that one). Checked before the path is looked at: the system refuses to look up a
    longer name (ENAMETOOLONG) rather than say it does not exist."""
    *folders, last = target.parts
    for name, kind, how in [
        *((folder, "folder", "Use a shorter folder name") for folder in folders),
        (last, what, hint),
    ]:
        size = len(name.encode("utf-8", "surrogateescape"))
        if size > NAME_MAX:
            raise _problem(
                flag,
                f"a {kind} name of at most {NAME_MAX} bytes",
                f"{size} bytes ({name[:40]}...)",
                how,
            )


def _path_fits(target: Path, flag: str, temporary: Path | None = None) -> None:
    """``target`` (absolute) is a path the system will look up, and so is ``temporary``, the
    file :func:`write_atomic` writes beside it first (the longer when the name is short).
    Checked after the names (a name too long is the more precise message) and before the path
    is looked at, which would fail with ENAMETOOLONG."""
    for path, what in [(target, ""), (temporary, " for the temporary file written beside it")]:
        size = len(_bytes(path)) if path else 0
        if size >= PATH_MAX:
            raise _problem(
                flag,
                f"a path of at most {PATH_MAX - 1} bytes from the root",
                f"{size} bytes{what} ({str(path)[:40]}...)",
                "Choose a folder with a shorter path (fewer or shorter folder names)",
            )


def check_path_length(target: Path, flag: str) -> None:
    """``target`` (a file to write with :func:`write_atomic`, absolute) has names and a path,
    its temporary file's included, that the system can look up: for commands that write a
    tree of files of their own (``init``), whose names the analyst does not choose."""
    _names_fit(target, flag, "file", "Use a shorter folder name")
    temporary = target.with_name(_temporary_prefix(target.name) + _TEMPORARY_END)
    _path_fits(target, flag, temporary)


def _bytes(path: Path) -> bytes:
    return str(path).encode("utf-8", "surrogateescape")


def _temporary_prefix(name: str) -> str:
    # A short prefix: a long destination name must not make the temporary name too long.
    return f".{name[:40]}."


def _creatable(target: Path, out: str | Path, flag: str, hint: str | None = None) -> None:
    """``target`` can be made: every existing ancestor is a folder, and the nearest existing one
    is writable (its names are checked first, :func:`_names_fit`). Checked before the work, so
    a run of minutes does not end in an error about its destination. ``hint``: how to go on
    from either problem when the command chose the file's name (choose another folder)."""
    ancestor = target.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise _problem(
            flag,
            "a path under a folder",
            f"{out}: {ancestor} is a file",
            hint or "Choose another path",
        )
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise _problem(
            flag,
            "a folder this user can write in",
            f"{ancestor} is not writable",
            hint or "Choose a folder of your own",
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


def _device(flag: str, out: str | Path, hint: str | None = None) -> AllianceScoreError:
    # A device, pipe or socket would be replaced by a regular file (as root: /dev/null).
    return _problem(
        flag,
        "a regular file or a new path",
        f"{out} is a device, pipe or socket",
        hint or "Write to a file and copy it where it is needed",
    )


def _as_default(
    error: AllianceScoreError, where: str, flag: str, *, keep_hints: bool = False
) -> AllianceScoreError:
    """``error``'s problems located at ``where`` (a path of the command's default output
    folder, no ``flag`` given) with how to choose another folder, rather than blaming ``flag``,
    which the analyst did not pass; ``keep_hints``: with their own hints (already fit for a
    file the command names, :func:`check_destination`)."""
    return AllianceScoreError(
        Problem(
            where,
            problem.expected,
            problem.found,
            problem.hint if keep_hints else f"Choose another folder with {flag} DIR",
        )
        for problem in error.problems
    )


def check_destination(
    out: str | Path,
    inputs: Iterable[str | Path],
    data_dir: Path,
    flag: str = "--out",
    *,
    default: bool = False,
    named: str | None = None,
) -> Path:
    """The resolved output path, or an error if it would overwrite an input, is not a regular
    file (a device, a pipe, a folder), has a name or a path too long or cannot be written.

    ``named``: the command chose the file's name, not the analyst (a report, named after its
    profile's id): how to shorten that name (``"Shorten the profile's id ..."``); the other
    problems' hints then say to choose another folder with ``flag`` DIR, not another file name.
    ``default``: ``out`` is in the command's default output folder (no ``flag`` given): a
    problem names it so, as :func:`check_output_folder` does the folder."""
    try:
        return _checked_destination(out, inputs, data_dir, flag, named)
    except AllianceScoreError as error:
        if not default:
            raise
        where = f"{out} (in the default output folder; no {flag} given)"
        raise _as_default(error, where, flag, keep_hints=named is not None) from None


def _checked_destination(
    out: str | Path, inputs: Iterable[str | Path], data_dir: Path, flag: str, named: str | None
) -> Path:
    # Where the command chose the name, another folder is the way out, not another name.
    elsewhere = f"another folder with {flag} DIR" if named else None
    if _special(out):
        raise _device(flag, out, elsewhere and f"Choose {elsewhere}")
    target = Path(out).resolve()
    _names_fit(target, flag, "file", named or "Use a shorter file name")
    _path_fits(target, flag, target.with_name(_temporary_prefix(target.name) + _TEMPORARY_END))
    for given in inputs:
        if given and Path(given).resolve() == target:
            raise _problem(
                flag,
                "a path that is not one of the inputs",
                str(out),
                f"Choose {elsewhere or 'another file name'}; inputs are never overwritten",
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
        raise _problem(
            flag,
            "a file path",
            f"{out} is a folder",
            f"Remove or rename that folder, or choose {elsewhere}"
            if elsewhere
            else "Add a file name",
        )
    if target.exists() and not target.is_file():
        raise _device(flag, out, elsewhere and f"Choose {elsewhere}")
    _creatable(target, out, flag, elsewhere and f"Choose {elsewhere}")
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


FILE_SUFFIXES = frozenset(
    {".html", ".htm", ".json", ".csv", ".xlsx", ".xls", ".pdf", ".txt", ".toml", ".parquet"}
)
"""Suffixes of the files the commands write or read: a folder for output that does not exist
yet and is named like one of them is a file name given where a folder is asked for."""


def _checked_folder(out: str | Path, data_dir: Path, flag: str) -> Path:
    if _special(out):
        raise _problem(flag, "a folder", f"{out} is a device, pipe or socket")
    target = Path(out).resolve()
    _names_fit(target, flag, "folder", "Use a shorter folder name")
    _path_fits(target, flag)
    _outside_data(target, out, data_dir, flag, "a folder")
    if target.exists() and not target.is_dir():
        raise _problem(flag, "a folder", f"{out} is a file")
    if not target.exists() and target.suffix.lower() in FILE_SUFFIXES:
        # `--out australia.html` would otherwise make a folder of that name and hide the
        # report one level down, where the analyst does not look for it.
        raise _problem(
            flag,
            "a folder (the files are written inside it)",
            f"{out}, a file name ({target.suffix})",
            f"Give the folder, e.g. {flag} {Path(out).parent}"
            if str(Path(out).parent) not in ("", ".")
            else f"Give a folder, e.g. {flag} reports/out",
        )
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


def _make_folders(folder: Path) -> None:
    """``folder`` and the folders missing above it, made from the top down: ``Path.mkdir``
    with ``parents=True`` recurses once per missing folder, past Python's recursion limit on a
    path of a thousand short names (which fits :data:`PATH_MAX`)."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` to ``path`` atomically (temporary file + rename in the same folder):
    a ``str`` as UTF-8 with its newlines as given, ``bytes`` (a workbook) as they are.

    The temporary file is removed on every exit the process can see (errors, Ctrl-C, and the
    termination signals the command line turns into exceptions); only a kill leaves it.
    """
    _make_folders(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_temporary_prefix(path.name), suffix=".tmp")
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
