from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB107", "criteria-on-outcome", group="graph", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """Exit criteria on a won or lost outcome stage.

    ## What it does
    Reports ``exit_criteria`` on stages with ``outcome:``.

    ## Why is this bad?
    A deal never leaves an outcome stage, so its exit criteria are never checked. What must
    be true for a deal to be *won* is the exit criterion of the last open stage (for example
    "Buyer signed the order form").

    ## Example
    ```yaml
    - id: won
      outcome: won
      exit_criteria: [Buyer signed the contract]
    ```
    Use instead:
    ```yaml
    - id: contract_signed
      exit_criteria: [Buyer signed the contract]
    - id: won
      outcome: won
    ```
    """
    for p in ctx.bp.pipelines:
        for s in p.stages:
            if s.outcome is not None and s.exit_criteria:
                yield Problem(
                    (*s.path, "exit_criteria"),
                    _(
                        "outcome stage '{stage}' has exit criteria, but deals never leave it; "
                        "move them to the last open stage",
                        stage=s.id,
                    ),
                )
