"""The diagram IR: a small, format-neutral description of one drawing.

:mod:`salesblueprint.diagrams.extract` builds a :class:`Diagram` from a blueprint view; each
renderer in :mod:`salesblueprint.diagrams.renderers` draws it. Every text in the IR is already
cleaned (:func:`clean`): no control characters, bounded length; the IR classes clean what they
are given themselves, so no text can reach a renderer raw. Renderers still escape it for
their syntax. Node and group ids are generated (``n0``, ``g0``), never taken from user text.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Literal

NodeKind = Literal[
    "stage", "terminal", "won", "lost", "after_close", "tool", "note", "deal_stage", "handoff"
]
# "order" is an invisible edge that only arranges the layout (e.g. tools side by side)
EdgeKind = Literal[
    "forward",
    "skip",
    "recycle",
    "lost",
    "handoff",
    "flow",
    "recorded_in",
    "pipeline",
    "won",
    "order",
]
FREE_IN_ROWS: frozenset[EdgeKind] = frozenset({"recycle", "skip", "lost"})
"""Edge kinds that do not order a row layout: ways back, skips and the lost outcome."""
GroupKind = Literal["lane", "pipeline", "category", "open", "after_close", "tools"]
Status = Literal["", "error", "warning", "info"]
# text: plain; muted: numbers and details; bullet: an action; team: who acts (heading);
# criterion: an exit criterion; mark: a tool or system of record (bold); strong: bold text;
# back / skip: a way back or a skip with its reason; finding: a finding in words
LineStyle = Literal[
    "text", "muted", "bullet", "team", "criterion", "mark", "strong", "back", "skip", "finding"
]

MAX_TEXT = 300
"""Longest text kept from one user string; longer texts end in an ellipsis."""

WRAP = 34
"""Characters per line when a text is wrapped."""

# C0 and C1 controls, noncharacters, lone surrogates, line and paragraph separators, and the
# bidirectional overrides and isolates that make text display in another order than it is
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)


def clean(text: str, limit: int = MAX_TEXT) -> str:
    """User text made safe for every format: control characters become spaces, runs of
    whitespace collapse, and the text is cut at ``limit`` characters."""
    out = " ".join(_CONTROL.sub(" ", text).split())
    if len(out) > limit:
        out = out[: limit - 1].rstrip() + "…"
    return out


def wrap(text: str, width: int = WRAP) -> list[str]:
    """A cleaned text broken into lines of at most ``width`` characters (long words are split)."""
    return textwrap.wrap(clean(text), width, break_on_hyphens=False) or [""]


def _clean_fields(obj: object, *names: str) -> None:
    """Clean the text fields ``names`` (a text, or a tuple of texts) of a (frozen) IR object in
    place; already clean text stays as it is (``clean`` is idempotent)."""
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, str):
            object.__setattr__(obj, name, clean(value))
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            object.__setattr__(obj, name, tuple(clean(v) for v in value))


@dataclass(frozen=True)
class Line:
    """One line of detail under a node's title; ``style`` picks how it is drawn."""

    text: str
    style: LineStyle = "text"

    def __post_init__(self) -> None:
        _clean_fields(self, "text")


@dataclass(frozen=True)
class Node:
    id: str
    title: str
    kind: NodeKind = "stage"
    lines: tuple[Line, ...] = ()
    group: str | None = None
    status: Status = ""
    key: str = ""  # the blueprint node id (``sql``, ``new_business.won``, ``tool:crm``)
    # the complete texts (where a line is shortened) and finding codes; SVG shows it on hover
    tooltip: tuple[str, ...] = ()
    # the row of a row layout (the blueprint view: one slide, rows top to bottom); None: free
    row: int | None = None

    def __post_init__(self) -> None:
        _clean_fields(self, "title", "key", "tooltip")


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    label: str = ""
    from_group: str | None = None  # draw the edge from this group's border (DOT: ltail)
    to_group: str | None = None  # draw the edge to this group's border (DOT: lhead)
    constraint: bool = True  # whether the edge orders the layout

    def __post_init__(self) -> None:
        _clean_fields(self, "label")


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    kind: GroupKind
    parent: str | None = None

    def __post_init__(self) -> None:
        _clean_fields(self, "title")


@dataclass(frozen=True)
class LegendItem:
    kind: str  # a NodeKind, EdgeKind or status name
    text: str
    shape: Literal["node", "edge"] = "edge"

    def __post_init__(self) -> None:
        _clean_fields(self, "text")


@dataclass
class Diagram:
    """One drawing: title, groups (lanes, pipelines, categories), nodes, edges and a legend."""

    title: str
    view: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    direction: Literal["LR", "TB"] = "LR"
    subtitle: str = ""
    legend_title: str = "Legend"  # in the blueprint's language (set by extract)

    def __post_init__(self) -> None:
        _clean_fields(self, "title", "subtitle")

    def node_ids(self) -> set[str]:
        return {n.id for n in self.nodes}
