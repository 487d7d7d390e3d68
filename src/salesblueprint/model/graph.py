"""The blueprint as a graph: stages, tools and the typed moves between them.

Node ids: a lifecycle stage is its id (``sql``); a deal stage is ``pipeline.stage``
(``new_business.won``); a tool is ``tool:ID`` (``tool:crm``).

Edges follow the contract's default-flow semantics:

- ``forward``: each stage to the next in list order, unless the stage is ``terminal`` (lifecycle)
  or an outcome (pipelines); the last open deal stage to the ``won`` stage; ``won`` to the first
  ``after_close`` stage and on in order; and ``forward`` transitions;
- ``lost``: every open deal stage to every ``lost`` stage;
- ``skip`` and ``recycle``: from ``transitions`` (and ``recycle`` from ``sla.recycle``);
- ``handoff``: the SLA's handoff from marketing to sales;
- ``pipeline``: a lifecycle stage with ``pipeline: ID`` to that pipeline's first stage (its
  contacts' deals run there); ``won``: the pipeline's won stage back to the lifecycle stage after
  that one (a won deal moves its contact on), unless that lifecycle stage is ``terminal``;
- ``flow``: data moving from tool to tool; ``recorded_in``: a stage to the tool that records the
  evidence of its exit criteria.

The rules work on :class:`StageGraph` (plain adjacency, no imports) over the moves within the
lifecycle and within each pipeline (:func:`stage_edges`); :func:`to_networkx` builds the
networkx graph from those, the links between lifecycle and pipelines (:func:`link_edges`) and the
tools (:func:`tool_edges`), for ``Blueprint.graph`` / ``Blueprint.stage_graph`` and for users.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from salesblueprint.diagnostics.findings import Path
from salesblueprint.model.blueprint import (
    Blueprint,
    DealStage,
    LifecycleStage,
    Pipeline,
    Transition,
)

if TYPE_CHECKING:
    import networkx as nx

NodeKind = Literal["lifecycle_stage", "deal_stage", "tool"]
EdgeKind = Literal[
    "forward", "skip", "recycle", "lost", "handoff", "pipeline", "won", "flow", "recorded_in"
]
STAGE_EDGE_KINDS: frozenset[EdgeKind] = frozenset({"forward", "skip", "recycle", "lost", "handoff"})
"""The kinds of :func:`stage_edges`: the moves the graph rules follow by default."""
LINK_EDGE_KINDS: frozenset[EdgeKind] = frozenset({"pipeline", "won"})
"""The kinds of :func:`link_edges`: between a lifecycle stage and a pipeline."""


@dataclass(frozen=True)
class StageNode:
    id: str
    kind: NodeKind
    stage: LifecycleStage | DealStage
    pipeline: Pipeline | None
    index: int  # position in list order (after_close stages follow the stages list)
    section: Literal["lifecycle", "stages", "after_close"]

    @property
    def path(self) -> Path:
        return self.stage.path

    @property
    def is_terminal(self) -> bool:
        """No default next stage: a terminal lifecycle stage or an outcome deal stage."""
        s = self.stage
        if isinstance(s, LifecycleStage):
            return bool(s.terminal)
        return s.outcome is not None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    path: Path = ()  # the YAML node that declares the edge (empty for default flow)
    label: str = ""
    data: tuple[str, ...] = ()


def tool_node(tool_id: str) -> str:
    return f"tool:{tool_id}"


@dataclass
class StageIndex:
    """Every stage of a blueprint by node id, and reference resolution."""

    nodes: dict[str, StageNode] = field(default_factory=dict)

    @classmethod
    def build(cls, bp: Blueprint) -> StageIndex:
        idx = cls()
        if bp.lifecycle:
            for i, ls in enumerate(bp.lifecycle.stages):
                idx.nodes.setdefault(
                    ls.id, StageNode(ls.id, "lifecycle_stage", ls, None, i, "lifecycle")
                )
        for p in bp.pipelines:
            for i, ds in enumerate(p.stages):
                nid = f"{p.id}.{ds.id}"
                idx.nodes.setdefault(nid, StageNode(nid, "deal_stage", ds, p, i, "stages"))
            base = len(p.stages)
            for i, ds in enumerate(p.after_close):
                nid = f"{p.id}.{ds.id}"
                idx.nodes.setdefault(
                    nid, StageNode(nid, "deal_stage", ds, p, base + i, "after_close")
                )
        return idx

    def resolve(self, ref: str, pipeline: Pipeline | None = None) -> str | None:
        """Node id for a stage reference, or ``None``.

        Inside a pipeline a plain id names that pipeline's stage first, then a lifecycle stage;
        elsewhere a plain id names a lifecycle stage and ``pipeline.stage`` a deal stage.
        """
        if pipeline is not None and "." not in ref:
            nid = f"{pipeline.id}.{ref}"
            if nid in self.nodes:
                return nid
        return ref if ref in self.nodes else None

    def candidates(self, pipeline: Pipeline | None = None) -> list[str]:
        """Names a reference could use, for "did you mean" suggestions."""
        out = [n for n, s in self.nodes.items() if s.kind == "lifecycle_stage"]
        out += [n for n, s in self.nodes.items() if s.kind == "deal_stage"]
        if pipeline is not None:
            out += [s.stage.id for s in self.nodes.values() if s.pipeline is pipeline]
        return out


def _transition_edges(
    transitions: list[Transition], idx: StageIndex, pipeline: Pipeline | None
) -> Iterator[Edge]:
    for t in transitions:
        src, dst = idx.resolve(t.from_, pipeline), idx.resolve(t.to, pipeline)
        if src and dst:
            yield Edge(src, dst, t.kind, t.path, t.when or "")


def _pipeline_edges(p: Pipeline, idx: StageIndex) -> Iterator[Edge]:
    open_ids = [f"{p.id}.{s.id}" for s in p.stages if s.outcome is None]
    won = [f"{p.id}.{s.id}" for s in p.stages if s.outcome == "won"]
    lost = [f"{p.id}.{s.id}" for s in p.stages if s.outcome == "lost"]
    for a, b in itertools.pairwise(open_ids):
        yield Edge(a, b, "forward")
    if open_ids:
        for w in won:
            yield Edge(open_ids[-1], w, "forward")
    for o in open_ids:
        for lo in lost:
            yield Edge(o, lo, "lost")
    after = [f"{p.id}.{s.id}" for s in p.after_close]
    if after:
        for w in won:
            yield Edge(w, after[0], "forward")
        for a, b in itertools.pairwise(after):
            yield Edge(a, b, "forward")
    yield from _transition_edges(p.transitions, idx, p)


def stage_edges(bp: Blueprint, idx: StageIndex | None = None) -> Iterator[Edge]:
    """Every move between stages: default flow, transitions, SLA handoff and recycles."""
    idx = idx or StageIndex.build(bp)
    if bp.lifecycle:
        stages = bp.lifecycle.stages
        for a, b in itertools.pairwise(stages):
            if not a.terminal:
                yield Edge(a.id, b.id, "forward")
        yield from _transition_edges(bp.lifecycle.transitions, idx, None)
    for p in bp.pipelines:
        yield from _pipeline_edges(p, idx)
    if bp.sla:
        h = bp.sla.handoff
        if h:
            src, dst = idx.resolve(h.from_), idx.resolve(h.to)
            if src and dst:
                yield Edge(src, dst, "handoff", h.path, h.follow_up_within or "")
        for r in bp.sla.recycle:
            src, dst = idx.resolve(r.from_), idx.resolve(r.to)
            if src and dst:
                yield Edge(src, dst, "recycle", r.path, r.when or "")


def link_edges(bp: Blueprint, idx: StageIndex | None = None) -> Iterator[Edge]:
    """Lifecycle stage to pipeline and back: each lifecycle stage with ``pipeline: ID`` to that
    pipeline's first stage (``pipeline``), and the pipeline's won stages to the lifecycle stage
    after it (``won``), unless the stage is ``terminal`` or the last. The edge's ``path`` is the
    lifecycle stage's, whose ``pipeline:`` key declares the link."""
    idx = idx or StageIndex.build(bp)
    if bp.lifecycle is None:
        return
    stages = bp.lifecycle.stages
    for i, ls in enumerate(stages):
        p = bp.pipeline(ls.pipeline) if ls.pipeline else None
        node = idx.nodes.get(ls.id)
        if p is None or node is None or node.stage is not ls:  # a duplicate id: the first wins
            continue
        first = f"{p.id}.{p.stages[0].id}"
        if first in idx.nodes:
            yield Edge(ls.id, first, "pipeline", ls.path, p.label)
        if ls.terminal or i + 1 >= len(stages):
            continue
        nxt = stages[i + 1].id
        for ds in p.stages:
            won = f"{p.id}.{ds.id}"
            if ds.outcome == "won" and idx.nodes.get(won) is not None:
                yield Edge(won, nxt, "won", ls.path)


def tool_edges(bp: Blueprint, idx: StageIndex | None = None) -> Iterator[Edge]:
    """Data flows between tools, and stages to the tools that record their evidence."""
    idx = idx or StageIndex.build(bp)
    tool_ids = {t.id for t in bp.tools}
    for f in bp.flows:
        if f.from_ in tool_ids and f.to in tool_ids:
            yield Edge(
                tool_node(f.from_), tool_node(f.to), "flow", f.path, f.trigger or "", tuple(f.data)
            )
    for node in idx.nodes.values():
        for crit in node.stage.exit_criteria:
            if crit.recorded_in:
                tool, _, record = crit.recorded_in.partition(".")
                if tool in tool_ids:
                    yield Edge(
                        node.id,
                        tool_node(tool),
                        "recorded_in",
                        crit.path,
                        record,
                        (record,) if record else (),
                    )


class StageGraph:
    """Adjacency of one blueprint's stages; what the graph rules query."""

    def __init__(self, bp: Blueprint) -> None:
        self.index = StageIndex.build(bp)
        self.edges: list[Edge] = list(stage_edges(bp, self.index))
        self.succ: dict[str, list[Edge]] = {n: [] for n in self.index.nodes}
        self.pred: dict[str, list[Edge]] = {n: [] for n in self.index.nodes}
        for e in self.edges:
            self.succ[e.source].append(e)
            self.pred[e.target].append(e)

    def reachable(self, start: str, kinds: frozenset[EdgeKind] = STAGE_EDGE_KINDS) -> set[str]:
        seen = {start}
        todo = [start]
        while todo:
            n = todo.pop()
            for e in self.succ[n]:
                if e.kind in kinds and e.target not in seen:
                    seen.add(e.target)
                    todo.append(e.target)
        return seen

    def immediate_dominators(self, entry: str, kinds: frozenset[EdgeKind]) -> dict[str, str]:
        """The immediate dominator of every node reachable from ``entry`` over edges of ``kinds``.

        A node D dominates N when every path from ``entry`` to N passes D. ``entry`` maps to
        itself. Cooper, Harvey & Kennedy, "A Simple, Fast Dominance Algorithm" (2001): iterate
        over the nodes in reverse postorder, intersecting the dominators of the predecessors.
        """
        post: list[str] = []
        seen = {entry}
        stack: list[tuple[str, Iterator[Edge]]] = [(entry, iter(self.succ[entry]))]
        while stack:
            node, it = stack[-1]
            for e in it:
                if e.kind in kinds and e.target not in seen:
                    seen.add(e.target)
                    stack.append((e.target, iter(self.succ[e.target])))
                    break
            else:
                stack.pop()
                post.append(node)
        order = {n: i for i, n in enumerate(post)}  # postorder number: entry is the highest
        rpo = post[::-1]
        idom: dict[str, str] = {entry: entry}

        def intersect(a: str, b: str) -> str:
            while a != b:
                while order[a] < order[b]:
                    a = idom[a]
                while order[b] < order[a]:
                    b = idom[b]
            return a

        changed = True
        while changed:
            changed = False
            for n in rpo[1:]:
                new: str | None = None
                for e in self.pred[n]:
                    p = e.source
                    if e.kind not in kinds or p not in idom:
                        continue
                    new = p if new is None else intersect(p, new)
                if new is not None and idom.get(n) != new:
                    idom[n] = new
                    changed = True
        return idom

    def without(self, drop: Callable[[Edge], bool]) -> StageGraph:
        """A copy of this graph without the edges ``drop`` selects (same stages)."""
        g = object.__new__(StageGraph)
        g.index = self.index
        g.edges = [e for e in self.edges if not drop(e)]
        g.succ = {n: [e for e in es if not drop(e)] for n, es in self.succ.items()}
        g.pred = {n: [e for e in es if not drop(e)] for n, es in self.pred.items()}
        return g

    def dominators(self, node: str, idom: dict[str, str]) -> list[str]:
        """``node`` and its dominators, from ``node`` up to the entry (empty if unreachable)."""
        if node not in idom:
            return []
        out = [node]
        while idom[out[-1]] != out[-1]:
            out.append(idom[out[-1]])
        return out


def to_networkx(bp: Blueprint, tools: bool = True) -> nx.DiGraph:  # type: ignore[type-arg]
    """A networkx DiGraph of the blueprint's stages (and, with ``tools``, its tools).

    Node ids: a lifecycle stage is its id (``sql``), a deal stage ``pipeline.stage``
    (``new_business.won``), a tool ``tool:ID`` (``tool:crm``). Node attributes: ``kind``
    (:data:`NodeKind`: ``lifecycle_stage`` | ``deal_stage`` | ``tool``), ``label``, ``path``;
    ``terminal`` for stages, ``owner`` for lifecycle stages, ``pipeline`` and ``outcome`` for deal
    stages, ``category`` for tools.

    Edge attributes: ``kind`` (:data:`EdgeKind`, the first kind of move between the two nodes),
    ``kinds`` (all of them, in order), ``label`` and ``data``. Kinds: ``forward``, ``skip``,
    ``recycle``, ``lost``, ``handoff`` (moves within the lifecycle and the pipelines, see the
    module docs), ``pipeline`` and ``won`` (lifecycle to pipeline and back), and with ``tools``
    ``flow`` and ``recorded_in``.
    """
    import networkx as nx

    g: nx.DiGraph = nx.DiGraph(name=bp.name)  # type: ignore[type-arg]
    idx = StageIndex.build(bp)
    for nid, n in idx.nodes.items():
        attrs: dict[str, object] = {
            "kind": n.kind,
            "label": n.stage.label,
            "path": n.path,
            "terminal": n.is_terminal,
        }
        if isinstance(n.stage, DealStage):
            attrs.update(pipeline=n.pipeline.id if n.pipeline else None, outcome=n.stage.outcome)
        else:
            attrs.update(owner=n.stage.owner)
        g.add_node(nid, **attrs)
    edges = [*stage_edges(bp, idx), *link_edges(bp, idx)]
    if tools:
        for t in bp.tools:
            g.add_node(
                tool_node(t.id), kind="tool", label=t.label, path=t.path, category=t.category
            )
        edges += tool_edges(bp, idx)
    for e in edges:
        if g.has_edge(e.source, e.target):
            d = g.edges[e.source, e.target]
            d["kinds"] = (*d["kinds"], e.kind)
            d["data"] = tuple(dict.fromkeys((*d["data"], *e.data)))
        else:
            g.add_edge(e.source, e.target, kind=e.kind, kinds=(e.kind,), label=e.label, data=e.data)
    return g
