from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB307", "recycle-without-reasons", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A recycle in the SLA without reasons.

    ## What it does
    Reports each ``sla.recycle`` entry that has no ``reasons``.

    ## Why is this bad?
    When sales hands a lead back to marketing, the reason decides what marketing does next
    (no reply: try another channel; no budget this year: nurture until the next budget round).
    Without agreed reasons, recycled leads come back unexplained, and neither team learns why.

    ## Example
    ```yaml
    sla:
      recycle:
        - {from: sql, to: mql, when: No reply after 3 attempts}
    ```
    Use instead:
    ```yaml
    sla:
      recycle:
        - from: sql
          to: mql
          when: No reply after 3 attempts
          reasons: [no_response, bad_timing]
    ```
    """
    if ctx.bp.sla is None:
        return
    for r in ctx.bp.sla.recycle:
        if not r.reasons:
            yield Problem(
                r.path,
                _(
                    "the recycle from '{r_from_}' to '{r_to}' lists no reasons; add "
                    "`reasons:` (e.g. [no_response, bad_timing]) so that marketing knows why "
                    "the lead is back",
                    r_from_=r.from_,
                    r_to=r.to,
                ),
            )
