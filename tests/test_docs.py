"""The documentation site (``make docs``): built offline with ``mkdocs build --strict`` from the
README sections and the docstrings, every page present, nothing loaded from another host."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from docs_offline import external_assets, main

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "mcda",
    "sensitivity",
    "analysis",
    "model",
    "data",
    "measures",
    "present",
    "backtest",
    "study",
)


def _page(site: Path, name: str, html: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def test_the_offline_check_finds_what_a_browser_would_load(tmp_path, capsys):
    _page(
        tmp_path,
        "index.html",
        '<script src="js/theme.js"></script><a href="https://www.mkdocs.org/">MkDocs</a>'
        '<link rel="stylesheet" href="css/theme.css"><img src="img/a.png">'
        '<script src="https://cdn.example.org/highlight.min.js"></script>'
        "<link rel=stylesheet href=//fonts.example.com/css?family=Lato>",
    )
    _page(
        tmp_path,
        "api/x.html",
        "<img alt='x' src='http://example.org/a.png'><style>@import \"https://x.org/a.css\";</style>",
    )
    _page(tmp_path, "css/theme.css", "/* https://github.com/x */ a { background: url(img/a.png) }")
    _page(tmp_path, "css/fonts.css", "@font-face { src: url('https://fonts.example.com/l.woff2') }")
    assert external_assets(tmp_path) == [
        "api/x.html: http://example.org/a.png",
        "api/x.html: https://x.org/a.css",
        "css/fonts.css: https://fonts.example.com/l.woff2",
        "index.html: https://cdn.example.org/highlight.min.js",
        "index.html: //fonts.example.com/css?family=Lato",
    ]
    assert main([str(tmp_path)]) == 1
    assert capsys.readouterr().out.count("loads from another host: ") == 5
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.name != "theme.css":
            path.unlink()
    assert main([str(tmp_path)]) == 0


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site as ``make docs`` builds it, into a folder of the test's own."""
    pytest.importorskip("mkdocstrings", reason="the docs extra: pip install -e '.[docs]'")
    out = tmp_path_factory.mktemp("docs") / "site"
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return out


@pytest.mark.slow
def test_the_site_builds_strict_and_loads_nothing_from_another_host(site):
    assert external_assets(site) == []


@pytest.mark.slow
@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_package_has_its_api_page(site, package):
    html = (site / "api" / f"{package}.html").read_text(encoding="utf-8")
    assert f'id="alliancescore.{package}"' in html
    assert ":func:`" not in html and ":class:`" not in html  # roles shown as code


@pytest.mark.slow
def test_the_pages_carry_the_readme_sections_and_the_docstrings(site):
    text = {p: (site / p).read_text(encoding="utf-8") for p in ("index.html", "methods.html")}
    assert "Nothing touches the network at run time" in text["index.html"]
    assert "returns Q, <strong>lower is better</strong>" in text["methods.html"]
    assert "--8&lt;--" not in text["index.html"] + text["methods.html"]  # no marker left
    mcda = (site / "api" / "mcda.html").read_text(encoding="utf-8")
    assert 'id="alliancescore.mcda.evaluate"' in mcda
    assert 'id="alliancescore.mcda.methods.vikor"' in mcda
    assert "Opricovic" in mcda  # the source paper, from the docstring
    example = (site / "example.html").read_text(encoding="utf-8")
    assert "us_jpn_kor" in example
    assert (site / "formats.html").is_file()
    studies = (site / "studies.html").read_text(encoding="utf-8")
    assert "alliancescore study-report" in studies and "top_choice_stability.csv" in studies
