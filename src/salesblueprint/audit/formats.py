"""The audit as text (a terminal), JSON (the contract) and markdown (a pull-request comment).

HTML is in :mod:`salesblueprint.audit.html`. Every formatter is ``(result, tr) -> str`` and is
registered in :data:`FORMATTERS`; ``tr`` (English by default) is the language of the report:
the blueprint's ``language:``, or ``--lang``. JSON keys, violation kinds and reject reasons are
the contract's ids (the ``--fail-on`` kinds) in every language; the text around them, the
``notes`` and the examples' ``detail`` are translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from salesblueprint.audit.result import (
    VIOLATION_KINDS,
    AuditResult,
    Breakdown,
    Example,
    Sla,
    StageFigures,
)
from salesblueprint.diagnostics.safe_text import one_line
from salesblueprint.i18n import ENGLISH, N_, Translator

VIOLATION_HELP = {
    "skip": N_("forward past one or more stages"),
    "backward": N_("back to an earlier stage, not a declared recycle"),
    "after_outcome": N_("moved on after won, lost or an after-close stage"),
    "unknown_stage": N_("rows whose stage is not in the blueprint"),
    "late_entry": N_("deals whose history starts after the first stage"),
}


def pct(x: float | None, tr: Translator = ENGLISH) -> str:
    return "–" if x is None else tr.number(x * 100, ".0f") + "%"


def days(x: float | None, tr: Translator = ENGLISH) -> str:
    return "–" if x is None else tr.number(x, ".1f")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~@])")


def md(text: str) -> str:
    """History text (deal ids, stage names, reasons) as literal markdown: on one line, no
    control characters, and no character that would make a link, an image, a mention, code or
    a new table cell of it."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def _example(e: Example, esc: Callable[[str], str] = one_line, tr: Translator = ENGLISH) -> str:
    move = f"{esc(e.from_stage)} → {esc(e.stage)}" if e.from_stage else esc(e.stage)
    deal = esc(e.deal_id) if e.deal_id else tr.gettext("(no id)")
    parts = [
        tr.gettext("deal {deal}", deal=deal),
        move,
        esc(e.at),
        f"({esc(e.where)})" if e.where else "",
        f"– {esc(tr(e.detail))}" if e.detail else "",
    ]
    return " ".join(p for p in parts if p)


def sla_title(s: Sla, tr: Translator = ENGLISH) -> str:
    """``handoff mql → sql, follow up within 24h, 3 attempts``."""
    parts = [tr.gettext("handoff {a} → {b}", a=s.handoff_from or "?", b=s.handoff_to)]
    if s.follow_up_within:
        parts.append(tr.gettext("follow up within {within}", within=s.follow_up_within))
    if s.attempts_required:
        parts.append(n_attempts(s.attempts_required, tr))
    return ", ".join(parts)


def sla_due(s: Sla) -> int:
    """Handoffs whose follow-up was due by ``as_of`` (in time, late or never)."""
    return (s.in_time or 0) + (s.late or 0) + (s.never or 0)


def sla_follow_up_line(s: Sla, tr: Translator = ENGLISH) -> str:
    head = tr.gettext(
        "{handoffs} ({contacts})",
        handoffs=tr.ngettext("{n} handoff", "{n} handoffs", s.handoffs),
        contacts=tr.ngettext("{n} contact", "{n} contacts", s.contacts),
    )
    if not s.measured:
        return head + tr.gettext(
            "; follow-up not measured: give the calls, emails and meetings with --activities"
        )
    due = sla_due(s)
    if s.follow_up_within:
        share = (
            tr.gettext(", {share} of {due} due", share=pct(s.missed / due, tr), due=due)
            if due
            else ""
        )
        return tr.gettext(
            "{head}: {in_time} in time, {late} late, {never} never, "
            "{pending} pending ({missed} missed{share})",
            head=head,
            in_time=s.in_time,
            late=s.late,
            never=s.never,
            pending=s.pending,
            missed=s.missed,
            share=share,
        )
    return tr.gettext(
        "{head}: {in_time} followed up, {never} never (no follow_up_within to hold them to)",
        head=head,
        in_time=s.in_time,
        never=s.never,
    )


def n_rows(n: int, tr: Translator = ENGLISH) -> str:
    """``1 row``, ``2 rows`` in ``tr``'s language."""
    return tr.ngettext("{n} row", "{n} rows", n)


def n_deals(n: int, tr: Translator = ENGLISH) -> str:
    """``1 deal``, ``2 deals`` in ``tr``'s language."""
    return tr.ngettext("{n} deal", "{n} deals", n)


def n_attempts(n: int, tr: Translator = ENGLISH) -> str:
    """``1 attempt``, ``3 attempts`` in ``tr``'s language."""
    return tr.ngettext("{n} attempt", "{n} attempts", n)


TOP_REASONS = 3  # the reasons the markdown and HTML reports show per owner / source value
UNDECLARED_MARK = "*"  # after a reason the blueprint does not declare, in those reports


def top_reasons(
    b: Breakdown,
    tr: Translator = ENGLISH,
    esc: Callable[[str], str] = one_line,
    mark: str = UNDECLARED_MARK,
) -> str:
    """``price 3*, no_budget 1, competitor 1, and 2 more reasons``: the most frequent reasons
    of one owner / source value, ``mark`` after those the blueprint does not declare."""
    shown = [
        f"{esc(x.reason)} {x.deals}" + ("" if x.declared else mark) for x in b.reasons[:TOP_REASONS]
    ]
    rest = len(b.reasons) - TOP_REASONS
    if rest > 0:
        shown.append(tr.ngettext("and {n} more reason", "and {n} more reasons", rest))
    return ", ".join(shown)


def _hours(x: float | None, tr: Translator = ENGLISH) -> str:
    return "–" if x is None else tr.number(x, ".1f") + " h"


def _undeclared(tr: Translator) -> str:
    return "   " + tr.gettext("not declared in the blueprint")


def _sla_text(s: Sla, tr: Translator = ENGLISH) -> list[str]:
    eg = tr.gettext("e.g.")
    out = ["", f"SLA: {sla_title(s, tr)}", "  " + sla_follow_up_line(s, tr)]
    if s.measured:
        types = ", ".join(f"{k} {n}" for k, n in s.follow_up_types.items()) or tr.gettext("none")
        out.append(
            "  "
            + tr.gettext(
                "first follow-up: median {median}, p90 {p90}; follow-ups by type: {types}",
                median=_hours(s.hours_to_first_touch_median, tr),
                p90=_hours(s.hours_to_first_touch_p90, tr),
                types=types,
            )
        )
        for kind in ("late", "never"):
            for e in s.examples.get(kind, [])[:3]:
                out.append(f"    {eg} {_example(e, tr=tr)}")
    line = "  " + tr.gettext(
        "recycled to marketing from {stage}: {n}", stage=s.handoff_to, n=s.recycled
    )
    if s.attempts_required and s.measured:
        line += tr.gettext(
            ", {short} with fewer than {attempts}; {met} of {handoffs} reached {attempts}",
            short=s.recycled_short,
            attempts=n_attempts(s.attempts_required, tr),
            met=s.attempts_met,
            handoffs=tr.ngettext("{n} handoff", "{n} handoffs", s.handoffs),
        )
    out.append(line)
    for e in s.examples.get("recycled_short", [])[:3]:
        out.append(f"    {eg} {_example(e, tr=tr)}")
    if s.recycles:
        out.append("  " + tr.gettext("Recycles back to marketing: {n}", n=s.recycles_total))
        width = max(len(f"{m.from_stage} → {m.to_stage}") for m in s.recycles)
        for m in s.recycles:
            flag = "" if m.declared else _undeclared(tr)
            out.append(f"    {f'{m.from_stage} → {m.to_stage}':<{width}}  {m.count:>6}{flag}")
    if s.reasons or s.recycles_without_reason:
        out.append("  " + tr.gettext("Recycle reasons:"))
        for item in s.reasons:
            flag = "" if item.declared else _undeclared(tr)
            out.append(f"    {item.reason:<22} {item.deals:>6}{flag}")
        if s.recycles_without_reason:
            none = tr.gettext("(no reason given)")
            out.append(f"    {none:<22} {s.recycles_without_reason:>6}")
    a = s.activities
    if a is not None:
        out.append(
            "  "
            + tr.gettext(
                "Activities: {rows}, {accepted} accepted, {rejected}; attempts: {attempts}",
                rows=n_rows(a.rows, tr),
                accepted=a.accepted,
                rejected=_counts(a.rejected, tr),
                attempts=", ".join(f"{n} {k}" for k, n in a.attempts.items()) or tr.gettext("none"),
            )
            + (
                tr.gettext(
                    "; not attempts: {types}",
                    types=", ".join(f"{k} {n}" for k, n in a.other_types.items()),
                )
                if a.other_types
                else ""
            )
        )
        for reason, examples in a.examples.items():
            out.append(
                "    "
                + tr.gettext("rejected {reason}:", reason=label(reason, tr))
                + " "
                + "; ".join(_example(e, tr=tr) for e in examples[:3])
            )
    return out


def _stage_rows(r: AuditResult, tr: Translator = ENGLISH) -> list[list[str]]:
    rows = []
    for s in r.stages.values():
        if s.kind == "lifecycle":
            rows.append(
                [
                    s.id,
                    str(s.entered),
                    pct(s.conversion, tr),
                    pct(s.declared_conversion, tr),
                    _interval(s, tr),
                    days(s.median_days, tr),
                    days(s.p90_days, tr),
                    "–",
                    str(s.rotting) if s.open_now else "–",
                ]
            )
            continue
        rows.append(
            [
                s.id,
                str(s.entered),
                pct(s.win_rate, tr) + f" ({s.won}/{s.won + s.lost})" if s.won + s.lost else "–",
                pct(s.declared_probability, tr),
                _interval(s, tr),
                days(s.median_days, tr),
                days(s.p90_days, tr),
                "–" if s.expected_days is None else str(s.expected_days),
                f"{s.rotting}/{s.open_now}" if s.open_now else "–",
            ]
        )
    return rows


_CALIBRATION = {"over": N_(" ▲ declared too high"), "under": N_(" ▼ declared too low")}


def _interval(s: StageFigures, tr: Translator = ENGLISH) -> str:
    if s.win_rate_interval is None:
        return "–"
    iv = s.win_rate_interval
    mark = _CALIBRATION.get(s.calibration or "")
    low, high = tr.number(iv.low * 100, ".0f"), tr.number(iv.high * 100, ".0f")
    return f"{low}–{high}%{tr.gettext(mark) if mark else ''}"


_LIFECYCLE_HEADERS = (
    N_("stage"),
    N_("entered"),
    N_("converted"),
    N_("declared"),
    N_("95% CI"),
    N_("median d"),
    N_("p90 d"),
    "",
    N_("open"),
)
_PIPELINE_HEADERS = (
    N_("stage"),
    N_("entered"),
    N_("win rate"),
    N_("declared"),
    N_("95% CI"),
    N_("median d"),
    N_("p90 d"),
    N_("expected d"),
    N_("rotting/open"),
)


def _headers(r: AuditResult, tr: Translator = ENGLISH) -> list[str]:
    headers = _LIFECYCLE_HEADERS if r.pipeline == "lifecycle" else _PIPELINE_HEADERS
    return [tr.gettext(h) if h else "" for h in headers]


# how the report words the contract's ids in a sentence ("1 missing_value" stays the id in
# English, as the JSON and --fail-on have it; other languages say it in words)
ID_LABELS = {
    # TRANSLATORS: a rejected row's reason (a contract id): say it in words
    "missing_value": N_("missing_value"),
    # TRANSLATORS: a rejected row's reason (a contract id): say it in words
    "bad_timestamp": N_("bad_timestamp"),
    # TRANSLATORS: deals whose final state is won
    "won": N_("won"),
    # TRANSLATORS: deals whose final state is lost
    "lost": N_("lost"),
    "open": N_("open"),
}


def label(ident: str, tr: Translator = ENGLISH) -> str:
    """A contract id (a reject reason, a final state) in words of ``tr``'s language."""
    return tr.gettext(ID_LABELS[ident]) if ident in ID_LABELS else ident


def _counts(counts: dict[str, int], tr: Translator = ENGLISH) -> str:
    return ", ".join(f"{n} {label(k, tr)}" for k, n in counts.items())


def format_text(r: AuditResult, tr: Translator = ENGLISH) -> str:
    h, c = r.history, r.conformance
    eg = tr.gettext("e.g.")
    out = [
        tr.gettext(
            "Audit of {blueprint}, pipeline {pipeline} ({source} history)",
            blueprint=r.blueprint,
            pipeline=r.pipeline,
            source=r.source,
        ),
        "",
    ]
    out.append(
        tr.gettext(
            "History: {rows}, {accepted} accepted, {rejected}; {deals}",
            rows=n_rows(h.rows, tr),
            accepted=h.accepted,
            rejected=_counts(h.rejected, tr),
            deals=n_deals(h.deals, tr),
        )
        + (f", {h.first_at} … {h.last_at}" if h.first_at else "")
    )
    for reason, examples in h.examples.items():
        out.append(
            "  "
            + tr.gettext("rejected {reason}:", reason=label(reason, tr))
            + " "
            + "; ".join(_example(e, tr=tr) for e in examples[:3])
        )
    share = f" ({pct(c.allowed / c.transitions, tr)})" if c.transitions else ""
    out += [
        "",
        tr.gettext(
            "Conformance: {allowed} of {transitions} transitions allowed{share}; {violating}",
            allowed=c.allowed,
            transitions=c.transitions,
            share=share,
            violating=tr.ngettext(
                "{n} deal with violations", "{n} deals with violations", c.deals_with_violations
            ),
        ),
    ]
    for kind in VIOLATION_KINDS:
        n = c.violations[kind]
        out.append(f"  {kind:<14}{n:>7}  {tr.gettext(VIOLATION_HELP[kind])}")
        for e in c.examples.get(kind, [])[:3]:
            out.append(f"  {'':<14}{'':>7}    {eg} {_example(e, tr=tr)}")
    out += ["", tr.gettext("Stages:")]
    out += _table(_headers(r, tr), _stage_rows(r, tr))
    if r.required:
        out += ["", tr.gettext("Required, measured on won deals:")]
        won = r.final.get("won", 0)
        for sid, n in r.required.items():
            never = tr.ngettext(
                "{count} of {n} won deal never passed it",
                "{count} of {n} won deals never passed it",
                won,
                count=n,
            )
            out.append(f"  {sid:<24} {never}")
    if r.final:
        out += [
            "",
            tr.gettext(
                "Deals: {counts} (as of {as_of})", counts=_counts(r.final, tr), as_of=r.as_of or "–"
            ),
        ]
    if r.reasons:
        out += [
            "",
            tr.gettext("Reasons (the last given per contact):")
            if r.pipeline == "lifecycle"
            else tr.gettext("Lost reasons:"),
        ]
        for item in r.reasons:
            flag = "" if item.declared else _undeclared(tr)
            out.append(f"  {one_line(item.reason):<24} {item.deals:>6}{flag}")
        if r.deals_without_reason:
            none = tr.gettext("(no reason given)")
            out.append(f"  {none:<24} {r.deals_without_reason:>6}")
    if r.breakdowns:
        out += ["", tr.gettext("Per owner / source:")]
        for b in r.breakdowns:
            figures = tr.gettext(
                "{deals}, {won} won, {lost} lost, win rate {rate}",
                deals=tr.ngettext("{n:>6} deal", "{n:>6} deals", b.deals),
                won=b.won,
                lost=b.lost,
                rate=pct(b.win_rate, tr),
            )
            out.append(f"  {b.column} {one_line(b.value):<20} {figures}")
            if b.reasons:
                undeclared = " (" + tr.gettext("not declared in the blueprint") + ")"
                listed = ", ".join(
                    f"{one_line(x.reason)} {x.deals}" + ("" if x.declared else undeclared)
                    for x in b.reasons
                )
                line = tr.gettext("reasons: {reasons}", reasons=listed)
                out.append(f"  {'':<{len(b.column)}} {'':<20} {line}")
    if r.rotting_examples:
        out += ["", tr.gettext("Rotting (open past expected_days), oldest first:")]
        out += [f"  {_example(e, tr=tr)}" for e in r.rotting_examples]
    if r.sla is not None:
        out += _sla_text(r.sla, tr)
    if r.notes:
        out += ["", *[tr.gettext("Note: {note}", note=tr(n)) for n in r.notes]]
    # every value above that came from the history is one_line'd already; this is the net
    return "\n".join(one_line(line) for line in out) + "\n"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(x) for x in col) for col in zip(headers, *rows, strict=False)]
    lines = ["  " + "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False))]
    lines += [
        "  " + "  ".join(x.ljust(w) for x, w in zip(row, widths, strict=False)) for row in rows
    ]
    return [line.rstrip() for line in lines]


def format_markdown(r: AuditResult, tr: Translator = ENGLISH) -> str:
    h, c = r.history, r.conformance
    out = ["### " + tr.gettext("Audit: {pipeline} against the history", pipeline=md(r.pipeline))]
    out.append("")
    out.append(
        tr.gettext(
            "{rows}, {accepted} accepted, {rejected}; {deals}. "
            "**{allowed} of {transitions}** transitions allowed, {violating}.",
            rows=n_rows(h.rows, tr),
            accepted=h.accepted,
            rejected=_counts(h.rejected, tr),
            deals=n_deals(h.deals, tr),
            allowed=c.allowed,
            transitions=c.transitions,
            violating=tr.ngettext(
                "**{n}** deal with violations",
                "**{n}** deals with violations",
                c.deals_with_violations,
            ),
        )
    )
    head = [tr.gettext("violation"), tr.gettext("count"), tr.gettext("example")]
    out += ["", "| " + " | ".join(head) + " |", "|---|---:|---|"]
    for kind in VIOLATION_KINDS:
        ex = c.examples.get(kind, [])
        example = _example(ex[0], md, tr) if ex else ""
        out.append(f"| {kind} | {c.violations[kind]} | {example} |")
    headers = _headers(r, tr)
    out += ["", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(md(x) for x in row) + " |" for row in _stage_rows(r, tr)]
    if r.required:
        head = [tr.gettext("required stage"), tr.gettext("won deals without it")]
        out += ["", "| " + " | ".join(head) + " |", "|---|---:|"]
        out += [f"| {md(sid)} | {n} |" for sid, n in r.required.items()]
    if r.breakdowns:
        out += _breakdowns_markdown(r, tr)
    undeclared = [x for x in r.reasons if not x.declared]
    if undeclared:
        out += [
            "",
            tr.gettext("Lost reasons not in the blueprint:")
            + " "
            + ", ".join(f"{md(x.reason)} ({x.deals})" for x in undeclared),
        ]
    if r.sla is not None:
        out += _sla_markdown(r.sla, tr)
    if r.notes:
        out += ["", *[f"> {md(tr(n))}" for n in r.notes]]
    return "\n".join(out) + "\n"


def _breakdowns_markdown(r: AuditResult, tr: Translator = ENGLISH) -> list[str]:
    """Per owner / source value: deals, win rate and its top reasons."""
    gettext = tr.gettext
    head = [
        gettext("per"),
        gettext("value"),
        gettext("deals"),
        gettext("win rate"),
        gettext("top reasons"),
    ]
    out = ["", "| " + " | ".join(head) + " |", "|---|---|---:|---:|---|"]
    mark = "\\" + UNDECLARED_MARK
    for b in r.breakdowns:
        reasons = top_reasons(b, tr, md, mark)
        out.append(
            f"| {md(b.column)} | {md(b.value)} | {b.deals} | {pct(b.win_rate, tr)} | {reasons} |"
        )
    if any(not x.declared for b in r.breakdowns for x in b.reasons[:TOP_REASONS]):
        out += ["", mark + " " + gettext("not declared in the blueprint")]
    return out


def _sla_markdown(s: Sla, tr: Translator = ENGLISH) -> list[str]:
    gettext = tr.gettext
    out = ["", f"**SLA**: {sla_title(s, tr)}", "", "| SLA | |", "|---|---:|"]
    out.append(
        "| "
        + gettext("handoffs")
        + " | "
        + gettext(
            "{handoffs} ({contacts})",
            handoffs=s.handoffs,
            contacts=tr.ngettext("{n} contact", "{n} contacts", s.contacts),
        )
        + " |"
    )
    if s.measured and s.follow_up_within:
        out.append(
            "| "
            + gettext("handoffs followed up within {within}", within=s.follow_up_within)
            + " | "
            + gettext("{n} of {due} due", n=s.in_time, due=sla_due(s))
            + " |"
        )
        out.append(
            "| " + gettext("late / never / pending") + f" | {s.late} / {s.never} / {s.pending} |"
        )
        out.append(
            "| " + gettext("first follow-up, median / p90") + " | "
            f"{_hours(s.hours_to_first_touch_median, tr)} / "
            f"{_hours(s.hours_to_first_touch_p90, tr)} |"
        )
    elif s.measured:
        out.append(
            "| "
            + gettext("handoffs followed up")
            + " | "
            + gettext("{n} of {handoffs}", n=s.in_time, handoffs=s.handoffs)
            + " |"
        )
    out.append(
        "| "
        + gettext("recycled to marketing from {stage}", stage=s.handoff_to)
        + f" | {s.recycled} |"
    )
    if s.measured and s.attempts_required:
        out.append(
            "| "
            + gettext(
                "recycled with fewer than {attempts}", attempts=n_attempts(s.attempts_required, tr)
            )
            + f" | {s.recycled_short} |"
        )
    undeclared = [
        f"`{m.from_stage} → {m.to_stage}` ({m.count})" for m in s.recycles if not m.declared
    ]
    if undeclared:
        out += ["", gettext("Recycles not in the blueprint:") + " " + ", ".join(undeclared)]
    reasons = [f"{md(x.reason)} ({x.deals})" for x in s.reasons if not x.declared]
    if reasons:
        out += ["", gettext("Recycle reasons not in the blueprint:") + " " + ", ".join(reasons)]
    if not s.measured:
        out += ["", gettext("Follow-up not measured: give the activities with `--activities`.")]
    return out


def _json(r: AuditResult, tr: Translator) -> dict[str, Any]:
    """The JSON form with its messages (``notes``, the examples' ``detail``) in ``tr``'s
    language; keys and ids stay the contract's."""
    data = r.to_json()
    if tr.lang == ENGLISH.lang:
        return data
    data["notes"] = [tr(n) for n in r.notes]

    def detail(examples: object) -> None:
        if isinstance(examples, dict):
            for key, value in examples.items():
                if key == "detail" and isinstance(value, str):
                    examples[key] = tr(value)
                else:
                    detail(value)
        elif isinstance(examples, list):
            for item in examples:
                detail(item)

    detail(data)
    return data


def format_json(r: AuditResult, tr: Translator = ENGLISH) -> str:
    from salesblueprint.diagnostics.safe_text import json_dumps

    # strict JSON, unprintables escaped
    return json_dumps(_json(r, tr), indent=2) + "\n"


def _html(r: AuditResult, tr: Translator = ENGLISH) -> str:
    from salesblueprint.audit.html import format_html

    return format_html(r, tr)


FORMATTERS: dict[str, Callable[[AuditResult, Translator], str]] = {
    "text": format_text,
    "json": format_json,
    "markdown": format_markdown,
    "html": _html,
}
