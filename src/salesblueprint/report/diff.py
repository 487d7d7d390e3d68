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
from salesblueprint.i18n import Translator, _, translator

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


def _load_errors(d: BlueprintDiff) -> list[tuple[Side, list[Finding]]]:
    return [(s, s.result.findings) for s in (d.old, d.new) if s.blueprint is None]


def _summary_line(d: BlueprintDiff, tr: Translator) -> str:
    s = d.summary()
    return tr.gettext(
        "{added} added, {removed} removed, {renamed} renamed, {reordered} reordered, "
        "{changed} changed; findings: {introduced} introduced, {resolved} resolved",
        added=s["added"],
        removed=s["removed"],
        renamed=s["renamed"],
        reordered=s["reordered"],
        changed=s["changed"],
        introduced=s["findings_introduced"],
        resolved=s["findings_resolved"],
    )


def _finding_lines(f: Finding, tr: Translator) -> list[str]:
    """A finding as text lines (its fix on a line of its own), each escaped by the caller."""
    head = f"  {replace(f, fix=None)}"
    return [head] if f.fix is None else [head, f"    {tr(_('fix:'))} {f.fix}"]


def _language(d: BlueprintDiff, tr: Translator | None) -> Translator:
    """``tr``, or the language of the new side (its ``language:``, read even when it does not
    load)."""
    return tr if tr is not None else translator(d.new.result.language)


_NAMES = {
    "blueprint": _("blueprint"),
    "teams": _("teams"),
    "lifecycle": _("lifecycle"),
    "pipelines": _("pipelines"),
    "sla": _("sla"),
    "tools": _("tools"),
    "flows": _("flows"),
}


def _section_name(section: str, tr: Translator) -> str:
    if section.startswith("pipeline "):
        return tr.gettext("pipeline {id}", id=section.split(" ", 1)[1])
    return tr(_NAMES[section]) if section in _NAMES else section


def format_diff_text(d: BlueprintDiff, tr: Translator | None = None) -> str:
    tr = _language(d, tr)
    lines = [f"salesblueprint diff {d.old.label} → {d.new.label}"]
    errors = _load_errors(d)
    if errors:
        for side, findings in errors:
            lines.append(tr.gettext("{side} could not be loaded:", side=side.label))
            lines.extend(line for f in findings for line in _finding_lines(f, tr))
        return "\n".join(one_line(line) for line in lines) + "\n"
    if not d.changes:
        lines.append(tr.gettext("No changes to the sales process."))
    marks = {"added": "+", "removed": "-", "renamed": "~", "reordered": "↕", "changed": "~"}
    for section, changes in _sections(d.changes):
        lines.append("")
        lines.append(f"{_section_name(section, tr)}:")
        lines.extend(f"  {marks.get(c.kind, '~')} {tr(c.message)}" for c in changes)
    titles = (_("findings introduced:"), _("findings resolved:"))
    for title, findings in zip(titles, (d.introduced, d.resolved), strict=True):
        if findings:
            lines.append("")
            lines.append(tr(title))
            lines.extend(line for f in findings for line in _finding_lines(f, tr))
    lines.append("")
    lines.append(_summary_line(d, tr))
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


_TITLES = {
    "blueprint": _("Blueprint"),
    "teams": _("Teams"),
    "lifecycle": _("Lifecycle"),
    "pipelines": _("Pipelines"),
    "sla": _("SLA"),
    "tools": _("Tools"),
    "flows": _("Flows"),
}


def format_diff_markdown(d: BlueprintDiff, tr: Translator | None = None) -> str:
    tr = _language(d, tr)
    old, new = _md_code(d.old.label), _md_code(d.new.label)
    lines = ["### " + tr.gettext("Sales process changes: {old} → {new}", old=old, new=new), ""]
    errors = _load_errors(d)
    if errors:
        for side, findings in errors:
            side_label = _md_code(side.label)
            lines.append("**" + tr.gettext("{side} could not be loaded:", side=side_label) + "**")
            lines.append("")
            lines.extend(
                f"- {_md_code(f.where)} {f.severity} **{f.rule}** {f.name}: {_md(f.message)}"
                for f in findings
            )
            lines.append("")
        return "\n".join(one_line(line) for line in lines).rstrip("\n") + "\n"
    if not d.changes:
        lines.append(tr.gettext("No changes to the sales process."))
        lines.append("")
    icons = {
        "added": "➕",
        "removed": "➖",
        "renamed": "✏️",
        "reordered": "↕️",
        "changed": "✏️",
    }
    for section, changes in _sections(d.changes):
        title = tr(_TITLES[section]) if section in _TITLES else section[0].upper() + section[1:]
        if section.startswith("pipeline "):
            title = tr.gettext("Pipeline {id}", id=_md_code(section.split(" ", 1)[1]))
        lines.append(f"#### {title}")
        lines.append("")
        lines.extend(f"- {icons.get(c.kind, '✏️')} {_md(tr(c.message))}" for c in changes)
        lines.append("")
    for title, findings, icon in (
        (_("Findings introduced"), d.introduced, "⚠️"),
        (_("Findings resolved"), d.resolved, "✅"),
    ):
        if not findings:
            continue
        lines.append(f"#### {icon} {tr(title)} ({len(findings)})")
        lines.append("")
        head = [tr(_("Severity")), tr(_("Rule")), tr(_("Where")), tr(_("Message"))]
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|---|---|---|---|")
        for f in findings:
            lines.append(
                f"| {f.severity} | {f.rule} {f.name} | {_md_code(f.where)} | {_md(f.message)} |"
            )
        lines.append("")
    lines.append(f"<sub>{_md(_summary_line(d, tr))}</sub>")
    return "\n".join(one_line(line) for line in lines) + "\n"  # names may hold escapes


def format_diff_json(d: BlueprintDiff, tr: Translator | None = None) -> str:
    tr = _language(d, tr)
    doc: dict[str, Any] = {
        "old": d.old.label,
        "new": d.new.label,
        "ok": d.ok,
        "changes": [{**c.to_dict(), "message": tr(c.message)} for c in d.changes],
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


def format_diff(d: BlueprintDiff, fmt: str = "text", tr: Translator | None = None) -> str:
    """``d`` in any format of :data:`salesblueprint.report.DIFF_FORMATTERS`; in ``tr``'s
    language, or else the new side's."""
    from salesblueprint.report import DIFF_FORMATTERS

    return DIFF_FORMATTERS.formatter(fmt)(d, tr)
