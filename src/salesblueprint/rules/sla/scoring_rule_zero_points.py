from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB309", "scoring-rule-zero-points", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A scoring rule worth zero points.

    ## What it does
    Reports each ``sla.scoring.rules`` entry with ``points: 0``.

    ## Why is this bad?
    A signal worth nothing does not change any lead's score: either it matters (give it points,
    negative if it makes a lead less likely to buy) or it is noise in the agreement and should
    go.

    ## Example
    ```yaml
    rules:
      - {signal: Opened a newsletter, kind: behaviour, points: 0}
    ```
    Use instead:
    ```yaml
    rules:
      - {signal: Opened three newsletters in a row, kind: behaviour, points: 5}
    ```
    """
    s = ctx.bp.sla.scoring if ctx.bp.sla else None
    if s is None:
        return
    for r in s.rules:
        if r.points == 0:
            yield Problem(
                r.path,
                _(
                    "scoring rule '{r_signal}' is worth 0 points and changes no score; give "
                    "it points (negative for a signal against buying) or remove it",
                    r_signal=r.signal,
                ),
                at="points",
            )
