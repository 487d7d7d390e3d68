from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB109", "recycle-forwards", group="graph", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """A ``recycle`` (in ``transitions`` or ``sla.recycle``) that goes forward, not back.

    ## What it does
    Compares the list positions of a recycle's ``from`` and ``to`` stages in the same
    lifecycle or pipeline.

    ## Why is this bad?
    A recycle sends a contact or deal back to an earlier stage (sales hands a lead back to
    marketing). A forward recycle is a ``skip`` or a typo in the stage ids.

    ## Example
    ```yaml
    sla:
      recycle:
        - {from: mql, to: sql}
    ```
    Use instead:
    ```yaml
    sla:
      recycle:
        - {from: sql, to: mql, when: No reply after 3 attempts}
    ```
    """
    g = ctx.stages
    for e in g.edges:
        if e.kind != "recycle":
            continue
        a, b = g.index.nodes[e.source], g.index.nodes[e.target]
        if a.pipeline is b.pipeline and b.index >= a.index:
            yield Problem(
                e.path,
                _(
                    "recycle from '{source}' to '{target}' does not go back; a move ahead is "
                    "'kind: skip' or 'forward'",
                    source=a.stage.id,
                    target=b.stage.id,
                ),
                at="to",
            )
