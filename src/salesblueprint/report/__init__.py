"""Formatters: findings to text for people, JSON for tools.

Each formatter takes the checked files and the findings and returns the whole output as text.
``FORMATTERS`` is the one registry of ``check`` output formats: the CLI's ``--format`` choices
and its help come from it. A new format is a module here with a ``format_<name>`` function,
plus one line below and its test. Entries name the module, so that the CLI imports only the
formatter it uses.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from salesblueprint.diagnostics.findings import Finding

Formatter = Callable[[Sequence[str], Sequence[Finding], bool], str]


@dataclass(frozen=True)
class FormatEntry:
    """A registered output format: where its function is, and one line for ``--help``."""

    name: str
    module: str
    function: str
    help: str


FORMATTERS: dict[str, FormatEntry] = {
    e.name: e
    for e in (
        FormatEntry("text", "salesblueprint.report.text", "format_text", "one line per finding"),
        FormatEntry("json", "salesblueprint.report.json", "format_json", "the findings contract"),
        FormatEntry("sarif", "salesblueprint.report.sarif", "format_sarif", "SARIF 2.1.0"),
        FormatEntry(
            "github", "salesblueprint.report.github", "format_github", "GitHub annotations"
        ),
    )
}
FORMATS = tuple(FORMATTERS)


class UnknownFormatError(ValueError):
    """A format no formatter is registered for."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown format {name!r}; choose {', '.join(FORMATS)}")
        self.format = name


def get_formatter(name: str) -> Formatter:
    """The formatter registered for ``name``; :class:`UnknownFormatError` for any other name."""
    entry = FORMATTERS.get(name)
    if entry is None:
        raise UnknownFormatError(name)
    return cast(Formatter, getattr(importlib.import_module(entry.module), entry.function))
