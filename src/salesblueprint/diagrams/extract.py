"""Views of a blueprint, extracted into the diagram IR.

A view selects from the one model: ``lifecycle`` (swimlanes per owning team), ``pipeline`` or
``pipeline:ID`` (deal stages, outcomes, after-close stages), ``tools`` (the tool map) and
``blueprint`` (all of it on one page). Stage and edge semantics come from
:mod:`salesblueprint.model.graph`; this module only decides what to show and how to group it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from salesblueprint.diagnostics.findings import SEVERITY_RANK, Finding, Path
from salesblueprint.diagrams.ir import (
    Diagram,
    Edge,
    Group,
    LegendItem,
    Line,
    Node,
    NodeKind,
    Status,
    clean,
    wrap,
)
from salesblueprint.model.blueprint import Blueprint, DealStage, LifecycleStage, Pipeline
from salesblueprint.model.graph import Edge as GraphEdge
from salesblueprint.model.graph import StageIndex, StageNode, stage_edges, tool_edges, tool_node

VIEWS = ("lifecycle", "pipeline", "tools", "blueprint")


class ViewError(ValueError):
    """An unknown view, or a ``pipeline:ID`` naming no pipeline."""


# legend texts, in the order they are listed
_NODE_LEGEND: dict[str, str] = {
    "stage": "stage (title, then what happens in it)",
    "deal_stage": "deal stage",
    "terminal": "terminal stage: contacts stay here",
    "won": "won outcome",
    "lost": "lost outcome, with lost reasons",
    "after_close": "stage after the win",
    "tool": "tool: its records; bold = the tool leads (system of record)",
    "note": "blind spots",
}
_EDGE_LEGEND: dict[str, str] = {
    "forward": "next stage",
    "handoff": "SLA handoff marketing → sales (follow-up time)",
    "skip": "skip: jumps ahead",
    "recycle": "recycle: goes back",
    "lost": "any open stage can be lost",
    "pipeline": "deals run in this pipeline",
    "flow": "data flow (records · triggering stage)",
    "recorded_in": "evidence recorded in",
}
_STATUS_LEGEND: dict[str, str] = {
    "error": "has an error finding",
    "warning": "has a warning finding",
    "info": "has an info finding",
}


@dataclass
class _Builder:
    bp: Blueprint
    findings: Sequence[Finding] | None
    index: StageIndex
    title: str
    view: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    edge_seen: set[tuple[str, str, str]] = field(default_factory=set)

    def group(self, title: str, kind: str, parent: str | None = None) -> str:
        gid = f"g{len(self.groups)}"
        self.groups.append(Group(gid, clean(title), kind, parent))  # type: ignore[arg-type]
        return gid

    def node(
        self,
        key: str,
        title: str,
        kind: NodeKind,
        lines: Iterable[Line] = (),
        group: str | None = None,
        path: Path | None = None,
    ) -> str:
        nid = f"n{len(self.nodes)}"
        self.ids[key] = nid
        status, extra = self.status(path) if path is not None else ("", [])
        self.nodes.append(
            Node(nid, clean(title), kind, (*lines, *extra), group, status, clean(key))
        )
        return nid

    def edge(self, e: GraphEdge, kind: str | None = None, label: str = "", **kw: object) -> None:
        src, dst = self.ids.get(e.source), self.ids.get(e.target)
        if src is None or dst is None:
            return
        k = kind or e.kind
        if (src, dst, k) in self.edge_seen:
            return
        self.edge_seen.add((src, dst, k))
        self.edges.append(Edge(src, dst, k, clean(label, 120), **kw))  # type: ignore[arg-type]

    def status(self, path: Path) -> tuple[Status, list[Line]]:
        if not self.findings:
            return "", []
        mine = [f for f in self.findings if _owner(f.node, self._owners) == path]
        if not mine:
            return "", []
        worst = min(mine, key=lambda f: SEVERITY_RANK[f.severity]).severity
        codes = sorted({f.rule for f in mine})
        text = f"{len(mine)} finding{'s' if len(mine) > 1 else ''}: {', '.join(codes)}"
        return worst, [Line(t, "finding") for t in wrap(text)]

    @cached_property
    def _owners(self) -> list[Path]:
        paths = [n.path for n in self.index.nodes.values()]
        return paths + [t.path for t in self.bp.tools]

    def diagram(self) -> Diagram:
        d = Diagram(self.title, self.view, self.nodes, self.edges, self.groups)
        node_kinds = {n.kind for n in d.nodes}
        edge_kinds = {e.kind for e in d.edges} - {"order"}
        d.legend = [LegendItem(k, t, "node") for k, t in _NODE_LEGEND.items() if k in node_kinds]
        d.legend += [LegendItem(k, t) for k, t in _EDGE_LEGEND.items() if k in edge_kinds]
        statuses = {n.status for n in d.nodes}
        if self.findings is not None:
            d.legend += [
                LegendItem(k, t, "node") for k, t in _STATUS_LEGEND.items() if k in statuses
            ]
            if not statuses - {""}:
                d.legend.append(LegendItem("note", "no findings on any stage", "node"))
        return d


def _owner(node: Path, owners: list[Path]) -> Path | None:
    best: Path | None = None
    for p in owners:
        if node[: len(p)] == p and (best is None or len(p) > len(best)):
            best = p
    return best


def _pct(x: float | None) -> str:
    return "" if x is None else f"{round(float(x) * 100):g}%"


def _team_title(bp: Blueprint, team: str | None) -> str:
    if team is None:
        return "No owner"
    t = bp.team(team)
    return (t.name if t and t.name else team).capitalize()


def _lanes(b: _Builder, owners: Iterable[str | None], parent: str | None = None) -> dict[str, str]:
    order = [t.id for t in b.bp.teams]
    present = list(dict.fromkeys(owners))
    ranked = sorted(present, key=lambda o: order.index(o) if o in order else len(order))
    return {str(o): b.group(f"{_team_title(b.bp, o)} lane", "lane", parent) for o in ranked}


def _lifecycle_lines(s: LifecycleStage, bp: Blueprint, compact: bool) -> list[Line]:
    lines: list[Line] = []
    if not compact:
        for a in s.actions:
            lines += [Line(t, "bullet") for t in wrap("• " + a)]
    facts = []
    if s.conversion_rate is not None:
        facts.append(f"converts {_pct(s.conversion_rate)}")
    if s.pipeline:
        p = bp.pipeline(s.pipeline)
        facts.append(f"deals: {p.label if p else s.pipeline}")
    if facts:
        lines += [Line(t, "muted") for t in wrap(" · ".join(facts))]
    return lines


def _add_lifecycle(b: _Builder, compact: bool = False) -> None:
    bp = b.bp
    if not bp.lifecycle:
        return
    stages = bp.lifecycle.stages
    lanes = _lanes(b, (s.owner for s in stages))
    for s in stages:
        kind: NodeKind = "terminal" if s.terminal else "stage"
        lines = _lifecycle_lines(s, bp, compact)
        if compact:
            lines += _evidence_tools(b, s.id)
        b.node(s.id, s.label, kind, lines, lanes[str(s.owner)], s.path)
    _lifecycle_edges(b)


def _lifecycle_edges(b: _Builder) -> None:
    edges = [e for e in stage_edges(b.bp, b.index) if b.index.nodes[e.source].kind != "deal_stage"]
    edges = [e for e in edges if b.index.nodes[e.target].kind != "deal_stage"]
    handoffs = {(e.source, e.target) for e in edges if e.kind == "handoff"}
    sla = b.bp.sla
    for e in edges:
        if e.kind == "forward" and (e.source, e.target) in handoffs:
            continue  # drawn as the handoff
        if e.kind == "handoff":
            label = "SLA handoff"
            if e.label:
                label += f": follow up within {e.label}"
            if sla and sla.handoff and sla.handoff.attempts:
                label += f", {sla.handoff.attempts} attempts"
            b.edge(e, label=label)
        elif e.kind == "recycle":
            b.edge(e, label=e.label)
        else:
            b.edge(e, label=e.label)


def _deal_lines(s: DealStage, compact: bool) -> list[Line]:
    lines: list[Line] = []
    facts = []
    if s.probability is not None:
        facts.append(f"{_pct(s.probability)} to win")
    if s.expected_days is not None:
        facts.append(f"~{s.expected_days} days")
    if s.outcome == "lost" and s.reasons:
        lines += [Line(t, "muted") for t in wrap("reasons: " + ", ".join(s.reasons))]
    if compact:
        if facts:
            lines.append(Line(" · ".join(facts), "muted"))
        return lines
    if s.rep_action:
        lines += [Line(t, "text") for t in wrap("Rep: " + s.rep_action)]
    for c in s.exit_criteria:
        lines += [Line(t, "criterion") for t in wrap("Exit: " + c.outcome)]
        where = " in ".join(x for x in (c.evidence, c.recorded_in) if x)
        if where:
            lines += [Line(t, "muted") for t in wrap("  " + where)]
    if facts:
        lines.append(Line(" · ".join(facts), "muted"))
    return lines


def _add_pipeline(b: _Builder, p: Pipeline, compact: bool = False) -> tuple[str, str]:
    """Add one pipeline in its own group; returns the group id and its entry stage's node id."""
    outer = b.group(f"Pipeline: {p.label}", "pipeline")
    opened = [s for s in p.stages if s.outcome is None]
    open_group = b.group("open stages", "open", outer) if opened else outer
    for s in p.stages:
        key = f"{p.id}.{s.id}"
        kind: NodeKind = "deal_stage" if s.outcome is None else s.outcome
        group = open_group if s.outcome is None else outer
        lines = _deal_lines(s, compact) + (_evidence_tools(b, key) if compact else [])
        b.node(key, s.label, kind, lines, group, s.path)
    if p.after_close:
        ac = b.group("after close", "after_close", outer)
        for s in p.after_close:
            key = f"{p.id}.{s.id}"
            lines = _deal_lines(s, compact) + (_evidence_tools(b, key) if compact else [])
            if s.owner and not compact:
                lines.insert(0, Line(clean(f"owner: {_team_title(b.bp, s.owner)}"), "muted"))
            b.node(key, s.label, "after_close", lines, ac, s.path)
    own = {f"{p.id}.{s.id}" for s in [*p.stages, *p.after_close]}
    last_open = f"{p.id}.{opened[-1].id}" if opened else None
    lost_done: set[str] = set()
    for e in stage_edges(b.bp, b.index):
        if e.source not in own or e.target not in own:
            continue
        if e.kind == "lost":
            # one edge from the open-stages box to each lost stage, not one per open stage
            if e.target not in lost_done and last_open:
                lost_done.add(e.target)
                b.edge(GraphEdge(last_open, e.target, "lost"), from_group=open_group)
        elif e.kind == "recycle":
            b.edge(e, label=e.label)
        else:
            b.edge(e, label=e.label)
    first = p.stages[0]
    return outer, b.ids[f"{p.id}.{first.id}"]


def _add_tools(b: _Builder, compact: bool = False) -> None:
    bp = b.bp
    if not bp.tools:
        return
    outer = b.group("Tools", "tools") if compact else None
    cats = list(dict.fromkeys(t.category or "other" for t in bp.tools))
    groups = {c: b.group(_category_title(c), "category", outer) for c in cats}
    for t in bp.tools:
        lines: list[Line] = []
        sor = set(t.system_of_record)
        if compact:
            if t.system_of_record:
                text = "system of record: " + ", ".join(t.system_of_record)
                lines += [Line(x, "mark") for x in wrap(text)]
        else:
            for r in dict.fromkeys([*t.records, *t.system_of_record]):
                if r in sor:
                    lines.append(Line(clean(f"{r} (system of record)"), "mark"))
                else:
                    lines.append(Line(clean(f"• {r}"), "bullet"))
        b.node(tool_node(t.id), t.label, "tool", lines, groups[t.category or "other"], t.path)
    if compact:  # side by side, in a row above the lanes, not a tall column
        ids = [b.ids[tool_node(t.id)] for t in bp.tools]
        b.edges += [Edge(x, y, "order") for x, y in itertools.pairwise(ids)]


_CATEGORY_TITLES = {"crm": "CRM", "erp": "ERP", "cpq": "CPQ"}


def _category_title(c: str) -> str:
    if c in _CATEGORY_TITLES:
        return _CATEGORY_TITLES[c]
    text = c.replace("_", " ")
    return text[:1].upper() + text[1:]


def _evidence_tools(b: _Builder, key: str) -> list[Line]:
    """Blueprint view: where the stage's evidence is recorded, as a line in the stage."""
    tools: list[str] = []
    for c in b.index.nodes[key].stage.exit_criteria:
        t = b.bp.tool((c.recorded_in or "").partition(".")[0])
        if t and t.label not in tools:
            tools.append(t.label)
    if not tools:
        return []
    return [Line(x, "mark") for x in wrap("evidence in: " + ", ".join(tools))]


def _stage_label(b: _Builder, ref: str) -> str:
    nid = b.index.resolve(ref)
    return b.index.nodes[nid].stage.label if nid else ref


def _tool_flows(b: _Builder) -> None:
    for e in tool_edges(b.bp, b.index):
        if e.kind != "flow":
            continue
        parts = [", ".join(e.data)] if e.data else []
        if e.label:
            parts.append(f"on {_stage_label(b, e.label)}")
        b.edge(e, label=" · ".join(parts))


def _blind_spots(b: _Builder) -> None:
    bp = b.bp
    spots: list[str] = []
    sor: dict[str, list[str]] = {}
    for t in bp.tools:
        for r in t.system_of_record:
            sor.setdefault(r, []).append(t.label)
    records = sorted({r for t in bp.tools for r in t.records})
    for r in records:
        if r not in sor:
            spots.append(f"{r}: no system of record")
    for r, owners in sorted(sor.items()):
        if len(owners) > 1:
            spots.append(f"{r}: {len(owners)} systems of record")
    unrecorded = [
        n.stage.label
        for n in b.index.nodes.values()
        if n.stage.exit_criteria and not any(c.recorded_in for c in n.stage.exit_criteria)
    ]
    if unrecorded:
        spots.append("evidence not recorded in a tool: " + ", ".join(unrecorded))
    if not spots:
        return
    lines = [Line(t, "bullet") for s in spots for t in wrap("• " + s)]
    b.node("note:blind_spots", "Blind spots", "note", lines[:40])


def _pipelines_for(bp: Blueprint, view: str) -> list[Pipeline]:
    _, _, pid = view.partition(":")
    if not pid:
        return list(bp.pipelines)
    p = bp.pipeline(pid)
    if p is None:
        known = ", ".join(x.id for x in bp.pipelines) or "none"
        raise ViewError(f"no pipeline {pid!r} in this blueprint (pipelines: {known})")
    return [p]


def extract(bp: Blueprint, view: str, findings: Sequence[Finding] | None = None) -> Diagram:
    """The IR of one view of ``bp``; with ``findings``, stages carry their worst severity."""
    base = view.split(":", 1)[0]
    if base not in VIEWS or (":" in view and base != "pipeline"):
        raise ViewError(
            f"unknown view {view!r}; choose lifecycle, pipeline, pipeline:ID, tools or blueprint"
        )
    idx = StageIndex.build(bp)
    names = {"lifecycle": "lifecycle", "pipeline": "pipeline", "tools": "tool map"}
    names["blueprint"] = "sales blueprint"
    b = _Builder(bp, findings, idx, "", view)
    if base == "lifecycle":
        _add_lifecycle(b)
    elif base == "pipeline":
        pipes = _pipelines_for(bp, view)
        for p in pipes:
            _add_pipeline(b, p)
        if len(pipes) == 1:
            names["pipeline"] = f"pipeline {pipes[0].label}"
    elif base == "tools":
        _add_tools(b)
        _tool_flows(b)
        _blind_spots(b)
    else:
        _add_lifecycle(b, compact=True)
        for p in bp.pipelines:
            group, entry = _add_pipeline(b, p, compact=True)
            for n in _attached(idx, p):
                deals = Edge(b.ids[n.id], entry, "pipeline", to_group=group, constraint=False)
                b.edges.append(deals)
        _add_tools(b, compact=True)
    b.title = clean(f"{bp.name} — {names[base]}", 160)
    return b.diagram()


def _attached(idx: StageIndex, p: Pipeline) -> list[StageNode]:
    return [
        n
        for n in idx.nodes.values()
        if isinstance(n.stage, LifecycleStage) and n.stage.pipeline == p.id
    ]
