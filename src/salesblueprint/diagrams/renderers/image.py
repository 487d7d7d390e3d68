"""SVG, PNG and PDF: the DOT source laid out by Graphviz (see :mod:`..layout`)."""

from __future__ import annotations

from salesblueprint.diagrams.ir import Diagram
from salesblueprint.diagrams.layout import run_layout
from salesblueprint.diagrams.renderers import register
from salesblueprint.diagrams.renderers.dot import to_dot
from salesblueprint.i18n import N_


@register("svg", description=N_("an image laid out by Graphviz"))
def render_svg(d: Diagram) -> str:
    return run_layout(to_dot(d), "svg").decode("utf-8")


@register("png", binary=True, description=N_("an image laid out by Graphviz"))
def render_png(d: Diagram) -> bytes:
    return run_layout(to_dot(d), "png")


@register("pdf", binary=True, description=N_("a document; needs Graphviz's own dot"))
def render_pdf(d: Diagram) -> bytes:
    return run_layout(to_dot(d), "pdf")
