from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.stages import Stage, name_key
from salesblueprint.rules.engine import Context
from salesblueprint.rules.norms._language import content_words, vocab_for
from salesblueprint.rules.registry import Problem, rule


@rule("SB241", "duplicate-exit-criteria", group="norms", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """Two stages whose exit criteria say the same thing: one of them is redundant.

    ## What it does
    Compares the exit criteria of the stages of the lifecycle and of each pipeline, word for
    word after leaving out small words (*the, a, has* / *de, het, heeft*), plural endings and
    the difference between *buyer, customer, client, prospect* / *klant, koper*. Reports the
    later of two stages whose criteria are the same.

    ## Why is this bad?
    HubSpot's original deck had a fifth rule: remove redundant stages. When two stages end
    on the same buyer outcome, a deal can sit in either of them for the same reason; the
    stage counts and conversion rates between them mean nothing.

    ## Example
    ```yaml
    stages:
      - id: needs_confirmed
        exit_criteria: [Buyer confirmed the budget]     # nl: Klant heeft het budget bevestigd
      - id: budget_approved
        exit_criteria: [Customer confirmed the budget]  # nl: Klant bevestigde het budget
    ```
    Use instead: one stage per buyer outcome.
    ```yaml
    stages:
      - id: needs_confirmed
        exit_criteria: [Buyer confirmed the budget]
      - id: budget_approved
        exit_criteria: [Economic buyer approved the budget in writing]
        # nl: Budgethouder heeft het budget schriftelijk goedgekeurd
    ```
    """
    v = vocab_for(ctx)
    for stages in ctx.stage_lists:
        first: dict[frozenset[frozenset[str]], Stage] = {}
        for s in stages:
            if not s.exit_criteria:
                continue
            sig = frozenset(content_words(v, c.outcome) for c in s.exit_criteria)
            if frozenset() in sig:
                continue
            other = first.get(sig)
            if other is None:
                first[sig] = s
                continue
            yield Problem(
                s.path,
                _(
                    "stage '{s_label}' has the same exit criteria as stage '{other_label}', "
                    "so one of them is redundant; merge the two, or give each its own buyer "
                    "outcome",
                    s_label=s.label,
                    other_label=other.label,
                ),
                at=name_key(s),
            )
