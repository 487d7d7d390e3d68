"""Views of a blueprint, extracted into the diagram IR.

A view selects from the one model; each view is a module in :mod:`salesblueprint.diagrams.views`
(``lifecycle``, ``pipeline`` / ``pipeline:ID``, ``tools``, ``blueprint``) that fills a
:class:`Builder` with the building blocks here. Stage and edge semantics come from
:mod:`salesblueprint.model.graph`; this module only decides what to show and how to group it.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from salesblueprint.diagnostics.findings import SEVERITY_RANK, Finding, Path
from salesblueprint.diagrams import chrome
from salesblueprint.diagrams.ir import (
    FREE_IN_ROWS,
    WRAP,
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
from salesblueprint.diagrams.views import PAGE_MODES, ViewError, load_all, parse
from salesblueprint.i18n import Translator, display, translator
from salesblueprint.model.blueprint import (
    Blueprint,
    DealStage,
    DisplayNames,
    LifecycleStage,
    Pipeline,
    Tool,
)
from salesblueprint.model.graph import Edge as GraphEdge
from salesblueprint.model.graph import EdgeKind as GraphEdgeKind
from salesblueprint.model.graph import StageIndex, stage_edges, tool_edges, tool_node

if TYPE_CHECKING:  # the module's own types; at run time, the texts in the diagram's language
    from salesblueprint.diagrams import chrome as C
else:
    from salesblueprint.diagrams.chrome import C

VIEWS = tuple(load_all())
"""The view names, from the registry (:mod:`salesblueprint.diagrams.views`)."""

_MOVES: frozenset[GraphEdgeKind] = frozenset({"recycle", "skip"})
"""The moves written as lines in the stage they start from (ways back and skips)."""
_ENTERING: frozenset[GraphEdgeKind] = frozenset({"forward", "handoff"})
"""The moves that make a terminal lifecycle stage part of the main flow, not a side exit."""

ROW = 9
"""Most stages side by side in one row of the blueprint view; a longer pipeline wraps into
rows (a sales manager's slide stays readable instead of shrinking)."""

CARD_WRAP = 28
"""Characters per line in the blueprint view's cards: narrow cards, so a row fits a slide."""

SHORT = 64
SHORT_EVIDENCE = 44
"""Characters an exit criterion keeps in the blueprint view; the tooltip has the whole text."""

MAX_FINDING_LINES = 3
"""Findings written out per stage; the rest are counted (and all are in the tooltip)."""


@dataclass
class _Builder:
    """What a view builds: nodes, edges and groups (the view modules fill it in)."""

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
    rows: dict[str, int] = field(default_factory=dict)  # node id -> row (blueprint view)
    width: int = WRAP  # characters per line in a card
    # the row layout's sections (tools, lifecycle, each pipeline): lanes of node keys
    sections: list[list[list[str]]] = field(default_factory=list)
    next_row: int = 0
    # pipeline id -> its page, when the blueprint view is split into pages
    pipeline_pages: dict[str, int] = field(default_factory=dict)
    # cards per row of the blueprint view; None: the width estimated closest to a slide
    row_width: int | None = None

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
        tooltip: Iterable[str] = (),
    ) -> str:
        nid = f"n{len(self.nodes)}"
        self.ids[key] = nid
        status, extra, tips = self.status(path) if path is not None else ("", [], [])
        tip = tuple(clean(t) for t in [*tooltip, *tips] if t)
        if tip:
            tip = (clean(title), *tip)
        self.nodes.append(
            Node(nid, clean(title), kind, (*lines, *extra), group, status, clean(key), tip)
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

    def status(self, path: Path) -> tuple[Status, list[Line], list[str]]:
        """The worst severity of the findings on the node at ``path``, a few of them in words
        (norm or rule name, short message) and all of them with their codes for the tooltip."""
        if not self.findings:
            return "", [], []
        mine = [f for f in self.findings if _owner(f.node, self._owners) == path]
        if not mine:
            return "", [], []
        mine.sort(key=lambda f: (SEVERITY_RANK[f.severity], f.rule, f.message))
        worst = mine[0].severity
        lines: list[Line] = []
        for f in mine[:MAX_FINDING_LINES]:
            text = C.FINDING.format(
                mark=C.SEVERITY_MARK[f.severity], what=_finding_what(f), message=_short(f.message)
            )
            lines += [Line(t, "finding") for t in wrap(text, self.width)]
        if len(mine) > MAX_FINDING_LINES:
            lines.append(Line(C.FINDING_MORE.format(count=len(mine) - MAX_FINDING_LINES), "muted"))
        tips = [
            C.FINDING_TIP.format(rule=f.rule, name=f.name, severity=f.severity, message=f.message)
            for f in mine
        ]
        return worst, lines, tips

    @cached_property
    def _owners(self) -> list[Path]:
        paths = [n.path for n in self.index.nodes.values()]
        return paths + [t.path for t in self.bp.tools]

    def diagram(self) -> Diagram:
        if self.rows:
            self.nodes = [dataclasses.replace(n, row=self.rows.get(n.id)) for n in self.nodes]
            self.edges += _row_order(self.nodes)
            # an invisible order edge beside a drawn edge between the same two cards is not
            # needed when the drawn edge orders them, and two flat edges on one pair trip old
            # Graphviz versions; between rows, beside a way back, a skip or a lost edge (they
            # do not order the rows) it is kept, else with Graphviz 2.43 the row of lost
            # outcomes floats to the top
            row = {n.id: n.row for n in self.nodes}
            drawn = {
                frozenset((e.source, e.target))
                for e in self.edges
                if e.kind != "order"
                and (
                    (e.constraint and e.kind not in FREE_IN_ROWS)
                    or row.get(e.source) == row.get(e.target)
                )
            }
            self.edges = [
                e
                for e in self.edges
                if e.kind != "order" or frozenset((e.source, e.target)) not in drawn
            ]
        d = Diagram(self.title, self.view, self.nodes, self.edges, self.groups)
        node_kinds = {n.kind for n in d.nodes}
        edge_kinds = {e.kind for e in d.edges} - {"order"}
        texts = C.NODE_LEGEND
        if self.rows:
            texts = {**texts, **C.NODE_LEGEND_BLUEPRINT}
        d.legend = [LegendItem(k, t, "node") for k, t in texts.items() if k in node_kinds]
        d.legend += [LegendItem(k, t) for k, t in C.EDGE_LEGEND.items() if k in edge_kinds]
        statuses = {n.status for n in d.nodes}
        if self.findings is not None:
            d.legend += [
                LegendItem(k, t, "node") for k, t in C.STATUS_LEGEND.items() if k in statuses
            ]
            if not statuses - {""}:
                d.legend.append(LegendItem("note", C.NO_FINDINGS, "node"))
        return d


Builder = _Builder


def _row_order(nodes: list[Node]) -> list[Edge]:
    """Invisible edges from the first node of each row to the first of the next: the rows
    stack top to bottom in order."""
    first: dict[int, str] = {}
    for n in nodes:
        if n.row is not None:
            first.setdefault(n.row, n.id)
    heads = [first[r] for r in sorted(first)]
    return [Edge(x, y, "order") for x, y in itertools.pairwise(heads)]


def _finding_what(f: Finding) -> str:
    """The norm or the rule, in words: ``buyer-centric`` → ``Buyer-centric``."""
    words = f.norm.replace("_", " ") if f.norm else f.name.replace("-", " ")
    return words[:1].upper() + words[1:]


def _short(message: str, limit: int = 80) -> str:
    """The first clause of a finding's message (before ``:`` or ``;``), at most ``limit``."""
    head = message
    for sep in (": ", "; "):
        head = head.split(sep, 1)[0]
    return _shorten(head, limit)  # cut at a word, not inside one


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
        return C.NO_OWNER
    t = bp.team(team)
    return (t.name if t and t.name else team).capitalize()


def _lanes(b: _Builder, owners: Iterable[str | None], parent: str | None = None) -> dict[str, str]:
    order = [t.id for t in b.bp.teams]
    present = list(dict.fromkeys(owners))
    ranked = sorted(present, key=lambda o: order.index(o) if o in order else len(order))
    return {
        str(o): b.group(C.LANE.format(team=_team_title(b.bp, o)), "lane", parent) for o in ranked
    }


def _moves(b: _Builder, key: str) -> list[Line]:
    """The ways back and the skips that start at stage ``key``, each with its reason: the
    reasons are written in the stage, so no edge needs a label."""
    lines: list[Line] = []
    seen: set[tuple[str, str, str]] = set()
    for e in _stage_moves(b):
        if e.source != key or e.kind not in _MOVES or (e.kind, e.target, e.label) in seen:
            continue
        seen.add((e.kind, e.target, e.label))
        stage = _stage_label(b, e.target)
        if e.kind == "recycle":
            text = C.BACK_TO.format(stage=stage, reason=e.label) if e.label else None
            text = text or C.BACK_TO_PLAIN.format(stage=stage)
            lines += [Line(t, "back") for t in wrap(text, b.width)]
        else:
            text = C.SKIP_TO.format(stage=stage, reason=e.label) if e.label else None
            text = text or C.SKIP_TO_PLAIN.format(stage=stage)
            lines += [Line(t, "skip") for t in wrap(text, b.width)]
    return lines


def _stage_moves(b: _Builder) -> list[GraphEdge]:
    return list(stage_edges(b.bp, b.index))


def _criteria(
    b: _Builder, s: LifecycleStage | DealStage, short: bool
) -> tuple[list[Line], list[str]]:
    """Exit criteria with their evidence and the tool it is recorded in; ``short`` cuts long
    criteria (the whole text goes to the tooltip, the second value)."""
    lines: list[Line] = []
    tips: list[str] = []
    for c in s.exit_criteria:
        text = C.EXIT.format(text=c.outcome)
        tool = _tool_label(b, c.recorded_in)
        tips.append(C.FACTS_SEP.join(x for x in (text, _where(c.evidence, tool)) if x))
        evidence = _shorten(c.evidence, SHORT_EVIDENCE) if short and c.evidence else c.evidence
        where = _where(evidence, tool)  # the tool is never cut
        if short:
            text = _shorten(text, SHORT)
        lines += [Line(t, "criterion") for t in wrap(text, b.width)]
        if where:
            lines += [Line(t, "muted") for t in wrap(where, b.width)]
    return lines, tips if short else []


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, ending in "…"."""
    out = clean(text)
    if len(out) <= limit:
        return out
    cut = out[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _where(evidence: str | None, tool: str) -> str:
    if evidence and tool:
        return C.EVIDENCE.format(evidence=evidence, tool=tool)
    if tool:
        return C.EVIDENCE_TOOL.format(tool=tool)
    return evidence or ""


def _tool_label(b: _Builder, ref: str | None) -> str:
    if not ref:
        return ""
    t = b.bp.tool(ref.partition(".")[0])
    return t.label if t else ""


def _lifecycle_lines(b: _Builder, s: LifecycleStage, full: bool) -> tuple[list[Line], list[str]]:
    bp = b.bp
    lines: list[Line] = []
    tips: list[str] = []
    if full:  # the owning team on the card itself: the row layout has no lane titles
        lines.append(Line(clean(_team_title(bp, s.owner)), "team"))
    for a in s.actions:
        lines += [Line(t, "bullet") for t in wrap(C.ACTION.format(text=a), b.width)]
    if full and s.pipeline:
        p = bp.pipeline(s.pipeline)
        team = _team_title(bp, p.owner if p and p.owner else s.owner)
        label = p.label if p else s.pipeline
        page = b.pipeline_pages.get(s.pipeline)
        if page is None:
            text = C.TEAM_WORKS_DEALS.format(team=team, pipeline=label)
        else:
            text = C.TEAM_WORKS_DEALS_PAGE.format(team=team, pipeline=label, page=page)
        lines += [Line(t, "team") for t in wrap(text, b.width)]
    if full:
        crit, tips = _criteria(b, s, short=True)
        lines += crit
        lines += _flows_at(b, s.id)
    facts = []
    if s.conversion_rate is not None:
        facts.append(C.CONVERTS.format(pct=_pct(s.conversion_rate)))
    if s.pipeline and not full:
        p = bp.pipeline(s.pipeline)
        facts.append(C.DEALS_IN.format(pipeline=p.label if p else s.pipeline))
    if facts:
        lines += [Line(t, "muted") for t in wrap(C.FACTS_SEP.join(facts), b.width)]
    if s.lead_conversion is not None:
        text = C.LEAD_CONVERTED.format(records=C.LIST_SEP.join(s.lead_conversion.creates))
        lines += [Line(t, "mark") for t in wrap(text, b.width)]
    lines += _moves(b, s.id)
    return lines, tips


def _flows_at(b: _Builder, key: str) -> list[Line]:
    """The data flows the stage ``key`` triggers: the tools this step uses."""
    lines: list[Line] = []
    for e in tool_edges(b.bp, b.index):
        if e.kind != "flow" or not e.label or b.index.resolve(e.label) != key:
            continue
        src = b.bp.tool(e.source.partition(":")[2])
        dst = b.bp.tool(e.target.partition(":")[2])
        if src is None or dst is None:
            continue
        records = C.LIST_SEP.join(e.data)
        text = C.DATA_FLOW.format(source=src.label, target=dst.label, records=records)
        lines += [Line(t, "mark") for t in wrap(text, b.width)]
    return lines


def _add_lifecycle(b: _Builder, full: bool = False) -> None:
    bp = b.bp
    if not bp.lifecycle:
        return
    stages = list(bp.lifecycle.stages)
    lanes = _lanes(b, (s.owner for s in stages))
    side: set[str] = set()
    if full:  # lane by lane, the stage that hands off last in its lane: next to the handoff
        lane_order = list(lanes)
        h = bp.sla.handoff if bp.sla else None
        stages.sort(
            key=lambda s: (lane_order.index(str(s.owner)), h is not None and s.id == h.from_)
        )
        side = _side_exits(b)
    for s in stages:
        kind: NodeKind = "terminal" if s.terminal else "stage"
        lines, tips = _lifecycle_lines(b, s, full)
        # a side exit (a terminal stage only skipped to, like "Other") goes after the lanes,
        # so the main flow runs straight; its card names its team
        group = None if s.id in side else lanes[str(s.owner)]
        b.node(s.id, s.label, kind, lines, group, s.path, tips)
    _lifecycle_edges(b, lanes if full else None)
    if full:
        _lifecycle_rows(b, lanes, [s.id for s in stages if s.id in side])


def _side_exits(b: _Builder) -> set[str]:
    """Terminal lifecycle stages that no forward move or handoff enters."""
    bp = b.bp
    assert bp.lifecycle is not None
    entered = {e.target for e in _stage_moves(b) if e.kind in _ENTERING}
    return {s.id for s in bp.lifecycle.stages if s.terminal and s.id not in entered}


def _handoff_text(b: _Builder, e: GraphEdge) -> str:
    label = C.HANDOFF_EDGE
    if e.label:
        label = C.HANDOFF_EDGE_TIME.format(time=e.label)
    sla = b.bp.sla
    if sla and sla.handoff and sla.handoff.attempts:
        label = C.HANDOFF_EDGE_ATTEMPTS.format(
            label=label, attempts=chrome.n_attempts(sla.handoff.attempts)
        )
    return label


def _lifecycle_edges(b: _Builder, lanes: dict[str, str] | None = None) -> None:
    edges = [e for e in _stage_moves(b) if b.index.nodes[e.source].kind != "deal_stage"]
    edges = [e for e in edges if b.index.nodes[e.target].kind != "deal_stage"]
    handoffs = {(e.source, e.target) for e in edges if e.kind == "handoff"}
    for e in edges:
        if e.kind == "forward" and (e.source, e.target) in handoffs:
            continue  # drawn as the handoff
        if e.kind == "handoff" and lanes is not None:
            _handoff_node(b, e, lanes)
        elif e.kind == "handoff":
            b.edge(e, label=_handoff_text(b, e))
        else:
            b.edge(e)  # skips and ways back: their reasons are lines in the source stage


def _handoff_node(b: _Builder, e: GraphEdge, lanes: dict[str, str]) -> None:
    """The blueprint view's handoff: a box of its own at the start of the receiving lane (the
    follow-up is that team's promise), with the SLA's time and attempts: no label on an edge."""
    target = b.index.nodes[e.target].stage
    lines: list[Line] = []
    if e.label:
        lines.append(Line(clean(C.HANDOFF_FOLLOW_UP.format(time=e.label)), "strong"))
    sla = b.bp.sla
    if sla and sla.handoff and sla.handoff.attempts:
        lines.append(Line(chrome.n_attempts(sla.handoff.attempts), "text"))
    key = f"handoff:{e.source}"
    title = C.HANDOFF.format(team=_team_title(b.bp, target.owner))
    path = sla.handoff.path if sla and sla.handoff else None
    b.node(key, title, "handoff", lines, lanes.get(str(target.owner)), path)
    b.edge(GraphEdge(e.source, key, "handoff"))
    b.edge(GraphEdge(key, e.target, "handoff"))


def _rows(b: _Builder, chunks: list[list[str]]) -> None:
    """Give the node keys of each chunk the next free row, in that order from left to right
    (invisible edges keep the order)."""
    for chunk in chunks:
        if chunk:
            row = b.next_row
            b.next_row += 1
            for key in chunk:
                b.rows[b.ids[key]] = row
            ids = [b.ids[k] for k in chunk]
            b.edges += [Edge(x, y, "order") for x, y in itertools.pairwise(ids)]


CARD_SIZE = (190.0, 14.0, 40.0)
"""Estimated card width, height per line and height of the rest (title, padding, gaps) in
points, for choosing the row width before Graphviz lays the cards out."""
SLIDE = 16 / 9


MIN_ROW = 4
"""The fewest cards per row the estimate chooses; narrower rows are only tried when a laid-out
page does not fit (:data:`NARROW_ROW` cards at the least)."""
NARROW_ROW = 2


def _widths(b: _Builder) -> list[tuple[int, float]]:
    """The cards per row worth trying, each with the estimated scale of its picture on a
    1920 × 1080 slide (pixels per point): from :data:`ROW` down to :data:`MIN_ROW` the closest
    to a 16:9 slide first (the text is as large as it can be when the picture fills the
    slide), then the narrower ones, narrowest last; a width that packs the cards into the same
    rows as a better one is left out."""
    lines = {n.key: len(n.lines) + 1 for n in b.nodes}
    card_w, line_h, extra = CARD_SIZE
    seen: set[tuple[tuple[str, ...], ...]] = set()
    wide: list[tuple[int, float]] = []
    narrow: list[tuple[int, float]] = []
    for width in range(ROW, NARROW_ROW - 1, -1):
        rows = [r for sec in b.sections for r in _pack(sec, width)]
        w = max((len(r) for r in rows), default=1) * card_w
        h = 60 + sum(max(lines.get(k, 1) for k in r) * line_h + extra for r in rows if r)
        scale = min(1920 / w, 1080 / h)
        (wide if width >= MIN_ROW else narrow).append((width, scale))
    wide.sort(key=lambda ws: -ws[1])  # stable: of equal scales, the wider rows first
    out: list[tuple[int, float]] = []
    for width, scale in [*wide, *narrow]:
        packed = tuple(tuple(r) for sec in b.sections for r in _pack(sec, width))
        if packed not in seen:
            seen.add(packed)
            out.append((width, scale))
    return out


def _fit(b: _Builder) -> tuple[int, float]:
    """The cards per row (from :data:`ROW` down to :data:`MIN_ROW`) whose estimated picture
    is closest to a 16:9 slide, and its estimated scale on a 1920 × 1080 slide."""
    return _widths(b)[0]


def _pack(sizes: list[list[str]], width: int = ROW) -> list[list[str]]:
    """Lanes (lists of node keys) packed into rows of at most ``width`` cards; a lane is only
    split when it is wider than a row on its own."""
    rows: list[list[str]] = [[]]
    for lane in sizes:
        if rows[-1] and len(rows[-1]) + len(lane) > width:
            rows.append([])
        for key in lane:
            if len(rows[-1]) >= width:
                rows.append([])
            rows[-1].append(key)
    return rows


def _lifecycle_rows(b: _Builder, lanes: dict[str, str], side: list[str]) -> None:
    by_group: dict[str, list[str]] = {g: [] for g in lanes.values()}
    for n in b.nodes:
        if n.group in by_group:
            by_group[n.group].append(n.key)
    for keys in by_group.values():  # the handoff box first in the receiving lane
        keys.sort(key=lambda k: not k.startswith("handoff:"))
    b.sections.append([*by_group.values(), *([k] for k in side)])


def _deal_lines(b: _Builder, s: DealStage, full: bool, key: str) -> tuple[list[Line], list[str]]:
    lines: list[Line] = []
    facts = []
    if s.probability is not None:
        facts.append(C.TO_WIN.format(pct=_pct(s.probability)))
    if s.expected_days is not None:
        facts.append(C.DAYS.format(days=s.expected_days))
    if s.outcome == "lost" and s.reasons:
        shown = [_shown(r, "reasons", b.bp.display_names) for r in s.reasons]
        text = C.REASONS.format(reasons=C.LIST_SEP.join(shown))
        lines += [Line(t, "muted") for t in wrap(text, b.width)]
    if s.rep_action:
        lines += [Line(t, "text") for t in wrap(C.REP.format(text=s.rep_action), b.width)]
    crit, tips = _criteria(b, s, short=full)
    lines += crit
    if full:
        lines += _flows_at(b, key)
    if facts:
        lines.append(Line(C.FACTS_SEP.join(facts), "muted"))
    lines += _moves(b, key)
    return lines, tips


def _add_pipeline(b: _Builder, p: Pipeline, full: bool = False) -> str:
    """Add one pipeline in its own group; returns the group id. In the blueprint view
    (``full``) a pipeline longer than :data:`ROW` stages wraps into rows."""
    if full and p.owner:
        title = C.PIPELINE_OWNED.format(label=p.label, team=_team_title(b.bp, p.owner))
    else:
        title = C.PIPELINE.format(label=p.label)
    outer = b.group(title, "pipeline")
    opened = [s for s in p.stages if s.outcome is None]
    # no box around the open stages in the row layout: a cluster inside the pipeline's cluster
    # cannot wrap into rows, and Graphviz 2.43 (Debian's) puts the cards that follow a nested
    # cluster in a row on its left: the picture comes out twice as wide
    open_group = b.group(C.OPEN_STAGES, "open", outer) if opened and not full else outer
    for s in p.stages:
        key = f"{p.id}.{s.id}"
        kind: NodeKind = "deal_stage" if s.outcome is None else s.outcome
        group = open_group if s.outcome is None else outer
        lines, tips = _deal_lines(b, s, full, key)
        b.node(key, s.label, kind, lines, group, s.path, tips)
    if p.after_close:
        # the row layout keeps the won outcome and the stages after it in one group, in order
        ac = outer if full else b.group(C.AFTER_CLOSE, "after_close", outer)
        for s in p.after_close:
            key = f"{p.id}.{s.id}"
            lines, tips = _deal_lines(b, s, full, key)
            owner = C.AFTER_CLOSE_OWNER if full else C.OWNER
            if s.owner:
                team = _team_title(b.bp, s.owner)
                lines.insert(0, Line(clean(owner.format(team=team)), "muted"))
            elif full:
                lines.insert(0, Line(C.AFTER_CLOSE, "muted"))
            b.node(key, s.label, "after_close", lines, ac, s.path, tips)
    own = {f"{p.id}.{s.id}" for s in [*p.stages, *p.after_close]}
    last_open = f"{p.id}.{opened[-1].id}" if opened else None
    lost_done: set[str] = set()
    if full:  # open stages, the outcomes side by side, after close; wrapped at ROW cards
        # the lost outcomes last: the won path runs straight into the stages after close
        ordered = [*opened, *(s for s in p.stages if s.outcome == "won"), *p.after_close]
        ordered += [s for s in p.stages if s.outcome == "lost"]
        keys = [f"{p.id}.{s.id}" for s in ordered]
        b.sections.append([[k] for k in dict.fromkeys(keys)])
    for e in _stage_moves(b):
        if e.source not in own or e.target not in own:
            continue
        if e.kind == "lost":
            # one edge from the open-stages box to each lost stage, not one per open stage
            if e.target not in lost_done and last_open:
                lost_done.add(e.target)
                box = open_group if open_group != outer else None
                b.edge(GraphEdge(last_open, e.target, "lost"), from_group=box)
        else:
            b.edge(e)  # ways back: their reasons are lines in the source stage
    return outer


def _add_tools(b: _Builder, compact: bool = False) -> None:
    bp = b.bp
    if not bp.tools:
        return
    if compact:  # one row of tool cards above the lanes; the category is a line in the card
        outer = b.group(C.TOOLS, "tools")
        for t in bp.tools:
            lines = _tool_lines(t, True, b.width, bp.display_names)
            b.node(tool_node(t.id), t.label, "tool", lines, outer, t.path)
        b.sections.append([[tool_node(t.id)] for t in bp.tools])
        return
    cats = list(dict.fromkeys(t.category or C.OTHER_CATEGORY for t in bp.tools))
    names = bp.display_names
    groups = {c: b.group(_category_title(c, names), "category") for c in cats}
    for t in bp.tools:
        group = groups[t.category or C.OTHER_CATEGORY]
        b.node(tool_node(t.id), t.label, "tool", _tool_lines(t, False, names=names), group, t.path)


def _tool_lines(
    t: Tool, compact: bool, width: int = WRAP, names: DisplayNames | None = None
) -> list[Line]:
    """A tool's records: the ones it is the system of record for in bold."""
    sor = list(dict.fromkeys(t.system_of_record))
    others = [r for r in dict.fromkeys(t.records) if r not in sor]
    lines: list[Line] = []
    if compact:
        if t.category:
            lines.append(Line(clean(_category_title(t.category, names)), "muted"))
        if sor:
            shown = [_shown(r, "records", names) for r in sor]
            text = C.SYSTEM_OF_RECORD.format(records=C.LIST_SEP.join(shown))
            lines += [Line(x, "mark") for x in wrap(text, width)]
        if others:
            shown = [_shown(r, "records", names) for r in others]
            text = C.ALSO_HOLDS.format(records=C.LIST_SEP.join(shown))
            lines += [Line(x, "text") for x in wrap(text, width)]
        return lines
    # the records it is the system of record for first, then the others: bold lines together
    for r in dict.fromkeys([*sor, *t.records]):
        shown_r = _shown(r, "records", names)
        if r in sor:
            lines.append(Line(clean(C.RECORD_SOR.format(record=shown_r)), "mark"))
        else:
            lines.append(Line(clean(C.RECORD.format(record=shown_r)), "bullet"))
    return lines


def _category_title(c: str, names: DisplayNames | None = None) -> str:
    if names is not None and c in names.categories:
        return names.categories[c]
    if c in C.CATEGORY_TITLES:
        return C.CATEGORY_TITLES[c]
    text = c.replace("_", " ")
    return text[:1].upper() + text[1:]


def _stage_label(b: _Builder, ref: str) -> str:
    nid = b.index.resolve(ref)
    return b.index.nodes[nid].stage.label if nid else ref


def _tool_flows(b: _Builder) -> None:
    for e in tool_edges(b.bp, b.index):
        if e.kind != "flow":
            continue
        parts = [C.LIST_SEP.join(e.data)] if e.data else []
        if e.label:
            parts.append(C.FLOW_ON.format(stage=_stage_label(b, e.label)))
        b.edge(e, label=C.FACTS_SEP.join(parts))


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
            spots.append(C.NO_SOR.format(record=r))
    for r, owners in sorted(sor.items()):
        if len(owners) > 1:
            spots.append(C.MANY_SOR.format(record=r, count=len(owners)))
    unrecorded = [
        n.stage.label
        for n in b.index.nodes.values()
        if n.stage.exit_criteria and not any(c.recorded_in for c in n.stage.exit_criteria)
    ]
    if unrecorded:
        spots.append(C.UNRECORDED.format(stages=C.LIST_SEP.join(unrecorded)))
    if not spots:
        return
    lines = [Line(t, "bullet") for s in spots for t in wrap(C.ACTION.format(text=s))]
    b.node("note:blind_spots", C.BLIND_SPOTS, "note", lines[:40])


def _pipelines_for(bp: Blueprint, pid: str) -> list[Pipeline]:
    if not pid:
        return list(bp.pipelines)
    p = bp.pipeline(pid)
    if p is None:
        known = ", ".join(x.id for x in bp.pipelines) or "none"
        raise ViewError(f"no pipeline {pid!r} in this blueprint (pipelines: {known})")
    return [p]


MIN_SCALE = 0.95
"""Below this estimated slide scale (pixels per point on a 1920 × 1080 slide) one page does
not fit in ``auto`` mode: 10-point text would shrink under 9 px."""

SURE_SCALE = 1.8
"""At or above this estimated slide scale one page surely fits; between the two, the real
layout decides (the estimate is rough: Graphviz does not align the rows)."""


def _check_view(view: str) -> str:
    """The name of the view ``view`` spells; :class:`ViewError` when it names none."""
    return parse(view)[0].name


def extract(
    bp: Blueprint,
    view: str,
    findings: Sequence[Finding] | None = None,
    tr: Translator | None = None,
    row_width: int | None = None,
) -> Diagram:
    """The IR of one view of ``bp``; with ``findings``, stages carry their worst severity and
    the findings in words. Its texts are in ``tr``'s language, or else the blueprint's;
    ``row_width`` sets the cards per row of the blueprint view."""
    with chrome.speaking(tr or translator(bp.language)):
        d = _extract(bp, view, findings, row_width)
        d.legend_title = C.LEGEND
    return d


def extract_pages(
    bp: Blueprint,
    view: str,
    findings: Sequence[Finding] | None = None,
    pages: str = "auto",
    fits: Callable[[Diagram], bool | None] | None = None,
    tr: Translator | None = None,
) -> list[Diagram]:
    """The pages of one view (see :func:`_extract_pages`), in ``tr``'s language, or else the
    blueprint's."""
    with chrome.speaking(tr or translator(bp.language)):
        out = _extract_pages(bp, view, findings, pages, fits)
        for d in out:
            d.legend_title = C.LEGEND
    return out


def _shown(ident: str, kind: str, names: DisplayNames | None) -> str:
    """An id as people see it: the blueprint's display name, or (not in English) its words."""
    given: dict[str, str] | None = getattr(names, kind, None) if names is not None else None
    if given and ident in given:
        return given[ident]
    return ident if chrome.language() == "en" else display(ident)


def _extract(
    bp: Blueprint,
    view: str,
    findings: Sequence[Finding] | None = None,
    row_width: int | None = None,
) -> Diagram:
    v, argument = parse(view)
    b = _Builder(bp, findings, StageIndex.build(bp), "", view, row_width=row_width)
    name = v.build(b, argument) or C.VIEW_NAMES.get(v.name, v.name)
    b.title = clean(C.TITLE.format(name=bp.name, view=name), 160)
    return b.diagram()


def _extract_pages(
    bp: Blueprint,
    view: str,
    findings: Sequence[Finding] | None = None,
    pages: str = "auto",
    fits: Callable[[Diagram], bool | None] | None = None,
) -> list[Diagram]:
    """The pages of one view: one diagram, except for the blueprint view of a blueprint too
    large for one slide (``pages="auto"``) or when ``pages="pipeline"``: then the first page
    holds the tools and the lifecycle, and each pipeline has a page of its own.

    Whether one page fits is first estimated from the cards' sizes; when the estimate is not
    clear, ``fits(diagram)`` decides (the caller lays the page out and measures it; ``None``
    leaves it to the estimate)."""
    if pages not in PAGE_MODES:
        raise ViewError(f"unknown pages {pages!r}; choose {', '.join(PAGE_MODES)}")
    base = _check_view(view)
    if base != "blueprint" or pages == "one" or not bp.pipelines:
        return [_extract(bp, view, findings)]
    idx = StageIndex.build(bp)
    if pages == "auto":
        whole = _Builder(bp, findings, idx, "", view)
        _add_blueprint(whole, list(bp.pipelines), estimate_only=True)
        widths = [(w, s) for w, s in _widths(whole) if s >= MIN_SCALE]
        if widths and widths[0][1] >= SURE_SCALE:
            return [_extract(bp, view, findings)]
        # the estimate is rough (Graphviz versions lay the same rows out differently): the
        # real layout of each width that may fit decides, the best estimate first
        for width in _retry_order([w for w, _ in widths])[:TRIES]:
            one = _extract(bp, view, findings, row_width=width)
            verdict = fits(one) if fits is not None else None
            if verdict or verdict is None:
                return [one]
    count = 1 + len(bp.pipelines)
    page_of = {p.id: i + 2 for i, p in enumerate(bp.pipelines)}
    out: list[Diagram] = []
    parts: list[tuple[str, list[Pipeline]]] = [(C.PAGE_OVERVIEW, [])]
    parts += [(C.PIPELINE.format(label=p.label), [p]) for p in bp.pipelines]
    for number, (part, pipes) in enumerate(parts, 1):
        title = C.TITLE_PAGE.format(
            name=bp.name, view=C.VIEW_NAMES[base], page=number, pages=count, part=part
        )
        out.append(_page(bp, view, findings, idx, page_of, pipes, number == 1, title, fits))
    return out


TRIES = 4
"""Row widths laid out at most, per page, before taking the best estimate as it is."""


def _retry_order(widths: list[int]) -> list[int]:
    """``widths`` (best estimate first) in the order to lay them out: the best, then the
    narrower ones, nearest first (a Graphviz layout comes out wider than the estimate, not
    narrower), then the wider ones."""
    if not widths:
        return []
    best = widths[0]
    narrower = sorted((w for w in widths if w < best), reverse=True)
    return [best, *narrower, *sorted(w for w in widths if w > best)]


def _page(
    bp: Blueprint,
    view: str,
    findings: Sequence[Finding] | None,
    idx: StageIndex,
    page_of: dict[str, int],
    pipes: list[Pipeline],
    overview: bool,
    title: str,
    fits: Callable[[Diagram], bool | None] | None,
) -> Diagram:
    """One page of the split blueprint view: the row width estimated best, or when ``fits``
    says that page does not fit a slide, the next widths worth trying (the first if none
    fits): narrower ones first, as a layout wider than estimated is what goes wrong."""

    def build(width: int | None) -> _Builder:
        b = _Builder(bp, findings, idx, "", view, row_width=width)
        b.pipeline_pages = page_of
        _add_blueprint(b, pipes, overview=overview, estimate_only=width is None)
        b.title = clean(title, 160)
        return b

    widths = _retry_order([w for w, _ in _widths(build(None))])
    first = build(widths[0]).diagram()
    if fits is None or fits(first) is not False:
        return first
    for width in widths[1:TRIES]:
        page = build(width).diagram()
        if fits(page):
            return page
    return first


def _add_blueprint(
    b: _Builder, pipelines: list[Pipeline], overview: bool = True, estimate_only: bool = False
) -> None:
    """The blueprint view: (with ``overview``) a row of tools and the lifecycle lane by lane,
    then the given pipelines; cards in rows sized for a 16:9 slide."""
    b.width = CARD_WRAP
    if overview:
        _add_tools(b, compact=True)
        _add_lifecycle(b, full=True)
    for p in pipelines:
        _add_pipeline(b, p, full=True)
    if estimate_only:
        return
    width = b.row_width or _fit(b)[0]
    for section in b.sections:
        _rows(b, _pack(section, width))
