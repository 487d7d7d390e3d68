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
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from salesblueprint.diagnostics.findings import Path
from salesblueprint.i18n import _
from salesblueprint.model.blueprint import Blueprint
from salesblueprint.rules.analysis.funnel import (
    MAX_COUNT,
    FunnelGap,
    GapKind,
    exact,
    funnel_gaps,
    is_customer_like,
    opportunity_index,
)

if TYPE_CHECKING:
    from salesblueprint.funnel_maths.observed import ObservedRates

__all__ = [
    "MAX_COUNT",
    "WEEKS_PER_PERIOD",
    "Funnel",
    "FunnelGap",
    "FunnelStep",
    "GapKind",
    "WhatIfError",
    "check_what_if",
    "exact",
    "funnel",
    "funnel_gaps",
    "is_customer_like",
    "opportunity_index",
    "what_if_rate",
]

WEEKS_PER_PERIOD: dict[str, Fraction] = {
    "month": Fraction(52, 12),
    "quarter": Fraction(13),
    "year": Fraction(52),
}


# "per quarter" ...: the period a number is for, in the words of the output
_PER = {"month": _("per month"), "quarter": _("per quarter"), "year": _("per year")}


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
    # the rates are those an audit observed (``funnel --from-audit``), not a what-if
    observed: ObservedRates | None = None

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

    def __str__(self) -> str:
        """The funnel as the text table ``salesblueprint funnel`` prints (without line numbers:
        use ``salesblueprint.report.funnel.format_text`` with the blueprint for those)."""
        from salesblueprint.funnel_maths.text import _all_gaps, _text

        gaps = _all_gaps(self, None)
        return _text(self, None, self.file, [None] * len(gaps))

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
        } | ({"observed": self.observed.to_dict()} if self.observed else {})


def _plain(x: float | None) -> float | int | None:
    """A whole number as an int in JSON (300000, not 300000.0)."""
    return int(x) if x is not None and float(x).is_integer() else x


class WhatIfError(ValueError):
    """A ``what_if`` rate :func:`funnel` cannot use: an unknown stage, or not a share in (0, 1].

    Raised by :func:`funnel` (and reported by ``funnel --what-if`` as a usage error, from the
    same checks). ``stage`` is the stage id the error is about, when there is one.
    """

    def __init__(self, message: str, stage: str | None = None) -> None:
        super().__init__(message)
        self.stage = stage


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 24 else text[:21] + "..."


def what_if_rate(bp: Blueprint, stage: object, value: object) -> float:
    """One ``what_if`` entry checked: ``stage`` must be a lifecycle stage id and ``value`` a
    share above 0 and at most 1, given as a number (``0.4``) or text (``"0.4"``, ``"40%"``).

    Returns the rate as a float; raises :class:`WhatIfError` with a message that says what to
    write instead. ``funnel --what-if STAGE=RATE`` runs the same checks.
    """
    stage_ids = [s.id for s in bp.lifecycle.stages] if bp.lifecycle else []
    if not isinstance(stage, str):
        raise WhatIfError(
            _(
                "what_if keys are lifecycle stage ids (text), got {type} {value}",
                type=type(stage).__name__,
                value=_shown(stage),
            )
        )
    if stage not in stage_ids:
        from salesblueprint.i18n import did_you_mean

        hint = did_you_mean(stage, stage_ids) or (
            _("; lifecycle stages: {stages}", stages=", ".join(stage_ids))
            if stage_ids
            else _("; the blueprint has no lifecycle")
        )
        raise WhatIfError(_("no lifecycle stage '{stage}'{hint}", stage=stage, hint=hint), stage)
    rate = _rate_value(stage, value)
    if not (math.isfinite(rate) and 0 < rate <= 1):
        hint = ""
        if 1 < rate <= 100:
            pct = _shown(value).rstrip("%")
            # what to type: written as the command line and the YAML take it (0.45), in any
            # language
            hint = _(" (for {pct}% write {share} or '{pct}%')", pct=pct, share=f"{rate / 100:g}")
        raise WhatIfError(
            _(
                "a conversion rate is a share above 0 and at most 1, got {value}{hint}",
                value=_shown(value),
                hint=hint,
            ),
            stage,
        )
    return rate


def _rate_value(stage: str, value: object) -> float:
    """The number ``value`` stands for (range not checked yet)."""
    import numbers
    from decimal import InvalidOperation

    not_a_rate = WhatIfError(
        _("{value} is not a rate; write a share like 0.4 or 40%", value=_shown(value))
        if not isinstance(value, str)
        else _("'{value}' is not a rate; write a share like 0.4 or 40%", value=_shown(value)),
        stage,
    )
    if isinstance(value, Decimal):
        value = str(value)
    if isinstance(value, str):
        raw = value.strip()
        pct = raw.endswith("%")
        try:
            number = Decimal(raw[:-1].strip() if pct else raw)
            return float(number / 100 if pct else number)
        except (ArithmeticError, ValueError):  # InvalidOperation, Overflow, signalling NaN
            raise not_a_rate from None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise not_a_rate
    try:
        return float(value)
    except (OverflowError, ValueError, InvalidOperation):
        return math.inf  # a huge integer or fraction: out of range


def check_what_if(bp: Blueprint, what_if: Mapping[str, float | str]) -> dict[str, float]:
    """Every ``what_if`` rate checked by :func:`what_if_rate`, and each stage on the funnel's
    path (from the first lifecycle stage to the opportunity stage), where a rate changes the
    numbers. Returns the rates as floats; raises :class:`WhatIfError`.
    """
    if not isinstance(what_if, Mapping):
        raise WhatIfError(
            _(
                "what_if maps lifecycle stage ids to conversion rates, e.g. {example}; got {type}",
                example="{'mql': 0.5}",
                type=type(what_if).__name__,
            )
        )
    rates = {stage: what_if_rate(bp, stage, value) for stage, value in what_if.items()}
    stages = bp.lifecycle.stages if bp.lifecycle else []
    opp = opportunity_index(stages)
    if opp is not None:
        on_path = [s.id for s in stages[: opp + 1]]
        for stage in sorted(rates):
            if stage not in on_path:
                raise WhatIfError(
                    _(
                        "stage '{stage}' is not on the funnel's path ({path}), so its rate "
                        "does not change the numbers",
                        stage=stage,
                        path=", ".join(on_path),
                    ),
                    stage,
                )
    return rates


def _ceil_div(n: Fraction | int, d: Fraction) -> int:
    return math.ceil(Fraction(n) / d)


def funnel(
    bp: Blueprint,
    what_if: Mapping[str, float | str] | None = None,
    *,
    observed: ObservedRates | None = None,
) -> Funnel:
    """The reverse funnel of ``bp``: deals, opportunities ... leads needed per period and week.

    ``what_if`` maps lifecycle stage ids to conversion rates that replace the file's, to show
    the effect of a better conversion: ``{"mql": 0.5}`` (or ``"50%"``). A rate is a share above
    0 and at most 1 for a stage on the funnel's path; anything else raises
    :class:`WhatIfError` (a ``ValueError``), with the message ``funnel --what-if`` prints.
    Missing targets or rates are not raised but listed in ``Funnel.gaps``; the steps that can
    still be computed are filled in.

    ``observed`` (from :func:`~salesblueprint.funnel_maths.observed_rates` on an audit report)
    replaces the declared rates with those the audit observed; ``what_if`` rates go on top.
    """
    rates = check_what_if(bp, what_if) if what_if is not None else {}
    if observed is not None:
        rates = {**check_what_if(bp, observed.rates), **rates}
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
        observed=observed,
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
                _(
                    "the funnel needs more than {max:,} at '{key}' {per}; check the targets "
                    "and the conversion rates (a rate is a share: 0.2 for 20%)",
                    max=MAX_COUNT,
                    key=key,
                    per=_PER.get(base.period or "", f"per {base.period}"),
                ),
                path,
                at,
                None if key == "deals" else key,
            )
        )
        return None

    deals = checked(deals, "deals", targets.path if targets else (), "revenue")
    steps = [row("deals", _("Deals won"), None, deals, targets.path if targets else ())]
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
        observed=observed,
    )


def gap_positions(bp: Blueprint, gaps: tuple[FunnelGap, ...]) -> list[tuple[int, int] | None]:
    """Line and column of each gap in the file (``None`` for a blueprint built in Python)."""
    from salesblueprint.loading.yaml_reader import locate

    if bp.source is None:
        return [None for _ in gaps]
    return [locate(bp.source, (*g.path, g.at) if g.at else g.path) for g in gaps]
