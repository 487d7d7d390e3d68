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

from salesblueprint.diagrams.ir import (
    FREE_IN_ROWS,
    Diagram,
    Edge,
    Group,
    LegendItem,
    Line,
    Node,
    wrap,
)
from salesblueprint.diagrams.renderers import register
from salesblueprint.i18n import N_

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
        "rank",
        "ranksep",
        "shape",
        "style",
        "tooltip",
        "weight",
    }
)

FONT = "Helvetica"

# Colours: the Okabe-Ito palette (colour-blind safe): blue #0072b2, sky blue #56b4e9, bluish
# green #009e73, orange #e69f00, vermillion #d55e00, reddish purple #cc79a7, yellow #f0e442.
# Fills are light tints of different lightness, borders and edges differ in line style too,
# so the kinds stay apart in grey print.
NODE_STYLE: dict[str, tuple[str, str]] = {  # kind -> (fill, border)
    "stage": ("#dcecf8", "#0072b2"),
    "deal_stage": ("#fdf0d5", "#b07800"),
    "terminal": ("#ececec", "#404040"),
    "won": ("#c8eadc", "#00704f"),
    "lost": ("#f9d9c6", "#b34a00"),
    "after_close": ("#e3f3ec", "#009e73"),
    "handoff": ("#ffffff", "#d55e00"),
    "tool": ("#f6e3ee", "#a8558a"),
    "note": ("#fafafa", "#808080"),
}
STATUS_STYLE: dict[str, tuple[str, str]] = {
    "error": ("#f6c9b0", "#b34a00"),
    "warning": ("#fbf3b0", "#8a6d00"),
    "info": ("#d7ebf7", "#0072b2"),
}
EDGE_STYLE: dict[str, tuple[str, str, str]] = {  # kind -> (colour, style, penwidth)
    "forward": ("#404040", "solid", "1.2"),
    "handoff": ("#d55e00", "bold", "3"),
    "skip": ("#0072b2", "dashed", "1.3"),
    "recycle": ("#cc79a7", "dashed", "1.8"),
    "lost": ("#b34a00", "dotted", "1.5"),
    "pipeline": ("#56b4e9", "dashed", "1.5"),
    "won": ("#009e73", "solid", "1.2"),
    "flow": ("#a8558a", "solid", "1.8"),
    "recorded_in": ("#999999", "dotted", "1"),
    "order": ("#ffffff", "invis", "1"),
}
GROUP_STYLE: dict[str, tuple[str, str, str]] = {  # kind -> (fill, border, style)
    "lane": ("#f7f7f7", "#a0a0a0", "filled,rounded"),
    "pipeline": ("#fffdf8", "#b07800", "rounded"),
    "open": ("#fbfbfb", "#c8c8c8", "dashed,rounded"),
    "after_close": ("#fbfbfb", "#c8c8c8", "dashed,rounded"),
    "category": ("#fdf8fb", "#d8a9c6", "filled,rounded"),
    "tools": ("#ffffff", "#a8558a", "rounded"),
}
LINE_STYLE: dict[str, tuple[str, int]] = {  # line style -> (colour, point size)
    "text": ("#1a1a1a", 10),
    "strong": ("#1a1a1a", 10),
    "bullet": ("#1a1a1a", 10),
    "team": ("#1a1a1a", 10),
    "criterion": ("#004d2e", 10),
    "muted": ("#555555", 10),
    "mark": ("#6b2f57", 10),
    "back": ("#8f3a70", 10),
    "skip": ("#00527f", 10),
    "finding": ("#8a2d00", 10),
}
BOLD_LINES = frozenset({"mark", "strong", "team"})
ITALIC_LINES = frozenset({"back", "skip"})
TITLE_SIZE = 12
WRAP_TITLE = 30


def html_text(text: str) -> str:
    """Text for inside an HTML-like label: every markup character escaped."""
    return html.escape(text, quote=True).replace("]", "&#93;").replace("\\", "&#92;")


def tooltip_text(lines: tuple[str, ...]) -> str:
    """Lines for a DOT ``tooltip`` string: every quote, backslash and markup character as an
    entity (Graphviz keeps entities as they are in SVG), lines joined by DOT's ``\\n``."""
    return "\\n".join(html_text(t) for t in lines)


def _attrs(**kw: str) -> dict[str, str]:
    bad = set(kw) - ALLOWED_ATTRIBUTES
    if bad:  # pragma: no cover - a programming error, caught by the tests
        raise ValueError(f"attribute(s) not allowed: {sorted(bad)}")
    return kw


def _node_label(n: Node) -> str:
    size = TITLE_SIZE
    rows = [
        f'<tr><td align="left"><font point-size="{size}"><b>{html_text(t)}</b></font></td></tr>'
        for t in wrap(n.title, WRAP_TITLE)
    ]
    for line in n.lines:
        rows.append(_line_row(line))
    return '<<table border="0" cellborder="0" cellspacing="0" cellpadding="1">' + (
        "".join(rows) + "</table>>"
    )


def _line_row(line: Line) -> str:
    colour, size = LINE_STYLE[line.style]
    text = html_text(line.text).replace("  ", "&#160;&#160;")
    if line.style in BOLD_LINES:
        text = f"<b>{text}</b>"
    elif line.style in ITALIC_LINES:
        text = f"<i>{text}</i>"
    return (
        f'<tr><td align="left"><font point-size="{size}" color="{colour}">{text}</font></td></tr>'
    )


def _small(text: str, colour: str) -> str:
    """An edge label: small text in a padded cell, so no edge runs along the letters."""
    lines = "<br/>".join(html_text(t) for t in wrap(text, 26))
    return (
        '<<table border="0" cellborder="0" cellpadding="4"><tr><td>'
        f'<font point-size="10" color="{colour}">{lines}</font></td></tr></table>>'
    )


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
    if n.tooltip:
        attrs["tooltip"] = tooltip_text(n.tooltip)
    if n.kind == "terminal":
        attrs["peripheries"] = "2"
    elif n.kind == "note":
        attrs.update(_attrs(shape="note", style="filled"))
    elif n.kind in ("won", "lost"):
        attrs["penwidth"] = "2"
    elif n.kind == "handoff":
        attrs.update(_attrs(penwidth="3", style="filled,bold"))
    elif n.kind == "deal_stage" and not n.status:
        attrs["style"] = "filled"  # square corners: apart from lifecycle stages in grey print
    elif n.kind == "after_close" and not n.status:
        attrs["style"] = "filled,rounded,dashed"
    return attrs


def _edge_attrs(e: Edge, groups: dict[str, str], rowed: bool = False) -> dict[str, str]:
    colour, style, width = EDGE_STYLE[e.kind]
    attrs = _attrs(color=colour, style=style, penwidth=width)
    if e.label:
        attrs["label"] = _small(e.label, colour if e.kind != "forward" else "#343a40")
    if not e.constraint or (rowed and e.kind in FREE_IN_ROWS):
        attrs["constraint"] = "false"
    if e.from_group:
        attrs["ltail"] = groups[e.from_group]
    if e.to_group:
        attrs["lhead"] = groups[e.to_group]
    return attrs


WRAP_PAGE_TITLE = 64
"""Characters per line of the picture's title: a long page title ("…, page 2 of 4: Pipeline:
…") wraps instead of making a page of a few cards as wide as itself."""


def _title_label(title: str) -> str:
    lines = '<br align="left"/>'.join(html_text(t) for t in wrap(title, WRAP_PAGE_TITLE))
    if "<br" in lines:
        lines += '<br align="left"/>'
    return f'<<font point-size="20"><b>{lines}</b></font>>'


def _title_with_legend(d: Diagram) -> str:
    """The title with the legend under it, both in the graph's label: a strip (left to right)
    keeps the legend out of its first rank, which would otherwise be as wide as the legend."""
    title = _title_label(d.title)[1:-1]
    legend = _legend_label(d.legend, LEGEND_ROWS, d.legend_title)[1:-1].replace(
        '<table border="0"', '<table border="1" color="#dee2e6" style="rounded"', 1
    )
    return (
        '<<table border="0" cellborder="0" cellspacing="0" cellpadding="0">'
        f'<tr><td align="left">{title}</td></tr>'
        '<tr><td align="left" height="8"></td></tr>'
        f'<tr><td align="left"><font point-size="10">{legend}</font></td></tr></table>>'
    )


def _legend_cells(it: LegendItem) -> str:
    if it.shape == "node":
        fill, border = STATUS_STYLE.get(it.kind) or NODE_STYLE.get(it.kind, NODE_STYLE["note"])
        sample = (
            f'<td bgcolor="{fill}" border="1" color="{border}" width="28">'
            '<font point-size="10"> </font></td>'
        )
    else:
        colour, style, _ = EDGE_STYLE[it.kind]
        dash = {"dashed": "- - &#8594;", "dotted": "&#183;&#183;&#183;&#8594;"}.get(
            style, "&#8212;&#8212;&#8594;"
        )
        if style == "bold":
            dash = f"<b>{dash}</b>"
        sample = f'<td><font color="{colour}">{dash}</font></td>'
    text = f'<font point-size="10">{html_text(it.text)}</font>'
    return f'{sample}<td align="left">{text}</td>'


ROW_HEAD_WEIGHT = "10"
"""Weight of the invisible edges that stack the rows of a row layout, first card on first
card: stronger than the drawn edges that pull a row sideways."""
LEGEND_ROWS = 6
"""Legend items per column: a long legend is laid out in several columns."""
LEGEND_ROW_CARDS = 4
"""A row layout's legend joins its first row when that row has at most this many cards."""
LEGEND_ROWS_SLIDE = 4
"""Legend items per column in a row layout (a wide, low legend next to the tools)."""
LEGEND_COLUMN_CARDS = 1.5
"""A legend column is about this many cards wide (for choosing the legend's columns)."""


def _row_sizes(d: Diagram) -> dict[int, int]:
    """Row -> its number of cards, in a row layout."""
    rows: dict[int, int] = {}
    for n in d.nodes:
        if n.row is not None:
            rows[n.row] = rows.get(n.row, 0) + 1
    return rows


def _legend_joins(rows: dict[int, int]) -> bool:
    """Whether the legend joins the first row of a row layout: when that row is short (the
    tools) and a legend column fits beside it within the widest row; else it is a row of its
    own on top (a page of a few cards stays a slide, not a strip)."""
    if not rows:
        return False
    first = rows[min(rows)]
    return first <= LEGEND_ROW_CARDS and max(rows.values()) - first >= LEGEND_COLUMN_CARDS


def _legend_rows(d: Diagram) -> int:
    """Legend items per column in a row layout: a wide, low legend, unless it joins the first
    row, which then stays within the widest row of cards (a legend column is about
    :data:`LEGEND_COLUMN_CARDS` cards wide): then fewer, longer columns."""
    rows = _row_sizes(d)
    items = len(d.legend)
    columns = -(-items // LEGEND_ROWS_SLIDE)
    if _legend_joins(rows):
        room = max(rows.values()) - rows[min(rows)]
        columns = max(1, min(columns, int(room / LEGEND_COLUMN_CARDS)))
    return -(-items // columns)


def _legend_label(
    items: list[LegendItem], per_column: int = LEGEND_ROWS, title: str = "Legend"
) -> str:
    ncols = -(-len(items) // per_column)
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

    # a row layout (the blueprint view): rows top to bottom, cards side by side in a row
    rowed = any(n.row is not None for n in d.nodes)
    g = graphviz.Digraph(
        name="salesblueprint",
        graph_attr=_attrs(
            rankdir="TB" if rowed else d.direction,
            label=_title_label(d.title) if rowed or not d.legend else _title_with_legend(d),
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
        edge_attr=_attrs(fontname=FONT, fontsize="10", arrowsize="0.8"),
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
                    # in a row layout every card names its team: lanes need no title
                    label="" if rowed and gr.kind == "lane" else f"<<b>{html_text(gr.title)}</b>>",
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
    if d.legend and rowed:
        legend = graphviz.Digraph(
            name="cluster_legend",
            graph_attr=_attrs(label="", color="#dee2e6", style="rounded", fillcolor="#ffffff"),
        )
        label = _legend_label(d.legend, _legend_rows(d), d.legend_title)
        legend.node("legend", **_attrs(shape="plain", label=label, fontsize="10"))
        g.subgraph(legend)
    rows: dict[int, list[str]] = {}
    for n in d.nodes:
        if n.row is not None:
            rows.setdefault(n.row, []).append(n.id)
    legend_above: str | None = None
    if rows and d.legend:
        # the legend fills a short first row (the tools); else it is a row of its own on top
        first = rows[min(rows)]
        if _legend_joins(_row_sizes(d)):
            first.append("legend")
        else:
            legend_above = first[0]
    for r in sorted(rows):
        same = graphviz.Digraph(graph_attr=_attrs(rank="same"))
        for nid in rows[r]:
            same.node(nid)
        g.subgraph(same)
    if legend_above is not None:
        g.edge("legend", legend_above, **_attrs(style="invis", weight=ROW_HEAD_WEIGHT))
    row_of = {n.id: n.row for n in d.nodes}
    for e in d.edges:
        attrs = _edge_attrs(e, clusters, rowed)
        if e.kind == "order" and row_of.get(e.source) != row_of.get(e.target):
            # the first cards of the rows one above the other: the rows start at the left
            # edge instead of drifting towards the middle (Graphviz 2.43 centres them)
            attrs["weight"] = ROW_HEAD_WEIGHT
        g.edge(e.source, e.target, **attrs)
    source: str = g.source
    return source


@register("dot", description=N_("Graphviz source"))
def render_dot(d: Diagram) -> str:
    return to_dot(d)
