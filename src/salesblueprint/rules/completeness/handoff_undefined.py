from __future__ import annotations

import itertools
from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.funnel import opportunity_index
from salesblueprint.rules.analysis.sides import SIDE_OPTIONS, name_side
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB502", "handoff-undefined", group="completeness", severity="warning", options=SIDE_OPTIONS)
def check(ctx: Context) -> Iterator[Problem]:
    """The lifecycle passes from one team to another, but the SLA defines no handoff.

    ## What it does
    When the lifecycle stages up to the opportunity stage (the first with ``pipeline:``, or the
    one before the first customer stage) are owned by two or more teams and there is no
    ``sla.handoff``, reports the first stage where the owner changes. When team ids or names
    say *marketing* and *sales* (or *verkoop*), the change from a marketing stage to a sales
    stage is the one reported. A change of owner after the opportunity (to customer success)
    is the hand-over after the win, not the SLA handoff.

    ## Why is this bad?
    "At which moment does marketing hand a lead to sales?" is the heart of the sales blueprint.
    Without it, sales says the leads are not ready and marketing says sales does not follow
    them up, and both are right.

    ## Example
    ```yaml
    lifecycle:
      stages:
        - {id: mql, owner: marketing}
        - {id: sql, owner: sales}
    ```
    Use instead:
    ```yaml
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h, attempts: 3}
    ```
    """
    bp = ctx.bp
    if bp.lifecycle is None or (bp.sla is not None and bp.sla.handoff is not None):
        return
    stages = bp.lifecycle.stages
    opp = opportunity_index(stages)
    if opp is not None:
        stages = stages[: opp + 1]  # after the opportunity: the handover to customer success
    owned = [s for s in stages if s.owner is not None]
    if len({s.owner for s in owned}) < 2:
        return
    changes = [(a, b) for a, b in itertools.pairwise(owned) if a.owner != b.owner]
    pick = next(
        (
            (a, b)
            for a, b in changes
            if a.owner is not None
            and b.owner is not None
            and name_side(bp.team(a.owner), a.owner, ctx.side_words) == "marketing"
            and name_side(bp.team(b.owner), b.owner, ctx.side_words) == "sales"
        ),
        changes[0],
    )
    a, b = pick
    yield Problem(
        b.path,
        _(
            "the lifecycle passes from team '{a_owner}' ('{source}') to team "
            "'{b_owner}' ('{target}'), but the SLA does not define the handoff; add "
            "`sla: {{handoff: {{from: {source}, to: {target}, follow_up_within: "
            "24h}}}}`",
            a_owner=a.owner,
            source=a.id,
            b_owner=b.owner,
            target=b.id,
        ),
        at="owner",
    )
