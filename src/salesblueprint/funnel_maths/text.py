"""The funnel as a plain-text table: what ``str(funnel)`` returns.

It belongs to the model (``Funnel.__str__``); ``report/funnel.py`` builds the ``funnel``
command's text, markdown and JSON output on these helpers, adding the gaps' line numbers.
"""

from __future__ import annotations

from salesblueprint.funnel_maths.compute import _PER, Funnel, FunnelGap, FunnelStep
from salesblueprint.i18n import ENGLISH, Translator, _, translator
from salesblueprint.i18n.numbers import localize


def _num(n: int | None, tr: Translator = ENGLISH) -> str:
    return "?" if n is None else tr.number(n)


def _money(x: float | None, currency: str | None, tr: Translator = ENGLISH) -> str:
    if x is None:
        return "?"
    if abs(x) >= 1e15 or 0 < abs(x) < 0.01:
        text = f"{x:g}"
    else:
        text = f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}"
    text = localize(text, tr.lang)
    return f"{currency} {text}" if currency else text


def _pct(rate: float | None, tr: Translator = ENGLISH) -> str:
    if rate is None:
        return "?"
    pct = rate * 100
    if 0 < pct < 0.01:
        return localize(f"{pct:.2g}%", tr.lang)
    text = f"{pct:.2f}".rstrip("0").rstrip(".")
    return localize(f"{text}%", tr.lang)


def _rate_cell(s: FunnelStep, tr: Translator = ENGLISH) -> str:
    return "-" if s.key == "deals" else _pct(s.rate, tr)


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


_PER_HEADER = {"month": _("Per month"), "quarter": _("Per quarter"), "year": _("Per year")}


def _per(f: Funnel, tr: Translator) -> str:
    return tr(_PER.get(f.period or "", f"per {f.period}"))


def _summary_line(f: Funnel, tr: Translator) -> str:
    top = f.top
    if top is None or f.deals is None or top.per_period is None:
        return ""
    return tr.gettext(
        "To win {deals:,} deals {per} you need {contacts:,} contacts in '{stage}' {per} "
        "({week} per week).",
        deals=f.deals,
        per=_per(f, tr),
        contacts=top.per_period,
        stage=tr(top.name),
        week=_num(top.per_week, tr),
    )


def _rows(
    f: Funnel, other: Funnel | None, tr: Translator
) -> tuple[list[str], list[list[str]], str]:
    per = tr(_PER_HEADER.get(f.period or "", _("Per period")))
    week = tr(_("Per week"))
    headers = [tr(_("Step")), tr(_("Rate")), per, week]
    align = "lrrr"
    if other is not None:
        alt = _("Observed rate") if other.observed is not None else _("What-if rate")
        headers += [tr(alt), per, week, tr(_("Change"))]
        align += "rrrr"
    rows = []
    for i, s in enumerate(f.steps):
        name = tr(s.name)
        if s.key == f.opportunity_stage:
            name += tr(_(" (win rate)"))
        cells = [name, _rate_cell(s, tr), _num(s.per_period, tr), _num(s.per_week, tr)]
        if other is not None:
            o = other.steps[i]
            change = "?"
            if o.per_period is not None and s.per_period is not None:
                d = o.per_period - s.per_period
                change = localize(f"{d:+,}", tr.lang) if d else "0"
            mark = "*" if s.stage in other.rates_changed else ""
            cells += [
                _rate_cell(o, tr) + mark,
                _num(o.per_period, tr),
                _num(o.per_week, tr),
                change,
            ]
        rows.append(cells)
    return headers, rows, align


def _changed(f: Funnel, tr: Translator = ENGLISH) -> str:
    return ", ".join(f"{k} {_pct(v, tr)}" for k, v in sorted(f.rates_changed.items()))


def _all_gaps(f: Funnel, what_if: Funnel | None) -> tuple[FunnelGap, ...]:
    extra = [g for g in (what_if.gaps if what_if else ()) if g not in f.gaps]
    return (*f.gaps, *extra)


def _text(
    f: Funnel,
    what_if: Funnel | None,
    file: str,
    positions: list[tuple[int, int] | None],
    tr: Translator | None = None,
) -> str:
    tr = tr or translator()
    lines = [tr.gettext("Reverse funnel: {name}", name=f.name)]
    lines = [lines[0] + (f" ({f.file})" if f.file else ""), ""]
    if f.period is not None:
        labels = [tr(_("Revenue target")), tr(_("Average deal")), tr(_("Win rate"))]
        width = max(15, *(len(label) + 1 for label in labels))
        lines += [
            f"{labels[0]:<{width}} {_money(f.revenue, f.currency, tr)} {_per(f, tr)}",
            f"{labels[1]:<{width}} {_money(f.average_deal_size, f.currency, tr)}",
        ]
        if f.opportunity_stage is not None:
            stage = tr.gettext("(stage '{stage}')", stage=f.opportunity_stage)
            lines.append(f"{labels[2]:<{width}} {_pct(f.win_rate, tr)} {stage}")
        lines.append("")
    if f.steps:
        headers, rows, align = _rows(f, what_if, tr)
        lines += _table(headers, rows, align)
        lines.append("")
        lines.append(
            tr.gettext(
                "Rate: the share of a stage that reaches the next one; numbers are rounded up "
                "at each step."
            )
        )
        summary = _summary_line(f, tr)
        if summary:
            lines.append(summary)
        if what_if is not None:
            alt = _summary_line(what_if, tr)
            if alt:
                lines.append(_what_if_line(what_if, alt, tr))
            lines += _observed_lines(what_if, tr)
    all_gaps = _all_gaps(f, what_if)
    if all_gaps:
        if f.steps:
            lines.append("")
        lines.append(tr.gettext("Missing for the funnel maths:"))
        for g, pos in zip(all_gaps, positions, strict=True):
            lines.append(f"  {_where(file, pos)}: {tr(g.message)}")
    return "\n".join(lines).rstrip("\n") + "\n"


def _what_if_line(what_if: Funnel, alt: str, tr: Translator) -> str:
    summary = alt[0].lower() + alt[1:]
    if what_if.observed is not None:
        return tr.gettext(
            "Observed ({changed}): {summary}", changed=_changed(what_if, tr), summary=summary
        )
    return tr.gettext(
        "What if ({changed}): {summary}", changed=_changed(what_if, tr), summary=summary
    )


def _observed_lines(what_if: Funnel | None, tr: Translator) -> list[str]:
    """Where the observed rates come from, and the stages that kept their declared rate."""
    o = what_if.observed if what_if is not None else None
    if o is None:
        return []
    counts = ", ".join(
        f"{k} {tr.number(c)}/{tr.number(e)}" for k, (c, e) in o.counts.items() if k in o.rates
    )
    lines = [
        tr.gettext(
            "Observed rates from {audit}: contacts that reached a later stage / entered "
            "({counts}); {contacts} contacts, as of {as_of}.",
            audit=o.audit,
            counts=counts or "-",
            contacts=_num(o.contacts, tr),
            as_of=o.as_of or "?",
        )
    ]
    lines += [tr(n) for n in o.notes]
    return lines
