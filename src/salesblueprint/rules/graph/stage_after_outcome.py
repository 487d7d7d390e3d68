from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB106", "stage-after-outcome", group="graph", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """An open deal stage listed after an outcome (won or lost) stage.

    ## What it does
    Checks that a pipeline's ``stages`` list its open stages first, in order, and the
    outcome stages last. Stages after the win belong under ``after_close``.

    ## Why is this bad?
    The list order is the deal's path. An open stage after *Closed won* reads as if deals
    go on after they are won or lost, which is what ``after_close`` is for.

    ## Example
    ```yaml
    stages:
      - id: proposal_reviewed
      - id: won
        outcome: won
      - id: implementation
      - id: lost
        outcome: lost
    ```
    Use instead:
    ```yaml
    stages:
      - id: proposal_reviewed
      - id: won
        outcome: won
      - id: lost
        outcome: lost
    after_close:
      - id: implementation
    ```
    """
    for p in ctx.bp.pipelines:
        first_outcome = None
        for s in p.stages:
            if s.outcome is not None:
                first_outcome = first_outcome or s
            elif first_outcome is not None:
                yield Problem(
                    s.path,
                    _(
                        "open stage '{stage}' is listed after outcome stage '{outcome}'; list "
                        "open stages first, and stages after the win under 'after_close'",
                        stage=s.id,
                        outcome=first_outcome.id,
                    ),
                    at="id",
                )
