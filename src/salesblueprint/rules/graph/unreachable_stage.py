from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB101", "unreachable-stage", group="graph", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """A stage that no path from the entry stage reaches.

    ## What it does
    Follows every move (the default flow in list order, transitions, the SLA handoff and
    recycles) from the first lifecycle stage, and from the first open stage of each pipeline,
    and reports stages never reached. A stage listed after a ``terminal`` stage is only reached
    through a transition.

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
    if bp.lifecycle:
        stages = bp.lifecycle.stages
        seen = g.reachable(stages[0].id)
        terminal_before = None
        for s in stages:
            if s.id not in seen:
                after = (
                    f"; it is listed after terminal stage '{terminal_before}', so the default "
                    "flow stops before it: add a transition into it"
                    if terminal_before
                    else "; add a transition into it or remove it"
                )
                yield Problem(
                    s.path,
                    f"lifecycle stage '{s.id}' is never reached from '{stages[0].id}'{after}",
                    at="id",
                )
            if s.terminal and terminal_before is None:
                terminal_before = s.id
    for p in bp.pipelines:
        open_stages = [s for s in p.stages if s.outcome is None]
        if not open_stages:
            continue
        seen = g.reachable(f"{p.id}.{open_stages[0].id}")
        for ds in [*p.stages, *p.after_close]:
            if f"{p.id}.{ds.id}" not in seen:
                yield Problem(
                    ds.path,
                    f"stage '{ds.id}' of pipeline '{p.id}' is never reached from "
                    f"'{open_stages[0].id}'",
                    at="id",
                )
