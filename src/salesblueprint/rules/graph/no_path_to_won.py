from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.model.graph import EdgeKind
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

_WINNING: frozenset[EdgeKind] = frozenset({"forward", "skip", "recycle", "handoff"})


@rule("SB105", "no-path-to-won", group="graph", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """A pipeline whose entry stage has no path to the won outcome.

    ## What it does
    Follows the moves from the first open stage of each pipeline (not through lost outcomes)
    and reports a pipeline whose won outcome is never reached, including a pipeline that has
    no open stages at all.

    ## Why is this bad?
    A pipeline in which no deal can be won measures nothing but losses.

    ## Example
    ```yaml
    stages:
      - id: won
        outcome: won
      - id: lost
        outcome: lost
    ```
    Use instead: list the open stages a deal passes before the outcomes.
    """
    g = ctx.stages
    for p in ctx.bp.pipelines:
        won = [f"{p.id}.{s.id}" for s in p.stages if s.outcome == "won"]
        if not won:
            continue  # missing-won-outcome
        open_stages = [s for s in p.stages if s.outcome is None]
        if not open_stages:
            yield Problem(
                p.path,
                _(
                    "pipeline '{pipeline}' has no open stages before its outcomes",
                    pipeline=p.id,
                ),
                at="id",
            )
            continue
        entry = f"{p.id}.{open_stages[0].id}"
        if not set(won) & g.reachable(entry, _WINNING):
            yield Problem(
                p.path,
                _(
                    "no path leads from '{id}' to a won outcome in pipeline '{pipeline}'",
                    id=open_stages[0].id,
                    pipeline=p.id,
                ),
                at="id",
            )
