"""The ``blueprint`` view: all of it on one 16:9 slide, in rows of cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesblueprint.diagrams.views import view

if TYPE_CHECKING:
    from salesblueprint.diagrams.extract import Builder


@view("blueprint", help="all of it on one slide")
def build(b: Builder, argument: str) -> str | None:
    from salesblueprint.diagrams.extract import (
        CARD_WRAP,
        _add_lifecycle,
        _add_pipeline,
        _add_tools,
        _fit,
        _pack,
        _rows,
    )

    b.width = CARD_WRAP
    _add_tools(b, compact=True)
    _add_lifecycle(b, full=True)
    for p in b.bp.pipelines:
        _add_pipeline(b, p, full=True)
    width = _fit(b)
    for section in b.sections:
        _rows(b, _pack(section, width))
    return None
