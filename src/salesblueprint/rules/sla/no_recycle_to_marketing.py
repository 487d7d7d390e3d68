from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.sides import SIDE_OPTIONS
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB304", "no-recycle-to-marketing", group="sla", severity="warning", options=SIDE_OPTIONS)
def check(ctx: Context) -> Iterator[Problem]:
    """The SLA's recycles never send a lead from sales back to marketing.

    ## What it does
    When ``sla.recycle`` lists moves, checks that at least one recycle (in ``sla.recycle`` or a
    ``kind: recycle`` transition) goes from a stage the sales side owns to a stage the
    marketing side owns. The sides are the owners of the handoff's ``from`` (marketing) and
    ``to`` (sales) stages, or else teams whose id or name says *marketing* or *sales* /
    *verkoop*. A blueprint that defines no way back at all is reported by
    ``way-back-undefined``.

    ## Why is this bad?
    "When does a lead go back from sales to marketing?" is one of the questions the blueprint
    must answer. Leads that are not ready to buy (no budget this year, no reply) should go back
    to marketing's nurturing, not rot in a sales queue or be thrown away. Recycles that stay
    inside the sales team do not answer the question.

    ## Example
    ```yaml
    sla:
      handoff: {from: mql, to: sal, follow_up_within: 24h}
      recycle:
        - {from: sql, to: sal, when: Not ready yet, reasons: [bad_timing]}
    ```
    Use instead:
    ```yaml
    sla:
      recycle:
        - {from: sql, to: mql, when: No reply after 3 attempts, reasons: [no_response]}
    ```
    """
    bp = ctx.bp
    if bp.sla is None or not bp.sla.recycle:
        return
    status = ctx.way_back
    if status is None or status[1]:
        return
    sides = status[0]
    first = bp.sla.recycle[0]
    marketing = ", ".join(sorted(sides.marketing))
    yield Problem(
        first.path,
        _(
            "no recycle goes from a sales-owned stage back to a stage of marketing "
            "({marketing}), so the SLA does not say when a lead goes back to "
            "marketing; let a recycle end at a marketing stage (e.g. the handoff's "
            "'from')",
            marketing=marketing,
        ),
        at="to",
    )
