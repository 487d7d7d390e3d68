"""``salesblueprint diff``: what a change does to the sales process (model and comparison).

The text, markdown and JSON renderings live with the other formatters in ``report/``.
"""

from __future__ import annotations

from salesblueprint.diff.compare import (
    DIFF_FORMATS,
    BlueprintDiff,
    Change,
    Side,
    SideError,
    compare_blueprints,
    diff,
    diff_sides,
    format_diff,
    is_git_spec,
    read_side,
)

__all__ = [
    "DIFF_FORMATS",
    "BlueprintDiff",
    "Change",
    "Side",
    "SideError",
    "compare_blueprints",
    "diff",
    "diff_sides",
    "format_diff",
    "is_git_spec",
    "read_side",
]
