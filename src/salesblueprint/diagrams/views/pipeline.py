"""The ``pipeline`` view (``pipeline:ID`` for one): deal stages, outcomes, after-close stages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesblueprint.diagrams.views import view
from salesblueprint.i18n import N_

if TYPE_CHECKING:
    from salesblueprint.diagrams.extract import Builder


@view("pipeline", argument="ID", help=N_("every deal pipeline, or the one with id ID"))
def build(b: Builder, argument: str) -> str | None:
    from salesblueprint.diagrams.chrome import C  # in the diagram's language
    from salesblueprint.diagrams.extract import _add_pipeline, _pipelines_for

    pipes = _pipelines_for(b.bp, argument)
    for p in pipes:
        _add_pipeline(b, p)
    return str(C.VIEW_ONE_PIPELINE.format(label=pipes[0].label)) if len(pipes) == 1 else None
