"""``salesblueprint diff`` output: the changes and the findings introduced and resolved.

``format_diff_text`` for a terminal, ``format_diff_markdown`` for a pull-request comment,
``format_diff_json`` for tools; registered in ``DIFF_FORMATTERS`` (``report/__init__.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from salesblueprint.diagnostics.findings import Finding, summarize
from salesblueprint.diagnostics.safe_text import json_dumps, one_line
from salesblueprint.diff import BlueprintDiff, Change, Side

_SECTION_ORDER = ("blueprint", "teams", "lifecycle", "pipelines", "sla", "tools", "flows")


def _sections(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    groups: dict[str, list[Change]] = {}
    for c in changes:
        groups.setdefault(c.section, []).append(c)

    def rank(name: str) -> tuple[int, str]:
        base = "pipelines" if name.startswith("pipeline ") else name
        idx = _SECTION_ORDER.index(base) if base in _SECTION_ORDER else len(_SECTION_ORDER)
        return (idx, "" if name == "pipelines" else name)

    return [(name, groups[name]) for name in sorted(groups, key=rank)]


def _where_finding(f: Finding) -> str:
    where = f.file or "<blueprint>"
    if f.line is not None:
        where += f":{f.line}:{f.column or 1}"
    return where


def _load_errors(d: BlueprintDiff) -> list[tuple[Side, list[Finding]]]:
    return [(s, s.result.findings) for s in (d.old, d.new) if s.blueprint is None]


def _summary_line(d: BlueprintDiff) -> str:
    s = d.summary()
    parts = [f"{s[k]} {k}" for k in ("added", "removed", "renamed", "reordered", "changed")]
    return (
        f"{', '.join(parts)}; findings: {s['findings_introduced']} introduced, "
        f"{s['findings_resolved']} resolved"
    )


def _finding_lines(f: Finding) -> list[str]:
    """A finding as text lines (its fix on a line of its own), each escaped by the caller."""
    head = f"  {replace(f, fix=None)}"
    return [head] if f.fix is None else [head, f"    fix: {f.fix}"]


def format_diff_text(d: BlueprintDiff) -> str:
    lines = [f"salesblueprint diff {d.old.label} → {d.new.label}"]
    errors = _load_errors(d)
    if errors:
        for side, findings in errors:
            lines.append(f"{side.label} could not be loaded:")
            lines.extend(line for f in findings for line in _finding_lines(f))
        return "\n".join(one_line(line) for line in lines) + "\n"
    if not d.changes:
        lines.append("No changes to the sales process.")
    marks = {"added": "+", "removed": "-", "renamed": "~", "reordered": "↕", "changed": "~"}
    for section, changes in _sections(d.changes):
        lines.append("")
        lines.append(f"{section}:")
        lines.extend(f"  {marks.get(c.kind, '~')} {c.message}" for c in changes)
    for title, findings in (("introduced", d.introduced), ("resolved", d.resolved)):
        if findings:
            lines.append("")
            lines.append(f"findings {title}:")
            lines.extend(line for f in findings for line in _finding_lines(f))
    lines.append("")
    lines.append(_summary_line(d))
    return "\n".join(one_line(line) for line in lines) + "\n"  # names may hold escapes


def _md(text: str) -> str:
    """Escape text for Markdown (inline): no accidental emphasis, code, HTML or tables."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>|~":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _md_code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def format_diff_markdown(d: BlueprintDiff) -> str:
    lines = [f"### Sales process changes: {_md_code(d.old.label)} → {_md_code(d.new.label)}", ""]
    errors = _load_errors(d)
    if errors:
        for side, findings in errors:
            lines.append(f"**{_md_code(side.label)} could not be loaded:**")
            lines.append("")
            lines.extend(
                f"- {_md_code(_where_finding(f))} {f.severity} **{f.rule}** {f.name}: "
                f"{_md(f.message)}"
                for f in findings
            )
            lines.append("")
        return "\n".join(one_line(line) for line in lines).rstrip("\n") + "\n"
    if not d.changes:
        lines.append("No changes to the sales process.")
        lines.append("")
    icons = {
        "added": "➕",
        "removed": "➖",
        "renamed": "✏️",
        "reordered": "↕️",
        "changed": "✏️",
    }
    for section, changes in _sections(d.changes):
        title = section[0].upper() + section[1:]
        if section.startswith("pipeline "):
            title = f"Pipeline {_md_code(section.split(' ', 1)[1])}"
        elif section == "sla":
            title = "SLA"
        lines.append(f"#### {title}")
        lines.append("")
        lines.extend(f"- {icons.get(c.kind, '✏️')} {_md(c.message)}" for c in changes)
        lines.append("")
    for title, findings, icon in (
        ("Findings introduced", d.introduced, "⚠️"),
        ("Findings resolved", d.resolved, "✅"),
    ):
        if not findings:
            continue
        lines.append(f"#### {icon} {title} ({len(findings)})")
        lines.append("")
        lines.append("| Severity | Rule | Where | Message |")
        lines.append("|---|---|---|---|")
        for f in findings:
            lines.append(
                f"| {f.severity} | {f.rule} {f.name} | {_md_code(_where_finding(f))} "
                f"| {_md(f.message)} |"
            )
        lines.append("")
    lines.append(f"<sub>{_md(_summary_line(d))}</sub>")
    return "\n".join(one_line(line) for line in lines) + "\n"  # names may hold escapes


def format_diff_json(d: BlueprintDiff) -> str:
    doc: dict[str, Any] = {
        "old": d.old.label,
        "new": d.new.label,
        "ok": d.ok,
        "changes": [c.to_dict() for c in d.changes],
        "findings": {
            "introduced": [f.to_dict() for f in d.introduced],
            "resolved": [f.to_dict() for f in d.resolved],
        },
        "summary": d.summary(),
    }
    errors = _load_errors(d)
    if errors:
        doc["errors"] = {
            side.label: {
                "findings": [f.to_dict() for f in findings],
                "summary": summarize(findings),
            }
            for side, findings in errors
        }
    return json_dumps(doc, indent=2) + "\n"


def format_diff(d: BlueprintDiff, fmt: str = "text") -> str:
    """``d`` in any format of :data:`salesblueprint.report.DIFF_FORMATTERS`."""
    from salesblueprint.report import DIFF_FORMATTERS

    return DIFF_FORMATTERS.formatter(fmt)(d)
