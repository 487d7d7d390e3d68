"""Mermaid flowchart source, as GitHub renders it in markdown (```` ```mermaid ```` blocks).

Safety: ids are generated; every user text is reduced to a conservative set of characters and
everything else is written as a Mermaid entity code (``#60;``), so no text can close a label,
start a link (``-->``, ``|``) or smuggle markup in.
"""

from __future__ import annotations

import json

from salesblueprint.diagrams.ir import Diagram, Edge, Group, LegendItem, Node
from salesblueprint.diagrams.renderers import register
from salesblueprint.diagrams.renderers.dot import EDGE_STYLE, NODE_STYLE, STATUS_STYLE
from salesblueprint.i18n import N_

_SAFE = frozenset(" .,-_/'?!:@%+=")

_SHAPES: dict[str, tuple[str, str]] = {
    "stage": ('["', '"]'),
    "deal_stage": ('["', '"]'),
    "terminal": ('[["', '"]]'),
    "won": ('(["', '"])'),
    "lost": ('(["', '"])'),
    "after_close": ('["', '"]'),
    "tool": ('[("', '")]'),
    "note": ('>"', '"]'),
    "handoff": ('{{"', '"}}'),
}
_ARROWS: dict[str, str] = {
    "forward": "-->",
    "handoff": "==>",
    "skip": "-.->",
    "recycle": "-.->",
    "lost": "-.->",
    "pipeline": "-.->",
    "won": "-->",
    "flow": "-->",
    "recorded_in": "-.->",
    "order": "~~~",
}


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: letters, digits and a few marks kept, the
    rest written as entity codes."""
    return "".join(ch if ch.isalnum() or ch in _SAFE else f"#{ord(ch)};" for ch in text)


def _label(n: Node) -> str:
    parts = [f"<b>{mermaid_text(n.title)}</b>"]
    for line in n.lines:
        text = mermaid_text(line.text)
        parts.append(f"<small>{text}</small>" if line.style in ("muted", "finding") else text)
    return "<br/>".join(parts)


def _legend_lines(items: list[LegendItem], title: str = "Legend") -> list[str]:
    out = [f'    subgraph legend["{mermaid_text(title)}"]']
    for i, it in enumerate(items):
        if it.shape == "node":
            out.append(f'        lg{i}["{mermaid_text(it.text)}"]:::{it.kind}')
        else:
            arrow = {"-->": "#8212;#8594;", "==>": "#9473;#8594;"}.get(
                _ARROWS[it.kind], "- -#8594;"
            )
            out.append(f'        lg{i}["{arrow} {mermaid_text(it.text)}"]:::edge_{it.kind}')
    out.append("    end")
    return out


def to_mermaid(d: Diagram) -> str:
    title = json.dumps(d.title, ensure_ascii=False, allow_nan=False)
    out = ["---", f"title: {title}", "---", f"flowchart {d.direction}"]
    children: dict[str | None, list[Group]] = {}
    for g in d.groups:
        children.setdefault(g.parent, []).append(g)
    members: dict[str | None, list[Node]] = {}
    for n in d.nodes:
        members.setdefault(n.group, []).append(n)

    def emit(gid: str | None, depth: int) -> None:
        pad = "    " * depth
        for g in children.get(gid, []):
            out.append(f'{pad}subgraph {g.id}["{mermaid_text(g.title)}"]')
            emit(g.id, depth + 1)
            out.append(f"{pad}end")
        for n in members.get(gid, []):
            open_, close = _SHAPES[n.kind]
            cls = n.status or n.kind
            out.append(f"{pad}{n.id}{open_}{_label(n)}{close}:::{cls}")

    emit(None, 1)
    if d.legend:
        out += _legend_lines(d.legend, d.legend_title)
    by_kind: dict[str, list[int]] = {}
    for i, e in enumerate(d.edges):
        out.append("    " + _edge(e))  # "order" edges are invisible links (~~~)
        by_kind.setdefault(e.kind, []).append(i)
    for kind, (colour, _, width) in EDGE_STYLE.items():
        used = {it.kind for it in d.legend if it.shape == "edge"}
        if kind in used:
            out.append(f"    classDef edge_{kind} fill:#ffffff,stroke:{colour},color:{colour}")
        if kind in by_kind and kind != "order":
            idx = ",".join(str(i) for i in by_kind[kind])
            dash = ",stroke-dasharray:5 4" if _ARROWS[kind] == "-.->" else ""
            out.append(f"    linkStyle {idx} stroke:{colour},stroke-width:{width}px{dash}")
    for kind, (fill, border) in [*NODE_STYLE.items(), *STATUS_STYLE.items()]:
        width = "3px" if kind in STATUS_STYLE else "1px"
        out.append(f"    classDef {kind} fill:{fill},stroke:{border},stroke-width:{width}")
    for g in d.groups:
        out.append(f"    style {g.id} fill:#f8f9fa,stroke:#adb5bd")
    return "\n".join(out) + "\n"


def _edge(e: Edge) -> str:
    src = e.from_group or e.source
    arrow = _ARROWS[e.kind]
    if e.label:
        return f'{src} {arrow}|"{mermaid_text(e.label)}"| {e.target}'
    return f"{src} {arrow} {e.target}"


@register("mermaid", description=N_("flowchart source GitHub draws"))
def render_mermaid(d: Diagram) -> str:
    return to_mermaid(d)
