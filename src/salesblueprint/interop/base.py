"""The CRM-neutral shapes every importer produces and every exporter and drift reads.

Importers turn a CRM's file (or API response) into :class:`CrmData`: pipelines of stages in
the CRM's order, each with the CRM's own id, plus what could not be carried over. Nothing here
imports pydantic or the blueprint model, so reading a CRM file stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from salesblueprint.i18n import Translator

Outcome = Literal["won", "lost"]


class InteropError(Exception):
    """Unreadable or refused input: the CLI prints it and exits 2.

    ``file``, ``line`` and ``column`` (from 1) say where, when known; ``str()`` gives
    ``file:line:column: message``.
    """

    def __init__(
        self, message: str, file: str = "", line: int | None = None, column: int | None = None
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.column = column if line is not None else None
        super().__init__(f"{self.where}: {message}" if self.where else message)

    @property
    def where(self) -> str:
        """``file``, ``file:line`` or ``file:line:column``."""
        if not self.file or self.line is None:
            return self.file
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")

    def render(self, tr: Translator) -> str:
        """``file:line:column: message`` with the message in ``tr``'s language."""
        return f"{self.where}: {tr(self.message)}" if self.where else tr(self.message)


@dataclass
class CrmStage:
    """One stage as the CRM holds it."""

    id: str
    label: str
    probability: float | None = None  # 0..1
    outcome: Outcome | None = None
    expected_days: int | None = None
    guidance: str | None = None
    converted: bool = False  # a lead status: the status a converted lead gets


@dataclass
class CrmPipeline:
    """One pipeline (HubSpot pipeline, Salesforce business process, Pipedrive pipeline)."""

    id: str
    label: str
    stages: list[CrmStage] = field(default_factory=list)
    # False for Pipedrive: won and lost are deal statuses there, not stages
    outcomes_are_stages: bool = True


@dataclass
class CrmData:
    """What an importer read: the pipelines, and what it could not carry over."""

    crm: str
    source: str
    pipelines: list[CrmPipeline] = field(default_factory=list)
    # the lead's statuses up to the conversion (Salesforce LeadStatus); the last is converted
    lead_stages: list[CrmStage] = field(default_factory=list)
    # every active lead status in the CRM's order (None: the source holds no lead statuses)
    lead_statuses: list[CrmStage] | None = None
    notes: list[str] = field(default_factory=list)
    unknown_fields: set[str] = field(default_factory=set)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


class FieldCheck:
    """Collects field names a reader does not know, as ``where.field`` (listed, not fatal)."""

    def __init__(self, data: CrmData) -> None:
        self.data = data

    def __call__(self, obj: dict[str, Any], known: frozenset[str], where: str) -> None:
        for key in obj:
            if key not in known:
                self.data.unknown_fields.add(f"{where}.{key}" if where else key)


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slug(text: str, fallback: str = "stage") -> str:
    """An id for the blueprint format: lower-case letters, digits and ``_``, starting with a
    letter (``Proposal/Price Quote`` -> ``proposal_price_quote``)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = _SLUG_RE.sub("_", ascii_text.lower()).strip("_")
    if not s:
        return fallback
    if not s[0].isalpha():
        s = f"{fallback}_{s}"
    return s


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base_2``, ``base_3`` ... the first not in ``taken`` (which it joins)."""
    out, n = base, 2
    while out in taken:
        out, n = f"{base}_{n}", n + 1
    taken.add(out)
    return out


def fraction(value: float) -> float:
    """A probability rounded the way CRMs store it (whole percents, 0.005 kept as 0.01)."""
    return round(value, 4)
