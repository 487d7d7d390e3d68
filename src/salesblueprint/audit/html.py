"""The audit as one self-contained HTML file: inline CSS and SVG, no script, no CDN.

Charts: the pipeline as the blueprint draws it, each stage coloured by its observed win rate
(conversion for the lifecycle) and each observed move by its verdict; the stage funnel; time in
stage against ``expected_days``; calibration (observed win rate with its 95% interval against
the declared probability); and the violations.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from salesblueprint.audit.formats import (
    TOP_REASONS,
    UNDECLARED_MARK,
    VIOLATION_HELP,
    days,
    n_attempts,
    n_rows,
    pct,
    sla_due,
    sla_follow_up_line,
    sla_title,
    top_reasons,
)
from salesblueprint.audit.formats import (
    label as id_label,
)
from salesblueprint.audit.result import VIOLATION_KINDS, AuditResult, Example, Sla, StageFigures
from salesblueprint.diagnostics.safe_text import one_line
from salesblueprint.i18n import ENGLISH, N_, Translator


def escape(text: str) -> str:
    """History text as HTML text: markup escaped, and control characters (which HTML cannot
    hold, and which reach a terminal when the report goes to stdout) shown as escapes."""
    return html.escape(one_line(text))


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:1100px;padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid
#eaeef2;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.kpis{display:flex;gap:1rem;flex-wrap:wrap}.kpi{border:1px solid #d0d7de;border-radius:6px;
padding:.6rem 1rem}.kpi b{display:block;font-size:1.4rem}.bad{color:#cf222e}.ok{color:#1a7f37}
svg text{font:12px system-ui,sans-serif}.note{color:#57606a}.undeclared{color:#bf8700}
"""

_VERDICT_COLOUR = {
    "allowed": "#8c959f",
    "skip": "#bf8700",
    "backward": "#cf222e",
    "after_outcome": "#8250df",
}
# the legend's words for the verdicts (the violation kinds are ids, also in --fail-on)
_VERDICT_LABEL = {
    "allowed": N_("allowed"),
    "skip": N_("skip"),
    "backward": N_("backward"),
    "after_outcome": N_("after outcome"),
}


def _rate_colour(rate: float | None) -> str:
    """Red (0) through amber to green (1); grey without data."""
    if rate is None:
        return "#eaeef2"
    r = int(230 - 160 * rate)
    g = int(90 + 110 * rate)
    return f"#{r:02x}{g:02x}70"


def _observed(s: StageFigures) -> float | None:
    return s.conversion if s.kind == "lifecycle" else s.win_rate


def _diagram(r: AuditResult, tr: Translator = ENGLISH) -> str:
    stages = list(r.stages.values())
    w, h, gap, top = 130, 54, 40, 70
    width = len(stages) * (w + gap) + gap
    x = {s.id: gap + i * (w + gap) for i, s in enumerate(stages)}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{top + h + 90}" '
        f'viewBox="0 0 {width} {top + h + 90}" role="img" '
        'aria-label="' + escape(tr.gettext("Pipeline diagram")) + '">',
        '<defs><marker id="arr" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M0,0L10,5L0,10z" fill="context-stroke"/></marker></defs>',
    ]
    total = max((n for _, _, _, n in r.conformance.moves), default=1)
    for a, b, verdict, n in r.conformance.moves:
        if a not in x or b not in x:
            continue
        x1, x2 = x[a] + w / 2, x[b] + w / 2
        forward = x2 > x1
        y = top if forward else top + h
        lift = 20 + abs(x2 - x1) / 8
        cy = y - lift if forward else y + lift
        stroke = 1 + 5 * n / total
        parts.append(
            f'<path d="M{x1:.0f},{y} Q{(x1 + x2) / 2:.0f},{cy:.0f} {x2:.0f},{y}" fill="none" '
            f'stroke="{_VERDICT_COLOUR[verdict]}" stroke-width="{stroke:.1f}" '
            f'marker-end="url(#arr)" opacity=".8"><title>{escape(a)} → {escape(b)}: {n} '
            f"({escape(tr.gettext(_VERDICT_LABEL[verdict]))})</title></path>"
        )
    for s in stages:
        rate = _observed(s)
        parts.append(
            f'<g><rect x="{x[s.id]}" y="{top}" width="{w}" height="{h}" rx="6" '
            f'fill="{_rate_colour(rate)}" stroke="#57606a"/>'
            f'<text x="{x[s.id] + w / 2}" y="{top + 22}" text-anchor="middle">'
            f"{escape(s.name if len(s.name) <= 18 else s.name[:17] + '…')}</text>"
            f'<text x="{x[s.id] + w / 2}" y="{top + 40}" text-anchor="middle">'
            f"{s.entered} · {pct(rate, tr)}</text></g>"
        )
    legend_y = top + h + 80
    lx = gap
    for verdict, colour in _VERDICT_COLOUR.items():
        parts.append(
            f'<line x1="{lx}" y1="{legend_y - 4}" x2="{lx + 24}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="3"/><text x="{lx + 30}" y="{legend_y}">'
            f"{escape(tr.gettext(_VERDICT_LABEL[verdict]))}</text>"
        )
        lx += 130
    parts.append("</svg>")
    return "".join(parts)


def _bars(
    title: str,
    rows: list[tuple[str, float, str]],
    *,
    width: int = 700,
    colour: str = "#0969da",
    marks: dict[str, float] | None = None,
) -> str:
    """A horizontal bar chart; ``marks`` draws a tick per row (the blueprint's figure)."""
    label_w, row_h = 170, 26
    peak = max([v for _, v, _ in rows] + list((marks or {}).values()) + [1e-9])
    plot = width - label_w - 90
    height = row_h * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
    ]
    for i, (label, value, text) in enumerate(rows):
        y = 5 + i * row_h
        bar = plot * value / peak
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{bar:.1f}" height="{row_h - 8}" '
            f'fill="{colour}"><title>{escape(label)}: {escape(text)}</title></rect>'
            f'<text x="{label_w + bar + 6:.1f}" y="{y + 16}">{escape(text)}</text>'
        )
        if marks and label in marks:
            mx = label_w + plot * marks[label] / peak
            parts.append(
                f'<line x1="{mx:.1f}" y1="{y + 1}" x2="{mx:.1f}" y2="{y + row_h - 1}" '
                'stroke="#1f2328" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _calibration(r: AuditResult, tr: Translator = ENGLISH) -> str:
    rows = [s for s in r.stages.values() if s.win_rate_interval is not None]
    if not rows:
        none = tr.gettext("No closed deals (or lifecycle conversions) to calibrate.")
        return f'<p class="note">{escape(none)}</p>'
    width, label_w, row_h = 700, 170, 28
    plot = width - label_w - 40
    height = row_h * len(rows) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        'aria-label="' + escape(tr.gettext("Calibration")) + '">'
    ]
    for t in range(0, 101, 25):
        x = label_w + plot * t / 100
        parts.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{height - 20}" stroke="#eaeef2"/>'
            f'<text x="{x}" y="{height - 5}" text-anchor="middle">{t}%</text>'
        )
    for i, s in enumerate(rows):
        y = 24 + i * row_h
        iv = s.win_rate_interval
        assert iv is not None
        observed = _observed(s) or 0.0
        declared = s.declared_conversion if s.kind == "lifecycle" else s.declared_probability
        x1, x2 = label_w + plot * iv.low, label_w + plot * iv.high
        colour = "#cf222e" if s.calibration in ("over", "under") else "#1a7f37"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 4}" text-anchor="end">{escape(s.id)}</text>'
            f'<line x1="{x1:.1f}" y1="{y}" x2="{x2:.1f}" y2="{y}" stroke="{colour}" '
            f'stroke-width="3"/><circle cx="{label_w + plot * observed:.1f}" cy="{y}" r="5" '
            f'fill="{colour}"><title>'
            + escape(
                tr.gettext(
                    "observed {observed}, 95% interval {low}–{high}",
                    observed=pct(observed, tr),
                    low=pct(iv.low, tr),
                    high=pct(iv.high, tr),
                )
            )
            + "</title></circle>"
        )
        if declared is not None:
            dx = label_w + plot * declared
            parts.append(
                f'<path d="M{dx:.1f},{y - 9} l5,-7 h-10z" fill="#1f2328">'
                "<title>" + escape(tr.gettext("declared {pct}", pct=pct(declared, tr))) + "</title>"
                "</path>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _examples(examples: list[Example], tr: Translator = ENGLISH) -> str:
    items = []
    for e in examples:
        move = f"{e.from_stage} → {e.stage}" if e.from_stage else e.stage
        where = f" <span class=note>{escape(e.where)}</span>" if e.where else ""
        detail = f" – {escape(tr(e.detail))}" if e.detail else ""
        items.append(
            f"<code>{escape(e.deal_id)}</code> {escape(move)} {escape(e.at)}{where}{detail}"
        )
    return "<br>".join(items)


def _gettext(tr: Translator) -> Callable[..., str]:
    """``tr.gettext`` for HTML: the parameters (history text, ids) escaped, the template (the
    catalog's text, which holds no markup) as it is."""

    def gettext(msgid: str, /, **params: object) -> str:
        return tr.gettext(msgid, **{k: escape(str(v)) for k, v in params.items()})

    return gettext


def _undeclared(declared: bool, tr: Translator) -> str:
    return "" if declared else escape(tr.gettext("not declared in the blueprint"))


def format_html(r: AuditResult, tr: Translator = ENGLISH) -> str:
    gettext = _gettext(tr)
    h, c = r.history, r.conformance
    share = c.allowed / c.transitions if c.transitions else None
    kpis = [
        (gettext("rows"), str(h.rows)),
        (gettext("accepted"), str(h.accepted)),
        (gettext("rejected"), str(sum(h.rejected.values()))),
        (gettext("deals"), str(h.deals)),
        (gettext("transitions allowed"), pct(share, tr)),
        (gettext("deals with violations"), str(c.deals_with_violations)),
    ]

    def th(*cells: str) -> str:
        return "<tr>" + "".join(f"<th>{gettext(x) if x else ''}</th>" for x in cells) + "</tr>"

    def note(text: str) -> str:
        return f'<p class="note">{text}</p>'

    body = [
        "<h1>" + gettext("Audit: {pipeline} against the history", pipeline=r.pipeline) + "</h1>",
        note(
            gettext(
                "Blueprint {blueprint}, {source} history, {first} … {last}, as of {as_of}.",
                blueprint=r.blueprint,
                source=r.source,
                first=h.first_at or "",
                last=h.last_at or "",
                as_of=r.as_of or "",
            )
        ),
        '<div class="kpis">'
        + "".join(f'<div class="kpi"><b>{escape(v)}</b>{escape(k)}</div>' for k, v in kpis)
        + "</div>",
        "<h2>" + gettext("The pipeline, as the deals moved") + "</h2>",
        note(
            gettext(
                "Stages coloured by observed win rate (lifecycle: conversion); "
                "arcs are observed moves, thicker for more deals."
            )
        ),
        _diagram(r, tr),
        "<h2>" + gettext("Stage funnel") + "</h2>",
        _bars(
            gettext("Deals that entered each stage"),
            [(s.id, float(s.entered), str(s.entered)) for s in r.stages.values()],
        ),
        "<h2>" + gettext("Time in stage") + "</h2>",
        note(gettext("Median days (bar), p90 in the label; the black tick is expected_days.")),
        _bars(
            gettext("Median days in stage"),
            [
                (
                    s.id,
                    s.median_days or 0.0,
                    f"{days(s.median_days, tr)} (p90 {days(s.p90_days, tr)})",
                )
                for s in r.stages.values()
            ],
            colour="#8250df",
            marks={s.id: float(s.expected_days) for s in r.stages.values() if s.expected_days},
        ),
        "<h2>" + gettext("Calibration") + "</h2>",
        note(
            gettext(
                "Observed rate (dot) with its 95% Wilson interval (line); the triangle is the "
                "blueprint's probability (conversion_rate for the lifecycle). Red: the "
                "declared figure lies outside the interval."
            )
        ),
        _calibration(r, tr),
        "<h2>" + gettext("Violations") + "</h2>",
        "<table>" + th(N_("kind"), N_("count"), N_("meaning"), N_("examples")),
    ]
    for kind in VIOLATION_KINDS:
        n = c.violations[kind]
        body.append(
            f'<tr><td>{kind}</td><td class="n {"bad" if n else "ok"}">{n}</td>'
            f"<td>{escape(gettext(VIOLATION_HELP[kind]))}</td>"
            f"<td>{_examples(c.examples.get(kind, []), tr)}</td></tr>"
        )
    body.append("</table>")
    body.append(
        "<h2>"
        + gettext("Rejected rows")
        + "</h2><table>"
        + th(N_("reason"), N_("rows"), N_("examples"))
    )
    for reason, n in h.rejected.items():
        body.append(
            f'<tr><td>{escape(id_label(reason, tr))}</td><td class="n">{n}</td>'
            f"<td>{_examples(h.examples.get(reason, []), tr)}</td></tr>"
        )
    body.append("</table>")
    if r.required:
        won = r.final.get("won", 0)
        body.append(
            "<h2>" + gettext("Required, measured on won deals") + "</h2>"
            "<table>" + th(N_("stage"), N_("won deals that never passed it"))
        )
        body += [
            f'<tr><td>{escape(sid)}</td><td class="n">'
            + gettext("{n} of {won}", n=n, won=won)
            + "</td></tr>"
            for sid, n in r.required.items()
        ]
        body.append("</table>")
    if r.reasons:
        body.append(
            "<h2>" + gettext("Lost reasons") + "</h2><table>" + th(N_("reason"), N_("deals"), "")
        )
        body += [
            f'<tr><td>{escape(x.reason)}</td><td class="n">{x.deals}</td>'
            f"<td>{_undeclared(x.declared, tr)}</td></tr>"
            for x in r.reasons
        ]
        body.append("</table>")
    if r.breakdowns:
        body += _breakdowns(r, tr)
    if r.sla is not None:
        body += _sla(r.sla, tr)
    body += [note(escape(tr(n))) for n in r.notes]
    return (
        f'<!DOCTYPE html>\n<html lang="{tr.lang}"><head><meta charset="utf-8">'
        + "<title>"
        + gettext("Audit: {pipeline}", pipeline=r.pipeline)
        + "</title>"
        + f"<style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def _breakdowns(r: AuditResult, tr: Translator = ENGLISH) -> list[str]:
    """Per owner / source value: deals, won, lost, win rate and its top reasons (those the
    blueprint does not declare marked, with the mark explained under the table)."""
    gettext = _gettext(tr)
    undeclared = gettext("not declared in the blueprint")
    mark = f'<sup class="undeclared" title="{escape(undeclared)}">{UNDECLARED_MARK}</sup>'
    heads = (N_("per"), N_("value"), N_("deals"), N_("won"), N_("lost"), N_("win rate"))
    body = [
        "<h2>"
        + gettext("Per owner / source")
        + "</h2><table><tr>"
        + "".join(f"<th>{gettext(x)}</th>" for x in heads)
        + "<th>"
        + gettext("top reasons")
        + "</th></tr>"
    ]
    for b in r.breakdowns:
        body.append(
            f"<tr><td>{escape(b.column)}</td><td>{escape(b.value)}</td>"
            f'<td class="n">{b.deals}</td><td class="n">{b.won}</td>'
            f'<td class="n">{b.lost}</td><td class="n">{pct(b.win_rate, tr)}</td>'
            f"<td>{top_reasons(b, tr, escape, mark)}</td></tr>"
        )
    body.append("</table>")
    if any(not x.declared for b in r.breakdowns for x in b.reasons[:TOP_REASONS]):
        body.append(
            f'<p class="note"><span class="undeclared">{UNDECLARED_MARK}</span> {undeclared}</p>'
        )
    return body


def _sla(s: Sla, tr: Translator = ENGLISH) -> list[str]:
    gettext = _gettext(tr)

    def th(*cells: str) -> str:
        return "<tr>" + "".join(f"<th>{gettext(x) if x else ''}</th>" for x in cells) + "</tr>"

    title = sla_title(s, tr)
    body = [
        f"<h2>SLA: {escape(title.split(', ')[0])}</h2>",
        f'<p class="note">{escape(title)}. {escape(sla_follow_up_line(s, tr))}.</p>',
    ]
    if s.measured:
        rows = [
            (
                gettext("in time") if s.follow_up_within else gettext("followed up"),
                float(s.in_time or 0),
            ),
            (gettext("late"), float(s.late or 0)),
            (gettext("never"), float(s.never or 0)),
            (gettext("pending"), float(s.pending or 0)),
        ]
        body.append(
            _bars(
                gettext("Handoffs by follow-up"),
                [(k, v, f"{v:.0f}") for k, v in rows],
                colour="#1a7f37",
            )
        )
        body.append(
            "<table>"
            + th(N_("figure"), "", N_("examples"))
            + "<tr><td>"
            + gettext("missed (late or never)")
            + "</td>"
            f'<td class="n {"bad" if s.missed else "ok"}">'
            + gettext("{n} of {due} due", n=s.missed, due=sla_due(s))
            + "</td>"
            f"<td>{_examples(s.examples.get('late', []) + s.examples.get('never', []), tr)}"
            "</td></tr>"
            + "<tr><td>"
            + gettext("first follow-up, median / p90 hours")
            + '</td><td class="n">'
            f"{_num(s.hours_to_first_touch_median, tr)} / {_num(s.hours_to_first_touch_p90, tr)}"
            "</td><td></td></tr>"
        )
        if s.attempts_required:
            short = gettext(
                "recycled with fewer than {attempts}",
                attempts=n_attempts(s.attempts_required, tr),
            )
            body.append(
                f"<tr><td>{short}</td>"
                f'<td class="n {"bad" if s.recycled_short else "ok"}">'
                + gettext("{n} of {won}", n=s.recycled_short, won=s.recycled)
                + "</td>"
                f"<td>{_examples(s.examples.get('recycled_short', []), tr)}</td></tr>"
            )
        body.append("</table>")
    if s.recycles:
        body.append(
            "<h3>" + gettext("Recycles back to marketing") + "</h3>"
            "<table>" + th(N_("move"), N_("count"), "")
        )
        body += [
            f"<tr><td>{escape(m.from_stage)} → {escape(m.to_stage)}</td>"
            f'<td class="n">{m.count}</td>'
            f"<td>{_undeclared(m.declared, tr)}</td></tr>"
            for m in s.recycles
        ]
        body.append("</table>")
    if s.reasons or s.recycles_without_reason:
        body.append("<table>" + th(N_("recycle reason"), N_("count"), ""))
        body += [
            f'<tr><td>{escape(x.reason)}</td><td class="n">{x.deals}</td>'
            f"<td>{_undeclared(x.declared, tr)}</td></tr>"
            for x in s.reasons
        ]
        if s.recycles_without_reason:
            body.append(
                "<tr><td>" + gettext("(no reason given)") + "</td>"
                f'<td class="n">{s.recycles_without_reason}</td><td></td></tr>'
            )
        body.append("</table>")
    a = s.activities
    if a is not None:
        rejected = ", ".join(f"{n} {id_label(k, tr)}" for k, n in a.rejected.items())
        other = ", ".join(f"{k} {n}" for k, n in a.other_types.items()) or gettext("none")
        text = gettext(
            "Activities: {rows}, {accepted} accepted, {rejected}; not attempts: {other}.",
            rows=n_rows(a.rows, tr),
            accepted=a.accepted,
            rejected=rejected,
            other=other,
        )
        body.append(f'<p class="note">{text}</p>')
    return body


def _num(x: float | None, tr: Translator = ENGLISH) -> str:
    return "–" if x is None else tr.number(x, ".1f")
