from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.stages import judged_criteria, short
from salesblueprint.rules.analysis.suggest import artefact, record_example, stage_kind
from salesblueprint.rules.engine import Context
from salesblueprint.rules.norms._language import vocab_for
from salesblueprint.rules.registry import Problem, rule


@rule(
    "SB221",
    "exit-criterion-without-evidence",
    group="norms",
    severity="warning",
    norm="inspectable",
)
def check(ctx: Context) -> Iterator[Problem]:
    """An exit criterion that names no evidence a manager could look at.

    ## What it does
    Reports an exit criterion without ``evidence`` — including the shorthand form, a plain
    string. When ``recorded_in`` is missing too, the same finding asks for both.

    ## Why is this bad?
    HubSpot's third norm: every stage is *inspectable*. A manager must be able to ask "may I
    see the email in which the buyer confirmed the next steps?" — and get it. Without named
    evidence, nobody can check that a deal really met the criterion, and the criterion is
    quietly skipped.

    ## Example
    ```yaml
    exit_criteria:
      - Buyer confirmed the next steps          # nl: Klant heeft de vervolgstappen bevestigd
    ```
    Use instead:
    ```yaml
    exit_criteria:
      - outcome: Buyer confirmed the next steps in a reply to the recap email
        evidence: Email reply logged on the deal   # nl: E-mailantwoord gelogd bij de deal
        recorded_in: crm.email
    ```
    """
    language = vocab_for(ctx).language
    for stage, crit in judged_criteria(ctx.bp):
        if crit.evidence is not None and crit.evidence.strip():
            continue
        k = stage_kind(ctx, stage)
        fix = _(
            "add `evidence:`, what a manager can open, e.g. {artefact}",
            artefact=artefact(language, k),
        )
        if crit.recorded_in is None:
            msg = _(
                "exit criterion '{short}' names no evidence and no place where it is recorded, "
                "so a manager cannot check it",
                short=short(crit.outcome),
            )
            example = record_example(ctx, stage, crit, k)
            where = f"`recorded_in: {example}`" if example else _("a tool declared under `tools:`")
            fix = _("{fix}, and where it is recorded, e.g. {where}", fix=fix, where=where)
        else:
            msg = _(
                "exit criterion '{short}' names no evidence, so a manager cannot check it",
                short=short(crit.outcome),
            )
        yield Problem(
            crit.path,
            msg,
            at="outcome",
            fix=fix,
        )
