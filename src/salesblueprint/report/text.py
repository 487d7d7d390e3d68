from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from salesblueprint.diagnostics.findings import Finding, summarize
from salesblueprint.diagnostics.safe_text import one_line

__all__ = ["format_text", "one_line"]

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_DIM, _BOLD, _RESET = "\x1b[2m", "\x1b[1m", "\x1b[0m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def format_text(files: Sequence[str], findings: Sequence[Finding], color: bool = False) -> str:
    """``file:line:col: severity CODE name: message`` per finding, then a summary line.

    A finding's fix follows on its own line, indented: ``    fix: ...``. The summary counts the
    files that have findings, out of those checked.
    """
    lines = []
    for f in findings:
        f = replace(f, message=one_line(f.message), file=one_line(f.file))
        fix = one_line(f.fix) if f.fix is not None else None
        where = f.file or "<blueprint>"
        if f.line is not None:
            where += f":{f.line}:{f.column or 1}"
        if color:
            c = _COLORS.get(f.severity, "")
            lines.append(
                f"{_BOLD}{where}{_RESET}: {c}{f.severity}{_RESET} "
                f"{_DIM}{f.rule} {f.name}{_RESET}: {f.message}"
            )
        else:
            lines.append(f"{where}: {f.severity} {f.rule} {f.name}: {f.message}")
        if fix is not None:
            lines.append(f"    {_DIM}fix:{_RESET} {fix}" if color else f"    fix: {fix}")
    counts = summarize(findings)
    n_files = _plural(len(files), "file")
    if not findings:
        summary = f"All good: {n_files} checked, no findings."
    else:
        parts = [_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
        with_findings = len({f.file for f in findings})
        if len(files) > 1 and with_findings < len(files):
            where = f"{with_findings} of {n_files}"
        else:
            where = _plural(with_findings, "file")
        summary = f"Found {', '.join(parts)} in {where}."
    lines.append(summary)
    return "\n".join(lines) + "\n"
