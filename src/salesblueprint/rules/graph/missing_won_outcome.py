from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB103", "missing-won-outcome", group="graph", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """A pipeline without a stage with ``outcome: won``.

    ## What it does
    Checks that every pipeline lists a closed-won outcome stage after its open stages.

    ## Why is this bad?
    Without a won outcome no deal can ever be won: win rates, the funnel maths and the
    hand-over to ``after_close`` stages have nothing to count.

    ## Example
    ```yaml
    stages:
      - id: proposal_reviewed
      - id: lost
        outcome: lost
    ```
    Use instead:
    ```yaml
    stages:
      - id: proposal_reviewed
      - id: won
        name: Closed won
        outcome: won
      - id: lost
        outcome: lost
    ```
    """
    for p in ctx.bp.pipelines:
        if not any(s.outcome == "won" for s in p.stages):
            yield Problem(
                p.path,
                _(
                    "pipeline '{pipeline}' has no won outcome; add a stage with 'outcome: won'",
                    pipeline=p.id,
                ),
                at="id",
            )
