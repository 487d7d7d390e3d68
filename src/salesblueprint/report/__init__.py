"""Formatters: what a command found, as text for people and JSON (or SARIF) for tools.

One registry per command's output, from which the CLI's ``--format`` choices and help come:

- ``FORMATTERS`` for ``check`` (``files, findings, color -> str``): text, json, sarif, github;
- ``DIFF_FORMATTERS`` for ``diff`` (``BlueprintDiff -> str``): text, json, markdown;
- ``FUNNEL_FORMATTERS`` for ``funnel`` (``blueprint, funnel, what_if -> str``): the same three.

A new format is a function in a module here plus one :class:`FormatEntry` below, and its test.
Entries name the module, so that the CLI imports only the formatter it uses.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, cast

from salesblueprint.diagnostics.findings import Finding
from salesblueprint.i18n import N_, Translator

if TYPE_CHECKING:
    from salesblueprint.diff import BlueprintDiff
    from salesblueprint.funnel_maths import Funnel
    from salesblueprint.model.blueprint import Blueprint


class Formatter(Protocol):
    """``format_<name>(files, findings, color, tr=...)``: the output's own words in ``tr``'s
    language (the messages are translated already)."""

    def __call__(
        self,
        files: Sequence[str],
        findings: Sequence[Finding],
        color: bool = False,
        *,
        tr: Translator | None = None,
    ) -> str: ...


class DiffFormatter(Protocol):
    """``format_diff_<name>(diff, tr=...)``: in ``tr``'s language, else the new side's."""

    def __call__(self, d: BlueprintDiff, tr: Translator | None = None) -> str: ...


class FunnelFormatter(Protocol):
    """``format_<name>(bp, funnel, what_if, tr=...)``: in ``tr``'s language, else the
    blueprint's."""

    def __call__(
        self,
        bp: Blueprint,
        f: Funnel,
        what_if: Funnel | None = None,
        *,
        tr: Translator | None = None,
    ) -> str: ...


F = TypeVar("F", bound=Callable[..., str])


@dataclass(frozen=True)
class FormatEntry:
    """A registered output format: where its function is, and one line for ``--help``."""

    name: str
    module: str
    function: str
    help: str


class UnknownFormatError(ValueError):
    """A format no formatter is registered for."""

    def __init__(self, name: str, choices: Sequence[str] = ()) -> None:
        super().__init__(f"unknown format {name!r}; choose {', '.join(choices)}")
        self.format = name


class FormatRegistry(Mapping[str, FormatEntry], Generic[F]):
    """The output formats of one command, by name, in the order ``--help`` lists them."""

    def __init__(self, command: str, *entries: FormatEntry) -> None:
        self.command = command
        self._entries = {e.name: e for e in entries}

    def __getitem__(self, name: str) -> FormatEntry:
        return self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def formatter(self, name: str) -> F:
        """The formatter function for ``name``; :class:`UnknownFormatError` for any other."""
        entry = self._entries.get(name)
        if entry is None:
            raise UnknownFormatError(name, tuple(self))
        return cast(F, getattr(importlib.import_module(entry.module), entry.function))

    def help(self, tr: Translator | None = None) -> str:
        """``text (one line per finding), json (...)``: for the ``--format`` help, in ``tr``'s
        language (the entries' help is marked with ``N_``)."""
        return ", ".join(
            f"{e.name} ({tr.gettext(e.help) if tr else e.help})" for e in self._entries.values()
        )


FORMATTERS: FormatRegistry[Formatter] = FormatRegistry(
    "check",
    FormatEntry("text", "salesblueprint.report.text", "format_text", N_("one line per finding")),
    FormatEntry("json", "salesblueprint.report.json", "format_json", N_("the findings contract")),
    FormatEntry("sarif", "salesblueprint.report.sarif", "format_sarif", N_("SARIF 2.1.0")),
    FormatEntry(
        "github", "salesblueprint.report.github", "format_github", N_("GitHub annotations")
    ),
)
FORMATS = tuple(FORMATTERS)

DIFF_FORMATTERS: FormatRegistry[DiffFormatter] = FormatRegistry(
    "diff",
    FormatEntry("text", "salesblueprint.report.diff", "format_diff_text", N_("for a terminal")),
    FormatEntry("json", "salesblueprint.report.diff", "format_diff_json", N_("for tools")),
    FormatEntry(
        "markdown",
        "salesblueprint.report.diff",
        "format_diff_markdown",
        N_("fits a pull-request comment"),
    ),
)

FUNNEL_FORMATTERS: FormatRegistry[FunnelFormatter] = FormatRegistry(
    "funnel",
    FormatEntry("text", "salesblueprint.report.funnel", "format_text", N_("a table")),
    FormatEntry("json", "salesblueprint.report.funnel", "format_json", N_("for tools")),
    FormatEntry(
        "markdown",
        "salesblueprint.report.funnel",
        "format_markdown",
        N_("fits a pull-request comment or a wiki page"),
    ),
)


def get_formatter(name: str) -> Formatter:
    """The ``check`` formatter registered for ``name``; :class:`UnknownFormatError` otherwise."""
    return FORMATTERS.formatter(name)
