"""``salesblueprint diff``: what a change does to the sales process (model and comparison).

The text, markdown and JSON renderings live with the other formatters in ``report/``.
"""

from __future__ import annotations

from salesblueprint.diff.compare import (
    BlueprintDiff,
    Change,
    Side,
    SideError,
    compare_blueprints,
    diff,
    diff_sides,
    is_git_spec,
    read_side,
)

__all__ = [
    "BlueprintDiff",
    "Change",
    "Side",
    "SideError",
    "compare_blueprints",
    "diff",
    "diff_sides",
    "is_git_spec",
    "read_side",
]
