from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@rule(
    "SB308",
    "scoring-threshold-unreachable",
    group="sla",
    severity="error",
    preset="correctness",
)
def check(ctx: Context) -> Iterator[Problem]:
    """No lead can reach the scoring threshold: the positive points add up to less.

    ## What it does
    Adds up the points of every scoring rule with positive points (each rule counted once) and
    reports ``sla.scoring.threshold`` when it is higher than that sum, including a threshold
    with no rules at all.

    ## Why is this bad?
    The threshold is the score that makes a lead sales-ready. If even a lead that matches every
    positive signal stays below it, no lead is ever handed to sales, or, more likely, sales
    ignores the score and the SLA with it.

    ## Example
    ```yaml
    scoring:
      threshold: 60
      rules:
        - {signal: Job title is C-level or VP, kind: fit, points: 20}
        - {signal: Downloaded an e-book, kind: behaviour, points: 15}
    ```
    Use instead:
    ```yaml
    scoring:
      threshold: 30
      rules:
        - {signal: Job title is C-level or VP, kind: fit, points: 20}
        - {signal: Downloaded an e-book, kind: behaviour, points: 15}
    ```
    """
    s = ctx.bp.sla.scoring if ctx.bp.sla else None
    if s is None:
        return
    positive = sum(r.points for r in s.rules if r.points > 0)
    if s.threshold <= positive:
        return
    if not s.rules:
        why = _("there are no scoring rules")
    else:
        why = _("all positive points together add up to {points}", points=positive)
    yield Problem(
        s.path,
        _(
            "no lead can reach the threshold {n}: {why}; lower the threshold or add "
            "the signals that make a lead sales-ready",
            n=_n(s.threshold),
            why=why,
        ),
        at="threshold",
    )
