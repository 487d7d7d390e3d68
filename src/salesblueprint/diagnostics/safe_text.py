"""User text made safe for a terminal: every output format writes names through these.

A name can hold anything YAML allows, including a terminal escape (``ESC]0;…BEL`` sets the
window title), a C1 control or a bidirectional override. Text output shows such characters as
escapes (:func:`one_line`); JSON output writes them as ``\\u`` escapes (:func:`json_dumps`).
"""

from __future__ import annotations

import json
from typing import Any

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` on one line with no control characters (names in messages are user text)."""
    if text.isprintable():
        return text
    return "".join(
        _ESCAPES.get(c, f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        if not c.isprintable() and c != " "
        else c
        for c in text
    )


def _json_escape(c: str) -> str:
    n = ord(c)
    if n > 0xFFFF:  # as a UTF-16 surrogate pair, which is how JSON spells it
        n -= 0x10000
        return f"\\u{0xD800 + (n >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}"
    return f"\\u{n:04x}"


def json_dumps(doc: object, **kw: Any) -> str:
    """``doc`` as strict JSON (no NaN or Infinity: ``ValueError``): UTF-8 text, but every
    character that is not printable (C1 controls, bidirectional overrides ...) written as a
    ``\\u`` escape, so a name holding a terminal escape cannot reach a terminal raw."""
    text = json.dumps(doc, ensure_ascii=False, allow_nan=False, **kw)
    # outside its strings this JSON holds only printable text, spaces and newlines
    return "".join(c if c.isprintable() or c == "\n" else _json_escape(c) for c in text)
