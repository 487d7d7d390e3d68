from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB303", "handoff-without-follow-up", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """The SLA handoff does not say how fast sales follows up.

    ## What it does
    Reports an ``sla.handoff`` without ``follow_up_within``.

    ## Why is this bad?
    How fast sales follows up a handed-over lead is the promise sales makes to marketing in the
    SLA. Without it, leads wait for days, go cold, and marketing and sales argue about lead
    quality instead of speed. With it, a report can show the leads that waited too long.

    ## Example
    ```yaml
    sla:
      handoff:
        from: mql
        to: sql
    ```
    Use instead:
    ```yaml
    sla:
      handoff:
        from: mql
        to: sql
        follow_up_within: 24h     # 30m, 24h, 2d, 1w or ISO 8601 (PT24H)
        attempts: 3
    ```
    """
    h = ctx.bp.sla.handoff if ctx.bp.sla else None
    if h is not None and h.follow_up_within is None:
        yield Problem(
            h.path,
            _(
                "the handoff from '{h_from_}' to '{h_to}' does not say how fast sales "
                "follows up; add `follow_up_within:` (e.g. 24h) and `attempts:`",
                h_from_=h.from_,
                h_to=h.to,
            ),
        )
