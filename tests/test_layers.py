"""The layers of ARCHITECTURE.md, enforced: each module imports only layers below it (or its own).

Read from the source with :mod:`ast`, imports inside functions included (a lazy import is still
a dependency). Numeric kernels (``mcda``, ``sensitivity``) import neither pandas nor files nor
templates.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import alliancescore

PACKAGE = Path(alliancescore.__file__).parent

# Lower numbers first; a module may import its own layer and any lower one.
LAYERS = {
    "": 0,  # the package root: __init__, errors, registry, shipped, settings, _allocator
    "mcda": 1,
    "sensitivity": 2,
    "data": 3,
    "measures": 4,
    "model": 5,
    "analysis": 6,
    "backtest": 7,
    "present": 8,
    "study": 9,
    "app": 10,  # cli, demo, workspace, __main__
}
APP_MODULES = {"cli", "demo", "workspace", "__main__"}
KERNEL_FORBIDDEN = {"pandas", "jinja2", "matplotlib", "markupsafe", "tqdm"}


def _layer_of_module(dotted: str) -> str:
    """The layer of ``alliancescore.<dotted>`` (``data.dataset`` -> ``data``)."""
    first = dotted.split(".")[0]
    if first in LAYERS:
        return first
    return "app" if first in APP_MODULES else ""


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = package.split(".")[: -node.level]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return found


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "files" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_lower_layers(path):
    own = _layer_of_module(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    wrong = []
    for line, module in _imports(path):
        if module.split(".")[0] != "alliancescore" or module == "alliancescore":
            continue
        target = _layer_of_module(module.removeprefix("alliancescore."))
        if LAYERS[target] > LAYERS[own]:
            wrong.append(f"line {line}: {module} ({target or 'root'} above {own or 'root'})")
    assert not wrong, wrong


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if p.relative_to(PACKAGE).parts[0] in ("mcda", "sensitivity")],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_kernels_import_no_pandas_files_or_templates(path):
    used = {module.split(".")[0] for _, module in _imports(path)}
    assert not used & KERNEL_FORBIDDEN
    assert not {m for _, m in _imports(path) if m.startswith("alliancescore.data")}


def test_the_check_sees_an_upward_import():
    # data importing analysis would be refused: the layer order itself can fail a module.
    assert LAYERS[_layer_of_module("analysis.scoring")] > LAYERS[_layer_of_module("data.cache")]
    assert _layer_of_module("cli") == "app" and _layer_of_module("errors") == ""
