from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB504", "lifecycle-missing", group="completeness", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """The blueprint has no lifecycle.

    ## What it does
    Reports a blueprint without a ``lifecycle`` section: the stages a contact goes through,
    from lead to customer, with who owns each.

    ## Why is this bad?
    The lifecycle is the backbone of a sales blueprint: the handoff, the way back, the funnel
    maths and the deal pipelines all hang from its stages. A file without one describes no
    sales process yet, so it must not pass as finished. A team that models only its deal
    pipeline on purpose uses the ``partial`` preset (or ignores this rule).

    ## Example
    ```yaml
    salesblueprint: 1
    name: Acme
    ```
    Use instead:
    ```yaml
    salesblueprint: 1
    name: Acme
    lifecycle:
      stages:
        - {id: lead, owner: marketing}
        - {id: sql, owner: sales}
        - {id: customer, owner: success, terminal: true}
    ```
    """
    if ctx.bp.lifecycle is None:
        yield Problem(
            (),
            _("the blueprint has no lifecycle"),
            at="name",
            fix=_(
                "add `lifecycle: {stages: [...]}` with the stages a contact goes "
                "through, from lead to customer, and the team that owns each"
            ),
        )
