"""The public entry points: load, check, render."""

from __future__ import annotations

from collections.abc import Iterable

from salesblueprint.diagnostics.findings import Finding
from salesblueprint.model.blueprint import Blueprint
from salesblueprint.model.load import FilePath, LoadResult, load
from salesblueprint.rules.config import Config, limits_for
from salesblueprint.rules.engine import run_rules

__all__ = ["check", "check_file", "load", "render", "render_pages"]


def check(bp: Blueprint, config: Config | None = None, lang: str | None = None) -> list[Finding]:
    """Run every rule on a loaded blueprint and return the findings, sorted by position.

    Messages are in the blueprint's ``language:``, or in ``lang`` (``en``, ``nl``) if given.
    """
    return run_rules(bp, config, lang)


def check_file(
    path: FilePath, config: Config | None = None, lang: str | None = None
) -> list[Finding]:
    """Load and check one file. Never raises for bad input: problems come back as findings.

    Bad input includes the path itself: ``None``, a path with a NUL character, a directory or
    a missing file is an ``SB011 unreadable-file`` finding, not an exception. Messages are in
    the file's ``language:``, or in ``lang`` if given.
    """
    return check_file_language(path, config, lang)[0]


def check_file_language(
    path: FilePath, config: Config | None = None, lang: str | None = None
) -> tuple[list[Finding], str]:
    """:func:`check_file`, and the language its messages are in."""
    from salesblueprint.model.load import load_file

    return _checked(load_file(path, limits_for(config), lang=lang), config, lang)


def check_bytes_language(
    data: bytes, name: str, config: Config | None = None, lang: str | None = None
) -> tuple[list[Finding], str]:
    """:func:`check_file_language` for a blueprint's bytes (standard input), reported as
    ``name``."""
    from salesblueprint.model.load import load_bytes

    return _checked(load_bytes(data, name, limits_for(config), lang=lang), config, lang)


def _checked(
    result: LoadResult, config: Config | None, lang: str | None
) -> tuple[list[Finding], str]:
    if result.blueprint is None:
        return sorted(result.findings, key=Finding.sort_key), result.language
    return run_rules(result.blueprint, config, lang), result.language


def render(
    bp: Blueprint,
    view: str = "blueprint",
    format: str = "svg",
    *,
    findings: bool | Iterable[Finding] = False,
    config: Config | None = None,
    lang: str | None = None,
) -> str | bytes:
    """Draw one view of ``bp`` in one format (see :func:`salesblueprint.diagrams.render`).

    ``findings=True`` colours the stages with the findings of ``check(bp, config)``, so the
    diagram shows what ``check`` reports with the same configuration; or pass the findings.
    Raises ``sb.ViewError`` for an unknown view, ``sb.RenderError`` for an unknown format or
    ``findings`` that are neither a bool nor a list of ``sb.Finding``, and ``sb.LayoutError``
    when Graphviz is missing or fails. The diagram's words are in the blueprint's
    ``language:``, or in ``lang`` (``en``, ``nl``) if given.
    """
    from salesblueprint.diagrams import finding_list
    from salesblueprint.diagrams import render as draw

    found: list[Finding] | None = None
    if findings is True:
        found = check(bp, config, lang)
    elif findings is not False:
        found = finding_list(format, findings)
    return draw(bp, view, format, findings=found, lang=lang)


def render_pages(
    bp: Blueprint,
    view: str = "blueprint",
    format: str = "svg",
    *,
    findings: bool | Iterable[Finding] = False,
    config: Config | None = None,
    pages: str = "auto",
    lang: str | None = None,
) -> list[str | bytes]:
    """Draw one view of ``bp`` as a list of pages (see
    :func:`salesblueprint.diagrams.render_pages`): the blueprint view of a blueprint too large
    for one slide (``pages="auto"``), or always with ``pages="pipeline"``, is the tools and
    lifecycle on page 1 and one page per pipeline; every other view is one page.
    ``findings``, ``config`` and ``lang`` as in :func:`render`.
    """
    from salesblueprint.diagrams import finding_list
    from salesblueprint.diagrams import render_pages as draw

    found: list[Finding] | None = None
    if findings is True:
        found = check(bp, config, lang)
    elif findings is not False:
        found = finding_list(format, findings)
    return draw(bp, view, format, findings=found, pages=pages, lang=lang)
