from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule(
    "SB402",
    "record-with-two-systems-of-record",
    group="tools",
    severity="error",
    preset="correctness",
)
def check(ctx: Context) -> Iterator[Problem]:
    """Two tools both claim to lead for the same record.

    ## What it does
    Reports a record in the ``system_of_record`` of a second (third ...) tool when an earlier
    tool already leads for it. Only entries the tool also holds (in ``records``) count; the
    others are reported by ``system-of-record-not-held``.

    ## Why is this bad?
    A system of record is the one place whose value wins. Two of them for the same record is a
    contradiction: the sync between them has no direction, and conflicting edits are lost.

    ## Example
    ```yaml
    tools:
      - {id: hubspot, records: [contact], system_of_record: [contact]}
      - {id: pipedrive, records: [contact, deal], system_of_record: [contact, deal]}
    ```
    Use instead:
    ```yaml
    tools:
      - {id: hubspot, records: [contact], system_of_record: [contact]}
      - {id: pipedrive, records: [contact, deal], system_of_record: [deal]}
    ```
    """
    first: dict[str, str] = {}
    for t in ctx.bp.tools:
        for i, record in enumerate(t.system_of_record):
            if record not in t.records:
                continue
            if record in first and first[record] != t.id:
                yield Problem(
                    (*t.path, "system_of_record", i),
                    _(
                        "tool '{tool}' and tool '{first}' are both the system of record for "
                        "'{record}'; keep it on the one that leads",
                        tool=t.id,
                        first=first[record],
                        record=record,
                    ),
                )
            else:
                first.setdefault(record, t.id)
