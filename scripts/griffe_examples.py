"""
A griffe extension for the API reference: doctest examples as code, Sphinx roles as code.

The project's docstrings head their doctests "Example:" (singular), which the
Google-style parser would render as an admonition of Markdown, so doctest
output such as ``[28, 32, 27]`` would be read as a link. This extension renames
the heading to "Examples:" before parsing, so ``>>>`` blocks render as code.
Sphinx roles such as ``:meth:`~modslavery.Dataset.series``` become inline code
(``series``; the full path without the tilde), as Markdown has no roles.
mkdocs.yml loads it through mkdocstrings (``extensions: [scripts/griffe_examples.py]``);
it changes nothing in the source files.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_HEADING = re.compile(r"^(\s*)Example:[ \t]*$", re.MULTILINE)
_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|attr|data|exc|obj):`(~?)([^`]+)`")


def _role(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    return f"`{target.rsplit('.', 1)[-1] if tilde else target}`"


class ExampleSections(griffe.Extension):
    """Rename "Example:" to "Examples:" and turn roles into code in every docstring griffe reads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:  # noqa: ARG002 - griffe passes more
        if obj.docstring is not None:
            text = _HEADING.sub(r"\1Examples:", obj.docstring.value)
            obj.docstring.value = _ROLE.sub(_role, text)
