from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.funnel import opportunity_index
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB506", "sla-missing", group="completeness", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """The blueprint has no SLA.

    ## What it does
    Reports a blueprint without an ``sla`` section, unless its lifecycle shows that one team
    owns every stage up to the opportunity (a founder-led team has nobody to agree with).
    When the stages up to the opportunity are owned by two or more teams, ``handoff-undefined``
    reports where the SLA's handoff belongs instead.

    ## Why is this bad?
    The SLA is the agreement between marketing and sales: when a lead is handed over, how fast
    sales follows up, when it goes back to marketing and why. Without it, each side judges the
    other by its own rules. A team that models only its pipeline on purpose uses the
    ``partial`` preset (or ignores this rule).

    ## Example
    ```yaml
    lifecycle:
      stages:
        - {id: lead}
        - {id: mql}
        - {id: sql}
        - {id: customer, terminal: true}
    ```
    Use instead:
    ```yaml
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h, attempts: 3}
      recycle:
        - {from: sql, to: mql, when: No reply after 3 attempts, reasons: [no_response]}
    ```
    """
    bp = ctx.bp
    if bp.sla is not None:
        return
    owners: set[str | None] = set()
    if bp.lifecycle is not None:
        stages = bp.lifecycle.stages
        opp = opportunity_index(stages)
        owners = {s.owner for s in (stages if opp is None else stages[: opp + 1])}
        if len(owners) == 1 and None not in owners:
            return  # one team owns the whole way to the deal
        if len(owners - {None}) >= 2:
            return  # handoff-undefined says where the handoff belongs
    unowned = _("; give the lifecycle stages their `owner:` too") if None in owners else ""
    yield Problem(
        (),
        _("the blueprint has no SLA"),
        at="name",
        fix=_(
            "add `sla:` with the moment marketing hands a lead to sales (`handoff: "
            "{{from: ..., to: ..., follow_up_within: 24h}}`) and when it goes back "
            "(`recycle:`){unowned}",
            unowned=unowned,
        ),
    )
