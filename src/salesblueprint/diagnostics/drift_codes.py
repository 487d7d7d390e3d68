"""Codes ``salesblueprint drift`` reports: where a CRM's pipelines differ from the blueprint's.

Declared here, with the other codes, so that ``salesblueprint rule SB603`` and the docs explain
them; :mod:`salesblueprint.interop.drift` reports them. ``check`` never does.
"""

from __future__ import annotations

from salesblueprint.diagnostics.codes import Code, declare

_DOC_TAIL = """
## Why is this bad?
The blueprint in git no longer tells the truth about the CRM the team works in: reviews,
checks and diagrams describe a process nobody runs.

## What to do
Change the CRM back, or change the blueprint (``salesblueprint import`` writes the CRM's
current stages, with their ``crm:`` ids, to compare with).
"""


def _declare(code: str, name: str, what: str, severity: str = "error") -> Code:
    return declare(
        code,
        name,
        group="drift",
        severity="error" if severity == "error" else "info",
        preset="recommended",
        doc=f"{what}\n\n## What it does\nReported by ``salesblueprint drift BLUEPRINT --against "
        f"CRM SOURCE``, never by ``check``.\n{_DOC_TAIL}",
    )


STAGE_ADDED = _declare(
    "SB601", "crm-stage-added", "A stage the CRM has and the blueprint's pipeline does not."
)
STAGE_REMOVED = _declare(
    "SB602", "crm-stage-removed", "A stage of the blueprint the CRM's pipeline no longer has."
)
STAGE_RENAMED = _declare(
    "SB603", "crm-stage-renamed", "A stage whose label in the CRM differs from its blueprint name."
)
STAGE_REORDERED = _declare(
    "SB604", "crm-stage-reordered", "A stage in another place in the CRM's stage order."
)
PROBABILITY = _declare(
    "SB605",
    "crm-probability-changed",
    "A stage whose CRM probability differs from the blueprint's.",
)
OUTCOME = _declare(
    "SB606",
    "crm-outcome-changed",
    "A stage that is open, won or lost in the CRM but not so in the blueprint.",
)
PIPELINE_MISSING = _declare(
    "SB607", "crm-pipeline-missing", "A blueprint pipeline the CRM does not have."
)
PIPELINE_EXTRA = _declare(
    "SB608",
    "crm-pipeline-not-in-blueprint",
    "A CRM pipeline the blueprint does not describe (information: a blueprint may describe "
    "only some of the CRM's pipelines).",
    severity="info",
)
