from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _, did_you_mean
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB404", "flow-data-not-held", group="tools", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """A flow carries a record its source tool does not hold.

    ## What it does
    Reports each ``flows[].data`` record missing from the ``records`` of the flow's ``from``
    tool. (A flow from or to a tool that is not declared is reported when the file is loaded.)

    ## Why is this bad?
    A tool cannot send what it does not keep. Either the record is missing from the tool's
    ``records`` (and the map hides where it lives), or the flow runs from the wrong tool.

    ## Example
    ```yaml
    tools:
      - {id: hubspot, records: [contact, lead_score]}
      - {id: crm, records: [contact, deal]}
    flows:
      - {from: hubspot, to: crm, data: [contact, deal]}
    ```
    Use instead:
    ```yaml
    flows:
      - {from: hubspot, to: crm, data: [contact, lead_score]}
    ```
    """
    for f in ctx.bp.flows:
        src = ctx.bp.tool(f.from_)
        if src is None:
            continue
        for i, record in enumerate(f.data):
            if record not in src.records:
                yield Problem(
                    (*f.path, "data", i),
                    _(
                        "the flow from '{f_from_}' to '{f_to}' carries '{record}', which "
                        "'{f_from_}' does not hold{did_you_mean}; add it to the records of "
                        "'{f_from_}' or fix the flow",
                        f_from_=f.from_,
                        f_to=f.to,
                        record=record,
                        did_you_mean=did_you_mean(record, src.records),
                    ),
                )
