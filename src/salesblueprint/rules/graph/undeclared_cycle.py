from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import TYPE_CHECKING

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule

if TYPE_CHECKING:
    from salesblueprint.model.graph import EdgeKind, StageGraph

_NOT_RECYCLE: frozenset[EdgeKind] = frozenset({"forward", "skip", "lost", "handoff"})


def _rank(g: StageGraph) -> dict[str, int]:
    """A topological order of the default flow (edges no YAML node declares), list order first.

    The default flow never loops, so every loop has a declared move (a transition or the
    handoff) that goes back in this order: that move is the one to report, never a default
    move the user cannot change.
    """
    order = {n: i for i, n in enumerate(g.index.nodes)}
    indegree = dict.fromkeys(order, 0)
    for e in g.edges:
        if not e.path:
            indegree[e.target] += 1
    ready = [(i, n) for n, i in order.items() if indegree[n] == 0]
    heapq.heapify(ready)
    rank: dict[str, int] = {}
    while ready:
        _rank, n = heapq.heappop(ready)
        rank[n] = len(rank)
        for e in g.succ[n]:
            if not e.path:
                indegree[e.target] -= 1
                if indegree[e.target] == 0:
                    heapq.heappush(ready, (order[e.target], e.target))
    for n in order:  # unreachable unless the default flow loops: keep every node ranked
        rank.setdefault(n, len(rank))
    return rank


def _components(g: StageGraph, kinds: frozenset[EdgeKind]) -> dict[str, int]:
    """Strongly connected components over edges of ``kinds`` (iterative Tarjan).

    A move lies on a loop exactly when its two stages are in the same component.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    comp: dict[str, int] = {}
    components = 0
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in g.index.nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work: list[tuple[str, Iterator[str]]] = [
            (root, iter([e.target for e in g.succ[root] if e.kind in kinds]))
        ]
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter([e.target for e in g.succ[nxt] if e.kind in kinds])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                components += 1
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp[w] = components
                    if w == node:
                        break
    return comp


_KINDS = {
    "forward": _("forward"),
    "skip": _("skip"),
    "handoff": _("handoff"),
    "recycle": _("recycle"),
}


@rule("SB110", "undeclared-cycle", group="graph", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A loop between stages that is not declared as a ``recycle``.

    ## What it does
    Looks for cycles made of forward moves, skips and the handoff, and reports the declared
    move (a transition or the handoff) that goes back in list order and closes each one.
    Moves declared with ``kind: recycle`` (or in ``sla.recycle``) are the intended way back
    and are not reported. A backwards ``skip`` is reported by ``skip-backwards`` instead.

    ## Why is this bad?
    Forward moves should only go forward: the funnel maths and conversion rates assume it. A
    hidden loop double-counts contacts and deals that go round it.

    ## Example
    ```yaml
    transitions:
      - {from: opportunity, to: sql}
    ```
    Use instead:
    ```yaml
    transitions:
      - {from: opportunity, to: sql, kind: recycle, when: Deal lost on timing}
    ```
    """
    g = ctx.stages
    rank = _rank(g)
    comp = _components(g, _NOT_RECYCLE)
    for e in g.edges:
        if not e.path or e.kind not in _NOT_RECYCLE or rank[e.target] > rank[e.source]:
            continue
        a, b = g.index.nodes[e.source], g.index.nodes[e.target]
        if e.kind == "skip" and a.pipeline is b.pipeline and b.index <= a.index:
            continue  # skip-backwards reports it
        if comp[e.source] != comp[e.target]:
            continue  # goes back, but no loop: nothing is counted twice
        fix = (
            _("the handoff goes from marketing's last stage ahead to sales' first stage")
            if e.kind == "handoff"
            else _("if contacts or deals really go back, declare it with 'kind: recycle'")
        )
        yield Problem(
            e.path,
            _(
                "the {kind} move from '{source}' to '{target}' closes a loop; {fix}",
                kind=_KINDS.get(e.kind, e.kind),
                source=a.stage.id,
                target=b.stage.id,
                fix=fix,
            ),
            at="to",
        )
