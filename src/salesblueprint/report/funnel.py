"""``salesblueprint funnel`` output: the reverse funnel as a table, and what it misses.

``format_text`` for a terminal, ``format_markdown`` for a pull-request comment or a wiki page,
``format_json`` for tools; registered in ``FUNNEL_FORMATTERS`` (``report/__init__.py``). The
text table itself is the funnel's own ``str()`` (``funnel_maths/text.py``).
"""

from __future__ import annotations

from salesblueprint.diagnostics.safe_text import json_dumps, one_line
from salesblueprint.funnel_maths import Funnel, gap_positions
from salesblueprint.funnel_maths.text import (
    _all_gaps,
    _changed,
    _money,
    _pct,
    _rows,
    _summary_line,
    _text,
)
from salesblueprint.model.blueprint import Blueprint


def format_text(bp: Blueprint, f: Funnel, what_if: Funnel | None = None) -> str:
    """The funnel as a plain-text table, then what is missing, if anything."""
    gaps = _all_gaps(f, what_if)
    text = _text(f, what_if, bp.file, gap_positions(bp, gaps))
    # names may hold terminal escapes: shown escaped, as in every text format
    return "\n".join(one_line(line) for line in text.split("\n"))


def format_markdown(bp: Blueprint, f: Funnel, what_if: Funnel | None = None) -> str:
    """The funnel as a Markdown table (for a pull-request comment or a wiki page)."""
    lines = [f"### Reverse funnel: {f.name}", ""]
    if f.period is not None:
        lines.append(
            f"Revenue target **{_money(f.revenue, f.currency)}** per {f.period}, average deal "
            f"**{_money(f.average_deal_size, f.currency)}**"
            + (f", win rate **{_pct(f.win_rate)}**." if f.opportunity_stage else ".")
        )
        lines.append("")
    if f.steps:
        headers, rows, align = _rows(f, what_if)
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "|".join(":---" if a == "l" else "---:" for a in align) + "|")
        for r in rows:
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
        lines.append("")
        lines.append(
            "Rate: the share of a stage that reaches the next one; rounded up at each step."
        )
        summary = _summary_line(f)
        if summary:
            lines += ["", summary]
        alt = _summary_line(what_if) if what_if is not None else ""
        if what_if is not None and alt:
            lines += ["", f"What if ({_changed(what_if)}): {alt[0].lower()}{alt[1:]}"]
    all_gaps = _all_gaps(f, what_if)
    if all_gaps:
        lines += ["", "**Missing for the funnel maths:**", ""]
        for g, pos in zip(all_gaps, gap_positions(bp, all_gaps), strict=True):
            line = f" (line {pos[0]})" if pos else ""
            lines.append(f"- {g.message}{line}")
    return "\n".join(one_line(line) for line in lines) + "\n"


def format_json(bp: Blueprint, f: Funnel, what_if: Funnel | None = None) -> str:
    data = f.to_dict()
    for g, pos in zip(data["gaps"], gap_positions(bp, f.gaps), strict=True):
        g["line"], g["column"] = (pos[0], pos[1]) if pos else (None, None)
    if what_if is not None:
        alt = what_if.to_dict()
        for g, pos in zip(alt["gaps"], gap_positions(bp, what_if.gaps), strict=True):
            g["line"], g["column"] = (pos[0], pos[1]) if pos else (None, None)
        data["what_if"] = alt
    return json_dumps(data, indent=2) + "\n"
