from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB314", "sla-without-review", group="sla", severity="info")
def check(ctx: Context) -> Iterator[Problem]:
    """The SLA names no review cadence.

    ## What it does
    Reports an ``sla`` without ``review``.

    ## Why is this bad?
    An SLA is only kept when marketing and sales look at it together: were the targets met, was
    the follow-up time kept, are both teams happy with the leads? A review cadence (monthly,
    each quarter) puts that meeting in the agreement. This is a hint, not a defect.

    ## Example
    ```yaml
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h}
    ```
    Use instead:
    ```yaml
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h}
      review: monthly
    ```
    """
    sla = ctx.bp.sla
    if sla is not None and (sla.review is None or not sla.review.strip()):
        yield Problem(
            ("sla",),
            _(
                "the SLA names no review cadence; add `review:` (e.g. monthly) so that "
                "marketing and sales check the agreement together"
            ),
        )
