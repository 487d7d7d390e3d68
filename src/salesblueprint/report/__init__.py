"""Formatters: findings to text for people, JSON for tools.

Each formatter takes the checked files and the findings and returns the whole output as text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from salesblueprint.diagnostics.findings import Finding

Formatter = Callable[[Sequence[str], Sequence[Finding], bool], str]


def get_formatter(name: str) -> Formatter:
    if name == "json":
        from salesblueprint.report.json import format_json

        return format_json
    if name == "sarif":
        from salesblueprint.report.sarif import format_sarif

        return format_sarif
    if name == "github":
        from salesblueprint.report.github import format_github

        return format_github
    from salesblueprint.report.text import format_text

    return format_text


FORMATS = ("text", "json", "sarif", "github")
