"""The JSON Schema: generated from the models, committed, and agreeing with the loader."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from salesblueprint.cli import cli
from salesblueprint.schema import blueprint_schema, schema_json
from salesblueprint.templates import template_names, template_text

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schema" / "blueprint.schema.json"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _validator() -> Any:
    return jsonschema.Draft202012Validator(blueprint_schema())


def _errors(data: Any) -> list[str]:
    return [e.message for e in _validator().iter_errors(data)]


def test_committed_copy_is_identical() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_json(), (
        "schema/blueprint.schema.json is out of date; run: "
        "salesblueprint schema > schema/blueprint.schema.json"
    )


def test_schema_command_prints_it() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert result.output == schema_json()
    assert result.output.endswith("}\n")


def test_is_a_valid_draft_2020_12_schema() -> None:
    schema = blueprint_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"]
    jsonschema.Draft202012Validator.check_schema(schema)


def test_help_for_editors() -> None:
    schema = blueprint_schema()
    crit = schema["$defs"]["ExitCriterion"]["properties"]
    assert crit["outcome"]["description"] and crit["outcome"]["examples"]
    stage = schema["$defs"]["DealStage"]["properties"]
    assert stage["probability"] == {
        "description": stage["probability"]["description"],
        "maximum": 1,
        "minimum": 0,
        "title": "Probability",
        "type": "number",
    }
    assert stage["id"]["pattern"] == "^[a-z][a-z0-9_]*$"
    assert schema["examples"] and not _errors(schema["examples"][0])


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_validate(path: Path) -> None:
    assert not _errors(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", template_names())
def test_templates_validate(name: str) -> None:
    assert not _errors(yaml.safe_load(template_text(name)))


def _template() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(template_text("hubspot"))
    return data


def test_misspelt_keys_are_rejected() -> None:
    top = _template()
    top["pipeline"] = top.pop("pipelines")
    assert _errors(top)
    stage = _template()
    s = stage["pipelines"][0]["stages"][0]
    s["exit_critera"] = s.pop("exit_criteria")
    assert any("exit_critera" in e for e in _errors(stage))
    crit = _template()
    crit["lifecycle"]["stages"][0]["exit_criteria"][0]["recorded"] = "hubspot"
    assert _errors(crit)


def test_bad_values_are_rejected() -> None:
    cases: list[tuple[list[Any], Any]] = [
        (["pipelines", 0, "stages", 0, "probability"], 1.5),
        (["pipelines", 0, "stages", 0, "id"], "Needs Confirmed"),
        (["pipelines", 0, "stages", 0, "outcome"], "maybe"),
        (["sla", "handoff", "follow_up_within"], "a day"),
        (["salesblueprint"], 2),
        (["lifecycle", "stages", 0, "terminal"], "yes"),
    ]
    for path, value in cases:
        data = _template()
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
        assert _errors(data), f"{path} = {value!r} should not validate"


def test_shorthand_criterion_and_yaml_numbers() -> None:
    data = copy.deepcopy(_template())
    data["pipelines"][0]["stages"][0]["exit_criteria"].append("Buyer named the decision maker")
    data["pipelines"][0]["stages"][0]["name"] = 2024  # YAML number in a text field: text to us
    assert not _errors(data)


def test_minimal_blueprint() -> None:
    assert not _errors({"salesblueprint": 1, "name": "Only a name"})
    assert _errors({"name": "no version"})
    assert json.loads(schema_json())["required"] == ["salesblueprint", "name"]


def test_every_key_is_described() -> None:
    schema = blueprint_schema()
    missing = []
    for model, definition in {"Blueprint": schema, **schema["$defs"]}.items():
        if not definition.get("description"):
            missing.append(model)
        for key, prop in definition.get("properties", {}).items():
            if not prop.get("description"):
                missing.append(f"{model}.{key}")
    assert not missing, f"add a description (Field(description=...)) for: {missing}"
