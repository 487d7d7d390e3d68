from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _, did_you_mean
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB405", "flow-data-not-recorded-by-target", group="tools", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A flow carries a record its target tool does not list in ``records``.

    ## What it does
    Reports each ``flows[].data`` record that the ``from`` tool holds but the ``to`` tool's
    ``records`` do not list. (A record the source does not hold is reported by
    ``flow-data-not-held``.)

    ## Why is this bad?
    Data that arrives in a tool is kept there. If the tool map does not say so, it hides a copy
    of the data: nobody asks which of the two copies leads, and the blind spot stays.

    ## Example
    ```yaml
    tools:
      - {id: hubspot, records: [contact]}
      - {id: moneybird, records: [invoice]}
    flows:
      - {from: hubspot, to: moneybird, data: [contact], trigger: customer}
    ```
    Use instead:
    ```yaml
      - {id: moneybird, records: [contact, invoice], system_of_record: [invoice]}
    ```
    """
    for f in ctx.bp.flows:
        src, dst = ctx.bp.tool(f.from_), ctx.bp.tool(f.to)
        if src is None or dst is None:
            continue
        for i, record in enumerate(f.data):
            if record in src.records and record not in dst.records:
                yield Problem(
                    (*f.path, "data", i),
                    _(
                        "the flow to '{f_to}' carries '{record}', which the records of '{f_to}' "
                        "do not list{did_you_mean}; add it to them",
                        f_to=f.to,
                        record=record,
                        did_you_mean=did_you_mean(record, dst.records),
                    ),
                )
