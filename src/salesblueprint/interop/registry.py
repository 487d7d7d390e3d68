"""The one list of CRMs: what each reads, whether it has a live API, how it exports.

The CLI's choices (``import hubspot|salesforce|pipedrive`` ...) derive from :data:`CRMS`; each
connector module is imported only when used, so the command line starts fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from salesblueprint.i18n import _

if TYPE_CHECKING:
    from salesblueprint.interop.base import CrmData


@dataclass(frozen=True)
class Crm:
    name: str
    title: str
    module: str
    source: Literal["file", "dir"]  # what import and drift read
    source_help: str
    select_option: str  # how import narrows to one pipeline
    token_env: str | None = None  # live API token variable; None: file-based only
    export_kind: Literal["json", "dir"] = "json"
    # the CRM keeps lead statuses (drift compares the lifecycle with them): how to retrieve them
    lead_statuses: str | None = None

    def load(self) -> Any:
        return importlib.import_module(self.module)

    def read(self, source: str, pipeline: str | None = None) -> CrmData:
        data: CrmData = self.load().read(source, pipeline)
        return data

    def fetch(
        self, token: str, pipeline: str | None = None, base_url: str | None = None
    ) -> CrmData:
        if self.token_env is None:
            from salesblueprint.i18n import _
            from salesblueprint.interop.base import InteropError

            raise InteropError(
                _("{crm} has no live import; export its metadata to files", crm=self.title)
            )
        data: CrmData = self.load().fetch(token, pipeline, base_url)
        return data


CRMS: dict[str, Crm] = {
    c.name: c
    for c in (
        Crm(
            "hubspot",
            "HubSpot",
            "salesblueprint.interop.hubspot",
            "file",
            _("the JSON body of GET /crm/v3/pipelines/deals"),
            "--pipeline",
            token_env="HUBSPOT_TOKEN",
        ),
        Crm(
            "salesforce",
            "Salesforce",
            "salesblueprint.interop.salesforce",
            "dir",
            _("the source-format folder 'sf project retrieve start' writes"),
            "--process",
            export_kind="dir",
            lead_statuses="sf project retrieve start -m StandardValueSet:LeadStatus",
        ),
        Crm(
            "pipedrive",
            "Pipedrive",
            "salesblueprint.interop.pipedrive",
            "file",
            _("the JSON body of GET /api/v2/stages"),
            "--pipeline",
            token_env="PIPEDRIVE_API_TOKEN",
        ),
    )
}
NAMES = tuple(CRMS)


def get(name: str) -> Crm:
    try:
        return CRMS[name]
    except KeyError:
        raise ValueError(f"unknown CRM {name!r}; choose one of {', '.join(NAMES)}") from None
