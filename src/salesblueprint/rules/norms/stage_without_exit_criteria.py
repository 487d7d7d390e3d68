from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.model.blueprint import DealStage
from salesblueprint.model.graph import EdgeKind
from salesblueprint.rules.analysis.stages import judged_stages, name_key
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

_EXAMPLE = {
    "en": "Buyer attended the demo and booked the next meeting",
    "nl": "Klant heeft de demo bijgewoond en een vervolgafspraak gepland",
}
_ONWARD: frozenset[EdgeKind] = frozenset({"forward", "skip", "handoff"})


@rule("SB202", "stage-without-exit-criteria", group="norms", severity="warning", norm="required")
def check(ctx: Context) -> Iterator[Problem]:
    """A stage that has no exit criteria to enforce.

    ## What it does
    Reports an open deal stage, an ``after_close`` stage or a lifecycle stage without
    ``exit_criteria``. Exempt are the stages nobody leaves: won and lost outcomes, ``terminal``
    lifecycle stages, and the last stage of the lifecycle or of ``after_close``.

    ## Why is this bad?
    A stage is *required* only if something makes a buyer pass it. Without exit criteria,
    a deal moves on when the seller feels like it: the stage measures the seller's mood, not
    the buyer's progress, and the forecast built on it drifts.

    ## Example
    ```yaml
    stages:
      - id: product_evaluated
        name: Product evaluated       # nl: Product geëvalueerd
        rep_action: Give the demo     # nl: Demo geven
    ```
    Use instead:
    ```yaml
    stages:
      - id: product_evaluated
        name: Product evaluated
        exit_criteria:
          - outcome: Buyer attended the demo and booked the next meeting
            # nl: Klant heeft de demo bijgewoond en een vervolgafspraak gepland
            evidence: Calendar invite accepted by the buyer
            recorded_in: crm.meeting
    ```
    """
    g = ctx.stages
    example = _EXAMPLE.get(ctx.bp.language, _EXAMPLE["en"])
    nodes = {id(n.stage): n for n in g.index.nodes.values()}
    for s in judged_stages(ctx.bp):
        if s.exit_criteria:
            continue
        node = nodes.get(id(s))
        if node is None:
            continue
        is_open = isinstance(s, DealStage) and node.section == "stages"
        if not is_open and not any(e.kind in _ONWARD for e in g.succ[node.id]):
            continue  # nobody leaves this stage
        who = _("contact") if node.kind == "lifecycle_stage" else _("deal")
        yield Problem(
            s.path,
            _(
                "stage '{stage}' has no exit criteria, so nothing says when a {who} "
                "may leave it and it cannot be required; add what the buyer must have "
                "done, e.g. '{example}'",
                stage=s.label,
                who=who,
                example=example,
            ),
            at=name_key(s),
        )
