"""CRM interop: import a CRM's pipelines as a blueprint, export a blueprint in the CRM's own
format, and report drift between the two.

```python
from salesblueprint import interop
text = interop.import_crm("hubspot", "pipelines.json")           # blueprint YAML
text = interop.import_crm("hubspot", "pipelines.json", lang="nl")  # a Dutch blueprint
result = interop.export_crm(bp, "salesforce")                    # files and notes
findings = interop.drift(bp, "pipedrive", "stages.json")         # list[Finding]
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from salesblueprint.interop.base import CrmData, CrmPipeline, CrmStage, InteropError
from salesblueprint.interop.registry import CRMS, NAMES, Crm, get

if TYPE_CHECKING:
    from salesblueprint.diagnostics.findings import Finding
    from salesblueprint.model.blueprint import Blueprint, Pipeline

__all__ = [
    "CRMS",
    "NAMES",
    "Crm",
    "CrmData",
    "CrmPipeline",
    "CrmStage",
    "Export",
    "InteropError",
    "drift",
    "export_crm",
    "fetch_crm",
    "import_crm",
    "read_crm",
]


def read_crm(crm: str, source: str, pipeline: str | None = None) -> CrmData:
    """The CRM's pipelines from a file (HubSpot, Pipedrive) or folder (Salesforce)."""
    return get(crm).read(source, pipeline)


def fetch_crm(
    crm: str, token: str, pipeline: str | None = None, base_url: str | None = None
) -> CrmData:
    """The CRM's pipelines over its API (HubSpot, Pipedrive)."""
    return get(crm).fetch(token, pipeline, base_url)


def import_crm(
    crm: str,
    source: str | CrmData,
    pipeline: str | None = None,
    name: str | None = None,
    lang: str | None = None,
) -> str:
    """Blueprint YAML for the CRM's pipelines, with a header saying what was not carried over.

    ``lang`` (e.g. ``"nl"``): the blueprint's ``language:``, and the language of the header and
    of the names and description salesblueprint writes; default English.
    """
    from salesblueprint.interop.build import blueprint_yaml

    data = source if isinstance(source, CrmData) else read_crm(crm, source, pipeline)
    return blueprint_yaml(data, name, lang)


@dataclass
class Export:
    """What an export produced: a JSON payload (``text``) or a folder (``files``), and notes
    on what the CRM cannot enforce or hold."""

    crm: str
    text: str | None = None
    files: dict[str, str] = field(default_factory=dict)
    # messages (``salesblueprint.i18n.Msg``): render each with a translator for another language
    notes: list[str] = field(default_factory=list)


def _pick(bp: Blueprint, pipeline: str | None, several: bool) -> list[Pipeline]:
    from salesblueprint.i18n import _

    if not bp.pipelines:
        raise InteropError(_("the blueprint has no pipelines to export"), bp.file)
    ids = ", ".join(x.id for x in bp.pipelines)
    if pipeline is not None:
        p = bp.pipeline(pipeline)
        if p is None:
            raise InteropError(
                _("no pipeline '{id}'; the blueprint has: {ids}", id=pipeline, ids=ids), bp.file
            )
        return [p]
    if len(bp.pipelines) > 1 and not several:
        raise InteropError(
            _("the blueprint has several pipelines; choose one with --pipeline ID: {ids}", ids=ids),
            bp.file,
        )
    return list(bp.pipelines)


def export_crm(bp: Blueprint, crm: str, pipeline: str | None = None) -> Export:
    """The blueprint in the CRM's format (one pipeline for HubSpot and Pipedrive)."""
    from salesblueprint.diagnostics.safe_text import json_dumps

    c = get(crm)
    mod = c.load()
    if c.export_kind == "dir":
        try:
            files, notes = mod.export(bp, _pick(bp, pipeline, several=True))
        except InteropError as e:  # what the blueprint holds that the CRM cannot: say where
            raise (InteropError(e.message, bp.file) if not e.file and bp.file else e) from None
        return Export(crm, files=files, notes=notes)
    (p,) = _pick(bp, pipeline, several=False)
    payload = mod.create_payload(p) if crm == "hubspot" else mod.stages_payload(p)
    text = json_dumps(payload, indent=2) + "\n"
    return Export(crm, text=text, notes=mod.export_notes(bp, p))


def drift(
    bp: Blueprint, crm: str | CrmData, source: str | None = None, lang: str | None = None
) -> list[Finding]:
    """Findings for every difference between the blueprint and the CRM's pipelines (and, for
    Salesforce, between its lead lifecycle and the lead statuses), in ``lang`` (default: the
    blueprint's ``language:``)."""
    from salesblueprint.i18n import translator
    from salesblueprint.interop.drift import drift as _drift

    if isinstance(crm, CrmData):
        data = crm
    else:
        if source is None:
            raise ValueError("give the CRM source (file or folder)")
        data = read_crm(crm, source)
    return _drift(bp, data, translator(lang or bp.language))
