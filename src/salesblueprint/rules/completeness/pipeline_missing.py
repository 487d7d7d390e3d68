from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB505", "pipeline-missing", group="completeness", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """The blueprint has no deal pipeline.

    ## What it does
    Reports a blueprint without ``pipelines``: the stages a deal goes through, each ending in
    buyer-side exit criteria, until it is won or lost.

    ## Why is this bad?
    The lifecycle says which contacts become opportunities; the pipeline says how an
    opportunity becomes a customer, with the probabilities the forecast uses. Without it the
    blueprint stops where the sales work starts. A team that models only its lifecycle on
    purpose uses the ``partial`` preset (or ignores this rule).

    ## Example
    ```yaml
    lifecycle:
      stages:
        - {id: opportunity, owner: sales}
        - {id: customer, terminal: true}
    ```
    Use instead:
    ```yaml
    lifecycle:
      stages:
        - {id: opportunity, owner: sales, pipeline: new_business}
        - {id: customer, terminal: true}
    pipelines:
      - id: new_business
        owner: sales
        stages:
          - {id: needs_confirmed, probability: 0.2}
          - {id: won, outcome: won}
          - {id: lost, outcome: lost, reasons: [no_budget, competitor]}
    ```
    """
    if not ctx.bp.pipelines:
        yield Problem(
            (),
            _("the blueprint has no deal pipeline"),
            at="name",
            fix=_(
                "add `pipelines:` with the stages a deal goes through until it is won or "
                "lost, and link it from the opportunity stage with `pipeline: <id>`"
            ),
        )
