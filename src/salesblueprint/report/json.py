from __future__ import annotations

from collections.abc import Sequence

from salesblueprint.diagnostics.findings import Finding, summarize
from salesblueprint.diagnostics.safe_text import json_dumps as dumps
from salesblueprint.i18n import Translator

__all__ = ["dumps", "format_json"]


def format_json(
    files: Sequence[str],
    findings: Sequence[Finding],
    color: bool = False,
    *,
    tr: Translator | None = None,
) -> str:
    """One JSON object: ``files``, ``findings`` and ``summary``, as the contract shows."""
    doc = {
        "files": list(files),
        "findings": [f.to_dict() for f in findings],
        "summary": summarize(findings),
    }
    return dumps(doc, indent=2) + "\n"
