"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run, one ``rule`` per registered rule (sorted by code) with its name, short and full
description and help text, and one ``result`` per finding with its rule, level, message and a
region (start line and column). A finding's fix is the message's second line (``Fix: ...``, so
viewers that show only the message show it too) and the result's ``properties.fix``. The output
is deterministic: no timestamps, no absolute paths unless the file was named by one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from salesblueprint.diagnostics.findings import Finding
from salesblueprint.i18n import Translator

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_SECTION_RE = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)


def artifact_uri(path: str) -> str:
    """A file path as a SARIF URI reference: forward slashes, relative as given, encoded."""
    p = path.replace(os.sep, "/") if os.sep != "/" else path
    while p.startswith("./"):
        p = p[2:]
    return quote(p, safe="/:@-._~")


def _section(doc: str, title: str) -> str:
    """The text of one ``## title`` section of a rule's docs (empty when absent)."""
    parts = _SECTION_RE.split(doc)
    # parts: [intro, title1, body1, title2, body2, ...]
    for i in range(1, len(parts) - 1, 2):
        if parts[i].strip().lower() == title.lower():
            return parts[i + 1].strip()
    return ""


def _plain(markdown: str) -> str:
    """Markdown to the plain text a SARIF ``text`` field wants (only code marks removed)."""
    return re.sub(r"``?([^`]+)``?", r"\1", markdown).strip()


def sarif_rules() -> list[dict[str, Any]]:
    """Every registered rule as a SARIF ``reportingDescriptor``, sorted by code."""
    from salesblueprint.rules.registry import load_all

    out: list[dict[str, Any]] = []
    for r in sorted(load_all().values(), key=lambda r: r.code):
        what = _section(r.doc, "What it does") or r.summary
        why = _section(r.doc, "Why is this bad?")
        full = what if not why else f"{what}\n\n{why}"
        props: dict[str, Any] = {
            "group": r.group,
            "preset": r.preset,
            "tags": sorted({r.group, r.preset, *([r.norm] if r.norm else [])}),
        }
        if r.norm:
            props["norm"] = r.norm
        out.append(
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": _plain(r.summary)},
                "fullDescription": {"text": _plain(full)},
                "help": {
                    "text": f"{r.code} {r.name}: {_plain(r.doc)}",
                    "markdown": f"# {r.code} {r.name}\n\n{r.doc.strip()}",
                },
                "defaultConfiguration": {"level": _LEVELS[r.severity]},
                "properties": props,
            }
        )
    return out


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": f.line or 1}
    if f.line is not None and f.column is not None:
        region["startColumn"] = f.column
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(f.file or "blueprint.yaml")},
            "region": region,
        }
    }
    if f.path:
        location["logicalLocations"] = [{"fullyQualifiedName": f.path, "kind": "member"}]
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": _LEVELS.get(f.severity, "warning"),
        "message": {"text": f.message if f.fix is None else f"{f.message}\nFix: {f.fix}"},
        "locations": [location],
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    props: dict[str, str] = {}
    if f.norm:
        props["norm"] = f.norm
    if f.fix is not None:
        props["fix"] = f.fix
    if props:
        result["properties"] = props
    return result


def build_sarif(files: Sequence[str], findings: Sequence[Finding]) -> dict[str, Any]:
    """The SARIF log as a dict (see :func:`format_sarif`)."""
    from salesblueprint import __version__

    rules = sarif_rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    ordered = sorted(findings, key=Finding.sort_key)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "salesblueprint",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "artifacts": [{"location": {"uri": artifact_uri(p)}} for p in dict.fromkeys(files)],
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index) for f in ordered],
            }
        ],
    }


def format_sarif(
    files: Sequence[str],
    findings: Sequence[Finding],
    color: bool = False,
    *,
    tr: Translator | None = None,
) -> str:
    """One SARIF 2.1.0 log (JSON), for ``github/codeql-action/upload-sarif`` and friends."""
    from salesblueprint.report.json import dumps

    return dumps(build_sarif(files, findings), indent=2) + "\n"
