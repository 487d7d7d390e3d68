from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

_PERIODS = {"month": _("month"), "quarter": _("quarter"), "year": _("year")}


@rule("SB311", "deal-size-above-revenue", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """The average deal size is larger than the revenue target of the whole period.

    ## What it does
    Reports ``sla.targets.average_deal_size`` when it is above ``sla.targets.revenue``.

    ## Why is this bad?
    One average deal would then beat the whole period's target, and the funnel maths says one
    deal is enough. That is almost always a mix-up: a yearly deal value against a monthly
    target, or a missing zero.

    ## Example
    ```yaml
    targets:
      period: month
      revenue: 20000
      average_deal_size: 30000
    ```
    Use instead:
    ```yaml
    targets:
      period: month
      revenue: 20000
      average_deal_size: 2500
    ```
    """
    t = ctx.bp.sla.targets if ctx.bp.sla else None
    if t is None or t.revenue is None or t.average_deal_size is None:
        return
    if t.average_deal_size > t.revenue:
        yield Problem(
            t.path,
            _(
                "the average deal size ({deal_size:g}) is above the revenue "
                "target for a {period} ({revenue:g}); check the period and the "
                "amounts",
                deal_size=t.average_deal_size,
                period=_PERIODS[t.period],
                revenue=t.revenue,
            ),
            at="average_deal_size",
        )
