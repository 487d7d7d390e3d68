"""The ``blueprint`` view: all of it on one 16:9 slide, in rows of cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesblueprint.diagrams.views import view
from salesblueprint.i18n import N_

if TYPE_CHECKING:
    from salesblueprint.diagrams.extract import Builder


@view("blueprint", help=N_("all of it on one slide"))
def build(b: Builder, argument: str) -> str | None:
    from salesblueprint.diagrams.extract import _add_blueprint

    _add_blueprint(b, list(b.bp.pipelines))
    return None
