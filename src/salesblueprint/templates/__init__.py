"""Starter blueprints for ``salesblueprint init --template NAME`` (package data).

Each ``<name>.blueprint.yaml`` here is a complete blueprint that checks clean: buyer-centric,
factual, inspectable exit criteria, each with its evidence and the declared ``tool.record``
it is recorded in.
"""

from __future__ import annotations

from importlib import resources

TEMPLATES: dict[str, str] = {
    "hubspot": "HubSpot's default lifecycle (Subscriber ... Evangelist) and a deal pipeline",
    "sirius": "the SiriusDecisions demand waterfall (inquiry, MQL, SAL, SQL) with an SLA",
    "startup": "a small founder-led team: one pipeline with a pilot, onboarding after the win",
    "saas": "product-led SaaS: trial, product-qualified lead, sales-assisted deals",
    "nl": "Dutch (language: nl): inbound leads for a B2B service company",
}
DEFAULT_TEMPLATE = "hubspot"
SUFFIX = ".blueprint.yaml"


def template_names() -> list[str]:
    return sorted(TEMPLATES)


def template_text(name: str) -> str:
    """The text of one template; ``KeyError`` for an unknown name."""
    if name not in TEMPLATES:
        raise KeyError(name)
    return resources.files(__name__).joinpath(name + SUFFIX).read_text(encoding="utf-8")
