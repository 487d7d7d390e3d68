from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.stages import judged_criteria, short
from salesblueprint.rules.analysis.suggest import recorded_in_fix, stage_kind
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule(
    "SB222", "exit-criterion-without-record", group="norms", severity="warning", norm="inspectable"
)
def check(ctx: Context) -> Iterator[Problem]:
    """An exit criterion with evidence but no ``recorded_in``: where would a manager find it?

    ## What it does
    Reports an exit criterion that names its ``evidence`` but not the tool (or ``tool.record``)
    that records it. (A ``recorded_in`` naming a tool or record the tool map does not declare
    is reported when the blueprint is loaded.)

    ## Why is this bad?
    Evidence that lives "somewhere" is evidence nobody checks. Naming the tool lets a manager
    open the record, lets the tool-map checks see which system holds the proof, and tells the
    team where to log it.

    ## Example
    ```yaml
    exit_criteria:
      - outcome: Buyer signed the order form      # nl: Klant heeft de opdrachtbevestiging getekend
        evidence: Signed order form
    ```
    Use instead:
    ```yaml
    exit_criteria:
      - outcome: Buyer signed the order form
        evidence: Signed order form                # nl: Getekende opdrachtbevestiging
        recorded_in: crm.deal
    ```
    """
    for stage, crit in judged_criteria(ctx.bp):
        if crit.evidence is None or not crit.evidence.strip() or crit.recorded_in is not None:
            continue
        yield Problem(
            crit.path,
            _(
                "exit criterion '{short}' does not say where its evidence ('{short2}') is recorded",
                short=short(crit.outcome),
                short2=short(crit.evidence, 40),
            ),
            at="outcome",
            fix=recorded_in_fix(ctx, stage, crit, stage_kind(ctx, stage)),
        )
