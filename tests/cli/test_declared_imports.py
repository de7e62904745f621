"""Every third-party module the package imports is a declared dependency (issue 12).

A module that arrives only through another package (markupsafe through Jinja) or only in the
developer's environment (tqdm) works here and breaks for a user who installs the package
alone. The imports are read from the source with :mod:`ast`, mapped to the distributions that
provide them through the installed metadata, and compared with ``[project] dependencies``.
A module of an optional extra (openpyxl, extra ``xlsx``) counts only where it is imported
lazily, inside a function, never at a module's top level: ``pip install alliancescore`` does
not install it, and importing the package must not need it.
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


def _module_level_nodes(tree: ast.Module):
    """The statements run when a module is imported (not inside a function)."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))


def imported_top_level_modules(folder: Path, eager: bool = False) -> dict[str, set[str]]:
    """Top-level names of absolute imports in every module under ``folder`` -> the files;
    with ``eager``, only the imports run when the module itself is imported."""
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in _module_level_nodes(tree) if eager else ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(path.name)
    return found


def _names(requirements: list[str]) -> set[str]:
    return {_normal(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in requirements}


def declared_distributions() -> set[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return _names(project["dependencies"])


def optional_distributions() -> set[str]:
    """The distributions of the optional extras that users install (not the developers'
    ``test`` and ``docs`` tools)."""
    extras = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    return _names(
        [r for name, reqs in extras.items() if name not in ("test", "docs") for r in reqs]
    )


def _undeclared(found: dict[str, set[str]], declared: set[str]) -> dict[str, list[str]]:
    providers = packages_distributions()
    undeclared = {}
    for module, files in sorted(found.items()):
        if module in sys.stdlib_module_names or module in ("alliancescore", "__future__"):
            continue
        distributions = {_normal(d) for d in providers.get(module, [module])}
        if not distributions & declared:
            undeclared[module] = sorted(files)
    return undeclared


def test_every_third_party_import_is_declared():
    declared = declared_distributions() | optional_distributions()
    undeclared = _undeclared(imported_top_level_modules(PACKAGE), declared)
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"


def test_optional_extras_are_imported_lazily():
    # Importing the package needs only the required dependencies: openpyxl (extra xlsx) is
    # imported inside the function that writes a workbook, never at a module's top level.
    eager = _undeclared(imported_top_level_modules(PACKAGE, eager=True), declared_distributions())
    assert not eager, f"imported at module level but not in [project] dependencies: {eager}"


def test_the_check_sees_an_undeclared_import(tmp_path):
    # The check itself can fail: a module importing tqdm and markupsafe is seen.
    (tmp_path / "m.py").write_text("import tqdm\nfrom markupsafe import escape\n")
    assert set(imported_top_level_modules(tmp_path)) == {"tqdm", "markupsafe"}
    assert "tqdm" in declared_distributions() and "markupsafe" in declared_distributions()
    assert "openpyxl" in optional_distributions()
    assert "openpyxl" not in declared_distributions()


def test_the_check_sees_an_eager_import_of_an_extra(tmp_path):
    (tmp_path / "m.py").write_text(
        "import openpyxl\nif True:\n    import jinja2\n"
        "def f():\n    import tqdm\nclass C:\n    def g(self):\n        import numpy\n"
    )
    assert set(imported_top_level_modules(tmp_path, eager=True)) == {"openpyxl", "jinja2"}
    assert set(imported_top_level_modules(tmp_path)) == {"openpyxl", "jinja2", "tqdm", "numpy"}
