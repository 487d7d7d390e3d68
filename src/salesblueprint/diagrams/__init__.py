"""Diagrams of a blueprint: views → diagram IR → one renderer per format.

```python
import salesblueprint as sb
svg = sb.render(bp, view="lifecycle", format="svg")   # str
png = sb.render(bp, view="blueprint", format="png")   # bytes
```

Views (one module each in :mod:`.views`): ``lifecycle``, ``pipeline`` / ``pipeline:ID``,
``tools``, ``blueprint`` (one page per pipeline when it is too large for a slide:
:func:`render_pages`). Formats (one registry in :mod:`.renderers`): ``dot``, ``mermaid``,
``svg`` (text, returned as ``str``), ``png``, ``pdf`` (``bytes``). SVG, PNG and PDF need a
Graphviz layout program (see :mod:`salesblueprint.diagrams.layout`). Importing this package is
light: the model is imported when something is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from salesblueprint.diagrams.layout import LayoutError, NoGraphvizError
from salesblueprint.diagrams.views import PAGE_MODES, ViewError, choices_text, load_all

if TYPE_CHECKING:
    from salesblueprint.diagnostics.findings import Finding
    from salesblueprint.diagrams.ir import Diagram
    from salesblueprint.diagrams.renderers import Renderer
    from salesblueprint.model.blueprint import Blueprint

VIEWS = tuple(load_all())
"""The view names (the registry in :mod:`salesblueprint.diagrams.views`)."""

__all__ = [
    "PAGE_MODES",
    "VIEWS",
    "LayoutError",
    "NoGraphvizError",
    "RenderError",
    "ViewError",
    "finding_list",
    "formats",
    "get_renderer",
    "render",
    "render_pages",
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
    lang: str | None = None,
) -> str | bytes:
    """Draw one view of ``bp`` in one format.

    Returns ``str`` for text formats (dot, mermaid, svg) and ``bytes`` for png and pdf.
    With ``findings`` (from the caller's own ``check``, with its configuration) the stages with
    findings are coloured by their worst severity; this package never runs the checks itself.
    Raises :class:`ViewError` for an unknown view or pipeline (or a view that is not text),
    :class:`RenderError` for an unknown format or findings that are not findings, and
    :class:`LayoutError` (with ``.dot``, the DOT source) when Graphviz is missing or fails.
    All three are exported by :mod:`salesblueprint` (``sb.ViewError`` ...). The diagram's own
    words are in the blueprint's ``language:``, or in ``lang`` if given.
    """
    renderer, found = _prepare(view, format, findings)
    from salesblueprint.diagrams.extract import extract
    from salesblueprint.i18n import translator

    return renderer.fn(extract(bp, view, found, translator(lang) if lang else None))


def render_pages(
    bp: Blueprint,
    view: str = "blueprint",
    format: str = "svg",
    *,
    findings: Iterable[Finding] | None = None,
    pages: str = "auto",
    lang: str | None = None,
) -> list[str | bytes]:
    """Draw one view of ``bp`` as one or more pages, each as :func:`render` returns it.

    Only the blueprint view has several pages: with ``pages="auto"`` when one slide would not
    hold it (the text would shrink under 9 px on a 1920 × 1080 slide), with
    ``pages="pipeline"`` always; the first page holds the tools and the lifecycle, then each
    pipeline has a page. ``pages="one"`` never splits. Raises what :func:`render` raises, and
    :class:`ViewError` for an unknown ``pages``.
    """
    renderer, found = _prepare(view, format, findings)
    from salesblueprint.diagrams.extract import extract_pages
    from salesblueprint.i18n import translator

    tr = translator(lang) if lang else None
    return [renderer.fn(d) for d in extract_pages(bp, view, found, pages, fits_slide, tr)]


MIN_TEXT_PX = 9.0
"""The smallest text a page may show on a 1920 × 1080 slide (its smallest font is 10 pt)."""
MAX_RATIO = 2.0
"""The widest page, as width/height, that still fills a 16:9 slide well."""


def fits_slide(d: Diagram) -> bool | None:
    """Whether ``d``, laid out by Graphviz, fits a 16:9 slide: width/height at most
    :data:`MAX_RATIO`, 10-point text at least :data:`MIN_TEXT_PX`; ``None`` without Graphviz."""
    from salesblueprint.diagrams.layout import run_layout, slide_scale
    from salesblueprint.diagrams.renderers.dot import to_dot

    try:
        svg = run_layout(to_dot(d), "svg").decode("utf-8")
    except LayoutError:
        return None
    scale, ratio = slide_scale(svg)
    return scale * 10 >= MIN_TEXT_PX and ratio <= MAX_RATIO


def _prepare(
    view: object, fmt: object, findings: Iterable[Finding] | None
) -> tuple[Renderer, list[Finding] | None]:
    """The renderer for ``fmt`` and the findings as a list, or the error for bad arguments."""
    if not isinstance(view, str):
        raise ViewError(f"view must be text ({choices_text()}), got {type(view).__name__}")
    renderer = get_renderer(fmt) if isinstance(fmt, str) else None
    if renderer is None:
        raise RenderError(fmt)
    if isinstance(findings, bool):
        raise RenderError(
            fmt,
            "diagrams.render takes the findings themselves; "
            "salesblueprint.render(bp, findings=True) runs check first",
        )
    return renderer, None if findings is None else finding_list(str(fmt), findings)


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
