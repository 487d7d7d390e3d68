"""The audit as text (a terminal), JSON (the contract) and markdown (a pull-request comment).

HTML is in :mod:`salesblueprint.audit.html`. Every formatter is ``(result) -> str`` and is
registered in :data:`FORMATTERS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from salesblueprint.audit.result import (
    VIOLATION_KINDS,
    AuditResult,
    Example,
    Sla,
    StageFigures,
)
from salesblueprint.diagnostics.safe_text import one_line

VIOLATION_HELP = {
    "skip": "forward past one or more stages",
    "backward": "back to an earlier stage, not a declared recycle",
    "after_outcome": "moved on after won, lost or an after-close stage",
    "unknown_stage": "rows whose stage is not in the blueprint",
    "late_entry": "deals whose history starts after the first stage",
}


def pct(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:.0f}%"


def days(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f}"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~@])")


def md(text: str) -> str:
    """History text (deal ids, stage names, reasons) as literal markdown: on one line, no
    control characters, and no character that would make a link, an image, a mention, code or
    a new table cell of it."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def _example(e: Example, esc: Callable[[str], str] = one_line) -> str:
    move = f"{esc(e.from_stage)} → {esc(e.stage)}" if e.from_stage else esc(e.stage)
    deal = esc(e.deal_id) if e.deal_id else "(no id)"
    parts = [
        f"deal {deal}",
        move,
        esc(e.at),
        f"({esc(e.where)})" if e.where else "",
        f"– {esc(e.detail)}" if e.detail else "",
    ]
    return " ".join(p for p in parts if p)


def sla_title(s: Sla) -> str:
    """``handoff mql → sql, follow up within 24h, 3 attempts``."""
    parts = [f"handoff {s.handoff_from or '?'} → {s.handoff_to}"]
    if s.follow_up_within:
        parts.append(f"follow up within {s.follow_up_within}")
    if s.attempts_required:
        parts.append(f"{s.attempts_required} attempts")
    return ", ".join(parts)


def sla_due(s: Sla) -> int:
    """Handoffs whose follow-up was due by ``as_of`` (in time, late or never)."""
    return (s.in_time or 0) + (s.late or 0) + (s.never or 0)


def sla_follow_up_line(s: Sla) -> str:
    head = f"{s.handoffs} handoffs ({s.contacts} contacts)"
    if not s.measured:
        return (
            head + "; follow-up not measured: give the calls, emails and meetings with --activities"
        )
    due = sla_due(s)
    if s.follow_up_within:
        share = f", {pct(s.missed / due)} of {due} due" if due else ""
        return (
            f"{head}: {s.in_time} in time, {s.late} late, {s.never} never, "
            f"{s.pending} pending ({s.missed} missed{share})"
        )
    return f"{head}: {s.in_time} followed up, {s.never} never (no follow_up_within to hold them to)"


def _hours(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f} h"


def _sla_text(s: Sla) -> list[str]:
    out = ["", f"SLA: {sla_title(s)}", "  " + sla_follow_up_line(s)]
    if s.measured:
        types = ", ".join(f"{k} {n}" for k, n in s.follow_up_types.items()) or "none"
        out.append(
            f"  first follow-up: median {_hours(s.hours_to_first_touch_median)}, "
            f"p90 {_hours(s.hours_to_first_touch_p90)}; follow-ups by type: {types}"
        )
        for kind in ("late", "never"):
            for e in s.examples.get(kind, [])[:3]:
                out.append(f"    e.g. {_example(e)}")
    line = f"  recycled to marketing from {s.handoff_to}: {s.recycled}"
    if s.attempts_required and s.measured:
        line += (
            f", {s.recycled_short} with fewer than {s.attempts_required} attempts; "
            f"{s.attempts_met} of {s.handoffs} handoffs reached {s.attempts_required} attempts"
        )
    out.append(line)
    for e in s.examples.get("recycled_short", [])[:3]:
        out.append(f"    e.g. {_example(e)}")
    if s.recycles:
        out.append(f"  Recycles back to marketing: {s.recycles_total}")
        width = max(len(f"{m.from_stage} → {m.to_stage}") for m in s.recycles)
        for m in s.recycles:
            flag = "" if m.declared else "   not declared in the blueprint"
            out.append(f"    {f'{m.from_stage} → {m.to_stage}':<{width}}  {m.count:>6}{flag}")
    if s.reasons or s.recycles_without_reason:
        out.append("  Recycle reasons:")
        for item in s.reasons:
            flag = "" if item.declared else "   not declared in the blueprint"
            out.append(f"    {item.reason:<22} {item.deals:>6}{flag}")
        if s.recycles_without_reason:
            out.append(f"    {'(no reason given)':<22} {s.recycles_without_reason:>6}")
    a = s.activities
    if a is not None:
        out.append(
            f"  Activities: {a.rows} rows, {a.accepted} accepted, "
            + ", ".join(f"{n} {k}" for k, n in a.rejected.items())
            + "; attempts: "
            + (", ".join(f"{n} {k}" for k, n in a.attempts.items()) or "none")
            + (
                "; not attempts: " + ", ".join(f"{k} {n}" for k, n in a.other_types.items())
                if a.other_types
                else ""
            )
        )
        for reason, examples in a.examples.items():
            out.append(f"    rejected {reason}: " + "; ".join(_example(e) for e in examples[:3]))
    return out


def _stage_rows(r: AuditResult) -> list[list[str]]:
    rows = []
    for s in r.stages.values():
        if s.kind == "lifecycle":
            rows.append(
                [
                    s.id,
                    str(s.entered),
                    pct(s.conversion),
                    pct(s.declared_conversion),
                    _interval(s),
                    days(s.median_days),
                    days(s.p90_days),
                    "–",
                    str(s.rotting) if s.open_now else "–",
                ]
            )
            continue
        rows.append(
            [
                s.id,
                str(s.entered),
                pct(s.win_rate) + f" ({s.won}/{s.won + s.lost})" if s.won + s.lost else "–",
                pct(s.declared_probability),
                _interval(s),
                days(s.median_days),
                days(s.p90_days),
                "–" if s.expected_days is None else str(s.expected_days),
                f"{s.rotting}/{s.open_now}" if s.open_now else "–",
            ]
        )
    return rows


def _interval(s: StageFigures) -> str:
    if s.win_rate_interval is None:
        return "–"
    iv = s.win_rate_interval
    mark = {"over": " ▲ declared too high", "under": " ▼ declared too low"}.get(
        s.calibration or "", ""
    )
    return f"{iv.low * 100:.0f}–{iv.high * 100:.0f}%{mark}"


def _headers(r: AuditResult) -> list[str]:
    if r.pipeline == "lifecycle":
        return [
            "stage",
            "entered",
            "converted",
            "declared",
            "95% CI",
            "median d",
            "p90 d",
            "",
            "open",
        ]
    return [
        "stage",
        "entered",
        "win rate",
        "declared",
        "95% CI",
        "median d",
        "p90 d",
        "expected d",
        "rotting/open",
    ]


def format_text(r: AuditResult) -> str:
    h, c = r.history, r.conformance
    out = [f"Audit of {r.blueprint}, pipeline {r.pipeline} ({r.source} history)", ""]
    out.append(
        f"History: {h.rows} rows, {h.accepted} accepted, "
        + ", ".join(f"{n} {k}" for k, n in h.rejected.items())
        + f"; {h.deals} deals"
        + (f", {h.first_at} … {h.last_at}" if h.first_at else "")
    )
    for reason, examples in h.examples.items():
        out.append(f"  rejected {reason}: " + "; ".join(_example(e) for e in examples[:3]))
    share = f" ({c.allowed / c.transitions * 100:.0f}%)" if c.transitions else ""
    out += [
        "",
        f"Conformance: {c.allowed} of {c.transitions} transitions allowed{share}; "
        f"{c.deals_with_violations} deals with violations",
    ]
    for kind in VIOLATION_KINDS:
        n = c.violations[kind]
        out.append(f"  {kind:<14}{n:>7}  {VIOLATION_HELP[kind]}")
        for e in c.examples.get(kind, [])[:3]:
            out.append(f"  {'':<14}{'':>7}    e.g. {_example(e)}")
    out += ["", "Stages:"]
    out += _table(_headers(r), _stage_rows(r))
    if r.required:
        out += ["", "Required, measured on won deals:"]
        won = r.final.get("won", 0)
        for sid, n in r.required.items():
            out.append(f"  {sid:<24} {n} of {won} won deals never passed it")
    if r.final:
        out += [
            "",
            "Deals: " + ", ".join(f"{n} {k}" for k, n in r.final.items()) + f" (as of {r.as_of})",
        ]
    if r.reasons:
        out += [
            "",
            "Reasons (the last given per contact):"
            if r.pipeline == "lifecycle"
            else "Lost reasons:",
        ]
        for item in r.reasons:
            flag = "" if item.declared else "   not declared in the blueprint"
            out.append(f"  {one_line(item.reason):<24} {item.deals:>6}{flag}")
        if r.deals_without_reason:
            out.append(f"  {'(no reason given)':<24} {r.deals_without_reason:>6}")
    if r.breakdowns:
        out += ["", "Per owner / source:"]
        for b in r.breakdowns:
            out.append(
                f"  {b.column} {one_line(b.value):<20} {b.deals:>6} deals, {b.won} won, "
                f"{b.lost} lost, "
                f"win rate {pct(b.win_rate)}"
            )
    if r.rotting_examples:
        out += ["", "Rotting (open past expected_days), oldest first:"]
        out += [f"  {_example(e)}" for e in r.rotting_examples]
    if r.sla is not None:
        out += _sla_text(r.sla)
    if r.notes:
        out += ["", *[f"Note: {n}" for n in r.notes]]
    # every value above that came from the history is one_line'd already; this is the net
    return "\n".join(one_line(line) for line in out) + "\n"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(x) for x in col) for col in zip(headers, *rows, strict=False)]
    lines = ["  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False))]
    lines += [
        "  " + "  ".join(x.ljust(w) for x, w in zip(row, widths, strict=False)) for row in rows
    ]
    return [line.rstrip() for line in lines]


def format_markdown(r: AuditResult) -> str:
    h, c = r.history, r.conformance
    out = [f"### Audit: {md(r.pipeline)} against the history", ""]
    out.append(
        f"{h.rows} rows, {h.accepted} accepted, "
        + ", ".join(f"{n} {k}" for k, n in h.rejected.items())
        + f"; {h.deals} deals. **{c.allowed} of {c.transitions}** transitions allowed, "
        f"**{c.deals_with_violations}** deals with violations."
    )
    out += ["", "| violation | count | example |", "|---|---:|---|"]
    for kind in VIOLATION_KINDS:
        ex = c.examples.get(kind, [])
        out.append(f"| {kind} | {c.violations[kind]} | {_example(ex[0], md) if ex else ''} |")
    headers = _headers(r)
    out += ["", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(md(x) for x in row) + " |" for row in _stage_rows(r)]
    if r.required:
        out += ["", "| required stage | won deals without it |", "|---|---:|"]
        out += [f"| {md(sid)} | {n} |" for sid, n in r.required.items()]
    undeclared = [x for x in r.reasons if not x.declared]
    if undeclared:
        out += [
            "",
            "Lost reasons not in the blueprint: "
            + ", ".join(f"{md(x.reason)} ({x.deals})" for x in undeclared),
        ]
    if r.sla is not None:
        out += _sla_markdown(r.sla)
    if r.notes:
        out += ["", *[f"> {md(n)}" for n in r.notes]]
    return "\n".join(out) + "\n"


def _sla_markdown(s: Sla) -> list[str]:
    out = ["", f"**SLA**: {sla_title(s)}", "", "| SLA | |", "|---|---:|"]
    out.append(f"| handoffs | {s.handoffs} ({s.contacts} contacts) |")
    if s.measured and s.follow_up_within:
        out.append(
            f"| handoffs followed up within {s.follow_up_within} "
            f"| {s.in_time} of {sla_due(s)} due |"
        )
        out.append(f"| late / never / pending | {s.late} / {s.never} / {s.pending} |")
        out.append(
            f"| first follow-up, median / p90 | {_hours(s.hours_to_first_touch_median)} / "
            f"{_hours(s.hours_to_first_touch_p90)} |"
        )
    elif s.measured:
        out.append(f"| handoffs followed up | {s.in_time} of {s.handoffs} |")
    out.append(f"| recycled to marketing from {s.handoff_to} | {s.recycled} |")
    if s.measured and s.attempts_required:
        out.append(
            f"| recycled with fewer than {s.attempts_required} attempts | {s.recycled_short} |"
        )
    undeclared = [
        f"`{m.from_stage} → {m.to_stage}` ({m.count})" for m in s.recycles if not m.declared
    ]
    if undeclared:
        out += ["", "Recycles not in the blueprint: " + ", ".join(undeclared)]
    reasons = [f"{md(x.reason)} ({x.deals})" for x in s.reasons if not x.declared]
    if reasons:
        out += ["", "Recycle reasons not in the blueprint: " + ", ".join(reasons)]
    if not s.measured:
        out += ["", "Follow-up not measured: give the activities with `--activities`."]
    return out


def format_json(r: AuditResult) -> str:
    from salesblueprint.diagnostics.safe_text import json_dumps

    return json_dumps(r.to_json(), indent=2) + "\n"  # strict JSON, unprintables escaped


def _html(r: AuditResult) -> str:
    from salesblueprint.audit.html import format_html

    return format_html(r)


FORMATTERS: dict[str, Callable[[AuditResult], str]] = {
    "text": format_text,
    "json": format_json,
    "markdown": format_markdown,
    "html": _html,
}
