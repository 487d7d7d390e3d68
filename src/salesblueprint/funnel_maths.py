"""The reverse funnel: how many leads does the revenue target need?

From ``sla.targets`` (``revenue``, ``average_deal_size``, ``period``) and the lifecycle's
``conversion_rate`` (the share of a stage's contacts that reaches the next stage):

1. deals needed per period = revenue / average deal size, rounded up;
2. the *opportunity stage* is the first lifecycle stage with ``pipeline:`` (its contacts have an
   open deal); without one, the stage right before the first customer-like stage (an id or name
   with *customer*, *client*, *klant*, *won* or *gewonnen*). Its ``conversion_rate`` is the win
   rate: opportunities needed = deals / win rate, rounded up;
3. walking the lifecycle back to its first stage, in list order, each earlier stage needs
   (what the next stage needs) / (its own ``conversion_rate``), rounded up at each step:
   a team cannot work 0.3 of a lead;
4. per week = per period / weeks in the period (month 52/12, quarter 13, year 52), rounded up.

Skips and recycles are not modelled: a stage's ``conversion_rate`` is the share that reaches the
next stage in list order, whichever way it gets there. All arithmetic is exact (fractions of the
decimal numbers written in the file), so ``0.35`` never rounds up by a float error.

What is missing (a target, a rate) is a :class:`FunnelGap` that says exactly what to add and
where; the rules ``conversion-rate-missing`` and ``targets-incomplete`` report the same gaps.
A count above ``MAX_COUNT`` stops the walk too: such targets or rates are typos.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from salesblueprint.findings import Path, format_path
from salesblueprint.model.blueprint import Blueprint, LifecycleStage

WEEKS_PER_PERIOD: dict[str, Fraction] = {
    "month": Fraction(52, 12),
    "quarter": Fraction(13),
    "year": Fraction(52),
}
_CUSTOMER_WORDS = re.compile(r"(^|[^a-z])(customers?|clients?|klant(en)?|won|gewonnen)([^a-z]|$)")

GapKind = Literal[
    "no_targets",
    "revenue",
    "average_deal_size",
    "no_lifecycle",
    "no_opportunity_stage",
    "no_rates",
    "rate",
    "zero_rate",
    "too_large",
]
MAX_COUNT = 10**15  # beyond this, the targets or rates are typos (and numbers stop printing)


@dataclass(frozen=True)
class FunnelGap:
    """Something the funnel maths needs and the blueprint does not give.

    ``path`` and ``at`` point at the node (and key) where it belongs, like a rule's problem.
    """

    kind: GapKind
    message: str
    path: Path = ()
    at: str | None = None
    stage: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "stage": self.stage,
            "path": format_path(self.path),
            "message": self.message,
        }


@dataclass(frozen=True)
class FunnelStep:
    """One row: the deals won, or a lifecycle stage and how many contacts it needs."""

    key: str  # "deals", or the lifecycle stage id
    name: str
    rate: float | None  # this stage's conversion_rate (for the opportunity stage: the win rate)
    per_period: int | None  # None when a rate or target further down is missing
    per_week: int | None
    path: Path = ()

    @property
    def stage(self) -> str | None:
        return None if self.key == "deals" else self.key

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.key,
            "stage": self.stage,
            "name": self.name,
            "rate": self.rate,
            "per_period": self.per_period,
            "per_week": self.per_week,
        }


@dataclass(frozen=True)
class Funnel:
    """The reverse funnel of one blueprint. ``steps`` run from the deals won back to the first
    lifecycle stage; ``gaps`` lists what is missing (empty when the funnel is complete)."""

    name: str
    file: str
    period: str | None = None
    revenue: float | None = None
    currency: str | None = None
    average_deal_size: float | None = None
    opportunity_stage: str | None = None
    win_rate: float | None = None
    steps: tuple[FunnelStep, ...] = ()
    gaps: tuple[FunnelGap, ...] = ()
    rates_changed: Mapping[str, float] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def weeks_per_period(self) -> float | None:
        w = WEEKS_PER_PERIOD.get(self.period or "")
        return float(w) if w is not None else None

    @property
    def deals(self) -> int | None:
        return self.steps[0].per_period if self.steps else None

    @property
    def top(self) -> FunnelStep | None:
        """The first lifecycle stage: the leads (or subscribers ...) the target needs."""
        return self.steps[-1] if len(self.steps) > 1 else None

    def step(self, key: str) -> FunnelStep | None:
        return next((s for s in self.steps if s.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "file": self.file,
            "complete": self.complete,
            "targets": {
                "period": self.period,
                "weeks_per_period": self.weeks_per_period,
                "revenue": _plain(self.revenue),
                "currency": self.currency,
                "average_deal_size": _plain(self.average_deal_size),
            },
            "opportunity_stage": self.opportunity_stage,
            "win_rate": self.win_rate,
            "what_if_rates": dict(sorted(self.rates_changed.items())),
            "steps": [s.to_dict() for s in self.steps],
            "gaps": [g.to_dict() for g in self.gaps],
        }


def _plain(x: float | None) -> float | int | None:
    """A whole number as an int in JSON (300000, not 300000.0)."""
    return int(x) if x is not None and float(x).is_integer() else x


def exact(x: float) -> Fraction:
    """The decimal number the user wrote, as an exact fraction (0.35 is 7/20, not a float)."""
    return Fraction(Decimal(repr(float(x))))


def is_customer_like(stage: LifecycleStage) -> bool:
    text = f"{stage.id.replace('_', ' ')} {(stage.name or '').lower()}"
    return _CUSTOMER_WORDS.search(text) is not None


def opportunity_index(stages: list[LifecycleStage]) -> int | None:
    """Index of the lifecycle stage whose conversion rate is the win rate (see module docs)."""
    for i, s in enumerate(stages):
        if s.pipeline is not None:
            return i
    for i, s in enumerate(stages):
        if is_customer_like(s):
            return i - 1 if i > 0 else None
    return None


def _example_rate(i: int, n: int) -> str:
    return "0.25" if i == n else "0.4"


def funnel_gaps(bp: Blueprint, rates: Mapping[str, float] | None = None) -> list[FunnelGap]:
    """What the funnel maths misses, each with where to add it. Empty when complete."""
    rates = rates or {}
    gaps: list[FunnelGap] = []
    targets = bp.sla.targets if bp.sla else None
    if targets is None:
        example = "targets: {period: quarter, revenue: 300000, average_deal_size: 12000}"
        gaps.append(
            FunnelGap(
                "no_targets",
                f"no revenue target: add `{example}` under `sla:`"
                if bp.sla
                else f"no revenue target: add `sla: {{{example}}}` to the blueprint",
                ("sla",) if bp.sla else (),
            )
        )
    else:
        per = f"per {targets.period}"
        if targets.revenue is None:
            gaps.append(
                FunnelGap(
                    "revenue",
                    f"sla.targets has no revenue: add `revenue:` (the revenue target {per}) "
                    "under sla.targets",
                    targets.path,
                    "period",
                )
            )
        if targets.average_deal_size is None:
            gaps.append(
                FunnelGap(
                    "average_deal_size",
                    "sla.targets has no average_deal_size: add `average_deal_size:` (the "
                    "average revenue of a won deal) under sla.targets",
                    targets.path,
                    "period",
                )
            )
    if bp.lifecycle is None:
        gaps.append(
            FunnelGap(
                "no_lifecycle",
                "no lifecycle: the funnel walks back through the lifecycle stages and their "
                "conversion_rate; add `lifecycle: {stages: [...]}`",
                targets.path if targets else (),
                "period" if targets else None,
            )
        )
        return gaps
    stages = bp.lifecycle.stages
    opp = opportunity_index(stages)
    if opp is None:
        gaps.append(
            FunnelGap(
                "no_opportunity_stage",
                "cannot tell which lifecycle stage holds the open deals: add `pipeline: <id>` to "
                "that stage (e.g. opportunity), or a customer stage right after it",
                bp.lifecycle.path,
                "stages",
            )
        )
        return gaps
    funnel_stages = stages[: opp + 1]
    missing = [s for s in funnel_stages if s.conversion_rate is None and s.id not in rates]
    if len(missing) == len(funnel_stages) and len(funnel_stages) > 1:
        ids = ", ".join(s.id for s in funnel_stages)
        gaps.append(
            FunnelGap(
                "no_rates",
                f"no lifecycle stage has a conversion_rate, so the targets cannot be turned into "
                f"leads; add `conversion_rate:` (the share that reaches the next stage) to each "
                f"of: {ids}",
                targets.path if targets else bp.lifecycle.path,
                "period" if targets else "stages",
            )
        )
        return gaps
    for i, s in enumerate(funnel_stages):
        rate = rates.get(s.id, s.conversion_rate)
        nxt = stages[i + 1].id if i + 1 < len(stages) else None
        share = (
            "the win rate: the share of opportunities that become customers"
            if i == opp
            else f"the share of its contacts that reach '{nxt}'"
        )
        if rate is None:
            gaps.append(
                FunnelGap(
                    "rate",
                    f"lifecycle stage '{s.id}' has no conversion_rate, which the funnel needs "
                    f"({share}); add `conversion_rate: {_example_rate(i, opp)}` (for example) "
                    "under it",
                    s.path,
                    "id",
                    s.id,
                )
            )
        elif rate == 0:
            gaps.append(
                FunnelGap(
                    "zero_rate",
                    f"lifecycle stage '{s.id}' has conversion_rate 0 ({share}): no contact "
                    "gets past it, so no number of leads reaches the target; write the share "
                    "you really see",
                    s.path,
                    "conversion_rate",
                    s.id,
                )
            )
    return gaps


def _ceil_div(n: Fraction | int, d: Fraction) -> int:
    return math.ceil(Fraction(n) / d)


def funnel(bp: Blueprint, what_if: Mapping[str, float] | None = None) -> Funnel:
    """The reverse funnel of ``bp``: deals, opportunities ... leads needed per period and week.

    ``what_if`` maps lifecycle stage ids to conversion rates that replace the file's, to show
    the effect of a better conversion. Missing targets or rates are not raised but listed in
    ``Funnel.gaps``; the steps that can still be computed are filled in.
    """
    rates = dict(what_if or {})
    gaps = funnel_gaps(bp, rates)
    targets = bp.sla.targets if bp.sla else None
    base = Funnel(
        name=bp.name,
        file=bp.file,
        period=targets.period if targets else None,
        revenue=targets.revenue if targets else None,
        currency=targets.currency if targets else None,
        average_deal_size=targets.average_deal_size if targets else None,
        gaps=tuple(gaps),
        rates_changed=rates,
    )
    if bp.lifecycle is None:
        return base
    stages = bp.lifecycle.stages
    opp = opportunity_index(stages)
    if opp is None:
        return base
    weeks = WEEKS_PER_PERIOD.get(base.period or "")
    deals: int | None = None
    if targets and targets.revenue is not None and targets.average_deal_size:
        deals = _ceil_div(exact(targets.revenue), exact(targets.average_deal_size))

    def row(key: str, name: str, rate: float | None, n: int | None, path: Path) -> FunnelStep:
        week = _ceil_div(n, weeks) if n is not None and weeks is not None else None
        return FunnelStep(key, name, rate, n, week, path)

    too_large: list[FunnelGap] = []

    def checked(n: int | None, key: str, path: Path, at: str | None) -> int | None:
        if n is None or n <= MAX_COUNT or too_large:
            return None if too_large else n
        too_large.append(
            FunnelGap(
                "too_large",
                f"the funnel needs more than {MAX_COUNT:,} at '{key}' per {base.period}; check "
                "the targets and the conversion rates (a rate is a share: 0.2 for 20%)",
                path,
                at,
                None if key == "deals" else key,
            )
        )
        return None

    deals = checked(deals, "deals", targets.path if targets else (), "revenue")
    steps = [row("deals", "Deals won", None, deals, targets.path if targets else ())]
    needed = deals
    for s in reversed(stages[: opp + 1]):
        rate = rates.get(s.id, s.conversion_rate)
        needed = _ceil_div(needed, exact(rate)) if needed is not None and rate else None
        needed = checked(needed, s.id, s.path, "conversion_rate")
        steps.append(row(s.id, s.label, rate, needed, s.path))
    win = rates.get(stages[opp].id, stages[opp].conversion_rate)
    return Funnel(
        name=base.name,
        file=base.file,
        period=base.period,
        revenue=base.revenue,
        currency=base.currency,
        average_deal_size=base.average_deal_size,
        opportunity_stage=stages[opp].id,
        win_rate=win,
        steps=tuple(steps),
        gaps=(*base.gaps, *too_large),
        rates_changed=rates,
    )


# -- formatting ---------------------------------------------------------------------------
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


def gap_positions(bp: Blueprint, gaps: tuple[FunnelGap, ...]) -> list[tuple[int, int] | None]:
    """Line and column of each gap in the file (``None`` for a blueprint built in Python)."""
    from salesblueprint.loading.yaml_reader import locate

    if bp.source is None:
        return [None for _ in gaps]
    return [locate(bp.source, (*g.path, g.at) if g.at else g.path) for g in gaps]


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
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
