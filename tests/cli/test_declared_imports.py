"""Every third-party module the package imports is a declared dependency (issue 12).

A module that arrives only through another package (markupsafe through Jinja) or only in the
developer's environment (tqdm) works here and breaks for a user who installs the package
alone. The imports are read from the source with :mod:`ast`, mapped to the distributions that
provide them through the installed metadata, and compared with ``[project] dependencies``:
optional extras do not count, since ``pip install alliancescore`` does not install them,
except where a module imports one lazily: inside a function, in a ``try`` that catches
``ImportError``, in a file whose message names the extra (``pip install
'alliancescore[xlsx]'``), so that a user without it gets that message and nothing else breaks.
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


def _catches_import_error(node: ast.Try) -> bool:
    names = []
    for handler in node.handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        names += [k.id for k in kinds if isinstance(k, ast.Name)]
    return bool({"ImportError", "ModuleNotFoundError"} & set(names))


def lazily_guarded(path: Path) -> set[str]:
    """Top-level names that ``path`` imports only inside functions, in the body of a ``try``
    catching ``ImportError`` (an import elsewhere in the file removes the name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    guarded: set[int] = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Try) and _catches_import_error(node):
                for statement in node.body:
                    guarded |= {id(n) for n in ast.walk(statement)}
    names: dict[str, bool] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            tops = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            tops = [node.module.split(".")[0]]
        else:
            continue
        for top in tops:
            names[top] = names.get(top, True) and id(node) in guarded
    return {name for name, lazy in names.items() if lazy}


def optional_distributions() -> dict[str, set[str]]:
    """Extra -> the distributions it adds."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return {
        extra: {_normal(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in requirements}
        for extra, requirements in project.get("optional-dependencies", {}).items()
    }


def lazy_extra(module: str, files: set[str], distributions: set[str]) -> str | None:
    """The extra ``module`` comes from when every file importing it does so lazily and names
    the extra in its message, else ``None``."""
    for extra, provided in optional_distributions().items():
        if not distributions & provided:
            continue
        paths = [p for p in PACKAGE.rglob("*.py") if p.name in files]
        if all(
            module in lazily_guarded(p)
            and f"pip install 'alliancescore[{extra}]'" in p.read_text(encoding="utf-8")
            for p in paths
        ):
            return extra
    return None


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
        if not distributions & declared and lazy_extra(module, files, distributions) is None:
            undeclared[module] = sorted(files)
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"


def test_the_check_sees_an_undeclared_import(tmp_path):
    # The check itself can fail: a module importing tqdm and markupsafe is seen.
    (tmp_path / "m.py").write_text("import tqdm\nfrom markupsafe import escape\n")
    assert set(imported_top_level_modules(tmp_path)) == {"tqdm", "markupsafe"}
    assert "tqdm" in declared_distributions() and "markupsafe" in declared_distributions()


def test_an_optional_extra_counts_only_when_imported_lazily_with_its_message(tmp_path):
    eager = tmp_path / "eager.py"
    eager.write_text("import openpyxl\n")
    lazy = tmp_path / "lazy.py"
    lazy.write_text(
        "def read():\n"
        "    try:\n"
        "        import openpyxl\n"
        "    except ImportError:\n"
        "        raise SystemExit(\"pip install 'alliancescore[xlsx]'\")\n"
    )
    unguarded = tmp_path / "unguarded.py"
    unguarded.write_text("def read():\n    import openpyxl\n")
    assert lazily_guarded(eager) == set() and lazily_guarded(unguarded) == set()
    assert lazily_guarded(lazy) == {"openpyxl"}
    assert "openpyxl" in optional_distributions()["xlsx"]
