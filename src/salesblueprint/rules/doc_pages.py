"""The rule pages of the docs site, in any language (``docs/gen_pages.py`` writes them).

English pages come from the rules' docstrings; a page in another language takes the rule's
summary from the catalog and the rest from ``i18n/docs/<lang>/<CODE>.md`` (see
:func:`salesblueprint.i18n.rule_doc`), so that each language has one source.
"""

from __future__ import annotations

from salesblueprint.diagnostics.codes import BANDS
from salesblueprint.i18n import Translator, rule_doc
from salesblueprint.rules.registry import Rule, options_doc

__all__ = ["rule_page", "rules_index"]


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def rule_page(r: Rule, tr: Translator) -> str:
    """The page of one rule: summary, facts, docs, options, how to silence it."""
    meta = [
        tr.gettext("**Group:** {group}", group=r.group),
        tr.gettext("**Default severity:** {severity}", severity=r.severity),
        tr.gettext("**Preset:** {preset}", preset=r.preset),
    ]
    if r.norm:
        meta.append(tr.gettext("**Norm:** {norm}", norm=r.norm))
    if r.aliases:
        meta.append(tr.gettext("**Old names:** {names}", names=", ".join(r.aliases)))
    doc = rule_doc(r.doc, tr, r.code).strip()
    first, _, rest = doc.partition("\n")
    options = f"{options_doc(r, tr)}\n" if r.options else ""
    silence = tr.gettext(
        "Silence it on a node with `lint: {{ignore: [{name}]}}`, or for the project with "
        '`ignore = ["{code}"]` in `[tool.salesblueprint]`. '
        "`salesblueprint rule {code}` prints this page.",
        name=r.name,
        code=r.code,
    )
    if tr.lang != "en":
        silence = silence.replace(
            f"salesblueprint rule {r.code}`", f"salesblueprint rule {r.code} --lang {tr.lang}`"
        )
    return (
        f"# {r.code} {r.name}\n\n{first}\n\n{' · '.join(meta)}\n\n{rest.strip()}\n\n"
        f"{options}{silence}\n"
    )


def rules_index(rules: list[Rule], tr: Translator, other: str = "") -> str:
    """The list of every rule; ``other`` is a line that links to the list in other languages."""
    lines = [
        tr.gettext("# Rules"),
        "",
        tr.gettext(
            "Every code a finding can carry. The *correctness* preset runs only the rules that "
            "find broken models; *partial* all but the *completeness* group; *recommended* "
            "(the default) runs them all ([presets]({link})). "
            "`salesblueprint rules` prints this list.",
            link="../configuration.md" if tr.lang == "en" else "../../configuration.md",
        ),
        "",
        *([other, ""] if other else []),
        tr.gettext(
            "Codes come in bands, one per theme; a new rule takes the next free code of its band:"
        ),
        "",
        tr.gettext("| Codes | What they are about |"),
        "|---|---|",
        *(f"| {first}–{last} | {tr.gettext(what)} |" for first, last, what in BANDS),
        "",
        tr.gettext("| Code | Name | Group | Severity | Preset | Norm | Summary |"),
        "|---|---|---|---|---|---|---|",
    ]
    for r in rules:
        lines.append(
            f"| [{r.code}]({r.code}.md) | {r.name} | {r.group} | {r.severity} | {r.preset} "
            f"| {r.norm or ''} | {_cell(tr.gettext(r.summary))} |"
        )
    return "\n".join(lines) + "\n"
