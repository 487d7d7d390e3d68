from __future__ import annotations

import json
from collections.abc import Sequence

from salesblueprint.findings import Finding, summarize


def format_json(files: Sequence[str], findings: Sequence[Finding], color: bool = False) -> str:
    """One JSON object: ``files``, ``findings`` and ``summary``, as the contract shows."""
    doc = {
        "files": list(files),
        "findings": [f.to_dict() for f in findings],
        "summary": summarize(findings),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
