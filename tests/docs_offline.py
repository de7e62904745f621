"""The documentation site opens offline: no page loads a script, style, font or image from
another host (links a reader may follow are fine).

``python tests/docs_offline.py site`` lists every such reference in a built site and exits 1
if there is one; ``make docs`` runs it after the build, and ``tests/test_docs.py`` tests it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# An address on another host: http(s)://..., or protocol-relative //host/...
_EXTERNAL = r"""(?:https?:)?//[^"'\s)>]+"""
# What a browser loads by itself: src of any element (script, img, iframe, source, embed...),
# href of <link> (stylesheets, icons, preloads), data of <object>, CSS url() and @import.
_HTML = [
    re.compile(rf"""<[a-z]+\b[^>]*?\ssrc\s*=\s*["']?({_EXTERNAL})""", re.I),
    re.compile(rf"""<link\b[^>]*?\shref\s*=\s*["']?({_EXTERNAL})""", re.I),
    re.compile(rf"""<object\b[^>]*?\sdata\s*=\s*["']?({_EXTERNAL})""", re.I),
]
_CSS = [
    re.compile(rf"""url\(\s*["']?({_EXTERNAL})""", re.I),
    re.compile(rf"""@import\s+["']({_EXTERNAL})""", re.I),
]


def external_assets(site: Path) -> list[str]:
    """``file: address`` for every asset of ``site`` loaded from another host."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        patterns = _HTML + _CSS if path.suffix == ".html" else _CSS  # inline <style> too
        for pattern in patterns:
            found += [f"{path.relative_to(site)}: {m.group(1)}" for m in pattern.finditer(text)]
    return found


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    found = external_assets(site)
    for line in found:
        print(f"loads from another host: {line}")
    if not found:
        print(f"{site}: no page loads anything from another host")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
