"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::error file=blueprint.yaml,line=41,col=13,title=SB231 exit-criterion-seller-action::message``
(``warning`` for warnings, ``notice`` for info), then a plain summary line for the log. A
finding's fix is the annotation's second line (``fix: ...``).
"""

from __future__ import annotations

from collections.abc import Sequence

from salesblueprint.diagnostics.findings import Finding
from salesblueprint.i18n import Translator, _, translator
from salesblueprint.report.text import format_text, one_line

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a workflow command's message (the part after ``::``): ``%``, line breaks, and
    (as the text format does) every other control character, so a name holding a terminal
    escape (``ESC]0;…BEL``) cannot reach the log raw."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return one_line(value)


def escape_property(value: str) -> str:
    """Escape a workflow command property value (``file=``, ``title=`` ...)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(
    files: Sequence[str],
    findings: Sequence[Finding],
    color: bool = False,
    *,
    tr: Translator | None = None,
) -> str:
    """One ``::error``/``::warning``/``::notice`` line per finding, then the summary."""
    tr = tr or translator()
    label = tr(_("fix:"))
    lines = []
    for f in sorted(findings, key=Finding.sort_key):
        props = [f"file={escape_property(f.file or 'blueprint.yaml')}"]
        if f.line is not None:
            props.append(f"line={f.line}")
            if f.column is not None:
                props.append(f"col={f.column}")
        props.append(f"title={escape_property(f'{f.rule} {f.name}')}")
        cmd = _COMMANDS.get(f.severity, "warning")
        text = f.message if f.fix is None else f"{f.message}\n{label} {f.fix}"
        lines.append(f"::{cmd} {','.join(props)}::{escape_data(text)}")
    summary = format_text(files, [], False, tr=tr) if not findings else ""
    if findings:
        summary = format_text(files, findings, False, tr=tr).splitlines()[-1] + "\n"
    return "".join(line + "\n" for line in lines) + summary
