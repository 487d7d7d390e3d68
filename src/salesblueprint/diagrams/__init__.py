"""Diagrams of a blueprint: views → diagram IR → one renderer per format.

```python
import salesblueprint as sb
svg = sb.render(bp, view="lifecycle", format="svg")   # str
png = sb.render(bp, view="blueprint", format="png")   # bytes
```

Views: ``lifecycle``, ``pipeline`` / ``pipeline:ID``, ``tools``, ``blueprint``. Formats: ``dot``,
``mermaid``, ``svg`` (text, returned as ``str``), ``png``, ``pdf`` (``bytes``). SVG, PNG and PDF
need a Graphviz layout program (see :mod:`salesblueprint.diagrams.layout`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from salesblueprint.diagrams.extract import VIEWS, ViewError, extract
from salesblueprint.diagrams.layout import LayoutError, NoGraphvizError

if TYPE_CHECKING:
    from salesblueprint.diagnostics.findings import Finding
    from salesblueprint.diagrams.renderers import Renderer
    from salesblueprint.model.blueprint import Blueprint

__all__ = [
    "VIEWS",
    "LayoutError",
    "NoGraphvizError",
    "RenderError",
    "ViewError",
    "formats",
    "get_renderer",
    "render",
]


class RenderError(ValueError):
    """An unknown format."""

    def __init__(self, fmt: str) -> None:
        super().__init__(f"unknown format {fmt!r}; choose {', '.join(formats())}")
        self.format = fmt


def get_renderer(fmt: str) -> Renderer | None:
    """The renderer registered for ``fmt``, or ``None``."""
    from salesblueprint.diagrams.renderers import get

    return get(fmt)


def formats() -> list[str]:
    """The format names renderers are registered for."""
    from salesblueprint.diagrams.renderers import formats as _formats

    return _formats()


def render(
    bp: Blueprint,
    view: str = "blueprint",
    format: str = "svg",
    *,
    findings: Sequence[Finding] | None = None,
) -> str | bytes:
    """Draw one view of ``bp`` in one format.

    Returns ``str`` for text formats (dot, mermaid, svg) and ``bytes`` for png and pdf.
    With ``findings`` (from the caller's own ``check``, with its configuration) the stages with
    findings are coloured by their worst severity; this package never runs the checks itself.
    Raises :class:`ViewError` for an unknown view or pipeline, :class:`RenderError` for an
    unknown format and :class:`LayoutError` (with ``.dot``, the DOT source) when Graphviz is
    missing or fails.
    """
    if isinstance(findings, bool):
        raise TypeError(
            "diagrams.render takes the findings themselves; "
            "salesblueprint.render(bp, findings=True) runs check first"
        )
    renderer = get_renderer(format)
    if renderer is None:
        raise RenderError(format)
    diagram = extract(bp, view, None if findings is None else list(findings))
    return renderer.fn(diagram)
