from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.stages import judged_criteria, short
from salesblueprint.rules.analysis.suggest import artefact, stage_kind
from salesblueprint.rules.engine import Context
from salesblueprint.rules.norms._language import evidence_issue, vocab_for
from salesblueprint.rules.registry import Problem, rule

_WHY = {
    "judgement": _("is a judgement, not an artefact"),
    "spoken": _("was only spoken, and left no artefact"),
}


@rule("SB223", "evidence-not-an-artefact", group="norms", severity="warning", norm="inspectable")
def check(ctx: Context) -> Iterator[Problem]:
    """Evidence that is no artefact: a judgement, a feeling, or words nobody recorded.

    ## What it does
    Reads each exit criterion's ``evidence`` with the blueprint's vocabulary and reports
    evidence that is someone's judgement (*rep's judgement, gut feeling, impression* /
    *inschatting van de verkoper, onderbuikgevoel*), or that was only spoken (*verbal
    confirmation, said on the phone* / *mondeling, telefonisch*) unless it names what recorded
    it (a call recording, notes, an email).

    ## Why is this bad?
    Inspectable means a manager can look at the evidence. A judgement can only be believed,
    not inspected; a spoken "yes" can be remembered differently by the buyer and the seller.

    ## Example
    ```yaml
    exit_criteria:
      - outcome: Buyer confirmed the budget
        evidence: Rep's judgement            # nl: Inschatting van de verkoper
        recorded_in: crm
    ```
    Use instead:
    ```yaml
    exit_criteria:
      - outcome: Buyer confirmed the budget in a reply to the recap email
        evidence: Email reply logged on the deal   # nl: E-mailantwoord gelogd bij de deal
        recorded_in: crm.email
    ```
    """
    for stage, crit in judged_criteria(ctx.bp):
        if not crit.evidence:
            continue
        v = vocab_for(ctx, crit.evidence)
        issue = evidence_issue(v, crit.evidence)
        if issue is None:
            continue
        kind, words = issue
        evidence = short(crit.evidence, 40)
        # quote the words that show it only when they are not the whole evidence
        shown = "" if words.strip("'").casefold() == evidence.casefold() else f" ({words})"
        yield Problem(
            crit.path,
            _(
                "evidence '{evidence}' of exit criterion '{short}' {why}{shown}",
                evidence=evidence,
                short=short(crit.outcome),
                why=_WHY[kind],
                shown=shown,
            ),
            at="outcome",
            fix=_(
                "name something a manager can open, e.g. {artefact}",
                artefact=artefact(v.language, stage_kind(ctx, stage)),
            ),
        )
