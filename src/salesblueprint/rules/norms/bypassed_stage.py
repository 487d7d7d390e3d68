from __future__ import annotations

from collections.abc import Iterator, Sequence

from salesblueprint.i18n import _
from salesblueprint.model.blueprint import Blueprint, Transition
from salesblueprint.model.graph import Edge, EdgeKind, StageGraph
from salesblueprint.rules.analysis.stages import name_key
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

# the moves a contact or deal makes on its way to the win (lost outcomes are no way to win)
KINDS: frozenset[EdgeKind] = frozenset({"forward", "skip", "recycle", "handoff"})


def _can_reach(g: StageGraph, target: str, within: dict[str, str]) -> set[str]:
    seen = {target}
    todo = [target]
    while todo:
        n = todo.pop()
        for e in g.pred[n]:
            if e.kind in KINDS and e.source in within and e.source not in seen:
                seen.add(e.source)
                todo.append(e.source)
    return seen


def _label(g: StageGraph, node: str) -> str:
    n = g.index.nodes.get(node)
    return f"'{n.stage.label}'" if n else f"'{node}'"


def _bypass(g: StageGraph, entry: str, x: str, target: str) -> str:
    """The skip (or else the path) that leads from ``entry`` to ``target`` without ``x``."""
    parent: dict[str, Edge] = {}
    seen = {entry}
    queue = [entry]
    for n in queue:
        if n == target:
            break
        for e in g.succ[n]:
            if e.kind in KINDS and e.target != x and e.target not in seen:
                seen.add(e.target)
                parent[e.target] = e
                queue.append(e.target)
    path: list[Edge] = []
    n = target
    while n in parent:
        path.append(parent[n])
        n = parent[n].source
    path.reverse()
    nodes = g.index.nodes
    xi = nodes[x].index
    for e in path:
        s, t = nodes.get(e.source), nodes.get(e.target)
        if s and t and s.index < xi < t.index:
            when = f' ("{e.label}")' if e.label and e.kind != "handoff" else ""
            kind = {"skip": _("skip"), "handoff": _("handoff"), "recycle": _("recycle")}.get(
                e.kind, _("transition")
            )
            return _(
                "the {kind} from {source} to {target}{when}",
                kind=kind,
                source=_label(g, e.source),
                target=_label(g, e.target),
                when=when,
            )
    walk = " → ".join([_label(g, entry), *(_label(g, e.target) for e in path)])
    return _("the path {walk}", walk=walk)


def _judge(
    g: StageGraph,
    entry: str,
    candidates: list[str],
    targets: list[str],
    milestones: Sequence[str] = (),
) -> Iterator[tuple[str, str]]:
    """(stage, message) for each candidate that some path from entry to a target bypasses.

    ``milestones`` are stages on the way to the targets that a manager thinks of first (the
    lifecycle's customer stage): a candidate listed before one is judged against it first, so
    the message names the nearest meaningful goal.
    """
    idom = g.immediate_dominators(entry, KINDS)
    targets = [t for t in targets if t in idom]
    if not targets:
        return
    nodes = g.index.nodes
    goals = [m for m in milestones if m in idom and m not in targets] + targets
    reach = {t: _can_reach(g, t, idom) for t in goals}
    doms = {t: set(g.dominators(t, idom)) for t in goals}
    for x in candidates:
        if x == entry or x not in idom or x in targets:
            continue
        for t in goals:
            if t not in targets and nodes[x].index >= nodes[t].index:
                continue  # a milestone counts only for the stages before it
            if x in reach[t] and x not in doms[t]:
                how = _bypass(g, entry, x, t)
                yield x, _("{how} bypasses it on the way to {goal}", how=how, goal=_label(g, t))
                break


def _sinks(g: StageGraph, nodes: list[str]) -> list[str]:
    inside = set(nodes)
    return [
        n
        for n in nodes
        if not any(e.kind in KINDS and e.target in inside and e.target != n for e in g.succ[n])
    ]


@rule("SB201", "bypassed-stage", group="norms", severity="warning", norm="required")
def check(ctx: Context) -> Iterator[Problem]:
    """A stage that some path to the won outcome bypasses: not every deal must pass it.

    ## What it does
    Computes the dominators of the stage graph (the stages every path passes) and reports a
    stage that does not dominate the goal: in a pipeline, the won outcome, starting from the
    first open stage and following the default flow and transitions (not lost outcomes); in
    the lifecycle, the first terminal stage (the one the default flow reaches; stages listed
    after it are optional side stages), from the first stage; ``after_close`` stages are
    judged on their own path after the win, up to the last of them. Outcome and terminal
    stages are exempt. The message names the skip (or path) that goes past the stage, and the
    nearest goal it is bypassed on the way to: in the lifecycle, the customer stage (the one
    after the stage with ``pipeline:``, where a won deal moves the contact) for the stages
    before it.

    A fast lane the team wants is acknowledged once, on the transition: ``intended: true``.
    The stages an intended skip jumps over are optional on purpose and not reported (another
    skip past them still is).

    ## Why is this bad?
    HubSpot's first norm: every stage is *required*. A stage that some buyers skip says
    nothing about where a buyer is: forecasts built on it are wrong, and the team argues about
    which deals "really" had to pass it. Either every buyer must reach that outcome (remove
    the skip), or it is not a stage (remove it and move its exit criteria to a stage every
    buyer passes).

    ## Example
    ```yaml
    pipelines:
      - id: new_business
        stages:
          - id: qualified
          - id: demo
          - id: proposal
          - {id: won, outcome: won}
          - {id: lost, outcome: lost}
        transitions:
          - {from: qualified, to: proposal, kind: skip, when: Buyer asked for pricing}
    ```
    In Dutch (`language: nl`):
    ```yaml
    lifecycle:
      stages:
        - {id: lead, name: Lead}
        - {id: mql, name: Marketing qualified lead}
        - {id: sql, name: Sales qualified lead}
        - {id: klant, name: Klant, terminal: true}
      transitions:
        - {from: lead, to: sql, kind: skip, when: Demo-aanvraag}
    ```
    Use instead: every deal passes every stage.
    ```yaml
        stages:
          - {id: needs_confirmed, name: Needs confirmed}
          - {id: product_evaluated, name: Product evaluated}
          - {id: proposal_reviewed, name: Proposal reviewed}
          - {id: won, outcome: won}
          - {id: lost, outcome: lost}
    ```
    Or, when the team wants the fast lane, say so once on the skip:
    ```yaml
        transitions:
          - {from: qualified, to: proposal, kind: skip, when: Buyer asked for pricing,
             intended: true}
    ```
    In Dutch: a demo request is a reason to qualify faster, not to skip the stage.
    ```yaml
    lifecycle:
      stages:
        - id: lead
          exit_criteria: [Contactpersoon heeft een demo aangevraagd]
        - id: mql
          exit_criteria: [Contactpersoon heeft de score van 60 bereikt of een demo aangevraagd]
        - id: sql
        - {id: klant, terminal: true}
    ```
    """
    bp = ctx.bp
    g = ctx.stages
    intended = {t.path for t in _transitions(bp) if t.intended}
    if intended:  # skips the team wants: the stages they bypass are optional on purpose
        g = g.without(lambda e: e.path in intended)
    found: list[tuple[str, str]] = []
    if bp.lifecycle:
        ids = [s.id for s in bp.lifecycle.stages if g.index.nodes[s.id].kind == "lifecycle_stage"]
        # the goal is the first terminal stage, the one the default flow reaches; side stages
        # listed after it (not qualified, nurture ...) are optional by design
        first_terminal = next((i for i, s in enumerate(bp.lifecycle.stages) if s.terminal), None)
        main = ids[: first_terminal + 1] if first_terminal is not None else ids
        # the customer stage: where a won deal moves the contact (after the stage with
        # `pipeline:`); a manager thinks of it before the terminal stage
        piped = {s.id for s in bp.lifecycle.stages if s.pipeline}
        deal_at = next((i for i, s in enumerate(main) if s in piped), None)
        customer = main[deal_at + 1 : deal_at + 2] if deal_at is not None else []
        if first_terminal is not None:
            found += _judge(g, ids[0], main, [main[-1]], customer)
        else:
            found += _judge(g, ids[0], ids, _sinks(g, ids), customer)
    for p in bp.pipelines:
        open_ids = [f"{p.id}.{s.id}" for s in p.stages if s.outcome is None]
        wons = [f"{p.id}.{s.id}" for s in p.stages if s.outcome == "won"]
        if open_ids and wons:
            found += _judge(g, open_ids[0], open_ids, wons)
        after = [f"{p.id}.{s.id}" for s in p.after_close]
        if after:
            targets = _sinks(g, after)
            done: set[str] = set()
            for w in wons:
                for x, msg in _judge(g, w, after, targets):
                    if x not in done:
                        done.add(x)
                        found.append((x, msg))
    seen: set[str] = set()
    for x, msg in found:
        if x in seen:
            continue
        seen.add(x)
        node = g.index.nodes[x]
        who = _("contact") if node.kind == "lifecycle_stage" else _("deal")
        yield Problem(
            node.path,
            _(
                "stage '{stage}' is not required: {msg}",
                stage=node.stage.label,
                msg=msg,
            ),
            at=name_key(node.stage),
            fix=_(
                "make every {who} pass it (remove the skip); or, if the team wants this fast "
                "lane, mark the skip `intended: true`; or remove the stage and move its exit "
                "criteria to a stage every {who} passes",
                who=who,
            ),
        )


def _transitions(bp: Blueprint) -> Iterator[Transition]:
    if bp.lifecycle:
        yield from bp.lifecycle.transitions
    for p in bp.pipelines:
        yield from p.transitions
