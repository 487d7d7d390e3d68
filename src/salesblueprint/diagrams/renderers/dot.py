"""DOT source of a diagram, built with the ``graphviz`` package.

Safety: node and cluster ids are generated (``n0``, ``cluster_g0``); every user text goes
through :func:`html_text` into an HTML-like label we build ourselves, so text shaped ``<...>``
stays text, a ``:`` never becomes a port and a trailing backslash cannot end a string. Only the
attributes in :data:`ALLOWED_ATTRIBUTES` are ever written (no ``URL``, ``href``, ``image``...).
Colours are always ``#rrggbb``. The output depends only on the diagram, not on the Graphviz
version installed.
"""

from __future__ import annotations

import html

from salesblueprint.diagrams.ir import Diagram, Edge, Group, LegendItem, Line, Node, wrap
from salesblueprint.diagrams.renderers import register

ALLOWED_ATTRIBUTES = frozenset(
    {
        "arrowhead",
        "arrowsize",
        "bgcolor",
        "color",
        "compound",
        "constraint",
        "fillcolor",
        "fontcolor",
        "fontname",
        "fontsize",
        "label",
        "labelloc",
        "labeljust",
        "lhead",
        "ltail",
        "margin",
        "newrank",
        "nodesep",
        "pad",
        "penwidth",
        "peripheries",
        "rankdir",
        "ranksep",
        "shape",
        "style",
    }
)

FONT = "Helvetica"

NODE_STYLE: dict[str, tuple[str, str]] = {  # kind -> (fill, border)
    "stage": ("#e7f0ff", "#3b5bdb"),
    "deal_stage": ("#e7f5ff", "#1c7ed6"),
    "terminal": ("#f1f3f5", "#495057"),
    "won": ("#d3f9d8", "#2b8a3e"),
    "lost": ("#ffe3e3", "#c92a2a"),
    "after_close": ("#f3f0ff", "#6741d9"),
    "tool": ("#fff9db", "#e67700"),
    "note": ("#fffbeb", "#868e96"),
}
STATUS_STYLE: dict[str, tuple[str, str]] = {
    "error": ("#ffc9c9", "#e03131"),
    "warning": ("#ffec99", "#f08c00"),
    "info": ("#d0ebff", "#1971c2"),
}
EDGE_STYLE: dict[str, tuple[str, str, str]] = {  # kind -> (colour, style, penwidth)
    "forward": ("#495057", "solid", "1.2"),
    "handoff": ("#e8590c", "bold", "3"),
    "skip": ("#1c7ed6", "dashed", "1.2"),
    "recycle": ("#c2255c", "dashed", "1.5"),
    "lost": ("#c92a2a", "dotted", "1.5"),
    "pipeline": ("#6741d9", "dashed", "1.5"),
    "won": ("#2b8a3e", "solid", "1.2"),
    "flow": ("#e67700", "solid", "1.8"),
    "recorded_in": ("#adb5bd", "dotted", "1"),
    "order": ("#ffffff", "invis", "1"),
}
GROUP_STYLE: dict[str, tuple[str, str, str]] = {  # kind -> (fill, border, style)
    "lane": ("#f8f9fa", "#adb5bd", "filled,rounded"),
    "pipeline": ("#fdfdfe", "#7048e8", "rounded"),
    "open": ("#f8f9fa", "#ced4da", "dashed,rounded"),
    "after_close": ("#f8f9fa", "#ced4da", "dashed,rounded"),
    "category": ("#fffdf5", "#e9b949", "filled,rounded"),
    "tools": ("#ffffff", "#e67700", "rounded"),
}
LINE_STYLE: dict[str, tuple[str, int]] = {  # line style -> (colour, point size)
    "text": ("#212529", 10),
    "bullet": ("#343a40", 10),
    "criterion": ("#1b4332", 10),
    "muted": ("#6c757d", 9),
    "mark": ("#a35200", 10),
    "finding": ("#c92a2a", 9),
}


def html_text(text: str) -> str:
    """Text for inside an HTML-like label: every markup character escaped."""
    return html.escape(text, quote=True).replace("]", "&#93;").replace("\\", "&#92;")


def _attrs(**kw: str) -> dict[str, str]:
    bad = set(kw) - ALLOWED_ATTRIBUTES
    if bad:  # pragma: no cover - a programming error, caught by the tests
        raise ValueError(f"attribute(s) not allowed: {sorted(bad)}")
    return kw


def _node_label(n: Node) -> str:
    rows = [f'<tr><td align="left"><b>{html_text(t)}</b></td></tr>' for t in wrap(n.title, 30)]
    for line in n.lines:
        rows.append(_line_row(line))
    return '<<table border="0" cellborder="0" cellspacing="0" cellpadding="1">' + (
        "".join(rows) + "</table>>"
    )


def _line_row(line: Line) -> str:
    colour, size = LINE_STYLE[line.style]
    text = html_text(line.text).replace("  ", "&#160;&#160;")
    if line.style == "mark":
        text = f"<b>{text}</b>"
    return (
        f'<tr><td align="left"><font point-size="{size}" color="{colour}">{text}</font></td></tr>'
    )


def _small(text: str, colour: str) -> str:
    lines = "<br/>".join(html_text(t) for t in wrap(text, 26))
    return f'<<font point-size="9" color="{colour}">{lines}</font>>'


def _node_attrs(n: Node) -> dict[str, str]:
    fill, border = STATUS_STYLE.get(n.status) or NODE_STYLE[n.kind]
    attrs = _attrs(
        label=_node_label(n),
        fillcolor=fill,
        color=border,
        style="filled,rounded",
        shape="box",
        penwidth="2.5" if n.status in ("error", "warning") else "1.2",
    )
    if n.kind == "terminal":
        attrs["peripheries"] = "2"
    elif n.kind == "note":
        attrs.update(_attrs(shape="note", style="filled"))
    elif n.kind in ("won", "lost"):
        attrs["penwidth"] = "2"
    return attrs


def _edge_attrs(e: Edge, groups: dict[str, str]) -> dict[str, str]:
    colour, style, width = EDGE_STYLE[e.kind]
    attrs = _attrs(color=colour, style=style, penwidth=width)
    if e.label:
        attrs["label"] = _small(e.label, colour if e.kind != "forward" else "#343a40")
    if not e.constraint:
        attrs["constraint"] = "false"
    if e.from_group:
        attrs["ltail"] = groups[e.from_group]
    if e.to_group:
        attrs["lhead"] = groups[e.to_group]
    return attrs


def _legend_cells(it: LegendItem) -> str:
    if it.shape == "node":
        fill, border = STATUS_STYLE.get(it.kind) or NODE_STYLE.get(it.kind, NODE_STYLE["note"])
        sample = (
            f'<td bgcolor="{fill}" border="1" color="{border}" width="28">'
            '<font point-size="8"> </font></td>'
        )
    else:
        colour, style, _ = EDGE_STYLE[it.kind]
        dash = {"dashed": "- - &#8594;", "dotted": "&#183;&#183;&#183;&#8594;"}.get(
            style, "&#8212;&#8212;&#8594;"
        )
        if style == "bold":
            dash = f"<b>{dash}</b>"
        sample = f'<td><font color="{colour}">{dash}</font></td>'
    text = f'<font point-size="9">{html_text(it.text)}</font>'
    return f'{sample}<td align="left">{text}</td>'


LEGEND_ROWS = 6
"""Legend items per column: a long legend is laid out in several columns."""


def _legend_label(items: list[LegendItem], title: str = "Legend") -> str:
    ncols = -(-len(items) // LEGEND_ROWS)
    rows = [f'<tr><td colspan="{2 * ncols}" align="left"><b>{html_text(title)}</b></td></tr>']
    nrows = -(-len(items) // ncols)
    for r in range(nrows):
        cells = [
            _legend_cells(items[c * nrows + r]) for c in range(ncols) if c * nrows + r < len(items)
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<<table border="0" cellborder="0" cellspacing="3" cellpadding="2">'
        + "".join(rows)
        + "</table>>"
    )


def to_dot(d: Diagram) -> str:
    """The DOT source of ``d``: deterministic, ids generated, labels escaped."""
    import graphviz  # type: ignore[import-untyped,unused-ignore]

    g = graphviz.Digraph(
        name="salesblueprint",
        graph_attr=_attrs(
            rankdir=d.direction,
            label=f'<<font point-size="20"><b>{html_text(d.title)}</b></font>>',
            labelloc="t",
            labeljust="l",
            fontname=FONT,
            compound="true",
            newrank="true",
            nodesep="0.35",
            ranksep="0.5",
            pad="0.3",
            bgcolor="#ffffff",
        ),
        node_attr=_attrs(fontname=FONT, fontsize="11", margin="0.12,0.06"),
        edge_attr=_attrs(fontname=FONT, fontsize="9", arrowsize="0.8"),
    )
    clusters = {gr.id: f"cluster_{gr.id}" for gr in d.groups}
    children: dict[str | None, list[Group]] = {}
    for gr in d.groups:
        children.setdefault(gr.parent, []).append(gr)
    members: dict[str | None, list[Node]] = {}
    for n in d.nodes:
        members.setdefault(n.group, []).append(n)

    def fill(target: graphviz.Digraph, gid: str | None) -> None:
        for gr in children.get(gid, []):
            fillc, border, style = GROUP_STYLE[gr.kind]
            sub = graphviz.Digraph(
                name=clusters[gr.id],
                graph_attr=_attrs(
                    label=f"<<b>{html_text(gr.title)}</b>>",
                    fillcolor=fillc,
                    color=border,
                    style=style,
                    fontsize="12" if gr.parent is None else "10",
                    fontcolor="#343a40",
                    labeljust="l",
                ),
            )
            fill(sub, gr.id)
            target.subgraph(sub)
        for n in members.get(gid, []):
            target.node(n.id, **_node_attrs(n))

    fill(g, None)
    if d.legend:
        legend = graphviz.Digraph(
            name="cluster_legend",
            graph_attr=_attrs(label="", color="#dee2e6", style="rounded", fillcolor="#ffffff"),
        )
        legend.node(
            "legend",
            **_attrs(shape="plain", label=_legend_label(d.legend, d.legend_title), fontsize="9"),
        )
        g.subgraph(legend)
    for e in d.edges:
        g.edge(e.source, e.target, **_edge_attrs(e, clusters))
    source: str = g.source
    return source


@register("dot", description="Graphviz DOT source")
def render_dot(d: Diagram) -> str:
    return to_dot(d)
