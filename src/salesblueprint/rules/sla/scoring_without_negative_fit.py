from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB310", "scoring-without-negative-fit", group="sla", severity="info")
def check(ctx: Context) -> Iterator[Problem]:
    """Lead scoring has no negative fit rules.

    ## What it does
    Reports ``sla.scoring`` when none of its rules is a ``kind: fit`` rule with negative points.

    ## Why is this bad?
    Fit is who the lead is: role, company size, country. A lead outside the ideal customer
    profile (a student, a competitor, a company in a market you do not serve) should lose
    points, or busy behaviour alone makes it sales-ready and sales calls people who will never
    buy. This is a hint, not a defect: some teams filter such leads out before scoring.

    ## Example
    ```yaml
    scoring:
      threshold: 50
      rules:
        - {signal: Job title is C-level or VP, kind: fit, points: 20}
        - {signal: Downloaded an e-book, kind: behaviour, points: 15}
    ```
    Use instead:
    ```yaml
        - {signal: Company is outside the Netherlands, kind: fit, points: -10}
    ```
    """
    s = ctx.bp.sla.scoring if ctx.bp.sla else None
    if s is None:
        return
    if any(r.kind == "fit" and r.points < 0 for r in s.rules):
        return
    yield Problem(
        s.path,
        _(
            "lead scoring has no negative fit rule, so a lead outside the ideal "
            "customer profile loses no points; consider one (e.g. 'Company is "
            "outside our market', points: -10)"
        ),
        at="rules" if s.rules else "threshold",
    )
