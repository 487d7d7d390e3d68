from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

_KINDS = frozenset({"rate", "zero_rate", "no_rates"})


@rule("SB312", "conversion-rate-missing", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """The revenue targets cannot be turned into leads: a conversion rate is missing or zero.

    ## What it does
    When the SLA has ``targets``, walks the funnel the way ``salesblueprint funnel`` does: from
    the first lifecycle stage to the opportunity stage (the first stage with ``pipeline:``, or
    the stage before the first customer-like stage). Reports each of those stages without a
    ``conversion_rate`` (the opportunity stage's is the win rate) and each with a rate of 0.
    When none of them has a rate, reports the targets once instead.

    ## Why is this bad?
    "How many leads do we need to reach the revenue target?" is a question the SLA must answer,
    and the answer needs the share of each stage that reaches the next. Without the rate, the
    targets are a wish; with a rate of 0, no number of leads is enough.

    ## Example
    ```yaml
    lifecycle:
      stages:
        - {id: lead, conversion_rate: 0.25}
        - {id: mql}
        - {id: opportunity, pipeline: new_business, conversion_rate: 0.2}
    ```
    Use instead:
    ```yaml
        - {id: mql, conversion_rate: 0.4}
    ```
    """
    bp = ctx.bp
    if bp.sla is None or bp.sla.targets is None:
        return
    for gap in ctx.funnel_gaps:
        if gap.kind in _KINDS:
            yield Problem(gap.path, gap.message, at=gap.at)
