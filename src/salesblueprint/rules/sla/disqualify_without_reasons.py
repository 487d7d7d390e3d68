from __future__ import annotations

import re
from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.model.blueprint import LifecycleStage
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

_DISQUALIFIED = re.compile(
    r"disqualif|diskwalific|gediskwalificeerd|unqualified|not[ _]qualified|"
    r"niet[ _]gekwalificeerd|ongekwalificeerd"
)


def is_disqualified_stage(stage: LifecycleStage) -> bool:
    return bool(_DISQUALIFIED.search(f"{stage.id} {(stage.name or '').lower()}"))


@rule("SB306", "disqualify-without-reasons", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """Leads are disqualified without a list of reasons.

    ## What it does
    Reports ``sla.disqualify`` without ``reasons``, and a lifecycle transition into a
    disqualified stage (an id or name with *disqualified*, *not qualified*, *unqualified*, or
    the Dutch *niet gekwalificeerd* / *gediskwalificeerd*) without ``reasons``.

    ## Why is this bad?
    Why a lead is disqualified is part of the agreement between marketing and sales. A fixed
    list of reasons (wrong segment, student, competitor ...) makes sales record them the same
    way, and shows marketing which campaigns and channels bring leads that never buy.

    ## Example
    ```yaml
    sla:
      disqualify: {}
    ```
    Use instead:
    ```yaml
    sla:
      disqualify:
        reasons: [wrong_segment, no_budget, student, competitor]
    ```
    """
    bp = ctx.bp
    d = bp.sla.disqualify if bp.sla else None
    if d is not None and not d.reasons:
        yield Problem(
            d.path,
            _(
                "sla.disqualify lists no reasons; add `reasons:` (e.g. [wrong_segment, "
                "no_budget, student]) so that sales records why a lead is disqualified"
            ),
        )
    if bp.lifecycle is None:
        return
    stages = {s.id: s for s in bp.lifecycle.stages}
    for t in bp.lifecycle.transitions:
        target = stages.get(t.to)
        if target is None or t.reasons or not is_disqualified_stage(target):
            continue
        yield Problem(
            t.path,
            _(
                "the move from '{t_from_}' to the disqualified stage '{t_to}' lists no "
                "reasons; add `reasons:` so that sales records why a lead is disqualified",
                t_from_=t.from_,
                t_to=t.to,
            ),
            at="to",
        )
