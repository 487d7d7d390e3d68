from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB102", "dead-end-stage", group="graph", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A stage that is not terminal but has no way out.

    ## What it does
    Reports lifecycle stages without ``terminal: true`` and open deal stages that no move
    leaves. The last ``after_close`` stage of a pipeline is where customers stay and counts
    as terminal; pipelines without a won outcome are reported by ``missing-won-outcome``.

    ## Why is this bad?
    Contacts or deals that reach a dead end stay there for ever, and reports count them as
    in progress. Either the stage is where they belong (mark it ``terminal: true``) or a
    transition is missing.

    ## Example
    ```yaml
    lifecycle:
      stages:
        - id: customer
        - id: evangelist
    ```
    Use instead:
    ```yaml
        - id: evangelist
          terminal: true
    ```
    """
    g = ctx.stages
    for nid, node in g.index.nodes.items():
        if node.is_terminal or g.succ[nid]:
            continue
        p = node.pipeline
        if p is not None:
            if not any(s.outcome == "won" for s in p.stages):
                continue
            if p.after_close and node.stage is p.after_close[-1]:
                continue
            yield Problem(
                node.path,
                _(
                    "stage '{stage}' of pipeline '{pipeline}' has no way out; add a "
                    "transition from it",
                    stage=node.stage.id,
                    pipeline=p.id,
                ),
                at="id",
            )
        else:
            yield Problem(
                node.path,
                _(
                    "lifecycle stage '{stage}' has no way out; mark it 'terminal: true' if "
                    "contacts stay here, or add a transition from it",
                    stage=node.stage.id,
                ),
                at="id",
            )
