from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB501", "stage-without-actions", group="completeness", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A lifecycle stage that does not say what its team does.

    ## What it does
    In a blueprint that declares ``teams`` (who does what), reports each lifecycle stage
    without ``actions``. A lifecycle without teams is a sketch of the journey and is left alone.

    ## Why is this bad?
    "Which action is taken in each lifecycle stage?" is the first thing a sales blueprint must
    answer. A stage without actions is a stage where contacts wait: nobody nurtures, calls or
    onboards them, and the stage's conversion rate is left to chance.

    ## Example
    ```yaml
    - id: mql
      name: Marketing qualified lead
      owner: marketing
    ```
    Use instead:
    ```yaml
    - id: mql
      name: Marketing qualified lead
      owner: marketing
      actions:
        - Send the case study that fits the lead's persona
        - Alert sales when the lead requests a demo
    ```
    """
    bp = ctx.bp
    if bp.lifecycle is None or not bp.teams:
        return
    from salesblueprint.rules.analysis.suggest import team_action

    for s in bp.lifecycle.stages:
        if not s.actions:
            who = _("team '{owner}'", owner=s.owner) if s.owner else _("its team")
            yield Problem(
                s.path,
                _(
                    "lifecycle stage '{s_label}' does not say what {who} does in it",
                    s_label=s.label,
                    who=who,
                ),
                at="name" if s.name is not None else "id",
                fix=_(
                    "add `actions:`, e.g. '{team_action}'",
                    team_action=team_action(ctx, s),
                ),
            )
