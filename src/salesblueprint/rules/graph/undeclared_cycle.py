from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

_NOT_RECYCLE = frozenset({"forward", "skip", "lost", "handoff"})


@rule("SB110", "undeclared-cycle", group="graph", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A loop between stages that is not declared as a ``recycle``.

    ## What it does
    Looks for cycles made of forward moves, skips and the handoff, and reports the move that
    closes each one. Moves declared with ``kind: recycle`` (or in ``sla.recycle``) are the
    intended way back and are not reported. A backwards ``skip`` is reported by
    ``skip-backwards`` instead.

    ## Why is this bad?
    Forward moves should only go forward: the funnel maths and conversion rates assume it. A
    hidden loop double-counts contacts and deals that go round it.

    ## Example
    ```yaml
    transitions:
      - {from: opportunity, to: sql}
    ```
    Use instead:
    ```yaml
    transitions:
      - {from: opportunity, to: sql, kind: recycle, when: Deal lost on timing}
    ```
    """
    g = ctx.stages
    for e in g.cycle_edges(_NOT_RECYCLE):
        if e.kind == "skip":
            continue
        a, b = g.index.nodes[e.source], g.index.nodes[e.target]
        yield Problem(
            e.path or a.path,
            f"the {e.kind} move from '{a.stage.id}' to '{b.stage.id}' closes a loop; "
            "if contacts or deals really go back, declare it with 'kind: recycle'",
            at="to" if e.path else "id",
        )
