from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.conversion import conversion_point
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB316", "conversion-before-handoff", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """The lead is converted before sales takes it over in the SLA handoff.

    ## What it does
    Compares the lifecycle stage with ``lead_conversion`` with ``sla.handoff.to``, the stage
    where sales takes the lead over. The conversion must be that stage, the lifecycle stage
    whose ``pipeline:`` starts at it, or a stage that every way forward from the first
    lifecycle stage reaches only through it (the default flow, forward and skip transitions,
    and the links between the lifecycle and its pipelines; recycles are not followed). It
    reports a conversion before the handoff, and one a skip lets leads reach around it.
    Without a handoff or a conversion point there is nothing to compare.

    ## Why is this bad?
    Converting a lead turns it into a contact, an account and an opportunity: it says a person
    of sales looked at the lead and found it worth selling to. Before the handoff nobody in
    sales has: marketing, or an automation, creates opportunities and accounts that sales never
    accepted, and the lead reports (how many MQLs sales accepted, how fast) lose their leads.
    A conversion that can be reached without passing the handoff has the same effect for the
    leads that take that way.

    ## Example
    ```yaml
    lifecycle:
      stages:
        - {id: mql, owner: marketing, lead_conversion: {}}
        - {id: sql, owner: sdr}
        - {id: opportunity, owner: ae, terminal: true}
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h}
    ```
    Use instead:
    ```yaml
    lifecycle:
      stages:
        - {id: mql, owner: marketing}
        - {id: sql, owner: sdr}
        - {id: opportunity, owner: ae, terminal: true, lead_conversion: {}}
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h}
    ```
    """
    bp = ctx.bp
    h = bp.sla.handoff if bp.sla else None
    if h is None:
        return
    point = conversion_point(bp, ctx.stages)
    if point is None:
        return
    idx = ctx.stages.index
    to, frm = idx.resolve(h.to), idx.resolve(h.from_)
    if to is None:
        return
    conv, target = point.node, idx.nodes[to]
    starts_there = (  # the conversion stage's deals start in the handoff's stage
        target.pipeline is not None
        and getattr(conv.stage, "pipeline", None) == target.pipeline.id
        and target.pipeline.stages[0] is target.stage
    )
    if starts_there or conv.id == to:
        return
    entry = bp.lifecycle.stages[0].id if bp.lifecycle else conv.id
    label = f" ({target.stage.name})" if target.stage.name else ""
    if frm is not None and (conv.id == frm or frm in point.reach(conv.id)):
        message = _(
            "the lead is converted at '{stage}', before the handoff to sales at '{to}'{label}",
            stage=conv.stage.id,
            to=h.to,
            label=label,
        )
        fix = _(
            "move `lead_conversion:` to '{to}' or a later stage: sales converts the leads it "
            "accepted",
            to=h.to,
        )
    elif conv.id in point.reach(entry, avoid=to) or (
        conv.id not in point.reach(to) and conv.id in point.reach(entry)
    ):
        message = _(
            "the lead is converted at '{stage}', which a lead can reach without the "
            "handoff to sales at '{to}'{label}",
            stage=conv.stage.id,
            to=h.to,
            label=label,
        )
        fix = _(
            "let every way to '{stage}' pass '{to}', or move `lead_conversion:` to "
            "'{to}'; if the fast lane is on purpose, ignore this rule on it",
            stage=conv.stage.id,
            to=h.to,
        )
    else:  # after the handoff on every way, or unreachable (reported elsewhere)
        return
    yield Problem(
        conv.path,
        message,
        at="lead_conversion",
        fix=fix,
    )
