from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB508", "team-owns-nothing", group="completeness", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A declared team owns no stage and no pipeline.

    ## What it does
    Reports each team under ``teams`` that is not the ``owner`` of any lifecycle stage,
    pipeline or deal stage.

    ## Why is this bad?
    "Who does what" is half of a sales blueprint. A team that owns nothing is either missing
    from the stages it works on (so nobody is accountable for them, and the handoff between
    teams cannot be checked) or not part of the process at all.

    ## Example
    ```yaml
    teams: [{id: marketing}, {id: sales}]
    lifecycle:
      stages:
        - {id: lead, owner: marketing}
        - {id: sql}
    ```
    Use instead:
    ```yaml
    teams: [{id: marketing}, {id: sales}]
    lifecycle:
      stages:
        - {id: lead, owner: marketing}
        - {id: sql, owner: sales}
    ```
    """
    bp = ctx.bp
    owners = {s.owner for s in bp.iter_stages()} | {p.owner for p in bp.pipelines}
    for team in bp.teams:
        if team.id not in owners:
            yield Problem(
                team.path,
                _(
                    "team '{team}' owns nothing",
                    team=team.id,
                ),
                at="id",
                fix=_(
                    "make it the `owner:` of the lifecycle stages, pipelines or deal stages "
                    "it works on, or remove it"
                ),
            )
