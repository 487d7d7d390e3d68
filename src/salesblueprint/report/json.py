from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from salesblueprint.findings import Finding, summarize


def _escape(c: str) -> str:
    n = ord(c)
    if n > 0xFFFF:  # as a UTF-16 surrogate pair, which is how JSON spells it
        n -= 0x10000
        return f"\\u{0xD800 + (n >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}"
    return f"\\u{n:04x}"


def dumps(doc: object, **kw: Any) -> str:
    """``doc`` as strict JSON (no NaN or Infinity) for people and tools: UTF-8 text, but every
    character that is not printable (C1 controls, bidirectional overrides ...) written as a
    ``\\u`` escape, so a name holding a terminal escape cannot reach a terminal raw."""
    text = json.dumps(doc, ensure_ascii=False, allow_nan=False, **kw)
    # outside strings JSON here holds only printable text, spaces and newlines
    return "".join(c if c.isprintable() or c == "\n" else _escape(c) for c in text)


def format_json(files: Sequence[str], findings: Sequence[Finding], color: bool = False) -> str:
    """One JSON object: ``files``, ``findings`` and ``summary``, as the contract shows."""
    doc = {
        "files": list(files),
        "findings": [f.to_dict() for f in findings],
        "summary": summarize(findings),
    }
    return dumps(doc, indent=2) + "\n"
