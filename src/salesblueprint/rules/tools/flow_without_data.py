from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB406", "flow-without-data", group="tools", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A flow that does not say which data moves.

    ## What it does
    Reports a ``flows[]`` entry without ``data``.

    ## Why is this bad?
    "At which moment does which data go from one package to the other?" A flow without data
    answers half of it: the tools are connected, but nobody can check that the contact, the
    deal or the invoice really arrives.

    ## Example
    ```yaml
    flows:
      - {from: hubspot, to: moneybird, trigger: customer}
    ```
    Use instead:
    ```yaml
    flows:
      - {from: hubspot, to: moneybird, data: [company], trigger: customer}
    ```
    """
    for f in ctx.bp.flows:
        if not f.data:
            yield Problem(
                f.path,
                _(
                    "the flow from '{f_from_}' to '{f_to}' does not say which data moves; "
                    "add `data:` (records of the source tool)",
                    f_from_=f.from_,
                    f_to=f.to,
                ),
                at="from",
            )
