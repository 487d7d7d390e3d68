from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.model.graph import EdgeKind
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

_OUT: frozenset[EdgeKind] = frozenset({"forward", "skip", "recycle"})


@rule("SB305", "lost-deal-nowhere-to-go", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """When a deal is lost, its contact has nowhere to go in the lifecycle.

    ## What it does
    For each lifecycle stage with ``pipeline:`` (its contacts have an open deal there) whose
    pipeline has a lost outcome, checks that some move leaves that stage other than the default
    step to the next stage (the customer stage): a recycle (in ``transitions`` or
    ``sla.recycle``), a skip, a declared transition, or a transition from the pipeline's lost
    stage into the lifecycle. A stage with no move out at all is reported by
    ``dead-end-stage`` instead.

    ## Why is this bad?
    Most deals are lost. If the lifecycle only lets an opportunity become a customer, the
    contacts of lost deals stay "opportunity" for ever: reports count them as pipeline, and
    nobody nurtures them back. Decide where they go: back to sales qualification, back to
    marketing, or to a closed stage.

    ## Example
    ```yaml
    lifecycle:
      stages:
        - {id: sql, owner: sales}
        - {id: opportunity, owner: sales, pipeline: new_business}
        - {id: customer, owner: success, terminal: true}
    ```
    Use instead:
    ```yaml
    sla:
      recycle:
        - from: opportunity
          to: mql
          when: Deal lost on timing or budget; marketing keeps the contact warm
          reasons: [no_budget_this_year, bad_timing]
    ```
    """
    bp = ctx.bp
    if bp.lifecycle is None:
        return
    g = ctx.stages
    for s in bp.lifecycle.stages:
        if s.pipeline is None:
            continue
        p = bp.pipeline(s.pipeline)
        if p is None:
            continue
        lost = [f"{p.id}.{ds.id}" for ds in p.stages if ds.outcome == "lost"]
        if not lost:
            continue  # missing-lost-outcome
        out = g.succ.get(s.id, [])
        if not out:
            continue  # dead-end-stage
        if any(e.kind in _OUT and e.path for e in out):
            continue
        if any(
            g.index.nodes[e.target].kind == "lifecycle_stage"
            for lo in lost
            for e in g.succ.get(lo, [])
        ):
            continue
        nxt = ", ".join(f"'{e.target}'" for e in out)
        yield Problem(
            s.path,
            _(
                "when a deal in pipeline '{pipeline}' is lost, contacts in stage "
                "'{stage}' have nowhere to go: the only move out is on to {nxt}; add a "
                "recycle (sla.recycle or a transition with kind: recycle) back to an "
                "earlier stage, with the reasons",
                pipeline=p.id,
                stage=s.id,
                nxt=nxt,
            ),
            at="pipeline",
        )
