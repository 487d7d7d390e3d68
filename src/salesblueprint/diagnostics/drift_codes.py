"""Codes ``salesblueprint drift`` reports: where a CRM's pipelines differ from the blueprint's.

Declared here, with the other codes, so that ``salesblueprint rule SB603`` and the docs explain
them; :mod:`salesblueprint.interop.drift` reports them. ``check`` never does. The summaries are
marked ``N_`` (``salesblueprint rules --lang nl`` shows them translated); the rest of each code's
docs in another language is ``i18n/docs/<lang>/<CODE>.md``.

The stage codes (SB601-SB604) cover a pipeline's stages and, for Salesforce, the lifecycle's
stages up to the lead conversion against the org's lead statuses.
"""

from __future__ import annotations

from salesblueprint.diagnostics.codes import N_, Code, declare

_DOC_TAIL = """
## Why is this bad?
The blueprint in git no longer tells the truth about the CRM the team works in: reviews,
checks and diagrams describe a process nobody runs.

## What to do
Change the CRM back, or change the blueprint (``salesblueprint import`` writes the CRM's
current stages, with their ``crm:`` ids, to compare with).
"""


def _declare(
    code: str, name: str, what: str, severity: str = "error", tail: str = _DOC_TAIL
) -> Code:
    return declare(
        code,
        name,
        group="drift",
        severity="error" if severity == "error" else "info",
        preset="recommended",
        doc=f"{what}\n\n## What it does\nReported by ``salesblueprint drift BLUEPRINT --against "
        f"CRM SOURCE``, never by ``check``.\n{tail}",
    )


STAGE_ADDED = _declare(
    "SB601",
    "crm-stage-added",
    N_("A stage the CRM has and the blueprint's pipeline (or lead lifecycle) does not."),
)
STAGE_REMOVED = _declare(
    "SB602",
    "crm-stage-removed",
    N_("A stage of the blueprint the CRM's pipeline (or lead statuses) no longer has."),
)
STAGE_RENAMED = _declare(
    "SB603",
    "crm-stage-renamed",
    N_("A stage whose label in the CRM differs from its blueprint name."),
)
STAGE_REORDERED = _declare(
    "SB604", "crm-stage-reordered", N_("A stage in another place in the CRM's stage order.")
)
PROBABILITY = _declare(
    "SB605",
    "crm-probability-changed",
    N_("A stage whose CRM probability differs from the blueprint's."),
)
OUTCOME = _declare(
    "SB606",
    "crm-outcome-changed",
    N_("A stage that is open, won or lost in the CRM but not so in the blueprint."),
)
PIPELINE_MISSING = _declare(
    "SB607", "crm-pipeline-missing", N_("A blueprint pipeline the CRM does not have.")
)
PIPELINE_EXTRA = _declare(
    "SB608",
    "crm-pipeline-not-in-blueprint",
    N_(
        "A CRM pipeline the blueprint does not describe (information: a blueprint may describe "
        "only some of the CRM's pipelines)."
    ),
    severity="info",
)
LEAD_CONVERSION = _declare(
    "SB609",
    "crm-lead-conversion-changed",
    N_(
        "The lead is converted at another lead status in the CRM than at the blueprint's "
        "conversion stage (Salesforce: the status marked converted)."
    ),
)
LEAD_STATUSES_UNKNOWN = _declare(
    "SB610",
    "crm-lead-statuses-not-compared",
    N_(
        "The blueprint converts the lead, but the CRM source holds no lead statuses to compare "
        "its lifecycle with (information: retrieve them too)."
    ),
    severity="info",
    tail="""
## Why is this bad?
Drift compares only what the source holds: a nightly job that retrieves the opportunity stages
but not the lead statuses never learns that an admin changed the statuses an SDR works through,
or which one converts the lead.

## What to do
Retrieve the lead statuses with the rest
(``sf project retrieve start -m StandardValueSet:LeadStatus``), or leave
``lead_conversion`` out of a blueprint that describes only the deals.
""",
)
