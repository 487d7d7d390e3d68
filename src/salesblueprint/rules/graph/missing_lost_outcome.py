from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB104", "missing-lost-outcome", group="graph", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """A pipeline without a stage with ``outcome: lost``.

    ## What it does
    Checks that every pipeline lists a closed-lost outcome stage after its open stages.

    ## Why is this bad?
    Deals are lost every day. Without a lost outcome they stay open for ever, the forecast
    is inflated, and nobody learns why deals were lost.

    ## Example
    ```yaml
    stages:
      - id: proposal_reviewed
      - id: won
        outcome: won
    ```
    Use instead:
    ```yaml
      - id: lost
        name: Closed lost
        outcome: lost
        reasons: [no_budget, competitor, no_decision]
    ```
    """
    for p in ctx.bp.pipelines:
        if not any(s.outcome == "lost" for s in p.stages):
            yield Problem(
                p.path,
                _(
                    "pipeline '{pipeline}' has no lost outcome; add a stage with 'outcome: lost'",
                    pipeline=p.id,
                ),
                at="id",
            )
