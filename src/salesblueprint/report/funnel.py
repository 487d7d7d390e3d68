"""``salesblueprint funnel`` output: the reverse funnel as a table, and what it misses.

``format_text`` for a terminal, ``format_markdown`` for a pull-request comment or a wiki page,
``format_json`` for tools; registered in ``FUNNEL_FORMATTERS`` (``report/__init__.py``).
"""

from __future__ import annotations

from salesblueprint.funnel_maths import Funnel, FunnelGap, FunnelStep, gap_positions
from salesblueprint.model.blueprint import Blueprint


def _num(n: int | None) -> str:
    return "?" if n is None else f"{n:,}"


def _money(x: float | None, currency: str | None) -> str:
    if x is None:
        return "?"
    if abs(x) >= 1e15 or 0 < abs(x) < 0.01:
        text = f"{x:g}"
    else:
        text = f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}"
    return f"{currency} {text}" if currency else text


def _pct(rate: float | None) -> str:
    if rate is None:
        return "?"
    pct = rate * 100
    if 0 < pct < 0.01:
        return f"{pct:.2g}%"
    text = f"{pct:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _rate_cell(s: FunnelStep) -> str:
    return "-" if s.key == "deals" else _pct(s.rate)


def _where(bp_file: str, pos: tuple[int, int] | None) -> str:
    where = bp_file or "<blueprint>"
    if pos is not None:
        where += f":{pos[0]}:{pos[1]}"
    return where


def _table(headers: list[str], rows: list[list[str]], align: str) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def fmt(cells: list[str]) -> str:
        out = []
        for i, c in enumerate(cells):
            out.append(c.ljust(widths[i]) if align[i] == "l" else c.rjust(widths[i]))
        return "  ".join(out).rstrip()

    return [fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)]


def _summary_line(f: Funnel) -> str:
    top = f.top
    if top is None or f.deals is None or top.per_period is None:
        return ""
    return (
        f"To win {f.deals:,} deals per {f.period} you need {top.per_period:,} contacts in "
        f"'{top.name}' per {f.period} ({_num(top.per_week)} per week)."
    )


def _rows(f: Funnel, other: Funnel | None) -> tuple[list[str], list[list[str]], str]:
    per = f"Per {f.period or 'period'}"
    headers = ["Step", "Rate", per, "Per week"]
    align = "lrrr"
    if other is not None:
        headers += ["What-if rate", per, "Per week", "Change"]
        align += "rrrr"
    rows = []
    for i, s in enumerate(f.steps):
        name = s.name
        if s.key == f.opportunity_stage:
            name += " (win rate)"
        cells = [name, _rate_cell(s), _num(s.per_period), _num(s.per_week)]
        if other is not None:
            o = other.steps[i]
            change = "?"
            if o.per_period is not None and s.per_period is not None:
                d = o.per_period - s.per_period
                change = f"{d:+,}" if d else "0"
            mark = "*" if s.stage in other.rates_changed else ""
            cells += [
                _rate_cell(o) + mark,
                _num(o.per_period),
                _num(o.per_week),
                change,
            ]
        rows.append(cells)
    return headers, rows, align


def _changed(f: Funnel) -> str:
    return ", ".join(f"{k} {_pct(v)}" for k, v in sorted(f.rates_changed.items()))


def _all_gaps(f: Funnel, what_if: Funnel | None) -> tuple[FunnelGap, ...]:
    extra = [g for g in (what_if.gaps if what_if else ()) if g not in f.gaps]
    return (*f.gaps, *extra)


def format_text(bp: Blueprint, f: Funnel, what_if: Funnel | None = None) -> str:
    """The funnel as a plain-text table, then what is missing, if anything."""
    lines = [f"Reverse funnel: {f.name}" + (f" ({f.file})" if f.file else ""), ""]
    if f.period is not None:
        lines += [
            f"Revenue target  {_money(f.revenue, f.currency)} per {f.period}",
            f"Average deal    {_money(f.average_deal_size, f.currency)}",
        ]
        if f.opportunity_stage is not None:
            lines.append(f"Win rate        {_pct(f.win_rate)} (stage '{f.opportunity_stage}')")
        lines.append("")
    if f.steps:
        headers, rows, align = _rows(f, what_if)
        lines += _table(headers, rows, align)
        lines.append("")
        lines.append(
            "Rate: the share of a stage that reaches the next one; numbers are rounded up at "
            "each step."
        )
        summary = _summary_line(f)
        if summary:
            lines.append(summary)
        if what_if is not None:
            alt = _summary_line(what_if)
            if alt:
                lines.append(f"What if ({_changed(what_if)}): {alt[0].lower()}{alt[1:]}")
    all_gaps = _all_gaps(f, what_if)
    if all_gaps:
        if f.steps:
            lines.append("")
        lines.append("Missing for the funnel maths:")
        for g, pos in zip(all_gaps, gap_positions(bp, all_gaps), strict=True):
            lines.append(f"  {_where(bp.file, pos)}: {g.message}")
    return "\n".join(lines).rstrip("\n") + "\n"


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
    return "\n".join(lines) + "\n"


def format_json(bp: Blueprint, f: Funnel, what_if: Funnel | None = None) -> str:
    import json

    data = f.to_dict()
    for g, pos in zip(data["gaps"], gap_positions(bp, f.gaps), strict=True):
        g["line"], g["column"] = (pos[0], pos[1]) if pos else (None, None)
    if what_if is not None:
        alt = what_if.to_dict()
        for g, pos in zip(alt["gaps"], gap_positions(bp, what_if.gaps), strict=True):
            g["line"], g["column"] = (pos[0], pos[1]) if pos else (None, None)
        data["what_if"] = alt
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
