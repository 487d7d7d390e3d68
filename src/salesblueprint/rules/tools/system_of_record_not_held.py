from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _, did_you_mean
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB403", "system-of-record-not-held", group="tools", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """A tool is the system of record for a record it does not hold.

    ## What it does
    Reports each ``system_of_record`` entry that is missing from the same tool's ``records``.

    ## Why is this bad?
    A tool can only lead for data it keeps. Usually this is a typo, or the record was renamed in
    ``records`` and not here; either way the tool map no longer says which tool leads.

    ## Example
    ```yaml
    - id: crm
      records: [deal, meeting]
      system_of_record: [deals]
    ```
    Use instead:
    ```yaml
    - id: crm
      records: [deal, meeting]
      system_of_record: [deal]
    ```
    """
    for t in ctx.bp.tools:
        for i, record in enumerate(t.system_of_record):
            if record not in t.records:
                hint = did_you_mean(record, t.records) or _("; add it to its `records`")
                yield Problem(
                    (*t.path, "system_of_record", i),
                    _(
                        "tool '{tool}' is the system of record for '{record}' but does not hold "
                        "it{hint}",
                        tool=t.id,
                        record=record,
                        hint=hint,
                    ),
                )
