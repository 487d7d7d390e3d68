from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.sides import SIDE_OPTIONS, handoff_owners, name_side
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule(
    "SB301",
    "handoff-not-across-teams",
    group="sla",
    severity="error",
    preset="correctness",
    options=SIDE_OPTIONS,
)
def check(ctx: Context) -> Iterator[Problem]:
    """The SLA handoff does not cross from a marketing-owned to a sales-owned stage.

    ## What it does
    Looks at the owners of ``sla.handoff.from`` and ``sla.handoff.to`` (a deal stage without an
    ``owner`` belongs to its pipeline's owner) and reports a handoff whose two ends have the
    same owner, or that runs the wrong way: from a stage of a team whose id or name says
    *sales* (or *verkoop*), or to a stage of a team whose id or name says *marketing*.

    Team ids are free, so this is how the rules tell the sides apart: the handoff's ``from``
    owner is the marketing side and its ``to`` owner the sales side, unless the names say
    otherwise. (A handoff stage without an owner is reported by
    ``handoff-stage-without-owner``; a handoff to a stage that does not exist when the file is
    loaded.)

    ## Why is this bad?
    The handoff is the moment marketing passes a lead to sales: the point of the SLA. A
    handoff inside one team, or from sales to marketing, is no handoff: nobody knows when a
    lead becomes sales' job, and sales' follow-up time starts at the wrong moment.

    ## Example
    ```yaml
    lifecycle:
      stages:
        - {id: mql, owner: marketing}
        - {id: sql, owner: marketing}
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h}
    ```
    Use instead:
    ```yaml
    lifecycle:
      stages:
        - {id: mql, owner: marketing}
        - {id: sql, owner: sales}
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h}
    ```
    """
    bp = ctx.bp
    h = bp.sla.handoff if bp.sla else None
    if h is None:
        return
    a, b = handoff_owners(bp, ctx.stages.index)
    if a is None or b is None:
        return
    if a == b:
        yield Problem(
            h.path,
            _(
                "the handoff from '{h_from_}' to '{h_to}' stays within team '{a}'",
                h_from_=h.from_,
                h_to=h.to,
                a=a,
            ),
            at="to",
            fix=_(
                "make `to` the first stage sales owns (the handoff is where marketing "
                "passes a lead to sales), or fix the stages' owners"
            ),
        )
        return
    from_sales = name_side(bp.team(a), a, ctx.side_words) == "sales"
    to_marketing = name_side(bp.team(b), b, ctx.side_words) == "marketing"
    if from_sales and to_marketing:
        yield Problem(
            h.path,
            _(
                "the handoff runs the wrong way: from '{h_from_}' (sales team '{a}') to "
                "'{h_to}' (marketing team '{b}')",
                h_from_=h.from_,
                a=a,
                h_to=h.to,
                b=b,
            ),
            at="from",
            fix=_(
                "swap `from` and `to`: the handoff runs from marketing's last stage to "
                "sales' first stage"
            ),
        )
    elif from_sales:
        yield Problem(
            h.path,
            _(
                "the handoff starts at '{h_from_}', owned by the sales team '{a}'",
                h_from_=h.from_,
                a=a,
            ),
            at="from",
            fix=_("start it at marketing's last stage, the one before sales takes over"),
        )
    elif to_marketing:
        yield Problem(
            h.path,
            _(
                "the handoff ends at '{h_to}', owned by the marketing team '{b}'",
                h_to=h.to,
                b=b,
            ),
            at="to",
            fix=_("end it at sales' first stage, where sales takes over"),
        )
