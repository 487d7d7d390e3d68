"""The JSON Schema (draft 2020-12) of the blueprint format, generated from the pydantic models.

Editors use it for completion, hover help and validation while you type (``salesblueprint
schema``); ``schema/blueprint.schema.json`` in the repository is a copy kept identical by a test.

The schema describes the YAML as an editor reads it, so it differs from the models in a few
places on purpose:

- an exit criterion is a mapping *or* a plain string (the shorthand for ``{outcome: ...}``);
- text fields also accept numbers and booleans (``name: 2024`` is text for salesblueprint);
- ids and references carry their pattern; optional keys may be omitted but are never ``null``.

The loader stays the authority: it reports everything the schema does and more (references,
duplicate ids, graph and norm checks).
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "urn:salesblueprint:schema:blueprint:v1"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

_EXAMPLE: dict[str, Any] = {
    "salesblueprint": 1,
    "name": "Acme B2B inbound",
    "teams": [{"id": "sales"}],
    "pipelines": [
        {
            "id": "new_business",
            "owner": "sales",
            "stages": [
                {"id": "needs_confirmed", "name": "Needs confirmed", "probability": 0.2},
                {"id": "won", "outcome": "won"},
                {"id": "lost", "outcome": "lost"},
            ],
        }
    ],
}

# Help for keys whose model field has no description yet (the model's own text wins). Better
# moved into ``Field(description=...)`` in model/blueprint.py; a test keeps every key described.
_MODEL_HELP: dict[str, str] = {
    "Disqualify": "Why sales may disqualify a lead instead of working or recycling it.",
    "Flow": "Data moving from one tool to another.",
    "Handoff": "The moment marketing hands a lead to sales, and how fast sales follows up.",
    "Lifecycle": "The contact/company journey, from first touch to customer and beyond.",
    "Recycle": "When sales hands a lead back to marketing.",
    "Scoring": "Lead scoring: points per signal and the threshold that makes a lead an MQL.",
    "ScoringRule": "One scoring signal and its points.",
    "Targets": "Revenue targets for the funnel maths.",
    "Team": "A team that owns stages (marketing, sales, customer success ...).",
    "Tool": "A tool of the tool map and the records it holds.",
}
_FIELD_HELP: dict[tuple[str, str], str] = {
    ("Blueprint", "name"): "Name of the blueprint (required).",
    ("Blueprint", "description"): "What this blueprint describes.",
    ("Blueprint", "owner"): "Who maintains this blueprint (a person, team or e-mail address).",
    ("Blueprint", "teams"): "The teams; every `owner:` names one of them.",
    ("Blueprint", "lifecycle"): "The contact/company journey (Lead ... Customer).",
    ("Blueprint", "pipelines"): "Deal pipelines; a blueprint may have several.",
    ("Blueprint", "sla"): "The marketing/sales agreement: handoff, recycling, scoring, targets.",
    ("Blueprint", "tools"): "The tool map: which tool holds which records.",
    ("Blueprint", "flows"): "Data moving between tools.",
    ("Blueprint", "lint"): "Rule settings for the whole blueprint.",
    ("Disqualify", "reasons"): "Allowed disqualification reasons.",
    ("Flow", "when"): "The condition, in words.",
    ("Handoff", "attempts"): "Follow-up attempts sales makes before recycling the lead.",
    ("Lifecycle", "transitions"): 'Moves other than "to the next stage in list order".',
    ("Pipeline", "id"): "Pipeline id, used by a lifecycle stage's `pipeline:` and references.",
    ("Pipeline", "name"): "Display name.",
    ("Pipeline", "description"): "What this pipeline is for.",
    ("Pipeline", "stages"): "Open stages in order, then the outcome stages (won, lost).",
    ("Pipeline", "transitions"): 'Moves other than "to the next stage in list order".',
    ("Recycle", "from"): "Sales stage the lead leaves.",
    ("Recycle", "to"): "Marketing stage the lead goes back to.",
    ("Recycle", "when"): "The condition, in words.",
    ("Recycle", "reasons"): "Allowed recycle reasons.",
    ("SLA", "handoff"): "The handoff from marketing to sales.",
    ("SLA", "recycle"): "When sales hands a lead back to marketing.",
    ("SLA", "disqualify"): "Disqualification reasons.",
    ("SLA", "scoring"): "Lead scoring.",
    ("SLA", "targets"): "Revenue targets.",
    ("Scoring", "threshold"): "Score at which a lead becomes marketing qualified.",
    ("Scoring", "rules"): "Signals and their points.",
    ("ScoringRule", "signal"): "What is observed, in words.",
    ("ScoringRule", "kind"): "fit (who they are) or behaviour (what they did).",
    ("ScoringRule", "points"): "Points added (or, negative, taken away).",
    ("Targets", "period"): "The period the targets are for.",
    ("Targets", "revenue"): "Revenue target for the period.",
    ("Targets", "currency"): "Currency code, e.g. EUR.",
    ("Targets", "average_deal_size"): "Average revenue per won deal.",
    ("Team", "description"): "What the team does.",
    ("Tool", "id"): "Tool id, used by `recorded_in:` (`tool` or `tool.record`) and flows.",
    ("Tool", "name"): "Display name, e.g. the product.",
    ("Tool", "description"): "What the tool is used for.",
    ("Tool", "category"): "crm, marketing_automation, quoting, invoicing, email, support, other.",
    ("Transition", "reasons"): "Reasons recorded for this move.",
}

# pydantic leaves constraints of ``Annotated[float, BeforeValidator(...), Field(ge=0)]``
# under their Python names; JSON Schema spells them differently.
_DURATION_PATTERN = (
    r"^\s*(\d+(\.\d+)?\s*(m|min|h|d|w)|P(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)\s*$"
)
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _generator() -> type[Any]:
    from pydantic.json_schema import GenerateJsonSchema

    from salesblueprint.model import types

    patterns = {types._id: types.ID_PATTERN, types._ref: types._REF_RE.pattern}
    text_fns = {types._text}

    class _Generate(GenerateJsonSchema):
        def function_before_schema(self, schema: Any) -> Any:
            out = super().function_before_schema(schema)
            fn = schema.get("function", {}).get("function")
            inner = schema.get("schema", {})
            if inner.get("type") == "function-after" and (
                inner.get("function", {}).get("function") is types._duration
            ):
                out = {**out, "pattern": _DURATION_PATTERN, "examples": ["24h", "2d", "PT24H"]}
            elif fn in patterns and out.get("type") == "string":
                out = {**out, "pattern": patterns[fn]}
            elif fn in text_fns and out.get("type") == "string":
                out = {**out, "type": ["string", "number", "boolean"]}
            return out

    return _Generate


def _clean(node: Any) -> Any:
    """Fix bounds, drop ``null`` alternatives and ``default: null``, recursively."""
    if isinstance(node, list):
        return [_clean(x) for x in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _BOUNDS and isinstance(value, int | float) and "type" in node:
            out[_BOUNDS[key]] = value
        elif key == "default" and value is None:
            continue
        else:
            out[key] = _clean(value)
    any_of = out.get("anyOf")
    if isinstance(any_of, list):
        rest = [x for x in any_of if x != {"type": "null"}]
        if len(rest) == 1:
            del out["anyOf"]
            out = {**rest[0], **out}
        else:
            out["anyOf"] = rest
    return out


def _describe(schema: dict[str, Any]) -> None:
    models = {"Blueprint": schema, **schema["$defs"]}
    for model, definition in models.items():
        if model in _MODEL_HELP:
            definition.setdefault("description", _MODEL_HELP[model])
        for key, prop in definition.get("properties", {}).items():
            if (model, key) in _FIELD_HELP:
                prop.setdefault("description", _FIELD_HELP[(model, key)])


def _criterion_shorthand(schema: dict[str, Any]) -> None:
    shorthand = {
        "type": ["string", "number", "boolean"],
        "title": "Exit criterion (shorthand)",
        "description": "The outcome only; same as `{outcome: ...}`.",
        "examples": ["Buyer named the people involved in the decision"],
    }
    for definition in schema["$defs"].values():
        prop = definition.get("properties", {}).get("exit_criteria")
        if prop is not None:
            prop["items"] = {"anyOf": [{"$ref": "#/$defs/ExitCriterion"}, shorthand]}
            prop.setdefault(
                "examples",
                [
                    [
                        {
                            "outcome": "Buyer confirmed problem, impact and timeline in a reply",
                            "evidence": "Email reply logged on the deal",
                            "recorded_in": "crm.email",
                        }
                    ]
                ],
            )


def blueprint_schema() -> dict[str, Any]:
    """The JSON Schema of a blueprint file, as a dict."""
    from salesblueprint.model.blueprint import Blueprint

    raw = Blueprint.model_json_schema(by_alias=True, schema_generator=_generator())
    schema: dict[str, Any] = _clean(raw)
    _criterion_shorthand(schema)
    _describe(schema)
    schema["properties"]["salesblueprint"] = {
        "const": 1,
        "description": "Format version; must be 1.",
        "title": "Format version",
    }
    schema.update(
        {
            "$schema": DRAFT,
            "$id": SCHEMA_ID,
            "title": "salesblueprint blueprint (format v1)",
            "description": "A sales process as code: lifecycle stages, deal pipelines, the "
            "marketing/sales SLA and the tool map. Check it with `salesblueprint check`.",
            "examples": [_EXAMPLE],
        }
    )
    return schema


def schema_json() -> str:
    """The schema as the ``schema`` command prints it: sorted keys, indent 2, final newline."""
    return (
        json.dumps(
            blueprint_schema(), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False
        )
        + "\n"
    )
