from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.sides import SIDE_OPTIONS
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB503", "way-back-undefined", group="completeness", severity="warning", options=SIDE_OPTIONS)
def check(ctx: Context) -> Iterator[Problem]:
    """The blueprint does not say when a lead goes back from sales to marketing.

    ## What it does
    When the marketing and sales sides are known (from the SLA handoff, or team ids and names
    that say *marketing* and *sales* / *verkoop*) and both own lifecycle stages, reports a
    blueprint with no ``sla.recycle`` and no ``kind: recycle`` transition from a sales stage to
    a marketing stage. (Recycles that exist but all stay within sales are reported by
    ``no-recycle-to-marketing``.)

    ## Why is this bad?
    "When does a lead go back from sales to marketing?" is the third thing a sales blueprint
    must answer. Without it, leads that are not ready yet are dropped by sales, or stay in a
    sales queue nobody works, instead of going back to marketing's nurturing.

    ## Example
    ```yaml
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h}
    ```
    Use instead:
    ```yaml
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h}
      recycle:
        - from: sql
          to: mql
          when: No reply after 3 attempts in two weeks
          reasons: [no_response, bad_timing]
    ```
    """
    bp = ctx.bp
    if bp.lifecycle is None or (bp.sla is not None and bp.sla.recycle):
        return
    status = ctx.way_back
    if status is None or status[1]:
        return
    h = bp.sla.handoff if bp.sla else None
    message = _(
        "the blueprint does not say when a lead goes back from sales to marketing; add "
        "`sla.recycle` (from a sales stage to a marketing stage, with `when:` and `reasons:`)"
    )
    if h is not None:
        yield Problem(h.path, message)
    else:
        yield Problem(bp.lifecycle.path, message, at="stages")
