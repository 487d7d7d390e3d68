from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB155", "stage-owner-not-lifecycle-owner", group="pipeline", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A pipeline or deal stage is owned by a team that does not own its lifecycle stage.

    ## What it does
    For a pipeline named by a lifecycle stage's ``pipeline:`` (the opportunity stage, usually
    owned by sales), reports the pipeline's ``owner`` and each open or outcome stage's
    ``owner`` when it is not the owner of that lifecycle stage. An ``after_close`` stage (after
    the win) may be owned by the owner of that lifecycle stage or of any later one (customer
    success owns the customer stage).

    ## Why is this bad?
    While a deal is open, its contact is in the opportunity stage of the lifecycle, owned by one
    team. A deal stage owned by another team means two teams think they own the same buyer at
    the same moment, or the lifecycle's owner is wrong.

    ## Example
    ```yaml
    lifecycle:
      stages:
        - {id: opportunity, owner: sales, pipeline: new_business}
    pipelines:
      - id: new_business
        owner: sales
        stages:
          - {id: needs_confirmed, owner: marketing}
    ```
    Use instead:
    ```yaml
          - {id: needs_confirmed, owner: sales}
    ```
    """
    bp = ctx.bp
    if bp.lifecycle is None:
        return
    stages = bp.lifecycle.stages
    for p in bp.pipelines:
        idx = [i for i, s in enumerate(stages) if s.pipeline == p.id]
        if not idx:
            continue
        carrying = [stages[i] for i in idx]
        owners = {s.owner for s in carrying if s.owner is not None}
        if not owners:
            continue
        later = owners | {s.owner for s in stages[idx[0] :] if s.owner is not None}
        where = ", ".join(f"'{s.id}'" for s in carrying)
        own = ", ".join(f"'{o}'" for o in sorted(owners))
        if p.owner is not None and p.owner not in owners:
            yield Problem(
                p.path,
                _(
                    "pipeline '{pipeline}' is owned by '{p_owner}', but its lifecycle stage "
                    "{where} is owned by {own}; make them the same team",
                    pipeline=p.id,
                    p_owner=p.owner,
                    where=where,
                    own=own,
                ),
                at="owner",
            )
        for s in p.stages:
            if s.owner is not None and s.owner not in owners:
                yield Problem(
                    s.path,
                    _(
                        "deal stage '{stage}' is owned by '{s_owner}', but while a deal is open "
                        "its contact is in lifecycle stage {where}, owned by {own}",
                        stage=s.id,
                        s_owner=s.owner,
                        where=where,
                        own=own,
                    ),
                    at="owner",
                )
        for s in p.after_close:
            if s.owner is not None and s.owner not in later:
                yield Problem(
                    s.path,
                    _(
                        "stage '{stage}' after the win is owned by '{s_owner}', which owns none "
                        "of the lifecycle stages from {where} on; use the owner of the customer "
                        "stage",
                        stage=s.id,
                        s_owner=s.owner,
                        where=where,
                    ),
                    at="owner",
                )
