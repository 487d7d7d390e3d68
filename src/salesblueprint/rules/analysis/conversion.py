"""Lead conversion: the lifecycle stage where a lead becomes a contact, an account and an
opportunity, and which stages lie before and after it.

"Before" and "after" follow the forward moves: the default flow, ``forward`` and ``skip``
transitions, the SLA handoff, and the links between a lifecycle stage and its pipeline (a
lifecycle stage with ``pipeline:`` leads into the pipeline, the won stage back to the next
lifecycle stage). Recycles and moves to a lost stage go back or out, so they are not followed.
"""

from __future__ import annotations

from dataclasses import dataclass

from salesblueprint.model.blueprint import Blueprint, LifecycleStage
from salesblueprint.model.graph import StageGraph, StageNode, link_edges

FORWARD_KINDS = frozenset({"forward", "skip", "handoff", "pipeline", "won"})


def conversion_stages(bp: Blueprint) -> list[LifecycleStage]:
    """The lifecycle stages with ``lead_conversion``, in list order."""
    if bp.lifecycle is None:
        return []
    return [s for s in bp.lifecycle.stages if s.lead_conversion is not None]


@dataclass(frozen=True)
class ConversionPoint:
    """The (first) conversion stage, and the stages before and after it."""

    node: StageNode
    before: frozenset[str]  # reach the conversion stage, and cannot be reached from it
    after: frozenset[str]  # reachable from the conversion stage, and cannot reach it
    succ: dict[str, frozenset[str]]

    def reach(self, start: str, avoid: str | None = None) -> set[str]:
        """Every stage reachable from ``start`` over forward moves (``start`` included), not
        passing through ``avoid``."""
        if start == avoid:
            return set()
        seen, todo = {start}, [start]
        while todo:
            for m in self.succ.get(todo.pop(), frozenset()):
                if m not in seen and m != avoid:
                    seen.add(m)
                    todo.append(m)
        return seen


def conversion_point(bp: Blueprint, g: StageGraph) -> ConversionPoint | None:
    stages = conversion_stages(bp)
    if not stages:
        return None
    node = g.index.nodes.get(stages[0].id)
    if node is None or node.stage is not stages[0]:  # a duplicate id (reported by the loader)
        return None
    succ: dict[str, set[str]] = {n: set() for n in g.index.nodes}
    for e in [*g.edges, *link_edges(bp, g.index)]:
        if e.kind in FORWARD_KINDS and e.source in succ and e.target in succ:
            succ[e.source].add(e.target)
    frozen = {k: frozenset(v) for k, v in succ.items()}
    point = ConversionPoint(node, frozenset(), frozenset(), frozen)
    after = point.reach(node.id) - {node.id}
    before = {n for n in g.index.nodes if n != node.id and node.id in point.reach(n)}
    return ConversionPoint(node, frozenset(before - after), frozenset(after - before), frozen)
