"""A griffe extension for the API pages: the docstrings' Sphinx roles as Markdown code.

The docstrings cross-reference in reStructuredText (``:func:`evaluate```,
``:class:`~alliancescore.analysis.result.Result```), which Markdown would show as written.
Each role becomes inline code of its target, shortened as Sphinx shows it (``~`` keeps the last
name; ``title <target>`` keeps the title). mkdocs.yml loads it for mkdocstrings; it is not part
of the package.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?:func|class|mod|meth|attr|data|obj|exc|const|ref|term):`([^`]+)`")


def shown(target: str) -> str:
    """What Sphinx shows for a role's target."""
    titled = re.fullmatch(r"(.*?)\s*<([^>]+)>", target)
    if titled:
        return titled.group(1)
    if target.startswith("~"):
        return target[1:].rsplit(".", 1)[-1]
    return target.lstrip(".")


def plain(text: str) -> str:
    """``text`` with every role as inline code."""
    return ROLE.sub(lambda found: f"`{shown(found.group(1))}`", text)


class SphinxRoles(griffe.Extension):
    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = plain(obj.docstring.value)
