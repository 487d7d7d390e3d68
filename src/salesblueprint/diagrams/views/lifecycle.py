"""The ``lifecycle`` view: the lifecycle stages in one swimlane per owning team."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesblueprint.diagrams.views import view
from salesblueprint.i18n import N_

if TYPE_CHECKING:
    from salesblueprint.diagrams.extract import Builder


@view("lifecycle", help=N_("one lane per owning team"))
def build(b: Builder, argument: str) -> str | None:
    from salesblueprint.diagrams.extract import _add_lifecycle

    _add_lifecycle(b)
    return None
