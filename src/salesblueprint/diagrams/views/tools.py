"""The ``tools`` view: the tool map, its data flows and its blind spots."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesblueprint.diagrams.views import view
from salesblueprint.i18n import N_

if TYPE_CHECKING:
    from salesblueprint.diagrams.extract import Builder


@view("tools", help=N_("the tool map"))
def build(b: Builder, argument: str) -> str | None:
    from salesblueprint.diagrams.extract import _add_tools, _blind_spots, _tool_flows

    _add_tools(b)
    _tool_flows(b)
    _blind_spots(b)
    return None
