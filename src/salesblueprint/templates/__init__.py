"""Starter blueprints for ``salesblueprint init --template NAME`` (package data).

Each ``<name>.blueprint.yaml`` here is a complete blueprint that checks clean: buyer-centric,
factual, inspectable exit criteria, each with its evidence and the declared ``tool.record``
it is recorded in. The file is the whole registration: its name is the template's name, and
its top-level ``description:`` (with ``language:`` when not English) is its line in
``init --help``. Adding a template is adding a file (``tests/test_init.py`` checks it).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salesblueprint.i18n import Translator

DEFAULT_TEMPLATE = "hubspot"
SUFFIX = ".blueprint.yaml"

_TOP_LEVEL = re.compile(r"^(description|language):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def _summary(text: str) -> str:
    """``description:`` of a template's text, and its ``language:`` when it is not English."""
    keys = {k: v.strip("'\"") for k, v in _TOP_LEVEL.findall(text)}
    summary = keys.get("description", "")
    language = keys.get("language", "en")
    return summary if language == "en" else f"{summary} (language: {language})"


@cache
def _scan() -> dict[str, str]:
    """The templates, read once on first use (``init`` only: other commands never pay)."""
    from importlib import resources

    found = {}
    for entry in resources.files(__name__).iterdir():
        if entry.name.endswith(SUFFIX):
            name = entry.name.removesuffix(SUFFIX)
            found[name] = _summary(entry.read_text(encoding="utf-8"))
    return dict(sorted(found.items()))


def __getattr__(name: str) -> dict[str, str]:
    """``TEMPLATES``: template name → its one line of help, from the files in this package
    (scanned on first access, so importing this module reads no file)."""
    if name == "TEMPLATES":
        return _scan()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def template_names() -> list[str]:
    return sorted(_scan())


def help_text(columns: int = 76, tr: Translator | None = None) -> str:
    """``name  description`` per template, wrapped at ``columns``, for ``init --help``; an
    English template's description in ``tr``'s language (the catalog has them: extracted by
    ``i18n/extract.py``)."""
    import textwrap

    templates = {n: tr.gettext(line) if tr else line for n, line in _scan().items()}
    width = max(map(len, templates), default=0)
    return "\n".join(
        textwrap.fill(
            line,
            columns,
            initial_indent=f"  {name:<{width}}  ",
            subsequent_indent=" " * (width + 4),
        )
        for name, line in templates.items()
    )


def template_text(name: str) -> str:
    """The text of one template; ``KeyError`` for an unknown name."""
    from importlib import resources

    if name not in _scan():
        raise KeyError(name)
    return resources.files(__name__).joinpath(name + SUFFIX).read_text(encoding="utf-8")
