from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB101", "unreachable-stage", group="graph", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """A stage that no path from the entry stage reaches.

    ## What it does
    Follows every move (the default flow in list order, transitions, the SLA handoff and
    recycles) from the first lifecycle stage and from the first open stage of each pipeline,
    and reports stages never reached from any of them. A stage listed after a ``terminal``
    stage is only reached through a transition.

    ## Why is this bad?
    No contact or deal can ever be in this stage: either a transition into it is missing, or
    the stage is left over and should go.

    ## Example
    ```yaml
    lifecycle:
      stages:
        - id: lead
        - id: customer
          terminal: true
        - id: nurture        # nothing leads here
    ```
    Use instead:
    ```yaml
      transitions:
        - {from: lead, to: nurture, kind: skip, when: Not ready to buy within 6 months}
    ```
    """
    g = ctx.stages
    bp = ctx.bp
    # Contacts enter at the first lifecycle stage and deals at each pipeline's first open
    # stage; a transition from one into the other (a lost deal back to a lifecycle stage)
    # reaches a stage as well as the default flow does.
    entries = [bp.lifecycle.stages[0].id] if bp.lifecycle else []
    for p in bp.pipelines:
        entries += [f"{p.id}.{s.id}" for s in p.stages if s.outcome is None][:1]
    seen: set[str] = set()
    for entry in entries:
        if entry not in seen:
            seen |= g.reachable(entry)
    if bp.lifecycle:
        stages = bp.lifecycle.stages
        terminal_before = None
        for s in stages:
            if s.id not in seen:
                after = (
                    _(
                        "; it is listed after terminal stage '{stage}', so the default "
                        "flow stops before it: add a transition into it",
                        stage=terminal_before,
                    )
                    if terminal_before
                    else _("; add a transition into it or remove it")
                )
                source = (
                    _("'{stage}' or a pipeline", stage=stages[0].id)
                    if bp.pipelines
                    else f"'{stages[0].id}'"
                )
                yield Problem(
                    s.path,
                    _(
                        "lifecycle stage '{stage}' is never reached from {source}{after}",
                        stage=s.id,
                        source=source,
                        after=after,
                    ),
                    at="id",
                )
            if s.terminal and terminal_before is None:
                terminal_before = s.id
    for p in bp.pipelines:
        open_stages = [s for s in p.stages if s.outcome is None]
        if not open_stages:
            continue
        for ds in [*p.stages, *p.after_close]:
            if f"{p.id}.{ds.id}" not in seen:
                yield Problem(
                    ds.path,
                    _(
                        "stage '{stage}' of pipeline '{pipeline}' is never reached from '{id}'",
                        stage=ds.id,
                        pipeline=p.id,
                        id=open_stages[0].id,
                    ),
                    at="id",
                )
