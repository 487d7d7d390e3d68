from __future__ import annotations

import itertools
from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.stages import name_key, short
from salesblueprint.rules.engine import Context
from salesblueprint.rules.norms._language import content_words, vocab_for
from salesblueprint.rules.registry import Problem, rule


@rule("SB242", "stage-implied-by-next", group="norms", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A stage whose exit criteria are already part of the next stage's: it adds nothing.

    ## What it does
    For each stage of the lifecycle and of each pipeline, checks whether every exit criterion
    says no more than one exit criterion of the next stage in list order (all its words,
    compared as in ``duplicate-exit-criteria``, appear in it). Stages with identical criteria
    are left to ``duplicate-exit-criteria``.

    ## Why is this bad?
    If the next stage's criterion already includes this one ("Buyer attended the demo" and
    then "Buyer attended the demo and booked the next meeting"), the first stage marks no
    buyer outcome of its own: it is redundant. Merge the two, or make the first stage end on
    something the buyer does before the next one.

    ## Example
    ```yaml
    stages:
      - id: demo_attended
        exit_criteria: [Buyer attended the demo]
        # nl: Klant heeft de demo bijgewoond
      - id: product_evaluated
        exit_criteria: [Buyer attended the demo and booked the next meeting]
        # nl: Klant heeft de demo bijgewoond en een vervolgafspraak gepland
    ```
    Use instead:
    ```yaml
    stages:
      - id: product_evaluated
        exit_criteria: [Buyer attended the demo and booked the next meeting]
        # nl: Klant heeft de demo bijgewoond en een vervolgafspraak gepland
    ```
    """
    v = vocab_for(ctx)
    for stages in ctx.stage_lists_split:
        for a, b in itertools.pairwise(stages):
            if not a.exit_criteria or not b.exit_criteria:
                continue
            mine = [content_words(v, c.outcome) for c in a.exit_criteria]
            theirs = [content_words(v, c.outcome) for c in b.exit_criteria]
            if set(mine) == set(theirs) or any(len(m) < 2 for m in mine):
                continue
            covers = []
            for m in mine:
                hit = next((i for i, t in enumerate(theirs) if m < t), None)
                if hit is None:
                    break
                covers.append(b.exit_criteria[hit].outcome)
            else:
                yield Problem(
                    a.path,
                    _(
                        "stage '{a_label}' adds nothing: its exit criteria are already part of "
                        "the next stage '{b_label}' ('{short}'); merge the two stages, or end "
                        "this one on a buyer outcome of its own",
                        a_label=a.label,
                        b_label=b.label,
                        short=short(covers[0]),
                    ),
                    at=name_key(a),
                )
