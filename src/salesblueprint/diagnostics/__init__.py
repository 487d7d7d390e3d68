"""The bottom layer: codes, severities, findings and the "did you mean" hint.

Everything else (the YAML reader, the model loader, the rules, the reports, the CLI) builds on
this package; it imports nothing from salesblueprint outside itself.
"""

from __future__ import annotations

from salesblueprint.diagnostics.codes import BANDS, DECLARED, Code, Norm, Preset, declare
from salesblueprint.diagnostics.findings import (
    SEVERITIES,
    SEVERITY_RANK,
    BlueprintError,
    Finding,
    Path,
    PathPart,
    Severity,
    format_path,
    make_finding,
    summarize,
)
from salesblueprint.diagnostics.suggest import did_you_mean

__all__ = [
    "BANDS",
    "DECLARED",
    "SEVERITIES",
    "SEVERITY_RANK",
    "BlueprintError",
    "Code",
    "Finding",
    "Norm",
    "Path",
    "PathPart",
    "Preset",
    "Severity",
    "declare",
    "did_you_mean",
    "format_path",
    "make_finding",
    "summarize",
]
