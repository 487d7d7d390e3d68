from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

_KINDS = frozenset({"revenue", "average_deal_size", "no_lifecycle", "no_opportunity_stage"})


@rule("SB313", "targets-incomplete", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """The SLA's targets lack what the funnel maths needs.

    ## What it does
    When the SLA has ``targets``, reports a missing ``revenue`` or ``average_deal_size``, a
    blueprint without a lifecycle, and a lifecycle in which no stage can be told to hold the
    open deals (no stage with ``pipeline:`` and no customer stage after the opportunity
    stage). Missing conversion rates are reported by ``conversion-rate-missing``.

    ## Why is this bad?
    Deals needed = revenue / average deal size; every other number of the funnel follows from
    it. A target without either is a period without a number.

    ## Example
    ```yaml
    targets:
      period: quarter
      revenue: 300000
    ```
    Use instead:
    ```yaml
    targets:
      period: quarter
      revenue: 300000
      currency: EUR
      average_deal_size: 12000
    ```
    """
    bp = ctx.bp
    if bp.sla is None or bp.sla.targets is None:
        return
    for gap in ctx.funnel_gaps:
        if gap.kind in _KINDS:
            yield Problem(gap.path, gap.message, at=gap.at)
