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

from collections.abc import Iterable
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
    "finding_list",
    "formats",
    "get_renderer",
    "render",
]


class RenderError(ValueError):
    """:func:`render` cannot do what was asked: an unknown ``format``, or ``findings`` that are
    neither a bool nor a list of :class:`~salesblueprint.Finding`. ``format`` holds the format
    asked for."""

    def __init__(self, fmt: object, message: str | None = None) -> None:
        super().__init__(message or f"unknown format {fmt!r}; choose {', '.join(formats())}")
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
    findings: Iterable[Finding] | None = None,
) -> str | bytes:
    """Draw one view of ``bp`` in one format.

    Returns ``str`` for text formats (dot, mermaid, svg) and ``bytes`` for png and pdf.
    With ``findings`` (from the caller's own ``check``, with its configuration) the stages with
    findings are coloured by their worst severity; this package never runs the checks itself.
    Raises :class:`ViewError` for an unknown view or pipeline (or a view that is not text),
    :class:`RenderError` for an unknown format or findings that are not findings, and
    :class:`LayoutError` (with ``.dot``, the DOT source) when Graphviz is missing or fails.
    All three are exported by :mod:`salesblueprint` (``sb.ViewError`` ...).
    """
    if not isinstance(view, str):
        raise ViewError(
            "view must be text (lifecycle, pipeline, pipeline:ID, tools or blueprint), "
            f"got {type(view).__name__}"
        )
    renderer = get_renderer(format) if isinstance(format, str) else None
    if renderer is None:
        raise RenderError(format)
    if isinstance(findings, bool):
        raise RenderError(
            format,
            "diagrams.render takes the findings themselves; "
            "salesblueprint.render(bp, findings=True) runs check first",
        )
    diagram = extract(bp, view, None if findings is None else finding_list(format, findings))
    return renderer.fn(diagram)


def finding_list(fmt: str, findings: object) -> list[Finding]:
    """``findings`` as a list, or :class:`RenderError` when it is not a list of findings."""
    from salesblueprint.diagnostics.findings import Finding

    if isinstance(findings, str | bytes) or not isinstance(findings, Iterable):
        raise RenderError(
            fmt,
            f"findings must be True, False or a list of sb.Finding, got {type(findings).__name__}",
        )
    found = list(findings)
    wrong = next((f for f in found if not isinstance(f, Finding)), None)
    if wrong is not None:
        raise RenderError(
            fmt,
            "findings must be True, False or a list of sb.Finding; it holds an item of type "
            f"{type(wrong).__name__}",
        )
    return found
