from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _, ngettext
from salesblueprint.model.blueprint import DealStage, ExitCriterion
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import RULES, Problem, rule

# The inspectable norm reports each criterion without `recorded_in` itself: SB221
# exit-criterion-without-evidence (no evidence either) and SB222 exit-criterion-without-record.
_NO_EVIDENCE, _NO_RECORD = "SB221", "SB222"


def _norm_reports(ctx: Context, crit: ExitCriterion) -> bool:
    """Whether the inspectable norm rule that covers this criterion runs in this configuration."""
    code = _NO_RECORD if crit.evidence and crit.evidence.strip() else _NO_EVIDENCE
    r = RULES.get(code)
    return r is not None and r.check is not None and ctx.config.selects(r)


@rule("SB408", "stage-exit-not-recorded", group="tools", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A stage whose exit no tool records: a blind spot in the tool map.

    ## What it does
    When the blueprint has a tool map, reports a stage (lifecycle, open deal or after-close
    stage) that has exit criteria of which none names where it is ``recorded_in``. The finding
    points at the stage's exit criteria.

    One defect, one finding: each such criterion is already reported by the inspectable norm
    (``exit-criterion-without-evidence`` or ``exit-criterion-without-record``), so this rule
    stays silent for a stage as long as the norm rule for any of its criteria runs (it is
    selected by the configuration; an inline ``lint: ignore`` of it counts as the team's
    decision). It speaks for teams that switched the inspectable norm off, as one finding per
    stage instead of one per criterion.

    ## Why is this bad?
    If no tool records that a contact or deal met a stage's exit criteria, the move through
    that stage happens outside every system: reports cannot see it, automation cannot trigger
    on it, and a manager cannot check it. The tool map shows exactly these blind spots.

    ## Example
    ```yaml
    - id: mql
      exit_criteria:
        - outcome: Lead requested a demo through the website form
          evidence: Form submission
    ```
    Use instead:
    ```yaml
    - id: mql
      exit_criteria:
        - outcome: Lead requested a demo through the website form
          evidence: Form submission
          recorded_in: hubspot.form_submission
    ```
    """
    if not ctx.bp.tools:
        return
    for node in ctx.stages.index.nodes.values():
        s = node.stage
        if isinstance(s, DealStage) and s.outcome is not None:
            continue  # criteria-on-outcome
        crits = s.exit_criteria
        if not crits or any(c.recorded_in for c in crits):
            continue
        if any(_norm_reports(ctx, c) for c in crits):
            continue
        n = len(crits)
        what = ngettext(
            "its exit criterion does not name", "none of its {n} exit criteria names", n
        )
        yield Problem(
            (*s.path, "exit_criteria"),
            _(
                "no tool records when a {who} leaves stage '{stage}': {what} "
                "a `recorded_in:` tool; add the tool (or tool.record) that "
                "holds the evidence",
                who=_("contact") if node.kind == "lifecycle_stage" else _("deal"),
                stage=s.label,
                what=what,
            ),
        )
