from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from salesblueprint.diagnostics.findings import Finding, summarize
from salesblueprint.diagnostics.safe_text import one_line
from salesblueprint.i18n import Translator, _, ngettext, translator

__all__ = ["format_text", "one_line"]

_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
_DIM, _BOLD, _RESET = "\x1b[2m", "\x1b[1m", "\x1b[0m"


_COUNTS = {
    "error": lambda n: ngettext("{n} error", "{n} errors", n),
    "warning": lambda n: ngettext("{n} warning", "{n} warnings", n),
    "info": lambda n: ngettext("{n} info", "{n} infos", n),
}


def format_text(
    files: Sequence[str],
    findings: Sequence[Finding],
    color: bool = False,
    *,
    tr: Translator | None = None,
) -> str:
    """``file:line:col: severity CODE name: message`` per finding, then a summary line.

    A finding's fix follows on its own line, indented: ``    fix: ...``. The summary counts the
    files that have findings, out of those checked; it is in the language of ``tr``.
    """
    tr = tr or translator()
    lines = []
    for f in findings:
        f = replace(f, message=one_line(f.message), file=one_line(f.file))
        fix = one_line(f.fix) if f.fix is not None else None
        label = tr(_("fix:"))
        where = f.where
        if color:
            c = _COLORS.get(f.severity, "")
            lines.append(
                f"{_BOLD}{where}{_RESET}: {c}{f.severity}{_RESET} "
                f"{_DIM}{f.rule} {f.name}{_RESET}: {f.message}"
            )
        else:
            lines.append(f"{where}: {f.severity} {f.rule} {f.name}: {f.message}")
        if fix is not None:
            lines.append(f"    {_DIM}{label}{_RESET} {fix}" if color else f"    {label} {fix}")
    counts = summarize(findings)
    n_files = ngettext("{n} file", "{n} files", len(files))
    if not findings:
        summary = _("All good: {files} checked, no findings.", files=n_files)
    else:
        parts = ", ".join(
            tr(_COUNTS[s](counts[s])) for s in ("error", "warning", "info") if counts[s]
        )
        with_findings = len({f.file for f in findings})
        if len(files) > 1 and with_findings < len(files):
            where = _("{k} of {files}", k=with_findings, files=n_files)
        else:
            where = ngettext("{n} file", "{n} files", with_findings)
        summary = _("Found {counts} in {where}.", counts=parts, where=where)
    lines.append(tr(summary))
    return "\n".join(lines) + "\n"
