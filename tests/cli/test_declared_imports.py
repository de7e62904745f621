"""Every third-party module the package imports is a declared dependency (issue 12).

A module that arrives only through another package (markupsafe through Jinja) or only in the
developer's environment (tqdm) works here and breaks for a user who installs the package
alone. The imports are read from the source with :mod:`ast`, mapped to the distributions that
provide them through the installed metadata, and compared with ``[project] dependencies``:
optional extras do not count, since ``pip install alliancescore`` does not install them.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import alliancescore

PACKAGE = Path(alliancescore.__file__).parent
PYPROJECT = PACKAGE.parents[1] / "pyproject.toml"


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_top_level_modules(folder: Path) -> dict[str, set[str]]:
    """Top-level names of absolute imports in every module under ``folder`` -> the files."""
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(path.name)
    return found


def declared_distributions() -> set[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return {_normal(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in project["dependencies"]}


def test_every_third_party_import_is_declared():
    providers = packages_distributions()
    declared = declared_distributions()
    undeclared = {}
    for module, files in sorted(imported_top_level_modules(PACKAGE).items()):
        if module in sys.stdlib_module_names or module in ("alliancescore", "__future__"):
            continue
        distributions = {_normal(d) for d in providers.get(module, [module])}
        if not distributions & declared:
            undeclared[module] = sorted(files)
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"


def test_the_check_sees_an_undeclared_import(tmp_path):
    # The check itself can fail: a module importing tqdm and markupsafe is seen.
    (tmp_path / "m.py").write_text("import tqdm\nfrom markupsafe import escape\n")
    assert set(imported_top_level_modules(tmp_path)) == {"tqdm", "markupsafe"}
    assert "tqdm" in declared_distributions() and "markupsafe" in declared_distributions()
