"""``salesblueprint funnel`` output: the reverse funnel as a table, and what it misses.

``format_text`` for a terminal, ``format_markdown`` for a pull-request comment or a wiki page,
``format_json`` for tools; registered in ``FUNNEL_FORMATTERS`` (``report/__init__.py``). The
text table itself is the funnel's own ``str()`` (``funnel_maths/text.py``).
"""

from __future__ import annotations

from typing import Any

from salesblueprint.diagnostics.safe_text import json_dumps, one_line
from salesblueprint.funnel_maths import Funnel, gap_positions
from salesblueprint.funnel_maths.text import (
    _all_gaps,
    _money,
    _observed_lines,
    _pct,
    _per,
    _rows,
    _summary_line,
    _text,
    _what_if_line,
)
from salesblueprint.i18n import Translator, _, translator
from salesblueprint.model.blueprint import Blueprint


def format_text(
    bp: Blueprint, f: Funnel, what_if: Funnel | None = None, *, tr: Translator | None = None
) -> str:
    """The funnel as a plain-text table, then what is missing, if anything.

    In the language of ``tr``, or else of the blueprint's ``language:``.
    """
    gaps = _all_gaps(f, what_if)
    text = _text(f, what_if, bp.file, gap_positions(bp, gaps), tr or translator(bp.language))
    # names may hold terminal escapes: shown escaped, as in every text format
    return "\n".join(one_line(line) for line in text.split("\n"))


def format_markdown(
    bp: Blueprint, f: Funnel, what_if: Funnel | None = None, *, tr: Translator | None = None
) -> str:
    """The funnel as a Markdown table (for a pull-request comment or a wiki page)."""
    tr = tr or translator(bp.language)
    lines = ["### " + tr.gettext("Reverse funnel: {name}", name=f.name), ""]
    if f.period is not None:
        money = _money(f.revenue, f.currency, tr)
        deal = _money(f.average_deal_size, f.currency, tr)
        if f.opportunity_stage:
            text = _(
                "Revenue target **{money}** {per}, average deal **{deal}**, win rate **{rate}**.",
                money=money,
                per=_per(f, tr),
                deal=deal,
                rate=_pct(f.win_rate, tr),
            )
        else:
            text = _(
                "Revenue target **{money}** {per}, average deal **{deal}**.",
                money=money,
                per=_per(f, tr),
                deal=deal,
            )
        lines.append(tr(text))
        lines.append("")
    if f.steps:
        headers, rows, align = _rows(f, what_if, tr)
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "|".join(":---" if a == "l" else "---:" for a in align) + "|")
        for r in rows:
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
        lines.append("")
        lines.append(
            tr.gettext(
                "Rate: the share of a stage that reaches the next one; rounded up at each step."
            )
        )
        summary = _summary_line(f, tr)
        if summary:
            lines += ["", summary]
        alt = _summary_line(what_if, tr) if what_if is not None else ""
        if what_if is not None and alt:
            lines += ["", _what_if_line(what_if, alt, tr)]
        observed = _observed_lines(what_if, tr)
        if observed:
            lines += ["", *(f"- {line}" for line in observed)]
    all_gaps = _all_gaps(f, what_if)
    if all_gaps:
        lines += ["", "**" + tr.gettext("Missing for the funnel maths:") + "**", ""]
        for g, pos in zip(all_gaps, gap_positions(bp, all_gaps), strict=True):
            line = tr.gettext(" (line {line})", line=pos[0]) if pos else ""
            lines.append(f"- {tr(g.message)}{line}")
    return "\n".join(one_line(line) for line in lines) + "\n"


def _translated(data: dict[str, Any], f: Funnel, tr: Translator) -> dict[str, Any]:
    """``to_dict`` with the step names and gap messages in the language of ``tr``."""
    for d, s in zip(data["steps"], f.steps, strict=True):
        d["name"] = tr(s.name)
    for d, g in zip(data["gaps"], f.gaps, strict=True):
        d["message"] = tr(g.message)
    return data


def format_json(
    bp: Blueprint, f: Funnel, what_if: Funnel | None = None, *, tr: Translator | None = None
) -> str:
    tr = tr or translator(bp.language)
    data = _translated(f.to_dict(), f, tr)
    for g, pos in zip(data["gaps"], gap_positions(bp, f.gaps), strict=True):
        g["line"], g["column"] = (pos[0], pos[1]) if pos else (None, None)
    if what_if is not None:
        alt = _translated(what_if.to_dict(), what_if, tr)
        for g, pos in zip(alt["gaps"], gap_positions(bp, what_if.gaps), strict=True):
            g["line"], g["column"] = (pos[0], pos[1]) if pos else (None, None)
        data["observed" if what_if.observed is not None else "what_if"] = alt
    return json_dumps(data, indent=2) + "\n"
