from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB407", "tool-not-connected", group="tools", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A tool no flow connects to the others: a blind spot in the tool map.

    ## What it does
    When the tool map has two or more tools, reports each tool that is neither the ``from``
    nor the ``to`` of any flow.

    ## Why is this bad?
    Data in a tool nothing connects to is typed in by hand, or not at all. The tool map is
    there to show such blind spots: either add the flow that feeds the tool (and the flow that
    brings its data back), or remove the tool from the map.

    ## Example
    ```yaml
    tools:
      - {id: hubspot, records: [contact, company, deal]}
      - {id: moneybird, records: [company, invoice]}
    flows: []
    ```
    Use instead:
    ```yaml
    flows:
      - {from: hubspot, to: moneybird, data: [company], trigger: customer}
    ```
    """
    tools = ctx.bp.tools
    if len(tools) < 2:
        return
    connected = {f.from_ for f in ctx.bp.flows} | {f.to for f in ctx.bp.flows}
    for t in tools:
        if t.id not in connected:
            yield Problem(
                t.path,
                _(
                    "tool '{tool}' is connected to no other tool: no flow goes from or to "
                    "it, so its data is typed in by hand or not at all; add the flows, or "
                    "remove the tool",
                    tool=t.id,
                ),
                at="id",
            )
