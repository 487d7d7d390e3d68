"""Codes: what a finding can be about, with its name, group, default severity and docs.

A :class:`Code` is declared once, at the bottom of the package, so that every layer (the YAML
reader, the model loader, the rule engine) reports with the same values. The rule registry
(``rules/registry.py``) lists the declared codes next to the checks, so that
``salesblueprint rule SB003`` and the docs explain them too.

Code bands: ``SB0xx`` reading the file (syntax, guards, schema, references), ``SB1xx`` the
stage graph (``SB15x`` the deal pipeline), ``SB2xx`` the four norms of exit criteria, ``SB3xx``
the marketing-sales SLA, ``SB4xx`` tools and data flows, ``SB5xx`` completeness, ``SB6xx``
drift against a CRM, ``SB9xx`` the engine itself.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Literal

from salesblueprint.diagnostics.findings import Severity

Preset = Literal["correctness", "recommended"]
Norm = Literal["required", "factual", "inspectable", "buyer-centric"]

CODE_RE = re.compile(r"^SB\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def N_(msgid: str) -> str:
    """Marks a text for the catalogs (as ``salesblueprint.i18n.N_``, a layer above this one)."""
    return msgid


#: code bands: first code, last code, what the band holds (the docs list them from here)
BANDS: tuple[tuple[str, str, str], ...] = (
    ("SB001", "SB099", N_("reading the file: YAML syntax, safety guards, schema, references")),
    ("SB100", "SB149", N_("the stage graph: reachability, outcomes, cycles")),
    ("SB150", "SB199", N_("the deal pipeline: probabilities, owners, lost reasons")),
    ("SB200", "SB299", N_("the four norms of exit criteria and stage names")),
    ("SB300", "SB399", N_("the marketing-sales SLA: hand-offs, recycling, scoring, targets")),
    ("SB400", "SB499", N_("tools, systems of record and data flows")),
    ("SB500", "SB599", N_("completeness: what a blueprint leaves undefined")),
    ("SB600", "SB699", N_("drift: where a CRM differs from the blueprint (salesblueprint drift)")),
    ("SB900", "SB999", N_("the rule engine itself: failed checks, ignores")),
)


@dataclass(frozen=True)
class Code:
    """A finding's code (``SB101``) and human name (``unreachable-stage``), with its docs."""

    code: str
    name: str
    group: str
    severity: Severity
    preset: Preset
    doc: str
    norm: Norm | None = None

    @property
    def summary(self) -> str:
        """The first line of the docs."""
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""


def validate(c: Code) -> None:
    """Raise ``ValueError`` for a malformed code, name or empty docs."""
    if not CODE_RE.match(c.code):
        raise ValueError(f"bad rule code {c.code!r}")
    if not NAME_RE.match(c.name):
        raise ValueError(f"bad rule name {c.name!r}: use kebab-case")
    if not c.doc.strip():
        raise ValueError(f"rule {c.code} has no docs")


#: codes declared without a check function (the loader's); the rule registry lists them too
DECLARED: dict[str, Code] = {}


def declare(
    code: str,
    name: str,
    *,
    group: str,
    severity: Severity,
    doc: str,
    preset: Preset = "correctness",
) -> Code:
    """Declare a code reported while reading a file (no check function)."""
    c = Code(code, name, group, severity, preset, inspect.cleandoc(doc))
    validate(c)
    old = DECLARED.get(code)
    if old is not None and old != c:
        raise ValueError(f"code {code} declared twice")
    DECLARED[code] = c
    return c
