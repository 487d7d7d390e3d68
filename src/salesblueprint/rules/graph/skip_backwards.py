from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB108", "skip-backwards", group="graph", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """A ``skip`` transition that goes back (or to the same stage) instead of ahead.

    ## What it does
    Compares the list positions of a ``skip``'s ``from`` and ``to`` stages in the same
    lifecycle or pipeline.

    ## Why is this bad?
    A skip jumps forward past stages (an inbound demo request that goes straight to SQL).
    Going back is a ``recycle``; calling it a skip hides the loop from reports and checks.

    ## Example
    ```yaml
    transitions:
      - {from: sql, to: lead, kind: skip}
    ```
    Use instead:
    ```yaml
    transitions:
      - {from: sql, to: lead, kind: recycle, when: No reply after 3 attempts}
    ```
    """
    g = ctx.stages
    for e in g.edges:
        if e.kind != "skip":
            continue
        a, b = g.index.nodes[e.source], g.index.nodes[e.target]
        if a.pipeline is b.pipeline and b.index <= a.index:
            yield Problem(
                e.path,
                _(
                    "skip from '{source}' to '{target}' goes back; a move back is 'kind: recycle'",
                    source=a.stage.id,
                    target=b.stage.id,
                ),
                at="to",
            )
