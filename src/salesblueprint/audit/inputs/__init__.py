"""History inputs: which files, and how each input shape maps to the generic columns."""

from salesblueprint.audit.inputs.files import collect_history, file_kind
from salesblueprint.audit.inputs.sources import (
    ALL_COLUMNS,
    CANONICAL,
    OPTIONAL,
    SOURCES,
    Projection,
    parse_columns,
    project,
)

__all__ = [
    "ALL_COLUMNS",
    "CANONICAL",
    "OPTIONAL",
    "SOURCES",
    "Projection",
    "collect_history",
    "file_kind",
    "parse_columns",
    "project",
]
