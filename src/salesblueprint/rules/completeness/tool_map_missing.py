from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB507", "tool-map-missing", group="completeness", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """The blueprint has no tool map.

    ## What it does
    Reports a blueprint without ``tools``: the systems (CRM, marketing automation, ...) that
    hold the records the process creates.

    ## Why is this bad?
    An exit criterion is only inspectable when a manager knows where its evidence is recorded,
    and a handoff only works when the data moves with the lead. Without a tool map neither can
    be checked, and the process lives in people's heads. A team that models its process
    before choosing tools uses the ``partial`` preset (or ignores this rule).

    ## Example
    ```yaml
    salesblueprint: 1
    name: Acme
    lifecycle: ...
    ```
    Use instead:
    ```yaml
    tools:
      - id: crm
        name: HubSpot
        category: crm
        records: [contact, deal, email]
        system_of_record: [contact, deal, email]
    ```
    """
    if not ctx.bp.tools:
        yield Problem(
            (),
            _("the blueprint has no tool map"),
            at="name",
            fix=_(
                "add `tools:` with the systems that hold its records (e.g. `{id: crm, "
                "records: [contact, deal]}`), and say in `recorded_in:` where each exit "
                "criterion's evidence is kept"
            ),
        )
