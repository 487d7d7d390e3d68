from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.conversion import conversion_stages
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB315", "several-conversion-points", group="sla", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """More than one lifecycle stage says the lead is converted there.

    ## What it does
    Reports every lifecycle stage with ``lead_conversion`` after the first one.

    ## Why is this bad?
    A lead is converted once: Salesforce turns the lead record into a contact, an account and
    an opportunity, and the lead is gone. The conversion point is where sales development
    (SDRs, working leads) hands over to the account executives (working contacts, accounts
    and opportunities). Two conversion points leave it open where that boundary is, which
    stages report on leads and which on opportunities, and which lead status the CRM marks
    `converted`.

    ## Example
    ```yaml
    lifecycle:
      stages:
        - {id: sal, owner: sdr, lead_conversion: {creates: [contact, account]}}
        - {id: sql, owner: sdr}
        - {id: opportunity, owner: ae, lead_conversion: {}}
    ```
    Use instead:
    ```yaml
    lifecycle:
      stages:
        - {id: sal, owner: sdr}
        - {id: sql, owner: sdr}
        - {id: opportunity, owner: ae, lead_conversion: {creates: [contact, account, opportunity]}}
    ```
    """
    stages = conversion_stages(ctx.bp)
    if len(stages) < 2:
        return
    first = stages[0]
    for s in stages[1:]:
        yield Problem(
            s.path,
            _(
                "stage '{stage}' converts the lead too, but '{first}' already does: a "
                "lead is converted once",
                stage=s.id,
                first=first.id,
            ),
            at="lead_conversion",
            fix=_(
                "keep `lead_conversion:` on one stage (where sales development hands the "
                "lead to the account executives) and remove it from '{stage}'",
                stage=s.id,
            ),
        )
