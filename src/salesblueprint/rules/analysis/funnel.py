"""The funnel maths' gap diagnosis: what a blueprint must give for the reverse funnel.

Shared by the rules ``conversion-rate-missing`` and ``targets-incomplete`` (through
``Context.funnel_gaps``) and by ``salesblueprint funnel`` (``funnel_maths``), which reports the
same gaps. See :mod:`salesblueprint.funnel_maths.compute` for the maths itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from salesblueprint.diagnostics.findings import Path, format_path
from salesblueprint.i18n import _
from salesblueprint.model.blueprint import Blueprint, LifecycleStage

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
                _("no revenue target: add `{example}` under `sla:`", example=example)
                if bp.sla
                else _(
                    "no revenue target: add `sla: {{{example}}}` to the blueprint",
                    example=example,
                ),
                ("sla",) if bp.sla else (),
            )
        )
    else:
        per = {"month": _("per month"), "quarter": _("per quarter"), "year": _("per year")}[
            targets.period
        ]
        if targets.revenue is None:
            gaps.append(
                FunnelGap(
                    "revenue",
                    _(
                        "sla.targets has no revenue: add `revenue:` (the revenue target {per}) "
                        "under sla.targets",
                        per=per,
                    ),
                    targets.path,
                    "period",
                )
            )
        if targets.average_deal_size is None:
            gaps.append(
                FunnelGap(
                    "average_deal_size",
                    _(
                        "sla.targets has no average_deal_size: add `average_deal_size:` (the "
                        "average revenue of a won deal) under sla.targets"
                    ),
                    targets.path,
                    "period",
                )
            )
    if bp.lifecycle is None:
        gaps.append(
            FunnelGap(
                "no_lifecycle",
                _(
                    "no lifecycle: the funnel walks back through the lifecycle stages and "
                    "their conversion_rate; add `lifecycle: {stages: [...]}`"
                ),
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
                _(
                    "cannot tell which lifecycle stage holds the open deals: add `pipeline: "
                    "<id>` to that stage (e.g. opportunity), or a customer stage right after "
                    "it"
                ),
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
                _(
                    "no lifecycle stage has a conversion_rate, so the targets cannot be "
                    "turned into leads; add `conversion_rate:` (the share that reaches the "
                    "next stage) to each of: {ids}",
                    ids=ids,
                ),
                targets.path if targets else bp.lifecycle.path,
                "period" if targets else "stages",
            )
        )
        return gaps
    for i, s in enumerate(funnel_stages):
        rate = rates.get(s.id, s.conversion_rate)
        nxt = stages[i + 1].id if i + 1 < len(stages) else None
        share = (
            _("the win rate: the share of opportunities that become customers")
            if i == opp
            else _("the share of its contacts that reach '{stage}'", stage=nxt)
        )
        if rate is None:
            gaps.append(
                FunnelGap(
                    "rate",
                    _(
                        "lifecycle stage '{stage}' has no conversion_rate, which the funnel "
                        "needs ({share}); add `conversion_rate: {example_rate}` (for example) "
                        "under it",
                        stage=s.id,
                        share=share,
                        example_rate=_example_rate(i, opp),
                    ),
                    s.path,
                    "id",
                    s.id,
                )
            )
        elif rate == 0:
            gaps.append(
                FunnelGap(
                    "zero_rate",
                    _(
                        "lifecycle stage '{stage}' has conversion_rate 0 ({share}): no contact "
                        "gets past it, so no number of leads reaches the target; write the share "
                        "you really see",
                        stage=s.id,
                        share=share,
                    ),
                    s.path,
                    "conversion_rate",
                    s.id,
                )
            )
    return gaps
