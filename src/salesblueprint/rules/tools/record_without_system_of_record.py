from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB401", "record-without-system-of-record", group="tools", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A record that several tools hold and none leads for.

    ## What it does
    Reports a record (``contact``, ``deal`` ...) listed in the ``records`` of two or more tools
    when no tool lists it in ``system_of_record``. The finding points at the record in the
    first tool that holds it. A record only one tool holds needs no system of record: that
    tool leads.

    ## Why is this bad?
    "Which platform leads?" When two tools both keep contacts and neither is the system of
    record, an edit in one is overwritten by the sync from the other, and nobody knows which
    phone number is right.

    ## Example
    ```yaml
    tools:
      - {id: hubspot, records: [contact, lead_score]}
      - {id: pipedrive, records: [contact, deal]}
    ```
    Use instead:
    ```yaml
    tools:
      - {id: hubspot, records: [contact, lead_score], system_of_record: [contact, lead_score]}
      - {id: pipedrive, records: [contact, deal], system_of_record: [deal]}
    ```
    """
    tools = ctx.bp.tools
    leading = {r for t in tools for r in t.system_of_record}
    seen: set[str] = set()
    for t in tools:
        for i, record in enumerate(t.records):
            if record in seen or record in leading:
                continue
            seen.add(record)
            holders = [u.id for u in tools if record in u.records]
            if len(holders) < 2:
                continue
            yield Problem(
                (*t.path, "records", i),
                _(
                    "record '{record}' is held by {holders} but none of them is its system "
                    "of record; add it to `system_of_record` of the tool that leads",
                    record=record,
                    holders=", ".join(holders),
                ),
            )
