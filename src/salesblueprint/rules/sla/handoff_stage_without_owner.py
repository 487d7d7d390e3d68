from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.sides import node_owner
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB302", "handoff-stage-without-owner", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A stage at either end of the SLA handoff has no owner.

    ## What it does
    Reports the ``sla.handoff.from`` or ``sla.handoff.to`` stage when it has no ``owner`` (for a
    deal stage: neither the stage nor its pipeline has one).

    ## Why is this bad?
    The handoff says when a lead stops being marketing's job and becomes sales'. Without the
    owners, the blueprint cannot show who hands over to whom, and the SLA checks cannot tell
    the marketing side from the sales side (they infer the sides from these two owners).

    ## Example
    ```yaml
    lifecycle:
      stages:
        - {id: mql}
        - {id: sql}
    sla:
      handoff: {from: mql, to: sql}
    ```
    Use instead:
    ```yaml
    lifecycle:
      stages:
        - {id: mql, owner: marketing}
        - {id: sql, owner: sales}
    ```
    """
    bp = ctx.bp
    h = bp.sla.handoff if bp.sla else None
    if h is None:
        return
    idx = ctx.stages.index
    for key, ref in (("from", h.from_), ("to", h.to)):
        nid = idx.resolve(ref)
        if nid is None:
            continue
        node = idx.nodes[nid]
        if node_owner(node) is None:
            side = _("marketing") if key == "from" else _("sales")
            teams = ", ".join(t.id for t in bp.teams) or _("declare the teams under `teams:`")
            yield Problem(
                node.path,
                _(
                    "stage '{stage}' is the handoff's '{key}' but has no owner, so the "
                    "blueprint does not say which team hands over; add `owner:` (the {side} "
                    "team; teams: {teams})",
                    stage=node.stage.id,
                    key=key,
                    side=side,
                    teams=teams,
                ),
                at="id",
            )
