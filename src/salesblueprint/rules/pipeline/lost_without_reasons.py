from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB154", "lost-without-reasons", group="pipeline", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A lost outcome stage without a list of lost reasons.

    ## What it does
    Reports an ``outcome: lost`` stage without ``reasons``.

    ## Why is this bad?
    Why deals are lost (no budget, a competitor, no decision, bad timing) is what a team learns
    most from, and it decides what happens next: a deal lost on timing goes back to nurturing,
    one lost to a competitor does not. Without a fixed list, everyone writes something else and
    nobody can count.

    ## Example
    ```yaml
    - {id: lost, name: Closed lost, outcome: lost}
    ```
    Use instead:
    ```yaml
    - id: lost
      name: Closed lost
      outcome: lost
      reasons: [no_budget, competitor, no_decision, timing]
    ```
    """
    for p in ctx.bp.pipelines:
        for s in p.stages:
            if s.outcome == "lost" and not s.reasons:
                yield Problem(
                    s.path,
                    _(
                        "lost outcome '{stage}' of pipeline '{pipeline}' lists no reasons; add "
                        "`reasons:` (e.g. [no_budget, competitor, no_decision, timing])",
                        stage=s.id,
                        pipeline=p.id,
                    ),
                    at="id",
                )
